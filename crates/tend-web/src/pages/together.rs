//! Shared joy, time capsules, own-your-part and small wins in the browser. Each page is a thin
//! frame around its service; every form goes through the same validation as the API.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use serde::Deserialize;
use tend_core::content::{CapsuleText, Content, OwnPartText, WinsText};
use tend_core::rituals::{default_capsule_day, local_day};

use super::errors::service_error_page;
use super::{form_errors, notice, render, see_other, FormErrors, Layout};
use crate::auth::csrf::CsrfToken;
use crate::auth::session::{Authenticated, PageUser};
use crate::charts::{LineChart, Series};
use crate::services::capsules::{self, CapsuleView, NewCapsule, OpenCapsule};
use crate::services::experiments::{self, ExperimentsView, LogExperimentDay, Reflect, StartExperiment};
use crate::services::joy::{self, CompleteJoy, JoyView, PlanJoy};
use crate::services::wins::{self, Momentum, NewWin};
use crate::services::{ServiceError, ServiceResult};
use crate::state::AppState;

#[derive(Deserialize)]
pub struct Done {
    done: Option<String>,
}

/// Renders a page, or on invalid input the same page again with the errors (status 422).
async fn after_form<T, P, F>(result: ServiceResult<T>, ok: &str, again: F) -> Response
where
    P: Template,
    F: AsyncFnOnce(FormErrors) -> ServiceResult<P>,
{
    match result {
        Ok(_) => see_other(ok),
        Err(err) => match form_errors(err) {
            Ok(errors) => match again(errors).await {
                Ok(p) => render(&p, StatusCode::UNPROCESSABLE_ENTITY),
                Err(err) => service_error_page(err),
            },
            Err(err) => service_error_page(err),
        },
    }
}

fn today(state: &AppState, me: &Authenticated) -> jiff::civil::Date {
    local_day(state.clock.now(), &me.person.time_zone)
}

// ---- Shared joy -------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "joy.html")]
struct JoyPage {
    layout: Layout,
    notice: Option<&'static str>,
    intro: String,
    joy: Option<JoyView>,
    errors: FormErrors,
    form: PlanJoy,
    tomorrow: String,
}

async fn joy_page(
    state: &AppState,
    csrf: &CsrfToken,
    me: &Authenticated,
    form: PlanJoy,
    errors: FormErrors,
    notice: Option<&'static str>,
) -> ServiceResult<JoyPage> {
    let joy = match joy::list(state, &me.person.id).await {
        Ok(view) => Some(view),
        Err(ServiceError::NotFound) => None,
        Err(err) => return Err(err),
    };
    Ok(JoyPage {
        layout: Layout::new(state, csrf, "Shared joy", true, "rituals"),
        notice,
        intro: Content::embedded().together.joy.intro.clone(),
        joy,
        errors,
        tomorrow: today(state, me).tomorrow().map(|d| d.to_string()).unwrap_or_default(),
        form,
    })
}

pub async fn joy_show(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Query(q): Query<Done>,
) -> Response {
    match joy_page(&state, &csrf, &me, PlanJoy::default(), FormErrors::default(), notice(q.done.as_deref())).await {
        Ok(p) => render(&p, StatusCode::OK),
        Err(err) => service_error_page(err),
    }
}

#[derive(Deserialize)]
pub struct JoyForm {
    #[serde(default)]
    idea: String,
    #[serde(default)]
    own_idea: String,
    #[serde(default)]
    on: String,
    phones_off: Option<String>,
}

pub async fn joy_plan(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Form(form): Form<JoyForm>,
) -> Response {
    let idea = if form.own_idea.trim().is_empty() { form.idea } else { form.own_idea };
    let input = PlanJoy { idea, on: form.on, phones_off: form.phones_off.is_some() };
    let result = joy::plan(&state, &me.person.id, &me.person.time_zone, &input).await;
    after_form(result, "/joy?done=joy-planned", async |errors| joy_page(&state, &csrf, &me, input, errors, None).await)
        .await
}

pub async fn joy_done(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(form): Form<CompleteJoy>,
) -> Response {
    match joy::complete(&state, &me.person.id, &id, &form).await {
        Ok(_) => see_other("/joy?done=joy-done"),
        Err(err) => service_error_page(err),
    }
}

pub async fn joy_cancel(State(state): State<AppState>, PageUser(me): PageUser, Path(id): Path<String>) -> Response {
    match joy::cancel(&state, &me.person.id, &id).await {
        Ok(()) => see_other("/joy"),
        Err(err) => service_error_page(err),
    }
}

// ---- Time capsules ----------------------------------------------------------------------

