//! The records storage hands out and takes in. Times are `jiff::Timestamp`; ids are opaque text.

use jiff::Timestamp;
use serde::Serialize;
use tend_core::ids::{CoupleId, PersonId};
use tend_core::sealing::WrappedKey;

mod account_links;
mod mail;
mod push;
mod together;

pub use account_links::*;
pub use mail::*;
pub use push::*;
pub use together::*;

#[derive(Debug, Clone)]
pub struct NewPerson {
    pub id: String,
    pub email: String,
    pub password_hash: String,
    pub display_name: String,
    pub time_zone: String,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Person {
    pub id: PersonId,
    pub email: String,
    pub display_name: String,
    pub time_zone: String,
    pub created_at: Timestamp,
    /// The person's couple space closed and they have not acknowledged it yet.
    #[serde(skip)]
    pub couple_closed_notice: bool,
}

/// What a log-in checks a password against.
#[derive(Clone)]
pub struct Credentials {
    pub person_id: PersonId,
    pub password_hash: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials").field("person_id", &self.person_id).finish_non_exhaustive()
    }
}

#[derive(Debug, Clone)]
pub struct NewSession {
    pub id: String,
    pub person_id: PersonId,
    pub token_hash: String,
    pub device: String,
    pub created_at: Timestamp,
    /// The person's data key, wrapped under a key derived from the session's token.
    pub data_key: WrappedKey,
}

/// A person's data key as stored: wrapped under their password key, and under their recovery
/// code once they have one (`tend_core::sealing`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonKeys {
    pub by_password: WrappedKey,
    pub by_recovery: Option<WrappedKey>,
}

