//! The matrix's rows for rituals, what couples keep together, help, situations, the guides,
//! reminders, the free course and the calendar feed (the accounts, couple and program rows are in
//! `cases.rs`).

use serde_json::{json, Value};

use super::cases::Case;
use super::world::{days_ahead, World};
use crate::helpers::Person;

/// Rituals and what a couple keeps together: Ana answered today's morning ritual, started the
/// timer and a weekly check, planned a joy moment, and keeps a private journal entry, a sealed
/// capsule and an own-your-part experiment. Eve has no couple space; Cat and Dan are a couple.
#[rustfmt::skip]
pub fn ritual_cases() -> Vec<Case> {
    let none: fn(&World, Option<&Person>) -> Option<Value> = |_, _| None;
    let empty: fn(&World, Option<&Person>) -> Option<Value> = |_, _| Some(json!({}));
    let case = |op, method, path: fn(&World) -> String, missing_path, body, expect| Case { op, method, path, missing_path, body, owner_is_fay: false, expect };
    vec![
        case("getRitualSchedule", "GET", |_| "/api/v1/rituals/schedule".into(), None, none, [401, 404, 200, 200, 200]),
        case("setRitualSchedule", "PUT", |_| "/api/v1/rituals/schedule".into(), None,
            |_, _| Some(json!({"rituals": [{"kind": "morning", "enabled": true, "days": ["mon", "thu"], "time": "07:30"}]})),
            [401, 404, 200, 200, 200]),
        case("getRitualDay", "GET", |_| "/api/v1/rituals/day".into(), None, none, [401, 404, 200, 200, 200]),
        case("answerRitual", "POST", |_| "/api/v1/rituals/evening/answer".into(), None,
            |_, _| Some(json!({"text": "The walk home."})), [401, 404, 200, 200, 200]),
        case("getTimer", "GET", |_| "/api/v1/timer".into(), None, none, [401, 404, 404, 200, 200]),
        case("startTimer", "POST", |_| "/api/v1/timer".into(), None, empty, [401, 404, 201, 201, 201]),
        case("joinTimer", "POST", |_| "/api/v1/timer/join".into(), None, none, [401, 404, 404, 200, 200]),
        case("stopTimer", "POST", |_| "/api/v1/timer/stop".into(), None, none, [401, 404, 404, 200, 200]),
        case("startWeeklyCheck", "POST", |_| "/api/v1/weekly-checks".into(), None, none, [401, 404, 201, 201, 201]),
        case("listWeeklyChecks", "GET", |_| "/api/v1/weekly-checks".into(), None, none, [401, 404, 200, 200, 200]),
        case("getWeeklyCheck", "GET", |w| format!("/api/v1/weekly-checks/{}", w.ana_check_id),
            Some("/api/v1/weekly-checks/00000000000000000000000000000000"), none, [401, 404, 404, 200, 200]),
        case("moveWeeklyCheck", "POST", |w| format!("/api/v1/weekly-checks/{}/move", w.ana_check_id),
            Some("/api/v1/weekly-checks/00000000000000000000000000000000/move"), |_, _| Some(json!({"version": 1, "to": "next"})),
            [401, 404, 404, 200, 200]),
        case("addWeeklyCheckNote", "POST", |w| format!("/api/v1/weekly-checks/{}/notes", w.ana_check_id),
            Some("/api/v1/weekly-checks/00000000000000000000000000000000/notes"), |_, _| Some(json!({"section": "needs", "text": "More sleep."})),
            [401, 404, 404, 200, 200]),
        case("listJournal", "GET", |_| "/api/v1/journal".into(), None, none, [401, 200, 200, 200, 200]),
        case("addJournalEntry", "POST", |_| "/api/v1/journal".into(), None,
            |_, _| Some(json!({"text": "Thanks for the coffee."})), [401, 201, 201, 201, 201]),
        case("shareJournalEntry", "POST", |w| format!("/api/v1/journal/{}/share", w.ana_journal_id),
            Some("/api/v1/journal/00000000000000000000000000000000/share"), empty, [401, 404, 404, 404, 200]),
        case("deleteJournalEntry", "DELETE", |w| format!("/api/v1/journal/{}", w.ana_journal_id),
            Some("/api/v1/journal/00000000000000000000000000000000"), none, [401, 404, 404, 404, 204]),
        case("listSharedJoy", "GET", |_| "/api/v1/joy".into(), None, none, [401, 404, 200, 200, 200]),
        case("planSharedJoy", "POST", |_| "/api/v1/joy".into(), None,
            |_, _| Some(json!({"idea": "A walk by the river", "on": days_ahead(2)})), [401, 404, 201, 201, 201]),
        case("completeSharedJoy", "POST", |w| format!("/api/v1/joy/{}/done", w.ana_joy_id),
            Some("/api/v1/joy/00000000000000000000000000000000/done"), |_, _| Some(json!({"enjoyed": "Laughing at the burnt rice."})),
            [401, 404, 404, 200, 200]),
        case("cancelSharedJoy", "DELETE", |w| format!("/api/v1/joy/{}", w.ana_joy_id),
            Some("/api/v1/joy/00000000000000000000000000000000"), none, [401, 404, 404, 204, 204]),
        case("listCapsules", "GET", |_| "/api/v1/capsules".into(), None, none, [401, 404, 200, 200, 200]),
        case("createCapsule", "POST", |_| "/api/v1/capsules".into(), None,
            |_, _| Some(json!({"needs": "More evenings at home."})), [401, 404, 201, 201, 201]),
        case("cancelCapsule", "POST", |w| format!("/api/v1/capsules/{}/cancel", w.ana_capsule_id),
            Some("/api/v1/capsules/00000000000000000000000000000000/cancel"), none, [401, 404, 404, 404, 204]),
        // Sealed until its day, for everyone.
        case("openCapsule", "POST", |w| format!("/api/v1/capsules/{}/open", w.ana_capsule_id),
            Some("/api/v1/capsules/00000000000000000000000000000000/open"), empty, [401, 404, 404, 409, 409]),
        case("listExperiments", "GET", |_| "/api/v1/experiments".into(), None, none, [401, 404, 200, 200, 200]),
        // One experiment at a time: Ana's is running.
        case("startExperiment", "POST", |_| "/api/v1/experiments".into(), None,
            |_, _| Some(json!({"behaviour": "More eye contact"})), [401, 404, 201, 201, 409]),
        case("logExperimentDay", "POST", |w| format!("/api/v1/experiments/{}/days", w.ana_experiment_id),
            Some("/api/v1/experiments/00000000000000000000000000000000/days"), |_, _| Some(json!({"kept": true})),
            [401, 404, 404, 404, 200]),
        // The reflection waits for the end of the two weeks.
        case("reflectExperiment", "POST", |w| format!("/api/v1/experiments/{}/reflection", w.ana_experiment_id),
            Some("/api/v1/experiments/00000000000000000000000000000000/reflection"), |_, _| Some(json!({"reflection": "Calmer.", "share": true})),
            [401, 404, 404, 404, 409]),
        case("logWin", "POST", |_| "/api/v1/wins".into(), None, |_, _| Some(json!({"text": "A shared laugh"})), [401, 404, 201, 201, 201]),
        case("getMomentum", "GET", |_| "/api/v1/momentum".into(), None, none, [401, 404, 200, 200, 200]),
    ]
}

