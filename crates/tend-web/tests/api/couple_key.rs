//! The couple's key: what one partner shares with the other is sealed under a key both of them
//! hold and the host doesn't. Whoever joins by the invite's link holds it at once; whoever joins
//! by the code, or lost their key in a reset without the recovery code, receives it from their
//! partner's next visit, and what they shared while waiting is sealed then. Leaving gives it up.
//! Shared journal entries, weekly-check notes, ritual answers, small wins, repair offers,
//! agreements, the couple's own questions, invitations to talk and their answers, hard talks,
//! time capsules and shared touch notes and plan writings are kept this way.

use reqwest::StatusCode;
use serde_json::{json, Value};
use tend_store::Backend;
use tend_web::clock::Clock;

use crate::helpers::{Person, TestApp};
use crate::sealed_words::{reset, sign_in};

on_both_backends!(
    a_shared_entry_is_sealed_under_the_couples_key_and_reads_back_for_the_partner,
    who_joins_by_the_link_holds_the_couples_key_at_once,
    what_is_shared_before_the_key_arrives_is_sealed_once_it_does,
    after_a_reset_without_the_code_the_partner_hands_the_key_back,
    leaving_gives_up_the_couples_key,
    a_weekly_check_note_is_sealed_for_both_and_its_author_exports_it,
    ritual_answers_are_sealed_and_still_revealed_once_both_answered,
    a_small_win_is_sealed_and_reads_for_both,
    no_page_or_answer_shows_either_partner_a_key_or_sealed_words_as_stored,
);

pub(crate) const CANARY: &str = "shared-canary-91c4";

async fn write_and_share(app: &TestApp, who: &Person, words: &str) {
    let res = app.call(Some(who), "POST", "/api/v1/journal", Some(json!({"text": words}))).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let id = res.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_owned();
    let share = format!("/api/v1/journal/{id}/share");
    assert_eq!(app.call(Some(who), "POST", &share, Some(json!({}))).await.status(), StatusCode::OK);
}

/// The words of the entries shared with `who`, as they read them ("" when they can't open one).
async fn shared_with(app: &TestApp, who: &Person) -> Vec<Value> {
    let (status, journal) = app.get(who, "/api/v1/journal").await;
    assert_eq!(status, StatusCode::OK);
    journal["shared_with_me"].as_array().unwrap().iter().map(|e| e["text"].clone()).collect()
}

/// Rows of the journal that hold the canary readable, in either copy.
async fn readable_rows(app: &TestApp) -> i64 {
    let mut rows = 0;
    for column in ["text", "shared_text"] {
        rows += tend_store::test_support::rows_containing(&app.store, "journal_entries", column, CANARY).await.unwrap();
    }
    rows
}

async fn a_shared_entry_is_sealed_under_the_couples_key_and_reads_back_for_the_partner(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = app.couple("Ana", "Ben").await;
    write_and_share(&app, &ana, &format!("{CANARY} thank you for the tea")).await;
    assert_eq!(readable_rows(&app).await, 0, "sealed for Ben and for Ana herself");
    assert_eq!(shared_with(&app, &ben).await, [json!(format!("{CANARY} thank you for the tea"))]);
    let (_, bids) = app.get(&ben, "/api/v1/bids").await;
    assert_eq!(bids[0]["kind"], "journal");
    assert_eq!(bids[0]["text"], format!("{CANARY} thank you for the tea"), "his Today opens it too: {bids}");
    let (_, anas) = app.get(&ana, "/api/v1/journal").await;
    assert_eq!(anas["mine"][0]["text"], format!("{CANARY} thank you for the tea"), "her own copy reads as written");
    assert_eq!(anas["mine"][0]["shared"], true);
    // Ben, who joined by code, now holds the key under his own: what he shares is sealed too.
    write_and_share(&app, &ben, &format!("{CANARY} and for the walk")).await;
    assert_eq!(readable_rows(&app).await, 0);
    assert_eq!(shared_with(&app, &ana).await, [json!(format!("{CANARY} and for the walk"))]);
}

async fn who_joins_by_the_link_holds_the_couples_key_at_once(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ana = app.person("Ana").await;
    let invite = app.create_couple(&ana).await;
    let token = invite["link"].as_str().unwrap().rsplit('/').next().unwrap().to_owned();
    let ben = app.person("Ben").await;
    let res = app.call(Some(&ben), "POST", "/api/v1/couple/join", Some(json!({"token": token}))).await;
    assert_eq!(res.status(), StatusCode::OK);
    write_and_share(&app, &ben, &format!("{CANARY} first thing I share")).await;
    assert_eq!(readable_rows(&app).await, 0, "sealed before Ana came back at all");
    assert_eq!(shared_with(&app, &ana).await, [json!(format!("{CANARY} first thing I share"))]);
}

