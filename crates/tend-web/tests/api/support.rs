//! Help when things are hard, through the API: the signs behind "when to seek outside help",
//! special situations (and what the partner may and may not learn), closeness notes, and the
//! guide library open to everyone.

use jiff::SignedDuration;
use reqwest::StatusCode;
use serde_json::{json, Value};
use tend_core::content::Content;
use tend_store::Backend;

use crate::authorization::tomorrow_evening;
use crate::helpers::{Person, TestApp};

on_both_backends!(
    the_guides_are_open_to_everyone_searchable_and_every_link_resolves,
    help_signals_come_from_what_the_person_ticked_and_their_own_data,
    low_capacity_shrinks_the_plan_and_reaches_the_partner_only_when_told,
    closeness_notes_stay_private_until_shared_one_by_one,
);

async fn send(app: &TestApp, who: &Person, method: &str, path: &str, body: Value) -> (StatusCode, Value) {
    let res = app.call(Some(who), method, path, Some(body)).await;
    let status = res.status();
    (status, res.json().await.unwrap_or(Value::Null))
}

async fn the_guides_are_open_to_everyone_searchable_and_every_link_resolves(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let guides: Value = app.api.get(app.url("/api/v1/guides")).send().await.unwrap().json().await.unwrap();
    assert!(guides.as_array().unwrap().len() >= 11);
    let faq: Value = app.api.get(app.url("/api/v1/guides/faq")).send().await.unwrap().json().await.unwrap();
    assert!(faq["sections"].as_array().unwrap().iter().any(|s| s["heading"] == "When should we see a therapist?"));
    let missing = app.api.get(app.url("/api/v1/guides/no-such-guide")).send().await.unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    let hits: Value =
        app.api.get(app.url("/api/v1/guides/search?q=therapist")).send().await.unwrap().json().await.unwrap();
    assert!(hits.as_array().unwrap().iter().any(|h| h["slug"] == "faq"));
    let long = app.api.get(app.url(&format!("/api/v1/guides/search?q={}", "word+".repeat(60)))).send().await.unwrap();
    assert_eq!(long.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // Every guide page reads without an account, and every link into Tend leads somewhere real.
    for guide in &Content::embedded().guides.guides {
        let page = app.api.get(app.url(&format!("/guides/{}", guide.slug))).send().await.unwrap();
        assert_eq!(page.status(), StatusCode::OK, "{}", guide.slug);
        let html = page.text().await.unwrap();
        for section in &guide.sections {
            assert!(html.contains(&format!(r##"href="#{}""##, section.id)), "the contents link to {}", section.id);
        }
        let view: Value =
            app.api.get(app.url(&format!("/api/v1/guides/{}", guide.slug))).send().await.unwrap().json().await.unwrap();
        for link in view["features"].as_array().unwrap() {
            let res = app.api.get(app.url(link["path"].as_str().unwrap())).send().await.unwrap();
            assert_ne!(res.status(), StatusCode::NOT_FOUND, "{} links to {}", guide.slug, link["path"]);
        }
    }
    let search = app.api.get(app.url("/guides?q=therapist")).send().await.unwrap().text().await.unwrap();
    assert!(search.contains("/guides/faq#"), "the search page links straight to the section");
    // The words people use find Tend's, and each result shows the passage that matched.
    let hits: Value =
        app.api.get(app.url("/api/v1/guides/search?q=stonewalling")).send().await.unwrap().json().await.unwrap();
    assert_eq!(hits[0]["slug"], "when-one-of-you-shuts-down");
    assert!(hits[0]["passage"].as_str().is_some_and(|p| p.contains("goes quiet")), "{}", hits[0]);
    assert!(hits[0].get("passage_parts").is_none(), "the page's pieces stay out of the API");
    let search = app.api.get(app.url("/guides?q=stonewalling")).send().await.unwrap().text().await.unwrap();
    assert!(search.contains(r#"<mark class="found">goes quiet</mark>"#), "the matching words are marked");
}

async fn help_signals_come_from_what_the_person_ticked_and_their_own_data(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = app.couple("Ana", "Ben").await;
    let (_, calm) = app.get(&ana, "/api/v1/help").await;
    assert_eq!(calm["patterns"], json!([]), "nothing noticed yet");
    let (status, _) = send(&app, &ana, "PUT", "/api/v1/help/reported", json!({"reported": ["nowhere"]})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (_, ticked) = send(&app, &ana, "PUT", "/api/v1/help/reported", json!({"reported": ["old-hurts"]})).await;
    let present: Vec<&str> = ticked["reported"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["present"] == true)
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(present, vec!["old-hurts"]);
    // Three pauses within two weeks.
    for _ in 0..3 {
        send(&app, &ben, "POST", "/api/v1/pause", json!({})).await;
        app.clock.advance(SignedDuration::from_mins(21));
        assert_eq!(app.call(Some(&ben), "POST", "/api/v1/pause/end", None).await.status(), StatusCode::NO_CONTENT);
    }
    // Three of Ana's invitations answered "not now".
    for _ in 0..3 {
        let (_, sent) = send(
            &app,
            &ana,
            "POST",
            "/api/v1/invitations",
            json!({"text": "A talk?", "proposed_at": tomorrow_evening()}),
        )
        .await;
        let answer = format!("/api/v1/invitations/{}/answer", sent["id"].as_str().unwrap());
        assert_eq!(send(&app, &ben, "POST", &answer, json!({"answer": "not-now"})).await.0, StatusCode::OK);
    }
    // Ana's pulse falls three weeks running.
    for value in [5, 4, 3, 2] {
        let answers: serde_json::Map<String, Value> =
            Content::embedded().pulse.items.iter().map(|i| (i.id.clone(), json!(value))).collect();
        assert_eq!(
            send(&app, &ana, "POST", "/api/v1/pulses", json!({"answers": answers})).await.0,
            StatusCode::CREATED
        );
        app.clock.advance(SignedDuration::from_hours(24 * 7));
    }
    send(&app, &ana, "PUT", "/api/v1/situation", json!({"situation": "betrayal"})).await;
    let (_, help) = app.get(&ana, "/api/v1/help").await;
    let ids: Vec<&str> = help["patterns"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        vec!["invitations-declined", "pulse-falling", "betrayal-noted"],
        "pauses were over two weeks ago now"
    );
    assert!(
        help["patterns"].as_array().unwrap().iter().all(|s| !s["why"].as_str().unwrap().is_empty()),
        "each says why"
    );
    let (_, his) = app.get(&ben, "/api/v1/help").await;
    let his_ids: Vec<&str> = his["patterns"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert!(!his_ids.contains(&"betrayal-noted") && !his_ids.contains(&"pulse-falling"), "Ben sees nothing of Ana's");
    assert!(his["reported"].as_array().unwrap().iter().all(|s| s["present"] == false));
}

async fn low_capacity_shrinks_the_plan_and_reaches_the_partner_only_when_told(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = app.couple("Ana", "Ben").await;
    assert_eq!(send(&app, &ana, "POST", "/api/v1/plan", json!({})).await.0, StatusCode::CREATED);
    let smaller = |plan: &Value| plan["week"]["steps"].as_array().unwrap().iter().all(|s| s["smaller"] == true);
    send(&app, &ana, "PUT", "/api/v1/situation", json!({"situation": "low_capacity"})).await;
    assert!(smaller(&app.get(&ana, "/api/v1/plan").await.1), "Ana's plan shrinks");
    assert!(!smaller(&app.get(&ben, "/api/v1/plan").await.1), "untold, Ben's plan stays as it was");
    assert_eq!(app.get(&ben, "/api/v1/situation").await.1["partner_low_capacity"], false);
    send(&app, &ana, "PUT", "/api/v1/situation", json!({"situation": "low_capacity", "tell_partner": true})).await;
    assert_eq!(app.get(&ben, "/api/v1/situation").await.1["partner_low_capacity"], true);
    assert!(smaller(&app.get(&ben, "/api/v1/plan").await.1), "told, the shared plan shrinks for both");
    // Another situation is never told, even with the box ticked.
    let (_, unsure) =
        send(&app, &ana, "PUT", "/api/v1/situation", json!({"situation": "unsure", "tell_partner": true})).await;
    assert_eq!(unsure["tell_partner"], false);
    let (_, his) = app.get(&ben, "/api/v1/situation").await;
    assert_eq!((his["partner_low_capacity"].clone(), his["situation"].clone()), (json!(false), Value::Null));
    let bad = send(&app, &ana, "PUT", "/api/v1/situation", json!({"situation": "sad"})).await;
    assert_eq!(bad.0, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.get(&ana, "/api/v1/situation").await.1["situation"], "unsure", "nothing changed");
}

async fn closeness_notes_stay_private_until_shared_one_by_one(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = app.couple("Ana", "Ben").await;
    let prompts = &Content::embedded().support.touch.prompts;
    let (_, first) =
        send(&app, &ana, "POST", "/api/v1/touch/notes", json!({"prompt": prompts[0], "text": "Long hugs."})).await;
    send(&app, &ana, "POST", "/api/v1/touch/notes", json!({"prompt": prompts[1], "text": "Not when I'm tired."})).await;
    let bad = send(&app, &ana, "POST", "/api/v1/touch/notes", json!({"prompt": "made up", "text": "x"})).await;
    assert_eq!(bad.0, StatusCode::UNPROCESSABLE_ENTITY);
    let (_, his) = app.get(&ben, "/api/v1/touch").await;
    assert_eq!(his["shared_with_me"], json!([]));
    let (_, hers) = app.get(&ana, "/api/v1/touch").await;
    assert_eq!(his["idea_today"], hers["idea_today"], "the same idea for both today");
    let share = format!("/api/v1/touch/notes/{}/share", first["id"].as_str().unwrap());
    assert_eq!(app.call(Some(&ben), "POST", &share, None).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.call(Some(&ana), "POST", &share, None).await.status(), StatusCode::OK);
    let (_, his) = app.get(&ben, "/api/v1/touch").await;
    let texts: Vec<&str> =
        his["shared_with_me"].as_array().unwrap().iter().map(|n| n["text"].as_str().unwrap()).collect();
    assert_eq!(texts, vec!["Long hugs."]);
    let (_, export) = app.get(&ana, "/api/v1/me/export").await;
    assert_eq!(export["together"]["notes"].as_array().unwrap().len(), 2, "the export keeps both notes");
}
