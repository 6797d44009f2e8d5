//! Searching the guides, in memory. A query is cut into terms: a phrase or word of the synonym
//! list stands for its whole group, any other word for itself (and, from four letters on, for
//! longer words it starts: "therap" finds "therapist"); words like "how" or "my" are left out
//! when the query has others. Words are compared by their stems, so "listening" finds "listen".
//! Guides matching more terms come first, then those matching in their title or summary, then
//! by weight (title, summary, section heading, body). Each hit carries the section that matched
//! best and the sentence or two around its first match.

use super::guides::{Guide, GuideSection, Guides};
use super::questions::STOP_WORDS;
use super::stem::stem;
use super::synonyms::Synonyms;

/// At most this many terms of a query are looked for.
const MAX_TERMS: usize = 8;
/// A person's own word matches longer words it starts from this many letters of stem on.
const MIN_PREFIX: usize = 4;
/// How much a match counts, by where it is.
const TITLE: u32 = 8;
const SUMMARY: u32 = 4;
const HEADING: u32 = 3;
const BODY: u32 = 1;
/// Matches of one term in one text count up to this many times, so length alone doesn't win.
const MAX_COUNTED: u32 = 3;
/// A passage's first sentence shorter than this brings the next one with it.
const SHORT_SENTENCE: usize = 120;
/// A passage never runs longer than this (in bytes); longer ones are cut around the match.
const MAX_PASSAGE: usize = 320;

/// One word of a text: where it is, and its stem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub stem: String,
}

/// The words of a text (letters and digits, with apostrophes inside a word), lower-cased and
/// stemmed, with their byte positions.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut found = Vec::new();
    let mut start: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let apostrophe_inside = matches!(c, '\'' | '\u{2019}')
            && start.is_some()
            && chars.peek().is_some_and(|(_, next)| next.is_alphanumeric());
        if c.is_alphanumeric() || apostrophe_inside {
            start.get_or_insert(at);
        } else if let Some(s) = start.take() {
            found.push(token(text, s, at));
        }
    }
    if let Some(s) = start {
        found.push(token(text, s, text.len()));
    }
    found
}

fn token(text: &str, start: usize, end: usize) -> Token {
    Token { start, end, stem: stem(&text[start..end].to_lowercase()) }
}

/// One thing a query looks for: any of its alternatives (each a run of stems), or for a person's
/// own word, a longer word it starts.
#[derive(Debug)]
struct Term {
    alternatives: Vec<Vec<String>>,
    prefix: Option<String>,
}

impl Term {
    /// Where this term matches in a text's words, as byte ranges, in order.
    fn find(&self, words: &[Token]) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        for (i, word) in words.iter().enumerate() {
            let rest = &words[i..];
            let phrase = self
                .alternatives
                .iter()
                .find(|alt| alt.len() <= rest.len() && alt.iter().zip(rest).all(|(stem, word)| *stem == word.stem));
            if let Some(alt) = phrase {
                found.push((word.start, rest[alt.len() - 1].end));
            } else if self.prefix.as_ref().is_some_and(|p| word.stem.starts_with(p.as_str())) {
                found.push((word.start, word.end));
            }
        }
        found
    }
}

fn terms(query: &str, synonyms: &Synonyms) -> Vec<Term> {
    let words = tokens(query);
    let plain = |w: &Token| -> String {
        query[w.start..w.end].to_lowercase().chars().filter(|c| !matches!(c, '\'' | '\u{2019}')).collect()
    };
    let is_filler = |w: &Token| w.end - w.start < 2 || STOP_WORDS.contains(&plain(w).as_str());
    let has_content = words.iter().any(|w| !is_filler(w));
    let stems: Vec<String> = words.iter().map(|w| w.stem.clone()).collect();
    let own_prefix = |w: &Token| (w.stem.chars().count() >= MIN_PREFIX).then(|| w.stem.clone());
    let mut terms = Vec::new();
    let mut i = 0;
    while i < words.len() && terms.len() < MAX_TERMS {
        if let Some((covered, group)) = synonyms.at_start(&stems[i..]) {
            let prefix = if covered == 1 { own_prefix(&words[i]) } else { None };
            terms.push(Term { alternatives: group.to_vec(), prefix });
            i += covered;
            continue;
        }
        let word = &words[i];
        if !(has_content && is_filler(word)) {
            terms.push(Term { alternatives: vec![vec![word.stem.clone()]], prefix: own_prefix(word) });
        }
        i += 1;
    }
    terms
}

/// The sentence or two around a match, with every match inside it marked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    pub text: String,
    /// Byte ranges of `text` that matched, in order, not overlapping.
    pub marks: Vec<(usize, usize)>,
}

