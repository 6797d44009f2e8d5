//! The curious-questions deck: three sets of rising depth, each grouped by theme (fun and play,
//! dreams, family and the past, money, work, home life, intimacy and touch, conflict and repair,
//! appreciation, the relationship itself, the future). A question's id is derived from its words,
//! so reordering or regrouping the file keeps marks; rewording a question makes it a new one.
//!
//! No two questions may say the same thing: the content check compares every pair by their
//! content words (see [`near_duplicate`]), with the same rule as `scripts/content-near-duplicates.py`.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{duplicates, non_empty};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SetId {
    Light,
    Personal,
    Vulnerable,
}

impl SetId {
    pub const ALL: [SetId; 3] = [SetId::Light, SetId::Personal, SetId::Vulnerable];

    pub fn as_str(self) -> &'static str {
        match self {
            SetId::Light => "light",
            SetId::Personal => "personal",
            SetId::Vulnerable => "vulnerable",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }
}

/// What a question is about; its id in `content/questions.toml` is `as_str()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ThemeId {
    /// Fun and play.
    Fun,
    Dreams,
    /// Family and the past.
    FamilyPast,
    Money,
    Work,
    /// Home life.
    Home,
    /// Intimacy and touch.
    Intimacy,
    /// Conflict and repair.
    Conflict,
    Appreciation,
    /// The relationship itself.
    Relationship,
    Future,
}

impl ThemeId {
    pub const ALL: [ThemeId; 11] = [
        ThemeId::Fun,
        ThemeId::Dreams,
        ThemeId::FamilyPast,
        ThemeId::Money,
        ThemeId::Work,
        ThemeId::Home,
        ThemeId::Intimacy,
        ThemeId::Conflict,
        ThemeId::Appreciation,
        ThemeId::Relationship,
        ThemeId::Future,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ThemeId::Fun => "fun",
            ThemeId::Dreams => "dreams",
            ThemeId::FamilyPast => "family-past",
            ThemeId::Money => "money",
            ThemeId::Work => "work",
            ThemeId::Home => "home",
            ThemeId::Intimacy => "intimacy",
            ThemeId::Conflict => "conflict",
            ThemeId::Appreciation => "appreciation",
            ThemeId::Relationship => "relationship",
            ThemeId::Future => "future",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == raw)
    }
}

/// A theme and its short human title, like "Fun and play".
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    pub id: ThemeId,
    pub title: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deck {
    pub intro: String,
    /// Read through [`Deck::themes`].
    themes: Vec<Theme>,
    pub sets: Vec<QuestionSet>,
}

/// One set of the deck. In the file its questions are grouped by theme; here they are flat, in
/// file order (group after group), with each question's theme at the same index in `themes`.
#[derive(Debug, Clone, Deserialize)]
#[serde(from = "RawSet")]
pub struct QuestionSet {
    pub id: SetId,
    pub title: String,
    pub hint: String,
    pub questions: Vec<String>,
    /// The theme of each question: `themes[i]` belongs to `questions[i]`.
    pub themes: Vec<ThemeId>,
    /// How many groups each theme has in the file (checked: one at most).
    group_counts: Vec<(ThemeId, usize)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSet {
    id: SetId,
    title: String,
    hint: String,
    groups: Vec<RawGroup>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGroup {
    theme: ThemeId,
    questions: Vec<String>,
}

impl From<RawSet> for QuestionSet {
    fn from(raw: RawSet) -> Self {
        let mut questions = Vec::new();
        let mut themes = Vec::new();
        let mut group_counts: Vec<(ThemeId, usize)> = Vec::new();
        for group in raw.groups {
            match group_counts.iter_mut().find(|(t, _)| *t == group.theme) {
                Some((_, n)) => *n += 1,
                None => group_counts.push((group.theme, 1)),
            }
            themes.extend(std::iter::repeat_n(group.theme, group.questions.len()));
            questions.extend(group.questions);
        }
        QuestionSet { id: raw.id, title: raw.title, hint: raw.hint, questions, themes, group_counts }
    }
}

impl QuestionSet {
    /// The theme of a question of this set, by its exact text.
    pub fn theme_of(&self, question: &str) -> Option<ThemeId> {
        self.questions.iter().position(|q| q == question).and_then(|i| self.themes.get(i).copied())
    }

    /// The questions of one theme in this set, in file order.
    pub fn in_theme(&self, theme: ThemeId) -> impl Iterator<Item = &str> + '_ {
        self.questions.iter().zip(&self.themes).filter(move |(_, t)| **t == theme).map(|(q, _)| q.as_str())
    }
}

/// A stable id for a question: `q-` and twelve hex digits of the hash of its words.
pub fn question_id(text: &str) -> String {
    let digest = Sha256::digest(text.trim().as_bytes());
    format!("q-{}", &hex::encode(digest)[..12])
}

const FILE: &str = "questions.toml";

/// The content check fails with fewer questions than this in the whole deck …
pub const MIN_QUESTIONS: usize = 600;
/// … or with fewer than this in any one set (depth) …
pub const MIN_QUESTIONS_PER_SET: usize = 100;
/// … or with fewer than this for any one theme, over the three sets …
pub const MIN_QUESTIONS_PER_THEME: usize = 20;
/// … or with fewer than this for any one theme in any one set.
pub const MIN_QUESTIONS_PER_THEME_AND_SET: usize = 3;

impl Deck {
    pub fn set(&self, id: SetId) -> &QuestionSet {
        self.sets.iter().find(|s| s.id == id).expect("every set is present (checked at load)")
    }

