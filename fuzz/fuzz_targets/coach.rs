//! The start-up coach on any text: it never panics, and every highlight lies inside the text,
//! in order, with a reason.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let analysis = tend_core::coach::analyze(text);
    let chars = text.chars().count();
    let mut last = 0;
    for h in &analysis.highlights {
        assert!(h.start < h.end && h.end <= chars, "a highlight outside the text: {h:?} in {chars} chars");
        assert!(h.start >= last, "highlights out of order or overlapping");
        assert!(!h.reason.is_empty());
        last = h.end;
    }
    assert_eq!(analysis.harsh, !analysis.highlights.is_empty());
});
