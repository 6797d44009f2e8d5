//! The distance check-up in the browser: take it, read it, share or keep it, see it over time.

use std::collections::BTreeMap;
use tend_core::msg;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use tend_core::checkup::AreaReading;
use tend_core::content::{AreaId, Content};

use super::errors::service_error_page;
use super::{form_errors, local_date, notice, render, see_other, Done, FormErrors, Layout};
use crate::auth::csrf::CsrfToken;
use crate::auth::session::PageUser;
use crate::charts::{LineChart, Series};
use crate::services::checkups::{self, CheckupResult};
use crate::state::AppState;

struct Choice {
    value: u8,
    label: String,
    checked: bool,
}

struct ItemForm {
    id: String,
    text: String,
    choices: Vec<Choice>,
}

struct AreaForm {
    id: &'static str,
    title: String,
    intro: String,
    question: String,
    items: Vec<ItemForm>,
}

#[derive(Template)]
#[template(path = "checkup_form.html")]
struct CheckupForm {
    layout: Layout,
    areas: Vec<AreaForm>,
    errors: FormErrors,
}

fn form(state: &AppState, csrf: &CsrfToken, chosen: &BTreeMap<String, u8>, errors: FormErrors) -> CheckupForm {
    let checkup = &Content::embedded().checkup;
    let areas = checkup
        .areas
        .iter()
        .map(|area| AreaForm {
            id: area.id.as_str(),
            title: area.title.clone(),
            intro: area.intro.clone(),
            question: area.question.clone(),
            items: area
                .items
                .iter()
                .map(|item| ItemForm {
                    id: item.id.clone(),
                    text: item.text.clone(),
                    choices: checkup
                        .scale
                        .iter()
                        .enumerate()
                        .map(|(value, label)| Choice {
                            value: value as u8,
                            label: label.clone(),
                            checked: chosen.get(&item.id) == Some(&(value as u8)),
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    CheckupForm { layout: Layout::new(state, csrf, msg::title_check_up(), true, "me"), areas, errors }
}

pub async fn show_form(State(state): State<AppState>, csrf: CsrfToken, PageUser(_me): PageUser) -> Response {
    render(&form(&state, &csrf, &BTreeMap::new(), FormErrors::default()), StatusCode::OK)
}

/// Answers arrive as one field per statement (`item-id=2`), beside the CSRF token.
fn answers_of(fields: BTreeMap<String, String>) -> BTreeMap<String, u8> {
    fields
        .into_iter()
        .filter(|(key, _)| key != "csrf")
        .map(|(key, value)| (key, value.parse().unwrap_or(u8::MAX)))
        .collect()
}

pub async fn submit(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Form(fields): Form<BTreeMap<String, String>>,
) -> Response {
    let answers = answers_of(fields);
    match checkups::submit(&state, &me.person.id, &me.key, &answers).await {
        Ok(result) => see_other(&format!("/checkup/{}", result.id)),
        Err(err) => match form_errors(err) {
            Ok(errors) => render(&form(&state, &csrf, &answers, errors), StatusCode::UNPROCESSABLE_ENTITY),
            Err(err) => service_error_page(err),
        },
    }
}

struct Reason {
    text: String,
    answer: String,
}

struct Pattern {
    title: String,
    meaning: String,
}

struct FirstStep {
    text: String,
    feature_title: String,
    path: String,
}

struct AreaView {
    title: String,
    level_title: String,
    meaning: String,
    because: Vec<Reason>,
    familiar: Vec<Pattern>,
    steps: Vec<FirstStep>,
}

#[derive(Template)]
#[template(path = "checkup_result.html")]
struct ResultPage {
    layout: Layout,
    notice: Option<&'static str>,
    id: String,
    mine: bool,
    shared: bool,
    taken: String,
    who_answered: String,
    partner: Option<String>,
    /// The area that matters most in this reading (the one furthest along), first.
    top: Option<AreaView>,
    /// Three first steps, from the areas that matter most.
    first_steps: Vec<FirstStep>,
    /// The partner's copy carries the answers too.
    answers_shared: bool,
    areas: Vec<AreaView>,
}

/// The areas from the one that matters most to the one that matters least (ties keep the
/// program's order), and three first steps taken from them in that order.
fn most_first(result: &CheckupResult) -> (Vec<&AreaReading>, Vec<FirstStep>) {
    let mut order: Vec<&AreaReading> = result.reading.iter().collect();
    order.sort_by(|a, b| b.average.total_cmp(&a.average));
    let mut steps: Vec<FirstStep> = Vec::new();
    for reading in &order {
        for step in area_view(reading, result).steps {
            if steps.len() < 3 && !steps.iter().any(|s| s.text == step.text) {
                steps.push(step);
            }
        }
    }
    (order, steps)
}

fn area_view(reading: &AreaReading, result: &CheckupResult) -> AreaView {
    let content = Content::embedded();
    let area = content.checkup.area(reading.area);
    let level = area.levels.iter().find(|l| l.id == reading.level).unwrap_or(&area.levels[0]);
    AreaView {
        title: area.title.clone(),
        level_title: level.title.clone(),
        meaning: level.meaning.clone(),
        because: reading
            .because
            .iter()
            .filter_map(|id| area.items.iter().find(|i| &i.id == id))
            .map(|item| Reason {
                text: item.text.clone(),
                answer: result
                    .answers
                    .get(&item.id)
                    .and_then(|a| content.checkup.scale.get(usize::from(*a)))
                    .cloned()
                    .unwrap_or_default(),
            })
            .collect(),
        familiar: reading
            .familiar
            .iter()
            .filter_map(|id| area.tags.iter().find(|t| &t.id == id))
            .map(|t| Pattern { title: t.title.clone(), meaning: t.meaning.clone() })
            .collect(),
        steps: level
            .steps
            .iter()
            .map(|s| {
                let feature = content.feature(&s.feature);
                FirstStep {
                    text: s.text.clone(),
                    feature_title: feature.map(|f| f.title.clone()).unwrap_or_default(),
                    path: feature.map(|f| f.path.clone()).unwrap_or_default(),
                }
            })
            .collect(),
    }
}

pub async fn show_result(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Query(q): Query<Done>,
) -> Response {
    let result = match checkups::get(&state, &me.person.id, &me.key, &id).await {
        Ok(result) => result,
        Err(err) => return service_error_page(err),
    };
    let couple = match crate::services::couples::of(&state, &me.person.id).await {
        Ok(couple) => couple,
        Err(err) => return service_error_page(err),
    };
    let partner = couple.as_ref().and_then(|c| c.partner_of(&me.person.id)).map(|p| p.display_name.clone());
    let (order, first_steps) = most_first(&result);
    let page = ResultPage {
        layout: Layout::new(&state, &csrf, msg::title_check_up(), true, "me"),
        notice: notice(q.done.as_deref()),
        top: order.first().map(|r| area_view(r, &result)),
        first_steps,
        answers_shared: result.answers_shared,
        areas: result.reading.iter().map(|r| area_view(r, &result)).collect(),
        id: result.id.clone(),
        mine: result.mine,
        shared: result.shared,
        taken: local_date(result.taken_at, &me.person.time_zone),
        who_answered: if result.mine {
            msg::checkup_you_answered().into()
        } else {
            msg::checkup_partner_answered(partner.clone().unwrap_or_default())
        },
        partner,
    };
    render(&page, StatusCode::OK)
}

#[derive(serde::Deserialize)]
pub struct ShareForm {
    /// The "share my answers too" box: present only when ticked.
    with_answers: Option<String>,
}

pub async fn share(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(form): Form<ShareForm>,
) -> Response {
    match checkups::share(&state, &me.person.id, &me.key, &id, form.with_answers.is_some()).await {
        Ok(()) => see_other(&format!("/checkup/{id}?done=shared")),
        Err(err) => service_error_page(err),
    }
}

pub async fn unshare(State(state): State<AppState>, PageUser(me): PageUser, Path(id): Path<String>) -> Response {
    match checkups::unshare(&state, &me.person.id, &id).await {
        Ok(()) => see_other(&format!("/checkup/{id}?done=unshared")),
        Err(err) => service_error_page(err),
    }
}

struct HistoryRow {
    id: String,
    date: String,
    levels: Vec<String>,
}

#[derive(Template)]
#[template(path = "checkups.html")]
struct HistoryPage {
    layout: Layout,
    chart: String,
    area_titles: Vec<String>,
    mine: Vec<HistoryRow>,
    shared_with_me: Vec<HistoryRow>,
}

fn rows(results: &[CheckupResult], time_zone: &str) -> Vec<HistoryRow> {
    let checkup = &Content::embedded().checkup;
    results
        .iter()
        .map(|r| HistoryRow {
            id: r.id.clone(),
            date: local_date(r.taken_at, time_zone),
            levels: r
                .reading
                .iter()
                .map(|a| {
                    let area = checkup.area(a.area);
                    // The level in words, never a score with decimals.
                    area.levels.iter().find(|l| l.id == a.level).map(|l| l.title.clone()).unwrap_or_default()
                })
                .collect(),
        })
        .collect()
}

pub async fn history(State(state): State<AppState>, csrf: CsrfToken, PageUser(me): PageUser) -> Response {
    let list = match checkups::list(&state, &me.person.id, &me.key).await {
        Ok(list) => list,
        Err(err) => return service_error_page(err),
    };
    let checkup = &Content::embedded().checkup;
    let zone = &me.person.time_zone;
    let chart = LineChart {
        title: "Your check-ups over time, one line per area; higher means more distance",
        x_labels: list.mine.iter().map(|r| local_date(r.taken_at, zone)).collect(),
        series: AreaId::ALL
            .iter()
            .map(|id| Series {
                name: checkup.area(*id).title.clone(),
                values: list.mine.iter().map(|r| r.reading.iter().find(|a| a.area == *id).map(|a| a.average)).collect(),
            })
            .collect(),
        y_min: 0.0,
        y_max: 3.0,
        y_low: msg::checkup_chart_close(),
        y_high: msg::checkup_chart_far_apart(),
    };
    let page = HistoryPage {
        layout: Layout::new(&state, &csrf, msg::title_check_ups(), true, "me"),
        chart: if list.mine.is_empty() { String::new() } else { chart.svg() },
        area_titles: checkup.areas.iter().map(|a| a.title.clone()).collect(),
        mine: rows(&list.mine, zone),
        shared_with_me: rows(&list.shared_with_me, zone),
    };
    render(&page, StatusCode::OK)
}
