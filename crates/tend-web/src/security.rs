//! Headers every response carries: no sniffing, no referrer, a strict Content-Security-Policy
//! (no inline script, nothing from other hosts), no framing, HSTS over HTTPS, and no caching of
//! anything but the static assets — a shared device must not keep a page of someone's words. The
//! service worker is checked for a new version on every visit.

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

use crate::state::AppState;

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
    connect-src 'self'; font-src 'self'; manifest-src 'self'; form-action 'self'; \
    object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

pub async fn security_headers(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let is_asset = path.starts_with("/static/") || path == "/manifest.webmanifest";
    let is_service_worker = path == "/sw.js";
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert("permissions-policy", HeaderValue::from_static("geolocation=(), camera=(), microphone=()"));
    headers.insert("cross-origin-opener-policy", HeaderValue::from_static("same-origin"));
    let cache = if is_asset {
        "public, max-age=86400"
    } else if is_service_worker {
        "no-cache"
    } else {
        "no-store"
    };
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    if state.settings.cookie_secure {
        headers
            .insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=63072000; includeSubDomains"));
    }
    response
}
