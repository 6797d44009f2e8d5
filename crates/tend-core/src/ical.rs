//! iCalendar (RFC 5545) text for a person's private calendar feed: a VTIMEZONE for their zone
//! (built from the zone's real transitions) and events, recurring ones with an RRULE, all in
//! their own time zone, and all-day events on a date of their calendar. Lines are folded at 75
//! octets and text is escaped.

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

/// One event: a local start in the calendar's zone, a length, and an optional weekly rule.
pub struct Event {
    pub uid: String,
    pub summary: String,
    pub description: String,
    pub start: DateTime,
    pub minutes: u32,
    /// `BYDAY` values (`MO` … `SU`) for a weekly rule; empty for a single event.
    pub weekly_on: Vec<&'static str>,
    /// How many times a weekly rule repeats (`None`: without end).
    pub count: Option<u32>,
}

/// An all-day event on one date of the person's calendar (a plan week's first day, a review day).
///
/// RFC 5545 3.6.1 and 3.8.2.2: a `DATE` start makes an all-day event, `DTEND` is the
/// non-inclusive end and must have the start's value type, so one day ends on the next date;
/// 3.2.19: `TZID` must not be applied to a `DATE`, so the date is the same in every zone.
pub struct DayEvent {
    pub uid: String,
    pub summary: String,
    pub description: String,
    pub day: Date,
}

pub const WEEKDAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

/// TEXT escaping (RFC 5545 3.3.11): any line break (CRLF, LF or a lone CR) becomes `\n`, and
/// other control characters, which TEXT may not hold, are dropped — so no text ends its line.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets (continuation lines start with a space).
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

fn local(dt: DateTime) -> String {
    dt.strftime("%Y%m%dT%H%M%S").to_string()
}

fn offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    format!("{sign}{:02}{:02}", s / 3600, (s % 3600) / 60)
}

/// The VTIMEZONE lines for `zone`, covering the transitions from `from` for `years` years.
fn vtimezone(name: &str, tz: &TimeZone, from: Timestamp, years: i64, lines: &mut Vec<String>) {
    lines.push("BEGIN:VTIMEZONE".into());
    lines.push(format!("TZID:{name}"));
    let until = from + SignedDuration::from_hours(24 * 366 * years);
    let start_offset = tz.to_offset(from).seconds();
    let mut previous = start_offset;
    let mut any = false;
    for transition in tz.following(from) {
        let at = transition.timestamp();
        if at > until {
            break;
        }
        let to = transition.offset().seconds();
        let kind = if transition.dst().is_dst() { "DAYLIGHT" } else { "STANDARD" };
        // DTSTART is the local time just before the change, in the offset in force then.
        let before =
            at.to_zoned(TimeZone::fixed(jiff::tz::Offset::from_seconds(previous).unwrap_or(jiff::tz::Offset::UTC)));
        lines.push(format!("BEGIN:{kind}"));
        lines.push(format!("DTSTART:{}", local(before.datetime())));
        lines.push(format!("TZOFFSETFROM:{}", offset(previous)));
        lines.push(format!("TZOFFSETTO:{}", offset(to)));
        lines.push(format!("TZNAME:{}", escape(transition.abbreviation())));
        lines.push(format!("END:{kind}"));
        previous = to;
        any = true;
    }
    if !any {
        // A zone without changes (UTC, Asia/Kolkata…): one standard observance.
        lines.push("BEGIN:STANDARD".into());
        lines.push("DTSTART:19700101T000000".into());
        lines.push(format!("TZOFFSETFROM:{}", offset(start_offset)));
        lines.push(format!("TZOFFSETTO:{}", offset(start_offset)));
        lines.push("END:STANDARD".into());
    }
    lines.push("END:VTIMEZONE".into());
}

fn date(day: Date) -> String {
    day.strftime("%Y%m%d").to_string()
}

/// A whole calendar in `zone` with timed events only; see [`calendar_with_days`].
pub fn calendar(name: &str, zone: &str, events: &[Event], now: Timestamp) -> String {
    calendar_with_days(name, zone, events, &[], now)
}

