//! The security log: its owner sees sign-ins (each with its device), password and email
//! changes, another device signed out, and changes to what they share — through the API, on the
//! account activity page and in their export. Nobody else sees any of it, it never holds what was
//! shared, and it lets go of events older than a year.

use jiff::SignedDuration;
use reqwest::StatusCode;
use serde_json::{json, Value};
use tend_store::Backend;

use crate::helpers::{Browser, Person, TestApp, PASSWORD};

on_both_backends!(
    the_owner_sees_what_happened_to_their_account_and_nobody_else_does,
    the_log_lets_go_of_events_older_than_a_year,
);

async fn kinds(app: &TestApp, who: &Person) -> Vec<String> {
    let (status, log) = app.get(who, "/api/v1/me/security-log").await;
    assert_eq!(status, StatusCode::OK);
    log.as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap().to_owned()).collect()
}

async fn the_owner_sees_what_happened_to_their_account_and_nobody_else_does(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = app.couple("Ana", "Ben").await;

    // Ana signs in on a second device, shares a journal entry, tells Ben she is low on capacity,
    // signs the second device out, and changes her email and then her password.
    let phone = app.log_in(&ana.email, PASSWORD).await.unwrap();
    let entry = app.call(Some(&ana), "POST", "/api/v1/journal", Some(json!({"text": "canary-shared-words"}))).await;
    let entry_id = entry.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_owned();
    let shared = app.call(Some(&ana), "POST", &format!("/api/v1/journal/{entry_id}/share"), Some(json!({}))).await;
    assert_eq!(shared.status(), StatusCode::OK);
    let told = json!({"situation": "low_capacity", "tell_partner": true});
    assert_eq!(app.call(Some(&ana), "PUT", "/api/v1/situation", Some(told)).await.status(), StatusCode::OK);
    let (_, sessions) = app.get(&ana, "/api/v1/sessions").await;
    let other = sessions.as_array().unwrap().iter().find(|s| s["current"] == false).unwrap()["id"].clone();
    let ended = app.call(Some(&ana), "DELETE", &format!("/api/v1/sessions/{}", other.as_str().unwrap()), None).await;
    assert_eq!(ended.status(), StatusCode::NO_CONTENT);
    let phone = Person { email: ana.email.clone(), token: phone };
    assert_eq!(app.get(&phone, "/api/v1/me").await.0, StatusCode::UNAUTHORIZED, "the phone is signed out");
    let moved = json!({"new_email": "ana.new@example.org", "password": PASSWORD});
    assert_eq!(app.call(Some(&ana), "POST", "/api/v1/me/email", Some(moved)).await.status(), StatusCode::ACCEPTED);
    let token = crate::account_links::emailed_token(&app, "ana.new@example.org", "/email/confirm/").await;
    let confirmed = app.api.post(app.url("/api/v1/email-changes")).json(&json!({"token": token})).send().await.unwrap();
    assert_eq!(confirmed.status(), StatusCode::NO_CONTENT);
    let password = json!({"current_password": PASSWORD, "new_password": "another long password"});
    let changed = app.call(Some(&ana), "POST", "/api/v1/me/password", Some(password)).await;
    assert_eq!(changed.status(), StatusCode::NO_CONTENT);

    assert_eq!(
        kinds(&app, &ana).await,
        [
            "password_changed",
            "email_changed",
            "other_device_signed_out",
            "low_capacity_told",
            "journal_entry_shared",
            "signed_in_new_device",
            "couple_created",
            "signed_in_new_device",
        ],
        "newest first"
    );
    let (_, log) = app.get(&ana, "/api/v1/me/security-log").await;
    let text = log.to_string();
    assert!(!text.contains("canary"), "the log says that something was shared, never what");
    for event in log.as_array().unwrap() {
        let names_device =
            event["kind"].as_str().unwrap().starts_with("signed_in") || event["kind"] == "other_device_signed_out";
        assert_eq!(event["device"].is_string(), names_device, "{event}");
        assert!(!event["text"].as_str().unwrap().is_empty());
    }

    // Ben's log holds only his own account's events.
    assert_eq!(kinds(&app, &ben).await, ["couple_joined", "signed_in_new_device"]);

    // Stopping telling is a sharing change too.
    let untold = json!({"situation": "low_capacity", "tell_partner": false});
    app.call(Some(&ana), "PUT", "/api/v1/situation", Some(untold)).await;
    assert_eq!(kinds(&app, &ana).await[0], "low_capacity_no_longer_told");

    // The export carries it; the page shows it, with the browser's device.
    let (_, export) = app.get(&ana, "/api/v1/me/export").await;
    assert_eq!(export["security_log"].as_array().unwrap().len(), 9);
    let browser = Browser::new(&app);
    let res = browser
        .submit("/login", "/login", &[("email", "ana.new@example.org"), ("password", "another long password")])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (status, page) = browser.get("/settings/activity").await;
    assert_eq!(status, StatusCode::OK);
    for line in
        ["Signed in on a device not seen before", "Firefox on Linux", "Password changed", "Sign-in email changed"]
    {
        assert!(page.contains(line), "the page shows {line:?}");
    }
    assert!(!page.contains("canary"));
    let (_, settings) = browser.get("/settings").await;
    assert!(settings.contains("href=\"/settings/activity\""), "settings link to the activity page");
}

async fn the_log_lets_go_of_events_older_than_a_year(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ana = app.person("Ana").await;
    app.clock.advance(SignedDuration::from_hours(24 * 366));
    let again = app.log_in(&ana.email, PASSWORD).await.unwrap();
    let again = Person { email: ana.email.clone(), token: again };
    assert_eq!(kinds(&app, &again).await, ["signed_in_new_device"], "last year's sign-in is gone");
}