/// The couple's key as its members hold it now: the current key's id (none until one is made)
/// and, for each member, their public key and their wrap of the current key.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CoupleKeyHolders {
    pub key_id: Option<String>,
    pub members: Vec<CoupleKeyHolder>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoupleKeyHolder {
    pub person_id: PersonId,
    pub public_key: Option<tend_core::sealing::PublicKey>,
    /// Their wrap of the couple's current key; none for a wrap of an earlier one.
    pub wrap: Option<tend_core::sealing::CoupleKeyWrap>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SessionRecord {
    pub id: String,
    #[serde(skip)]
    pub person_id: PersonId,
    pub device: String,
    pub created_at: Timestamp,
    pub last_used_at: Timestamp,
    /// The device turned push notifications on in this session (read by `list_sessions` only).
    pub notifications: bool,
    /// The data key this session holds, wrapped (read by `session_by_token_hash` only; sessions
    /// from before sealed words hold none).
    #[serde(skip)]
    pub data_key: Option<WrappedKey>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Member {
    pub person_id: PersonId,
    pub display_name: String,
    pub joined_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Couple {
    pub id: CoupleId,
    pub created_at: Timestamp,
    pub members: Vec<Member>,
}

impl Couple {
    /// The other person in the couple, if they have joined.
    pub fn partner_of(&self, person_id: &PersonId) -> Option<&Member> {
        self.members.iter().find(|m| m.person_id != *person_id)
    }
}

#[derive(Debug, Clone)]
pub struct NewInvite {
    pub id: String,
    pub token_hash: String,
    pub code_hash: String,
    /// The couple's key, wrapped under a key derived from the link's token.
    pub couple_key: Option<WrappedKey>,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
}

/// A joined couple space, with what the invite that was used carried: the couple's key wrapped
/// under its link's token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Joined {
    pub couple_id: CoupleId,
    pub invite_id: String,
    pub couple_key: Option<WrappedKey>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Invite {
    pub id: String,
    #[serde(skip)]
    pub couple_id: CoupleId,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
}

/// How a joining person proves they were invited: the link's token or the typed code (hashed).
#[derive(Debug, Clone)]
pub enum InviteSecret {
    LinkTokenHash(String),
    CodeHash(String),
}

/// Everything a person's export holds that storage knows about.
#[derive(Debug, Clone, Serialize)]
pub struct PersonExport {
    pub person: Person,
    pub sessions: Vec<SessionRecord>,
    pub couple: Option<CoupleMembershipExport>,
    pub checkups: Vec<CheckupExport>,
    pub pulses: Vec<PulseExport>,
    pub agreements_proposed: Vec<AgreementExport>,
    pub plan_steps_marked: Vec<StepMarkExport>,
    pub questions_added: Vec<QuestionExport>,
    pub together: TogetherExport,
    pub security_log: Vec<SecurityEventRecord>,
}

/// What a person brings into their own account from an export: only what is theirs alone —
/// check-ups, pulses, journal entries, private notes, their situation and the signs they ticked —
/// all kept private, with new ids and their original times.
#[derive(Debug, Clone, Default)]
pub struct OwnDataImport {
    pub checkups: Vec<CheckupRecord>,
    pub pulses: Vec<PulseRecord>,
    pub journal: Vec<JournalEntry>,
    pub notes: Vec<PrivateNote>,
    pub situation: Option<String>,
    pub help_signs: Vec<String>,
}

/// What an import added; things already there (the same time and words) are not added again.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ImportCounts {
    pub checkups: u32,
    pub pulses: u32,
    pub journal_entries: u32,
    pub notes: u32,
}

/// One line of a person's security log: what happened (an id from `tend_core::security_log`),
/// the device it happened on when that matters, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SecurityEventRecord {
    pub kind: String,
    pub device: String,
    pub at: Timestamp,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuestionExport {
    pub set: String,
    /// The author's copy: opened by the export service.
    pub text: tend_core::sealing::StoredWords,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone, Serialize)]
pub struct CheckupExport {
    pub id: String,
    pub taken_at: Timestamp,
    /// Null while `sealed` holds the answers: the export service opens them for their owner.
    pub answers: serde_json::Value,
    #[serde(skip)]
    pub sealed: Option<tend_core::sealing::SealedWords>,
    pub shared: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct PulseExport {
    pub week: String,
    pub taken_at: Timestamp,
    /// Null while `sealed` holds the answers: the export service opens them for their owner.
    pub answers: serde_json::Value,
    #[serde(skip)]
    pub sealed: Option<tend_core::sealing::SealedWords>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AgreementExport {
    pub kind: String,
    /// The author's copy: opened by the export service.
    pub text: tend_core::sealing::StoredWords,
    pub review_on: String,
    pub created_at: Timestamp,
    pub in_force: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct StepMarkExport {
    pub couple_id: CoupleId,
    pub slot: i64,
    pub step_id: String,
    pub done_at: Timestamp,
}

#[derive(Debug, Clone, Serialize)]
pub struct CoupleMembershipExport {
    pub couple_id: CoupleId,
    pub joined_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckupRecord {
    pub id: String,
    pub person_id: PersonId,
    /// JSON (item id → answer): the author's copy and, while shared, the partner's.
    pub answers: tend_core::sealing::SharedWords,
    pub taken_at: Timestamp,
    pub shared_couple_id: Option<CoupleId>,
    /// Shared with the answers themselves, not only the summary.
    pub shared_answers: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PulseRecord {
    pub week: String,
    /// JSON: item id → answer; sealed for a pulse taken since answers are sealed.
    pub answers: tend_core::sealing::StoredWords,
    pub taken_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanRecord {
    pub couple_id: CoupleId,
    /// JSON of the plan's schedule.
    pub schedule: String,
    pub created_at: Timestamp,
}

/// One person's mark on one step in one slot of the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepMark {
    pub step_id: String,
    pub person_id: PersonId,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementRecord {
    pub id: String,
    pub couple_id: CoupleId,
    pub kind: String,
    /// The author's copy and the partner's (`tend_core::sealing::SharedWords`).
    pub words: tend_core::sealing::SharedWords,
    /// `YYYY-MM-DD`.
    pub review_on: String,
    pub proposed_by: PersonId,
    pub created_at: Timestamp,
    pub accepted_at: Option<Timestamp>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnQuestion {
    pub id: String,
    pub couple_id: CoupleId,
    pub set_id: String,
    /// The author's copy and the partner's (`tend_core::sealing::SharedWords`).
    pub words: tend_core::sealing::SharedWords,
    pub added_by: PersonId,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionMark {
    pub question_id: String,
    pub asked_at: Option<Timestamp>,
    pub favourite: bool,
    pub drawn_at: Option<Timestamp>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PauseRecord {
    pub id: String,
    pub couple_id: CoupleId,
    pub called_by: PersonId,
    pub started_at: Timestamp,
    pub quiet_until: Timestamp,
    pub return_at: Option<Timestamp>,
    pub ended_at: Option<Timestamp>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroundRulesRecord {
    pub couple_id: CoupleId,
    /// JSON list of rules: the proposer's copy and the partner's.
    pub draft: tend_core::sealing::SharedWords,
    pub draft_version: i64,
    pub proposed_by: PersonId,
    pub proposed_at: Timestamp,
    /// The version both accepted: a copy of its proposal's two copies.
    pub accepted: Option<tend_core::sealing::SharedWords>,
    /// Who proposed the accepted version (none for one accepted before this was kept).
    pub accepted_by: Option<PersonId>,
    pub accepted_version: Option<i64>,
    pub accepted_at: Option<Timestamp>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepairRecord {
    pub id: String,
    pub couple_id: CoupleId,
    pub offered_by: PersonId,
    pub kind: String,
    /// The author's copy and the partner's (`tend_core::sealing::SharedWords`).
    pub words: tend_core::sealing::SharedWords,
    pub offered_at: Timestamp,
    pub accepted_at: Option<Timestamp>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvitationRecord {
    pub id: String,
    pub couple_id: CoupleId,
    pub sent_by: PersonId,
    /// The author's copy and the partner's (`tend_core::sealing::SharedWords`).
    pub words: tend_core::sealing::SharedWords,
    /// When the sender proposed to talk; `None` for "whenever suits you".
    pub proposed_at: Option<Timestamp>,
    pub status: String,
    /// The answerer's kind word: their copy and the sender's.
    pub answer_note: Option<tend_core::sealing::SharedWords>,
    pub other_time: Option<Timestamp>,
    pub sent_at: Timestamp,
    pub answered_at: Option<Timestamp>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HardTalkRecord {
    pub id: String,
    pub couple_id: CoupleId,
    pub scheduled_by: PersonId,
    /// The scheduler's copy and the partner's.
    pub topic: tend_core::sealing::SharedWords,
    pub starts_at: Timestamp,
    pub minutes: i64,
    /// What was agreed: the copy of whoever closed the talk and the other's.
    pub agreed: Option<tend_core::sealing::SharedWords>,
    /// Who closed it; none while open (or for a talk closed before this was kept).
    pub closed_by: Option<PersonId>,
    pub closed_at: Option<Timestamp>,
}

/// An answer to an invitation to talk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvitationAnswer {
    /// `accepted`, `other-time` or `not-now`.
    pub status: String,
    pub note: Option<tend_core::sealing::SharedWords>,
    pub other_time: Option<Timestamp>,
    pub at: Timestamp,
}

/// The outcome of a person's private safety check (never its answers).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SafetyRecord {
    pub risk: bool,
    pub tools_off: bool,
    pub taken_at: Timestamp,
}
