//! Rules that hear harsh wording the lexicon never listed as a whole phrase: a character word or
//! insult aimed at "you", contempt words, blaming verbs and absolutes done by "you", disgust,
//! threats ("… or I'm gone"), comparisons with other people, praise that turns sarcastic, and
//! brushing the talk aside. Each rule names its kind and a calm reason. The word classes come
//! from the `[patterns]` table of `content/coach.toml`.

use super::words::{push_spelled_out, Word, WordMap};
use super::Found;
use crate::content::{Coach, CoachKind};

/// A list of one- or more-word entries, indexed by first word.
#[derive(Default)]
pub(crate) struct WordList(WordMap<Vec<Vec<String>>>, u16);

impl WordList {
    pub(crate) fn new(entries: &[String]) -> Self {
        Self::with_bit(entries, 0)
    }

    /// A list known by one bit in `Patterns::firsts`, so most words are ruled out by one lookup.
    fn with_bit(entries: &[String], bit: u16) -> Self {
        let mut map: WordMap<Vec<Vec<String>>> = WordMap::default();
        for entry in entries {
            let words = phrase_words(entry);
            if let Some(first) = words.first() {
                map.entry(first.clone()).or_default().push(words);
            }
        }
        WordList(map, bit)
    }

    /// Like `at`, but first asks the draft's one-lookup mask whether any entry starts here.
    fn at_m(&self, c: &Ctx, at: usize) -> Option<usize> {
        if c.mask.get(at).is_some_and(|m| m & self.1 != 0) {
            self.at(c.words, at)
        } else {
            None
        }
    }

    fn has_m(&self, c: &Ctx, at: usize) -> bool {
        self.at_m(c, at).is_some()
    }

    /// The length of the longest entry starting at `at`, in the same sentence and unquoted.
    pub(crate) fn at(&self, words: &[Word], at: usize) -> Option<usize> {
        let first = words.get(at)?;
        self.0
            .get(&first.text)?
            .iter()
            .filter(|entry| {
                words.get(at..at + entry.len()).is_some_and(|w| {
                    w.iter().zip(entry.iter()).all(|(w, e)| !w.quoted && w.sentence == first.sentence && &w.text == e)
                })
            })
            .map(Vec::len)
            .max()
    }
}

/// A phrase as the words it matches, contractions spelled out; `*` stays a one-word wildcard.
pub(crate) fn phrase_words(phrase: &str) -> Vec<String> {
    let mut out = Vec::new();
    for w in phrase.split_whitespace() {
        if w == "*" {
            out.push("*".to_owned());
            continue;
        }
        let w: String = w
            .chars()
            .map(super::normalize)
            .filter(|c| c.is_alphanumeric() || *c == '\'' || super::words::TONE_EMOJI.contains(c))
            .collect();
        if !w.is_empty() {
            push_spelled_out(&w, |p, _| out.push(p.to_owned()));
        }
    }
    out
}

pub(crate) struct Patterns {
    /// For each word that starts an entry of a list below, the bits of those lists.
    firsts: WordMap<u16>,
    put_downs: WordList,
    insults: WordList,
    scorn: WordList,
    blaming_verbs: WordList,
    disgust_verbs: WordList,
    pub(crate) warm: WordList,
    praise_openers: WordList,
    mishaps: WordList,
    threat_ends: WordList,
    others: WordList,
    criticism: String,
    disgust: String,
    threat: String,
    comparison: String,
    sarcastic_praise: String,
    dismissal: String,
}

