//! Bids for connection: what one partner sends shows on the other's Today, leaves it when
//! answered or set aside, tells the sender nothing about being seen, and reaches the receiver by
//! one neutral email at most an hour, outside quiet hours, only when they chose it.

use jiff::SignedDuration;
use reqwest::StatusCode;
use serde_json::{json, Value};
use tend_store::Backend;
use tend_web::clock::Clock;

use crate::authorization::world::checkup_answers;
use crate::helpers::{Person, TestApp};
use crate::mail::{mailer, neutral, next_berlin, parse, put, run};
use crate::smtp::SmtpSink;

on_both_backends!(
    every_bid_reaches_the_partners_today_and_leaves_when_answered,
    the_sender_sees_the_same_bytes_whether_or_not_a_bid_was_seen,
    a_bid_brings_one_neutral_email_an_hour_outside_quiet_hours_only_when_chosen,
);

async fn created_id(app: &TestApp, who: &Person, path: &str, body: Value) -> String {
    let res = app.call(Some(who), "POST", path, Some(body)).await;
    assert_eq!(res.status(), StatusCode::CREATED, "{path}");
    res.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_owned()
}

fn in_days(app: &TestApp, days: i64) -> jiff::civil::Date {
    app.clock.now().to_zoned(jiff::tz::TimeZone::get("Europe/Berlin").unwrap()).date() + jiff::ToSpan::days(days)
}

fn tomorrow_evening(app: &TestApp) -> String {
    format!("{}T19:00", in_days(app, 1))
}

/// Ana sends one of each kind of bid to Ben; returns their ids by kind.
async fn ana_reaches_out(app: &TestApp, ana: &Person) -> Vec<(&'static str, String)> {
    let invitation = json!({"text": "canary-bid: a walk after dinner?", "proposed_at": tomorrow_evening(app)});
    let invitation = created_id(app, ana, "/api/v1/invitations", invitation).await;
    let repair = created_id(app, ana, "/api/v1/repairs", json!({"kind": "apology"})).await;
    let agreement = json!({"kind": "time-together", "text": "canary-bid: Sunday walks.", "review_on": in_days(app, 30).to_string()});
    let agreement = created_id(app, ana, "/api/v1/agreements", agreement).await;
    let checkup = created_id(app, ana, "/api/v1/checkups", checkup_answers()).await;
    let shared = app.call(Some(ana), "POST", &format!("/api/v1/checkups/{checkup}/share"), None).await;
    assert!(shared.status().is_success());
    let entry = created_id(app, ana, "/api/v1/journal", json!({"text": "canary-bid: you made tea"})).await;
    let shared = app.call(Some(ana), "POST", &format!("/api/v1/journal/{entry}/share"), Some(json!({}))).await;
    assert!(shared.status().is_success());
    vec![
        ("invitation", invitation),
        ("repair", repair),
        ("agreement", agreement),
        ("checkup", checkup),
        ("journal", entry),
    ]
}

async fn bids_of(app: &TestApp, who: &Person) -> Vec<(String, String)> {
    let (status, body) = app.get(who, "/api/v1/bids").await;
    assert_eq!(status, StatusCode::OK);
    body.as_array()
        .unwrap()
        .iter()
        .map(|b| (b["kind"].as_str().unwrap().to_owned(), b["id"].as_str().unwrap().to_owned()))
        .collect()
}

async fn every_bid_reaches_the_partners_today_and_leaves_when_answered(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = app.couple("Ana", "Ben").await;
    assert!(bids_of(&app, &ben).await.is_empty(), "nothing waits before anything was sent");
    // A daily ritual answer is never a bid (nothing ever says "your partner answered").
    let ritual = app.call(Some(&ana), "POST", "/api/v1/rituals/morning/answer", Some(json!({"text": "calm"}))).await;
    assert_eq!(ritual.status(), StatusCode::OK);
    let sent = ana_reaches_out(&app, &ana).await;

    let waiting = bids_of(&app, &ben).await;
    for (kind, id) in &sent {
        assert!(waiting.contains(&(kind.to_string(), id.clone())), "{kind} is on Ben's Today: {waiting:?}");
    }
    assert_eq!(waiting.len(), sent.len(), "only what Ana sent: {waiting:?}");
    assert!(bids_of(&app, &ana).await.is_empty(), "the sender's own bids are not on her Today");
    let (_, listed) = app.get(&ben, "/api/v1/bids").await;
    let titles: Vec<&str> = listed.as_array().unwrap().iter().map(|b| b["title"].as_str().unwrap()).collect();
    assert!(titles.iter().all(|t| t.contains("Ana")), "each names who reached out: {titles:?}");

    // Answered where they live, or set aside on Today: each leaves the list.
    let id = |kind: &str| sent.iter().find(|(k, _)| *k == kind).unwrap().1.clone();
    let answer = json!({"answer": "other-time", "other_time": format!("{}T18:00", in_days(&app, 2))});
    let res =
        app.call(Some(&ben), "POST", &format!("/api/v1/invitations/{}/answer", id("invitation")), Some(answer)).await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = app.call(Some(&ben), "POST", &format!("/api/v1/repairs/{}/accept", id("repair")), None).await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = app.call(Some(&ben), "POST", &format!("/api/v1/agreements/{}/accept", id("agreement")), None).await;
    assert_eq!(res.status(), StatusCode::OK);
    for kind in ["checkup", "journal"] {
        let path = format!("/api/v1/bids/{kind}/{}/dismiss", id(kind));
        assert_eq!(app.call(Some(&ben), "POST", &path, None).await.status(), StatusCode::NO_CONTENT);
        // Setting aside twice, or something not waiting, is not found.
        assert_eq!(app.call(Some(&ben), "POST", &path, None).await.status(), StatusCode::NOT_FOUND);
    }
    assert!(bids_of(&app, &ben).await.is_empty(), "everything answered has left Today");
    let wrong = app.call(Some(&ben), "POST", &format!("/api/v1/bids/ritual/{}/dismiss", id("repair")), None).await;
    assert_eq!(wrong.status(), StatusCode::NOT_FOUND, "an unknown kind is not found");
    app.close().await;
}

