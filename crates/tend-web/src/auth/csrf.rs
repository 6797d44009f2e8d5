//! Cross-site request forgery protection for every HTML form, in one place: every form carries a
//! token in a hidden `csrf` field, and a POST whose field does not match (or that comes from
//! another site's origin) changes nothing. Signed in, the token is bound to the session (a hash
//! of its secret cookie), so a token planted in a cookie by someone else is worth nothing; signed
//! out (log-in, sign-up), it is the browser's own random token in a cookie (double submit).
//! A file upload (multipart) carries the token in its form's action URL (`?csrf=…`) instead,
//! since its body is not a simple form. The JSON API needs none of this: it only accepts bearer tokens, which browsers never send
//! on their own.

use axum::body::{to_bytes, Body};
use axum::extract::{FromRequestParts, Request, State};
use axum::http::{header, request::Parts, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use subtle::ConstantTimeEq;
use tend_core::secret::secret_hash;

use super::cookies::Cookie;
use crate::pages::errors::error_page;
use crate::pages::page_words::words;
use crate::secrets::new_token;
use crate::state::AppState;

/// What the session's secret is hashed with to give its forms' token.
const SESSION_BOUND: &str = "csrf-session";

/// Forms are small; anything bigger is refused before it is read.
const MAX_FORM_BYTES: usize = 64 * 1024;
/// A file a person brings in (an export) may be bigger.
pub const MAX_UPLOAD_BYTES: usize = 8 * 1024 * 1024;

fn is_upload(parts: &Parts) -> bool {
    let content_type = parts.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default();
    content_type.starts_with("multipart/form-data")
}

/// The token to put in the hidden `csrf` field of every form on the page.
#[derive(Debug, Clone)]
pub struct CsrfToken(pub String);

impl<S: Send + Sync> FromRequestParts<S> for CsrfToken {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(parts.extensions.get::<CsrfToken>().cloned().unwrap_or(CsrfToken(String::new())))
    }
}

/// A POST from another site's page is refused even if it somehow carried a token. Under
/// `Referrer-Policy: no-referrer` browsers send `Origin: null` even for our own forms, so
/// "null" tells nothing and the token alone decides.
fn same_origin(parts: &Parts) -> bool {
    let origin = parts.headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    let Some(origin) = origin.filter(|o| *o != "null") else {
        return true;
    };
    let host = parts.headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or_default();
    origin.split_once("://").map(|(_, rest)| rest) == Some(host)
}

pub async fn csrf_guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let existing = Cookie::Csrf.read(request.headers(), &state.settings);
    let fresh = existing.is_none();
    let browser_token = existing.unwrap_or_else(new_token);
    let session = Cookie::Session.read(request.headers(), &state.settings);
    // Only the signed-in browser knows its session cookie (HttpOnly), so only it can know this.
    let token = match &session {
        Some(secret) => secret_hash(SESSION_BOUND, secret),
        None => browser_token.clone(),
    };
    let (mut parts, body) = request.into_parts();
    parts.extensions.insert(CsrfToken(token.clone()));
    let request = if parts.method == Method::POST {
        let upload = is_upload(&parts);
        let Ok(bytes) = to_bytes(body, if upload { MAX_UPLOAD_BYTES } else { MAX_FORM_BYTES }).await else {
            return error_page(StatusCode::PAYLOAD_TOO_LARGE, &words().errors.too_large);
        };
        let fields = if upload { parts.uri.query().unwrap_or_default().as_bytes() } else { &bytes[..] };
        let submitted = form_urlencoded::parse(fields)
            .find(|(key, _)| key == "csrf")
            .map(|(_, value)| value.into_owned())
            .unwrap_or_default();
        let known = session.is_some() || !fresh;
        let matches = known && bool::from(submitted.as_bytes().ct_eq(token.as_bytes()));
        if !matches || !same_origin(&parts) {
            tracing::info!(path = %parts.uri.path(), "refused: form without a valid CSRF token");
            return error_page(StatusCode::FORBIDDEN, &words().errors.stale_form);
        }
        Request::from_parts(parts, Body::from(bytes))
    } else {
        Request::from_parts(parts, body)
    };
    let mut response = next.run(request).await;
    if fresh {
        response.headers_mut().append(header::SET_COOKIE, Cookie::Csrf.set(&browser_token, None, &state.settings));
    }
    response
}
