//! Notifications on a device through the API: whether push is offered (and Tend's key), and
//! turning it on or off for the session making the call.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use utoipa::ToSchema;

use super::error::{ApiError, ApiJson, ErrorBody};
use crate::auth::session::ApiUser;
use crate::services::push::{self, DeviceSubscription, PushStatus};
use crate::state::AppState;

/// A browser's `PushSubscription.toJSON()`.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct BrowserSubscription {
    pub endpoint: String,
    pub keys: SubscriptionKeys,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct SubscriptionKeys {
    pub p256dh: String,
    pub auth: String,
}

/// Whether notifications are offered and on for this session, and the key to subscribe with.
#[utoipa::path(get, path = "/push", operation_id = "getPushStatus", tag = "reminders", security(("bearer" = [])),
    responses((status = 200, body = PushStatus), (status = 401, body = ErrorBody)))]
pub async fn get_push_status(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
) -> Result<Json<PushStatus>, ApiError> {
    Ok(Json(push::status(&state, &me.session_id).await?))
}

/// Turn notifications on for this session's device (replacing its earlier subscription). They
/// follow the reminder choices and quiet hours, and end with the session.
#[utoipa::path(put, path = "/push/subscription", operation_id = "subscribePush", tag = "reminders",
    security(("bearer" = [])), request_body = BrowserSubscription,
    responses((status = 204), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn subscribe_push(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    ApiJson(input): ApiJson<BrowserSubscription>,
) -> Result<StatusCode, ApiError> {
    let device = DeviceSubscription { endpoint: input.endpoint, p256dh: input.keys.p256dh, auth: input.keys.auth };
    push::turn_on(&state, &me.person.id, &me.session_id, &device).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Turn notifications off for this session's device.
#[utoipa::path(delete, path = "/push/subscription", operation_id = "unsubscribePush", tag = "reminders",
    security(("bearer" = [])), responses((status = 204), (status = 401, body = ErrorBody)))]
pub async fn unsubscribe_push(State(state): State<AppState>, ApiUser(me): ApiUser) -> Result<StatusCode, ApiError> {
    push::turn_off(&state, &me.person.id, &me.session_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
