//! Sign-up, log-in, log-out and sessions.

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{AppendHeaders, IntoResponse};
use axum::Json;
use tend_core::msg;

use super::error::{ApiError, ApiJson, ErrorBody};
use super::views::*;
use crate::auth::client::ClientAddr;
use crate::auth::cookies::Cookie;
use crate::auth::session::ApiUser;
use crate::services::accounts::{self, SignUp};
use crate::services::login::{self, log_in, LoginInput};
use crate::services::security_log;
use crate::state::AppState;

/// Create an account. The answer is the same whether or not the email already has one.
#[utoipa::path(post, path = "/accounts", operation_id = "createAccount", tag = "accounts",
    request_body = SignUp,
    responses((status = 202, body = AccountAccepted), (status = 422, body = ErrorBody)))]
pub async fn create_account(
    State(state): State<AppState>,
    ApiJson(input): ApiJson<SignUp>,
) -> Result<(StatusCode, Json<AccountAccepted>), ApiError> {
    accounts::sign_up(&state, &input).await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(AccountAccepted { status: "accepted".into(), message: msg::accounts_if_this_email_new().into() }),
    ))
}

/// Log in: returns a bearer token and sets the session cookie.
#[utoipa::path(post, path = "/sessions", operation_id = "createSession", tag = "accounts",
    request_body = LogIn,
    responses((status = 201, body = SessionCreated), (status = 401, body = ErrorBody),
        (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn create_session(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    headers: HeaderMap,
    ApiJson(input): ApiJson<LogIn>,
) -> Result<impl IntoResponse, ApiError> {
    let device = Cookie::Device.read(&headers, &state.settings);
    let user_agent = headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok());
    let done = log_in(
        &state,
        LoginInput {
            email: &input.email,
            password: &input.password,
            client,
            device_token: device.as_deref(),
            user_agent,
        },
    )
    .await?;
    let max_age = state.settings.session_timeouts.absolute.as_secs();
    let cookie = Cookie::Session.set(&done.token, Some(max_age), &state.settings);
    Ok((
        StatusCode::CREATED,
        AppendHeaders([(header::SET_COOKIE, cookie)]),
        Json(SessionCreated {
            token: done.token,
            session_id: done.session_id,
            recovery_code: done.recovery_code.map(|c| c.grouped()),
        }),
    ))
}

/// Log out: ends the session making the request.
#[utoipa::path(delete, path = "/sessions/current", operation_id = "deleteSession", tag = "accounts",
    security(("bearer" = [])),
    responses((status = 204), (status = 401, body = ErrorBody)))]
pub async fn delete_session(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
) -> Result<impl IntoResponse, ApiError> {
    login::sign_out(&state, &me.person.id, &me.session_id).await?;
    Ok((StatusCode::NO_CONTENT, AppendHeaders([(header::SET_COOKIE, Cookie::Session.clear(&state.settings))])))
}

/// The person's sessions: device, when it started, when it was last used.
#[utoipa::path(get, path = "/sessions", operation_id = "listSessions", tag = "accounts",
    security(("bearer" = [])),
    responses((status = 200, body = Vec<SessionView>), (status = 401, body = ErrorBody)))]
pub async fn list_sessions(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
) -> Result<Json<Vec<SessionView>>, ApiError> {
    let sessions = login::sessions(&state, &me.person.id).await?;
    Ok(Json(sessions.into_iter().map(|s| SessionView::new(s, &me.session_id)).collect()))
}

/// End one of the person's own sessions.
#[utoipa::path(delete, path = "/sessions/{session_id}", operation_id = "revokeSession", tag = "accounts",
    security(("bearer" = [])), params(("session_id" = String, Path)),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn revoke_session(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    Path(session_id): Path<String>,
) -> Result<StatusCode, ApiError> {
    security_log::end_session(&state, &me.person.id, &session_id, &me.session_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
