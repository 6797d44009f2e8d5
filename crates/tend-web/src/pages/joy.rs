//! Shared joy in the browser: ideas (narrowed by cost, time and place with a plain GET form), a
//! moment planned for a day (phones off if they like), marked done with what they enjoyed, and the
//! history of it.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::Form;
use serde::Deserialize;
use tend_core::msg;

use super::errors::service_error_page;
use super::{after_form, day_label, notice, page_or_error, see_other, see_other_or_error, Done, FormErrors, Layout};
use crate::auth::csrf::CsrfToken;
use crate::auth::session::{Authenticated, PageUser};
use crate::services::joy::{self, CompleteJoy, JoyView, PlanJoy};
use crate::services::today as local_today;
use crate::services::{optional, ServiceResult};
use crate::state::AppState;
use tend_core::content::Content;

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
    /// Cost, time and place.
    filters: Vec<Filter>,
    /// The ideas that match the filters (all of them when none is chosen or none match).
    ideas: Vec<String>,
    /// Filters were chosen and no idea matched them all.
    none_matched: bool,
}

/// One way to narrow the ideas, as the page shows it.
struct Filter {
    /// The field's name: `cost`, `time` or `place`.
    name: &'static str,
    label: &'static str,
    /// (id, title) of each option.
    options: Vec<(&'static str, String)>,
    /// The id chosen, or "" for any.
    chosen: String,
}

impl Filter {
    /// Whether the option `id` is the one chosen.
    fn is(&self, id: &str) -> bool {
        self.chosen == id
    }
}

/// The narrowing chosen on the page: each an id from `content/together.toml`, or nothing.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct IdeaFilter {
    #[serde(default)]
    cost: String,
    #[serde(default)]
    time: String,
    #[serde(default)]
    place: String,
}

/// The ideas matching every filter chosen; an unknown id matches nothing.
fn matching_ideas(filter: &IdeaFilter) -> Vec<String> {
    let fits = |chosen: &str, id: &str| chosen.is_empty() || chosen == id;
    Content::embedded()
        .together
        .joy
        .catalog
        .iter()
        .filter(|i| fits(&filter.cost, i.cost.as_str()) && fits(&filter.time, i.time.as_str()))
        .filter(|i| fits(&filter.place, i.place.as_str()))
        .map(|i| i.text.clone())
        .collect()
}

async fn joy_page(
    state: &AppState,
    csrf: &CsrfToken,
    me: &Authenticated,
    form: PlanJoy,
    errors: FormErrors,
    notice: Option<&'static str>,
    filter: IdeaFilter,
) -> ServiceResult<JoyPage> {
    let joy = optional(joy::list(state, &me.person.id, &me.key).await)?;
    let text = &Content::embedded().together.joy;
    let matching = matching_ideas(&filter);
    let none_matched = matching.is_empty();
    let ideas = if none_matched { text.ideas.clone() } else { matching };
    let filters = vec![
        Filter {
            name: "cost",
            label: msg::joy_filter_cost(),
            options: text.costs.iter().map(|l| (l.id.as_str(), l.title.clone())).collect(),
            chosen: filter.cost,
        },
        Filter {
            name: "time",
            label: msg::joy_filter_time(),
            options: text.times.iter().map(|l| (l.id.as_str(), l.title.clone())).collect(),
            chosen: filter.time,
        },
        Filter {
            name: "place",
            label: msg::joy_filter_place(),
            options: text.places.iter().map(|l| (l.id.as_str(), l.title.clone())).collect(),
            chosen: filter.place,
        },
    ];
    Ok(JoyPage {
        layout: Layout::new(state, csrf, msg::title_shared_joy(), true, "together"),
        notice,
        intro: Content::embedded().together.joy.intro.clone(),
        joy,
        errors,
        tomorrow: local_today(state, &me.person.time_zone).tomorrow().map(|d| d.to_string()).unwrap_or_default(),
        form,
        filters,
        ideas,
        none_matched,
    })
}

pub async fn show(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Query(q): Query<Done>,
    Query(filter): Query<IdeaFilter>,
) -> Response {
    let page =
        joy_page(&state, &csrf, &me, PlanJoy::default(), FormErrors::default(), notice(q.done.as_deref()), filter);
    page_or_error(page.await)
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

pub async fn plan(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Form(form): Form<JoyForm>,
) -> Response {
    let idea = if form.own_idea.trim().is_empty() { form.idea } else { form.own_idea };
    let input = PlanJoy { idea, on: form.on, phones_off: form.phones_off.is_some() };
    let result = joy::plan(&state, &me.person.id, &me.person.time_zone, &me.key, &input).await;
    after_form(result, "/joy?done=joy-planned", async |errors| {
        joy_page(&state, &csrf, &me, input, errors, None, IdeaFilter::default()).await
    })
    .await
}

pub async fn done(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(form): Form<CompleteJoy>,
) -> Response {
    see_other_or_error(joy::complete(&state, &me.person.id, &me.key, &id, &form).await, "/joy?done=joy-done")
}

pub async fn cancel(State(state): State<AppState>, PageUser(me): PageUser, Path(id): Path<String>) -> Response {
    match joy::cancel(&state, &me.person.id, &id).await {
        Ok(()) => see_other("/joy"),
        Err(err) => service_error_page(err),
    }
}

impl JoyPage {
    fn day(&self, day: &str) -> String {
        day_label(day)
    }
}
