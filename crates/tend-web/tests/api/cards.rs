//! Shareable cards: every ritual, plan week and deck question as an SVG and a PNG, open to
//! everyone because they hold only the program's own words.

use reqwest::StatusCode;
use tend_core::content::Content;
use tend_store::Backend;

use crate::helpers::TestApp;

on_both_backends!(every_ritual_week_and_question_has_an_svg_and_a_png_card);

/// Width and height from a PNG's IHDR chunk.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "a PNG");
    let be = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (be(16), be(20))
}

async fn every_ritual_week_and_question_has_an_svg_and_a_png_card(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let content = Content::embedded();
    let question = content.questions.all().next().unwrap();
    let mut cards: Vec<(String, String, String)> =
        content.rituals.rituals.iter().map(|r| ("ritual".to_owned(), r.id.clone(), r.name.clone())).collect();
    cards.extend((1..=8).map(|n| ("week".to_owned(), n.to_string(), format!("Week {n} of 8"))));
    cards.push(("question".into(), question.1.clone(), question.2.chars().take(12).collect()));
    for (kind, id, words) in &cards {
        let svg = app.api.get(app.url(&format!("/cards/{kind}/{id}.svg"))).send().await.unwrap();
        assert_eq!(svg.status(), StatusCode::OK, "{kind}/{id}");
        assert_eq!(svg.headers()["content-type"], "image/svg+xml");
        let text = svg.text().await.unwrap();
        assert!(text.contains(&words.replace('&', "&amp;")), "{kind}/{id} says {words:?}");
        assert!(!text.contains("<script"), "an image, nothing more");
    }
    let started = std::time::Instant::now();
    let png = app.api.get(app.url("/cards/ritual/morning.png")).send().await.unwrap();
    assert_eq!(png.status(), StatusCode::OK);
    assert_eq!(png.headers()["content-type"], "image/png");
    let bytes = png.bytes().await.unwrap();
    assert_eq!(png_size(&bytes), (1200, 630));
    assert!(bytes.len() > 10_000, "text was drawn ({} bytes)", bytes.len());
    eprintln!("first PNG card drawn in {:?}", started.elapsed());
    for missing in [
        "/cards/ritual/lunch.png",
        "/cards/week/9.svg",
        "/cards/question/nope.svg",
        "/cards/diary/1.svg",
        "/cards/week/1.gif",
    ] {
        assert_eq!(app.api.get(app.url(missing)).send().await.unwrap().status(), StatusCode::NOT_FOUND, "{missing}");
    }
}
