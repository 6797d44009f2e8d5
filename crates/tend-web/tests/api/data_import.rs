//! Taking your data with you: an export from one Tend, brought into a new account on another,
//! gives back the same check-ups, pulses, journal entries, notes, situation and signs (private,
//! at their original times); what belonged to the couple space is counted as left behind. A
//! second import adds nothing; a bad file is refused whole and changes nothing; the settings
//! page takes the file as an upload.

use reqwest::StatusCode;
use serde_json::{json, Value};
use tend_store::Backend;

use crate::authorization::{checkup_answers, pulse_answers};
use crate::helpers::{Browser, Person, TestApp, PASSWORD};

on_both_backends!(
    an_export_brought_into_another_tend_comes_back_the_same,
    a_file_with_anything_wrong_is_refused_whole,
    the_settings_page_takes_the_export_as_an_upload,
);

/// Ana's life on the first Tend: private and shared things of every kind.
async fn a_full_account(app: &TestApp) -> Person {
    let (ana, ben) = app.couple("Ana", "Ben").await;
    let post = |path: &'static str, body: Value| {
        let ana = ana.clone();
        async move { app.call(Some(&ana), "POST", path, Some(body)).await }
    };
    let checkup = post("/api/v1/checkups", checkup_answers()).await.json::<Value>().await.unwrap();
    two_days_later(app);
    post("/api/v1/checkups", checkup_answers()).await;
    let share = format!("/api/v1/checkups/{}/share", checkup["id"].as_str().unwrap());
    assert_eq!(app.call(Some(&ana), "POST", &share, None).await.status(), StatusCode::NO_CONTENT);
    post("/api/v1/pulses", pulse_answers()).await;
    let entry =
        post("/api/v1/journal", json!({"text": "You made tea without asking."})).await.json::<Value>().await.unwrap();
    post("/api/v1/journal", json!({"text": "Thank you for the walk."})).await;
    let share = format!("/api/v1/journal/{}/share", entry["id"].as_str().unwrap());
    app.call(Some(&ana), "POST", &share, Some(json!({}))).await;
    let content = tend_core::content::Content::embedded();
    let prompt = &content.support.situations.unsure.questions[0];
    assert_eq!(
        post("/api/v1/situation/clarity", json!({"prompt": prompt, "text": "Still here."})).await.status(),
        StatusCode::CREATED
    );
    let prompt = &content.support.touch.prompts[0];
    post("/api/v1/touch/notes", json!({"prompt": prompt, "text": "Hands held on the sofa."})).await;
    let situation = json!({"situation": "low_capacity", "tell_partner": true});
    app.call(Some(&ana), "PUT", "/api/v1/situation", Some(situation)).await;
    app.call(Some(&ana), "PUT", "/api/v1/help/reported", Some(json!({"reported": ["stonewalling", "old-hurts"]})))
        .await;
    // Things that belong to the couple space.
    post("/api/v1/rituals/morning/answer", json!({"text": "Rested."})).await;
    post("/api/v1/wins", json!({"text": "Dinner together"})).await;
    app.call(Some(&ben), "POST", "/api/v1/rituals/morning/answer", Some(json!({"text": "Ben's own words"}))).await;
    ana
}

fn two_days_later(app: &TestApp) {
    app.clock.advance(jiff::SignedDuration::from_hours(48));
}

/// The parts of an export that are the person's own, as the import must give them back.
fn own_parts(export: &Value) -> Value {
    let strip = |list: &Value, keep: &[&str]| -> Value {
        let mut items: Vec<Value> = list
            .as_array()
            .unwrap()
            .iter()
            .map(|item| {
                keep.iter().map(|k| (k.to_string(), item[*k].clone())).collect::<serde_json::Map<_, _>>().into()
            })
            .collect();
        items.sort_by_key(|v| v.to_string());
        Value::Array(items)
    };
    json!({
        "checkups": strip(&export["checkups"], &["taken_at", "answers"]),
        "pulses": strip(&export["pulses"], &["week", "taken_at", "answers"]),
        "journal": strip(&export["together"]["journal"], &["text", "written_at"]),
        "notes": strip(&export["together"]["notes"], &["kind", "prompt", "text", "written_at"]),
        "situation": export["together"]["situation"],
        "help_signs": export["together"]["help_signs"],
    })
}

