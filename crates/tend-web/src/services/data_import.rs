//! Bringing a Tend export (`tend-export/1`, from this or another Tend) into the signed-in
//! person's account. Only what is theirs alone comes in — check-ups, weekly pulses, appreciation
//! journal entries, private notes, their situation and the signs they ticked — all private, with
//! their original times. What belongs to a couple space (ritual answers, wins, weekly-check
//! notes, agreements, plan steps, questions, experiments, capsules) stays with that space and is
//! counted as left behind. The whole file is checked first: one bad item and nothing changes.
//! Importing the same file again adds nothing twice.

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tend_core::checkup::validate_answers;
use tend_core::content::{Content, REPORTED_SIGNALS};
use tend_store::{CheckupRecord, ImportCounts, JournalEntry, OwnDataImport, PrivateNote, PulseRecord};
use utoipa::ToSchema;

use super::security_log::{self, SecurityEvent};
use super::{pulses, situation::SITUATIONS, written, ServiceError, ServiceResult};
use crate::secrets::new_id;
use crate::state::AppState;

/// The export's format this import reads.
pub const FORMAT: &str = "tend-export/1";
/// The most items of one kind a file may bring.
const MOST: usize = 20_000;

#[derive(Debug, Deserialize)]
pub struct ExportFile {
    format: String,
    #[serde(default)]
    checkups: Vec<CheckupIn>,
    #[serde(default)]
    pulses: Vec<PulseIn>,
    #[serde(default)]
    together: TogetherIn,
    #[serde(default)]
    agreements_proposed: Vec<Value>,
    #[serde(default)]
    plan_steps_marked: Vec<Value>,
    #[serde(default)]
    questions_added: Vec<Value>,
}

#[derive(Debug, Deserialize)]
struct CheckupIn {
    taken_at: Timestamp,
    answers: BTreeMap<String, u8>,
}

#[derive(Debug, Deserialize)]
struct PulseIn {
    week: String,
    taken_at: Timestamp,
    answers: BTreeMap<String, u8>,
}

#[derive(Debug, Deserialize)]
struct TextIn {
    text: String,
    written_at: Timestamp,
}

#[derive(Debug, Deserialize)]
struct NoteIn {
    kind: String,
    prompt: String,
    text: String,
    written_at: Timestamp,
}

