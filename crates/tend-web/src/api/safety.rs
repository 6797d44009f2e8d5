//! The private safety check. Every answer here concerns only the one asking.

use axum::extract::State;
use axum::Json;

use super::error::{ApiError, ApiJson, ErrorBody};
use crate::auth::session::ApiUser;
use crate::services::safety::{self, JointTools, SafetyAnswers, SafetyView};
use crate::state::AppState;

/// One's own safety check outcome (never anyone else's).
#[utoipa::path(get, path = "/safety", operation_id = "getSafetyCheck", tag = "safety",
    security(("bearer" = [])), responses((status = 200, body = SafetyView), (status = 401, body = ErrorBody)))]
pub async fn get_safety_check(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
) -> Result<Json<SafetyView>, ApiError> {
    Ok(Json(safety::get(&state, &me.person.id).await?))
}

/// Take (or retake) the private safety check. Only the outcome is kept.
#[utoipa::path(post, path = "/safety", operation_id = "submitSafetyCheck", tag = "safety",
    security(("bearer" = [])), request_body = SafetyAnswers,
    responses((status = 200, body = SafetyView), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn submit_safety_check(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    ApiJson(input): ApiJson<SafetyAnswers>,
) -> Result<Json<SafetyView>, ApiError> {
    Ok(Json(safety::submit(&state, &me.person.id, &input).await?))
}

/// Turn the couple's joint hard-talk tools back on (or off again).
#[utoipa::path(post, path = "/safety/tools", operation_id = "setJointTools", tag = "safety",
    security(("bearer" = [])), request_body = JointTools,
    responses((status = 200, body = SafetyView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_joint_tools(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    ApiJson(input): ApiJson<JointTools>,
) -> Result<Json<SafetyView>, ApiError> {
    Ok(Json(safety::set_joint_tools(&state, &me.person.id, &input).await?))
}
