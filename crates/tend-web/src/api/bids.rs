//! Bids for connection waiting on the person's Today, and setting one aside.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;

use super::error::{ApiError, ErrorBody};
use crate::auth::session::ApiUser;
use crate::services::bids::{self, BidView};
use crate::state::AppState;

/// What the partner reached out with and what is ready for both, newest first, until answered
/// where it lives or set aside. Empty outside a paired couple space. The sender is never told
/// whether it was seen.
#[utoipa::path(get, path = "/bids", operation_id = "listBids", tag = "couple",
    security(("bearer" = [])),
    responses((status = 200, body = Vec<BidView>), (status = 401, body = ErrorBody)))]
pub async fn list_bids(State(state): State<AppState>, ApiUser(me): ApiUser) -> Result<Json<Vec<BidView>>, ApiError> {
    Ok(Json(bids::list(&state, &me.person.id, Some(&me.key)).await?))
}

/// Set a bid aside on my own Today (nothing is sent, and the sender is not told).
#[utoipa::path(post, path = "/bids/{kind}/{bid_id}/dismiss", operation_id = "dismissBid", tag = "couple",
    security(("bearer" = [])), params(("kind" = String, Path), ("bid_id" = String, Path)),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn dismiss_bid(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    Path((kind, bid_id)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    bids::dismiss(&state, &me.person.id, &kind, &bid_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
