//! Turning it back on the partner, by the shape of what is said rather than its words:
//! a denial answered with a charge ("I'm not lazy, you're just a neat freak", "I'm not shouting!
//! You're shouting!"), and a condition laid on "you" ("I'd help more if you didn't criticise",
//! "we wouldn't be late if you'd just left"). A warm sentence of the same shape ("I'd love it
//! if you came") is left alone.

use super::words::Word;
use super::{CoachKind, Found};
use crate::msg;

/// Adds each denial-and-charge and each condition laid on "you" to `out`.
pub(crate) fn find(words: &[Word], out: &mut Vec<Found>) {
    let sentences = words.last().map_or(0, |w| w.sentence + 1);
    let range = |s: usize| {
        let from = words.iter().position(|w| w.sentence == s).unwrap_or(words.len());
        let to = words.iter().rposition(|w| w.sentence == s).map_or(from, |p| p + 1);
        from..to
    };
    for s in 0..sentences {
        let here = range(s);
        if here.is_empty() {
            continue;
        }
        if let Some((from, to)) = denial_and_charge(words, here.clone(), range(s + 1)) {
            out.push(Found::span(words, from, to, CoachKind::Blame, msg::counter_turning_back_them_tends()));
        } else if let Some((from, to)) = condition_on_you(words, here.clone()) {
            if super::model::warmest(words, here) < 2.0 {
                out.push(Found::span(words, from, to, CoachKind::Blame, ""));
            }
        }
    }
}

/// "I'm not X, you (just) Y" in one sentence, or "I'm not X." then "You …" with a word of it.
fn denial_and_charge(
    words: &[Word],
    s: std::ops::Range<usize>,
    next: std::ops::Range<usize>,
) -> Option<(usize, usize)> {
    let text = |k: usize| words.get(k).filter(|w| !w.quoted).map_or("", |w| w.text.as_str());
    let first = s.start;
    let denies = text(first) == "i"
        && matches!(text(first + 1), "am" | "was" | "did" | "do" | "have" | "had")
        && (text(first + 2) == "not" || text(first + 2) == "never");
    if !denies {
        return None;
    }
    let denied: Vec<&str> = (first + 3..s.end).map(text).take_while(|w| *w != "you").collect();
    // The charge: "you" later in the sentence, with "just" or a hurtful word after it …
    // "you" that starts a charge ("you're just …", "you got there early"), not "angry with you".
    let charges = |k: usize| {
        text(k) == "you"
            && matches!(
                text(k + 1),
                "are" | "were" | "just" | "did" | "do" | "never" | "always" | "got" | "get" | "have" | "had" | "was"
            )
    };
    if let Some(you) = (first + 3..s.end).find(|&k| charges(k)) {
        let charge = you..s.end;
        let pointed = charge.clone().any(|k| text(k) == "just")
            || super::model::polarity(words, charge.clone()) < 0.0
            || charge.clone().any(|k| denied.contains(&text(k)) && text(k).len() > 3);
        if pointed {
            return Some((you, (you + 3).min(s.end)));
        }
    }
    // … or the next sentence opening on "you" and saying the same of them.
    if !next.is_empty()
        && text(next.start) == "you"
        && next.clone().any(|k| denied.contains(&text(k)) && text(k).len() > 3)
    {
        return Some((next.start, (next.start + 3).min(next.end)));
    }
    None
}

/// "I'd help more if you didn't …", "we wouldn't be late if you'd just …", "if you didn't nag so
/// much I'd remember": what the writer would do, made to wait on "you".
fn condition_on_you(words: &[Word], s: std::ops::Range<usize>) -> Option<(usize, usize)> {
    let text = |k: usize| if k < s.end && !words[k].quoted { words[k].text.as_str() } else { "" };
    let if_you = (s.start..s.end).find(|&k| text(k) == "if" && text(k + 1) == "you")?;
    // "I'd", "we wouldn't" are spelled out: "i would", "we would not".
    let would = (s.start..s.end).any(|k| matches!(text(k), "i" | "we") && text(k + 1) == "would");
    // What "you" would have to change: a "not" or a "just" in the condition.
    let pressing = (if_you + 2..(if_you + 5).min(s.end)).any(|k| matches!(text(k), "not" | "just" | "only" | "had"));
    (would && pressing).then_some((if_you, if_you + 2))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_denial_answered_with_a_charge_and_a_condition_laid_on_you_are_heard() {
        crate::coach::assert_judged(
            &[
                "I'm not lazy, you're just a neat freak.",
                "I'm not shouting! You're shouting!",
                "I'd help more if you didn't criticise the way I do it.",
                "If you didn't nag so much I'd remember things.",
            ],
            &[
                "I'm not upset, you did nothing wrong, I promise.",
                "I'd love it if you came with me on Saturday.",
                "I would be so happy if you joined us.",
            ],
        );
    }
}
