//! The optional weekly tips that follow the free eight-week course by email: one for each week of
//! a year. They are sent in file order, so new tips go at the end.

use serde::Deserialize;

use super::openers::is_id;
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

/// One tip for each week of a year; the content check wants exactly this many.
pub const TIPS_PER_YEAR: usize = 52;
/// A tip's title is shorter than this, in characters.
pub const TIP_TITLE_LIMIT: usize = 50;

const FILE: &str = "tips.toml";

impl Tips {
    /// The tip for a week after the course (`index` from 0), going round again after a year.
    pub fn for_week(&self, index: usize) -> Option<&Tip> {
        self.tips.get(index % self.tips.len().max(1))
    }

    pub(super) fn check(&self, problems: &mut Vec<String>) {
        non_empty(FILE, "intro", &self.intro, problems);
        duplicates(FILE, self.tips.iter().map(|t| t.id.as_str()), problems);
        duplicates(FILE, self.tips.iter().map(|t| t.title.as_str()), problems);
        if self.tips.len() != TIPS_PER_YEAR {
            problems.push(format!(
                "content/{FILE}: one tip for each week of a year is expected, {TIPS_PER_YEAR} in all, found {}",
                self.tips.len()
            ));
        }
        for tip in &self.tips {
            non_empty(FILE, &format!("the text of {}", tip.id), &tip.text, problems);
            non_empty(FILE, &format!("the title of {}", tip.id), &tip.title, problems);
            if !is_id(&tip.id) {
                problems.push(format!("content/{FILE}: the id {:?} is not lowercase letters and hyphens", tip.id));
            }
            if tip.title.chars().count() >= TIP_TITLE_LIMIT {
                problems.push(format!(
                    "content/{FILE}: the title of {} is expected under {TIP_TITLE_LIMIT} characters",
                    tip.id
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::EMBEDDED;
    use super::*;

    fn shipped() -> Tips {
        toml::from_str(EMBEDDED.tips).expect("tips.toml parses")
    }

    fn problems(tips: &Tips) -> Vec<String> {
        let mut problems = Vec::new();
        tips.check(&mut problems);
        problems
    }

    #[test]
    fn the_shipped_tips_fill_a_year() {
        let tips = shipped();
        assert!(problems(&tips).is_empty(), "{:?}", problems(&tips));
        assert_eq!(tips.tips.len(), TIPS_PER_YEAR);
        assert_eq!(tips.for_week(0).map(|t| t.id.as_str()), Some("notice-one-thing"));
        assert_eq!(tips.for_week(TIPS_PER_YEAR).map(|t| t.id.as_str()), Some("notice-one-thing"));
    }

    #[test]
    fn fewer_or_more_than_a_year_of_tips_is_reported() {
        let mut tips = shipped();
        tips.tips.pop();
        assert!(problems(&tips).iter().any(|p| p.contains("found 51")));
        let mut tips = shipped();
        let mut extra = tips.tips[0].clone();
        extra.id = "one-more".to_owned();
        extra.title = "One more".to_owned();
        tips.tips.push(extra);
        assert!(problems(&tips).iter().any(|p| p.contains("found 53")));
    }

    #[test]
    fn a_long_title_or_a_malformed_id_is_reported() {
        let mut tips = shipped();
        tips.tips[0].title = "x".repeat(TIP_TITLE_LIMIT);
        tips.tips[1].id = "Start_Softly".to_owned();
        let found = problems(&tips);
        assert!(found.iter().any(|p| p.contains("under 50 characters")), "{found:?}");
        assert!(found.iter().any(|p| p.contains("\"Start_Softly\" is not lowercase")), "{found:?}");
    }
}
