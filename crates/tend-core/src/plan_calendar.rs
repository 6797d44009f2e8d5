//! Where a couple stands in the 8-week plan on a given day. The plan runs in "slots" of seven
//! active days from the day it started; days spent paused don't count (so the calendar shifts),
//! and a repeated week adds a slot that holds the same week again. Each person asks with their
//! own local date, so a couple in two time zones may briefly stand in different weeks.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::content::plan::WEEKS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pause {
    pub from: Date,
    /// The day it was resumed; `None` while still paused.
    pub until: Option<Date>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    pub started_on: Date,
    #[serde(default)]
    pub pauses: Vec<Pause>,
    /// Slots that repeat the week before them, ascending.
    #[serde(default)]
    pub repeats: Vec<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum Position {
    /// The start date is still ahead.
    NotStarted { days_until: i64 },
    /// In a week of the plan: `slot` counts from 0, `week` is 1–8, `day` is 1–7.
    InWeek { slot: u32, week: u8, day: u8, paused: bool },
    /// All eight weeks are behind: the maintenance rhythm, `day` days in (from 0).
    Maintenance { day: u32, paused: bool },
}

fn days_between(from: Date, to: Date) -> i64 {
    i64::from(to.since(from).map(|span| span.get_days()).unwrap_or(0))
}

impl Schedule {
    pub fn new(started_on: Date) -> Self {
        Self { started_on, pauses: Vec::new(), repeats: Vec::new() }
    }

    pub fn is_paused(&self) -> bool {
        self.pauses.last().is_some_and(|p| p.until.is_none())
    }

    /// Days of the plan lived by `today`: days since the start, minus days spent paused.
    fn active_days(&self, today: Date) -> i64 {
        let paused: i64 = self
            .pauses
            .iter()
            .map(|p| {
                let from = p.from.max(self.started_on);
                let until = p.until.unwrap_or(today).min(today);
                days_between(from, until).max(0)
            })
            .sum();
        days_between(self.started_on, today) - paused
    }

    /// The week a slot holds: its ordinal, less the repeats inserted before or at it.
    pub fn week_of_slot(&self, slot: u32) -> u32 {
        slot + 1 - self.repeats.iter().filter(|r| **r <= slot).count() as u32
    }

    pub fn position(&self, today: Date) -> Position {
        if today < self.started_on {
            return Position::NotStarted { days_until: days_between(today, self.started_on) };
        }
        let active = self.active_days(today).max(0);
        let slot = (active / 7) as u32;
        let week = self.week_of_slot(slot);
        let paused = self.is_paused();
        if week > u32::from(WEEKS) {
            let first = (0..=slot).find(|s| self.week_of_slot(*s) > u32::from(WEEKS)).unwrap_or(slot);
            return Position::Maintenance { day: (active - i64::from(first) * 7) as u32, paused };
        }
        Position::InWeek { slot, week: week as u8, day: (active % 7) as u8 + 1, paused }
    }

    /// The week that begins on `day`, if one does: the first day its slot is reached. A pause
    /// that starts on a week's first day holds the plan there; the week still began only once.
    /// (The reminder planner's "a new week has begun" and the calendar feed's weeks.)
    pub fn week_beginning_on(&self, day: Date) -> Option<u8> {
        let Position::InWeek { slot, week, day: 1, .. } = self.position(day) else {
            return None;
        };
        match day.yesterday().ok().map(|d| self.position(d)) {
            Some(Position::InWeek { slot: before, .. }) if before == slot => None,
            _ => Some(week),
        }
    }

    pub fn pause(&mut self, today: Date) {
        if !self.is_paused() {
            self.pauses.push(Pause { from: today, until: None });
        }
    }

    pub fn resume(&mut self, today: Date) {
        if let Some(open) = self.pauses.last_mut().filter(|p| p.until.is_none()) {
            open.until = Some(today.max(open.from));
        }
    }

    /// After the current slot, the same week comes once more. Asking twice changes nothing.
    pub fn repeat_week(&mut self, today: Date) -> bool {
        let Position::InWeek { slot, .. } = self.position(today) else {
            return false;
        };
        if self.repeats.contains(&(slot + 1)) {
            return false;
        }
        self.repeats.push(slot + 1);
        self.repeats.sort_unstable();
        true
    }
}

