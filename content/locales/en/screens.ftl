# Words on pages that are not part of the program content.
# Read through tend_core::msg (checked at build time by crates/tend-core/build.rs).

## pages/pulse.rs

pulse-your-weekly-pulse-over = Your weekly pulse over time; higher means closer and more content

## pages/own_part.rs

own-part-own-your-part = Own your part

## pages/pause.rs

pause-half-an-hour = In 30 minutes
pause-hour = In an hour
pause-two-hours = In two hours
pause-four-hours = In four hours
pause-twelve-hours = In twelve hours

## pages/push.rs

push-that-subscription-cant-used = That subscription can't be used.

## pages/settings.rs

settings-choose-export-file-bring = Please choose the export file to bring in.

## pages/home.rs

home-whenever-suits-you = Whenever suits you
home-that-code-didnt-work = That code didn't work. It may have been used, cancelled or expired. Your partner can make a new one.
home-choose-one-answers-shown = Please choose one of the answers shown.

## pages/wins.rs

wins-days-with-ritual-small = Days with a ritual and small wins, week by week
wins-days-with-ritual = Days with a ritual

## Page titles (the browser tab and the top of each page)

title-account-activity = Account activity
title-agreements = Agreements
title-check-up = Check-up
title-check-ups = Check-ups
title-closeness = Closeness
title-coach = Coach
title-delete-account = Delete account
title-free-course = Free course
title-ground-rules = Ground rules
title-guides = Guides
title-hard-talks = Hard talks
title-help = Help
title-home = Home
title-invitation = Invitation
title-invitations = Invitations
title-journal = Journal
title-leave = Leave
title-listening = Listening
title-log-in = Log in
title-offline = Offline
title-pause = Pause
title-plan = Plan
title-questions = Questions
title-reminders = Reminders
title-repairs = Repairs
title-ritual-schedule = Ritual schedule
title-rituals = Rituals
title-roadblocks = Roadblocks
title-safety = Safety
title-settings = Settings
title-shared-joy = Shared joy
title-situations = Situations
title-small-wins = Small wins
title-time-capsule = Time capsule
title-weekly-check = Weekly check
title-weekly-pulse = Weekly pulse
title-write = Write

## Days of the week: in full (the weekly check's reminder) and short (ritual days)

day-monday = Monday
day-tuesday = Tuesday
day-wednesday = Wednesday
day-thursday = Thursday
day-friday = Friday
day-saturday = Saturday
day-sunday = Sunday
day-mon = Mon
day-tue = Tue
day-wed = Wed
day-thu = Thu
day-fri = Fri
day-sat = Sat
day-sun = Sun

## pages/checkup.rs

checkup-you-answered = You answered
checkup-partner-answered = { $partner } answered
checkup-chart-close = Close
checkup-chart-far-apart = Far apart

## pages/joy.rs: the filters of shared joy's ideas

joy-filter-cost = Cost
joy-filter-time = Time
joy-filter-place = Place
