//! What comes after the eight weeks: the monthly maintenance meeting and its agenda, and the
//! kinds of agreement a couple can write together.

use serde::{Deserialize, Serialize};

use super::non_empty;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Maintenance {
    pub intro: String,
    pub meeting: Meeting,
    pub agreements: AgreementsText,
    pub kinds: Vec<AgreementKind>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    pub title: String,
    pub intro: String,
    pub agenda: Vec<AgendaItem>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgendaItem {
    pub title: String,
    pub prompt: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgreementsText {
    pub intro: String,
    pub review_hint: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum KindId {
    Boundary,
    TimeTogether,
    Need,
}

impl KindId {
    pub fn as_str(self) -> &'static str {
        match self {
            KindId::Boundary => "boundary",
            KindId::TimeTogether => "time-together",
            KindId::Need => "need",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        [KindId::Boundary, KindId::TimeTogether, KindId::Need].into_iter().find(|k| k.as_str() == raw)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgreementKind {
    pub id: KindId,
    pub title: String,
    pub hint: String,
    pub example: String,
}

const FILE: &str = "maintenance.toml";

impl Maintenance {
    pub fn kind(&self, id: KindId) -> &AgreementKind {
        self.kinds.iter().find(|k| k.id == id).expect("every kind is present (checked at load)")
    }

    pub(super) fn check(&self, problems: &mut Vec<String>) {
        non_empty(FILE, "the intro", &self.intro, problems);
        non_empty(FILE, "the meeting's title", &self.meeting.title, problems);
        if !(5..=7).contains(&self.meeting.agenda.len()) {
            problems.push(format!("content/{FILE}: the meeting's agenda has five to seven items"));
        }
        for item in &self.meeting.agenda {
            non_empty(FILE, "an agenda item's prompt", &item.prompt, problems);
        }
        let kinds: Vec<KindId> = self.kinds.iter().map(|k| k.id).collect();
        if kinds != [KindId::Boundary, KindId::TimeTogether, KindId::Need] {
            problems.push(format!("content/{FILE}: the kinds must be boundary, time-together, need, in that order"));
        }
        for kind in &self.kinds {
            non_empty(FILE, &format!("the example of {}", kind.id.as_str()), &kind.example, problems);
        }
    }
}
