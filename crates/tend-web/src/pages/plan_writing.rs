//! The writing place of a plan step that asks for writing: write privately, keep as many pieces
//! as you like, share one at a time, and read what your partner shared for the same step.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use tend_core::msg;

use super::errors::service_error_page;
use super::{local_time, notice, render, see_other, Done, FormErrors, Layout};
use crate::auth::csrf::CsrfToken;
use crate::auth::session::{Authenticated, PageUser};
use crate::services::plan_writing::{self, NewWriting, StepWriting};
use crate::services::{ServiceError, ServiceResult};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "plan_write.html")]
struct WritePage {
    layout: Layout,
    notice: Option<&'static str>,
    view: StepWriting,
    /// When each of mine and each shared piece was written, in the reader's time.
    mine_when: Vec<String>,
    shared_when: Vec<String>,
    partner: Option<String>,
    errors: FormErrors,
    text: String,
}

async fn page(
    state: &AppState,
    csrf: &CsrfToken,
    me: &Authenticated,
    step_id: &str,
    notice: Option<&'static str>,
    errors: FormErrors,
    text: String,
) -> ServiceResult<WritePage> {
    let view = plan_writing::get(state, &me.person.id, &me.key, step_id).await?;
    let zone = &me.person.time_zone;
    let couple = crate::services::couples::of(state, &me.person.id).await?;
    Ok(WritePage {
        layout: Layout::new(state, csrf, msg::title_write(), true, "plan"),
        notice,
        mine_when: view.mine.iter().map(|w| local_time(w.written_at, zone)).collect(),
        shared_when: view.shared_with_me.iter().map(|w| local_time(w.written_at, zone)).collect(),
        partner: couple.and_then(|c| c.partner_of(&me.person.id).map(|p| p.display_name.clone())),
        view,
        errors,
        text,
    })
}

pub async fn show(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Path(step_id): Path<String>,
    Query(q): Query<Done>,
) -> Response {
    match page(&state, &csrf, &me, &step_id, notice(q.done.as_deref()), FormErrors::default(), String::new()).await {
        Ok(p) => render(&p, StatusCode::OK),
        Err(err) => service_error_page(err),
    }
}

pub async fn add(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Path(step_id): Path<String>,
    Form(form): Form<NewWriting>,
) -> Response {
    match plan_writing::add(&state, &me.person.id, &me.key, &step_id, &form).await {
        Ok(_) => see_other(&format!("/plan/write/{step_id}?done=writing-kept")),
        Err(ServiceError::Invalid(errors)) => {
            match page(&state, &csrf, &me, &step_id, None, FormErrors::from(errors), form.text).await {
                Ok(p) => render(&p, StatusCode::UNPROCESSABLE_ENTITY),
                Err(err) => service_error_page(err),
            }
        }
        Err(err) => service_error_page(err),
    }
}

pub async fn share(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path((step_id, id)): Path<(String, String)>,
) -> Response {
    match plan_writing::share(&state, &me.person.id, &me.key, &step_id, &id).await {
        Ok(()) => see_other(&format!("/plan/write/{step_id}?done=writing-shared")),
        Err(err) => service_error_page(err),
    }
}
