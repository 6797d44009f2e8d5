//! "You're offline": the page the service worker keeps and shows when a page can't be reached,
//! with the guides that are still readable. The same for everyone, so it can be kept: never
//! signed in, no form token.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use tend_core::msg;

use super::{render, Layout};
use crate::services::guides::{self, GuideSummary};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "offline.html")]
struct OfflinePage {
    layout: Layout,
    guides: Vec<GuideSummary>,
}

pub async fn show(State(state): State<AppState>) -> Response {
    let layout = Layout {
        title: msg::title_offline(),
        pause_called: String::new(),
        csrf: String::new(),
        signed_in: false,
        nav: "",
        quick_exit_url: state.settings.quick_exit_url.clone(),
    };
    render(&OfflinePage { layout, guides: guides::list() }, StatusCode::OK)
}
