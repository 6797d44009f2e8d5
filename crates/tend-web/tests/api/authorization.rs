//! Every API operation, tried as anonymous, an invited person who has not joined, a stranger
//! from another couple, the partner, and the owner. Non-owners act in one world (in that order,
//! aimed at the owner's objects wherever an operation takes an id); the owner acts in a fresh
//! world of their own. A forbidden object must answer exactly like a missing one.

use std::collections::BTreeSet;

use reqwest::StatusCode;
use serde_json::{json, Value};
use tend_store::Backend;

use crate::helpers::{Person, TestApp, PASSWORD};

on_both_backends!(every_operation_is_allowed_only_to_whom_it_belongs);

/// The people of one world. Ana owns; Ben is her partner; Cat is in another couple (with Dan);
/// Fay started a space and invited Eve, who has an account but has not joined.
struct World {
    ana: Person,
    ben: Person,
    cat: Person,
    eve: Person,
    fay: Person,
    ana_couple_id: String,
    ana_second_session: String,
    ana_second_token: String,
    fay_invite_id: String,
    fay_invite_code: String,
    /// Ana's private check-up; she also has a pulse, and the couple has started the plan.
    ana_checkup_id: String,
    /// An agreement Ana proposed, waiting for Ben's yes.
    ana_agreement_id: String,
    /// A question Ana added to the couple's deck.
    ana_question_id: String,
    /// Ana's repair offer and invitation to talk, both waiting for Ben; a hard talk she scheduled
    /// under ground rules both accepted (she has since proposed a second version).
    ana_repair_id: String,
    ana_invitation_id: String,
    ana_talk_id: String,
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

async fn world(app: &TestApp) -> World {
    let (ana, ben) = app.couple("Ana", "Ben").await;
    app.couple("Cat", "Dan").await;
    let cat = Person { email: "cat@example.org".into(), token: app.log_in("cat@example.org", PASSWORD).await.unwrap() };
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
    assert_eq!(app.call(Some(&ana), "POST", "/api/v1/pause", Some(json!({}))).await.status(), StatusCode::CREATED);
    World {
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

#[derive(Clone, Copy, Debug, PartialEq)]
enum Who {
    Anonymous,
    Invited,
    Stranger,
    Partner,
    Owner,
}

const NON_OWNERS: [Who; 4] = [Who::Anonymous, Who::Invited, Who::Stranger, Who::Partner];

impl World {
    fn person(&self, who: Who, owner_is_fay: bool) -> Option<&Person> {
        match who {
            Who::Anonymous => None,
            Who::Invited => Some(&self.eve),
            Who::Stranger => Some(&self.cat),
            Who::Partner => Some(&self.ben),
            Who::Owner if owner_is_fay => Some(&self.fay),
            Who::Owner => Some(&self.ana),
        }
    }
}

struct Case {
    op: &'static str,
    method: &'static str,
    /// Paths for operations that take an id: the owner's object and a made-up one.
    path: fn(&World) -> String,
    missing_path: Option<&'static str>,
    body: fn(&World, Option<&Person>) -> Option<Value>,
    /// The invite operations belong to Fay, who has an open invite; the rest to Ana.
    owner_is_fay: bool,
    /// Expected status as anonymous, invited, stranger, partner, owner.
    expect: [u16; 5],
}

fn own_email(who: Option<&Person>) -> String {
    who.map(|p| p.email.clone()).unwrap_or_else(|| "ana@example.org".into())
}

fn cases() -> Vec<Case> {
    let none: fn(&World, Option<&Person>) -> Option<Value> = |_, _| None;
    let password: fn(&World, Option<&Person>) -> Option<Value> = |_, _| Some(json!({"password": PASSWORD}));
    vec![
        Case {
            op: "createAccount",
            method: "POST",
            path: |_| "/api/v1/accounts".into(),
            missing_path: None,
            body: |_, who| {
                Some(
                    json!({"display_name": "New", "email": format!("new-{}", own_email(who)), "password": PASSWORD, "time_zone": "UTC"}),
                )
            },
            owner_is_fay: false,
            expect: [202, 202, 202, 202, 202],
        },
        Case {
            op: "createSession",
            method: "POST",
            path: |_| "/api/v1/sessions".into(),
            missing_path: None,
            body: |_, who| Some(json!({"email": own_email(who), "password": PASSWORD})),
            owner_is_fay: false,
            expect: [201, 201, 201, 201, 201],
        },
        Case {
            op: "deleteSession",
            method: "DELETE",
            path: |_| "/api/v1/sessions/current".into(),
            missing_path: None,
            body: none,
            owner_is_fay: false,
            expect: [401, 204, 204, 204, 204],
        },
        Case {
            op: "listSessions",
            method: "GET",
            path: |_| "/api/v1/sessions".into(),
            missing_path: None,
            body: none,
            owner_is_fay: false,
            expect: [401, 200, 200, 200, 200],
        },
        Case {
            op: "revokeSession",
            method: "DELETE",
            path: |w| format!("/api/v1/sessions/{}", w.ana_second_session),
            missing_path: Some("/api/v1/sessions/00000000000000000000000000000000"),
            body: none,
            owner_is_fay: false,
            expect: [401, 404, 404, 404, 204],
        },
        Case {
            op: "getMe",
            method: "GET",
            path: |_| "/api/v1/me".into(),
            missing_path: None,
            body: none,
            owner_is_fay: false,
            expect: [401, 200, 200, 200, 200],
        },
        Case {
            op: "updateMe",
            method: "PATCH",
            path: |_| "/api/v1/me".into(),
            missing_path: None,
            body: |_, _| Some(json!({"display_name": "Renamed"})),
            owner_is_fay: false,
            expect: [401, 200, 200, 200, 200],
        },
        Case {
            op: "changePassword",
            method: "POST",
            path: |_| "/api/v1/me/password".into(),
            missing_path: None,
            body: |_, _| Some(json!({"current_password": PASSWORD, "new_password": "another long password"})),
            owner_is_fay: false,
            expect: [401, 204, 204, 204, 204],
        },
        Case {
            op: "changeEmail",
            method: "POST",
            path: |_| "/api/v1/me/email".into(),
            missing_path: None,
            body: |_, who| Some(json!({"new_email": format!("moved-{}", own_email(who)), "password": PASSWORD})),
            owner_is_fay: false,
            expect: [401, 200, 200, 200, 200],
        },
        Case {
            op: "deleteAccount",
            method: "DELETE",
            path: |_| "/api/v1/me".into(),
            missing_path: None,
            body: password,
            owner_is_fay: false,
            expect: [401, 204, 204, 204, 204],
        },
        Case {
            op: "exportMyData",
            method: "GET",
            path: |_| "/api/v1/me/export".into(),
            missing_path: None,
            body: none,
            owner_is_fay: false,
            expect: [401, 200, 200, 200, 200],
        },
        Case {
            op: "createCouple",
            method: "POST",
            path: |_| "/api/v1/couple".into(),
            missing_path: None,
            body: none,
            owner_is_fay: false,
            expect: [401, 201, 409, 409, 409],
        },
        Case {
            op: "getCouple",
            method: "GET",
            path: |_| "/api/v1/couple".into(),
            missing_path: None,
            body: none,
            owner_is_fay: false,
            expect: [401, 404, 200, 200, 200],
        },
        Case {
            op: "leaveCouple",
            method: "POST",
            path: |_| "/api/v1/couple/leave".into(),
            missing_path: None,
            body: none,
            owner_is_fay: false,
            expect: [401, 404, 204, 204, 204],
        },
        Case {
            op: "createInvite",
            method: "POST",
            path: |_| "/api/v1/couple/invites".into(),
            missing_path: None,
            body: none,
            owner_is_fay: true,
            expect: [401, 404, 409, 409, 201],
        },
        Case {
            op: "revokeInvite",
            method: "DELETE",
            path: |w| format!("/api/v1/couple/invites/{}", w.fay_invite_id),
            missing_path: Some("/api/v1/couple/invites/00000000000000000000000000000000"),
            body: none,
            owner_is_fay: true,
            expect: [401, 404, 404, 404, 204],
        },
        Case {
            op: "joinCouple",
            method: "POST",
            path: |_| "/api/v1/couple/join".into(),
            missing_path: None,
            body: |w, _| Some(json!({"code": w.fay_invite_code})),
            owner_is_fay: true,
            expect: [401, 200, 409, 409, 409],
        },
    ]
}

/// The program's operations: check-ups, pulses, the plan and Today.
#[rustfmt::skip]
fn program_cases() -> Vec<Case> {
    let none: fn(&World, Option<&Person>) -> Option<Value> = |_, _| None;
    let case = |op, method, path: fn(&World) -> String, missing_path, body, expect| Case { op, method, path, missing_path, body, owner_is_fay: false, expect };
    vec![
        case("getCheckupItems", "GET", |_| "/api/v1/checkup/items".into(), None, none, [401, 200, 200, 200, 200]),
        case("submitCheckup", "POST", |_| "/api/v1/checkups".into(), None, |_, _| Some(checkup_answers()), [401, 201, 201, 201, 201]),
        case("listCheckups", "GET", |_| "/api/v1/checkups".into(), None, none, [401, 200, 200, 200, 200]),
        case("getCheckup", "GET", |w| format!("/api/v1/checkups/{}", w.ana_checkup_id),
            Some("/api/v1/checkups/00000000000000000000000000000000"), none, [401, 404, 404, 404, 200]),
        // Eve has no couple space, so sharing anything answers "needs a couple space" for her.
        case("shareCheckup", "POST", |w| format!("/api/v1/checkups/{}/share", w.ana_checkup_id),
            Some("/api/v1/checkups/00000000000000000000000000000000/share"), none, [401, 409, 404, 404, 204]),
        case("unshareCheckup", "DELETE", |w| format!("/api/v1/checkups/{}/share", w.ana_checkup_id),
            Some("/api/v1/checkups/00000000000000000000000000000000/share"), none, [401, 404, 404, 404, 204]),
        case("submitPulse", "POST", |_| "/api/v1/pulses".into(), None, |_, _| Some(pulse_answers()), [401, 201, 201, 201, 201]),
        case("listPulses", "GET", |_| "/api/v1/pulses".into(), None, none, [401, 200, 200, 200, 200]),
        // Cat and Dan have no plan yet; Ana and Ben's has started.
        case("startPlan", "POST", |_| "/api/v1/plan".into(), None, |_, _| Some(json!({})), [401, 404, 201, 409, 409]),
        case("getPlan", "GET", |_| "/api/v1/plan".into(), None, none, [401, 404, 404, 200, 200]),
        case("completeStep", "POST", |_| format!("/api/v1/plan/steps/{}/done", first_step()), None,
            |_, _| Some(json!({"done": true})), [401, 404, 404, 200, 200]),
        case("shrinkStep", "POST", |_| format!("/api/v1/plan/steps/{}/smaller", first_step()), None,
            |_, _| Some(json!({"smaller": true})), [401, 404, 404, 200, 200]),
        case("repeatWeek", "POST", |_| "/api/v1/plan/repeat".into(), None, none, [401, 404, 404, 200, 200]),
        case("pausePlan", "POST", |_| "/api/v1/plan/pause".into(), None, none, [401, 404, 404, 200, 200]),
        case("resumePlan", "POST", |_| "/api/v1/plan/resume".into(), None, none, [401, 404, 404, 200, 200]),
        case("getToday", "GET", |_| "/api/v1/today".into(), None, none, [401, 200, 200, 200, 200]),
        // The coach keeps nothing and needs no account.
        case("analyzeStartup", "POST", |_| "/api/v1/coach/analyze".into(), None,
            |_, _| Some(json!({"text": "You never listen."})), [200, 200, 200, 200, 200]),
        case("listQuestions", "GET", |_| "/api/v1/questions".into(), None, none, [401, 404, 200, 200, 200]),
        case("drawQuestions", "POST", |_| "/api/v1/questions/draw".into(), None, |_, _| Some(json!({})), [401, 404, 200, 200, 200]),
        case("addQuestion", "POST", |_| "/api/v1/questions".into(), None,
            |_, _| Some(json!({"set": "personal", "text": "What do you hope for this year?"})), [401, 404, 201, 201, 201]),
        case("markQuestion", "POST", |w| format!("/api/v1/questions/{}/mark", w.ana_question_id),
            Some("/api/v1/questions/own-00000000000000000000000000000000/mark"), |_, _| Some(json!({"favourite": true})),
            [401, 404, 404, 200, 200]),
        // Ana called a pause while setting up; calling again returns the one in force.
        case("callPause", "POST", |_| "/api/v1/pause".into(), None, |_, _| Some(json!({})), [401, 404, 201, 201, 201]),
        case("getPause", "GET", |_| "/api/v1/pause".into(), None, none, [401, 404, 404, 200, 200]),
        case("proposePauseReturn", "POST", |_| "/api/v1/pause/return".into(), None,
            |_, _| Some(json!({"return_in_minutes": 60})), [401, 404, 404, 409, 200]),
        // Nobody ends a pause during its quiet time.
        case("endPause", "POST", |_| "/api/v1/pause/end".into(), None, none, [401, 404, 404, 409, 409]),
        case("listOpeners", "GET", |_| "/api/v1/openers".into(), None, none, [401, 200, 200, 200, 200]),
        case("sendInvitation", "POST", |_| "/api/v1/invitations".into(), None,
            |_, _| Some(json!({"text": "A walk tonight?", "proposed_at": tomorrow_evening()})), [401, 404, 201, 201, 201]),
        case("listInvitations", "GET", |_| "/api/v1/invitations".into(), None, none, [401, 404, 200, 200, 200]),
        // Only the one invited answers.
        case("answerInvitation", "POST", |w| format!("/api/v1/invitations/{}/answer", w.ana_invitation_id),
            Some("/api/v1/invitations/00000000000000000000000000000000/answer"), |_, _| Some(json!({"answer": "accept"})),
            [401, 404, 404, 200, 409]),
        case("getGroundRules", "GET", |_| "/api/v1/ground-rules".into(), None, none, [401, 404, 200, 200, 200]),
        case("proposeGroundRules", "POST", |_| "/api/v1/ground-rules".into(), None,
            |_, _| Some(json!({"rules": ["No name-calling."]})), [401, 404, 200, 200, 200]),
        case("acceptGroundRules", "POST", |_| "/api/v1/ground-rules/accept".into(), None,
            |_, _| Some(json!({"version": 2})), [401, 404, 404, 200, 409]),
        case("offerRepair", "POST", |_| "/api/v1/repairs".into(), None, |_, _| Some(json!({"kind": "start-over"})), [401, 404, 201, 201, 201]),
        case("listRepairs", "GET", |_| "/api/v1/repairs".into(), None, none, [401, 404, 200, 200, 200]),
        case("acceptRepair", "POST", |w| format!("/api/v1/repairs/{}/accept", w.ana_repair_id),
            Some("/api/v1/repairs/00000000000000000000000000000000/accept"), none, [401, 404, 404, 200, 409]),
        // A pause is quiet in Ana and Ben's space; Cat and Dan have no ground rules yet.
        case("scheduleHardTalk", "POST", |_| "/api/v1/hard-talks".into(), None,
            |_, _| Some(json!({"topic": "Money", "starts_at": tomorrow_evening(), "minutes": 20})), [401, 404, 409, 409, 409]),
        case("listHardTalks", "GET", |_| "/api/v1/hard-talks".into(), None, none, [401, 404, 200, 200, 200]),
        case("closeHardTalk", "POST", |w| format!("/api/v1/hard-talks/{}/close", w.ana_talk_id),
            Some("/api/v1/hard-talks/00000000000000000000000000000000/close"), |_, _| Some(json!({"agreed": "We'll plan it together."})),
            [401, 404, 404, 200, 200]),
        // Ana started an active-listening exchange; on one shared device either partner steps.
        case("startListening", "POST", |_| "/api/v1/listening".into(), None, |_, _| Some(json!({"minutes": 3})), [401, 404, 201, 201, 201]),
        case("getListening", "GET", |_| "/api/v1/listening".into(), None, none, [401, 404, 404, 200, 200]),
        case("stepListening", "POST", |_| "/api/v1/listening/step".into(), None,
            |_, _| Some(json!({"action": "finish-speaking"})), [401, 404, 404, 200, 200]),
        case("createAgreement", "POST", |_| "/api/v1/agreements".into(), None, |_, _| Some(agreement()), [401, 404, 201, 201, 201]),
        case("listAgreements", "GET", |_| "/api/v1/agreements".into(), None, none, [401, 200, 200, 200, 200]),
        // Only the other partner can say yes; Ana proposed it, so hers is not the yes it needs.
        case("acceptAgreement", "POST", |w| format!("/api/v1/agreements/{}/accept", w.ana_agreement_id),
            Some("/api/v1/agreements/00000000000000000000000000000000/accept"), none, [401, 404, 404, 200, 409]),
        // Not in force yet: a review date comes after both said yes.
        case("reviewAgreement", "POST", |w| format!("/api/v1/agreements/{}/review", w.ana_agreement_id),
            Some("/api/v1/agreements/00000000000000000000000000000000/review"), |_, _| Some(json!({"review_on": agreement()["review_on"]})),
            [401, 404, 404, 409, 409]),
    ]
}

/// Checks that nothing of the owner's changed after everyone else had their turn.
async fn owner_untouched(app: &TestApp, w: &World, case: &Case) {
    let second = Person { email: w.ana.email.clone(), token: w.ana_second_token.clone() };
    match case.op {
        "revokeSession" => assert_eq!(app.get(&second, "/api/v1/me").await.0, StatusCode::OK, "Ana's session survives"),
        "shareCheckup" | "getCheckup" | "unshareCheckup" => {
            let (_, ben_list) = app.get(&w.ben, "/api/v1/checkups").await;
            assert_eq!(ben_list["shared_with_me"], json!([]), "Ana's result stays private");
        }
        "revokeInvite" => {
            let (_, couple) = app.get(&w.fay, "/api/v1/couple").await;
            assert_eq!(couple["open_invite"]["id"], w.fay_invite_id.as_str(), "Fay's invite survives");
        }
        "updateMe" | "changeEmail" | "changePassword" => {
            let (_, me) = app.get(&second, "/api/v1/me").await;
            assert_eq!((me["display_name"].as_str(), me["email"].as_str()), (Some("Ana"), Some("ana@example.org")));
            assert!(app.log_in(&w.ana.email, PASSWORD).await.is_ok(), "Ana's password unchanged");
        }
        _ => {}
    }
}

fn check_body(w: &World, case: &Case, who: Who, person: Option<&Person>, status: u16, body: &Value) {
    if status != 200 {
        return;
    }
    match case.op {
        "getMe" | "updateMe" | "changeEmail" => {
            assert!(body["email"].as_str().unwrap().ends_with(&person.unwrap().email))
        }
        "exportMyData" => assert_eq!(body["person"]["email"].as_str(), Some(person.unwrap().email.as_str())),
        "listSessions" if who != Who::Owner => {
            assert!(!body.to_string().contains(&w.ana_second_session), "{who:?} sees only their own sessions");
        }
        "listCheckups" if who != Who::Owner => {
            assert!(!body.to_string().contains(&w.ana_checkup_id), "{who:?} never sees Ana's private result");
        }
        "listAgreements" if matches!(who, Who::Invited | Who::Stranger) => {
            assert!(!body.to_string().contains(&w.ana_agreement_id), "{who:?} never sees the couple's agreements");
        }
        "listQuestions" if who == Who::Stranger => {
            assert!(!body.to_string().contains(&w.ana_question_id), "another couple's questions stay theirs");
        }
        "getPause" if who == Who::Partner => assert_eq!(body["called_by_me"], false),
        "listInvitations" | "listRepairs" | "listHardTalks" if who == Who::Stranger => {
            let text = body.to_string();
            for id in [&w.ana_invitation_id, &w.ana_repair_id, &w.ana_talk_id] {
                assert!(!text.contains(id.as_str()), "{who:?} sees nothing of another couple's talks");
            }
        }
        "getGroundRules" if who == Who::Stranger => assert!(body["accepted"].is_null()),
        "listPulses" if who != Who::Owner => {
            assert_eq!(body, &json!([]), "{who:?} sees no one else's pulse")
        }
        "getToday" if who == Who::Stranger => assert_eq!(body["partner"], "Dan"),
        "getCouple" => {
            let same = body["id"].as_str() == Some(w.ana_couple_id.as_str());
            assert_eq!(same, matches!(who, Who::Partner | Who::Owner), "{who:?} sees only their own couple");
        }
        _ => {}
    }
}

async fn every_operation_is_allowed_only_to_whom_it_belongs(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let cases: Vec<Case> = cases().into_iter().chain(program_cases()).collect();
    let documented: BTreeSet<String> = {
        let doc: Value = app.api.get(app.url("/api/openapi.json")).send().await.unwrap().json().await.unwrap();
        doc["paths"]
            .as_object()
            .unwrap()
            .values()
            .flat_map(|item| item.as_object().unwrap().values())
            .filter_map(|op| op["operationId"].as_str().map(str::to_owned))
            .collect()
    };
    let tested: BTreeSet<String> = cases.iter().map(|c| c.op.to_owned()).collect();
    assert_eq!(documented, tested, "every documented operation is in the matrix");

    let mut unexpected = Vec::new();
    for case in &cases {
        // Every world lives in a fresh database, so nothing carries over between cases.
        let app = TestApp::spawn(backend).await;
        let shared = world(&app).await;
        for (who, expected) in NON_OWNERS.iter().zip(case.expect) {
            let person = shared.person(*who, case.owner_is_fay);
            let res = app.call(person, case.method, &(case.path)(&shared), (case.body)(&shared, person)).await;
            let status = res.status().as_u16();
            let body: Value = res.json().await.unwrap_or(Value::Null);
            if status != expected {
                unexpected.push(format!("{} as {who:?}: {status}, expected {expected}: {body}", case.op));
            }
            check_body(&shared, case, *who, person, status, &body);
            if let (Some(missing), 404) = (case.missing_path, status) {
                let res = app.call(person, case.method, missing, (case.body)(&shared, person)).await;
                assert_eq!(res.status().as_u16(), 404);
                assert_eq!(
                    res.json::<Value>().await.unwrap(),
                    body,
                    "{}: forbidden looks exactly like missing",
                    case.op
                );
            }
        }
        owner_untouched(&app, &shared, case).await;

        let app = TestApp::spawn(backend).await;
        let own = world(&app).await;
        let person = own.person(Who::Owner, case.owner_is_fay);
        let res = app.call(person, case.method, &(case.path)(&own), (case.body)(&own, person)).await;
        let status = res.status().as_u16();
        let body: Value = res.json().await.unwrap_or(Value::Null);
        if status != case.expect[4] {
            unexpected.push(format!("{} as Owner: {status}, expected {}: {body}", case.op, case.expect[4]));
        }
        check_body(&own, case, Who::Owner, person, status, &body);
    }
    assert!(unexpected.is_empty(), "unexpected outcomes:\n{}", unexpected.join("\n"));
}
