//! The weekly check: start or rejoin the one in progress, move through its sections from either
//! device, add notes, and read finished summaries.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;

use super::error::{ApiError, ApiJson, ErrorBody};
use crate::auth::session::ApiUser;
use crate::services::weekly_check::{self, MoveCheck, NewNote, WeeklyCheckSummary, WeeklyCheckView};
use crate::state::AppState;

/// Start the weekly check (or rejoin the one in progress).
#[utoipa::path(post, path = "/weekly-checks", operation_id = "startWeeklyCheck", tag = "rituals",
    security(("bearer" = [])),
    responses((status = 201, body = WeeklyCheckView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody)))]
pub async fn start_weekly_check(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
) -> Result<(StatusCode, Json<WeeklyCheckView>), ApiError> {
    Ok((StatusCode::CREATED, Json(weekly_check::start(&state, &me.person.id, &me.key, &me.person.time_zone).await?)))
}

/// The couple's weekly checks, newest first.
#[utoipa::path(get, path = "/weekly-checks", operation_id = "listWeeklyChecks", tag = "rituals",
    security(("bearer" = [])),
    responses((status = 200, body = Vec<WeeklyCheckSummary>), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list_weekly_checks(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
) -> Result<Json<Vec<WeeklyCheckSummary>>, ApiError> {
    Ok(Json(weekly_check::list(&state, &me.person.id).await?))
}

/// One weekly check: in progress, or its saved summary.
#[utoipa::path(get, path = "/weekly-checks/{check_id}", operation_id = "getWeeklyCheck", tag = "rituals",
    security(("bearer" = [])), params(("check_id" = String, Path)),
    responses((status = 200, body = WeeklyCheckView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get_weekly_check(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    Path(check_id): Path<String>,
) -> Result<Json<WeeklyCheckView>, ApiError> {
    Ok(Json(weekly_check::get(&state, &me.person.id, &me.key, &me.person.time_zone, &check_id).await?))
}

/// Move to the next or previous section, or finish and save.
#[utoipa::path(post, path = "/weekly-checks/{check_id}/move", operation_id = "moveWeeklyCheck", tag = "rituals",
    security(("bearer" = [])), params(("check_id" = String, Path)), request_body = MoveCheck,
    responses((status = 200, body = WeeklyCheckView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn move_weekly_check(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    Path(check_id): Path<String>,
    ApiJson(input): ApiJson<MoveCheck>,
) -> Result<Json<WeeklyCheckView>, ApiError> {
    Ok(Json(weekly_check::move_to(&state, &me.person.id, &me.key, &me.person.time_zone, &check_id, &input).await?))
}

/// Add a note to a section of the check in progress (both read it).
#[utoipa::path(post, path = "/weekly-checks/{check_id}/notes", operation_id = "addWeeklyCheckNote", tag = "rituals",
    security(("bearer" = [])), params(("check_id" = String, Path)), request_body = NewNote,
    responses((status = 200, body = WeeklyCheckView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_weekly_check_note(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    Path(check_id): Path<String>,
    ApiJson(input): ApiJson<NewNote>,
) -> Result<Json<WeeklyCheckView>, ApiError> {
    Ok(Json(weekly_check::add_note(&state, &me.person.id, &me.key, &me.person.time_zone, &check_id, &input).await?))
}
