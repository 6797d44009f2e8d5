//! A small linear model, the coach's second opinion: it hears harsh wording the rules were never
//! written for. Its features are the draft's words and word pairs plus what a sentiment lexicon
//! (VADER's, `content/sentiment-lexicon.tsv`) says about them: a negative word in a sentence aimed
//! at "you", a negative word turned round by "not", a warm word beside "I". It is a logistic
//! regression trained offline, deterministically, on the development parts of the corpus only
//! (`tend soften --train`), its weights kept as data in `content/coach-model.tsv`; the frozen
//! test part is never seen. It speaks only when it is confident (thresholds chosen by
//! cross-validation on the development parts, higher where no word of the sentence is negative),
//! and what it hears is shown like any rule's find:
//! the words that weigh most, with the reason of the kind they most often carried.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::OnceLock;

use super::eval::Labeled;
use super::words::{Word, WordMap};

const LEXICON: &str = include_str!("../../../../content/sentiment-lexicon.tsv");
const SHIPPED: &str = include_str!("../../../../content/coach-model.tsv");

/// Words that turn the next few round ("not hopeless", "never rude").
const NEGATORS: &[&str] = &["not", "no", "never", "nothing", "nobody", "without"];
const YOU: &[&str] = &["you", "your", "yourself", "yours"];
const SELF: &[&str] = &["i", "me", "we", "us", "my", "our"];

/// Each word's valence, from -4 (most negative) to +4.
fn valence() -> &'static WordMap<f64> {
    static VALENCE: OnceLock<WordMap<f64>> = OnceLock::new();
    VALENCE.get_or_init(|| {
        LEXICON
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .filter_map(|(w, v)| Some((w.to_owned(), v.trim().parse().ok()?)))
            .collect()
    })
}

/// How warm or hurtful the words in `range` are, by the sentiment lexicon: the sum of their
/// valences, each turned round by a "not", "never" … in the three words before it (within the
/// range), quoted words left out. "for granted" counts as hurtful, as people mean it.
pub(crate) fn polarity(words: &[Word], range: std::ops::Range<usize>) -> f64 {
    let valence = valence();
    let mut sum = 0.0;
    for k in range.clone().filter(|&k| !words[k].quoted) {
        let v = if words[k].text == "granted" && k > range.start && words[k - 1].text == "for" {
            -1.5
        } else {
            let Some(&v) = valence.get(&words[k].text) else { continue };
            v
        };
        let negated = (k.saturating_sub(3).max(range.start)..k).any(|j| NEGATORS.contains(&&*words[j].text));
        sum += if negated { -v } else { v };
    }
    sum
}

/// The warmest word in `range` by the sentiment lexicon (0 when none is warm), quoted words left out.
pub(crate) fn warmest(words: &[Word], range: std::ops::Range<usize>) -> f64 {
    let valence = valence();
    range.filter(|&k| !words[k].quoted).filter_map(|k| valence.get(&words[k].text)).fold(0.0, |a, &v| a.max(v))
}

/// One feature of a draft: its key and the words it rests on.
#[derive(Debug)]
pub(crate) struct Feature {
    pub key: String,
    pub from: usize,
    pub to: usize,
}

