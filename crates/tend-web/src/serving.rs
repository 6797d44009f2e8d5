//! Tend's accept loop: each connection is served by hyper's HTTP/1 directly, not through
//! `axum::serve`, so an open connection holds as little as it can. An open page keeps its live
//! stream (`/events`) open for as long as it is open, so on a busy instance most connections are
//! streams waiting for news; what each holds is the instance's memory.
//!
//! - Only HTTP/1.1 (what browsers and reverse proxies speak to an application over plain TCP),
//!   so a connection's task carries no HTTP/2 machinery and no protocol sniffing.
//! - Half-closed connections are allowed: while a response streams, hyper does not keep a read
//!   buffer waiting for the client to hang up. A page that went away is noticed at the stream's
//!   next write (its keep-alive comment, every 30 s).
//! - A shutdown stops accepting, lets open requests finish, and gives up on what still runs after
//!   `GRACE` (live streams never finish by themselves; browsers reconnect them to the next
//!   instance).

use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tower::ServiceExt;

/// How long a shutdown waits for open requests before it stops anyway.
pub(crate) const GRACE: Duration = Duration::from_secs(10);
/// How long a client may take to send a request's head.
const HEAD_TIMEOUT: Duration = Duration::from_secs(30);
/// After an accept error that is not about one connection (too many open files), a pause before
/// accepting again, so the loop doesn't spin.
const ACCEPT_PAUSE: Duration = Duration::from_secs(1);

/// Serves `app` on `listener` until `shutdown` completes, then lets open requests finish for at
/// most `grace`.
pub(crate) async fn run(
    listener: TcpListener,
    app: Router,
    shutdown: impl Future<Output = ()>,
    grace: Duration,
) -> std::io::Result<()> {
    let (stop, stopping) = watch::channel(false);
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut shutdown => break,
        };
        match accepted {
            Ok((stream, peer)) => {
                tokio::spawn(connection(stream, peer, app.clone(), stopping.clone()));
            }
            Err(err) if is_about_one_connection(&err) => {}
            Err(err) => {
                tracing::error!(error = %err, "accepting a connection failed; pausing before the next");
                tokio::time::sleep(ACCEPT_PAUSE).await;
            }
        }
    }
    drop(listener);
    drop(stopping);
    stop.send_replace(true);
    if tokio::time::timeout(grace, stop.closed()).await.is_err() {
        tracing::info!("open connections (live streams) still running after the grace period are closed");
    }
    Ok(())
}

async fn connection(stream: TcpStream, peer: SocketAddr, app: Router, mut stopping: watch::Receiver<bool>) {
    let _ = stream.set_nodelay(true);
    let service = app.map_request(move |request: hyper::Request<Incoming>| {
        let mut request = request.map(Body::new);
        request.extensions_mut().insert(ConnectInfo(peer));
        request
    });
    let mut builder = http1::Builder::new();
    builder.timer(TokioTimer::new()).header_read_timeout(HEAD_TIMEOUT).half_close(true);
    let served = builder.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
    let mut served = std::pin::pin!(served);
    tokio::select! {
        result = served.as_mut() => {
            if let Err(err) = result {
                tracing::trace!(error = %err, "connection ended with an error");
            }
            return;
        }
        _ = stopping.wait_for(|stop| *stop) => served.as_mut().graceful_shutdown(),
    }
    let _ = served.await;
}

/// Errors `accept` returns about the one connection that failed, not about the listener.
fn is_about_one_connection(err: &std::io::Error) -> bool {
    use std::io::ErrorKind::{ConnectionAborted, ConnectionRefused, ConnectionReset};
    matches!(err.kind(), ConnectionRefused | ConnectionAborted | ConnectionReset)
}

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use axum::routing::get;
    use tokio::sync::oneshot;

    use super::*;

    /// Serves `app` on a free port until the returned sender fires; the task ends when `run` does.
    async fn start(app: Router, grace: Duration) -> (String, oneshot::Sender<()>, tokio::task::JoinHandle<()>) {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("a free port");
        let url = format!("http://{}", listener.local_addr().expect("its address"));
        let (stop, stopped) = oneshot::channel::<()>();
        let served = tokio::spawn(async move {
            run(listener, app, async { stopped.await.unwrap_or(()) }, grace).await.expect("serving");
        });
        (url, stop, served)
    }

    #[tokio::test]
    async fn every_request_knows_the_address_it_came_from() {
        let app = Router::new()
            .route("/who", get(|ConnectInfo(peer): ConnectInfo<SocketAddr>| async move { peer.ip().to_string() }));
        let (url, stop, served) = start(app, GRACE).await;
        let said = reqwest::get(format!("{url}/who")).await.expect("an answer").text().await.expect("text");
        assert_eq!(said, "127.0.0.1");
        stop.send(()).expect("still serving");
        served.await.expect("stopped cleanly");
    }

    #[tokio::test]
    async fn a_shutdown_lets_an_open_request_finish() {
        let app = Router::new().route(
            "/slow",
            get(|| async {
                tokio::time::sleep(Duration::from_millis(400)).await;
                "finished"
            }),
        );
        let (url, stop, served) = start(app, GRACE).await;
        let asked = tokio::spawn(async move { reqwest::get(format!("{url}/slow")).await?.text().await });
        tokio::time::sleep(Duration::from_millis(100)).await;
        stop.send(()).expect("still serving");
        assert_eq!(asked.await.expect("the client ran").expect("an answer despite the shutdown"), "finished");
        served.await.expect("stopped cleanly");
    }

    #[tokio::test]
    async fn a_shutdown_does_not_wait_for_ever_on_a_stream_that_never_ends() {
        let endless = || async {
            let never = futures_util::stream::pending::<Result<axum::body::Bytes, std::io::Error>>();
            Body::from_stream(never)
        };
        let app = Router::new().route("/endless", get(endless));
        let (url, stop, served) = start(app, Duration::from_millis(300)).await;
        let response = reqwest::get(format!("{url}/endless")).await.expect("the stream opens");
        assert!(response.status().is_success());
        let asked_to_stop = Instant::now();
        stop.send(()).expect("still serving");
        tokio::time::timeout(Duration::from_secs(5), served).await.expect("stopped after the grace").expect("cleanly");
        assert!(asked_to_stop.elapsed() >= Duration::from_millis(300), "waited the grace for the stream first");
        drop(response);
    }
}
