//! The signed-in person's own account: read, update, password, email, delete, export.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{AppendHeaders, IntoResponse};
use axum::Json;

use super::error::{ApiError, ApiJson, ErrorBody};
use super::views::MeView;
use crate::auth::cookies::Cookie;
use crate::auth::session::ApiUser;
use crate::services::account_links::{self, EmailChange};
use crate::services::accounts::{self, AccountDeletion, PasswordChange, ProfileUpdate, RecoveryCodeRenewal};
use crate::services::data_import::{self, ImportResult};
use crate::services::security_log::{self, SecurityLogEntry};
use crate::state::AppState;

#[utoipa::path(get, path = "/me", operation_id = "getMe", tag = "me", security(("bearer" = [])),
    responses((status = 200, body = MeView), (status = 401, body = ErrorBody)))]
pub async fn get_me(ApiUser(me): ApiUser) -> Json<MeView> {
    Json(me.person.into())
}

/// Change the display name or time zone.
#[utoipa::path(patch, path = "/me", operation_id = "updateMe", tag = "me", security(("bearer" = [])),
    request_body = ProfileUpdate,
    responses((status = 200, body = MeView), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update_me(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    ApiJson(input): ApiJson<ProfileUpdate>,
) -> Result<Json<MeView>, ApiError> {
    accounts::update_profile(&state, &me.person.id, &input).await?;
    let person = accounts::person(&state, &me.person.id).await?;
    Ok(Json(person.into()))
}

/// Change the password (asks the current one); every other session ends.
#[utoipa::path(post, path = "/me/password", operation_id = "changePassword", tag = "me", security(("bearer" = [])),
    request_body = PasswordChange,
    responses((status = 204), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn change_password(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    ApiJson(input): ApiJson<PasswordChange>,
) -> Result<StatusCode, ApiError> {
    accounts::change_password(&state, &me.person.id, &me.session_id, &me.key, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A new recovery code (asks the password again), shown once in the answer; the earlier code
/// opens nothing from then on.
#[utoipa::path(post, path = "/me/recovery-code", operation_id = "renewRecoveryCode", tag = "me", security(("bearer" = [])),
    request_body = RecoveryCodeRenewal,
    responses((status = 201, body = RecoveryCodeView), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn renew_recovery_code(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    ApiJson(input): ApiJson<RecoveryCodeRenewal>,
) -> Result<(StatusCode, Json<RecoveryCodeView>), ApiError> {
    let code = accounts::renew_recovery_code(&state, &me.person.id, &me.key, &input).await?;
    Ok((StatusCode::CREATED, Json(RecoveryCodeView { recovery_code: code.grouped() })))
}

/// A recovery code, shown once.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct RecoveryCodeView {
    pub recovery_code: String,
}

/// Ask to change the email address (asks the password again). A link goes to the new address;
/// the account moves once it is confirmed there (`confirmEmailChange`).
#[utoipa::path(post, path = "/me/email", operation_id = "changeEmail", tag = "me", security(("bearer" = [])),
    request_body = EmailChange,
    responses((status = 202), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn change_email(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    ApiJson(input): ApiJson<EmailChange>,
) -> Result<StatusCode, ApiError> {
    account_links::request_email_change(&state, &me.person.id, &input).await?;
    Ok(StatusCode::ACCEPTED)
}

/// Delete the account and everything the person wrote (asks the password again).
#[utoipa::path(delete, path = "/me", operation_id = "deleteAccount", tag = "me", security(("bearer" = [])),
    request_body = AccountDeletion,
    responses((status = 204), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn delete_account(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    ApiJson(input): ApiJson<AccountDeletion>,
) -> Result<impl IntoResponse, ApiError> {
    accounts::delete_account(&state, &me.person.id, &input).await?;
    Ok((StatusCode::NO_CONTENT, AppendHeaders([(header::SET_COOKIE, Cookie::Session.clear(&state.settings))])))
}

/// Bring a Tend export (`tend-export/1`) into this account: check-ups, weekly pulses, journal
/// entries, private notes, the situation and the signs ticked, all kept private with their
/// original times. What belongs to a couple space stays with it and is counted in
/// `left_behind`. The whole file is checked first: anything wrong and nothing changes.
/// Importing the same file again adds nothing twice.
#[utoipa::path(post, path = "/me/import", operation_id = "importMyData", tag = "me", security(("bearer" = [])),
    request_body(content = Object, description = "A `tend-export/1` document, as `exportMyData` gives it", content_type = "application/json"),
    responses((status = 200, body = ImportResult), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn import_my_data(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    body: Bytes,
) -> Result<Json<ImportResult>, ApiError> {
    Ok(Json(data_import::import(&state, &me.person.id, &me.key, &body).await?))
}

/// The person's own security log, newest first: sign-ins (with the device), password and email
/// changes, other devices signed out, and changes to what they share. Nobody else can read it.
#[utoipa::path(get, path = "/me/security-log", operation_id = "listSecurityLog", tag = "me", security(("bearer" = [])),
    responses((status = 200, body = Vec<SecurityLogEntry>), (status = 401, body = ErrorBody)))]
pub async fn list_security_log(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
) -> Result<Json<Vec<SecurityLogEntry>>, ApiError> {
    Ok(Json(security_log::list(&state, &me.person.id).await?))
}

/// Everything Tend holds about the person, as JSON.
#[utoipa::path(get, path = "/me/export", operation_id = "exportMyData", tag = "me", security(("bearer" = [])),
    responses((status = 200, body = Object, description = "A `tend-export/1` document"), (status = 401, body = ErrorBody)))]
pub async fn export_my_data(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
) -> Result<impl IntoResponse, ApiError> {
    let document = accounts::export(&state, &me.person.id, Some(&me.key)).await?;
    Ok(Json(document))
}
