//! The scorecard's privacy checks, end to end. Metadata silence: the partner's responses are the
//! same bytes whether the author keeps nothing private or fifty entries, answered today or not,
//! took the safety check or not. Leaving: after one leaves, the other's sessions read nothing the
//! one who left wrote, through any operation, and cannot undo the leaving.

use reqwest::StatusCode;
use serde_json::{json, Value};
use tend_store::Backend;

use crate::authorization::{checkup_answers, pulse_answers, safety_answers};
use crate::helpers::{Person, TestApp};

on_both_backends!(
    the_partner_sees_the_same_bytes_whatever_the_author_keeps_private,
    after_leaving_the_partner_reads_nothing_and_cannot_undo_it,
);

/// Every read a person can make, by path.
const READS: [&str; 29] = [
    "/api/v1/me",
    "/api/v1/couple",
    "/api/v1/checkups",
    "/api/v1/pulses",
    "/api/v1/plan",
    "/api/v1/today",
    "/api/v1/agreements",
    "/api/v1/questions",
    "/api/v1/pause",
    "/api/v1/invitations",
    "/api/v1/ground-rules",
    "/api/v1/repairs",
    "/api/v1/hard-talks",
    "/api/v1/listening",
    "/api/v1/safety",
    "/api/v1/rituals/day",
    "/api/v1/rituals/schedule",
    "/api/v1/timer",
    "/api/v1/weekly-checks",
    "/api/v1/journal",
    "/api/v1/joy",
    "/api/v1/capsules",
    "/api/v1/experiments",
    "/api/v1/momentum",
    "/api/v1/help",
    "/api/v1/situation",
    "/api/v1/touch",
    "/api/v1/reminders",
    "/api/v1/openers",
];

async fn snapshot(app: &TestApp, who: &Person) -> Vec<(String, StatusCode, String)> {
    let mut out = Vec::new();
    for path in READS {
        let res = app.call(Some(who), "GET", path, None).await;
        out.push((path.to_owned(), res.status(), res.text().await.unwrap()));
    }
    out
}

async fn post(app: &TestApp, who: &Person, path: &str, body: Value) {
    let status = app.call(Some(who), "POST", path, Some(body)).await.status();
    assert!(status.is_success(), "{path}: {status}");
}

async fn the_partner_sees_the_same_bytes_whatever_the_author_keeps_private(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = app.couple("Ana", "Ben").await;
    app.agree_ground_rules(&ana.token, &ben.token).await;
    let before = snapshot(&app, &ben).await;
    for n in 0..50 {
        post(&app, &ana, "/api/v1/journal", json!({"text": format!("private thanks {n}")})).await;
    }
    post(&app, &ana, "/api/v1/checkups", checkup_answers()).await;
    post(&app, &ana, "/api/v1/pulses", pulse_answers()).await;
    for kind in ["morning", "evening", "appreciation"] {
        post(&app, &ana, &format!("/api/v1/rituals/{kind}/answer"), json!({"text": "a private line"})).await;
    }
    post(&app, &ana, "/api/v1/safety", json!({"answers": safety_answers(false)})).await;
    post(&app, &ana, "/api/v1/experiments", json!({"behaviour": "Less sarcasm"})).await;
    let prompt = &tend_core::content::Content::embedded().support.touch.prompts[0];
    post(&app, &ana, "/api/v1/touch/notes", json!({"prompt": prompt, "text": "a private note"})).await;
    let after = snapshot(&app, &ben).await;
    let differences: Vec<&str> = before.iter().zip(&after).filter(|(b, a)| b != a).map(|(b, _)| b.0.as_str()).collect();
    assert_eq!(differences, Vec::<&str>::new(), "the partner's responses changed");
}

async fn after_leaving_the_partner_reads_nothing_and_cannot_undo_it(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = app.couple("Ana", "Ben").await;
    // Ana writes and shares things; Ben has his sessions open.
    let canary = "canary-left-behind";
    post(&app, &ana, "/api/v1/agreements", crate::authorization::agreement()).await;
    post(&app, &ana, "/api/v1/questions", json!({"set": "light", "text": format!("{canary} question?")})).await;
    let entry: Value =
        app.call(Some(&ana), "POST", "/api/v1/journal", Some(json!({"text": canary}))).await.json().await.unwrap();
    post(&app, &ana, &format!("/api/v1/journal/{}/share", entry["id"].as_str().unwrap()), json!({})).await;
    post(&app, &ana, "/api/v1/wins", json!({"text": canary})).await;
    post(&app, &ana, "/api/v1/rituals/morning/answer", json!({"text": canary})).await;
    post(&app, &ben, "/api/v1/rituals/morning/answer", json!({"text": "mine"})).await;
    let (_, shared) = app.get(&ben, "/api/v1/journal").await;
    assert!(shared.to_string().contains(canary), "shared while together");
    assert_eq!(app.call(Some(&ana), "POST", "/api/v1/couple/leave", None).await.status(), StatusCode::NO_CONTENT);
    let mut reads = 0;
    for (path, _, body) in snapshot(&app, &ben).await {
        if body.contains(canary) {
            reads += 1;
            eprintln!("{path} still shows what Ana wrote");
        }
    }
    assert_eq!(reads, 0, "after leaving, Ben reads nothing Ana wrote");
    let (_, couple) = app.get(&ben, "/api/v1/couple").await;
    assert!(couple.get("id").is_none() || couple["members"].as_array().is_none_or(|m| m.len() < 2));
    // Nothing Ben can do brings Ana back: no invite of hers works, no join restores the space.
    let join = app.call(Some(&ben), "POST", "/api/v1/couple/join", Some(json!({"code": "ABCD-EFGH"}))).await;
    assert_ne!(join.status(), StatusCode::OK);
}
