//! The weekly check in the browser: start it (or rejoin it from the second device), one section
//! at a time with its suggested length, shared notes, the appreciation round with journal
//! entries brought in, agreements due, next week's shared joy; then the saved summary.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use tend_core::content::Content;
use tend_core::msg;

use super::errors::service_error_page;
use super::{local_date, local_time, notice, page_or_error, render, see_other, see_other_or_error, Done, Layout};
use crate::auth::csrf::CsrfToken;
use crate::auth::session::{Authenticated, PageUser};
use crate::services::journal::{self, JournalEntryView};
use crate::services::weekly_check::{self, MoveCheck, NewNote, WeeklyCheckSummary, WeeklyCheckView};
use crate::services::{ServiceError, ServiceResult};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "weekly_check.html")]
struct CheckPage {
    layout: Layout,
    notice: Option<&'static str>,
    intro: String,
    summary_note: String,
    paired: bool,
    check: Option<WeeklyCheckView>,
    /// The summary of a finished check rather than the one in progress.
    summary: bool,
    started: String,
    section_number: usize,
    section_count: usize,
    section_ends: String,
    /// My journal entries not shared yet, to bring into the appreciation round.
    to_bring: Vec<JournalEntryView>,
    past: Vec<(WeeklyCheckSummary, String)>,
}

async fn page(
    state: &AppState,
    csrf: &CsrfToken,
    me: &Authenticated,
    check: Option<WeeklyCheckView>,
    notice: Option<&'static str>,
) -> ServiceResult<CheckPage> {
    let p = &me.person;
    let agenda = &Content::embedded().weekly_check;
    let paired = crate::services::is_paired(state, &p.id).await?;
    let past = if paired && check.is_none() {
        weekly_check::list(state, &p.id)
            .await?
            .into_iter()
            .filter(|c| !c.in_progress)
            .map(|c| {
                let date = local_date(c.started_at, &p.time_zone);
                (c, date)
            })
            .collect()
    } else {
        Vec::new()
    };
    let to_bring = match &check {
        Some(c) if c.in_progress => {
            journal::list(state, &p.id, &me.key).await?.mine.into_iter().filter(|e| !e.shared && e.can_open).collect()
        }
        _ => Vec::new(),
    };
    Ok(CheckPage {
        layout: Layout::new(state, csrf, msg::title_weekly_check(), true, "together"),
        notice,
        intro: agenda.intro.clone(),
        summary_note: agenda.summary_note.clone(),
        paired,
        summary: check.as_ref().is_some_and(|c| !c.in_progress),
        started: check.as_ref().map(|c| local_time(c.started_at, &p.time_zone)).unwrap_or_default(),
        section_number: check.as_ref().map_or(0, |c| c.section as usize + 1),
        section_count: agenda.sections.len(),
        section_ends: check.as_ref().map(|c| c.section_ends_at.to_string()).unwrap_or_default(),
        to_bring,
        check,
        past,
    })
}

pub async fn show(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Query(q): Query<Done>,
) -> Response {
    let result = async {
        let current = weekly_check::current(&state, &me.person.id, &me.key, &me.person.time_zone).await?;
        page(&state, &csrf, &me, current, notice(q.done.as_deref())).await
    }
    .await;
    page_or_error(result)
}

pub async fn summary(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Query(q): Query<Done>,
) -> Response {
    let result = async {
        let check = weekly_check::get(&state, &me.person.id, &me.key, &me.person.time_zone, &id).await?;
        if check.in_progress {
            return Err(ServiceError::NotFound);
        }
        page(&state, &csrf, &me, Some(check), notice(q.done.as_deref())).await
    }
    .await;
    match result {
        Ok(p) => render(&p, StatusCode::OK),
        Err(ServiceError::NotFound) => see_other("/weekly-check"),
        Err(err) => service_error_page(err),
    }
}

pub async fn start(State(state): State<AppState>, PageUser(me): PageUser) -> Response {
    see_other_or_error(weekly_check::start(&state, &me.person.id, &me.key, &me.person.time_zone).await, "/weekly-check")
}

pub async fn move_to(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(form): Form<MoveCheck>,
) -> Response {
    match weekly_check::move_to(&state, &me.person.id, &me.key, &me.person.time_zone, &id, &form).await {
        Ok(view) if !view.in_progress => see_other(&format!("/weekly-check/{id}?done=check-saved")),
        Ok(_) => see_other("/weekly-check"),
        // The other device moved on first: show where both are now, and say so (never a
        // silent no-op).
        Err(ServiceError::Conflict { code: "moved_on", .. }) => see_other("/weekly-check?done=check-moved-on"),
        Err(err) => service_error_page(err),
    }
}

pub async fn add_note(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(form): Form<NewNote>,
) -> Response {
    match weekly_check::add_note(&state, &me.person.id, &me.key, &me.person.time_zone, &id, &form).await {
        Ok(_) => see_other("/weekly-check#notes"),
        Err(ServiceError::Invalid(_)) => see_other("/weekly-check?done=note-empty"),
        Err(err) => service_error_page(err),
    }
}
