# The next step Today suggests, one at a time.
# Read through tend_core::msg (checked at build time by crates/tend-core/build.rs).

## services/today.rs

today-plan-step = This week's step of your plan. { $step }
today-question-this-evening = A question for this evening
today-your-weekly-check-under = Your weekly check is under way
today-come-whenever-youre-ready = Come in whenever you're ready; it's a catch-up, not a meeting.
today-open-weekly-check = Open the weekly check
today-answer-todays-ritual = Answer today's ritual
today-see-this-weeks-step = See this week's step
today-eight-gentle-weeks-few = Eight gentle weeks, a few small steps each, at your own pace. Start whenever you're both ready.
today-start-our-plan = Start our plan
today-this-weeks-pulse = This week's pulse
today-one-private-minute-how = One private minute on how things feel this week. Only you see it.
today-take-pulse = Take the pulse
today-pick-one-question-take = Pick one question and take turns answering. Any question can be skipped.
today-pick-question = Pick a question
