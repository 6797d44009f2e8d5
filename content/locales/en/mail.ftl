# Every email Tend sends: subjects, lines, links and footers. Neutral: never a name, never
# anything anyone wrote. Read through tend_core::msg by crates/tend-web/src/mail/messages.rs
# (checked at build time by crates/tend-core/build.rs).

mail-open-tend = Open Tend
mail-unsubscribe = Unsubscribe: { $link }
mail-reminder-footer = You chose to get reminders from Tend. You can change them or turn them off in Tend's settings at any time. { $link }

## A reminder: only the names of what is there today.

mail-reminder-subject = A gentle reminder from Tend
mail-reminder-intro = There's something waiting for you in Tend, whenever it suits you:

## Something from the partner waits on Today: no name, no words, no kind.

mail-something-new-subject = Something new in Tend
mail-something-new-line = There's something new for you in Tend, whenever you have a moment.

## Confirming the free course.

mail-course-confirm-subject = Please confirm your free Tend course
mail-course-confirm-asked = Someone, hopefully you, asked for Tend's free eight-week course at this address.
mail-course-confirm-how = To start it, confirm with the link below. It works for 48 hours.
mail-course-confirm-not-you = If it wasn't you, there's nothing to do: without a confirmation, nothing more is sent.
mail-course-confirm-link = Confirm and start the course
mail-course-confirm-footer = You'll only hear from Tend again if you confirm.

## A week of the course, and the weekly tips after it.

mail-course-week-subject = Your Tend course, week { $week } of 8
mail-course-week-focus = Week { $week }: { $focus }
mail-course-week-closing = Take what helps and leave the rest. Small steps count.
mail-course-week-footer = You're receiving Tend's free course because you asked for it and confirmed.
mail-tip-subject = A small idea for this week, from Tend
mail-tip-footer = You're receiving Tend's weekly tips because you asked for them with the free course.
mail-read-guides = Read the guides

## Choosing a new password.

mail-reset-subject = Choosing a new Tend password
mail-reset-asked = Someone, hopefully you, asked to choose a new password for the Tend account at this address.
mail-reset-how = The link below lets you choose one. It works once, for one hour.
mail-reset-not-you = If it wasn't you, there's nothing to do: your password stays as it is.
mail-reset-link = Choose a new password
mail-reset-footer = Tend sent this because a new password was asked for at its log-in page.

## Moving an account to a new address, and telling the old one.

mail-email-change-subject = Please confirm your new email for Tend
mail-email-change-asked = Someone, hopefully you, asked to sign in to Tend with this address from now on.
mail-email-change-how = To make the change, confirm with the link below. It works once, for 24 hours.
mail-email-change-not-you = If it wasn't you, there's nothing to do: without a confirmation, nothing changes.
mail-email-change-link = Confirm the new address
mail-email-change-footer = Tend sent this because a change of email was asked for in an account's settings.
mail-email-changed-subject = Your Tend sign-in email was changed
mail-email-changed-line = The Tend account that used this address now signs in with another one, confirmed from that address.
mail-email-changed-if-you = If that was you, there's nothing to do. If it wasn't, please tell whoever hosts Tend for you straight away.
mail-email-changed-footer = This is the last email Tend sends to this address for that account.