impl Patterns {
    pub(crate) fn new(coach: &Coach) -> Self {
        let p = &coach.patterns;
        let dismissal = p
            .groups
            .iter()
            .find(|g| g.kind == CoachKind::Contempt)
            .map(|g| g.reason.clone())
            .unwrap_or_else(|| p.criticism_reason.clone());
        let mut firsts: WordMap<u16> = WordMap::default();
        for (bit, list) in [
            &p.put_downs,
            &p.insults,
            &p.scorn,
            &p.blaming_verbs,
            &p.disgust_verbs,
            &p.praise_openers,
            &p.mishaps,
            &p.threat_ends,
            &p.others,
        ]
        .into_iter()
        .enumerate()
        {
            for entry in list {
                if let Some(first) = phrase_words(entry).into_iter().next() {
                    *firsts.entry(first).or_default() |= 1 << bit;
                }
            }
        }
        Patterns {
            firsts,
            put_downs: WordList::with_bit(&p.put_downs, 1 << 0),
            insults: WordList::with_bit(&p.insults, 1 << 1),
            scorn: WordList::with_bit(&p.scorn, 1 << 2),
            blaming_verbs: WordList::with_bit(&p.blaming_verbs, 1 << 3),
            disgust_verbs: WordList::with_bit(&p.disgust_verbs, 1 << 4),
            warm: WordList::new(&p.warm_words),
            praise_openers: WordList::with_bit(&p.praise_openers, 1 << 5),
            mishaps: WordList::with_bit(&p.mishaps, 1 << 6),
            threat_ends: WordList::with_bit(&p.threat_ends, 1 << 7),
            others: WordList::with_bit(&p.others, 1 << 8),
            criticism: p.criticism_reason.clone(),
            disgust: p.disgust_reason.clone(),
            threat: p.threat_reason.clone(),
            comparison: p.comparison_reason.clone(),
            sarcastic_praise: p.sarcastic_praise_reason.clone(),
            dismissal,
        }
    }
}

const FILLERS: &[&str] = &[
    "so",
    "such",
    "a",
    "an",
    "the",
    "really",
    "just",
    "completely",
    "totally",
    "absolutely",
    "honestly",
    "truly",
    "utterly",
    "very",
    "too",
    "that",
    "most",
    "being",
    "always",
    "bloody",
    "fucking",
    "damn",
    "big",
    "little",
    "total",
    "complete",
    "real",
    "pretty",
    "quite",
    "literally",
    "seriously",
    "simply",
    "plain",
    "biggest",
    "such",
    "acting",
    "like",
    "one",
    "of",
    "kind",
    "sort",
    "ever",
    "freaking",
    "effing",
    "massive",
    "huge",
];
const AUX: &[&str] = &[
    "have",
    "are",
    "were",
    "do",
    "will",
    "just",
    "only",
    "literally",
    "honestly",
    "seriously",
    "basically",
    "would",
    "really",
    "still",
];
const ABSOLUTES: &[&str] = &["always", "never", "constantly", "forever", "continually", "perpetually"];
const BE: &[&str] = &["are", "were", "look", "sound", "seem", "act", "acting", "be", "being"];
pub(crate) const NEGATED_THOUGHT: &[&str] =
    &["think", "saying", "say", "mean", "believe", "suppose", "calling", "call", "find", "meant", "trying"];
const CARE_OK: &[&str] =
    &["where", "what", "which", "how", "if", "whether", "who", "when", "as", "that", "much", "too", "the"];

fn is(w: Option<&Word>, options: &[&str]) -> bool {
    w.is_some_and(|w| !w.quoted && options.contains(&w.text.as_str()))
}

struct Ctx<'a> {
    words: &'a [Word],
    /// Per word, the lists (bits) that have an entry starting with it.
    mask: Vec<u16>,
    /// First word of each word's sentence.
    first: Vec<usize>,
    /// One past the last word of each word's sentence.
    after: Vec<usize>,
}

impl Ctx<'_> {
    fn text(&self, i: usize) -> &str {
        self.words.get(i).map_or("", |w| if w.quoted { "\u{0}" } else { w.text.as_str() })
    }
    fn same(&self, i: usize, j: usize) -> bool {
        j < self.words.len() && self.words[j].sentence == self.words[i].sentence
    }
    /// "I don't think you're …" / "I'm not saying …" before `i` in its sentence.
    fn thought_negated(&self, i: usize) -> bool {
        (self.first[i]..i)
            .any(|k| matches!(self.text(k), "not" | "stop") && NEGATED_THOUGHT.contains(&self.text(k + 1)))
    }
    /// The sentence speaks only of the writer ("I feel like an idiot").
    fn only_about_me(&self, i: usize) -> bool {
        let range = self.first[i]..self.after[i];
        range.clone().any(|k| matches!(self.text(k), "i" | "me" | "my" | "myself"))
            && !range.into_iter().any(|k| matches!(self.text(k), "you" | "your" | "yourself"))
    }
}

