//! The guide library: the program explained as readable guides, each with sections (the table
//! of contents) and links into the features that carry it out. Searching them is
//! `guide_search`.

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

fn slug_like(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

impl Guides {
    pub fn guide(&self, slug: &str) -> Option<&Guide> {
        self.guides.iter().find(|g| g.slug == slug)
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
