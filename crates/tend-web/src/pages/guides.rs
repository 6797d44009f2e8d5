//! The guide library in the browser, open to everyone: the list with a search box, and one
//! guide with its table of contents and links into the parts of Tend that carry it out.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use tend_core::content::Content;
use tend_core::msg;

use super::errors::{not_found_page, service_error_page};
use super::{render, Layout};
use crate::auth::csrf::CsrfToken;
use crate::auth::session::MaybeUser;
use crate::services::guides::{self, GuideSearchHit, GuideSummary, GuideView};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "guides.html")]
struct GuidesPage {
    layout: Layout,
    intro: String,
    guides: Vec<GuideSummary>,
    query: String,
    /// Search results, when there was a search.
    hits: Option<Vec<GuideSearchHit>>,
}

#[derive(Deserialize)]
pub struct SearchQuery {
    q: Option<String>,
}

pub async fn list(
    State(state): State<AppState>,
    csrf: CsrfToken,
    MaybeUser(user): MaybeUser,
    Query(q): Query<SearchQuery>,
) -> Response {
    let query = q.q.unwrap_or_default();
    let hits = match query.trim() {
        "" => None,
        words => match guides::search(words) {
            Ok(hits) => Some(hits),
            Err(err) => return service_error_page(err),
        },
    };
    let page = GuidesPage {
        layout: Layout::new(&state, &csrf, msg::title_guides(), user.is_some(), "guides"),
        intro: Content::embedded().guides.intro.clone(),
        guides: guides::list(),
        query,
        hits,
    };
    render(&page, StatusCode::OK)
}

#[derive(Template)]
#[template(path = "guide.html")]
struct GuidePage {
    layout: Layout,
    guide: GuideView,
}

pub async fn show(
    State(state): State<AppState>,
    csrf: CsrfToken,
    MaybeUser(user): MaybeUser,
    Path(slug): Path<String>,
) -> Response {
    let Ok(guide) = guides::get(&slug) else {
        return not_found_page();
    };
    let page = GuidePage { layout: Layout::new(&state, &csrf, msg::title_guides(), user.is_some(), "guides"), guide };
    render(&page, StatusCode::OK)
}
