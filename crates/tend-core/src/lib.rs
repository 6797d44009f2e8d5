//! Tend's rules, free of I/O: who a person is (validated names, emails, passwords, time zones),
//! who may see what, how long a session lives, how many failed attempts are allowed, and how a
//! device is described. Everything subtle about privacy and time lives here, tested on its own.

pub mod checkup;
pub mod coach;
pub mod content;
pub mod device;
pub mod display_name;
pub mod email;
pub mod export_file;
pub mod ical;
pub mod ids;
pub mod invite_code;
pub mod limits;
pub mod listening;
pub mod msg;
pub mod password;
pub mod pause;
pub mod plan_calendar;
pub mod reminders;
pub mod rituals;
pub mod sealing;
pub mod secret;
pub mod security_log;
pub mod session_policy;
pub mod text;
pub mod time_zone;
pub mod visibility;

/// A rule broken by what a person typed; names the field so forms and the API can point at it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct FieldError {
    pub field: &'static str,
    pub message: &'static str,
}

impl FieldError {
    pub const fn new(field: &'static str, message: &'static str) -> Self {
        Self { field, message }
    }
}
