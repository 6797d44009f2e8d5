//! The 8-week plan's content: each week's focus and its steps, with a smaller version of each.

use serde::{Deserialize, Serialize};

use super::{duplicates, non_empty};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub intro: String,
    pub weeks: Vec<Week>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Week {
    pub number: u8,
    pub focus: String,
    pub intro: String,
    pub steps: Vec<PlanStep>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum StepWho {
    /// Each partner does their own part.
    Each,
    /// Done together; done when both have marked it.
    Shared,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanStep {
    pub id: String,
    pub title: String,
    pub text: String,
    pub smaller: String,
    pub who: StepWho,
    pub feature: String,
    /// How many times in the week the step is meant to happen.
    pub days: u8,
    /// The step asks each person to write: Tend gives it a private place to write, shareable one
    /// piece at a time (`/plan/write/{id}`).
    #[serde(default)]
    pub write: bool,
}

pub const WEEKS: u8 = 8;
const FILE: &str = "plan.toml";

impl Plan {
    pub fn week(&self, number: u8) -> Option<&Week> {
        self.weeks.iter().find(|w| w.number == number)
    }

    pub fn step(&self, id: &str) -> Option<(&Week, &PlanStep)> {
        self.weeks.iter().find_map(|w| w.steps.iter().find(|s| s.id == id).map(|s| (w, s)))
    }

    pub(super) fn check(&self, features: &[&str], problems: &mut Vec<String>) {
        non_empty(FILE, "the intro", &self.intro, problems);
        let numbers: Vec<u8> = self.weeks.iter().map(|w| w.number).collect();
        if numbers != (1..=WEEKS).collect::<Vec<_>>() {
            problems.push(format!("content/{FILE}: weeks 1 to 8 are needed, in order"));
        }
        duplicates(FILE, self.weeks.iter().flat_map(|w| w.steps.iter().map(|s| s.id.as_str())), problems);
        for week in &self.weeks {
            non_empty(FILE, &format!("the focus of week {}", week.number), &week.focus, problems);
            if !(2..=4).contains(&week.steps.len()) {
                problems.push(format!("content/{FILE}: week {} needs two to four steps", week.number));
            }
            for step in &week.steps {
                for (what, text) in [("title", &step.title), ("text", &step.text), ("smaller version", &step.smaller)] {
                    non_empty(FILE, &format!("the {what} of step {}", step.id), text, problems);
                }
                if !(1..=7).contains(&step.days) {
                    problems.push(format!("content/{FILE}: step {} happens on 1 to 7 days", step.id));
                }
                if !features.contains(&step.feature.as_str()) {
                    problems.push(format!(
                        "content/{FILE}: step {} points to the unknown feature {:?}",
                        step.id, step.feature
                    ));
                }
            }
        }
    }
}
