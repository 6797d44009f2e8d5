//! The private safety check's words, and the default help resources (a host adds their own).

use serde::Deserialize;

use super::{duplicates, non_empty};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Safety {
    pub intro: String,
    pub skip: String,
    pub questions: Vec<SafetyQuestion>,
    pub risk: RiskText,
    pub safe: SafeText,
    pub resources: Vec<Resource>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SafetyQuestion {
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskText {
    pub title: String,
    pub text: String,
    pub help: String,
    pub exit: String,
    pub turn_on: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SafeText {
    pub title: String,
    pub text: String,
}

/// Someone to turn to: a name and how to reach them, optionally for one country.
#[derive(Debug, Clone, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Resource {
    pub name: String,
    pub contact: String,
    #[serde(default)]
    pub country: Option<String>,
}

impl Safety {
    pub(super) fn check(&self, problems: &mut Vec<String>) {
        non_empty("safety.toml", "intro", &self.intro, problems);
        if self.questions.len() < 3 {
            problems.push("content/safety.toml: at least three questions are expected".to_owned());
        }
        duplicates("safety.toml", self.questions.iter().map(|q| q.id.as_str()), problems);
        if self.resources.is_empty() {
            problems.push("content/safety.toml: at least one resource is expected".to_owned());
        }
    }
}
