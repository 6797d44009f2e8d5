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
    /// More words for the same kind of repair, to pick from.
    pub phrases: Vec<String>,
}

/// The kinds of repair whose ids are stored with repairs already offered; each must stay.
pub const REPAIR_KINDS: [&str; 7] =
    ["apology", "humor", "start-over", "hug", "pause-together", "i-hear-you", "same-team"];
/// The content check fails with fewer repair phrases than this in all …
pub const MIN_REPAIR_PHRASES: usize = 64;
/// … or with fewer than this in any one kind.
pub const MIN_REPAIR_PHRASES_PER_KIND: usize = 8;

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

    /// Every phrase with its kind, kind by kind, the example first.
    pub fn phrases(&self) -> impl Iterator<Item = (&RepairKind, &str)> + '_ {
        self.kinds.iter().flat_map(|k| {
            std::iter::once(k.example.as_str()).chain(k.phrases.iter().map(String::as_str)).map(move |p| (k, p))
        })
    }

    pub(super) fn check(&self, problems: &mut Vec<String>) {
        const FILE: &str = "repairs.toml";
        non_empty(FILE, "intro", &self.intro, problems);
        duplicates(FILE, self.kinds.iter().map(|k| k.id.as_str()), problems);
        for id in REPAIR_KINDS {
            if self.kind(id).is_none() {
                problems
                    .push(format!("content/{FILE}: the kind {id:?} is missing, and repairs already offered use it"));
            }
        }
        for k in &self.kinds {
            non_empty(FILE, &format!("the thanks of {}", k.id), &k.thanks, problems);
            non_empty(FILE, &format!("the example of {}", k.id), &k.example, problems);
            if k.phrases.len() < MIN_REPAIR_PHRASES_PER_KIND {
                problems.push(format!(
                    "content/{FILE}: at least {MIN_REPAIR_PHRASES_PER_KIND} phrases are expected for the kind {}, found {}",
                    k.id,
                    k.phrases.len()
                ));
            }
            for p in &k.phrases {
                non_empty(FILE, &format!("a phrase of {}", k.id), p, problems);
            }
        }
        let total: usize = self.kinds.iter().map(|k| k.phrases.len()).sum();
        if total < MIN_REPAIR_PHRASES {
            problems.push(format!(
                "content/{FILE}: at least {MIN_REPAIR_PHRASES} repair phrases are expected, found {total}"
            ));
        }
        duplicates(FILE, self.phrases().map(|(_, p)| p), problems);
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

#[cfg(test)]
mod tests {
    use super::super::EMBEDDED;
    use super::*;

    fn shipped() -> Repairs {
        toml::from_str(EMBEDDED.repairs).expect("repairs.toml parses")
    }

    fn problems(repairs: &Repairs) -> Vec<String> {
        let mut problems = Vec::new();
        repairs.check(&mut problems);
        problems
    }

    #[test]
    fn the_shipped_repairs_meet_the_counts() {
        let repairs = shipped();
        assert!(problems(&repairs).is_empty(), "{:?}", problems(&repairs));
        assert!(repairs.phrases().count() >= MIN_REPAIR_PHRASES + repairs.kinds.len());
        assert_eq!(
            repairs.phrases().next().map(|(k, p)| (k.id.as_str(), p)),
            Some(("apology", repairs.kinds[0].example.as_str()))
        );
    }

    #[test]
    fn a_kind_with_too_few_phrases_is_reported() {
        let mut repairs = shipped();
        repairs.kinds[1].phrases.truncate(MIN_REPAIR_PHRASES_PER_KIND - 1);
        let found = problems(&repairs);
        assert!(found.iter().any(|p| p.contains("for the kind humor")), "{found:?}");
    }

    #[test]
    fn too_few_phrases_in_all_are_reported() {
        let mut repairs = shipped();
        for k in &mut repairs.kinds {
            k.phrases.truncate(MIN_REPAIR_PHRASES_PER_KIND);
        }
        let found = problems(&repairs);
        assert!(
            found.iter().any(|p| p.contains(&format!("at least {MIN_REPAIR_PHRASES} repair phrases"))),
            "{found:?}"
        );
    }

    #[test]
    fn a_missing_kind_is_reported() {
        let mut repairs = shipped();
        repairs.kinds.retain(|k| k.id != "same-team");
        let found = problems(&repairs);
        assert!(found.iter().any(|p| p.contains("\"same-team\" is missing")), "{found:?}");
    }

    #[test]
    fn a_phrase_used_twice_is_reported() {
        let mut repairs = shipped();
        let example = repairs.kinds[0].example.clone();
        repairs.kinds[2].phrases.push(example);
        assert!(problems(&repairs).iter().any(|p| p.contains("is used twice")));
    }
}
