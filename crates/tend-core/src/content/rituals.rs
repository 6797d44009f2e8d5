//! Words for the rituals and the things a couple keeps together: the four daily rituals, the
//! weekly check's agenda, shared joy, the appreciation journal, the time capsule, own-your-part
//! and small wins.

use serde::Deserialize;

use super::openers::is_id;
use super::{duplicates, non_empty};
use crate::rituals::{parse_time_of_day, RitualKind};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rituals {
    pub reveal_note: String,
    pub rituals: Vec<Ritual>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ritual {
    pub id: String,
    pub name: String,
    pub summary: String,
    pub prompt: String,
    pub placeholder: String,
    pub default_time: String,
    /// The timer's default length (screen-free minutes only).
    pub minutes: Option<u32>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeeklyCheck {
    pub intro: String,
    pub summary_note: String,
    pub sections: Vec<CheckSection>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckSection {
    pub id: String,
    pub title: String,
    pub minutes: u32,
    pub guide: String,
    pub prompts: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Together {
    pub joy: JoyText,
    pub journal: JournalText,
    pub capsule: CapsuleText,
    pub own_part: OwnPartText,
    pub wins: WinsText,
}

/// The shared-joy planner's words and ideas. In `content/together.toml` each idea is a table with
/// an id, a cost, a time and a place; `ideas` keeps the texts alone, in file order, as before.
#[derive(Debug, Clone, Deserialize)]
#[serde(from = "JoyFile")]
pub struct JoyText {
    pub intro: String,
    /// The ideas' texts, in file order.
    pub ideas: Vec<String>,
    /// The ideas with their cost, time and place, in file order (the same order as `ideas`).
    pub catalog: Vec<JoyIdea>,
    pub costs: Vec<JoyLabel<JoyCost>>,
    pub times: Vec<JoyLabel<JoyTime>>,
    pub places: Vec<JoyLabel<JoyPlace>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct JoyFile {
    intro: String,
    costs: Vec<JoyLabel<JoyCost>>,
    times: Vec<JoyLabel<JoyTime>>,
    places: Vec<JoyLabel<JoyPlace>>,
    ideas: Vec<JoyIdea>,
}

impl From<JoyFile> for JoyText {
    fn from(file: JoyFile) -> JoyText {
        JoyText {
            intro: file.intro,
            ideas: file.ideas.iter().map(|i| i.text.clone()).collect(),
            catalog: file.ideas,
            costs: file.costs,
            times: file.times,
            places: file.places,
        }
    }
}

/// One shared-joy idea.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JoyIdea {
    pub id: String,
    pub text: String,
    pub cost: JoyCost,
    pub time: JoyTime,
    pub place: JoyPlace,
}

/// The title shown for one cost, time or place.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JoyLabel<T> {
    pub id: T,
    pub title: String,
}

/// What an idea costs; its id in `content/together.toml` is `as_str()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum JoyCost {
    Free,
    /// Costs a little.
    Low,
    /// Costs a bit more (`some`).
    #[serde(rename = "some")]
    SomeMoney,
}

/// How long an idea takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum JoyTime {
    /// Under an hour.
    Short,
    /// An evening.
    Evening,
    /// Half a day or more.
    HalfDay,
}

/// Where an idea happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum JoyPlace {
    Home,
    Out,
    /// Apart, over a call or messages.
    Apart,
}

impl JoyCost {
    pub const ALL: [JoyCost; 3] = [Self::Free, Self::Low, Self::SomeMoney];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Free => "free",
            Self::Low => "low",
            Self::SomeMoney => "some",
        }
    }

    pub fn parse(id: &str) -> Option<JoyCost> {
        Self::ALL.into_iter().find(|c| c.as_str() == id)
    }
}

impl JoyTime {
    pub const ALL: [JoyTime; 3] = [Self::Short, Self::Evening, Self::HalfDay];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Short => "short",
            Self::Evening => "evening",
            Self::HalfDay => "half-day",
        }
    }

    pub fn parse(id: &str) -> Option<JoyTime> {
        Self::ALL.into_iter().find(|t| t.as_str() == id)
    }
}

impl JoyPlace {
    pub const ALL: [JoyPlace; 3] = [Self::Home, Self::Out, Self::Apart];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Home => "home",
            Self::Out => "out",
            Self::Apart => "apart",
        }
    }

    pub fn parse(id: &str) -> Option<JoyPlace> {
        Self::ALL.into_iter().find(|p| p.as_str() == id)
    }
}

