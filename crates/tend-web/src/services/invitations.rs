//! Invitations to talk, sent with a gentle opener and, if the sender likes, a proposed time
//! ("whenever suits you" otherwise). The partner accepts,
//! proposes another time, or says "not now" with a kind word — and that is the end of it: no
//! penalty, no nagging, no reminder unless they accepted.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use tend_core::ids::PersonId;
use tend_core::msg;
use tend_core::sealing::{DataKey, SharedWords};
use tend_store::{InvitationAnswer, InvitationRecord};
use utoipa::ToSchema;

use super::couple_key::{self, ANSWER_NOTE, INVITATION};
use super::{local_moment, paired_couple, written, ServiceError, ServiceResult};
use crate::secrets::new_id;
use crate::state::AppState;

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct SendInvitation {
    /// The opener, in the sender's words (up to 500 characters).
    pub text: String,
    /// When, as a local date and time where the sender lives: `2026-12-01T19:30`. Left out or
    /// empty: whenever suits the partner.
    #[serde(default)]
    pub proposed_at: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct AnswerInvitation {
    /// `accept`, `other-time` or `not-now`.
    pub answer: String,
    /// For `other-time`: the time proposed instead, local: `2026-12-02T18:00`.
    pub other_time: Option<String>,
    /// A kind word, especially with `not-now` (up to 300 characters).
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InvitationView {
    pub id: String,
    /// Empty while the partner's invitation waits for the couple's key to reach me.
    pub text: String,
    pub can_open: bool,
    pub sent_by_me: bool,
    /// The time proposed; none for "whenever suits you".
    #[schema(value_type = Option<String>, format = DateTime)]
    pub proposed_at: Option<Timestamp>,
    /// `open`, `accepted`, `other-time` or `not-now`.
    pub status: String,
    /// The answer's kind word; none without one (or while the partner's waits for the couple's
    /// key to reach me).
    pub note: Option<String>,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub other_time: Option<Timestamp>,
}

fn view(i: InvitationRecord, me: &str, text: Option<String>, note: Option<String>) -> InvitationView {
    InvitationView {
        sent_by_me: i.sent_by == me,
        id: i.id,
        can_open: text.is_some(),
        text: text.unwrap_or_default(),
        proposed_at: i.proposed_at,
        status: i.status,
        note,
        other_time: i.other_time,
    }
}

pub async fn list(state: &AppState, person_id: &PersonId, key: &DataKey) -> ServiceResult<Vec<InvitationView>> {
    let couple = state.store.couple_of(person_id).await?.ok_or(ServiceError::NotFound)?;
    let records = state.store.invitations(&couple.id).await?;
    // The invitation is its sender's words; the answer's kind word is the other partner's.
    let read = couple_key::read_with_replies(
        state,
        &couple.id,
        person_id,
        key,
        &records,
        |i| (&i.words, i.sent_by == person_id, INVITATION),
        |i| i.answer_note.as_ref().map(|n| (n, i.sent_by != person_id, ANSWER_NOTE)),
    )
    .await?;
    Ok(records.into_iter().zip(read).map(|(i, (text, note))| view(i, person_id, text, note)).collect())
}

pub async fn send(
    state: &AppState,
    person_id: &PersonId,
    time_zone: &str,
    key: &DataKey,
    input: &SendInvitation,
) -> ServiceResult<InvitationView> {
    let text = written(&input.text, 500, "text", msg::invitations_write_short_invitation_up())?;
    let proposed_at = match input.proposed_at.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        Some(raw) => Some(local_moment(state, raw, time_zone, "proposed_at")?),
        None => None,
    };
    let couple = paired_couple(state, person_id).await?;
    let couple_key = couple_key::open(state, &couple.id, person_id, key).await?;
    let now = state.clock.now();
    let record = InvitationRecord {
        id: new_id(),
        couple_id: couple.id.clone(),
        sent_by: person_id.clone(),
        words: SharedWords::seal(&text, key, couple_key.as_ref(), INVITATION),
        proposed_at,
        status: "open".into(),
        answer_note: None,
        other_time: None,
        sent_at: now,
        answered_at: None,
    };
    state.store.insert_invitation(&record).await?;
    super::bids::announce(state, &couple, person_id).await;
    Ok(view(record, person_id, Some(text), None))
}

pub async fn answer(
    state: &AppState,
    person_id: &PersonId,
    time_zone: &str,
    key: &DataKey,
    id: &str,
    input: &AnswerInvitation,
) -> ServiceResult<InvitationView> {
    let other_time = match input.answer.as_str() {
        "accept" | "not-now" => None,
        "other-time" => Some(local_moment(state, input.other_time.as_deref().unwrap_or(""), time_zone, "other_time")?),
        _ => return Err(ServiceError::field("answer", msg::invitations_choose_yes_another_time())),
    };
    let note = match input.note.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        Some(n) => Some(written(n, 300, "note", msg::invitations_keep_note_300_characters())?),
        None => None,
    };
    let couple = state.store.couple_of(person_id).await?.ok_or(ServiceError::NotFound)?;
    let couple_key = couple_key::open(state, &couple.id, person_id, key).await?;
    let note = note.map(|n| SharedWords::seal(&n, key, couple_key.as_ref(), ANSWER_NOTE));
    let status = if input.answer == "accept" { "accepted" } else { input.answer.as_str() };
    let answer = InvitationAnswer { status: status.to_owned(), note, other_time, at: state.clock.now() };
    let done = state.store.answer_invitation(&couple.id, id, person_id, &answer).await?;
    let found = list(state, person_id, key).await?.into_iter().find(|i| i.id == id).ok_or(ServiceError::NotFound)?;
    if !done {
        return Err(ServiceError::Conflict {
            code: if found.sent_by_me { "sent_by_you" } else { "already_answered" },
            message: if found.sent_by_me {
                msg::invitations_this_invitation_yours_answer()
            } else {
                msg::invitations_this_invitation_has_its()
            },
        });
    }
    Ok(found)
}
