//! Own your part: a two-week experiment with a private daily check and a reflection.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;

use super::error::{ApiError, ApiJson, ErrorBody};
use crate::auth::session::ApiUser;
use crate::services::experiments::{self, ExperimentView, ExperimentsView, LogExperimentDay, Reflect, StartExperiment};
use crate::state::AppState;

/// My experiments, and the reflections my partner shared.
#[utoipa::path(get, path = "/experiments", operation_id = "listExperiments", tag = "rituals",
    security(("bearer" = [])),
    responses((status = 200, body = ExperimentsView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody)))]
pub async fn list_experiments(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
) -> Result<Json<ExperimentsView>, ApiError> {
    Ok(Json(experiments::list(&state, &me.person.id, &me.person.time_zone, &me.key).await?))
}

/// Choose one behaviour to shift for two weeks.
#[utoipa::path(post, path = "/experiments", operation_id = "startExperiment", tag = "rituals",
    security(("bearer" = [])), request_body = StartExperiment,
    responses((status = 201, body = ExperimentView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn start_experiment(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    ApiJson(input): ApiJson<StartExperiment>,
) -> Result<(StatusCode, Json<ExperimentView>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(experiments::start(&state, &me.person.id, &me.person.time_zone, &me.key, &input).await?),
    ))
}

/// Today's private check: did I manage it, even a little.
#[utoipa::path(post, path = "/experiments/{experiment_id}/days", operation_id = "logExperimentDay", tag = "rituals",
    security(("bearer" = [])), params(("experiment_id" = String, Path)), request_body = LogExperimentDay,
    responses((status = 200, body = ExperimentView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn log_experiment_day(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    Path(experiment_id): Path<String>,
    ApiJson(input): ApiJson<LogExperimentDay>,
) -> Result<Json<ExperimentView>, ApiError> {
    Ok(Json(experiments::log_day(&state, &me.person.id, &me.person.time_zone, &me.key, &experiment_id, &input).await?))
}

/// The reflection at the end of the two weeks, shared with my partner if I choose.
#[utoipa::path(post, path = "/experiments/{experiment_id}/reflection", operation_id = "reflectExperiment", tag = "rituals",
    security(("bearer" = [])), params(("experiment_id" = String, Path)), request_body = Reflect,
    responses((status = 200, body = ExperimentView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn reflect_experiment(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    Path(experiment_id): Path<String>,
    ApiJson(input): ApiJson<Reflect>,
) -> Result<Json<ExperimentView>, ApiError> {
    Ok(Json(experiments::reflect(&state, &me.person.id, &me.person.time_zone, &me.key, &experiment_id, &input).await?))
}
