//! The pause: call it, see it, propose when to come back, end it after the quiet.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

use super::error::{ApiError, ApiJson, ErrorBody};
use crate::auth::session::ApiUser;
use crate::services::pause::{self, CallPause, PauseView, ProposeReturn};
use crate::state::AppState;

/// Call a pause: at least twenty minutes of quiet for both, no reason needed.
#[utoipa::path(post, path = "/pause", operation_id = "callPause", tag = "conversations",
    security(("bearer" = [])), request_body = CallPause,
    responses((status = 201, body = PauseView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn call_pause(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    ApiJson(input): ApiJson<CallPause>,
) -> Result<(StatusCode, Json<PauseView>), ApiError> {
    Ok((StatusCode::CREATED, Json(pause::call(&state, &me.person.id, &input).await?)))
}

/// The pause in force in the couple space, if any.
#[utoipa::path(get, path = "/pause", operation_id = "getPause", tag = "conversations",
    security(("bearer" = [])),
    responses((status = 200, body = PauseView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get_pause(State(state): State<AppState>, ApiUser(me): ApiUser) -> Result<Json<PauseView>, ApiError> {
    pause::current(&state, &me.person.id).await?.map(Json).ok_or_else(ApiError::not_found)
}

/// The one who paused proposes when to come back (after the quiet, within a day).
#[utoipa::path(post, path = "/pause/return", operation_id = "proposePauseReturn", tag = "conversations",
    security(("bearer" = [])), request_body = ProposeReturn,
    responses((status = 200, body = PauseView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn propose_return(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    ApiJson(input): ApiJson<ProposeReturn>,
) -> Result<Json<PauseView>, ApiError> {
    Ok(Json(pause::propose_return(&state, &me.person.id, &input).await?))
}

/// End the pause once the quiet is over ("we're ready to come back").
#[utoipa::path(post, path = "/pause/end", operation_id = "endPause", tag = "conversations",
    security(("bearer" = [])),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn end_pause(State(state): State<AppState>, ApiUser(me): ApiUser) -> Result<StatusCode, ApiError> {
    pause::end(&state, &me.person.id).await?;
    Ok(StatusCode::NO_CONTENT)
}
