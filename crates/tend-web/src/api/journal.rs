//! The appreciation journal: private entries, shared one at a time by their author.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;

use super::error::{ApiError, ApiJson, ErrorBody};
use crate::auth::session::ApiUser;
use crate::services::journal::{self, JournalEntryView, JournalView, NewJournalEntry, ShareJournalEntry};
use crate::state::AppState;

/// My journal, and the entries my partner shared with me.
#[utoipa::path(get, path = "/journal", operation_id = "listJournal", tag = "rituals",
    security(("bearer" = [])),
    responses((status = 200, body = JournalView), (status = 401, body = ErrorBody)))]
pub async fn list_journal(State(state): State<AppState>, ApiUser(me): ApiUser) -> Result<Json<JournalView>, ApiError> {
    Ok(Json(journal::list(&state, &me.person.id, &me.key).await?))
}

/// Write down something the partner did that I appreciated (private until I share it).
#[utoipa::path(post, path = "/journal", operation_id = "addJournalEntry", tag = "rituals",
    security(("bearer" = [])), request_body = NewJournalEntry,
    responses((status = 201, body = JournalEntryView), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_journal_entry(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    ApiJson(input): ApiJson<NewJournalEntry>,
) -> Result<(StatusCode, Json<JournalEntryView>), ApiError> {
    Ok((StatusCode::CREATED, Json(journal::add(&state, &me.person.id, &me.key, &input).await?)))
}

/// Share one of my entries with my partner, optionally into the weekly check in progress.
#[utoipa::path(post, path = "/journal/{entry_id}/share", operation_id = "shareJournalEntry", tag = "rituals",
    security(("bearer" = [])), params(("entry_id" = String, Path)), request_body = ShareJournalEntry,
    responses((status = 200, body = JournalEntryView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn share_journal_entry(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    Path(entry_id): Path<String>,
    ApiJson(input): ApiJson<ShareJournalEntry>,
) -> Result<Json<JournalEntryView>, ApiError> {
    Ok(Json(journal::share(&state, &me.person.id, &me.key, &entry_id, &input).await?))
}

/// Delete one of my entries.
#[utoipa::path(delete, path = "/journal/{entry_id}", operation_id = "deleteJournalEntry", tag = "rituals",
    security(("bearer" = [])), params(("entry_id" = String, Path)),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn delete_journal_entry(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    Path(entry_id): Path<String>,
) -> Result<StatusCode, ApiError> {
    journal::delete(&state, &me.person.id, &entry_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
