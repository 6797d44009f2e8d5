//! The weekly pulse's content: a handful of questions answered from 1 to 5.

use serde::Deserialize;

use super::{duplicates, non_empty};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pulse {
    pub intro: String,
    pub items: Vec<PulseItem>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PulseItem {
    pub id: String,
    pub text: String,
    /// The label of 1.
    pub low: String,
    /// The label of 5.
    pub high: String,
}

const FILE: &str = "pulse.toml";

impl Pulse {
    pub(super) fn check(&self, problems: &mut Vec<String>) {
        non_empty(FILE, "the intro", &self.intro, problems);
        if !(3..=7).contains(&self.items.len()) {
            problems.push(format!("content/{FILE}: a pulse has three to seven items"));
        }
        duplicates(FILE, self.items.iter().map(|i| i.id.as_str()), problems);
        for item in &self.items {
            for (what, text) in [("text", &item.text), ("low", &item.low), ("high", &item.high)] {
                non_empty(FILE, &format!("the {what} of item {}", item.id), text, problems);
            }
        }
    }
}
