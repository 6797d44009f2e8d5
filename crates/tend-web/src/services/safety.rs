//! The private safety check. Only its outcome is stored (never the answers), nothing of it is
//! shown to a partner or logged, and when it points to risk the couple's joint hard-talk tools
//! close. Every joint tool (hard talks, the deepest questions, own your part) opens once both have
//! agreed their ground rules, as week 3 of the plan has it; closed, they look exactly as they do
//! before that, an ordinary state with no reason given (`joint_tools_open`). The person can retake
//! the check, or turn the tools back on.

use std::collections::BTreeMap;
use tend_core::ids::PersonId;
use tend_core::msg;

use serde::{Deserialize, Serialize};
use tend_core::content::{Content, Resource};
use tend_store::SafetyRecord;
use utoipa::ToSchema;

use super::{ServiceError, ServiceResult};
use crate::state::AppState;

/// The answer of a joint tool that is not open: the same words whether the rules are not agreed
/// yet or a safety check closed the tools, so a partner learns nothing from them.
pub fn rules_first() -> ServiceError {
    ServiceError::Conflict { code: "no_ground_rules", message: msg::safety_this_opens_once_you() }
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct SafetyAnswers {
    /// Question id → yes (`true`) or no (`false`), for every question.
    pub answers: BTreeMap<String, bool>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct JointTools {
    /// `true` to turn the joint hard-talk tools back on, `false` to turn them off.
    pub on: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SafetyView {
    pub taken: bool,
    pub risk: bool,
    pub joint_tools_off: bool,
    /// Help lines, when the check pointed to risk.
    #[schema(value_type = Vec<Object>)]
    pub resources: Vec<Resource>,
}

fn resources(state: &AppState) -> Vec<Resource> {
    state.settings.safety_resources.iter().chain(Content::embedded().safety.resources.iter()).cloned().collect()
}

fn view(state: &AppState, record: Option<SafetyRecord>) -> SafetyView {
    let risk = record.as_ref().is_some_and(|r| r.risk);
    SafetyView {
        taken: record.is_some(),
        risk,
        joint_tools_off: record.as_ref().is_some_and(|r| r.tools_off),
        resources: if risk { resources(state) } else { Vec::new() },
    }
}

pub async fn get(state: &AppState, person_id: &PersonId) -> ServiceResult<SafetyView> {
    Ok(view(state, state.store.safety(person_id).await?))
}

pub async fn submit(state: &AppState, person_id: &PersonId, input: &SafetyAnswers) -> ServiceResult<SafetyView> {
    let questions = &Content::embedded().safety.questions;
    if input.answers.keys().any(|k| !questions.iter().any(|q| &q.id == k)) {
        return Err(ServiceError::field("answers", msg::safety_some_answers_dont_belong()));
    }
    let missing: Vec<tend_core::FieldError> = questions
        .iter()
        .filter(|q| !input.answers.contains_key(&q.id))
        .map(|q| tend_core::FieldError::new(q.id.as_str(), q.text.as_str()))
        .collect();
    if !missing.is_empty() {
        return Err(ServiceError::Invalid(missing));
    }
    let risk = input.answers.values().any(|yes| *yes);
    let record = SafetyRecord { risk, tools_off: risk, taken_at: state.clock.now() };
    state.store.save_safety(person_id, &record).await?;
    Ok(view(state, Some(record)))
}

pub async fn set_joint_tools(state: &AppState, person_id: &PersonId, input: &JointTools) -> ServiceResult<SafetyView> {
    if !state.store.set_joint_tools_off(person_id, !input.on).await? {
        return Err(ServiceError::NotFound);
    }
    get(state, person_id).await
}

/// Whether the joint tools are open: both agreed their ground rules, and no safety check closed
/// them. Not in a couple space: not open.
pub async fn joint_tools_open(state: &AppState, person_id: &PersonId) -> ServiceResult<bool> {
    if state.store.couple_of(person_id).await?.is_none() {
        return Ok(false);
    }
    super::hard_talks::rules_open(state, person_id).await
}

/// Whether the couple's joint hard-talk tools are closed by either member's safety check.
pub async fn joint_tools_closed(state: &AppState, person_id: &PersonId) -> ServiceResult<bool> {
    match state.store.couple_of(person_id).await? {
        Some(couple) => Ok(state.store.joint_tools_closed(&couple.id).await?),
        None => Ok(false),
    }
}
