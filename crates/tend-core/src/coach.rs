//! The soft start-up coach: finds wording that tends to raise defensiveness in a draft (absolutes,
//! blame, contempt, sarcasm, demands, piling up old grievances), says why in one line each, and
//! offers the shape "I feel … when … I would love …" filled with the person's own words where it
//! can. Deterministic and explainable: whole-word phrase matching over the lexicon in
//! `content/coach.toml`, plus rules over word classes (`patterns`: a put-down aimed at "you",
//! threats, comparisons, sarcastic praise …), with exceptions for kind sentences (warm absolutes),
//! negation, genuine questions and quotations. A small linear model (`model`, trained on the
//! corpus's development part) gives a second opinion: it may hear what no rule did, or let a
//! rule's find go as a false alarm. Every highlight carries a calm one-line reason. Offsets are in characters (Unicode scalar values) of the original text.

mod counted;
mod counter;
mod cue_words;
mod cues;
pub mod eval;
mod let_go;
mod model;
mod patterns;
mod suggest;
mod words;

use std::sync::OnceLock;

pub use model::train;
use patterns::{phrase_words, Patterns};
use words::{Word, WordMap};

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
        let next = chars.get(i + 1).copied(); // A few emoji carry tone ("🙄", "💛"): each is a word of its own.
                                              // One after the end of a sentence belongs to it ("Thanks. 🙄").
        if words::TONE_EMOJI.contains(&c) {
            let sentence = tokens.last().map_or(sentence, |t: &Token| t.sentence);
            tokens.push(Token { start: i, end: i + 1, text: c.to_string(), sentence, quoted: in_double || in_single });
            i += 1;
            continue;
        }
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
    /// Each phrase with its kind and its own reason (empty: the kind's reason).
    phrases: Vec<(CoachKind, Vec<String>, String)>,
    by_first_word: WordMap<Vec<usize>>,
    /// Phrases that start with the wildcard `*` (tried at every word).
    wildcard: Vec<usize>,
    kind_followers: Vec<Vec<String>>,
    question_openers: Vec<Vec<String>>,
    patterns: Patterns,
}

impl Compiled {
    /// The phrases that may start at a word: those starting with it, then the wildcard ones.
    fn candidates<'a>(&'a self, word: &str) -> impl Iterator<Item = usize> + 'a {
        self.by_first_word.get(word).into_iter().flatten().chain(&self.wildcard).copied()
    }
}

fn compile(coach: &Coach) -> Compiled {
    let phrases: Vec<(CoachKind, Vec<String>, String)> = coach
        .kinds
        .iter()
        .flat_map(|k| k.phrases.iter().map(move |p| (k.id, phrase_words(p), String::new())))
        .chain(
            coach
                .patterns
                .groups
                .iter()
                .flat_map(|g| g.phrases.iter().map(move |p| (g.kind, phrase_words(p), g.reason.clone()))),
        )
        .filter(|(_, w, _)| !w.is_empty())
        .collect();
    let mut by_first_word: WordMap<Vec<usize>> = WordMap::default();
    let mut wildcard = Vec::new();
    for (i, (_, words, _)) in phrases.iter().enumerate() {
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
        kind_followers: coach.exceptions.kind_followers.iter().map(|p| phrase_words(p)).collect(),
        question_openers: coach.exceptions.question_openers.iter().map(|p| phrase_words(p)).collect(),
        patterns: Patterns::new(coach),
    }
}

fn compiled_embedded() -> &'static Compiled {
    static COMPILED: OnceLock<Compiled> = OnceLock::new();
    COMPILED.get_or_init(|| compile(&Content::embedded().coach))
}

/// Whether the words at `at` begin with `phrase` (all in one sentence, none quoted).
fn matches_at(tokens: &[Word], at: usize, phrase: &[String]) -> bool {
    let Some(window) = tokens.get(at..at + phrase.len()) else {
        return false;
    };
    let sentence = window[0].sentence;
    window.iter().zip(phrase).all(|(t, w)| !t.quoted && t.sentence == sentence && (w == "*" || &t.text == w))
}

fn starts_any(tokens: &[Word], at: usize, options: &[Vec<String>]) -> bool {
    options.iter().any(|o| matches_at(tokens, at, o))
}

/// Analyses a draft with the shipped lexicon.
pub fn analyze(text: &str) -> Analysis {
    analyze_with(&Content::embedded().coach, compiled_embedded(), model::Model::shipped(), text)
}

/// Analyses a draft with the shipped lexicon and another model (cross-validation trains one per fold).
pub(crate) fn analyze_using(model: &model::Model, text: &str) -> Analysis {
    analyze_with(&Content::embedded().coach, compiled_embedded(), model, text)
}

