//! The coach's quiet word before an invitation, a repair offer, a hard talk's topic or an agreement goes to the partner: harsh words bring the form
//! back once, marked, with why and a gentler start, and nothing is sent; "Send as it is" sends
//! the person's own words; "Start from the gentler words" puts those in the field; gentle words
//! go straight out. Never a block.

use reqwest::StatusCode;
use tend_store::Backend;

use crate::helpers::{location, TestApp};
use crate::pages::paired_browsers;

on_both_backends!(
    harsh_words_to_the_partner_get_a_gentle_note_first_and_can_still_be_sent,
    a_harsh_hard_talk_topic_gets_the_note_and_can_still_be_planned,
    a_harsh_agreement_gets_the_note_and_can_still_be_proposed,
);

const HARSH: &str = "You never listen to me and it is pathetic.";
const GENTLE: &str = "Could we find some time this week to talk about the weekends?";

async fn harsh_words_to_the_partner_get_a_gentle_note_first_and_can_still_be_sent(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = paired_browsers(&app).await;
    let received = || async { ben.get("/invitations").await.1.matches("An invitation for ").count() };
    let before = received().await;

    // Harsh: the form comes back with the note, the words kept, nothing sent.
    let res = ana.submit("/invitations", "/invitations", &[("text", HARSH), ("proposed_at", "")]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let page = res.text().await.unwrap();
    assert!(page.contains("Before you send: some words may put your partner on guard"), "{page}");
    assert!(page.contains("<mark class=\"coach-mark\">"), "the words are marked");
    assert!(page.contains("A gentler start"));
    assert!(page.contains("You never listen to me and it is pathetic.</textarea>"), "the words stay in the field");
    assert!(page.contains("name=\"as_is\"") && page.contains("name=\"soften\""));
    assert_eq!(received().await, before, "nothing reached the partner yet");

    // "Start from the gentler words": the field holds them; still nothing sent.
    let res =
        ana.submit("/invitations", "/invitations", &[("text", HARSH), ("proposed_at", ""), ("soften", "1")]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let page = res.text().await.unwrap();
    assert!(!page.contains(&format!("{HARSH}</textarea>")), "the gentler words replace the draft");
    assert!(!page.contains("Before you send"), "no note on the gentler words");
    assert_eq!(received().await, before);
    // Pressed on words already gentle, it still sends nothing: it only ever fills the field.
    let res =
        ana.submit("/invitations", "/invitations", &[("text", GENTLE), ("proposed_at", ""), ("soften", "1")]).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.text().await.unwrap().contains(&format!("{GENTLE}</textarea>")));
    assert_eq!(received().await, before);

    // "Send as it is": the person's own words go.
    let res = ana.submit("/invitations", "/invitations", &[("text", HARSH), ("proposed_at", ""), ("as_is", "1")]).await;
    assert_eq!(location(&res), "/invitations?done=invitation-sent");
    assert_eq!(received().await, before + 1);
    assert!(ben.get("/invitations").await.1.contains("You never listen to me"));

    // Gentle words go straight out, no note.
    let res = ana.submit("/invitations", "/invitations", &[("text", GENTLE), ("proposed_at", "")]).await;
    assert_eq!(location(&res), "/invitations?done=invitation-sent");
    assert_eq!(received().await, before + 2);

    // The same quiet word before a repair offer in one's own words; the chosen kind is kept.
    let offered = || async { ben.get("/repairs").await.1.matches("action=\"/repairs/").count() };
    let repairs_before = offered().await;
    let harsh_repair = [("kind", "start-over"), ("text", "Fine, whatever, you always overreact.")];
    let res = ana.submit("/repairs", "/repairs", &harsh_repair).await;
    let page = res.text().await.unwrap();
    assert!(page.contains("Before you send"), "{page}");
    assert!(page.contains("value=\"start-over\" checked"), "the kind stays chosen");
    assert_eq!(offered().await, repairs_before);
    let res = ana.submit("/repairs", "/repairs", &[harsh_repair[0], harsh_repair[1], ("as_is", "1")]).await;
    assert_eq!(location(&res), "/repairs?done=repair-offered");
    assert_eq!(offered().await, repairs_before + 1);
}

/// The topic of a hard talk is what the partner reads first: harsh words there get the same quiet
/// note, the plan comes back as it was typed (time limit too), and "Send as it is" plans it.
async fn a_harsh_hard_talk_topic_gets_the_note_and_can_still_be_planned(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = paired_browsers(&app).await;
    for (email, path, body) in [
        ("ana@example.org", "/api/v1/ground-rules", serde_json::json!({"rules": ["We let each other finish."]})),
        ("ben@example.org", "/api/v1/ground-rules/accept", serde_json::json!({"version": 1})),
    ] {
        let token = app.log_in(email, crate::helpers::PASSWORD).await.unwrap();
        let res = app.api.post(app.url(path)).bearer_auth(token).json(&body).send().await.unwrap();
        assert!(res.status().is_success(), "{path}: {}", res.status());
    }
    let when = (jiff::Zoned::now() + jiff::SignedDuration::from_hours(48)).strftime("%Y-%m-%dT19:30").to_string();
    let planned = || async { ben.get("/hard-talks").await.1.matches("action=\"/hard-talks/").count() };
    let before = planned().await;
    let topic = "Why you are so selfish with money";
    let plan = [("topic", topic), ("starts_at", when.as_str()), ("minutes", "25")];

    let res = ana.submit("/hard-talks", "/hard-talks", &plan).await;
    assert_eq!(res.status(), StatusCode::OK);
    let page = res.text().await.unwrap();
    assert!(page.contains("Before you send: some words may put your partner on guard"), "{page}");
    assert!(page.contains(&format!("value=\"{topic}\"")) && page.contains("value=\"25\""), "the plan is kept");
    // A topic names a thing: no "I feel …" start that would lose it, but a way to check again.
    assert!(!page.contains("name=\"soften\"") && page.contains("Check the words again"), "{page}");
    assert_eq!(planned().await, before, "nothing planned yet");

    let res = ana.submit("/hard-talks", "/hard-talks", &[plan[0], plan[1], plan[2], ("as_is", "1")]).await;
    assert_eq!(location(&res), "/hard-talks?done=talk-scheduled");
    assert_eq!(planned().await, before + 1);

    // A time limit that isn't a number is refused calmly, like one out of range.
    let res =
        ana.submit("/hard-talks", "/hard-talks", &[("topic", "The holidays"), plan[1], ("minutes", "lots")]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

/// An agreement's words are read by both for months: harsh wording gets the note first, the kind
/// and review day stay as chosen, and "Send as it is" proposes it.
async fn a_harsh_agreement_gets_the_note_and_can_still_be_proposed(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = paired_browsers(&app).await;
    let proposed = || async { ben.get("/agreements").await.1.matches("/accept\"").count() };
    let before = proposed().await;
    let review = (jiff::Zoned::now() + jiff::SignedDuration::from_hours(24 * 30)).strftime("%Y-%m-%d").to_string();
    let text = "You will stop being so lazy and do the dishes every night or else.";
    let form = [("kind", "need"), ("text", text), ("review_on", review.as_str())];

    let res = ana.submit("/agreements", "/agreements", &form).await;
    assert_eq!(res.status(), StatusCode::OK);
    let page = res.text().await.unwrap();
    assert!(page.contains("Before you send: some words may put your partner on guard"), "{page}");
    assert!(page.contains("value=\"need\" checked") && page.contains(&format!("value=\"{review}\"")), "kept");
    assert_eq!(proposed().await, before, "nothing proposed yet");

    let res = ana.submit("/agreements", "/agreements", &[form[0], form[1], form[2], ("as_is", "1")]).await;
    assert_eq!(location(&res), "/agreements?done=agreement-proposed");
    assert_eq!(proposed().await, before + 1);

    // No kind chosen: a calm word on the page, nothing proposed.
    let res = ana.submit("/agreements", "/agreements", &[("text", "We walk on Sundays."), form[2]]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("class=\"field-error\""));
    assert_eq!(proposed().await, before + 1);

    let gentle = "We take turns with the dishes, and say so when a night is hard.";
    let res = ana.submit("/agreements", "/agreements", &[form[0], ("text", gentle), form[2]]).await;
    assert_eq!(location(&res), "/agreements?done=agreement-proposed", "gentle words go straight out");
}
