//! The import: any bytes offered as an export file. Reading never panics, and whatever it accepts
//! keeps within the limits every feature keeps (counts, lengths, times, known kinds).
#![no_main]

use jiff::Timestamp;
use libfuzzer_sys::fuzz_target;
use tend_core::content::{Content, REPORTED_SIGNALS, SITUATIONS};
use tend_core::export_file::{read, MOST};
use tend_core::text::CLARITY_MAX;

fuzz_target!(|bytes: &[u8]| {
    let now = Timestamp::from_second(1_800_000_000).unwrap();
    if let Ok(own) = read(bytes, Content::embedded(), now) {
        assert!(own.checkups.len() <= MOST && own.journal.len() <= MOST && own.notes.len() <= MOST);
        assert!(own.checkups.iter().all(|(at, _)| *at <= now));
        assert!(own.journal.iter().all(|(text, at)| !text.trim().is_empty() && *at <= now));
        assert!(own.notes.iter().all(|n| ["clarity", "boundaries"].contains(&n.kind.as_str()) && n.text.len() <= CLARITY_MAX * 64));
        assert!(own.situation.as_deref().is_none_or(|s| SITUATIONS.contains(&s)));
        assert!(own.help_signs.iter().all(|s| REPORTED_SIGNALS.contains(&s.as_str())));
    }
});
