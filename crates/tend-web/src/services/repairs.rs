//! Repair attempts: either offers one (an apology, a light touch of humor, "can we start over?"),
//! the other accepts it with a thank-you. The history shows what was offered and accepted, never
//! a count or a score of who did more.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use tend_core::content::Content;
use tend_core::ids::PersonId;
use tend_core::msg;
use tend_core::sealing::{DataKey, SharedWords};
use tend_store::RepairRecord;
use utoipa::ToSchema;

use super::couple_key::{self, REPAIR};
use super::{paired_couple, written, ServiceError, ServiceResult};
use crate::secrets::new_id;
use crate::state::AppState;

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct OfferRepair {
    /// A kind from the repair kinds (`apology`, `humor`, `start-over`, …).
    pub kind: String,
    /// The words sent; the kind's example when left empty.
    #[serde(default)]
    pub text: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RepairView {
    pub id: String,
    pub kind: String,
    pub kind_title: String,
    /// Empty while the partner's offer waits for the couple's key to reach me.
    pub text: String,
    pub can_open: bool,
    pub offered_by_me: bool,
    #[schema(value_type = String, format = DateTime)]
    pub offered_at: Timestamp,
    pub accepted: bool,
    /// The thank-you that comes with accepting.
    pub thanks: String,
}

fn view(r: RepairRecord, me: &str, own: &DataKey, couple: Option<&DataKey>) -> RepairView {
    let kind = Content::embedded().repairs.kind(&r.kind);
    let text = r.words.read(r.offered_by == me, Some(own), couple, REPAIR);
    RepairView {
        can_open: text.is_some(),
        text: text.unwrap_or_default(),
        kind_title: kind.map(|k| k.title.clone()).unwrap_or_default(),
        thanks: kind.map(|k| k.thanks.clone()).unwrap_or_default(),
        offered_by_me: r.offered_by == me,
        accepted: r.accepted_at.is_some(),
        id: r.id,
        kind: r.kind,
        offered_at: r.offered_at,
    }
}

pub async fn list(state: &AppState, person_id: &PersonId, key: &DataKey) -> ServiceResult<Vec<RepairView>> {
    let couple = state.store.couple_of(person_id).await?.ok_or(ServiceError::NotFound)?;
    let couple_key = couple_key::open(state, &couple.id, person_id, key).await?;
    let repairs = state.store.repairs(&couple.id).await?;
    Ok(repairs.into_iter().map(|r| view(r, person_id, key, couple_key.as_ref())).collect())
}

pub async fn offer(
    state: &AppState,
    person_id: &PersonId,
    key: &DataKey,
    input: &OfferRepair,
) -> ServiceResult<RepairView> {
    let kind = Content::embedded()
        .repairs
        .kind(&input.kind)
        .ok_or_else(|| ServiceError::field("kind", msg::repairs_choose_kind_repair()))?;
    let text = if input.text.trim().is_empty() {
        kind.example.clone()
    } else {
        written(&input.text, 300, "text", msg::repairs_keep_300_characters_fewer())?
    };
    let couple = paired_couple(state, person_id).await?;
    let couple_key = couple_key::open(state, &couple.id, person_id, key).await?;
    let record = RepairRecord {
        id: new_id(),
        couple_id: couple.id.clone(),
        offered_by: person_id.clone(),
        kind: kind.id.clone(),
        words: SharedWords::seal(&text, key, couple_key.as_ref(), REPAIR),
        offered_at: state.clock.now(),
        accepted_at: None,
    };
    state.store.insert_repair(&record).await?;
    super::bids::announce(state, &couple, person_id).await;
    Ok(view(record, person_id, key, couple_key.as_ref()))
}

pub async fn accept(state: &AppState, person_id: &PersonId, key: &DataKey, id: &str) -> ServiceResult<RepairView> {
    let couple = state.store.couple_of(person_id).await?.ok_or(ServiceError::NotFound)?;
    if !state.store.accept_repair(&couple.id, id, person_id, state.clock.now()).await? {
        let existing =
            list(state, person_id, key).await?.into_iter().find(|r| r.id == id).ok_or(ServiceError::NotFound)?;
        return Err(ServiceError::Conflict {
            code: if existing.accepted { "already_accepted" } else { "offered_by_you" },
            message: if existing.accepted {
                msg::repairs_this_repair_was_accepted()
            } else {
                msg::repairs_you_offered_this_one()
            },
        });
    }
    list(state, person_id, key).await?.into_iter().find(|r| r.id == id).ok_or(ServiceError::NotFound)
}
