//! The weekly pulse: a one-minute private check, one per week in the person's own time zone.
//! Never shown beside the partner's; there is no operation that reads another person's pulse.

use std::collections::BTreeMap;
use tend_core::ids::PersonId;

use jiff::Timestamp;
use serde::Serialize;
use tend_core::checkup::validate_pulse_answers;
use tend_core::content::Content;
use tend_core::sealing::{DataKey, StoredWords};
use tend_store::PulseRecord;
use utoipa::ToSchema;

use super::{keys, ServiceError, ServiceResult};
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

/// Keeps this week's pulse, its answers sealed under the person's data key.
pub async fn submit(
    state: &AppState,
    person_id: &PersonId,
    key: &DataKey,
    time_zone: &str,
    answers: &BTreeMap<String, u8>,
) -> ServiceResult<PulseEntry> {
    validate_pulse_answers(&Content::embedded().pulse, answers).map_err(ServiceError::Invalid)?;
    let now = state.clock.now();
    let entry = PulseEntry { week: week_of(now, time_zone), taken_at: now, answers: answers.clone() };
    let record = PulseRecord {
        week: entry.week.clone(),
        answers: StoredWords::Sealed(
            key.seal(keys::PULSE_CONTEXT, &serde_json::to_string(answers).map_err(anyhow::Error::from)?),
        ),
        taken_at: now,
    };
    state.store.save_pulse(person_id, &record).await?;
    Ok(entry)
}

/// The person's pulses, opened with their data key. Pulses sealed under a key lost in a reset
/// without the recovery code are left out: their answers can't be read.
pub async fn list(state: &AppState, person_id: &PersonId, key: &DataKey) -> ServiceResult<Vec<PulseEntry>> {
    let mut entries = Vec::new();
    for r in state.store.list_pulses(person_id).await? {
        let Ok(text) = r.answers.read(key, keys::PULSE_CONTEXT) else { continue };
        let answers = serde_json::from_str(&text).map_err(|e| anyhow::anyhow!("Stored pulse unreadable: {e}"))?;
        entries.push(PulseEntry { week: r.week, taken_at: r.taken_at, answers });
    }
    Ok(entries)
}

/// Whether this week's pulse is still open for the person (it is offered, never demanded).
pub async fn due(state: &AppState, person_id: &PersonId, time_zone: &str) -> ServiceResult<bool> {
    let this_week = week_of(state.clock.now(), time_zone);
    Ok(!state.store.list_pulses(person_id).await?.iter().any(|p| p.week == this_week))
}