/// Adds every pattern found in `words` to `out`.
pub(crate) fn find(p: &Patterns, words: &[Word], out: &mut Vec<Found>) {
    let n = words.len();
    let mut first = vec![0; n];
    let mut after = vec![n; n];
    for i in 1..n {
        first[i] = if words[i].sentence == words[i - 1].sentence { first[i - 1] } else { i };
    }
    for i in (0..n.saturating_sub(1)).rev() {
        after[i] = if words[i].sentence == words[i + 1].sentence { after[i + 1] } else { i + 1 };
    }
    let mask = words.iter().map(|w| if w.quoted { 0 } else { p.firsts.get(&w.text).copied().unwrap_or(0) }).collect();
    let c = Ctx { words, mask, first, after };
    let mut hit =
        |from: usize, to: usize, kind: CoachKind, reason: &str| out.push(Found::span(words, from, to, kind, reason));
    for i in 0..n {
        if words[i].quoted {
            continue;
        }
        let t = c.text(i);
        if t == "you" {
            // A character word or insult aimed at "you": "you're so lazy", "are you deaf", "you idiot".
            let linked = is(words.get(i + 1), BE);
            let asked = i > c.first[i] && is(words.get(i - 1), &["are", "were"]);
            let vocative = !(linked || asked);
            {
                let mut k = if linked { i + 2 } else { i + 1 };
                // The judging words are marked ("you're [so selfish]"); a bare "you idiot" whole.
                let from = if vocative { i } else { k };
                let (mut end, mut insult) = (None, false);
                let mut negated = false;
                while k < c.after[i] && k < i + 9 {
                    if let Some(len) = p.insults.at_m(&c, k) {
                        end = Some(k + len);
                        insult = true;
                        break;
                    }
                    if let Some(len) = p.put_downs.at_m(&c, k) {
                        end = Some(k + len);
                        k += len;
                        continue;
                    }
                    if matches!(c.text(k), "not" | "no" | "never") {
                        negated = true;
                    }
                    if FILLERS.contains(&c.text(k)) && !(vocative && end.is_none() && k > i + 3) {
                        k += 1;
                        continue;
                    }
                    break;
                }
                if let Some(end) = end {
                    if !negated && !c.thought_negated(i) && (!vocative || insult || end <= i + 3) {
                        if insult {
                            hit(from, end, CoachKind::Contempt, "");
                        } else {
                            hit(from, end, CoachKind::Blame, &p.criticism);
                        }
                    }
                }
            }
            // Absolutes and blaming verbs done by "you": "you've never once …", "you ruin everything".
            let mut k = i + 1;
            while k < i + 3 && AUX.contains(&c.text(k)) {
                k += 1;
            }
            if c.same(i, k) && (ABSOLUTES.contains(&c.text(k)) || (c.text(k) == "ever" && c.text(k - 1) == "only")) {
                hit(i, k + 1, CoachKind::Absolute, "");
            }
            let mut k = i + 1;
            while k < i + 4 && (AUX.contains(&c.text(k)) || ABSOLUTES.contains(&c.text(k))) {
                k += 1;
            }
            if c.same(i, k) && p.blaming_verbs.has_m(&c, k) && !(i + 1..k).any(|j| c.text(j) == "not") {
                hit(i, k + 1, CoachKind::Blame, "");
            }
            if p.disgust_verbs.has_m(&c, i + 1) && c.same(i, i + 1) {
                hit(i, i + 2, CoachKind::Contempt, &p.disgust);
            }
        }
        // "Every time I ask you …", "each time you …".
        if matches!(t, "every" | "each") && c.text(i + 1) == "time" || t == "everytime" {
            let len = if t == "everytime" { 1 } else { 2 };
            if (i + len..c.after[i]).any(|k| c.text(k) == "you") {
                hit(i, i + len, CoachKind::Absolute, "");
            }
        }
        // Sweeping words about what "you" do, wherever they stand: "every single morning you …",
        // "it's always about what you want", "whenever I need you, you …", "any time I'm upset, you …".
        // Not when the sentence's own subject is the writer or someone else ("I always …").
        let sweep = match (t, c.text(i + 1)) {
            ("always" | "never" | "whenever" | "constantly" | "forever" | "every" | "each", _) => 1,
            ("any", "time") => 2,
            ("all", "the") if c.text(i + 2) == "time" => 3,
            _ => 0,
        };
        let someone_else = i > c.first[i]
            && matches!(c.text(i - 1), "i" | "we" | "they" | "he" | "she" | "it" | "will" | "would" | "'ll");
        // "every …" and "whenever …" can as well start thanks ("every morning you bring me
        // coffee"): only with hurtful words in the sentence. A sentence opening on "never" is
        // asking ("never stop being you", "never mind").
        let hurtful = || super::model::polarity(words, c.first[i]..c.after[i]) <= -0.5;
        let sure = matches!(t, "always" | "constantly" | "forever") || t == "never" && i > c.first[i];
        if sweep > 0
            && !someone_else
            && (sure || t != "never" && hurtful())
            && (i + sweep..(i + sweep + 5).min(c.after[i])).any(|k| matches!(c.text(k), "you" | "your"))
        {
            hit(i, i + sweep, CoachKind::Absolute, "");
        }
        // Contempt that stings wherever it stands: "it's pathetic", "this is a joke".
        if let Some(len) = p.scorn.at_m(&c, i) {
            let negated = (i.saturating_sub(2).max(c.first[i])..i).any(|k| c.text(k) == "not"); // "Did you hear him shout "…"? So embarrassing.": about someone quoted, not "you".
            let about_quote = words.iter().any(|w| w.quoted)
                && !(c.first[i]..c.after[i]).any(|k| matches!(c.text(k), "you" | "your" | "yourself"));
            if !negated && !c.only_about_me(i) && !about_quote {
                hit(i, i + len, CoachKind::Contempt, "");
            }
        }
        // "such a slob", "what a loser", "like a child".
        if matches!((t, c.text(i + 1)), ("such" | "what" | "like", "a" | "an")) {
            let mut k = i + 2;
            while let Some(len) = p.put_downs.at_m(&c, k) {
                k += len;
            }
            if let Some(len) = p.insults.at_m(&c, k) {
                if !c.only_about_me(i) {
                    hit(i, k + len, CoachKind::Contempt, "");
                }
            }
        }
        // Disgust and being fed up with the person: "can't stand you", "sick of you".
        if t == "stand" && i > 0 && c.text(i - 1) == "not" {
            let rest: Vec<&str> = (i + 1..c.after[i].min(i + 5)).map(|k| c.text(k)).collect();
            if rest.first().is_some_and(|w| matches!(*w, "you" | "your"))
                || (rest.contains(&"sight") && rest.contains(&"you"))
            {
                hit(i.saturating_sub(2), i + 1, CoachKind::Contempt, &p.disgust);
            }
        }
        if matches!((t, c.text(i + 1)), ("sick" | "tired", "of") | ("fed", "up"))
            && (i + 2..c.after[i].min(i + 5)).any(|k| matches!(c.text(k), "you" | "your" | "yourself"))
        {
            hit(i, i + 2, CoachKind::Contempt, &p.disgust);
        }
        // Threats: "… or I'm gone", "… and we're done", "I'm done with you".
        if matches!(t, "or" | "and") {
            let mut k = i + 1;
            if c.text(k) == "else" {
                k += 1;
            }
            if matches!((c.text(k), c.text(k + 1)), ("i", "am" | "will") | ("we", "are" | "will") | ("it", "is")) {
                let mut e = k + 2;
                if matches!(c.text(e), "so" | "just" | "really" | "out" | "gonna") && !p.threat_ends.has_m(&c, e) {
                    e += 1;
                }
                let next = c.text(e + 1);
                let tail_ok = !c.same(i, e + 1) || matches!(next, "of" | "with" | "for" | "forever" | "you" | "here");
                let tail_ok = tail_ok && !(next == "of" && c.text(e + 2) != "here");
                if c.same(i, e) && p.threat_ends.has_m(&c, e) && tail_ok {
                    hit(i, e + 1, CoachKind::Demand, &p.threat);
                }
            }
        }
        if (t == "i" || t == "we") && matches!(c.text(i + 1), "am" | "are") {
            let e = i + 2;
            let end_of_sentence = !c.same(i, e + 1);
            let with_you =
                c.text(e + 1) == "with" && matches!(c.text(e + 2), "you" | "this" | "us" | "it" | "everything");
            let leaving_you = c.text(e) == "leaving" && c.text(e + 1) == "you";
            if matches!(c.text(e), "done" | "out" | "through" | "finished") && (end_of_sentence || with_you)
                || leaving_you
            {
                hit(i, (e + 1).max(if with_you { e + 3 } else { 0 }), CoachKind::Demand, &p.threat);
            }
        }
        // Comparisons: "no better than your brother", "just like your mother", "be more like …".
        if t == "no" && c.text(i + 1) == "better" && c.text(i + 2) == "than" {
            hit(i, i + 3, CoachKind::Blame, &p.comparison);
        }
        if t == "like"
            && matches!(c.text(i + 1), "your" | "his" | "her" | "their")
            && p.others.has_m(&c, i + 2)
            && !matches!(c.text(i.wrapping_sub(1)), "i" | "we" | "would" | "really" | "also" | "to")
        {
            hit(i, i + 3, CoachKind::Blame, &p.comparison);
        }
        let more_like = c.text(i + 1) == "more" && c.text(i + 2) == "like";
        let asked_why_not = (c.first[i]..i).any(|k| c.text(k) == "not");
        if t == "be" && (more_like || c.text(i + 1) == "like" && asked_why_not) {
            let len = if c.text(i + 1) == "more" { 3 } else { 2 };
            if (c.first[i]..i).any(|k| c.text(k) == "you") {
                hit(i, i + len, CoachKind::Blame, &p.comparison);
            }
        }
        if (t == "unlike" && c.text(i + 1) == "you")
            || (matches!(t, "worse" | "bad") && c.text(i + 1) == "than"
                || t == "as" && c.text(i + 1) == "bad" && c.text(i + 2) == "as")
                && (i + 1..c.after[i]).any(|k| c.text(k) == "your")
        {
            hit(i, i + 2, CoachKind::Blame, &p.comparison);
        }
        if t == "would" && matches!(c.text(i + 1), "never" | "always") {
            let compared = (c.first[i]..i).any(|k| {
                c.text(k).ends_with("'s") && p.others.has_m(&c, k + 1)
                    || matches!(c.text(k), "other" | "everyone" | "anyone")
            });
            if compared {
                hit(i, i + 2, CoachKind::Blame, &p.comparison);
            }
        }
        // Praise that turns sarcastic when a mishap follows: "Well done, you forgot. Again."
        let opener_at = i == c.first[i] || (i == c.first[i] + 1 && matches!(c.text(c.first[i]), "oh" | "well" | "wow"));
        if opener_at {
            if let Some(len) = p.praise_openers.at_m(&c, i) {
                let mishap = (i + len..n.min(i + len + 14)).find(|&k| {
                    p.mishaps.has_m(&c, k)
                        && !matches!(c.text(k.wrapping_sub(1)), "not" | "never" | "i" | "we")
                        && words[k].sentence <= words[i].sentence + 1
                });
                if let Some(k) = mishap {
                    hit(i, i + len, CoachKind::Sarcasm, &p.sarcastic_praise);
                    hit(k, k + 1, CoachKind::Sarcasm, &p.sarcastic_praise);
                }
            }
        }
        // Brushing it aside: "Whatever.", "I don't care anymore".
        if t == "whatever" && i == c.first[i] {
            let short = c.after[i] - i <= 2;
            if short || matches!(c.text(i + 1), "then" | "fine" | "ok" | "okay" | "dude" | "man" | "i" | "lol" | "just")
            {
                hit(i, i + 1, CoachKind::Contempt, &p.dismissal);
            }
        }
        if t == "i" && matches!(c.text(i + 1), "do" | "really") {
            let k = if c.text(i + 1) == "really" { i + 2 } else { i + 1 };
            if c.text(k) == "do" && c.text(k + 1) == "not" && c.text(k + 2) == "care" {
                let next = c.text(k + 3);
                let about_you = next == "about" && matches!(c.text(k + 4), "you" | "your" | "it" | "this" | "that");
                let what_you = next == "what" && c.text(k + 4) == "you";
                if !c.same(i, k + 3) || about_you || what_you || !CARE_OK.contains(&next) && next != "about" {
                    hit(i, k + 3, CoachKind::Contempt, &p.dismissal);
                }
            }
        }
        // "Again." on its own after a complaint.
        if t == "again" && i == c.first[i] && c.after[i] == i + 1 && i > 0 {
            hit(i, i + 1, CoachKind::Piling, "");
        }
    }
}
