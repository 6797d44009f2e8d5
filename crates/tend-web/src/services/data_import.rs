//! Bringing a Tend export into the signed-in person's account: `tend_core::export_file` reads
//! and checks the file (only what is the person's own; one bad item refuses it whole), and the
//! store adds it in one transaction, private, with new ids and the original times, skipping what
//! is already there — so importing the same file again adds nothing twice. The owner's security
//! log notes it.

use serde::Serialize;
use tend_core::content::Content;
use tend_core::export_file;
use tend_core::ids::PersonId;
use tend_core::sealing::{DataKey, SharedWords, StoredWords};
use tend_store::{CheckupRecord, ImportCounts, JournalEntry, OwnDataImport, PulseRecord};
use utoipa::ToSchema;

use super::couple_key::CHECKUP;
use super::keys;
use super::security_log::{self, SecurityEvent};
use super::{ServiceError, ServiceResult};
use crate::secrets::new_id;
use crate::state::AppState;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ImportResult {
    /// What came in (anything already here is not added again).
    #[schema(value_type = Object)]
    pub imported: ImportCounts,
    /// Items that belong to a couple space and stayed with it.
    pub left_behind: usize,
}

fn json(value: &impl Serialize) -> ServiceResult<String> {
    Ok(serde_json::to_string(value).map_err(anyhow::Error::from)?)
}

/// Brings the file's own things into the person's account, all or nothing.
/// Notes come in sealed under `key`; one the person already has (the same kind, time and words,
/// opened) is left out here, since sealed words never compare equal in the store.
pub async fn import(
    state: &AppState,
    person_id: &PersonId,
    key: &DataKey,
    bytes: &[u8],
) -> ServiceResult<ImportResult> {
    let own =
        export_file::read(bytes, Content::embedded(), state.clock.now()).map_err(|e| ServiceError::Invalid(vec![e]))?;
    let mut sealed_here = Vec::new();
    for kind in [keys::SEALED_NOTE_KIND, "boundaries", super::plan_writing::NOTE_KIND] {
        for note in state.store.private_notes(person_id, kind).await? {
            if let Ok(words) = note.words.own.read(key, super::shared_notes::contexts(kind).own) {
                sealed_here.push((note.kind, note.created_at, words));
            }
        }
    }
    // Check-ups already here (the same time and answers, opened) are left out the same way.
    let viewer = tend_core::visibility::Viewer { person: person_id, couple: None };
    let checkups_here: Vec<_> =
        tend_core::visibility::reveal_all(viewer, state.store.list_checkups(person_id).await?, state.clock.now())
            .into_iter()
            .map(|c| c.into_inner())
            .filter_map(|c| Some((c.taken_at, c.answers.own.read(key, CHECKUP.own).ok()?)))
            .collect();
    let mut data = OwnDataImport { situation: own.situation, help_signs: own.help_signs, ..Default::default() };
    for (taken_at, answers) in own.checkups {
        let (id, person_id, answers) = (new_id(), PersonId::default(), json(&answers)?);
        if checkups_here.iter().any(|(at, here)| *at == taken_at && *here == answers) {
            continue;
        }
        data.checkups.push(CheckupRecord {
            id,
            person_id,
            answers: SharedWords { own: StoredWords::Sealed(key.seal(CHECKUP.own, &answers)), partners: None },
            taken_at,
            shared_couple_id: None,
            shared_answers: false,
        });
    }
    for p in own.pulses {
        let answers = StoredWords::Sealed(key.seal(keys::PULSE_CONTEXT, &json(&p.answers)?));
        data.pulses.push(PulseRecord { week: p.week, answers, taken_at: p.taken_at });
    }
    let mut kept_here = Vec::new();
    let me = tend_core::visibility::Viewer { person: person_id, couple: None };
    for entry in tend_core::visibility::reveal_all(me, state.store.own_journal(person_id).await?, state.clock.now()) {
        if let Ok(words) = entry.words.own.read(key, keys::JOURNAL_CONTEXT) {
            kept_here.push((entry.created_at, words));
        }
    }
    for (text, created_at) in own.journal {
        if kept_here.iter().any(|(at, words)| *at == created_at && *words == text) {
            continue;
        }
        data.journal.push(JournalEntry {
            id: new_id(),
            person_id: PersonId::default(),
            words: tend_core::sealing::SharedWords {
                own: StoredWords::Sealed(key.seal(keys::JOURNAL_CONTEXT, &text)),
                partners: None,
            },
            created_at,
            shared_couple_id: None,
            shared_at: None,
            shared_in_check: None,
        });
    }
    for n in own.notes {
        if sealed_here.iter().any(|(kind, at, words)| *kind == n.kind && *at == n.written_at && *words == n.text) {
            continue;
        }
        let mut note = super::shared_notes::written(state, &PersonId::default(), key, &n.kind, &n.prompt, &n.text);
        note.created_at = n.written_at;
        data.notes.push(note);
    }
    let imported = state.store.import_own_data(person_id, &data).await?;
    tracing::info!(person = %person_id, ?imported, left_behind = own.left_behind, "export imported");
    security_log::record(state, person_id, SecurityEvent::DataImported, "").await;
    Ok(ImportResult { imported, left_behind: own.left_behind })
}
