//! The private calendar feed: its URL, and a new one that revokes the old.

use axum::extract::State;
use axum::Json;

use super::error::{ApiError, ErrorBody};
use crate::auth::session::ApiUser;
use crate::services::calendar::{self, CalendarFeed};
use crate::state::AppState;

/// My private calendar feed's URL (iCalendar), made on first use.
#[utoipa::path(get, path = "/calendar", operation_id = "getCalendarFeedUrl", tag = "reminders",
    security(("bearer" = [])),
    responses((status = 200, body = CalendarFeed), (status = 401, body = ErrorBody)))]
pub async fn get_calendar_feed_url(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
) -> Result<Json<CalendarFeed>, ApiError> {
    Ok(Json(calendar::feed(&state, &me.person.id).await?))
}

/// A new feed URL; the old one stops working at once.
#[utoipa::path(post, path = "/calendar/rotate", operation_id = "rotateCalendarFeed", tag = "reminders",
    security(("bearer" = [])),
    responses((status = 200, body = CalendarFeed), (status = 401, body = ErrorBody)))]
pub async fn rotate_calendar_feed(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
) -> Result<Json<CalendarFeed>, ApiError> {
    Ok(Json(calendar::rotate(&state, &me.person.id).await?))
}