#[derive(Template)]
#[template(path = "capsules.html")]
struct CapsulePage {
    layout: Layout,
    notice: Option<&'static str>,
    words: CapsuleText,
    capsules: Option<Vec<CapsuleView>>,
    errors: FormErrors,
    form: NewCapsule,
    opens_on: String,
}

async fn capsule_page(
    state: &AppState,
    csrf: &CsrfToken,
    me: &Authenticated,
    form: NewCapsule,
    errors: FormErrors,
    notice: Option<&'static str>,
) -> ServiceResult<CapsulePage> {
    let capsules = match capsules::list(state, &me.person.id).await {
        Ok(list) => Some(list),
        Err(ServiceError::NotFound) => None,
        Err(err) => return Err(err),
    };
    Ok(CapsulePage {
        layout: Layout::new(state, csrf, "Time capsule", true, "rituals"),
        notice,
        words: Content::embedded().together.capsule.clone(),
        capsules,
        errors,
        opens_on: form.opens_on.clone().unwrap_or_else(|| default_capsule_day(today(state, me)).to_string()),
        form,
    })
}

pub async fn capsules_show(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Query(q): Query<Done>,
) -> Response {
    match capsule_page(&state, &csrf, &me, NewCapsule::default(), FormErrors::default(), notice(q.done.as_deref()))
        .await
    {
        Ok(p) => render(&p, StatusCode::OK),
        Err(err) => service_error_page(err),
    }
}

pub async fn capsule_create(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Form(form): Form<NewCapsule>,
) -> Response {
    let result = capsules::create(&state, &me.person.id, &me.person.time_zone, &form).await;
    after_form(result, "/capsules?done=capsule-sealed", async |errors| {
        capsule_page(&state, &csrf, &me, form, errors, None).await
    })
    .await
}

pub async fn capsule_cancel(State(state): State<AppState>, PageUser(me): PageUser, Path(id): Path<String>) -> Response {
    match capsules::cancel(&state, &me.person.id, &id).await {
        Ok(()) => see_other("/capsules?done=capsule-cancelled"),
        Err(err) => service_error_page(err),
    }
}

#[derive(Deserialize)]
pub struct OpenForm {
    both_here: Option<String>,
}

pub async fn capsule_open(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(form): Form<OpenForm>,
) -> Response {
    match capsules::open(&state, &me.person.id, &id, &OpenCapsule { both_here: form.both_here.is_some() }).await {
        Ok(_) => see_other(&format!("/capsules#capsule-{id}")),
        Err(err) => service_error_page(err),
    }
}

// ---- Own your part ----------------------------------------------------------------------

#[derive(Template)]
#[template(path = "own_part.html")]
struct OwnPartPage {
    layout: Layout,
    notice: Option<&'static str>,
    words: OwnPartText,
    /// `None` when the person has no couple space; `Err` text when the tool is closed.
    experiments: Option<Result<ExperimentsView, &'static str>>,
    errors: FormErrors,
    behaviour: String,
    reflection: String,
}

async fn own_part_page(
    state: &AppState,
    csrf: &CsrfToken,
    me: &Authenticated,
    (behaviour, reflection): (String, String),
    errors: FormErrors,
    notice: Option<&'static str>,
) -> ServiceResult<OwnPartPage> {
    let experiments = match experiments::list(state, &me.person.id, &me.person.time_zone).await {
        Ok(view) => Some(Ok(view)),
        Err(ServiceError::NotFound) => None,
        Err(ServiceError::Conflict { message, .. }) => Some(Err(message)),
        Err(err) => return Err(err),
    };
    Ok(OwnPartPage {
        layout: Layout::new(state, csrf, "Own your part", true, "rituals"),
        notice,
        words: Content::embedded().together.own_part.clone(),
        experiments,
        errors,
        behaviour,
        reflection,
    })
}

pub async fn own_part_show(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Query(q): Query<Done>,
) -> Response {
    match own_part_page(&state, &csrf, &me, Default::default(), FormErrors::default(), notice(q.done.as_deref())).await
    {
        Ok(p) => render(&p, StatusCode::OK),
        Err(err) => service_error_page(err),
    }
}

#[derive(Deserialize)]
pub struct StartForm {
    #[serde(default)]
    suggestion: String,
    #[serde(default)]
    own: String,
}

pub async fn own_part_start(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Form(form): Form<StartForm>,
) -> Response {
    let behaviour = if form.own.trim().is_empty() { form.suggestion } else { form.own };
    let input = StartExperiment { behaviour };
    let result = experiments::start(&state, &me.person.id, &me.person.time_zone, &input).await;
    after_form(result, "/own-your-part?done=experiment-started", async |errors| {
        own_part_page(&state, &csrf, &me, (input.behaviour, String::new()), errors, None).await
    })
    .await
}