async fn what_is_shared_before_the_key_arrives_is_sealed_once_it_does(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = app.couple("Ana", "Ben").await; // Ben joins by code: no key carried
    write_and_share(&app, &ben, &format!("{CANARY} shared while waiting")).await;
    assert_eq!(readable_rows(&app).await, 1, "the partner's copy waits as written for the key");
    // Ana's visit hands Ben the key; his next one seals what waited.
    assert_eq!(shared_with(&app, &ana).await, [json!(format!("{CANARY} shared while waiting"))]);
    assert!(shared_with(&app, &ben).await.is_empty());
    assert_eq!(readable_rows(&app).await, 0);
    assert_eq!(shared_with(&app, &ana).await, [json!(format!("{CANARY} shared while waiting"))], "still hers to read");
}

async fn after_a_reset_without_the_code_the_partner_hands_the_key_back(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = app.couple("Ana", "Ben").await;
    write_and_share(&app, &ana, &format!("{CANARY} from Ana")).await;
    assert_eq!(shared_with(&app, &ben).await, [json!(format!("{CANARY} from Ana"))]);

    assert_eq!(reset(&app, &ben.email, "a brand new long password", None).await.status(), StatusCode::NO_CONTENT);
    let session = sign_in(&app, &ben.email, "a brand new long password").await;
    let ben = Person { email: ben.email, token: session["token"].as_str().unwrap().to_owned() };
    assert_eq!(shared_with(&app, &ben).await, [json!("")], "kept, but closed to his new key");
    // Ana's next visit hands the couple's key to his new one.
    shared_with(&app, &ana).await;
    assert_eq!(shared_with(&app, &ben).await, [json!(format!("{CANARY} from Ana"))], "what she shared comes back");
    assert_eq!(readable_rows(&app).await, 0);
}

async fn leaving_gives_up_the_couples_key(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = app.couple("Ana", "Ben").await;
    shared_with(&app, &ana).await; // hands Ben the key
    shared_with(&app, &ben).await; // Ben keeps it
    let held =
        || async { tend_store::test_support::rows_containing(&app.store, "couple_keys", "wrapped", "k1.").await };
    assert_eq!(held().await.unwrap(), 2, "both hold it, each under their own key");
    assert_eq!(app.call(Some(&ana), "POST", "/api/v1/couple/leave", None).await.status(), StatusCode::NO_CONTENT);
    assert_eq!(held().await.unwrap(), 1, "Ana's hold on it went with her");
}

async fn a_weekly_check_note_is_sealed_for_both_and_its_author_exports_it(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = app.couple("Ana", "Ben").await; // Ben joins by code
                                                     // Ben starts it, before Ana's next visit has handed him the couple's key.
    let check = app.call(Some(&ben), "POST", "/api/v1/weekly-checks", Some(json!({}))).await;
    let path = format!("/api/v1/weekly-checks/{}", check.json::<Value>().await.unwrap()["id"].as_str().unwrap());
    let note = |words: &str| json!({"section": "needs", "text": format!("{CANARY} {words}")});
    let notes = format!("{path}/notes");
    assert_eq!(app.call(Some(&ben), "POST", &notes, Some(note("from Ben, waiting"))).await.status(), StatusCode::OK);
    assert_eq!(app.call(Some(&ana), "POST", &notes, Some(note("from Ana"))).await.status(), StatusCode::OK);
    let held = || async {
        let mut rows = 0;
        for column in ["text", "shared_text"] {
            rows += tend_store::test_support::rows_containing(&app.store, "weekly_check_notes", column, CANARY)
                .await
                .unwrap();
        }
        rows
    };
    assert_eq!(held().await, 1, "Ana's is sealed; Ben's copy for Ana waits for the key");
    let shown = |check: Value| -> Vec<(Value, Value)> {
        let notes = check["sections"][1]["notes"].as_array().unwrap().clone();
        let mut shown: Vec<_> = notes.iter().map(|n| (n["text"].clone(), n["mine"].clone())).collect();
        shown.sort_by_key(|(text, _)| text.to_string()); // written at the same moment
        shown
    };
    let (_, for_ana) = app.get(&ana, &path).await; // Ana's visit hands Ben the key
    let both = |anas: bool| {
        vec![
            (json!(format!("{CANARY} from Ana")), json!(anas)),
            (json!(format!("{CANARY} from Ben, waiting")), json!(!anas)),
        ]
    };
    assert_eq!(shown(for_ana), both(true));
    let (_, for_ben) = app.get(&ben, &path).await; // Ben keeps it, and his note is sealed
    assert_eq!(shown(for_ben), both(false));
    assert_eq!(held().await, 0);
    let (_, export) = app.get(&ana, "/api/v1/me/export").await;
    let exported = &export["together"]["weekly_check_notes"];
    assert_eq!(exported[0]["text"], format!("{CANARY} from Ana"), "her export opens her own copy: {exported}");
}

