//! Gentle openers: low-stakes ways to name the gap kindly and invite a short talk, grouped by the
//! situation they fit (feeling apart, after a disagreement, low capacity, wanting more closeness,
//! planning time together).

use serde::Deserialize;

use super::{duplicates, non_empty};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Openers {
    pub intro: String,
    /// A title for each situation, in the order they are shown.
    pub situations: Vec<OpenerSituationText>,
    pub openers: Vec<Opener>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Opener {
    pub id: String,
    pub situation: OpenerSituation,
    pub text: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpenerSituationText {
    pub id: OpenerSituation,
    pub title: String,
}

/// The situation an opener is written for; its id in `content/openers.toml` is `as_str()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OpenerSituation {
    /// Feeling apart.
    Apart,
    /// After a fight or a tense moment.
    AfterFight,
    /// When one of the two is low on capacity.
    LowCapacity,
    /// Wanting more touch and closeness.
    Touch,
    /// Planning time together.
    Plans,
}

impl OpenerSituation {
    pub const ALL: [OpenerSituation; 5] = [Self::Apart, Self::AfterFight, Self::LowCapacity, Self::Touch, Self::Plans];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Apart => "apart",
            Self::AfterFight => "after-fight",
            Self::LowCapacity => "low-capacity",
            Self::Touch => "touch",
            Self::Plans => "plans",
        }
    }

    pub fn parse(id: &str) -> Option<OpenerSituation> {
        Self::ALL.into_iter().find(|s| s.as_str() == id)
    }
}

const FILE: &str = "openers.toml";

/// The content check fails with fewer openers than this.
pub const MIN_OPENERS: usize = 64;
/// … or with fewer than this in any one situation.
pub const MIN_OPENERS_PER_SITUATION: usize = 10;

impl Openers {
    pub fn opener(&self, id: &str) -> Option<&Opener> {
        self.openers.iter().find(|o| o.id == id)
    }

    /// The openers written for one situation, in file order.
    pub fn in_situation(&self, situation: OpenerSituation) -> impl Iterator<Item = &Opener> + '_ {
        self.openers.iter().filter(move |o| o.situation == situation)
    }

    /// The situation's title (`check` guarantees every situation has one).
    pub fn situation_title(&self, situation: OpenerSituation) -> &str {
        self.situations.iter().find(|s| s.id == situation).map_or("", |s| s.title.as_str())
    }

    pub(super) fn check(&self, problems: &mut Vec<String>) {
        non_empty(FILE, "the intro", &self.intro, problems);
        if self.openers.len() < MIN_OPENERS {
            problems.push(format!(
                "content/{FILE}: at least {MIN_OPENERS} openers are expected, found {}",
                self.openers.len()
            ));
        }
        duplicates(FILE, self.openers.iter().map(|o| o.id.as_str()), problems);
        duplicates(FILE, self.openers.iter().map(|o| o.text.as_str()), problems);
        for o in &self.openers {
            non_empty(FILE, &format!("opener {}", o.id), &o.text, problems);
            if !is_id(&o.id) {
                problems.push(format!("content/{FILE}: the id {:?} is not lowercase letters and hyphens", o.id));
            }
        }
        duplicates(FILE, self.situations.iter().map(|s| s.id.as_str()), problems);
        for situation in OpenerSituation::ALL {
            match self.situations.iter().find(|s| s.id == situation) {
                None => problems.push(format!("content/{FILE}: the situation {} has no title", situation.as_str())),
                Some(s) => non_empty(FILE, &format!("the title of {}", situation.as_str()), &s.title, problems),
            }
            let count = self.in_situation(situation).count();
            if count < MIN_OPENERS_PER_SITUATION {
                problems.push(format!(
                    "content/{FILE}: at least {MIN_OPENERS_PER_SITUATION} openers are expected for the situation {}, found {count}",
                    situation.as_str()
                ));
            }
        }
    }
}

/// Lowercase letters (and digits) in words joined by single hyphens, like `after-busy-stretch`.
pub(super) fn is_id(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::super::{Content, Sources, EMBEDDED};
    use super::*;

    fn shipped() -> Openers {
        toml::from_str(EMBEDDED.openers).expect("openers.toml parses")
    }

    fn problems(openers: &Openers) -> Vec<String> {
        let mut problems = Vec::new();
        openers.check(&mut problems);
        problems
    }

    #[test]
    fn the_shipped_openers_meet_the_counts() {
        let openers = shipped();
        assert!(problems(&openers).is_empty(), "{:?}", problems(&openers));
        assert!(openers.openers.len() >= MIN_OPENERS);
        for s in OpenerSituation::ALL {
            assert!(openers.in_situation(s).count() >= MIN_OPENERS_PER_SITUATION, "{s:?}");
            assert!(!openers.situation_title(s).is_empty());
            assert_eq!(OpenerSituation::parse(s.as_str()), Some(s));
        }
    }

    #[test]
    fn too_few_openers_are_reported() {
        let mut openers = shipped();
        openers.openers.truncate(MIN_OPENERS - 1);
        assert!(problems(&openers).iter().any(|p| p.contains(&format!("at least {MIN_OPENERS} openers"))));
    }

    #[test]
    fn a_thin_situation_is_reported() {
        let mut openers = shipped();
        for o in &mut openers.openers {
            if o.situation == OpenerSituation::Touch {
                o.situation = OpenerSituation::Plans;
            }
        }
        let found = problems(&openers);
        assert!(found.iter().any(|p| p.contains("for the situation touch, found 0")), "{found:?}");
    }

    #[test]
    fn an_unknown_situation_is_reported() {
        let text = EMBEDDED.openers.replacen("situation = \"touch\"", "situation = \"cuddles\"", 1);
        let sources = Sources { openers: &text, ..EMBEDDED };
        let found = Content::load(&sources).unwrap_err();
        assert!(found.iter().any(|p| p.starts_with("content/openers.toml") && p.contains("cuddles")), "{found:?}");
    }

    #[test]
    fn a_situation_without_a_title_is_reported() {
        let mut openers = shipped();
        openers.situations.retain(|s| s.id != OpenerSituation::LowCapacity);
        assert!(problems(&openers).iter().any(|p| p.contains("low-capacity has no title")));
    }

    #[test]
    fn a_repeated_text_or_a_malformed_id_is_reported() {
        let mut openers = shipped();
        openers.openers[1].text = openers.openers[0].text.clone();
        openers.openers[2].id = "Not An Id".to_owned();
        let found = problems(&openers);
        assert!(found.iter().any(|p| p.contains("is used twice")), "{found:?}");
        assert!(found.iter().any(|p| p.contains("\"Not An Id\" is not lowercase")), "{found:?}");
    }

    #[test]
    fn ids_are_lowercase_words_joined_by_hyphens() {
        assert!(is_id("after-busy-stretch") && is_id("two") && is_id("week-52"));
        assert!(!is_id("") && !is_id("Two") && !is_id("a--b") && !is_id("-a") && !is_id("a_b"));
    }
}
