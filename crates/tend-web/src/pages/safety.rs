//! The private safety check in the browser: questions, the outcome with help lines when there is
//! risk (the host's own first, then the national lines of a country chosen on this device), and
//! the switch for the joint hard-talk tools.

use std::collections::BTreeMap;
use tend_core::msg;

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Form;
use tend_core::content::{Content, Safety};

use super::errors::service_error_page;
use super::help_lines::{self, CountryForm, LinesSection};
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
    /// Shown with the outcome when it points to risk.
    lines: LinesSection,
}

const LINES_ACTION: &str = "/safety/country";

async fn page(
    state: &AppState,
    csrf: &CsrfToken,
    me: &Authenticated,
    errors: FormErrors,
    lines: LinesSection,
) -> ServiceResult<SafetyPage> {
    Ok(SafetyPage {
        layout: Layout::new(state, csrf, msg::title_safety(), true, ""),
        view: safety::get(state, &me.person.id).await?,
        text: &Content::embedded().safety,
        errors,
        lines,
    })
}

pub async fn show(
    State(state): State<AppState>,
    csrf: CsrfToken,
    headers: HeaderMap,
    PageUser(me): PageUser,
) -> Response {
    let lines = LinesSection::new(&headers, &state, &me, LINES_ACTION);
    page_or_error(page(&state, &csrf, &me, FormErrors::default(), lines).await)
}

/// Yes/no answers arrive as one field per question, beside the CSRF token.
pub async fn submit(
    State(state): State<AppState>,
    csrf: CsrfToken,
    headers: HeaderMap,
    PageUser(me): PageUser,
    Form(fields): Form<BTreeMap<String, String>>,
) -> Response {
    let answers = fields.into_iter().filter(|(k, _)| k != "csrf").map(|(k, v)| (k, v == "true")).collect();
    match safety::submit(&state, &me.person.id, &SafetyAnswers { answers }).await {
        Ok(_) => see_other("/safety"),
        Err(err) => match form_errors(err) {
            Ok(errors) => {
                match page(&state, &csrf, &me, errors, LinesSection::new(&headers, &state, &me, LINES_ACTION)).await {
                    Ok(p) => render(&p, StatusCode::UNPROCESSABLE_ENTITY),
                    Err(err) => service_error_page(err),
                }
            }
            Err(err) => service_error_page(err),
        },
    }
}

pub async fn tools(State(state): State<AppState>, PageUser(me): PageUser, Form(form): Form<JointTools>) -> Response {
    see_other_or_error(safety::set_joint_tools(&state, &me.person.id, &form).await, "/safety")
}

/// The country whose lines to show, kept only on this device.
pub async fn country(
    State(state): State<AppState>,
    csrf: CsrfToken,
    headers: HeaderMap,
    PageUser(me): PageUser,
    Form(form): Form<CountryForm>,
) -> Response {
    let again = |lines| page(&state, &csrf, &me, FormErrors::default(), lines);
    help_lines::choose(&state, &me, &headers, &form, "/safety#lines", LINES_ACTION, again).await
}
