//! Reminder settings: which reminders a person wants by email, a daily digest instead of single
//! emails, and their quiet hours (21:00–08:00 unless they change them). Nothing is on until the
//! person turns it on.

use serde::{Deserialize, Serialize};
use tend_core::ids::PersonId;
use tend_core::msg;
use tend_core::reminders::QuietHours;
use tend_core::rituals::{format_time_of_day, parse_time_of_day, Days};
use tend_store::ReminderSettings;
use utoipa::ToSchema;

use super::{ServiceError, ServiceResult};
use crate::state::AppState;

/// The kinds of reminder, in the order the settings page shows them.
pub const KINDS: [(&str, msg::Words); 7] = [
    ("rituals", msg::reminders_daily_rituals),
    ("weekly_check", msg::reminders_weekly_check_day_at),
    ("plan", msg::reminders_when_new_week_your),
    ("pause", msg::reminders_when_its_time_come),
    ("capsule", msg::reminders_when_time_capsule_can),
    ("agreements", msg::reminders_when_agreement_due_look),
    (super::bids::REMINDER_KIND, msg::reminders_when_your_partner_reaches),
];

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReminderSettingsView {
    /// Kinds chosen: `rituals`, `weekly_check`, `plan`, `pause`, `capsule`, `agreements`, `bids`.
    pub kinds: Vec<String>,
    /// One email a day (at the end of quiet hours) instead of single reminders.
    pub digest: bool,
    /// `HH:MM`, in my own time zone.
    pub quiet_start: String,
    pub quiet_end: String,
    /// The weekly check's reminder: `mon` … `sun` (Sunday when left out), and `HH:MM` (19:00).
    #[serde(default = "default_weekly_day")]
    pub weekly_check_day: String,
    #[serde(default = "default_weekly_time")]
    pub weekly_check_time: String,
    /// Reminders come by email (true when left out); otherwise only as notifications on the
    /// devices where they are turned on.
    #[serde(default = "default_by_email")]
    pub by_email: bool,
}

fn default_by_email() -> bool {
    true
}

fn default_weekly_day() -> String {
    "sun".to_owned()
}

fn default_weekly_time() -> String {
    "19:00".to_owned()
}

fn view(s: &ReminderSettings) -> ReminderSettingsView {
    ReminderSettingsView {
        kinds: s.kinds.clone(),
        digest: s.digest,
        quiet_start: format_time_of_day(s.quiet_start),
        quiet_end: format_time_of_day(s.quiet_end),
        weekly_check_day: Days::NAMES.get(usize::from(s.weekly_day)).copied().unwrap_or("sun").to_owned(),
        weekly_check_time: format_time_of_day(s.weekly_minute),
        by_email: s.by_email,
    }
}

pub async fn get(state: &AppState, person_id: &PersonId) -> ServiceResult<ReminderSettingsView> {
    let saved = state.store.reminder_settings(person_id).await?.unwrap_or(ReminderSettings {
        kinds: Vec::new(),
        digest: false,
        quiet_start: QuietHours::DEFAULT.start,
        quiet_end: QuietHours::DEFAULT.end,
        weekly_day: 6,
        weekly_minute: 19 * 60,
        by_email: true,
    });
    Ok(view(&saved))
}

pub async fn update(
    state: &AppState,
    person_id: &PersonId,
    input: &ReminderSettingsView,
) -> ServiceResult<ReminderSettingsView> {
    let mut errors = Vec::new();
    if input.kinds.iter().any(|k| !KINDS.iter().any(|(id, _)| id == k)) {
        errors.push(tend_core::FieldError::new("kinds", msg::reminders_choose_from_reminders_listed()));
    }
    let start = parse_time_of_day(&input.quiet_start);
    let end = parse_time_of_day(&input.quiet_end);
    if start.is_none() || end.is_none() {
        errors.push(tend_core::FieldError::new("quiet_start", msg::reminders_give_quiet_hours_as()));
    }
    let weekly_day = Days::NAMES.iter().position(|d| *d == input.weekly_check_day.trim());
    let weekly_minute = parse_time_of_day(&input.weekly_check_time);
    if weekly_day.is_none() || weekly_minute.is_none() {
        errors.push(tend_core::FieldError::new("weekly_check_day", msg::reminders_choose_day_time_weekly()));
    }
    let (Some(quiet_start), Some(quiet_end), Some(weekly_day), Some(weekly_minute)) =
        (start, end, weekly_day, weekly_minute)
    else {
        return Err(ServiceError::Invalid(errors));
    };
    if !errors.is_empty() {
        return Err(ServiceError::Invalid(errors));
    }
    let kinds =
        KINDS.iter().filter(|(id, _)| input.kinds.iter().any(|k| k == id)).map(|(id, _)| id.to_string()).collect();
    let settings = ReminderSettings {
        kinds,
        digest: input.digest,
        quiet_start,
        quiet_end,
        weekly_day: weekly_day as u8,
        weekly_minute,
        by_email: input.by_email,
    };
    state.store.save_reminder_settings(person_id, &settings, state.clock.now()).await?;
    Ok(view(&settings))
}
