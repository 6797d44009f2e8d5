//! The pause: either partner calls it from any page; the other sees it within two seconds on any
//! open page (`/events`); both get a calm screen; the one who paused may propose when to come
//! back; either ends it once the quiet is over. Nobody is named as "the one who paused" on screen.

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};
use tend_core::ids::PersonId;
use tend_core::msg;
use tend_core::pause::{check_return, is_active, quiet};
use tend_store::{Couple, PauseRecord};
use utoipa::ToSchema;

use super::{ServiceError, ServiceResult};
use crate::secrets::new_id;
use crate::state::AppState;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PauseView {
    pub id: String,
    pub called_by_me: bool,
    #[schema(value_type = String, format = DateTime)]
    pub started_at: Timestamp,
    /// Hard-talk tools stay closed until then (at least twenty minutes).
    #[schema(value_type = String, format = DateTime)]
    pub quiet_until: Timestamp,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub return_at: Option<Timestamp>,
    /// The quiet is over, so either may end the pause.
    pub can_end: bool,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct CallPause {
    /// Minutes until the proposed return (after the quiet, within a day); optional.
    pub return_in_minutes: Option<u32>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct ProposeReturn {
    /// Minutes from now until the proposed return (after the quiet, within a day).
    pub return_in_minutes: u32,
}

async fn couple(state: &AppState, person_id: &PersonId) -> ServiceResult<Couple> {
    state.store.couple_of(person_id).await?.ok_or(ServiceError::NotFound)
}

fn view(p: PauseRecord, me: &str, now: Timestamp) -> PauseView {
    PauseView {
        called_by_me: p.called_by == me,
        can_end: now >= p.quiet_until,
        id: p.id,
        started_at: p.started_at,
        quiet_until: p.quiet_until,
        return_at: p.return_at,
    }
}

/// The couple's pause in force, if any.
pub async fn current(state: &AppState, person_id: &PersonId) -> ServiceResult<Option<PauseView>> {
    let Some(couple) = state.store.couple_of(person_id).await? else {
        return Ok(None);
    };
    let now = state.clock.now();
    Ok(state
        .store
        .latest_pause(&couple.id)
        .await?
        .filter(|p| is_active(p.started_at, p.ended_at, now))
        .map(|p| view(p, person_id, now)))
}

/// `minutes` after `from`, capped at a year so that no number can overflow time (anything past a
/// day is refused by `check_return` with its usual words).
fn minutes_after(from: Timestamp, minutes: u32) -> Timestamp {
    from + SignedDuration::from_mins(i64::from(minutes.min(60 * 24 * 366)))
}

pub async fn call(state: &AppState, person_id: &PersonId, input: &CallPause) -> ServiceResult<PauseView> {
    let couple = couple(state, person_id).await?;
    if let Some(existing) = current(state, person_id).await? {
        return Ok(existing);
    }
    let now = state.clock.now();
    let quiet_until = now + quiet(state.settings.pause_quiet);
    let return_at = match input.return_in_minutes {
        Some(minutes) => {
            let at = minutes_after(now, minutes);
            check_return(now, quiet_until, at).map_err(|e| ServiceError::Invalid(vec![e]))?;
            Some(at)
        }
        None => None,
    };
    let record = PauseRecord {
        id: new_id(),
        couple_id: couple.id,
        called_by: person_id.clone(),
        started_at: now,
        quiet_until,
        return_at,
        ended_at: None,
    };
    state.store.create_pause(&record).await?;
    Ok(view(record, person_id, now))
}

pub async fn propose_return(state: &AppState, person_id: &PersonId, input: &ProposeReturn) -> ServiceResult<PauseView> {
    let pause = current(state, person_id).await?.ok_or(ServiceError::NotFound)?;
    if !pause.called_by_me {
        return Err(ServiceError::Conflict { code: "not_yours_to_time", message: msg::pause_one_who_called_pause() });
    }
    let at = minutes_after(state.clock.now(), input.return_in_minutes);
    check_return(pause.started_at, pause.quiet_until, at).map_err(|e| ServiceError::Invalid(vec![e]))?;
    let couple = couple(state, person_id).await?;
    state.store.set_pause_return(&couple.id, &pause.id, at).await?;
    current(state, person_id).await?.ok_or(ServiceError::NotFound)
}

pub async fn end(state: &AppState, person_id: &PersonId) -> ServiceResult<()> {
    let pause = current(state, person_id).await?.ok_or(ServiceError::NotFound)?;
    if !pause.can_end {
        return Err(ServiceError::Conflict { code: "still_quiet", message: msg::pause_quiet_time_isnt_over() });
    }
    let couple = couple(state, person_id).await?;
    state.store.end_pause(&couple.id, &pause.id, state.clock.now()).await?;
    Ok(())
}
