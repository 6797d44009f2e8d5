//! Time capsules: sealed until their day (unreadable to everyone), opened together.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;

use super::error::{ApiError, ApiJson, ErrorBody};
use crate::auth::session::ApiUser;
use crate::services::capsules::{self, CapsuleView, NewCapsule, OpenCapsule};
use crate::state::AppState;

/// The couple's capsules; what one holds is shown only once it is open.
#[utoipa::path(get, path = "/capsules", operation_id = "listCapsules", tag = "rituals",
    security(("bearer" = [])),
    responses((status = 200, body = Vec<CapsuleView>), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list_capsules(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
) -> Result<Json<Vec<CapsuleView>>, ApiError> {
    Ok(Json(capsules::list(&state, &me.person.id, &me.key).await?))
}

/// Write and seal a capsule until a day (three months ahead by default).
#[utoipa::path(post, path = "/capsules", operation_id = "createCapsule", tag = "rituals",
    security(("bearer" = [])), request_body = NewCapsule,
    responses((status = 201, body = CapsuleView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_capsule(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    ApiJson(input): ApiJson<NewCapsule>,
) -> Result<(StatusCode, Json<CapsuleView>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(capsules::create(&state, &me.person.id, &me.person.time_zone, &me.key, &input).await?),
    ))
}

/// The author cancels a capsule not yet opened; what it held is erased.
#[utoipa::path(post, path = "/capsules/{capsule_id}/cancel", operation_id = "cancelCapsule", tag = "rituals",
    security(("bearer" = [])), params(("capsule_id" = String, Path)),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn cancel_capsule(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    Path(capsule_id): Path<String>,
) -> Result<StatusCode, ApiError> {
    capsules::cancel(&state, &me.person.id, &me.key, &capsule_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Say I am ready to open it (from its day on); it opens when both are, or at once when both are here.
#[utoipa::path(post, path = "/capsules/{capsule_id}/open", operation_id = "openCapsule", tag = "rituals",
    security(("bearer" = [])), params(("capsule_id" = String, Path)), request_body = OpenCapsule,
    responses((status = 200, body = CapsuleView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn open_capsule(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    Path(capsule_id): Path<String>,
    ApiJson(input): ApiJson<OpenCapsule>,
) -> Result<Json<CapsuleView>, ApiError> {
    Ok(Json(capsules::open(&state, &me.person.id, &me.key, &capsule_id, &input).await?))
}
