//! What people type into fields and codes: invite codes, email addresses, display names,
//! passwords, time zones, times of day, ritual kinds and day names. No parser panics, and what
//! one accepts it gives back in a form it accepts again, unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tend_core::display_name::DisplayName;
use tend_core::email::Email;
use tend_core::invite_code::InviteCode;
use tend_core::password::NewPassword;
use tend_core::rituals::{format_time_of_day, parse_time_of_day, Days, RitualKind};
use tend_core::time_zone::TimeZoneName;

fuzz_target!(|raw: &str| {
    if let Ok(code) = InviteCode::parse("code", raw) {
        assert_eq!(InviteCode::parse("code", &code.display()).ok(), Some(code.clone()));
        assert_eq!(code.as_str().len(), tend_core::invite_code::CODE_LEN);
    }
    if let Ok(email) = Email::parse("email", raw) {
        assert_eq!(Email::parse("email", email.as_str()).ok().map(|e| e.as_str().to_owned()), Some(email.as_str().to_owned()));
    }
    let _ = DisplayName::parse("name", raw);
    let _ = NewPassword::parse("password", raw);
    if let Ok(zone) = TimeZoneName::parse("time_zone", raw) {
        assert!(jiff::tz::TimeZone::get(zone.as_str()).is_ok(), "an accepted zone is a real zone");
    }
    if let Some(minute) = parse_time_of_day(raw) {
        assert!(minute < 24 * 60);
        assert_eq!(parse_time_of_day(&format_time_of_day(minute)), Some(minute));
    }
    if let Some(kind) = RitualKind::parse(raw) {
        assert_eq!(RitualKind::parse(kind.as_str()), Some(kind));
    }
    if let Some(days) = Days::from_names(raw.split(',')) {
        assert_eq!(Days::from_names(days.names()).map(|d| d.0), Some(days.0));
    }
});