/// The monthly maintenance meeting is offered for the first week of every four.
pub fn meeting_month_open(maintenance_day: u32) -> bool {
    maintenance_day % 28 < 7
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;
    use jiff::tz::TimeZone;
    use jiff::Timestamp;

    use super::*;

    #[test]
    fn a_week_begins_once_even_when_a_pause_holds_its_first_day() {
        let mut s = Schedule::new(date(2026, 3, 2));
        assert_eq!(s.week_beginning_on(date(2026, 3, 2)), Some(1));
        assert_eq!(s.week_beginning_on(date(2026, 3, 3)), None);
        s.pause(date(2026, 3, 9));
        assert_eq!(s.week_beginning_on(date(2026, 3, 9)), Some(2), "week 2 began the day the pause did");
        for d in 10..=20 {
            assert_eq!(s.week_beginning_on(date(2026, 3, d)), None, "not again on 2026-03-{d}");
        }
        s.resume(date(2026, 3, 20));
        assert_eq!(s.week_beginning_on(date(2026, 3, 27)), Some(3));
    }

    fn in_week(p: Position) -> (u8, u8) {
        match p {
            Position::InWeek { week, day, .. } => (week, day),
            other => panic!("not in a week: {other:?}"),
        }
    }

    #[test]
    fn weeks_follow_each_other_every_seven_days() {
        let s = Schedule::new(date(2026, 3, 2));
        assert_eq!(in_week(s.position(date(2026, 3, 2))), (1, 1));
        assert_eq!(in_week(s.position(date(2026, 3, 8))), (1, 7));
        assert_eq!(in_week(s.position(date(2026, 3, 9))), (2, 1));
        assert_eq!(in_week(s.position(date(2026, 4, 26))), (8, 7));
        assert_eq!(s.position(date(2026, 4, 27)), Position::Maintenance { day: 0, paused: false });
        assert_eq!(s.position(date(2026, 5, 25)), Position::Maintenance { day: 28, paused: false });
        assert!(matches!(s.position(date(2026, 2, 28)), Position::NotStarted { days_until: 2 }));
    }

    #[test]
    fn a_pause_shifts_the_calendar_by_the_days_it_lasted() {
        let mut s = Schedule::new(date(2026, 3, 2));
        s.pause(date(2026, 3, 5));
        assert_eq!(s.position(date(2026, 3, 20)), Position::InWeek { slot: 0, week: 1, day: 4, paused: true });
        s.resume(date(2026, 3, 20));
        assert_eq!(in_week(s.position(date(2026, 3, 20))), (1, 4));
        assert_eq!(in_week(s.position(date(2026, 3, 24))), (2, 1));
    }

    #[test]
    fn a_repeated_week_comes_once_more_and_everything_after_moves_on() {
        let mut s = Schedule::new(date(2026, 3, 2));
        assert!(s.repeat_week(date(2026, 3, 10)));
        assert!(!s.repeat_week(date(2026, 3, 11)), "asking twice changes nothing");
        assert_eq!(in_week(s.position(date(2026, 3, 16))), (2, 1));
        assert_eq!(in_week(s.position(date(2026, 3, 23))), (3, 1));
        assert!(matches!(s.position(date(2026, 5, 3)), Position::InWeek { week: 8, day: 7, .. }));
        assert!(matches!(s.position(date(2026, 5, 4)), Position::Maintenance { .. }));
    }

    #[test]
    fn a_dst_change_inside_a_week_does_not_move_the_days() {
        // Europe/Berlin springs forward on Sunday 29 March 2026; the day count stays whole.
        let berlin = TimeZone::get("Europe/Berlin").unwrap();
        let s = Schedule::new(date(2026, 3, 26));
        let late_sunday: Timestamp = "2026-03-29T21:30:00Z".parse().unwrap(); // 23:30 in Berlin
        let monday: Timestamp = "2026-03-29T22:30:00Z".parse().unwrap(); // 00:30 on Monday
        assert_eq!(in_week(s.position(late_sunday.to_zoned(berlin.clone()).date())), (1, 4));
        assert_eq!(in_week(s.position(monday.to_zoned(berlin).date())), (1, 5));
    }

    #[test]
    fn a_couple_in_two_zones_can_stand_in_different_weeks_for_a_few_hours() {
        let s = Schedule::new(date(2026, 3, 2));
        let now: Timestamp = "2026-03-09T02:00:00Z".parse().unwrap();
        let in_lisbon = now.to_zoned(TimeZone::get("Europe/Lisbon").unwrap()).date();
        let in_toronto = now.to_zoned(TimeZone::get("America/Toronto").unwrap()).date();
        assert_eq!(in_week(s.position(in_lisbon)), (2, 1));
        assert_eq!(in_week(s.position(in_toronto)), (1, 7));
    }

    #[test]
    fn the_monthly_meeting_is_offered_in_the_first_week_of_every_four() {
        assert!(meeting_month_open(0) && meeting_month_open(6) && meeting_month_open(28));
        assert!(!meeting_month_open(7) && !meeting_month_open(27));
    }
}
