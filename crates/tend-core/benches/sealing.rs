//! What sealed words cost: sealing and opening a 2,000-character note (the longest a clarity note
//! may be), opening a session's wrap of the data key, which every signed-in request does, and the
//! couple's key: opened from a member's own wrap (each page with shared words), or from a sealed
//! box (once per member) and sealed to a partner's public key (once per hand-over).
//! Run with `cargo bench -p tend-core --bench sealing`.

use std::time::Instant;

use tend_core::sealing::{DataKey, PublicKey, WrapKey};

/// p50, p99 and max of `runs` timings of `work`, in microseconds.
fn measure(runs: usize, mut work: impl FnMut()) -> (f64, f64, f64) {
    for _ in 0..1_000 {
        work();
    }
    let mut times: Vec<u128> = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        work();
        times.push(started.elapsed().as_nanos());
    }
    times.sort_unstable();
    let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)] as f64 / 1000.0;
    (at(0.50), at(0.99), at(1.0))
}

fn report(what: &str, (p50, p99, max): (f64, f64, f64)) {
    println!("{what}: p50 {p50:.1} µs, p99 {p99:.1} µs, max {max:.1} µs");
}

fn main() {
    let key = DataKey::generate();
    let words = "I keep coming back to the walk by the river, and what I want from the next year. ".repeat(25);
    let words: String = words.chars().take(2_000).collect();
    let sealed = key.seal("private-note", &words);
    report(
        "seal a 2,000-character note",
        measure(20_000, || {
            std::hint::black_box(key.seal("private-note", std::hint::black_box(&words)));
        }),
    );
    report(
        "open a 2,000-character note",
        measure(20_000, || {
            std::hint::black_box(key.open("private-note", std::hint::black_box(&sealed)).unwrap());
        }),
    );
    let token = "a-session-token-of-forty-three-characters-x";
    let wrapped = WrapKey::from_session_token(token).wrap("session:s1", &key);
    report(
        "open a session's data key (every signed-in request)",
        measure(20_000, || {
            let wrap = WrapKey::from_session_token(std::hint::black_box(token));
            std::hint::black_box(wrap.unwrap("session:s1", &wrapped).unwrap());
        }),
    );
    let couple = DataKey::generate();
    let held = key.wrap("couple:c1", &couple);
    report(
        "open the couple's key from a member's own wrap",
        measure(20_000, || {
            std::hint::black_box(key.unwrap("couple:c1", std::hint::black_box(&held)).unwrap());
        }),
    );
    let public: PublicKey = key.public_key();
    let boxed = public.boxed("couple:c1", &couple);
    report(
        "open the couple's key from a sealed box (once per member)",
        measure(2_000, || {
            std::hint::black_box(key.unbox("couple:c1", std::hint::black_box(&boxed)).unwrap());
        }),
    );
    report(
        "seal the couple's key to a partner's public key (once per hand-over)",
        measure(2_000, || {
            std::hint::black_box(public.boxed("couple:c1", std::hint::black_box(&couple)));
        }),
    );
}
