//! The 8-week plan in the browser: start it, see the week, mark steps, make them smaller,
//! repeat a week, pause and resume.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use serde::Deserialize;
use tend_core::content::{Content, Maintenance};
use tend_core::msg;
use tend_core::plan_calendar::{meeting_month_open, Position};

use super::errors::service_error_page;
use super::{
    form_errors, notice, page_or_error, render, safe_next, see_other, see_other_or_error, Done, FormErrors, Layout,
};
use crate::auth::csrf::CsrfToken;
use crate::auth::session::{Authenticated, PageUser};
use crate::services::plan::{self, PlanView, StartPlan};
use crate::services::{optional, ServiceResult};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "plan.html")]
struct PlanPage {
    layout: Layout,
    notice: Option<&'static str>,
    intro: String,
    plan: Option<PlanView>,
    in_maintenance: bool,
    can_start: bool,
    today: String,
    errors: FormErrors,
    weeks: Vec<(u8, String)>,
    current_week: u8,
    back: &'static str,
    maintenance: &'static Maintenance,
    meeting_open: bool,
}

async fn page(
    state: &AppState,
    csrf: &CsrfToken,
    me: &Authenticated,
    errors: FormErrors,
    notice: Option<&'static str>,
) -> ServiceResult<PlanPage> {
    let person = &me.person;
    let view = optional(plan::get(state, &person.id, &person.time_zone).await)?;
    let paired = crate::services::is_paired(state, &person.id).await?;
    let content = &Content::embedded().plan;
    let zone = tend_core::time_zone::zone_of(&person.time_zone);
    Ok(PlanPage {
        layout: Layout::new(state, csrf, msg::title_plan(), true, "plan"),
        notice,
        intro: content.intro.clone(),
        in_maintenance: view.as_ref().is_some_and(|v| matches!(v.position, Position::Maintenance { .. })),
        meeting_open: view
            .as_ref()
            .is_some_and(|v| matches!(v.position, Position::Maintenance { day, .. } if meeting_month_open(day))),
        maintenance: &Content::embedded().maintenance,
        current_week: view.as_ref().and_then(|v| v.week.as_ref()).map(|w| w.number).unwrap_or(0),
        can_start: paired && view.is_none(),
        plan: view,
        today: state.clock.now().to_zoned(zone).date().to_string(),
        errors,
        weeks: content.weeks.iter().map(|w| (w.number, w.focus.clone())).collect(),
        back: "/plan",
    })
}

pub async fn show(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Query(q): Query<Done>,
) -> Response {
    page_or_error(page(&state, &csrf, &me, FormErrors::default(), notice(q.done.as_deref())).await)
}

pub async fn start(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Form(form): Form<StartPlan>,
) -> Response {
    match plan::start(&state, &me.person.id, &me.person.time_zone, &form).await {
        Ok(_) => see_other("/plan?done=plan-started"),
        Err(err) => match form_errors(err) {
            Ok(errors) => match page(&state, &csrf, &me, errors, None).await {
                Ok(p) => render(&p, StatusCode::UNPROCESSABLE_ENTITY),
                Err(err) => service_error_page(err),
            },
            Err(err) => service_error_page(err),
        },
    }
}

#[derive(Deserialize)]
pub struct Toggle {
    #[serde(default)]
    done: Option<bool>,
    #[serde(default)]
    smaller: Option<bool>,
    #[serde(default)]
    back: Option<String>,
}

fn back_to(toggle: &Toggle) -> String {
    let back = safe_next(toggle.back.as_deref());
    if back.is_empty() {
        "/plan".to_owned()
    } else {
        back
    }
}

pub async fn mark_done(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(step_id): Path<String>,
    Form(form): Form<Toggle>,
) -> Response {
    let p = &me.person;
    see_other_or_error(
        plan::complete_step(&state, &p.id, &p.time_zone, &step_id, form.done.unwrap_or(true)).await,
        &back_to(&form),
    )
}

pub async fn make_smaller(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(step_id): Path<String>,
    Form(form): Form<Toggle>,
) -> Response {
    let p = &me.person;
    see_other_or_error(
        plan::shrink_step(&state, &p.id, &p.time_zone, &step_id, form.smaller.unwrap_or(true)).await,
        &back_to(&form),
    )
}

pub async fn pause(State(state): State<AppState>, PageUser(me): PageUser) -> Response {
    see_other_or_error(plan::pause(&state, &me.person.id, &me.person.time_zone).await, "/plan")
}

pub async fn resume(State(state): State<AppState>, PageUser(me): PageUser) -> Response {
    see_other_or_error(plan::resume(&state, &me.person.id, &me.person.time_zone).await, "/plan?done=plan-resumed")
}

pub async fn repeat(State(state): State<AppState>, PageUser(me): PageUser) -> Response {
    see_other_or_error(plan::repeat_week(&state, &me.person.id, &me.person.time_zone).await, "/plan?done=week-repeats")
}
