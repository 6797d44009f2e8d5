//! Latency of the soft start-up coach on 500-character drafts: it must keep up with every
//! keystroke (target: p99 under 1 ms). Run with `cargo bench -p tend-core --bench coach`.

use std::time::Instant;

const LABELED: &str = include_str!("../tests/data/coach_labeled.tsv");

fn main() {
    let sentences: Vec<&str> = LABELED.lines().filter_map(|l| l.split_once('\t').map(|(_, s)| s)).collect();
    // 500-character drafts stitched from the labeled sentences, each starting somewhere else.
    let drafts: Vec<String> = (0..sentences.len())
        .map(|start| {
            let mut draft = String::new();
            for s in sentences.iter().cycle().skip(start) {
                if draft.chars().count() >= 500 {
                    break;
                }
                draft.push_str(s);
                draft.push(' ');
            }
            draft.chars().take(500).collect()
        })
        .collect();
    // Warm-up: the lexicon is compiled once, on first use.
    for d in &drafts {
        std::hint::black_box(tend_core::coach::analyze(d));
    }
    let mut times: Vec<u128> = Vec::with_capacity(20_000);
    for round in 0..20_000 {
        let draft = &drafts[round % drafts.len()];
        let started = Instant::now();
        std::hint::black_box(tend_core::coach::analyze(std::hint::black_box(draft)));
        times.push(started.elapsed().as_nanos());
    }
    times.sort_unstable();
    let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)] as f64 / 1000.0;
    println!(
        "coach, 500-character drafts, {} runs: p50 {:.1} µs, p99 {:.1} µs, max {:.1} µs (target p99 < 1000 µs)",
        times.len(),
        at(0.50),
        at(0.99),
        at(1.0)
    );
}