impl Passage {
    /// The text in pieces, each with whether it matched: what a page shows, marking the matches.
    pub fn parts(&self) -> Vec<(&str, bool)> {
        let mut parts = Vec::new();
        let mut at = 0;
        for (start, end) in &self.marks {
            if *start > at {
                parts.push((&self.text[at..*start], false));
            }
            parts.push((&self.text[*start..*end], true));
            at = *end;
        }
        if at < self.text.len() {
            parts.push((&self.text[at..], false));
        }
        parts
    }
}

/// Sentence ranges of a paragraph: each ends after ".", "?" or "!" followed by a space.
fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if matches!(c, '.' | '?' | '!') && chars.peek().is_some_and(|(_, next)| next.is_whitespace()) {
            found.push((start, at + c.len_utf8()));
            start = at + c.len_utf8();
        }
    }
    if start < text.len() {
        found.push((start, text.len()));
    }
    found
}

fn passage(text: &str, matches: &[(usize, usize)]) -> Passage {
    let first = matches.iter().map(|m| m.0).min().unwrap_or(0);
    let all = sentences(text);
    let index = all.iter().position(|(_, end)| first < *end).unwrap_or(0);
    let (mut start, mut end) = all.get(index).copied().unwrap_or((0, text.len()));
    if end - start < SHORT_SENTENCE {
        if let Some(next) = all.get(index + 1) {
            end = next.1;
        }
    }
    let (mut before, mut after) = ("", "");
    if end - start > MAX_PASSAGE {
        let first_end = matches.iter().filter(|m| m.0 == first).map(|m| m.1).max().unwrap_or(first);
        let from = floor_boundary(text, first.saturating_sub(MAX_PASSAGE / 3).max(start));
        if from > start {
            // Begin at the start of a word, never after the match.
            start = text[from..first].find(' ').map_or(first, |space| from + space + 1);
            before = "…";
        }
        let to = floor_boundary(text, (start + MAX_PASSAGE).min(end)).max(first_end);
        if to < end {
            // End after a whole word, never before the match's end.
            end = text[first_end..to].rfind(' ').map_or(to, |space| first_end + space);
            after = "…";
        }
    }
    let trimmed_start = start + (text[start..end].len() - text[start..end].trim_start().len());
    let trimmed_end = start + text[start..end].trim_end().len();
    let mut marks: Vec<(usize, usize)> = matches
        .iter()
        .filter(|(s, e)| *s >= trimmed_start && *e <= trimmed_end)
        .map(|(s, e)| (s - trimmed_start + before.len(), e - trimmed_start + before.len()))
        .collect();
    marks.sort();
    marks.dedup_by(|later, earlier| later.0 < earlier.1);
    Passage { text: format!("{before}{}{after}", &text[trimmed_start..trimmed_end]), marks }
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// One search result: the guide, the section where the words matched best, and the passage
/// around its first match (none when only the title, summary or a heading matched).
#[derive(Debug, Clone)]
pub struct GuideHit<'a> {
    pub guide: &'a Guide,
    pub section: &'a GuideSection,
    /// How many of the query's terms the guide matched.
    pub matched: usize,
    pub score: u32,
    pub passage: Option<Passage>,
}

/// How a guide or a section matched: which terms, and how much it counts.
struct Tally {
    matched: Vec<bool>,
    score: u32,
}

impl Tally {
    fn new(terms: usize) -> Self {
        Tally { matched: vec![false; terms], score: 0 }
    }

    /// Counts the matches of every term in one text, at `weight`; returns them, by term.
    fn add(&mut self, terms: &[Term], text: &str, weight: u32) -> Vec<Vec<(usize, usize)>> {
        let words = tokens(text);
        terms
            .iter()
            .enumerate()
            .map(|(i, term)| {
                let found = term.find(&words);
                if !found.is_empty() {
                    self.matched[i] = true;
                    self.score += weight * (found.len() as u32).min(MAX_COUNTED);
                }
                found
            })
            .collect()
    }

    fn count(&self) -> usize {
        self.matched.iter().filter(|m| **m).count()
    }
}

