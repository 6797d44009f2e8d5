//! The front door: what Tend is, and the way in.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;

use super::{notice, render, see_other, Done, Layout};
use crate::auth::csrf::CsrfToken;
use crate::auth::session::MaybeUser;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "landing.html")]
struct LandingPage {
    layout: Layout,
    notice: Option<&'static str>,
}

pub async fn show(
    State(state): State<AppState>,
    csrf: CsrfToken,
    MaybeUser(user): MaybeUser,
    Query(q): Query<Done>,
) -> Response {
    if user.is_some() {
        return see_other("/home");
    }
    let page = LandingPage { layout: Layout::new(&state, &csrf, "", false, ""), notice: notice(q.done.as_deref()) };
    render(&page, StatusCode::OK)
}