async fn ritual_answers_are_sealed_and_still_revealed_once_both_answered(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = app.couple("Ana", "Ben").await; // Ben joins by code: no key carried
    let answer = |who: &Person, words: &str| {
        let body = json!({"text": format!("{CANARY} {words}")});
        let (app, who) = (&app, who.clone());
        async move { app.call(Some(&who), "POST", "/api/v1/rituals/morning/answer", Some(body)).await.status() }
    };
    let morning =
        |day: &Value| day["rituals"].as_array().unwrap().iter().find(|r| r["kind"] == "morning").cloned().unwrap();
    let held = || async {
        let mut rows = 0;
        for column in ["text", "shared_text"] {
            rows +=
                tend_store::test_support::rows_containing(&app.store, "ritual_answers", column, CANARY).await.unwrap();
        }
        rows
    };
    assert_eq!(answer(&ben, "a quiet commute").await, StatusCode::OK);
    assert_eq!(held().await, 1, "Ben's copy for Ana waits, as written, for the couple's key");
    assert_eq!(answer(&ana, "a slow breakfast").await, StatusCode::OK); // hands Ben the key
    let (_, hers) = app.get(&ana, "/api/v1/rituals/day").await;
    assert_eq!(morning(&hers)["partner"], format!("{CANARY} a quiet commute"), "both answered: revealed");
    assert_eq!(morning(&hers)["mine"], format!("{CANARY} a slow breakfast"));
    let (_, his) = app.get(&ben, "/api/v1/rituals/day").await; // Ben keeps the key; his answer is sealed
    assert_eq!(morning(&his)["partner"], format!("{CANARY} a slow breakfast"));
    assert_eq!(morning(&his)["mine"], format!("{CANARY} a quiet commute"));
    assert_eq!(held().await, 0);
    let (_, export) = app.get(&ben, "/api/v1/me/export").await;
    let exported = &export["together"]["ritual_answers"][0]["text"];
    assert_eq!(exported, &json!(format!("{CANARY} a quiet commute")), "his export opens his own copy");
}

async fn a_small_win_is_sealed_and_reads_for_both(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = app.couple("Ana", "Ben").await; // Ben joins by code: no key carried
    let log = |who: &Person, words: &str| {
        let body = json!({"text": format!("{CANARY} {words}")});
        let (app, who) = (&app, who.clone());
        async move { app.call(Some(&who), "POST", "/api/v1/wins", Some(body)).await.status() }
    };
    let held =
        || async { tend_store::test_support::rows_containing(&app.store, "wins", "text", CANARY).await.unwrap() };
    let waiting = || async {
        tend_store::test_support::rows_containing(&app.store, "wins", "shared_text", CANARY).await.unwrap()
    };
    assert_eq!(log(&ben, "we laughed at dinner").await, StatusCode::CREATED);
    assert_eq!((held().await, waiting().await), (0, 1), "his copy sealed; Ana's waits as written for the key");
    let wins = |who: &Person| {
        let (app, who) = (&app, who.clone());
        async move {
            let (_, momentum) = app.get(&who, "/api/v1/momentum").await;
            let recent = momentum["recent_wins"].as_array().unwrap().clone();
            recent.iter().map(|w| (w["text"].clone(), w["mine"].clone())).collect::<Vec<_>>()
        }
    };
    assert_eq!(wins(&ana).await, [(json!(format!("{CANARY} we laughed at dinner")), json!(false))]);
    assert_eq!(wins(&ben).await, [(json!(format!("{CANARY} we laughed at dinner")), json!(true))]); // keeps the key
    assert_eq!((held().await, waiting().await), (0, 0));
    let (_, export) = app.get(&ben, "/api/v1/me/export").await;
    assert_eq!(export["together"]["wins"][0]["text"], format!("{CANARY} we laughed at dinner"));
}

