//! The daily rituals: the couple's schedule, a day's answers (the partner's shown only after
//! both answered or their day ended), and the shared screen-free timer.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use utoipa::IntoParams;

use super::error::{ApiError, ApiJson, ErrorBody};
use crate::auth::session::ApiUser;
use crate::services::rituals::{self, AnswerInput, RitualDay, ScheduleInput, ScheduleItem};
use crate::services::timer::{self, StartTimer, TimerView};
use crate::state::AppState;

/// The couple's ritual schedule: which days and what time, in each person's own time zone.
#[utoipa::path(get, path = "/rituals/schedule", operation_id = "getRitualSchedule", tag = "rituals",
    security(("bearer" = [])),
    responses((status = 200, body = Vec<ScheduleItem>), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get_ritual_schedule(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
) -> Result<Json<Vec<ScheduleItem>>, ApiError> {
    Ok(Json(rituals::schedule(&state, &me.person.id).await?))
}

/// Choose which rituals happen, on which days and at what time.
#[utoipa::path(put, path = "/rituals/schedule", operation_id = "setRitualSchedule", tag = "rituals",
    security(("bearer" = [])), request_body = ScheduleInput,
    responses((status = 200, body = Vec<ScheduleItem>), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn set_ritual_schedule(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    ApiJson(input): ApiJson<ScheduleInput>,
) -> Result<Json<Vec<ScheduleItem>>, ApiError> {
    Ok(Json(rituals::set_schedule(&state, &me.person.id, &input).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct DayQuery {
    /// `YYYY-MM-DD` within the last two months; today when left out.
    pub day: Option<String>,
}

/// One day of rituals: my answers, and my partner's once both answered or their day is over.
#[utoipa::path(get, path = "/rituals/day", operation_id = "getRitualDay", tag = "rituals",
    security(("bearer" = [])), params(DayQuery),
    responses((status = 200, body = RitualDay), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn get_ritual_day(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    Query(query): Query<DayQuery>,
) -> Result<Json<RitualDay>, ApiError> {
    Ok(Json(rituals::day(&state, &me.person.id, &me.key, &me.person.time_zone, query.day.as_deref()).await?))
}

/// Answer today's ritual (`morning`, `evening` or `appreciation`); answering again replaces it.
#[utoipa::path(post, path = "/rituals/{kind}/answer", operation_id = "answerRitual", tag = "rituals",
    security(("bearer" = [])), params(("kind" = String, Path)), request_body = AnswerInput,
    responses((status = 200, body = RitualDay), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn answer_ritual(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    Path(kind): Path<String>,
    ApiJson(input): ApiJson<AnswerInput>,
) -> Result<Json<RitualDay>, ApiError> {
    Ok(Json(rituals::answer(&state, &me.person.id, &me.key, &me.person.time_zone, &kind, &input).await?))
}

/// The couple's screen-free timer, if one ran in the last day.
#[utoipa::path(get, path = "/timer", operation_id = "getTimer", tag = "rituals",
    security(("bearer" = [])),
    responses((status = 200, body = TimerView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get_timer(State(state): State<AppState>, ApiUser(me): ApiUser) -> Result<Json<TimerView>, ApiError> {
    timer::current(&state, &me.person.id).await?.map(Json).ok_or_else(ApiError::not_found)
}

/// Start screen-free minutes (or get the one already running); the partner can join.
#[utoipa::path(post, path = "/timer", operation_id = "startTimer", tag = "rituals",
    security(("bearer" = [])), request_body = StartTimer,
    responses((status = 201, body = TimerView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn start_timer(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    ApiJson(input): ApiJson<StartTimer>,
) -> Result<(StatusCode, Json<TimerView>), ApiError> {
    Ok((StatusCode::CREATED, Json(timer::start(&state, &me.person.id, &input).await?)))
}

/// Join the timer the partner started.
#[utoipa::path(post, path = "/timer/join", operation_id = "joinTimer", tag = "rituals",
    security(("bearer" = [])),
    responses((status = 200, body = TimerView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn join_timer(State(state): State<AppState>, ApiUser(me): ApiUser) -> Result<Json<TimerView>, ApiError> {
    Ok(Json(timer::join(&state, &me.person.id).await?))
}

/// End the timer early.
#[utoipa::path(post, path = "/timer/stop", operation_id = "stopTimer", tag = "rituals",
    security(("bearer" = [])),
    responses((status = 200, body = TimerView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn stop_timer(State(state): State<AppState>, ApiUser(me): ApiUser) -> Result<Json<TimerView>, ApiError> {
    Ok(Json(timer::stop(&state, &me.person.id).await?))
}