/// The content check fails with fewer shared-joy ideas than this …
pub const MIN_JOY_IDEAS: usize = 124;
/// … or fewer than this in any one place …
pub const MIN_JOY_IDEAS_PER_PLACE: usize = 15;
/// … or fewer free ones than this.
pub const MIN_FREE_JOY_IDEAS: usize = 20;

impl JoyText {
    pub fn idea(&self, id: &str) -> Option<&JoyIdea> {
        self.catalog.iter().find(|i| i.id == id)
    }

    /// The ideas that fit every filter given (`None` lets everything through), in file order.
    pub fn matching(
        &self,
        cost: Option<JoyCost>,
        time: Option<JoyTime>,
        place: Option<JoyPlace>,
    ) -> impl Iterator<Item = &JoyIdea> + '_ {
        self.catalog.iter().filter(move |i| {
            cost.is_none_or(|c| i.cost == c) && time.is_none_or(|t| i.time == t) && place.is_none_or(|p| i.place == p)
        })
    }

    /// The titles (`check` guarantees each has one).
    pub fn cost_title(&self, cost: JoyCost) -> &str {
        title(&self.costs, cost)
    }

    pub fn time_title(&self, time: JoyTime) -> &str {
        title(&self.times, time)
    }

    pub fn place_title(&self, place: JoyPlace) -> &str {
        title(&self.places, place)
    }

    fn check(&self, file: &str, problems: &mut Vec<String>) {
        non_empty(file, "joy.intro", &self.intro, problems);
        duplicates(file, self.catalog.iter().map(|i| i.id.as_str()), problems);
        duplicates(file, self.ideas.iter().map(String::as_str), problems);
        for idea in &self.catalog {
            non_empty(file, &format!("the joy idea {}", idea.id), &idea.text, problems);
            if !is_id(&idea.id) {
                problems.push(format!(
                    "content/{file}: the joy idea id {:?} is not lowercase letters and hyphens",
                    idea.id
                ));
            }
        }
        labels(file, "cost", &self.costs, &JoyCost::ALL, JoyCost::as_str, problems);
        labels(file, "time", &self.times, &JoyTime::ALL, JoyTime::as_str, problems);
        labels(file, "place", &self.places, &JoyPlace::ALL, JoyPlace::as_str, problems);
        if self.catalog.len() < MIN_JOY_IDEAS {
            problems.push(format!(
                "content/{file}: at least {MIN_JOY_IDEAS} joy ideas are expected, found {}",
                self.catalog.len()
            ));
        }
        for place in JoyPlace::ALL {
            let count = self.matching(None, None, Some(place)).count();
            if count < MIN_JOY_IDEAS_PER_PLACE {
                problems.push(format!(
                    "content/{file}: at least {MIN_JOY_IDEAS_PER_PLACE} joy ideas are expected for the place {}, found {count}",
                    place.as_str()
                ));
            }
        }
        let free = self.matching(Some(JoyCost::Free), None, None).count();
        if free < MIN_FREE_JOY_IDEAS {
            problems.push(format!(
                "content/{file}: at least {MIN_FREE_JOY_IDEAS} free joy ideas are expected, found {free}"
            ));
        }
    }
}

fn title<T: PartialEq>(labels: &[JoyLabel<T>], id: T) -> &str {
    labels.iter().find(|l| l.id == id).map_or("", |l| l.title.as_str())
}

