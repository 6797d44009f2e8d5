//! Agreements: proposed by one partner, in force once the other says yes, reviewed on a date.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;

use super::error::{ApiError, ApiJson, ErrorBody};
use crate::auth::session::ApiUser;
use crate::services::agreements::{self, AgreementView, NewAgreement, Review};
use crate::state::AppState;

/// Propose an agreement to the partner (a boundary, time together, or a need).
#[utoipa::path(post, path = "/agreements", operation_id = "createAgreement", tag = "program",
    security(("bearer" = [])), request_body = NewAgreement,
    responses((status = 201, body = AgreementView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_agreement(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    ApiJson(input): ApiJson<NewAgreement>,
) -> Result<(StatusCode, Json<AgreementView>), ApiError> {
    let view = agreements::create(&state, &me.person.id, &me.person.time_zone, &me.key, &input).await?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// The couple's agreements: proposed and in force.
#[utoipa::path(get, path = "/agreements", operation_id = "listAgreements", tag = "program",
    security(("bearer" = [])),
    responses((status = 200, body = Vec<AgreementView>), (status = 401, body = ErrorBody)))]
pub async fn list_agreements(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
) -> Result<Json<Vec<AgreementView>>, ApiError> {
    Ok(Json(agreements::list(&state, &me.person.id, &me.person.time_zone, &me.key).await?))
}

/// Say yes to the partner's proposed agreement.
#[utoipa::path(post, path = "/agreements/{agreement_id}/accept", operation_id = "acceptAgreement", tag = "program",
    security(("bearer" = [])), params(("agreement_id" = String, Path)),
    responses((status = 200, body = AgreementView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn accept_agreement(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    Path(agreement_id): Path<String>,
) -> Result<Json<AgreementView>, ApiError> {
    Ok(Json(agreements::accept(&state, &me.person.id, &me.person.time_zone, &me.key, &agreement_id).await?))
}

/// After looking at it again together: when to look next.
#[utoipa::path(post, path = "/agreements/{agreement_id}/review", operation_id = "reviewAgreement", tag = "program",
    security(("bearer" = [])), params(("agreement_id" = String, Path)), request_body = Review,
    responses((status = 200, body = AgreementView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn review_agreement(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    Path(agreement_id): Path<String>,
    ApiJson(input): ApiJson<Review>,
) -> Result<Json<AgreementView>, ApiError> {
    Ok(Json(agreements::review(&state, &me.person.id, &me.person.time_zone, &me.key, &agreement_id, &input).await?))
}
