//! Email end to end: reminders planned from people's own schedules, in their own time zone and
//! outside their quiet hours, once; the free course with double opt-in and a one-click
//! unsubscribe; retries and dead letters; and many workers sharing one outbox. A real SMTP
//! server on loopback receives every message and `mail-parser` reads it.

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
    reminders_arrive_at_their_local_time_outside_quiet_hours_once_and_neutral,
    a_digest_gathers_the_day_and_low_capacity_always_gets_one,
    the_free_course_is_double_opt_in_and_stops_with_one_click,
    a_failing_smtp_server_is_retried_with_backoff_and_then_given_up,
    many_workers_deliver_every_job_exactly_once,
    after_the_eight_weeks_tips_come_only_to_those_who_asked,
    the_weekly_check_reminder_comes_on_the_chosen_day,
    a_new_plan_week_a_capsule_an_agreement_and_a_pause_each_bring_a_reminder_on_their_day,
);

struct Parsed {
    subject: String,
    text: String,
    html: String,
    unsubscribe: Option<String>,
    unsubscribe_post: Option<String>,
}

fn parse(raw: &[u8]) -> Parsed {
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
fn next_berlin(now: Timestamp, hh: i8, mm: i8) -> Timestamp {
    let zone = jiff::tz::TimeZone::get("Europe/Berlin").unwrap();
    let today = now.to_zoned(zone.clone()).date();
    let at = |d: jiff::civil::Date| d.at(hh, mm, 0, 0).to_zoned(zone.clone()).unwrap().timestamp();
    if at(today) > now {
        at(today)
    } else {
        at(today.tomorrow().unwrap())
    }
}

async fn put(app: &TestApp, who: &Person, path: &str, body: Value) -> StatusCode {
    app.call(Some(who), "PUT", path, Some(body)).await.status()
}

async fn run(app: &TestApp, mailer: &Mailer) -> usize {
    let now = app.clock.now();
    planner::plan(&app.state, now).await.unwrap();
    worker::deliver_due(app.state.store.as_ref(), mailer, now).await.unwrap()
}

fn mailer(sink: &SmtpSink) -> Mailer {
    Mailer::from_config(Some(&sink.url()), "Tend <tend@example.org>").unwrap()
}

async fn couple_with_rituals(app: &TestApp) -> (Person, Person) {
    let (ana, ben) = app.couple("Ana", "Ben").await;
    let schedule = json!({"rituals": [
        {"kind": "morning", "enabled": true, "days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], "time": "08:30"},
        {"kind": "evening", "enabled": true, "days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], "time": "22:00"},
    ]});
    assert_eq!(put(app, &ana, "/api/v1/rituals/schedule", schedule).await, StatusCode::OK);
    // Private words that must never travel by email.
    app.call(Some(&ben), "POST", "/api/v1/journal", Some(json!({"text": "canary-journal-mail"}))).await;
    app.call(Some(&ben), "POST", "/api/v1/rituals/morning/answer", Some(json!({"text": "canary-ritual-mail"}))).await;
    (ana, ben)
}

fn neutral(p: &Parsed) {
    for part in [&p.subject, &p.text, &p.html] {
        for private in ["canary", "Ben", "Ana"] {
            assert!(!part.contains(private), "an email carried {private:?}: {part}");
        }
        assert!(!part.contains("<img"), "no images, no pixels");
    }
    assert!(!p.text.is_empty() && !p.html.is_empty(), "both parts are there");
}

async fn reminders_arrive_at_their_local_time_outside_quiet_hours_once_and_neutral(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let sink = SmtpSink::start().await;
    let mailer = mailer(&sink);
    let (ana, _ben) = couple_with_rituals(&app).await;
    let settings = json!({"kinds": ["rituals"], "digest": false, "quiet_start": "21:00", "quiet_end": "08:00"});
    assert_eq!(put(&app, &ana, "/api/v1/reminders", settings).await, StatusCode::OK);
    let bad = json!({"kinds": ["everything"], "digest": false, "quiet_start": "21:00", "quiet_end": "08:00"});
    assert_eq!(put(&app, &ana, "/api/v1/reminders", bad).await, StatusCode::UNPROCESSABLE_ENTITY);
    // 22:05: the evening ritual's time has come, but it is inside Ana's quiet hours.
    let evening = next_berlin(app.clock.now(), 22, 5);
    app.clock.advance(evening.duration_since(app.clock.now()));
    run(&app, &mailer).await;
    assert!(sink.messages().is_empty(), "nothing inside quiet hours");
    // 08:05 the next morning: the evening reminder arrives now that the quiet hours are over.
    app.clock.advance(SignedDuration::from_mins(10 * 60));
    assert_eq!(run(&app, &mailer).await, 1);
    let first = parse(&sink.messages()[0]);
    assert_eq!(first.subject, "A gentle reminder from Tend");
    assert!(first.text.contains("Evening one-thing"), "{}", first.text);
    neutral(&first);
    assert!(first.unsubscribe.is_none(), "reminders are stopped in settings, not by a list header");
    // 08:31: the morning ritual at 08:30, once however often the planner runs.
    app.clock.advance(SignedDuration::from_mins(26));
    assert_eq!(run(&app, &mailer).await, 1);
    app.clock.advance(SignedDuration::from_mins(1));
    assert_eq!(run(&app, &mailer).await, 0, "planned again, sent once");
    let messages = sink.messages();
    assert_eq!(messages.len(), 2);
    let second = parse(&messages[1]);
    assert!(second.text.contains("Morning micro-check"));
    neutral(&second);
}

async fn a_digest_gathers_the_day_and_low_capacity_always_gets_one(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let sink = SmtpSink::start().await;
    let mailer = mailer(&sink);
    let (ana, _ben) = couple_with_rituals(&app).await;
    let settings = json!({"kinds": ["rituals"], "digest": false, "quiet_start": "21:00", "quiet_end": "08:00"});
    put(&app, &ana, "/api/v1/reminders", settings).await;
    put(&app, &ana, "/api/v1/situation", json!({"situation": "low_capacity"})).await;
    let morning = next_berlin(app.clock.now(), 8, 5);
    app.clock.advance(morning.duration_since(app.clock.now()));
    assert_eq!(run(&app, &mailer).await, 1, "one gentle email for the day");
    let digest = parse(&sink.messages()[0]);
    assert!(
        digest.text.contains("Morning micro-check") && digest.text.contains("Evening one-thing"),
        "{}",
        digest.text
    );
    neutral(&digest);
    app.clock.advance(SignedDuration::from_mins(30));
    assert_eq!(run(&app, &mailer).await, 0, "and nothing else that day");
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

async fn the_weekly_check_reminder_comes_on_the_chosen_day(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let sink = SmtpSink::start().await;
    let mailer = mailer(&sink);
    let (ana, _ben) = app.couple("Ana", "Ben").await;
    let zone = jiff::tz::TimeZone::get("Europe/Berlin").unwrap();
    let tomorrow = app.clock.now().to_zoned(zone.clone()).date().tomorrow().unwrap();
    let day = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][tomorrow.weekday().to_monday_zero_offset() as usize];
    let settings = json!({"kinds": ["weekly_check"], "digest": false, "quiet_start": "21:00", "quiet_end": "08:00",
        "weekly_check_day": day, "weekly_check_time": "18:30"});
    assert_eq!(put(&app, &ana, "/api/v1/reminders", settings).await, StatusCode::OK);
    let (_, saved) = app.get(&ana, "/api/v1/reminders").await;
    assert_eq!((saved["weekly_check_day"].as_str(), saved["weekly_check_time"].as_str()), (Some(day), Some("18:30")));
    let at = tomorrow.at(18, 31, 0, 0).to_zoned(zone).unwrap().timestamp();
    app.clock.advance(at.duration_since(app.clock.now()) - SignedDuration::from_hours(24));
    assert_eq!(run(&app, &mailer).await, 0, "not the day before");
    app.clock.advance(SignedDuration::from_hours(24));
    assert_eq!(run(&app, &mailer).await, 1);
    assert!(parse(&sink.messages()[0]).text.contains("Your weekly check"));
}

async fn a_new_plan_week_a_capsule_an_agreement_and_a_pause_each_bring_a_reminder_on_their_day(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let sink = SmtpSink::start().await;
    let mailer = mailer(&sink);
    let (ana, ben) = app.couple("Ana", "Ben").await;
    let kinds = json!({"kinds": ["plan", "capsule", "agreements", "pause"], "digest": false,
                       "quiet_start": "21:00", "quiet_end": "08:00"});
    assert_eq!(put(&app, &ana, "/api/v1/reminders", kinds).await, StatusCode::OK);

    // A pause Ben calls at 10:00 with a return at 12:00 reminds Ana then, not before.
    let ten = next_berlin(app.clock.now(), 10, 0);
    app.clock.advance(ten.duration_since(app.clock.now()));
    let pause = app.call(Some(&ben), "POST", "/api/v1/pause", Some(json!({"return_in_minutes": 120}))).await;
    assert!(pause.status().is_success(), "{}", pause.status());
    app.clock.advance(SignedDuration::from_mins(119));
    assert_eq!(run(&app, &mailer).await, 0, "not before the return time");
    app.clock.advance(SignedDuration::from_mins(2));
    assert_eq!(run(&app, &mailer).await, 1);
    let back = parse(&sink.messages()[0]);
    assert!(back.text.contains("come back after a pause"), "{}", back.text);
    neutral(&back);
    app.call(Some(&ben), "DELETE", "/api/v1/pause", None).await;

    // Eight days ahead: the plan begins, a capsule opens and an agreement is due, all that morning.
    let zone = jiff::tz::TimeZone::get("Europe/Berlin").unwrap();
    let day = app.clock.now().to_zoned(zone.clone()).date() + jiff::ToSpan::days(8);
    let on = json!(day.to_string());
    let started = app.call(Some(&ana), "POST", "/api/v1/plan", Some(json!({"starts_on": on}))).await;
    assert!(started.status().is_success(), "{}", started.status());
    let sealed =
        app.call(Some(&ben), "POST", "/api/v1/capsules", Some(json!({"hopes": "canary-hope", "opens_on": on}))).await;
    assert!(sealed.status().is_success(), "{}", sealed.status());
    let agreement: Value = app
        .call(
            Some(&ana),
            "POST",
            "/api/v1/agreements",
            Some(json!({"kind": "time-together", "text": "canary-agreement", "review_on": on})),
        )
        .await
        .json()
        .await
        .unwrap();
    let id = agreement["id"].as_str().unwrap();
    let accepted = app.call(Some(&ben), "POST", &format!("/api/v1/agreements/{id}/accept"), None).await;
    assert!(accepted.status().is_success(), "{}", accepted.status());
    let seven = day.at(7, 55, 0, 0).to_zoned(zone.clone()).unwrap().timestamp();
    app.clock.advance(seven.duration_since(app.clock.now()));
    assert_eq!(run(&app, &mailer).await, 0, "still inside the quiet hours");
    app.clock.advance(SignedDuration::from_mins(10));
    assert_eq!(run(&app, &mailer).await, 3);
    let texts: Vec<String> = sink.messages()[1..].iter().map(|raw| parse(raw).text).collect();
    for line in ["A new week of your plan has begun", "A time capsule can be opened", "An agreement is due"] {
        assert!(texts.iter().any(|t| t.contains(line)), "{line:?} in {texts:?}");
    }
    for raw in &sink.messages()[1..] {
        neutral(&parse(raw));
    }
    app.clock.advance(SignedDuration::from_mins(1));
    assert_eq!(run(&app, &mailer).await, 0, "each once");
}
