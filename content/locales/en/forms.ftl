# What a person is told when something they sent can't be taken as it is, or has already happened.
# Read through tend_core::msg (checked at build time by crates/tend-core/build.rs).

## services/help.rs

help-choose-from-signs-listed = Please choose from the signs listed.

## services/couples.rs

couples-your-partner-has-already = Your partner has already joined your couple space.
couples-youre-already-couple-space = You're already in a couple space. To start or join another, leave it first.

## services/journal.rs

journal-write-line-two-up = Please write a line or two, up to 500 characters.
journal-this-entry-was-sealed = This entry was sealed before a password reset and can't be opened, so it can't be shared.

## services/checkups.rs

checkups-sharing-needs-couple-space = Sharing needs a couple space. You can keep this result to yourself.
checkups-this-result-was-sealed = This result was sealed before a password reset and can't be opened, so it can't be shared.

## services/situation.rs

situation-choose-one-situations-none = Please choose one of the situations, or none.
situation-choose-one-questions = Please choose one of the questions.
situation-write-up-2000-characters = Please write up to 2000 characters.

## services/hard_talks.rs

hard-talks-pause-its-quiet-time = A pause is in its quiet time. Hard talks wait until it's over.
hard-talks-name-topic-few-words = Please name the topic in a few words, up to 200 characters.
hard-talks-choose-time-limit-from = Choose a time limit from 10 to 60 minutes.
hard-talks-agree-your-ground-rules = Agree on your ground rules first; they open every hard talk.
hard-talks-write-what-you-agreed = Please write what you agreed, up to 2,000 characters.
hard-talks-this-talk-closed-already = This talk is closed already.

## services/agreements.rs

agreements-choose-what-kind-agreement = Please choose what kind of agreement this is.
agreements-write-agreement-sentence-two = Please write the agreement in a sentence or two.
agreements-keep-500-characters-fewer = Please keep it to 500 characters or fewer.
agreements-choose-review-date-from = Please choose a review date from tomorrow to a year ahead.
agreements-you-have-both-said = You have both said yes to this agreement already.
agreements-you-proposed-this-agreement = You proposed this agreement, so the other yes comes from your partner, in their own time.
agreements-agreement-gets-review-date = An agreement gets a review date once you have both said yes.

## services/timer.rs

timer-choose-between-5-120 = Please choose between 5 and 120 minutes.

## services/plan_writing.rs

plan-writing-write-few-words-up = Please write a few words, up to 2000 characters.

## services/ground_rules.rs

ground-rules-each-rule-sentence-up = Each rule is a sentence of up to 200 characters.
ground-rules-choose-write-between-one = Choose or write between one and twenty rules.
ground-rules-proposal-changed-since-you = The proposal changed since you read it. Please read the latest version.
ground-rules-you-proposed-these-rules = You proposed these rules, so the other yes comes from your partner.

## services/guides.rs

guides-search-with-fewer-words = Please search with fewer words.

## services/cards.rs

cards-daily-ritual-from-tend = A daily ritual from Tend
cards-curious-questions-from-tend = Curious questions from Tend

## services/weekly_check.rs

weekly-check-this-weekly-check-finished = This weekly check is finished and saved.
weekly-check-choose-next-back-finish = Please choose next, back or finish.
weekly-check-check-has-already-moved = The check has already moved on from the other device. Here is where you both are now.
weekly-check-write-note-up-1000 = Please write a note of up to 1000 characters.
weekly-check-choose-one-checks-sections = Please choose one of the check's sections.

## services/safety.rs

safety-this-opens-once-you = This opens once you have both agreed your ground rules.
safety-some-answers-dont-belong = Some answers don't belong to these questions. Please reload the page.

## services/mod.rs

services-this-two-opens-once = This is for two. It opens once your partner has joined your couple space.
services-choose-time-from-now = Please choose a time from now to two months ahead.

## services/listening.rs

listening-few-words-are-enough = A few words are enough.
listening-sentence-two-enough = A sentence or two is enough.
listening-that-step-isnt-part = That step isn't part of active listening.
listening-exchange-has-moved-here = The exchange has moved on; here is where it stands now.
listening-that-step-comes-at = That step comes at another moment of the exchange.

## services/pause.rs

pause-one-who-called-pause = The one who called the pause proposes when to come back.
pause-quiet-time-isnt-over = The quiet time isn't over yet. Give yourselves a little longer.

## services/plan.rs

plan-plan-two-can-start = The plan is for two. It can start once your partner has joined.
plan-choose-day-from-today = Please choose a day from today to two months ahead.
plan-your-plan-has-already = Your plan has already started.
plan-there-no-plan-week = There is no plan week in progress right now.
plan-that-step-belongs-another = That step belongs to another week.

## services/joy.rs

