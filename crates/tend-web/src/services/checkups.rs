//! The distance check-up: take it privately, read it, share one result with the partner (and
//! take that back), retake any time. The store hands results out as candidates; only
//! `tend_core::visibility::reveal` opens one, for a reader the rule allows.

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde::Serialize;
use tend_core::checkup::{read, validate_answers, Answers, AreaReading};
use tend_core::content::Content;
use tend_core::visibility::{reveal, reveal_all, Viewer, Visible};
use tend_store::CheckupRecord;
use utoipa::ToSchema;

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

fn result(record: CheckupRecord, me: &str) -> ServiceResult<CheckupResult> {
    let answers: Answers = serde_json::from_str(&record.answers)
        .map_err(|e| anyhow::anyhow!("Stored check-up answers unreadable: {e}"))?;
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
    Ok(CheckupResult {
        reading,
        mine,
        answers_shared: record.shared_answers,
        id: record.id,
        taken_at: record.taken_at,
        shared: record.shared_couple_id.is_some(),
        answers,
    })
}

pub async fn submit(state: &AppState, person_id: &str, answers: &BTreeMap<String, u8>) -> ServiceResult<CheckupResult> {
    let answers = validate_answers(&Content::embedded().checkup, answers).map_err(ServiceError::Invalid)?;
    let record = CheckupRecord {
        id: new_id(),
        person_id: person_id.to_owned(),
        answers: serde_json::to_string(&answers).map_err(anyhow::Error::from)?,
        taken_at: state.clock.now(),
        shared_couple_id: None,
        shared_answers: false,
    };
    state.store.insert_checkup(&record).await?;
    result(record, person_id)
}

/// The person's own results and those their partner shared with them, oldest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct CheckupList {
    pub mine: Vec<CheckupResult>,
    pub shared_with_me: Vec<CheckupResult>,
}

pub async fn list(state: &AppState, person_id: &str) -> ServiceResult<CheckupList> {
    let couple = state.store.couple_of(person_id).await?;
    let viewer = Viewer { person: person_id, couple: couple.as_ref().map(|c| c.id.as_str()) };
    let now = state.clock.now();
    let mine = reveal_all(viewer, state.store.list_checkups(person_id).await?, now);
    let shared = match &couple {
        Some(couple) => reveal_all(viewer, state.store.checkups_shared_with(&couple.id, person_id).await?, now),
        None => Vec::new(),
    };
    let results = |all: Vec<Visible<CheckupRecord>>| {
        all.into_iter().map(|r| result(r.into_inner(), person_id)).collect::<ServiceResult<Vec<_>>>()
    };
    Ok(CheckupList { mine: results(mine)?, shared_with_me: results(shared)? })
}

/// One result, if the asker may read it; a forbidden one is as missing as a made-up id.
pub async fn get(state: &AppState, person_id: &str, id: &str) -> ServiceResult<CheckupResult> {
    let candidate = state.store.checkup(id).await?.ok_or(ServiceError::NotFound)?;
    let viewer_couple = state.store.couple_of(person_id).await?.map(|c| c.id);
    let viewer = Viewer { person: person_id, couple: viewer_couple.as_deref() };
    let record = reveal(viewer, candidate, state.clock.now()).ok_or(ServiceError::NotFound)?;
    result(record.into_inner(), person_id)
}

/// Shares one of the person's own results with their current partner: the summary, and the
/// answers too only when `with_answers`.
pub async fn share(state: &AppState, person_id: &str, id: &str, with_answers: bool) -> ServiceResult<()> {
    let couple = state.store.couple_of(person_id).await?.ok_or(ServiceError::Conflict {
        code: "no_couple_space",
        message: "Sharing needs a couple space. You can keep this result to yourself.",
    })?;
    if state.store.share_checkup(person_id, id, Some(&couple.id), with_answers).await? {
        security_log::record(state, person_id, SecurityEvent::CheckupShared, "").await;
        super::bids::announce(state, &couple, person_id).await;
        Ok(())
    } else {
        Err(ServiceError::NotFound)
    }
}

pub async fn unshare(state: &AppState, person_id: &str, id: &str) -> ServiceResult<()> {
    if state.store.share_checkup(person_id, id, None, false).await? {
        security_log::record(state, person_id, SecurityEvent::CheckupUnshared, "").await;
        Ok(())
    } else {
        Err(ServiceError::NotFound)
    }
}
