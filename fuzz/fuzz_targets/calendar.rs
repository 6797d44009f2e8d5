//! The calendar writer with any summary and description: every line it writes is folded to at
//! most 75 octets, ends in CRLF, and no text escapes its property (no bare line breaks).
#![no_main]

use libfuzzer_sys::fuzz_target;
use tend_core::ical::{calendar, Event};

fuzz_target!(|input: (&str, &str, u8)| {
    let (summary, description, hour) = input;
    let start = jiff::civil::date(2026, 3, 29).at((hour % 24) as i8, 30, 0, 0);
    let event = Event {
        uid: "fuzz@tend".into(),
        summary: summary.into(),
        description: description.into(),
        start,
        minutes: 15,
        weekly_on: vec!["MO", "SU"],
        count: None,
    };
    let now = jiff::Timestamp::from_second(1_790_000_000).unwrap();
    let text = calendar("Tend", "Europe/Berlin", &[event], now);
    assert!(text.ends_with("\r\n"));
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "a line longer than 75 octets: {line:?}");
        assert!(!line.contains('\n') && !line.contains('\r'), "a bare line break: {line:?}");
    }
});
