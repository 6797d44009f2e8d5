//! Active listening: start an exchange, follow it, take the next step.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

use super::error::{ApiError, ApiJson, ErrorBody};
use crate::auth::session::ApiUser;
use crate::services::listening::{self, ListeningStep, ListeningView, StartListening};
use crate::state::AppState;

/// Start an active-listening exchange (each speaks once, two or three minutes).
#[utoipa::path(post, path = "/listening", operation_id = "startListening", tag = "conversations",
    security(("bearer" = [])), request_body = StartListening,
    responses((status = 201, body = ListeningView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn start_listening(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    ApiJson(input): ApiJson<StartListening>,
) -> Result<(StatusCode, Json<ListeningView>), ApiError> {
    Ok((StatusCode::CREATED, Json(listening::start(&state, &me.person.id, &input).await?)))
}

/// Where the couple's exchange stands.
#[utoipa::path(get, path = "/listening", operation_id = "getListening", tag = "conversations",
    security(("bearer" = [])), responses((status = 200, body = ListeningView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get_listening(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
) -> Result<Json<ListeningView>, ApiError> {
    listening::current(&state, &me.person.id).await?.map(Json).ok_or_else(ApiError::not_found)
}

/// The next step: finish speaking, paraphrase, confirm, or clarify.
#[utoipa::path(post, path = "/listening/step", operation_id = "stepListening", tag = "conversations",
    security(("bearer" = [])), request_body = ListeningStep,
    responses((status = 200, body = ListeningView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn step_listening(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    ApiJson(input): ApiJson<ListeningStep>,
) -> Result<Json<ListeningView>, ApiError> {
    Ok(Json(listening::step(&state, &me.person.id, &input).await?))
}
