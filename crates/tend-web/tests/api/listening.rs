//! Active listening through the API, and on the stream both devices follow.

use reqwest::StatusCode;
use serde_json::{json, Value};
use tend_store::Backend;

use crate::helpers::{Events, TestApp};

on_both_backends!(
    each_partner_is_heard_once_and_a_clarification_asks_for_another_try,
    a_step_reaches_the_other_device_within_two_seconds
);

async fn each_partner_is_heard_once_and_a_clarification_asks_for_another_try(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = app.couple("Ana", "Ben").await;
    assert_eq!(
        app.call(Some(&ana), "POST", "/api/v1/listening", Some(json!({"minutes": 10}))).await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let started: Value =
        app.call(Some(&ana), "POST", "/api/v1/listening", Some(json!({"minutes": 2}))).await.json().await.unwrap();
    assert_eq!((started["phase"].clone(), started["i_am_speaking"].clone()), (json!("speaking"), json!(true)));
    assert_eq!(app.get(&ben, "/api/v1/listening").await.1["i_am_speaking"], false);
    let step = |who, body: Value| app.call(Some(who), "POST", "/api/v1/listening/step", Some(body));
    assert_eq!(step(&ben, json!({"action": "confirm"})).await.status(), StatusCode::CONFLICT, "out of turn");
    let stale = json!({"action": "finish-speaking", "version": started["version"].as_i64().unwrap() - 1});
    assert_eq!(step(&ben, stale).await.status(), StatusCode::CONFLICT, "a step on an old version counts for nothing");
    step(&ben, json!({"action": "finish-speaking"})).await;
    let missing = step(&ben, json!({"action": "paraphrase", "feeling": "tired"})).await;
    assert_eq!(missing.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let said: Value = step(&ben, json!({"action": "paraphrase", "feeling": "alone", "situation": "I work late"}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(said["paraphrase"], "It sounds like you felt alone when I work late. Is that right?");
    let clarified: Value =
        step(&ana, json!({"action": "clarify", "clarification": "More tired than alone."})).await.json().await.unwrap();
    assert_eq!(clarified["phase"], "paraphrasing");
    step(&ben, json!({"action": "paraphrase", "feeling": "worn out", "situation": "evenings go to work"})).await;
    let swapped: Value = step(&ana, json!({"action": "confirm"})).await.json().await.unwrap();
    assert_eq!((swapped["turn"].clone(), swapped["i_am_speaking"].clone()), (json!(2), json!(false)), "the roles swap");
    step(&ben, json!({"action": "finish-speaking"})).await;
    step(&ana, json!({"action": "paraphrase", "feeling": "unheard", "situation": "I look at my phone"})).await;
    let done: Value = step(&ben, json!({"action": "confirm"})).await.json().await.unwrap();
    assert_eq!(done["phase"], "done");
}

async fn a_step_reaches_the_other_device_within_two_seconds(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = app.couple("Ana", "Ben").await;
    app.call(Some(&ana), "POST", "/api/v1/listening", Some(json!({"minutes": 2}))).await;
    let mut events = Events::open(&app, &ben).await;
    assert!(events.next().await.contains("event: pause"));
    app.call(Some(&ana), "POST", "/api/v1/listening/step", Some(json!({"action": "finish-speaking"}))).await;
    let event = events.next().await;
    assert!(event.contains("event: listening"), "{event}");
}
