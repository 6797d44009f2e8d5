//! The soft start-up coach: finds wording that tends to raise defensiveness in a draft (absolutes,
//! blame, contempt, sarcasm, demands, piling up old grievances), says why in one line each, and
//! offers the shape "I feel … when … I would love …" filled with the person's own words where it
//! can. Deterministic and explainable: whole-word phrase matching over the lexicon in
//! `content/coach.toml`, with exceptions for kind sentences, genuine questions and quotations.
//! Offsets are in characters (Unicode scalar values) of the original text.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Serialize;

use crate::content::{Coach, CoachKind, Content};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Highlight {
    /// First character, counted in Unicode scalar values.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    pub kind: CoachKind,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Analysis {
    pub harsh: bool,
    pub highlights: Vec<Highlight>,
    /// A softer start in the person's own words where possible; empty when the draft is gentle.
    pub suggestion: String,
}

#[derive(Debug)]
struct Token {
    start: usize,
    end: usize,
    text: String,
    sentence: usize,
    quoted: bool,
}

/// Lower case, straight quotes and apostrophes; one character in, one out (offsets stay put).
fn normalize(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{2032}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{00AB}' | '\u{00BB}' | '\u{201E}' => '"',
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}

fn tokenize(chars: &[char]) -> Vec<Token> {
    let mut tokens = Vec::new();
    let (mut sentence, mut in_double, mut in_single) = (0usize, false, false);
    let is_word = |c: char| c.is_alphanumeric();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        if is_word(c) {
            let start = i;
            let mut text = String::new();
            while i < chars.len() {
                let c = chars[i];
                let apostrophe_inside = c == '\'' && i > start && chars.get(i + 1).is_some_and(|n| is_word(*n));
                if is_word(c) || apostrophe_inside {
                    text.push(c);
                    i += 1;
                } else {
                    break;
                }
            }
            tokens.push(Token { start, end: i, text, sentence, quoted: in_double || in_single });
            continue;
        }
        match c {
            '"' => in_double = !in_double,
            '\'' if !in_single && !prev.is_some_and(is_word) && next.is_some_and(is_word) => in_single = true,
            '\'' if in_single
                && prev.is_some_and(|p| is_word(p) || p == '?' || p == '!' || p == '.')
                && !next.is_some_and(is_word) =>
            {
                in_single = false
            }
            '.' | '!' | '?' | '\n' | ';' if !in_double && !in_single => sentence += 1,
            _ => {}
        }
        i += 1;
    }
    tokens
}

/// The lexicon, split into words once, with its phrases indexed by their first word so each word
/// of a draft is compared only with the phrases that could start there.
struct Compiled {
    phrases: Vec<(CoachKind, Vec<String>)>,
    by_first_word: HashMap<String, Vec<usize>>,
    /// Phrases that start with the wildcard `*` (tried at every word).
    wildcard: Vec<usize>,
    kind_followers: Vec<Vec<String>>,
    question_openers: Vec<Vec<String>>,
}

impl Compiled {
    /// The phrases that may start at a word, in the lexicon's order.
    fn candidates(&self, word: &str) -> Vec<usize> {
        let mut found: Vec<usize> = self.by_first_word.get(word).into_iter().flatten().copied().collect();
        if !self.wildcard.is_empty() {
            found.extend(&self.wildcard);
            found.sort_unstable();
        }
        found
    }
}

/// A phrase as the words it matches; `*` stays a wildcard for exactly one word.
fn words(phrase: &str) -> Vec<String> {
    phrase
        .split_whitespace()
        .map(|w| {
            if w == "*" {
                "*".to_owned()
            } else {
                w.chars().map(normalize).filter(|c| c.is_alphanumeric() || *c == '\'').collect()
            }
        })
        .filter(|w: &String| !w.is_empty())
        .collect()
}

fn compile(coach: &Coach) -> Compiled {
    let phrases: Vec<(CoachKind, Vec<String>)> = coach
        .kinds
        .iter()
        .flat_map(|k| k.phrases.iter().map(move |p| (k.id, words(p))))
        .filter(|(_, w)| !w.is_empty())
        .collect();
    let mut by_first_word: HashMap<String, Vec<usize>> = HashMap::new();
    let mut wildcard = Vec::new();
    for (i, (_, words)) in phrases.iter().enumerate() {
        if words[0] == "*" {
            wildcard.push(i);
        } else {
            by_first_word.entry(words[0].clone()).or_default().push(i);
        }
    }
    Compiled {
        phrases,
        by_first_word,
        wildcard,
        kind_followers: coach.exceptions.kind_followers.iter().map(|p| words(p)).collect(),
        question_openers: coach.exceptions.question_openers.iter().map(|p| words(p)).collect(),
    }
}

fn compiled_embedded() -> &'static Compiled {
    static COMPILED: OnceLock<Compiled> = OnceLock::new();
    COMPILED.get_or_init(|| compile(&Content::embedded().coach))
}

