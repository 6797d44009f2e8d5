//! Signing up, logging in and logging out in the browser.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Form;
use serde::Deserialize;
use tend_core::msg;

use super::{form_errors, notice, render, safe_next, see_other, with_cookies, FormErrors, Layout};
use crate::auth::client::ClientAddr;
use crate::auth::cookies::{Cookie, DEVICE_COOKIE_SECONDS};
use crate::auth::csrf::CsrfToken;
use crate::auth::session::{Authenticated, MaybeUser};
use crate::services::accounts::{sign_up, SignUp};
use crate::services::login::{log_in, LoggedIn, LoginInput};
use crate::services::ServiceError;
use crate::state::AppState;
use tend_core::sealing::RecoveryCode;

#[derive(Deserialize)]
pub struct PageQuery {
    next: Option<String>,
    done: Option<String>,
}

#[derive(Template)]
#[template(path = "signup.html")]
struct SignupPage<'a> {
    layout: Layout,
    form: SignUp,
    errors: FormErrors,
    time_zones: &'a [String],
    next: String,
}

pub async fn signup_form(State(state): State<AppState>, csrf: CsrfToken, Query(q): Query<PageQuery>) -> Response {
    let form = SignUp { time_zone: "UTC".into(), ..Default::default() };
    let page = SignupPage {
        layout: Layout::new(&state, &csrf, msg::account_create_account(), false, ""),
        form,
        errors: FormErrors::default(),
        time_zones: &state.time_zones,
        next: safe_next(q.next.as_deref()),
    };
    render(&page, StatusCode::OK)
}

/// Signs up and, with the password just typed, signs in through the ordinary log-in (its limits
/// and timing included), landing on Today or on the page the person came from (an invite). Only
/// if that log-in fails (the address already had an account with another password) does the
/// person go on to the log-in page, with the same notice as ever.
pub async fn signup(
    State(state): State<AppState>,
    csrf: CsrfToken,
    ClientAddr(client): ClientAddr,
    headers: HeaderMap,
    Query(q): Query<PageQuery>,
    Form(form): Form<SignUp>,
) -> Response {
    let next = safe_next(q.next.as_deref());
    match sign_up(&state, &form).await {
        Ok(()) => {
            let device = Cookie::Device.read(&headers, &state.settings);
            let input = LoginInput {
                email: &form.email,
                password: &form.password,
                client,
                device_token: device.as_deref(),
                user_agent: headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()),
            };
            if let Ok(done) = log_in(&state, input).await {
                return signed_in(&state, &csrf, done, &next);
            }
            let back: String = form_urlencoded::byte_serialize(next.as_bytes()).collect();
            see_other(&format!(
                "/login?done=account-ready{}",
                if next.is_empty() { String::new() } else { format!("&next={back}") }
            ))
        }
        Err(err) => match form_errors(err) {
            Ok(errors) => {
                let page = SignupPage {
                    layout: Layout::new(&state, &csrf, msg::account_create_account(), false, ""),
                    form,
                    errors,
                    time_zones: &state.time_zones,
                    next,
                };
                render(&page, StatusCode::UNPROCESSABLE_ENTITY)
            }
            Err(err) => super::errors::service_error_page(err),
        },
    }
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    layout: Layout,
    notice: Option<&'static str>,
    email: String,
    errors: FormErrors,
    next: String,
}

