//! The guide library, open to everyone (no account needed).

use axum::extract::{Path, Query};
use axum::Json;
use serde::Deserialize;
use utoipa::IntoParams;

use super::error::{ApiError, ErrorBody};
use crate::services::guides::{self, GuideSearchHit, GuideSummary, GuideView};

/// Every guide: the program explained in Tend's words.
#[utoipa::path(get, path = "/guides", operation_id = "listGuides", tag = "guides",
    responses((status = 200, body = Vec<GuideSummary>)))]
pub async fn list_guides() -> Json<Vec<GuideSummary>> {
    Json(guides::list())
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct SearchQuery {
    /// Words to find. Forms of a word count as the word ("listening" finds "listen"), a word of
    /// the synonym list finds its synonyms ("stonewalling" finds "shuts down"), and from four
    /// letters on a word also matches the start of a longer one. Guides matching more of the
    /// words come first.
    pub q: String,
}

/// Search across the guides, best first, each with the passage that matched.
#[utoipa::path(get, path = "/guides/search", operation_id = "searchGuides", tag = "guides",
    params(SearchQuery),
    responses((status = 200, body = Vec<GuideSearchHit>), (status = 422, body = ErrorBody)))]
pub async fn search_guides(Query(query): Query<SearchQuery>) -> Result<Json<Vec<GuideSearchHit>>, ApiError> {
    Ok(Json(guides::search(&query.q)?))
}

/// One guide, with its sections (the table of contents) and links into Tend.
#[utoipa::path(get, path = "/guides/{slug}", operation_id = "getGuide", tag = "guides",
    params(("slug" = String, Path)),
    responses((status = 200, body = GuideView), (status = 404, body = ErrorBody)))]
pub async fn get_guide(Path(slug): Path<String>) -> Result<Json<GuideView>, ApiError> {
    Ok(Json(guides::get(&slug)?))
}
