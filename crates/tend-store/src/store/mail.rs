//! The storage interface for email: the outbox, and the records around it.

use async_trait::async_trait;
use jiff::civil::Date;
use jiff::Timestamp;
use tend_core::ids::PersonId;

use crate::model::*;
use crate::Result;

/// The outbox: every email on its way, claimed by workers, sent once or left dead.
#[async_trait]
pub trait OutboxStore: Send + Sync {
    /// Queues messages in one transaction; returns how many were new (a message id already in
    /// the outbox is left as it is).
    async fn enqueue_all(&self, jobs: &[OutboxJob]) -> Result<usize>;
    /// Claims up to `limit` due messages (and ones whose worker stopped before `now`) until `lease_until`.
    async fn claim_due(&self, now: Timestamp, limit: u32, lease_until: Timestamp) -> Result<Vec<OutboxJob>>;
    /// Marks delivered messages sent (in one transaction) and drops their words.
    async fn mark_sent(&self, ids: &[String], at: Timestamp) -> Result<()>;
    /// Retries at `retry_at`, or gives up (dead) when `None`, keeping only the error.
    async fn mark_failed(&self, id: &str, error: &str, retry_at: Option<Timestamp>) -> Result<()>;
    async fn outbox_counts(&self) -> Result<OutboxCounts>;
}

/// Email's other records: reminder settings and what planning reads, the guidance course and
/// calendar feeds.
#[async_trait]
pub trait MailStore: Send + Sync {
    async fn reminder_settings(&self, person_id: &PersonId) -> Result<Option<ReminderSettings>>;
    async fn save_reminder_settings(
        &self,
        person_id: &PersonId,
        settings: &ReminderSettings,
        at: Timestamp,
    ) -> Result<()>;
    /// Everyone who chose at least one kind of reminder, with what could be due for them on a
    /// day from `first_day` to `last_day` (`YYYY-MM-DD`) or, for a pause's return, between
    /// `from` and `until`.
    async fn reminder_facts(
        &self,
        first_day: Date,
        last_day: Date,
        from: Timestamp,
        until: Timestamp,
    ) -> Result<ReminderFacts>;
    /// Creates (or renews, if not yet confirmed) a subscription and queues its confirmation, in
    /// one transaction; `false` (and nothing sent) when the address already receives the course.
    #[allow(clippy::too_many_arguments)]
    async fn subscribe(
        &self,
        id: &str,
        email: &str,
        confirm_hash: &str,
        confirm_expires: Timestamp,
        unsubscribe_token: &str,
        tips: bool,
        confirmation: &OutboxJob,
        now: Timestamp,
    ) -> Result<bool>;
    async fn confirm_subscriber(&self, confirm_hash: &str, now: Timestamp) -> Result<Option<Subscriber>>;
    async fn subscriber_by_unsubscribe(&self, unsubscribe_token: &str) -> Result<Option<Subscriber>>;
    /// Unsubscribes at once and drops whatever was still queued for them.
    async fn unsubscribe(&self, unsubscribe_token: &str, now: Timestamp) -> Result<bool>;
    /// Confirmed subscribers with fewer than `weeks` emails (plus `tip_weeks` for those who
    /// asked for tips), none since `sent_before`.
    async fn due_subscribers(&self, sent_before: Timestamp, weeks: u32, tip_weeks: u32) -> Result<Vec<Subscriber>>;
    /// Moves a subscriber to `week` and queues its email, in one transaction (once per week).
    async fn queue_course_week(&self, subscriber_id: &str, week: u32, job: &OutboxJob, at: Timestamp) -> Result<bool>;
    /// Sets (or replaces, which revokes the old URL) a person's calendar feed token.
    async fn set_calendar_feed(&self, person_id: &PersonId, token: &str, at: Timestamp) -> Result<()>;
    async fn calendar_feed(&self, person_id: &PersonId) -> Result<Option<String>>;
    async fn person_by_calendar_feed(&self, token: &str) -> Result<Option<PersonId>>;
}