/// Every place these words are read, for each partner: the API answers and the pages. None may
/// show a stored form (sealed words `s1.`, a wrapped key `k1.`, a sealed box `b1.`, a public key
/// `p1.`), as a shared journal entry's bid once did, and the words themselves are there. Once
/// both hold the couple's key, they are nowhere as written in what the host holds: no text column
/// of any table, no SQLite file (with its write-ahead log and freed pages), no backup, no
/// `pg_dump`, no server log.
async fn no_page_or_answer_shows_either_partner_a_key_or_sealed_words_as_stored(backend: Backend) {
    crate::server_log::capture();
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = app.couple("Ana", "Ben").await;
    let check = app.call(Some(&ben), "POST", "/api/v1/weekly-checks", Some(json!({}))).await;
    let check = format!("/api/v1/weekly-checks/{}", check.json::<Value>().await.unwrap()["id"].as_str().unwrap());
    app.agree_ground_rules(&ana.token, &ben.token).await;
    let clarity_prompt = &tend_core::content::Content::embedded().support.situations.unsure.questions[0];
    for (who, name) in [(&ben, "ben"), (&ana, "ana")] {
        write_and_share(&app, who, &format!("{CANARY} journal from {name}")).await;
        let words = |what: &str| json!({"text": format!("{CANARY} {what} from {name}"), "section": "needs"});
        for (path, body) in [
            ("/api/v1/rituals/morning/answer".to_owned(), words("ritual")),
            (format!("{check}/notes"), words("note")),
            ("/api/v1/wins".to_owned(), words("win")),
            ("/api/v1/repairs".to_owned(), json!({"kind": "apology", "text": format!("{CANARY} repair from {name}")})),
            (
                "/api/v1/agreements".to_owned(),
                json!({"kind": "need", "text": format!("{CANARY} agreement from {name}"), "review_on": in_a_month(&app)}),
            ),
            (
                "/api/v1/questions".to_owned(),
                json!({"set": "light", "text": format!("{CANARY} question from {name}?")}),
            ),
            ("/api/v1/invitations".to_owned(), json!({"text": format!("{CANARY} invitation from {name}")})),
            // Kept only (a capsule opens on its day; an experiment's behaviour stays its author's).
            ("/api/v1/capsules".to_owned(), json!({"hopes": format!("{CANARY} capsule from {name}")})),
            ("/api/v1/experiments".to_owned(), json!({"behaviour": format!("{CANARY} experiment from {name}")})),
            (
                "/api/v1/situation/clarity".to_owned(),
                json!({"prompt": clarity_prompt, "text": format!("{CANARY} clarity from {name}")}),
            ),
            (
                "/api/v1/hard-talks".to_owned(),
                json!({"topic": format!("{CANARY} topic from {name}"), "starts_at": format!("{}T19:00", in_a_month(&app)), "minutes": 30}),
            ),
        ] {
            assert!(app.call(Some(who), "POST", &path, Some(body)).await.status().is_success(), "{path}");
        }
    }
    // Each writes a touch note and shares it.
    let prompt = &tend_core::content::Content::embedded().support.touch.prompts[0];
    for (who, name) in [(&ben, "ben"), (&ana, "ana")] {
        let note = json!({"prompt": prompt, "text": format!("{CANARY} touch from {name}")});
        let res = app.call(Some(who), "POST", "/api/v1/touch/notes", Some(note)).await;
        let share = format!("/api/v1/touch/notes/{}/share", res.json::<Value>().await.unwrap()["id"].as_str().unwrap());
        assert_eq!(app.call(Some(who), "POST", &share, None).await.status(), StatusCode::OK);
    }
    // Each plans a moment of joy; the other marks it done with what they enjoyed.
    for (who, name) in [(&ben, "ben"), (&ana, "ana")] {
        let plan = json!({"idea": format!("{CANARY} joy from {name}"), "on": in_a_month(&app)});
        assert_eq!(app.call(Some(who), "POST", "/api/v1/joy", Some(plan)).await.status(), StatusCode::CREATED);
    }
    for (who, name) in [(&ben, "ben"), (&ana, "ana")] {
        let (_, joy) = app.get(who, "/api/v1/joy").await;
        let theirs = joy["upcoming"].as_array().unwrap().iter().find(|p| p["planned_by_me"] == json!(false)).unwrap();
        let done = format!("/api/v1/joy/{}/done", theirs["id"].as_str().unwrap());
        let body = json!({"enjoyed": format!("{CANARY} enjoyed from {name}")});
        assert_eq!(app.call(Some(who), "POST", &done, Some(body)).await.status(), StatusCode::OK);
    }
    // Each answers the other's invitation with a kind word and closes the other's talk.
    for (who, name) in [(&ben, "ben"), (&ana, "ana")] {
        for (list, action, body) in [
            (
                "/api/v1/invitations",
                "answer",
                json!({"answer": "not-now", "note": format!("{CANARY} answer from {name}")}),
            ),
            ("/api/v1/hard-talks", "close", json!({"agreed": format!("{CANARY} agreed from {name}")})),
        ] {
            let (_, items) = app.get(who, list).await;
            let mine = |i: &&Value| {
                i["sent_by_me"] == json!(true)
                    || i["topic"].as_str().is_some_and(|t| t.contains(&format!("from {name}")))
            };
            let theirs = items.as_array().unwrap().iter().find(|i| !mine(i)).unwrap();
            let path = format!("{list}/{}/{action}", theirs["id"].as_str().unwrap());
            assert!(app.call(Some(who), "POST", &path, Some(body)).await.status().is_success(), "{path}");
        }
    }
    let api = [
        "/api/v1/today",
        "/api/v1/bids",
        "/api/v1/journal",
        "/api/v1/rituals/day",
        &check,
        "/api/v1/momentum",
        "/api/v1/repairs",
        "/api/v1/agreements",
        "/api/v1/questions",
        "/api/v1/invitations",
        "/api/v1/hard-talks",
        "/api/v1/touch",
        "/api/v1/joy",
    ];
    let pages = [
        "/home",
        "/journal",
        "/rituals",
        "/weekly-check",
        "/wins",
        "/roadblocks",
        "/repairs",
        "/agreements",
        "/questions",
        "/invitations",
        "/hard-talks",
        "/touch",
        "/joy",
    ];
    for round in 0..2 {
        // The second time round, the couple's key has reached Ben (who joined by code).
        for (who, name) in [(&ana, "ana"), (&ben, "ben")] {
            let mut read = String::new();
            for path in api.iter().chain(["/api/v1/me/export"].iter()) {
                let res = app.call(Some(who), "GET", path, None).await;
                assert_eq!(res.status(), StatusCode::OK, "{path}");
                read.push_str(&res.text().await.unwrap());
            }
            for path in pages {
                let res =
                    app.api.get(app.url(path)).header("cookie", format!("tend_session={}", who.token)).send().await;
                let res = res.unwrap();
                assert_eq!(res.status(), StatusCode::OK, "{path}");
                read.push_str(&res.text().await.unwrap());
            }
            for stored in ["s1.", "k1.", "b1.", "p1."] {
                assert!(!read.contains(stored), "round {round}: {name} is shown a stored form {stored}");
            }
            let other = if name == "ana" { "ben" } else { "ana" };
            let kinds = ["journal", "ritual", "note", "win", "repair", "agreement", "question", "invitation", "answer"];
            for what in kinds.into_iter().chain(["topic", "agreed", "touch", "joy", "enjoyed"]) {
                assert!(read.contains(&format!("{CANARY} {what} from {other}")), "round {round}: {name} reads {what}");
            }
        }
    }
    // Nowhere in what the host holds: any text column of any table; for SQLite the database files
    // (with the write-ahead log and freed pages) and a backup; for PostgreSQL a dump and the
    // server's log; and Tend's own log, at debug level.
    let held = tend_store::test_support::text_columns_containing(&app.store, backend, CANARY).await.unwrap();
    assert_eq!(held, Vec::<String>::new(), "the words are kept as written");
    // The ground rules they agreed, too, while both read them.
    for who in [&ana, &ben] {
        let (_, rules) = app.get(who, "/api/v1/ground-rules").await;
        assert_eq!(rules["accepted"]["rules"][0], "We speak one at a time.");
    }
    let rules = tend_store::test_support::text_columns_containing(&app.store, backend, "one at a time").await;
    assert_eq!(rules.unwrap(), Vec::<String>::new(), "the ground rules are kept as written");
    let files = tend_store::test_support::files_containing(&app.store, &app.options, CANARY).await.unwrap();
    assert_eq!(files, Vec::<String>::new(), "files hold the words");
    let log = crate::server_log::text();
    assert!(log.contains("joined a couple space"), "the log was captured");
    assert_eq!(log.matches(CANARY).count(), 0, "the log holds the words");
}

fn in_a_month(app: &TestApp) -> String {
    let zone = jiff::tz::TimeZone::get("Europe/Berlin").unwrap();
    (app.clock.now().to_zoned(zone).date() + jiff::ToSpan::days(30)).to_string()
}
