//! Words for when things are hard: when to seek outside help (and the signs behind it), the
//! special situations (low capacity, after a betrayal, unsure about the future), roadblocks, and
//! physical reconnection with care.

use serde::Deserialize;

use super::non_empty;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Support {
    pub help: Help,
    pub situations: Situations,
    pub roadblocks: Roadblocks,
    pub touch: Touch,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Help {
    pub intro: String,
    pub why: Vec<String>,
    pub resources_note: String,
    pub no_resources: String,
    pub reported: Vec<Signal>,
    pub patterns: Vec<Signal>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signal {
    pub id: String,
    pub label: String,
    pub why: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Situations {
    pub intro: String,
    pub low_capacity: LowCapacity,
    pub betrayal: Betrayal,
    pub unsure: Unsure,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LowCapacity {
    pub title: String,
    pub text: String,
    pub tell_partner: String,
    pub partner_prompt: String,
    pub partner_intro: String,
    pub ideas: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Betrayal {
    pub title: String,
    pub text: String,
    pub steps: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unsure {
    pub title: String,
    pub text: String,
    pub questions: Vec<String>,
    pub parting: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Roadblocks {
    pub intro: String,
    pub resistant: Resistant,
    pub slow: Roadblock,
    pub wounds: Wounds,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Roadblock {
    pub title: String,
    pub text: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resistant {
    pub title: String,
    pub text: String,
    pub invitation: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Wounds {
    pub title: String,
    pub text: String,
    pub breathing: String,
    pub walk: String,
    pub reschedule: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Touch {
    pub intro: String,
    pub ideas: Vec<String>,
    pub conversation_intro: String,
    pub prompts: Vec<String>,
}

/// The special situations a person may say they are in (or none).
pub const SITUATIONS: [&str; 3] = ["low_capacity", "betrayal", "unsure"];

/// The signs a person can report themselves, and the ones Tend notices in their own data.
pub const REPORTED_SIGNALS: [&str; 4] = ["pursue-withdraw", "stonewalling", "old-hurts", "want-structure"];
pub const PATTERN_SIGNALS: [&str; 4] = ["pauses-often", "invitations-declined", "pulse-falling", "betrayal-noted"];

impl Help {
    pub fn reported(&self, id: &str) -> Option<&Signal> {
        self.reported.iter().find(|s| s.id == id)
    }

    pub fn pattern(&self, id: &str) -> Option<&Signal> {
        self.patterns.iter().find(|s| s.id == id)
    }
}

impl Support {
    pub(super) fn check(&self, problems: &mut Vec<String>) {
        const FILE: &str = "support.toml";
        let ids = |list: &[Signal]| list.iter().map(|s| s.id.clone()).collect::<Vec<_>>();
        if ids(&self.help.reported) != REPORTED_SIGNALS {
            problems.push(format!("content/{FILE}: help.reported are expected as {REPORTED_SIGNALS:?}"));
        }
        if ids(&self.help.patterns) != PATTERN_SIGNALS {
            problems.push(format!("content/{FILE}: help.patterns are expected as {PATTERN_SIGNALS:?}"));
        }
        let texts = [
            ("help.intro", &self.help.intro),
            ("help.resources_note", &self.help.resources_note),
            ("situations.intro", &self.situations.intro),
            ("situations.low_capacity.partner_prompt", &self.situations.low_capacity.partner_prompt),
            ("roadblocks.resistant.invitation", &self.roadblocks.resistant.invitation),
            ("roadblocks.wounds.breathing", &self.roadblocks.wounds.breathing),
            ("touch.intro", &self.touch.intro),
            ("touch.conversation_intro", &self.touch.conversation_intro),
        ];
        for (what, text) in texts {
            non_empty(FILE, what, text, problems);
        }
        if self.roadblocks.resistant.invitation.chars().count() > 200 {
            problems.push(format!("content/{FILE}: the ready-made invitation is over 200 characters"));
        }
        for (what, list, least) in [
            ("touch ideas", &self.touch.ideas, 7),
            ("conversation prompts", &self.touch.prompts, 3),
            ("supportive ideas", &self.situations.low_capacity.ideas, 5),
            ("trust-rebuilding steps", &self.situations.betrayal.steps, 3),
            ("clarity questions", &self.situations.unsure.questions, 3),
        ] {
            if list.len() < least {
                problems.push(format!("content/{FILE}: at least {least} {what} are expected"));
            }
        }
    }
}
