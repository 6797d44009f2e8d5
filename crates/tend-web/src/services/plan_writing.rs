//! A private place to write for the plan's steps that ask for it (week 1's few lines on how you
//! feel, week 5's note on what surprised you). What a person writes is theirs alone until they
//! share one piece with their partner; shared pieces reach the partner's Today as a bid.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use tend_core::content::Content;
use tend_core::ids::PersonId;
use tend_core::msg;
use tend_core::sealing::DataKey;
use utoipa::ToSchema;

use super::security_log::{self, SecurityEvent};
use super::shared_notes::{self, ReadNote};
use super::{paired_couple, written, ServiceError, ServiceResult};
use crate::state::AppState;

/// The kind of private note a plan writing is stored as; its prompt is the step's id.
pub const NOTE_KIND: &str = "plan-writing";

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WritingView {
    pub id: String,
    /// Empty while it can't be opened (the partner's, until the couple's key reaches me).
    pub text: String,
    pub can_open: bool,
    pub shared: bool,
    #[schema(value_type = String, format = DateTime)]
    pub written_at: Timestamp,
}

/// One step's writing place: the step, my pieces, and what my partner shared for it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StepWriting {
    pub step_id: String,
    pub title: String,
    pub text: String,
    pub smaller: String,
    pub mine: Vec<WritingView>,
    pub shared_with_me: Vec<WritingView>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct NewWriting {
    pub text: String,
}

fn view((n, text): ReadNote) -> WritingView {
    WritingView {
        shared: n.shared_at.is_some(),
        id: n.id,
        can_open: text.is_some(),
        text: text.unwrap_or_default(),
        written_at: n.created_at,
    }
}

/// A plan step that asks for writing, or not found.
fn writing_step(step_id: &str) -> ServiceResult<&'static tend_core::content::PlanStep> {
    match Content::embedded().plan.step(step_id) {
        Some((_, step)) if step.write => Ok(step),
        _ => Err(ServiceError::NotFound),
    }
}

pub async fn get(state: &AppState, person_id: &PersonId, key: &DataKey, step_id: &str) -> ServiceResult<StepWriting> {
    let step = writing_step(step_id)?;
    let of_step = |notes: Vec<ReadNote>| -> Vec<WritingView> {
        notes.into_iter().filter(|(n, _)| n.prompt == step.id).map(view).collect()
    };
    let couple = state.store.couple_of(person_id).await?;
    let (mine, shared) = shared_notes::read(state, person_id, key, couple.as_ref(), NOTE_KIND).await?;
    Ok(StepWriting {
        step_id: step.id.clone(),
        title: step.title.clone(),
        text: step.text.clone(),
        smaller: step.smaller.clone(),
        mine: of_step(mine),
        shared_with_me: of_step(shared),
    })
}

pub async fn add(
    state: &AppState,
    person_id: &PersonId,
    key: &DataKey,
    step_id: &str,
    input: &NewWriting,
) -> ServiceResult<WritingView> {
    let step = writing_step(step_id)?;
    let text = written(&input.text, tend_core::text::PLAN_WRITING_MAX, "text", msg::plan_writing_write_few_words_up())?;
    let note = shared_notes::written(state, person_id, key, NOTE_KIND, &step.id, &text);
    state.store.add_private_note(&note).await?;
    Ok(view((note, Some(text))))
}

/// Shares one of my pieces with my partner (it stays shared; it reaches their Today).
pub async fn share(
    state: &AppState,
    person_id: &PersonId,
    key: &DataKey,
    step_id: &str,
    id: &str,
) -> ServiceResult<()> {
    writing_step(step_id)?;
    let couple = paired_couple(state, person_id).await?;
    let mine = state.store.private_notes(person_id, NOTE_KIND).await?;
    if !mine.iter().any(|n| n.id == id && n.prompt == step_id) {
        return Err(ServiceError::NotFound);
    }
    shared_notes::share(state, person_id, key, &couple, NOTE_KIND, id).await?;
    security_log::record(state, person_id, SecurityEvent::PlanWritingShared, "").await;
    super::bids::announce(state, &couple, person_id).await;
    Ok(())
}
