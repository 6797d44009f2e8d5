//! The program through the API: check-ups, pulses, and eight weeks of the plan into maintenance.

use jiff::SignedDuration;
use reqwest::StatusCode;
use serde_json::{json, Value};
use tend_core::content::Content;
use tend_store::Backend;

use crate::authorization::{checkup_answers, pulse_answers};
use crate::helpers::{Person, TestApp};

on_both_backends!(
    a_checkup_is_private_until_its_author_shares_it_and_sharing_can_be_undone,
    sharing_a_reading_shares_its_summary_and_the_answers_only_when_asked,
    an_incomplete_checkup_is_refused_and_changes_nothing,
    a_pulse_is_kept_once_a_week_and_read_only_by_its_author,
    a_couple_goes_through_eight_weeks_of_the_plan_into_maintenance,
    a_step_can_be_made_smaller_and_the_plan_paused_and_repeated,
    the_plan_waits_for_both_partners,
);

async fn a_checkup_is_private_until_its_author_shares_it_and_sharing_can_be_undone(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = app.couple("Ana", "Ben").await;
    let first: Value =
        app.call(Some(&ana), "POST", "/api/v1/checkups", Some(checkup_answers())).await.json().await.unwrap();
    let second: Value =
        app.call(Some(&ana), "POST", "/api/v1/checkups", Some(checkup_answers())).await.json().await.unwrap();
    assert_eq!(first["reading"].as_array().unwrap().len(), 4, "a reading per area");
    let (_, ben_list) = app.get(&ben, "/api/v1/checkups").await;
    assert_eq!(ben_list["shared_with_me"], json!([]));
    let path = format!("/api/v1/checkups/{}", first["id"].as_str().unwrap());
    assert_eq!(app.get(&ben, &path).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.call(Some(&ana), "POST", &format!("{path}/share"), None).await.status(), StatusCode::NO_CONTENT);
    let (_, ben_list) = app.get(&ben, "/api/v1/checkups").await;
    let shared = ben_list["shared_with_me"].as_array().unwrap();
    assert_eq!(shared.len(), 1, "exactly the one result Ana shared");
    assert_eq!(shared[0]["id"], first["id"]);
    assert_eq!(shared[0]["mine"], false);
    assert_eq!(app.get(&ben, &path).await.0, StatusCode::OK);
    assert_eq!(
        app.get(&ben, &format!("/api/v1/checkups/{}", second["id"].as_str().unwrap())).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(app.call(Some(&ana), "DELETE", &format!("{path}/share"), None).await.status(), StatusCode::NO_CONTENT);
    assert_eq!(app.get(&ben, &path).await.0, StatusCode::NOT_FOUND);
    // Shared again, then Ana leaves: Ben reads nothing of hers any more.
    app.call(Some(&ana), "POST", &format!("{path}/share"), None).await;
    app.call(Some(&ana), "POST", "/api/v1/couple/leave", None).await;
    assert_eq!(app.get(&ben, &path).await.0, StatusCode::NOT_FOUND);
    let (_, ben_list) = app.get(&ben, "/api/v1/checkups").await;
    assert_eq!(ben_list["shared_with_me"], json!([]));
    let (_, ana_list) = app.get(&ana, "/api/v1/checkups").await;
    assert_eq!(ana_list["mine"].as_array().unwrap().len(), 2, "Ana keeps what she wrote");
}

async fn an_incomplete_checkup_is_refused_and_changes_nothing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ana = app.person("Ana").await;
    let mut answers = checkup_answers();
    let first = answers["answers"].as_object().unwrap().keys().next().unwrap().clone();
    answers["answers"].as_object_mut().unwrap().remove(&first);
    let res = app.call(Some(&ana), "POST", "/api/v1/checkups", Some(answers.clone())).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        res.json::<Value>().await.unwrap()["error"]["field"],
        first.as_str(),
        "the unanswered statement is named"
    );
    answers["answers"][first] = json!(7);
    assert_eq!(
        app.call(Some(&ana), "POST", "/api/v1/checkups", Some(answers)).await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let (_, list) = app.get(&ana, "/api/v1/checkups").await;
    assert_eq!(list["mine"], json!([]));
}

