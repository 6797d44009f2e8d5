//! Request counts and latency by route, and the database pool, in Prometheus text format at
//! `/metrics`. Routes are recorded by their pattern (`/settings/sessions/{session_id}/end`),
//! never by the concrete path, so no id or token ever reaches the metrics.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

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
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "unmatched".to_owned());
    let response = next.run(request).await;
    state.metrics.record(&method, &route, response.status().as_u16(), started.elapsed().as_secs_f64());
    response
}

pub async fn show(State(state): State<AppState>) -> Response {
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
    ([(axum::http::header::CONTENT_TYPE, "text/plain; version=0.0.4")], text).into_response()
}
