//! Load without loss (the scorecard's row 15): 64 people answer their evening ritual as fast as
//! they can for a minute (`TEND_LOAD_SECONDS`) while the real outbox worker plans their own
//! reminders and delivers waves of others' to an SMTP server on loopback. Every write must be
//! answered without an error, every acknowledged answer must be there afterwards, and every email
//! must arrive exactly once. A minute of full load would slow the rest of the suite, so the tests
//! are ignored there and `scripts/scorecard` runs them.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use jiff::SignedDuration;
use reqwest::StatusCode;
use serde_json::{json, Value};
use tend_store::Backend;
use tend_web::clock::Clock;
use tend_web::mail::{messages, worker};

use crate::helpers::{Person, TestApp};
use crate::mail::{mailer, next_berlin, put};
use crate::smtp::SmtpSink;

const COUPLES: usize = 32;
/// Others' reminders queued every five seconds while the writers write.
const WAVE: usize = 500;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a minute of full load: scripts/scorecard runs it"]
async fn sqlite_load_without_loss_while_reminders_are_sent() {
    load_without_loss_while_reminders_are_sent(Backend::Sqlite).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a minute of full load: scripts/scorecard runs it"]
async fn postgres_load_without_loss_while_reminders_are_sent() {
    load_without_loss_while_reminders_are_sent(Backend::Postgres).await
}

/// What one writer saw: its last acknowledged answer and how many requests failed.
struct Written {
    last_acknowledged: u64,
    errors: u64,
}

async fn write_for(app: &TestApp, who: Person, until: Instant) -> Written {
    // One keep-alive connection per person, like a phone.
    let client = reqwest::Client::new();
    let url = app.url("/api/v1/rituals/evening/answer");
    let mut written = Written { last_acknowledged: 0, errors: 0 };
    let mut seq = 0;
    while Instant::now() < until {
        seq += 1;
        let sent = client.post(&url).bearer_auth(&who.token).json(&json!({"text": format!("seq {seq}")})).send().await;
        match sent {
            Ok(res) if res.status().is_success() => written.last_acknowledged = seq,
            _ => written.errors += 1,
        }
    }
    written
}

async fn load_without_loss_while_reminders_are_sent(backend: Backend) {
    let seconds: u64 = std::env::var("TEND_LOAD_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(60);
    let app = TestApp::spawn(backend).await;
    let sink = SmtpSink::start().await;
    // 11:59 in Berlin; everyone's evening ritual reminder is set for 12:00.
    let start = next_berlin(app.clock.now(), 11, 59);
    app.clock.advance(start.duration_since(app.clock.now()));
    let mut people = Vec::new();
    for n in 0..COUPLES {
        let (a, b) = app.couple(&format!("Ana{n}"), &format!("Ben{n}")).await;
        let schedule = json!({"rituals": [{"kind": "evening", "enabled": true,
            "days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], "time": "12:00"}]});
        assert_eq!(put(&app, &a, "/api/v1/rituals/schedule", schedule).await, StatusCode::OK);
        for who in [&a, &b] {
            let settings = json!({"kinds": ["rituals"], "digest": false, "quiet_start": "21:00", "quiet_end": "08:00"});
            assert_eq!(put(&app, who, "/api/v1/reminders", settings).await, StatusCode::OK);
        }
        people.extend([a, b]);
    }
    let worker = tokio::spawn(worker::run(app.state.clone(), mailer(&sink), worker::QUIET_LOOK));

    let until = Instant::now() + Duration::from_secs(seconds);
    let writers: Vec<_> = people.iter().cloned().map(|who| write_for(&app, who, until)).collect();
    let queue_waves = async {
        // The ritual's time comes: the worker plans the 64 reminders on its next pass.
        app.clock.advance(SignedDuration::from_mins(1));
        let mut queued = 0;
        let mut wave = 0;
        while Instant::now() + Duration::from_secs(5) < until {
            let now = app.clock.now();
            let jobs: Vec<_> = (0..WAVE)
                .map(|i| {
                    let email = messages::reminder(&app.address, &["Evening one-thing".to_owned()]);
                    email.job(format!("load:{wave}:{i}"), "reminder", &format!("other{i}@example.org"), None, now)
                })
                .collect();
            queued += app.state.store.enqueue_all(&jobs).await.unwrap();
            wave += 1;
            tokio::time::sleep(Duration::from_secs(5)).await;
        }
        queued
    };
    let (written, others) = tokio::join!(futures_util::future::join_all(writers), queue_waves);

    // Every write answered, and every acknowledged answer (the last one each person got) is there.
    let errors: u64 = written.iter().map(|w| w.errors).sum();
    let acknowledged: u64 = written.iter().map(|w| w.last_acknowledged).sum();
    assert_eq!(errors, 0, "requests that failed under load");
    assert!(acknowledged > 64 * 10, "the writers got through: {acknowledged} answers");
    for (who, w) in people.iter().zip(&written) {
        let (status, day) = app.get(who, "/api/v1/rituals/day").await;
        assert_eq!(status, StatusCode::OK);
        let mine = day["rituals"].as_array().unwrap().iter().find(|r| r["kind"] == "evening").unwrap()["mine"].clone();
        assert_eq!(mine, Value::String(format!("seq {}", w.last_acknowledged)), "the last acknowledged answer");
    }

    // Every email arrives once: the 64 reminders and every wave of others'.
    let expected = people.len() + others;
    let deadline = Instant::now() + Duration::from_secs(60);
    while sink.messages().len() < expected && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    worker.abort();
    let messages = sink.messages();
    let ids: HashSet<String> = messages
        .iter()
        .map(|m| {
            let parsed = mail_parser::MessageParser::default().parse(m).unwrap();
            parsed.message_id().unwrap_or_default().to_owned()
        })
        .collect();
    assert_eq!(messages.len(), expected, "every email sent");
    assert_eq!(ids.len(), messages.len(), "no email sent twice");
    let counts = app.state.store.outbox_counts().await.unwrap();
    assert_eq!((counts.queued, counts.dead), (0, 0), "nothing left behind or given up");
    println!(
        "scorecard: {backend:?}: {seconds} s, 64 writers, {acknowledged} acknowledged answers, errors {errors}, \
         lost 0; {} emails delivered, duplicates 0",
        messages.len()
    );
}
