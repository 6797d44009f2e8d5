//! The private safety check: private to its taker, and closing the couple's joint hard-talk tools
//! when it points to risk, in a way that leaves the partner seeing only an ordinary state.

use reqwest::StatusCode;
use serde_json::{json, Value};
use tend_store::Backend;

use crate::authorization::{safety_answers, tomorrow_evening};
use crate::helpers::{Person, TestApp};

on_both_backends!(
    a_check_pointing_to_risk_closes_the_joint_tools_and_the_partner_learns_no_reason,
    with_the_tools_off_the_partners_hard_talks_page_is_that_of_a_couple_without_ground_rules,
);

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
    // The answer a couple gets before agreeing ground rules: ordinary, no reason, no hint.
    let (_cleo, dan) = app.couple("Cleo", "Dan").await;
    let ordinary = app.call(Some(&dan), "POST", "/api/v1/hard-talks", Some(talk.clone())).await;
    assert_eq!(ordinary.status(), StatusCode::CONFLICT);
    assert_eq!(body, ordinary.json::<Value>().await.unwrap(), "the same answer as without ground rules");
    let deep = app.call(Some(&ben), "POST", "/api/v1/questions/draw", Some(json!({"set": "vulnerable"}))).await;
    assert_eq!(deep.status(), StatusCode::CONFLICT);
    let ordinary_deep =
        app.call(Some(&dan), "POST", "/api/v1/questions/draw", Some(json!({"set": "vulnerable"}))).await;
    assert_eq!(
        deep.json::<Value>().await.unwrap(),
        ordinary_deep.json::<Value>().await.unwrap(),
        "the deepest set too"
    );
    for path in ["/api/v1/experiments"] {
        let (his, theirs) = (app.get(&ben, path).await, app.get(&dan, path).await);
        assert_eq!(his, theirs, "{path}: own your part looks as it does before ground rules");
    }
    let drawn: Value =
        app.call(Some(&ben), "POST", "/api/v1/questions/draw", Some(json!({"count": 20}))).await.json().await.unwrap();
    assert!(drawn.as_array().unwrap().iter().all(|q| q["set"] != "vulnerable"));

    // Ana turns them back on; everything opens again.
    let on: Value =
        app.call(Some(&ana), "POST", "/api/v1/safety/tools", Some(json!({"on": true}))).await.json().await.unwrap();
    assert_eq!(on["joint_tools_off"], false);
    assert_eq!(app.call(Some(&ben), "POST", "/api/v1/hard-talks", Some(talk)).await.status(), StatusCode::CREATED);
}

/// A page as one person's browser gets it, its form token (bound to each session) masked so two
/// people's pages compare.
async fn page(app: &TestApp, who: &Person, path: &str) -> String {
    let cookies = format!("tend_session={}; tend_csrf=one-token-for-all", who.token);
    let res = app.api.get(app.url(path)).header("cookie", cookies).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK, "{path}");
    let html = res.text().await.unwrap();
    let marker = "data-csrf=\"";
    match html.find(marker).map(|at| at + marker.len()) {
        Some(start) => html.replace(html[start..].split('"').next().unwrap(), "FORM-TOKEN"),
        None => html,
    }
}

async fn with_the_tools_off_the_partners_hard_talks_page_is_that_of_a_couple_without_ground_rules(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = app.couple("Ana", "Ben").await;
    let (cleo, dan) = app.couple("Cleo", "Dan").await;
    // Ana and Ben agreed their ground rules; Cleo and Dan simply haven't yet.
    app.call(Some(&ana), "POST", "/api/v1/ground-rules", Some(json!({"rules": ["We let each other finish."]}))).await;
    app.call(Some(&ben), "POST", "/api/v1/ground-rules/accept", Some(json!({"version": 1}))).await;
    let ordinary = page(&app, &dan, "/hard-talks").await;
    assert!(ordinary.contains("First, your ground rules"));
    let open = page(&app, &ben, "/hard-talks").await;
    assert!(open.contains("Plan a hard talk") && open.contains("We let each other finish."));

    let risk = json!({"answers": safety_answers(true)});
    assert_eq!(app.call(Some(&ana), "POST", "/api/v1/safety", Some(risk.clone())).await.status(), StatusCode::OK);
    assert_eq!(page(&app, &ben, "/hard-talks").await, ordinary, "Ben sees an ordinary page, byte for byte");
    assert!(!ordinary.contains("Not available"));

    // Without ground rules, a check changes nothing at all on the partner's page; and Ana's own
    // page (on a phone someone may see) is that of anyone who took the check before agreeing rules.
    assert_eq!(app.call(Some(&cleo), "POST", "/api/v1/safety", Some(risk)).await.status(), StatusCode::OK);
    assert_eq!(page(&app, &dan, "/hard-talks").await, ordinary);
    assert_eq!(page(&app, &ana, "/hard-talks").await, page(&app, &cleo, "/hard-talks").await);

    // Turned back on, the tools are as they were.
    app.call(Some(&ana), "POST", "/api/v1/safety/tools", Some(json!({"on": true}))).await;
    assert_eq!(page(&app, &ben, "/hard-talks").await, open);
}
