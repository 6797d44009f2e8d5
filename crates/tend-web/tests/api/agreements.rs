//! Agreements through the API: proposed by one, in force after the other's yes, back on review.

use jiff::SignedDuration;
use reqwest::StatusCode;
use serde_json::{json, Value};
use tend_store::Backend;

use crate::authorization::agreement;
use crate::helpers::TestApp;

on_both_backends!(
    an_agreement_is_in_force_once_the_other_says_yes_and_comes_back_on_its_review_date,
    a_poor_agreement_is_refused_with_every_field_named_and_nothing_changes,
    agreements_are_seen_only_inside_the_couple_space_while_it_lasts,
);

async fn an_agreement_is_in_force_once_the_other_says_yes_and_comes_back_on_its_review_date(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = app.couple("Ana", "Ben").await;
    let proposal: Value =
        app.call(Some(&ana), "POST", "/api/v1/agreements", Some(agreement())).await.json().await.unwrap();
    assert_eq!((proposal["in_force"].clone(), proposal["proposed_by_me"].clone()), (json!(false), json!(true)));
    let (_, today) = app.get(&ben, "/api/v1/today").await;
    assert_eq!(today["agreements_proposed_to_me"][0]["id"], proposal["id"]);
    let (_, ana_today) = app.get(&ana, "/api/v1/today").await;
    assert_eq!(ana_today["agreements_proposed_to_me"], json!([]), "no nudge about one's own proposal");
    let accept = format!("/api/v1/agreements/{}/accept", proposal["id"].as_str().unwrap());
    assert_eq!(app.call(Some(&ana), "POST", &accept, None).await.status(), StatusCode::CONFLICT);
    let accepted: Value = app.call(Some(&ben), "POST", &accept, None).await.json().await.unwrap();
    assert_eq!(accepted["in_force"], true);
    assert_eq!(app.call(Some(&ben), "POST", &accept, None).await.status(), StatusCode::CONFLICT);
    assert_eq!(app.get(&ana, "/api/v1/today").await.1["agreements_to_review"], json!([]));
    // (Sessions end after 30 idle days, so both look in on day 29.)
    app.clock.advance(SignedDuration::from_hours(24 * 29));
    assert_eq!(app.get(&ana, "/api/v1/today").await.1["agreements_to_review"], json!([]), "not yet");
    app.get(&ben, "/api/v1/today").await;
    app.clock.advance(SignedDuration::from_hours(24 * 2));
    let (_, today) = app.get(&ana, "/api/v1/today").await;
    assert_eq!(today["agreements_to_review"][0]["id"], proposal["id"], "back on its review date");
    let review = format!("/api/v1/agreements/{}/review", proposal["id"].as_str().unwrap());
    let next = (jiff::Timestamp::now() + SignedDuration::from_hours(24 * 90))
        .to_zoned(jiff::tz::TimeZone::get("Europe/Berlin").unwrap())
        .date()
        .to_string();
    let res = app.call(Some(&ben), "POST", &review, Some(json!({"review_on": next}))).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(app.get(&ana, "/api/v1/today").await.1["agreements_to_review"], json!([]));
}

async fn a_poor_agreement_is_refused_with_every_field_named_and_nothing_changes(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, _ben) = app.couple("Ana", "Ben").await;
    let bad = json!({"kind": "forever", "text": "  ", "review_on": "2001-01-01"});
    let res = app.call(Some(&ana), "POST", "/api/v1/agreements", Some(bad)).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<String> = res.json::<Value>().await.unwrap()["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(fields, vec!["kind", "text", "review_on"]);
    let mut long = agreement();
    long["text"] = json!("é".repeat(501));
    assert_eq!(
        app.call(Some(&ana), "POST", "/api/v1/agreements", Some(long)).await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(app.get(&ana, "/api/v1/agreements").await.1, json!([]));
}

async fn agreements_are_seen_only_inside_the_couple_space_while_it_lasts(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = app.couple("Ana", "Ben").await;
    let solo = app.person("Cat").await;
    app.create_couple(&solo).await;
    assert_eq!(
        app.call(Some(&solo), "POST", "/api/v1/agreements", Some(agreement())).await.status(),
        StatusCode::CONFLICT
    );
    app.call(Some(&ana), "POST", "/api/v1/agreements", Some(agreement())).await;
    assert_eq!(app.get(&ben, "/api/v1/agreements").await.1.as_array().unwrap().len(), 1);
    app.call(Some(&ben), "POST", "/api/v1/couple/leave", None).await;
    assert_eq!(app.get(&ana, "/api/v1/agreements").await.1, json!([]));
    assert_eq!(app.get(&ben, "/api/v1/agreements").await.1, json!([]));
}
