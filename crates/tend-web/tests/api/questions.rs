//! Curious questions through the API: tonight's draw (by set and theme), asked and favourite
//! marks, own questions; and the draw form in the browser.

use jiff::SignedDuration;
use reqwest::StatusCode;
use serde_json::{json, Value};
use tend_store::Backend;

use crate::helpers::{location, TestApp, PASSWORD};
use crate::pages::paired_browsers;

on_both_backends!(
    tonight_draws_only_unasked_questions_and_both_partners_share_the_deck,
    a_question_of_ones_own_is_checked_and_kept,
    drawing_by_theme_gives_only_that_themes_questions_and_an_unknown_theme_changes_nothing,
    the_draw_form_offers_every_theme_and_refuses_an_unknown_one_calmly,
);

async fn draw(app: &TestApp, who: &crate::helpers::Person, body: Value) -> Vec<Value> {
    let res = app.call(Some(who), "POST", "/api/v1/questions/draw", Some(body)).await;
    assert_eq!(res.status(), StatusCode::OK);
    res.json::<Value>().await.unwrap().as_array().unwrap().clone()
}

async fn drawing_by_theme_gives_only_that_themes_questions_and_an_unknown_theme_changes_nothing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, _ben) = app.couple("Ana", "Ben").await;
    let money = draw(&app, &ana, json!({"set": "personal", "theme": "money"})).await;
    assert_eq!(money.len(), 10);
    assert!(money.iter().all(|q| q["set"] == "personal" && q["theme"] == "money"), "{money:?}");
    let anything = draw(&app, &ana, json!({"theme": "any", "count": 20})).await;
    let themes: std::collections::BTreeSet<&str> = anything.iter().map(|q| q["theme"].as_str().unwrap()).collect();
    assert!(themes.len() > 1, "'any' leaves the theme open: {themes:?}");

    // Every light question about work, then fifteen of them asked: five are left to draw.
    let work = draw(&app, &ana, json!({"set": "light", "theme": "work", "count": 20})).await;
    let in_deck = app.get(&ana, "/api/v1/questions").await.1["questions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|q| q["set"] == "light" && q["theme"] == "work")
        .count();
    assert_eq!(work.len(), in_deck.min(20));
    assert!(work.iter().all(|q| q["set"] == "light" && q["theme"] == "work"));
    let asked: Vec<&str> = work.iter().take(in_deck - 5).map(|q| q["id"].as_str().unwrap()).collect();
    for id in &asked {
        let path = format!("/api/v1/questions/{id}/mark");
        assert_eq!(app.call(Some(&ana), "POST", &path, Some(json!({"asked": true}))).await.status(), StatusCode::OK);
    }
    let rest = draw(&app, &ana, json!({"set": "light", "theme": "work"})).await;
    assert_eq!(rest.len(), 5, "fewer than ten left: all of them come");
    assert!(rest.iter().all(|q| q["theme"] == "work" && !asked.contains(&q["id"].as_str().unwrap())));

    let before = app.get(&ana, "/api/v1/questions").await;
    for theme in ["gardening", "Money", "fun,money"] {
        let res = app.call(Some(&ana), "POST", "/api/v1/questions/draw", Some(json!({"theme": theme}))).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{theme}");
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["error"]["fields"][0]["field"], "theme", "{body}");
        assert_eq!(body["error"]["fields"].as_array().unwrap().len(), 1);
    }
    assert_eq!(app.get(&ana, "/api/v1/questions").await, before, "a refused draw changes nothing");
}

async fn the_draw_form_offers_every_theme_and_refuses_an_unknown_one_calmly(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, _ben) = paired_browsers(&app).await;
    let (_, page) = ana.get("/questions").await;
    for theme in tend_core::content::Content::embedded().questions.themes() {
        assert!(page.contains(&format!(r#"<option value="{}">{}</option>"#, theme.id.as_str(), theme.title)));
    }
    assert!(page.contains(r#"<option value="any">Any theme</option>"#));

    // The deepest set is a joint tool: it opens with agreed ground rules.
    let res = ana.submit("/questions", "/questions/draw", &[("set", "vulnerable"), ("theme", "intimacy")]).await;
    assert!(res.text().await.unwrap().contains("This opens once you have both agreed your ground rules."));
    let (a, b) = (
        app.log_in("ana@example.org", PASSWORD).await.unwrap(),
        app.log_in("ben@example.org", PASSWORD).await.unwrap(),
    );
    app.agree_ground_rules(&a, &b).await;
    let res = ana.submit("/questions", "/questions/draw", &[("set", "vulnerable"), ("theme", "intimacy")]).await;
    assert_eq!(location(&res), "/questions");
    let (_, page) = ana.get("/questions").await;
    let tonight = page.split("Tonight's questions").nth(1).unwrap().split("</section>").next().unwrap();
    let drawn: Vec<&str> =
        tonight.split("/cards/question/").skip(1).map(|rest| rest.split(".png").next().unwrap()).collect();
    let deck = &tend_core::content::Content::embedded().questions;
    let intimate: Vec<String> = deck
        .set(tend_core::content::SetId::Vulnerable)
        .in_theme(tend_core::content::ThemeId::Intimacy)
        .map(tend_core::content::question_id)
        .collect();
    assert_eq!(drawn.len(), 10);
    assert!(drawn.iter().all(|id| intimate.iter().any(|i| i == id)), "tonight's ten are about intimacy and touch");

    let res = ana.submit("/questions", "/questions/draw", &[("set", "light"), ("theme", "gardening")]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = res.text().await.unwrap();
    assert!(page.contains(r##"<a href="#theme">Please choose one of the themes listed, or any theme.</a>"##));
    assert!(page.contains(r#"<input type="radio" name="set" value="light" checked>"#), "the choice is kept");
    let (_, again) = ana.get("/questions").await;
    assert_eq!(again.split("Tonight's questions").nth(1).unwrap().split("</section>").next().unwrap(), tonight);
}

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
    // Only what is sent changes: taking "asked" back keeps the favourite, and the other way round.
    for (body, expected) in [
        (json!({"asked": false}), (json!(false), json!(true))),
        (json!({"asked": true, "favourite": false}), (json!(true), json!(false))),
        (json!({"favourite": true}), (json!(true), json!(true))),
    ] {
        let marked: Value = app.call(Some(&ana), "POST", &first, Some(body)).await.json().await.unwrap();
        assert_eq!((marked["asked"].clone(), marked["favourite"].clone()), expected);
    }
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
