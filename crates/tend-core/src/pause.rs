//! The pause, the couple's safe word: at least twenty minutes of quiet (a host may set more, never
//! less), a return time within a day if the one who paused proposes one, and it ends when either
//! says they are ready after the quiet — or by itself a day after it began.

use jiff::{SignedDuration, Timestamp};

use crate::msg;
use crate::FieldError;

/// Never less quiet than this, whatever the host configures.
pub const MIN_QUIET: SignedDuration = SignedDuration::from_mins(20);
/// A pause lasts at most a day; the return time lies within it.
pub const LONGEST: SignedDuration = SignedDuration::from_hours(24);

/// The quiet a host asked for, but never below twenty minutes.
pub fn quiet(configured: SignedDuration) -> SignedDuration {
    configured.max(MIN_QUIET)
}

/// Whether a pause begun at `started` (and not ended) still holds at `now`.
pub fn is_active(started: Timestamp, ended: Option<Timestamp>, now: Timestamp) -> bool {
    ended.is_none() && now < lapses_at(started)
}

/// The moment a pause begun at `started` that nobody ends stops holding.
pub fn lapses_at(started: Timestamp) -> Timestamp {
    started + LONGEST
}

/// A proposed return time: after the quiet, within a day of the start.
pub fn check_return(started: Timestamp, quiet_until: Timestamp, return_at: Timestamp) -> Result<(), FieldError> {
    if return_at < quiet_until || return_at.duration_since(started) > LONGEST {
        return Err(FieldError::new("return_at", msg::pause_choose_time_after_quiet()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(mins: i64) -> Timestamp {
        Timestamp::from_second(1_800_000_000 + mins * 60).unwrap()
    }

    #[test]
    fn the_quiet_is_never_below_twenty_minutes() {
        assert_eq!(quiet(SignedDuration::from_mins(5)), MIN_QUIET);
        assert_eq!(quiet(SignedDuration::from_mins(45)), SignedDuration::from_mins(45));
    }

    #[test]
    fn a_pause_holds_until_ended_or_a_day_has_passed() {
        assert!(is_active(at(0), None, at(60 * 24 - 1)));
        assert!(!is_active(at(0), None, at(60 * 24)));
        assert!(!is_active(at(0), Some(at(30)), at(31)));
    }

    #[test]
    fn the_return_time_lies_after_the_quiet_and_within_a_day() {
        assert!(check_return(at(0), at(20), at(20)).is_ok());
        assert!(check_return(at(0), at(20), at(19)).is_err());
        assert!(check_return(at(0), at(20), at(60 * 24)).is_ok());
        assert!(check_return(at(0), at(20), at(60 * 24 + 1)).is_err());
    }
}
