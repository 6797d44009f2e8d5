//! The storage interface, split by subject so each implementation file stays small.
//! Every method is one unit of work; writes that belong together happen in one transaction.

use async_trait::async_trait;
use jiff::civil::Date;
use jiff::Timestamp;
use tend_core::ids::{CoupleId, PersonId};

use tend_core::visibility::Candidate;

use crate::model::*;
use crate::{Backend, Result};

mod account_links;
mod accounts;
mod mail;
mod push;
mod rituals;

pub use account_links::AccountLinkStore;
pub use accounts::{KeyStore, PersonStore, SecurityLogStore, SessionStore};
pub use mail::{MailStore, OutboxStore};
pub use push::PushStore;
pub use rituals::RitualStore;

/// Rate limits and known devices: the records that guard log-in and joining.
#[async_trait]
pub trait GuardStore: Send + Sync {
    async fn record_failure(&self, scope: &str, subject: &str, at: Timestamp) -> Result<()>;
    async fn count_failures(&self, scope: &str, subject: &str, since: Timestamp) -> Result<u32>;
    /// Counts an attempt as a failure of each `(scope, subject)` before its outcome is known, under
    /// the name `attempt`, in one transaction.
    async fn reserve_failures(&self, subjects: &[(&str, &str)], attempt: &str, at: Timestamp) -> Result<()>;
    /// Lets go of an attempt's reserved failures (it succeeded, or was refused unchecked).
    async fn forget_attempt(&self, attempt: &str) -> Result<()>;
    async fn remember_device(&self, person_id: &PersonId, token_hash: &str, now: Timestamp) -> Result<()>;
    async fn is_known_device(&self, person_id: &PersonId, token_hash: &str) -> Result<bool>;
}

#[async_trait]
pub trait CoupleStore: Send + Sync {
    /// Fails with `AlreadyInCouple` when the person is in a couple space already.
    async fn create_couple(&self, couple_id: &CoupleId, person_id: &PersonId, now: Timestamp) -> Result<()>;
    async fn couple_of(&self, person_id: &PersonId) -> Result<Option<Couple>>;
    /// Replaces any open invite of the person's couple. `NotInCouple` / `CoupleFull` otherwise.
    async fn create_invite(&self, person_id: &PersonId, invite: &NewInvite) -> Result<Invite>;
    async fn open_invite(&self, person_id: &PersonId, now: Timestamp) -> Result<Option<Invite>>;
    /// `false` when the person's couple has no invite with this id.
    async fn revoke_invite(&self, person_id: &PersonId, invite_id: &str) -> Result<bool>;
    async fn invite_by_link(&self, token_hash: &str, now: Timestamp) -> Result<Option<Invite>>;
    /// Uses up the invite and makes the person a member; returns the couple's id.
    async fn join_couple(&self, person_id: &PersonId, secret: &InviteSecret, now: Timestamp) -> Result<Joined>;
    /// Ends the couple space for both (and the leaver's notifications on every device); the
    /// partner is shown a neutral notice next time.
    async fn leave_couple(&self, person_id: &PersonId, now: Timestamp) -> Result<bool>;
    async fn dismiss_couple_closed(&self, person_id: &PersonId) -> Result<()>;
}

