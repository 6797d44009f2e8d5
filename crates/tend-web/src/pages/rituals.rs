//! The daily rituals in the browser: today's prompts with my answers and (once revealed) my
//! partner's, the shared screen-free timer, a look back at earlier days, and the schedule.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use serde::Deserialize;
use tend_core::msg;
use tend_core::rituals::{Days, RitualKind};

use super::errors::service_error_page;
use super::{form_errors, notice, page_or_error, render, see_other, see_other_or_error, FormErrors, Layout};
use crate::auth::csrf::CsrfToken;
use crate::auth::session::{Authenticated, PageUser};
use crate::services::rituals::{self, AnswerInput, RitualDay, ScheduleInput, ScheduleItem};
use crate::services::timer::{self, StartTimer, TimerView};
use crate::services::ServiceResult;
use crate::state::AppState;

/// Timer lengths offered, in minutes.
const TIMER_CHOICES: [u32; 6] = [10, 15, 20, 30, 45, 60];

#[derive(Template)]
#[template(path = "rituals.html")]
struct RitualsPage {
    layout: Layout,
    notice: Option<&'static str>,
    day: Option<RitualDay>,
    is_today: bool,
    previous_day: String,
    next_day: String,
    day_label: String,
    timer: Option<TimerView>,
    timer_ends: String,
    timer_choices: Vec<u32>,
    timer_default: u32,
    errors: FormErrors,
    /// The ritual whose answer failed to save, and what was typed.
    failed: (String, String),
}

#[derive(Deserialize, Default)]
pub struct DayQuery {
    day: Option<String>,
    done: Option<String>,
}

async fn page(
    state: &AppState,
    csrf: &CsrfToken,
    me: &Authenticated,
    day: Option<&str>,
    errors: FormErrors,
    failed: (String, String),
    notice: Option<&'static str>,
) -> ServiceResult<RitualsPage> {
    let p = &me.person;
    let in_couple = crate::services::couples::of(state, &p.id).await?.is_some();
    let today = crate::services::today(state, &p.time_zone);
    let shown = if in_couple { Some(rituals::day(state, &p.id, &me.key, &p.time_zone, day).await?) } else { None };
    let date = shown.as_ref().map_or(today, |d| d.day);
    let timer = if date == today { timer::current(state, &p.id).await?.filter(|t| t.running) } else { None };
    let default = tend_core::content::Content::embedded().rituals.ritual(RitualKind::ScreenFree).minutes.unwrap_or(20);
    Ok(RitualsPage {
        layout: Layout::new(state, csrf, msg::title_rituals(), true, "together"),
        notice,
        is_today: date == today,
        previous_day: date.yesterday().map(|d| d.to_string()).unwrap_or_default(),
        next_day: if date < today { date.tomorrow().map(|d| d.to_string()).unwrap_or_default() } else { String::new() },
        day_label: date.strftime("%A %-d %B").to_string(),
        timer_ends: timer.as_ref().map(|t| t.ends_at.to_string()).unwrap_or_default(),
        timer,
        timer_choices: TIMER_CHOICES.to_vec(),
        timer_default: default,
        day: shown,
        errors,
        failed,
    })
}

pub async fn show(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Query(q): Query<DayQuery>,
) -> Response {
    let notice = notice(q.done.as_deref());
    page_or_error(page(&state, &csrf, &me, q.day.as_deref(), FormErrors::default(), Default::default(), notice).await)
}

pub async fn answer(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Path(kind): Path<String>,
    Form(form): Form<AnswerInput>,
) -> Response {
    match rituals::answer(&state, &me.person.id, &me.key, &me.person.time_zone, &kind, &form).await {
        Ok(_) => see_other(&format!("/rituals?done=ritual-answered#ritual-{kind}")),
        Err(err) => match form_errors(err) {
            Ok(errors) => match page(&state, &csrf, &me, None, errors, (kind, form.text), None).await {
                Ok(p) => render(&p, StatusCode::UNPROCESSABLE_ENTITY),
                Err(err) => service_error_page(err),
            },
            Err(err) => service_error_page(err),
        },
    }
}

