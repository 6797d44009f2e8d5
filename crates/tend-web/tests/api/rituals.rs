//! Daily rituals through the API: the reveal-after-both rule (across the writer's day end), the
//! shared timer live on the other device, and what bad input gets.

use jiff::{SignedDuration, Timestamp};
use reqwest::StatusCode;
use serde_json::{json, Value};
use tend_store::Backend;

use tend_web::clock::Clock;

use crate::helpers::{Events, Person, TestApp};

on_both_backends!(
    a_daily_answer_stays_hidden_until_both_answered_and_says_nothing_before,
    a_daily_answer_shows_once_the_writers_day_is_over,
    the_couple_schedules_rituals_and_bad_schedules_change_nothing,
    the_screen_free_timer_reaches_the_other_device_and_can_be_joined,
);

async fn answer(app: &TestApp, who: &Person, kind: &str, text: &str) -> StatusCode {
    app.call(Some(who), "POST", &format!("/api/v1/rituals/{kind}/answer"), Some(json!({"text": text}))).await.status()
}

async fn day_bytes(app: &TestApp, who: &Person, query: &str) -> String {
    let res = app.call(Some(who), "GET", &format!("/api/v1/rituals/day{query}"), None).await;
    assert_eq!(res.status(), StatusCode::OK);
    res.text().await.unwrap()
}

fn morning(day: &Value) -> &Value {
    day["rituals"].as_array().unwrap().iter().find(|r| r["kind"] == "morning").unwrap()
}

async fn a_daily_answer_stays_hidden_until_both_answered_and_says_nothing_before(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = app.couple("Ana", "Ben").await;
    let before = day_bytes(&app, &ben, "").await;
    assert_eq!(answer(&app, &ana, "morning", "Hoping for a slow breakfast.").await, StatusCode::OK);
    let after = day_bytes(&app, &ben, "").await;
    assert_eq!(before, after, "Ben's view is byte-identical whether or not Ana answered");
    let (_, mine) = app.get(&ana, "/api/v1/rituals/day").await;
    assert_eq!(morning(&mine)["mine"], "Hoping for a slow breakfast.");
    assert!(morning(&mine)["partner"].is_null());
    assert_eq!(answer(&app, &ben, "morning", "A quiet commute.").await, StatusCode::OK);
    let (_, his) = app.get(&ben, "/api/v1/rituals/day").await;
    assert_eq!(morning(&his)["partner"], "Hoping for a slow breakfast.", "both answered: both see");
    let (_, hers) = app.get(&ana, "/api/v1/rituals/day").await;
    assert_eq!(morning(&hers)["partner"], "A quiet commute.");
    let evening = hers["rituals"].as_array().unwrap().iter().find(|r| r["kind"] == "evening").unwrap();
    assert!(evening["partner"].is_null(), "each ritual is its own prompt");
    assert!(!hers.to_string().contains("answered_at"), "no read receipts, no times");
}

/// The first instant of tomorrow in Berlin, where the test people live.
fn berlin_midnight_after(now: Timestamp) -> Timestamp {
    let zone = jiff::tz::TimeZone::get("Europe/Berlin").unwrap();
    now.to_zoned(zone.clone()).date().tomorrow().unwrap().to_zoned(zone).unwrap().timestamp()
}

async fn a_daily_answer_shows_once_the_writers_day_is_over(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = app.couple("Ana", "Ben").await;
    assert_eq!(answer(&app, &ana, "appreciation", "Thank you for the soup.").await, StatusCode::OK);
    let (_, today) = app.get(&ben, "/api/v1/rituals/day").await;
    let day = today["day"].as_str().unwrap().to_owned();
    let midnight = berlin_midnight_after(app.clock.now());
    app.clock.advance(midnight.duration_since(app.clock.now()) - SignedDuration::from_secs(1));
    let (_, still) = app.get(&ben, &format!("/api/v1/rituals/day?day={day}")).await;
    assert!(still["rituals"][3]["partner"].is_null(), "hidden until Ana's day ends");
    app.clock.advance(SignedDuration::from_secs(1));
    let (_, after) = app.get(&ben, &format!("/api/v1/rituals/day?day={day}")).await;
    assert_eq!(after["rituals"][3]["partner"], "Thank you for the soup.");
    let (status, _) = app.get(&ben, "/api/v1/rituals/day?day=1999-01-01").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "only the last two months");
}