/// The program: check-ups, weekly pulses, the couple's plan.
#[async_trait]
pub trait ProgramStore: Send + Sync {
    async fn insert_checkup(&self, checkup: &CheckupRecord) -> Result<()>;
    /// The person's own check-ups, oldest first.
    async fn list_checkups(&self, person_id: &PersonId) -> Result<Vec<Candidate<CheckupRecord>>>;
    async fn checkup(&self, id: &str) -> Result<Option<Candidate<CheckupRecord>>>;
    /// Shares one of the person's own results with a couple, or makes it private again: `shared`
    /// is the couple and the partner's copy of its answers (none takes it back and drops that
    /// copy); `answers` says whether the answers go with the summary.
    async fn share_checkup(
        &self,
        person_id: &PersonId,
        id: &str,
        shared: Option<(&str, &tend_core::sealing::StoredWords)>,
        answers: bool,
    ) -> Result<bool>;
    /// Seals the person's check-ups whose answers are still (partly) as written.
    async fn seal_checkups(
        &self,
        person_id: &PersonId,
        sealed: &[(String, tend_core::sealing::Resealed)],
    ) -> Result<()>;
    /// Results others shared with this couple while they are still in it, oldest first.
    async fn checkups_shared_with(
        &self,
        couple_id: &CoupleId,
        viewer_id: &PersonId,
    ) -> Result<Vec<Candidate<CheckupRecord>>>;
    /// One pulse a week: answering again in the same week replaces it.
    async fn save_pulse(&self, person_id: &PersonId, pulse: &PulseRecord) -> Result<()>;
    async fn list_pulses(&self, person_id: &PersonId) -> Result<Vec<PulseRecord>>;
    /// Seals the person's pulses (by week) still stored as written.
    async fn seal_pulses(
        &self,
        person_id: &PersonId,
        sealed: &[(String, tend_core::sealing::SealedWords)],
    ) -> Result<()>;
    async fn plan(&self, couple_id: &CoupleId) -> Result<Option<PlanRecord>>;
    /// Fails with `PlanExists` when the couple already has a plan.
    async fn create_plan(&self, plan: &PlanRecord) -> Result<()>;
    async fn update_plan_schedule(&self, couple_id: &CoupleId, schedule: &str) -> Result<()>;
    async fn mark_step(
        &self,
        couple_id: &CoupleId,
        slot: u32,
        step_id: &str,
        person_id: &PersonId,
        done: bool,
        at: Timestamp,
    ) -> Result<()>;
    async fn step_marks(&self, couple_id: &CoupleId, slot: u32) -> Result<Vec<StepMark>>;
    async fn set_step_smaller(&self, couple_id: &CoupleId, slot: u32, step_id: &str, smaller: bool) -> Result<()>;
    async fn smaller_steps(&self, couple_id: &CoupleId, slot: u32) -> Result<Vec<String>>;
}

/// Agreements, which belong to the couple they were written in.
#[async_trait]
pub trait AgreementStore: Send + Sync {
    async fn create_agreement(&self, agreement: &AgreementRecord) -> Result<()>;
    /// The couple's agreements, oldest first.
    async fn agreements(&self, couple_id: &CoupleId) -> Result<Vec<AgreementRecord>>;
    /// Seals agreements still (partly) as written, by the one who proposed them.
    async fn seal_agreements(
        &self,
        person_id: &PersonId,
        sealed: &[(String, tend_core::sealing::Resealed)],
    ) -> Result<()>;
    /// The other partner's yes; `false` when there is no such open proposal by someone else.
    async fn accept_agreement(
        &self,
        couple_id: &CoupleId,
        id: &str,
        person_id: &PersonId,
        now: Timestamp,
    ) -> Result<bool>;
    /// Sets the next review date of an agreement in force.
    async fn set_agreement_review(&self, couple_id: &CoupleId, id: &str, review_on: Date) -> Result<bool>;
}

/// The couple's question deck: their own questions and the marks on every question.
#[async_trait]
pub trait QuestionStore: Send + Sync {
    async fn add_question(&self, question: &OwnQuestion) -> Result<()>;
    async fn own_questions(&self, couple_id: &CoupleId) -> Result<Vec<OwnQuestion>>;
    /// Seals the couple's own questions still (partly) as written, by the one who added them.
    async fn seal_questions(
        &self,
        person_id: &PersonId,
        sealed: &[(String, tend_core::sealing::Resealed)],
    ) -> Result<()>;
    async fn question_marks(&self, couple_id: &CoupleId) -> Result<Vec<QuestionMark>>;
    /// Marks these questions as drawn for tonight.
    async fn mark_drawn(&self, couple_id: &CoupleId, question_ids: &[String], at: Timestamp) -> Result<()>;
    /// Sets "asked" and/or "favourite" on one question (left as they are when `None`).
    async fn mark_question(
        &self,
        couple_id: &CoupleId,
        question_id: &str,
        asked: Option<bool>,
        favourite: Option<bool>,
        at: Timestamp,
    ) -> Result<()>;
}

/// Pauses called in a couple space.
#[async_trait]
pub trait PauseStore: Send + Sync {
    async fn create_pause(&self, pause: &PauseRecord) -> Result<()>;
    /// The couple's most recent pause, ended or not.
    async fn latest_pause(&self, couple_id: &CoupleId) -> Result<Option<PauseRecord>>;
    async fn set_pause_return(&self, couple_id: &CoupleId, id: &str, return_at: Timestamp) -> Result<bool>;
    async fn end_pause(&self, couple_id: &CoupleId, id: &str, at: Timestamp) -> Result<bool>;
}

