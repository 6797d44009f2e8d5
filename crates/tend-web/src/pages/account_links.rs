//! A way back in, in the browser: asking for a reset link (`/password/forgot`), choosing a new
//! password with it (`/password/reset/{token}`), and confirming a new email address
//! (`/email/confirm/{token}`). A link is only ever used by a button, never by opening it, so a
//! mail program that looks at links first can't use one up.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use tend_core::msg;

use super::errors::service_error_page;
use super::{form_errors, render, see_other, FormErrors, Layout};
use crate::auth::client::ClientAddr;
use crate::auth::csrf::CsrfToken;
use crate::auth::session::MaybeUser;
use crate::services::account_links::{self, EmailConfirmation, PasswordReset, ResetRequest};
use crate::services::ServiceError;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "password_forgot.html")]
struct ForgotPage {
    layout: Layout,
    email: String,
    errors: FormErrors,
    sent: bool,
}

fn forgot_page(state: &AppState, csrf: &CsrfToken, email: String, errors: FormErrors, sent: bool) -> Response {
    let status = if errors.any() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let page = ForgotPage {
        layout: Layout::new(state, csrf, msg::account_links_new_password(), false, ""),
        email,
        errors,
        sent,
    };
    render(&page, status)
}

pub async fn forgot_form(State(state): State<AppState>, csrf: CsrfToken) -> Response {
    forgot_page(&state, &csrf, String::new(), FormErrors::default(), false)
}

pub async fn forgot(
    State(state): State<AppState>,
    csrf: CsrfToken,
    ClientAddr(client): ClientAddr,
    Form(form): Form<ResetRequest>,
) -> Response {
    match account_links::request_reset(&state, &form, client).await {
        Ok(()) => forgot_page(&state, &csrf, form.email, FormErrors::default(), true),
        Err(err) => match form_errors(err) {
            Ok(errors) => forgot_page(&state, &csrf, form.email, errors, false),
            Err(err) => service_error_page(err),
        },
    }
}

#[derive(Template)]
#[template(path = "password_reset.html")]
struct ResetPage {
    layout: Layout,
    /// The link still works.
    open: bool,
    here: String,
    errors: FormErrors,
    /// The recovery code as typed, kept when the form comes back with an error.
    recovery_code: String,
}

fn reset_page(
    state: &AppState,
    csrf: &CsrfToken,
    token: &str,
    open: bool,
    errors: FormErrors,
    recovery_code: String,
) -> Response {
    let status = match (open, errors.any()) {
        (false, _) => StatusCode::NOT_FOUND,
        (true, true) => StatusCode::UNPROCESSABLE_ENTITY,
        (true, false) => StatusCode::OK,
    };
    let page = ResetPage {
        layout: Layout::new(state, csrf, msg::account_links_choose_new_password(), false, ""),
        open,
        here: format!("/password/reset/{token}"),
        errors,
        recovery_code,
    };
    render(&page, status)
}

pub async fn reset_form(State(state): State<AppState>, csrf: CsrfToken, Path(token): Path<String>) -> Response {
    match account_links::reset_link_works(&state, &token).await {
        Ok(open) => reset_page(&state, &csrf, &token, open, FormErrors::default(), String::new()),
        Err(err) => service_error_page(err),
    }
}

#[derive(serde::Deserialize)]
pub struct NewPasswordForm {
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    recovery_code: Option<String>,
}

pub async fn reset(
    State(state): State<AppState>,
    csrf: CsrfToken,
    Path(token): Path<String>,
    Form(form): Form<NewPasswordForm>,
) -> Response {
    let typed = form.recovery_code.clone().unwrap_or_default();
    let input =
        PasswordReset { token: token.clone(), new_password: form.new_password, recovery_code: form.recovery_code };
    match account_links::reset_password(&state, &input).await {
        Ok(()) => see_other("/login?done=password-reset"),
        Err(ServiceError::NotFound) => reset_page(&state, &csrf, &token, false, FormErrors::default(), String::new()),
        Err(err) => match form_errors(err) {
            Ok(errors) => reset_page(&state, &csrf, &token, true, errors, typed),
            Err(err) => service_error_page(err),
        },
    }
}

#[derive(Template)]
#[template(path = "email_confirm.html")]
struct EmailConfirmPage {
    layout: Layout,
    /// The address the account would move to, while the link works.
    new_email: Option<String>,
    here: String,
    /// Why the address can't be used, after a try.
    problem: Option<&'static str>,
}

fn email_page(
    state: &AppState,
    csrf: &CsrfToken,
    token: &str,
    signed_in: bool,
    new_email: Option<String>,
    problem: Option<&'static str>,
) -> Response {
    let status = match (&new_email, problem.is_some()) {
        (None, _) => StatusCode::NOT_FOUND,
        (Some(_), true) => StatusCode::UNPROCESSABLE_ENTITY,
        (Some(_), false) => StatusCode::OK,
    };
    let page = EmailConfirmPage {
        layout: Layout::new(state, csrf, msg::account_links_confirm_your_new_email(), signed_in, ""),
        new_email,
        here: format!("/email/confirm/{token}"),
        problem,
    };
    render(&page, status)
}

pub async fn email_form(
    State(state): State<AppState>,
    csrf: CsrfToken,
    MaybeUser(user): MaybeUser,
    Path(token): Path<String>,
) -> Response {
    match account_links::pending_email_change(&state, &token).await {
        Ok(pending) => email_page(&state, &csrf, &token, user.is_some(), Some(pending.new_email), None),
        Err(ServiceError::NotFound) => email_page(&state, &csrf, &token, user.is_some(), None, None),
        Err(err) => service_error_page(err),
    }
}

pub async fn confirm_email(
    State(state): State<AppState>,
    csrf: CsrfToken,
    MaybeUser(user): MaybeUser,
    Path(token): Path<String>,
) -> Response {
    let pending = account_links::pending_email_change(&state, &token).await.ok().map(|p| p.new_email);
    match account_links::confirm_email_change(&state, &EmailConfirmation { token: token.clone() }).await {
        Ok(()) if user.is_some() => see_other("/settings?done=email-changed"),
        Ok(()) => see_other("/login?done=email-changed"),
        Err(ServiceError::NotFound) => email_page(&state, &csrf, &token, user.is_some(), None, None),
        Err(err) => match form_errors(err) {
            Ok(errors) => {
                let problem = errors.list().first().map(|e| e.message);
                email_page(&state, &csrf, &token, user.is_some(), pending, problem)
            }
            Err(err) => service_error_page(err),
        },
    }
}