joy-choose-idea-write-your = Please choose an idea, or write your own in up to 120 characters.
joy-choose-day-from-today = Please choose a day from today to three months ahead.
joy-keep-500-characters = Please keep it to 500 characters.

## services/push.rs

push-this-browsers-notifications-cant = This browser's notifications can't be used with Tend just now. Your email reminders still come as you chose.

## services/experiments.rs

experiments-choose-one-thing-up = Please choose one thing, in up to 200 characters.
experiments-one-thing-at-time = One thing at a time is plenty. This one can start when the current two weeks are over.
experiments-two-weeks-this-one = The two weeks of this one are over. The reflection is next, whenever you like.
experiments-write-your-reflection-up = Please write your reflection in up to 2000 characters.
experiments-reflection-comes-at-end = The reflection comes at the end of the two weeks. Until then, the daily check is enough.

## services/wins.rs

wins-describe-win-up-200 = Please describe the win in up to 200 characters.

## services/touch.rs

touch-choose-one-prompts = Please choose one of the prompts.
touch-write-up-1000-characters = Please write up to 1000 characters.

## services/repairs.rs

repairs-choose-kind-repair = Please choose a kind of repair.
repairs-keep-300-characters-fewer = Please keep it to 300 characters or fewer.
repairs-this-repair-was-accepted = This repair was accepted already.
repairs-you-offered-this-one = You offered this one; accepting it is your partner's to do.

## services/rituals.rs

rituals-choose-one-four-rituals = Please choose one of the four rituals.
rituals-choose-at-least-one = Please choose at least one day.
rituals-give-time-such-as = Please give a time such as 08:00.
rituals-choose-at-least-one-2 = Please choose at least one ritual to schedule.
rituals-choose-day-from-last = Please choose a day from the last two months.
rituals-write-line-two-up = Please write a line or two, up to 500 characters.

## services/shared_notes.rs

shared-notes-this-note-was-sealed = This note was sealed before a password reset and can't be opened, so it can't be shared.

## services/invitations.rs

invitations-write-short-invitation-up = Please write a short invitation, up to 500 characters.
invitations-choose-yes-another-time = Please choose yes, another time, or not now.
invitations-keep-note-300-characters = Please keep the note to 300 characters or fewer.
invitations-this-invitation-yours-answer = This invitation is yours; the answer is your partner's to give.
invitations-this-invitation-has-its = This invitation has its answer already.

## services/questions.rs

questions-choose-one-three-sets = Please choose one of the three sets, or all of them.
questions-choose-one-themes-listed = Please choose one of the themes listed, or any theme.
questions-choose-which-set-belongs = Please choose which set it belongs to.
questions-write-question-up-200 = Please write a question of up to 200 characters.

## services/help_lines.rs

help-lines-choose-country-from-list = Please choose a country from the list.
help-lines-abuse-violence-at-home = Abuse and violence at home
help-lines-support-crisis = Support in a crisis

## services/capsules.rs

capsules-keep-each-part-2000 = Please keep each part to 2000 characters.
capsules-write-at-least-one = Please write at least one of the three.
capsules-choose-day-from-week = Please choose a day from a week to two years ahead.
capsules-this-capsule-open-now = This capsule is open now, so it stays for you both.
capsules-this-capsule-still-sealed = This capsule is still sealed. It can be opened from its day on.

## export_file.rs

export-file-weekly-pulse-file-doesnt = A weekly pulse in the file doesn't fit this Tend's pulse.
export-file-journal-entry-file-empty = A journal entry in the file is empty or longer than 500 characters.
export-file-note-file-kind-this = A note in the file is of a kind this Tend doesn't keep.
export-file-note-file-empty-longer = A note in the file is empty or longer than Tend keeps.
export-file-file-has-time-future = The file has a time in the future, so it can't be imported as it is.
export-file-this-file-isnt-tend = This file isn't a Tend export. Download one from Settings → Your data, then choose it here.
export-file-this-file-isnt-tend-2 = This file isn't a Tend export this version can read (tend-export/1).
export-file-this-file-holds-more = This file holds more than Tend brings in at once.
export-file-file-names-situation-this = The file names a situation this Tend doesn't know.
export-file-file-names-sign-this = The file names a sign this Tend doesn't know.

## pause.rs

pause-choose-time-after-quiet = Please choose a time after the quiet, within a day.

## checkup.rs

checkup-some-answers-dont-fit = Some answers don't fit this check-up. Please reload the page and try again.
checkup-each-answer-number-from = Each answer is a number from 1 to 5, for this week's questions.

## services/bids.rs

bids-time-capsule-ready-open = A time capsule is ready to open together

## listening.rs

listening-speaking-turn-lasts-two = A speaking turn lasts two or three minutes.
