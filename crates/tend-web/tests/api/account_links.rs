//! A way back in: a forgotten password reset through a single-use emailed link, a new email
//! address used only once the link sent there is confirmed (the old address told), and the host's
//! `reset-link` for a Tend without email. Emails go through the real outbox and worker to an SMTP
//! server on loopback.

use jiff::SignedDuration;
use mail_parser::MessageParser;
use reqwest::StatusCode;
use serde_json::{json, Value};
use tend_store::Backend;
use tend_web::clock::Clock;
use tend_web::mail::worker;

use crate::helpers::{location, Browser, TestApp, PASSWORD};
use crate::mail::{mailer, neutral, parse, Parsed};
use crate::smtp::SmtpSink;

on_both_backends!(
    a_forgotten_password_is_reset_with_a_single_use_emailed_link_that_signs_out_every_device,
    asking_for_a_reset_answers_the_same_for_an_unknown_address_and_is_limited,
    a_reset_link_works_for_an_hour_and_using_one_ends_every_other,
    a_new_email_counts_only_once_confirmed_from_that_address_and_the_old_one_is_told,
    a_password_change_ends_a_pending_email_change,
    an_email_change_to_a_taken_address_tells_nothing_until_its_link_is_used,
    the_reset_and_email_pages_work_without_javascript,
);

/// Delivers what is due and returns the messages that went to `to`.
pub async fn delivered_to(app: &TestApp, to: &str) -> Vec<Parsed> {
    let sink = SmtpSink::start().await;
    worker::deliver_due(app.state.store.as_ref(), &mailer(&sink), app.clock.now()).await.unwrap();
    sink.messages()
        .iter()
        .filter(|raw| {
            let m = MessageParser::default().parse(raw.as_slice()).unwrap();
            m.to().and_then(|a| a.first()).and_then(|a| a.address()) == Some(to)
        })
        .map(|raw| parse(raw))
        .collect()
}

/// The token of the one link with `marker` in the newest email to `to`.
pub async fn emailed_token(app: &TestApp, to: &str, marker: &str) -> String {
    let emails = delivered_to(app, to).await;
    let email = emails.last().unwrap_or_else(|| panic!("an email to {to}"));
    token_in(email, marker)
}

fn token_in(email: &Parsed, marker: &str) -> String {
    let link = email.text.split_whitespace().find(|w| w.contains(marker)).expect("the link").to_owned();
    link.rsplit('/').next().unwrap().to_owned()
}

async fn ask_reset(app: &TestApp, email: &str) -> StatusCode {
    app.api.post(app.url("/api/v1/password-reset-links")).json(&json!({"email": email})).send().await.unwrap().status()
}

async fn reset(app: &TestApp, token: &str, new_password: &str) -> reqwest::Response {
    let body = json!({"token": token, "new_password": new_password});
    app.api.post(app.url("/api/v1/password-resets")).json(&body).send().await.unwrap()
}