/// The draft's tokens spelled out into words ("you're" becomes "you are"), spans kept.
fn spell_out(tokens: Vec<Token>) -> Vec<Word> {
    let mut words = Vec::with_capacity(tokens.len() + 8);
    let nexts: Vec<Option<String>> = tokens.iter().skip(1).map(|t| Some(t.text.clone())).chain([None]).collect();
    for (t, next) in tokens.into_iter().zip(nexts) {
        let (start, end, sentence, quoted) = (t.start, t.end, t.sentence, t.quoted);
        // "ur" is "your" before a thing ("ur fault", "ur mum"), else "you are".
        let ur_is_your = matches!(t.text.as_str(), "ur" | "yr") && next.as_deref().is_some_and(words::ur_is_your);
        let spelled = if ur_is_your { Some(&["your"][..]) } else { words::spelled_out(&t.text) };
        match spelled {
            Some(parts) => {
                for p in parts {
                    let text = (*p).to_owned();
                    words.push(Word { start, end, text, sentence, quoted, expanded: parts.len() > 1 });
                }
            }
            None => words.push(Word { start, end, text: t.text, sentence, quoted, expanded: false }),
        }
    }
    words
}

/// A draft's words as every rule and the model see them.
pub(crate) fn words_of(text: &str) -> Vec<Word> {
    let normalized: Vec<char> = text.chars().map(normalize).collect();
    spell_out(tokenize(&normalized))
}

fn analyze_with(coach: &Coach, lexicon: &Compiled, model: &model::Model, text: &str) -> Analysis {
    let original: Vec<char> = text.chars().collect();
    let words = words_of(text);
    let mut found: Vec<Found> = Vec::new();
    for (at, word) in words.iter().enumerate() {
        for candidate in lexicon.candidates(&word.text) {
            let (kind, phrase, reason) = &lexicon.phrases[candidate];
            if matches_at(&words, at, phrase) {
                found.push(Found {
                    start: word.start,
                    end: words[at + phrase.len() - 1].end,
                    kind: *kind,
                    first: at,
                    after: at + phrase.len(),
                    reason: reason.clone(),
                });
            }
        }
    }
    patterns::find(&lexicon.patterns, &words, &mut found);
    cues::find(&words, &mut found);
    counted::find(&words, &mut found);
    counter::find(&words, &mut found);
    let mut warm_sentences = vec![None; words.last().map_or(0, |w| w.sentence + 1)];
    // A kind use, someone else's words reported, or a judgement the writer turns down.
    found.retain(|f| {
        let let_go = excepted(lexicon, &words, f, &mut warm_sentences)
            || let_go::reported(&words, f.first)
            || f.kind != CoachKind::Demand && let_go::turned_down(&words, f.first);
        !let_go
    });
    second_opinion(model, &words, &mut found);
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
        .map(|f| Highlight {
            start: f.start,
            end: f.end,
            kind: f.kind,
            reason: if f.reason.is_empty() { coach.kind(f.kind).reason.clone() } else { f.reason.clone() },
        })
        .collect();
    let suggestion =
        if highlights.is_empty() { String::new() } else { suggest::suggest(coach, &original, &words, &kept) };
    Analysis { harsh: !highlights.is_empty(), highlights, suggestion }
}

/// The model's second opinion, one sentence at a time (it learned from single sentences): where no
/// rule spoke, it may hear a sentence it is sure of; where a rule found an absolute or an old
/// grievance (words that can be kind or harsh by context), it may let the find go when it is sure
/// that sentence is gentle. It never overrules an insult, a threat, blame or a brush-off.
fn second_opinion(model: &model::Model, words: &[Word], found: &mut Vec<Found>) {
    let features = model::features(words);
    let in_sentence = |s: usize| features.iter().filter(move |f| words[f.from].sentence == s);
    if found.is_empty() {
        let sentences = words.last().map_or(0, |w| w.sentence + 1);
        let heard =
            (0..sentences).filter(|&s| model.speaks(in_sentence(s))).find_map(|s| model.loudest(in_sentence(s)));
        if let Some(heard) = heard {
            let (kind, reason) = cues::for_corpus_kind(heard.kind);
            found.push(Found::span(words, heard.from, heard.to, kind, reason));
        }
    } else {
        found.retain(|f| {
            let context_dependent = matches!(f.kind, CoachKind::Piling);
            !(context_dependent && model.overrules(model.probability(in_sentence(words[f.first].sentence))))
        });
    }
}

