//! The storage contract for sealed words: a person's data key kept only wrapped, replaced with
//! the password, held by each session, gone with the account; and private notes that come back
//! sealed exactly as they went in; and the couple's key, made once and held by each member.
//! SQLite and PostgreSQL alike.

use tend_core::ids::{CoupleId, PersonId};
use tend_core::sealing::{CoupleKeyWrap, DataKey, StoredWords, WrapKey};
use tend_store::*;

use super::{keys, paired, person, session, store, t, wrapped};

stories!(
    a_persons_keys_are_kept_replaced_with_the_password_and_go_with_the_account,
    a_reset_without_the_code_keeps_the_old_keys_recovery_wrap,
    a_session_holds_its_wrap_of_the_data_key,
    sealed_notes_come_back_sealed_and_notes_as_written_can_be_sealed_later,
    the_first_key_made_stays_and_a_recovery_wrap_is_added_only_where_there_is_none,
    an_old_password_hash_is_upgraded_once_with_its_key,
    a_couples_key_is_made_once_and_held_by_members_only,
);

async fn a_couples_key_is_made_once_and_held_by_members_only(backend: Backend) {
    let s = store(backend).await;
    paired(&s).await;
    person(&s, "cat").await;
    for who in ["ana", "ben", "cat"] {
        s.create_person_keys(&PersonId::from(who), &keys(who)).await.unwrap();
    }
    let holders = s.couple_key_holders(&CoupleId::from("c1")).await.unwrap();
    assert_eq!(holders.key_id, None, "none until a member makes it");
    let ids: Vec<_> = holders.members.iter().map(|m| m.person_id.as_str()).collect();
    assert_eq!(ids, ["ana", "ben"], "the members, in the order they joined");
    assert!(holders.members.iter().all(|m| m.public_key.is_none() && m.wrap.is_none()));

    let (ana_key, ben_key, couple) = (DataKey::generate(), DataKey::generate(), DataKey::generate());
    s.set_public_key(&PersonId::from("ben"), &ben_key.public_key()).await.unwrap();
    let for_ana = CoupleKeyWrap::Wrapped(ana_key.wrap("c", &couple));
    let for_ben = CoupleKeyWrap::Boxed(ben_key.public_key().boxed("c", &couple));
    assert!(s
        .make_couple_key(
            &CoupleId::from("c1"),
            "key-1",
            &[(&PersonId::from("ana"), &for_ana), (&PersonId::from("ben"), &for_ben)]
        )
        .await
        .unwrap());
    let other = CoupleKeyWrap::Wrapped(ana_key.wrap("c", &DataKey::generate()));
    assert!(
        !s.make_couple_key(&CoupleId::from("c1"), "key-2", &[(&PersonId::from("ana"), &other)]).await.unwrap(),
        "made once; the first stays"
    );
    let holders = s.couple_key_holders(&CoupleId::from("c1")).await.unwrap();
    assert_eq!(holders.key_id.as_deref(), Some("key-1"));
    assert_eq!(holders.members[0].wrap.as_ref(), Some(&for_ana));
    assert_eq!(holders.members[1].wrap.as_ref(), Some(&for_ben));
    assert_eq!(holders.members[1].public_key, Some(ben_key.public_key()));

    // Ben opens his box and keeps the key under his own; a hand-over doesn't replace it.
    let kept = CoupleKeyWrap::Wrapped(ben_key.wrap("c", &couple));
    assert!(
        !s.hold_couple_key(&CoupleId::from("c1"), "key-2", &PersonId::from("ben"), &kept, true).await.unwrap(),
        "not the couple's key"
    );
    assert!(s.hold_couple_key(&CoupleId::from("c1"), "key-1", &PersonId::from("ben"), &kept, true).await.unwrap());
    assert!(
        !s.hold_couple_key(&CoupleId::from("c1"), "key-1", &PersonId::from("ben"), &for_ben, false).await.unwrap(),
        "he holds one"
    );
    assert!(
        !s.hold_couple_key(&CoupleId::from("c1"), "key-1", &PersonId::from("cat"), &for_ben, false).await.unwrap(),
        "not a member"
    );
    let holders = s.couple_key_holders(&CoupleId::from("c1")).await.unwrap();
    assert_eq!(holders.members[1].wrap.as_ref(), Some(&kept));
    let opened = holders.members[1].wrap.as_ref().unwrap().open(&ben_key, "c").unwrap();
    assert_eq!(opened.open("w", &couple.seal("w", "ours")).unwrap(), "ours");

    s.drop_couple_key(&CoupleId::from("c1"), &PersonId::from("ben")).await.unwrap();
    assert_eq!(s.couple_key_holders(&CoupleId::from("c1")).await.unwrap().members[1].wrap, None);
    assert!(
        s.hold_couple_key(&CoupleId::from("c1"), "key-1", &PersonId::from("ben"), &for_ben, false).await.unwrap(),
        "handed over again"
    );
    assert!(s.leave_couple(&PersonId::from("ana"), t(9)).await.unwrap());
    assert!(
        s.couple_key_holders(&CoupleId::from("c1")).await.unwrap().members.is_empty(),
        "a closed space has no members"
    );
}

