//! The HTML pages with a cookie-keeping client: sign up, pair, see "you and NAME", leave.

use reqwest::StatusCode;
use tend_store::Backend;

use crate::helpers::{location, Browser, TestApp, PASSWORD};

on_both_backends!(
    two_people_pair_through_the_pages_and_one_leaves_quietly,
    a_signed_out_visitor_is_sent_to_log_in_and_brought_back,
    bad_form_input_is_shown_calmly_and_changes_nothing,
);

pub(crate) async fn sign_up_and_log_in(browser: &Browser, name: &str) {
    let email = format!("{}@example.org", name.to_lowercase());
    let res = browser
        .submit(
            "/signup",
            "/signup",
            &[("display_name", name), ("email", &email), ("password", PASSWORD), ("time_zone", "Europe/Lisbon")],
        )
        .await;
    // Sign-up signs the person in, with a session cookie, and shows their recovery code once
    // before going on to Today.
    assert!(res.headers().get("set-cookie").is_some(), "a session cookie comes with sign-up");
    assert_eq!(res.status(), StatusCode::OK);
    let page = res.text().await.unwrap();
    assert!(page.contains("<h1>Your recovery code</h1>"), "{page}");
    assert!(recovery_code_on(&page).is_some(), "the code itself is on the page");
    assert!(page.contains("href=\"/home\""), "and the way on to Today");
    let (status, home) = browser.get("/home").await;
    assert_eq!(status, StatusCode::OK);
    assert!(home.contains(&format!("<h1>Welcome, {name}</h1>")), "signed in right after sign-up");
}

/// The recovery code a page shows, as the person would copy it.
pub(crate) fn recovery_code_on(page: &str) -> Option<String> {
    let start = page.find("<code>")? + "<code>".len();
    let code = &page[start..start + page[start..].find("</code>")?];
    tend_core::sealing::RecoveryCode::parse(code).map(|_| code.to_owned())
}

/// Two people who signed up and paired through the pages, each with their own browser.
pub(crate) async fn paired_browsers(app: &TestApp) -> (Browser, Browser) {
    let ana = Browser::new(app);
    let ben = Browser::new(app);
    sign_up_and_log_in(&ana, "Ana").await;
    sign_up_and_log_in(&ben, "Ben").await;
    let html = ana.submit("/home", "/couple", &[]).await.text().await.unwrap();
    let start = html.find("id=\"invite-code\">").unwrap() + "id=\"invite-code\">".len();
    let code = html[start..].split('<').next().unwrap().to_owned();
    assert_eq!(location(&ben.submit("/home", "/join", &[("code", &code)]).await), "/home?done=joined");
    (ana, ben)
}

async fn two_people_pair_through_the_pages_and_one_leaves_quietly(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ana = Browser::new(&app);
    let ben = Browser::new(&app);
    sign_up_and_log_in(&ana, "Ana").await;
    sign_up_and_log_in(&ben, "Ben").await;
    let res = ana.submit("/home", "/couple", &[]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let html = res.text().await.unwrap();
    let start = html.find("id=\"invite-code\">").unwrap() + "id=\"invite-code\">".len();
    let code = html[start..].split('<').next().unwrap().to_owned();
    let res = ben.submit("/home", "/join", &[("code", &code)]).await;
    assert_eq!(location(&res), "/home?done=joined");
    let (_, ben_home) = ben.get("/home").await;
    assert!(ben_home.contains("<h1>You and Ana</h1>"));
    let (_, ana_home) = ana.get("/home").await;
    assert!(ana_home.contains("<h1>You and Ben</h1>"));
    assert!(ana_home.contains("<title>Home · Tend</title>"), "titles stay neutral");
    let res = ben.submit("/couple/leave", "/couple/leave", &[]).await;
    assert_eq!(location(&res), "/home?done=left");
    let (_, ana_home) = ana.get("/home").await;
    assert!(ana_home.contains("Your couple space is closed."));
    assert!(!ana_home.contains("Ben"));
    let res = ana.submit("/home", "/couple/closed/dismiss", &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, ana_home) = ana.get("/home").await;
    assert!(!ana_home.contains("Your couple space is closed."));
}

async fn a_signed_out_visitor_is_sent_to_log_in_and_brought_back(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.person("Ana").await;
    let browser = Browser::new(&app);
    let res = browser.client.get(app.url("/settings")).send().await.unwrap();
    assert_eq!(location(&res), "/login?next=%2Fsettings");
    let res = browser
        .submit(
            "/login?next=%2Fsettings",
            "/login?next=%2Fsettings",
            &[("email", "ana@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(location(&res), "/settings");
    let other = Browser::new(&app);
    let res = other
        .submit(
            "/login",
            "/login?next=https%3A%2F%2Fevil.example",
            &[("email", "ana@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(location(&res), "/home", "never sent to another site");
}

async fn bad_form_input_is_shown_calmly_and_changes_nothing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let browser = Browser::new(&app);
    let res = browser
        .submit(
            "/signup",
            "/signup",
            &[("display_name", "Ana"), ("email", "ana@"), ("password", "short"), ("time_zone", "Nowhere/Land")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(html.contains("class=\"error-summary\""));
    assert!(html.contains("aria-invalid=\"true\""));
    assert!(html.contains("value=\"Ana\""), "what was typed is kept");
    assert!(!html.contains("value=\"short\""), "passwords are never echoed back");
    assert_eq!(app.log_in("ana@", "short").await, Err(StatusCode::UNPROCESSABLE_ENTITY));
}