async fn the_sender_sees_the_same_bytes_whether_or_not_a_bid_was_seen(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = app.couple("Ana", "Ben").await;
    let sent = ana_reaches_out(&app, &ana).await;
    let reads = [
        "/api/v1/bids",
        "/api/v1/today",
        "/api/v1/journal",
        "/api/v1/checkups",
        "/api/v1/invitations",
        "/api/v1/repairs",
        "/api/v1/agreements",
        "/api/v1/me/security-log",
    ];
    let mut before = Vec::new();
    for path in reads {
        let res = app.call(Some(&ana), "GET", path, None).await;
        before.push((path, res.status(), res.bytes().await.unwrap()));
    }
    // Ben sees everything and sets the shared ones aside.
    assert_eq!(bids_of(&app, &ben).await.len(), sent.len());
    for (kind, id) in sent.iter().filter(|(k, _)| matches!(*k, "checkup" | "journal")) {
        let res = app.call(Some(&ben), "POST", &format!("/api/v1/bids/{kind}/{id}/dismiss"), None).await;
        assert_eq!(res.status(), StatusCode::NO_CONTENT);
    }
    for (path, status, bytes) in before {
        let res = app.call(Some(&ana), "GET", path, None).await;
        assert_eq!(res.status(), status, "{path}");
        assert_eq!(res.bytes().await.unwrap(), bytes, "{path}: Ana learns nothing of what Ben saw");
    }
    app.close().await;
}

async fn a_bid_brings_one_neutral_email_an_hour_outside_quiet_hours_only_when_chosen(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let sink = SmtpSink::start().await;
    let mailer = mailer(&sink);
    let (ana, ben) = app.couple("Ana", "Ben").await;
    // 10:00 in Berlin. Ben has not chosen to hear about bids: nothing is sent.
    let morning = next_berlin(app.clock.now(), 10, 0);
    app.clock.advance(morning.duration_since(app.clock.now()));
    created_id(&app, &ana, "/api/v1/repairs", json!({"kind": "humor"})).await;
    assert_eq!(run(&app, &mailer).await, 0, "no email unless Ben chose it");

    let settings = json!({"kinds": ["bids"], "digest": false, "quiet_start": "21:00", "quiet_end": "08:00"});
    assert_eq!(put(&app, &ben, "/api/v1/reminders", settings).await, StatusCode::OK);
    // 22:05: inside Ben's quiet hours, the email waits for their end.
    let late = next_berlin(app.clock.now(), 22, 5);
    app.clock.advance(late.duration_since(app.clock.now()));
    let invitation = json!({"text": "canary-bid: tea tomorrow?", "proposed_at": tomorrow_evening(&app)});
    created_id(&app, &ana, "/api/v1/invitations", invitation).await;
    assert_eq!(run(&app, &mailer).await, 0, "nothing inside quiet hours");
    app.clock.advance(SignedDuration::from_mins(9 * 60 + 56));
    assert_eq!(run(&app, &mailer).await, 1, "at 08:01 the one email goes");
    let email = parse(&sink.messages()[0]);
    assert_eq!(email.subject, "Something new in Tend");
    neutral(&email);
    assert!(!email.text.contains("invitation") && !email.text.contains("repair"), "not even the kind: {}", email.text);

    // More bids within the hour: no more email.
    app.clock.advance(SignedDuration::from_mins(10));
    created_id(&app, &ana, "/api/v1/repairs", json!({"kind": "apology"})).await;
    let entry = created_id(&app, &ana, "/api/v1/journal", json!({"text": "canary-bid: thank you"})).await;
    app.call(Some(&ana), "POST", &format!("/api/v1/journal/{entry}/share"), Some(json!({}))).await;
    assert_eq!(run(&app, &mailer).await, 0, "at most one an hour");
    // An hour on, the next bid brings the next email.
    app.clock.advance(SignedDuration::from_mins(61));
    created_id(&app, &ana, "/api/v1/repairs", json!({"kind": "start-over"})).await;
    assert_eq!(run(&app, &mailer).await, 1);
    assert_eq!(sink.messages().len(), 2);
    app.close().await;
}