async fn the_first_key_made_stays_and_a_recovery_wrap_is_added_only_where_there_is_none(backend: Backend) {
    let s = store(backend).await;
    person(&s, "ana").await;
    let first = PersonKeys { by_password: wrapped("first"), by_recovery: None };
    assert!(s.create_person_keys(&PersonId::from("ana"), &first).await.unwrap());
    assert!(
        !s.create_person_keys(&PersonId::from("ana"), &keys("second")).await.unwrap(),
        "a sign-in beside it made one first"
    );
    assert_eq!(s.person_keys(&PersonId::from("ana")).await.unwrap(), Some(first.clone()), "the first stays");
    let code = wrapped("code");
    assert!(s.add_recovery_wrap(&PersonId::from("ana"), &code).await.unwrap());
    assert!(!s.add_recovery_wrap(&PersonId::from("ana"), &wrapped("other code")).await.unwrap(), "one code at a time");
    assert_eq!(s.person_keys(&PersonId::from("ana")).await.unwrap().unwrap().by_recovery, Some(code));
}

async fn an_old_password_hash_is_upgraded_once_with_its_key(backend: Backend) {
    let s = store(backend).await;
    person(&s, "ana").await; // its stored hash is "hash"
    assert!(!s.upgrade_password_hash(&PersonId::from("ana"), "not the stored one", "keyed", &keys("k")).await.unwrap());
    assert_eq!(s.person_keys(&PersonId::from("ana")).await.unwrap(), None, "nothing changed");
    let upgraded = keys("k");
    assert!(s.upgrade_password_hash(&PersonId::from("ana"), "hash", "keyed", &upgraded).await.unwrap());
    assert_eq!(s.credentials_by_id(&PersonId::from("ana")).await.unwrap().unwrap().password_hash, "keyed");
    assert_eq!(s.person_keys(&PersonId::from("ana")).await.unwrap(), Some(upgraded), "the key comes with the hash");
    assert!(
        !s.upgrade_password_hash(&PersonId::from("ana"), "hash", "keyed twice", &keys("j")).await.unwrap(),
        "once only"
    );
    assert_eq!(s.credentials_by_id(&PersonId::from("ana")).await.unwrap().unwrap().password_hash, "keyed");
}

async fn a_persons_keys_are_kept_replaced_with_the_password_and_go_with_the_account(backend: Backend) {
    let s = store(backend).await;
    person(&s, "ana").await;
    person(&s, "ben").await;
    assert_eq!(s.person_keys(&PersonId::from("ana")).await.unwrap(), None, "none until the first sign-in makes them");
    let first = keys("one");
    assert!(s.create_person_keys(&PersonId::from("ana"), &first).await.unwrap());
    assert_eq!(s.person_keys(&PersonId::from("ana")).await.unwrap(), Some(first.clone()));

    // A new recovery code changes its wrap alone; a new password, its own alone.
    let code = wrapped("code");
    assert!(s.set_recovery_wrap(&PersonId::from("ana"), &code).await.unwrap());
    let by_password = wrapped("two");
    s.change_password(&PersonId::from("ana"), "new-hash", &by_password, None).await.unwrap();
    let now = PersonKeys { by_password: by_password.clone(), by_recovery: Some(code.clone()) };
    assert_eq!(
        s.person_keys(&PersonId::from("ana")).await.unwrap(),
        Some(now),
        "the password and its wrap change together"
    );
    assert!(
        !s.set_recovery_wrap(&PersonId::from("ben"), &wrapped("x")).await.unwrap(),
        "nobody without a key gets a code"
    );
    assert_eq!(s.person_keys(&PersonId::from("ben")).await.unwrap(), None, "nobody else's keys change");

    s.delete_person(&PersonId::from("ana"), t(5)).await.unwrap();
    assert_eq!(s.person_keys(&PersonId::from("ana")).await.unwrap(), None, "the keys go with the account");
}

