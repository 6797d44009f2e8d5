//! The appreciation journal: small things the partner did that the author appreciated. Entries
//! are private to their author; the author may share one at a time (for example into the weekly
//! check's appreciation round), and the partner then sees only that one. An entry is sealed under
//! its author's data key; sharing adds the copy the partner reads, sealed under the couple's key
//! (as written while the author has none yet, sealed at their first request that has it).

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use tend_core::ids::{CoupleId, PersonId};
use tend_core::msg;
use tend_core::sealing::{partners_copy, DataKey, SharedWords, StoredWords};
use tend_core::visibility::{reveal_all, Candidate, Viewer, Visible};
use tend_store::JournalEntry;
use utoipa::ToSchema;

use super::couple_key::{self, JOURNAL};
use super::security_log::{self, SecurityEvent};
use super::{paired_couple, written, ServiceError, ServiceResult};
use crate::secrets::new_id;
use crate::state::AppState;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct JournalEntryView {
    pub id: String,
    /// Empty when the entry can't be opened.
    pub text: String,
    /// False for a private entry sealed under a key lost in a password reset without the
    /// recovery code.
    pub can_open: bool,
    #[schema(value_type = String, format = DateTime)]
    pub written_at: Timestamp,
    pub mine: bool,
    pub shared: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct JournalView {
    /// My own entries, newest first, shared or not.
    pub mine: Vec<JournalEntryView>,
    /// Entries my partner chose to share with me.
    pub shared_with_me: Vec<JournalEntryView>,
    /// How many I wrote in the last seven days (the gentle aim is about three).
    pub this_week: usize,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct NewJournalEntry {
    pub text: String,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct ShareJournalEntry {
    /// Bring it into this weekly check's appreciation round (optional).
    pub weekly_check_id: Option<String>,
}

/// An entry as `me` sees it: one they just wrote, or one the visibility rule let them read (the
/// store gives nothing else out). The author's copy opens with `own`, the author's key; the
/// shared copy with `couple`, the couple's.
pub fn view(e: &JournalEntry, me: &PersonId, own: Option<&DataKey>, couple: Option<&DataKey>) -> JournalEntryView {
    let opened = e.words.read(e.person_id == me, own, couple, JOURNAL);
    JournalEntryView {
        id: e.id.clone(),
        can_open: opened.is_some(),
        text: opened.unwrap_or_default(),
        written_at: e.created_at,
        mine: e.person_id == me,
        shared: e.shared_at.is_some(),
    }
}

/// The entries of `candidates` that `person_id` (in `couple_id`, if any) may read now.
fn readable(
    state: &AppState,
    person_id: &PersonId,
    couple_id: Option<&CoupleId>,
    candidates: Vec<Candidate<JournalEntry>>,
) -> Vec<Visible<JournalEntry>> {
    reveal_all(Viewer { person: person_id, couple: couple_id }, candidates, state.clock.now())
}

pub async fn list(state: &AppState, person_id: &PersonId, key: &DataKey) -> ServiceResult<JournalView> {
    let couple = state.store.couple_of(person_id).await?;
    let couple_id = couple.as_ref().map(|c| &c.id);
    let own = readable(state, person_id, couple_id, state.store.own_journal(person_id).await?);
    let (shared_with_me, couple_key) = match couple_id {
        Some(id) => (
            readable(state, person_id, couple_id, state.store.journal_shared_with(id, person_id).await?),
            couple_key::open(state, id, person_id, key).await?,
        ),
        None => (Vec::new(), None),
    };
    let week_ago = state.clock.now() - jiff::SignedDuration::from_hours(24 * 7);
    Ok(JournalView {
        this_week: own.iter().filter(|e| e.created_at >= week_ago).count(),
        mine: own.iter().map(|e| view(e, person_id, Some(key), None)).collect(),
        shared_with_me: shared_with_me.iter().map(|e| view(e, person_id, None, couple_key.as_ref())).collect(),
    })
}

/// Keeps a new private entry, sealed under the author's data key.
pub async fn add(
    state: &AppState,
    person_id: &PersonId,
    key: &DataKey,
    input: &NewJournalEntry,
) -> ServiceResult<JournalEntryView> {
    let text = written(&input.text, tend_core::text::JOURNAL_MAX, "text", msg::journal_write_line_two_up())?;
    let entry = JournalEntry {
        id: new_id(),
        person_id: person_id.to_owned(),
        words: SharedWords { own: StoredWords::Sealed(key.seal(JOURNAL.own, &text)), partners: None },
        created_at: state.clock.now(),
        shared_couple_id: None,
        shared_at: None,
        shared_in_check: None,
    };
    state.store.add_journal_entry(&entry).await?;
    Ok(view(&entry, person_id, Some(key), None))
}

/// Shares one of the author's own entries with the partner (optionally into a weekly check).
pub async fn share(
    state: &AppState,
    person_id: &PersonId,
    key: &DataKey,
    id: &str,
    input: &ShareJournalEntry,
) -> ServiceResult<JournalEntryView> {
    let couple = paired_couple(state, person_id).await?;
    let own = readable(state, person_id, Some(&couple.id), state.store.own_journal(person_id).await?);
    let entry = own.iter().find(|e| e.id == id).ok_or(ServiceError::NotFound)?;
    let words = entry
        .words
        .own
        .read(key, JOURNAL.own)
        .map_err(|_| ServiceError::field("entry", msg::journal_this_entry_was_sealed()))?;
    let check_id = match input.weekly_check_id.as_deref().filter(|c| !c.is_empty()) {
        Some(check_id) => {
            let checks = state.store.weekly_checks(&couple.id).await?;
            let open = checks.iter().any(|c| c.id == check_id && c.finished_at.is_none());
            if !open {
                return Err(ServiceError::NotFound);
            }
            Some(check_id)
        }
        None => None,
    };
    let couple_key = couple_key::open(state, &couple.id, person_id, key).await?;
    let shared = partners_copy(&words, couple_key.as_ref(), JOURNAL);
    if !state.store.share_journal_entry(person_id, id, &couple.id, check_id, &shared, state.clock.now()).await? {
        return Err(ServiceError::NotFound);
    }
    security_log::record(state, person_id, SecurityEvent::JournalEntryShared, "").await;
    if check_id.is_none() {
        super::bids::announce(state, &couple, person_id).await;
    }
    if let Some(check_id) = check_id {
        // Open pages of the weekly check pick the new appreciation up.
        super::weekly_check::touch(state, &couple.id, check_id).await?;
    }
    let own = readable(state, person_id, Some(&couple.id), state.store.own_journal(person_id).await?);
    own.iter().find(|e| e.id == id).map(|e| view(e, person_id, Some(key), None)).ok_or(ServiceError::NotFound)
}

pub async fn delete(state: &AppState, person_id: &PersonId, id: &str) -> ServiceResult<()> {
    if state.store.delete_journal_entry(person_id, id).await? {
        Ok(())
    } else {
        Err(ServiceError::NotFound)
    }
}

/// Seals the person's entries still stored as written: private ones under their key; shared
/// ones (from before sealing, or shared before the couple's key reached them) under their key
/// and, the partner's copy, under the couple's.
/// `couple` is the person's couple space now and its key, when they hold it.
pub(super) async fn seal_as_written(
    state: &AppState,
    person_id: &PersonId,
    data: &DataKey,
    couple: Option<(&str, &DataKey)>,
) -> ServiceResult<()> {
    let (couple_id, couple_key) = (couple.map(|c| c.0), couple.map(|c| c.1));
    // The person's own entries: the rule lets an author read everything they wrote.
    let own = readable(state, person_id, None, state.store.own_journal(person_id).await?);
    let sealings: Vec<_> = own
        .into_iter()
        .map(|entry| entry.into_inner())
        .filter_map(|entry| {
            // Shared into the couple space they are in now, the partner's copy is sealed too.
            let shared = match entry.shared_couple_id.as_deref() {
                None => false,
                Some(shared_in) if Some(shared_in) == couple_id => true,
                Some(_) => return None,
            };
            entry.words.resealed(data, couple_key, shared, JOURNAL).map(|sealed| (entry.id, sealed))
        })
        .collect();
    if !sealings.is_empty() {
        state.store.seal_journal_entries(person_id, &sealings).await?;
        tracing::info!(person = %person_id, entries = sealings.len(), "journal entries sealed now");
    }
    Ok(())
}
