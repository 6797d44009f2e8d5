//! The owner's security log: services note what happened to an account (`record`) — a sign-in,
//! a password or email change, another device signed out, a change to what is shared — and the
//! settings page and `listSecurityLog` read it back, to its owner only. Writing the log never
//! fails the change it records: that change has already happened, so a failed write is reported
//! to the host's log and the person's action stands.

use jiff::{SignedDuration, Timestamp};
use serde::Serialize;
use tend_core::ids::PersonId;
pub use tend_core::security_log::SecurityEvent;
use tend_core::security_log::KEEP_DAYS;
use tend_store::SecurityEventRecord;
use utoipa::ToSchema;

use super::{ServiceError, ServiceResult};
use crate::state::AppState;

/// The most recent events a person is shown.
const SHOWN: u32 = 100;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SecurityLogEntry {
    /// What happened, as an id: `signed_in`, `password_changed`, `journal_entry_shared`, …
    pub kind: String,
    /// The same, as a sentence to show.
    pub text: String,
    /// The device, for sign-ins and signing out another device.
    pub device: Option<String>,
    #[schema(value_type = String, format = DateTime)]
    pub at: Timestamp,
}

/// Adds `event` to the person's log (with the device, when the event names one).
pub async fn record(state: &AppState, person_id: &PersonId, event: SecurityEvent, device: &str) {
    let now = state.clock.now();
    let record = SecurityEventRecord {
        kind: event.id().to_owned(),
        device: if event.names_a_device() { device.to_owned() } else { String::new() },
        at: now,
    };
    let keep_since = now - SignedDuration::from_hours(24 * KEEP_DAYS);
    if let Err(err) = state.store.add_security_event(person_id, &record, keep_since).await {
        tracing::error!(error = ?err, kind = event.id(), "the security log was not written");
    }
}

/// The person's own log, newest first.
pub async fn list(state: &AppState, person_id: &PersonId) -> ServiceResult<Vec<SecurityLogEntry>> {
    let events = state.store.security_events(person_id, SHOWN).await?;
    Ok(events
        .into_iter()
        .filter_map(|e| {
            let event = SecurityEvent::parse(&e.kind)?;
            Some(SecurityLogEntry {
                kind: e.kind,
                text: event.describe().to_owned(),
                device: (!e.device.is_empty()).then_some(e.device),
                at: e.at,
            })
        })
        .collect())
}

/// Signs out one of the person's devices (noted in the log unless it is `current`, the one
/// asking); `NotFound` when they have no such session.
pub async fn end_session(state: &AppState, person_id: &PersonId, session_id: &str, current: &str) -> ServiceResult<()> {
    let sessions = state.store.list_sessions(person_id).await?;
    let device =
        sessions.iter().find(|s| s.id == session_id).map(|s| s.device.clone()).ok_or(ServiceError::NotFound)?;
    if !state.store.delete_session(person_id, session_id).await? {
        return Err(ServiceError::NotFound);
    }
    if session_id != current {
        record(state, person_id, SecurityEvent::OtherDeviceSignedOut, &device).await;
    }
    Ok(())
}
