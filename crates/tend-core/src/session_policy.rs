//! How long a signed-in session lives: it ends after a stretch of not being used (idle) and, in any
//! case, some time after it began (absolute). Last-use is written at most once a minute so reading
//! a page does not cost a database write each time.

use jiff::{SignedDuration, Timestamp};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionTimeouts {
    pub idle: SignedDuration,
    pub absolute: SignedDuration,
}

impl Default for SessionTimeouts {
    fn default() -> Self {
        Self { idle: SignedDuration::from_hours(24 * 30), absolute: SignedDuration::from_hours(24 * 90) }
    }
}

/// How stale a session's last-use time may get before it is written again.
pub const TOUCH_INTERVAL: SignedDuration = SignedDuration::from_secs(60);

impl SessionTimeouts {
    pub fn is_live(&self, started: Timestamp, last_used: Timestamp, now: Timestamp) -> bool {
        now.duration_since(last_used) < self.idle && now.duration_since(started) < self.absolute
    }

    pub fn needs_touch(&self, last_used: Timestamp, now: Timestamp) -> bool {
        now.duration_since(last_used) >= TOUCH_INTERVAL
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: i64) -> Timestamp {
        Timestamp::from_second(1_700_000_000 + secs).unwrap()
    }

    const DAY: i64 = 86_400;

    #[test]
    fn a_session_unused_for_thirty_days_has_ended() {
        let t = SessionTimeouts::default();
        assert!(t.is_live(at(0), at(0), at(30 * DAY - 1)));
        assert!(!t.is_live(at(0), at(0), at(30 * DAY)));
    }

    #[test]
    fn a_session_in_daily_use_still_ends_after_ninety_days() {
        let t = SessionTimeouts::default();
        assert!(t.is_live(at(0), at(89 * DAY), at(90 * DAY - 1)));
        assert!(!t.is_live(at(0), at(90 * DAY - 1), at(90 * DAY)));
    }

    #[test]
    fn last_use_is_written_at_most_once_a_minute() {
        let t = SessionTimeouts::default();
        assert!(!t.needs_touch(at(0), at(59)));
        assert!(t.needs_touch(at(0), at(60)));
    }
}
