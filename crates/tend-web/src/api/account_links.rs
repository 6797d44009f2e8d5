//! A way back in through the API: ask for a password-reset link, choose a new password with
//! it, and confirm a new email address with the link sent there. None of these needs a session:
//! the emailed secret is the permission.

use axum::extract::State;
use axum::http::StatusCode;

use super::error::{ApiError, ApiJson, ErrorBody};
use crate::auth::client::ClientAddr;
use crate::services::account_links::{self, EmailConfirmation, PasswordReset, ResetRequest};
use crate::state::AppState;

/// Ask for a link to choose a new password. The answer is the same whether or not the address
/// has an account; the link works once, for one hour.
#[utoipa::path(post, path = "/password-reset-links", operation_id = "requestPasswordReset", tag = "accounts",
    request_body = ResetRequest,
    responses((status = 202), (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn request_password_reset(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    ApiJson(input): ApiJson<ResetRequest>,
) -> Result<StatusCode, ApiError> {
    account_links::request_reset(&state, &input, client).await?;
    Ok(StatusCode::ACCEPTED)
}

/// Choose a new password with the token from a reset link. Every session of the account ends.
#[utoipa::path(post, path = "/password-resets", operation_id = "resetPassword", tag = "accounts",
    request_body = PasswordReset,
    responses((status = 204), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn reset_password(
    State(state): State<AppState>,
    ApiJson(input): ApiJson<PasswordReset>,
) -> Result<StatusCode, ApiError> {
    account_links::reset_password(&state, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Confirm a new email address with the token from the link sent to it; the old address is told.
#[utoipa::path(post, path = "/email-changes", operation_id = "confirmEmailChange", tag = "accounts",
    request_body = EmailConfirmation,
    responses((status = 204), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn confirm_email_change(
    State(state): State<AppState>,
    ApiJson(input): ApiJson<EmailConfirmation>,
) -> Result<StatusCode, ApiError> {
    account_links::confirm_email_change(&state, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}
