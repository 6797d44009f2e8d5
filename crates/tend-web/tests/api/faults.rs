//! Faults a request can meet on its way: here, a client that goes away in the middle of a
//! write (a phone losing its signal), many at once. Every write must either happen whole or
//! not at all, and the people who stay must lose nothing.

use std::collections::HashSet;
use std::time::Duration;

use rand::Rng;
use reqwest::StatusCode;
use serde_json::json;
use tend_store::Backend;

use crate::helpers::TestApp;

on_both_backends!(clients_leaving_mid_write_cut_nothing_in_half_and_those_who_stay_lose_nothing);

const LEAVERS: usize = 512;
const STAYERS: usize = 40;

async fn clients_leaving_mid_write_cut_nothing_in_half_and_those_who_stay_lose_nothing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ana = app.person("Ana").await;
    let url = app.url("/api/v1/journal");

    // Writes abandoned after a random wait of up to 40 ms, 64 at a time.
    let mut answered = Vec::new();
    for wave in 0..LEAVERS / 64 {
        let mut waiting = tokio::task::JoinSet::new();
        for i in 0..64u64 {
            let leave_after = Duration::from_micros(600 * (i + 1) + rand::thread_rng().gen_range(0..600));
            let client = reqwest::Client::builder().timeout(leave_after).build().unwrap();
            let (url, token, text) = (url.clone(), ana.token.clone(), format!("left {wave}-{i}"));
            waiting.spawn(async move {
                let sent = client.post(url).bearer_auth(token).json(&json!({ "text": text })).send().await;
                (text, sent.map(|res| res.status()))
            });
        }
        while let Some(done) = waiting.join_next().await {
            if let (text, Ok(StatusCode::CREATED)) = done.unwrap() {
                answered.push(text);
            }
        }
    }

    // Clients left before their answer (waits from half a millisecond to forty: before, during
    // and after the server's work; how many of each depends on the machine's speed).
    assert!(answered.len() < LEAVERS, "every client stayed: the test left no write mid-way");
    // Then Ana stays for each answer: every write is answered and kept.
    let mut kept = Vec::new();
    for i in 0..STAYERS {
        let text = format!("kept {i}");
        let res = app.call(Some(&ana), "POST", "/api/v1/journal", Some(json!({ "text": text }))).await;
        assert_eq!(res.status(), StatusCode::CREATED, "write {i} after the others left");
        kept.push(text);
    }

    // Seen from outside the app (another app with a pool of its own on the same database), after
    // the app's pool is closed: a write that went into a transaction nobody committed would be
    // missing here. Entries are sealed under Ana's key, so she reads them through her session.
    app.close().await;
    let outside = app.beside().await;
    let (status, journal) = outside.get(&ana, "/api/v1/journal").await;
    assert_eq!(status, StatusCode::OK);
    let there: HashSet<String> =
        journal["mine"].as_array().unwrap().iter().map(|e| e["text"].as_str().unwrap().to_owned()).collect();
    let lost: Vec<&String> = kept.iter().chain(&answered).filter(|t| !there.contains(*t)).collect();
    assert!(lost.is_empty(), "acknowledged but missing: {lost:?}");
    // Whatever was written is whole: one of the texts that were sent, nothing else.
    assert!(there.iter().all(|t| t.starts_with("left ") || t.starts_with("kept ")), "{there:?}");
    outside.close().await;
}
