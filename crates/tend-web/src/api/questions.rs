//! Curious questions: the couple's deck, tonight's draw, their own questions, asked and favourites.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;

use super::error::{ApiError, ApiJson, ErrorBody};
use crate::auth::session::ApiUser;
use crate::services::questions::{self, DeckView, Draw, Mark, NewQuestion, QuestionView};
use crate::state::AppState;

/// The deck with the couple's marks, and tonight's draw.
#[utoipa::path(get, path = "/questions", operation_id = "listQuestions", tag = "conversations",
    security(("bearer" = [])),
    responses((status = 200, body = DeckView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list_questions(State(state): State<AppState>, ApiUser(me): ApiUser) -> Result<Json<DeckView>, ApiError> {
    Ok(Json(questions::list(&state, &me.person.id, &me.key).await?))
}

/// "Pick 10 for tonight": questions not yet asked, at random, from one set or all and one theme
/// or any; fewer when fewer are left. An unknown set or theme is refused (422) and changes nothing.
#[utoipa::path(post, path = "/questions/draw", operation_id = "drawQuestions", tag = "conversations",
    security(("bearer" = [])), request_body = Draw,
    responses((status = 200, body = Vec<QuestionView>), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn draw_questions(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    ApiJson(input): ApiJson<Draw>,
) -> Result<Json<Vec<QuestionView>>, ApiError> {
    Ok(Json(questions::draw(&state, &me.person.id, &me.key, &input).await?))
}

/// Add a question of the couple's own to a set.
#[utoipa::path(post, path = "/questions", operation_id = "addQuestion", tag = "conversations",
    security(("bearer" = [])), request_body = NewQuestion,
    responses((status = 201, body = QuestionView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_question(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    ApiJson(input): ApiJson<NewQuestion>,
) -> Result<(StatusCode, Json<QuestionView>), ApiError> {
    Ok((StatusCode::CREATED, Json(questions::add(&state, &me.person.id, &me.key, &input).await?)))
}

/// Mark a question asked (or not), and keep it as a favourite (or not).
#[utoipa::path(post, path = "/questions/{question_id}/mark", operation_id = "markQuestion", tag = "conversations",
    security(("bearer" = [])), params(("question_id" = String, Path)), request_body = Mark,
    responses((status = 200, body = QuestionView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn mark_question(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    Path(question_id): Path<String>,
    ApiJson(input): ApiJson<Mark>,
) -> Result<Json<QuestionView>, ApiError> {
    Ok(Json(questions::mark(&state, &me.person.id, &me.key, &question_id, &input).await?))
}
