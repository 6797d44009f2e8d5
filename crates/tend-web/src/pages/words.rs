//! Words for times and confirmations as a person reads them: a time or a day in their own
//! zone, how long ago, which week (never a week number), and the calm notice a redirect asks
//! a page to show (`?done=CODE`, whose words are in `content/pages.toml`).

use jiff::Timestamp;
use tend_core::msg;

/// A time as a person reads it, in their own time zone: "26 Nov 2026, 14:05".
pub fn local_time(at: Timestamp, time_zone: &str) -> String {
    let zone = tend_core::time_zone::zone_of(time_zone);
    at.to_zoned(zone).strftime("%-d %b %Y, %H:%M").to_string()
}

/// How long ago, in words ("just now", "20 minutes ago", "yesterday", "3 days ago"): never a
/// count of anything missed, only when something came.
pub fn when_words(at: Timestamp, now: Timestamp) -> String {
    let minutes = now.duration_since(at).as_secs().max(0) / 60;
    match minutes {
        0..=1 => msg::when_just_now().to_owned(),
        2..=59 => msg::when_minutes_ago(minutes),
        60..=119 => msg::when_an_hour_ago().to_owned(),
        120..=1439 => msg::when_hours_ago(minutes / 60),
        _ => msg::when_days_ago(minutes / 1440),
    }
}

/// A week in words, counted from the Monday of this week: "this week", "last week",
/// "3 weeks ago". Never a week number.
pub fn week_words(week_of: jiff::civil::Date, this_week_of: jiff::civil::Date) -> String {
    let weeks = this_week_of.since(week_of).map(|s| s.get_days() / 7).unwrap_or(0);
    match weeks {
        ..=0 => msg::week_this().to_owned(),
        1 => msg::week_last().to_owned(),
        n => msg::week_weeks_ago(n),
    }
}

/// A day as a person reads it, in their own time zone: "26 November 2026".
pub fn local_date(at: Timestamp, time_zone: &str) -> String {
    let zone = tend_core::time_zone::zone_of(time_zone);
    at.to_zoned(zone).strftime("%-d %B %Y").to_string()
}

/// The calm confirmation a redirect can ask a page to show, by code (`?done=`), from
/// `content/pages.toml`.
pub fn notice(code: Option<&str>) -> Option<&'static str> {
    super::page_words::words().notices.get(code?).map(String::as_str)
}
