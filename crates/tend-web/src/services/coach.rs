//! The soft start-up coach for the pages, the API and the CLI: one entry point with one limit.

use serde::Serialize;
use tend_core::coach::Analysis;
use tend_core::msg;
use utoipa::ToSchema;

use super::{ServiceError, ServiceResult};

/// Drafts longer than this are refused (a hard talk's opening is a few sentences).
pub const MAX_CHARS: usize = 5_000;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CoachAnswer {
    pub harsh: bool,
    /// `{start, end, kind, reason}` per highlight; offsets count Unicode code points.
    #[schema(value_type = Vec<Object>)]
    pub highlights: Vec<tend_core::coach::Highlight>,
    pub suggestion: String,
}

impl From<Analysis> for CoachAnswer {
    fn from(a: Analysis) -> Self {
        Self { harsh: a.harsh, highlights: a.highlights, suggestion: a.suggestion }
    }
}

pub fn analyze(text: &str) -> ServiceResult<CoachAnswer> {
    if text.chars().count() > MAX_CHARS {
        return Err(ServiceError::field("text", msg::coach_keep_draft_5_000()));
    }
    Ok(tend_core::coach::analyze(text).into())
}
