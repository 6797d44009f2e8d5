//! Records of email: the outbox, reminder settings and the free course's subscribers.

use std::collections::HashMap;
use tend_core::ids::{CoupleId, PersonId};

use jiff::Timestamp;
use serde::Serialize;

use super::RitualSchedule;

/// One email waiting in (or claimed from) the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxJob {
    /// The message id: the same message planned twice is one message.
    pub id: String,
    pub person_id: Option<PersonId>,
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
    /// Reminders come by email (otherwise only as notifications on the person's devices).
    pub by_email: bool,
}

/// A person who chose reminders, with what planning them needs.
#[derive(Debug, Clone)]
pub struct ReminderPerson {
    pub person_id: PersonId,
    pub email: String,
    pub time_zone: String,
    pub couple_id: Option<CoupleId>,
    pub settings: ReminderSettings,
    /// They said they are low on capacity: one gentle digest instead of single emails.
    pub low_capacity: bool,
    /// Their couple's plan schedule (JSON, `tend_core::plan_calendar::Schedule`), once begun.
    pub plan: Option<String>,
}

/// Something with a day in the planning range: its id and the day (`YYYY-MM-DD`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dated {
    pub id: String,
    pub day: String,
}

/// Everything reminder planning reads, for everyone at once: one query per table, never one per
/// person, so a planning pass over 100,000 people stays a few seconds. The maps are by couple id
/// and hold only what could be due in the range asked for — never anything anyone wrote.
#[derive(Debug, Clone, Default)]
pub struct ReminderFacts {
    pub people: Vec<ReminderPerson>,
    pub schedules: HashMap<String, Vec<RitualSchedule>>,
    /// Sealed capsules (neither opened nor cancelled) opening on a day in the range.
    pub capsules: HashMap<String, Vec<Dated>>,
    /// Accepted agreements due for review on a day in the range.
    pub agreements: HashMap<String, Vec<Dated>>,
    /// The latest pause still on, when its return time falls in the range: its id and that time.
    pub pauses: HashMap<String, (String, Timestamp)>,
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