/// Ground rules, repairs, invitations to talk and hard talks: all belong to the couple.
#[async_trait]
pub trait ConversationStore: Send + Sync {
    async fn ground_rules(&self, couple_id: &CoupleId) -> Result<Option<GroundRulesRecord>>;
    /// A new draft (the next version); the accepted version stays until the other says yes.
    async fn propose_ground_rules(
        &self,
        couple_id: &CoupleId,
        rules: &tend_core::sealing::SharedWords,
        person_id: &PersonId,
        at: Timestamp,
    ) -> Result<i64>;
    /// Seals the couple's ground rules still (partly) as written: the proposal `person_id` made and
    /// the accepted version they proposed (one accepted before its proposer was kept counts as
    /// theirs).
    async fn seal_ground_rules(
        &self,
        couple_id: &CoupleId,
        person_id: &PersonId,
        draft: Option<&tend_core::sealing::Resealed>,
        accepted: Option<&tend_core::sealing::Resealed>,
    ) -> Result<()>;
    /// The other partner accepts the draft of this version; `false` if it is not theirs to accept.
    async fn accept_ground_rules(
        &self,
        couple_id: &CoupleId,
        version: i64,
        person_id: &PersonId,
        at: Timestamp,
    ) -> Result<bool>;
    async fn insert_repair(&self, repair: &RepairRecord) -> Result<()>;
    async fn repairs(&self, couple_id: &CoupleId) -> Result<Vec<RepairRecord>>;
    /// Seals repair offers still (partly) as written, by the one who offered them.
    async fn seal_repairs(&self, person_id: &PersonId, sealed: &[(String, tend_core::sealing::Resealed)])
        -> Result<()>;
    async fn accept_repair(&self, couple_id: &CoupleId, id: &str, person_id: &PersonId, at: Timestamp) -> Result<bool>;
    async fn insert_invitation(&self, invitation: &InvitationRecord) -> Result<()>;
    /// Seals invitations to talk still (partly) as written, by the one who sent them.
    async fn seal_invitations(
        &self,
        person_id: &PersonId,
        sealed: &[(String, tend_core::sealing::Resealed)],
    ) -> Result<()>;
    async fn invitations(&self, couple_id: &CoupleId) -> Result<Vec<InvitationRecord>>;
    /// Answers an open invitation sent by the other partner.
    async fn answer_invitation(
        &self,
        couple_id: &CoupleId,
        id: &str,
        person_id: &PersonId,
        answer: &InvitationAnswer,
    ) -> Result<bool>;
    async fn insert_hard_talk(&self, talk: &HardTalkRecord) -> Result<()>;
    async fn hard_talks(&self, couple_id: &CoupleId) -> Result<Vec<HardTalkRecord>>;
    /// Closes an open talk with what was agreed, written by `person_id`.
    async fn close_hard_talk(
        &self,
        couple_id: &CoupleId,
        id: &str,
        person_id: &PersonId,
        agreed: &tend_core::sealing::SharedWords,
        at: Timestamp,
    ) -> Result<bool>;
    /// Seals the kind words the person answered invitations with, still (partly) as written.
    async fn seal_invitation_answers(
        &self,
        person_id: &PersonId,
        sealed: &[(String, tend_core::sealing::Resealed)],
    ) -> Result<()>;
    /// Seals hard talks' topics the person scheduled and what they wrote as agreed (a talk closed
    /// before its closer was kept counts as theirs), still (partly) as written.
    async fn seal_hard_talks(
        &self,
        person_id: &PersonId,
        topics: &[(String, tend_core::sealing::Resealed)],
        agreed: &[(String, tend_core::sealing::Resealed)],
    ) -> Result<()>;
    /// The couple's listening exchange (JSON) and its version.
    async fn listening(&self, couple_id: &CoupleId) -> Result<Option<(String, i64)>>;
    /// Starts a new exchange, replacing any earlier one.
    async fn start_listening(&self, couple_id: &CoupleId, state: &str, at: Timestamp) -> Result<i64>;
    /// Saves a step, only if nobody else stepped since `version` was read.
    async fn step_listening(&self, couple_id: &CoupleId, state: &str, version: i64, at: Timestamp) -> Result<bool>;
}

