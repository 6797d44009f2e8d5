//! Safer hard conversations through the API: invitations, ground rules, repairs, hard talks.

use jiff::SignedDuration;
use reqwest::StatusCode;
use serde_json::{json, Value};
use tend_store::Backend;

use crate::authorization::tomorrow_evening;
use crate::helpers::TestApp;

on_both_backends!(
    an_invitation_is_answered_once_kindly_and_never_chased_and_its_time_is_optional,
    ground_rules_count_once_both_say_yes_and_any_change_needs_both_again,
    a_repair_is_accepted_with_a_thank_you,
    a_hard_talk_opens_with_the_rules_waits_out_a_pause_and_closes_with_what_was_agreed,
);

async fn an_invitation_is_answered_once_kindly_and_never_chased_and_its_time_is_optional(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = app.couple("Ana", "Ben").await;
    let (_, openers) = app.get(&ana, "/api/v1/openers").await;
    assert!(openers.as_array().unwrap().len() >= 10);
    let past = json!({"text": "Talk?", "proposed_at": "2001-01-01T10:00"});
    assert_eq!(
        app.call(Some(&ana), "POST", "/api/v1/invitations", Some(past)).await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let sent: Value = app
        .call(
            Some(&ana),
            "POST",
            "/api/v1/invitations",
            Some(json!({"text": openers[0]["text"], "proposed_at": tomorrow_evening()})),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(sent["status"], "open");
    let answer = format!("/api/v1/invitations/{}/answer", sent["id"].as_str().unwrap());
    let not_now = json!({"answer": "not-now", "note": "Not tonight, I'm worn out. Thank you for asking."});
    let res: Value = app.call(Some(&ben), "POST", &answer, Some(not_now)).await.json().await.unwrap();
    assert_eq!(res["status"], "not-now");
    let (_, seen) = app.get(&ana, "/api/v1/invitations").await;
    assert_eq!(seen[0]["note"], "Not tonight, I'm worn out. Thank you for asking.");
    assert_eq!(
        app.call(Some(&ben), "POST", &answer, Some(json!({"answer": "accept"}))).await.status(),
        StatusCode::CONFLICT
    );
    let second: Value = app
        .call(
            Some(&ben),
            "POST",
            "/api/v1/invitations",
            Some(json!({"text": "Walk on Sunday?", "proposed_at": tomorrow_evening()})),
        )
        .await
        .json()
        .await
        .unwrap();
    let answer = format!("/api/v1/invitations/{}/answer", second["id"].as_str().unwrap());
    let bad = app.call(Some(&ana), "POST", &answer, Some(json!({"answer": "other-time"}))).await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY, "another time needs the time");
    let other = json!({"answer": "other-time", "other_time": tomorrow_evening().replace("19:00", "20:30")});
    let res: Value = app.call(Some(&ana), "POST", &answer, Some(other)).await.json().await.unwrap();
    assert_eq!(res["status"], "other-time");
    assert!(res["other_time"].is_string());
    // The time may be left open: "whenever suits you".
    let open =
        app.call(Some(&ana), "POST", "/api/v1/invitations", Some(json!({"text": "Tea sometime this week?"}))).await;
    assert_eq!(open.status(), StatusCode::CREATED);
    let open: Value = open.json().await.unwrap();
    assert!(open["proposed_at"].is_null(), "no time proposed: {open}");
    let empty = json!({"text": "A walk?", "proposed_at": ""});
    assert_eq!(app.call(Some(&ana), "POST", "/api/v1/invitations", Some(empty)).await.status(), StatusCode::CREATED);
}

async fn ground_rules_count_once_both_say_yes_and_any_change_needs_both_again(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = app.couple("Ana", "Ben").await;
    let empty = app.call(Some(&ana), "POST", "/api/v1/ground-rules", Some(json!({"rules": ["  "]}))).await;
    assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let v1: Value = app
        .call(Some(&ana), "POST", "/api/v1/ground-rules", Some(json!({"rules": ["We let each other finish."]})))
        .await
        .json()
        .await
        .unwrap();
    assert!(v1["accepted"].is_null());
    assert_eq!(v1["proposal"]["version"], 1);
    let own = app.call(Some(&ana), "POST", "/api/v1/ground-rules/accept", Some(json!({"version": 1}))).await;
    assert_eq!(own.status(), StatusCode::CONFLICT, "the other yes is the partner's");
    let yes: Value = app
        .call(Some(&ben), "POST", "/api/v1/ground-rules/accept", Some(json!({"version": 1})))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(yes["accepted"]["rules"], json!(["We let each other finish."]));
    assert!(yes["proposal"].is_null());
    // Ben changes them: version 2 waits for Ana, version 1 stays in force meanwhile.
    let v2 = json!({"rules": ["We let each other finish.", "We stop after 30 minutes."]});
    app.call(Some(&ben), "POST", "/api/v1/ground-rules", Some(v2)).await;
    let (_, seen) = app.get(&ana, "/api/v1/ground-rules").await;
    assert_eq!((seen["accepted"]["version"].clone(), seen["proposal"]["version"].clone()), (json!(1), json!(2)));
    let stale = app.call(Some(&ana), "POST", "/api/v1/ground-rules/accept", Some(json!({"version": 1}))).await;
    assert_eq!(stale.status(), StatusCode::CONFLICT, "nobody accepts a text that changed");
    let yes: Value = app
        .call(Some(&ana), "POST", "/api/v1/ground-rules/accept", Some(json!({"version": 2})))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(yes["accepted"]["version"], 2);
}

async fn a_repair_is_accepted_with_a_thank_you(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = app.couple("Ana", "Ben").await;
    assert_eq!(
        app.call(Some(&ana), "POST", "/api/v1/repairs", Some(json!({"kind": "sulk"}))).await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let offered: Value = app
        .call(Some(&ana), "POST", "/api/v1/repairs", Some(json!({"kind": "apology", "text": "I'm sorry I snapped."})))
        .await
        .json()
        .await
        .unwrap();
    let accept = format!("/api/v1/repairs/{}/accept", offered["id"].as_str().unwrap());
    assert_eq!(app.call(Some(&ana), "POST", &accept, None).await.status(), StatusCode::CONFLICT);
    let accepted: Value = app.call(Some(&ben), "POST", &accept, None).await.json().await.unwrap();
    assert_eq!(accepted["accepted"], true);
    assert!(!accepted["thanks"].as_str().unwrap().is_empty());
    let (_, history) = app.get(&ana, "/api/v1/repairs").await;
    assert_eq!(history[0]["text"], "I'm sorry I snapped.");
    assert!(!history.to_string().contains("count"), "a history, never a score");
}

async fn a_hard_talk_opens_with_the_rules_waits_out_a_pause_and_closes_with_what_was_agreed(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = app.couple("Ana", "Ben").await;
    let talk = json!({"topic": "Holidays with family", "starts_at": tomorrow_evening(), "minutes": 30});
    let res = app.call(Some(&ana), "POST", "/api/v1/hard-talks", Some(talk.clone())).await;
    assert_eq!(res.status(), StatusCode::CONFLICT, "ground rules come first");
    app.call(Some(&ana), "POST", "/api/v1/ground-rules", Some(json!({"rules": ["We let each other finish."]}))).await;
    app.call(Some(&ben), "POST", "/api/v1/ground-rules/accept", Some(json!({"version": 1}))).await;
    app.call(Some(&ben), "POST", "/api/v1/pause", Some(json!({}))).await;
    let res = app.call(Some(&ana), "POST", "/api/v1/hard-talks", Some(talk.clone())).await;
    assert_eq!(res.status(), StatusCode::CONFLICT, "hard talks wait while a pause is quiet");
    app.clock.advance(SignedDuration::from_mins(20));
    let too_long = json!({"topic": "Holidays", "starts_at": tomorrow_evening(), "minutes": 120});
    assert_eq!(
        app.call(Some(&ana), "POST", "/api/v1/hard-talks", Some(too_long)).await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let scheduled: Value = app.call(Some(&ana), "POST", "/api/v1/hard-talks", Some(talk)).await.json().await.unwrap();
    assert_eq!(scheduled["minutes"], 30);
    let close = format!("/api/v1/hard-talks/{}/close", scheduled["id"].as_str().unwrap());
    let closed: Value = app
        .call(Some(&ben), "POST", &close, Some(json!({"agreed": "We visit for two days, not five."})))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(closed["closed"], true);
    let (_, talks) = app.get(&ana, "/api/v1/hard-talks").await;
    assert_eq!(talks[0]["agreed"], "We visit for two days, not five.", "both can read what was agreed");
    assert_eq!(app.call(Some(&ana), "POST", &close, Some(json!({"agreed": "x"}))).await.status(), StatusCode::CONFLICT);
}
