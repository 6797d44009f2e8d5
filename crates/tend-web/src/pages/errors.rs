//! Calm error pages: what happened in plain words and a way back. Missing and forbidden look
//! alike, and unexpected failures are logged with their cause but never shown.

use askama::Template;
use axum::http::{StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};

use super::page_words::{words, ErrorText};
use super::Layout;
use crate::api::error::ApiError;
use crate::services::ServiceError;

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    layout: Layout,
    heading: &'static str,
    message: &'static str,
}

/// An error page with the words of `content/pages.toml`'s `[errors]`.
pub fn error_page(status: StatusCode, text: &'static ErrorText) -> Response {
    page_saying(status, &text.heading, &text.message)
}

fn page_saying(status: StatusCode, heading: &'static str, message: &'static str) -> Response {
    let layout = Layout {
        title: "",
        csrf: String::new(),
        signed_in: false,
        nav: "",
        pause_called: String::new(),
        quick_exit_url: crate::settings::DEFAULT_QUICK_EXIT_URL.to_owned(),
    };
    match (ErrorPage { layout, heading, message }).render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(_) => plain_failure(),
    }
}

pub fn plain_failure() -> Response {
    (StatusCode::INTERNAL_SERVER_ERROR, words().errors.plain_failure.as_str()).into_response()
}

pub fn not_found_page() -> Response {
    error_page(StatusCode::NOT_FOUND, &words().errors.not_found)
}

pub fn service_error_page(err: ServiceError) -> Response {
    let errors = &words().errors;
    match err {
        ServiceError::NotFound => not_found_page(),
        ServiceError::TooManyAttempts => error_page(StatusCode::TOO_MANY_REQUESTS, &errors.too_many_attempts),
        ServiceError::Conflict { message, .. } => page_saying(StatusCode::CONFLICT, &errors.conflict_heading, message),
        ServiceError::WrongCredentials | ServiceError::Invalid(_) => {
            error_page(StatusCode::UNPROCESSABLE_ENTITY, &errors.invalid)
        }
        ServiceError::Unavailable => error_page(StatusCode::SERVICE_UNAVAILABLE, &errors.unavailable),
        ServiceError::Internal(err) => {
            tracing::error!(error = ?err, "unexpected failure");
            error_page(StatusCode::INTERNAL_SERVER_ERROR, &errors.internal)
        }
    }
}

/// The answer for any address Tend doesn't have: JSON under `/api`, a page elsewhere.
pub async fn fallback(uri: Uri) -> Response {
    if uri.path().starts_with("/api/") {
        ApiError::not_found().into_response()
    } else {
        not_found_page()
    }
}
