//! Reminders end to end: planned from people's own schedules (rituals, the weekly check, a new
//! plan week, a capsule's day, an agreement's review, a pause's return), in their own time zone
//! and outside their quiet hours, once, as single emails or one digest; neutral every time.

use jiff::SignedDuration;
use reqwest::StatusCode;
use serde_json::{json, Value};
use tend_store::Backend;
use tend_web::clock::Clock;

use crate::helpers::{Person, TestApp};
use crate::mail::{mailer, neutral, next_berlin, parse, put, run};
use crate::smtp::SmtpSink;

on_both_backends!(
    reminders_arrive_at_their_local_time_outside_quiet_hours_once_and_neutral,
    a_digest_gathers_the_day_and_low_capacity_always_gets_one,
    the_weekly_check_reminder_comes_on_the_chosen_day,
    a_new_plan_week_a_capsule_an_agreement_and_a_pause_each_bring_a_reminder_on_their_day,
);

pub async fn couple_with_rituals(app: &TestApp) -> (Person, Person) {
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
