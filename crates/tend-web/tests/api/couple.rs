//! The couple space through the API: invite, join, the one-couple rule, leaving.

use jiff::SignedDuration;
use reqwest::StatusCode;
use serde_json::json;
use tend_store::Backend;

use crate::helpers::TestApp;

on_both_backends!(
    partners_see_each_others_names_once_joined,
    an_invite_link_works_once,
    an_invite_expires_after_seven_days,
    a_cancelled_or_replaced_invite_stops_working,
    a_person_belongs_to_at_most_one_couple,
    leaving_ends_the_partners_access_at_once_and_they_cannot_undo_it,
    wrong_codes_are_limited_per_person,
    simultaneous_wrong_codes_get_no_more_checks_than_the_limit,
);

async fn partners_see_each_others_names_once_joined(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ana = app.person("Ana").await;
    let ben = app.person("Ben").await;
    let invite = app.create_couple(&ana).await;
    let code = invite["code"].as_str().unwrap();
    assert_eq!(code.len(), 9, "ABCD-EFGH: {code}");
    assert!(invite["link"].as_str().unwrap().starts_with(&format!("{}/join/", app.address)));
    let (_, waiting) = app.get(&ana, "/api/v1/couple").await;
    assert!(waiting["partner"].is_null());
    assert_eq!(waiting["open_invite"]["id"], invite["id"]);
    let typed = code.to_lowercase().replace('-', " ");
    let res = app.call(Some(&ben), "POST", "/api/v1/couple/join", Some(json!({"code": typed}))).await;
    assert_eq!(res.status(), StatusCode::OK);
    let (_, for_ana) = app.get(&ana, "/api/v1/couple").await;
    let (_, for_ben) = app.get(&ben, "/api/v1/couple").await;
    assert_eq!(for_ana["partner"]["display_name"], "Ben");
    assert_eq!(for_ben["partner"]["display_name"], "Ana");
    assert_eq!(for_ana["id"], for_ben["id"]);
    assert!(for_ana["open_invite"].is_null());
}

async fn an_invite_link_works_once(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ana = app.person("Ana").await;
    let ben = app.person("Ben").await;
    let cat = app.person("Cat").await;
    let invite = app.create_couple(&ana).await;
    let token = invite["link"].as_str().unwrap().rsplit('/').next().unwrap().to_owned();
    let res = app.call(Some(&ben), "POST", "/api/v1/couple/join", Some(json!({"token": token}))).await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = app.call(Some(&cat), "POST", "/api/v1/couple/join", Some(json!({"token": token}))).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.get(&cat, "/api/v1/couple").await.0, StatusCode::NOT_FOUND);
}

async fn an_invite_expires_after_seven_days(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ana = app.person("Ana").await;
    let ben = app.person("Ben").await;
    let invite = app.create_couple(&ana).await;
    app.clock.advance(SignedDuration::from_hours(24 * 7));
    let res = app.call(Some(&ben), "POST", "/api/v1/couple/join", Some(json!({"code": invite["code"]}))).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let (_, couple) = app.get(&ana, "/api/v1/couple").await;
    assert!(couple["open_invite"].is_null());
}

async fn a_cancelled_or_replaced_invite_stops_working(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ana = app.person("Ana").await;
    let ben = app.person("Ben").await;
    let first = app.create_couple(&ana).await;
    let res = app.call(Some(&ana), "POST", "/api/v1/couple/invites", None).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let second: serde_json::Value = res.json().await.unwrap();
    let res = app.call(Some(&ben), "POST", "/api/v1/couple/join", Some(json!({"code": first["code"]}))).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND, "the replaced invite no longer works");
    let res = app
        .call(Some(&ana), "DELETE", &format!("/api/v1/couple/invites/{}", second["id"].as_str().unwrap()), None)
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let res = app.call(Some(&ben), "POST", "/api/v1/couple/join", Some(json!({"code": second["code"]}))).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND, "the cancelled invite no longer works");
}

