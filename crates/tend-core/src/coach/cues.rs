//! Cue rules over the word classes of `cue_words.rs`: phrases that brush the talk aside, defend by
//! counter-attack, blame, compare, threaten, pile up old grievances or mock; a character word
//! aimed at "you" ("you're so flaky", "u r so annoying"); a short order that ends in "now"; and a
//! dismissive reply standing alone ("k."). Each hit names its kind and a calm one-line reason.
//! Phrases are compiled once; a phrase negated just before it ("nothing about this is your
//! fault") or in a warm sentence ("love you, thanks to you I smile") is let go.

use std::sync::OnceLock;

use super::cue_words as cw;
use super::patterns::phrase_words;
use super::words::{Word, WordMap};
use super::Found;
use crate::content::CoachKind;
use crate::msg;

/// The coach's kind and reason for a kind of the labeled corpus (what the model learned with).
pub(crate) fn for_corpus_kind(kind: &str) -> (CoachKind, &'static str) {
    match kind {
        "absolute" => (CoachKind::Absolute, ""),
        "comparison" => (CoachKind::Blame, msg::cues_being_measured_against_someone()),
        "contempt" => (CoachKind::Contempt, ""),
        "defensiveness" => (CoachKind::Blame, msg::cues_counter_attack_reply()),
        "dismissal" => (CoachKind::Contempt, msg::cues_brushing_talk_aside_tends()),
        "grievances" => (CoachKind::Piling, ""),
        "ultimatum" => (CoachKind::Demand, ""),
        "criticism" => (CoachKind::Blame, msg::cues_word_about_who_someone()),
        _ => (CoachKind::Blame, ""),
    }
}

pub(crate) const NEGATED_THOUGHT: &[&str] =
    &["think", "saying", "say", "mean", "meant", "believe", "suppose", "calling", "call", "find", "trying", "said"];
const CARE_OK: &[&str] =
    &["where", "what", "which", "how", "if", "whether", "who", "when", "as", "that", "much", "too", "the", "about"];
const NOW: &[&str] = &["now", "today", "tonight", "immediately"];

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Anywhere,
    Alone,
}

struct Cue {
    words: Vec<String>,
    /// Let go when "not", "no", "never" or "nothing" stands just before it.
    negatable: bool,
    /// Counts only in a sentence with "you" or "your" in it.
    needs_you: bool,
    kind: CoachKind,
    reason: &'static str,
    mode: Mode,
}

/// One-word classes, one bit each in `Cues::classes`.
#[derive(Clone, Copy)]
enum Class {
    Character = 1 << 0,
    Warm = 1 << 1,
    WarmStrong = 1 << 2,
    NeverKind = 1 << 3,
    BlameVerb = 1 << 4,
    Others = 1 << 5,
    OthersDo = 1 << 6,
    Verdict = 1 << 7,
    Filler = 1 << 8,
    Imperative = 1 << 9,
}

struct Cues {
    cues: Vec<Cue>,
    by_first: WordMap<Vec<usize>>,
    classes: WordMap<u16>,
}

impl Cues {
    fn is(&self, word: &str, class: Class) -> bool {
        self.classes.get(word).is_some_and(|bits| bits & class as u16 != 0)
    }
}