/// The private safety check's outcome, and the switch for the couple's joint hard-talk tools.
#[async_trait]
pub trait SafetyStore: Send + Sync {
    async fn save_safety(&self, person_id: &PersonId, record: &SafetyRecord) -> Result<()>;
    async fn safety(&self, person_id: &PersonId) -> Result<Option<SafetyRecord>>;
    async fn set_joint_tools_off(&self, person_id: &PersonId, off: bool) -> Result<bool>;
    /// Whether either member of the couple has the joint hard-talk tools turned off.
    async fn joint_tools_closed(&self, couple_id: &CoupleId) -> Result<bool>;
}

/// The weekly check: one guided session at a time, its notes, and the saved summaries.
#[async_trait]
pub trait WeeklyCheckStore: Send + Sync {
    async fn create_weekly_check(&self, check: &WeeklyCheckRecord) -> Result<()>;
    async fn weekly_checks(&self, couple_id: &CoupleId) -> Result<Vec<WeeklyCheckRecord>>;
    /// Moves to a section (or finishes), only if nobody else moved since `version` was read.
    async fn move_weekly_check(
        &self,
        couple_id: &CoupleId,
        id: &str,
        version: i64,
        section: u32,
        finished: bool,
        at: Timestamp,
    ) -> Result<bool>;
    /// Adds a note and bumps the check's version, while the check is in progress.
    async fn add_weekly_check_note(&self, couple_id: &CoupleId, note: &WeeklyCheckNote) -> Result<bool>;
    async fn weekly_check_notes(&self, check_id: &str) -> Result<Vec<WeeklyCheckNote>>;
    /// The person's notes in the checks of one couple (to seal what is still as written).
    async fn weekly_check_notes_by(&self, person_id: &PersonId, couple_id: &CoupleId) -> Result<Vec<WeeklyCheckNote>>;
    async fn seal_weekly_check_notes(
        &self,
        person_id: &PersonId,
        sealed: &[(String, tend_core::sealing::Resealed)],
    ) -> Result<()>;
    /// Bumps the version of a check in progress (something it shows changed elsewhere).
    async fn touch_weekly_check(&self, couple_id: &CoupleId, id: &str) -> Result<bool>;
}

/// The appreciation journal: private entries, shared one by one by their author. Entries come out
/// as candidates that only `tend_core::visibility::reveal` opens, for a viewer its rule allows.
#[async_trait]
pub trait JournalStore: Send + Sync {
    async fn add_journal_entry(&self, entry: &JournalEntry) -> Result<()>;
    /// The person's own entries, newest first.
    async fn own_journal(&self, person_id: &PersonId) -> Result<Vec<Candidate<JournalEntry>>>;
    /// Entries shared with this couple by someone other than the viewer, newest first.
    async fn journal_shared_with(
        &self,
        couple_id: &CoupleId,
        viewer_id: &PersonId,
    ) -> Result<Vec<Candidate<JournalEntry>>>;
    /// Entries either partner brought into one weekly check of their couple, newest first.
    async fn journal_in_check(&self, couple_id: &CoupleId, check_id: &str) -> Result<Vec<Candidate<JournalEntry>>>;
    /// Shares one of the author's entries; `shared` is what the partner reads (the author's copy
    /// stays as it is).
    async fn share_journal_entry(
        &self,
        person_id: &PersonId,
        id: &str,
        couple_id: &CoupleId,
        check_id: Option<&str>,
        shared: &tend_core::sealing::StoredWords,
        at: Timestamp,
    ) -> Result<bool>;
    /// Seals the person's entries still stored as written (private ones, or a shared one's copy).
    async fn seal_journal_entries(
        &self,
        person_id: &PersonId,
        sealed: &[(String, tend_core::sealing::Resealed)],
    ) -> Result<()>;
    async fn delete_journal_entry(&self, person_id: &PersonId, id: &str) -> Result<bool>;
}

