//! The distance check-up and the weekly pulse: private by default, shared only per result.

use std::collections::BTreeMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::error::{ApiError, ApiJson, ErrorBody};
use crate::auth::session::ApiUser;
use crate::services::checkups::{self, CheckupList, CheckupResult};
use crate::services::pulses::{self, PulseEntry};
use crate::state::AppState;

#[derive(Debug, Deserialize, ToSchema)]
pub struct Answers {
    /// Item id → answer (check-up: 0 to 3; pulse: 1 to 5).
    pub answers: BTreeMap<String, u8>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ContentItems {
    /// The check-up (or pulse) content: scale, areas and items, as in `content/`.
    #[schema(value_type = Object)]
    pub checkup: serde_json::Value,
}

/// The check-up's statements, grouped by area, with the answer scale.
#[utoipa::path(get, path = "/checkup/items", operation_id = "getCheckupItems", tag = "program",
    security(("bearer" = [])),
    responses((status = 200, body = ContentItems), (status = 401, body = ErrorBody)))]
pub async fn get_checkup_items(ApiUser(_me): ApiUser) -> Json<ContentItems> {
    let checkup = &tend_core::content::Content::embedded().checkup;
    let areas: Vec<serde_json::Value> = checkup
        .areas
        .iter()
        .map(|a| {
            let items: Vec<_> = a.items.iter().map(|i| serde_json::json!({"id": i.id, "text": i.text})).collect();
            serde_json::json!({"id": a.id, "title": a.title, "question": a.question, "items": items})
        })
        .collect();
    Json(ContentItems { checkup: serde_json::json!({"scale": checkup.scale, "areas": areas}) })
}

/// Take the check-up; the answer is its private reading.
#[utoipa::path(post, path = "/checkups", operation_id = "submitCheckup", tag = "program",
    security(("bearer" = [])), request_body = Answers,
    responses((status = 201, body = CheckupResult), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn submit_checkup(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    ApiJson(input): ApiJson<Answers>,
) -> Result<(StatusCode, Json<CheckupResult>), ApiError> {
    let result = checkups::submit(&state, &me.person.id, &me.key, &input.answers).await?;
    Ok((StatusCode::CREATED, Json(result)))
}

/// One's own results, and those the partner chose to share.
#[utoipa::path(get, path = "/checkups", operation_id = "listCheckups", tag = "program",
    security(("bearer" = [])),
    responses((status = 200, body = CheckupList), (status = 401, body = ErrorBody)))]
pub async fn list_checkups(State(state): State<AppState>, ApiUser(me): ApiUser) -> Result<Json<CheckupList>, ApiError> {
    Ok(Json(checkups::list(&state, &me.person.id, &me.key).await?))
}

/// One result, when it is one's own or shared with one.
#[utoipa::path(get, path = "/checkups/{checkup_id}", operation_id = "getCheckup", tag = "program",
    security(("bearer" = [])), params(("checkup_id" = String, Path)),
    responses((status = 200, body = CheckupResult), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get_checkup(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    Path(checkup_id): Path<String>,
) -> Result<Json<CheckupResult>, ApiError> {
    Ok(Json(checkups::get(&state, &me.person.id, &me.key, &checkup_id).await?))
}

#[derive(Debug, Default, Deserialize, IntoParams)]
pub struct ShareQuery {
    /// Share the answers too, not only the summary (`false` unless asked).
    #[serde(default)]
    pub with_answers: bool,
}

/// Share one of one's own results with the partner: its summary, and its answers only with
/// `with_answers=true`.
#[utoipa::path(post, path = "/checkups/{checkup_id}/share", operation_id = "shareCheckup", tag = "program",
    security(("bearer" = [])), params(("checkup_id" = String, Path), ShareQuery),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn share_checkup(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    Path(checkup_id): Path<String>,
    Query(q): Query<ShareQuery>,
) -> Result<StatusCode, ApiError> {
    checkups::share(&state, &me.person.id, &me.key, &checkup_id, q.with_answers).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Make a shared result private again.
#[utoipa::path(delete, path = "/checkups/{checkup_id}/share", operation_id = "unshareCheckup", tag = "program",
    security(("bearer" = [])), params(("checkup_id" = String, Path)),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn unshare_checkup(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    Path(checkup_id): Path<String>,
) -> Result<StatusCode, ApiError> {
    checkups::unshare(&state, &me.person.id, &checkup_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// This week's pulse (answering again in the same week replaces it). Private, always.
#[utoipa::path(post, path = "/pulses", operation_id = "submitPulse", tag = "program",
    security(("bearer" = [])), request_body = Answers,
    responses((status = 201, body = PulseEntry), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn submit_pulse(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    ApiJson(input): ApiJson<Answers>,
) -> Result<(StatusCode, Json<PulseEntry>), ApiError> {
    let entry = pulses::submit(&state, &me.person.id, &me.key, &me.person.time_zone, &input.answers).await?;
    Ok((StatusCode::CREATED, Json(entry)))
}

/// One's own pulses, oldest first.
#[utoipa::path(get, path = "/pulses", operation_id = "listPulses", tag = "program",
    security(("bearer" = [])),
    responses((status = 200, body = Vec<PulseEntry>), (status = 401, body = ErrorBody)))]
pub async fn list_pulses(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
) -> Result<Json<Vec<PulseEntry>>, ApiError> {
    Ok(Json(pulses::list(&state, &me.person.id, &me.key).await?))
}
