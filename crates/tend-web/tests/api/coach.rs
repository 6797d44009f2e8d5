//! The soft start-up coach through the API and the page.

use reqwest::StatusCode;
use serde_json::{json, Value};
use tend_store::Backend;

use crate::helpers::{Browser, TestApp};

on_both_backends!(
    the_coach_answers_without_an_account_with_highlights_at_character_offsets,
    the_coach_page_works_as_a_plain_form
);

async fn the_coach_answers_without_an_account_with_highlights_at_character_offsets(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let text = "Ça suffit 😤 you always forget";
    let res = app.call(None, "POST", "/api/v1/coach/analyze", Some(json!({"text": text}))).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["harsh"], true);
    let h = &body["highlights"][0];
    let chars: Vec<char> = text.chars().collect();
    let (start, end) = (h["start"].as_u64().unwrap() as usize, h["end"].as_u64().unwrap() as usize);
    assert_eq!(chars[start..end].iter().collect::<String>(), "you always");
    assert_eq!(h["kind"], "absolute");
    assert!(body["suggestion"].as_str().unwrap().contains("you forget"));
    let gentle: Value = app
        .call(None, "POST", "/api/v1/coach/analyze", Some(json!({"text": "I miss you. Walk tonight?"})))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(gentle, json!({"harsh": false, "highlights": [], "suggestion": ""}));
    let long = "a".repeat(5001);
    let res = app.call(None, "POST", "/api/v1/coach/analyze", Some(json!({"text": long}))).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

async fn the_coach_page_works_as_a_plain_form(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let browser = Browser::new(&app);
    let res = browser.submit("/coach", "/coach", &[("text", "You're so selfish <b>")]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("You're <mark class=\"coach-mark\">so selfish</mark> &lt;b&gt;"),
        "the draft is escaped and marked"
    );
    assert!(html.contains("A gentler start"));
}
