//! Curious questions in the browser: pick ten for tonight (by set and theme), mark them, keep
//! favourites, add your own.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use serde::Deserialize;
use tend_core::content::{Content, SetId};
use tend_core::msg;

use super::errors::service_error_page;
use super::{form_errors, notice, page_or_error, render, see_other, see_other_or_error, Done, FormErrors, Layout};
use crate::auth::csrf::CsrfToken;
use crate::auth::session::{Authenticated, PageUser};
use crate::services::questions::{self, Draw, Mark, NewQuestion, QuestionView};
use crate::services::{optional, ServiceResult};
use crate::state::AppState;

/// A theme to draw from, as the select shows it.
struct ThemeChoice {
    id: &'static str,
    title: String,
}

struct SetSummary {
    id: &'static str,
    title: String,
    hint: String,
    asked: usize,
    total: usize,
}

#[derive(Template)]
#[template(path = "questions.html")]
struct QuestionsPage {
    layout: Layout,
    notice: Option<&'static str>,
    intro: String,
    in_couple: bool,
    sets: Vec<SetSummary>,
    themes: Vec<ThemeChoice>,
    tonight: Vec<QuestionView>,
    favourites: Vec<QuestionView>,
    forms: Forms,
}

/// What the page's two forms show: the draw's choices and the question being added, with the
/// errors of each when one was refused.
#[derive(Default)]
struct Forms {
    draw: DrawForm,
    errors: FormErrors,
    own_errors: FormErrors,
    own_text: String,
}

async fn page(
    state: &AppState,
    csrf: &CsrfToken,
    me: &Authenticated,
    forms: Forms,
    notice: Option<&'static str>,
) -> ServiceResult<QuestionsPage> {
    let content = &Content::embedded().questions;
    let deck = optional(questions::list(state, &me.person.id, &me.key).await)?;
    let sets = SetId::ALL
        .iter()
        .map(|id| {
            let in_set = |q: &&QuestionView| q.set == id.as_str();
            let all = deck.as_ref().map(|d| d.questions.iter().filter(in_set).collect::<Vec<_>>()).unwrap_or_default();
            SetSummary {
                id: id.as_str(),
                title: content.set(*id).title.clone(),
                hint: content.set(*id).hint.clone(),
                asked: all.iter().filter(|q| q.asked).count(),
                total: all.len(),
            }
        })
        .collect();
    Ok(QuestionsPage {
        layout: Layout::new(state, csrf, msg::title_questions(), true, "together"),
        notice,
        intro: content.intro.clone(),
        in_couple: deck.is_some(),
        sets,
        themes: content.themes().iter().map(|t| ThemeChoice { id: t.id.as_str(), title: t.title.clone() }).collect(),
        favourites: deck
            .as_ref()
            .map(|d| d.questions.iter().filter(|q| q.favourite).cloned().collect())
            .unwrap_or_default(),
        tonight: deck.map(|d| d.tonight).unwrap_or_default(),
        forms,
    })
}

/// The page again, with the forms as they were sent and what needs another look (422).
async fn refused(
    state: &AppState,
    csrf: &CsrfToken,
    me: &Authenticated,
    err: crate::services::ServiceError,
    forms: impl FnOnce(FormErrors) -> Forms,
) -> Response {
    match form_errors(err) {
        Ok(errors) => match page(state, csrf, me, forms(errors), None).await {
            Ok(p) => render(&p, StatusCode::UNPROCESSABLE_ENTITY),
            Err(err) => service_error_page(err),
        },
        Err(err) => service_error_page(err),
    }
}

pub async fn show(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Query(q): Query<Done>,
) -> Response {
    page_or_error(page(&state, &csrf, &me, Forms::default(), notice(q.done.as_deref())).await)
}

/// The draw form: a set and a theme, each `any` when not narrowed.
#[derive(Deserialize)]
pub struct DrawForm {
    #[serde(default = "any")]
    set: String,
    #[serde(default = "any")]
    theme: String,
}

fn any() -> String {
    "any".to_owned()
}

impl Default for DrawForm {
    fn default() -> Self {
        Self { set: any(), theme: any() }
    }
}

pub async fn draw(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Form(form): Form<DrawForm>,
) -> Response {
    let input = Draw { set: Some(form.set.clone()), theme: Some(form.theme.clone()), count: None };
    match questions::draw(&state, &me.person.id, &me.key, &input).await {
        Ok(drawn) if drawn.is_empty() => see_other("/questions?done=all-asked"),
        Ok(_) => see_other("/questions"),
        Err(err) => refused(&state, &csrf, &me, err, |errors| Forms { draw: form, errors, ..Forms::default() }).await,
    }
}

pub async fn add(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Form(form): Form<NewQuestion>,
) -> Response {
    match questions::add(&state, &me.person.id, &me.key, &form).await {
        Ok(_) => see_other("/questions?done=question-added"),
        Err(err) => {
            refused(&state, &csrf, &me, err, |own_errors| Forms { own_errors, own_text: form.text, ..Forms::default() })
                .await
        }
    }
}

pub async fn mark(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(form): Form<Mark>,
) -> Response {
    see_other_or_error(questions::mark(&state, &me.person.id, &me.key, &id, &form).await, "/questions")
}