/// A whole calendar in `zone`: timed events, then all-day ones; `now` stamps the events and
/// starts the zone's transitions a year back (so events that began earlier are still placed
/// right).
pub fn calendar_with_days(name: &str, zone: &str, events: &[Event], days: &[DayEvent], now: Timestamp) -> String {
    let tz = crate::time_zone::zone_of(zone);
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".into(),
        "PRODID:-//Tend//Tend calendar//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!("X-WR-CALNAME:{}", escape(name)),
        format!("X-WR-TIMEZONE:{zone}"),
    ];
    vtimezone(zone, &tz, now - SignedDuration::from_hours(24 * 366), 3, &mut lines);
    let stamp = now.strftime("%Y%m%dT%H%M%SZ").to_string();
    for e in events {
        lines.push("BEGIN:VEVENT".into());
        lines.push(format!("UID:{}", e.uid));
        lines.push(format!("DTSTAMP:{stamp}"));
        lines.push(format!("DTSTART;TZID={zone}:{}", local(e.start)));
        lines.push(format!("DURATION:PT{}M", e.minutes));
        if !e.weekly_on.is_empty() {
            let count = e.count.map(|c| format!(";COUNT={c}")).unwrap_or_default();
            lines.push(format!("RRULE:FREQ=WEEKLY;BYDAY={}{count}", e.weekly_on.join(",")));
        }
        lines.push(format!("SUMMARY:{}", escape(&e.summary)));
        if !e.description.is_empty() {
            lines.push(format!("DESCRIPTION:{}", escape(&e.description)));
        }
        lines.push("TRANSP:TRANSPARENT".into());
        lines.push("END:VEVENT".into());
    }
    for e in days {
        lines.push("BEGIN:VEVENT".into());
        lines.push(format!("UID:{}", e.uid));
        lines.push(format!("DTSTAMP:{stamp}"));
        lines.push(format!("DTSTART;VALUE=DATE:{}", date(e.day)));
        lines.push(format!("DTEND;VALUE=DATE:{}", date(e.day.tomorrow().unwrap_or(e.day))));
        lines.push(format!("SUMMARY:{}", escape(&e.summary)));
        if !e.description.is_empty() {
            lines.push(format!("DESCRIPTION:{}", escape(&e.description)));
        }
        lines.push("TRANSP:TRANSPARENT".into());
        lines.push("END:VEVENT".into());
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for line in lines {
        fold(&line, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn event() -> Event {
        Event {
            uid: "ritual-morning@tend".into(),
            summary: "Tend".into(),
            description: "A few minutes, whenever it suits you; no pressure.".into(),
            start: date(2026, 11, 27).at(8, 30, 0, 0),
            minutes: 15,
            weekly_on: vec!["MO", "FR"],
            count: None,
        }
    }

    #[test]
    fn a_calendar_has_its_zone_with_real_transitions_and_a_weekly_rule() {
        let now: Timestamp = "2026-11-26T12:00:00Z".parse().unwrap();
        let ics = calendar("Tend", "Europe/Berlin", &[event()], now);
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
        assert!(ics.contains("TZID:Europe/Berlin"));
        assert!(
            ics.contains("BEGIN:DAYLIGHT\r\nDTSTART:20270328T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200"),
            "{ics}"
        );
        assert!(ics.contains("BEGIN:STANDARD\r\nDTSTART:20271031T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100"));
        assert!(ics.contains("DTSTART;TZID=Europe/Berlin:20261127T083000"));
        assert!(ics.contains("RRULE:FREQ=WEEKLY;BYDAY=MO,FR"));
        assert!(ics.contains("DESCRIPTION:A few minutes\\, whenever it suits you\\; no pressure."));
    }

    #[test]
    fn no_line_break_or_control_character_in_text_can_end_a_line() {
        // Found by the `calendar` fuzz target: a lone carriage return split a line.
        let mut odd = event();
        odd.summary = ";\"\"\"".into();
        odd.description = "one\rtwo\r\nthree\nfour\u{7}five".into();
        let now: Timestamp = "2026-11-26T12:00:00Z".parse().unwrap();
        let ics = calendar("Tend", "Europe/Berlin", &[odd], now);
        assert!(ics.contains("DESCRIPTION:one\\ntwo\\nthree\\nfourfive\r\n"), "{ics}");
        for line in ics.split("\r\n") {
            assert!(!line.contains('\r') && !line.contains('\n') && !line.contains('\u{7}'), "{line:?}");
        }
    }

    #[test]
    fn an_all_day_event_is_a_date_without_a_zone_ending_the_next_day() {
        let day = DayEvent {
            uid: "review@tend".into(),
            summary: "Tend: a review day".into(),
            description: "Look again.".into(),
            day: date(2026, 12, 31),
        };
        let now: Timestamp = "2026-11-26T12:00:00Z".parse().unwrap();
        let ics = calendar_with_days("Tend", "Europe/Berlin", &[event()], &[day], now);
        assert!(
            ics.contains("UID:review@tend\r\nDTSTAMP:20261126T120000Z\r\nDTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270101\r\nSUMMARY:Tend: a review day\r\n"),
            "{ics}"
        );
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 2);
    }

    #[test]
    fn long_lines_are_folded_and_zones_without_changes_still_have_an_observance() {
        let mut long = event();
        long.description = "é".repeat(60);
        let ics = calendar("Tend", "Asia/Kolkata", &[long], "2026-11-26T12:00:00Z".parse().unwrap());
        assert!(ics.lines().all(|l| l.len() <= 75), "every line within 75 octets");
        assert!(ics.contains("TZOFFSETTO:+0530"));
    }
}
