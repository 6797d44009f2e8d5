//! Help when things are hard, in the browser: the private help page (signs and where to find
//! help), special situations, roadblocks, and physical reconnection with care. Every page here is
//! the person's own; only a told low capacity and shared notes ever reach the partner.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Form;
use serde::Deserialize;
use tend_core::content::{Content, Roadblocks, Situations, Touch};
use tend_core::msg;

use super::errors::service_error_page;
use super::help_lines::{self, CountryForm, LinesSection};
use super::{notice, page_or_error, render, see_other, see_other_or_error, Done, Layout};
use crate::auth::csrf::CsrfToken;
use crate::auth::session::{Authenticated, PageUser};
use crate::services::help::{self, HelpView, ReportedSignals};
use crate::services::situation::{self, NewClarityNote, SetSituation, SituationView};
use crate::services::touch::{self, NewTouchNote, TouchView};
use crate::services::wins::{self, WinView};
use crate::services::{ServiceError, ServiceResult};
use crate::state::AppState;

// ---- When to seek outside help ----------------------------------------------------------

#[derive(Template)]
#[template(path = "help.html")]
struct HelpPage {
    layout: Layout,
    notice: Option<&'static str>,
    help: HelpView,
    resources_note: String,
    no_resources: String,
    /// National lines, after the host's own places.
    lines: LinesSection,
}

const LINES_ACTION: &str = "/help/country";

async fn help_page(
    state: &AppState,
    csrf: &CsrfToken,
    me: &Authenticated,
    notice: Option<&'static str>,
    lines: LinesSection,
) -> ServiceResult<HelpPage> {
    let words = &Content::embedded().support.help;
    Ok(HelpPage {
        layout: Layout::new(state, csrf, msg::title_help(), true, "me"),
        notice,
        help: help::get(state, &me.person.id, &me.key).await?,
        resources_note: words.resources_note.clone(),
        no_resources: words.no_resources.clone(),
        lines,
    })
}

pub async fn help_show(
    State(state): State<AppState>,
    csrf: CsrfToken,
    headers: HeaderMap,
    PageUser(me): PageUser,
    Query(q): Query<Done>,
) -> Response {
    let lines = LinesSection::new(&headers, &state, &me, LINES_ACTION);
    page_or_error(help_page(&state, &csrf, &me, notice(q.done.as_deref()), lines).await)
}

/// The country whose lines to show, kept only on this device.
pub async fn help_country(
    State(state): State<AppState>,
    csrf: CsrfToken,
    headers: HeaderMap,
    PageUser(me): PageUser,
    Form(form): Form<CountryForm>,
) -> Response {
    let again = |lines| help_page(&state, &csrf, &me, None, lines);
    help_lines::choose(&state, &me, &headers, &form, "/help#lines", LINES_ACTION, again).await
}

pub async fn help_save(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let reported = fields.into_iter().filter(|(k, _)| k == "reported").map(|(_, v)| v).collect();
    match help::set_reported(&state, &me.person.id, &me.key, &ReportedSignals { reported }).await {
        Ok(_) => see_other("/help?done=help-saved#signs"),
        Err(err) => service_error_page(err),
    }
}

// ---- Special situations -----------------------------------------------------------------

#[derive(Template)]
#[template(path = "situations.html")]
struct SituationsPage {
    layout: Layout,
    notice: Option<&'static str>,
    words: Situations,
    view: SituationView,
    chosen: String,
}

pub async fn situations_show(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Query(q): Query<Done>,
) -> Response {
    page_or_error(situation::get(&state, &me.person.id, &me.key).await.map(|view| SituationsPage {
        layout: Layout::new(&state, &csrf, msg::title_situations(), true, "me"),
        notice: notice(q.done.as_deref()),
        words: Content::embedded().support.situations.clone(),
        chosen: view.situation.clone().unwrap_or_default(),
        view,
    }))
}

#[derive(Deserialize)]
pub struct SituationForm {
    #[serde(default)]
    situation: String,
    tell_partner: Option<String>,
}

pub async fn situations_save(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Form(form): Form<SituationForm>,
) -> Response {
    let input = SetSituation { situation: Some(form.situation), tell_partner: form.tell_partner.is_some() };
    see_other_or_error(situation::set(&state, &me.person.id, &me.key, &input).await, "/situations?done=situation-saved")
}

pub async fn clarity_add(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Form(form): Form<NewClarityNote>,
) -> Response {
    match situation::add_clarity_note(&state, &me.person.id, &me.key, &form).await {
        Ok(_) => see_other("/situations?done=clarity-kept#clarity"),
        Err(ServiceError::Invalid(_)) => see_other("/situations?done=note-empty#clarity"),
        Err(err) => service_error_page(err),
    }
}

pub async fn dismiss_safety_offer(State(state): State<AppState>, PageUser(me): PageUser) -> Response {
    match situation::dismiss_safety_offer(&state, &me.person.id).await {
        Ok(()) => see_other("/home"),
        Err(err) => service_error_page(err),
    }
}

// ---- Roadblocks -------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "roadblocks.html")]
struct RoadblocksPage {
    layout: Layout,
    words: Roadblocks,
    recent_wins: Vec<WinView>,
}

pub async fn roadblocks(State(state): State<AppState>, csrf: CsrfToken, PageUser(me): PageUser) -> Response {
    let recent_wins = match wins::momentum(&state, &me.person.id, &me.key, &me.person.time_zone).await {
        Ok(m) => m.recent_wins.into_iter().take(5).collect(),
        Err(ServiceError::NotFound) => Vec::new(),
        Err(err) => return service_error_page(err),
    };
    render(
        &RoadblocksPage {
            layout: Layout::new(&state, &csrf, msg::title_roadblocks(), true, "me"),
            words: Content::embedded().support.roadblocks.clone(),
            recent_wins,
        },
        StatusCode::OK,
    )
}

// ---- Physical reconnection --------------------------------------------------------------

#[derive(Template)]
#[template(path = "touch.html")]
struct TouchPage {
    layout: Layout,
    notice: Option<&'static str>,
    words: Touch,
    view: TouchView,
    paired: bool,
}

async fn touch_page(
    state: &AppState,
    csrf: &CsrfToken,
    me: &Authenticated,
    done: Option<&str>,
) -> ServiceResult<TouchPage> {
    let p = &me.person;
    Ok(TouchPage {
        layout: Layout::new(state, csrf, msg::title_closeness(), true, "me"),
        notice: notice(done),
        words: Content::embedded().support.touch.clone(),
        view: touch::get(state, &p.id, &p.time_zone, &me.key).await?,
        paired: crate::services::is_paired(state, &p.id).await?,
    })
}

pub async fn touch_show(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Query(q): Query<Done>,
) -> Response {
    page_or_error(touch_page(&state, &csrf, &me, q.done.as_deref()).await)
}

pub async fn touch_note(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Form(form): Form<NewTouchNote>,
) -> Response {
    match touch::add_note(&state, &me.person.id, &me.key, &form).await {
        Ok(_) => see_other("/touch?done=touch-kept#conversation"),
        Err(ServiceError::Invalid(_)) => see_other("/touch?done=note-empty#conversation"),
        Err(err) => service_error_page(err),
    }
}

pub async fn touch_share(State(state): State<AppState>, PageUser(me): PageUser, Path(id): Path<String>) -> Response {
    see_other_or_error(
        touch::share_note(&state, &me.person.id, &me.key, &id).await,
        "/touch?done=touch-shared#conversation",
    )
}
