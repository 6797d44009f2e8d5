//! The guide library, readable without an account: the list, one guide with its table of
//! contents and links into the features that carry it out, and search that understands word
//! forms and synonyms, ranked, with the passage that matched.

use serde::Serialize;
use tend_core::content::{Content, Guide};
use tend_core::msg;
use utoipa::ToSchema;

use super::{ServiceError, ServiceResult};

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GuideSummary {
    pub slug: String,
    pub title: String,
    pub summary: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GuideSectionView {
    /// The anchor within the guide's page.
    pub id: String,
    pub heading: String,
    pub paragraphs: Vec<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FeatureLink {
    pub title: String,
    pub path: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GuideView {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub sections: Vec<GuideSectionView>,
    /// The parts of Tend that carry this guide out.
    pub features: Vec<FeatureLink>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GuideSearchHit {
    pub slug: String,
    pub title: String,
    pub summary: String,
    /// The section where the words matched best.
    pub section_id: String,
    pub section_heading: String,
    /// The sentence or two around the first match in that section; none when only the title,
    /// summary or heading matched.
    pub passage: Option<String>,
    /// The passage in pieces, each with whether it matched: what the page marks.
    #[serde(skip)]
    pub passage_parts: Vec<(String, bool)>,
}

fn summary(g: &Guide) -> GuideSummary {
    GuideSummary { slug: g.slug.clone(), title: g.title.clone(), summary: g.summary.clone() }
}

pub fn list() -> Vec<GuideSummary> {
    Content::embedded().guides.guides.iter().map(summary).collect()
}

pub fn get(slug: &str) -> ServiceResult<GuideView> {
    let content = Content::embedded();
    let g = content.guides.guide(slug).ok_or(ServiceError::NotFound)?;
    Ok(GuideView {
        slug: g.slug.clone(),
        title: g.title.clone(),
        summary: g.summary.clone(),
        sections: g
            .sections
            .iter()
            .map(|s| GuideSectionView {
                id: s.id.clone(),
                heading: s.heading.clone(),
                paragraphs: s.paragraphs.clone(),
            })
            .collect(),
        features: g
            .features
            .iter()
            .filter_map(|id| content.feature(id))
            .filter(|f| !f.path.is_empty())
            .map(|f| FeatureLink { title: f.title.clone(), path: f.path.clone() })
            .collect(),
    })
}

/// Up to 20 guides matching the query, best first: more of its words matched, then matches in a
/// title, then by weight.
pub fn search(query: &str) -> ServiceResult<Vec<GuideSearchHit>> {
    if query.chars().count() > 200 {
        return Err(ServiceError::field("q", msg::guides_search_with_fewer_words()));
    }
    let content = Content::embedded();
    Ok(content
        .guides
        .search(query, &content.synonyms)
        .into_iter()
        .take(20)
        .map(|h| GuideSearchHit {
            slug: h.guide.slug.clone(),
            title: h.guide.title.clone(),
            summary: h.guide.summary.clone(),
            section_id: h.section.id.clone(),
            section_heading: h.section.heading.clone(),
            passage: h.passage.as_ref().map(|p| p.text.clone()),
            passage_parts: h
                .passage
                .as_ref()
                .map(|p| p.parts().into_iter().map(|(text, hit)| (text.to_owned(), hit)).collect())
                .unwrap_or_default(),
        })
        .collect())
}