async fn a_pulse_is_kept_once_a_week_and_read_only_by_its_author(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = app.couple("Ana", "Ben").await;
    let (_, today) = app.get(&ana, "/api/v1/today").await;
    assert_eq!(today["pulse_open"], true);
    assert_eq!(
        app.call(Some(&ana), "POST", "/api/v1/pulses", Some(pulse_answers())).await.status(),
        StatusCode::CREATED
    );
    let mut again = pulse_answers();
    let first = Content::embedded().pulse.items[0].id.clone();
    again["answers"][&first] = json!(5);
    app.call(Some(&ana), "POST", "/api/v1/pulses", Some(again)).await;
    let (_, pulses) = app.get(&ana, "/api/v1/pulses").await;
    assert_eq!(pulses.as_array().unwrap().len(), 1, "answering again in the same week replaces it");
    assert_eq!(pulses[0]["answers"][&first], 5);
    let (_, today) = app.get(&ana, "/api/v1/today").await;
    assert_eq!(today["pulse_open"], false);
    app.clock.advance(SignedDuration::from_hours(24 * 7));
    app.call(Some(&ana), "POST", "/api/v1/pulses", Some(pulse_answers())).await;
    assert_eq!(app.get(&ana, "/api/v1/pulses").await.1.as_array().unwrap().len(), 2);
    assert_eq!(app.get(&ben, "/api/v1/pulses").await.1, json!([]), "never shown to the partner");
    let mut wrong = pulse_answers();
    wrong["answers"][&first] = json!(0);
    assert_eq!(
        app.call(Some(&ana), "POST", "/api/v1/pulses", Some(wrong)).await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
}

fn week(view: &Value) -> u64 {
    view["position"]["week"].as_u64().unwrap_or(0)
}

async fn mark(app: &TestApp, who: &Person, step: &str) -> Value {
    let res =
        app.call(Some(who), "POST", &format!("/api/v1/plan/steps/{step}/done"), Some(json!({"done": true}))).await;
    assert_eq!(res.status(), StatusCode::OK, "{step}");
    res.json().await.unwrap()
}

async fn a_couple_goes_through_eight_weeks_of_the_plan_into_maintenance(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = app.couple("Ana", "Ben").await;
    let res = app.call(Some(&ana), "POST", "/api/v1/plan", Some(json!({}))).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let plan = Content::embedded().plan.clone();
    for number in 1..=8u64 {
        let (_, view) = app.get(&ben, "/api/v1/plan").await;
        assert_eq!(week(&view), number);
        let week_content = &plan.weeks[number as usize - 1];
        assert_eq!(view["week"]["focus"], week_content.focus.as_str());
        for step in &week_content.steps {
            let after_ana = mark(&app, &ana, &step.id).await;
            let seen_by_ana = after_ana["week"]["steps"]
                .as_array()
                .unwrap()
                .iter()
                .find(|s| s["id"] == step.id.as_str())
                .unwrap()
                .clone();
            assert_eq!(seen_by_ana["done_by_me"], true);
            assert_eq!(seen_by_ana["done_together"], false, "a shared step waits for both, silently");
            let (_, ben_view) = app.get(&ben, "/api/v1/plan").await;
            let seen_by_ben = ben_view["week"]["steps"]
                .as_array()
                .unwrap()
                .iter()
                .find(|s| s["id"] == step.id.as_str())
                .unwrap()
                .clone();
            assert_eq!(seen_by_ben["done_by_me"], false, "Ben is never told what Ana marked");
            assert_eq!(seen_by_ben["done_together"], false);
            let after_ben = mark(&app, &ben, &step.id).await;
            let both = after_ben["week"]["steps"]
                .as_array()
                .unwrap()
                .iter()
                .find(|s| s["id"] == step.id.as_str())
                .unwrap()
                .clone();
            let shared = step.who == tend_core::content::StepWho::Shared;
            assert_eq!(both["done_together"], shared);
        }
        let (_, view) = app.get(&ana, "/api/v1/plan").await;
        assert_eq!(view["week"]["my_done"].as_u64().unwrap() as usize, week_content.steps.len());
        let last_week = plan.weeks[0].steps[0].id.clone();
        if number > 1 {
            let res = app
                .call(Some(&ana), "POST", &format!("/api/v1/plan/steps/{last_week}/done"), Some(json!({"done": true})))
                .await;
            assert_eq!(res.status(), StatusCode::CONFLICT, "a step of another week can't be marked");
        }
        app.clock.advance(SignedDuration::from_hours(24 * 7));
    }
    let (_, view) = app.get(&ana, "/api/v1/plan").await;
    assert_eq!(view["position"]["state"], "maintenance");
    assert!(view["week"].is_null());
}

async fn a_step_can_be_made_smaller_and_the_plan_paused_and_repeated(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = app.couple("Ana", "Ben").await;
    app.call(Some(&ana), "POST", "/api/v1/plan", Some(json!({}))).await;
    let step = &Content::embedded().plan.weeks[0].steps[0];
    let res = app
        .call(Some(&ben), "POST", &format!("/api/v1/plan/steps/{}/smaller", step.id), Some(json!({"smaller": true})))
        .await;
    let view: Value = res.json().await.unwrap();
    let shown = &view["week"]["steps"][0];
    assert_eq!(shown["text"], step.smaller.as_str());
    assert_eq!(shown["smaller"], true);
    // Paused for ten days: the calendar waits.
    app.call(Some(&ana), "POST", "/api/v1/plan/pause", None).await;
    app.clock.advance(SignedDuration::from_hours(24 * 10));
    let (_, view) = app.get(&ben, "/api/v1/plan").await;
    assert_eq!((week(&view), view["paused"].clone()), (1, json!(true)));
    app.call(Some(&ben), "POST", "/api/v1/plan/resume", None).await;
    app.clock.advance(SignedDuration::from_hours(24 * 7));
    assert_eq!(week(&app.get(&ana, "/api/v1/plan").await.1), 2);
    // Week 2 once more, then week 3.
    app.call(Some(&ana), "POST", "/api/v1/plan/repeat", None).await;
    app.clock.advance(SignedDuration::from_hours(24 * 7));
    let (_, view) = app.get(&ana, "/api/v1/plan").await;
    assert_eq!(week(&view), 2);
    assert_eq!(view["week"]["my_done"], 0, "a repeated week starts fresh");
    app.clock.advance(SignedDuration::from_hours(24 * 7));
    assert_eq!(week(&app.get(&ana, "/api/v1/plan").await.1), 3);
}

async fn the_plan_waits_for_both_partners(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ana = app.person("Ana").await;
    assert_eq!(app.call(Some(&ana), "POST", "/api/v1/plan", Some(json!({}))).await.status(), StatusCode::NOT_FOUND);
    app.create_couple(&ana).await;
    let res = app.call(Some(&ana), "POST", "/api/v1/plan", Some(json!({}))).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let res = app.call(Some(&ana), "POST", "/api/v1/plan", Some(json!({"starts_on": "yesterday"}))).await;
    assert!(res.status().is_client_error());
    let (_, today) = app.get(&ana, "/api/v1/today").await;
    assert_eq!(today["plan_can_start"], false);
    assert!(today["plan"].is_null());
}

async fn sharing_a_reading_shares_its_summary_and_the_answers_only_when_asked(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = app.couple("Ana", "Ben").await;
    let taken: Value =
        app.call(Some(&ana), "POST", "/api/v1/checkups", Some(checkup_answers())).await.json().await.unwrap();
    let id = taken["id"].as_str().unwrap();
    let share = format!("/api/v1/checkups/{id}/share");
    assert_eq!(app.call(Some(&ana), "POST", &share, None).await.status(), StatusCode::NO_CONTENT);
    let (status, seen) = app.get(&ben, &format!("/api/v1/checkups/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(seen["answers_shared"], false);
    assert!(seen["answers"].as_object().unwrap().is_empty(), "the summary only: {seen}");
    for area in seen["reading"].as_array().unwrap() {
        assert!(area["because"].as_array().unwrap().is_empty(), "no item that would tell an answer");
        assert!(area["level"].is_string(), "the summary is there");
    }
    let (_, own) = app.get(&ana, &format!("/api/v1/checkups/{id}")).await;
    assert!(!own["answers"].as_object().unwrap().is_empty(), "the author always sees her answers");

    let with = format!("{share}?with_answers=true");
    assert_eq!(app.call(Some(&ana), "POST", &with, None).await.status(), StatusCode::NO_CONTENT);
    let (_, seen) = app.get(&ben, &format!("/api/v1/checkups/{id}")).await;
    assert_eq!(seen["answers_shared"], true);
    assert_eq!(seen["answers"], own["answers"], "the answers too, when Ana asked for that");
    // Sharing again without the box takes the answers back, keeping the summary shared.
    assert_eq!(app.call(Some(&ana), "POST", &share, None).await.status(), StatusCode::NO_CONTENT);
    let (_, seen) = app.get(&ben, &format!("/api/v1/checkups/{id}")).await;
    assert!(seen["answers"].as_object().unwrap().is_empty());
    app.close().await;
}
