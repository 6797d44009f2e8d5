//! The gentler start the coach offers: "I feel [emotion] when [situation]. I would love
//! [request]." built from the draft's own words where they make a whole clause, and from calm
//! default words where they don't, so the suggestion always reads as a whole sentence.

use super::words::Word;
use super::Found;
use crate::content::{Coach, CoachKind};

/// Words a situation may not end on: it would stop mid-clause ("when you need to").
const DANGLING: &[&str] = &[
    "to", "the", "a", "an", "and", "or", "but", "of", "with", "for", "my", "your", "that", "at", "about", "is", "are",
    "am", "be", "if", "when", "so", "because", "than", "like", "just", "do", "does", "not", "have", "has", "will",
    "would", "can", "could", "need", "needs", "want", "from", "by", "as", "this", "it's", "i",
];

/// "I feel [emotion] when [situation]. I would love [request]." from the draft's own words: the
/// situation is the clause after "you" + an absolute ("you never help" becomes "you don't help"),
/// cut before any other flagged words; it is used only when it reads as a whole clause, and calm
/// default words fill in otherwise, so the suggestion is always a whole sentence.
pub(super) fn suggest(coach: &Coach, original: &[char], words: &[Word], kept: &[Found]) -> String {
    let text = &coach.suggestion;
    let emotion = words
        .iter()
        .find(|t| !t.quoted && text.emotions.iter().any(|e| e == &t.text))
        .map(|t| t.text.clone())
        .unwrap_or_else(|| text.emotion_unknown.clone());
    let situation = kept
        .iter()
        .filter(|f| f.kind == CoachKind::Absolute)
        .find_map(|f| situation(original, words, kept, f))
        .unwrap_or_else(|| text.situation_unknown.clone());
    text.template
        .replace("{emotion}", &emotion)
        .replace("{situation}", &situation)
        .replace("{request}", &text.request_unknown)
}

/// "you don't help with the dishes" from "You never help with the dishes, …", if it is whole.
fn situation(original: &[char], words: &[Word], kept: &[Found], f: &Found) -> Option<String> {
    let you = &words[f.first];
    let absolute = words.get(f.first + 1)?;
    if you.text != "you" || you.expanded || !matches!(absolute.text.as_str(), "never" | "always" | "constantly") {
        return None;
    }
    let mut rest: Vec<String> = vec!["you".to_owned(), if absolute.text == "never" { "don't" } else { "" }.to_owned()];
    for (k, w) in words.iter().enumerate().skip(f.first + 2) {
        let flagged_elsewhere = kept.iter().any(|o| o.start != f.start && w.start >= o.start && w.start < o.end);
        if w.sentence != you.sentence || w.quoted || flagged_elsewhere || rest.len() >= 14 {
            break;
        }
        if rest.len() >= 4 && matches!(w.text.as_str(), "and" | "but" | "so" | "because" | "or") {
            break;
        }
        // A comma or dash ends the clause ("you never text back, typical").
        let gap_start = words[k - 1].end.min(w.start);
        if original[gap_start..w.start].iter().any(|c| matches!(c, ',' | '\u{2014}' | '\u{2013}' | ':' | '(')) {
            break;
        }
        if matches!(w.text.as_str(), "once" | "ever" | "again" | "even") || (k == f.first + 2 && w.text == "do") {
            continue;
        }
        let piece: String = if w.expanded || w.text == "i" {
            if w.text == "i" {
                "I".to_owned()
            } else {
                w.text.clone()
            }
        } else {
            original[w.start..w.end].iter().collect()
        };
        if rest.last().is_some_and(|l| l.eq_ignore_ascii_case(&piece)) {
            continue;
        }
        rest.push(piece);
    }
    let rest: Vec<String> = rest.into_iter().filter(|w| !w.is_empty()).collect();
    let verb = rest.get(1).filter(|w| *w != "don't").or(rest.get(2))?;
    let last = rest.last()?.to_lowercase();
    let whole = rest.len() >= 2
        && !DANGLING.contains(&last.as_str())
        && verb.chars().all(|c| c.is_alphabetic() || c == '\'')
        && !matches!(verb.as_str(), "not" | "have" | "are" | "do" | "will");
    whole.then(|| rest.join(" "))
}
