//! The 8-week plan and Today.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use utoipa::ToSchema;

use super::error::{ApiError, ApiJson, ErrorBody};
use crate::auth::session::ApiUser;
use crate::services::plan::{self, PlanView, StartPlan};
use crate::services::today::{self, Today};
use crate::state::AppState;

/// Start the couple's plan (both must be in the couple space).
#[utoipa::path(post, path = "/plan", operation_id = "startPlan", tag = "program",
    security(("bearer" = [])), request_body = StartPlan,
    responses((status = 201, body = PlanView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn start_plan(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    ApiJson(input): ApiJson<StartPlan>,
) -> Result<(StatusCode, Json<PlanView>), ApiError> {
    let view = plan::start(&state, &me.person.id, &me.person.time_zone, &input).await?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// Where the couple stands in the plan, from the asker's today.
#[utoipa::path(get, path = "/plan", operation_id = "getPlan", tag = "program",
    security(("bearer" = [])),
    responses((status = 200, body = PlanView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get_plan(State(state): State<AppState>, ApiUser(me): ApiUser) -> Result<Json<PlanView>, ApiError> {
    Ok(Json(plan::get(&state, &me.person.id, &me.person.time_zone).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct Done {
    /// `true` to mark one's own part done, `false` to take the mark back.
    pub done: bool,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct Smaller {
    /// `true` for the smaller version of the step, `false` for the full one.
    pub smaller: bool,
}

/// Mark one's own part of a step of this week done (or not).
#[utoipa::path(post, path = "/plan/steps/{step_id}/done", operation_id = "completeStep", tag = "program",
    security(("bearer" = [])), params(("step_id" = String, Path)), request_body = Done,
    responses((status = 200, body = PlanView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn complete_step(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    Path(step_id): Path<String>,
    ApiJson(input): ApiJson<Done>,
) -> Result<Json<PlanView>, ApiError> {
    Ok(Json(plan::complete_step(&state, &me.person.id, &me.person.time_zone, &step_id, input.done).await?))
}

/// Choose the smaller version of a step this week (or the full one again).
#[utoipa::path(post, path = "/plan/steps/{step_id}/smaller", operation_id = "shrinkStep", tag = "program",
    security(("bearer" = [])), params(("step_id" = String, Path)), request_body = Smaller,
    responses((status = 200, body = PlanView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn shrink_step(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    Path(step_id): Path<String>,
    ApiJson(input): ApiJson<Smaller>,
) -> Result<Json<PlanView>, ApiError> {
    Ok(Json(plan::shrink_step(&state, &me.person.id, &me.person.time_zone, &step_id, input.smaller).await?))
}

/// After this week, take the same week once more.
#[utoipa::path(post, path = "/plan/repeat", operation_id = "repeatWeek", tag = "program",
    security(("bearer" = [])),
    responses((status = 200, body = PlanView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn repeat_week(State(state): State<AppState>, ApiUser(me): ApiUser) -> Result<Json<PlanView>, ApiError> {
    Ok(Json(plan::repeat_week(&state, &me.person.id, &me.person.time_zone).await?))
}

/// Pause the plan; its calendar waits.
#[utoipa::path(post, path = "/plan/pause", operation_id = "pausePlan", tag = "program",
    security(("bearer" = [])),
    responses((status = 200, body = PlanView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn pause_plan(State(state): State<AppState>, ApiUser(me): ApiUser) -> Result<Json<PlanView>, ApiError> {
    Ok(Json(plan::pause(&state, &me.person.id, &me.person.time_zone).await?))
}

/// Resume a paused plan where it stood.
#[utoipa::path(post, path = "/plan/resume", operation_id = "resumePlan", tag = "program",
    security(("bearer" = [])),
    responses((status = 200, body = PlanView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn resume_plan(State(state): State<AppState>, ApiUser(me): ApiUser) -> Result<Json<PlanView>, ApiError> {
    Ok(Json(plan::resume(&state, &me.person.id, &me.person.time_zone).await?))
}

/// What is there today, for me and for us, in my own time zone.
#[utoipa::path(get, path = "/today", operation_id = "getToday", tag = "program",
    security(("bearer" = [])),
    responses((status = 200, body = Today), (status = 401, body = ErrorBody)))]
pub async fn get_today(State(state): State<AppState>, ApiUser(me): ApiUser) -> Result<Json<Today>, ApiError> {
    Ok(Json(today::get(&state, &me.person.id, &me.person.time_zone, &me.key).await?))
}
