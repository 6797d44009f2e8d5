//! The distance check-up: take it privately, read it, share one result with the partner (and
//! take that back), retake any time. The store hands results out as candidates; only
//! `tend_core::visibility::reveal` opens one, for a reader the rule allows.

use std::collections::BTreeMap;
use tend_core::ids::{CoupleId, PersonId};
use tend_core::msg;

use jiff::Timestamp;
use serde::Serialize;
use tend_core::checkup::{read, validate_answers, Answers, AreaReading};
use tend_core::content::Content;
use tend_core::sealing::{partners_copy, DataKey, SharedWords, StoredWords};
use tend_core::visibility::{reveal, reveal_all, Viewer, Visible};
use tend_store::CheckupRecord;
use utoipa::ToSchema;

use super::couple_key::{self, CHECKUP};
use super::security_log::{self, SecurityEvent};
use super::{ServiceError, ServiceResult};
use crate::secrets::new_id;
use crate::state::AppState;

/// One check-up as its reader may see it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CheckupResult {
    pub id: String,
    #[schema(value_type = String, format = DateTime)]
    pub taken_at: Timestamp,
    /// Whether the author shared it with their partner.
    pub shared: bool,
    /// The author's own result (`true`) or one the partner shared (`false`).
    pub mine: bool,
    /// Shared with the answers too; otherwise the partner reads only the summary.
    pub answers_shared: bool,
    /// Item id → answer (0 to 3). Empty for the partner unless the author shared the answers.
    #[schema(value_type = Object)]
    pub answers: Answers,
    /// Per area: the average, the level, the items that weighed most (the partner sees those
    /// only with the answers), familiar patterns.
    #[schema(value_type = Vec<Object>)]
    pub reading: Vec<AreaReading>,
}

/// A result as `me` reads it, its answers opened (`None`: they can't be, and the result is left
/// out: the partner's before the couple's key reaches them, or the person's own sealed under a
/// key lost in a reset).
fn result(record: CheckupRecord, me: &PersonId, opened: Option<String>) -> ServiceResult<Option<CheckupResult>> {
    let Some(opened) = opened else { return Ok(None) };
    let answers: Answers =
        serde_json::from_str(&opened).map_err(|e| anyhow::anyhow!("Stored check-up answers unreadable: {e}"))?;
    let mine = record.person_id == me;
    let mut reading = read(&Content::embedded().checkup, &answers);
    // Sharing a reading shares its summary: the answers (and the items that weighed most, which
    // would tell them) go only when the author ticked that.
    let answers = if mine || record.shared_answers {
        answers
    } else {
        reading.iter_mut().for_each(|area| area.because.clear());
        Answers::new()
    };
    Ok(Some(CheckupResult {
        reading,
        mine,
        answers_shared: record.shared_answers,
        id: record.id,
        taken_at: record.taken_at,
        shared: record.shared_couple_id.is_some(),
        answers,
    }))
}

pub async fn submit(
    state: &AppState,
    person_id: &PersonId,
    key: &DataKey,
    answers: &BTreeMap<String, u8>,
) -> ServiceResult<CheckupResult> {
    let answers = validate_answers(&Content::embedded().checkup, answers).map_err(ServiceError::Invalid)?;
    let json = serde_json::to_string(&answers).map_err(anyhow::Error::from)?;
    let record = CheckupRecord {
        id: new_id(),
        person_id: person_id.to_owned(),
        answers: SharedWords { own: StoredWords::Sealed(key.seal(CHECKUP.own, &json)), partners: None },
        taken_at: state.clock.now(),
        shared_couple_id: None,
        shared_answers: false,
    };
    state.store.insert_checkup(&record).await?;
    result(record, person_id, Some(json))?.ok_or(ServiceError::NotFound)
}

/// Results as `person_id` reads them, their answers opened (the couple's key is read only when a
/// partner's result needs it); those that can't be opened are left out.
async fn results(
    state: &AppState,
    person_id: &PersonId,
    key: &DataKey,
    couple_id: Option<&CoupleId>,
    visible: Vec<Visible<CheckupRecord>>,
) -> ServiceResult<Vec<CheckupResult>> {
    let records: Vec<_> = visible.into_iter().map(Visible::into_inner).collect();
    let opened = match couple_id {
        Some(couple_id) => {
            let items: Vec<_> = records.iter().map(|r| (&r.answers, r.person_id == person_id, CHECKUP)).collect();
            couple_key::read_all(state, couple_id, person_id, key, &items).await?
        }
        None => records.iter().map(|r| r.answers.read(true, Some(key), None, CHECKUP)).collect(),
    };
    let read = records.into_iter().zip(opened).map(|(r, opened)| result(r, person_id, opened));
    Ok(read.collect::<ServiceResult<Vec<_>>>()?.into_iter().flatten().collect())
}

