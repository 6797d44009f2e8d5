//! Security properties of every response and of log-in.

use reqwest::StatusCode;
use serde_json::{json, Value};
use tend_store::Backend;

use crate::helpers::{location, Browser, TestApp, PASSWORD};

on_both_backends!(
    every_response_carries_the_security_headers,
    a_form_without_its_csrf_token_changes_nothing,
    a_signed_in_form_needs_the_token_bound_to_its_session,
    failed_log_ins_are_limited_but_cannot_lock_the_owner_out_of_a_known_device,
    simultaneous_wrong_passwords_get_no_more_checks_than_the_limit,
    metrics_need_the_hosts_token_and_never_name_a_route,
    a_database_that_cannot_be_reached_answers_a_calm_503_at_once,
    behind_https_cookies_are_host_prefixed_and_secure_and_hsts_is_sent,
    a_deleted_thing_answers_exactly_like_one_that_never_was,
);

async fn behind_https_cookies_are_host_prefixed_and_secure_and_hsts_is_sent(backend: Backend) {
    let app = TestApp::spawn_with(backend, |s| s.cookie_secure = true).await;
    let res = app.api.get(app.url("/login")).send().await.unwrap();
    assert!(res.headers()["strict-transport-security"].to_str().unwrap().starts_with("max-age="));
    let csrf = res.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(csrf.starts_with("__Host-tend_csrf="), "{csrf}");
    app.person("Ana").await;
    let res = app
        .api
        .post(app.url("/api/v1/sessions"))
        .json(&json!({"email": "ana@example.org", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(cookie.starts_with("__Host-tend_session="), "{cookie}");
    for flag in ["Path=/", "HttpOnly", "SameSite=Lax", "Secure"] {
        assert!(cookie.contains(flag), "{flag} in {cookie}");
    }
    assert!(!cookie.contains("Domain="), "{cookie}");
}

async fn every_response_carries_the_security_headers(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    for path in [
        "/",
        "/login",
        "/signup",
        "/home",
        "/no-such-page",
        "/api/v1/me",
        "/api/openapi.json",
        "/static/app.css",
        "/healthz",
    ] {
        let res = app.api.get(app.url(path)).send().await.unwrap();
        let h = res.headers();
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["referrer-policy"], "no-referrer", "{path}");
        let csp = h["content-security-policy"].to_str().unwrap();
        for directive in ["default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"] {
            assert!(csp.contains(directive), "{path}: {csp}");
        }
        assert!(!csp.contains("unsafe-inline"), "{path}");
        let cache = h["cache-control"].to_str().unwrap();
        if path.starts_with("/static/") {
            assert!(cache.starts_with("public"), "{path}");
        } else {
            assert_eq!(cache, "no-store", "{path}");
        }
        assert!(h.get("strict-transport-security").is_none(), "no HSTS over plain HTTP");
    }
}

async fn a_form_without_its_csrf_token_changes_nothing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let browser = Browser::new(&app);
    app.person("Ana").await;
    let res = browser.submit("/login", "/login", &[("email", "ana@example.org"), ("password", PASSWORD)]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    // A forged form: right cookies (the browser sends them), no token.
    let res = browser.client.post(app.url("/couple")).form(&[("x", "y")]).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = browser.client.post(app.url("/couple")).form(&[("csrf", "guessed")]).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let (_, home) = browser.get("/home").await;
    assert!(home.contains("Create our couple space"), "no couple space was created");
    // From another site's origin, even with the token.
    let (_, html) = browser.get("/home").await;
    let csrf = crate::helpers::csrf_of(&html);
    let res = browser
        .client
        .post(app.url("/couple"))
        .header("origin", "https://evil.example")
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

/// Signed in, a form's token comes from the session: the browser's cookie token (which someone
/// able to plant cookies could have chosen) no longer passes, and the page's own token does.
async fn a_signed_in_form_needs_the_token_bound_to_its_session(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let browser = Browser::new(&app);
    app.person("Ana").await;
    let (_, login) = browser.get("/login").await;
    let cookie_token = crate::helpers::csrf_of(&login);
    let res = browser.submit("/login", "/login", &[("email", "ana@example.org"), ("password", PASSWORD)]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, home) = browser.get("/home").await;
    let page_token = crate::helpers::csrf_of(&home);
    assert_ne!(page_token, cookie_token, "signed in, forms carry a token bound to the session");
    let res = browser.client.post(app.url("/couple")).form(&[("csrf", cookie_token.as_str())]).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(browser.get("/home").await.1.contains("Create our couple space"), "nothing was created");
    let res = browser.client.post(app.url("/couple")).form(&[("csrf", page_token.as_str())]).send().await.unwrap();
    assert!(res.status().is_success() || res.status().is_redirection(), "{}", res.status());
    assert!(!browser.get("/home").await.1.contains("Create our couple space"), "the couple space was created");
    // Signed out again, the browser's own token is what its forms carry.
    browser.submit("/home", "/logout", &[]).await;
    assert_eq!(crate::helpers::csrf_of(&browser.get("/login").await.1), cookie_token);
}

async fn failed_log_ins_are_limited_but_cannot_lock_the_owner_out_of_a_known_device(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.person("Ana").await;
    // Ana's own browser has signed in before, so it carries a device cookie.
    let ana_browser = Browser::new(&app);
    let res = ana_browser.submit("/login", "/login", &[("email", "ana@example.org"), ("password", PASSWORD)]).await;
    assert_eq!(location(&res), "/home");
    let res = ana_browser.submit("/home", "/logout", &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    // Someone else guesses from another client, a hundred times.
    let guess = json!({"email": "ana@example.org", "password": "is it this one maybe"});
    for _ in 0..100 {
        let res = app.api.post(app.url("/api/v1/sessions")).json(&guess).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
    let res = app.api.post(app.url("/api/v1/sessions")).json(&guess).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    // Even the right password is refused to unknown clients for now...
    assert_eq!(app.log_in("ana@example.org", PASSWORD).await, Err(StatusCode::TOO_MANY_REQUESTS));
    // ...but Ana's known browser still gets in.
    let res = ana_browser.submit("/login", "/login", &[("email", "ana@example.org"), ("password", PASSWORD)]).await;
    assert_eq!(location(&res), "/home");
}

/// Deleted objects (a journal entry, a revoked invite, an ended session), tried again by their
/// owner and by the partner: each answers 404 with the very body a made-up id gets.
async fn a_deleted_thing_answers_exactly_like_one_that_never_was(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ana = app.person("Ana").await;
    let invite = app.create_couple(&ana).await;
    let invite_id = invite["id"].as_str().unwrap().to_owned();
    let revoke = |id: &str| format!("/api/v1/couple/invites/{id}");
    assert_eq!(app.call(Some(&ana), "DELETE", &revoke(&invite_id), None).await.status(), StatusCode::NO_CONTENT);
    let fresh = app.call(Some(&ana), "POST", "/api/v1/couple/invites", None).await.json::<Value>().await.unwrap();
    let ben = app.person("Ben").await;
    let joined = app.call(Some(&ben), "POST", "/api/v1/couple/join", Some(json!({"code": fresh["code"]}))).await;
    assert_eq!(joined.status(), StatusCode::OK);
    let entry = app.call(Some(&ana), "POST", "/api/v1/journal", Some(json!({"text": "A kind word."}))).await;
    let entry_id = entry.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_owned();
    assert_eq!(
        app.call(Some(&ana), "DELETE", &format!("/api/v1/journal/{entry_id}"), None).await.status(),
        StatusCode::NO_CONTENT
    );
    let second = app.log_in(&ana.email, PASSWORD).await.unwrap();
    let (_, sessions) = app.get(&ana, "/api/v1/sessions").await;
    let ended =
        sessions.as_array().unwrap().iter().find(|s| s["current"] == false).unwrap()["id"].as_str().unwrap().to_owned();
    assert_eq!(
        app.call(Some(&ana), "DELETE", &format!("/api/v1/sessions/{ended}"), None).await.status(),
        StatusCode::NO_CONTENT
    );
    drop(second);

    let made_up = "00000000000000000000000000000000";
    // (method, path with the deleted id, path with a made-up id, body)
    let tries = [
        (
            "POST",
            format!("/api/v1/journal/{entry_id}/share"),
            format!("/api/v1/journal/{made_up}/share"),
            Some(json!({})),
        ),
        ("DELETE", format!("/api/v1/journal/{entry_id}"), format!("/api/v1/journal/{made_up}"), None),
        ("DELETE", revoke(&invite_id), revoke(made_up), None),
        ("DELETE", format!("/api/v1/sessions/{ended}"), format!("/api/v1/sessions/{made_up}"), None),
    ];
    for (method, deleted, never_was, body) in &tries {
        for who in [&ana, &ben] {
            let gone = app.call(Some(who), method, deleted, body.clone()).await;
            let never = app.call(Some(who), method, never_was, body.clone()).await;
            assert_eq!(gone.status(), StatusCode::NOT_FOUND, "{method} {deleted}");
            assert_eq!(never.status(), StatusCode::NOT_FOUND);
            assert_eq!(gone.text().await.unwrap(), never.text().await.unwrap(), "{method} {deleted}");
        }
    }
}

/// Many wrong passwords at the same moment for one account from one address: counting and
/// refusing happen before the password is checked, so no more than the hundred allowed are
/// checked (401) and the rest are refused (429). They used to all be checked.
async fn simultaneous_wrong_passwords_get_no_more_checks_than_the_limit(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.person("Ana").await;
    let guess = json!({"email": "ana@example.org", "password": "is it this one maybe"});
    let url = app.url("/api/v1/sessions");
    let attempts = (0..160).map(|_| {
        let (client, url, guess) = (app.api.clone(), url.clone(), guess.clone());
        tokio::spawn(async move { client.post(url).json(&guess).send().await.unwrap().status() })
    });
    let mut checked = 0;
    let mut refused = 0;
    for attempt in attempts.collect::<Vec<_>>() {
        match attempt.await.unwrap() {
            StatusCode::UNAUTHORIZED => checked += 1,
            StatusCode::TOO_MANY_REQUESTS => refused += 1,
            other => panic!("an attempt answered {other}"),
        }
    }
    println!("scorecard: 160 simultaneous wrong passwords: {checked} checked, {refused} refused");
    assert!(checked <= 100, "{checked} passwords were checked; the limit is 100");
    assert_eq!(checked + refused, 160);
    // Only checked failures count against the account; refused attempts are let go (on
    // PostgreSQL a burst may be refused whole, since every attempt sees all the others).
    let right = app.log_in("ana@example.org", PASSWORD).await;
    if checked == 100 {
        assert_eq!(right, Err(StatusCode::TOO_MANY_REQUESTS), "the limit is reached");
    } else {
        assert!(right.is_ok(), "{checked} failures are under the limit: {right:?}");
    }
}

/// `/metrics` is the host's alone (a token), and counts requests by face, so taking the private
/// safety check or writing a journal entry moves no counter of its own.
async fn metrics_need_the_hosts_token_and_never_name_a_route(backend: Backend) {
    let off = TestApp::spawn(backend).await;
    assert_eq!(
        off.api.get(off.url("/metrics")).send().await.unwrap().status(),
        StatusCode::NOT_FOUND,
        "off by default"
    );
    off.close().await;

    let token = "a-long-host-only-token-0123456789abcdef";
    let app = TestApp::spawn_with(backend, |s| s.metrics_token = Some(token.to_owned())).await;
    let (ana, _ben) = app.couple("Ana", "Ben").await;
    app.call(Some(&ana), "POST", "/api/v1/journal", Some(json!({"text": "canary-metrics"}))).await;
    app.call(Some(&ana), "GET", "/api/v1/safety", None).await;
    let anonymous = app.api.get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(anonymous.status(), StatusCode::NOT_FOUND, "no token, no metrics");
    let wrong = app.api.get(app.url("/metrics")).bearer_auth("not-the-token").send().await.unwrap();
    assert_eq!(wrong.status(), StatusCode::NOT_FOUND);
    let res = app.api.get(app.url("/metrics")).bearer_auth(token).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let text = res.text().await.unwrap();
    assert!(text.contains(r#"route="api""#), "{text}");
    for private in ["journal", "safety", "canary", "/api/v1"] {
        assert!(!text.contains(private), "metrics name {private:?}: {text}");
    }
    app.close().await;
}

/// With the database gone (here: its pool closed), every request answers quickly with a calm 503
/// that says nothing was saved, on the API and the pages, and `/healthz` says why.
async fn a_database_that_cannot_be_reached_answers_a_calm_503_at_once(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, _ben) = app.couple("Ana", "Ben").await;
    let browser = Browser::new(&app);
    crate::pages::sign_up_and_log_in(&browser, "Cat").await;
    app.close().await;
    let started = std::time::Instant::now();
    let res = app.call(Some(&ana), "POST", "/api/v1/journal", Some(json!({"text": "kept?"}))).await;
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["error"]["code"], "unavailable");
    assert!(body["error"]["message"].as_str().unwrap().contains("Nothing was saved"));
    let (status, page) = browser.get("/home").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(page.contains("Tend needs a moment"), "a calm page");
    let health = app.api.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(health.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(health.text().await.unwrap().contains("database unavailable: the database is closed"));
    assert!(started.elapsed() < std::time::Duration::from_secs(6), "fast, not a 30 s hang: {:?}", started.elapsed());
}
