//! When to seek outside help: a private page that gathers signs — the ones a person reports
//! themselves, and patterns in their own data (pauses called often, their invitations often
//! declined, their weekly pulse falling three weeks running, a betrayal noted) — says why each
//! appeared, and lists the help the host configured. Nothing here is visible to the partner.

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};
use tend_core::content::{Content, Resource, REPORTED_SIGNALS};
use tend_core::ids::PersonId;
use tend_core::msg;
use tend_core::sealing::DataKey;
use utoipa::ToSchema;

use super::{pulses, ServiceError, ServiceResult};
use crate::state::AppState;

/// Three or more pauses within two weeks count as "often".
const PAUSES_OFTEN: u32 = 3;
/// Three or more of the person's invitations answered "not now" within a month.
const DECLINED_OFTEN: usize = 3;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SignalView {
    pub id: String,
    pub label: String,
    /// Why this sign appeared and what it may mean.
    pub why: String,
    /// For reported signs: whether the person ticked it.
    pub present: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HelpView {
    pub intro: String,
    pub why_help: Vec<String>,
    /// The signs the person can tick, each with whether they did.
    pub reported: Vec<SignalView>,
    /// Patterns found in the person's own data (only those present).
    pub patterns: Vec<SignalView>,
    /// Help the host configured (no ads, no paid referrals).
    #[schema(value_type = Vec<Object>)]
    pub resources: Vec<Resource>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct ReportedSignals {
    /// Ids of the signs that fit: `pursue-withdraw`, `stonewalling`, `old-hurts`, `want-structure`.
    pub reported: Vec<String>,
}

/// Whether the mean of each week's pulse answers fell three weeks running (four weeks in a row,
/// each lower than the one before), looking at the latest four weeks answered.
pub fn pulse_falling(weekly_means: &[f64]) -> bool {
    weekly_means.len() >= 4 && weekly_means[weekly_means.len() - 4..].windows(2).all(|w| w[1] < w[0])
}

async fn patterns(
    state: &AppState,
    person_id: &PersonId,
    key: &DataKey,
    now: Timestamp,
) -> ServiceResult<Vec<&'static str>> {
    let mut found = Vec::new();
    if let Some(couple) = state.store.couple_of(person_id).await? {
        let since = now - SignedDuration::from_hours(24 * 14);
        if state.store.pauses_since(&couple.id, since).await? >= PAUSES_OFTEN {
            found.push("pauses-often");
        }
        let month = now - SignedDuration::from_hours(24 * 30);
        let declined = state
            .store
            .invitations(&couple.id)
            .await?
            .iter()
            .filter(|i| i.sent_by == person_id && i.status == "not-now" && i.sent_at >= month)
            .count();
        if declined >= DECLINED_OFTEN {
            found.push("invitations-declined");
        }
    }
    let means: Vec<f64> = pulses::list(state, person_id, key)
        .await?
        .iter()
        .filter(|p| !p.answers.is_empty())
        .map(|p| p.answers.values().map(|v| f64::from(*v)).sum::<f64>() / p.answers.len() as f64)
        .collect();
    if pulse_falling(&means) {
        found.push("pulse-falling");
    }
    if state.store.support(person_id).await?.situation.as_deref() == Some("betrayal") {
        found.push("betrayal-noted");
    }
    Ok(found)
}

/// The signs to look for, with those the person ticked and the patterns found in their own data
/// (their pulses are opened with `key`).
pub async fn get(state: &AppState, person_id: &PersonId, key: &DataKey) -> ServiceResult<HelpView> {
    let help = &Content::embedded().support.help;
    let support = state.store.support(person_id).await?;
    let found = patterns(state, person_id, key, state.clock.now()).await?;
    Ok(HelpView {
        intro: help.intro.clone(),
        why_help: help.why.clone(),
        reported: help
            .reported
            .iter()
            .map(|s| SignalView {
                present: support.reported.contains(&s.id),
                id: s.id.clone(),
                label: s.label.clone(),
                why: s.why.clone(),
            })
            .collect(),
        patterns: help
            .patterns
            .iter()
            .filter(|s| found.contains(&s.id.as_str()))
            .map(|s| SignalView { id: s.id.clone(), label: s.label.clone(), why: s.why.clone(), present: true })
            .collect(),
        resources: state.settings.help_resources.clone(),
    })
}

pub async fn set_reported(
    state: &AppState,
    person_id: &PersonId,
    key: &DataKey,
    input: &ReportedSignals,
) -> ServiceResult<HelpView> {
    if input.reported.iter().any(|id| !REPORTED_SIGNALS.contains(&id.as_str())) {
        return Err(ServiceError::field("reported", msg::help_choose_from_signs_listed()));
    }
    let mut support = state.store.support(person_id).await?;
    support.reported =
        REPORTED_SIGNALS.iter().filter(|id| input.reported.iter().any(|r| r == *id)).map(|s| s.to_string()).collect();
    state.store.save_support(person_id, &support, state.clock.now()).await?;
    get(state, person_id, key).await
}

#[cfg(test)]
mod tests {
    use super::pulse_falling;

    #[test]
    fn a_pulse_falls_only_when_it_fell_three_weeks_running() {
        assert!(pulse_falling(&[4.0, 3.5, 3.0, 2.5]));
        assert!(pulse_falling(&[2.0, 4.0, 3.5, 3.0, 2.5]), "only the latest four weeks count");
        assert!(!pulse_falling(&[4.0, 3.5, 3.5, 2.5]), "a steady week breaks the run");
        assert!(!pulse_falling(&[4.0, 3.5, 3.0]), "three weeks are two falls, not three");
        assert!(!pulse_falling(&[]));
    }
}
