//! Words the host cannot read: a clarity note, a private journal entry and a pulse's answers are
//! stored sealed (no trace of its words in the
//! database, its files or a backup), reads back for its owner, survives a password change, comes
//! back after a forgotten password only with the recovery code shown once at the first sign-in,
//! and is left out of an export made by the host, who has no key. A new recovery code can be
//! made (the password asked again), through the API and the settings page.

use reqwest::StatusCode;
use serde_json::{json, Value};
use tend_store::Backend;

use crate::helpers::{Browser, Person, TestApp, PASSWORD};

on_both_backends!(
    a_clarity_note_is_stored_sealed_and_reads_back_only_for_its_owner,
    a_password_change_keeps_every_sealed_word_readable,
    after_a_forgotten_password_the_recovery_code_opens_sealed_words_and_nothing_else_does,
    a_new_recovery_code_replaces_the_old_one_and_asks_the_password,
    the_settings_page_makes_a_new_recovery_code_without_javascript,
    words_kept_before_sealing_are_sealed_at_the_next_sign_in,
    a_shared_journal_entry_reaches_the_partner_and_only_private_ones_stay_sealed,
    first_sign_ins_at_the_same_moment_share_one_key,
);

const CANARY: &str = "quiet-canary-7f3a";

async fn write_note(app: &TestApp, who: &Person, words: &str) {
    let prompt = &tend_core::content::Content::embedded().support.situations.unsure.questions[0];
    let res =
        app.call(Some(who), "POST", "/api/v1/situation/clarity", Some(json!({"prompt": prompt, "text": words}))).await;
    assert_eq!(res.status(), StatusCode::CREATED);
}

async fn notes(app: &TestApp, who: &Person) -> Vec<Value> {
    let (status, body) = app.get(who, "/api/v1/situation").await;
    assert_eq!(status, StatusCode::OK);
    body["clarity_notes"].as_array().unwrap().clone()
}

/// Signs up and signs in through the API, returning the person and the recovery code that first
/// sign-in showed.
async fn person_with_code(app: &TestApp, name: &str) -> (Person, String) {
    let email = format!("{}@example.org", name.to_lowercase());
    let body = json!({"display_name": name, "email": email, "password": PASSWORD, "time_zone": "Europe/Berlin"});
    assert_eq!(
        app.api.post(app.url("/api/v1/accounts")).json(&body).send().await.unwrap().status(),
        StatusCode::ACCEPTED
    );
    let session = sign_in(app, &email, PASSWORD).await;
    let code = session["recovery_code"].as_str().expect("the first sign-in shows a recovery code").to_owned();
    let again = sign_in(app, &email, PASSWORD).await;
    assert!(again.get("recovery_code").is_none(), "shown once only: {again}");
    (Person { email, token: session["token"].as_str().unwrap().to_owned() }, code)
}