/// The entries of a comma-separated list.
fn entries(list: &'static str) -> impl Iterator<Item = &'static str> {
    list.split(',').map(str::trim).filter(|e| !e.is_empty())
}

fn cues() -> &'static Cues {
    static CUES: OnceLock<Cues> = OnceLock::new();
    CUES.get_or_init(|| {
        // (list, kind, own reason, where it counts, let go when negated just before)
        let lists: [(&str, CoachKind, &'static str, Mode, bool); 9] = [
            (cw::SWEEPING, CoachKind::Absolute, "", Mode::Anywhere, false),
            (cw::DISMISSAL, CoachKind::Contempt, msg::cues_brushing_talk_aside_tends(), Mode::Anywhere, true),
            (cw::ALONE, CoachKind::Contempt, msg::cues_brushing_talk_aside_tends(), Mode::Alone, false),
            (cw::DEFENSIVE, CoachKind::Blame, msg::cues_counter_attack_reply(), Mode::Anywhere, false),
            (cw::BLAME, CoachKind::Blame, "", Mode::Anywhere, true),
            (cw::COMPARISON, CoachKind::Blame, msg::cues_being_measured_against_someone(), Mode::Anywhere, false),
            (cw::DEMAND, CoachKind::Demand, "", Mode::Anywhere, false),
            (cw::PILING, CoachKind::Piling, "", Mode::Anywhere, true),
            (cw::CONTEMPT, CoachKind::Contempt, "", Mode::Anywhere, true),
        ];
        let mut cues = Vec::new();
        let mut by_first: WordMap<Vec<usize>> = WordMap::default();
        for (list, kind, reason, mode, negatable) in lists {
            for phrase in entries(list) {
                // "@last year": a grievance only when the sentence speaks to "you".
                let needs_you = phrase.starts_with('@');
                let words = phrase_words(phrase.trim_start_matches('@'));
                if let Some(first) = words.first() {
                    by_first.entry(first.clone()).or_default().push(cues.len());
                    cues.push(Cue { words, negatable, needs_you, kind, reason, mode });
                }
            }
        }
        let mut classes: WordMap<u16> = WordMap::default();
        for (list, class) in [
            (cw::CHARACTER, Class::Character),
            (cw::WARM, Class::Warm),
            (cw::WARM_STRONG, Class::WarmStrong),
            (cw::NEVER_KIND, Class::NeverKind),
            (cw::BLAME_VERBS, Class::BlameVerb),
            (cw::OTHERS, Class::Others),
            (cw::OTHERS_DO, Class::OthersDo),
            (cw::VERDICTS, Class::Verdict),
            (cw::FILLERS, Class::Filler),
            (cw::IMPERATIVES, Class::Imperative),
        ] {
            for word in entries(list).filter(|e| !e.contains([' ', '-'])).flat_map(phrase_words) {
                *classes.entry(word).or_default() |= class as u16;
            }
        }
        Cues { cues, by_first, classes }
    })
}

/// Whether a word of `class` stands in `range`, not just after "not" ("you always know what to say").
fn warm_in(c: &Cues, words: &[Word], range: std::ops::Range<usize>, class: Class) -> bool {
    range
        .clone()
        .any(|k| !words[k].quoted && c.is(&words[k].text, class) && (k == range.start || words[k - 1].text != "not"))
}

/// An absolute said as praise: a warm word in its sentence, or "you never" + a verb whose
/// absence is kind ("you never judge me").
pub(crate) fn kind_absolute(words: &[Word], sentence: std::ops::Range<usize>, at: usize) -> bool {
    let c = cues();
    let never_at = (at + 1..(at + 3).min(sentence.end)).find(|&k| words[k].text == "never");
    // A warm word, but not inside what is "never" done ("you never say thank you").
    // Before the absolute only plain warmth counts ("I love that you always …").
    let after = never_at.map_or(at, |n| (n + 6).min(sentence.end));
    let warm =
        warm_in(c, words, sentence.start..at, Class::WarmStrong) || warm_in(c, words, after..sentence.end, Class::Warm);
    // "… I love that." just after.
    let next = sentence.end..(sentence.end + 3).min(words.len());
    let loved_next = words.get(sentence.end).is_some_and(|n| n.text == "i" || n.text == "love")
        && next.clone().any(|k| matches!(words[k].text.as_str(), "love" | "adore"));
    if warm || loved_next {
        return true;
    }
    // What is always (or never) done, by the sentiment lexicon: "you always cheer the loudest",
    // "you never once complained". The clause after the absolute decides; a warm sentence just
    // after ("… I appreciate that.") counts too.
    let text = |k: usize| if k < sentence.end { words[k].text.as_str() } else { "" };
    // What is done starts after the sweeping word ("you always |…"), and after "you" when the
    // sweep comes first ("every time I'm ill, you |…"); "never stop" and "never fail to" are "always".
    let mut start = at;
    while start < sentence.end && matches!(text(start), "you" | "are" | "have" | "will" | "would") {
        start += 1;
    }
    let sweep = text(start);
    let mut never = sweep == "never";
    start += 1;
    if matches!(sweep, "every" | "each" | "whenever" | "any") {
        start = (start..sentence.end).find(|&k| text(k) == "you").map_or(sentence.end, |k| k + 1);
    }
    if never && matches!(text(start), "once" | "ever") {
        start += 1;
    }
    if never && matches!(text(start), "stop" | "fail" | "stops" | "fails") {
        (never, start) = (false, start + 1);
    }
    let clause_end = (start..sentence.end)
        .find(|&k| {
            matches!(text(k), "when" | "whenever" | "if" | "because" | "while" | "but")
                // "… and I feel lonely", "… so I gave up"; not "so good", "and kind".
                || matches!(text(k), "and" | "so") && matches!(text(k + 1), "i" | "we" | "you" | "it" | "that")
        })
        .unwrap_or(sentence.end);
    let done = super::model::polarity(words, start.min(clause_end)..clause_end);
    let done = if never { -done } else { done };
    let next_end =
        (sentence.end..words.len()).take_while(|&k| words[k].sentence == words[sentence.end].sentence).last();
    let next = next_end.map_or(0.0, |e| super::model::polarity(words, sentence.end..e + 1));
    if done >= 1.0 || (done >= 0.0 && next >= 1.5) {
        return true;
    }
    let mut k = at + 1;
    while k < sentence.end && matches!(words[k].text.as_str(), "never" | "once" | "ever" | "have" | "are" | "will") {
        k += 1;
    }
    let w = |k: usize| words.get(k).filter(|_| k < sentence.end).map_or("", |w| w.text.as_str());
    // "you never made me feel small", "you never say no": being spared a hurt.
    let spared = matches!(w(k), "make" | "made" | "makes") && w(k + 1) == "me" && w(k + 2) == "feel"
        || w(k) == "say" && w(k + 1) == "no";
    never_at.is_some() && (c.is(w(k), Class::NeverKind) || spared)
}

/// Adds every cue found in `words` to `out`.
pub(crate) fn find(words: &[Word], out: &mut Vec<Found>) {
    let c = cues();
    let n = words.len();
    let mut start = 0;
    while start < n {
        let mut end = start + 1;
        while end < n && words[end].sentence == words[start].sentence {
            end += 1;
        }
        sentence(c, words, start..end, out);
        start = end;
    }
}

fn sentence(c: &Cues, words: &[Word], s: std::ops::Range<usize>, out: &mut Vec<Found>) {
    let text = |k: usize| if k < s.end && !words[k].quoted { words[k].text.as_str() } else { "\u{0}" };
    let warm = warm_in(c, words, s.clone(), Class::WarmStrong);
    // "I'm not saying …", "I never meant that …", "I wasn't trying to say …", "stop calling yourself …".
    let thought_negated = |i: usize| {
        (s.start..i).any(|k| matches!(text(k), "not" | "never" | "stop") && NEGATED_THOUGHT.contains(&text(k + 1)))
    };
    let mut hit =
        |from: usize, to: usize, kind: CoachKind, reason: &str| out.push(Found::span(words, from, to, kind, reason));
    // A reply that is only a dismissive word or two, "lol" and "…" aside.
    let core: Vec<usize> = s
        .clone()
        .filter(|&k| !matches!(text(k), "lol" | "lmao" | "ok" | "okay" | "then" | "yeah" | "eh" | "um" | "erm" | "oh"))
        .collect();
    for i in s.clone() {
        let Some(list) = c.by_first.get(text(i)) else { continue };
        for &ci in list {
            let cue = &c.cues[ci];
            let len = cue.words.len();
            if i + len > s.end || !(0..len).all(|j| text(i + j) == cue.words[j]) {
                continue;
            }
            if cue.mode == Mode::Alone {
                // "… said "this is all your fault". Unbelievable.": about the one quoted.
                let about_quote = words.iter().any(|w| w.quoted);
                if core.len() == len && core.first() == Some(&i) && !about_quote {
                    hit(i, i + len, cue.kind, cue.reason);
                }
                continue;
            }
            let starts_negative = matches!(cue.words[0].as_str(), "not" | "no" | "never" | "nothing");
            let negated = !starts_negative
                && cue.negatable
                && (i.saturating_sub(4).max(s.start)..i).any(|k| matches!(text(k), "not" | "nothing" | "never" | "no"));
            let thought = thought_negated(i);
            if cue.kind == CoachKind::Absolute && kind_absolute(words, s.clone(), i.saturating_sub(1).max(s.start)) {
                continue;
            }
            // "I don't care what we eat" is easy-going, not a brush-off.
            let easy = cue.words.last().is_some_and(|w| matches!(w.as_str(), "care" | "bothered" | "fussed" | "mind"))
                && CARE_OK.contains(&text(i + len))
                && !(text(i + len) == "about" && matches!(text(i + len + 1), "you" | "your" | "it" | "this" | "that"));
            let to_you = !cue.needs_you || s.clone().any(|k| matches!(text(k), "you" | "your" | "yourself"));
            let warm_here = warm && cue.kind != CoachKind::Demand;
            if to_you && !(negated || easy || thought || warm_here) {
                hit(i, i + len, cue.kind, cue.reason);
            }
        }
        // A character word aimed at "you": "you're so flaky", "you've been cold and selfish".
        let asked = matches!(text(i), "are" | "were" | "be") && text(i + 1) == "you";
        if text(i) == "you" && matches!(text(i + 1), "are" | "have" | "were" | "r" | "be") || asked {
            let mut k = i + 2;
            // Fillers and adverbs ("so unbelievably selfish") may stand between.
            let filler = |k: usize| c.is(text(k), Class::Filler) || text(k).len() > 4 && text(k).ends_with("ly");
            while k < s.end && k < i + 8 && filler(k) && !c.is(text(k), Class::Character) {
                k += 1;
            }
            let negated = (i + 1..k).any(|j| matches!(text(j), "not" | "never" | "no"));
            let thought = thought_negated(i);
            if k < s.end && c.is(text(k), Class::Character) && !negated && !thought && !warm {
                hit(if asked { i } else { i + 2 }, k + 1, CoachKind::Blame, msg::cues_word_about_who_someone());
            }
        }
    }
    for i in s.clone() {
        let t = text(i);
        // "You're the one yelling!": the charge turned back.
        if t == "you"
            && text(i + 1) == "are"
            && text(i + 2) == "the"
            && text(i + 3) == "one"
            && text(i + 4).ends_with("ing")
        {
            hit(i, i + 5, CoachKind::Blame, msg::cues_counter_attack_reply());
        }
        // "You forget everything.", "you're late to everything".
        if t == "everything"
            && !warm
            && (i.saturating_sub(4).max(s.start)..i).any(|k| text(k) == "you")
            && !matches!(text(i - 1), "mean" | "means" | "did" | "do" | "is")
            && !kind_absolute(words, s.clone(), i)
            && !(s.start..i)
                .any(|k| matches!(text(k), "not" | "thank" | "thanks" | "if" | "did" | "do" | "have" | "can"))
        {
            hit(i, i + 1, CoachKind::Absolute, "");
        }
        // "you've wasted my Saturday", "you just ruined it".
        if t == "you" {
            let mut k = i + 1;
            while k < s.end
                && k < i + 4
                && matches!(text(k), "have" | "had" | "just" | "really" | "totally" | "completely" | "always")
            {
                k += 1;
            }
            if c.is(text(k), Class::BlameVerb) && !thought_negated(i) && !warm {
                hit(i, k + 1, CoachKind::Blame, "");
            }
        }
        // "your attitude stinks", "your cooking is inedible".
        if t == "your" && !thought_negated(i) && !warm {
            let mut k = i + 2;
            while k < s.end
                && k < i + 6
                && matches!(
                    text(k),
                    "is" | "are"
                        | "was"
                        | "so"
                        | "just"
                        | "totally"
                        | "really"
                        | "a"
                        | "an"
                        | "absolutely"
                        | "complete"
                        | "completely"
                        | "utterly"
                        | "such"
                        | "the"
                        | "total"
                        | "bloody"
                )
            {
                k += 1;
            }
            if k > i + 2 && c.is(text(k), Class::Character) || c.is(text(k), Class::Verdict) {
                hit(i, k + 1, CoachKind::Blame, msg::cues_word_about_who_someone());
            }
        }
        // Others held up as better: "Ben's wife doesn't …", "our neighbours manage to …".
        let possessive = t.ends_with("'s")
            || matches!(
                t,
                "his" | "her" | "people's" | "friends" | "other" | "some" | "most" | "all" | "any" | "normal" | "real"
            );
        if c.is(text(i + 1), Class::Others)
            && (possessive || matches!(t, "your" | "our" | "my"))
            && c.is(text(i + 2), Class::OthersDo)
            && !warm
            && (t != "my" || matches!(text(i + 1), "ex" | "friends" | "partners"))
            && !(i + 3..i + 6).any(|k| matches!(text(k), "say" | "said" | "tell" | "call" | "calls" | "be"))
        {
            hit(i, i + 3, CoachKind::Blame, msg::cues_being_measured_against_someone());
        }
    }
    // "You didn't remind me, did you?": a jab with a question tag.
    let tagged = s.len() > 4
        && matches!(text(s.end - 2), "did" | "do" | "were" | "are" | "have" | "would" | "will" | "could")
        && text(s.end - 1) == "you"
        && (s.start..s.end - 2).any(|k| text(k) == "not")
        && (s.start..s.end - 2).any(|k| text(k) == "you");
    if tagged {
        hit(s.end - 2, s.end, CoachKind::Blame, msg::cues_counter_attack_reply());
    }
    // A short order that ends in "now": "Get off your phone right now.", "get home now".
    let last = s.end - 1;
    if s.len() <= 8
        && c.is(text(s.start), Class::Imperative)
        && NOW.contains(&text(last))
        && !s.clone().any(|k| text(k) == "please")
    {
        hit(last, last + 1, CoachKind::Demand, "");
    }
}
