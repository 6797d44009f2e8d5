//! Time capsules in the browser: write and seal one, cancel it, and open it together from its day.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::Form;
use serde::Deserialize;
use tend_core::msg;

use super::errors::service_error_page;
use super::{after_form, day_label, notice, page_or_error, see_other, Done, FormErrors, Layout};
use crate::auth::csrf::CsrfToken;
use crate::auth::session::{Authenticated, PageUser};
use crate::services::capsules::{self, CapsuleView, NewCapsule, OpenCapsule};
use crate::services::today as local_today;
use crate::services::{optional, ServiceResult};
use crate::state::AppState;
use tend_core::content::{CapsuleText, Content};
use tend_core::rituals::default_capsule_day;

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
    let capsules = optional(capsules::list(state, &me.person.id, &me.key).await)?;
    Ok(CapsulePage {
        layout: Layout::new(state, csrf, msg::title_time_capsule(), true, "together"),
        notice,
        words: Content::embedded().together.capsule.clone(),
        capsules,
        errors,
        opens_on: form
            .opens_on
            .clone()
            .unwrap_or_else(|| default_capsule_day(local_today(state, &me.person.time_zone)).to_string()),
        form,
    })
}

pub async fn show(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Query(q): Query<Done>,
) -> Response {
    page_or_error(
        capsule_page(&state, &csrf, &me, NewCapsule::default(), FormErrors::default(), notice(q.done.as_deref())).await,
    )
}

pub async fn create(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Form(form): Form<NewCapsule>,
) -> Response {
    let result = capsules::create(&state, &me.person.id, &me.person.time_zone, &me.key, &form).await;
    after_form(result, "/capsules?done=capsule-sealed", async |errors| {
        capsule_page(&state, &csrf, &me, form, errors, None).await
    })
    .await
}

pub async fn cancel(State(state): State<AppState>, PageUser(me): PageUser, Path(id): Path<String>) -> Response {
    match capsules::cancel(&state, &me.person.id, &me.key, &id).await {
        Ok(()) => see_other("/capsules?done=capsule-cancelled"),
        Err(err) => service_error_page(err),
    }
}

#[derive(Deserialize)]
pub struct OpenForm {
    both_here: Option<String>,
}

pub async fn open(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(form): Form<OpenForm>,
) -> Response {
    match capsules::open(&state, &me.person.id, &me.key, &id, &OpenCapsule { both_here: form.both_here.is_some() })
        .await
    {
        Ok(_) => see_other(&format!("/capsules#capsule-{id}")),
        Err(err) => service_error_page(err),
    }
}

impl CapsulePage {
    fn day(&self, day: &str) -> String {
        day_label(day)
    }
}