pub(crate) async fn sign_in(app: &TestApp, email: &str, password: &str) -> Value {
    let res = app
        .api
        .post(app.url("/api/v1/sessions"))
        .json(&json!({"email": email, "password": password}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    res.json().await.unwrap()
}

/// Where the canary shows up in what the host holds: the rows themselves, and for SQLite the
/// database files (with the write-ahead log) and a backup, for PostgreSQL a dump and its log.
async fn canaries_held(app: &TestApp) -> Vec<String> {
    let mut found = Vec::new();
    for (table, column) in [("private_notes", "text"), ("journal_entries", "text")] {
        let rows = tend_store::test_support::rows_containing(&app.store, table, column, CANARY).await.unwrap();
        if rows > 0 {
            found.push(format!("{rows} rows of {table}"));
        }
    }
    // A pulse's answers are numbers by item: no item's id may be readable in the stored answers.
    for item in &tend_core::content::Content::embedded().pulse.items {
        let rows = tend_store::test_support::rows_containing(&app.store, "pulses", "answers", &item.id).await.unwrap();
        if rows > 0 {
            found.push(format!("pulse item {} in {rows} rows of pulses", item.id));
        }
    }
    found.extend(tend_store::test_support::files_containing(&app.store, &app.options, CANARY).await.unwrap());
    found
}

async fn a_clarity_note_is_stored_sealed_and_reads_back_only_for_its_owner(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, _) = person_with_code(&app, "Ana").await;
    let ben = app.person("Ben").await;
    write_note(&app, &ana, &format!("{CANARY} what I want, for me alone")).await;
    let entry = json!({"text": format!("{CANARY} you made tea before I woke")});
    assert_eq!(app.call(Some(&ana), "POST", "/api/v1/journal", Some(entry)).await.status(), StatusCode::CREATED);
    let (_, journal) = app.get(&ana, "/api/v1/journal").await;
    assert_eq!(journal["mine"][0]["text"], format!("{CANARY} you made tea before I woke"), "the author reads it");
    let pulse = crate::authorization::pulse_answers();
    assert_eq!(app.call(Some(&ana), "POST", "/api/v1/pulses", Some(pulse.clone())).await.status(), StatusCode::CREATED);
    let (_, pulses) = app.get(&ana, "/api/v1/pulses").await;
    assert_eq!(pulses[0]["answers"], pulse["answers"], "the pulse reads back for its owner");
    let mine = notes(&app, &ana).await;
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0]["text"], format!("{CANARY} what I want, for me alone"));
    assert_eq!(mine[0]["can_open"], true);
    assert!(notes(&app, &ben).await.is_empty(), "another person reads none of it");
    assert_eq!(canaries_held(&app).await, Vec::<String>::new(), "no trace of the words where the host can look");

    // The owner's export opens them; the host's (no key) leaves them out and says so.
    let (status, export) = app.get(&ana, "/api/v1/me/export").await;
    assert_eq!(status, StatusCode::OK);
    assert!(export.to_string().contains(CANARY), "the owner's export holds their words");
    assert_eq!(export["pulses"][0]["answers"], pulse["answers"], "and their pulse");
    let person_id = app.state.store.credentials_by_email(&ana.email).await.unwrap().unwrap().person_id;
    let host = tend_web::services::accounts::export(&app.state, &person_id, None).await.unwrap();
    let host = serde_json::to_string(&host).unwrap();
    assert!(!host.contains(CANARY), "the host's export holds no sealed words");
    assert!(host.contains("\"sealed_left_out\":3"), "the note, the journal entry and the pulse: {host}");
}

async fn a_password_change_keeps_every_sealed_word_readable(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, _) = person_with_code(&app, "Ana").await;
    write_note(&app, &ana, "kept through a new password").await;
    let change = json!({"current_password": PASSWORD, "new_password": "a brand new long password"});
    assert_eq!(
        app.call(Some(&ana), "POST", "/api/v1/me/password", Some(change)).await.status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(notes(&app, &ana).await[0]["text"], "kept through a new password", "the same session still reads");
    let session = sign_in(&app, &ana.email, "a brand new long password").await;
    assert!(session.get("recovery_code").is_none(), "the recovery code stays the same");
    let again = Person { email: ana.email.clone(), token: session["token"].as_str().unwrap().to_owned() };
    assert_eq!(notes(&app, &again).await[0]["text"], "kept through a new password", "a new sign-in reads");
}

pub(crate) async fn reset(app: &TestApp, email: &str, new_password: &str, code: Option<&str>) -> reqwest::Response {
    let link = tend_web::services::account_links::reset_link_for_host(&app.state, email).await.unwrap();
    let token = link.rsplit('/').next().unwrap();
    let body = json!({"token": token, "new_password": new_password, "recovery_code": code});
    app.api.post(app.url("/api/v1/password-resets")).json(&body).send().await.unwrap()
}

async fn after_a_forgotten_password_the_recovery_code_opens_sealed_words_and_nothing_else_does(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, code) = person_with_code(&app, "Ana").await;
    let (_, bens_code) = person_with_code(&app, "Ben").await;
    write_note(&app, &ana, "only I know this").await;

    // A wrong code (someone else's, or not a code at all) is refused and changes nothing.
    for wrong in [bens_code.as_str(), "not a code"] {
        let res = reset(&app, &ana.email, "someone else's guess here", Some(wrong)).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(res.text().await.unwrap().contains("recovery_code"));
    }
    assert_eq!(notes(&app, &ana).await[0]["text"], "only I know this", "nothing changed: the session still reads");

    // With the code, typed loosely: everything opens again, and the code stays the same.
    let typed = code.to_lowercase().replace('-', " ");
    assert_eq!(reset(&app, &ana.email, "a second long password", Some(&typed)).await.status(), StatusCode::NO_CONTENT);
    let session = sign_in(&app, &ana.email, "a second long password").await;
    assert!(session.get("recovery_code").is_none());
    let ana = Person { email: ana.email, token: session["token"].as_str().unwrap().to_owned() };
    assert_eq!(notes(&app, &ana).await[0]["text"], "only I know this");

    // Without it: the note stays sealed and says it can't be opened; a new code comes at sign-in.
    assert_eq!(reset(&app, &ana.email, "a third long password here", None).await.status(), StatusCode::NO_CONTENT);
    let session = sign_in(&app, &ana.email, "a third long password here").await;
    let new_code = session["recovery_code"].as_str().expect("a new recovery code, since the old one opens nothing now");
    assert_ne!(new_code, code);
    let ana = Person { email: ana.email, token: session["token"].as_str().unwrap().to_owned() };
    let after = notes(&app, &ana).await;
    assert_eq!(after.len(), 1, "the note is kept, not lost");
    assert_eq!((after[0]["can_open"].clone(), after[0]["text"].clone()), (json!(false), json!("")));
    write_note(&app, &ana, "written under the new key").await;
    let mut shown: Vec<_> =
        notes(&app, &ana).await.iter().map(|n| (n["can_open"].clone(), n["text"].clone())).collect();
    shown.sort_by_key(|(open, _)| open.as_bool());
    assert_eq!(shown, vec![(json!(false), json!("")), (json!(true), json!("written under the new key"))]);
}

