//! When a reminder reaches a person: at its local time in their own time zone, never inside
//! their quiet hours (moved to the end of them instead), correctly across daylight-saving
//! changes, and once — each reminder has one key per person, kind and local day.

use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use jiff::Timestamp;

/// Quiet hours as minutes after local midnight; they may wrap past midnight (21:00–08:00).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuietHours {
    pub start: u16,
    pub end: u16,
}

impl QuietHours {
    pub const DEFAULT: QuietHours = QuietHours { start: 21 * 60, end: 8 * 60 };

    pub fn contains(self, minute: u16) -> bool {
        match self.start.cmp(&self.end) {
            std::cmp::Ordering::Less => minute >= self.start && minute < self.end,
            std::cmp::Ordering::Greater => minute >= self.start || minute < self.end,
            std::cmp::Ordering::Equal => false,
        }
    }
}

fn zone(name: &str) -> TimeZone {
    crate::time_zone::zone_of(name)
}

fn at_local(date: Date, minute: u16, tz: &TimeZone) -> Timestamp {
    let time = Time::new((minute / 60) as i8, (minute % 60) as i8, 0, 0).unwrap_or(Time::midnight());
    // A time skipped by a DST change moves forward; a repeated one takes its first occurrence.
    date.to_datetime(time).to_zoned(tz.clone()).map(|z| z.timestamp()).unwrap_or(Timestamp::MAX)
}

fn local_minute(at: Timestamp, tz: &TimeZone) -> u16 {
    let z = at.to_zoned(tz.clone());
    z.hour() as u16 * 60 + z.minute() as u16
}

/// The instant a reminder meant for `minute` on local `date` is delivered: that moment, or the
/// end of the quiet hours it falls in (later that day, or the next morning).
pub fn deliver_at(date: Date, minute: u16, time_zone: &str, quiet: QuietHours) -> Timestamp {
    let tz = zone(time_zone);
    let (mut day, mut minute) = (date, minute);
    for _ in 0..3 {
        if !quiet.contains(minute) {
            let at = at_local(day, minute, &tz);
            // A DST gap can push a time forward into the quiet hours: look again from there.
            let landed = local_minute(at, &tz);
            if !quiet.contains(landed) {
                return at;
            }
            minute = landed;
            day = at.to_zoned(tz.clone()).date();
            continue;
        }
        if quiet.start > quiet.end && minute >= quiet.start {
            day = day.tomorrow().unwrap_or(day);
        }
        minute = quiet.end;
    }
    at_local(day, minute, &tz)
}

/// The next moment after `at` when the quiet hours begin, in `time_zone` (`None` when there are
/// none): a notice still waiting at a push service must not arrive after it.
pub fn quiet_begins_after(at: Timestamp, time_zone: &str, quiet: QuietHours) -> Option<Timestamp> {
    if quiet.start == quiet.end {
        return None;
    }
    let tz = zone(time_zone);
    let day = at.to_zoned(tz.clone()).date();
    [day.yesterday().ok(), Some(day), day.tomorrow().ok()]
        .into_iter()
        .flatten()
        .map(|d| at_local(d, quiet.start, &tz))
        .find(|begins| *begins > at)
}

