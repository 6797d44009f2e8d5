# Reminders: what each one is for, and the lines the calendar feed and emails carry.
# Read through tend_core::msg (checked at build time by crates/tend-core/build.rs).

## services/reminders.rs

reminders-daily-rituals = Daily rituals, at the times you both chose
reminders-weekly-check-day-at = The weekly check, on the day and at the time below
reminders-when-new-week-your = When a new week of your plan begins
reminders-when-its-time-come = When it's time to come back after a pause
reminders-when-time-capsule-can = When a time capsule can be opened
reminders-when-agreement-due-look = When an agreement is due for a look together
reminders-when-your-partner-reaches = When your partner reaches out: an invitation, a repair, something shared (at most one an hour)
reminders-choose-from-reminders-listed = Please choose from the reminders listed.
reminders-give-quiet-hours-as = Please give quiet hours as times such as 21:00 and 08:00.
reminders-choose-day-time-weekly = Please choose a day and a time for the weekly check.

## mail/planner.rs

planner-new-week-your-plan = A new week of your plan has begun.
planner-time-capsule-can-opened = A time capsule can be opened from today.
planner-your-weekly-check-whenever = Your weekly check, whenever you're both ready.
planner-agreement-due-look-together = An agreement is due for a look together.
planner-time-you-chose-come = The time you chose to come back after a pause has come.

## services/calendar.rs

calendar-weekly-check-summary = Tend: weekly check
calendar-weekly-check-description = Your weekly check, whenever you're both ready.
    { $link }
calendar-ritual-description = { $ritual }: a few minutes, whenever it suits you.
    { $link }
calendar-pause-description = The time you chose to come back after a pause.
    { $link }
calendar-plan-week-summary = Tend: week { $week } begins
calendar-plan-week-description = A new week of your plan begins.
    { $link }
calendar-plan-week-again-summary = Tend: week { $week } once more
calendar-plan-week-again-description = A week of your plan comes once more, at your pace.
    { $link }
calendar-agreement-summary = Tend: an agreement's review day
calendar-agreement-description = An agreement is due for a look together.
    { $link }
