//! The storage contract for account links (a password reset, an email change): kept as a hash,
//! used once, until they expire, on SQLite and PostgreSQL alike.

use jiff::Timestamp;
use tend_core::ids::PersonId;
use tend_store::*;

use super::{keys, person, session, store, t};

stories!(
    a_reset_link_works_once_before_it_expires_and_ends_every_session,
    reset_links_live_side_by_side_until_one_is_used_and_a_new_email_change_replaces_the_old,
    changing_the_password_ends_every_link,
    an_email_change_moves_the_account_and_tells_the_old_address,
    an_email_change_to_a_taken_address_changes_nothing,
    deleting_an_account_takes_its_links,
);

fn link(hash: &str, person: &str, purpose: LinkPurpose, new_email: Option<&str>) -> AccountLink {
    AccountLink {
        hash: hash.into(),
        person_id: person.into(),
        purpose,
        new_email: new_email.map(Into::into),
        created_at: t(0),
        expires_at: t(3_600),
    }
}

fn job(id: &str, to: &str) -> OutboxJob {
    OutboxJob {
        id: id.into(),
        person_id: None,
        subscriber_id: None,
        kind: "account".into(),
        to_address: to.into(),
        subject: "s".into(),
        text_body: "t".into(),
        html_body: "h".into(),
        unsubscribe_url: None,
        created_at: t(0),
        not_before: t(0),
        attempts: 0,
    }
}

async fn queued(s: &SqlStore) -> Vec<OutboxJob> {
    s.claim_due(t(10), 100, t(100)).await.unwrap()
}

async fn password_hash(s: &SqlStore, id: &str) -> String {
    s.credentials_by_id(&PersonId::from(id)).await.unwrap().unwrap().password_hash
}

async fn a_reset_link_works_once_before_it_expires_and_ends_every_session(backend: Backend) {
    let s = store(backend).await;
    person(&s, "ana").await;
    session(&s, "s1", "ana").await;
    session(&s, "s2", "ana").await;
    s.create_account_link(&link("r1", "ana", LinkPurpose::PasswordReset, None), Some(&job("m1", "ana@example.org")))
        .await
        .unwrap();
    assert_eq!(queued(&s).await.len(), 1, "the link's email is queued with it");
    assert!(s.account_link("r1", t(3_599)).await.unwrap().is_some());
    assert!(s.account_link("r1", t(3_600)).await.unwrap().is_none(), "expired at its hour");
    assert_eq!(
        s.use_password_reset("r1", "new", &keys("k"), t(3_600)).await.unwrap(),
        None,
        "an expired link does nothing"
    );
    assert_eq!(password_hash(&s, "ana").await, "hash");
    // An email-change secret is not a reset link.
    assert_eq!(s.use_email_change("r1", &job("m2", ""), t(1)).await.unwrap(), None);
    assert_eq!(s.use_password_reset("r1", "new", &keys("k"), t(1)).await.unwrap().as_deref(), Some("ana"));
    assert_eq!(password_hash(&s, "ana").await, "new");
    assert!(s.list_sessions(&PersonId::from("ana")).await.unwrap().is_empty(), "every session ended");
    assert_eq!(s.use_password_reset("r1", "again", &keys("k"), t(2)).await.unwrap(), None, "used once");
    assert_eq!(password_hash(&s, "ana").await, "new");
}

