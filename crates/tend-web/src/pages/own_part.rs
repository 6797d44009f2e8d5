//! Own your part in the browser: choose one behaviour, the private daily check, and the
//! reflection at the end (shared only if the author chooses).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::Form;
use serde::Deserialize;
use tend_core::msg;

use super::{after_form, day_label, notice, page_or_error, see_other_or_error, Done, FormErrors, Layout};
use crate::auth::csrf::CsrfToken;
use crate::auth::session::{Authenticated, PageUser};
use crate::services::experiments::{self, ExperimentsView, LogExperimentDay, Reflect, StartExperiment};
use crate::services::{ServiceError, ServiceResult};
use crate::state::AppState;
use tend_core::content::{Content, OwnPartText};

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
    let experiments = match experiments::list(state, &me.person.id, &me.person.time_zone, &me.key).await {
        Ok(view) => Some(Ok(view)),
        Err(ServiceError::NotFound) => None,
        Err(ServiceError::Conflict { message, .. }) => Some(Err(message)),
        Err(err) => return Err(err),
    };
    Ok(OwnPartPage {
        layout: Layout::new(state, csrf, msg::own_part_own_your_part(), true, "me"),
        notice,
        words: Content::embedded().together.own_part.clone(),
        experiments,
        errors,
        behaviour,
        reflection,
    })
}

pub async fn show(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Query(q): Query<Done>,
) -> Response {
    page_or_error(
        own_part_page(&state, &csrf, &me, Default::default(), FormErrors::default(), notice(q.done.as_deref())).await,
    )
}

#[derive(Deserialize)]
pub struct StartForm {
    #[serde(default)]
    suggestion: String,
    #[serde(default)]
    own: String,
}

pub async fn start(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Form(form): Form<StartForm>,
) -> Response {
    let behaviour = if form.own.trim().is_empty() { form.suggestion } else { form.own };
    let input = StartExperiment { behaviour };
    let result = experiments::start(&state, &me.person.id, &me.person.time_zone, &me.key, &input).await;
    after_form(result, "/own-your-part?done=experiment-started", async |errors| {
        own_part_page(&state, &csrf, &me, (input.behaviour, String::new()), errors, None).await
    })
    .await
}

#[derive(Deserialize)]
pub struct DayForm {
    kept: String,
}

pub async fn day(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(form): Form<DayForm>,
) -> Response {
    let input = LogExperimentDay { kept: form.kept == "yes" };
    see_other_or_error(
        experiments::log_day(&state, &me.person.id, &me.person.time_zone, &me.key, &id, &input).await,
        "/own-your-part?done=experiment-logged",
    )
}

#[derive(Deserialize)]
pub struct ReflectForm {
    #[serde(default)]
    reflection: String,
    share: Option<String>,
}

pub async fn reflect(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(form): Form<ReflectForm>,
) -> Response {
    let input = Reflect { reflection: form.reflection, share: form.share.is_some() };
    let result = experiments::reflect(&state, &me.person.id, &me.person.time_zone, &me.key, &id, &input).await;
    after_form(result, "/own-your-part?done=experiment-reflected", async |errors| {
        own_part_page(&state, &csrf, &me, (String::new(), input.reflection), errors, None).await
    })
    .await
}

impl OwnPartPage {
    fn day(&self, day: &str) -> String {
        day_label(day)
    }
}
