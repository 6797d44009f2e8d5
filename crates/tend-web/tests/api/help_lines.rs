//! Help lines people can call, in the browser and through the API: an at-risk safety check and
//! the help page list the national lines of a country chosen on this device, after the host's
//! own entries, and nothing of the choice reaches the partner.

use reqwest::StatusCode;
use serde_json::Value;
use tend_core::content::{Content, Resource};
use tend_store::Backend;

use crate::helpers::{location, Browser, TestApp, PASSWORD};
use crate::pages::paired_browsers;

on_both_backends!(
    the_at_risk_result_lists_the_lines_of_the_chosen_country_and_the_partner_learns_nothing,
    help_lines_are_open_through_the_api_by_country,
);

fn host_entry(name: &str) -> Resource {
    Resource { name: name.to_owned(), contact: "0800 000 000".to_owned(), country: None }
}

/// Every safety question answered, the first with yes: an outcome that points to risk.
fn at_risk() -> Vec<(String, String)> {
    let questions = &Content::embedded().safety.questions;
    questions.iter().enumerate().map(|(i, q)| (q.id.clone(), (i == 0).to_string())).collect()
}

async fn partner_pages(ben: &Browser) -> Vec<(StatusCode, String)> {
    let mut pages = Vec::new();
    for path in ["/home", "/help", "/safety"] {
        pages.push(ben.get(path).await);
    }
    pages
}

fn set_cookies(res: &reqwest::Response) -> Vec<String> {
    res.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_owned()).collect()
}

async fn the_at_risk_result_lists_the_lines_of_the_chosen_country_and_the_partner_learns_nothing(backend: Backend) {
    let app = TestApp::spawn_with(backend, |s| {
        s.safety_resources = vec![host_entry("The host's own safety line")];
        s.help_resources = vec![host_entry("The host's own counselor")];
    })
    .await;
    let (ana, ben) = paired_browsers(&app).await;
    let before = partner_pages(&ben).await;

    let answers = at_risk();
    let fields: Vec<(&str, &str)> = answers.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(location(&ana.submit("/safety", "/safety", &fields).await), "/safety");
    let (_, result) = ana.get("/safety").await;
    assert!(result.contains(r#"<option value="DE">Germany</option>"#), "a country to choose");
    assert!(!result.contains("116 016"), "no lines before a country is chosen");

    let res = ana.submit("/safety", "/safety/country", &[("country", "DE")]).await;
    assert_eq!(location(&res), "/safety#lines");
    let cookie = set_cookies(&res).into_iter().find(|c| c.starts_with("tend_country=DE.")).expect("kept on the device");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && !cookie.contains("Max-Age"), "{cookie}");

    let (_, result) = ana.get("/safety").await;
    assert!(result.contains("In Germany"));
    assert!(result.contains(r#"href="tel:116016">Call 116 016</a>"#), "a number to tap");
    assert!(result.contains("Checked "), "when each line was checked");
    for line in Content::embedded().helplines.for_country("DE") {
        assert!(result.contains(&line.name), "{} is listed", line.name);
    }
    let host = result.find("The host&#39;s own safety line").expect("the host's entry");
    assert!(host < result.find("116 016").unwrap(), "the host's own entries come first");
    let (_, help) = ana.get("/help").await;
    assert!(help.contains("Call 116 016"), "the help page lists them too");
    assert!(help.find("The host&#39;s own counselor").unwrap() < help.find("116 016").unwrap());

    // An unknown country is refused calmly and changes nothing.
    let res = ana.submit("/help", "/help/country", &[("country", "ZZ")]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(set_cookies(&res).iter().all(|c| !c.starts_with("tend_country")));
    assert!(res.text().await.unwrap().contains("Please choose a country from the list."));
    assert!(ana.get("/safety").await.1.contains("Call 116 016"));

    // Ben's pages are byte for byte what they were, even on a browser holding Ana's cookie.
    assert_eq!(partner_pages(&ben).await, before);
    let anas_choice = cookie.split(';').next().unwrap().to_owned();
    let token = app.log_in("ben@example.org", PASSWORD).await.unwrap();
    let as_ben = async |extra: &str| {
        let cookies = format!("tend_session={token}; tend_csrf=same-token{extra}");
        let res = app.api.get(app.url("/help")).header("cookie", cookies).send().await.unwrap();
        (res.status(), res.text().await.unwrap())
    };
    let (status, plain) = as_ben("").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(as_ben(&format!("; {anas_choice}")).await.1, plain, "the choice is Ana's alone");

    // Choosing no country forgets it; logging out forgets it too.
    let res = ana.submit("/safety", "/safety/country", &[("country", "")]).await;
    assert!(set_cookies(&res).iter().any(|c| c.starts_with("tend_country=;") && c.contains("Max-Age=0")));
    assert!(!ana.get("/safety").await.1.contains("116 016"));
    ana.submit("/safety", "/safety/country", &[("country", "DE")]).await;
    let res = ana.submit("/help", "/logout", &[]).await;
    assert!(set_cookies(&res).iter().any(|c| c.starts_with("tend_country=;") && c.contains("Max-Age=0")));
}

async fn help_lines_are_open_through_the_api_by_country(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let app = &app;
    let get = async |path: &str| {
        let res = app.api.get(app.url(path)).send().await.unwrap();
        (res.status(), res.json::<Value>().await.unwrap())
    };
    let (status, all) = get("/api/v1/help-lines").await;
    assert_eq!(status, StatusCode::OK);
    assert!(all["countries"].as_array().unwrap().len() >= 15);
    assert_eq!(all["lines"], serde_json::json!([]));
    let (_, de) = get("/api/v1/help-lines?country=de").await;
    assert_eq!(de["country"], "DE");
    let line = de["lines"].as_array().unwrap().iter().find(|l| l["phone"] == "116 016").expect("the national line");
    assert_eq!(line["dial"], "116016");
    assert!(line["source"].as_str().unwrap().starts_with("http") && line["checked"].as_str().unwrap().len() == 10);
    let (status, body) = get("/api/v1/help-lines?country=ZZ").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["fields"][0]["field"], "country");
}
