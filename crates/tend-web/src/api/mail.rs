//! Reminders by email and the free course: settings for the signed-in person, and the course's
//! public sign-up, confirmation and one-click unsubscribe (no log-in needed).

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

use super::error::{ApiError, ApiJson, ErrorBody};
use crate::auth::client::ClientAddr;
use crate::auth::session::ApiUser;
use crate::services::guidance::{self, GuidanceToken, Subscribe};
use crate::services::reminders::{self, ReminderSettingsView};
use crate::state::AppState;

/// Which reminders I get by email, a digest or not, and my quiet hours.
#[utoipa::path(get, path = "/reminders", operation_id = "getReminderSettings", tag = "reminders",
    security(("bearer" = [])),
    responses((status = 200, body = ReminderSettingsView), (status = 401, body = ErrorBody)))]
pub async fn get_reminder_settings(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
) -> Result<Json<ReminderSettingsView>, ApiError> {
    Ok(Json(reminders::get(&state, &me.person.id).await?))
}

/// Choose reminders, a daily digest instead, and quiet hours.
#[utoipa::path(put, path = "/reminders", operation_id = "updateReminderSettings", tag = "reminders",
    security(("bearer" = [])), request_body = ReminderSettingsView,
    responses((status = 200, body = ReminderSettingsView), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update_reminder_settings(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    ApiJson(input): ApiJson<ReminderSettingsView>,
) -> Result<Json<ReminderSettingsView>, ApiError> {
    Ok(Json(reminders::update(&state, &me.person.id, &input).await?))
}

/// Ask for the free eight-week course. Only a confirmation is sent until it is confirmed; the
/// answer is the same whether or not the address is known.
#[utoipa::path(post, path = "/guidance", operation_id = "subscribeGuidance", tag = "reminders",
    request_body = Subscribe,
    responses((status = 202), (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn subscribe_guidance(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    ApiJson(input): ApiJson<Subscribe>,
) -> Result<StatusCode, ApiError> {
    guidance::subscribe(&state, &input, client).await?;
    Ok(StatusCode::ACCEPTED)
}

/// Confirm the course with the token from the confirmation email (it expires after 48 hours).
#[utoipa::path(post, path = "/guidance/confirm", operation_id = "confirmGuidance", tag = "reminders",
    request_body = GuidanceToken,
    responses((status = 204), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn confirm_guidance(
    State(state): State<AppState>,
    ApiJson(input): ApiJson<GuidanceToken>,
) -> Result<StatusCode, ApiError> {
    guidance::confirm(&state, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Stop the course at once, with the token from any course email.
#[utoipa::path(post, path = "/guidance/unsubscribe", operation_id = "unsubscribeGuidance", tag = "reminders",
    request_body = GuidanceToken,
    responses((status = 204), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn unsubscribe_guidance(
    State(state): State<AppState>,
    ApiJson(input): ApiJson<GuidanceToken>,
) -> Result<StatusCode, ApiError> {
    guidance::unsubscribe(&state, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}
