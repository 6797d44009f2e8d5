//! Small wins and the momentum chart in the browser.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::Form;
use tend_core::msg;

use super::{after_form, notice, page_or_error, week_words, Done, FormErrors, Layout};
use crate::auth::csrf::CsrfToken;
use crate::auth::session::{Authenticated, PageUser};
use crate::charts::{LineChart, Series};
use crate::services::wins::{self, Momentum, NewWin};
use crate::services::{optional, ServiceResult};
use crate::state::AppState;
use tend_core::content::{Content, WinsText};

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
    let momentum = optional(wins::momentum(state, &me.person.id, &me.key, &me.person.time_zone).await)?;
    let this_week = momentum.as_ref().and_then(|m| m.weeks.last()).map(|w| w.week_of);
    let rows: Vec<(String, u32, u32, u32, u32)> = momentum
        .iter()
        .flat_map(|m| &m.weeks)
        .map(|w| {
            let label = week_words(w.week_of, this_week.unwrap_or(w.week_of));
            (label, w.ritual_days, w.wins, w.minutes_together, w.joy_moments)
        })
        .collect();
    let top = rows.iter().map(|r| r.1.max(r.2)).max().unwrap_or(0).max(7);
    let chart = LineChart {
        title: msg::wins_days_with_ritual_small(),
        x_labels: rows.iter().map(|r| r.0.clone()).collect(),
        series: vec![
            Series {
                name: msg::wins_days_with_ritual().into(),
                values: rows.iter().map(|r| Some(f64::from(r.1))).collect(),
            },
            Series {
                name: msg::title_small_wins().into(),
                values: rows.iter().map(|r| Some(f64::from(r.2))).collect(),
            },
        ],
        y_min: 0.0,
        y_max: f64::from(top),
        y_low: "0",
        y_high: &top.to_string(),
    }
    .svg();
    Ok(WinsPage {
        layout: Layout::new(state, csrf, msg::title_small_wins(), true, "together"),
        notice,
        words: Content::embedded().together.wins.clone(),
        // A line needs two weeks at least; before that the table says it all.
        chart: if rows.len() > 1 { chart } else { String::new() },
        momentum,
        rows,
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
    page_or_error(wins_page(&state, &csrf, &me, String::new(), FormErrors::default(), notice(q.done.as_deref())).await)
}

pub async fn log(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Form(form): Form<NewWin>,
) -> Response {
    let result = wins::log(&state, &me.person.id, &me.key, &me.person.time_zone, &form).await;
    after_form(result, "/wins?done=win-logged", async |errors| {
        wins_page(&state, &csrf, &me, form.text, errors, None).await
    })
    .await
}