/// Shared joy: planned moments together and what they enjoyed.
#[async_trait]
pub trait JoyStore: Send + Sync {
    async fn plan_joy(&self, plan: &JoyPlan) -> Result<()>;
    async fn joy_plans(&self, couple_id: &CoupleId) -> Result<Vec<JoyPlan>>;
    /// Marks a plan done, with what `person_id` wrote they enjoyed.
    async fn complete_joy(
        &self,
        couple_id: &CoupleId,
        id: &str,
        person_id: &PersonId,
        enjoyed: Option<&tend_core::sealing::SharedWords>,
        at: Timestamp,
    ) -> Result<bool>;
    /// Seals the ideas the person planned and what they wrote they enjoyed (a plan done before its
    /// closer was kept counts as theirs), still (partly) as written.
    async fn seal_joy(
        &self,
        person_id: &PersonId,
        ideas: &[(String, tend_core::sealing::Resealed)],
        enjoyed: &[(String, tend_core::sealing::Resealed)],
    ) -> Result<()>;
    async fn delete_joy(&self, couple_id: &CoupleId, id: &str) -> Result<bool>;
}

/// Emotional time capsules: sealed until their day, opened together.
#[async_trait]
pub trait CapsuleStore: Send + Sync {
    async fn seal_capsule(&self, capsule: &CapsuleRecord) -> Result<()>;
    /// The couple's capsules, newest first; what each holds opens only by the visibility rule.
    async fn capsules(
        &self,
        couple_id: &CoupleId,
    ) -> Result<Vec<CapsuleRecord<Candidate<tend_core::sealing::SharedWords>>>>;
    /// What the person's capsules in the couple hold, as stored, for those still (partly) as
    /// written: only for sealing them, never for showing (that takes the visibility rule).
    async fn capsules_as_written(
        &self,
        person_id: &PersonId,
        couple_id: &CoupleId,
    ) -> Result<Vec<(String, tend_core::sealing::SharedWords)>>;
    /// Seals capsules their author wrote still (partly) as written, emptying the parts kept as
    /// written.
    async fn seal_capsules(
        &self,
        person_id: &PersonId,
        sealed: &[(String, tend_core::sealing::Resealed)],
    ) -> Result<()>;
    /// The author cancels a capsule that is still sealed.
    async fn cancel_capsule(&self, couple_id: &CoupleId, id: &str, author_id: &PersonId, at: Timestamp)
        -> Result<bool>;
    /// Records that one of the two is ready to open it; opens it when both are (or `both` says so).
    async fn ready_to_open_capsule(
        &self,
        couple_id: &CoupleId,
        id: &str,
        person_id: &PersonId,
        both: bool,
        at: Timestamp,
    ) -> Result<bool>;
}

/// Own-your-part experiments: one behaviour, a private daily check, a reflection at the end.
#[async_trait]
pub trait ExperimentStore: Send + Sync {
    async fn start_experiment(&self, experiment: &ExperimentRecord) -> Result<()>;
    /// The person's own experiments, newest first.
    async fn experiments(&self, person_id: &PersonId) -> Result<Vec<ExperimentRecord>>;
    /// Reflections shared with this couple by someone other than the viewer.
    async fn experiments_shared_with(
        &self,
        couple_id: &CoupleId,
        viewer_id: &PersonId,
    ) -> Result<Vec<ExperimentRecord>>;
    async fn log_experiment_day(&self, person_id: &PersonId, id: &str, day: Date, kept: bool) -> Result<bool>;
    /// The days logged, as (day, kept).
    async fn experiment_days(&self, id: &str) -> Result<Vec<(String, bool)>>;
    /// Keeps the reflection; `behaviour_shared`, the partner's copy of the behaviour, shares both.
    async fn reflect_experiment(
        &self,
        person_id: &PersonId,
        id: &str,
        reflection: &tend_core::sealing::SharedWords,
        behaviour_shared: Option<&tend_core::sealing::StoredWords>,
        at: Timestamp,
    ) -> Result<bool>;
    /// Seals the person's experiments' behaviours and reflections still (partly) as written.
    async fn seal_experiments(
        &self,
        person_id: &PersonId,
        behaviours: &[(String, tend_core::sealing::Resealed)],
        reflections: &[(String, tend_core::sealing::Resealed)],
    ) -> Result<()>;
}

/// Small wins either partner notices.
#[async_trait]
pub trait WinStore: Send + Sync {
    async fn log_win(&self, win: &WinRecord) -> Result<()>;
    /// The couple's wins since `from_day`, newest first.
    async fn wins(&self, couple_id: &CoupleId, from_day: Date) -> Result<Vec<WinRecord>>;
    /// The person's wins in one couple (to seal what is still as written).
    async fn wins_by(&self, person_id: &PersonId, couple_id: &CoupleId) -> Result<Vec<WinRecord>>;
    async fn seal_wins(&self, person_id: &PersonId, sealed: &[(String, tend_core::sealing::Resealed)]) -> Result<()>;
}