pub async fn login_form(
    State(state): State<AppState>,
    csrf: CsrfToken,
    MaybeUser(user): MaybeUser,
    Query(q): Query<PageQuery>,
) -> Response {
    let next = safe_next(q.next.as_deref());
    if user.is_some() {
        return see_other(if next.is_empty() { "/home" } else { &next });
    }
    let page = LoginPage {
        layout: Layout::new(&state, &csrf, msg::title_log_in(), false, ""),
        notice: notice(q.done.as_deref()),
        email: String::new(),
        errors: FormErrors::default(),
        next,
    };
    render(&page, StatusCode::OK)
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

pub async fn login(
    State(state): State<AppState>,
    csrf: CsrfToken,
    ClientAddr(client): ClientAddr,
    headers: HeaderMap,
    Query(q): Query<PageQuery>,
    Form(form): Form<LoginForm>,
) -> Response {
    let next = safe_next(q.next.as_deref());
    let device = Cookie::Device.read(&headers, &state.settings);
    let user_agent = headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok());
    let input = LoginInput {
        email: &form.email,
        password: &form.password,
        client,
        device_token: device.as_deref(),
        user_agent,
    };
    let errors = match log_in(&state, input).await {
        Ok(done) => return signed_in(&state, &csrf, done, &next),
        Err(ServiceError::WrongCredentials) => FormErrors::one("email", msg::account_that_email_password_dont()),
        Err(err) => match form_errors(err) {
            Ok(errors) => errors,
            Err(err) => return super::errors::service_error_page(err),
        },
    };
    let page = LoginPage {
        layout: Layout::new(&state, &csrf, msg::title_log_in(), false, ""),
        notice: None,
        email: form.email,
        errors,
        next,
    };
    render(&page, StatusCode::UNPROCESSABLE_ENTITY)
}

#[derive(Template)]
#[template(path = "recovery_code.html")]
struct RecoveryCodePage {
    layout: Layout,
    code: String,
    /// The code as a small text file, for the download link.
    file: String,
    next: String,
}

/// Shows a recovery code once, with a file to save and the way on to `next`.
pub(super) fn recovery_code_page(state: &AppState, csrf: &CsrfToken, code: &RecoveryCode, next: &str) -> Response {
    let code = code.grouped();
    let text =
        format!("Your Tend recovery code: {code}\r\nIt opens your sealed words if you forget your password.\r\n");
    let page = RecoveryCodePage {
        layout: Layout::new(state, csrf, msg::account_your_recovery_code(), true, ""),
        file: form_urlencoded::byte_serialize(text.as_bytes()).collect::<String>().replace('+', "%20"),
        code,
        next: next.to_owned(),
    };
    render(&page, StatusCode::OK)
}

/// The session (and a new device's) cookies, then on to `next` or Today; first, when a recovery
/// code was just made, a page that shows it once.
fn signed_in(state: &AppState, csrf: &CsrfToken, done: LoggedIn, next: &str) -> Response {
    let settings = &state.settings;
    let mut cookies =
        vec![Cookie::Session.set(&done.token, Some(settings.session_timeouts.absolute.as_secs()), settings)];
    if let Some(device) = done.new_device_token {
        cookies.push(Cookie::Device.set(&device, Some(DEVICE_COOKIE_SECONDS), settings));
    }
    let next = if next.is_empty() { "/home" } else { next };
    let response = match done.recovery_code {
        None => see_other(next),
        Some(code) => recovery_code_page(state, csrf, &code, next),
    };
    with_cookies(response, cookies)
}

/// The quick exit's sign-out: the browser calls it while it leaves for another site, so that
/// pressing Back afterwards finds only the log-in page, never what the person was reading.
pub async fn quick_exit(State(state): State<AppState>, MaybeUser(user): MaybeUser) -> Response {
    clear_site_cache(end_session(&state, user, StatusCode::NO_CONTENT.into_response()).await)
}

pub async fn logout(State(state): State<AppState>, MaybeUser(user): MaybeUser) -> Response {
    clear_site_cache(end_session(&state, user, see_other("/login?done=logged-out")).await)
}

/// Log-out and quick exit leave nothing of Tend in the browser's caches (the service worker
/// empties its own as the request passes it).
fn clear_site_cache(mut response: Response) -> Response {
    response.headers_mut().insert("clear-site-data", axum::http::HeaderValue::from_static("\"cache\""));
    response
}

/// Ends the browser's session (if any) on the server and clears its cookies, then answers `then`.
async fn end_session(state: &AppState, user: Option<Authenticated>, then: Response) -> Response {
    if let Some(user) = user {
        if let Err(err) = crate::services::login::sign_out(state, &user.person.id, &user.session_id).await {
            return super::errors::service_error_page(err);
        }
    }
    // The help-lines country goes too: it was this person's, on this device.
    with_cookies(then, [Cookie::Session.clear(&state.settings), Cookie::Country.clear(&state.settings)])
}
