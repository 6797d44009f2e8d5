//! The soft start-up coach's lexicon: six kinds of wording that tend to raise defensiveness,
//! each with a one-line reason and the phrases that signal it, the exceptions that keep kind
//! sentences unflagged, and the words of the suggestion it offers instead.

use serde::{Deserialize, Serialize};

use super::non_empty;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CoachKind {
    Absolute,
    Blame,
    Contempt,
    Sarcasm,
    Demand,
    Piling,
}

impl CoachKind {
    pub const ALL: [CoachKind; 6] = [
        CoachKind::Absolute,
        CoachKind::Blame,
        CoachKind::Contempt,
        CoachKind::Sarcasm,
        CoachKind::Demand,
        CoachKind::Piling,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CoachKind::Absolute => "absolute",
            CoachKind::Blame => "blame",
            CoachKind::Contempt => "contempt",
            CoachKind::Sarcasm => "sarcasm",
            CoachKind::Demand => "demand",
            CoachKind::Piling => "piling",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Coach {
    pub kinds: Vec<CoachKindText>,
    pub exceptions: CoachExceptions,
    pub suggestion: SuggestionText,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CoachKindText {
    pub id: CoachKind,
    pub title: String,
    pub reason: String,
    pub phrases: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CoachExceptions {
    /// After an absolute, these words make the sentence a kind one.
    pub kind_followers: Vec<String>,
    /// Sentence openings that make an absolute part of a genuine question.
    pub question_openers: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SuggestionText {
    /// With `{emotion}`, `{situation}` and `{request}`.
    pub template: String,
    pub emotion_unknown: String,
    pub situation_unknown: String,
    pub request_unknown: String,
    /// Feeling words found in the draft that can fill `{emotion}`.
    pub emotions: Vec<String>,
}

const FILE: &str = "coach.toml";

impl Coach {
    pub fn kind(&self, id: CoachKind) -> &CoachKindText {
        self.kinds.iter().find(|k| k.id == id).expect("every kind is present (checked at load)")
    }

    pub(super) fn check(&self, problems: &mut Vec<String>) {
        let ids: Vec<CoachKind> = self.kinds.iter().map(|k| k.id).collect();
        if ids != CoachKind::ALL {
            problems
                .push(format!("content/{FILE}: the kinds must be absolute, blame, contempt, sarcasm, demand, piling"));
        }
        for kind in &self.kinds {
            non_empty(FILE, &format!("the reason of {}", kind.id.as_str()), &kind.reason, problems);
            if kind.phrases.is_empty() || kind.phrases.iter().any(|p| p.trim().is_empty() || p.trim() == "*") {
                problems.push(format!("content/{FILE}: {} needs phrases, none empty or only *", kind.id.as_str()));
            }
        }
        for placeholder in ["{emotion}", "{situation}", "{request}"] {
            if !self.suggestion.template.contains(placeholder) {
                problems.push(format!("content/{FILE}: the suggestion template needs {placeholder}"));
            }
        }
    }
}