    /// Every theme with its title, in the order they are shown.
    pub fn themes(&self) -> &[Theme] {
        &self.themes
    }

    /// A theme's title (`check` guarantees every theme has one).
    pub fn theme_title(&self, theme: ThemeId) -> &str {
        self.themes.iter().find(|t| t.id == theme).map_or("", |t| t.title.as_str())
    }

    /// The theme of a question of the deck, by its exact text.
    pub fn theme_of(&self, question: &str) -> Option<ThemeId> {
        self.sets.iter().find_map(|s| s.theme_of(question))
    }

    /// Every question with its set and id.
    pub fn all(&self) -> impl Iterator<Item = (SetId, String, &str)> {
        self.sets.iter().flat_map(|s| s.questions.iter().map(move |q| (s.id, question_id(q), q.as_str())))
    }

    /// Every question with its set, id and theme, in the same order as [`Deck::all`].
    pub fn all_with_themes(&self) -> impl Iterator<Item = (SetId, String, &str, ThemeId)> {
        self.sets
            .iter()
            .flat_map(|s| s.questions.iter().zip(&s.themes).map(move |(q, t)| (s.id, question_id(q), q.as_str(), *t)))
    }

    pub(super) fn check(&self, problems: &mut Vec<String>) {
        non_empty(FILE, "the intro", &self.intro, problems);
        let ids: Vec<SetId> = self.sets.iter().map(|s| s.id).collect();
        if ids != SetId::ALL {
            problems.push(format!("content/{FILE}: the sets must be light, personal, vulnerable, in that order"));
        }
        let total: usize = self.sets.iter().map(|s| s.questions.len()).sum();
        if total < MIN_QUESTIONS {
            problems.push(format!("content/{FILE}: at least {MIN_QUESTIONS} questions are expected, found {total}"));
        }
        for set in &self.sets {
            let set_id = set.id.as_str();
            non_empty(FILE, &format!("the title of the set {set_id}"), &set.title, problems);
            non_empty(FILE, &format!("the hint of the set {set_id}"), &set.hint, problems);
            if set.questions.len() < MIN_QUESTIONS_PER_SET {
                problems.push(format!(
                    "content/{FILE}: at least {MIN_QUESTIONS_PER_SET} questions are expected in the set {set_id}, found {}",
                    set.questions.len()
                ));
            }
            for (theme, groups) in &set.group_counts {
                if *groups > 1 {
                    problems.push(format!(
                        "content/{FILE}: the set {set_id} has {groups} groups for the theme {}; keep one",
                        theme.as_str()
                    ));
                }
                if !self.themes.iter().any(|t| t.id == *theme) {
                    problems.push(format!(
                        "content/{FILE}: the set {set_id} uses the theme {}, which is not listed under [[themes]]",
                        theme.as_str()
                    ));
                }
            }
        }
        duplicates(FILE, self.themes.iter().map(|t| t.id.as_str()), problems);
        for theme in ThemeId::ALL {
            let name = theme.as_str();
            match self.themes.iter().find(|t| t.id == theme) {
                None => problems.push(format!("content/{FILE}: the theme {name} is missing from [[themes]]")),
                Some(t) => non_empty(FILE, &format!("the title of the theme {name}"), &t.title, problems),
            }
            let mut overall = 0;
            for set in &self.sets {
                let count = set.in_theme(theme).count();
                overall += count;
                if count < MIN_QUESTIONS_PER_THEME_AND_SET {
                    problems.push(format!(
                        "content/{FILE}: at least {MIN_QUESTIONS_PER_THEME_AND_SET} questions are expected for the theme {name} in the set {}, found {count}",
                        set.id.as_str()
                    ));
                }
            }
            if overall == 0 {
                problems.push(format!("content/{FILE}: the theme {name} is missing from the deck"));
            } else if overall < MIN_QUESTIONS_PER_THEME {
                problems.push(format!(
                    "content/{FILE}: at least {MIN_QUESTIONS_PER_THEME} questions are expected for the theme {name}, found {overall}"
                ));
            }
        }
        let lowered: Vec<String> =
            self.sets.iter().flat_map(|s| s.questions.iter().map(|q| q.trim().to_lowercase())).collect();
        duplicates(FILE, lowered.iter().map(String::as_str), problems);
        for q in self.sets.iter().flat_map(|s| &s.questions) {
            if !q.trim_end().ends_with('?') {
                problems.push(format!("content/{FILE}: {q:?} is not a question"));
            }
        }
        let all: Vec<&str> = self.sets.iter().flat_map(|s| s.questions.iter().map(String::as_str)).collect();
        for (a, b) in near_duplicate_pairs(&all) {
            problems.push(format!(
                "content/{FILE}: {a:?} and {b:?} say nearly the same thing (their words overlap); reword or drop one"
            ));
        }
    }
}

/// Two questions count as near-duplicates when their content word sets (lower-cased, apostrophes
/// dropped, other punctuation as spaces, [`STOP_WORDS`] removed) have a Jaccard similarity of at
/// least 0.6, or are identical once simple suffixes are stemmed. Questions identical apart from
/// case are left to the exact-duplicate check.
pub const NEAR_DUPLICATE_THRESHOLD: (usize, usize) = (3, 5);

/// Words that carry no meaning of their own in a question. Keep in step with
/// `scripts/content-near-duplicates.py`.
pub const STOP_WORDS: &[&str] = &[
    "a",
    "an",
    "the",
    "and",
    "or",
    "but",
    "if",
    "of",
    "to",
    "in",
    "on",
    "at",
    "for",
    "with",
    "from",
    "by",
    "about",
    "as",
    "into",
    "than",
    "then",
    "so",
    "too",
    "very",
    "just",
    "it",
    "its",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "do",
    "does",
    "did",
    "done",
    "have",
    "has",
    "had",
    "i",
    "me",
    "my",
    "we",
    "us",
    "our",
    "you",
    "your",
    "yours",
    "yourself",
    "they",
    "them",
    "their",
    "im",
    "ive",
    "id",
    "youre",
    "youve",
    "youd",
    "youll",
    "weve",
    "wed",
    "what",
    "whats",
    "which",
    "who",
    "whos",
    "whom",
    "whose",
    "when",
    "where",
    "wheres",
    "why",
    "how",
    "hows",
    "that",
    "thats",
    "this",
    "these",
    "those",
    "there",
    "theres",
    "would",
    "could",
    "should",
    "can",
    "will",
    "might",
    "may",
    "must",
    "shall",
    "dont",
    "didnt",
    "doesnt",
    "isnt",
    "arent",
    "wasnt",
    "werent",
    "not",
    "no",
    "any",
    "some",
    "something",
    "anything",
    "thing",
    "things",
];

/// Tried in order; the first that fits is removed, keeping a stem of at least three letters.
const SUFFIXES: &[&str] = &["ing", "ies", "ed", "es", "ly", "s"];

/// A question's content words, sorted and without repeats.
fn content_words(text: &str) -> Vec<String> {
    let lowered: String = text.to_lowercase().chars().filter(|c| *c != '\'' && *c != '\u{2019}').collect();
    let cleaned: String = lowered.chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect();
    let mut words: Vec<String> =
        cleaned.split_whitespace().filter(|w| !STOP_WORDS.contains(w)).map(str::to_owned).collect();
    words.sort();
    words.dedup();
    words
}

fn stem(word: &str) -> String {
    for suffix in SUFFIXES {
        if word.ends_with(suffix) && word.chars().count() - suffix.len() >= 3 {
            if *suffix == "s" && word.ends_with("ss") {
                return word.to_owned();
            }
            let base = &word[..word.len() - suffix.len()];
            return if *suffix == "ies" { format!("{base}y") } else { base.to_owned() };
        }
    }
    word.to_owned()
}

/// The words of one question, ready to compare.
struct Words {
    lowered: String,
    words: Vec<String>,
    stems: Vec<String>,
}

impl Words {
    fn of(text: &str) -> Self {
        let words = content_words(text);
        let mut stems: Vec<String> = words.iter().map(|w| stem(w)).collect();
        stems.sort();
        stems.dedup();
        Words { lowered: text.trim().to_lowercase(), words, stems }
    }