/// Every value has exactly one non-empty title.
fn labels<T: PartialEq + Copy>(
    file: &str,
    what: &str,
    labels: &[JoyLabel<T>],
    all: &[T],
    name: fn(T) -> &'static str,
    problems: &mut Vec<String>,
) {
    for value in all {
        match labels.iter().filter(|l| l.id == *value).count() {
            1 => non_empty(
                file,
                &format!("the title of the joy {what} {}", name(*value)),
                title(labels, *value),
                problems,
            ),
            0 => problems.push(format!("content/{file}: the joy {what} {} has no title", name(*value))),
            _ => problems.push(format!("content/{file}: the joy {what} {} has more than one title", name(*value))),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JournalText {
    pub intro: String,
    pub aim: String,
    pub placeholder: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CapsuleText {
    pub intro: String,
    pub hopes: String,
    pub fears: String,
    pub needs: String,
    pub sealed: String,
    pub ready: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OwnPartText {
    pub intro: String,
    pub suggestions: Vec<String>,
    pub daily_question: String,
    pub reflection_prompts: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WinsText {
    pub intro: String,
    pub examples: Vec<String>,
    pub momentum_note: String,
}

/// The sections of the weekly check, by id, in the order they are talked through.
pub const CHECK_SECTIONS: [&str; 6] = ["feelings", "needs", "logistics", "appreciation", "agreements", "joy"];

impl Rituals {
    pub fn ritual(&self, kind: RitualKind) -> &Ritual {
        // `check` guarantees every kind is present, in order.
        &self.rituals[RitualKind::ALL.iter().position(|k| *k == kind).unwrap_or(0)]
    }

    pub(super) fn check(&self, problems: &mut Vec<String>) {
        const FILE: &str = "rituals.toml";
        non_empty(FILE, "reveal_note", &self.reveal_note, problems);
        let ids: Vec<&str> = self.rituals.iter().map(|r| r.id.as_str()).collect();
        let expected: Vec<&str> = RitualKind::ALL.iter().map(|k| k.as_str()).collect();
        if ids != expected {
            problems.push(format!("content/{FILE}: the rituals are expected in the order {expected:?}, found {ids:?}"));
        }
        for ritual in &self.rituals {
            non_empty(FILE, &format!("the name of {}", ritual.id), &ritual.name, problems);
            non_empty(FILE, &format!("the summary of {}", ritual.id), &ritual.summary, problems);
            let written = RitualKind::parse(&ritual.id).is_some_and(RitualKind::is_written);
            if written {
                non_empty(FILE, &format!("the prompt of {}", ritual.id), &ritual.prompt, problems);
            }
            if written == ritual.minutes.is_some() {
                problems.push(format!("content/{FILE}: only screen_free has minutes ({})", ritual.id));
            }
            if parse_time_of_day(&ritual.default_time).is_none() {
                problems.push(format!("content/{FILE}: {} has a default_time that is not HH:MM", ritual.id));
            }
        }
    }
}

impl WeeklyCheck {
    pub fn section(&self, index: usize) -> Option<&CheckSection> {
        self.sections.get(index)
    }

    pub(super) fn check(&self, problems: &mut Vec<String>) {
        const FILE: &str = "weekly_check.toml";
        non_empty(FILE, "intro", &self.intro, problems);
        non_empty(FILE, "summary_note", &self.summary_note, problems);
        let ids: Vec<&str> = self.sections.iter().map(|s| s.id.as_str()).collect();
        if ids != CHECK_SECTIONS {
            problems.push(format!("content/{FILE}: the sections are expected in the order {CHECK_SECTIONS:?}"));
        }
        let total: u32 = self.sections.iter().map(|s| s.minutes).sum();
        if total != 30 {
            problems.push(format!("content/{FILE}: the sections add up to {total} minutes, not 30"));
        }
        for section in &self.sections {
            non_empty(FILE, &format!("the title of {}", section.id), &section.title, problems);
            if section.prompts.is_empty() || section.minutes == 0 {
                problems.push(format!("content/{FILE}: {} needs minutes and prompts", section.id));
            }
        }
    }
}

impl Together {
    pub(super) fn check(&self, problems: &mut Vec<String>) {
        const FILE: &str = "together.toml";
        let texts = [
            ("journal.intro", &self.journal.intro),
            ("journal.aim", &self.journal.aim),
            ("capsule.intro", &self.capsule.intro),
            ("capsule.hopes", &self.capsule.hopes),
            ("capsule.fears", &self.capsule.fears),
            ("capsule.needs", &self.capsule.needs),
            ("capsule.sealed", &self.capsule.sealed),
            ("capsule.ready", &self.capsule.ready),
            ("own_part.intro", &self.own_part.intro),
            ("own_part.daily_question", &self.own_part.daily_question),
            ("wins.intro", &self.wins.intro),
            ("wins.momentum_note", &self.wins.momentum_note),
        ];
        for (what, text) in texts {
            non_empty(FILE, what, text, problems);
        }
        self.joy.check(FILE, problems);
        duplicates(FILE, self.own_part.suggestions.iter().map(String::as_str), problems);
        for (what, list, least) in
            [("reflection prompts", &self.own_part.reflection_prompts, 2), ("win examples", &self.wins.examples, 5)]
        {
            if list.len() < least {
                problems.push(format!("content/{FILE}: at least {least} {what} are expected"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Content, Sources, EMBEDDED};
    use super::*;

    fn shipped() -> Together {
        toml::from_str(EMBEDDED.together).expect("together.toml parses")
    }

    fn problems(together: &Together) -> Vec<String> {
        let mut problems = Vec::new();
        together.check(&mut problems);
        problems
    }

    #[test]
    fn the_shipped_joy_ideas_meet_the_counts() {
        let together = shipped();
        assert!(problems(&together).is_empty(), "{:?}", problems(&together));
        let joy = &together.joy;
        assert!(joy.catalog.len() >= MIN_JOY_IDEAS);
        assert_eq!(joy.ideas, joy.catalog.iter().map(|i| i.text.clone()).collect::<Vec<_>>());
        assert_eq!(joy.ideas.first().map(String::as_str), Some("Cook a meal together"));
        for place in JoyPlace::ALL {
            assert!(joy.matching(None, None, Some(place)).count() >= MIN_JOY_IDEAS_PER_PLACE);
            assert!(!joy.place_title(place).is_empty());
            assert_eq!(JoyPlace::parse(place.as_str()), Some(place));
        }
        for cost in JoyCost::ALL {
            assert!(!joy.cost_title(cost).is_empty());
            assert_eq!(JoyCost::parse(cost.as_str()), Some(cost));
        }
        for time in JoyTime::ALL {
            assert!(!joy.time_title(time).is_empty());
            assert_eq!(JoyTime::parse(time.as_str()), Some(time));
        }
        // Every combination of cost, time and place has at least one idea.
        for cost in JoyCost::ALL {
            for time in JoyTime::ALL {
                for place in JoyPlace::ALL {
                    assert!(
                        joy.matching(Some(cost), Some(time), Some(place)).next().is_some(),
                        "{cost:?} {time:?} {place:?}"
                    );
                }
            }
        }
        assert_eq!(joy.idea("cook-a-meal").map(|i| (i.cost, i.place)), Some((JoyCost::Low, JoyPlace::Home)));
    }

    #[test]
    fn too_few_joy_ideas_are_reported() {
        let mut together = shipped();
        together.joy.catalog.truncate(MIN_JOY_IDEAS - 1);
        let found = problems(&together);
        assert!(found.iter().any(|p| p.contains(&format!("at least {MIN_JOY_IDEAS} joy ideas"))), "{found:?}");
    }

    #[test]
    fn a_thin_place_is_reported() {
        let mut together = shipped();
        for idea in &mut together.joy.catalog {
            if idea.place == JoyPlace::Apart {
                idea.place = JoyPlace::Home;
            }
        }
        let found = problems(&together);
        assert!(found.iter().any(|p| p.contains("for the place apart, found 0")), "{found:?}");
    }

    #[test]
    fn too_few_free_ideas_are_reported() {
        let mut together = shipped();
        for idea in &mut together.joy.catalog {
            idea.cost = JoyCost::Low;
        }
        let found = problems(&together);
        assert!(found.iter().any(|p| p.contains("free joy ideas are expected, found 0")), "{found:?}");
    }

    #[test]
    fn an_unknown_cost_time_or_place_is_reported() {
        for (from, to) in [
            ("cost = \"free\"", "cost = \"priceless\""),
            ("time = \"evening\"", "time = \"weekend\""),
            ("place = \"apart\"", "place = \"moon\""),
        ] {
            let text = EMBEDDED.together.replacen(from, to, 1);
            assert_ne!(text, EMBEDDED.together, "{from}");
            let sources = Sources { together: &text, ..EMBEDDED };
            let found = Content::load(&sources).unwrap_err();
            let word = to.split('"').nth(1).unwrap_or_default();
            assert!(found.iter().any(|p| p.starts_with("content/together.toml") && p.contains(word)), "{found:?}");
        }
    }

    #[test]
    fn a_missing_title_or_a_repeated_idea_is_reported() {
        let mut together = shipped();
        together.joy.places.retain(|l| l.id != JoyPlace::Out);
        together.joy.catalog[1].id = together.joy.catalog[0].id.clone();
        together.joy.ideas[2] = together.joy.ideas[0].clone();
        let found = problems(&together);
        assert!(found.iter().any(|p| p.contains("the joy place out has no title")), "{found:?}");
        assert!(found.iter().any(|p| p.contains("\"cook-a-meal\" is used twice")), "{found:?}");
        assert!(found.iter().any(|p| p.contains("\"Cook a meal together\" is used twice")), "{found:?}");
    }
}
