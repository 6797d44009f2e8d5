//! The soft start-up coach page: write a draft, see what may put the partner on guard and why,
//! and a gentler shape. Works as a plain form; `app.js` makes it live while typing. Nothing
//! written here is stored.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use serde::Deserialize;
use tend_core::content::{CoachKind, Content};
use tend_core::msg;

use super::coach_note::{marked, reasons, Reason};
use super::errors::service_error_page;
use super::{form_errors, render, FormErrors, Layout};
use crate::auth::csrf::CsrfToken;
use crate::auth::session::MaybeUser;
use crate::services::coach::{self, CoachAnswer};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "coach.html")]
struct CoachPage {
    layout: Layout,
    text: String,
    errors: FormErrors,
    analysis: Option<CoachAnswer>,
    marked: String,
    reasons: Vec<Reason>,
    /// (kind id, title) for the live version.
    kinds: Vec<(&'static str, String)>,
    harsh_title: &'static str,
    gentle_title: &'static str,
    gentle_text: &'static str,
    suggestion_title: &'static str,
}

fn page(
    state: &AppState,
    csrf: &CsrfToken,
    signed_in: bool,
    text: String,
    errors: FormErrors,
    analysis: Option<CoachAnswer>,
) -> CoachPage {
    let coach = &Content::embedded().coach;
    let reasons = analysis.as_ref().map(|a| reasons(&text, a)).unwrap_or_default();
    CoachPage {
        layout: Layout::new(state, csrf, msg::title_coach(), signed_in, "talk"),
        marked: analysis.as_ref().map(|a| marked(&text, a)).unwrap_or_default(),
        reasons,
        kinds: CoachKind::ALL.iter().map(|k| (k.as_str(), coach.kind(*k).title.clone())).collect(),
        text,
        errors,
        analysis,
        harsh_title: msg::coach_some_words_may_put(),
        gentle_title: msg::coach_this_reads_gently(),
        gentle_text: msg::coach_nothing_here_tends_put(),
        suggestion_title: msg::coach_gentler_start(),
    }
}

pub async fn show(State(state): State<AppState>, csrf: CsrfToken, MaybeUser(user): MaybeUser) -> Response {
    render(&page(&state, &csrf, user.is_some(), String::new(), FormErrors::default(), None), StatusCode::OK)
}

#[derive(Deserialize)]
pub struct DraftForm {
    #[serde(default)]
    text: String,
}

pub async fn check(
    State(state): State<AppState>,
    csrf: CsrfToken,
    MaybeUser(user): MaybeUser,
    Form(form): Form<DraftForm>,
) -> Response {
    match coach::analyze(&form.text) {
        Ok(answer) => {
            render(&page(&state, &csrf, user.is_some(), form.text, FormErrors::default(), Some(answer)), StatusCode::OK)
        }
        Err(err) => match form_errors(err) {
            Ok(errors) => {
                render(&page(&state, &csrf, user.is_some(), form.text, errors, None), StatusCode::UNPROCESSABLE_ENTITY)
            }
            Err(err) => service_error_page(err),
        },
    }
}