async fn the_couple_schedules_rituals_and_bad_schedules_change_nothing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = app.couple("Ana", "Ben").await;
    let (_, defaults) = app.get(&ben, "/api/v1/rituals/schedule").await;
    assert_eq!(
        defaults[0],
        json!({"kind": "morning", "enabled": false, "days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], "time": "08:00"})
    );
    let schedule = json!({"rituals": [{"kind": "evening", "enabled": true, "days": ["fri", "sat"], "time": "21:15"}]});
    let res = app.call(Some(&ana), "PUT", "/api/v1/rituals/schedule", Some(schedule)).await;
    assert_eq!(res.status(), StatusCode::OK);
    let (_, seen) = app.get(&ben, "/api/v1/rituals/schedule").await;
    assert_eq!(
        seen[1],
        json!({"kind": "evening", "enabled": true, "days": ["fri", "sat"], "time": "21:15"}),
        "shared by the couple"
    );
    for bad in [
        json!({"rituals": [{"kind": "evening", "enabled": true, "days": ["someday"], "time": "21:15"}]}),
        json!({"rituals": [{"kind": "evening", "enabled": true, "days": ["fri"], "time": "25:00"}]}),
        json!({"rituals": [{"kind": "evening", "enabled": true, "days": [], "time": "21:00"}]}),
        json!({"rituals": [{"kind": "lunch", "enabled": true, "days": ["fri"], "time": "12:00"}]}),
        json!({"rituals": []}),
    ] {
        let res = app.call(Some(&ana), "PUT", "/api/v1/rituals/schedule", Some(bad.clone())).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
    }
    assert_eq!(app.get(&ben, "/api/v1/rituals/schedule").await.1, seen, "nothing changed");
    assert_eq!(answer(&app, &ana, "morning", "   ").await, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(answer(&app, &ana, "morning", &"long ".repeat(120)).await, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(answer(&app, &ana, "screen_free", "nothing to write").await, StatusCode::NOT_FOUND);
    assert!(morning(&app.get(&ana, "/api/v1/rituals/day").await.1)["mine"].is_null());
}

async fn the_screen_free_timer_reaches_the_other_device_and_can_be_joined(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = app.couple("Ana", "Ben").await;
    let mut events = Events::open(&app, &ben).await;
    events.next().await;
    let started = std::time::Instant::now();
    let res = app.call(Some(&ana), "POST", "/api/v1/timer", Some(json!({"minutes": 15}))).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let event = events.next().await;
    assert!(event.contains("event: together"), "{event}");
    assert!(started.elapsed() < std::time::Duration::from_secs(2), "reached Ben in {:?}", started.elapsed());
    let (_, seen) = app.get(&ben, "/api/v1/timer").await;
    assert_eq!(
        (seen["minutes"].clone(), seen["i_am_in"].clone(), seen["running"].clone()),
        (json!(15), json!(false), json!(true))
    );
    let joined: Value = app.call(Some(&ben), "POST", "/api/v1/timer/join", None).await.json().await.unwrap();
    assert_eq!((joined["together"].clone(), joined["i_am_in"].clone()), (json!(true), json!(true)));
    let again = app.call(Some(&ben), "POST", "/api/v1/timer", Some(json!({"minutes": 30}))).await;
    assert_eq!(again.json::<Value>().await.unwrap()["id"], joined["id"], "one timer at a time");
    app.clock.advance(SignedDuration::from_mins(16));
    let (_, done) = app.get(&ana, "/api/v1/timer").await;
    assert_eq!(done["running"], false, "it ends by itself");
    let (_, momentum) = app.get(&ana, "/api/v1/momentum").await;
    // Summed over the weeks shown: sixteen minutes on, late on a Sunday, is already next week.
    let minutes: i64 =
        momentum["weeks"].as_array().unwrap().iter().map(|w| w["minutes_together"].as_i64().unwrap()).sum();
    assert_eq!(minutes, 15, "the minutes are logged");
    let bad = app.call(Some(&ana), "POST", "/api/v1/timer", Some(json!({"minutes": 1}))).await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
}
