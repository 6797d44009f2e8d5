//! What Tend does, independent of how it was asked: the HTML pages and the JSON API both call
//! these functions, so validation and rules live in one place.

pub mod account_links;
pub mod accounts;
pub mod agreements;
pub mod bids;
pub mod calendar;
pub mod capsules;
pub mod cards;
pub mod checkups;
pub mod coach;
pub mod couple_key;
pub mod couples;
pub mod data_import;
mod error;
pub mod experiments;
pub mod ground_rules;
pub mod guidance;
pub mod guides;
pub mod hard_talks;
pub mod help;
pub mod help_lines;
pub mod invitations;
pub mod journal;
pub mod joy;
pub mod keys;
pub mod listening;
pub mod live;
pub mod login;
pub mod pause;
pub mod plan;
pub mod plan_writing;
pub mod pulses;
pub mod push;
pub mod questions;
pub mod reminders;
pub mod repairs;
pub mod rituals;
pub mod safety;
pub mod security_log;
pub mod shared_notes;
pub mod situation;
pub mod timer;
pub mod today;
pub mod touch;
pub mod weekly_check;
pub mod wins;

pub use error::{optional, ServiceError, ServiceResult};

use tend_core::ids::PersonId;
use tend_core::msg;
use tend_core::FieldError;

/// Collects every field error of a form at once, so a person sees all of them together.
#[derive(Default)]
pub(crate) struct Fields(Vec<FieldError>);

impl Fields {
    pub(crate) fn check<T>(&mut self, result: Result<T, FieldError>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(err) => {
                self.0.push(err);
                None
            }
        }
    }

    pub(crate) fn finish(self) -> ServiceResult<()> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(ServiceError::Invalid(self.0))
        }
    }
}

/// The viewer's today: the date on the clock in their own time zone. The one place every service
/// and page asks which day it is for someone.
pub fn today(state: &crate::state::AppState, time_zone: &str) -> jiff::civil::Date {
    tend_core::rituals::local_day(state.clock.now(), time_zone)
}

/// The person's couple space with both partners in it; what is for two waits for the second.
pub(crate) async fn paired_couple(
    state: &crate::state::AppState,
    person_id: &PersonId,
) -> ServiceResult<tend_store::Couple> {
    let couple = state.store.couple_of(person_id).await?.ok_or(ServiceError::NotFound)?;
    if couple.members.len() < 2 {
        return Err(ServiceError::Conflict {
            code: "partner_not_joined",
            message: msg::services_this_two_opens_once(),
        });
    }
    Ok(couple)
}

/// Whether both partners are in the person's couple space (pages show what is for two, or how
/// to invite).
pub(crate) async fn is_paired(state: &crate::state::AppState, person_id: &PersonId) -> ServiceResult<bool> {
    Ok(state.store.couple_of(person_id).await?.is_some_and(|c| c.members.len() == 2))
}

/// A local date and time ("2026-12-01T19:30") where the person lives, from now to 60 days ahead.
pub(crate) fn local_moment(
    state: &crate::state::AppState,
    raw: &str,
    time_zone: &str,
    field: &'static str,
) -> ServiceResult<jiff::Timestamp> {
    let zone = tend_core::time_zone::zone_of(time_zone);
    let now = state.clock.now();
    raw.trim()
        .parse::<jiff::civil::DateTime>()
        .ok()
        .and_then(|dt| dt.to_zoned(zone).ok())
        .map(|z| z.timestamp())
        .filter(|at| *at > now && at.duration_since(now) <= jiff::SignedDuration::from_hours(24 * 60))
        .ok_or_else(|| ServiceError::field(field, msg::services_choose_time_from_now()))
}

/// Text a person writes for their partner: trimmed, one to `max` characters, no control characters
/// but line breaks.
pub(crate) fn written(raw: &str, max: usize, field: &'static str, message: &'static str) -> ServiceResult<String> {
    tend_core::text::written(raw, max, field, message).map_err(|e| ServiceError::Invalid(vec![e]))
}
