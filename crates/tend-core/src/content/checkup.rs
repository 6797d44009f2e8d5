//! The distance check-up's content: the answer scale, four areas with their items, the loops
//! and drivers an item can point to, and three levels per area with meaning and first steps.

use serde::{Deserialize, Serialize};

use super::{duplicates, non_empty};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checkup {
    /// Labels of the answers 0, 1, 2, 3.
    pub scale: Vec<String>,
    pub areas: Vec<Area>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AreaId {
    Signs,
    Space,
    Loops,
    Drivers,
}

impl AreaId {
    pub const ALL: [AreaId; 4] = [AreaId::Signs, AreaId::Space, AreaId::Loops, AreaId::Drivers];

    pub fn as_str(self) -> &'static str {
        match self {
            AreaId::Signs => "signs",
            AreaId::Space => "space",
            AreaId::Loops => "loops",
            AreaId::Drivers => "drivers",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Area {
    pub id: AreaId,
    pub title: String,
    pub question: String,
    pub intro: String,
    pub items: Vec<Item>,
    #[serde(default)]
    pub tags: Vec<Tag>,
    pub levels: Vec<Level>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: String,
    pub text: String,
    /// Agreeing means things are good, so the answer counts as `3 - answer`.
    #[serde(default)]
    pub reverse: bool,
    /// The loop or driver this item points to (loops and drivers only).
    #[serde(default)]
    pub tag: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tag {
    pub id: String,
    pub title: String,
    pub meaning: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LevelId {
    Low,
    Some,
    High,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub id: LevelId,
    /// Applies when the area's average answer is below this.
    pub below: f64,
    pub title: String,
    pub meaning: String,
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub text: String,
    pub feature: String,
}

const FILE: &str = "checkup.toml";

impl Checkup {
    pub fn area(&self, id: AreaId) -> &Area {
        self.areas.iter().find(|a| a.id == id).expect("every area is present (checked at load)")
    }

    pub fn items(&self) -> impl Iterator<Item = (&Area, &Item)> {
        self.areas.iter().flat_map(|a| a.items.iter().map(move |i| (a, i)))
    }

    pub(super) fn check(&self, features: &[&str], problems: &mut Vec<String>) {
        if self.scale.len() != 4 {
            problems.push(format!("content/{FILE}: the scale needs exactly four labels (answers 0 to 3)"));
        }
        let ids: Vec<AreaId> = self.areas.iter().map(|a| a.id).collect();
        if ids != AreaId::ALL {
            problems.push(format!("content/{FILE}: the areas must be signs, space, loops, drivers, in that order"));
        }
        duplicates(FILE, self.items().map(|(_, i)| i.id.as_str()), problems);
        let count = self.items().count();
        if !(15..=25).contains(&count) {
            problems.push(format!("content/{FILE}: about 20 items are expected, found {count}"));
        }
        for area in &self.areas {
            let name = area.id.as_str();
            for (what, text) in [("title", &area.title), ("question", &area.question), ("intro", &area.intro)] {
                non_empty(FILE, &format!("the {what} of area {name}"), text, problems);
            }
            let tagged = matches!(area.id, AreaId::Loops | AreaId::Drivers);
            if tagged == area.tags.is_empty() {
                problems.push(format!(
                    "content/{FILE}: area {name} {} tags",
                    if tagged { "needs" } else { "has no use for" }
                ));
            }
            for item in &area.items {
                non_empty(FILE, &format!("item {}", item.id), &item.text, problems);
                match (&item.tag, tagged) {
                    (Some(tag), true) if area.tags.iter().any(|t| &t.id == tag) => {}
                    (None, false) => {}
                    _ => problems.push(format!("content/{FILE}: item {} has a missing or unknown tag", item.id)),
                }
            }
            let levels: Vec<LevelId> = area.levels.iter().map(|l| l.id).collect();
            if levels != [LevelId::Low, LevelId::Some, LevelId::High] {
                problems.push(format!("content/{FILE}: area {name} needs the levels low, some, high, in that order"));
            }
            let ascending = area.levels.windows(2).all(|w| w[0].below < w[1].below);
            if !ascending || area.levels.last().is_some_and(|l| l.below <= 3.0) {
                problems
                    .push(format!("content/{FILE}: area {name}: level limits must rise and the last must exceed 3"));
            }
            for level in &area.levels {
                if !(2..=3).contains(&level.steps.len()) {
                    problems
                        .push(format!("content/{FILE}: area {name}, level {:?}: two or three first steps", level.id));
                }
                for step in &level.steps {
                    if !features.contains(&step.feature.as_str()) {
                        problems
                            .push(format!("content/{FILE}: a step points to the unknown feature {:?}", step.feature));
                    }
                }
            }
        }
    }
}
