//! Every API operation, tried as anonymous, an invited person who has not joined, a stranger
//! from another couple, the partner, and the owner. Non-owners act in one world (in that order,
//! aimed at the owner's objects wherever an operation takes an id); the owner acts in a fresh
//! world of their own. A forbidden object must answer exactly like a missing one.

mod cases;
mod cases_together;
pub mod world;

use std::collections::{BTreeMap, BTreeSet};

use reqwest::StatusCode;
use serde_json::{json, Value};
use tend_store::Backend;

use self::cases::{cases, program_cases, Case};
use self::cases_together::{ritual_cases, support_cases};
pub use self::world::{agreement, checkup_answers, days_ahead, pulse_answers, safety_answers, tomorrow_evening};
use self::world::{world, World};
use crate::helpers::{Person, TestApp, PASSWORD};

on_both_backends!(every_operation_is_allowed_only_to_whom_it_belongs);

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
        "shareJournalEntry" | "deleteJournalEntry" | "importMyData" => {
            let (_, journal) = app.get(&w.ana, "/api/v1/journal").await;
            assert_eq!(journal["mine"][0]["id"], w.ana_journal_id.as_str(), "Ana's entry survives");
            assert_eq!(journal["mine"][0]["shared"], false, "and stays private");
        }
        "cancelCapsule" | "openCapsule" => {
            let (_, capsules) = app.get(&w.ana, "/api/v1/capsules").await;
            assert_eq!(capsules[0]["state"], "sealed", "Ana's capsule stays sealed");
        }
        "shareTouchNote" => {
            let (_, touch) = app.get(&w.ben, "/api/v1/touch").await;
            assert_eq!(touch["shared_with_me"], json!([]), "nobody shares Ana's note for her");
        }
        "logExperimentDay" | "reflectExperiment" => {
            let (_, experiments) = app.get(&w.ana, "/api/v1/experiments").await;
            assert_eq!(experiments["mine"][0]["days"], json!([]), "nobody else checks Ana's days");
            assert!(experiments["mine"][0]["reflection"].is_null());
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
        "getMe" | "updateMe" => {
            assert!(body["email"].as_str().unwrap().ends_with(&person.unwrap().email))
        }
        "exportMyData" => assert_eq!(body["person"]["email"].as_str(), Some(person.unwrap().email.as_str())),
        // Ana made the couple space and signed in twice; only her own log says so.
        "listSecurityLog" if who == Who::Owner => {
            let kinds: Vec<&str> = body.as_array().unwrap().iter().filter_map(|e| e["kind"].as_str()).collect();
            assert!(kinds.contains(&"couple_created"), "{kinds:?}");
            assert!(kinds.iter().filter(|k| k.starts_with("signed_in")).count() >= 2, "{kinds:?}");
        }
        "listSecurityLog" => {
            assert!(
                !body.to_string().contains("couple_created") || who == Who::Stranger,
                "{who:?} sees only their own log"
            );
        }
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
        "getGroundRules" if who == Who::Stranger => {
            assert!(!body.to_string().contains("We let each other finish."), "another couple's rules stay theirs")
        }
        "getSafetyCheck" if who != Who::Owner => assert_eq!(body["taken"], false, "{who:?} sees only their own check"),
        "listPulses" if who != Who::Owner => {
            assert_eq!(body, &json!([]), "{who:?} sees no one else's pulse")
        }
        "getToday" if who == Who::Stranger => assert_eq!(body["partner"], "Dan"),
        // Private and sealed things never show, to anyone but (for the journal) their author.
        "listJournal" | "listCapsules" | "listExperiments" | "getRitualDay" | "getMomentum" | "getWeeklyCheck"
            if who != Who::Owner =>
        {
            let text = body.to_string();
            assert!(!text.contains("canary-journal"), "{who:?} never reads Ana's private journal");
            assert!(!text.contains("canary-capsule"), "{who:?} never reads a sealed capsule");
            assert!(!text.contains("canary-ritual"), "{who:?} never reads Ana's answer before answering");
            assert!(!text.contains(&w.ana_experiment_id), "{who:?} never sees Ana's experiment");
        }
        "getSituation" | "getTouch" | "getHelpSignals" if who != Who::Owner => {
            let text = body.to_string();
            assert!(
                !text.contains("canary-clarity") && !text.contains("canary-touch"),
                "{who:?} reads nothing of Ana's"
            );
            if case.op == "getSituation" {
                assert_eq!(body["partner_low_capacity"], false, "untold, Ana's low capacity stays hers");
                assert!(body["situation"].is_null(), "{who:?} has their own situation only");
            }
        }
        "listCapsules" => assert!(!body.to_string().contains("canary-capsule"), "not even its author reads it sealed"),
        "getCouple" => {
            let same = body["id"].as_str() == Some(w.ana_couple_id.as_str());
            assert_eq!(same, matches!(who, Who::Partner | Who::Owner), "{who:?} sees only their own couple");
        }
        _ => {}
    }
}

