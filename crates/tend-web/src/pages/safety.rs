//! The private safety check in the browser: questions, the outcome with help lines when there is
//! risk, and the switch for the joint hard-talk tools.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use tend_core::content::{Content, Safety};

use super::errors::service_error_page;
use super::{form_errors, page_or_error, render, see_other, see_other_or_error, FormErrors, Layout};
use crate::auth::csrf::CsrfToken;
use crate::auth::session::{Authenticated, PageUser};
use crate::services::safety::{self, JointTools, SafetyAnswers, SafetyView};
use crate::services::ServiceResult;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "safety.html")]
struct SafetyPage {
    layout: Layout,
    view: SafetyView,
    text: &'static Safety,
    errors: FormErrors,
}

async fn page(state: &AppState, csrf: &CsrfToken, me: &Authenticated, errors: FormErrors) -> ServiceResult<SafetyPage> {
    Ok(SafetyPage {
        layout: Layout::new(state, csrf, "Safety", true, ""),
        view: safety::get(state, &me.person.id).await?,
        text: &Content::embedded().safety,
        errors,
    })
}

pub async fn show(State(state): State<AppState>, csrf: CsrfToken, PageUser(me): PageUser) -> Response {
    page_or_error(page(&state, &csrf, &me, FormErrors::default()).await)
}

/// Yes/no answers arrive as one field per question, beside the CSRF token.
pub async fn submit(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Form(fields): Form<BTreeMap<String, String>>,
) -> Response {
    let answers = fields.into_iter().filter(|(k, _)| k != "csrf").map(|(k, v)| (k, v == "true")).collect();
    match safety::submit(&state, &me.person.id, &SafetyAnswers { answers }).await {
        Ok(_) => see_other("/safety"),
        Err(err) => match form_errors(err) {
            Ok(errors) => match page(&state, &csrf, &me, errors).await {
                Ok(p) => render(&p, StatusCode::UNPROCESSABLE_ENTITY),
                Err(err) => service_error_page(err),
            },
            Err(err) => service_error_page(err),
        },
    }
}

pub async fn tools(State(state): State<AppState>, PageUser(me): PageUser, Form(form): Form<JointTools>) -> Response {
    see_other_or_error(safety::set_joint_tools(&state, &me.person.id, &form).await, "/safety")
}