async fn a_reset_without_the_code_keeps_the_old_keys_recovery_wrap(backend: Backend) {
    let s = store(backend).await;
    person(&s, "ana").await;
    let first = keys("one");
    assert!(s.create_person_keys(&PersonId::from("ana"), &first).await.unwrap());
    let link = AccountLink {
        hash: "r1".into(),
        person_id: "ana".into(),
        purpose: LinkPurpose::PasswordReset,
        new_email: None,
        created_at: t(0),
        expires_at: t(3_600),
    };
    s.create_account_link(&link, None).await.unwrap();
    let fresh = PersonKeys { by_password: wrapped("new"), by_recovery: None };
    assert!(s.use_password_reset("r1", "new-hash", &fresh, t(1)).await.unwrap().is_some());
    assert_eq!(s.person_keys(&PersonId::from("ana")).await.unwrap(), Some(fresh));
    assert_eq!(
        s.earlier_recovery_wrap(&PersonId::from("ana")).await.unwrap(),
        first.by_recovery,
        "the old key can still come back"
    );
}

async fn a_session_holds_its_wrap_of_the_data_key(backend: Backend) {
    let s = store(backend).await;
    person(&s, "ana").await;
    let data = DataKey::generate();
    let wrap = WrapKey::from_session_token("the-token").wrap("session:s1", &data);
    s.create_session(&NewSession {
        id: "s1".into(),
        person_id: "ana".into(),
        token_hash: "th".into(),
        device: "Firefox on Linux".into(),
        created_at: t(0),
        data_key: wrap.clone(),
    })
    .await
    .unwrap();
    let (session, _) = s.session_by_token_hash("th").await.unwrap().unwrap();
    let back = session.data_key.expect("the wrap comes back with the session");
    let opened = WrapKey::from_session_token("the-token").unwrap("session:s1", &back).unwrap();
    let sealed = data.seal("c", "it is the same key");
    assert_eq!(opened.open("c", &sealed).unwrap(), "it is the same key");
    session_listing_holds_no_wrap(&s).await;
}

async fn session_listing_holds_no_wrap(s: &SqlStore) {
    session(s, "s2", "ana").await;
    assert!(s.list_sessions(&PersonId::from("ana")).await.unwrap().iter().all(|x| x.data_key.is_none()));
}

async fn sealed_notes_come_back_sealed_and_notes_as_written_can_be_sealed_later(backend: Backend) {
    let s = store(backend).await;
    person(&s, "ana").await;
    person(&s, "ben").await;
    let key = DataKey::generate();
    let note = |id: &str, person: &str, text: StoredWords| PrivateNote {
        id: id.into(),
        person_id: person.into(),
        kind: "clarity".into(),
        prompt: "What do I want?".into(),
        words: tend_core::sealing::SharedWords { own: text, partners: None },
        created_at: t(1),
        shared_couple_id: None,
        shared_at: None,
    };
    s.add_private_note(&note("n1", "ana", StoredWords::Sealed(key.seal("private-note", "sealed words"))))
        .await
        .unwrap();
    s.add_private_note(&note("n2", "ana", StoredWords::Plain("written before".into()))).await.unwrap();
    s.add_private_note(&note("n3", "ben", StoredWords::Plain("ben's own".into()))).await.unwrap();

    let read = |notes: Vec<PrivateNote>, id: &str| notes.into_iter().find(|n| n.id == id).unwrap().words.own;
    let notes = s.private_notes(&PersonId::from("ana"), "clarity").await.unwrap();
    assert_eq!(read(notes.clone(), "n1").read(&key, "private-note").unwrap(), "sealed words");
    assert_eq!(read(notes, "n2"), StoredWords::Plain("written before".into()));

    // Sealing later touches only the person's own notes still as written.
    let later = key.seal("private-note", "written before");
    s.seal_private_notes(&PersonId::from("ana"), &[("n2".into(), later.clone()), ("n3".into(), later.clone())])
        .await
        .unwrap();
    let notes = s.private_notes(&PersonId::from("ana"), "clarity").await.unwrap();
    assert_eq!(read(notes, "n2"), StoredWords::Sealed(later));
    let bens = s.private_notes(&PersonId::from("ben"), "clarity").await.unwrap();
    assert_eq!(read(bens, "n3"), StoredWords::Plain("ben's own".into()), "another person's note is untouched");
}