#[derive(Deserialize)]
pub struct TimerForm {
    minutes: Option<u32>,
}

pub async fn start_timer(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Form(form): Form<TimerForm>,
) -> Response {
    match timer::start(&state, &me.person.id, &StartTimer { minutes: form.minutes }).await {
        Ok(_) => see_other("/rituals#timer"),
        Err(err) => service_error_page(err),
    }
}

pub async fn join_timer(State(state): State<AppState>, PageUser(me): PageUser) -> Response {
    see_other_or_error(timer::join(&state, &me.person.id).await, "/rituals#timer")
}

pub async fn stop_timer(State(state): State<AppState>, PageUser(me): PageUser) -> Response {
    see_other_or_error(timer::stop(&state, &me.person.id).await, "/rituals?done=timer-ended#timer")
}

#[derive(Template)]
#[template(path = "ritual_schedule.html")]
struct SchedulePage {
    layout: Layout,
    errors: FormErrors,
    /// (kind, name, schedule) for each ritual.
    rituals: Vec<(String, String, ScheduleItem)>,
    day_names: Vec<(&'static str, &'static str)>,
}

const DAY_LABELS: [msg::Words; 7] =
    [msg::day_mon, msg::day_tue, msg::day_wed, msg::day_thu, msg::day_fri, msg::day_sat, msg::day_sun];

fn schedule_page(state: &AppState, csrf: &CsrfToken, items: Vec<ScheduleItem>, errors: FormErrors) -> SchedulePage {
    let content = &tend_core::content::Content::embedded().rituals;
    SchedulePage {
        layout: Layout::new(state, csrf, msg::title_ritual_schedule(), true, "together"),
        errors,
        rituals: items
            .into_iter()
            .map(|s| {
                let name = RitualKind::parse(&s.kind).map(|k| content.ritual(k).name.clone()).unwrap_or_default();
                (s.kind.clone(), name, s)
            })
            .collect(),
        day_names: Days::NAMES.iter().copied().zip(DAY_LABELS.map(|words| words())).collect(),
    }
}

pub async fn schedule(State(state): State<AppState>, csrf: CsrfToken, PageUser(me): PageUser) -> Response {
    match rituals::schedule(&state, &me.person.id).await {
        Ok(items) => render(&schedule_page(&state, &csrf, items, FormErrors::default()), StatusCode::OK),
        Err(err) => service_error_page(err),
    }
}

/// The schedule form: `{kind}_enabled`, `{kind}_days` (repeated) and `{kind}_time` per ritual.
fn schedule_input(fields: &[(String, String)]) -> ScheduleInput {
    let value = |key: String| fields.iter().find(|(k, _)| *k == key).map(|(_, v)| v.clone());
    ScheduleInput {
        rituals: RitualKind::ALL
            .iter()
            .filter_map(|k| {
                let kind = k.as_str();
                // A ritual the form did not carry at all stays as it is.
                let time = value(format!("{kind}_time"))?;
                let days = fields.iter().filter(|(key, _)| *key == format!("{kind}_days")).map(|(_, v)| v.clone());
                Some(ScheduleItem {
                    kind: kind.to_owned(),
                    enabled: value(format!("{kind}_enabled")).is_some(),
                    days: days.collect(),
                    time,
                })
            })
            .collect(),
    }
}

pub async fn save_schedule(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let input = schedule_input(&fields);
    match rituals::set_schedule(&state, &me.person.id, &input).await {
        Ok(_) => see_other("/rituals?done=schedule-saved"),
        Err(err) => match form_errors(err) {
            Ok(errors) => {
                // Show what was sent, and the saved schedule for anything the form did not carry.
                let saved = rituals::schedule(&state, &me.person.id).await.unwrap_or_default();
                let shown = saved
                    .into_iter()
                    .map(|s| input.rituals.iter().find(|i| i.kind == s.kind).cloned().unwrap_or(s))
                    .collect();
                render(&schedule_page(&state, &csrf, shown, errors), StatusCode::UNPROCESSABLE_ENTITY)
            }
            Err(err) => service_error_page(err),
        },
    }
}
