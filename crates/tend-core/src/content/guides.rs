//! The guide library: the program explained as readable guides, each with sections (the table
//! of contents), links into the features that carry it out, and a small full-text index.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{duplicates, non_empty};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guides {
    pub intro: String,
    pub guides: Vec<Guide>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guide {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub features: Vec<String>,
    pub sections: Vec<GuideSection>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuideSection {
    pub id: String,
    pub heading: String,
    pub paragraphs: Vec<String>,
}

/// One search result: the guide, and the section where the words matched best.
#[derive(Debug, Clone)]
pub struct GuideHit<'a> {
    pub guide: &'a Guide,
    pub section: &'a GuideSection,
    pub score: u32,
}

fn slug_like(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Lower-cased words of at least two letters; what both the index and a query are cut into.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .map(|w| w.trim_matches('\'').to_lowercase())
        .filter(|w| w.chars().count() >= 2)
}

impl Guides {
    pub fn guide(&self, slug: &str) -> Option<&Guide> {
        self.guides.iter().find(|g| g.slug == slug)
    }

    /// Guides whose text holds every word of the query (a word also matches as the start of a
    /// longer one, so "therap" finds "therapist"), best first. Headings count more than body.
    pub fn search(&self, query: &str) -> Vec<GuideHit<'_>> {
        let terms: Vec<String> = words(query).take(8).collect();
        if terms.is_empty() {
            return Vec::new();
        }
        let mut hits = Vec::new();
        for guide in &self.guides {
            let mut per_term = vec![0u32; terms.len()];
            let mut best: Option<(&GuideSection, u32)> = None;
            for section in &guide.sections {
                let mut section_score = 0;
                let mut count = |text: &str, weight: u32| {
                    for word in words(text) {
                        for (i, term) in terms.iter().enumerate() {
                            if word.starts_with(term.as_str()) {
                                per_term[i] += weight;
                                section_score += weight;
                            }
                        }
                    }
                };
                count(&section.heading, 3);
                section.paragraphs.iter().for_each(|p| count(p, 1));
                if section_score > best.map_or(0, |b| b.1) {
                    best = Some((section, section_score));
                }
            }
            let mut title_score = 0;
            for word in words(&guide.title).chain(words(&guide.summary)) {
                for (i, term) in terms.iter().enumerate() {
                    if word.starts_with(term.as_str()) {
                        per_term[i] += 4;
                        title_score += 4;
                    }
                }
            }
            if per_term.iter().all(|n| *n > 0) {
                let section = best.map_or(&guide.sections[0], |b| b.0);
                hits.push(GuideHit { guide, section, score: per_term.iter().sum::<u32>() + title_score });
            }
        }
        hits.sort_by(|a, b| b.score.cmp(&a.score).then_with(|| a.guide.slug.cmp(&b.guide.slug)));
        hits
    }

    pub(super) fn check(&self, feature_ids: &[&str], problems: &mut Vec<String>) {
        const FILE: &str = "guides.toml";
        non_empty(FILE, "intro", &self.intro, problems);
        duplicates(FILE, self.guides.iter().map(|g| g.slug.as_str()), problems);
        for guide in &self.guides {
            if !slug_like(&guide.slug) {
                problems.push(format!("content/{FILE}: {:?} is not a slug (a-z, 0-9, -)", guide.slug));
            }
            non_empty(FILE, &format!("the title of {}", guide.slug), &guide.title, problems);
            non_empty(FILE, &format!("the summary of {}", guide.slug), &guide.summary, problems);
            for feature in &guide.features {
                if !feature_ids.contains(&feature.as_str()) {
                    problems.push(format!("content/{FILE}: {} links to an unknown feature {feature:?}", guide.slug));
                }
            }
            if guide.sections.is_empty() {
                problems.push(format!("content/{FILE}: {} has no sections", guide.slug));
            }
            let mut seen = BTreeMap::new();
            for section in &guide.sections {
                if !slug_like(&section.id) || seen.insert(section.id.as_str(), ()).is_some() {
                    problems.push(format!(
                        "content/{FILE}: {} has a missing or repeated section id {:?}",
                        guide.slug, section.id
                    ));
                }
                if section.paragraphs.is_empty() || section.paragraphs.iter().any(|p| p.trim().is_empty()) {
                    problems.push(format!("content/{FILE}: {}#{} has an empty paragraph", guide.slug, section.id));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::content::Content;

    #[test]
    fn search_finds_a_guide_by_a_word_from_its_body() {
        let guides = &Content::embedded().guides;
        for guide in &guides.guides {
            // The longest word of the guide's last paragraph, which no title needs to contain.
            let text = guide.sections.last().unwrap().paragraphs.last().unwrap();
            let word = super::words(text).max_by_key(|w| w.len()).unwrap();
            let hits = guides.search(&word);
            assert!(hits.iter().any(|h| h.guide.slug == guide.slug), "{word:?} finds {}", guide.slug);
        }
    }

    #[test]
    fn every_word_of_a_query_must_match_and_prefixes_count() {
        let guides = &Content::embedded().guides;
        assert!(guides.search("zzzyx").is_empty());
        assert!(guides.search("").is_empty());
        let hits = guides.search("therap");
        assert!(hits.iter().any(|h| h.guide.slug == "faq"), "a prefix finds the FAQ's therapist question");
        assert!(guides.search("therapist zzzyx").is_empty(), "all words must match");
    }
}