async fn a_person_belongs_to_at_most_one_couple(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, _ben) = app.couple("Ana", "Ben").await;
    let cat = app.person("Cat").await;
    let res = app.call(Some(&ana), "POST", "/api/v1/couple", None).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let invite = app.create_couple(&cat).await;
    let res = app.call(Some(&ana), "POST", "/api/v1/couple/join", Some(json!({"code": invite["code"]}))).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let res = app.call(Some(&ana), "POST", "/api/v1/couple/invites", None).await;
    assert_eq!(res.status(), StatusCode::CONFLICT, "a full couple has no invites");
}

async fn leaving_ends_the_partners_access_at_once_and_they_cannot_undo_it(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = app.couple("Ana", "Ben").await;
    let res = app.call(Some(&ben), "POST", "/api/v1/couple/leave", None).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    // Ana's existing session sees nothing of the space any more.
    let (status, body) = app.get(&ana, "/api/v1/couple").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(!body.to_string().contains("Ben"));
    let (_, me) = app.get(&ana, "/api/v1/me").await;
    assert_eq!(me["couple_space_closed"], true);
    let (_, ben_me) = app.get(&ben, "/api/v1/me").await;
    assert_eq!(ben_me["couple_space_closed"], false, "the one who left gets no notice");
    // Ana cannot pull Ben back: she can start a new space, but Ben is not in it.
    let invite = app.create_couple(&ana).await;
    assert!(invite["code"].is_string());
    let (_, couple) = app.get(&ana, "/api/v1/couple").await;
    assert!(couple["partner"].is_null());
    assert_eq!(app.get(&ben, "/api/v1/couple").await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.call(Some(&ben), "POST", "/api/v1/couple/leave", None).await.status(), StatusCode::NOT_FOUND);
}

async fn wrong_codes_are_limited_per_person(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ana = app.person("Ana").await;
    let ben = app.person("Ben").await;
    let invite = app.create_couple(&ana).await;
    for _ in 0..10 {
        let res = app.call(Some(&ben), "POST", "/api/v1/couple/join", Some(json!({"code": "ZZZZ-ZZZZ"}))).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND);
    }
    let res = app.call(Some(&ben), "POST", "/api/v1/couple/join", Some(json!({"code": invite["code"]}))).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    app.clock.advance(SignedDuration::from_secs(3601));
    let res = app.call(Some(&ben), "POST", "/api/v1/couple/join", Some(json!({"code": invite["code"]}))).await;
    assert_eq!(res.status(), StatusCode::OK);
}

/// Many wrong codes at the same moment: each is counted before it is looked up, so no more than
/// the ten allowed an hour are checked (404) and the rest are refused (429). They used to all be
/// checked, which let a burst guess far more codes than the limit.
async fn simultaneous_wrong_codes_get_no_more_checks_than_the_limit(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ben = app.person("Ben").await;
    let guesses = (0..40).map(|i| {
        let (client, url, token) = (app.api.clone(), app.url("/api/v1/couple/join"), ben.token.clone());
        let body = json!({"code": format!("ZZZZ-ZZ{}{}", (b'A' + i / 8) as char, (b'A' + i % 8) as char)});
        tokio::spawn(async move { client.post(url).bearer_auth(token).json(&body).send().await.unwrap().status() })
    });
    let (mut checked, mut refused) = (0, 0);
    for guess in guesses.collect::<Vec<_>>() {
        match guess.await.unwrap() {
            StatusCode::NOT_FOUND => checked += 1,
            StatusCode::TOO_MANY_REQUESTS => refused += 1,
            other => panic!("a guess answered {other}"),
        }
    }
    println!("scorecard: 40 simultaneous wrong invite codes: {checked} checked, {refused} refused (limit 10 an hour)");
    assert!(checked <= 10 && checked + refused == 40, "{checked} of 40 simultaneous guesses were checked");
}