async fn a_new_recovery_code_replaces_the_old_one_and_asks_the_password(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, old_code) = person_with_code(&app, "Ana").await;
    write_note(&app, &ana, "still mine").await;
    let ask = |password: &str| json!({"password": password});
    let refused = app.call(Some(&ana), "POST", "/api/v1/me/recovery-code", Some(ask("not my password"))).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY, "the password is asked again");
    let res = app.call(Some(&ana), "POST", "/api/v1/me/recovery-code", Some(ask(PASSWORD))).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let new_code = res.json::<Value>().await.unwrap()["recovery_code"].as_str().unwrap().to_owned();
    assert_ne!(new_code, old_code);
    let (_, log) = app.get(&ana, "/api/v1/me/security-log").await;
    assert!(log.to_string().contains("recovery_code_made"), "the owner's log says a new code was made: {log}");

    let old = reset(&app, &ana.email, "a second long password", Some(&old_code)).await;
    assert_eq!(old.status(), StatusCode::UNPROCESSABLE_ENTITY, "the old code opens nothing now");
    assert_eq!(
        reset(&app, &ana.email, "a second long password", Some(&new_code)).await.status(),
        StatusCode::NO_CONTENT
    );
    let session = sign_in(&app, &ana.email, "a second long password").await;
    let ana = Person { email: ana.email, token: session["token"].as_str().unwrap().to_owned() };
    assert_eq!(notes(&app, &ana).await[0]["text"], "still mine");
    let (_, log) = app.get(&ana, "/api/v1/me/security-log").await;
    assert!(log.to_string().contains("password_reset_with_recovery_code"), "{log}");
}

