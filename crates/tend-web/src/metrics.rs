//! Request counts and latency, and the database pool, in Prometheus text format at `/metrics` —
//! only for the host's monitoring, with `Authorization: Bearer TEND_METRICS_TOKEN` (without the
//! token set, or without the header, `/metrics` answers like any unknown address). Requests are
//! counted by face (`page`, `api`, `events`, `static`, `health`), never by route: a counter per
//! route would move when a partner takes the private safety check or writes in their journal,
//! and whoever reads the metrics may be the other partner.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use subtle::ConstantTimeEq;

use crate::state::AppState;

const BUCKETS: [f64; 10] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0, 5.0];

#[derive(Default)]
struct RouteStats {
    by_status: BTreeMap<u16, u64>,
    buckets: [u64; BUCKETS.len()],
    count: u64,
    sum_seconds: f64,
}

#[derive(Default)]
pub struct Metrics {
    routes: Mutex<BTreeMap<(String, String), RouteStats>>,
}

impl Metrics {
    fn record(&self, method: &str, route: &str, status: u16, seconds: f64) {
        let mut routes = self.routes.lock().unwrap_or_else(|e| e.into_inner());
        let stats = routes.entry((method.to_owned(), route.to_owned())).or_default();
        *stats.by_status.entry(status).or_default() += 1;
        stats.count += 1;
        stats.sum_seconds += seconds;
        for (bucket, le) in stats.buckets.iter_mut().zip(BUCKETS) {
            if seconds <= le {
                *bucket += 1;
            }
        }
    }

    fn render(&self, pool: (u32, u32)) -> String {
        let routes = self.routes.lock().unwrap_or_else(|e| e.into_inner());
        let mut out = String::new();
        out.push_str("# HELP tend_http_requests_total HTTP requests answered, by route pattern and status.\n");
        out.push_str("# TYPE tend_http_requests_total counter\n");
        for ((method, route), stats) in routes.iter() {
            for (status, n) in &stats.by_status {
                let _ = writeln!(
                    out,
                    "tend_http_requests_total{{method=\"{method}\",route=\"{route}\",status=\"{status}\"}} {n}"
                );
            }
        }
        out.push_str("# HELP tend_http_request_duration_seconds Time to answer, by route pattern.\n");
        out.push_str("# TYPE tend_http_request_duration_seconds histogram\n");
        for ((method, route), stats) in routes.iter() {
            let labels = format!("method=\"{method}\",route=\"{route}\"");
            for (n, le) in stats.buckets.iter().zip(BUCKETS) {
                let _ = writeln!(out, "tend_http_request_duration_seconds_bucket{{{labels},le=\"{le}\"}} {n}");
            }
            let _ = writeln!(out, "tend_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}", stats.count);
            let _ = writeln!(out, "tend_http_request_duration_seconds_sum{{{labels}}} {}", stats.sum_seconds);
            let _ = writeln!(out, "tend_http_request_duration_seconds_count{{{labels}}} {}", stats.count);
        }
        out.push_str("# HELP tend_db_pool_connections Database connections, open and idle.\n");
        out.push_str("# TYPE tend_db_pool_connections gauge\n");
        let _ = writeln!(out, "tend_db_pool_connections{{state=\"open\"}} {}", pool.0);
        let _ = writeln!(out, "tend_db_pool_connections{{state=\"idle\"}} {}", pool.1);
        out
    }
}

pub async fn track(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().as_str().to_owned();
    let route = face(request.extensions().get::<MatchedPath>().map(MatchedPath::as_str)).to_owned();
    let response = next.run(request).await;
    state.metrics.record(&method, &route, response.status().as_u16(), started.elapsed().as_secs_f64());
    response
}

/// Which face of Tend a route pattern belongs to: the only label requests are counted by.
fn face(route: Option<&str>) -> &'static str {
    match route {
        None => "unmatched",
        Some("/healthz" | "/metrics") => "health",
        Some("/events") => "events",
        Some(r) if r.starts_with("/api/") => "api",
        Some(r)
            if r.starts_with("/static/")
                || r == "/manifest.webmanifest"
                || r == "/sw.js"
                || r.starts_with("/cards/") =>
        {
            "static"
        }
        Some(_) => "page",
    }
}

/// Whether the request carries the metrics token (compared in constant time).
fn authorized(state: &AppState, headers: &HeaderMap) -> bool {
    let Some(token) = state.settings.metrics_token.as_deref() else { return false };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    given.len() == token.len() && bool::from(given.as_bytes().ct_eq(token.as_bytes()))
}

pub async fn show(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if !authorized(&state, &headers) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let mut text = state.metrics.render(state.store.pool_stats());
    // Email delivery health: how many are queued, being sent, sent and dead.
    if let Ok(c) = state.store.outbox_counts().await {
        text.push_str(
            "# HELP tend_outbox_messages Emails in the outbox, by state.\n# TYPE tend_outbox_messages gauge\n",
        );
        for (name, n) in [("queued", c.queued), ("sending", c.sending), ("sent", c.sent), ("dead", c.dead)] {
            text.push_str(&format!("tend_outbox_messages{{state=\"{name}\"}} {n}\n"));
        }
    }
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], text).into_response()
}

#[cfg(test)]
mod tests {
    use super::face;

    #[test]
    fn requests_are_counted_by_face_never_by_route() {
        assert_eq!(face(Some("/safety")), "page");
        assert_eq!(face(Some("/journal/{id}/share")), "page");
        assert_eq!(face(Some("/api/v1/safety")), "api");
        assert_eq!(face(Some("/api/v1/journal")), "api");
        assert_eq!(face(Some("/static/{file}")), "static");
        assert_eq!(face(Some("/healthz")), "health");
        assert_eq!(face(None), "unmatched");
    }
}
