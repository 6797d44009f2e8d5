//! Notifications on this device, from the reminders page. Turning them on needs the browser's
//! push service, so `app.js` subscribes and posts the subscription here (with the form token);
//! turning them off is a plain form.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Form;
use tend_core::msg;

use super::errors::service_error_page;
use super::see_other_or_error;
use crate::auth::session::PageUser;
use crate::services::push::{self, DeviceSubscription};
use crate::services::ServiceError;
use crate::state::AppState;

/// Answers the script: 204, or 422 with the first problem in words.
pub async fn turn_on(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Form(form): Form<DeviceSubscription>,
) -> Response {
    match push::turn_on(&state, &me.person.id, &me.session_id, &form).await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(ServiceError::Invalid(errors)) => {
            let message = errors.first().map(|e| e.message).unwrap_or(msg::push_that_subscription_cant_used());
            (StatusCode::UNPROCESSABLE_ENTITY, message).into_response()
        }
        Err(err) => service_error_page(err),
    }
}

pub async fn turn_off(State(state): State<AppState>, PageUser(me): PageUser) -> Response {
    see_other_or_error(push::turn_off(&state, &me.person.id, &me.session_id).await, "/reminders?done=push-off")
}
