//! Calm error pages: what happened in plain words and a way back. Missing and forbidden look
//! alike, and unexpected failures are logged with their cause but never shown.

use askama::Template;
use axum::http::{StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};

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

pub fn error_page(status: StatusCode, heading: &'static str, message: &'static str) -> Response {
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
    (StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong on our side. Please try again in a moment.")
        .into_response()
}

pub fn not_found_page() -> Response {
    error_page(StatusCode::NOT_FOUND, "We couldn't find that page", "It may have moved, or the link may be incomplete.")
}

pub fn service_error_page(err: ServiceError) -> Response {
    match err {
        ServiceError::NotFound => not_found_page(),
        ServiceError::TooManyAttempts => error_page(
            StatusCode::TOO_MANY_REQUESTS,
            "Let's take a short break",
            "There have been many attempts. Please wait a while and try again.",
        ),
        ServiceError::Conflict { message, .. } => {
            error_page(StatusCode::CONFLICT, "That can't be done right now", message)
        }
        ServiceError::WrongCredentials | ServiceError::Invalid(_) => error_page(
            StatusCode::UNPROCESSABLE_ENTITY,
            "Something needs another look",
            "Please go back and check what you entered.",
        ),
        ServiceError::Unavailable => error_page(
            StatusCode::SERVICE_UNAVAILABLE,
            "Tend needs a moment",
            "Tend can't save or read anything right now. Nothing was lost and nothing was half-saved; please try again in a moment.",
        ),
        ServiceError::Internal(err) => {
            tracing::error!(error = ?err, "unexpected failure");
            error_page(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Something went wrong on our side",
                "Nothing you did caused this. Please try again in a moment.",
            )
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