/// Every feature of a draft, each key once (its first place), quoted words left out.
pub(crate) fn features(words: &[Word]) -> Vec<Feature> {
    let mut out: Vec<Feature> = Vec::new();
    let mut push = |key: String, from: usize, to: usize| {
        if !out.iter().any(|f| f.key == key) {
            out.push(Feature { key, from, to });
        }
    };
    let valence = valence();
    let sentences = words.last().map_or(0, |w| w.sentence + 1);
    let mut has = vec![(false, false); sentences];
    for w in words.iter().filter(|w| !w.quoted) {
        has[w.sentence].0 |= YOU.contains(&w.text.as_str());
        has[w.sentence].1 |= SELF.contains(&w.text.as_str());
    }
    for (i, w) in words.iter().enumerate() {
        if w.quoted {
            continue;
        }
        push(format!("w:{}", w.text), i, i + 1);
        if let Some(next) = words.get(i + 1).filter(|n| n.sentence == w.sentence && !n.quoted) {
            push(format!("b:{} {}", w.text, next.text), i, i + 2);
        }
        if i == 0 || words[i - 1].sentence != w.sentence {
            push(format!("first:{}", w.text), i, i + 1);
        }
        let Some(&v) = valence.get(&w.text) else { continue };
        let (you, me) = has[w.sentence];
        let negated =
            (i.saturating_sub(3)..i).any(|k| words[k].sentence == w.sentence && NEGATORS.contains(&&*words[k].text));
        let key = match (v, negated) {
            (v, false) if v <= -2.0 && you => "v:strong-you",
            (v, false) if v <= -1.0 && you => "v:neg-you",
            (v, false) if v <= -1.0 => "v:neg",
            (v, true) if v <= -1.0 => "v:neg-negated",
            (v, false) if v >= 1.0 && me => "v:warm-me",
            (v, false) if v >= 1.0 => "v:warm",
            _ => continue,
        };
        push(key.to_owned(), i, i + 1);
    }
    out
}

/// The trained weights: a bias, two thresholds, and per feature a weight and the corpus kind it
/// most often carried in harsh sentences.
#[derive(Debug)]
pub(crate) struct Model {
    bias: f64,
    /// At or above it the model calls a sentence with a negative word harsh on its own …
    speak: f64,
    /// … and at or above this one, a sentence without one.
    speak_plain: f64,
    /// Below it the model lets a rule's find go as a false alarm.
    overrule: f64,
    weights: WordMap<(f64, String)>,
}

/// What the model heard: the feature that weighs most, and its corpus kind.
pub(crate) struct Heard<'a> {
    pub from: usize,
    pub to: usize,
    pub kind: &'a str,
}

