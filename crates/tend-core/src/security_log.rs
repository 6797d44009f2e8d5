//! The security log's vocabulary: what happened to an account that its owner would want to know
//! about — a sign-in, a password or email change, another device signed out, a change to what
//! they share or who can see it — and the calm sentence the owner reads for each. The log belongs
//! to its owner alone; it never says what was shared, only that something was.

use crate::msg;

/// One kind of event in a person's security log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecurityEvent {
    SignedIn,
    SignedInNewDevice,
    OtherDeviceSignedOut,
    PasswordChanged,
    PasswordReset,
    EmailChanged,
    CoupleCreated,
    CoupleJoined,
    CoupleLeft,
    CheckupShared,
    CheckupUnshared,
    JournalEntryShared,
    LowCapacityTold,
    LowCapacityNoLongerTold,
    ReflectionShared,
    TouchNoteShared,
    PlanWritingShared,
    CalendarLinkMade,
    CalendarLinkReplaced,
    DataImported,
    RecoveryCodeMade,
    PasswordResetWithRecoveryCode,
}

/// Every event: its stored id and what the owner reads.
const EVENTS: [(SecurityEvent, &str, msg::Words); 22] = [
    (SecurityEvent::SignedIn, "signed_in", msg::activity_signed_in),
    (SecurityEvent::SignedInNewDevice, "signed_in_new_device", msg::activity_signed_in_new_device),
    (SecurityEvent::OtherDeviceSignedOut, "other_device_signed_out", msg::activity_other_device_signed_out),
    (SecurityEvent::PasswordChanged, "password_changed", msg::activity_password_changed),
    (SecurityEvent::PasswordReset, "password_reset", msg::activity_password_reset),
    (SecurityEvent::EmailChanged, "email_changed", msg::activity_email_changed),
    (SecurityEvent::CoupleCreated, "couple_created", msg::activity_couple_created),
    (SecurityEvent::CoupleJoined, "couple_joined", msg::activity_couple_joined),
    (SecurityEvent::CoupleLeft, "couple_left", msg::activity_couple_left),
    (SecurityEvent::CheckupShared, "checkup_shared", msg::activity_checkup_shared),
    (SecurityEvent::CheckupUnshared, "checkup_unshared", msg::activity_checkup_unshared),
    (SecurityEvent::JournalEntryShared, "journal_entry_shared", msg::activity_journal_entry_shared),
    (SecurityEvent::LowCapacityTold, "low_capacity_told", msg::activity_low_capacity_told),
    (SecurityEvent::LowCapacityNoLongerTold, "low_capacity_no_longer_told", msg::activity_low_capacity_no_longer_told),
    (SecurityEvent::ReflectionShared, "reflection_shared", msg::activity_reflection_shared),
    (SecurityEvent::TouchNoteShared, "touch_note_shared", msg::activity_touch_note_shared),
    (SecurityEvent::PlanWritingShared, "plan_writing_shared", msg::activity_plan_writing_shared),
    (SecurityEvent::CalendarLinkMade, "calendar_link_made", msg::activity_calendar_link_made),
    (SecurityEvent::CalendarLinkReplaced, "calendar_link_replaced", msg::activity_calendar_link_replaced),
    (SecurityEvent::DataImported, "data_imported", msg::activity_data_imported),
    (SecurityEvent::RecoveryCodeMade, "recovery_code_made", msg::activity_recovery_code_made),
    (
        SecurityEvent::PasswordResetWithRecoveryCode,
        "password_reset_with_recovery_code",
        msg::activity_password_reset_with_recovery_code,
    ),
];

/// How long the log keeps an event.
pub const KEEP_DAYS: i64 = 365;

impl SecurityEvent {
    fn entry(self) -> &'static (SecurityEvent, &'static str, msg::Words) {
        EVENTS.iter().find(|(e, _, _)| *e == self).expect("every event is listed")
    }

    /// The id kept in the database and returned by the API.
    pub fn id(self) -> &'static str {
        self.entry().1
    }

    /// The sentence the owner reads.
    pub fn describe(self) -> &'static str {
        (self.entry().2)()
    }

    pub fn parse(id: &str) -> Option<Self> {
        EVENTS.iter().find(|(_, i, _)| *i == id).map(|(e, _, _)| *e)
    }

    /// Whether the event names the device it happened on (sign-ins and signing out a device).
    pub fn names_a_device(self) -> bool {
        matches!(self, Self::SignedIn | Self::SignedInNewDevice | Self::OtherDeviceSignedOut)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_event_has_one_id_that_reads_back() {
        let ids: std::collections::HashSet<_> = EVENTS.iter().map(|(_, id, _)| *id).collect();
        assert_eq!(ids.len(), EVENTS.len(), "ids are unique");
        for (event, id, _) in EVENTS {
            assert_eq!(SecurityEvent::parse(id), Some(event));
            assert_eq!(event.id(), id);
        }
        assert_eq!(SecurityEvent::parse("something_else"), None);
    }

    #[test]
    fn the_sentences_are_short_and_calm() {
        for (_, _, words) in EVENTS {
            let text = words();
            assert!(!text.contains('!') && !text.to_lowercase().contains("warning"), "{text}");
            assert!(text.len() < 80, "{text}");
        }
    }
}
