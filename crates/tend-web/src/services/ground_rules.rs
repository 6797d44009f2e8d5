//! Ground rules for hard talks: one proposes a version (from suggestions and their own), the
//! other says yes; any change is a new version that needs the other's yes again. The version both
//! accepted stays in force meanwhile, and opens every hard talk.

use serde::{Deserialize, Serialize};
use tend_core::ids::{CoupleId, PersonId};
use tend_core::msg;
use tend_core::sealing::{DataKey, SharedWords};
use utoipa::ToSchema;

use super::couple_key::{self, GROUND_RULES};
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

/// The rules, from the list they were sealed as (none while it can't be opened: the partner's,
/// before the couple's key reaches the reader).
fn rules_of(json: Option<String>) -> Vec<String> {
    json.and_then(|json| serde_json::from_str(&json).ok()).unwrap_or_default()
}

/// Whether the couple has a version both accepted; opens nothing.
pub async fn agreed(state: &AppState, person_id: &PersonId) -> ServiceResult<bool> {
    let Some(couple) = state.store.couple_of(person_id).await? else { return Ok(false) };
    Ok(state.store.ground_rules(&couple.id).await?.is_some_and(|r| r.accepted_version.is_some()))
}

pub async fn get(state: &AppState, person_id: &PersonId, key: &DataKey) -> ServiceResult<GroundRulesView> {
    let couple = state.store.couple_of(person_id).await?.ok_or(ServiceError::NotFound)?;
    let Some(record) = state.store.ground_rules(&couple.id).await? else {
        return Ok(GroundRulesView { accepted: None, proposal: None, proposed_by_me: false });
    };
    let pending = record.accepted_version != Some(record.draft_version);
    let accepted_mine = record.accepted_by.as_deref() == Some(person_id);
    let mut words = vec![(&record.draft, record.proposed_by == person_id, GROUND_RULES)];
    words.extend(record.accepted.as_ref().map(|a| (a, accepted_mine, GROUND_RULES)));
    let mut read = couple_key::read_all(state, &couple.id, person_id, key, &words).await?.into_iter();
    let (draft, accepted) = (read.next().flatten(), read.next().flatten());
    Ok(GroundRulesView {
        accepted: record.accepted_version.map(|version| RulesVersion { version, rules: rules_of(accepted) }),
        proposal: pending.then(|| RulesVersion { version: record.draft_version, rules: rules_of(draft) }),
        proposed_by_me: pending && record.proposed_by == person_id,
    })
}

pub async fn propose(
    state: &AppState,
    person_id: &PersonId,
    key: &DataKey,
    input: &ProposeRules,
) -> ServiceResult<GroundRulesView> {
    let rules: Vec<String> = input
        .rules
        .iter()
        .filter(|r| !r.trim().is_empty())
        .map(|r| written(r, 200, "rules", msg::ground_rules_each_rule_sentence_up()))
        .collect::<ServiceResult<_>>()?;
    if rules.is_empty() || rules.len() > 20 {
        return Err(ServiceError::field("rules", msg::ground_rules_choose_write_between_one()));
    }
    let couple = paired_couple(state, person_id).await?;
    let json = serde_json::to_string(&rules).map_err(anyhow::Error::from)?;
    let couple_key = couple_key::open(state, &couple.id, person_id, key).await?;
    let sealed = SharedWords::seal(&json, key, couple_key.as_ref(), GROUND_RULES);
    state.store.propose_ground_rules(&couple.id, &sealed, person_id, state.clock.now()).await?;
    get(state, person_id, key).await
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct AcceptRules {
    /// The version being accepted (so nobody accepts a text that changed meanwhile).
    pub version: i64,
}

pub async fn accept(
    state: &AppState,
    person_id: &PersonId,
    key: &DataKey,
    input: &AcceptRules,
) -> ServiceResult<GroundRulesView> {
    let couple = state.store.couple_of(person_id).await?.ok_or(ServiceError::NotFound)?;
    if !state.store.accept_ground_rules(&couple.id, input.version, person_id, state.clock.now()).await? {
        let view = get(state, person_id, key).await?;
        return Err(match view.proposal {
            None => ServiceError::NotFound,
            Some(p) if p.version != input.version => ServiceError::Conflict {
                code: "rules_changed",
                message: msg::ground_rules_proposal_changed_since_you(),
            },
            Some(_) => ServiceError::Conflict {
                code: "proposed_by_you",
                message: msg::ground_rules_you_proposed_these_rules(),
            },
        });
    }
    get(state, person_id, key).await
}

/// Seals the couple's ground rules the person proposed still (partly) as written.
pub(super) async fn seal_as_written(
    state: &AppState,
    person_id: &PersonId,
    data: &DataKey,
    couple_id: &CoupleId,
    couple_key: &DataKey,
) -> ServiceResult<usize> {
    let Some(record) = state.store.ground_rules(couple_id).await? else { return Ok(0) };
    let draft = (record.proposed_by == person_id)
        .then(|| record.draft.resealed(data, Some(couple_key), true, GROUND_RULES))
        .flatten();
    let accepted = record
        .accepted
        .filter(|_| record.accepted_by.as_deref().is_none_or(|by| by == person_id))
        .and_then(|a| a.resealed(data, Some(couple_key), true, GROUND_RULES));
    if draft.is_none() && accepted.is_none() {
        return Ok(0);
    }
    state.store.seal_ground_rules(couple_id, person_id, draft.as_ref(), accepted.as_ref()).await?;
    Ok(1)
}