impl Model {
    /// The shipped model.
    pub(crate) fn shipped() -> &'static Model {
        static MODEL: OnceLock<Model> = OnceLock::new();
        MODEL.get_or_init(|| Model::parse(SHIPPED).expect("content/coach-model.tsv is checked by a test"))
    }

    /// Reads `bias`, `speak`, `speak-plain` and `overrule` lines, then `feature<TAB>weight<TAB>kind` lines.
    pub(crate) fn parse(text: &str) -> Result<Model, String> {
        let (mut bias, mut speak, mut speak_plain, mut overrule, mut weights) =
            (None, None, None, None, WordMap::default());
        for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty()) {
            let bad = || format!("content/coach-model.tsv line {}: {line:?}", n + 1);
            let parts: Vec<&str> = line.split('\t').collect();
            let number = |s: &str| s.parse::<f64>().map_err(|_| bad());
            match parts.as_slice() {
                ["bias", v] => bias = Some(number(v)?),
                ["speak", v] => speak = Some(number(v)?),
                ["speak-plain", v] => speak_plain = Some(number(v)?),
                ["overrule", v] => overrule = Some(number(v)?),
                [key, w, kind] => {
                    weights.insert((*key).to_owned(), (number(w)?, (*kind).to_owned()));
                }
                _ => return Err(bad()),
            }
        }
        let missing = |what: &str| format!("content/coach-model.tsv has no {what} line");
        Ok(Model {
            bias: bias.ok_or_else(|| missing("bias"))?,
            speak: speak.ok_or_else(|| missing("speak"))?,
            speak_plain: speak_plain.ok_or_else(|| missing("speak-plain"))?,
            overrule: overrule.ok_or_else(|| missing("overrule"))?,
            weights,
        })
    }

    /// How likely words with these features are to put the partner on guard, by the model alone.
    /// It learned from single sentences, so it is asked about one sentence at a time.
    pub(crate) fn probability<'a>(&self, features: impl IntoIterator<Item = &'a Feature>) -> f64 {
        let z = self.bias + features.into_iter().filter_map(|f| self.weights.get(&f.key)).map(|(w, _)| w).sum::<f64>();
        sigmoid(z)
    }

    /// Whether the model is sure enough to call a sentence harsh on its own: sure with every
    /// feature, and still sure on the words that mean something alone (not on grammar such as
    /// "if you …"). Without a word the sentiment lexicon calls negative ("Grow up.", "Whatever.",
    /// "just like your mother") it must be surer: it was wrong more often there.
    /// A sentence that offers something ("if you are tired, we can skip it", "I could cook") is
    /// never called harsh by the model alone: an offer is a soft start by its shape (the rules
    /// still hear an insult or a threat inside one).
    pub(crate) fn speaks<'a>(&self, features: impl IntoIterator<Item = &'a Feature> + Clone) -> bool {
        if features.clone().into_iter().any(|f| OFFERS.contains(&f.key.as_str())) {
            return false;
        }
        let has_negative = features.clone().into_iter().any(|f| negative(&f.key));
        let at = if has_negative { self.speak } else { self.speak_plain };
        self.probability(features.clone()) >= at
            && self.probability(features.into_iter().filter(|f| !grammar_only(&f.key))) >= at
    }

    /// Whether the model is sure enough that a rule's find is a false alarm.
    pub(crate) fn overrules(&self, probability: f64) -> bool {
        probability < self.overrule
    }

    /// The feature that weighs most towards "harsh", with a kind to give its reason. Only words
    /// that mean something count: the model may not call a draft harsh for its grammar alone
    /// ("If you are tired, we can skip it" starts like many threats, and is kind).
    pub(crate) fn loudest<'a>(&'a self, features: impl IntoIterator<Item = &'a Feature>) -> Option<Heard<'a>> {
        let mut best: Option<(f64, Heard<'a>)> = None;
        for f in features.into_iter().filter(|f| !grammar_only(&f.key)) {
            if let Some((w, kind)) = self.weights.get(&f.key).filter(|(w, k)| *w > 0.0 && k != "-") {
                if best.as_ref().is_none_or(|(b, _)| w > b) {
                    best = Some((*w, Heard { from: f.from, to: f.to, kind }));
                }
            }
        }
        best.map(|(_, h)| h)
    }
}

/// Word pairs that make a sentence an offer.
const OFFERS: &[&str] = &["b:we can", "b:i can", "b:we could", "b:i could", "b:let us", "b:happy to"];

/// Whether a feature is a word the sentiment lexicon calls negative, not turned round by "not".
fn negative(key: &str) -> bool {
    matches!(key, "v:neg" | "v:neg-you" | "v:strong-you")
}

/// Words that carry grammar, not meaning: a feature made only of them is no reason to speak.
const GRAMMAR: &[&str] = &[
    "i", "you", "your", "me", "my", "we", "us", "our", "he", "she", "they", "them", "it", "this", "that", "if", "the",
    "a", "an", "and", "or", "but", "to", "of", "in", "on", "at", "for", "with", "from", "by", "as", "is", "are", "am",
    "was", "were", "be", "been", "do", "does", "did", "have", "has", "had", "can", "will", "would", "could", "should",
    "so", "just", "when", "what", "how", "why", "where", "who", "there", "then", "than", "too", "very", "up", "about",
    "some", "any", "here", "again", "going", "get", "got",
];