async fn an_export_brought_into_another_tend_comes_back_the_same(backend: Backend) {
    let first = TestApp::spawn(backend).await;
    let ana = a_full_account(&first).await;
    let (_, export) = first.get(&ana, "/api/v1/me/export").await;
    first.close().await;

    // The move happens a few days later (the first Tend's clock ran two days ahead).
    let second = TestApp::spawn(backend).await;
    second.clock.advance(jiff::SignedDuration::from_hours(72));
    let moved = second.person("Ana").await;
    let res = second.call(Some(&moved), "POST", "/api/v1/me/import", Some(export.clone())).await;
    let status = res.status();
    let result: Value = res.json().await.unwrap();
    assert_eq!(status, StatusCode::OK, "{result}");
    assert_eq!(result["imported"], json!({"checkups": 2, "pulses": 1, "journal_entries": 2, "notes": 2}));
    assert_eq!(result["left_behind"], 2, "the morning answer and the win stay with the couple space");

    let (_, again) = second.get(&moved, "/api/v1/me/export").await;
    assert_eq!(own_parts(&again), own_parts(&export), "what was Ana's own comes back the same");
    // Everything arrives private, and nothing tells a partner anything.
    assert!(again["checkups"].as_array().unwrap().iter().all(|c| c["shared"] == false));
    assert!(again["together"]["journal"].as_array().unwrap().iter().all(|e| e["shared"] == false));
    let (_, situation) = second.get(&moved, "/api/v1/situation").await;
    assert_eq!(
        (situation["situation"].as_str(), situation["tell_partner"].as_bool()),
        (Some("low_capacity"), Some(false))
    );

    // Bringing the same file in again adds nothing.
    let res = second.call(Some(&moved), "POST", "/api/v1/me/import", Some(export.clone())).await;
    let result: Value = res.json().await.unwrap();
    assert_eq!(result["imported"], json!({"checkups": 0, "pulses": 0, "journal_entries": 0, "notes": 0}));
    let (_, third) = second.get(&moved, "/api/v1/me/export").await;
    assert_eq!(own_parts(&third), own_parts(&export));
    let (_, log) = second.get(&moved, "/api/v1/me/security-log").await;
    assert_eq!(log[0]["kind"], "data_imported", "the owner's log notes the import");
}

async fn a_file_with_anything_wrong_is_refused_whole(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ana = app.person("Ana").await;
    let good = json!({"text": "A good line.", "written_at": "2026-01-01T09:00:00Z"});
    let bad_files = [
        json!({"format": "something-else/1", "together": {"journal": [good]}}),
        json!({"format": "tend-export/1", "together": {"journal": [good, {"text": "x".repeat(501), "written_at": "2026-01-02T09:00:00Z"}]}}),
        json!({"format": "tend-export/1", "together": {"journal": [good, {"text": "From the future", "written_at": "2999-01-01T00:00:00Z"}]}}),
        json!({"format": "tend-export/1", "together": {"journal": [good]}, "checkups": [{"taken_at": "2026-01-01T00:00:00Z", "answers": {"no-such-item": 1}}]}),
        json!({"format": "tend-export/1", "together": {"journal": [good]}, "pulses": [{"week": "someday", "taken_at": "2026-01-01T00:00:00Z", "answers": {}}]}),
        json!({"format": "tend-export/1", "together": {"journal": [good], "notes": [{"kind": "diary", "prompt": "p", "text": "t", "written_at": "2026-01-01T00:00:00Z"}]}}),
        json!({"format": "tend-export/1", "together": {"journal": [good], "situation": "on-holiday"}}),
        json!({"format": "tend-export/1", "together": {"journal": [good], "help_signs": ["made-up"]}}),
        json!(["not", "an", "export"]),
    ];
    for file in bad_files {
        let res = app.call(Some(&ana), "POST", "/api/v1/me/import", Some(file.clone())).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{file}");
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["error"]["fields"][0]["field"], "file", "{body}");
        assert!(!body["error"]["message"].as_str().unwrap().is_empty());
    }
    let res = app
        .api
        .post(app.url("/api/v1/me/import"))
        .bearer_auth(&ana.token)
        .body("not json at all")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let (_, journal) = app.get(&ana, "/api/v1/journal").await;
    assert_eq!(journal["mine"], json!([]), "nothing of a refused file came in, not even its good line");
}

async fn the_settings_page_takes_the_export_as_an_upload(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ana = app.person("Ana").await;
    let file = json!({"format": "tend-export/1",
        "together": {"journal": [{"text": "Uploaded line.", "written_at": "2026-01-01T09:00:00Z"}]}});
    let browser = Browser::new(&app);
    browser.submit("/login", "/login", &[("email", ana.email.as_str()), ("password", PASSWORD)]).await;
    let (_, settings) = browser.get("/settings").await;
    let csrf = crate::helpers::csrf_of(&settings);
    assert!(settings.contains("enctype=\"multipart/form-data\""));
    let upload = |bytes: Vec<u8>, token: String| {
        let part = reqwest::multipart::Part::bytes(bytes).file_name("tend-export.json");
        let form = reqwest::multipart::Form::new().part("file", part);
        browser.client.post(format!("{}/settings/import?csrf={token}", browser.base)).multipart(form).send()
    };
    // Without the form's token nothing happens.
    let res = upload(file.to_string().into_bytes(), "wrong".into()).await.unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    // A file that isn't an export gets a calm message on the page.
    let res = upload(b"hello".to_vec(), csrf.clone()).await.unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = res.text().await.unwrap();
    assert!(page.contains("This file isn&#39;t a Tend export"), "{page}");
    let (_, journal) = app.get(&ana, "/api/v1/journal").await;
    assert_eq!(journal["mine"], json!([]));
    // The export comes in.
    let res = upload(file.to_string().into_bytes(), csrf).await.unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(crate::helpers::location(&res), "/settings?done=imported");
    let (_, journal) = app.get(&ana, "/api/v1/journal").await;
    assert_eq!(journal["mine"][0]["text"], "Uploaded line.");
}
