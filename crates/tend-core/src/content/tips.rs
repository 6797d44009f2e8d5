//! The optional weekly tips that follow the free eight-week course by email.

use serde::Deserialize;

use super::{duplicates, non_empty};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tips {
    pub intro: String,
    pub tips: Vec<Tip>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tip {
    pub id: String,
    pub title: String,
    pub text: String,
}

impl Tips {
    pub(super) fn check(&self, problems: &mut Vec<String>) {
        non_empty("tips.toml", "intro", &self.intro, problems);
        duplicates("tips.toml", self.tips.iter().map(|t| t.id.as_str()), problems);
        if self.tips.len() < 8 {
            problems.push("content/tips.toml: at least eight tips are expected".to_owned());
        }
        for tip in &self.tips {
            non_empty("tips.toml", &format!("the text of {}", tip.id), &tip.text, problems);
        }
    }
}
