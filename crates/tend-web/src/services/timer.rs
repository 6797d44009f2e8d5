//! Screen-free minutes: a shared timer either partner starts and the other can join. Its state
//! reaches the other device through the live stream; reloading the page shows the same.

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};
use tend_core::content::Content;
use tend_core::ids::PersonId;
use tend_core::msg;
use tend_core::rituals::RitualKind;
use tend_store::TimerRecord;
use utoipa::ToSchema;

use super::{ServiceError, ServiceResult};
use crate::secrets::new_id;
use crate::state::AppState;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TimerView {
    pub id: String,
    pub minutes: u32,
    #[schema(value_type = String, format = DateTime)]
    pub started_at: Timestamp,
    #[schema(value_type = String, format = DateTime)]
    pub ends_at: Timestamp,
    pub started_by_me: bool,
    /// Both partners are in.
    pub together: bool,
    /// I started it or joined it.
    pub i_am_in: bool,
    /// Still counting down (not stopped, not over).
    pub running: bool,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct StartTimer {
    /// 5 to 120; the ritual's default (20) when left out.
    pub minutes: Option<u32>,
}

pub fn ends_at(t: &TimerRecord) -> Timestamp {
    t.started_at + SignedDuration::from_mins(i64::from(t.minutes))
}

fn view(t: TimerRecord, me: &str, now: Timestamp) -> TimerView {
    let ends_at = ends_at(&t);
    TimerView {
        started_by_me: t.started_by == me,
        together: t.joined_by.is_some(),
        i_am_in: t.started_by == me || t.joined_by.as_deref() == Some(me),
        running: t.stopped_at.is_none() && now < ends_at,
        minutes: t.minutes,
        started_at: t.started_at,
        ends_at,
        id: t.id,
    }
}

/// How long a timer stays on the page after it started, running or finished.
pub const KEPT: SignedDuration = SignedDuration::from_hours(24);

/// The couple's latest timer, running or finished today-ish (within a day), if any.
pub async fn current(state: &AppState, person_id: &PersonId) -> ServiceResult<Option<TimerView>> {
    let Some(couple) = state.store.couple_of(person_id).await? else {
        return Ok(None);
    };
    let now = state.clock.now();
    Ok(state
        .store
        .latest_timer(&couple.id)
        .await?
        .filter(|t| now.duration_since(t.started_at) < KEPT)
        .map(|t| view(t, person_id, now)))
}

async fn running(state: &AppState, person_id: &PersonId) -> ServiceResult<Option<TimerView>> {
    Ok(current(state, person_id).await?.filter(|t| t.running))
}

pub async fn start(state: &AppState, person_id: &PersonId, input: &StartTimer) -> ServiceResult<TimerView> {
    let default = Content::embedded().rituals.ritual(RitualKind::ScreenFree).minutes.unwrap_or(20);
    let minutes = input.minutes.unwrap_or(default);
    if !(5..=120).contains(&minutes) {
        return Err(ServiceError::field("minutes", msg::timer_choose_between_5_120()));
    }
    let couple = state.store.couple_of(person_id).await?.ok_or(ServiceError::NotFound)?;
    if let Some(existing) = running(state, person_id).await? {
        return Ok(existing);
    }
    let record = TimerRecord {
        id: new_id(),
        couple_id: couple.id,
        started_by: person_id.clone(),
        started_at: state.clock.now(),
        minutes,
        joined_by: None,
        joined_at: None,
        stopped_at: None,
    };
    state.store.create_timer(&record).await?;
    Ok(view(record, person_id, state.clock.now()))
}

pub async fn join(state: &AppState, person_id: &PersonId) -> ServiceResult<TimerView> {
    let timer = running(state, person_id).await?.ok_or(ServiceError::NotFound)?;
    if !timer.i_am_in {
        let couple = state.store.couple_of(person_id).await?.ok_or(ServiceError::NotFound)?;
        state.store.join_timer(&couple.id, &timer.id, person_id, state.clock.now()).await?;
    }
    current(state, person_id).await?.ok_or(ServiceError::NotFound)
}

/// Either partner ends the timer early; the minutes until then still count as time together.
pub async fn stop(state: &AppState, person_id: &PersonId) -> ServiceResult<TimerView> {
    let timer = running(state, person_id).await?.ok_or(ServiceError::NotFound)?;
    let couple = state.store.couple_of(person_id).await?.ok_or(ServiceError::NotFound)?;
    state.store.stop_timer(&couple.id, &timer.id, state.clock.now()).await?;
    current(state, person_id).await?.ok_or(ServiceError::NotFound)
}