#[derive(Debug, Default, Deserialize)]
struct TogetherIn {
    #[serde(default)]
    journal: Vec<TextIn>,
    #[serde(default)]
    notes: Vec<NoteIn>,
    #[serde(default)]
    situation: Option<String>,
    #[serde(default)]
    help_signs: Vec<String>,
    #[serde(default)]
    ritual_answers: Vec<Value>,
    #[serde(default)]
    wins: Vec<Value>,
    #[serde(default)]
    weekly_check_notes: Vec<Value>,
    #[serde(default)]
    experiments: Vec<Value>,
    #[serde(default)]
    capsules: Vec<Value>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ImportResult {
    /// What came in (anything already here is not added again).
    #[schema(value_type = Object)]
    pub imported: ImportCounts,
    /// What belongs to a couple space and stayed with it.
    pub left_behind: u32,
}

/// Every problem with a file is reported on the form's one field, `file`.
fn invalid(message: &'static str) -> ServiceError {
    ServiceError::field("file", message)
}

/// Reads a file's bytes as an export, with a calm error for anything else.
pub fn parse(bytes: &[u8]) -> ServiceResult<ExportFile> {
    serde_json::from_slice(bytes).map_err(|_| {
        invalid("This file isn't a Tend export. Download one from Settings → Your data, then choose it here.")
    })
}

fn in_the_past(at: Timestamp, now: Timestamp) -> ServiceResult<Timestamp> {
    if at > now {
        return Err(invalid("The file has a time in the future, so it can't be imported as it is."));
    }
    Ok(at)
}

/// Checks the whole file against this Tend's rules and turns it into what the store adds.
fn check(file: ExportFile, now: Timestamp) -> ServiceResult<(OwnDataImport, u32)> {
    if file.format != FORMAT {
        return Err(invalid("This file isn't a Tend export this version can read (tend-export/1)."));
    }
    let t = &file.together;
    if [file.checkups.len(), file.pulses.len(), t.journal.len(), t.notes.len()].iter().any(|n| *n > MOST) {
        return Err(invalid("This file holds more than Tend brings in at once."));
    }
    let content = Content::embedded();
    let mut data = OwnDataImport::default();
    for c in &file.checkups {
        validate_answers(&content.checkup, &c.answers)
            .map_err(|_| invalid("A check-up in the file doesn't fit this Tend's check-up."))?;
        data.checkups.push(CheckupRecord {
            id: new_id(),
            person_id: String::new(),
            answers: serde_json::to_string(&c.answers).map_err(anyhow::Error::from)?,
            taken_at: in_the_past(c.taken_at, now)?,
            shared_couple_id: None,
        });
    }
    for p in &file.pulses {
        let week_ok = p.week.len() == 8
            && p.week.as_bytes()[4..6] == *b"-W"
            && p.week[..4].bytes().all(|b| b.is_ascii_digit())
            && p.week[6..].parse::<u8>().is_ok_and(|w| (1..=53).contains(&w));
        if !week_ok || pulses::check_answers(&p.answers).is_err() {
            return Err(invalid("A weekly pulse in the file doesn't fit this Tend's pulse."));
        }
        data.pulses.push(PulseRecord {
            week: p.week.clone(),
            answers: serde_json::to_string(&p.answers).map_err(anyhow::Error::from)?,
            taken_at: in_the_past(p.taken_at, now)?,
        });
    }
    for e in &t.journal {
        let message = "A journal entry in the file is empty or longer than 500 characters.";
        data.journal.push(JournalEntry {
            id: new_id(),
            person_id: String::new(),
            text: written(&e.text, 500, "file", message)?,
            created_at: in_the_past(e.written_at, now)?,
            shared_couple_id: None,
            shared_at: None,
            shared_in_check: None,
        });
    }
    for n in &t.notes {
        let max = match n.kind.as_str() {
            "clarity" => 2000,
            "boundaries" => 1000,
            _ => return Err(invalid("A note in the file is of a kind this Tend doesn't keep.")),
        };
        let message = "A note in the file is empty or longer than Tend keeps.";
        data.notes.push(PrivateNote {
            id: new_id(),
            person_id: String::new(),
            kind: n.kind.clone(),
            prompt: written(&n.prompt, 500, "file", message)?,
            text: written(&n.text, max, "file", message)?,
            created_at: in_the_past(n.written_at, now)?,
            shared_couple_id: None,
            shared_at: None,
        });
    }
    data.situation = match t.situation.as_deref() {
        None | Some("none") => None,
        Some(s) if SITUATIONS.contains(&s) => Some(s.to_owned()),
        Some(_) => return Err(invalid("The file names a situation this Tend doesn't know.")),
    };
    if t.help_signs.iter().any(|s| !REPORTED_SIGNALS.contains(&s.as_str())) {
        return Err(invalid("The file names a sign this Tend doesn't know."));
    }
    data.help_signs =
        REPORTED_SIGNALS.iter().filter(|id| t.help_signs.iter().any(|s| s == *id)).map(|s| s.to_string()).collect();
    let left_behind = [
        t.ritual_answers.len(),
        t.wins.len(),
        t.weekly_check_notes.len(),
        t.experiments.len(),
        t.capsules.len(),
        file.agreements_proposed.len(),
        file.plan_steps_marked.len(),
        file.questions_added.len(),
    ]
    .iter()
    .sum::<usize>();
    Ok((data, u32::try_from(left_behind).unwrap_or(u32::MAX)))
}

/// Brings the file's own things into the person's account, all or nothing.
pub async fn import(state: &AppState, person_id: &str, file: ExportFile) -> ServiceResult<ImportResult> {
    let (data, left_behind) = check(file, state.clock.now())?;
    let imported = state.store.import_own_data(person_id, &data).await?;
    tracing::info!(person = %person_id, ?imported, left_behind, "export imported");
    security_log::record(state, person_id, SecurityEvent::DataImported, "").await;
    Ok(ImportResult { imported, left_behind })
}