async fn reset_links_live_side_by_side_until_one_is_used_and_a_new_email_change_replaces_the_old(backend: Backend) {
    let s = store(backend).await;
    person(&s, "ana").await;
    s.create_account_link(&link("r1", "ana", LinkPurpose::PasswordReset, None), None).await.unwrap();
    s.create_account_link(&link("r2", "ana", LinkPurpose::PasswordReset, None), None).await.unwrap();
    s.create_account_link(&link("m1", "ana", LinkPurpose::EmailChange, Some("one@example.org")), None).await.unwrap();
    s.create_account_link(&link("m2", "ana", LinkPurpose::EmailChange, Some("two@example.org")), None).await.unwrap();
    assert!(s.account_link("r1", t(1)).await.unwrap().is_some(), "asking again spoils no link in the inbox");
    assert!(s.account_link("r2", t(1)).await.unwrap().is_some());
    assert!(s.account_link("m1", t(1)).await.unwrap().is_none(), "a new email change replaces the old");
    assert!(s.account_link("m2", t(1)).await.unwrap().is_some());
    // Using one link ends every other: an address change can't be undone by a link sent before.
    assert_eq!(s.use_password_reset("r2", "new", &keys("k"), t(1)).await.unwrap().as_deref(), Some("ana"));
    for other in ["r1", "m2"] {
        assert!(s.account_link(other, t(1)).await.unwrap().is_none(), "{other} ended with the reset");
    }
}

async fn changing_the_password_ends_every_link(backend: Backend) {
    let s = store(backend).await;
    person(&s, "ana").await;
    s.create_account_link(&link("r1", "ana", LinkPurpose::PasswordReset, None), None).await.unwrap();
    s.create_account_link(&link("m1", "ana", LinkPurpose::EmailChange, Some("x@example.org")), None).await.unwrap();
    s.change_password(&PersonId::from("ana"), "changed", &keys("k").by_password, None).await.unwrap();
    assert!(s.account_link("r1", t(1)).await.unwrap().is_none());
    assert!(s.account_link("m1", t(1)).await.unwrap().is_none());
}

async fn an_email_change_moves_the_account_and_tells_the_old_address(backend: Backend) {
    let s = store(backend).await;
    person(&s, "ana").await;
    s.create_account_link(&link("e1", "ana", LinkPurpose::EmailChange, Some("ana@new.example")), None).await.unwrap();
    assert_eq!(s.use_password_reset("e1", "x", &keys("k"), t(1)).await.unwrap(), None, "not a reset link");
    let moved = s.use_email_change("e1", &job("told", "filled-in-by-the-store"), t(1)).await.unwrap().unwrap();
    assert_eq!(
        moved,
        EmailMoved {
            person_id: "ana".into(),
            old_email: "ana@example.org".into(),
            new_email: "ana@new.example".into()
        }
    );
    assert_eq!(s.person(&PersonId::from("ana")).await.unwrap().unwrap().email, "ana@new.example");
    let told = queued(&s).await;
    assert_eq!(told.len(), 1);
    assert_eq!(told[0].to_address, "ana@example.org", "the notice goes to the old address");
    assert_eq!(s.use_email_change("e1", &job("again", ""), t(2)).await.unwrap(), None, "used once");
}

async fn an_email_change_to_a_taken_address_changes_nothing(backend: Backend) {
    let s = store(backend).await;
    person(&s, "ana").await;
    person(&s, "ben").await;
    s.create_account_link(&link("e1", "ben", LinkPurpose::EmailChange, Some("ana@example.org")), None).await.unwrap();
    assert!(matches!(s.use_email_change("e1", &job("told", ""), t(1)).await, Err(StoreError::EmailTaken)));
    assert_eq!(s.person(&PersonId::from("ben")).await.unwrap().unwrap().email, "ben@example.org");
    assert!(queued(&s).await.is_empty(), "no notice for a change that didn't happen");
    assert!(s.account_link("e1", t(1)).await.unwrap().is_some(), "the link is still there to try again");
}

async fn deleting_an_account_takes_its_links(backend: Backend) {
    let s = store(backend).await;
    person(&s, "ana").await;
    s.create_account_link(&link("r1", "ana", LinkPurpose::PasswordReset, None), None).await.unwrap();
    s.delete_person(&PersonId::from("ana"), Timestamp::now()).await.unwrap();
    assert!(s.account_link("r1", t(1)).await.unwrap().is_none());
    assert_eq!(s.use_password_reset("r1", "x", &keys("k"), t(1)).await.unwrap(), None);
}
