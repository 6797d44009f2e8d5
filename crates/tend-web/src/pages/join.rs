//! Opening an invite link: sign up or log in first if needed, then join with one button.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use tend_core::msg;

use super::errors::service_error_page;
use super::{render, see_other, Layout};
use crate::auth::csrf::CsrfToken;
use crate::auth::session::{MaybeUser, PageUser};
use crate::services::couples::{self, JoinWith};
use crate::services::ServiceError;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "join.html")]
struct JoinPage {
    layout: Layout,
    open: bool,
    signed_in: bool,
    here: String,
    problem: Option<&'static str>,
}

fn join_page(
    state: &AppState,
    csrf: &CsrfToken,
    token: &str,
    open: bool,
    signed_in: bool,
    problem: Option<&'static str>,
) -> JoinPage {
    JoinPage {
        layout: Layout::new(state, csrf, msg::title_invitation(), signed_in, ""),
        open,
        signed_in,
        here: format!("/join/{token}"),
        problem,
    }
}

pub async fn show(
    State(state): State<AppState>,
    csrf: CsrfToken,
    MaybeUser(user): MaybeUser,
    Path(token): Path<String>,
) -> Response {
    match couples::link_is_open(&state, &token).await {
        Ok(open) => {
            let status = if open { StatusCode::OK } else { StatusCode::NOT_FOUND };
            render(&join_page(&state, &csrf, &token, open, user.is_some(), None), status)
        }
        Err(err) => service_error_page(err),
    }
}

pub async fn join(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Path(token): Path<String>,
) -> Response {
    match couples::join(&state, &me.person.id, &me.key, JoinWith::LinkToken(&token)).await {
        Ok(_) => see_other("/home?done=joined"),
        Err(ServiceError::NotFound) => {
            render(&join_page(&state, &csrf, &token, false, true, None), StatusCode::NOT_FOUND)
        }
        Err(ServiceError::Conflict { message, .. }) => {
            render(&join_page(&state, &csrf, &token, true, true, Some(message)), StatusCode::CONFLICT)
        }
        Err(err) => service_error_page(err),
    }
}
