//! Help pages with a cookie-keeping client and no JavaScript: the safety check offered on home
//! after sign-up, the help and situations forms, and what the partner's home shows.

use tend_store::Backend;

use crate::helpers::{location, TestApp};
use crate::pages::paired_browsers;

on_both_backends!(the_safety_check_is_offered_until_taken_or_set_aside, help_and_situations_work_without_javascript);

const OFFER: &str = "Before you begin: a private safety check";

async fn the_safety_check_is_offered_until_taken_or_set_aside(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = paired_browsers(&app).await;
    assert!(ana.get("/home").await.1.contains(OFFER), "offered after sign-up");
    assert_eq!(location(&ana.submit("/home", "/safety/offer/dismiss", &[]).await), "/home");
    assert!(!ana.get("/home").await.1.contains(OFFER), "set aside, it stays away");
    assert!(ana.get("/home").await.1.contains(r#"href="/safety""#), "and stays one click away");
    const AGAIN: &str = "Before a hard conversation:";
    for page in ["/ground-rules", "/hard-talks"] {
        assert!(ana.get(page).await.1.contains(AGAIN), "offered again on {page} until taken");
    }
    let mut answers: Vec<(String, String)> = tend_core::content::Content::embedded()
        .safety
        .questions
        .iter()
        .map(|q| (q.id.clone(), "false".to_owned()))
        .collect();
    answers.sort();
    let fields: Vec<(&str, &str)> = answers.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    ben.submit("/safety", "/safety", &fields).await;
    assert!(!ben.get("/home").await.1.contains(OFFER), "taken, it is not offered again");
    for page in ["/ground-rules", "/hard-talks"] {
        assert!(!ben.get(page).await.1.contains(AGAIN), "taken, {page} no longer offers it");
    }
}

async fn help_and_situations_work_without_javascript(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = paired_browsers(&app).await;
    let res = ana.submit("/help", "/help/reported", &[("reported", "old-hurts"), ("reported", "want-structure")]).await;
    assert_eq!(location(&res), "/help?done=help-saved#signs");
    let (_, help) = ana.get("/help").await;
    assert!(help.contains(r#"value="old-hurts" checked"#) && help.contains(r#"value="want-structure" checked"#));
    assert!(!ben.get("/help").await.1.contains("checked"), "Ben's help page is his own");
    let res = ana.submit("/situations", "/situations", &[("situation", "low_capacity"), ("tell_partner", "on")]).await;
    assert_eq!(location(&res), "/situations?done=situation-saved");
    let (_, his_home) = ben.get("/home").await;
    assert!(his_home.contains("What would feel supportive from me right now?"), "told, Ben sees how to help");
    ana.submit("/situations", "/situations", &[("situation", "betrayal")]).await;
    let (_, his_home) = ben.get("/home").await;
    assert!(!his_home.contains("What would feel supportive"), "nothing else is ever told");
    assert!(!his_home.contains("betrayal") && !his_home.contains("After a betrayal"));
    let question = &tend_core::content::Content::embedded().support.situations.unsure.questions[0];
    ana.submit("/situations", "/situations", &[("situation", "unsure")]).await;
    let res =
        ana.submit("/situations", "/situations/clarity", &[("prompt", question), ("text", "canary-clarity")]).await;
    assert_eq!(location(&res), "/situations?done=clarity-kept#clarity");
    assert!(ana.get("/situations").await.1.contains("canary-clarity"));
    assert!(!ben.get("/situations").await.1.contains("canary-clarity"));
}
