//! The deletion canary: a person writes unique words everywhere they can, has an email waiting in
//! the outbox (to a unique address) and a security log; they delete their account; the SQLite
//! database file (and its write-ahead log) is then searched byte by byte for the words and the
//! address. Nothing may be left — not in live rows, and not in freed pages (`secure_delete`
//! zeroes them).

use jiff::Timestamp;
use tend_core::ids::{CoupleId, PersonId};
use tend_store::test_support::fresh_options;
use tend_store::*;

const CANARY: &str = "canary-9f3e2d7c";

fn t(secs: i64) -> Timestamp {
    Timestamp::from_second(1_800_000_000 + secs).unwrap()
}

async fn person(store: &SqlStore, id: &str) {
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

#[tokio::test]
async fn deleting_an_account_leaves_no_trace_of_its_words_in_the_database_files() {
    let options = fresh_options(Backend::Sqlite).await.unwrap();
    let s = open(&options).await.unwrap();
    person(&s, "ana").await;
    person(&s, "ben").await;
    s.create_couple(&CoupleId::from("c1"), &PersonId::from("ana"), t(0)).await.unwrap();
    let invite = NewInvite {
        id: "i1".into(),
        couple_key: None,
        token_hash: "t".into(),
        code_hash: "c".into(),
        created_at: t(0),
        expires_at: t(600),
    };
    s.create_invite(&PersonId::from("ana"), &invite).await.unwrap();
    s.join_couple(&PersonId::from("ben"), &InviteSecret::CodeHash("c".into()), t(1)).await.unwrap();
    let text = |what: &str| format!("{CANARY} {what} {}", "x".repeat(200));
    s.add_journal_entry(&JournalEntry {
        id: "j1".into(),
        person_id: "ana".into(),
        words: tend_core::sealing::SharedWords {
            own: tend_core::sealing::StoredWords::Plain(text("journal")),
            partners: None,
        },
        created_at: t(2),
        shared_couple_id: None,
        shared_at: None,
        shared_in_check: None,
    })
    .await
    .unwrap();
    s.share_journal_entry(
        &PersonId::from("ana"),
        "j1",
        &CoupleId::from("c1"),
        None,
        &tend_core::sealing::StoredWords::Plain(text("journal")),
        t(3),
    )
    .await
    .unwrap();
    s.save_ritual_answer(&RitualAnswer {
        couple_id: "c1".into(),
        person_id: "ana".into(),
        kind: "morning".into(),
        day: "2027-01-15".into(),
        day_ends_at: t(86_400),
        words: tend_core::sealing::SharedWords {
            own: tend_core::sealing::StoredWords::Plain(text("ritual")),
            partners: None,
        },
        answered_at: t(4),
    })
    .await
    .unwrap();
    s.log_win(&WinRecord {
        id: "w1".into(),
        couple_id: "c1".into(),
        person_id: "ana".into(),
        words: tend_core::sealing::SharedWords {
            own: tend_core::sealing::StoredWords::Plain(text("win")),
            partners: None,
        },
        day: "2027-01-15".into(),
        created_at: t(5),
    })
    .await
    .unwrap();
    s.add_question(&OwnQuestion {
        id: "q1".into(),
        couple_id: "c1".into(),
        set_id: "light".into(),
        words: tend_core::sealing::SharedWords {
            own: tend_core::sealing::StoredWords::Plain(text("question")),
            partners: None,
        },
        added_by: "ana".into(),
        created_at: t(6),
    })
    .await
    .unwrap();
    s.add_private_note(&PrivateNote {
        id: "n1".into(),
        person_id: "ana".into(),
        kind: "boundaries".into(),
        prompt: "p".into(),
        words: tend_core::sealing::SharedWords {
            own: tend_core::sealing::StoredWords::Plain(text("note")),
            partners: None,
        },
        created_at: t(7),
        shared_couple_id: None,
        shared_at: None,
    })
    .await
    .unwrap();
    // A reminder still queued for Ana's address, and her security log.
    let address = format!("{CANARY}-address@example.org");
    s.enqueue_all(&[OutboxJob {
        id: "reminder:ana:1".into(),
        person_id: Some("ana".into()),
        subscriber_id: None,
        kind: "reminder".into(),
        to_address: address.clone(),
        subject: "A gentle reminder from Tend".into(),
        text_body: "A ritual is waiting.".into(),
        html_body: "<p>A ritual is waiting.</p>".into(),
        unsubscribe_url: None,
        created_at: t(8),
        not_before: t(9),
        attempts: 0,
    }])
    .await
    .unwrap();
    let event = SecurityEventRecord { kind: "signed_in".into(), device: format!("{CANARY} device"), at: t(8) };
    s.add_security_event(&PersonId::from("ana"), &event, t(0)).await.unwrap();
    s.delete_person(&PersonId::from("ana"), t(10)).await.unwrap();
    s.close().await;
    let mut found = Vec::new();
    for entry in std::fs::read_dir(&options.data_dir).unwrap() {
        let path = entry.unwrap().path();
        // The write-ahead log may be removed as the last connection closes.
        let Ok(bytes) = std::fs::read(&path) else { continue };
        for canary in [CANARY, address.as_str()] {
            if bytes.windows(canary.len()).any(|w| w == canary.as_bytes()) {
                found.push(format!("{canary} in {}", path.display()));
            }
        }
    }
    assert_eq!(found, Vec::<String>::new(), "the canary survived the account's deletion");
}
