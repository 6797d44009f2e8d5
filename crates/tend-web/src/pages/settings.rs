//! Settings: profile, the devices signed in, password, email, export and the way to delete.

use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Form, Json};
use tend_core::msg;

use super::errors::service_error_page;
use super::{form_errors, local_time, notice, page_or_error, render, see_other, Done, FormErrors, Layout};
use crate::auth::csrf::CsrfToken;
use crate::auth::session::{Authenticated, PageUser};
use crate::services::account_links::{self, EmailChange};
use crate::services::accounts::{self, PasswordChange, ProfileUpdate, RecoveryCodeRenewal};
use crate::services::{data_import, security_log, ServiceError, ServiceResult};
use crate::state::AppState;

struct SessionRow {
    id: String,
    device: String,
    started: String,
    last_used: String,
    current: bool,
    notifications: bool,
}

#[derive(Template)]
#[template(path = "settings.html")]
struct SettingsPage<'a> {
    layout: Layout,
    notice: Option<&'static str>,
    display_name: String,
    time_zone: String,
    time_zones: &'a [String],
    email: String,
    new_email: String,
    sessions: Vec<SessionRow>,
    profile_errors: FormErrors,
    password_errors: FormErrors,
    recovery_errors: FormErrors,
    email_errors: FormErrors,
    import_errors: FormErrors,
}

/// What a settings page shows besides the person's current settings.
#[derive(Default)]
struct Extras {
    notice: Option<&'static str>,
    profile: Option<ProfileUpdate>,
    profile_errors: FormErrors,
    password_errors: FormErrors,
    recovery_errors: FormErrors,
    email_errors: FormErrors,
    import_errors: FormErrors,
    new_email: String,
}

async fn page(
    state: &AppState,
    csrf: &CsrfToken,
    me: &Authenticated,
    extras: Extras,
    status: StatusCode,
) -> ServiceResult<Response> {
    let person = &me.person;
    let zone = person.time_zone.as_str();
    let sessions = state
        .store
        .list_sessions(&person.id)
        .await?
        .into_iter()
        .map(|s| SessionRow {
            current: s.id == me.session_id,
            started: local_time(s.created_at, zone),
            last_used: local_time(s.last_used_at, zone),
            notifications: s.notifications,
            device: s.device,
            id: s.id,
        })
        .collect();
    let profile = extras.profile.unwrap_or_default();
    let page = SettingsPage {
        layout: Layout::new(state, csrf, msg::title_settings(), true, "me"),
        notice: extras.notice,
        display_name: profile.display_name.unwrap_or_else(|| person.display_name.clone()),
        time_zone: profile.time_zone.unwrap_or_else(|| person.time_zone.clone()),
        time_zones: &state.time_zones,
        email: person.email.clone(),
        new_email: extras.new_email,
        sessions,
        profile_errors: extras.profile_errors,
        password_errors: extras.password_errors,
        recovery_errors: extras.recovery_errors,
        email_errors: extras.email_errors,
        import_errors: extras.import_errors,
    };
    Ok(render(&page, status))
}

/// After a settings form: back to the page with a notice, or the page again with the errors.
async fn after(
    state: &AppState,
    csrf: &CsrfToken,
    me: &Authenticated,
    result: ServiceResult<()>,
    done: &str,
    on_error: impl FnOnce(FormErrors) -> Extras,
) -> Response {
    match result {
        Ok(()) => see_other(&format!("/settings?done={done}")),
        Err(err) => match form_errors(err) {
            Ok(errors) => page(state, csrf, me, on_error(errors), StatusCode::UNPROCESSABLE_ENTITY)
                .await
                .unwrap_or_else(service_error_page),
            Err(err) => service_error_page(err),
        },
    }
}

pub async fn show(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Query(q): Query<Done>,
) -> Response {
    let extras = Extras { notice: notice(q.done.as_deref()), ..Default::default() };
    page(&state, &csrf, &me, extras, StatusCode::OK).await.unwrap_or_else(service_error_page)
}

