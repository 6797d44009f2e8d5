//! Records of the rituals, what a couple keeps together, and the help pages' private notes.

use jiff::Timestamp;
use serde::Serialize;
use tend_core::ids::{CoupleId, PersonId};

/// When and whether one daily ritual happens for a couple.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RitualSchedule {
    pub kind: String,
    pub enabled: bool,
    /// Bit 0 is Monday … bit 6 is Sunday.
    pub days: u8,
    /// Minutes after midnight, in each person's own time zone.
    pub at_minute: u16,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RitualAnswer {
    pub couple_id: CoupleId,
    pub person_id: PersonId,
    pub kind: String,
    /// The writer's local date.
    pub day: String,
    /// When that day ended for the writer: after this, the partner may read it.
    pub day_ends_at: Timestamp,
    /// The author's copy and the partner's (`tend_core::sealing::SharedWords`).
    pub words: tend_core::sealing::SharedWords,
    pub answered_at: Timestamp,
}

/// That someone answered a ritual on a day, without the words (for counting days).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerMark {
    pub person_id: PersonId,
    pub kind: String,
    /// The writer's local date.
    pub day: String,
    pub day_ends_at: Timestamp,
}

impl AnswerMark {
    pub fn answered(&self) -> tend_core::rituals::Answered<'_> {
        tend_core::rituals::Answered {
            author: &self.person_id,
            kind: &self.kind,
            day: &self.day,
            day_ends_at: self.day_ends_at,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimerRecord {
    pub id: String,
    pub couple_id: CoupleId,
    pub started_by: PersonId,
    pub started_at: Timestamp,
    pub minutes: u32,
    pub joined_by: Option<PersonId>,
    pub joined_at: Option<Timestamp>,
    pub stopped_at: Option<Timestamp>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeeklyCheckRecord {
    pub id: String,
    pub couple_id: CoupleId,
    pub started_at: Timestamp,
    /// The index of the section in progress.
    pub section: u32,
    pub section_started_at: Timestamp,
    pub finished_at: Option<Timestamp>,
    /// Grows with every change, so open pages know to refresh.
    pub version: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeeklyCheckNote {
    pub id: String,
    pub check_id: String,
    pub section: String,
    pub person_id: PersonId,
    /// The author's copy and the partner's (`tend_core::sealing::SharedWords`).
    pub words: tend_core::sealing::SharedWords,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalEntry {
    pub id: String,
    pub person_id: PersonId,
    /// The author's copy (sealed under their key, shared or not) and, once shared, the copy the
    /// partner reads (under the couple's key); a private entry has no partner's copy.
    pub words: tend_core::sealing::SharedWords,
    pub created_at: Timestamp,
    pub shared_couple_id: Option<CoupleId>,
    pub shared_at: Option<Timestamp>,
    pub shared_in_check: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JoyPlan {
    pub id: String,
    pub couple_id: CoupleId,
    pub planned_by: PersonId,
    /// The planner's copy and the partner's.
    pub idea: tend_core::sealing::SharedWords,
    pub planned_on: String,
    pub phones_off: bool,
    pub created_at: Timestamp,
    pub done_at: Option<Timestamp>,
    /// What was enjoyed: the copy of whoever marked it done and the other's.
    pub enjoyed: Option<tend_core::sealing::SharedWords>,
    /// Who marked it done; none while planned (or for one done before this was kept).
    pub done_by: Option<PersonId>,
}

/// What a capsule holds; kept sealed as one JSON object (see [`CapsuleWords::to_json`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CapsuleWords {
    pub hopes: String,
    pub fears: String,
    pub needs: String,
}

impl CapsuleWords {
    /// The one text the three are sealed as.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("three strings always serialize")
    }

    /// The three, from the text they were sealed as; none if it isn't one.
    pub fn from_json(text: &str) -> Option<Self> {
        serde_json::from_str(text).ok()
    }
}

/// A capsule: sealed with its words in hand (`W` = the two copies of [`CapsuleWords`] as JSON,
/// `tend_core::sealing::SharedWords`); read back, its words are a candidate that only the
/// visibility rule opens, and only once the capsule is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CapsuleRecord<W = tend_core::sealing::SharedWords> {
    pub id: String,
    pub couple_id: CoupleId,
    pub author_id: PersonId,
    pub words: W,
    pub sealed_at: Timestamp,
    pub opens_on: String,
    /// The start of the opening day in the author's time zone.
    pub opens_at: Timestamp,
    pub author_ready_at: Option<Timestamp>,
    pub partner_ready_at: Option<Timestamp>,
    pub opened_at: Option<Timestamp>,
    pub cancelled_at: Option<Timestamp>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExperimentRecord {
    pub id: String,
    pub person_id: PersonId,
    pub couple_id: CoupleId,
    /// The author's copy and, once the reflection is shared, the partner's.
    pub behaviour: tend_core::sealing::SharedWords,
    pub started_on: String,
    pub ends_on: String,
    pub started_at: Timestamp,
    /// The same, once written.
    pub reflection: Option<tend_core::sealing::SharedWords>,
    pub reflected_at: Option<Timestamp>,
    pub shared_at: Option<Timestamp>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WinRecord {
    pub id: String,
    pub couple_id: CoupleId,
    pub person_id: PersonId,
    /// The author's copy and the partner's (`tend_core::sealing::SharedWords`).
    pub words: tend_core::sealing::SharedWords,
    pub day: String,
    pub created_at: Timestamp,
}

/// What a person wrote in the rituals and the things kept together, for their export. A capsule
/// not yet opened appears only with its dates: sealed means unreadable, to its author too.
#[derive(Debug, Clone, Default, Serialize)]
pub struct TogetherExport {
    pub ritual_answers: Vec<RitualAnswerExport>,
    pub journal: Vec<JournalExport>,
    /// The author's copy of each: opened by the export service.
    pub wins: Vec<WordsExport>,
    /// The author's copy of each: opened by the export service, like the journal.
    pub weekly_check_notes: Vec<WordsExport>,
    pub experiments: Vec<ExperimentExport>,
    pub capsules: Vec<CapsuleExport>,
    /// Private notes: the clarity exercise and the desires-and-boundaries conversation.
    pub notes: Vec<NoteExport>,
    pub situation: Option<String>,
    pub help_signs: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NoteExport {
    pub kind: String,
    pub prompt: String,
    /// Opened for the owner by the export service; sealed words refuse to be written out.
    pub text: tend_core::sealing::StoredWords,
    pub written_at: Timestamp,
    pub shared: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct RitualAnswerExport {
    pub kind: String,
    pub day: String,
    /// The author's copy: opened by the export service.
    pub text: tend_core::sealing::StoredWords,
}

#[derive(Debug, Clone, Serialize)]
pub struct JournalExport {
    /// Opened for the owner by the export service; sealed words refuse to be written out.
    pub text: tend_core::sealing::StoredWords,
    pub written_at: Timestamp,
    pub shared: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct WordsExport {
    pub text: tend_core::sealing::StoredWords,
    pub written_at: Timestamp,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExperimentExport {
    /// The author's copy: opened by the export service, like the reflection.
    pub behaviour: tend_core::sealing::StoredWords,
    pub started_on: String,
    pub days: Vec<(String, bool)>,
    pub reflection: Option<tend_core::sealing::StoredWords>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CapsuleExport {
    pub sealed_at: Timestamp,
    pub opens_on: String,
    /// Hopes, fears and needs, only once the capsule is open: opened by the export service.
    pub contents: Option<[String; 3]>,
    /// The author's copy of what it holds, once open, for the export service to open.
    #[serde(skip)]
    pub sealed: Option<tend_core::sealing::StoredWords>,
}

/// What a page needs to know of a person's situation in one read: their own low capacity, whether
/// their partner told them of theirs, and whether the safety check is still to be offered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SituationFlags {
    pub low_capacity: bool,
    pub partner_told_low_capacity: bool,
    pub safety_taken: bool,
    pub safety_offer_dismissed: bool,
}

/// What a person set on the help and situations pages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SupportRecord {
    pub reported: Vec<String>,
    pub situation: Option<String>,
    pub tell_partner: bool,
    pub safety_offer_dismissed: bool,
}

/// A private note: the clarity exercise (never shared) or the desires-and-boundaries
/// conversation (shared one by one, by its author).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrivateNote {
    pub id: String,
    pub person_id: PersonId,
    pub kind: String,
    pub prompt: String,
    /// The author's copy (sealed, or as written from before) and, once shared, the partner's.
    pub words: tend_core::sealing::SharedWords,
    pub created_at: Timestamp,
    pub shared_couple_id: Option<CoupleId>,
    pub shared_at: Option<Timestamp>,
}

/// A bid for connection addressed to one person, read from where it lives (the invitation,
/// repair, shared reading or entry, proposed agreement or ready capsule itself).
#[derive(Debug, Clone)]
pub struct BidRecord {
    /// `invitation`, `repair`, `checkup`, `journal`, `writing`, `agreement` or `capsule`.
    pub kind: String,
    pub item_id: String,
    /// Who sent it (for a capsule, who wrote it).
    pub from_person: PersonId,
    pub at: Timestamp,
    /// The words sent with it, when the kind carries words the receiver may read: opened only by
    /// the visibility rule (`tend_core::visibility::reveal`); a shared journal entry's are sealed
    /// under the couple's key.
    pub text: tend_core::visibility::Candidate<tend_core::sealing::StoredWords>,
    /// An invitation's proposed time, if it has one.
    pub proposed_at: Option<Timestamp>,
}
