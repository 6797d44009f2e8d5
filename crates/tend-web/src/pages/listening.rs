//! Active listening in the browser: both devices show the same step and follow each other live
//! (the page reloads on a `listening` event); on one shared device, whoever holds it acts.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use tend_core::content::{Content, ListeningText};
use tend_core::listening::Phase;
use tend_core::msg;

use super::errors::service_error_page;
use super::{form_errors, local_time, page_or_error, render, see_other, see_other_or_error, FormErrors, Layout};
use crate::auth::csrf::CsrfToken;
use crate::auth::session::{Authenticated, PageUser};
use crate::services::listening::{self, ListeningStep, ListeningView, StartListening};
use crate::services::ServiceResult;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "listening.html")]
struct ListeningPage {
    layout: Layout,
    exchange: Option<ListeningView>,
    speak_until: String,
    text: &'static ListeningText,
    errors: FormErrors,
    /// No exchange yet, or the last one is done.
    can_start: bool,
}

async fn page(
    state: &AppState,
    csrf: &CsrfToken,
    me: &Authenticated,
    errors: FormErrors,
) -> ServiceResult<ListeningPage> {
    let exchange = listening::current(state, &me.person.id).await?;
    let can_start = exchange.as_ref().is_none_or(|x| x.phase == Phase::Done);
    Ok(ListeningPage {
        can_start,
        layout: Layout::new(state, csrf, msg::title_listening(), true, "talk"),
        speak_until: exchange.as_ref().map(|x| local_time(x.speak_until, &me.person.time_zone)).unwrap_or_default(),
        exchange,
        text: &Content::embedded().listening,
        errors,
    })
}

pub async fn show(State(state): State<AppState>, csrf: CsrfToken, PageUser(me): PageUser) -> Response {
    page_or_error(page(&state, &csrf, &me, FormErrors::default()).await)
}

pub async fn start(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Form(form): Form<StartListening>,
) -> Response {
    see_other_or_error(listening::start(&state, &me.person.id, &form).await, "/listening")
}

pub async fn step(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Form(form): Form<ListeningStep>,
) -> Response {
    match listening::step(&state, &me.person.id, &form).await {
        Ok(_) => see_other("/listening"),
        Err(crate::services::ServiceError::Conflict { code: "moved_on", .. }) => see_other("/listening"),
        Err(err) => match form_errors(err) {
            Ok(errors) => match page(&state, &csrf, &me, errors).await {
                Ok(p) => render(&p, StatusCode::UNPROCESSABLE_ENTITY),
                Err(err) => service_error_page(err),
            },
            Err(err) => service_error_page(err),
        },
    }
}
