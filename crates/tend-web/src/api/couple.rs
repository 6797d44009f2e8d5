//! The couple space: create, read, invite, join, leave.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use tend_core::msg;

use super::error::{ApiError, ApiJson, ErrorBody};
use super::views::*;
use crate::auth::session::ApiUser;
use crate::services::couples::{self, JoinWith};
use crate::services::ServiceError;
use crate::state::AppState;

/// Create a couple space; the answer carries its first invite (link and code, shown once).
#[utoipa::path(post, path = "/couple", operation_id = "createCouple", tag = "couple", security(("bearer" = [])),
    responses((status = 201, body = InviteCreatedView), (status = 401, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn create_couple(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
) -> Result<(StatusCode, Json<InviteCreatedView>), ApiError> {
    let created = couples::create_couple(&state, &me.person.id, &me.key).await?;
    Ok((StatusCode::CREATED, Json(created.into())))
}

/// The person's couple space: "you and NAME" once the partner has joined.
#[utoipa::path(get, path = "/couple", operation_id = "getCouple", tag = "couple", security(("bearer" = [])),
    responses((status = 200, body = CoupleView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get_couple(State(state): State<AppState>, ApiUser(me): ApiUser) -> Result<Json<CoupleView>, ApiError> {
    let couple = couples::of(&state, &me.person.id).await?.ok_or_else(ApiError::not_found)?;
    let invite = couples::open_invite(&state, &me.person.id).await?;
    Ok(Json(CoupleView::new(couple, &me.person.id, invite)))
}

/// A new invite (the previous one stops working). Single-use; expires after 7 days.
#[utoipa::path(post, path = "/couple/invites", operation_id = "createInvite", tag = "couple", security(("bearer" = [])),
    responses((status = 201, body = InviteCreatedView), (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn create_invite(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
) -> Result<(StatusCode, Json<InviteCreatedView>), ApiError> {
    let created = couples::new_invite(&state, &me.person.id, &me.key).await?;
    Ok((StatusCode::CREATED, Json(created.into())))
}

#[utoipa::path(delete, path = "/couple/invites/{invite_id}", operation_id = "revokeInvite", tag = "couple",
    security(("bearer" = [])), params(("invite_id" = String, Path)),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn revoke_invite(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    Path(invite_id): Path<String>,
) -> Result<StatusCode, ApiError> {
    couples::revoke_invite(&state, &me.person.id, &invite_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Join with an invite's code or link token (exactly one of them).
#[utoipa::path(post, path = "/couple/join", operation_id = "joinCouple", tag = "couple", security(("bearer" = [])),
    request_body = JoinRequest,
    responses((status = 200, body = CoupleView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn join_couple(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    ApiJson(input): ApiJson<JoinRequest>,
) -> Result<Json<CoupleView>, ApiError> {
    let with = match (&input.code, &input.token) {
        (Some(code), None) => JoinWith::Code(code),
        (None, Some(token)) => JoinWith::LinkToken(token),
        _ => return Err(ServiceError::field("code", msg::couple_send_either_invite_code()).into()),
    };
    couples::join(&state, &me.person.id, &me.key, with).await?;
    let couple = couples::of(&state, &me.person.id).await?.ok_or_else(ApiError::not_found)?;
    Ok(Json(CoupleView::new(couple, &me.person.id, None)))
}

/// Leave at once; the couple space closes for both.
#[utoipa::path(post, path = "/couple/leave", operation_id = "leaveCouple", tag = "couple", security(("bearer" = [])),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn leave_couple(State(state): State<AppState>, ApiUser(me): ApiUser) -> Result<StatusCode, ApiError> {
    couples::leave(&state, &me.person.id).await?;
    Ok(StatusCode::NO_CONTENT)
}
