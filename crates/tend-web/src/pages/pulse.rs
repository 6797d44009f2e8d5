//! The weekly pulse in the browser: a minute of questions, and a private trend over the weeks.

use std::collections::BTreeMap;
use tend_core::msg;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use tend_core::content::Content;

use super::errors::service_error_page;
use super::{form_errors, notice, render, see_other, week_words, Done, FormErrors, Layout};
use crate::auth::csrf::CsrfToken;
use crate::auth::session::{Authenticated, PageUser};
use crate::charts::{LineChart, Series};
use crate::services::pulses::{self, PulseEntry};
use crate::state::AppState;

struct Choice {
    value: u8,
    checked: bool,
}

struct Question {
    id: String,
    text: String,
    low: String,
    high: String,
    choices: Vec<Choice>,
}

struct Row {
    week: String,
    values: Vec<u8>,
}

#[derive(Template)]
#[template(path = "pulse.html")]
struct PulsePage {
    layout: Layout,
    notice: Option<&'static str>,
    intro: String,
    answered_this_week: bool,
    questions: Vec<Question>,
    errors: FormErrors,
    chart: String,
    item_titles: Vec<String>,
    rows: Vec<Row>,
}

fn page(
    state: &AppState,
    csrf: &CsrfToken,
    entries: &[PulseEntry],
    this_week: &str,
    chosen: &BTreeMap<String, u8>,
    errors: FormErrors,
    notice: Option<&'static str>,
) -> PulsePage {
    let pulse = &Content::embedded().pulse;
    let current = entries.iter().find(|e| e.week == this_week);
    let chosen =
        if chosen.is_empty() { current.map(|e| e.answers.clone()).unwrap_or_default() } else { chosen.clone() };
    let chart = LineChart {
        title: msg::pulse_your_weekly_pulse_over(),
        x_labels: entries.iter().map(|e| week_label(&e.week, this_week)).collect(),
        series: pulse
            .items
            .iter()
            .map(|item| Series {
                name: item.text.clone(),
                values: entries.iter().map(|e| e.answers.get(&item.id).map(|v| f64::from(*v))).collect(),
            })
            .collect(),
        y_min: 1.0,
        y_max: 5.0,
        y_low: "1",
        y_high: "5",
    };
    PulsePage {
        layout: Layout::new(state, csrf, msg::title_weekly_pulse(), true, "me"),
        notice,
        intro: pulse.intro.clone(),
        answered_this_week: current.is_some(),
        questions: pulse
            .items
            .iter()
            .map(|item| Question {
                id: item.id.clone(),
                text: item.text.clone(),
                low: item.low.clone(),
                high: item.high.clone(),
                choices: (1..=5).map(|value| Choice { value, checked: chosen.get(&item.id) == Some(&value) }).collect(),
            })
            .collect(),
        errors,
        chart: if entries.len() > 1 { chart.svg() } else { String::new() },
        item_titles: pulse.items.iter().map(|i| i.text.clone()).collect(),
        rows: entries
            .iter()
            .map(|e| Row {
                week: week_label(&e.week, this_week),
                values: pulse.items.iter().map(|i| e.answers.get(&i.id).copied().unwrap_or(0)).collect(),
            })
            .collect(),
    }
}

async fn respond(
    state: &AppState,
    csrf: &CsrfToken,
    me: &Authenticated,
    chosen: &BTreeMap<String, u8>,
    errors: FormErrors,
    notice: Option<&'static str>,
    status: StatusCode,
) -> Response {
    match pulses::list(state, &me.person.id, &me.key).await {
        Ok(entries) => {
            let this_week = pulses::week_of(state.clock.now(), &me.person.time_zone);
            render(&page(state, csrf, &entries, &this_week, chosen, errors, notice), status)
        }
        Err(err) => service_error_page(err),
    }
}

pub async fn show(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Query(q): Query<Done>,
) -> Response {
    respond(&state, &csrf, &me, &BTreeMap::new(), FormErrors::default(), notice(q.done.as_deref()), StatusCode::OK)
        .await
}

pub async fn submit(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Form(fields): Form<BTreeMap<String, String>>,
) -> Response {
    let answers: BTreeMap<String, u8> = fields
        .into_iter()
        .filter(|(key, _)| key != "csrf")
        .map(|(key, value)| (key, value.parse().unwrap_or(0)))
        .collect();
    let p = &me.person;
    match pulses::submit(&state, &p.id, &me.key, &p.time_zone, &answers).await {
        Ok(_) => see_other("/pulse?done=pulse-saved"),
        Err(err) => match form_errors(err) {
            Ok(errors) => respond(&state, &csrf, &me, &answers, errors, None, StatusCode::UNPROCESSABLE_ENTITY).await,
            Err(err) => service_error_page(err),
        },
    }
}

/// The Monday of an ISO week written like `2026-W48`.
fn monday_of(iso_week: &str) -> Option<jiff::civil::Date> {
    let (year, week) = iso_week.split_once("-W")?;
    jiff::civil::ISOWeekDate::new(year.parse().ok()?, week.parse().ok()?, jiff::civil::Weekday::Monday)
        .ok()
        .map(|d| d.date())
}

/// A pulse's week in words ("this week", "3 weeks ago"), never its number.
fn week_label(iso_week: &str, this_week: &str) -> String {
    match (monday_of(iso_week), monday_of(this_week)) {
        (Some(week), Some(now)) => week_words(week, now),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pulse_weeks_read_as_words_not_numbers() {
        assert_eq!(week_label("2026-W48", "2026-W48"), "this week");
        assert_eq!(week_label("2026-W47", "2026-W48"), "last week");
        assert_eq!(week_label("2026-W45", "2026-W48"), "3 weeks ago");
        assert_eq!(week_label("2025-W52", "2026-W02"), "2 weeks ago", "across the new year");
    }
}