async fn the_settings_page_makes_a_new_recovery_code_without_javascript(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let browser = Browser::new(&app);
    crate::pages::sign_up_and_log_in(&browser, "Ana").await;
    let (_, settings) = browser.get("/settings").await;
    assert!(settings.contains("Make a new recovery code"));
    let wrong =
        browser.submit("/settings", "/settings/recovery-code", &[("recovery_password", "not my password")]).await;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = wrong.text().await.unwrap();
    assert!(
        page.contains("your current password") && page.contains("id=\"recovery_password\""),
        "the error is shown at its own form"
    );
    let res = browser.submit("/settings", "/settings/recovery-code", &[("recovery_password", PASSWORD)]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let page = res.text().await.unwrap();
    assert!(crate::pages::recovery_code_on(&page).is_some(), "the new code is shown once");
    assert!(page.contains("href=\"/settings\""), "and the way back to settings");
}

async fn words_kept_before_sealing_are_sealed_at_the_next_sign_in(backend: Backend) {
    use tend_store::{PersonStore, ProgramStore, SupportStore};
    use tend_web::clock::Clock;
    let app = TestApp::spawn(backend).await;
    let (ana, _) = person_with_code(&app, "Ana").await;
    let id = app.store.credentials_by_email(&ana.email).await.unwrap().unwrap().person_id;
    // As an earlier Tend stored them: the words as written.
    let prompt = tend_core::content::Content::embedded().support.situations.unsure.questions[0].clone();
    let note = tend_store::PrivateNote {
        id: "older-note".into(),
        person_id: id.clone(),
        kind: "clarity".into(),
        prompt,
        words: tend_core::sealing::SharedWords {
            own: tend_core::sealing::StoredWords::Plain(format!("{CANARY} from before")),
            partners: None,
        },
        created_at: app.clock.now(),
        shared_couple_id: None,
        shared_at: None,
    };
    app.store.add_private_note(&note).await.unwrap();
    let item = &tend_core::content::Content::embedded().pulse.items[0].id;
    let answers = tend_core::sealing::StoredWords::Plain(format!("{{\"{item}\":2}}"));
    let pulse = tend_store::PulseRecord { week: "2026-W01".into(), answers, taken_at: app.clock.now() };
    app.store.save_pulse(&id, &pulse).await.unwrap();
    let older = tend_store::JournalEntry {
        id: "older-entry".into(),
        person_id: id.clone(),
        words: tend_core::sealing::SharedWords {
            own: tend_core::sealing::StoredWords::Plain(format!("{CANARY} an older thank-you")),
            partners: None,
        },
        created_at: app.clock.now(),
        shared_couple_id: None,
        shared_at: None,
        shared_in_check: None,
    };
    tend_store::JournalStore::add_journal_entry(&app.store, &older).await.unwrap();
    assert_ne!(canaries_held(&app).await, Vec::<String>::new(), "the test plants readable words first");

    let session = sign_in(&app, &ana.email, PASSWORD).await;
    assert_eq!(canaries_held(&app).await, Vec::<String>::new(), "sealed at the sign-in");
    let ana = Person { email: ana.email, token: session["token"].as_str().unwrap().to_owned() };
    assert_eq!(notes(&app, &ana).await[0]["text"], format!("{CANARY} from before"), "and still hers to read");
    let (_, pulses) = app.get(&ana, "/api/v1/pulses").await;
    assert_eq!(pulses[0]["answers"][item], 2);
    let (_, journal) = app.get(&ana, "/api/v1/journal").await;
    assert_eq!(journal["mine"][0]["text"], format!("{CANARY} an older thank-you"));
}

async fn a_shared_journal_entry_reaches_the_partner_and_only_private_ones_stay_sealed(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = app.couple("Ana", "Ben").await;
    for words in ["kept for me", "for you to read"] {
        let entry = json!({"text": format!("{CANARY} {words}")});
        assert_eq!(app.call(Some(&ana), "POST", "/api/v1/journal", Some(entry)).await.status(), StatusCode::CREATED);
    }
    let (_, journal) = app.get(&ana, "/api/v1/journal").await;
    let to_share =
        journal["mine"].as_array().unwrap().iter().find(|e| e["text"] == format!("{CANARY} for you to read")).unwrap();
    let share = format!("/api/v1/journal/{}/share", to_share["id"].as_str().unwrap());
    assert_eq!(app.call(Some(&ana), "POST", &share, Some(json!({}))).await.status(), StatusCode::OK);
    let (_, bens) = app.get(&ben, "/api/v1/journal").await;
    let shared: Vec<_> = bens["shared_with_me"].as_array().unwrap().iter().map(|e| e["text"].clone()).collect();
    assert_eq!(shared, vec![json!(format!("{CANARY} for you to read"))], "Ben reads what Ana shared, and only that");
    // What Ana kept for herself stays sealed under her key (what she shared: see couple_key.rs).
    let kept =
        tend_store::test_support::rows_containing(&app.store, "journal_entries", "text", "kept for me").await.unwrap();
    assert_eq!(kept, 0);
}

async fn first_sign_ins_at_the_same_moment_share_one_key(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let email = "ana@example.org";
    let body = json!({"display_name": "Ana", "email": email, "password": PASSWORD, "time_zone": "Europe/Berlin"});
    assert_eq!(
        app.api.post(app.url("/api/v1/accounts")).json(&body).send().await.unwrap().status(),
        StatusCode::ACCEPTED
    );
    let mut signing_in = tokio::task::JoinSet::new();
    for _ in 0..6 {
        let (api, url) = (app.api.clone(), app.url("/api/v1/sessions"));
        signing_in.spawn(async move {
            let res = api.post(url).json(&json!({"email": email, "password": PASSWORD})).send().await.unwrap();
            assert_eq!(res.status(), StatusCode::CREATED);
            res.json::<Value>().await.unwrap()
        });
    }
    let sessions: Vec<Value> = signing_in.join_all().await;
    let codes = sessions.iter().filter(|s| s.get("recovery_code").is_some()).count();
    assert_eq!(codes, 1, "one key, one recovery code, shown to one of them");
    let people: Vec<Person> = sessions
        .iter()
        .map(|s| Person { email: email.into(), token: s["token"].as_str().unwrap().to_owned() })
        .collect();
    write_note(&app, &people[0], "written on one device").await;
    for person in &people {
        assert_eq!(notes(&app, person).await[0]["text"], "written on one device", "every session opens it");
    }
}
