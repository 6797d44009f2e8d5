//! The curious-questions deck: three sets of rising depth. A question's id is derived from its
//! words, so reordering the file keeps marks; rewording a question makes it a new one.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{duplicates, non_empty};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SetId {
    Light,
    Personal,
    Vulnerable,
}

impl SetId {
    pub const ALL: [SetId; 3] = [SetId::Light, SetId::Personal, SetId::Vulnerable];

    pub fn as_str(self) -> &'static str {
        match self {
            SetId::Light => "light",
            SetId::Personal => "personal",
            SetId::Vulnerable => "vulnerable",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deck {
    pub intro: String,
    pub sets: Vec<QuestionSet>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionSet {
    pub id: SetId,
    pub title: String,
    pub hint: String,
    pub questions: Vec<String>,
}

/// A stable id for a question: `q-` and twelve hex digits of the hash of its words.
pub fn question_id(text: &str) -> String {
    let digest = Sha256::digest(text.trim().as_bytes());
    format!("q-{}", &hex::encode(digest)[..12])
}

const FILE: &str = "questions.toml";

impl Deck {
    pub fn set(&self, id: SetId) -> &QuestionSet {
        self.sets.iter().find(|s| s.id == id).expect("every set is present (checked at load)")
    }

    /// Every question with its set and id.
    pub fn all(&self) -> impl Iterator<Item = (SetId, String, &str)> {
        self.sets.iter().flat_map(|s| s.questions.iter().map(move |q| (s.id, question_id(q), q.as_str())))
    }

    pub(super) fn check(&self, problems: &mut Vec<String>) {
        non_empty(FILE, "the intro", &self.intro, problems);
        let ids: Vec<SetId> = self.sets.iter().map(|s| s.id).collect();
        if ids != SetId::ALL {
            problems.push(format!("content/{FILE}: the sets must be light, personal, vulnerable, in that order"));
        }
        let total: usize = self.sets.iter().map(|s| s.questions.len()).sum();
        if total < 100 {
            problems.push(format!("content/{FILE}: at least 100 questions are expected, found {total}"));
        }
        let lowered: Vec<String> =
            self.sets.iter().flat_map(|s| s.questions.iter().map(|q| q.trim().to_lowercase())).collect();
        duplicates(FILE, lowered.iter().map(String::as_str), problems);
        for q in self.sets.iter().flat_map(|s| &s.questions) {
            if !q.trim_end().ends_with('?') {
                problems.push(format!("content/{FILE}: {q:?} is not a question"));
            }
        }
    }
}