/// Whether the words at `at` begin with `phrase` (all in one sentence, none quoted).
fn matches_at(tokens: &[Token], at: usize, phrase: &[String]) -> bool {
    let Some(window) = tokens.get(at..at + phrase.len()) else {
        return false;
    };
    let sentence = window[0].sentence;
    window.iter().zip(phrase).all(|(t, w)| !t.quoted && t.sentence == sentence && (w == "*" || &t.text == w))
}

fn starts_any(tokens: &[Token], at: usize, options: &[Vec<String>]) -> bool {
    options.iter().any(|o| matches_at(tokens, at, o))
}

/// Analyses a draft with the shipped lexicon.
pub fn analyze(text: &str) -> Analysis {
    analyze_with(&Content::embedded().coach, compiled_embedded(), text)
}

fn analyze_with(coach: &Coach, lexicon: &Compiled, text: &str) -> Analysis {
    let original: Vec<char> = text.chars().collect();
    let normalized: Vec<char> = original.iter().map(|c| normalize(*c)).collect();
    let tokens = tokenize(&normalized);
    let mut found: Vec<Found> = Vec::new();
    for (at, token) in tokens.iter().enumerate() {
        for candidate in lexicon.candidates(&token.text) {
            let (kind, phrase) = &lexicon.phrases[candidate];
            if !matches_at(&tokens, at, phrase) {
                continue;
            }
            let after = at + phrase.len();
            if *kind == CoachKind::Absolute {
                let same_sentence = tokens.get(after).is_some_and(|t| t.sentence == token.sentence);
                if same_sentence && starts_any(&tokens, after, &lexicon.kind_followers) {
                    continue;
                }
                let first = tokens.iter().position(|t| t.sentence == token.sentence).unwrap_or(at);
                if starts_any(&tokens, first, &lexicon.question_openers) {
                    continue;
                }
            }
            found.push(Found { start: token.start, end: tokens[after - 1].end, kind: *kind, first: at, after });
        }
    }
    // Longest first at each start; overlapping matches are one highlight.
    found.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
    let mut kept: Vec<Found> = Vec::new();
    for m in found {
        if kept.last().is_none_or(|last| m.start >= last.end) {
            kept.push(m);
        }
    }
    let highlights: Vec<Highlight> = kept
        .iter()
        .map(|f| Highlight { start: f.start, end: f.end, kind: f.kind, reason: coach.kind(f.kind).reason.clone() })
        .collect();
    let suggestion = if highlights.is_empty() { String::new() } else { suggest(coach, &original, &tokens, &kept) };
    Analysis { harsh: !highlights.is_empty(), highlights, suggestion }
}

/// One phrase found: its characters, its kind, and the tokens it spans.
struct Found {
    start: usize,
    end: usize,
    kind: CoachKind,
    first: usize,
    after: usize,
}

/// "I feel [emotion] when [situation]. I would love [request]." from the draft's own words: the
/// situation is the sentence around the first absolute, grievance or demand, with the absolute
/// taken out ("you never help" becomes "you don't help") and any other flagged words left out.
fn suggest(coach: &Coach, original: &[char], tokens: &[Token], kept: &[Found]) -> String {
    let text = &coach.suggestion;
    let emotion = tokens
        .iter()
        .find(|t| text.emotions.iter().any(|e| e == &t.text))
        .map(|t| t.text.clone())
        .unwrap_or_else(|| text.emotion_unknown.clone());
    let situation = kept
        .iter()
        .filter(|f| matches!(f.kind, CoachKind::Absolute | CoachKind::Piling | CoachKind::Demand))
        .find_map(|f| {
            let sentence = tokens[f.first].sentence;
            // Start at the phrase itself when it is about "you", so its verb keeps its sense.
            let from = if tokens[f.first].text == "you" { f.first } else { f.after };
            let mut rest: Vec<String> = Vec::new();
            for t in tokens[from..].iter().take_while(|t| t.sentence == sentence) {
                // A new clause ("… and I'm tired") is not part of the situation.
                if rest.len() >= 3 && matches!(t.text.as_str(), "and" | "but" | "so" | "because") {
                    break;
                }
                let flagged_elsewhere =
                    kept.iter().any(|k| k.first != f.first && t.start >= k.start && t.start < k.end);
                if flagged_elsewhere
                    || matches!(t.text.as_str(), "always" | "constantly" | "ever" | "again" | "every" | "single")
                {
                    continue;
                }
                rest.push(match t.text.as_str() {
                    "never" => "don't".to_owned(),
                    "you" => "you".to_owned(),
                    _ => original[t.start..t.end].iter().collect(),
                });
            }
            let you = rest.first().is_some_and(|w| w == "you");
            (rest.len() >= 2).then(|| if you { rest.join(" ") } else { format!("you {}", rest.join(" ")) })
        })
        .unwrap_or_else(|| text.situation_unknown.clone());
    text.template
        .replace("{emotion}", &emotion)
        .replace("{situation}", &situation)
        .replace("{request}", &text.request_unknown)
}