/// Whether a feature (`w:…`, `b:… …`, `first:…`) is made of grammar words only.
fn grammar_only(key: &str) -> bool {
    match key.split_once(':') {
        Some(("w" | "b" | "first", words)) => words.split(' ').all(|w| GRAMMAR.contains(&w)),
        _ => false,
    }
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

const EPOCHS: usize = 2000;
const RATE: f64 = 2.0;
const L2: f64 = 0.0005;
/// The model speaks alone only where it was right this often in cross-validation (sentences with
/// a negative word and those without each get their own threshold) …
const WANTED_PRECISION: f64 = 0.93;
/// Without a negative word the model must be right more often still: there it hears only how
/// words go together, and a plain line ("See you at three.") shares pairs with sarcastic ones.
/// Chosen among 0.93, 0.95 and 0.97 by cross-validation on the second and fourth development
/// parts (0.93 cost precision, 0.97 recall).
const WANTED_PRECISION_PLAIN: f64 = 0.95;
/// … and overrules the rules only below a probability under which so few harsh sentences fell.
/// Both chosen by five-fold cross-validation of the whole coach on the second development part
/// (`tests/coach_corpus.rs`), never on the frozen test part.
const MISSED_AT_MOST: f64 = 0.05;
const FOLDS: usize = 5;

/// Logistic regression by full-batch gradient descent over binary features, in a fixed order, so
/// the same file always gives the same weights.
fn fit(rows: &[(Vec<usize>, bool)], width: usize) -> (f64, Vec<f64>) {
    let (mut bias, mut w) = (0.0, vec![0.0; width]);
    let n = rows.len().max(1) as f64;
    for _ in 0..EPOCHS {
        let mut grad = vec![0.0; width];
        let mut grad_bias = 0.0;
        for (x, y) in rows {
            let z = bias + x.iter().map(|&j| w[j]).sum::<f64>();
            let err = sigmoid(z) - if *y { 1.0 } else { 0.0 };
            grad_bias += err;
            for &j in x {
                grad[j] += err;
            }
        }
        bias -= RATE * grad_bias / n;
        for j in 0..width {
            w[j] -= RATE * (grad[j] / n + L2 * w[j]);
        }
    }
    (bias, w)
}

/// Trains on labeled sentences and gives `content/coach-model.tsv`'s text. Features seen in fewer
/// than two sentences are left out. Cross-validated in five folds, the model speaks alone from the
/// lowest probability (0.05, 0.10 … 0.95) at which it is right at least 93 % of the times it says
/// "harsh" (found separately for sentences with and without a negative word), and overrules a rule
/// below the highest at which at most 5 % of harsh sentences fall.
pub fn train(items: &[Labeled]) -> String {
    let featured: Vec<(Vec<String>, &Labeled)> = items
        .iter()
        .map(|item| (features(&super::words_of(&item.sentence)).into_iter().map(|f| f.key).collect(), item))
        .collect();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for (keys, _) in &featured {
        for k in keys {
            *counts.entry(k).or_default() += 1;
        }
    }
    let vocabulary: Vec<&str> = counts.iter().filter(|(_, c)| **c >= 2).map(|(k, _)| *k).collect();
    let index: BTreeMap<&str, usize> = vocabulary.iter().enumerate().map(|(i, k)| (*k, i)).collect();
    let rows: Vec<(Vec<usize>, bool)> = featured
        .iter()
        .map(|(keys, item)| (keys.iter().filter_map(|k| index.get(k.as_str()).copied()).collect(), item.harsh))
        .collect();

    // Each sentence held out once: (probability, harsh, has a negative word).
    let mut held_out: Vec<(f64, bool, bool)> = Vec::new();
    for fold in 0..FOLDS {
        let train: Vec<(Vec<usize>, bool)> =
            rows.iter().enumerate().filter(|(i, _)| i % FOLDS != fold).map(|(_, r)| r.clone()).collect();
        let (bias, w) = fit(&train, vocabulary.len());
        for (i, (x, y)) in rows.iter().enumerate().filter(|(i, _)| i % FOLDS == fold) {
            let has_negative = featured[i].0.iter().any(|k| negative(k));
            held_out.push((sigmoid(bias + x.iter().map(|&j| w[j]).sum::<f64>()), *y, has_negative));
        }
    }
    // Held out, the harsh sentences' and the soft ones' share at each probability.
    let grid = || (1..=19).map(|t| f64::from(t) * 0.05);
    let harsh = held_out.iter().filter(|h| h.1).count().max(1) as f64;
    let precision_from = |t: f64, with_negative: bool| {
        let said: Vec<bool> = held_out.iter().filter(|(p, _, n)| *p >= t && *n == with_negative).map(|h| h.1).collect();
        said.iter().filter(|y| **y).count() as f64 / said.len().max(1) as f64
    };
    let recall_from = |t: f64| held_out.iter().filter(|(p, y, _)| *y && *p >= t).count() as f64 / harsh;
    let speak = grid().find(|t| precision_from(*t, true) >= WANTED_PRECISION).unwrap_or(0.95);
    let speak_plain = grid().find(|t| precision_from(*t, false) >= WANTED_PRECISION_PLAIN).unwrap_or(0.95);
    let overrule = grid().take_while(|t| 1.0 - recall_from(*t) <= MISSED_AT_MOST).last().unwrap_or(0.0);
    let cross_validated = format!(
        "# Cross-validated alone on the development parts ({FOLDS} folds): precision {:.3} from {speak:.2} \
         with a negative word, {:.3} from {speak_plain:.2} without; below {overrule:.2} {:.1} % of harsh sentences.\n",
        precision_from(speak, true),
        precision_from(speak_plain, false),
        100.0 * (1.0 - recall_from(overrule)),
    );

    let (bias, w) = fit(&rows, vocabulary.len());
    // Each feature's kind: the one it carried most often in harsh sentences.
    let mut kinds: Vec<BTreeMap<&str, usize>> = vec![BTreeMap::new(); vocabulary.len()];
    for ((x, _), (_, item)) in rows.iter().zip(&featured) {
        if item.harsh {
            for &j in x {
                *kinds[j].entry(item.kind.as_str()).or_default() += 1;
            }
        }
    }
    let mut out = String::from(HEADER) + &cross_validated;
    let _ = writeln!(out, "bias\t{bias:.4}\nspeak\t{speak:.2}\nspeak-plain\t{speak_plain:.2}\noverrule\t{overrule:.2}");
    for (j, key) in vocabulary.iter().enumerate() {
        if w[j].abs() < 0.01 {
            continue;
        }
        let kind = kinds[j].iter().max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0))).map_or("-", |(k, _)| *k);
        let _ = writeln!(out, "{key}\t{:.4}\t{kind}", w[j]);
    }
    out
}

