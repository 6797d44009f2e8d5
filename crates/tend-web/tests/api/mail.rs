//! Email end to end: the free course with double opt-in and a one-click unsubscribe; retries
//! and dead letters; and many workers sharing one outbox. A real SMTP server on loopback
//! receives every message and `mail-parser` reads it; the helpers here serve `reminders.rs` too.

use jiff::{SignedDuration, Timestamp};
use mail_parser::MessageParser;
use reqwest::StatusCode;
use serde_json::{json, Value};
use tend_store::{Backend, OutboxJob};
use tend_web::clock::Clock;
use tend_web::mail::{planner, worker, Mailer};

use crate::helpers::{Person, TestApp};
use crate::smtp::SmtpSink;

on_both_backends!(
    the_free_course_is_double_opt_in_and_stops_with_one_click,
    a_failing_smtp_server_is_retried_with_backoff_and_then_given_up,
    an_smtp_server_that_never_answers_holds_the_worker_ten_seconds_not_minutes,
    many_workers_deliver_every_job_exactly_once,
    after_the_eight_weeks_tips_come_only_to_those_who_asked,
    a_request_that_queues_an_email_wakes_a_quiet_worker,
);

pub struct Parsed {
    pub subject: String,
    pub text: String,
    pub html: String,
    pub unsubscribe: Option<String>,
    pub unsubscribe_post: Option<String>,
}

pub fn parse(raw: &[u8]) -> Parsed {
    let m = MessageParser::default().parse(raw).expect("a parseable email");
    Parsed {
        subject: m.subject().unwrap_or_default().to_owned(),
        text: m.body_text(0).map(|t| t.into_owned()).unwrap_or_default(),
        html: m.body_html(0).map(|t| t.into_owned()).unwrap_or_default(),
        unsubscribe: m.header_raw("List-Unsubscribe").map(|v| v.trim().to_owned()),
        unsubscribe_post: m.header_raw("List-Unsubscribe-Post").map(|v| v.trim().to_owned()),
    }
}

/// The next time it is `hh:mm` in Berlin, where the test people live.
pub fn next_berlin(now: Timestamp, hh: i8, mm: i8) -> Timestamp {
    let zone = jiff::tz::TimeZone::get("Europe/Berlin").unwrap();
    let today = now.to_zoned(zone.clone()).date();
    let at = |d: jiff::civil::Date| d.at(hh, mm, 0, 0).to_zoned(zone.clone()).unwrap().timestamp();
    if at(today) > now {
        at(today)
    } else {
        at(today.tomorrow().unwrap())
    }
}

pub async fn put(app: &TestApp, who: &Person, path: &str, body: Value) -> StatusCode {
    app.call(Some(who), "PUT", path, Some(body)).await.status()
}

pub async fn run(app: &TestApp, mailer: &Mailer) -> usize {
    let now = app.clock.now();
    planner::plan(&app.state, now).await.unwrap();
    worker::deliver_due(app.state.store.as_ref(), mailer, now).await.unwrap()
}

pub fn mailer(sink: &SmtpSink) -> Mailer {
    Mailer::from_config(Some(&sink.url()), "Tend <tend@example.org>").unwrap()
}

pub fn neutral(p: &Parsed) {
    for part in [&p.subject, &p.text, &p.html] {
        for private in ["canary", "Ben", "Ana"] {
            assert!(!part.contains(private), "an email carried {private:?}: {part}");
        }
        assert!(!part.contains("<img"), "no images, no pixels");
    }
    assert!(!p.text.is_empty() && !p.html.is_empty(), "both parts are there");
}

