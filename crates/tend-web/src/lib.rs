//! Tend's HTTP face: the HTML pages, the JSON API with its OpenAPI document, sessions and
//! security, health and metrics. `app` builds the whole router; `serve` runs it on a listener
//! (port 0 in tests) until the shutdown signal.

mod assets;
pub mod auth;
pub mod charts;
pub mod clock;
#[cfg(test)]
mod layering;
pub mod live_hub;
pub mod mail;
mod metrics;
pub mod pages;
pub mod passwords;
mod secrets;
mod security;
pub mod services;
mod serving;
pub mod settings;
pub mod state;
mod to_completion;
#[cfg(test)]
mod words_in_code;

pub mod api;

use std::future::Future;

use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::middleware::from_fn_with_state;
use axum::routing::get;
use axum::Router;
use tokio::net::TcpListener;
use tower_http::compression::CompressionLayer;

pub use settings::WebSettings;
pub use state::AppState;

/// Requests larger than this are refused before they are read.
const MAX_BODY_BYTES: usize = 256 * 1024;

/// `ok`, or why Tend can't serve right now ("database unavailable: the disk is full").
async fn healthz(State(state): State<AppState>) -> (StatusCode, String) {
    match state.store.ping().await {
        Ok(()) => (StatusCode::OK, "ok\n".to_owned()),
        Err(err) => {
            let reason = err.unavailable_reason().unwrap_or("the database cannot be reached");
            tracing::error!(error = ?err, reason, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, format!("database unavailable: {reason}\n"))
        }
    }
}

/// The whole application.
pub fn app(state: AppState) -> Router {
    let pages = pages::router().layer(from_fn_with_state(state.clone(), auth::csrf::csrf_guard));
    let (api, _doc) = api::router();
    let compressed = Router::new()
        .merge(pages)
        .merge(api)
        // The course's one-click unsubscribe: mail programs POST without a form token (RFC 8058).
        .route("/course/unsubscribe/{token}", get(pages::mail::unsubscribe_ask).post(pages::mail::unsubscribe_now))
        .route("/healthz", get(healthz))
        // Does no work at all: the framework's ceiling, the benchmarks' baseline.
        .route("/ping", get(|| async { "pong\n" }))
        .route("/metrics", get(metrics::show))
        .route("/static/{name}", get(assets::static_file))
        .route("/manifest.webmanifest", get(assets::manifest))
        .route("/sw.js", get(assets::service_worker))
        .route("/offline", get(pages::offline::show))
        .fallback(pages::errors::fallback)
        .layer(CompressionLayer::new());
    Router::new()
        .merge(compressed)
        // Outside the compression: an open page holds its stream for as long as it is open, and a
        // compressing body keeps an encoder's state inline (about 5 KB) even when it compresses
        // nothing, as it doesn't for event streams.
        .route("/events", get(pages::live_stream::events))
        // Inside the task that runs to completion, so a client that leaves still wakes the partner.
        .layer(from_fn_with_state(state.clone(), live_hub::wake_after_changes))
        .layer(axum::middleware::from_fn(to_completion::run_to_completion))
        .layer(from_fn_with_state(state.clone(), metrics::track))
        .layer(from_fn_with_state(state.clone(), security::security_headers))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(state)
}

/// Serves the application on `listener` until `shutdown` completes, then finishes open requests.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let hearing = tokio::spawn(live_hub::hear_other_processes(state.clone()));
    let served = serving::run(listener, app(state), shutdown, serving::GRACE).await;
    hearing.abort();
    served
}

/// The OpenAPI document, for tools and tests.
pub fn openapi() -> utoipa::openapi::OpenApi {
    api::router().1
}