/// Help, situations, closeness and the guides. Each person's help page and situation are their
/// own; the guides are open to everyone.
#[rustfmt::skip]
pub fn support_cases() -> Vec<Case> {
    let none: fn(&World, Option<&Person>) -> Option<Value> = |_, _| None;
    let case = |op, method, path: fn(&World) -> String, missing_path, body, expect| Case { op, method, path, missing_path, body, owner_is_fay: false, expect };
    vec![
        case("getHelpSignals", "GET", |_| "/api/v1/help".into(), None, none, [401, 200, 200, 200, 200]),
        case("setHelpSignals", "PUT", |_| "/api/v1/help/reported".into(), None,
            |_, _| Some(json!({"reported": ["stonewalling"]})), [401, 200, 200, 200, 200]),
        case("getSituation", "GET", |_| "/api/v1/situation".into(), None, none, [401, 200, 200, 200, 200]),
        case("setSituation", "PUT", |_| "/api/v1/situation".into(), None,
            |_, _| Some(json!({"situation": "unsure"})), [401, 200, 200, 200, 200]),
        case("addClarityNote", "POST", |_| "/api/v1/situation/clarity".into(), None,
            |_, _| Some(json!({"prompt": tend_core::content::Content::embedded().support.situations.unsure.questions[1], "text": "Maybe."})),
            [401, 201, 201, 201, 201]),
        case("getTouch", "GET", |_| "/api/v1/touch".into(), None, none, [401, 200, 200, 200, 200]),
        case("addTouchNote", "POST", |_| "/api/v1/touch/notes".into(), None,
            |_, _| Some(json!({"prompt": tend_core::content::Content::embedded().support.touch.prompts[1], "text": "Hugs in the kitchen."})),
            [401, 201, 201, 201, 201]),
        case("shareTouchNote", "POST", |w| format!("/api/v1/touch/notes/{}/share", w.ana_touch_note_id),
            Some("/api/v1/touch/notes/00000000000000000000000000000000/share"), none, [401, 404, 404, 404, 200]),
        case("listGuides", "GET", |_| "/api/v1/guides".into(), None, none, [200, 200, 200, 200, 200]),
        case("getGuide", "GET", |_| "/api/v1/guides/faq".into(), None, none, [200, 200, 200, 200, 200]),
        case("searchGuides", "GET", |_| "/api/v1/guides/search?q=therapist".into(), None, none, [200, 200, 200, 200, 200]),
        case("listHelpLines", "GET", |_| "/api/v1/help-lines?country=DE".into(), None, none, [200, 200, 200, 200, 200]),
        case("getReminderSettings", "GET", |_| "/api/v1/reminders".into(), None, none, [401, 200, 200, 200, 200]),
        case("updateReminderSettings", "PUT", |_| "/api/v1/reminders".into(), None,
            |_, _| Some(json!({"kinds": ["rituals"], "digest": true, "quiet_start": "22:00", "quiet_end": "07:30"})),
            [401, 200, 200, 200, 200]),
        // The free course needs no account; a made-up token confirms or stops nothing.
        case("subscribeGuidance", "POST", |_| "/api/v1/guidance".into(), None,
            |_, who| Some(json!({"email": who.map_or("anyone@example.org".to_owned(), |p| p.email.clone())})),
            [202, 202, 202, 202, 202]),
        case("confirmGuidance", "POST", |_| "/api/v1/guidance/confirm".into(), None,
            |_, _| Some(json!({"token": "not-a-real-token"})), [404, 404, 404, 404, 404]),
        case("unsubscribeGuidance", "POST", |_| "/api/v1/guidance/unsubscribe".into(), None,
            |_, _| Some(json!({"token": "not-a-real-token"})), [404, 404, 404, 404, 404]),
        // A way back in needs no account either; a made-up link resets and moves nothing.
        case("requestPasswordReset", "POST", |_| "/api/v1/password-reset-links".into(), None,
            |_, who| Some(json!({"email": who.map_or("anyone@example.org".to_owned(), |p| p.email.clone())})),
            [202, 202, 202, 202, 202]),
        case("resetPassword", "POST", |_| "/api/v1/password-resets".into(), None,
            |_, _| Some(json!({"token": "not-a-real-token", "new_password": "a long new password"})),
            [404, 404, 404, 404, 404]),
        case("confirmEmailChange", "POST", |_| "/api/v1/email-changes".into(), None,
            |_, _| Some(json!({"token": "not-a-real-token"})), [404, 404, 404, 404, 404]),
        // Notifications belong to the session asking; nobody reaches another's devices.
        case("getPushStatus", "GET", |_| "/api/v1/push".into(), None, none, [401, 200, 200, 200, 200]),
        case("subscribePush", "PUT", |_| "/api/v1/push/subscription".into(), None,
            |_, _| Some(json!({"endpoint": "https://push.example.org/device",
                "keys": {"p256dh": "BGsX0fLhLEJH-Lzm5WOkQPJ3A32BLeszoPShOUXYmMKWT-NC4v4af5uO5-tKfA-eFivOM1drMV7Oy7ZAaDe_UfU", "auth": "AAAAAAAAAAAAAAAAAAAAAA"}})),
            [401, 204, 204, 204, 204]),
        case("unsubscribePush", "DELETE", |_| "/api/v1/push/subscription".into(), None, none,
            [401, 204, 204, 204, 204]),
        case("getCalendarFeedUrl", "GET", |_| "/api/v1/calendar".into(), None, none, [401, 200, 200, 200, 200]),
        case("rotateCalendarFeed", "POST", |_| "/api/v1/calendar/rotate".into(), None, none, [401, 200, 200, 200, 200]),
    ]
}
