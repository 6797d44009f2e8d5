//! The security log's vocabulary: what happened to an account that its owner would want to know
//! about — a sign-in, a password or email change, another device signed out, a change to what
//! they share or who can see it — and the calm sentence the owner reads for each. The log belongs
//! to its owner alone; it never says what was shared, only that something was.

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
const EVENTS: [(SecurityEvent, &str, &str); 22] = [
    (SecurityEvent::SignedIn, "signed_in", "Signed in"),
    (SecurityEvent::SignedInNewDevice, "signed_in_new_device", "Signed in on a device not seen before"),
    (SecurityEvent::OtherDeviceSignedOut, "other_device_signed_out", "Signed out another device"),
    (SecurityEvent::PasswordChanged, "password_changed", "Password changed; every other device was signed out"),
    (
        SecurityEvent::PasswordReset,
        "password_reset",
        "Password chosen anew with an email link; every device was signed out",
    ),
    (SecurityEvent::EmailChanged, "email_changed", "Sign-in email changed"),
    (SecurityEvent::CoupleCreated, "couple_created", "Made a couple space"),
    (SecurityEvent::CoupleJoined, "couple_joined", "Joined a couple space"),
    (SecurityEvent::CoupleLeft, "couple_left", "Left the couple space"),
    (SecurityEvent::CheckupShared, "checkup_shared", "Shared a check-up with your partner"),
    (SecurityEvent::CheckupUnshared, "checkup_unshared", "Stopped sharing a check-up"),
    (SecurityEvent::JournalEntryShared, "journal_entry_shared", "Shared a journal entry with your partner"),
    (SecurityEvent::LowCapacityTold, "low_capacity_told", "Let your partner know you're low on capacity"),
    (
        SecurityEvent::LowCapacityNoLongerTold,
        "low_capacity_no_longer_told",
        "Stopped letting your partner know about low capacity",
    ),
    (SecurityEvent::ReflectionShared, "reflection_shared", "Shared an own-your-part reflection with your partner"),
    (SecurityEvent::TouchNoteShared, "touch_note_shared", "Shared a note about closeness with your partner"),
    (
        SecurityEvent::PlanWritingShared,
        "plan_writing_shared",
        "Shared something you wrote for your plan with your partner",
    ),
    (SecurityEvent::CalendarLinkMade, "calendar_link_made", "Made your private calendar link"),
    (
        SecurityEvent::CalendarLinkReplaced,
        "calendar_link_replaced",
        "Replaced your calendar link; the old one stopped working",
    ),
    (SecurityEvent::DataImported, "data_imported", "Brought in data from an export"),
    (SecurityEvent::RecoveryCodeMade, "recovery_code_made", "Made a new recovery code; the old one stopped working"),
    (
        SecurityEvent::PasswordResetWithRecoveryCode,
        "password_reset_with_recovery_code",
        "Password chosen anew with your recovery code; every device was signed out",
    ),
];

/// How long the log keeps an event.
pub const KEEP_DAYS: i64 = 365;

impl SecurityEvent {
    fn entry(self) -> &'static (SecurityEvent, &'static str, &'static str) {
        EVENTS.iter().find(|(e, _, _)| *e == self).expect("every event is listed")
    }

    /// The id kept in the database and returned by the API.
    pub fn id(self) -> &'static str {
        self.entry().1
    }

    /// The sentence the owner reads.
    pub fn describe(self) -> &'static str {
        self.entry().2
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
        for (_, _, text) in EVENTS {
            assert!(!text.contains('!') && !text.to_lowercase().contains("warning"), "{text}");
            assert!(text.len() < 80, "{text}");
        }
    }
}
