//! The coach measured on the corpus of issue 15 (`tests/data/coach-corpus/`), written by someone
//! who had not seen its rules. `test.tsv` is the frozen test part: its sha256 is pinned here so it
//! cannot change silently, and no rule was tuned on it; the figures it reached are asserted as a
//! floor. `dev.tsv` is the development part the rules were tuned on; `dev-more.tsv`, written a
//! day later by another writer who saw neither the rules nor the test part, is the second one.
//! The model is trained on both.

use sha2::{Digest, Sha256};
use tend_core::coach::eval::{cross_validate, evaluate, parse};

const TEST: &str = include_str!("data/coach-corpus/test.tsv");
const DEV: &str = include_str!("data/coach-corpus/dev.tsv");
/// The second development part, written after the rules: no rule was tuned on it when it came.
const DEV_MORE: &str = include_str!("data/coach-corpus/dev-more.tsv");
/// A third part (1,475 sentences), written 2026-11-29 by a writer who saw neither the test part nor
/// the coach's rules and word lists; 19 lines equal or nearly equal to a test or held-out sentence
/// were dropped by a script that printed none of them. The rules of 2026-11-30 were chosen on it;
/// since the fourth part came, the model trains on it too.
const THIRD: &str = include_str!("data/coach-corpus/dev-third.tsv");
/// The fourth part (1,524 sentences), written 2026-11-30 by two more writers who saw neither the
/// test part nor the coach's rules, word lists or model (texting and younger couples; long-married
/// couples and English as a second language). No rule was chosen on it.
const FOURTH: &str = include_str!("data/coach-corpus/dev-fourth.tsv");
/// The fifth part (1,531 sentences), written 2026-11-30 by two more writers who saw neither the
/// test part nor the coach's rules, word lists or model (queer couples, therapy-speak, voice notes;
/// regional and international English across classes). No rule or setting was chosen on it.
const FIFTH: &str = include_str!("data/coach-corpus/dev-fifth.tsv");
const TEST_SHA256: &str = "b18af88126fcc1cc583b4ff5486a818015805fad0c5e24cc9c5d237149d73dab";

/// Floors on the frozen test part: the figures reached, rounded down to two decimals. Before the
/// cue rules (lexicon and patterns only) it scored precision 0.831, recall 0.380; after them,
/// precision 0.904, recall 0.697 (tp 189, fp 20, fn 82, tn 203); with the linear model as second
/// opinion (trained on the development part only), precision 0.918, recall 0.790 (tp 214, fp 19,
/// fn 57, tn 204); but outside the corpus it called kind "If you …" sentences harsh and let a
/// whole draft's gentle words outvote an insult, so it then spoke only per sentence, never on
/// grammar alone and only with a negative word in hand: precision 0.916, recall 0.727 (tp 197,
/// fp 18, fn 74, tn 205). Trained on both development parts (2,349 sentences), allowed to speak
/// without a negative word when surer (never in an offer), with thresholds chosen by
/// cross-validation on the second part: precision 0.888, recall 0.852 (tp 231, fp 29, fn 40,
/// tn 194), f1 0.811 → 0.870. Then, with changes chosen on the third part only (below): an
/// absolute is judged by what it says is always or never done, by the sentiment lexicon ("you
/// never once complained" is thanks), sweeping words about "you" are heard wherever they stand
/// ("every single morning you …"), the model no longer lets absolutes go, and words someone else
/// said ("my sister told me …") or the writer turns down ("nobody thinks you're stupid") are left
/// alone: precision 0.903, recall 0.860 (0.8598; tp 233, fp 25, fn 38, tn 198), f1 0.881.
/// Then the phrases the second and third writers used that no list held ("this is the thanks I
/// get", "I'm allowed to", "nice of you to" …) and two shapes (a denial answered with a charge,
/// a condition laid on "you"): 0.912/0.827 → 0.924/0.900 on the third part, but on the frozen
/// part precision 0.900, recall 0.863 (tp 234, fp 26, fn 37, tn 197): one writer's phrases
/// barely carry to another's. Then the model trained on all four development parts, speaking
/// without a negative word only where it was right 95 % of the time (both chosen by
/// cross-validation on the second and fourth parts, before the frozen part was looked at once):
/// precision 0.919, recall 0.875 (tp 237, fp 21, fn 34, tn 202), f1 0.881 → 0.896. Then trained
/// on a fifth part as well (chosen because f1 rose on every development part's folds): precision
/// 0.910, recall 0.897 (tp 243, fp 24, fn 28, tn 199), f1 0.903. The target is 0.92 for
/// both: not reached yet.
const MIN_PRECISION: f64 = 0.91;
const MIN_RECALL: f64 = 0.89;
/// Floors for the cross-validation on the second development part (reached: 0.928, 0.858; it was
/// 0.923, 0.794 before phrases from it went into the rules' lists on 2026-11-30, so it no longer
/// measures words the rules never met). With the model trained on the third and fourth parts
/// too: 0.928, 0.914; and the fifth: 0.923, 0.923.
const MIN_CV_PRECISION: f64 = 0.92;
const MIN_CV_RECALL: f64 = 0.91;
const MODEL: &str = include_str!("../../../content/coach-model.tsv");