const HEADER: &str = "\
# The soft start-up coach's linear model (crates/tend-core/src/coach/model.rs): a logistic
# regression over the draft's words, word pairs and sentiment-lexicon features. Trained only on
# the five development parts of the corpus, never on the frozen test part; regenerate with
#   tend soften --train crates/tend-core/tests/data/coach-corpus/dev{,-more,-third,-fourth,-fifth}.tsv > content/coach-model.tsv
# Training is deterministic, and a test fails if this file is not what it gives.
# Format: bias, speak, speak-plain and overrule (probabilities), then feature<TAB>weight<TAB>the corpus kind it most often carried.
";

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<String> {
        features(&crate::coach::words_of(text)).into_iter().map(|f| f.key).collect()
    }

    #[test]
    fn a_negative_word_aimed_at_you_is_heard_and_not_turns_it_round() {
        assert!(keys("You're hopeless with money.").contains(&"v:strong-you".to_owned()));
        assert!(keys("You were a bit careless.").contains(&"v:neg-you".to_owned()));
        let negated = keys("You're not hopeless with money.");
        assert!(negated.contains(&"v:neg-negated".to_owned()) && !negated.iter().any(|k| k.ends_with("-you")));
        assert!(keys("I am so grateful for you.").contains(&"v:warm-me".to_owned()));
    }

    #[test]
    fn quoted_words_are_not_features() {
        assert!(!keys("She said \"you idiot\" to the ref.").iter().any(|k| k.contains("idiot")));
    }

    #[test]
    fn the_shipped_model_reads_and_a_broken_one_is_named() {
        let m = Model::shipped();
        assert!(m.speak > m.overrule && !m.weights.is_empty());
        assert!(Model::parse("bias\t1\n").unwrap_err().contains("speak"));
        assert!(Model::parse("bias\tx\n").unwrap_err().contains("line 1"));
    }
}
