//! Shared joy: ideas, moments planned, and what the couple enjoyed.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;

use super::error::{ApiError, ApiJson, ErrorBody};
use crate::auth::session::ApiUser;
use crate::services::joy::{self, CompleteJoy, JoyPlanView, JoyView, PlanJoy};
use crate::state::AppState;

/// Ideas, what is planned, and what we enjoyed.
#[utoipa::path(get, path = "/joy", operation_id = "listSharedJoy", tag = "rituals",
    security(("bearer" = [])),
    responses((status = 200, body = JoyView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list_shared_joy(State(state): State<AppState>, ApiUser(me): ApiUser) -> Result<Json<JoyView>, ApiError> {
    Ok(Json(joy::list(&state, &me.person.id, &me.key).await?))
}

/// Plan a moment of shared joy on a day, phones off if we like.
#[utoipa::path(post, path = "/joy", operation_id = "planSharedJoy", tag = "rituals",
    security(("bearer" = [])), request_body = PlanJoy,
    responses((status = 201, body = JoyPlanView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn plan_shared_joy(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    ApiJson(input): ApiJson<PlanJoy>,
) -> Result<(StatusCode, Json<JoyPlanView>), ApiError> {
    Ok((StatusCode::CREATED, Json(joy::plan(&state, &me.person.id, &me.person.time_zone, &me.key, &input).await?)))
}

/// Mark a planned moment as done, with what we enjoyed.
#[utoipa::path(post, path = "/joy/{joy_id}/done", operation_id = "completeSharedJoy", tag = "rituals",
    security(("bearer" = [])), params(("joy_id" = String, Path)), request_body = CompleteJoy,
    responses((status = 200, body = JoyPlanView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn complete_shared_joy(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    Path(joy_id): Path<String>,
    ApiJson(input): ApiJson<CompleteJoy>,
) -> Result<Json<JoyPlanView>, ApiError> {
    Ok(Json(joy::complete(&state, &me.person.id, &me.key, &joy_id, &input).await?))
}

/// Let go of a planned moment that has not happened.
#[utoipa::path(delete, path = "/joy/{joy_id}", operation_id = "cancelSharedJoy", tag = "rituals",
    security(("bearer" = [])), params(("joy_id" = String, Path)),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn cancel_shared_joy(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    Path(joy_id): Path<String>,
) -> Result<StatusCode, ApiError> {
    joy::cancel(&state, &me.person.id, &joy_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
