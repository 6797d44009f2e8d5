//! The rituals' pages with a cookie-keeping client and no JavaScript: every form works on its
//! own, bad input is shown calmly on the same page and changes nothing.

use reqwest::StatusCode;
use tend_store::Backend;

use crate::helpers::{location, TestApp, PASSWORD};
use crate::pages::paired_browsers;

on_both_backends!(
    daily_rituals_work_without_javascript_and_reveal_after_both,
    the_weekly_check_and_what_a_couple_keeps_work_without_javascript,
    ideas_narrow_by_cost_time_and_place_and_openers_group_by_situation,
);

async fn daily_rituals_work_without_javascript_and_reveal_after_both(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = paired_browsers(&app).await;
    let res = ana.submit("/rituals", "/rituals/morning/answer", &[("text", "A slow breakfast, I hope.")]).await;
    assert_eq!(location(&res), "/rituals?done=ritual-answered#ritual-morning");
    let (_, his) = ben.get("/rituals").await;
    assert!(!his.contains("A slow breakfast"), "hidden until Ben answers");
    assert!(his.contains("reveal-note"));
    ben.submit("/rituals", "/rituals/morning/answer", &[("text", "Coffee on the balcony.")]).await;
    let (_, his) = ben.get("/rituals").await;
    assert!(his.contains("A slow breakfast, I hope."), "both answered: Ben reads Ana's");
    let res = ana.submit("/rituals", "/rituals/evening/answer", &[("text", "")]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("Please write a line or two"));
    let fields =
        [("evening_enabled", "on"), ("evening_days", "fri"), ("evening_days", "sun"), ("evening_time", "21:30")];
    let res = ana.submit("/rituals/schedule", "/rituals/schedule", &fields).await;
    let status = res.status();
    assert_eq!(location(&res), "/rituals?done=schedule-saved", "{status} {}", res.text().await.unwrap());
    let (_, schedule) = ben.get("/rituals/schedule").await;
    assert!(schedule.contains(r#"name="evening_days" value="fri" checked"#), "the couple shares one schedule");
    assert!(!schedule.contains(r#"name="evening_days" value="mon" checked"#));
    let bad = [("evening_enabled", "on"), ("evening_time", "21:30")];
    let res = ana.submit("/rituals/schedule", "/rituals/schedule", &bad).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("Please choose at least one day."));
    assert_eq!(ben.get("/rituals/schedule").await.1, schedule, "nothing changed");
    assert_eq!(location(&ben.submit("/rituals", "/timer/start", &[("minutes", "20")]).await), "/rituals#timer");
    let (_, hers) = ana.get("/rituals").await;
    assert!(hers.contains(">Join</button>"));
}

async fn the_weekly_check_and_what_a_couple_keeps_work_without_javascript(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = paired_browsers(&app).await;
    assert_eq!(location(&ana.submit("/weekly-check", "/weekly-check/start", &[]).await), "/weekly-check");
    let (_, check) = ben.get("/weekly-check").await;
    assert!(check.contains("Section 1 of 6"), "the second device sees the same check");
    let id = check.split("/weekly-check/").nth(1).unwrap().split('/').next().unwrap().to_owned();
    let notes = format!("/weekly-check/{id}/notes");
    ben.submit("/weekly-check", &notes, &[("section", "feelings"), ("text", "A long week.")]).await;
    assert!(ana.get("/weekly-check").await.1.contains("A long week."));
    ana.submit("/journal", "/journal", &[("text", "He walked the dog in the rain.")]).await;
    let (_, journal) = ana.get("/journal").await;
    assert!(!ben.get("/journal").await.1.contains("walked the dog"), "private until shared");
    let entry = journal.split("/journal/").nth(1).unwrap().split('/').next().unwrap().to_owned();
    let share = format!("/journal/{entry}/share");
    let res = ana.submit("/journal", &share, &[("weekly_check_id", &id), ("back", "/weekly-check")]).await;
    assert_eq!(location(&res), "/weekly-check");
    let moved =
        ben.submit("/weekly-check", &format!("/weekly-check/{id}/move"), &[("version", "3"), ("to", "next")]).await;
    assert_eq!(location(&moved), "/weekly-check");
    assert!(ana.get("/weekly-check").await.1.contains("Section 2 of 6"));
    // Ana's page had not caught up: her "next" (with the old version) moves nothing and says so.
    let stale =
        ana.submit("/weekly-check", &format!("/weekly-check/{id}/move"), &[("version", "3"), ("to", "next")]).await;
    assert_eq!(location(&stale), "/weekly-check?done=check-moved-on");
    let (_, after) = ana.get("/weekly-check?done=check-moved-on").await;
    assert!(after.contains("Section 2 of 6") && after.contains("had already moved the check along"));
    let res =
        ana.submit("/capsules", "/capsules", &[("hopes", ""), ("fears", ""), ("needs", ""), ("opens_on", "")]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "an empty capsule is not sealed");
    let res =
        ana.submit("/capsules", "/capsules", &[("hopes", "Spring by the sea."), ("fears", ""), ("needs", "")]).await;
    assert_eq!(location(&res), "/capsules?done=capsule-sealed");
    assert!(!ben.get("/capsules").await.1.contains("Spring by the sea"), "sealed");
    let res =
        ben.submit("/joy", "/joy", &[("idea", "Cook a meal together"), ("own_idea", ""), ("on", "1999-01-01")]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let res = ben.submit("/wins", "/wins", &[("text", "A hug before work")]).await;
    assert_eq!(location(&res), "/wins?done=win-logged");
    assert!(ana.get("/wins").await.1.contains("A hug before work"));
    let (a, b) = (
        app.log_in("ana@example.org", PASSWORD).await.unwrap(),
        app.log_in("ben@example.org", PASSWORD).await.unwrap(),
    );
    app.agree_ground_rules(&a, &b).await;
    let res = ben.submit("/own-your-part", "/own-your-part", &[("suggestion", "Less sarcasm"), ("own", "")]).await;
    assert_eq!(location(&res), "/own-your-part?done=experiment-started");
    assert!(!ana.get("/own-your-part").await.1.contains("Less sarcasm</h2>"), "Ben's experiment is his own");
}

/// Ideas narrow by cost, time and place with a plain form: only ideas of that kind are offered, a
/// combination nothing fits says so and offers them all; openers come grouped by the situation
/// they were written for.
async fn ideas_narrow_by_cost_time_and_place_and_openers_group_by_situation(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, _ben) = paired_browsers(&app).await;
    let joy = &tend_core::content::Content::embedded().together.joy;
    let options = |html: &str| html.matches("<option>").count();
    let (_, all) = ana.get("/joy").await;
    assert_eq!(options(&all), joy.ideas.len());
    let (_, apart) = ana.get("/joy?place=apart&cost=free").await;
    let fitting: Vec<_> =
        joy.catalog.iter().filter(|i| i.place.as_str() == "apart" && i.cost.as_str() == "free").collect();
    assert!(!fitting.is_empty() && options(&apart) == fitting.len(), "{} of {}", options(&apart), fitting.len());
    assert!(apart.contains(&format!("<option>{}</option>", fitting[0].text)));
    assert!(apart.contains("<option value=\"apart\" selected>"), "the choice stays chosen");
    let (_, none) = ana.get("/joy?place=nowhere").await;
    assert!(none.contains("No idea fits all of those at once") && options(&none) == joy.ideas.len());

    let (_, invitations) = ana.get("/invitations").await;
    let openers = &tend_core::content::Content::embedded().openers;
    let mut at = 0;
    for situation in &openers.situations {
        let heading = format!("<h3 class=\"opener-situation\">{}</h3>", situation.title);
        let found = invitations[at..].find(&heading).unwrap_or_else(|| panic!("{heading} in order"));
        at += found;
        let first = openers.openers.iter().find(|o| o.situation == situation.id).unwrap();
        assert!(invitations[at..].contains(&first.id), "{} under its situation", first.id);
    }
}
