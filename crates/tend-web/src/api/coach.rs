//! The soft start-up coach as an API operation. It needs no account: it reads the draft, answers,
//! and keeps nothing — no storage, no logs of the text.

use axum::Json;
use serde::Deserialize;
use utoipa::ToSchema;

use super::error::{ApiError, ApiJson, ErrorBody};
use crate::services::coach::{self, CoachAnswer};

#[derive(Debug, Deserialize, ToSchema)]
pub struct Draft {
    /// The opening line or message being drafted (up to 5,000 characters).
    pub text: String,
}

/// Highlight wording that tends to raise defensiveness, with a reason for each, and suggest a
/// softer start. Offsets count Unicode characters (code points).
#[utoipa::path(post, path = "/coach/analyze", operation_id = "analyzeStartup", tag = "conversations",
    request_body = Draft,
    responses((status = 200, body = CoachAnswer), (status = 422, body = ErrorBody)))]
pub async fn analyze_startup(ApiJson(draft): ApiJson<Draft>) -> Result<Json<CoachAnswer>, ApiError> {
    Ok(Json(coach::analyze(&draft.text)?))
}
