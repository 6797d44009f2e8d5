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
    pub patterns: CoachPatterns,
}

/// Word classes and phrase groups that let the coach hear harsh wording it has never seen as a
/// whole phrase: a put-down aimed at "you", a threat, a comparison, sarcastic praise.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CoachPatterns {
    /// Character words that judge a person ("lazy", "hopeless") when aimed at "you".
    pub put_downs: Vec<String>,
    /// Insulting names ("idiot", "slob") when aimed at "you" or after "such a".
    pub insults: Vec<String>,
    /// Words of contempt that sting wherever they stand, unless the writer says them of themselves.
    pub scorn: Vec<String>,
    /// Verbs that blame when "you" do them ("ruin", "sulk").
    pub blaming_verbs: Vec<String>,
    /// Verbs of disgust ("you disgust me").
    pub disgust_verbs: Vec<String>,
    /// Words of warmth that make an absolute kind ("every time you sing I smile").
    pub warm_words: Vec<String>,
    /// Openings of praise that turn sarcastic when a mishap follows ("well done, you forgot").
    pub praise_openers: Vec<String>,
    /// Mishaps that make praise sarcastic.
    pub mishaps: Vec<String>,
    /// Words that end a threat after "or I'm …" / "and I'm …".
    pub threat_ends: Vec<String>,
    /// People someone may be compared with ("your brother").
    pub others: Vec<String>,
    pub criticism_reason: String,
    pub disgust_reason: String,
    pub threat_reason: String,
    pub comparison_reason: String,
    pub sarcastic_praise_reason: String,
    /// Phrases with their own kind and reason (dismissal, defensiveness, martyrdom …).
    pub groups: Vec<CoachGroup>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CoachGroup {
    pub kind: CoachKind,
    pub reason: String,
    pub phrases: Vec<String>,
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
        for group in &self.patterns.groups {
            non_empty(FILE, "the reason of a pattern group", &group.reason, problems);
            if group.phrases.is_empty() {
                problems.push(format!("content/{FILE}: a pattern group needs phrases"));
            }
        }
        for placeholder in ["{emotion}", "{situation}", "{request}"] {
            if !self.suggestion.template.contains(placeholder) {
                problems.push(format!("content/{FILE}: the suggestion template needs {placeholder}"));
            }
        }
    }
}