async fn the_free_course_is_double_opt_in_and_stops_with_one_click(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let sink = SmtpSink::start().await;
    let mailer = mailer(&sink);
    let subscribe = |email: &str| app.api.post(app.url("/api/v1/guidance")).json(&json!({"email": email})).send();
    assert_eq!(subscribe("not an address").await.unwrap().status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(subscribe("reader@example.org").await.unwrap().status(), StatusCode::ACCEPTED);
    assert_eq!(run(&app, &mailer).await, 1, "only the confirmation goes to an unconfirmed address");
    let confirm = parse(&sink.messages()[0]);
    assert!(confirm.unsubscribe.is_none());
    let link = confirm.text.split_whitespace().find(|w| w.contains("/course/confirm/")).unwrap().to_owned();
    let token = link.rsplit('/').next().unwrap().to_owned();
    app.clock.advance(SignedDuration::from_hours(24 * 7));
    assert_eq!(run(&app, &mailer).await, 0, "a week later, still nothing without the confirmation");
    let confirmed =
        app.api.post(app.url("/api/v1/guidance/confirm")).json(&json!({"token": token})).send().await.unwrap();
    assert_eq!(confirmed.status(), StatusCode::NOT_FOUND, "the link expired after 48 hours");
    // Ask again, and confirm in time through the emailed link.
    subscribe("reader@example.org").await.unwrap();
    run(&app, &mailer).await;
    let again = parse(&sink.messages()[1]);
    let link = again.text.split_whitespace().find(|w| w.contains("/course/confirm/")).unwrap().to_owned();
    let page = app.api.get(link).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::SEE_OTHER);
    assert_eq!(run(&app, &mailer).await, 1, "week 1 goes at once");
    let week1 = parse(&sink.messages()[2]);
    assert_eq!(week1.subject, "Your Tend course, week 1 of 8");
    assert_eq!(week1.unsubscribe_post.as_deref(), Some("List-Unsubscribe=One-Click"));
    let unsubscribe = week1.unsubscribe.clone().unwrap().trim_matches(['<', '>']).to_owned();
    assert!(unsubscribe.contains("/course/unsubscribe/") && week1.text.contains(&unsubscribe), "a visible link too");
    assert_eq!(subscribe("reader@example.org").await.unwrap().status(), StatusCode::ACCEPTED, "the same answer");
    assert_eq!(run(&app, &mailer).await, 0, "and nothing sent to someone already receiving it");
    // A GET (a mail scanner following the link) only asks.
    let ask = app.api.get(&unsubscribe).send().await.unwrap();
    assert_eq!(ask.status(), StatusCode::OK);
    assert!(ask.text().await.unwrap().contains("Stop the free course?"));
    app.clock.advance(SignedDuration::from_hours(24 * 7));
    assert_eq!(run(&app, &mailer).await, 1, "week 2 a week later");
    // The one-click POST a mail program sends: no log-in, no form token.
    let one_click = app.api.post(&unsubscribe).body("List-Unsubscribe=One-Click").send().await.unwrap();
    assert_eq!(one_click.status(), StatusCode::SEE_OTHER);
    app.clock.advance(SignedDuration::from_hours(24 * 7));
    assert_eq!(run(&app, &mailer).await, 0, "stopped at once");
    for raw in sink.messages() {
        let p = parse(&raw);
        assert!(!p.text.is_empty() && !p.html.is_empty());
    }
}

fn job(id: &str, now: Timestamp) -> OutboxJob {
    OutboxJob {
        id: id.into(),
        person_id: None,
        subscriber_id: None,
        kind: "test".into(),
        to_address: "someone@example.org".into(),
        subject: "A gentle reminder from Tend".into(),
        text_body: "Hello".into(),
        html_body: "<p>Hello</p>".into(),
        unsubscribe_url: None,
        created_at: now,
        not_before: now,
        attempts: 0,
    }
}

async fn a_failing_smtp_server_is_retried_with_backoff_and_then_given_up(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let sink = SmtpSink::start().await;
    let mailer = mailer(&sink);
    let store = app.state.store.as_ref();
    let now = app.clock.now();
    store.enqueue_all(&[job("retried", now)]).await.unwrap();
    sink.refuse_next(2);
    assert_eq!(worker::deliver_due(store, &mailer, now).await.unwrap(), 0);
    assert_eq!(worker::deliver_due(store, &mailer, now).await.unwrap(), 0, "waits for its backoff");
    let later = now + SignedDuration::from_secs(31);
    assert_eq!(worker::deliver_due(store, &mailer, later).await.unwrap(), 0, "refused again");
    let later = later + SignedDuration::from_secs(61);
    assert_eq!(worker::deliver_due(store, &mailer, later).await.unwrap(), 1, "third time lucky");
    store.enqueue_all(&[job("dead", now)]).await.unwrap();
    sink.refuse_next(worker::MAX_ATTEMPTS);
    let mut at = later;
    for _ in 0..worker::MAX_ATTEMPTS {
        worker::deliver_due(store, &mailer, at).await.unwrap();
        at += SignedDuration::from_hours(2);
    }
    let counts = store.outbox_counts().await.unwrap();
    assert_eq!(
        (counts.sent, counts.dead, counts.queued),
        (1, 1, 0),
        "given up after {} attempts",
        worker::MAX_ATTEMPTS
    );
    assert_eq!(sink.messages().len(), 1);
}

