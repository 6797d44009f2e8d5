//! Ground rules for hard talks: one proposes a version (from suggestions and their own), the
//! other says yes; any change is a new version that needs the other's yes again. The version both
//! accepted stays in force meanwhile, and opens every hard talk.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{paired_couple, written, ServiceError, ServiceResult};
use crate::state::AppState;

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct ProposeRules {
    /// One to twenty rules, each up to 200 characters.
    pub rules: Vec<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RulesVersion {
    pub version: i64,
    pub rules: Vec<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GroundRulesView {
    /// The version both have accepted, if any.
    pub accepted: Option<RulesVersion>,
    /// A newer proposal waiting for the other's yes.
    pub proposal: Option<RulesVersion>,
    pub proposed_by_me: bool,
}

fn rules_of(json: &str) -> Vec<String> {
    serde_json::from_str(json).unwrap_or_default()
}

pub async fn get(state: &AppState, person_id: &str) -> ServiceResult<GroundRulesView> {
    let couple = state.store.couple_of(person_id).await?.ok_or(ServiceError::NotFound)?;
    let Some(record) = state.store.ground_rules(&couple.id).await? else {
        return Ok(GroundRulesView { accepted: None, proposal: None, proposed_by_me: false });
    };
    let accepted = match (&record.accepted, record.accepted_version) {
        (Some(json), Some(version)) => Some(RulesVersion { version, rules: rules_of(json) }),
        _ => None,
    };
    let pending = record.accepted_version != Some(record.draft_version);
    Ok(GroundRulesView {
        accepted,
        proposal: pending.then(|| RulesVersion { version: record.draft_version, rules: rules_of(&record.draft) }),
        proposed_by_me: pending && record.proposed_by == person_id,
    })
}

pub async fn propose(state: &AppState, person_id: &str, input: &ProposeRules) -> ServiceResult<GroundRulesView> {
    let rules: Vec<String> = input
        .rules
        .iter()
        .filter(|r| !r.trim().is_empty())
        .map(|r| written(r, 200, "rules", "Each rule is a sentence of up to 200 characters."))
        .collect::<ServiceResult<_>>()?;
    if rules.is_empty() || rules.len() > 20 {
        return Err(ServiceError::field("rules", "Choose or write between one and twenty rules."));
    }
    let couple = paired_couple(state, person_id).await?;
    let json = serde_json::to_string(&rules).map_err(anyhow::Error::from)?;
    state.store.propose_ground_rules(&couple.id, &json, person_id, state.clock.now()).await?;
    get(state, person_id).await
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct AcceptRules {
    /// The version being accepted (so nobody accepts a text that changed meanwhile).
    pub version: i64,
}

pub async fn accept(state: &AppState, person_id: &str, input: &AcceptRules) -> ServiceResult<GroundRulesView> {
    let couple = state.store.couple_of(person_id).await?.ok_or(ServiceError::NotFound)?;
    if !state.store.accept_ground_rules(&couple.id, input.version, person_id, state.clock.now()).await? {
        let view = get(state, person_id).await?;
        return Err(match view.proposal {
            None => ServiceError::NotFound,
            Some(p) if p.version != input.version => ServiceError::Conflict {
                code: "rules_changed",
                message: "The proposal changed since you read it. Please read the latest version.",
            },
            Some(_) => ServiceError::Conflict {
                code: "proposed_by_you",
                message: "You proposed these rules, so the other yes comes from your partner.",
            },
        });
    }
    get(state, person_id).await
}
