//! Leaving the couple space: one confirmation, then it is done — no consent needed, no alert sent.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use tend_core::msg;

use super::errors::service_error_page;
use super::{render, see_other, Layout};
use crate::auth::csrf::CsrfToken;
use crate::auth::session::PageUser;
use crate::services::couples;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "leave.html")]
struct LeavePage {
    layout: Layout,
}

pub async fn confirm(State(state): State<AppState>, csrf: CsrfToken, PageUser(_me): PageUser) -> Response {
    render(&LeavePage { layout: Layout::new(&state, &csrf, msg::title_leave(), true, "me") }, StatusCode::OK)
}

pub async fn leave(State(state): State<AppState>, PageUser(me): PageUser) -> Response {
    match couples::leave(&state, &me.person.id).await {
        Ok(()) => see_other("/home?done=left"),
        Err(err) => service_error_page(err),
    }
}