#[test]
fn the_test_part_is_frozen() {
    let actual: String = Sha256::digest(TEST.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(actual, TEST_SHA256, "test.tsv changed; the frozen test part must stay as it was split");
    assert_eq!(parse(TEST).expect("test.tsv parses").len(), 494);
}

#[test]
fn the_coach_generalises_to_the_frozen_test_part() {
    let report = evaluate(&parse(TEST).expect("test.tsv parses"));
    // Figures only: the sentences of the frozen part are not printed, so nobody tunes on them.
    print!("{}", report.render());
    let (p, r) = (report.precision(), report.recall());
    assert!(p >= MIN_PRECISION && r >= MIN_RECALL, "precision {p:.3}, recall {r:.3}");
}

#[test]
fn the_coach_does_well_on_the_development_part() {
    let report = evaluate(&parse(DEV).expect("dev.tsv parses"));
    print!("{}", report.render());
    for w in &report.wrong {
        let a = tend_core::coach::analyze(&w.sentence);
        let chars: Vec<char> = w.sentence.chars().collect();
        let marks: Vec<String> = a.highlights.iter().map(|h| chars[h.start..h.end].iter().collect()).collect();
        let label = if w.harsh { "missed " } else { "flagged" };
        println!("  {label} {:<14} {}  {marks:?}", w.kind, w.sentence);
    }
    // Tuned here: before the cue rules precision 0.822, recall 0.390; after, 0.978 and 0.993; with
    // the model trained on both parts and speaking more, 0.969 and 0.998; trained on four parts,
    // 0.961 and 1.000; on five, 0.958 and 1.000.
    assert!(report.precision() >= 0.95 && report.recall() >= 0.99, "{}", report.render());
}

/// The shipped coach on the third part, which its model was never trained on. First reading:
/// precision 0.896, recall 0.807 (tp 647, fp 75, fn 155, tn 598). Training on it as well (nothing
/// else changed) raised recall on the frozen part but made the model call plain warm sentences
/// ("You're such a good dad.") harsh, so it stays out of training until the model can tell them apart.
/// Since 2026-11-30 it is a development part for the rules: the changes to absolutes, reported
/// words and turned-down judgements were chosen on it (precision 0.912, recall 0.815, tp 654,
/// fp 63, fn 148, tn 610), before the frozen part was looked at once; then counted grievances
/// ("third weekend in a row", "asking since July"): precision 0.912, recall 0.827 (the frozen
/// part did not move); then its phrases and two shapes of turning it back: 0.924, 0.900; then
/// (2026-11-30, later) its ultimatums said as deadlines and threats ("I'm giving you till Sunday",
/// "her or me", "keep ignoring me and …") and comparisons with no "you" in them ("lots of
/// husbands", "normal families"): 0.927, 0.928, no new false alarm. The frozen part did not move
/// (0.900, 0.863), and the second part's cross-validation barely (0.929, 0.862). Since the fourth
/// part came the model trains on this part too: 0.944, 0.953.
#[test]
fn the_coach_does_well_on_the_third_part() {
    let report = evaluate(&parse(THIRD).expect("dev-third.tsv parses"));
    print!("{}", report.render());
    let (p, r) = (report.precision(), report.recall());
    assert!(p >= 0.94 && r >= 0.95, "precision {p:.3}, recall {r:.3}");
}

/// The development parts, in the order the model is trained on them.
const DEVELOPMENT: [&str; 5] = [DEV, DEV_MORE, THIRD, FOURTH, FIFTH];

fn development() -> Vec<tend_core::coach::eval::Labeled> {
    DEVELOPMENT.into_iter().flat_map(|part| parse(part).expect("the part parses")).collect()
}

/// Every development part but `left_out`, for measuring on words the model never saw. Parts are
/// told apart by their text; a part that is not one of them is refused, so a fold can never be
/// trained on the sentences it is judged on.
fn development_without(left_out: &str) -> Vec<tend_core::coach::eval::Labeled> {
    let kept: Vec<&str> = DEVELOPMENT.into_iter().filter(|part| *part != left_out).collect();
    assert_eq!(kept.len(), DEVELOPMENT.len() - 1, "left out a part that is not a development part");
    kept.into_iter().flat_map(|part| parse(part).expect("the part parses")).collect()
}

/// The coach on words its model never saw: the second development part in five folds, each judged
/// with a model trained on everything else of the development parts. Before the second part was
/// used for anything, the shipped coach scored precision 0.935, recall 0.668 on it. The model's
/// two thresholds were chosen here, and since 2026-11-30 phrases from it are in the rules' lists.
#[test]
fn the_coach_generalises_across_the_second_development_part() {
    let report = cross_validate(&development_without(DEV_MORE), &parse(DEV_MORE).expect("dev-more.tsv parses"), 5);
    print!("{}", report.render());
    for w in &report.wrong {
        println!("  {} {:<14} {}", if w.harsh { "missed " } else { "flagged" }, w.kind, w.sentence);
    }
    let (p, r) = (report.precision(), report.recall());
    assert!(p >= MIN_CV_PRECISION && r >= MIN_CV_RECALL, "precision {p:.3}, recall {r:.3}");
}

/// The coach on the fourth part, which no rule was chosen on, in five folds, each judged with a
/// model trained on the other parts and the rest of the fourth. Before it was used for anything,
/// the shipped coach (its model trained on the first two parts) scored precision 0.885, recall
/// 0.801 on it. Trained on the first three parts as well, 0.860 and 0.877; in these folds, 0.867
/// and 0.888, but speaking on plain lines ("See you at three.") it had never been wrong about, so
/// without a negative word it now speaks only where it was right 95 % of the time: 0.889 and
/// 0.827 (f1 0.841 → 0.857), with the second part's folds 0.929/0.862 → 0.928/0.914. With the
/// fifth part in training as well: 0.894, 0.851.
#[test]
fn the_coach_generalises_across_the_fourth_development_part() {
    let (p, r) = in_folds(FOURTH);
    assert!(p >= 0.88 && r >= 0.82, "precision {p:.3}, recall {r:.3}");
}

/// The coach on the fifth part, in five folds like the fourth. Before it was used for anything, the
/// coach trained on the other four parts scored precision 0.875, recall 0.844 on it; in these
/// folds 0.866 and 0.872 (f1 0.859 → 0.869), and f1 rose on the second and fourth parts' folds
/// too, which is why the model trains on it.
#[test]
fn the_coach_generalises_across_the_fifth_development_part() {
    let (p, r) = in_folds(FIFTH);
    assert!(p >= 0.86 && r >= 0.87, "precision {p:.3}, recall {r:.3}");
}

/// Precision and recall on `part` in five folds, each judged with a model trained on the other
/// development parts and the rest of `part`.
fn in_folds(part: &str) -> (f64, f64) {
    let report = cross_validate(&development_without(part), &parse(part).expect("the part parses"), 5);
    print!("{}", report.render());
    (report.precision(), report.recall())
}

/// The model's weights are data, but not hand-tuned data: training on the development parts again
/// gives exactly the shipped file, so nothing in it came from the frozen test part.
#[test]
fn the_shipped_model_is_what_training_on_the_development_part_gives() {
    let trained = tend_core::coach::train(&development());
    assert!(trained == MODEL, "content/coach-model.tsv is stale: run `tend soften --train` (see its header)");
}

/// Every harsh judgement on every part of the corpus (7,373 sentences) has a highlight with a
/// reason, and a gentler start that reads as a whole sentence (no empty slot, no "when you need
/// to", no doubled word).
#[test]
fn every_harsh_judgement_is_explained_and_gets_a_whole_suggestion() {
    let every_part = DEVELOPMENT.into_iter().chain([TEST]).flat_map(|part| parse(part).expect("the part parses"));
    for item in every_part {
        let a = tend_core::coach::analyze(&item.sentence);
        if !a.harsh {
            continue;
        }
        let draft = &item.sentence;
        assert!(!a.highlights.is_empty() && a.highlights.iter().all(|h| !h.reason.is_empty()), "{draft}");
        let s = &a.suggestion;
        assert!(s.ends_with('.') && !s.contains('{') && !s.contains('…') && !s.contains("  "), "{draft} -> {s}");
        assert!(!s.contains("when you need to."), "{draft} -> {s}");
        let words: Vec<String> =
            s.split_whitespace().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase()).collect();
        assert!(words.windows(2).all(|w| w[0] != w[1] || w[0].is_empty()), "doubled word: {draft} -> {s}");
        for sentence in s.split('.').map(str::trim).filter(|x| !x.is_empty()) {
            let last = sentence.rsplit(' ').next().unwrap_or("").to_lowercase();
            assert!(
                !["to", "the", "a", "and", "of", "with", "for", "my", "your", "when", "that", "need", "i"]
                    .contains(&last.as_str()),
                "ends mid-clause: {draft} -> {s}"
            );
        }
    }
}
