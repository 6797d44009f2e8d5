//! The plan's writing steps through the pages: write privately, share one piece, and it reaches
//! the partner (their writing page and their Today); steps that ask for no writing have no page.
//! What is written is kept sealed: the author's copy under their key, a shared piece's partner's
//! copy under the couple's key.

use reqwest::StatusCode;
use tend_store::Backend;

use crate::helpers::{location, TestApp};
use crate::pages::paired_browsers;

on_both_backends!(week_one_has_a_private_place_to_write_and_shares_one_piece_at_a_time);

async fn week_one_has_a_private_place_to_write_and_shares_one_piece_at_a_time(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = paired_browsers(&app).await;
    let page = "/plan/write/w1-feelings-letter";
    let (status, html) = ana.get(page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Write a few lines on how you feel"));
    // Nothing written yet: empty or too long words are refused and nothing is kept.
    let res = ana.submit(page, page, &[("text", "   ")]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let long = "a".repeat(2001);
    assert_eq!(ana.submit(page, page, &[("text", &long)]).await.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!ana.get(page).await.1.contains("What you wrote"), "nothing was kept");

    for words in ["canary-first: I miss our long talks.", "canary-second: I feel hopeful."] {
        let res = ana.submit(page, page, &[("text", words)]).await;
        assert_eq!(location(&res), format!("{page}?done=writing-kept"));
    }
    let (_, mine) = ana.get(page).await;
    assert!(mine.contains("canary-first") && mine.contains("canary-second"));
    let (_, his) = ben.get(page).await;
    assert!(!his.contains("canary"), "private until shared");
    let (_, his_today) = ben.get("/home").await;
    assert!(!his_today.contains("canary"), "nothing on Ben's Today before sharing");

    // Ana shares the first piece only.
    let start = mine.find("canary-first").unwrap();
    let marker = "/share\"";
    let share_end = mine[start..].find(marker).unwrap() + start;
    let action_start = mine[..share_end].rfind("action=\"").unwrap() + "action=\"".len();
    let action = format!("{}/share", &mine[action_start..share_end]);
    let shared = ana.submit(page, &action, &[]).await;
    assert_eq!(location(&shared), format!("{page}?done=writing-shared"), "{action}: {}", shared.status());
    let (_, his) = ben.get(page).await;
    assert!(his.contains("canary-first") && !his.contains("canary-second"), "one piece at a time");
    let (_, his_today) = ben.get("/home").await;
    assert!(his_today.contains("canary-first"), "the shared piece waits on Ben's Today");
    assert!(his_today.contains("shared something they wrote for your plan"));

    for column in ["text", "shared_text"] {
        let rows = tend_store::test_support::rows_containing(&app.store, "private_notes", column, "canary").await;
        assert_eq!(rows.unwrap(), 0, "private_notes.{column} keeps the words as written");
    }

    // Ben cannot share Ana's piece, and a step that asks for no writing has no writing page.
    assert_eq!(ben.submit(page, &action, &[]).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(ana.get("/plan/write/w1-read-together").await.0, StatusCode::NOT_FOUND);
    assert_eq!(ana.get("/plan/write/no-such-step").await.0, StatusCode::NOT_FOUND);
    app.close().await;
}