#[derive(Deserialize)]
pub struct DayForm {
    kept: String,
}

pub async fn own_part_day(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(form): Form<DayForm>,
) -> Response {
    let input = LogExperimentDay { kept: form.kept == "yes" };
    match experiments::log_day(&state, &me.person.id, &me.person.time_zone, &id, &input).await {
        Ok(_) => see_other("/own-your-part?done=experiment-logged"),
        Err(err) => service_error_page(err),
    }
}

#[derive(Deserialize)]
pub struct ReflectForm {
    #[serde(default)]
    reflection: String,
    share: Option<String>,
}

pub async fn own_part_reflect(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(form): Form<ReflectForm>,
) -> Response {
    let input = Reflect { reflection: form.reflection, share: form.share.is_some() };
    let result = experiments::reflect(&state, &me.person.id, &me.person.time_zone, &id, &input).await;
    after_form(result, "/own-your-part?done=experiment-reflected", async |errors| {
        own_part_page(&state, &csrf, &me, (String::new(), input.reflection), errors, None).await
    })
    .await
}

// ---- Small wins and momentum ------------------------------------------------------------

#[derive(Template)]
#[template(path = "wins.html")]
struct WinsPage {
    layout: Layout,
    notice: Option<&'static str>,
    words: WinsText,
    momentum: Option<Momentum>,
    chart: String,
    /// Week label, ritual days, wins, minutes together, joy moments.
    rows: Vec<(String, u32, u32, u32, u32)>,
    errors: FormErrors,
    text: String,
}

async fn wins_page(
    state: &AppState,
    csrf: &CsrfToken,
    me: &Authenticated,
    text: String,
    errors: FormErrors,
    notice: Option<&'static str>,
) -> ServiceResult<WinsPage> {
    let momentum = match wins::momentum(state, &me.person.id, &me.person.time_zone).await {
        Ok(m) => Some(m),
        Err(ServiceError::NotFound) => None,
        Err(err) => return Err(err),
    };
    let rows: Vec<(String, u32, u32, u32, u32)> = momentum
        .iter()
        .flat_map(|m| &m.weeks)
        .map(|w| (w.week_of.strftime("%-d %b").to_string(), w.ritual_days, w.wins, w.minutes_together, w.joy_moments))
        .collect();
    let top = rows.iter().map(|r| r.1.max(r.2)).max().unwrap_or(0).max(7);
    let chart = LineChart {
        title: "Days with a ritual and small wins, week by week",
        x_labels: rows.iter().map(|r| format!("Week of {}", r.0)).collect(),
        series: vec![
            Series { name: "Days with a ritual".into(), values: rows.iter().map(|r| Some(f64::from(r.1))).collect() },
            Series { name: "Small wins".into(), values: rows.iter().map(|r| Some(f64::from(r.2))).collect() },
        ],
        y_min: 0.0,
        y_max: f64::from(top),
        y_low: "0",
        y_high: &top.to_string(),
    }
    .svg();
    Ok(WinsPage {
        layout: Layout::new(state, csrf, "Small wins", true, "rituals"),
        notice,
        words: Content::embedded().together.wins.clone(),
        chart: if momentum.is_some() { chart } else { String::new() },
        momentum,
        rows,
        errors,
        text,
    })
}

pub async fn wins_show(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Query(q): Query<Done>,
) -> Response {
    match wins_page(&state, &csrf, &me, String::new(), FormErrors::default(), notice(q.done.as_deref())).await {
        Ok(p) => render(&p, StatusCode::OK),
        Err(err) => service_error_page(err),
    }
}

pub async fn win_log(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Form(form): Form<NewWin>,
) -> Response {
    let result = wins::log(&state, &me.person.id, &me.person.time_zone, &form).await;
    after_form(result, "/wins?done=win-logged", async |errors| {
        wins_page(&state, &csrf, &me, form.text, errors, None).await
    })
    .await
}

/// "Friday 27 November" for a planned or logged day (`YYYY-MM-DD`), as the templates show it.
fn day_label(day: &str) -> String {
    day.parse::<jiff::civil::Date>().map(|d| d.strftime("%A %-d %B %Y").to_string()).unwrap_or_else(|_| day.to_owned())
}

impl JoyPage {
    fn day(&self, day: &str) -> String {
        day_label(day)
    }
}

impl CapsulePage {
    fn day(&self, day: &str) -> String {
        day_label(day)
    }
}

impl OwnPartPage {
    fn day(&self, day: &str) -> String {
        day_label(day)
    }
}
