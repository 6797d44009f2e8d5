//! Special situations, each private unless the person chooses otherwise: low capacity (the plan
//! shrinks — for both only if they tell their partner, who then sees only "what would feel
//! supportive from me right now?" and practical ideas), after a betrayal (professional guidance
//! and transparent steps), and unsure about the future (a private clarity exercise, and parting
//! with care). Also remembers whether the person set aside the safety check offered after sign-up.

use serde::{Deserialize, Serialize};
use tend_core::ids::{CoupleId, PersonId};
use tend_core::msg;
use tend_core::sealing::DataKey;
use tend_store::SituationFlags;
use utoipa::ToSchema;

use super::keys;
use super::security_log::{self, SecurityEvent};
use super::{written, ServiceError, ServiceResult};
use crate::state::AppState;

pub use tend_core::content::SITUATIONS;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SituationView {
    /// `low_capacity`, `betrayal`, `unsure`, or none.
    pub situation: Option<String>,
    /// My partner may know I'm low on capacity (nothing else is ever told).
    pub tell_partner: bool,
    /// My partner told me they're low on capacity.
    pub partner_low_capacity: bool,
    /// My private clarity notes (only with `unsure`).
    pub clarity_notes: Vec<ClarityNote>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ClarityNote {
    pub id: String,
    pub prompt: String,
    /// Empty when the note can't be opened.
    pub text: String,
    /// False for a note sealed under a key lost in a password reset without the recovery code.
    pub can_open: bool,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct SetSituation {
    /// `low_capacity`, `betrayal`, `unsure`, or null to clear it.
    pub situation: Option<String>,
    /// Let my partner know I'm low on capacity (only with `low_capacity`).
    #[serde(default)]
    pub tell_partner: bool,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct NewClarityNote {
    /// The clarity question this answers (its text).
    pub prompt: String,
    pub text: String,
}

/// The person's situation and their clarity notes, opened with their data key. A note sealed
/// under a key lost in a reset without the recovery code stays closed and says so.
pub async fn get(state: &AppState, person_id: &PersonId, key: &DataKey) -> ServiceResult<SituationView> {
    let support = state.store.support(person_id).await?;
    let couple = state.store.couple_of(person_id).await?;
    let flags = state.store.situation_flags(person_id, couple.as_ref().map(|c| &c.id)).await?;
    let partner_low_capacity = flags.partner_told_low_capacity;
    let clarity_notes = state
        .store
        .private_notes(person_id, keys::SEALED_NOTE_KIND)
        .await?
        .into_iter()
        .map(|n| {
            let opened = n.words.own.read(key, keys::NOTE_CONTEXT);
            ClarityNote { id: n.id, prompt: n.prompt, can_open: opened.is_ok(), text: opened.unwrap_or_default() }
        })
        .collect();
    Ok(SituationView {
        tell_partner: support.tell_partner && support.situation.as_deref() == Some("low_capacity"),
        situation: support.situation,
        partner_low_capacity,
        clarity_notes,
    })
}

pub async fn set(
    state: &AppState,
    person_id: &PersonId,
    key: &DataKey,
    input: &SetSituation,
) -> ServiceResult<SituationView> {
    let situation = input.situation.as_deref().filter(|s| !s.is_empty() && *s != "none");
    if situation.is_some_and(|s| !SITUATIONS.contains(&s)) {
        return Err(ServiceError::field("situation", msg::situation_choose_one_situations_none()));
    }
    let mut support = state.store.support(person_id).await?;
    let told_before = support.tell_partner && support.situation.as_deref() == Some("low_capacity");
    support.situation = situation.map(str::to_owned);
    support.tell_partner = input.tell_partner && situation == Some("low_capacity");
    state.store.save_support(person_id, &support, state.clock.now()).await?;
    match (told_before, support.tell_partner) {
        (false, true) => security_log::record(state, person_id, SecurityEvent::LowCapacityTold, "").await,
        (true, false) => security_log::record(state, person_id, SecurityEvent::LowCapacityNoLongerTold, "").await,
        _ => {}
    }
    get(state, person_id, key).await
}

/// The person's situation as the pages need it: their own low capacity, a partner's told one,
/// whether the safety check is still to be offered (`couple`: the couple to look for a partner in).
pub async fn flags(state: &AppState, person_id: &PersonId, couple: Option<&CoupleId>) -> ServiceResult<SituationFlags> {
    Ok(state.store.situation_flags(person_id, couple).await?)
}

/// Whether the plan shows its smaller steps to this person: they are low on capacity, or their
/// partner is and told them (a shrunken shared plan would otherwise tell the partner).
pub fn plan_shrinks(flags: &SituationFlags) -> bool {
    flags.low_capacity || flags.partner_told_low_capacity
}

pub async fn add_clarity_note(
    state: &AppState,
    person_id: &PersonId,
    key: &DataKey,
    input: &NewClarityNote,
) -> ServiceResult<SituationView> {
    let questions = &tend_core::content::Content::embedded().support.situations.unsure.questions;
    if !questions.contains(&input.prompt) {
        return Err(ServiceError::field("prompt", msg::situation_choose_one_questions()));
    }
    let text = written(&input.text, tend_core::text::CLARITY_MAX, "text", msg::situation_write_up_2000_characters())?;
    let note = super::shared_notes::written(state, person_id, key, keys::SEALED_NOTE_KIND, &input.prompt, &text);
    state.store.add_private_note(&note).await?;
    get(state, person_id, key).await
}

/// Whether to offer the safety check on the person's home (not taken, not set aside).
pub fn offers_safety_check(flags: &SituationFlags) -> bool {
    !flags.safety_taken && !flags.safety_offer_dismissed
}

/// Whether to offer it again before a hard conversation (ground rules, hard talks): until taken,
/// even when set aside on Today. Never a gate: the page works the same either way.
pub fn offers_safety_before_hard_talks(flags: &SituationFlags) -> bool {
    !flags.safety_taken
}

pub async fn dismiss_safety_offer(state: &AppState, person_id: &PersonId) -> ServiceResult<()> {
    let mut support = state.store.support(person_id).await?;
    support.safety_offer_dismissed = true;
    state.store.save_support(person_id, &support, state.clock.now()).await?;
    Ok(())
}
