//! Words for safer hard conversations: the pause (the couple's safe word), suggested ground
//! rules, and the kinds of repair attempt.

use serde::Deserialize;

use super::{duplicates, non_empty};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PauseText {
    pub intro: String,
    pub called: String,
    pub return_hint: String,
    pub suggestions: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroundRules {
    pub intro: String,
    pub suggestions: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Repairs {
    pub intro: String,
    pub kinds: Vec<RepairKind>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RepairKind {
    pub id: String,
    pub title: String,
    pub example: String,
    pub thanks: String,
}

impl PauseText {
    pub(super) fn check(&self, problems: &mut Vec<String>) {
        for (what, text) in [("intro", &self.intro), ("called", &self.called), ("return_hint", &self.return_hint)] {
            non_empty("pause.toml", what, text, problems);
        }
        if self.suggestions.len() < 5 {
            problems.push("content/pause.toml: at least five self-soothing suggestions are expected".to_owned());
        }
    }
}

impl GroundRules {
    pub(super) fn check(&self, problems: &mut Vec<String>) {
        non_empty("ground_rules.toml", "intro", &self.intro, problems);
        if self.suggestions.len() < 5 {
            problems.push("content/ground_rules.toml: at least five suggested rules are expected".to_owned());
        }
    }
}

impl Repairs {
    pub fn kind(&self, id: &str) -> Option<&RepairKind> {
        self.kinds.iter().find(|k| k.id == id)
    }

    pub(super) fn check(&self, problems: &mut Vec<String>) {
        non_empty("repairs.toml", "intro", &self.intro, problems);
        duplicates("repairs.toml", self.kinds.iter().map(|k| k.id.as_str()), problems);
        for k in &self.kinds {
            non_empty("repairs.toml", &format!("the thanks of {}", k.id), &k.thanks, problems);
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListeningText {
    pub intro: String,
    pub speaking: String,
    pub listening: String,
    pub paraphrase: String,
    /// With `{feeling}` and `{situation}`.
    pub template: String,
    pub confirm: String,
    pub done: String,
}

impl ListeningText {
    pub(super) fn check(&self, problems: &mut Vec<String>) {
        for placeholder in ["{feeling}", "{situation}"] {
            if !self.template.contains(placeholder) {
                problems.push(format!("content/listening.toml: the template needs {placeholder}"));
            }
        }
        non_empty("listening.toml", "intro", &self.intro, problems);
    }
}