async fn a_forgotten_password_is_reset_with_a_single_use_emailed_link_that_signs_out_every_device(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ana = app.person("Ana").await;
    let phone =
        crate::helpers::Person { email: ana.email.clone(), token: app.log_in(&ana.email, PASSWORD).await.unwrap() };
    assert_eq!(ask_reset(&app, " Ana@Example.org ").await, StatusCode::ACCEPTED);
    let emails = delivered_to(&app, &ana.email).await;
    assert_eq!(emails.len(), 1);
    neutral(&emails[0]);
    assert!(emails[0].text.contains("one hour"), "{}", emails[0].text);
    let token = token_in(&emails[0], "/password/reset/");

    let weak = reset(&app, &token, "short").await;
    assert_eq!(weak.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(weak.json::<Value>().await.unwrap()["error"]["field"], "new_password");
    assert_eq!(app.get(&ana, "/api/v1/me").await.0, StatusCode::OK, "a refused reset signs no one out");

    assert_eq!(reset(&app, &token, "a brand new long password").await.status(), StatusCode::NO_CONTENT);
    assert_eq!(app.get(&ana, "/api/v1/me").await.0, StatusCode::UNAUTHORIZED, "every device is signed out");
    assert_eq!(app.get(&phone, "/api/v1/me").await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(app.log_in(&ana.email, PASSWORD).await, Err(StatusCode::UNAUTHORIZED));
    let token_now = app.log_in(&ana.email, "a brand new long password").await.expect("the new password works");
    let ana_now = crate::helpers::Person { email: ana.email.clone(), token: token_now };
    let (_, log) = app.get(&ana_now, "/api/v1/me/security-log").await;
    assert!(log.to_string().contains("password_reset"), "her own log says so: {log}");

    assert_eq!(reset(&app, &token, "yet another long password").await.status(), StatusCode::NOT_FOUND, "used once");
    assert!(app.log_in(&ana.email, "a brand new long password").await.is_ok());
}

async fn asking_for_a_reset_answers_the_same_for_an_unknown_address_and_is_limited(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ana = app.person("Ana").await;
    let known = app.api.post(app.url("/api/v1/password-reset-links")).json(&json!({"email": ana.email})).send();
    let known = known.await.unwrap();
    let unknown =
        app.api.post(app.url("/api/v1/password-reset-links")).json(&json!({"email": "nobody@example.org"})).send();
    let unknown = unknown.await.unwrap();
    assert_eq!(known.status(), unknown.status());
    assert_eq!(known.text().await.unwrap(), unknown.text().await.unwrap());
    assert!(delivered_to(&app, "nobody@example.org").await.is_empty(), "no email to an address without an account");
    assert_eq!(ask_reset(&app, "not an address").await, StatusCode::UNPROCESSABLE_ENTITY);

    // Three an hour per address, known or not; then a calm refusal, the same for both.
    for _ in 0..2 {
        assert_eq!(ask_reset(&app, &ana.email).await, StatusCode::ACCEPTED);
        assert_eq!(ask_reset(&app, "nobody@example.org").await, StatusCode::ACCEPTED);
    }
    assert_eq!(ask_reset(&app, &ana.email).await, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(ask_reset(&app, "nobody@example.org").await, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(delivered_to(&app, &ana.email).await.len(), 2, "the first went out above; two more, not three");
    // Ten an hour from one client, whatever the addresses (eight asked so far).
    for i in 0..2 {
        assert_eq!(ask_reset(&app, &format!("someone{i}@example.org")).await, StatusCode::ACCEPTED);
    }
    assert_eq!(ask_reset(&app, "someone-else@example.org").await, StatusCode::TOO_MANY_REQUESTS);
    app.clock.advance(SignedDuration::from_mins(61));
    assert_eq!(ask_reset(&app, &ana.email).await, StatusCode::ACCEPTED, "an hour later, a new ask is heard");
}

async fn a_reset_link_works_for_an_hour_and_using_one_ends_every_other(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ana = app.person("Ana").await;
    // Asked twice (perhaps once by someone else): both links reach Ana's inbox and both work,
    // so nobody can spoil her way back in by asking again.
    ask_reset(&app, &ana.email).await;
    let first = emailed_token(&app, &ana.email, "/password/reset/").await;
    ask_reset(&app, &ana.email).await;
    let second = emailed_token(&app, &ana.email, "/password/reset/").await;
    app.clock.advance(SignedDuration::from_mins(61));
    assert_eq!(reset(&app, &first, "a brand new long password").await.status(), StatusCode::NOT_FOUND, "expired");
    ask_reset(&app, &ana.email).await;
    let third = emailed_token(&app, &ana.email, "/password/reset/").await;
    ask_reset(&app, &ana.email).await;
    let fourth = emailed_token(&app, &ana.email, "/password/reset/").await;
    assert_eq!(reset(&app, &fourth, "a brand new long password").await.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        reset(&app, &third, "someone else's password").await.status(),
        StatusCode::NOT_FOUND,
        "ended by the other"
    );
    assert_eq!(reset(&app, &second, "someone else's password").await.status(), StatusCode::NOT_FOUND);
    assert!(app.log_in(&ana.email, "a brand new long password").await.is_ok());
}

/// An email change asked for by someone who once knew the password can't outlive the owner's
/// new password: changing it ends every link.
async fn a_password_change_ends_a_pending_email_change(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ana = app.person("Ana").await;
    assert_eq!(change_email(&app, &ana, "taker@example.net").await, StatusCode::ACCEPTED);
    let token = emailed_token(&app, "taker@example.net", "/email/confirm/").await;
    let password = json!({"current_password": PASSWORD, "new_password": "a brand new long password"});
    assert_eq!(
        app.call(Some(&ana), "POST", "/api/v1/me/password", Some(password)).await.status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(confirm(&app, &token).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.get(&ana, "/api/v1/me").await.1["email"], "ana@example.org");
}

async fn change_email(app: &TestApp, who: &crate::helpers::Person, new_email: &str) -> StatusCode {
    let body = json!({"new_email": new_email, "password": PASSWORD});
    app.call(Some(who), "POST", "/api/v1/me/email", Some(body)).await.status()
}

async fn confirm(app: &TestApp, token: &str) -> reqwest::Response {
    app.api.post(app.url("/api/v1/email-changes")).json(&json!({"token": token})).send().await.unwrap()
}

async fn a_new_email_counts_only_once_confirmed_from_that_address_and_the_old_one_is_told(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ana = app.person("Ana").await;
    let wrong = json!({"new_email": "ana@new.example", "password": "wrong password here"});
    let res = app.call(Some(&ana), "POST", "/api/v1/me/email", Some(wrong)).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "the password is asked again");
    assert_eq!(change_email(&app, &ana, &ana.email).await, StatusCode::UNPROCESSABLE_ENTITY, "already hers");
    assert_eq!(change_email(&app, &ana, " Ana@New.Example ").await, StatusCode::ACCEPTED);
    assert_eq!(app.get(&ana, "/api/v1/me").await.1["email"], "ana@example.org", "nothing changes yet");
    assert!(app.log_in("ana@new.example", PASSWORD).await.is_err());

    let emails = delivered_to(&app, "ana@new.example").await;
    assert_eq!(emails.len(), 1, "the link goes to the new address only");
    neutral(&emails[0]);
    let token = token_in(&emails[0], "/email/confirm/");
    assert_eq!(confirm(&app, &token).await.status(), StatusCode::NO_CONTENT);
    assert_eq!(app.get(&ana, "/api/v1/me").await.1["email"], "ana@new.example");
    assert!(app.log_in("ana@new.example", PASSWORD).await.is_ok());
    assert!(app.log_in("ana@example.org", PASSWORD).await.is_err());

    let told = delivered_to(&app, "ana@example.org").await;
    assert_eq!(told.len(), 1, "the old address is told, once");
    neutral(&told[0]);
    assert!(!told[0].text.contains("ana@new.example"), "without naming the new address");
    assert_eq!(confirm(&app, &token).await.status(), StatusCode::NOT_FOUND, "used once");
}

async fn an_email_change_to_a_taken_address_tells_nothing_until_its_link_is_used(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = app.couple("Ana", "Ben").await;
    assert_eq!(change_email(&app, &ana, "free@example.net").await, StatusCode::ACCEPTED);
    assert_eq!(change_email(&app, &ana, &ben.email).await, StatusCode::ACCEPTED, "answered like any other");
    // Only whoever reads Ben's inbox learns that the address is taken, when they use the link.
    let token = emailed_token(&app, &ben.email, "/email/confirm/").await;
    let res = confirm(&app, &token).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(res.json::<Value>().await.unwrap()["error"]["field"], "new_email");
    assert_eq!(app.get(&ana, "/api/v1/me").await.1["email"], "ana@example.org");
    assert_eq!(app.get(&ben, "/api/v1/me").await.1["email"], "ben@example.org");
    assert!(delivered_to(&app, "ana@example.org").await.is_empty(), "no notice for a change that didn't happen");
}

async fn the_reset_and_email_pages_work_without_javascript(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ana = app.person("Ana").await;
    let browser = Browser::new(&app);
    let (_, login) = browser.get("/login").await;
    assert!(login.contains("href=\"/password/forgot\""), "the log-in page offers a way back in");

    let bad = browser.submit("/password/forgot", "/password/forgot", &[("email", "not an address")]).await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let sent = browser.submit("/password/forgot", "/password/forgot", &[("email", &ana.email)]).await;
    assert_eq!(sent.status(), StatusCode::OK);
    let sent = sent.text().await.unwrap();
    assert!(sent.contains("If an account uses") && sent.contains("one hour"), "{sent}");
    let token = emailed_token(&app, &ana.email, "/password/reset/").await;
    let page = format!("/password/reset/{token}");

    // Opening the link changes nothing (a mail program may open it first); the page says what
    // comes back and that every device is signed out.
    let (status, form) = browser.get(&page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(form.contains("kept as it was") && form.contains("signed out"), "{form}");
    let weak = browser.submit(&page, &page, &[("new_password", "short")]).await;
    assert_eq!(weak.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let done = browser.submit(&page, &page, &[("new_password", "a brand new long password")]).await;
    assert_eq!(done.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&done), "/login?done=password-reset");
    let (_, login) = browser.get("/login?done=password-reset").await;
    assert!(login.contains("Your new password is saved"));
    let (status, gone) = browser.get(&page).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(gone.contains("This link can't be used") && gone.contains("/password/forgot"));
    assert!(app.log_in(&ana.email, "a brand new long password").await.is_ok());

    // A new email, asked for in settings and confirmed with a button on the linked page.
    let signed_in =
        browser.submit("/login", "/login", &[("email", &ana.email), ("password", "a brand new long password")]).await;
    assert_eq!(signed_in.status(), StatusCode::SEE_OTHER);
    let asked = browser
        .submit(
            "/settings",
            "/settings/email",
            &[("new_email", "ana@new.example"), ("password", "a brand new long password")],
        )
        .await;
    assert_eq!(location(&asked), "/settings?done=email-link-sent");
    let token = emailed_token(&app, "ana@new.example", "/email/confirm/").await;
    let page = format!("/email/confirm/{token}");
    let (status, confirm_page) = browser.get(&page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(confirm_page.contains("ana@new.example"));
    let done = browser.submit(&page, &page, &[]).await;
    assert_eq!(location(&done), "/settings?done=email-changed");
    let (_, settings) = browser.get("/settings?done=email-changed").await;
    assert!(settings.contains("ana@new.example") && settings.contains("Your email is changed"));
}
