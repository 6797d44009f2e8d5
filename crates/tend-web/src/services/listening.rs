//! Active listening, live on two devices or passed between the partners on one: either may take
//! the next step (on one shared device, whoever holds it). Every step moves a version that open
//! pages follow (`/events`), and a step taken by both at once counts once.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use tend_core::content::Content;
use tend_core::ids::{CoupleId, PersonId};
use tend_core::listening::{Exchange, Phase, Step};
use tend_core::msg;
use utoipa::ToSchema;

use super::{paired_couple, written, ServiceError, ServiceResult};
use crate::state::AppState;

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct StartListening {
    /// The speaking turn, two or three minutes.
    pub minutes: i64,
    /// Let the partner speak first.
    #[serde(default)]
    pub partner_first: bool,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct ListeningStep {
    /// `finish-speaking`, `paraphrase`, `confirm` or `clarify`.
    pub action: String,
    /// For `paraphrase`: what the speaker seemed to feel…
    pub feeling: Option<String>,
    /// …and when.
    pub situation: Option<String>,
    /// For `clarify`: what was missing.
    pub clarification: Option<String>,
    /// The version the step was taken on; a step on an older version is refused.
    pub version: Option<i64>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ListeningView {
    pub version: i64,
    /// `speaking`, `paraphrasing`, `confirming` or `done`.
    #[schema(value_type = String)]
    pub phase: Phase,
    /// 1 for the first turn, 2 for the second.
    pub turn: usize,
    pub i_am_speaking: bool,
    pub minutes: i64,
    #[schema(value_type = String, format = DateTime)]
    pub speak_until: Timestamp,
    pub paraphrase: Option<String>,
    pub clarification: Option<String>,
}

fn view(x: &Exchange, version: i64, me: &str) -> ListeningView {
    ListeningView {
        version,
        phase: x.phase,
        turn: x.turn + 1,
        i_am_speaking: x.speaker() == me,
        minutes: x.minutes,
        speak_until: x.speak_until,
        paraphrase: x.paraphrase.clone(),
        clarification: x.clarification.clone(),
    }
}

async fn load(state: &AppState, couple_id: &CoupleId) -> ServiceResult<Option<(Exchange, i64)>> {
    match state.store.listening(couple_id).await? {
        Some((json, version)) => {
            let x = serde_json::from_str(&json).map_err(|e| anyhow::anyhow!("Stored listening unreadable: {e}"))?;
            Ok(Some((x, version)))
        }
        None => Ok(None),
    }
}

pub async fn current(state: &AppState, person_id: &PersonId) -> ServiceResult<Option<ListeningView>> {
    let Some(couple) = state.store.couple_of(person_id).await? else {
        return Ok(None);
    };
    Ok(load(state, &couple.id).await?.map(|(x, v)| view(&x, v, person_id)))
}

pub async fn start(state: &AppState, person_id: &PersonId, input: &StartListening) -> ServiceResult<ListeningView> {
    let couple = paired_couple(state, person_id).await?;
    let partner = couple.partner_of(person_id).map(|m| m.person_id.clone()).ok_or(ServiceError::NotFound)?;
    let (first, second) = if input.partner_first { (&partner, person_id) } else { (person_id, &partner) };
    let exchange =
        Exchange::start(first, second, input.minutes, state.clock.now()).map_err(|e| ServiceError::Invalid(vec![e]))?;
    let json = serde_json::to_string(&exchange).map_err(anyhow::Error::from)?;
    let version = state.store.start_listening(&couple.id, &json, state.clock.now()).await?;
    Ok(view(&exchange, version, person_id))
}

pub async fn step(state: &AppState, person_id: &PersonId, input: &ListeningStep) -> ServiceResult<ListeningView> {
    let step = match input.action.as_str() {
        "finish-speaking" => Step::FinishSpeaking,
        "confirm" => Step::Confirm,
        "paraphrase" => {
            let need = msg::listening_few_words_are_enough();
            let feeling = written(input.feeling.as_deref().unwrap_or(""), 100, "feeling", need)?;
            let situation = written(input.situation.as_deref().unwrap_or(""), 200, "situation", need)?;
            let template = &Content::embedded().listening.template;
            Step::Paraphrase { paraphrase: template.replace("{feeling}", &feeling).replace("{situation}", &situation) }
        }
        "clarify" => Step::Clarify {
            clarification: written(
                input.clarification.as_deref().unwrap_or(""),
                300,
                "clarification",
                msg::listening_sentence_two_enough(),
            )?,
        },
        _ => return Err(ServiceError::field("action", msg::listening_that_step_isnt_part())),
    };
    let couple = state.store.couple_of(person_id).await?.ok_or(ServiceError::NotFound)?;
    let (mut exchange, version) = load(state, &couple.id).await?.ok_or(ServiceError::NotFound)?;
    let moved_on = ServiceError::Conflict { code: "moved_on", message: msg::listening_exchange_has_moved_here() };
    if input.version.is_some_and(|v| v != version) {
        return Err(moved_on);
    }
    exchange
        .apply(step, state.clock.now())
        .map_err(|_| ServiceError::Conflict { code: "out_of_turn", message: msg::listening_that_step_comes_at() })?;
    let json = serde_json::to_string(&exchange).map_err(anyhow::Error::from)?;
    if !state.store.step_listening(&couple.id, &json, version, state.clock.now()).await? {
        return Err(moved_on);
    }
    Ok(view(&exchange, version + 1, person_id))
}
