//! The storage contract: the same stories, run on a fresh SQLite file and a fresh PostgreSQL
//! database. A backend passes when every story passes on it. Accounts, sessions, couples and
//! deletion are here; what couples keep together (rituals, capsules, the journal, the weekly
//! check, the timer) is in `together.rs`.

use jiff::{SignedDuration, Timestamp};
use tend_core::ids::{CoupleId, PersonId};
use tend_store::test_support::fresh_store;
use tend_store::*;

/// Runs each story once per backend, as `sqlite::name` and `postgres::name`.
macro_rules! stories {
    ($($name:ident),* $(,)?) => {
        mod sqlite { $( #[tokio::test] async fn $name() { super::$name(tend_store::Backend::Sqlite).await } )* }
        mod postgres { $( #[tokio::test] async fn $name() { super::$name(tend_store::Backend::Postgres).await } )* }
    };
}

mod account_links;
mod keys;
mod together;
mod upgrades;

stories!(
    an_email_has_at_most_one_account,
    changing_password_ends_every_other_session,
    a_person_belongs_to_at_most_one_couple,
    an_invite_is_single_use_and_expires,
    a_revoked_invite_cannot_be_used_and_only_members_can_revoke,
    leaving_closes_the_space_for_both_and_leaves_a_neutral_notice,
    deleting_an_account_erases_the_person_and_closes_their_couple,
    sessions_are_listed_and_ended_only_by_their_owner,
    failures_are_counted_per_scope_and_subject_within_the_window,
    known_devices_are_remembered_per_person,
    an_export_holds_what_the_person_wrote_and_deletion_erases_it_all,
);

pub fn t(secs: i64) -> Timestamp {
    Timestamp::from_second(1_800_000_000 + secs).unwrap()
}

pub async fn store(backend: Backend) -> SqlStore {
    fresh_store(backend).await.expect("a fresh store")
}

pub async fn person(store: &SqlStore, id: &str) {
    store
        .create_person(&NewPerson {
            id: id.into(),
            email: format!("{id}@example.org"),
            password_hash: "hash".into(),
            display_name: id.to_uppercase(),
            time_zone: "Europe/Berlin".into(),
            created_at: t(0),
        })
        .await
        .unwrap();
}

/// A fresh data key wrapped under a key derived from `secret`.
pub fn wrapped(secret: &str) -> tend_core::sealing::WrappedKey {
    use tend_core::sealing::{DataKey, WrapKey};
    WrapKey::from_session_token(secret).wrap("contract", &DataKey::generate())
}

/// A person's keys as a password change or reset would save them.
pub fn keys(secret: &str) -> PersonKeys {
    PersonKeys { by_password: wrapped(secret), by_recovery: Some(wrapped(&format!("{secret}-recovery"))) }
}

fn invite(id: &str, expires_in_secs: i64) -> NewInvite {
    NewInvite {
        id: id.into(),
        couple_key: None,
        token_hash: format!("token-{id}"),
        code_hash: format!("code-{id}"),
        created_at: t(0),
        expires_at: t(expires_in_secs),
    }
}

pub async fn paired(store: &SqlStore) {
    person(store, "ana").await;
    person(store, "ben").await;
    store.create_couple(&CoupleId::from("c1"), &PersonId::from("ana"), t(0)).await.unwrap();
    store.create_invite(&PersonId::from("ana"), &invite("i1", 600)).await.unwrap();
    store.join_couple(&PersonId::from("ben"), &InviteSecret::CodeHash("code-i1".into()), t(1)).await.unwrap();
}

pub async fn session(store: &SqlStore, id: &str, person: &str) {
    store
        .create_session(&NewSession {
            id: id.into(),
            person_id: person.into(),
            token_hash: format!("th-{id}"),
            device: "Firefox on Linux".into(),
            created_at: t(0),
            data_key: wrapped(id),
        })
        .await
        .unwrap();
}

async fn an_email_has_at_most_one_account(backend: Backend) {
    let s = store(backend).await;
    person(&s, "ana").await;
    let mut twin = NewPerson {
        id: "other".into(),
        email: "ana@example.org".into(),
        password_hash: "h".into(),
        display_name: "Twin".into(),
        time_zone: "UTC".into(),
        created_at: t(0),
    };
    assert!(matches!(s.create_person(&twin).await, Err(StoreError::EmailTaken)));
    twin.email = "twin@example.org".into();
    s.create_person(&twin).await.unwrap();
    assert_eq!(s.person(&PersonId::from("other")).await.unwrap().unwrap().email, "twin@example.org");
}

async fn changing_password_ends_every_other_session(backend: Backend) {
    let s = store(backend).await;
    person(&s, "ana").await;
    person(&s, "ben").await;
    for id in ["s1", "s2", "s3"] {
        session(&s, id, "ana").await;
    }
    session(&s, "b1", "ben").await;
    s.change_password(&PersonId::from("ana"), "new-hash", &keys("new").by_password, Some("s2")).await.unwrap();
    let left: Vec<_> = s.list_sessions(&PersonId::from("ana")).await.unwrap().into_iter().map(|x| x.id).collect();
    assert_eq!(left, vec!["s2".to_string()]);
    assert_eq!(s.list_sessions(&PersonId::from("ben")).await.unwrap().len(), 1);
    assert_eq!(s.credentials_by_id(&PersonId::from("ana")).await.unwrap().unwrap().password_hash, "new-hash");
}

async fn a_person_belongs_to_at_most_one_couple(backend: Backend) {
    let s = store(backend).await;
    paired(&s).await;
    assert!(matches!(
        s.create_couple(&CoupleId::from("c2"), &PersonId::from("ana"), t(2)).await,
        Err(StoreError::AlreadyInCouple)
    ));
    let couple = s.couple_of(&PersonId::from("ben")).await.unwrap().unwrap();
    assert_eq!(couple.id, "c1");
    assert_eq!(couple.partner_of(&PersonId::from("ben")).unwrap().display_name, "ANA");
    assert!(matches!(s.create_invite(&PersonId::from("ana"), &invite("i2", 600)).await, Err(StoreError::CoupleFull)));
}

async fn an_invite_is_single_use_and_expires(backend: Backend) {
    let s = store(backend).await;
    for p in ["ana", "ben", "cat", "dan"] {
        person(&s, p).await;
    }
    s.create_couple(&CoupleId::from("c1"), &PersonId::from("ana"), t(0)).await.unwrap();
    let carried = wrapped("couple key");
    let carrying = NewInvite { couple_key: Some(carried.clone()), ..invite("i1", 600) };
    s.create_invite(&PersonId::from("ana"), &carrying).await.unwrap();
    assert!(s.invite_by_link("token-i1", t(599)).await.unwrap().is_some());
    assert!(s.invite_by_link("token-i1", t(600)).await.unwrap().is_none());
    let late = s.join_couple(&PersonId::from("ben"), &InviteSecret::LinkTokenHash("token-i1".into()), t(600)).await;
    assert!(matches!(late, Err(StoreError::InviteNotFound)));
    let joined =
        s.join_couple(&PersonId::from("ben"), &InviteSecret::LinkTokenHash("token-i1".into()), t(10)).await.unwrap();
    let expected = Joined { couple_id: "c1".into(), invite_id: "i1".into(), couple_key: Some(carried) };
    assert_eq!(joined, expected, "the joiner receives the key the invite carried");
    let again = s.join_couple(&PersonId::from("cat"), &InviteSecret::LinkTokenHash("token-i1".into()), t(11)).await;
    assert!(matches!(again, Err(StoreError::InviteNotFound)));
    assert!(s.couple_of(&PersonId::from("cat")).await.unwrap().is_none());
    assert!(matches!(s.create_invite(&PersonId::from("dan"), &invite("i9", 600)).await, Err(StoreError::NotInCouple)));
}

async fn a_revoked_invite_cannot_be_used_and_only_members_can_revoke(backend: Backend) {
    let s = store(backend).await;
    for p in ["ana", "ben", "cat"] {
        person(&s, p).await;
    }
    s.create_couple(&CoupleId::from("c1"), &PersonId::from("ana"), t(0)).await.unwrap();
    s.create_invite(&PersonId::from("ana"), &invite("i1", 600)).await.unwrap();
    assert!(!s.revoke_invite(&PersonId::from("cat"), "i1").await.unwrap());
    assert!(s.open_invite(&PersonId::from("ana"), t(1)).await.unwrap().is_some());
    assert!(s.revoke_invite(&PersonId::from("ana"), "i1").await.unwrap());
    assert!(s.open_invite(&PersonId::from("ana"), t(1)).await.unwrap().is_none());
    let join = s.join_couple(&PersonId::from("ben"), &InviteSecret::CodeHash("code-i1".into()), t(2)).await;
    assert!(matches!(join, Err(StoreError::InviteNotFound)));
}

async fn leaving_closes_the_space_for_both_and_leaves_a_neutral_notice(backend: Backend) {
    let s = store(backend).await;
    paired(&s).await;
    assert!(s.leave_couple(&PersonId::from("ben"), t(5)).await.unwrap());
    assert!(s.couple_of(&PersonId::from("ana")).await.unwrap().is_none());
    assert!(s.couple_of(&PersonId::from("ben")).await.unwrap().is_none());
    assert!(s.person(&PersonId::from("ana")).await.unwrap().unwrap().couple_closed_notice);
    assert!(!s.person(&PersonId::from("ben")).await.unwrap().unwrap().couple_closed_notice);
    assert!(!s.leave_couple(&PersonId::from("ben"), t(6)).await.unwrap());
    s.dismiss_couple_closed(&PersonId::from("ana")).await.unwrap();
    assert!(!s.person(&PersonId::from("ana")).await.unwrap().unwrap().couple_closed_notice);
    s.create_couple(&CoupleId::from("c2"), &PersonId::from("ana"), t(7)).await.unwrap();
}

async fn deleting_an_account_erases_the_person_and_closes_their_couple(backend: Backend) {
    let s = store(backend).await;
    paired(&s).await;
    session(&s, "a1", "ana").await;
    s.remember_device(&PersonId::from("ana"), "dev", t(0)).await.unwrap();
    s.delete_person(&PersonId::from("ana"), t(9)).await.unwrap();
    assert!(s.person(&PersonId::from("ana")).await.unwrap().is_none());
    assert!(s.credentials_by_email("ana@example.org").await.unwrap().is_none());
    assert!(s.session_by_token_hash("th-a1").await.unwrap().is_none());
    assert!(!s.is_known_device(&PersonId::from("ana"), "dev").await.unwrap());
    assert!(s.couple_of(&PersonId::from("ben")).await.unwrap().is_none());
    assert!(s.person(&PersonId::from("ben")).await.unwrap().unwrap().couple_closed_notice);
    assert!(s.export_person(&PersonId::from("ana")).await.unwrap().is_none());
}

async fn sessions_are_listed_and_ended_only_by_their_owner(backend: Backend) {
    let s = store(backend).await;
    person(&s, "ana").await;
    person(&s, "ben").await;
    session(&s, "a1", "ana").await;
    assert!(!s.delete_session(&PersonId::from("ben"), "a1").await.unwrap());
    assert!(s.session_by_token_hash("th-a1").await.unwrap().is_some());
    s.touch_session("a1", t(100)).await.unwrap();
    assert_eq!(s.list_sessions(&PersonId::from("ana")).await.unwrap()[0].last_used_at, t(100));
    assert!(s.delete_session(&PersonId::from("ana"), "a1").await.unwrap());
    assert!(s.session_by_token_hash("th-a1").await.unwrap().is_none());
}

async fn failures_are_counted_per_scope_and_subject_within_the_window(backend: Backend) {
    let s = store(backend).await;
    for i in 0..3 {
        s.record_failure("login-account", "x", t(i)).await.unwrap();
    }
    s.record_failure("login-client", "x", t(1)).await.unwrap();
    assert_eq!(s.count_failures("login-account", "x", t(0)).await.unwrap(), 3);
    assert_eq!(s.count_failures("login-account", "x", t(1)).await.unwrap(), 2);
    assert_eq!(s.count_failures("login-account", "y", t(0)).await.unwrap(), 0);
    let next_day = t(0) + SignedDuration::from_hours(25);
    s.record_failure("login-account", "x", next_day).await.unwrap();
    assert_eq!(s.count_failures("login-account", "x", t(-10)).await.unwrap(), 1);
}

async fn known_devices_are_remembered_per_person(backend: Backend) {
    let s = store(backend).await;
    person(&s, "ana").await;
    person(&s, "ben").await;
    s.remember_device(&PersonId::from("ana"), "dev", t(0)).await.unwrap();
    s.remember_device(&PersonId::from("ana"), "dev", t(1)).await.unwrap();
    assert!(s.is_known_device(&PersonId::from("ana"), "dev").await.unwrap());
    assert!(!s.is_known_device(&PersonId::from("ben"), "dev").await.unwrap());
}

async fn an_export_holds_what_the_person_wrote_and_deletion_erases_it_all(backend: Backend) {
    let s = store(backend).await;
    paired(&s).await;
    let checkup = CheckupRecord {
        id: "k1".into(),
        person_id: "ana".into(),
        answers: tend_core::sealing::SharedWords {
            own: tend_core::sealing::StoredWords::Plain(r#"{"signs-logistics":2}"#.into()),
            partners: None,
        },
        taken_at: t(1),
        shared_couple_id: Some("c1".into()),
        shared_answers: false,
    };
    s.insert_checkup(&checkup).await.unwrap();
    s.save_pulse(
        &PersonId::from("ana"),
        &PulseRecord {
            week: "2027-W01".into(),
            answers: tend_core::sealing::StoredWords::Plain(r#"{"closeness":4}"#.into()),
            taken_at: t(2),
        },
    )
    .await
    .unwrap();
    s.create_plan(&PlanRecord { couple_id: "c1".into(), schedule: "{}".into(), created_at: t(2) }).await.unwrap();
    s.mark_step(&CoupleId::from("c1"), 0, "w1-step", &PersonId::from("ana"), true, t(3)).await.unwrap();
    let agreement = AgreementRecord {
        id: "a1".into(),
        couple_id: "c1".into(),
        kind: "need".into(),
        words: tend_core::sealing::SharedWords {
            own: tend_core::sealing::StoredWords::Plain("We rest on Sundays.".into()),
            partners: None,
        },
        review_on: "2027-02-01".into(),
        proposed_by: "ana".into(),
        created_at: t(4),
        accepted_at: None,
    };
    s.create_agreement(&agreement).await.unwrap();

    let export = s.export_person(&PersonId::from("ana")).await.unwrap().unwrap();
    assert_eq!(export.checkups.len(), 1);
    assert!(export.checkups[0].shared);
    assert_eq!(export.pulses[0].week, "2027-W01");
    assert_eq!(
        export.agreements_proposed[0].text,
        tend_core::sealing::StoredWords::Plain("We rest on Sundays.".into())
    );
    assert_eq!(export.plan_steps_marked[0].step_id, "w1-step");
    assert!(
        s.export_person(&PersonId::from("ben")).await.unwrap().unwrap().checkups.is_empty(),
        "Ben's export has nothing of Ana's"
    );

    s.delete_person(&PersonId::from("ana"), t(9)).await.unwrap();
    assert!(s.checkup("k1").await.unwrap().is_none());
    assert!(s.list_pulses(&PersonId::from("ana")).await.unwrap().is_empty());
    assert!(s.step_marks(&CoupleId::from("c1"), 0).await.unwrap().is_empty());
    assert!(s.agreements(&CoupleId::from("c1")).await.unwrap().is_empty());
}
