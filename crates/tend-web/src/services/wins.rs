//! Small wins and momentum. Either partner logs a small win; the momentum view shows, week by
//! week, what happened — wins, days with a ritual, minutes together, shared joy — and nothing
//! else: no missed days, no streaks, no percentages, nothing counted against anyone.

use jiff::civil::Date;
use jiff::{Timestamp, ToSpan};
use serde::{Deserialize, Serialize};
use tend_core::ids::PersonId;
use tend_core::msg;
use tend_core::rituals::local_day;
use tend_core::sealing::{DataKey, SharedWords};
use tend_store::{AnswerMark, WinRecord};
use utoipa::ToSchema;

use super::couple_key::{self, WIN};
use super::timer::ends_at;
use super::{written, ServiceError, ServiceResult};
use crate::secrets::new_id;
use crate::state::AppState;

/// How many weeks the momentum view looks back over at most, the current one included; it never
/// starts before the couple space did.
pub const WEEKS: usize = 8;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WinView {
    pub id: String,
    /// Empty while the partner's win waits for the couple's key to reach me.
    pub text: String,
    pub can_open: bool,
    #[schema(value_type = String, format = Date)]
    pub day: String,
    pub mine: bool,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct NewWin {
    pub text: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MomentumWeek {
    /// The Monday the week begins on.
    #[schema(value_type = String, format = Date)]
    pub week_of: Date,
    pub wins: u32,
    /// Days on which either of us did a written ritual (the partner's counted once revealed).
    pub ritual_days: u32,
    /// Screen-free minutes spent together.
    pub minutes_together: u32,
    pub joy_moments: u32,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Momentum {
    /// Oldest first, from the couple's first week (at most eight); the last is this week.
    pub weeks: Vec<MomentumWeek>,
    pub recent_wins: Vec<WinView>,
}

/// A win as `me` reads it: their own copy with `own`, the partner's with the couple's key.
fn view(w: WinRecord, me: &str, own: &DataKey, couple: Option<&DataKey>) -> WinView {
    let mine = w.person_id == me;
    let text = w.words.read(mine, Some(own), couple, WIN);
    WinView { mine, id: w.id, can_open: text.is_some(), text: text.unwrap_or_default(), day: w.day }
}

pub async fn log(
    state: &AppState,
    person_id: &PersonId,
    key: &DataKey,
    time_zone: &str,
    input: &NewWin,
) -> ServiceResult<WinView> {
    let text = written(&input.text, 200, "text", msg::wins_describe_win_up_200())?;
    let couple = state.store.couple_of(person_id).await?.ok_or(ServiceError::NotFound)?;
    let couple_key = couple_key::open(state, &couple.id, person_id, key).await?;
    let now = state.clock.now();
    let win = WinRecord {
        id: new_id(),
        couple_id: couple.id,
        person_id: person_id.to_owned(),
        words: SharedWords::seal(&text, key, couple_key.as_ref(), WIN),
        day: local_day(now, time_zone).to_string(),
        created_at: now,
    };
    state.store.log_win(&win).await?;
    Ok(WinView { mine: true, id: win.id, text, can_open: true, day: win.day })
}

fn monday_of(day: Date) -> Date {
    let back = i64::from(day.weekday().to_monday_zero_offset());
    day.checked_sub(back.days()).unwrap_or(day)
}

fn week_index(first_monday: Date, day: Date, weeks: usize) -> Option<usize> {
    let days = day.since(first_monday).ok()?.get_days();
    (days >= 0).then_some((days / 7) as usize).filter(|i| *i < weeks)
}

/// Whole minutes together, a started minute counting as one (a short moment is still a moment).
fn minutes_of(duration: jiff::SignedDuration) -> u32 {
    u32::try_from((duration.as_secs().max(0) + 59) / 60).unwrap_or(0)
}

pub async fn momentum(
    state: &AppState,
    person_id: &PersonId,
    key: &DataKey,
    time_zone: &str,
) -> ServiceResult<Momentum> {
    let couple = state.store.couple_of(person_id).await?.ok_or(ServiceError::NotFound)?;
    let now: Timestamp = state.clock.now();
    let this_monday = monday_of(local_day(now, time_zone));
    let eight_back = this_monday.checked_sub(((WEEKS as i64 - 1) * 7).days()).unwrap_or(this_monday);
    let first = eight_back.max(monday_of(local_day(couple.created_at, time_zone))).min(this_monday);
    let count = week_index(first, this_monday, WEEKS).unwrap_or(0) + 1;
    let mut weeks: Vec<MomentumWeek> = (0..count)
        .map(|i| MomentumWeek {
            week_of: first.checked_add((i as i64 * 7).days()).unwrap_or(first),
            wins: 0,
            ritual_days: 0,
            minutes_together: 0,
            joy_moments: 0,
        })
        .collect();
    let wins = state.store.wins(&couple.id, first).await?;
    for w in &wins {
        if let Some(i) = w.day.parse().ok().and_then(|d| week_index(first, d, count)) {
            weeks[i].wins += 1;
        }
    }
    let marks = state.store.rituals_answered_since(&couple.id, first).await?;
    let answered: Vec<_> = marks.iter().map(AnswerMark::answered).collect();
    for day in tend_core::rituals::days_with_readable_answers(person_id, &couple.id, &answered, now) {
        if let Some(i) = day.parse().ok().and_then(|d| week_index(first, d, count)) {
            weeks[i].ritual_days += 1;
        }
    }
    let since = tend_core::rituals::day_start(first, time_zone);
    for t in state.store.timers_since(&couple.id, since).await? {
        let end = t.stopped_at.map_or(ends_at(&t), |s| s.min(ends_at(&t))).min(now);
        let minutes = minutes_of(end.duration_since(t.started_at));
        if let Some(i) = week_index(first, local_day(t.started_at, time_zone), count) {
            weeks[i].minutes_together += minutes;
        }
    }
    for p in state.store.joy_plans(&couple.id).await? {
        if let Some(i) = p.done_at.and_then(|at| week_index(first, local_day(at, time_zone), count)) {
            weeks[i].joy_moments += 1;
        }
    }
    let couple_key = couple_key::open(state, &couple.id, person_id, key).await?;
    let recent_wins = wins.into_iter().take(20).map(|w| view(w, person_id, key, couple_key.as_ref())).collect();
    Ok(Momentum { weeks, recent_wins })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::SignedDuration;

    #[test]
    fn a_started_minute_together_counts_as_one() {
        assert_eq!(minutes_of(SignedDuration::from_secs(0)), 0);
        assert_eq!(minutes_of(SignedDuration::from_secs(20)), 1);
        assert_eq!(minutes_of(SignedDuration::from_secs(60)), 1);
        assert_eq!(minutes_of(SignedDuration::from_secs(61)), 2);
        assert_eq!(minutes_of(SignedDuration::from_mins(20)), 20);
    }

    #[test]
    fn weeks_count_from_the_first_monday_and_stop_at_the_last() {
        let monday = jiff::civil::date(2026, 11, 23);
        assert_eq!(week_index(monday, jiff::civil::date(2026, 11, 29), 1), Some(0));
        assert_eq!(week_index(monday, jiff::civil::date(2026, 11, 30), 1), None);
        assert_eq!(week_index(monday, jiff::civil::date(2026, 11, 22), 8), None);
    }
}
