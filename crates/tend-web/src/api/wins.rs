//! Small wins and the momentum view.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

use super::error::{ApiError, ApiJson, ErrorBody};
use crate::auth::session::ApiUser;
use crate::services::wins::{self, Momentum, NewWin, WinView};
use crate::state::AppState;

/// Log a small win (a lighter tone, a hug, a shared laugh).
#[utoipa::path(post, path = "/wins", operation_id = "logWin", tag = "rituals",
    security(("bearer" = [])), request_body = NewWin,
    responses((status = 201, body = WinView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn log_win(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    ApiJson(input): ApiJson<NewWin>,
) -> Result<(StatusCode, Json<WinView>), ApiError> {
    Ok((StatusCode::CREATED, Json(wins::log(&state, &me.person.id, &me.key, &me.person.time_zone, &input).await?)))
}

/// Eight weeks of what happened: wins, ritual days, minutes together, shared joy. Never what didn't.
#[utoipa::path(get, path = "/momentum", operation_id = "getMomentum", tag = "rituals",
    security(("bearer" = [])),
    responses((status = 200, body = Momentum), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get_momentum(State(state): State<AppState>, ApiUser(me): ApiUser) -> Result<Json<Momentum>, ApiError> {
    Ok(Json(wins::momentum(&state, &me.person.id, &me.key, &me.person.time_zone).await?))
}
