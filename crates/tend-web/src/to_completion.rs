//! A person whose phone loses its connection mid-request must not leave a write cut in half.
//! Hyper drops a request's future when its connection closes; a future dropped inside a
//! database call can leave a pooled connection mid-transaction (sqlx 0.8.6 on PostgreSQL: a
//! `begin()` cancelled at the wrong moment returns the connection inside a transaction nothing
//! rolls back, and later statements of other requests run in it and are lost). So every request
//! runs in a task of its own: the client leaving drops only the wait for the answer, while the
//! work finishes, commits or rolls back, exactly as if they had stayed.

use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

pub async fn run_to_completion(request: Request, next: Next) -> Response {
    match tokio::spawn(next.run(request)).await {
        Ok(response) => response,
        Err(err) if err.is_panic() => std::panic::resume_unwind(err.into_panic()),
        // The runtime is shutting down.
        Err(_) => StatusCode::SERVICE_UNAVAILABLE.into_response(),
    }
}
