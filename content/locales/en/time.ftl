# How long ago something came, and which week: never a count of anything missed.
# Used by crates/tend-web/src/pages/words.rs.

when-just-now = just now
when-minutes-ago = { $minutes ->
    [one] a minute ago
   *[other] { $minutes } minutes ago
}
when-an-hour-ago = an hour ago
when-hours-ago = { $hours } hours ago
when-days-ago = { $days ->
    [one] yesterday
   *[other] { $days } days ago
}
week-this = this week
week-last = last week
week-weeks-ago = { $weeks } weeks ago