/// Whether a match is a kind or harmless use after all: an absolute followed by something kind
/// ("you always make me laugh") or in a warm sentence ("every time you sing I smile"), one inside
/// a genuine question, or a demand turned round ("never stop being you").
fn excepted(lexicon: &Compiled, words: &[Word], f: &Found, warm_sentences: &mut [Option<bool>]) -> bool {
    let sentence = words[f.first].sentence;
    let first = words[..f.first].iter().rposition(|w| w.sentence != sentence).map_or(0, |p| p + 1);
    let in_sentence = || (first..words.len()).take_while(|&k| words[k].sentence == sentence);
    let text = |k: usize| words.get(k).map_or("", |w| w.text.as_str());
    let about_you = || in_sentence().any(|k| matches!(text(k), "you" | "your" | "yourself"));
    match f.kind {
        CoachKind::Absolute | CoachKind::Piling => {
            let follows_kindly = words.get(f.after).is_some_and(|t| t.sentence == sentence)
                && starts_any(words, f.after, &lexicon.kind_followers);
            let question = f.kind == CoachKind::Absolute && starts_any(words, first, &lexicon.question_openers);
            // A warm word the writer feels ("… I smile", "love you always").
            let warm = *warm_sentences[sentence].get_or_insert_with(|| {
                in_sentence().any(|k| {
                    !words[k].quoted
                        && lexicon.patterns.warm.at(words, k).is_some()
                        && (k == first
                            || (k.saturating_sub(3).max(first)..k).any(|j| matches!(text(j), "i" | "me" | "we" | "us")))
                })
            });
            // "Same time as usual?" is about a habit, not about the person.
            let habit = f.kind == CoachKind::Piling
                && matches!(text(f.first), "as" | "per")
                && !about_you()
                && !in_sentence().any(|k| matches!(text(k), "i" | "me" | "my"));
            let end =
                (first..words.len()).take_while(|&k| words[k].sentence == sentence).last().map_or(first, |k| k + 1);
            let sweeping =
                f.kind == CoachKind::Absolute || matches!(text(f.first), "every" | "each" | "all" | "always");
            let praise = sweeping && cues::kind_absolute(words, first..end, f.first);
            follows_kindly || question || warm || habit || praise
        }
        // "I want our kids to grow up …", "let's do it now", "never stop being you".
        CoachKind::Demand => {
            let before = if f.first > first { text(f.first - 1) } else { "" };
            let imperative =
                matches!(text(f.first), "grow" | "get" | "man" | "answer" | "calm" | "snap" | "stop" | "do");
            matches!(before, "never" | "not" | "if" | "whenever")
                || imperative
                    && matches!(
                        before,
                        "to" | "i" | "we" | "they" | "he" | "she" | "us" | "will" | "would" | "could" | "can"
                    )
        }
        // "I'm not saying it's your fault", "I don't think you're selfish".
        // … and "nothing about this is your fault".
        CoachKind::Blame => {
            (first..f.first).any(|k| text(k) == "not" && patterns::NEGATED_THOUGHT.contains(&text(k + 1)))
                || text(f.first) != "not"
                    && (f.first.saturating_sub(4).max(first)..f.first).any(|k| matches!(text(k), "nothing" | "never"))
                || text(f.first) != "not" && f.first > first && text(f.first - 1) == "not"
        }
        // "Don't forget it's bin day" is a reminder, not a brush-off.
        CoachKind::Contempt => f.first >= first + 2 && text(f.first - 1) == "not" && text(f.first - 2) == "do",
        _ => false,
    }
}

/// One phrase found: its characters, its kind, and the tokens it spans.
pub(crate) struct Found {
    start: usize,
    end: usize,
    kind: CoachKind,
    /// The words it spans.
    first: usize,
    after: usize,
    /// Its own reason, or empty for its kind's reason.
    reason: String,
}

impl Found {
    /// What the words `from..to` show, with the reason a rule gives.
    pub(crate) fn span(words: &[words::Word], from: usize, to: usize, kind: CoachKind, reason: &str) -> Found {
        Found {
            start: words[from].start,
            end: words[to - 1].end,
            kind,
            first: from,
            after: to,
            reason: reason.to_owned(),
        }
    }
}

/// For the rule files' own tests: each of `harsh` is judged harsh and each of `gentle` is not.
#[cfg(test)]
pub(crate) fn assert_judged(harsh: &[&str], gentle: &[&str]) {
    for draft in harsh {
        assert!(analyze(draft).harsh, "judged gentle: {draft}");
    }
    for draft in gentle {
        assert!(!analyze(draft).harsh, "judged harsh: {draft}");
    }
}