fn hit<'a>(guide: &'a Guide, terms: &[Term]) -> Option<(GuideHit<'a>, usize)> {
    let mut whole = Tally::new(terms.len());
    whole.add(terms, &guide.title, TITLE);
    whole.add(terms, &guide.summary, SUMMARY);
    let in_title = whole.count();
    let mut best: Option<(&GuideSection, Tally, Option<Passage>)> = None;
    for section in &guide.sections {
        let mut tally = Tally::new(terms.len());
        tally.add(terms, &section.heading, HEADING);
        let mut first: Option<Passage> = None;
        for paragraph in &section.paragraphs {
            let found: Vec<(usize, usize)> = tally.add(terms, paragraph, BODY).concat();
            if first.is_none() && !found.is_empty() {
                first = Some(passage(paragraph, &found));
            }
        }
        for (i, m) in tally.matched.iter().enumerate() {
            whole.matched[i] |= *m;
        }
        whole.score += tally.score;
        let better = best.as_ref().is_none_or(|(_, b, _)| (tally.count(), tally.score) > (b.count(), b.score));
        if tally.count() > 0 && better {
            best = Some((section, tally, first));
        }
    }
    if whole.count() == 0 {
        return None;
    }
    let (section, passage) = match best {
        Some((section, _, passage)) => (section, passage),
        None => (guide.sections.first()?, None),
    };
    Some((GuideHit { guide, section, matched: whole.count(), score: whole.score, passage }, in_title))
}

impl Guides {
    /// Guides matching the query, best first (see the module's notes); empty for an empty query.
    pub fn search(&self, query: &str, synonyms: &Synonyms) -> Vec<GuideHit<'_>> {
        let terms = terms(query, synonyms);
        if terms.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<(GuideHit<'_>, usize)> = self.guides.iter().filter_map(|g| hit(g, &terms)).collect();
        hits.sort_by(|(a, a_title), (b, b_title)| {
            (b.matched, b_title, b.score)
                .cmp(&(a.matched, a_title, a.score))
                .then_with(|| a.guide.slug.cmp(&b.guide.slug))
        });
        hits.into_iter().map(|(h, _)| h).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::synonyms::stems;
    use crate::content::Content;

    fn search(query: &str) -> Vec<GuideHit<'static>> {
        let content = Content::embedded();
        content.guides.search(query, &content.synonyms)
    }