/// Help, special situations and private notes.
#[async_trait]
pub trait SupportStore: Send + Sync {
    async fn support(&self, person_id: &PersonId) -> Result<SupportRecord>;
    async fn save_support(&self, person_id: &PersonId, record: &SupportRecord, at: Timestamp) -> Result<()>;
    /// The person's situation flags in one read; `couple_id` is their couple, if any. A partner's
    /// low capacity shows only when they chose to tell (low capacity is all that is ever told).
    async fn situation_flags(&self, person_id: &PersonId, couple_id: Option<&CoupleId>) -> Result<SituationFlags>;
    /// Pauses called in the couple since `since`.
    async fn pauses_since(&self, couple_id: &CoupleId, since: Timestamp) -> Result<u32>;
    async fn add_private_note(&self, note: &PrivateNote) -> Result<()>;
    /// The person's own notes of one kind, newest first.
    async fn private_notes(&self, person_id: &PersonId, kind: &str) -> Result<Vec<PrivateNote>>;
    /// Shares one of the person's own notes of a shareable kind (touch notes and plan writings;
    /// clarity notes never leave their author); `false` when there is no such note.
    /// `shared` is the partner's copy of its words.
    async fn share_private_note(
        &self,
        person_id: &PersonId,
        id: &str,
        couple_id: &CoupleId,
        shared: &tend_core::sealing::StoredWords,
        at: Timestamp,
    ) -> Result<bool>;
    /// Seals the person's shared notes whose copies are still (partly) as written.
    async fn seal_shared_notes(
        &self,
        person_id: &PersonId,
        sealed: &[(String, tend_core::sealing::Resealed)],
    ) -> Result<()>;
    /// Replaces the words of the person's notes still stored as written with their sealed form.
    async fn seal_private_notes(
        &self,
        person_id: &PersonId,
        sealed: &[(String, tend_core::sealing::SealedWords)],
    ) -> Result<()>;
    /// Notes of one kind shared with this couple by someone other than the viewer.
    async fn private_notes_shared_with(
        &self,
        couple_id: &CoupleId,
        viewer_id: &PersonId,
        kind: &str,
    ) -> Result<Vec<PrivateNote>>;
}

/// Bids for connection: what is waiting for one person on Today, read from where each lives.
#[async_trait]
pub trait BidStore: Send + Sync {
    /// Everything in the couple addressed to `person_id` and not yet answered or set aside, newest
    /// first: open invitations, repairs not yet accepted and agreements waiting for a yes that
    /// the partner sent; check-up readings, journal entries and plan writings the partner shared since
    /// `shared_since`; capsules ready to open (`now` past their day). One read.
    async fn open_bids(
        &self,
        couple_id: &CoupleId,
        person_id: &PersonId,
        shared_since: Timestamp,
        now: Timestamp,
    ) -> Result<Vec<BidRecord>>;
    /// Sets a bid aside for this person only (idempotent).
    async fn dismiss_bid(&self, person_id: &PersonId, kind: &str, item_id: &str, at: Timestamp) -> Result<()>;
    /// Queues `job` (an email of kind `bid`) unless one for the same person is due after
    /// `since`, in one transaction; `true` when it was queued.
    async fn queue_bid_notice(&self, job: &OutboxJob, since: Timestamp) -> Result<bool>;
}

#[async_trait]
pub trait Store:
    PersonStore
    + SessionStore
    + KeyStore
    + SecurityLogStore
    + GuardStore
    + CoupleStore
    + ProgramStore
    + AgreementStore
    + QuestionStore
    + PauseStore
    + ConversationStore
    + SafetyStore
    + RitualStore
    + WeeklyCheckStore
    + JournalStore
    + JoyStore
    + CapsuleStore
    + ExperimentStore
    + WinStore
    + BidStore
    + SupportStore
    + OutboxStore
    + MailStore
    + AccountLinkStore
    + PushStore
    + crate::ChangeFeed
{
    fn backend(&self) -> Backend;
    async fn ping(&self) -> Result<()>;
    /// A consistent online snapshot into `path` (SQLite); other backends use their own tools.
    async fn backup_to(&self, path: &std::path::Path) -> Result<()>;
    /// Open connections and idle ones, for the metrics page.
    fn pool_stats(&self) -> (u32, u32);
}
