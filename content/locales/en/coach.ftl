# The soft start-up coach: its verdicts and the reasons behind a highlight.
# Read through tend_core::msg (checked at build time by crates/tend-core/build.rs).

## services/coach.rs

coach-keep-draft-5-000 = Please keep the draft to 5,000 characters or fewer.

## pages/coach.rs

coach-gentler-start = A gentler start
coach-some-words-may-put = Some words may put your partner on guard
coach-this-reads-gently = This reads gently
coach-nothing-here-tends-put = Nothing here tends to put people on guard. Say it in your own time.

## coach/cues.rs

cues-counter-attack-reply = A counter-attack in a reply tends to turn the talk into a contest.
cues-word-about-who-someone = A word about who someone is, not what they did, tends to put them on guard.
cues-brushing-talk-aside-tends = Brushing the talk aside tends to leave the other person shut out.
cues-being-measured-against-someone = Being measured against someone else tends to sting more than the request itself.

## coach/counter.rs

counter-turning-back-them-tends = Turning it back on them tends to start a round of defending instead of hearing each other.
