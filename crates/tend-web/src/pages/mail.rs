//! Email in the browser: the reminder settings page (with notifications on this device, whose
//! buttons are in `push.rs`), and the free course's public pages — sign
//! up, confirm from the email's link, and unsubscribe (a GET only asks; the one-click POST that
//! mail programs send needs no log-in and no form token: the link's token is the permission).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use serde::Deserialize;
use tend_core::msg;

use super::errors::{error_page, service_error_page};
use super::page_words::words;
use super::{form_errors, notice, page_or_error, render, see_other, see_other_or_error, Done, FormErrors, Layout};
use crate::auth::client::ClientAddr;
use crate::auth::csrf::CsrfToken;
use crate::auth::session::{Authenticated, MaybeUser, PageUser};
use crate::services::calendar;
use crate::services::guidance::{self, GuidanceToken, Subscribe};
use crate::services::push::{self, PushStatus};
use crate::services::reminders::{self, ReminderSettingsView, KINDS};
use crate::services::ServiceError;
use crate::state::AppState;

const DAY_NAMES: [msg::Words; 7] = [
    msg::day_monday,
    msg::day_tuesday,
    msg::day_wednesday,
    msg::day_thursday,
    msg::day_friday,
    msg::day_saturday,
    msg::day_sunday,
];

#[derive(Template)]
#[template(path = "reminders.html")]
struct RemindersPage {
    layout: Layout,
    notice: Option<&'static str>,
    errors: FormErrors,
    settings: ReminderSettingsView,
    kinds: Vec<(&'static str, &'static str)>,
    feed_url: String,
    days: Vec<(&'static str, &'static str)>,
    push: PushStatus,
}

async fn reminders_page(
    state: &AppState,
    csrf: &CsrfToken,
    me: &Authenticated,
    settings: ReminderSettingsView,
    errors: FormErrors,
    notice: Option<&'static str>,
) -> Result<RemindersPage, ServiceError> {
    Ok(RemindersPage {
        layout: Layout::new(state, csrf, msg::title_reminders(), true, "me"),
        notice,
        errors,
        settings,
        kinds: KINDS.iter().map(|(id, words)| (*id, words())).collect(),
        feed_url: calendar::feed(state, &me.person.id).await?.url,
        days: tend_core::rituals::Days::NAMES.iter().copied().zip(DAY_NAMES.map(|words| words())).collect(),
        push: push::status(state, &me.session_id).await?,
    })
}

pub async fn reminders_show(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Query(q): Query<Done>,
) -> Response {
    let result = async {
        let settings = reminders::get(&state, &me.person.id).await?;
        reminders_page(&state, &csrf, &me, settings, FormErrors::default(), notice(q.done.as_deref())).await
    }
    .await;
    page_or_error(result)
}

pub async fn reminders_save(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let value = |key: &str| fields.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()).unwrap_or_default();
    let input = ReminderSettingsView {
        kinds: fields.iter().filter(|(k, _)| k == "kinds").map(|(_, v)| v.clone()).collect(),
        digest: fields.iter().any(|(k, _)| k == "digest"),
        quiet_start: value("quiet_start"),
        quiet_end: value("quiet_end"),
        weekly_check_day: value("weekly_check_day"),
        weekly_check_time: value("weekly_check_time"),
        by_email: fields.iter().any(|(k, _)| k == "by_email"),
    };
    match reminders::update(&state, &me.person.id, &input).await {
        Ok(_) => see_other("/reminders?done=reminders-saved"),
        Err(err) => match form_errors(err) {
            Ok(errors) => match reminders_page(&state, &csrf, &me, input, errors, None).await {
                Ok(page) => render(&page, StatusCode::UNPROCESSABLE_ENTITY),
                Err(err) => service_error_page(err),
            },
            Err(err) => service_error_page(err),
        },
    }
}

#[derive(Template)]
#[template(path = "course.html")]
struct CoursePage {
    layout: Layout,
    notice: Option<&'static str>,
    errors: FormErrors,
    email: String,
    /// The unsubscribe link's token, when asking to confirm an unsubscribe.
    unsubscribe: Option<String>,
}

fn course_page(
    state: &AppState,
    csrf: &CsrfToken,
    signed_in: bool,
    errors: FormErrors,
    email: String,
    notice: Option<&'static str>,
) -> CoursePage {
    CoursePage {
        layout: Layout::new(state, csrf, msg::title_free_course(), signed_in, "me"),
        notice,
        errors,
        email,
        unsubscribe: None,
    }
}

pub async fn course_show(
    State(state): State<AppState>,
    csrf: CsrfToken,
    MaybeUser(user): MaybeUser,
    Query(q): Query<Done>,
) -> Response {
    let page =
        course_page(&state, &csrf, user.is_some(), FormErrors::default(), String::new(), notice(q.done.as_deref()));
    render(&page, StatusCode::OK)
}

#[derive(Deserialize)]
pub struct CourseForm {
    #[serde(default)]
    email: String,
    tips: Option<String>,
}

pub async fn course_subscribe(
    State(state): State<AppState>,
    csrf: CsrfToken,
    MaybeUser(user): MaybeUser,
    ClientAddr(client): ClientAddr,
    Form(form): Form<CourseForm>,
) -> Response {
    let input = Subscribe { email: form.email.clone(), tips: form.tips.is_some() };
    match guidance::subscribe(&state, &input, client).await {
        Ok(()) => see_other("/course?done=course-asked"),
        Err(err) => match form_errors(err) {
            Ok(errors) => render(
                &course_page(&state, &csrf, user.is_some(), errors, form.email, None),
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            Err(err) => service_error_page(err),
        },
    }
}

pub async fn course_confirm(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    match guidance::confirm(&state, &GuidanceToken { token }).await {
        Ok(()) => see_other("/course?done=course-confirmed"),
        Err(ServiceError::NotFound) => error_page(StatusCode::NOT_FOUND, &words().errors.course_link_expired),
        Err(err) => service_error_page(err),
    }
}

pub async fn calendar_rotate(State(state): State<AppState>, PageUser(me): PageUser) -> Response {
    see_other_or_error(calendar::rotate(&state, &me.person.id).await, "/reminders?done=calendar-rotated#calendar")
}

/// The feed itself (`/calendar/{token}.ics`): no log-in, the token is the permission.
pub async fn calendar_feed(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    use axum::response::IntoResponse;
    let Some(token) = file.strip_suffix(".ics") else {
        return super::errors::not_found_page();
    };
    match calendar::render(&state, token).await {
        Ok(ics) => ([(axum::http::header::CONTENT_TYPE, "text/calendar; charset=utf-8")], ics).into_response(),
        Err(err) => service_error_page(err),
    }
}

/// GET never unsubscribes (mail scanners follow links): it asks, with one button.
pub async fn unsubscribe_ask(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    Path(token): Path<String>,
) -> Response {
    match guidance::is_subscribed(&state, &token).await {
        Ok(true) => {
            let csrf = CsrfToken(String::new());
            let mut page = course_page(&state, &csrf, user.is_some(), FormErrors::default(), String::new(), None);
            page.unsubscribe = Some(token);
            render(&page, StatusCode::OK)
        }
        Ok(false) => see_other("/course?done=course-stopped"),
        Err(err) => service_error_page(err),
    }
}

/// The one-click unsubscribe (RFC 8058) and the page's button: takes effect at once.
pub async fn unsubscribe_now(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    match guidance::unsubscribe(&state, &GuidanceToken { token }).await {
        Ok(()) | Err(ServiceError::NotFound) => see_other("/course?done=course-stopped"),
        Err(err) => service_error_page(err),
    }
}