/// A server that accepts the connection and then says nothing (no greeting): each try gives up
/// after ten seconds, all of the batch at once, and the messages wait in the outbox.
async fn an_smtp_server_that_never_answers_holds_the_worker_ten_seconds_not_minutes(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = silent.local_addr().unwrap();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((stream, _)) = silent.accept().await {
            held.push(stream);
        }
    });
    let mailer = Mailer::from_config(Some(&format!("smtp://{address}")), "Tend <tend@example.org>").unwrap();
    let store = app.state.store.as_ref();
    let now = app.clock.now();
    store.enqueue_all(&[job("one", now), job("two", now), job("three", now)]).await.unwrap();
    let started = std::time::Instant::now();
    assert_eq!(worker::deliver_due(store, &mailer, now).await.unwrap(), 0);
    let took = started.elapsed();
    println!("scorecard: an SMTP server that accepts and never answers held the worker {:.1} s for 3 messages, all kept for a later try", took.as_secs_f64());
    assert!(took < std::time::Duration::from_secs(15), "the worker waited {took:?}");
    let counts = store.outbox_counts().await.unwrap();
    assert_eq!((counts.sent, counts.dead, counts.queued), (0, 0, 3), "kept for a later try");
}

async fn many_workers_deliver_every_job_exactly_once(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let sink = SmtpSink::start().await;
    let now = app.clock.now();
    let store = app.state.store.clone();
    const JOBS: usize = 1000;
    let jobs: Vec<OutboxJob> = (0..JOBS).map(|i| job(&format!("bulk-{i:05}"), now)).collect();
    assert_eq!(store.enqueue_all(&jobs).await.unwrap(), JOBS);
    assert_eq!(store.enqueue_all(&jobs[..10]).await.unwrap(), 0, "a message id already queued is queued once");
    // A worker that claims a batch and stops before sending loses nothing: its claim runs out.
    let abandoned = store.claim_due(now, 50, now + SignedDuration::from_secs(1)).await.unwrap();
    assert_eq!(abandoned.len(), 50);
    let later = now + SignedDuration::from_secs(2);
    let workers: Vec<_> = (0..4)
        .map(|_| {
            let store = store.clone();
            let mailer = mailer(&sink);
            tokio::spawn(async move { worker::deliver_due(store.as_ref(), &mailer, later).await.unwrap() })
        })
        .collect();
    let mut sent = 0;
    for w in workers {
        sent += w.await.unwrap();
    }
    assert_eq!(sent, JOBS, "every job, the abandoned ones included");
    let ids: std::collections::BTreeSet<String> = sink
        .messages()
        .iter()
        .map(|raw| MessageParser::default().parse(raw).unwrap().message_id().unwrap().to_owned())
        .collect();
    assert_eq!((ids.len(), sink.messages().len()), (JOBS, JOBS), "each delivered exactly once");
}

async fn after_the_eight_weeks_tips_come_only_to_those_who_asked(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let sink = SmtpSink::start().await;
    let mailer = mailer(&sink);
    for (email, tips) in [("tips@example.org", true), ("plain@example.org", false)] {
        let res = app
            .api
            .post(app.url("/api/v1/guidance"))
            .json(&json!({"email": email, "tips": tips}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::ACCEPTED);
    }
    run(&app, &mailer).await;
    for raw in sink.messages() {
        let text = parse(&raw).text;
        let link = text.split_whitespace().find(|w| w.contains("/course/confirm/")).unwrap().to_owned();
        app.api.get(link).send().await.unwrap();
    }
    for _ in 0..10 {
        run(&app, &mailer).await;
        app.clock.advance(SignedDuration::from_hours(24 * 7));
    }
    let subjects: Vec<(String, String)> = sink
        .messages()
        .iter()
        .map(|raw| {
            let m = MessageParser::default().parse(raw).unwrap();
            (m.to().unwrap().first().unwrap().address().unwrap().to_owned(), m.subject().unwrap().to_owned())
        })
        .collect();
    let count = |to: &str, what: &str| subjects.iter().filter(|(t, s)| t == to && s.contains(what)).count();
    assert_eq!(
        (count("tips@example.org", "of 8"), count("plain@example.org", "of 8")),
        (8, 8),
        "eight course weeks each"
    );
    assert_eq!(count("tips@example.org", "small idea"), 2, "then a tip a week for those who asked");
    assert_eq!(count("plain@example.org", "small idea"), 0, "and nothing more for the others");
}

/// A worker with nothing to do looks again only after a quiet while (so it doesn't keep every
/// pooled connection busy), but an email a request queued goes at once: the request rings the bell.
async fn a_request_that_queues_an_email_wakes_a_quiet_worker(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let sink = SmtpSink::start().await;
    let worker = tokio::spawn(worker::run(app.state.clone(), mailer(&sink), std::time::Duration::from_secs(3600)));
    // Its first look finds nothing; from then on only the bell (or an hour) wakes it.
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    let subscribed = app.api.post(app.url("/api/v1/guidance")).json(&json!({"email": "reader@example.org"})).send();
    assert_eq!(subscribed.await.unwrap().status(), StatusCode::ACCEPTED);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while sink.messages().is_empty() && std::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    worker.abort();
    assert_eq!(sink.messages().len(), 1, "the confirmation went out within seconds, not an hour");
}
