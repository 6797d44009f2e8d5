//! Curious questions through the API: tonight's draw, asked and favourite marks, own questions.

use jiff::SignedDuration;
use reqwest::StatusCode;
use serde_json::{json, Value};
use tend_store::Backend;

use crate::helpers::TestApp;

on_both_backends!(
    tonight_draws_only_unasked_questions_and_both_partners_share_the_deck,
    a_question_of_ones_own_is_checked_and_kept
);

async fn tonight_draws_only_unasked_questions_and_both_partners_share_the_deck(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = app.couple("Ana", "Ben").await;
    let (_, deck) = app.get(&ana, "/api/v1/questions").await;
    let total = deck["questions"].as_array().unwrap().len();
    assert!(total >= 100, "a deck of at least 100 questions, found {total}");
    let drawn: Value = app
        .call(Some(&ana), "POST", "/api/v1/questions/draw", Some(json!({"set": "light"})))
        .await
        .json()
        .await
        .unwrap();
    let drawn = drawn.as_array().unwrap().clone();
    assert_eq!(drawn.len(), 10);
    assert!(drawn.iter().all(|q| q["set"] == "light" && q["asked"] == false));
    let (_, for_ben) = app.get(&ben, "/api/v1/questions").await;
    assert_eq!(for_ben["tonight"].as_array().unwrap().len(), 10, "tonight's questions are the couple's");
    for q in &drawn {
        let path = format!("/api/v1/questions/{}/mark", q["id"].as_str().unwrap());
        assert_eq!(app.call(Some(&ben), "POST", &path, Some(json!({"asked": true}))).await.status(), StatusCode::OK);
    }
    let first = format!("/api/v1/questions/{}/mark", drawn[0]["id"].as_str().unwrap());
    let favourite: Value =
        app.call(Some(&ana), "POST", &first, Some(json!({"favourite": true}))).await.json().await.unwrap();
    assert_eq!((favourite["asked"].clone(), favourite["favourite"].clone()), (json!(true), json!(true)));
    let asked: Vec<String> = drawn.iter().map(|q| q["id"].as_str().unwrap().to_owned()).collect();
    for _ in 0..3 {
        let again: Value = app
            .call(Some(&ana), "POST", "/api/v1/questions/draw", Some(json!({"set": "light"})))
            .await
            .json()
            .await
            .unwrap();
        assert!(
            again.as_array().unwrap().iter().all(|q| !asked.contains(&q["id"].as_str().unwrap().to_owned())),
            "asked ones are not drawn again"
        );
    }
    app.clock.advance(SignedDuration::from_hours(13));
    assert_eq!(app.get(&ana, "/api/v1/questions").await.1["tonight"], json!([]), "tonight ends");
    let res =
        app.call(Some(&ana), "POST", "/api/v1/questions/draw", Some(json!({"set": "deep end", "count": 50}))).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

async fn a_question_of_ones_own_is_checked_and_kept(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = app.couple("Ana", "Ben").await;
    let res = app.call(Some(&ana), "POST", "/api/v1/questions", Some(json!({"set": "nowhere", "text": ""}))).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<String> = res.json::<Value>().await.unwrap()["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(fields, vec!["set", "text"]);
    let added: Value = app
        .call(
            Some(&ana),
            "POST",
            "/api/v1/questions",
            Some(json!({"set": "vulnerable", "text": "What do you wish I asked you more?"})),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(added["own"], true);
    let (_, deck) = app.get(&ben, "/api/v1/questions").await;
    assert!(deck["questions"].as_array().unwrap().iter().any(|q| q["id"] == added["id"] && q["set"] == "vulnerable"));
}
