//! One world of people and things for the authorization matrix: a couple with things written,
//! another couple, a person invited but not joined, and the fixtures the cases send.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{Person, TestApp, PASSWORD};

/// The people of one world. Ana owns; Ben is her partner; Cat is in another couple (with Dan);
/// Fay started a space and invited Eve, who has an account but has not joined.
pub struct World {
    pub ana: Person,
    pub ben: Person,
    pub cat: Person,
    pub eve: Person,
    pub fay: Person,
    pub ana_couple_id: String,
    pub ana_second_session: String,
    pub ana_second_token: String,
    pub fay_invite_id: String,
    pub fay_invite_code: String,
    /// Ana's private check-up; she also has a pulse, and the couple has started the plan.
    pub ana_checkup_id: String,
    /// An agreement Ana proposed, waiting for Ben's yes.
    pub ana_agreement_id: String,
    /// A question Ana added to the couple's deck.
    pub ana_question_id: String,
    /// Ana's repair offer and invitation to talk, both waiting for Ben; a hard talk she scheduled
    /// under ground rules both accepted (she has since proposed a second version).
    pub ana_repair_id: String,
    pub ana_invitation_id: String,
    pub ana_talk_id: String,
    /// Ana's private journal entry, her sealed capsule, her own-your-part experiment, a joy
    /// moment she planned and the weekly check she started; she also answered today's morning
    /// ritual and started the screen-free timer.
    pub ana_journal_id: String,
    pub ana_capsule_id: String,
    pub ana_experiment_id: String,
    pub ana_joy_id: String,
    pub ana_check_id: String,
    /// Ana is low on capacity (not told to Ben), wrote a private clarity note and a private
    /// desires-and-boundaries note.
    pub ana_touch_note_id: String,
}

/// A day a little ahead, where the test people live.
pub fn days_ahead(days: i64) -> String {
    let zone = jiff::tz::TimeZone::get("Europe/Berlin").unwrap();
    (jiff::Timestamp::now().to_zoned(zone).date() + jiff::ToSpan::days(days)).to_string()
}

/// Tomorrow at 19:00 where the test people live, as a local date and time.
pub fn tomorrow_evening() -> String {
    let zone = jiff::tz::TimeZone::get("Europe/Berlin").unwrap();
    let tomorrow = jiff::Timestamp::now().to_zoned(zone).date() + jiff::ToSpan::days(1);
    format!("{tomorrow}T19:00")
}

async fn created_id(res: reqwest::Response) -> String {
    assert!(res.status().is_success(), "{}", res.status());
    res.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_owned()
}

/// An answer to every safety question: all "no", or all "yes".
pub fn safety_answers(yes: bool) -> Value {
    let answers: serde_json::Map<String, Value> =
        tend_core::content::Content::embedded().safety.questions.iter().map(|q| (q.id.clone(), json!(yes))).collect();
    Value::Object(answers)
}

/// A valid new agreement, to review a month from now.
pub fn agreement() -> Value {
    let in_a_month = jiff::Timestamp::now().to_zoned(jiff::tz::TimeZone::get("Europe/Berlin").unwrap()).date()
        + jiff::ToSpan::days(30);
    json!({"kind": "time-together", "text": "We take a walk together on Sundays.", "review_on": in_a_month.to_string()})
}

/// Answers to every check-up statement (1) or pulse question (3).
pub fn checkup_answers() -> Value {
    let items: serde_json::Map<String, Value> =
        tend_core::content::Content::embedded().checkup.items().map(|(_, i)| (i.id.clone(), json!(1))).collect();
    json!({ "answers": items })
}

pub fn pulse_answers() -> Value {
    let items: serde_json::Map<String, Value> =
        tend_core::content::Content::embedded().pulse.items.iter().map(|i| (i.id.clone(), json!(3))).collect();
    json!({ "answers": items })
}

pub fn first_step() -> String {
    tend_core::content::Content::embedded().plan.weeks[0].steps[0].id.clone()
}

