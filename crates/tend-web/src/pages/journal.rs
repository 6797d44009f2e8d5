//! The appreciation journal in the browser: write an entry, share one with the partner (or bring
//! it into the weekly check), delete one, and read what the partner shared.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::Form;
use serde::Deserialize;
use tend_core::content::Content;
use tend_core::msg;

use super::errors::service_error_page;
use super::{after_form, local_date, notice, page_or_error, safe_next, see_other, Done, FormErrors, Layout};
use crate::auth::csrf::CsrfToken;
use crate::auth::session::{Authenticated, PageUser};
use crate::services::journal::{self, JournalView, NewJournalEntry, ShareJournalEntry};
use crate::services::ServiceResult;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "journal.html")]
struct JournalPage {
    layout: Layout,
    notice: Option<&'static str>,
    intro: String,
    aim: String,
    placeholder: String,
    paired: bool,
    journal: JournalView,
    /// The day each entry was written, in the same order as `journal.mine` and `shared_with_me`.
    mine_dates: Vec<String>,
    shared_dates: Vec<String>,
    errors: FormErrors,
    text: String,
}

async fn page(
    state: &AppState,
    csrf: &CsrfToken,
    me: &Authenticated,
    text: String,
    errors: FormErrors,
    notice: Option<&'static str>,
) -> ServiceResult<JournalPage> {
    let p = &me.person;
    let words = &Content::embedded().together.journal;
    let journal = journal::list(state, &p.id, &me.key).await?;
    let date = |e: &journal::JournalEntryView| local_date(e.written_at, &p.time_zone);
    Ok(JournalPage {
        layout: Layout::new(state, csrf, msg::title_journal(), true, "together"),
        notice,
        intro: words.intro.clone(),
        aim: words.aim.clone(),
        placeholder: words.placeholder.clone(),
        paired: crate::services::is_paired(state, &p.id).await?,
        mine_dates: journal.mine.iter().map(date).collect(),
        shared_dates: journal.shared_with_me.iter().map(date).collect(),
        journal,
        errors,
        text,
    })
}

pub async fn show(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Query(q): Query<Done>,
) -> Response {
    page_or_error(page(&state, &csrf, &me, String::new(), FormErrors::default(), notice(q.done.as_deref())).await)
}

pub async fn add(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Form(form): Form<NewJournalEntry>,
) -> Response {
    let result = journal::add(&state, &me.person.id, &me.key, &form).await;
    after_form(result, "/journal?done=journal-kept", async |errors| {
        page(&state, &csrf, &me, form.text, errors, None).await
    })
    .await
}

#[derive(Deserialize)]
pub struct ShareForm {
    weekly_check_id: Option<String>,
    /// Where to go afterwards (a local path), such as the weekly check.
    back: Option<String>,
}

pub async fn share(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(form): Form<ShareForm>,
) -> Response {
    let input = ShareJournalEntry { weekly_check_id: form.weekly_check_id };
    match journal::share(&state, &me.person.id, &me.key, &id, &input).await {
        Ok(_) => match safe_next(form.back.as_deref()) {
            back if back.is_empty() => see_other("/journal?done=journal-shared"),
            back => see_other(&back),
        },
        Err(err) => service_error_page(err),
    }
}

pub async fn delete(State(state): State<AppState>, PageUser(me): PageUser, Path(id): Path<String>) -> Response {
    match journal::delete(&state, &me.person.id, &id).await {
        Ok(()) => see_other("/journal?done=journal-deleted"),
        Err(err) => service_error_page(err),
    }
}
