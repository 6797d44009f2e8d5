//! Whether an account exists cannot be told from how long Tend takes to answer: a log-in with a
//! wrong password for a known email and one for an unknown email, and a sign-up with a new and
//! with a taken email, take the same time within noise (each pair interleaved, medians compared).
//! Timing on a busy machine is noisy, so the ordinary test run skips these and
//! `scripts/scorecard` runs them on their own; and a comparison that noise spoiled is measured
//! again, up to three times (a real difference shows every time, a busy moment does not).

use std::time::{Duration, Instant};

use serde_json::json;
use tend_store::Backend;

use crate::helpers::TestApp;

const ROUNDS: usize = 15;
const TRIES: usize = 3;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "timing: scripts/scorecard runs it alone"]
async fn sqlite_answers_take_the_same_time_whether_or_not_the_account_exists() {
    answers_take_the_same_time_whether_or_not_the_account_exists(Backend::Sqlite).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "timing: scripts/scorecard runs it alone"]
async fn postgres_answers_take_the_same_time_whether_or_not_the_account_exists() {
    answers_take_the_same_time_whether_or_not_the_account_exists(Backend::Postgres).await
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// The medians of `known` and `unknown`, timed alternately, and whether they are within noise:
/// the difference under a quarter of the larger (the work itself, an argon2 hash, is the same).
async fn compare<F, G, Fk, Fu>(known: F, unknown: G) -> (Duration, Duration, bool)
where
    F: Fn(usize) -> Fk,
    G: Fn(usize) -> Fu,
    Fk: std::future::Future<Output = reqwest::StatusCode>,
    Fu: std::future::Future<Output = reqwest::StatusCode>,
{
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        let started = Instant::now();
        let status_known = known(round).await;
        a.push(started.elapsed());
        let started = Instant::now();
        let status_unknown = unknown(round).await;
        b.push(started.elapsed());
        assert_eq!(status_known, status_unknown, "the same answer either way");
    }
    let (a, b) = (median(a), median(b));
    let within = a.abs_diff(b) * 4 < a.max(b);
    (a, b, within)
}

async fn answers_take_the_same_time_whether_or_not_the_account_exists(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.person("Ana").await;
    let log_in = |email: String| {
        let body = json!({"email": email, "password": "not the password at all"});
        let req = app.api.post(app.url("/api/v1/sessions")).json(&body);
        async move { req.send().await.unwrap().status() }
    };
    let sign_up = |email: String| {
        let body = json!({"display_name": "Someone", "email": email, "password": "a long enough password", "time_zone": "UTC"});
        let req = app.api.post(app.url("/api/v1/accounts")).json(&body);
        async move { req.send().await.unwrap().status() }
    };
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let mut tries = Vec::new();
    for attempt in 0..TRIES {
        let fresh = |n: usize| attempt * ROUNDS + n;
        let (known, unknown, login_ok) =
            compare(|_| log_in("ana@example.org".into()), |n| log_in(format!("nobody{}@example.org", fresh(n)))).await;
        let (taken, new, signup_ok) =
            compare(|_| sign_up("ana@example.org".into()), |n| sign_up(format!("new{}@example.org", fresh(n)))).await;
        tries.push(format!(
            "log-in median {:.1} ms known, {:.1} ms unknown; sign-up median {:.1} ms taken, {:.1} ms new",
            ms(known),
            ms(unknown),
            ms(taken),
            ms(new)
        ));
        if login_ok && signup_ok {
            println!("scorecard: {backend:?}: {} (try {} of {TRIES})", tries.last().unwrap(), attempt + 1);
            return;
        }
    }
    panic!("a difference in every one of {TRIES} tries:\n{}", tries.join("\n"));
}
