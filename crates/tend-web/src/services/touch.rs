//! Physical reconnection, with care: one nonsexual touch idea a day (the same for both partners,
//! easy to skip), and the desires-and-boundaries conversation — each writes privately first, then
//! chooses what, if anything, to share, one note at a time.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use tend_core::content::Content;
use tend_core::ids::PersonId;
use tend_core::msg;
use tend_core::rituals::local_day;
use tend_core::sealing::DataKey;
use utoipa::ToSchema;

use super::security_log::{self, SecurityEvent};
use super::shared_notes::{self, ReadNote};
use super::{paired_couple, written, ServiceError, ServiceResult};
use crate::state::AppState;

/// The kind of private note a touch note is stored as.
const NOTE_KIND: &str = "boundaries";

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TouchNoteView {
    pub id: String,
    pub prompt: String,
    /// Empty while it can't be opened (the partner's, until the couple's key reaches me).
    pub text: String,
    pub can_open: bool,
    pub shared: bool,
    #[schema(value_type = String, format = DateTime)]
    pub written_at: Timestamp,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TouchView {
    /// Today's optional idea.
    pub idea_today: String,
    pub ideas: Vec<String>,
    pub prompts: Vec<String>,
    /// My notes, private until I share one.
    pub mine: Vec<TouchNoteView>,
    /// What my partner chose to share.
    pub shared_with_me: Vec<TouchNoteView>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct NewTouchNote {
    /// One of the conversation's prompts (its text).
    pub prompt: String,
    pub text: String,
}

fn view((n, text): ReadNote) -> TouchNoteView {
    TouchNoteView {
        shared: n.shared_at.is_some(),
        id: n.id,
        prompt: n.prompt,
        can_open: text.is_some(),
        text: text.unwrap_or_default(),
        written_at: n.created_at,
    }
}

pub async fn get(state: &AppState, person_id: &PersonId, time_zone: &str, key: &DataKey) -> ServiceResult<TouchView> {
    let touch = &Content::embedded().support.touch;
    let day = local_day(state.clock.now(), time_zone);
    // The same idea for everyone on the same day: nothing about the person goes into choosing it.
    let index = (day.since(jiff::civil::date(2020, 1, 1)).map(|s| s.get_days()).unwrap_or(0).unsigned_abs() as usize)
        % touch.ideas.len().max(1);
    let couple = state.store.couple_of(person_id).await?;
    let (mine, shared_with_me) = shared_notes::read(state, person_id, key, couple.as_ref(), NOTE_KIND).await?;
    Ok(TouchView {
        idea_today: touch.ideas.get(index).cloned().unwrap_or_default(),
        ideas: touch.ideas.clone(),
        prompts: touch.prompts.clone(),
        mine: mine.into_iter().map(view).collect(),
        shared_with_me: shared_with_me.into_iter().map(view).collect(),
    })
}

pub async fn add_note(
    state: &AppState,
    person_id: &PersonId,
    key: &DataKey,
    input: &NewTouchNote,
) -> ServiceResult<TouchNoteView> {
    if !Content::embedded().support.touch.prompts.contains(&input.prompt) {
        return Err(ServiceError::field("prompt", msg::touch_choose_one_prompts()));
    }
    let text = written(&input.text, tend_core::text::TOUCH_MAX, "text", msg::touch_write_up_1000_characters())?;
    let note = shared_notes::written(state, person_id, key, NOTE_KIND, &input.prompt, &text);
    state.store.add_private_note(&note).await?;
    Ok(view((note, Some(text))))
}

pub async fn share_note(
    state: &AppState,
    person_id: &PersonId,
    key: &DataKey,
    id: &str,
) -> ServiceResult<TouchNoteView> {
    let couple = paired_couple(state, person_id).await?;
    shared_notes::share(state, person_id, key, &couple, NOTE_KIND, id).await?;
    security_log::record(state, person_id, SecurityEvent::TouchNoteShared, "").await;
    let (mine, _) = shared_notes::read(state, person_id, key, None, NOTE_KIND).await?;
    mine.into_iter().find(|(n, _)| n.id == id).map(view).ok_or(ServiceError::NotFound)
}