async fn every_operation_is_allowed_only_to_whom_it_belongs(backend: Backend) {
    let template = TestApp::spawn(backend).await;
    let cases: Vec<Case> =
        cases().into_iter().chain(program_cases()).chain(ritual_cases()).chain(support_cases()).collect();
    // Each documented operation with the statuses the document says it may answer.
    let statuses: BTreeMap<String, BTreeSet<String>> = {
        let doc: Value =
            template.api.get(template.url("/api/openapi.json")).send().await.unwrap().json().await.unwrap();
        doc["paths"]
            .as_object()
            .unwrap()
            .values()
            .flat_map(|item| item.as_object().unwrap().values())
            .filter_map(|op| {
                let answers = op["responses"].as_object()?.keys().cloned().collect();
                Some((op["operationId"].as_str()?.to_owned(), answers))
            })
            .collect()
    };
    let documented: BTreeSet<String> = statuses.keys().cloned().collect();
    let tested: BTreeSet<String> = cases.iter().map(|c| c.op.to_owned()).collect();
    assert_eq!(documented, tested, "every documented operation is in the matrix");
    // Whatever an operation answers anyone, its document says it may.
    let undocumented = |op: &str, status: u16| !statuses[op].contains(&status.to_string());

    // The world is built once; every case and every owner's call gets a fresh copy of its
    // database, so nothing carries over between cases.
    let shared = world(&template).await;
    template.close().await;
    let mut unexpected = Vec::new();
    for case in &cases {
        let app = template.copy().await;
        for (who, expected) in NON_OWNERS.iter().zip(case.expect) {
            let person = shared.person(*who, case.owner_is_fay);
            let res = app.call(person, case.method, &(case.path)(&shared), (case.body)(&shared, person)).await;
            let status = res.status().as_u16();
            let body: Value = res.json().await.unwrap_or(Value::Null);
            if status != expected {
                unexpected.push(format!("{} as {who:?}: {status}, expected {expected}: {body}", case.op));
            }
            if undocumented(case.op, status) {
                unexpected.push(format!("{} as {who:?}: {status} is not in the OpenAPI document", case.op));
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
        app.close().await;

        let app = template.copy().await;
        let person = shared.person(Who::Owner, case.owner_is_fay);
        let res = app.call(person, case.method, &(case.path)(&shared), (case.body)(&shared, person)).await;
        let status = res.status().as_u16();
        let body: Value = res.json().await.unwrap_or(Value::Null);
        if status != case.expect[4] {
            unexpected.push(format!("{} as Owner: {status}, expected {}: {body}", case.op, case.expect[4]));
        }
        if undocumented(case.op, status) {
            unexpected.push(format!("{} as Owner: {status} is not in the OpenAPI document", case.op));
        }
        check_body(&shared, case, Who::Owner, person, status, &body);
        app.close().await;
    }
    assert!(unexpected.is_empty(), "unexpected outcomes:\n{}", unexpected.join("\n"));
}
