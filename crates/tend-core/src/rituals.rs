//! The rules of the daily rituals and the time capsule, kept pure so they can be tested across
//! time zones and day boundaries:
//! - a day is the writer's own local date; it ends at the writer's next local midnight;
//! - a shared daily answer is shown to the partner only once both answered that ritual for that
//!   day, or once the writer's day is over — before that the partner learns nothing, not even
//!   whether it exists;
//! - a capsule stays sealed until the start of its opening day in the author's zone, and opens
//!   only when both partners say they are ready.

use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};

use crate::ids::{CoupleId, PersonId};
use crate::visibility::{may_read, Entry, Viewer, Visibility};

/// The four daily rituals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RitualKind {
    Morning,
    Evening,
    ScreenFree,
    Appreciation,
}

impl RitualKind {
    pub const ALL: [RitualKind; 4] = [Self::Morning, Self::Evening, Self::ScreenFree, Self::Appreciation];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Morning => "morning",
            Self::Evening => "evening",
            Self::ScreenFree => "screen_free",
            Self::Appreciation => "appreciation",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw)
    }

    /// Whether each partner writes an answer (all but the screen-free timer).
    pub fn is_written(self) -> bool {
        self != Self::ScreenFree
    }
}

/// The weekdays a ritual happens on, as a bit set (bit 0 is Monday … bit 6 is Sunday).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Days(pub u8);

impl Days {
    pub const EVERY_DAY: Days = Days(0b111_1111);
    pub const NAMES: [&'static str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    /// From short day names ("mon" … "sun"); `None` for an unknown name.
    pub fn from_names<'a>(names: impl IntoIterator<Item = &'a str>) -> Option<Days> {
        let mut bits = 0u8;
        for name in names {
            let index = Self::NAMES.iter().position(|n| n.eq_ignore_ascii_case(name.trim()))?;
            bits |= 1 << index;
        }
        Some(Days(bits))
    }

    pub fn names(self) -> Vec<&'static str> {
        Self::NAMES.iter().enumerate().filter(|(i, _)| self.0 & (1 << i) != 0).map(|(_, n)| *n).collect()
    }

    pub fn includes(self, date: Date) -> bool {
        let index = date.weekday().to_monday_zero_offset();
        self.0 & (1 << index) != 0
    }
}

/// "HH:MM" as minutes after midnight.
pub fn parse_time_of_day(raw: &str) -> Option<u16> {
    let time: Time = raw.trim().parse().ok()?;
    Some(u16::from(time.hour() as u8) * 60 + u16::from(time.minute() as u8))
}

pub fn format_time_of_day(minute: u16) -> String {
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

fn zone(name: &str) -> TimeZone {
    crate::time_zone::zone_of(name)
}

/// The writer's local date at `at`.
pub fn local_day(at: Timestamp, time_zone: &str) -> Date {
    at.to_zoned(zone(time_zone)).date()
}

/// The start of `date` in a zone (the first instant of that day, even across a DST change).
pub fn day_start(date: Date, time_zone: &str) -> Timestamp {
    date.to_zoned(zone(time_zone)).map(|z| z.timestamp()).unwrap_or(Timestamp::MAX)
}

/// When `date` ends for someone in `time_zone`: the start of the next local day.
pub fn day_end(date: Date, time_zone: &str) -> Timestamp {
    date.tomorrow().map(|next| day_start(next, time_zone)).unwrap_or(Timestamp::MAX)
}

/// Whether a partner may read an answer whose writer's day ends at `writer_day_ends_at`.
/// `viewer_answered_same` is whether the viewer answered the same ritual for the same day.
pub fn partner_may_read(viewer_answered_same: bool, writer_day_ends_at: Timestamp, now: Timestamp) -> bool {
    viewer_answered_same || now >= writer_day_ends_at
}

/// One ritual answer as the reveal rule sees it, without its words: who wrote it, for which
/// ritual and day, and when the writer's day ended.
#[derive(Debug, Clone, Copy)]
pub struct Answered<'a> {
    pub author: &'a PersonId,
    pub kind: &'a str,
    pub day: &'a str,
    pub day_ends_at: Timestamp,
}

/// Whether `viewer`, in `couple`, may read `answer` (an answer of that couple) now, by the one
/// visibility rule: their own always; the partner's once revealed, that is once the viewer
/// answered the same ritual that day (`viewer_answered_same`) or the writer's day is over.
pub fn may_read_answer(
    viewer: &PersonId,
    couple: &CoupleId,
    answer: Answered<'_>,
    viewer_answered_same: bool,
    now: Timestamp,
) -> bool {
    let revealed = partner_may_read(viewer_answered_same, answer.day_ends_at, now);
    let entry = Entry {
        author: answer.author,
        couple: Some(couple),
        author_couple_now: Some(couple),
        visibility: Visibility::RevealAfterBoth { revealed },
    };
    may_read(Viewer { person: viewer, couple: Some(couple) }, entry, now)
}

/// The days among a couple's `answers` on which `viewer` may read at least one, in order.
/// Counting more would tell whether the partner answered.
pub fn days_with_readable_answers<'a>(
    viewer: &PersonId,
    couple: &CoupleId,
    answers: &[Answered<'a>],
    now: Timestamp,
) -> Vec<&'a str> {
    let answered_same =
        |a: &Answered<'_>| answers.iter().any(|b| b.author == viewer && b.kind == a.kind && b.day == a.day);
    let days: std::collections::BTreeSet<&'a str> =
        answers.iter().filter(|a| may_read_answer(viewer, couple, **a, answered_same(a), now)).map(|a| a.day).collect();
    days.into_iter().collect()
}