    fn near(&self, other: &Words) -> bool {
        if self.lowered == other.lowered || self.words.is_empty() || other.words.is_empty() {
            return false;
        }
        let shared = self.words.iter().filter(|w| other.words.binary_search(w).is_ok()).count();
        let union = self.words.len() + other.words.len() - shared;
        let (num, den) = NEAR_DUPLICATE_THRESHOLD;
        shared * den >= union * num || self.stems == other.stems
    }
}

/// Whether two questions say nearly the same thing, by the rule the content check uses.
pub fn near_duplicate(a: &str, b: &str) -> bool {
    Words::of(a).near(&Words::of(b))
}

/// Every pair of near-duplicates among these questions, in order.
fn near_duplicate_pairs<'a>(questions: &[&'a str]) -> Vec<(&'a str, &'a str)> {
    let words: Vec<Words> = questions.iter().map(|q| Words::of(q)).collect();
    let mut pairs = Vec::new();
    for (i, a) in words.iter().enumerate() {
        for (j, b) in words.iter().enumerate().skip(i + 1) {
            if a.near(b) {
                pairs.push((questions[i], questions[j]));
            }
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::super::EMBEDDED;
    use super::*;

    fn shipped() -> Deck {
        toml::from_str(EMBEDDED.questions).expect("questions.toml parses")
    }

    fn problems_of(text: &str) -> Vec<String> {
        let deck: Deck = toml::from_str(text).expect("the changed deck still parses");
        let mut problems = Vec::new();
        deck.check(&mut problems);
        problems
    }

    #[test]
    fn the_shipped_deck_passes_its_check() {
        assert_eq!(problems_of(EMBEDDED.questions), Vec::<String>::new());
    }

    #[test]
    fn the_shipped_deck_is_large_enough_everywhere() {
        let deck = shipped();
        assert!(deck.all().count() >= MIN_QUESTIONS);
        assert_eq!(deck.themes().len(), ThemeId::ALL.len());
        for set in &deck.sets {
            assert!(set.questions.len() >= MIN_QUESTIONS_PER_SET);
            assert_eq!(set.questions.len(), set.themes.len());
            for theme in ThemeId::ALL {
                assert!(set.in_theme(theme).count() >= MIN_QUESTIONS_PER_THEME_AND_SET, "{theme:?} in {:?}", set.id);
            }
        }
    }

    #[test]
    fn questions_keep_file_order_and_their_theme() {
        let deck = shipped();
        let light = deck.set(SetId::Light);
        // The first group of the file is "fun", and its first question keeps its place and id.
        assert_eq!(light.questions[0], "What small thing made you smile this week?");
        assert_eq!(light.themes[0], ThemeId::Fun);
        assert_eq!(deck.theme_of("What small thing made you smile this week?"), Some(ThemeId::Fun));
        assert_eq!(deck.theme_of("What's a worry you've been carrying lately?"), Some(ThemeId::Future));
        assert_eq!(deck.theme_of("Not in the deck?"), None);
        assert_eq!(deck.theme_title(ThemeId::FamilyPast), "Family and the past");
        let (set, id, text, theme) = deck.all_with_themes().next().unwrap();
        assert_eq!(
            (set, id.as_str(), text, theme),
            (SetId::Light, question_id(text).as_str(), light.questions[0].as_str(), ThemeId::Fun)
        );
        assert!(deck.all().map(|(_, id, _)| id).eq(deck.all_with_themes().map(|(_, id, _, _)| id)));
    }

    #[test]
    fn a_near_duplicate_pair_is_caught_and_a_distinct_pair_is_not() {
        // Most of the same words.
        assert!(near_duplicate(
            "What's a meal you could happily eat every week?",
            "What meal could you happily eat every single week?"
        ));
        // The same words once "songs", "reminded" and "summers" lose their endings.
        assert!(near_duplicate("What songs remind you of summer?", "Which song reminded you of summers?"));
        // Different things to talk about, even with a word in common.
        assert!(!near_duplicate(
            "What's a meal you could happily eat every week?",
            "What's a place from your past you'd love to visit again?"
        ));
        assert!(!near_duplicate("What does real rest mean for you?", "What does romance mean to you now?"));
        // Exactly the same words are left to the exact-duplicate check.
        assert!(!near_duplicate("Where do you feel most at peace?", "where do you feel most at peace?"));
    }

    #[test]
    fn the_check_reports_a_near_duplicate_in_the_deck() {
        let original = "  \"What small thing made you smile this week?\",\n";
        assert!(EMBEDDED.questions.contains(original));
        let changed = EMBEDDED.questions.replacen(
            original,
            &format!("{original}  \"What small thing made you smile this past week?\",\n"),
            1,
        );
        let problems = problems_of(&changed);
        assert!(
            problems.iter().any(|p| p.contains("say nearly the same thing") && p.contains("this past week")),
            "{problems:?}"
        );
    }

    #[test]
    fn the_check_reports_an_exact_duplicate() {
        let original = "  \"What small thing made you smile this week?\",\n";
        let changed = EMBEDDED.questions.replacen(
            original,
            &format!("{original}  \"what small thing made you smile this week?\",\n"),
            1,
        );
        let problems = problems_of(&changed);
        assert!(problems.iter().any(|p| p.contains("used twice")), "{problems:?}");
    }

    #[test]
    fn an_unknown_theme_does_not_load() {
        let changed = EMBEDDED.questions.replacen("theme = \"money\"", "theme = \"weather\"", 1);
        let err = toml::from_str::<Deck>(&changed).unwrap_err();
        assert!(err.message().contains("weather"), "{err}");
    }

    #[test]
    fn a_theme_not_listed_under_themes_is_reported() {
        let changed = EMBEDDED.questions.replacen("[[themes]]\nid = \"money\"\ntitle = \"Money\"\n", "", 1);
        let problems = problems_of(&changed);
        assert!(problems.iter().any(|p| p.contains("money is missing from [[themes]]")), "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("uses the theme money")), "{problems:?}");
    }

    #[test]
    fn a_theme_missing_from_the_deck_is_reported() {
        let mut deck = shipped();
        for set in &mut deck.sets {
            let keep: Vec<bool> = set.themes.iter().map(|t| *t != ThemeId::Money).collect();
            let mut k = keep.iter();
            set.questions.retain(|_| *k.next().unwrap());
            set.themes.retain(|t| *t != ThemeId::Money);
        }
        let mut problems = Vec::new();
        deck.check(&mut problems);
        assert!(problems.iter().any(|p| p.contains("the theme money is missing from the deck")), "{problems:?}");
    }

    #[test]
    fn too_few_questions_are_reported() {
        let mut deck = shipped();
        deck.sets[2].questions.truncate(50);
        deck.sets[2].themes.truncate(50);
        let mut problems = Vec::new();
        deck.check(&mut problems);
        assert!(problems.iter().any(|p| p.contains("in the set vulnerable, found 50")), "{problems:?}");
        deck.sets[1].questions.truncate(50);
        deck.sets[1].themes.truncate(50);
        let mut problems = Vec::new();
        deck.check(&mut problems);
        assert!(problems.iter().any(|p| p.contains(&format!("at least {MIN_QUESTIONS} questions"))), "{problems:?}");
    }

    #[test]
    fn an_unknown_key_in_a_group_does_not_load() {
        let changed = EMBEDDED.questions.replacen("theme = \"money\"", "theme = \"money\"\nmood = \"calm\"", 1);
        assert!(toml::from_str::<Deck>(&changed).is_err());
    }

    #[test]
    fn the_old_flat_shape_does_not_load() {
        let old = "intro = \"x\"\n[[themes]]\nid = \"fun\"\ntitle = \"Fun\"\n[[sets]]\nid = \"light\"\ntitle = \"t\"\nhint = \"h\"\nquestions = [\"Why?\"]\n";
        assert!(toml::from_str::<Deck>(old).is_err());
    }
}
