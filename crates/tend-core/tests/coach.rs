//! The coach measured against the labeled set in `tests/data/coach_labeled.tsv`, and checked for
//! robustness on any input.

use proptest::prelude::*;
use tend_core::coach::analyze;

const LABELED: &str = include_str!("data/coach_labeled.tsv");

#[test]
fn the_coach_finds_harsh_drafts_with_precision_and_recall_of_at_least_nine_tenths() {
    let (mut tp, mut fp, mut fn_, mut total) = (0, 0, 0, 0);
    let mut misses = Vec::new();
    for line in LABELED.lines().filter(|l| !l.trim().is_empty()) {
        let (label, sentence) = line.split_once('\t').expect("label<TAB>sentence");
        let harsh = match label {
            "harsh" => true,
            "soft" => false,
            other => panic!("unknown label {other:?}"),
        };
        total += 1;
        let found = analyze(sentence).harsh;
        match (harsh, found) {
            (true, true) => tp += 1,
            (false, true) => {
                fp += 1;
                misses.push(format!("flagged but soft: {sentence}"));
            }
            (true, false) => {
                fn_ += 1;
                misses.push(format!("missed harsh: {sentence}"));
            }
            (false, false) => {}
        }
    }
    let precision = f64::from(tp) / f64::from(tp + fp);
    let recall = f64::from(tp) / f64::from(tp + fn_);
    println!("coach on {total} labeled sentences: precision {precision:.3}, recall {recall:.3}");
    for miss in &misses {
        println!("  {miss}");
    }
    assert!(total >= 150, "the labeled set has {total} sentences");
    assert!(precision >= 0.9 && recall >= 0.9, "precision {precision:.3}, recall {recall:.3}:\n{}", misses.join("\n"));
}

#[test]
fn kind_uses_of_always_and_quotations_are_not_flagged() {
    assert!(!analyze("I always love our walks.").harsh);
    assert!(!analyze("You always make me laugh").harsh);
    assert!(!analyze("My sister says \"you never listen\" is unfair to say.").harsh);
    assert!(!analyze("Do you always work late on Fridays?").harsh);
    assert!(analyze("Why do you always do this?").harsh);
}

/// An absolute is judged by what it says is always or never done: thanks for what is never done
/// ("never complained") or always done well is kind; a sweep about "you" is heard wherever it
/// stands. Words someone else said, reported, and a judgement the writer turns down are let go.
#[test]
fn what_is_always_done_who_said_it_and_what_is_turned_down_decide() {
    for gentle in [
        "You never once complained about my night shifts.",
        "You always look after the garden beautifully.",
        "Every time we argue, you come back and talk it through. I appreciate that.",
        "Your mum said you were a terrible sleeper as a baby 😂",
        "Nobody thinks you're stupid, love, the instructions were awful.",
        "It's not that you're messy, we just need more storage.",
        "Never stop being you.",
    ] {
        assert!(!analyze(gentle).harsh, "{gentle}");
    }
    for harsh in [
        "You always sigh when I ask for help.",
        "You never listen to me and I feel lonely",
        "It's always about what you want.",
        "There's always an excuse with you, isn't there.",
        "You're so stupid.",
        "I think you're stupid.",
    ] {
        assert!(analyze(harsh).harsh, "{harsh}");
    }
}

#[test]
fn a_highlight_names_its_kind_and_reason_at_character_offsets() {
    let text = "Café first — then: you never listen";
    let a = analyze(text);
    assert!(a.harsh);
    let h = &a.highlights[0];
    let chars: Vec<char> = text.chars().collect();
    assert_eq!(chars[h.start..h.end].iter().collect::<String>(), "you never");
    assert_eq!(h.kind.as_str(), "absolute");
    assert!(!h.reason.is_empty());
}

#[test]
fn the_suggestion_uses_the_persons_own_words() {
    let a = analyze("You never help with the dishes and I'm tired");
    assert!(a.suggestion.contains("you don't help with the dishes"), "{}", a.suggestion);
    assert!(a.suggestion.contains("tired"), "{}", a.suggestion);
    assert_eq!(analyze("I'd love a walk with you tonight.").suggestion, "");
}

proptest! {
    #[test]
    fn any_text_is_analysed_without_panicking_and_highlights_lie_on_its_characters(text in "\\PC{0,300}") {
        let a = analyze(&text);
        let len = text.chars().count();
        let mut last_end = 0;
        for h in &a.highlights {
            prop_assert!(h.start < h.end && h.end <= len);
            prop_assert!(h.start >= last_end, "sorted and not overlapping");
            last_end = h.end;
        }
        prop_assert_eq!(a.harsh, !a.highlights.is_empty());
    }

    #[test]
    fn harsh_phrases_inside_any_unicode_are_still_found(prefix in "\\PC{0,40}", suffix in "[^\"'\u{201C}\u{201D}\u{2018}\u{2019}]{0,40}") {
        let text = format!("{prefix}. you're so selfish {suffix}");
        // A quotation mark in the prefix may open a quotation, inside which nothing is flagged.
        let clean_prefix = !prefix.chars().any(|c| matches!(c,
            '"' | '\'' | '\u{201C}' | '\u{201D}' | '\u{2018}' | '\u{2019}' | '\u{AB}' | '\u{BB}' | '\u{201E}' | '\u{02BC}' | '\u{2032}'));
        if clean_prefix {
            prop_assert!(analyze(&text).harsh, "{}", text);
        }
    }
}

/// The model is a second opinion, one sentence at a time: gentle sentences around an insult never
/// outvote it, and a kind offer that merely starts like a threat ("If you …") is not called harsh.
#[test]
fn the_models_second_opinion_never_hides_an_insult_nor_flags_kind_grammar() {
    let long = "We need to talk about the holidays when you are home tomorrow. You are such a loser.";
    assert!(analyze(long).harsh, "{long}");
    for kind in [
        "If you are tired, we can skip it.",
        "If you have time on Saturday, could we go for a walk?",
        "If you want, I can cook tonight and you can rest.",
    ] {
        assert!(!analyze(kind).harsh, "{kind}: {:?}", analyze(kind).highlights);
    }
    // What the rules have no phrase for, the model hears, and says why.
    let a = analyze("You're hopeless with money.");
    assert!(a.harsh && a.highlights.iter().all(|h| !h.reason.is_empty()));
}
