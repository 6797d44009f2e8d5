//! Context that lets a find go, whatever its kind: words someone else said, reported ("my sister
//! told me I'm always late"), and a judgement the writer turns down before it ("nobody thinks
//! you're stupid").

use super::cues::NEGATED_THOUGHT;
use super::words::Word;

/// Whether the words at `at` are someone else's, reported: "my sister told me I'm always late",
/// "the guy on the radio said married men never help". A reporting verb before them in the
/// sentence, said by someone other than the writer or the partner.
pub(crate) fn reported(words: &[Word], at: usize) -> bool {
    let sentence = words[at].sentence;
    let first = words[..at].iter().rposition(|w| w.sentence != sentence).map_or(0, |p| p + 1);
    (first + 1..at).any(|k| {
        matches!(words[k].text.as_str(), "said" | "says" | "told" | "tells" | "called" | "calls" | "reckons")
            && !matches!(words[k - 1].text.as_str(), "you" | "i" | "we" | "just" | "have" | "has" | "had")
    })
}

/// Whether the words at `at` are a judgement the writer turns down before it: "I don't think
/// you're unreliable", "nobody thinks you're stupid", "don't call yourself pathetic", "it's not
/// that you're messy", "that wasn't you being careless".
pub(crate) fn turned_down(words: &[Word], at: usize) -> bool {
    let sentence = words[at].sentence;
    let first = words[..at].iter().rposition(|w| w.sentence != sentence).map_or(0, |p| p + 1);
    let text = |k: usize| words[k].text.as_str();
    (first..at).any(|k| {
        let next = if k + 1 < at { text(k + 1) } else { "" };
        match text(k) {
            "not" | "stop" | "never" => {
                // "that wasn't you being careless" (not "it's not you who does the dishes").
                let you_being = next == "you" && k + 2 < at && text(k + 2) == "being";
                NEGATED_THOUGHT.contains(&next) || matches!(next, "thinks" | "says" | "calls" | "that") || you_being
            }
            "nobody" | "noone" => matches!(next, "thinks" | "think" | "says" | "said" | "believes" | "is"),
            _ => false,
        }
    })
}
