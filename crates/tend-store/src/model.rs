//! The records storage hands out and takes in. Times are `jiff::Timestamp`; ids are opaque text.

use jiff::Timestamp;
use serde::Serialize;

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
    pub id: String,
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
    pub person_id: String,
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
    pub person_id: String,
    pub token_hash: String,
    pub device: String,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SessionRecord {
    pub id: String,
    #[serde(skip)]
    pub person_id: String,
    pub device: String,
    pub created_at: Timestamp,
    pub last_used_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Member {
    pub person_id: String,
    pub display_name: String,
    pub joined_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Couple {
    pub id: String,
    pub created_at: Timestamp,
    pub members: Vec<Member>,
}

impl Couple {
    /// The other person in the couple, if they have joined.
    pub fn partner_of(&self, person_id: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.person_id != person_id)
    }
}

#[derive(Debug, Clone)]
pub struct NewInvite {
    pub id: String,
    pub token_hash: String,
    pub code_hash: String,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Invite {
    pub id: String,
    #[serde(skip)]
    pub couple_id: String,
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
}

#[derive(Debug, Clone, Serialize)]
pub struct QuestionExport {
    pub set: String,
    pub text: String,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone, Serialize)]
pub struct CheckupExport {
    pub id: String,
    pub taken_at: Timestamp,
    pub answers: serde_json::Value,
    pub shared: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct PulseExport {
    pub week: String,
    pub taken_at: Timestamp,
    pub answers: serde_json::Value,
}

#[derive(Debug, Clone, Serialize)]
pub struct AgreementExport {
    pub kind: String,
    pub text: String,
    pub review_on: String,
    pub created_at: Timestamp,
    pub in_force: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct StepMarkExport {
    pub couple_id: String,
    pub slot: i64,
    pub step_id: String,
    pub done_at: Timestamp,
}

#[derive(Debug, Clone, Serialize)]
pub struct CoupleMembershipExport {
    pub couple_id: String,
    pub joined_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckupRecord {
    pub id: String,
    pub person_id: String,
    /// JSON: item id → answer.
    pub answers: String,
    pub taken_at: Timestamp,
    pub shared_couple_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PulseRecord {
    pub week: String,
    /// JSON: item id → answer.
    pub answers: String,
    pub taken_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanRecord {
    pub couple_id: String,
    /// JSON of the plan's schedule.
    pub schedule: String,
    pub created_at: Timestamp,
}

/// One person's mark on one step in one slot of the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepMark {
    pub step_id: String,
    pub person_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementRecord {
    pub id: String,
    pub couple_id: String,
    pub kind: String,
    pub text: String,
    /// `YYYY-MM-DD`.
    pub review_on: String,
    pub proposed_by: String,
    pub created_at: Timestamp,
    pub accepted_at: Option<Timestamp>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnQuestion {
    pub id: String,
    pub couple_id: String,
    pub set_id: String,
    pub text: String,
    pub added_by: String,
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
    pub couple_id: String,
    pub called_by: String,
    pub started_at: Timestamp,
    pub quiet_until: Timestamp,
    pub return_at: Option<Timestamp>,
    pub ended_at: Option<Timestamp>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroundRulesRecord {
    pub couple_id: String,
    /// JSON list of rules.
    pub draft: String,
    pub draft_version: i64,
    pub proposed_by: String,
    pub proposed_at: Timestamp,
    pub accepted: Option<String>,
    pub accepted_version: Option<i64>,
    pub accepted_at: Option<Timestamp>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepairRecord {
    pub id: String,
    pub couple_id: String,
    pub offered_by: String,
    pub kind: String,
    pub text: String,
    pub offered_at: Timestamp,
    pub accepted_at: Option<Timestamp>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvitationRecord {
    pub id: String,
    pub couple_id: String,
    pub sent_by: String,
    pub text: String,
    pub proposed_at: Timestamp,
    pub status: String,
    pub answer_note: Option<String>,
    pub other_time: Option<Timestamp>,
    pub sent_at: Timestamp,
    pub answered_at: Option<Timestamp>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HardTalkRecord {
    pub id: String,
    pub couple_id: String,
    pub scheduled_by: String,
    pub topic: String,
    pub starts_at: Timestamp,
    pub minutes: i64,
    pub agreed: Option<String>,
    pub closed_at: Option<Timestamp>,
}

/// An answer to an invitation to talk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvitationAnswer {
    /// `accepted`, `other-time` or `not-now`.
    pub status: String,
    pub note: Option<String>,
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
    pub couple_id: String,
    pub person_id: String,
    pub kind: String,
    /// The writer's local date.
    pub day: String,
    /// When that day ended for the writer: after this, the partner may read it.
    pub day_ends_at: Timestamp,
    pub text: String,
    pub answered_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimerRecord {
    pub id: String,
    pub couple_id: String,
    pub started_by: String,
    pub started_at: Timestamp,
    pub minutes: u32,
    pub joined_by: Option<String>,
    pub joined_at: Option<Timestamp>,
    pub stopped_at: Option<Timestamp>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeeklyCheckRecord {
    pub id: String,
    pub couple_id: String,
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
    pub person_id: String,
    pub text: String,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalEntry {
    pub id: String,
    pub person_id: String,
    pub text: String,
    pub created_at: Timestamp,
    pub shared_couple_id: Option<String>,
    pub shared_at: Option<Timestamp>,
    pub shared_in_check: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JoyPlan {
    pub id: String,
    pub couple_id: String,
    pub planned_by: String,
    pub idea: String,
    pub planned_on: String,
    pub phones_off: bool,
    pub created_at: Timestamp,
    pub done_at: Option<Timestamp>,
    pub enjoyed: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CapsuleRecord {
    pub id: String,
    pub couple_id: String,
    pub author_id: String,
    pub hopes: String,
    pub fears: String,
    pub needs: String,
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
    pub person_id: String,
    pub couple_id: String,
    pub behaviour: String,
    pub started_on: String,
    pub ends_on: String,
    pub started_at: Timestamp,
    pub reflection: Option<String>,
    pub reflected_at: Option<Timestamp>,
    pub shared_at: Option<Timestamp>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WinRecord {
    pub id: String,
    pub couple_id: String,
    pub person_id: String,
    pub text: String,
    pub day: String,
    pub created_at: Timestamp,
}

/// What a person wrote in the rituals and the things kept together, for their export. A capsule
/// not yet opened appears only with its dates: sealed means unreadable, to its author too.
#[derive(Debug, Clone, Default, Serialize)]
pub struct TogetherExport {
    pub ritual_answers: Vec<RitualAnswerExport>,
    pub journal: Vec<JournalExport>,
    pub wins: Vec<TextExport>,
    pub weekly_check_notes: Vec<TextExport>,
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
    pub text: String,
    pub shared: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct RitualAnswerExport {
    pub kind: String,
    pub day: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct JournalExport {
    pub text: String,
    pub written_at: Timestamp,
    pub shared: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct TextExport {
    pub text: String,
    pub written_at: Timestamp,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExperimentExport {
    pub behaviour: String,
    pub started_on: String,
    pub days: Vec<(String, bool)>,
    pub reflection: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CapsuleExport {
    pub sealed_at: Timestamp,
    pub opens_on: String,
    /// Hopes, fears and needs, only once the capsule is open.
    pub contents: Option<[String; 3]>,
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
    pub person_id: String,
    pub kind: String,
    pub prompt: String,
    pub text: String,
    pub created_at: Timestamp,
    pub shared_couple_id: Option<String>,
    pub shared_at: Option<Timestamp>,
}

/// One email waiting in (or claimed from) the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxJob {
    /// The message id: the same message planned twice is one message.
    pub id: String,
    pub person_id: Option<String>,
    pub subscriber_id: Option<String>,
    pub kind: String,
    pub to_address: String,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    /// For List-Unsubscribe (the course and tips only).
    pub unsubscribe_url: Option<String>,
    pub created_at: Timestamp,
    pub not_before: Timestamp,
    /// Delivery attempts so far (claiming counts as one).
    pub attempts: u32,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct OutboxCounts {
    pub queued: u64,
    pub sending: u64,
    pub sent: u64,
    pub dead: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderSettings {
    pub kinds: Vec<String>,
    pub digest: bool,
    pub quiet_start: u16,
    pub quiet_end: u16,
    /// The weekly check's reminder: 0 is Monday … 6 is Sunday, at this minute after midnight.
    pub weekly_day: u8,
    pub weekly_minute: u16,
}

/// A person who chose reminders, with what planning them needs.
#[derive(Debug, Clone)]
pub struct ReminderPerson {
    pub person_id: String,
    pub email: String,
    pub time_zone: String,
    pub couple_id: Option<String>,
    pub settings: ReminderSettings,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscriber {
    pub id: String,
    pub email: String,
    pub confirm_expires: Option<Timestamp>,
    pub confirmed_at: Option<Timestamp>,
    pub weeks_sent: u32,
    pub last_sent_at: Option<Timestamp>,
    pub unsubscribed_at: Option<Timestamp>,
    /// Put in every course email's unsubscribe link.
    pub unsubscribe_token: String,
    /// Weekly tips after the eight weeks, if they asked for them.
    pub tips: bool,
}