/// The default opening day of a capsule sealed on `today`: three months later.
pub fn default_capsule_day(today: Date) -> Date {
    today.checked_add(3.months()).unwrap_or(today)
}

/// What a capsule may show: nothing but its dates while sealed or cancelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CapsuleState {
    Sealed,
    /// The day has come; it opens when both are ready.
    Ready,
    Open,
    Cancelled,
}

pub fn capsule_state(opens_at: Timestamp, opened: bool, cancelled: bool, now: Timestamp) -> CapsuleState {
    if cancelled {
        CapsuleState::Cancelled
    } else if opened {
        CapsuleState::Open
    } else if now < opens_at {
        CapsuleState::Sealed
    } else {
        CapsuleState::Ready
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn at(rfc3339: &str) -> Timestamp {
        rfc3339.parse().unwrap()
    }

    #[test]
    fn the_day_is_the_writers_own_local_date() {
        let moment = at("2026-11-26T23:30:00Z");
        assert_eq!(local_day(moment, "Europe/Berlin"), date(2026, 11, 27));
        assert_eq!(local_day(moment, "America/New_York"), date(2026, 11, 26));
    }

    #[test]
    fn an_answer_stays_hidden_until_both_answered_or_the_writers_day_is_over() {
        let ends = day_end(date(2026, 11, 26), "America/New_York");
        assert_eq!(ends, at("2026-11-27T05:00:00Z"));
        assert!(!partner_may_read(false, ends, at("2026-11-27T04:59:59Z")));
        assert!(partner_may_read(true, ends, at("2026-11-26T15:00:00Z")));
        assert!(partner_may_read(false, ends, at("2026-11-27T05:00:00Z")));
    }

    #[test]
    fn a_day_ends_at_local_midnight_across_a_dst_change() {
        // Europe/Berlin leaves summer time on 25 October 2026: that day has 25 hours.
        let start = day_start(date(2026, 10, 25), "Europe/Berlin");
        let end = day_end(date(2026, 10, 25), "Europe/Berlin");
        assert_eq!(start, at("2026-10-24T22:00:00Z"));
        assert_eq!(end, at("2026-10-25T23:00:00Z"));
        assert_eq!(end.duration_since(start).as_hours(), 25);
    }

    #[test]
    fn a_partner_far_ahead_reads_only_when_the_writers_day_ends() {
        // Written in Honolulu on the 26th; the partner in Auckland is already on the 27th.
        let ends = day_end(local_day(at("2026-11-26T20:00:00Z"), "Pacific/Honolulu"), "Pacific/Honolulu");
        assert_eq!(ends, at("2026-11-27T10:00:00Z"));
        assert!(!partner_may_read(false, ends, at("2026-11-27T09:00:00Z")));
    }

    #[test]
    fn days_round_trip_through_their_names() {
        let days = Days::from_names(["mon", "WED", "sun"]).unwrap();
        assert_eq!(days.names(), vec!["mon", "wed", "sun"]);
        assert!(days.includes(date(2026, 11, 29)), "29 November 2026 is a Sunday");
        assert!(!days.includes(date(2026, 11, 26)), "26 November 2026 is a Thursday");
        assert_eq!(Days::from_names(["someday"]), None);
    }

    #[test]
    fn times_of_day_are_read_and_written_as_hh_mm() {
        assert_eq!(parse_time_of_day("08:30"), Some(510));
        assert_eq!(parse_time_of_day("24:00"), None);
        assert_eq!(parse_time_of_day("soon"), None);
        assert_eq!(format_time_of_day(510), "08:30");
    }

    #[test]
    fn a_capsule_is_sealed_until_its_day_and_open_only_when_opened() {
        let opens = day_start(default_capsule_day(date(2026, 11, 26)), "Europe/Paris");
        assert_eq!(opens, at("2027-02-25T23:00:00Z"));
        assert_eq!(capsule_state(opens, false, false, at("2027-02-25T22:59:59Z")), CapsuleState::Sealed);
        assert_eq!(capsule_state(opens, false, false, opens), CapsuleState::Ready);
        assert_eq!(capsule_state(opens, true, false, opens), CapsuleState::Open);
        assert_eq!(capsule_state(opens, false, true, opens), CapsuleState::Cancelled);
    }

    #[test]
    fn a_day_counts_for_the_partner_only_once_an_answer_there_is_revealed() {
        let (ana, ben, couple) = (PersonId::from("ana"), PersonId::from("ben"), CoupleId::from("c1"));
        let day_end = Timestamp::from_second(86_400).unwrap();
        let at = |s| Timestamp::from_second(s).unwrap();
        let bens = Answered { author: &ben, kind: "morning", day: "2027-01-16", day_ends_at: day_end };
        assert_eq!(days_with_readable_answers(&ben, &couple, &[bens], at(10)), ["2027-01-16"], "his own");
        assert!(days_with_readable_answers(&ana, &couple, &[bens], at(10)).is_empty(), "not yet revealed");
        assert_eq!(days_with_readable_answers(&ana, &couple, &[bens], day_end), ["2027-01-16"], "his day is over");
        let anas_evening = Answered { author: &ana, kind: "evening", ..bens };
        assert_eq!(
            days_with_readable_answers(&ana, &couple, &[bens, anas_evening], at(10)),
            ["2027-01-16"],
            "her own answer counts the day, once"
        );
        assert!(!may_read_answer(&ana, &couple, bens, false, at(10)));
        assert!(may_read_answer(&ana, &couple, bens, true, at(10)), "she answered the same ritual that day");
    }
}
