//! Words for the rituals and the things a couple keeps together: the four daily rituals, the
//! weekly check's agenda, shared joy, the appreciation journal, the time capsule, own-your-part
//! and small wins.

use serde::Deserialize;

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

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JoyText {
    pub intro: String,
    pub ideas: Vec<String>,
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
            ("joy.intro", &self.joy.intro),
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
        duplicates(FILE, self.joy.ideas.iter().map(String::as_str), problems);
        duplicates(FILE, self.own_part.suggestions.iter().map(String::as_str), problems);
        for (what, list, least) in [
            ("joy ideas", &self.joy.ideas, 10),
            ("own-your-part suggestions", &self.own_part.suggestions, 6),
            ("reflection prompts", &self.own_part.reflection_prompts, 2),
            ("win examples", &self.wins.examples, 5),
        ] {
            if list.len() < least {
                problems.push(format!("content/{FILE}: at least {least} {what} are expected"));
            }
        }
    }
}
