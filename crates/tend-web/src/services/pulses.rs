//! The weekly pulse: a one-minute private check, one per week in the person's own time zone.
//! Never shown beside the partner's; there is no operation that reads another person's pulse.

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde::Serialize;
use tend_core::checkup::validate_pulse_answers;
use tend_core::content::Content;
use tend_store::PulseRecord;
use utoipa::ToSchema;

use super::{ServiceError, ServiceResult};
use crate::state::AppState;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PulseEntry {
    /// The ISO week in the person's time zone, e.g. `2026-W48`.
    pub week: String,
    #[schema(value_type = String, format = DateTime)]
    pub taken_at: Timestamp,
    pub answers: BTreeMap<String, u8>,
}

/// The ISO week that `at` falls in, where the person lives.
pub fn week_of(at: Timestamp, time_zone: &str) -> String {
    let zone = tend_core::time_zone::zone_of(time_zone);
    at.to_zoned(zone).strftime("%G-W%V").to_string()
}

pub async fn submit(
    state: &AppState,
    person_id: &str,
    time_zone: &str,
    answers: &BTreeMap<String, u8>,
) -> ServiceResult<PulseEntry> {
    validate_pulse_answers(&Content::embedded().pulse, answers).map_err(ServiceError::Invalid)?;
    let now = state.clock.now();
    let entry = PulseEntry { week: week_of(now, time_zone), taken_at: now, answers: answers.clone() };
    let record = PulseRecord {
        week: entry.week.clone(),
        answers: serde_json::to_string(answers).map_err(anyhow::Error::from)?,
        taken_at: now,
    };
    state.store.save_pulse(person_id, &record).await?;
    Ok(entry)
}

pub async fn list(state: &AppState, person_id: &str) -> ServiceResult<Vec<PulseEntry>> {
    state
        .store
        .list_pulses(person_id)
        .await?
        .into_iter()
        .map(|r| {
            let answers =
                serde_json::from_str(&r.answers).map_err(|e| anyhow::anyhow!("Stored pulse unreadable: {e}"))?;
            Ok(PulseEntry { week: r.week, taken_at: r.taken_at, answers })
        })
        .collect()
}

/// Whether this week's pulse is still open for the person (it is offered, never demanded).
pub async fn due(state: &AppState, person_id: &str, time_zone: &str) -> ServiceResult<bool> {
    let this_week = week_of(state.clock.now(), time_zone);
    Ok(!state.store.list_pulses(person_id).await?.iter().any(|p| p.week == this_week))
}
