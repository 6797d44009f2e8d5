//! What a couple keeps together, through the API: the weekly check on two devices, the journal
//! shared into it, time capsules sealed until their day, own-your-part, shared joy and momentum.

use jiff::SignedDuration;
use reqwest::StatusCode;
use serde_json::{json, Value};
use tend_store::Backend;

use crate::authorization::safety_answers;
use crate::helpers::TestApp;

on_both_backends!(
    a_weekly_check_runs_on_two_devices_and_is_saved_for_both,
    a_journal_entry_stays_private_until_its_author_shares_it,
    a_capsule_stays_sealed_for_everyone_until_its_day_and_opens_when_both_are_ready,
    own_your_part_keeps_the_daily_checks_private_and_shares_only_the_reflection,
    shared_joy_is_planned_enjoyed_and_remembered,
    momentum_counts_what_happened_and_nothing_that_did_not,
);

async fn post(app: &TestApp, who: &crate::helpers::Person, path: &str, body: Value) -> (StatusCode, Value) {
    let res = app.call(Some(who), "POST", path, Some(body)).await;
    let status = res.status();
    (status, res.json().await.unwrap_or(Value::Null))
}

async fn a_weekly_check_runs_on_two_devices_and_is_saved_for_both(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = app.couple("Ana", "Ben").await;
    let (status, check) = post(&app, &ana, "/api/v1/weekly-checks", json!({})).await;
    assert_eq!(status, StatusCode::CREATED);
    let minutes: u64 = check["sections"].as_array().unwrap().iter().map(|s| s["minutes"].as_u64().unwrap()).sum();
    assert_eq!((check["sections"].as_array().unwrap().len(), minutes), (6, 30), "six sections, thirty minutes");
    let id = check["id"].as_str().unwrap().to_owned();
    let (_, same) = post(&app, &ben, "/api/v1/weekly-checks", json!({})).await;
    assert_eq!(same["id"], id.as_str(), "the second device joins the same check");
    let path = format!("/api/v1/weekly-checks/{id}");
    let (status, moved) = post(&app, &ben, &format!("{path}/move"), json!({"version": 1, "to": "next"})).await;
    assert_eq!((status, moved["section"].clone()), (StatusCode::OK, json!(1)));
    let (status, _) = post(&app, &ana, &format!("{path}/move"), json!({"version": 1, "to": "next"})).await;
    assert_eq!(status, StatusCode::CONFLICT, "a stale 'next' from the other device skips nothing");
    let (status, _) =
        post(&app, &ana, &format!("{path}/notes"), json!({"section": "needs", "text": "An early night on Thursday."}))
            .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = post(&app, &ana, &format!("{path}/notes"), json!({"section": "nowhere", "text": "x"})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let entry = post(&app, &ben, "/api/v1/journal", json!({"text": "She fixed my bike."})).await.1;
    let share = format!("/api/v1/journal/{}/share", entry["id"].as_str().unwrap());
    assert_eq!(post(&app, &ben, &share, json!({"weekly_check_id": id})).await.0, StatusCode::OK);
    let (_, seen) = app.get(&ana, &path).await;
    assert_eq!(seen["appreciations"][0]["text"], "She fixed my bike.", "brought into the appreciation round");
    assert_eq!(
        seen["sections"][1]["notes"][0],
        json!({"text": "An early night on Thursday.", "can_open": true, "mine": true})
    );
    let version = seen["version"].as_i64().unwrap();
    let (status, done) = post(&app, &ben, &format!("{path}/move"), json!({"version": version, "to": "finish"})).await;
    assert_eq!((status, done["in_progress"].clone()), (StatusCode::OK, json!(false)));
    let (_, list) = app.get(&ana, "/api/v1/weekly-checks").await;
    assert_eq!(list[0]["notes"], 1);
    let (_, summary) = app.get(&ben, &path).await;
    assert_eq!(summary["sections"][1]["notes"][0]["mine"], false, "Ben reads the saved summary later");
    let (status, _) = post(&app, &ana, &format!("{path}/notes"), json!({"section": "needs", "text": "late"})).await;
    assert_eq!(status, StatusCode::CONFLICT, "a finished check is kept as it was");
}

async fn a_journal_entry_stays_private_until_its_author_shares_it(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = app.couple("Ana", "Ben").await;
    let (status, first) = post(&app, &ana, "/api/v1/journal", json!({"text": "He called my mother back."})).await;
    assert_eq!(status, StatusCode::CREATED);
    post(&app, &ana, "/api/v1/journal", json!({"text": "He let me sleep in."})).await;
    assert_eq!(post(&app, &ana, "/api/v1/journal", json!({"text": ""})).await.0, StatusCode::UNPROCESSABLE_ENTITY);
    let (_, hers) = app.get(&ana, "/api/v1/journal").await;
    assert_eq!((hers["mine"].as_array().unwrap().len(), hers["this_week"].clone()), (2, json!(2)));
    let (_, his) = app.get(&ben, "/api/v1/journal").await;
    assert_eq!(his["shared_with_me"], json!([]));
    let share = format!("/api/v1/journal/{}/share", first["id"].as_str().unwrap());
    assert_eq!(post(&app, &ben, &share, json!({})).await.0, StatusCode::NOT_FOUND, "only the author shares");
    assert_eq!(post(&app, &ana, &share, json!({})).await.0, StatusCode::OK);
    let (_, his) = app.get(&ben, "/api/v1/journal").await;
    let texts: Vec<&str> =
        his["shared_with_me"].as_array().unwrap().iter().map(|e| e["text"].as_str().unwrap()).collect();
    assert_eq!(texts, vec!["He called my mother back."], "only the shared one");
    let (_, export) = app.get(&ana, "/api/v1/me/export").await;
    assert_eq!(export["together"]["journal"].as_array().unwrap().len(), 2, "the export keeps every entry");
}

async fn a_capsule_stays_sealed_for_everyone_until_its_day_and_opens_when_both_are_ready(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = app.couple("Ana", "Ben").await;
    let (_, default) = post(&app, &ana, "/api/v1/capsules", json!({"needs": "Patience."})).await;
    let in_three_months =
        crate::authorization::days_ahead(0).parse::<jiff::civil::Date>().unwrap() + jiff::ToSpan::months(3);
    assert_eq!(default["opens_on"], in_three_months.to_string(), "three months by default");
    app.call(Some(&ana), "POST", &format!("/api/v1/capsules/{}/cancel", default["id"].as_str().unwrap()), None).await;
    let capsule = json!({"hopes": "A trip to the sea.", "fears": "Drifting again.", "opens_on": crate::authorization::days_ahead(10)});
    let (status, sealed) = post(&app, &ana, "/api/v1/capsules", capsule).await;
    assert_eq!(status, StatusCode::CREATED);
    assert!(sealed["contents"].is_null(), "not even its author reads it sealed");
    let id = sealed["id"].as_str().unwrap().to_owned();
    for who in [&ana, &ben] {
        let (_, list) = app.get(who, "/api/v1/capsules").await;
        assert_eq!(list[0]["state"], "sealed");
        assert!(!list.to_string().contains("Drifting"), "nothing of what it holds");
        let (status, _) = post(&app, who, &format!("/api/v1/capsules/{id}/open"), json!({})).await;
        assert_eq!(status, StatusCode::CONFLICT);
    }
    let (_, export) = app.get(&ana, "/api/v1/me/export").await;
    assert!(!export.to_string().contains("Drifting"), "nor through the export while sealed");
    for bad in [json!({"hopes": ""}), json!({"hopes": "x", "opens_on": "2020-01-01"})] {
        assert_eq!(post(&app, &ana, "/api/v1/capsules", bad).await.0, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let (_, other) = post(&app, &ben, "/api/v1/capsules", json!({"needs": "Time."})).await;
    let other_cancel = format!("/api/v1/capsules/{}/cancel", other["id"].as_str().unwrap());
    assert_eq!(app.call(Some(&ana), "POST", &other_cancel, None).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.call(Some(&ben), "POST", &other_cancel, None).await.status(), StatusCode::NO_CONTENT);
    app.clock.advance(SignedDuration::from_hours(24 * 11));
    let (status, ready) = post(&app, &ana, &format!("/api/v1/capsules/{id}/open"), json!({})).await;
    assert_eq!(
        (status, ready["state"].clone(), ready["i_am_ready"].clone()),
        (StatusCode::OK, json!("ready"), json!(true))
    );
    assert!(ready["contents"].is_null(), "it opens together, not alone");
    let (_, open) = post(&app, &ben, &format!("/api/v1/capsules/{id}/open"), json!({})).await;
    assert_eq!(open["state"], "open");
    let (_, list) = app.get(&ana, "/api/v1/capsules").await;
    assert_eq!(list.as_array().unwrap().len(), 1, "the cancelled one is gone");
    assert_eq!(list[0]["contents"]["hopes"], "A trip to the sea.");
    assert_eq!(
        app.call(Some(&ana), "POST", &format!("/api/v1/capsules/{id}/cancel"), None).await.status(),
        StatusCode::CONFLICT
    );
}

async fn own_your_part_keeps_the_daily_checks_private_and_shares_only_the_reflection(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = app.couple("Ana", "Ben").await;
    // A joint tool: it opens once both agreed their ground rules.
    let early = app.call(Some(&ana), "POST", "/api/v1/experiments", Some(json!({"behaviour": "Less sarcasm"}))).await;
    assert_eq!(early.status(), StatusCode::CONFLICT);
    let before_rules: Value = early.json().await.unwrap();
    app.agree_ground_rules(&ana.token, &ben.token).await;
    let (status, started) = post(&app, &ana, "/api/v1/experiments", json!({"behaviour": "Less sarcasm"})).await;
    assert_eq!(status, StatusCode::CREATED);
    let id = started["id"].as_str().unwrap().to_owned();
    let (_, logged) = post(&app, &ana, &format!("/api/v1/experiments/{id}/days"), json!({"kept": true})).await;
    assert_eq!(logged["today"], true);
    let reflect = format!("/api/v1/experiments/{id}/reflection");
    let early = post(&app, &ana, &reflect, json!({"reflection": "Too soon.", "share": true})).await;
    assert_eq!(early.0, StatusCode::CONFLICT, "the reflection comes at the end");
    app.clock.advance(SignedDuration::from_hours(24 * 14));
    let (status, done) =
        post(&app, &ana, &reflect, json!({"reflection": "Our evenings felt lighter.", "share": true})).await;
    assert_eq!((status, done["ended"].clone(), done["shared"].clone()), (StatusCode::OK, json!(true), json!(true)));
    let (_, his) = app.get(&ben, "/api/v1/experiments").await;
    assert_eq!(
        his["shared_with_me"],
        json!([{"behaviour": "Less sarcasm", "reflection": "Our evenings felt lighter."}])
    );
    assert!(!his.to_string().contains(&id), "Ben never sees the daily checks");
    // A safety check pointing to risk closes own-your-part for the couple, without a reason: Ben
    // gets exactly the answer of a couple who hasn't agreed ground rules yet.
    let risk = json!({"answers": safety_answers(true)});
    assert_eq!(app.call(Some(&ana), "POST", "/api/v1/safety", Some(risk)).await.status(), StatusCode::OK);
    let res = app.call(Some(&ben), "POST", "/api/v1/experiments", Some(json!({"behaviour": "Less sarcasm"}))).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert_eq!(res.json::<Value>().await.unwrap(), before_rules, "the same answer as before the rules");
    let listed = app.call(Some(&ben), "GET", "/api/v1/experiments", None).await;
    assert_eq!(listed.json::<Value>().await.unwrap(), before_rules);
}

async fn shared_joy_is_planned_enjoyed_and_remembered(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = app.couple("Ana", "Ben").await;
    let (_, joy) = app.get(&ben, "/api/v1/joy").await;
    assert!(joy["ideas"].as_array().unwrap().len() >= 10);
    let tomorrow = crate::authorization::days_ahead(1);
    let (status, plan) =
        post(&app, &ana, "/api/v1/joy", json!({"idea": "A game night", "on": tomorrow, "phones_off": true})).await;
    assert_eq!(status, StatusCode::CREATED);
    for bad in [json!({"idea": "", "on": tomorrow}), json!({"idea": "Walk", "on": "2020-01-01"})] {
        assert_eq!(post(&app, &ana, "/api/v1/joy", bad).await.0, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let (_, listed) = app.get(&ben, "/api/v1/joy").await;
    assert_eq!(listed["upcoming"][0]["phones_off"], true);
    let done = format!("/api/v1/joy/{}/done", plan["id"].as_str().unwrap());
    assert_eq!(post(&app, &ben, &done, json!({"enjoyed": "Ana won twice."})).await.0, StatusCode::OK);
    let (_, after) = app.get(&ana, "/api/v1/joy").await;
    assert_eq!(
        (after["upcoming"].clone(), after["enjoyed"][0]["enjoyed"].clone()),
        (json!([]), json!("Ana won twice."))
    );
}

async fn momentum_counts_what_happened_and_nothing_that_did_not(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = app.couple("Ana", "Ben").await;
    let (_, empty) = app.get(&ana, "/api/v1/momentum").await;
    // A new couple's momentum starts at their own first week, not seven empty weeks before it.
    assert_eq!(empty["weeks"].as_array().unwrap().len(), 1);
    let (status, win) = post(&app, &ben, "/api/v1/wins", json!({"text": "A hug in the kitchen"})).await;
    assert_eq!((status, win["mine"].clone()), (StatusCode::CREATED, json!(true)));
    assert_eq!(post(&app, &ben, "/api/v1/wins", json!({"text": " "})).await.0, StatusCode::UNPROCESSABLE_ENTITY);
    post(&app, &ana, "/api/v1/rituals/evening/answer", json!({"text": "Our talk at dinner."})).await;
    let (_, momentum) = app.get(&ana, "/api/v1/momentum").await;
    let this_week = momentum["weeks"].as_array().unwrap().last().unwrap();
    assert_eq!((this_week["wins"].clone(), this_week["ritual_days"].clone()), (json!(1), json!(1)));
    assert_eq!(
        momentum["recent_wins"][0],
        json!({"id": win["id"], "text": "A hug in the kitchen", "can_open": true, "day": win["day"], "mine": false})
    );
    let text = momentum.to_string().to_lowercase();
    for word in ["missed", "streak", "percent", "skipped"] {
        assert!(!text.contains(word), "momentum never counts {word}");
    }
}