/// The person's own results and those their partner shared with them, oldest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct CheckupList {
    pub mine: Vec<CheckupResult>,
    pub shared_with_me: Vec<CheckupResult>,
}

pub async fn list(state: &AppState, person_id: &PersonId, key: &DataKey) -> ServiceResult<CheckupList> {
    let couple = state.store.couple_of(person_id).await?;
    let couple_id = couple.as_ref().map(|c| &c.id);
    let viewer = Viewer { person: person_id, couple: couple_id };
    let now = state.clock.now();
    let mine = reveal_all(viewer, state.store.list_checkups(person_id).await?, now);
    let shared = match &couple {
        Some(couple) => reveal_all(viewer, state.store.checkups_shared_with(&couple.id, person_id).await?, now),
        None => Vec::new(),
    };
    Ok(CheckupList {
        mine: results(state, person_id, key, couple_id, mine).await?,
        shared_with_me: results(state, person_id, key, couple_id, shared).await?,
    })
}

/// One result, if the asker may read it; a forbidden one is as missing as a made-up id.
pub async fn get(state: &AppState, person_id: &PersonId, key: &DataKey, id: &str) -> ServiceResult<CheckupResult> {
    let candidate = state.store.checkup(id).await?.ok_or(ServiceError::NotFound)?;
    let viewer_couple = state.store.couple_of(person_id).await?.map(|c| c.id);
    let viewer = Viewer { person: person_id, couple: viewer_couple.as_ref() };
    let record = reveal(viewer, candidate, state.clock.now()).ok_or(ServiceError::NotFound)?;
    let read = results(state, person_id, key, viewer_couple.as_ref(), vec![record]).await?;
    read.into_iter().next().ok_or(ServiceError::NotFound)
}

/// Shares one of the person's own results with their current partner: the summary, and the
/// answers too only when `with_answers`. The partner's copy of the answers is sealed under the
/// couple's key (the summary is read from them).
pub async fn share(
    state: &AppState,
    person_id: &PersonId,
    key: &DataKey,
    id: &str,
    with_answers: bool,
) -> ServiceResult<()> {
    let couple = state.store.couple_of(person_id).await?.ok_or(ServiceError::Conflict {
        code: "no_couple_space",
        message: msg::checkups_sharing_needs_couple_space(),
    })?;
    let own = state.store.list_checkups(person_id).await?;
    let viewer = Viewer { person: person_id, couple: None };
    let own = reveal_all(viewer, own, state.clock.now()).into_iter().map(Visible::into_inner).find(|c| c.id == id);
    let answers = own
        .ok_or(ServiceError::NotFound)?
        .answers
        .own
        .read(key, CHECKUP.own)
        .map_err(|_| ServiceError::field("checkup", msg::checkups_this_result_was_sealed()))?;
    let couple_key = couple_key::open(state, &couple.id, person_id, key).await?;
    let copy = partners_copy(&answers, couple_key.as_ref(), CHECKUP);
    if state.store.share_checkup(person_id, id, Some((&couple.id, &copy)), with_answers).await? {
        security_log::record(state, person_id, SecurityEvent::CheckupShared, "").await;
        super::bids::announce(state, &couple, person_id).await;
        Ok(())
    } else {
        Err(ServiceError::NotFound)
    }
}

pub async fn unshare(state: &AppState, person_id: &PersonId, id: &str) -> ServiceResult<()> {
    if state.store.share_checkup(person_id, id, None, false).await? {
        security_log::record(state, person_id, SecurityEvent::CheckupUnshared, "").await;
        Ok(())
    } else {
        Err(ServiceError::NotFound)
    }
}

/// Seals the person's check-ups whose answers are still (partly) as written: every one's own copy
/// under their key and, for one shared into `couple` (their couple now, with its key), the
/// partner's copy under the couple's key.
pub(super) async fn seal_as_written(
    state: &AppState,
    person_id: &PersonId,
    data: &DataKey,
    couple: Option<(&str, &DataKey)>,
) -> ServiceResult<()> {
    let viewer = Viewer { person: person_id, couple: None };
    let own = reveal_all(viewer, state.store.list_checkups(person_id).await?, state.clock.now());
    let sealed: Vec<_> = own
        .into_iter()
        .map(Visible::into_inner)
        .filter_map(|c| {
            let shared_here = couple.filter(|(id, _)| c.shared_couple_id.as_deref() == Some(*id));
            let sealed = match shared_here {
                Some((_, couple_key)) => c.answers.resealed(data, Some(couple_key), true, CHECKUP),
                None => c.answers.resealed(data, None, false, CHECKUP),
            };
            sealed.map(|s| (c.id, s))
        })
        .collect();
    if !sealed.is_empty() {
        state.store.seal_checkups(person_id, &sealed).await?;
        tracing::info!(person = %person_id, checkups = sealed.len(), "check-up answers sealed now");
    }
    Ok(())
}
