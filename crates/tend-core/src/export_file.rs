//! Reading a Tend export (`tend-export/1`) for import, free of I/O: which parts are the
//! person's own (check-ups, weekly pulses, appreciation journal entries, private notes, their
//! situation and the signs they ticked) and whether every one of them fits this Tend's rules.
//! What belongs to a couple space is only counted. One bad item refuses the whole file, with a
//! calm message on the form's one field, `file`.

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde::Deserialize;
use serde_json::Value;

use crate::checkup::{validate_answers, validate_pulse_answers, Answers};
use crate::content::{Content, REPORTED_SIGNALS, SITUATIONS};
use crate::msg;
use crate::text::{written, CLARITY_MAX, JOURNAL_MAX, PLAN_WRITING_MAX, TOUCH_MAX};
use crate::FieldError;

/// The export format this version reads.
pub const FORMAT: &str = "tend-export/1";
/// The most items of one kind a file may bring.
pub const MOST: usize = 20_000;
/// The longest note prompt a file may bring (prompts come from the program's words).
pub const PROMPT_MAX: usize = 500;

#[derive(Debug, Deserialize)]
struct ExportFile {
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

/// A pulse as it comes in: its ISO week, when, and the answers.
#[derive(Debug, Clone, PartialEq)]
pub struct OwnPulse {
    pub week: String,
    pub taken_at: Timestamp,
    pub answers: Answers,
}

/// A private note as it comes in.
#[derive(Debug, Clone, PartialEq)]
pub struct OwnNote {
    pub kind: String,
    pub prompt: String,
    pub text: String,
    pub written_at: Timestamp,
}

/// What a file brings that is the person's own, checked; and how much it leaves behind.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OwnData {
    pub checkups: Vec<(Timestamp, Answers)>,
    pub pulses: Vec<OwnPulse>,
    pub journal: Vec<(String, Timestamp)>,
    pub notes: Vec<OwnNote>,
    pub situation: Option<String>,
    pub help_signs: Vec<String>,
    /// Items that belong to a couple space and stay with it.
    pub left_behind: usize,
}

fn invalid(message: &'static str) -> FieldError {
    FieldError::new("file", message)
}

fn in_the_past(at: Timestamp, now: Timestamp) -> Result<Timestamp, FieldError> {
    if at > now {
        return Err(invalid(msg::export_file_file_has_time_future()));
    }
    Ok(at)
}

/// An ISO week such as `2026-W48`.
fn is_iso_week(week: &str) -> bool {
    let bytes = week.as_bytes();
    bytes.len() == 8
        && bytes[..4].iter().all(u8::is_ascii_digit)
        && &bytes[4..6] == b"-W"
        && week[6..].parse::<u8>().is_ok_and(|w| (1..=53).contains(&w))
}

/// Reads and checks a file's bytes; `now` is the latest time anything in it may carry.
pub fn read(bytes: &[u8], content: &'static Content, now: Timestamp) -> Result<OwnData, FieldError> {
    let file: ExportFile =
        serde_json::from_slice(bytes).map_err(|_| invalid(msg::export_file_this_file_isnt_tend()))?;
    if file.format != FORMAT {
        return Err(invalid(msg::export_file_this_file_isnt_tend_2()));
    }
    let t = &file.together;
    if [file.checkups.len(), file.pulses.len(), t.journal.len(), t.notes.len()].iter().any(|n| *n > MOST) {
        return Err(invalid(msg::export_file_this_file_holds_more()));
    }
    let mut own = OwnData::default();
    for c in &file.checkups {
        let answers = validate_answers(&content.checkup, &c.answers)
            .map_err(|_| invalid("A check-up in the file doesn't fit this Tend's check-up."))?;
        own.checkups.push((in_the_past(c.taken_at, now)?, answers));
    }
    for p in &file.pulses {
        if !is_iso_week(&p.week) || validate_pulse_answers(&content.pulse, &p.answers).is_err() {
            return Err(invalid(msg::export_file_weekly_pulse_file_doesnt()));
        }
        own.pulses.push(OwnPulse {
            week: p.week.clone(),
            taken_at: in_the_past(p.taken_at, now)?,
            answers: p.answers.clone(),
        });
    }
    for e in &t.journal {
        let message = msg::export_file_journal_entry_file_empty();
        own.journal.push((written(&e.text, JOURNAL_MAX, "file", message)?, in_the_past(e.written_at, now)?));
    }
    for n in &t.notes {
        let max = match n.kind.as_str() {
            "clarity" => CLARITY_MAX,
            "boundaries" => TOUCH_MAX,
            "plan-writing" => PLAN_WRITING_MAX,
            _ => return Err(invalid(msg::export_file_note_file_kind_this())),
        };
        let message = msg::export_file_note_file_empty_longer();
        own.notes.push(OwnNote {
            kind: n.kind.clone(),
            prompt: written(&n.prompt, PROMPT_MAX, "file", message)?,
            text: written(&n.text, max, "file", message)?,
            written_at: in_the_past(n.written_at, now)?,
        });
    }
    own.situation = match t.situation.as_deref() {
        None | Some("none") => None,
        Some(s) if SITUATIONS.contains(&s) => Some(s.to_owned()),
        Some(_) => return Err(invalid(msg::export_file_file_names_situation_this())),
    };
    if t.help_signs.iter().any(|s| !REPORTED_SIGNALS.contains(&s.as_str())) {
        return Err(invalid(msg::export_file_file_names_sign_this()));
    }
    own.help_signs =
        REPORTED_SIGNALS.iter().filter(|id| t.help_signs.iter().any(|s| s == *id)).map(|s| s.to_string()).collect();
    own.left_behind = t.ritual_answers.len()
        + t.wins.len()
        + t.weekly_check_notes.len()
        + t.experiments.len()
        + t.capsules.len()
        + file.agreements_proposed.len()
        + file.plan_steps_marked.len()
        + file.questions_added.len();
    Ok(own)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_weeks_are_four_digits_a_w_and_a_week_from_1_to_53() {
        assert!(is_iso_week("2026-W48"));
        assert!(is_iso_week("2026-W01"));
        assert!(!is_iso_week("2026-W54"));
        assert!(!is_iso_week("2026-W00"));
        assert!(!is_iso_week("26-W48"));
        assert!(!is_iso_week("2026W48x"));
        assert!(!is_iso_week("２０２６-W4"));
    }

    #[test]
    fn an_empty_export_brings_nothing_and_leaves_nothing() {
        let own = read(br#"{"format": "tend-export/1"}"#, Content::embedded(), Timestamp::now()).unwrap();
        assert_eq!(own, OwnData::default());
    }
}
