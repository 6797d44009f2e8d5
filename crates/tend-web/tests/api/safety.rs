//! The private safety check through the API: private to its taker, and closing the couple's
//! joint hard-talk tools without a reason when it points to risk.

use reqwest::StatusCode;
use serde_json::{json, Value};
use tend_store::Backend;

use crate::authorization::{safety_answers, tomorrow_evening};
use crate::helpers::TestApp;

on_both_backends!(a_check_pointing_to_risk_closes_the_joint_tools_and_the_partner_learns_no_reason);

async fn a_check_pointing_to_risk_closes_the_joint_tools_and_the_partner_learns_no_reason(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = app.couple("Ana", "Ben").await;
    app.call(Some(&ana), "POST", "/api/v1/ground-rules", Some(json!({"rules": ["We let each other finish."]}))).await;
    app.call(Some(&ben), "POST", "/api/v1/ground-rules/accept", Some(json!({"version": 1}))).await;
    let partner_view = async || (app.get(&ben, "/api/v1/hard-talks").await, app.get(&ben, "/api/v1/safety").await);
    let before = partner_view().await;

    let incomplete = app.call(Some(&ana), "POST", "/api/v1/safety", Some(json!({"answers": {}}))).await;
    assert_eq!(incomplete.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let outcome: Value = app
        .call(Some(&ana), "POST", "/api/v1/safety", Some(json!({"answers": safety_answers(true)})))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!((outcome["risk"].clone(), outcome["joint_tools_off"].clone()), (json!(true), json!(true)));
    assert!(!outcome["resources"].as_array().unwrap().is_empty(), "help lines are shown");

    // Ben's reads are byte for byte what they were: nothing tells him a check was taken.
    assert_eq!(partner_view().await, before);
    let talk = json!({"topic": "Money", "starts_at": tomorrow_evening(), "minutes": 20});
    let res = app.call(Some(&ben), "POST", "/api/v1/hard-talks", Some(talk.clone())).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["error"]["message"], "Not available right now.", "no reason given");
    let deep = app.call(Some(&ben), "POST", "/api/v1/questions/draw", Some(json!({"set": "vulnerable"}))).await;
    assert_eq!(deep.status(), StatusCode::CONFLICT);
    let drawn: Value =
        app.call(Some(&ben), "POST", "/api/v1/questions/draw", Some(json!({"count": 20}))).await.json().await.unwrap();
    assert!(drawn.as_array().unwrap().iter().all(|q| q["set"] != "vulnerable"));

    // Ana turns them back on; everything opens again.
    let on: Value =
        app.call(Some(&ana), "POST", "/api/v1/safety/tools", Some(json!({"on": true}))).await.json().await.unwrap();
    assert_eq!(on["joint_tools_off"], false);
    assert_eq!(app.call(Some(&ben), "POST", "/api/v1/hard-talks", Some(talk)).await.status(), StatusCode::CREATED);
}
