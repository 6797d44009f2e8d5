//! Help when things are hard: the private help page's signs, special situations, the clarity
//! exercise, and physical reconnection with care.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;

use super::error::{ApiError, ApiJson, ErrorBody};
use crate::auth::session::ApiUser;
use crate::services::help::{self, HelpView, ReportedSignals};
use crate::services::situation::{self, NewClarityNote, SetSituation, SituationView};
use crate::services::touch::{self, NewTouchNote, TouchNoteView, TouchView};
use crate::state::AppState;

/// Signs that outside help may help: the ones I ticked, patterns in my own data, and the help
/// the host recommends. Private to me.
#[utoipa::path(get, path = "/help", operation_id = "getHelpSignals", tag = "safety",
    security(("bearer" = [])),
    responses((status = 200, body = HelpView), (status = 401, body = ErrorBody)))]
pub async fn get_help_signals(State(state): State<AppState>, ApiUser(me): ApiUser) -> Result<Json<HelpView>, ApiError> {
    Ok(Json(help::get(&state, &me.person.id, &me.key).await?))
}

/// Tick the signs that fit (replaces the earlier choice).
#[utoipa::path(put, path = "/help/reported", operation_id = "setHelpSignals", tag = "safety",
    security(("bearer" = [])), request_body = ReportedSignals,
    responses((status = 200, body = HelpView), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_help_signals(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    ApiJson(input): ApiJson<ReportedSignals>,
) -> Result<Json<HelpView>, ApiError> {
    Ok(Json(help::set_reported(&state, &me.person.id, &me.key, &input).await?))
}

/// My special situation, and whether my partner told me they're low on capacity.
#[utoipa::path(get, path = "/situation", operation_id = "getSituation", tag = "safety",
    security(("bearer" = [])),
    responses((status = 200, body = SituationView), (status = 401, body = ErrorBody)))]
pub async fn get_situation(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
) -> Result<Json<SituationView>, ApiError> {
    Ok(Json(situation::get(&state, &me.person.id, &me.key).await?))
}

/// Choose a special situation (or none); low capacity may be told to the partner.
#[utoipa::path(put, path = "/situation", operation_id = "setSituation", tag = "safety",
    security(("bearer" = [])), request_body = SetSituation,
    responses((status = 200, body = SituationView), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_situation(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    ApiJson(input): ApiJson<SetSituation>,
) -> Result<Json<SituationView>, ApiError> {
    Ok(Json(situation::set(&state, &me.person.id, &me.key, &input).await?))
}

/// Write a private answer to one of the clarity questions (never shared).
#[utoipa::path(post, path = "/situation/clarity", operation_id = "addClarityNote", tag = "safety",
    security(("bearer" = [])), request_body = NewClarityNote,
    responses((status = 201, body = SituationView), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_clarity_note(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    ApiJson(input): ApiJson<NewClarityNote>,
) -> Result<(StatusCode, Json<SituationView>), ApiError> {
    Ok((StatusCode::CREATED, Json(situation::add_clarity_note(&state, &me.person.id, &me.key, &input).await?)))
}

/// Today's touch idea, my desires-and-boundaries notes, and what my partner shared.
#[utoipa::path(get, path = "/touch", operation_id = "getTouch", tag = "rituals",
    security(("bearer" = [])),
    responses((status = 200, body = TouchView), (status = 401, body = ErrorBody)))]
pub async fn get_touch(State(state): State<AppState>, ApiUser(me): ApiUser) -> Result<Json<TouchView>, ApiError> {
    Ok(Json(touch::get(&state, &me.person.id, &me.person.time_zone, &me.key).await?))
}

/// Write privately first: a note for the desires-and-boundaries conversation.
#[utoipa::path(post, path = "/touch/notes", operation_id = "addTouchNote", tag = "rituals",
    security(("bearer" = [])), request_body = NewTouchNote,
    responses((status = 201, body = TouchNoteView), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_touch_note(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    ApiJson(input): ApiJson<NewTouchNote>,
) -> Result<(StatusCode, Json<TouchNoteView>), ApiError> {
    Ok((StatusCode::CREATED, Json(touch::add_note(&state, &me.person.id, &me.key, &input).await?)))
}

/// Share one of my notes with my partner.
#[utoipa::path(post, path = "/touch/notes/{note_id}/share", operation_id = "shareTouchNote", tag = "rituals",
    security(("bearer" = [])), params(("note_id" = String, Path)),
    responses((status = 200, body = TouchNoteView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody)))]
pub async fn share_touch_note(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    Path(note_id): Path<String>,
) -> Result<Json<TouchNoteView>, ApiError> {
    Ok(Json(touch::share_note(&state, &me.person.id, &me.key, &note_id).await?))
}