pub async fn save_profile(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Form(form): Form<ProfileUpdate>,
) -> Response {
    let result = accounts::update_profile(&state, &me.person.id, &form).await;
    after(&state, &csrf, &me, result, "profile-saved", |errors| Extras {
        profile: Some(form),
        profile_errors: errors,
        ..Default::default()
    })
    .await
}

pub async fn change_password(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Form(form): Form<PasswordChange>,
) -> Response {
    let result = accounts::change_password(&state, &me.person.id, &me.session_id, &me.key, &form).await;
    after(&state, &csrf, &me, result, "password-changed", |errors| Extras {
        password_errors: errors,
        ..Default::default()
    })
    .await
}

/// The recovery form's password field (the email form has one named `password` on the same page).
const RECOVERY_PASSWORD: &str = "recovery_password";

/// A new recovery code, shown once on its own page, then back to settings.
pub async fn renew_recovery_code(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Form(form): Form<RecoveryCodeRenewal>,
) -> Response {
    match accounts::renew_recovery_code(&state, &me.person.id, &me.key, &form).await {
        Ok(code) => super::account::recovery_code_page(&state, &csrf, &code, "/settings"),
        Err(err) => {
            let on_error = |errors: FormErrors| Extras {
                recovery_errors: errors.renamed("password", RECOVERY_PASSWORD),
                ..Default::default()
            };
            after(&state, &csrf, &me, Err(err), "", on_error).await
        }
    }
}

pub async fn change_email(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Form(form): Form<EmailChange>,
) -> Response {
    let result = account_links::request_email_change(&state, &me.person.id, &form).await;
    after(&state, &csrf, &me, result, "email-link-sent", |errors| Extras {
        email_errors: errors,
        new_email: form.new_email,
        ..Default::default()
    })
    .await
}

pub async fn end_session(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(session_id): Path<String>,
) -> Response {
    match security_log::end_session(&state, &me.person.id, &session_id, &me.session_id).await {
        Ok(()) => see_other("/settings?done=device-signed-out"),
        Err(err) => service_error_page(err),
    }
}

/// Brings an export file (the `file` field of a multipart form) into the account.
pub async fn import(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    mut form: Multipart,
) -> Response {
    let mut bytes = None;
    while let Ok(Some(field)) = form.next_field().await {
        if field.name() == Some("file") {
            bytes = field.bytes().await.ok();
        }
    }
    let result = match bytes.filter(|b| !b.is_empty()) {
        Some(bytes) => data_import::import(&state, &me.person.id, &me.key, &bytes).await.map(|_| ()),
        None => Err(ServiceError::field("file", msg::settings_choose_export_file_bring())),
    };
    after(&state, &csrf, &me, result, "imported", |errors| Extras { import_errors: errors, ..Default::default() }).await
}

pub async fn export(State(state): State<AppState>, PageUser(me): PageUser) -> Response {
    match accounts::export(&state, &me.person.id, Some(&me.key)).await {
        Ok(document) => ([(header::CONTENT_DISPOSITION, "attachment; filename=\"tend-export.json\"")], Json(document))
            .into_response(),
        Err(err) => service_error_page(err),
    }
}

struct ActivityRow {
    at: String,
    text: String,
    device: String,
}

#[derive(Template)]
#[template(path = "activity.html")]
struct ActivityPage {
    layout: Layout,
    rows: Vec<ActivityRow>,
}

/// The person's security log: what happened to their account, newest first.
pub async fn activity(State(state): State<AppState>, csrf: CsrfToken, PageUser(me): PageUser) -> Response {
    let zone = me.person.time_zone.as_str();
    let page = security_log::list(&state, &me.person.id).await.map(|entries| ActivityPage {
        layout: Layout::new(&state, &csrf, msg::title_account_activity(), true, "me"),
        rows: entries
            .into_iter()
            .map(|e| ActivityRow { at: local_time(e.at, zone), text: e.text, device: e.device.unwrap_or_default() })
            .collect(),
    });
    page_or_error(page)
}
