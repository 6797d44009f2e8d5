//! The kinds kept behind a rule of their own, sealed like everything else: a time capsule (read
//! only once open), a check-up reading (shared with or without its answers, and taken back) and
//! an own-your-part experiment (its reflection shared at the end, or not).

use reqwest::StatusCode;
use serde_json::{json, Value};
use tend_store::Backend;

use crate::couple_key::CANARY;
use crate::helpers::TestApp;

on_both_backends!(
    a_capsule_is_sealed_for_both_and_still_opens_only_on_its_day_together,
    check_up_answers_are_sealed_and_a_shared_reading_opens_for_the_partner,
    an_experiment_is_sealed_and_a_shared_reflection_opens_for_the_partner,
);

/// A capsule written while its author waits for the couple's key is sealed once the key arrives;
/// sealed or not, it opens only on its day when both are ready, and then both read it, as does
/// its author's export.
async fn a_capsule_is_sealed_for_both_and_still_opens_only_on_its_day_together(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = app.couple("Ana", "Ben").await; // Ben joins by code: no key yet
    let opens_on = crate::authorization::days_ahead(10);
    let body = json!({"hopes": format!("{CANARY} hope"), "needs": format!("{CANARY} need"), "opens_on": opens_on});
    let res = app.call(Some(&ben), "POST", "/api/v1/capsules", Some(body)).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let id = res.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_owned();
    let readable = || async {
        let mut rows = 0;
        for column in ["hopes", "needs", "words", "words_shared"] {
            rows += tend_store::test_support::rows_containing(&app.store, "capsules", column, CANARY).await.unwrap();
        }
        rows
    };
    assert_eq!(readable().await, 1, "the partner's copy waits as written for the key");
    app.get(&ana, "/api/v1/repairs").await; // hands Ben the key
    app.get(&ben, "/api/v1/repairs").await; // Ben keeps it; his capsule is sealed
    let (_, sealed) = app.get(&ben, "/api/v1/capsules").await;
    assert!(sealed[0]["contents"].is_null(), "still sealed until its day");
    assert_eq!(readable().await, 0);

    app.clock.advance(jiff::SignedDuration::from_hours(24 * 11));
    let open = format!("/api/v1/capsules/{id}/open");
    assert_eq!(app.call(Some(&ana), "POST", &open, Some(json!({"both_here": true}))).await.status(), StatusCode::OK);
    for who in [&ana, &ben] {
        let (_, list) = app.get(who, "/api/v1/capsules").await;
        assert_eq!(list[0]["contents"]["hopes"], format!("{CANARY} hope"));
        assert_eq!(
            (list[0]["contents"]["needs"].clone(), list[0]["can_open"].clone()),
            (json!(format!("{CANARY} need")), json!(true))
        );
    }
    let (_, export) = app.get(&ben, "/api/v1/me/export").await;
    assert_eq!(export["together"]["capsules"][0]["contents"][0], format!("{CANARY} hope"));
    assert!(export.get("sealed_left_out").is_none(), "nothing left out");
}

/// Check-up answers are kept sealed under their author's key; sharing a reading gives the partner
/// a copy under the couple's key, which taking it back drops; the author's export opens them.
async fn check_up_answers_are_sealed_and_a_shared_reading_opens_for_the_partner(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = app.couple("Ana", "Ben").await;
    let answers = crate::authorization::checkup_answers();
    let res = app.call(Some(&ana), "POST", "/api/v1/checkups", Some(answers.clone())).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let id = res.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_owned();
    let as_written = || async {
        let mut rows = 0;
        for column in ["answers", "shared_text"] {
            rows += tend_store::test_support::rows_containing(&app.store, "checkups", column, "{").await.unwrap();
        }
        rows
    };
    assert_eq!(as_written().await, 0, "only sealed answers are kept");
    let share = format!("/api/v1/checkups/{id}/share?with_answers=true");
    assert!(app.call(Some(&ana), "POST", &share, None).await.status().is_success());
    assert_eq!(as_written().await, 0);
    let (_, his) = app.get(&ben, "/api/v1/checkups").await;
    assert_eq!(his["shared_with_me"][0]["answers"], answers["answers"], "Ben reads what Ana shared");
    let (status, one) = app.get(&ben, &format!("/api/v1/checkups/{id}")).await;
    assert_eq!((status, one["answers"].clone()), (StatusCode::OK, answers["answers"].clone()));
    assert!(app.call(Some(&ana), "DELETE", &format!("/api/v1/checkups/{id}/share"), None).await.status().is_success());
    let copies = tend_store::test_support::rows_containing(&app.store, "checkups", "shared_text", "s1.").await;
    assert_eq!(copies.unwrap(), 0, "taking it back drops the partner's copy");
    let (_, export) = app.get(&ana, "/api/v1/me/export").await;
    assert_eq!(export["checkups"][0]["answers"], answers["answers"]);
}

/// An own-your-part experiment is kept sealed under its author's key; sharing the reflection
/// gives the partner a copy of it, and of what it was about, under the couple's key.
async fn an_experiment_is_sealed_and_a_shared_reflection_opens_for_the_partner(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = app.couple("Ana", "Ben").await;
    app.agree_ground_rules(&ana.token, &ben.token).await;
    let start = json!({"behaviour": format!("{CANARY} behaviour")});
    let res = app.call(Some(&ana), "POST", "/api/v1/experiments", Some(start)).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let id = res.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_owned();
    app.clock.advance(jiff::SignedDuration::from_hours(24 * 15));
    let reflect = json!({"reflection": format!("{CANARY} reflection"), "share": true});
    let res = app.call(Some(&ana), "POST", &format!("/api/v1/experiments/{id}/reflection"), Some(reflect)).await;
    assert_eq!(res.status(), StatusCode::OK);
    let (_, hers) = app.get(&ana, "/api/v1/experiments").await;
    assert_eq!(hers["mine"][0]["behaviour"], format!("{CANARY} behaviour"));
    let (_, his) = app.get(&ben, "/api/v1/experiments").await;
    assert_eq!(his["shared_with_me"][0]["reflection"], format!("{CANARY} reflection"));
    assert_eq!(his["shared_with_me"][0]["behaviour"], format!("{CANARY} behaviour"));
    for column in ["behaviour", "behaviour_shared", "reflection", "reflection_shared"] {
        let rows = tend_store::test_support::rows_containing(&app.store, "experiments", column, CANARY).await;
        assert_eq!(rows.unwrap(), 0, "experiments.{column} keeps words as written");
    }
    let (_, export) = app.get(&ana, "/api/v1/me/export").await;
    assert_eq!(export["together"]["experiments"][0]["reflection"], format!("{CANARY} reflection"));
}