pub async fn world(app: &TestApp) -> World {
    let (ana, ben) = app.couple("Ana", "Ben").await;
    let (cat, dan) = app.couple("Cat", "Dan").await;
    // Their own joint tools are open, so what they are refused is only what isn't theirs.
    app.agree_ground_rules(&cat.token, &dan.token).await;
    let fay = app.person("Fay").await;
    let eve = app.person("Eve").await;
    let invite = app.create_couple(&fay).await;
    let ana_second_token = app.log_in(&ana.email, PASSWORD).await.unwrap();
    let second = Person { email: ana.email.clone(), token: ana_second_token.clone() };
    let (_, sessions) = app.get(&ana, "/api/v1/sessions").await;
    let ana_second_session = sessions
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["current"] == false)
        .map(|s| s["id"].as_str().unwrap().to_owned())
        .unwrap();
    let (_, couple) = app.get(&second, "/api/v1/couple").await;
    let res = app.call(Some(&ana), "POST", "/api/v1/checkups", Some(checkup_answers())).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let ana_checkup_id = res.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_owned();
    assert_eq!(
        app.call(Some(&ana), "POST", "/api/v1/pulses", Some(pulse_answers())).await.status(),
        StatusCode::CREATED
    );
    assert_eq!(app.call(Some(&ana), "POST", "/api/v1/plan", Some(json!({}))).await.status(), StatusCode::CREATED);
    let res = app.call(Some(&ana), "POST", "/api/v1/agreements", Some(agreement())).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let ana_agreement_id = res.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_owned();
    let res = app
        .call(
            Some(&ana),
            "POST",
            "/api/v1/questions",
            Some(json!({"set": "light", "text": "What was your first concert?"})),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let ana_question_id = res.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_owned();
    let rules = json!({"rules": ["We let each other finish.", "Either of us can call a pause."]});
    assert_eq!(app.call(Some(&ana), "POST", "/api/v1/ground-rules", Some(rules)).await.status(), StatusCode::OK);
    let accept = app.call(Some(&ben), "POST", "/api/v1/ground-rules/accept", Some(json!({"version": 1}))).await;
    assert_eq!(accept.status(), StatusCode::OK);
    let talk = json!({"topic": "Holidays", "starts_at": tomorrow_evening(), "minutes": 30});
    let ana_talk_id = created_id(app.call(Some(&ana), "POST", "/api/v1/hard-talks", Some(talk)).await).await;
    let again = json!({"rules": ["We let each other finish.", "We stop after 30 minutes."]});
    assert_eq!(app.call(Some(&ana), "POST", "/api/v1/ground-rules", Some(again)).await.status(), StatusCode::OK);
    let ana_repair_id =
        created_id(app.call(Some(&ana), "POST", "/api/v1/repairs", Some(json!({"kind": "apology"}))).await).await;
    let invitation = json!({"text": "Could we have a short talk tomorrow?", "proposed_at": tomorrow_evening()});
    let ana_invitation_id =
        created_id(app.call(Some(&ana), "POST", "/api/v1/invitations", Some(invitation)).await).await;
    let listening = app.call(Some(&ana), "POST", "/api/v1/listening", Some(json!({"minutes": 2}))).await;
    assert_eq!(listening.status(), StatusCode::CREATED);
    let calm = json!({"answers": safety_answers(false)});
    assert_eq!(app.call(Some(&ana), "POST", "/api/v1/safety", Some(calm)).await.status(), StatusCode::OK);
    assert_eq!(app.call(Some(&ana), "POST", "/api/v1/pause", Some(json!({}))).await.status(), StatusCode::CREATED);
    let entry = json!({"text": "canary-journal: he made tea"});
    let ana_journal_id = created_id(app.call(Some(&ana), "POST", "/api/v1/journal", Some(entry)).await).await;
    let capsule = json!({"hopes": "canary-capsule: a quiet spring", "fears": "", "needs": "rest"});
    let ana_capsule_id = created_id(app.call(Some(&ana), "POST", "/api/v1/capsules", Some(capsule)).await).await;
    let experiment = json!({"behaviour": "Less sarcasm"});
    let ana_experiment_id =
        created_id(app.call(Some(&ana), "POST", "/api/v1/experiments", Some(experiment)).await).await;
    let joy = json!({"idea": "Cook a meal together", "on": days_ahead(1), "phones_off": true});
    let ana_joy_id = created_id(app.call(Some(&ana), "POST", "/api/v1/joy", Some(joy)).await).await;
    let ana_check_id = created_id(app.call(Some(&ana), "POST", "/api/v1/weekly-checks", None).await).await;
    let answer = json!({"text": "canary-ritual: a calm day"});
    assert_eq!(
        app.call(Some(&ana), "POST", "/api/v1/rituals/morning/answer", Some(answer)).await.status(),
        StatusCode::OK
    );
    assert_eq!(app.call(Some(&ana), "POST", "/api/v1/timer", Some(json!({}))).await.status(), StatusCode::CREATED);
    let low = json!({"situation": "low_capacity", "tell_partner": false});
    assert_eq!(app.call(Some(&ana), "PUT", "/api/v1/situation", Some(low)).await.status(), StatusCode::OK);
    let content = tend_core::content::Content::embedded();
    let clarity = json!({"prompt": content.support.situations.unsure.questions[0], "text": "canary-clarity: not sure"});
    assert_eq!(
        app.call(Some(&ana), "POST", "/api/v1/situation/clarity", Some(clarity)).await.status(),
        StatusCode::CREATED
    );
    let note = json!({"prompt": content.support.touch.prompts[0], "text": "canary-touch: slow mornings"});
    let ana_touch_note_id = created_id(app.call(Some(&ana), "POST", "/api/v1/touch/notes", Some(note)).await).await;
    World {
        ana_touch_note_id,
        ana_journal_id,
        ana_capsule_id,
        ana_experiment_id,
        ana_joy_id,
        ana_check_id,
        ana_repair_id,
        ana_invitation_id,
        ana_talk_id,
        ana_question_id,
        ana_agreement_id,
        ana_checkup_id,
        ana_couple_id: couple["id"].as_str().unwrap().to_owned(),
        ana,
        ben,
        cat,
        eve,
        fay,
        ana_second_session,
        ana_second_token,
        fay_invite_id: invite["id"].as_str().unwrap().to_owned(),
        fay_invite_code: invite["code"].as_str().unwrap().to_owned(),
    }
}