    fn slugs(query: &str) -> Vec<&'static str> {
        search(query).iter().map(|h| h.guide.slug.as_str()).collect()
    }

    /// The marked words of a hit's passage, lower-cased.
    fn marked(hit: &GuideHit<'_>) -> Vec<String> {
        let passage = hit.passage.as_ref().expect("a passage");
        passage.parts().into_iter().filter(|(_, m)| *m).map(|(t, _)| t.to_lowercase()).collect()
    }

    /// A small library of one-section guides, each (slug, title, paragraph).
    fn library(guides: &[(&str, &str, &str)]) -> Guides {
        let mut text = String::from("intro = \"x\"\n");
        for (slug, title, paragraph) in guides {
            text.push_str(&format!(
                "[[guides]]\nslug = \"{slug}\"\ntitle = \"{title}\"\nsummary = \"A guide.\"\nfeatures = []\n\n  [[guides.sections]]\n  id = \"one\"\n  heading = \"One\"\n  paragraphs = [\"{paragraph}\"]\n\n"
            ));
        }
        toml::from_str(&text).unwrap()
    }

    fn fight_or_row() -> Synonyms {
        Synonyms::load("[[groups]]\nwords = [\"row\", \"fight\"]\n").unwrap()
    }

    #[test]
    fn a_word_finds_a_phrase_of_its_group_stonewalling_finds_the_guide_on_withdrawal() {
        let hits = search("stonewalling");
        assert_eq!(hits[0].guide.slug, "when-one-of-you-shuts-down");
        assert!(!marked(&hits[0]).is_empty());
    }

    #[test]
    fn a_word_finds_other_words_of_its_group_sex_finds_physical_closeness() {
        let hits = search("sex");
        assert_eq!(hits[0].guide.slug, "physical-closeness");
        let group = Content::embedded().synonyms.group_of("sex").unwrap();
        let words = marked(&hits[0]);
        assert!(words.iter().all(|w| group.iter().any(|g| stems(w) == stems(g))), "{words:?}");
    }

    #[test]
    fn a_form_of_a_synonym_brings_its_group_arguing_finds_conflict() {
        let hits = search("arguing");
        assert!(!hits.is_empty());
        let group = Content::embedded().synonyms.group_of("argue").unwrap();
        assert!(group.contains(&"conflict".to_owned()));
        for hit in &hits {
            let words = marked(hit);
            assert!(
                words.iter().all(|w| group.iter().any(|g| stems(w) == stems(g))),
                "{} marks {words:?}",
                hit.guide.slug
            );
        }
        assert_eq!(slugs("arguing"), slugs("argue"));
        assert!(slugs("hugging").starts_with(&["physical-closeness"]), "hugging finds touch");
    }

    #[test]
    fn a_phrase_in_the_query_stands_for_its_group() {
        let hits = search("silent treatment");
        assert_eq!(hits[0].guide.slug, "when-one-of-you-shuts-down");
        assert_eq!(hits[0].matched, 1, "the phrase is one term, not two words");
        assert!(slugs("dead bedroom").starts_with(&["physical-closeness"]));
    }

    #[test]
    fn a_word_form_finds_its_word_listening_is_listen() {
        assert_eq!(slugs("listening"), slugs("listen"));
        assert!(marked(&search("listening")[0]).iter().any(|m| m == "listens"), "listening finds 'listens'");
        // A word outside the synonym list works by its forms alone.
        let hits = search("noticing");
        assert!(!hits.is_empty());
        let words: Vec<String> = hits.iter().filter(|h| h.passage.is_some()).flat_map(marked).collect();
        assert!(!words.is_empty() && words.iter().all(|m| stem(m) == stem("notice")), "{words:?}");
    }

    #[test]
    fn a_word_also_finds_longer_words_it_starts() {
        assert!(slugs("therap").contains(&"faq"), "a prefix finds the FAQ's therapist question");
        assert!(slugs("zzzyx").is_empty());
        assert!(slugs("").is_empty());
        assert!(slugs("  ,  ").is_empty());
    }

    #[test]
    fn guides_matching_more_terms_come_first_and_an_unknown_word_hides_nothing() {
        let hits = search("how do I stop my partner from stonewalling");
        assert_eq!(hits[0].guide.slug, "when-one-of-you-shuts-down");
        assert_eq!(hits[0].matched, 3, "stop, partner and stonewalling; 'how', 'do', 'my', 'from' are left out");
        assert!(hits.windows(2).all(|w| w[0].matched >= w[1].matched));
        assert!(slugs("therapist zzzyx").contains(&"faq"));
    }

    #[test]
    fn a_match_in_the_title_ranks_above_matches_only_in_the_body() {
        let guides = library(&[
            ("body", "Evenings", "A fight. Another fight. A third fight, and a fourth fight."),
            ("title", "After a row", "Something else entirely."),
        ]);
        let hits = guides.search("fighting", &fight_or_row());
        assert_eq!(hits.iter().map(|h| h.guide.slug.as_str()).collect::<Vec<_>>(), ["title", "body"]);
        assert!(hits[0].passage.is_none(), "only the title matched: no passage");
    }

    #[test]
    fn the_passage_is_the_sentence_or_two_around_the_first_match() {
        let paragraph = "It starts well. Then a small fight begins. It ends. Later nothing happens at all.";
        let guides = library(&[("one", "Evenings", paragraph)]);
        let passage = guides.search("rows", &fight_or_row())[0].passage.clone().unwrap();
        assert_eq!(passage.text, "Then a small fight begins. It ends.");
        assert_eq!(passage.parts(), [("Then a small ", false), ("fight", true), (" begins. It ends.", false)]);

        let long = format!("{} and then a fight, {}.", "word ".repeat(100).trim(), "more ".repeat(100).trim());
        let guides = library(&[("long", "Evenings", &long)]);
        let passage = guides.search("fight", &fight_or_row())[0].passage.clone().unwrap();
        assert!(passage.text.starts_with('…') && passage.text.ends_with('…'), "{}", passage.text);
        assert!(passage.text.len() <= MAX_PASSAGE + 2 * '…'.len_utf8(), "{}", passage.text.len());
        let marks: Vec<&str> = passage.parts().into_iter().filter(|(_, m)| *m).map(|(t, _)| t).collect();
        assert_eq!(marks, ["fight"]);
    }

    #[test]
    fn every_guide_is_found_by_a_long_word_from_its_last_paragraph() {
        for guide in &Content::embedded().guides.guides {
            let text = guide.sections.last().unwrap().paragraphs.last().unwrap();
            let word = tokens(text).into_iter().max_by_key(|t| t.end - t.start).map(|t| &text[t.start..t.end]).unwrap();
            assert!(slugs(word).contains(&guide.slug.as_str()), "{word:?} finds {}", guide.slug);
        }
    }

    #[test]
    fn words_are_cut_with_their_positions_and_inner_apostrophes() {
        let text = "Won\u{2019}t you listen, partner's?";
        let found = tokens(text);
        let words: Vec<&str> = found.iter().map(|t| &text[t.start..t.end]).collect();
        assert_eq!(words, ["Won\u{2019}t", "you", "listen", "partner's"]);
        assert_eq!(found[3].stem, "partner");
    }
}
