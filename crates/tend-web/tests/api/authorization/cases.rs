//! The matrix's rows: every operation, the request it sends, and what each actor should get.

use serde_json::{json, Value};

use super::world::{agreement, checkup_answers, first_step, pulse_answers, safety_answers, tomorrow_evening, World};
use crate::helpers::{Person, PASSWORD};

pub struct Case {
    pub op: &'static str,
    pub method: &'static str,
    /// Paths for operations that take an id: the owner's object and a made-up one.
    pub path: fn(&World) -> String,
    pub missing_path: Option<&'static str>,
    pub body: fn(&World, Option<&Person>) -> Option<Value>,
    /// The invite operations belong to Fay, who has an open invite; the rest to Ana.
    pub owner_is_fay: bool,
    /// Expected status as anonymous, invited, stranger, partner, owner.
    pub expect: [u16; 5],
}

fn own_email(who: Option<&Person>) -> String {
    who.map(|p| p.email.clone()).unwrap_or_else(|| "ana@example.org".into())
}

pub fn cases() -> Vec<Case> {
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
            op: "renewRecoveryCode",
            method: "POST",
            path: |_| "/api/v1/me/recovery-code".into(),
            missing_path: None,
            body: password,
            owner_is_fay: false,
            expect: [401, 201, 201, 201, 201],
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
            expect: [401, 202, 202, 202, 202],
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
            op: "importMyData",
            method: "POST",
            path: |_| "/api/v1/me/import".into(),
            missing_path: None,
            body: |_, _| {
                Some(json!({"format": "tend-export/1",
                    "together": {"journal": [{"text": "Brought from another Tend", "written_at": "2026-01-01T09:00:00Z"}]}}))
            },
            owner_is_fay: false,
            expect: [401, 200, 200, 200, 200],
        },
        Case {
            op: "listSecurityLog",
            method: "GET",
            path: |_| "/api/v1/me/security-log".into(),
            missing_path: None,
            body: none,
            owner_is_fay: false,
            expect: [401, 200, 200, 200, 200],
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
pub fn program_cases() -> Vec<Case> {
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
        // Bids wait for the one they were sent to: Ana's repair is on Ben's Today, not on hers.
        case("listBids", "GET", |_| "/api/v1/bids".into(), None, none, [401, 200, 200, 200, 200]),
        case("dismissBid", "POST", |w| format!("/api/v1/bids/repair/{}/dismiss", w.ana_repair_id),
            Some("/api/v1/bids/repair/00000000000000000000000000000000/dismiss"), none, [401, 404, 404, 204, 404]),
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
            // Cat and Dan plan their own talk (their rules are agreed); Ana and Ben have one then.
            |_, _| Some(json!({"topic": "Money", "starts_at": tomorrow_evening(), "minutes": 20})), [401, 404, 201, 409, 409]),
        case("listHardTalks", "GET", |_| "/api/v1/hard-talks".into(), None, none, [401, 404, 200, 200, 200]),
        case("closeHardTalk", "POST", |w| format!("/api/v1/hard-talks/{}/close", w.ana_talk_id),
            Some("/api/v1/hard-talks/00000000000000000000000000000000/close"), |_, _| Some(json!({"agreed": "We'll plan it together."})),
            [401, 404, 404, 200, 200]),
        // Ana started an active-listening exchange; on one shared device either partner steps.
        case("startListening", "POST", |_| "/api/v1/listening".into(), None, |_, _| Some(json!({"minutes": 3})), [401, 404, 201, 201, 201]),
        case("getListening", "GET", |_| "/api/v1/listening".into(), None, none, [401, 404, 404, 200, 200]),
        case("stepListening", "POST", |_| "/api/v1/listening/step".into(), None,
            |_, _| Some(json!({"action": "finish-speaking"})), [401, 404, 404, 200, 200]),
        // Each person's own safety check; Ana took hers (no risk) while setting up.
        case("getSafetyCheck", "GET", |_| "/api/v1/safety".into(), None, none, [401, 200, 200, 200, 200]),
        case("submitSafetyCheck", "POST", |_| "/api/v1/safety".into(), None,
            |_, _| Some(json!({"answers": safety_answers(false)})), [401, 200, 200, 200, 200]),
        case("setJointTools", "POST", |_| "/api/v1/safety/tools".into(), None, |_, _| Some(json!({"on": true})), [401, 404, 404, 404, 200]),
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
