//! Gentle openers: low-stakes ways to name the gap kindly and invite a short talk.

use serde::Deserialize;

use super::{duplicates, non_empty};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Openers {
    pub intro: String,
    pub openers: Vec<Opener>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Opener {
    pub id: String,
    pub text: String,
}

const FILE: &str = "openers.toml";

impl Openers {
    pub(super) fn check(&self, problems: &mut Vec<String>) {
        non_empty(FILE, "the intro", &self.intro, problems);
        if self.openers.len() < 10 {
            problems.push(format!("content/{FILE}: at least ten openers are expected"));
        }
        duplicates(FILE, self.openers.iter().map(|o| o.id.as_str()), problems);
        for o in &self.openers {
            non_empty(FILE, &format!("opener {}", o.id), &o.text, problems);
        }
    }
}