/// The one key of a reminder, so that it is sent once even when several workers plan it.
pub fn key(person_id: &str, kind: &str, date: Date) -> String {
    format!("{kind}:{person_id}:{date}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use jiff::ToSpan;

    const QUIET: QuietHours = QuietHours::DEFAULT;

    #[test]
    fn the_next_quiet_hours_begin_later_that_evening_or_the_next() {
        let tz = "Europe/Berlin";
        let morning = date(2026, 3, 28).at(8, 5, 0, 0).to_zoned(zone(tz)).unwrap().timestamp();
        let evening = date(2026, 3, 28).at(21, 0, 0, 0).to_zoned(zone(tz)).unwrap().timestamp();
        assert_eq!(quiet_begins_after(morning, tz, QUIET), Some(evening));
        // Across the change to summer time the next evening is 23 hours later, still at 21:00.
        let next = date(2026, 3, 29).at(21, 0, 0, 0).to_zoned(zone(tz)).unwrap().timestamp();
        assert_eq!(quiet_begins_after(evening, tz, QUIET), Some(next));
        assert_eq!(quiet_begins_after(morning, tz, QuietHours { start: 0, end: 0 }), None);
    }

    #[test]
    fn quiet_hours_may_wrap_past_midnight() {
        assert!(QUIET.contains(21 * 60) && QUIET.contains(23 * 60) && QUIET.contains(7 * 60 + 59));
        assert!(!QUIET.contains(8 * 60) && !QUIET.contains(20 * 60 + 59));
        let day = QuietHours { start: 13 * 60, end: 14 * 60 };
        assert!(day.contains(13 * 60 + 30) && !day.contains(14 * 60));
        assert!(!QuietHours { start: 0, end: 0 }.contains(0), "empty quiet hours hold nothing");
    }

    #[test]
    fn a_reminder_inside_quiet_hours_waits_for_their_end() {
        let evening = deliver_at(date(2026, 11, 26), 22 * 60, "Europe/Berlin", QUIET);
        assert_eq!(evening, "2026-11-27T07:00:00Z".parse().unwrap(), "22:00 moves to 08:00 the next morning");
        let early = deliver_at(date(2026, 11, 26), 6 * 60, "Europe/Berlin", QUIET);
        assert_eq!(early, "2026-11-26T07:00:00Z".parse().unwrap(), "06:00 moves to 08:00 that morning");
        let fine = deliver_at(date(2026, 11, 26), 19 * 60 + 30, "America/New_York", QUIET);
        assert_eq!(fine, "2026-11-27T00:30:00Z".parse().unwrap());
    }

    #[test]
    fn a_time_skipped_by_a_dst_change_is_still_delivered_and_never_in_quiet_hours() {
        // 02:30 does not exist in Berlin on 29 March 2026; with quiet hours 03:00–04:00 it may
        // not land at 03:30 either.
        let quiet = QuietHours { start: 3 * 60, end: 4 * 60 };
        let at = deliver_at(date(2026, 3, 29), 2 * 60 + 30, "Europe/Berlin", quiet);
        assert_eq!(at, "2026-03-29T02:00:00Z".parse().unwrap(), "04:00 summer time");
    }

    /// A simulated year for people in 20 time zones: every day's reminder is delivered exactly
    /// once, never inside quiet hours, whatever DST does.
    #[test]
    fn a_year_in_twenty_time_zones_has_no_quiet_sends_no_duplicates_and_none_missed() {
        let zones = [
            "Europe/Berlin",
            "Europe/London",
            "America/New_York",
            "America/Los_Angeles",
            "America/Sao_Paulo",
            "America/St_Johns",
            "Asia/Kolkata",
            "Asia/Kathmandu",
            "Asia/Tokyo",
            "Australia/Sydney",
            "Australia/Lord_Howe",
            "Pacific/Auckland",
            "Pacific/Chatham",
            "Pacific/Honolulu",
            "Africa/Cairo",
            "Africa/Casablanca",
            "Asia/Tehran",
            "America/Santiago",
            "Europe/Dublin",
            "UTC",
        ];
        let quiets =
            [QUIET, QuietHours { start: 22 * 60 + 30, end: 6 * 60 + 45 }, QuietHours { start: 0, end: 9 * 60 }];
        let mut sends = 0;
        for (z, name) in zones.iter().enumerate() {
            let tz = zone(name);
            let quiet = quiets[z % quiets.len()];
            let mut seen = std::collections::BTreeSet::new();
            let mut last = Timestamp::MIN;
            for offset in 0..365 {
                let day = date(2026, 1, 1) + offset.days();
                // Times through the whole day, including the DST hours and the quiet ones.
                let minute = ((offset * 97 + z as i32 * 31) % 1440) as u16;
                let at = deliver_at(day, minute, name, quiet);
                assert!(!quiet.contains(local_minute(at, &tz)), "{name} {day} {minute}: sent in quiet hours");
                assert!(seen.insert(key("p", "ritual", day)), "{name} {day}: twice");
                assert!(at >= last, "{name} {day}: out of order");
                let local = at.to_zoned(tz.clone()).date();
                assert!(local == day || local == day.tomorrow().unwrap(), "{name} {day}: delivered on {local}");
                last = at;
                sends += 1;
            }
        }
        assert_eq!(sends, 20 * 365, "none missed");
    }
}
