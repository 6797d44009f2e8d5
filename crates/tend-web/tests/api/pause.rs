//! The pause through the API and the live stream every open page listens to.

use jiff::SignedDuration;
use reqwest::StatusCode;
use serde_json::{json, Value};
use tend_store::Backend;

use crate::helpers::{Events, TestApp};

on_both_backends!(
    a_pause_keeps_at_least_twenty_minutes_of_quiet_and_either_ends_it_after,
    a_pause_reaches_the_partners_open_page_within_two_seconds,
    an_open_page_hears_a_pause_lapse_at_its_moment_though_nobody_acts
);

async fn a_pause_keeps_at_least_twenty_minutes_of_quiet_and_either_ends_it_after(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = app.couple("Ana", "Ben").await;
    assert_eq!(app.get(&ben, "/api/v1/pause").await.0, StatusCode::NOT_FOUND);
    let called: Value = app.call(Some(&ana), "POST", "/api/v1/pause", Some(json!({}))).await.json().await.unwrap();
    assert_eq!(called["called_by_me"], true);
    assert_eq!(called["can_end"], false);
    let (status, seen) = app.get(&ben, "/api/v1/pause").await;
    assert_eq!(
        (status, seen["id"].clone(), seen["called_by_me"].clone()),
        (StatusCode::OK, called["id"].clone(), json!(false))
    );
    let too_soon = app.call(Some(&ana), "POST", "/api/v1/pause/return", Some(json!({"return_in_minutes": 5}))).await;
    assert_eq!(too_soon.status(), StatusCode::UNPROCESSABLE_ENTITY, "the return comes after the quiet");
    let too_late =
        app.call(Some(&ana), "POST", "/api/v1/pause/return", Some(json!({"return_in_minutes": 25 * 60}))).await;
    assert_eq!(too_late.status(), StatusCode::UNPROCESSABLE_ENTITY, "and within a day");
    // The largest number there is: refused calmly, no overflow (it used to drop the connection).
    let huge = json!({"return_in_minutes": u32::MAX});
    let res = app.call(Some(&ana), "POST", "/api/v1/pause/return", Some(huge.clone())).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let (cat, _dan) = app.couple("Cat", "Dan").await;
    let res = app.call(Some(&cat), "POST", "/api/v1/pause", Some(huge)).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "calling a pause with it is refused too");
    assert_eq!(app.get(&cat, "/api/v1/pause").await.0, StatusCode::NOT_FOUND, "and no pause began");
    let not_his = app.call(Some(&ben), "POST", "/api/v1/pause/return", Some(json!({"return_in_minutes": 60}))).await;
    assert_eq!(not_his.status(), StatusCode::CONFLICT);
    let timed: Value = app
        .call(Some(&ana), "POST", "/api/v1/pause/return", Some(json!({"return_in_minutes": 60})))
        .await
        .json()
        .await
        .unwrap();
    assert!(timed["return_at"].is_string());
    assert_eq!(
        app.call(Some(&ben), "POST", "/api/v1/pause/end", None).await.status(),
        StatusCode::CONFLICT,
        "still quiet"
    );
    app.clock.advance(SignedDuration::from_mins(20));
    assert_eq!(app.call(Some(&ben), "POST", "/api/v1/pause/end", None).await.status(), StatusCode::NO_CONTENT);
    assert_eq!(app.get(&ana, "/api/v1/pause").await.0, StatusCode::NOT_FOUND);
    // A pause nobody ends is over a day later.
    app.call(Some(&ben), "POST", "/api/v1/pause", Some(json!({}))).await;
    app.clock.advance(SignedDuration::from_hours(24));
    assert_eq!(app.get(&ana, "/api/v1/pause").await.0, StatusCode::NOT_FOUND);
}

/// Several Tend processes on one PostgreSQL: a pause called through one reaches the partner's
/// page open on another at once, heard through the database (`LISTEN`/`NOTIFY`), not by asking
/// it every few seconds (the page's own quiet look comes only after five minutes).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pause_through_one_tend_reaches_the_partner_on_another_within_a_second() {
    let first = TestApp::spawn(Backend::Postgres).await;
    let second = first.beside().await;
    let (ana, ben) = first.couple("Ana", "Ben").await;
    let mut events = Events::open(&second, &ana).await;
    assert!(events.next().await.contains(r#"{"active":false}"#));
    // Give the second process's listener a moment to be listening.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let called = std::time::Instant::now();
    first.call(Some(&ben), "POST", "/api/v1/pause", Some(json!({}))).await;
    let event = events.next().await;
    assert!(event.contains("event: pause") && event.contains(r#"{"active":true}"#), "{event}");
    let took = called.elapsed();
    println!("a pause reached the other process's open page in {} ms", took.as_millis());
    assert!(took < std::time::Duration::from_secs(1), "took {took:?}");
}

async fn a_pause_reaches_the_partners_open_page_within_two_seconds(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = app.couple("Ana", "Ben").await;
    let mut events = Events::open(&app, &ana).await;
    assert!(events.next().await.contains(r#"{"active":false}"#));
    app.call(Some(&ben), "POST", "/api/v1/pause", Some(json!({}))).await;
    let event = events.next().await;
    assert!(event.contains("event: pause") && event.contains(r#"{"active":true}"#), "{event}");
    let anonymous = app.api.get(app.url("/events")).send().await.unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
}

/// An open page sleeps until someone acts or until the moment time alone changes what it shows:
/// a pause nobody ended lapses a day after it began, and the page hears so at that moment (the
/// stream's latest quiet look would come only after five minutes, past the two seconds allowed).
async fn an_open_page_hears_a_pause_lapse_at_its_moment_though_nobody_acts(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = app.couple("Ana", "Ben").await;
    app.call(Some(&ben), "POST", "/api/v1/pause", Some(json!({}))).await;
    app.clock.advance(SignedDuration::from_hours(24) - SignedDuration::from_millis(500));
    let mut events = Events::open(&app, &ana).await;
    assert!(events.next().await.contains(r#"{"active":true}"#));
    app.clock.advance(SignedDuration::from_secs(1));
    let event = events.next().await;
    assert!(event.contains("event: pause") && event.contains(r#"{"active":false}"#), "{event}");
}
