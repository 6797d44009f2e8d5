//! The content loader on any file: the first byte picks which of the shipped files is replaced
//! by the rest of the input. Loading reports problems as a list; it never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tend_core::content::{Content, Sources, EMBEDDED};

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let mut s: Sources<'_> = EMBEDDED;
    let files: [&mut &str; 21] = [
        &mut s.features, &mut s.checkup, &mut s.pulse, &mut s.plan, &mut s.maintenance, &mut s.coach,
        &mut s.questions, &mut s.openers, &mut s.pause, &mut s.ground_rules, &mut s.repairs, &mut s.listening,
        &mut s.safety, &mut s.rituals, &mut s.weekly_check, &mut s.together, &mut s.guides, &mut s.support,
        &mut s.tips, &mut s.helplines, &mut s.synonyms,
    ];
    let count = files.len();
    for (i, file) in files.into_iter().enumerate() {
        if i == usize::from(which) % count {
            *file = text;
        }
    }
    if let Err(problems) = Content::load(&s) {
        assert!(!problems.is_empty(), "a failed load names its problems");
    }
});
