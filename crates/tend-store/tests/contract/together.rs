//! The storage contract for what couples keep together: ritual answers (and the group-commit
//! writer behind them), time capsules, the appreciation journal, the weekly check and the
//! shared timer — on SQLite and PostgreSQL alike.

use tend_core::ids::{CoupleId, PersonId};
use tend_core::sealing::{DataKey, SharedWords, StoredWords};
use tend_core::visibility::{reveal, reveal_all, Candidate, Viewer};
use tend_store::*;

use super::{paired, store, t};

stories!(
    a_ritual_answer_is_one_per_person_and_day_and_replaced_when_answered_again,
    a_capsule_opens_only_on_its_day_once_both_are_ready,
    cancelling_a_capsule_or_leaving_erases_what_it_held,
    a_capsule_is_read_only_once_open_and_only_by_the_couple,
    a_journal_entry_reaches_the_couple_only_when_its_author_shares_it,
    a_weekly_check_moves_only_from_the_version_that_was_read,
    a_timer_is_joined_once_and_only_by_the_other_partner,
    many_answers_at_once_are_all_kept_and_one_bad_answer_spoils_no_other,
    situation_flags_say_only_what_each_person_may_know,
);

const ANSWER: tend_core::sealing::Contexts = tend_core::sealing::Contexts { own: "answer", shared: "shared-answer" };

fn couple_key() -> &'static DataKey {
    static KEY: std::sync::OnceLock<DataKey> = std::sync::OnceLock::new();
    KEY.get_or_init(DataKey::generate)
}

/// An answer as the rituals service keeps it: the author's copy under their key (the journal's
/// test key stands in for each person's), the partner's under the couple's.
fn answer(person: &str, day: &str, text: &str) -> RitualAnswer {
    RitualAnswer {
        couple_id: "c1".into(),
        person_id: person.into(),
        kind: "morning".into(),
        day: day.into(),
        day_ends_at: t(86_400),
        words: SharedWords::seal(text, journal_key(), Some(couple_key()), ANSWER),
        answered_at: t(5),
    }
}

async fn a_ritual_answer_is_one_per_person_and_day_and_replaced_when_answered_again(backend: Backend) {
    let s = store(backend).await;
    paired(&s).await;
    s.save_ritual_answer(&answer("ana", "2027-01-15", "first")).await.unwrap();
    s.save_ritual_answer(&answer("ana", "2027-01-15", "second")).await.unwrap();
    s.save_ritual_answer(&answer("ben", "2027-01-15", "his")).await.unwrap();
    s.save_ritual_answer(&answer("ben", "2027-01-16", "next day")).await.unwrap();
    let day = s.ritual_answers(&CoupleId::from("c1"), &["2027-01-15".into()]).await.unwrap();
    let texts: Vec<(&str, String)> = day
        .iter()
        .map(|a| (a.person_id.as_str(), a.words.read(false, None, Some(couple_key()), ANSWER).unwrap()))
        .collect();
    assert_eq!(texts, vec![("ana", "second".to_owned()), ("ben", "his".to_owned())]);
    let own = day[0].words.read(true, Some(journal_key()), None, ANSWER);
    assert_eq!(own.as_deref(), Some("second"), "the author's copy, sealed under the author's key");

    // An answer kept as written (from before sealing) is sealed later, unless answered again since.
    let before = RitualAnswer {
        words: SharedWords { own: StoredWords::Plain("as written".into()), partners: None },
        ..answer("ben", "2027-01-14", "")
    };
    s.save_ritual_answer(&before).await.unwrap();
    let bens = s.ritual_answers_by(&PersonId::from("ben"), &CoupleId::from("c1")).await.unwrap();
    assert_eq!(bens.iter().map(|a| a.day.as_str()).collect::<Vec<_>>(), ["2027-01-14", "2027-01-15", "2027-01-16"]);
    assert!(s.ritual_answers_by(&PersonId::from("ben"), &CoupleId::from("c2")).await.unwrap().is_empty());
    let sealed = before.words.resealed(journal_key(), Some(couple_key()), true, ANSWER).unwrap();
    let key = |at| ("morning".to_owned(), "2027-01-14".to_owned(), at);
    s.seal_ritual_answers(&PersonId::from("ben"), &CoupleId::from("c1"), &[(key(t(4)), sealed.clone())]).await.unwrap();
    let kept = &s.ritual_answers(&CoupleId::from("c1"), &["2027-01-14".into()]).await.unwrap()[0];
    assert_eq!(kept.words, before.words, "answered again since (at another moment): left as it is");
    s.seal_ritual_answers(&PersonId::from("ben"), &CoupleId::from("c1"), &[(key(t(5)), sealed)]).await.unwrap();
    let kept = &s.ritual_answers(&CoupleId::from("c1"), &["2027-01-14".into()]).await.unwrap()[0];
    assert_eq!(kept.words.read(false, None, None, ANSWER), None, "sealed, no longer as written");
    assert_eq!(kept.words.read(false, None, Some(couple_key()), ANSWER).as_deref(), Some("as written"));
    // The marks of the 16th on: Ben's answer, without its words; the reveal rule decides on them.
    let marks = s.rituals_answered_since(&CoupleId::from("c1"), jiff::civil::date(2027, 1, 16)).await.unwrap();
    assert_eq!(
        marks.iter().map(|m| (m.person_id.as_str(), m.kind.as_str(), m.day.as_str())).collect::<Vec<_>>(),
        [("ben", "morning", "2027-01-16")]
    );
    assert!(s.rituals_answered_since(&CoupleId::from("c2"), jiff::civil::date(2027, 1, 1)).await.unwrap().is_empty());
}

fn capsule(id: &str) -> CapsuleRecord {
    CapsuleRecord {
        id: id.into(),
        couple_id: "c1".into(),
        author_id: "ana".into(),
        words: tend_core::sealing::SharedWords {
            own: tend_core::sealing::StoredWords::Plain(
                CapsuleWords { hopes: "canary-hope".into(), fears: "canary-fear".into(), needs: "canary-need".into() }
                    .to_json(),
            ),
            partners: None,
        },
        sealed_at: t(10),
        opens_on: "2027-04-15".into(),
        opens_at: t(1000),
        author_ready_at: None,
        partner_ready_at: None,
        opened_at: None,
        cancelled_at: None,
    }
}

async fn a_capsule_opens_only_on_its_day_once_both_are_ready(backend: Backend) {
    let s = store(backend).await;
    paired(&s).await;
    s.seal_capsule(&capsule("k1")).await.unwrap();
    assert!(
        !s.ready_to_open_capsule(&CoupleId::from("c1"), "k1", &PersonId::from("ana"), false, t(999)).await.unwrap(),
        "too early"
    );
    assert!(s
        .ready_to_open_capsule(&CoupleId::from("c1"), "k1", &PersonId::from("ana"), false, t(1000))
        .await
        .unwrap());
    assert_eq!(s.capsules(&CoupleId::from("c1")).await.unwrap()[0].opened_at, None, "one of two is ready");
    assert!(s
        .ready_to_open_capsule(&CoupleId::from("c1"), "k1", &PersonId::from("ben"), false, t(1001))
        .await
        .unwrap());
    assert_eq!(s.capsules(&CoupleId::from("c1")).await.unwrap()[0].opened_at, Some(t(1001)));
    s.seal_capsule(&capsule("k2")).await.unwrap();
    assert!(s.ready_to_open_capsule(&CoupleId::from("c1"), "k2", &PersonId::from("ben"), true, t(1002)).await.unwrap());
    let k2 = s.capsules(&CoupleId::from("c1")).await.unwrap().into_iter().find(|c| c.id == "k2").unwrap();
    assert_eq!(k2.opened_at, Some(t(1002)), "both at one screen open it at once");
    assert!(
        !s.cancel_capsule(&CoupleId::from("c1"), "k2", &PersonId::from("ana"), t(1003)).await.unwrap(),
        "an opened capsule stays"
    );
}

async fn cancelling_a_capsule_or_leaving_erases_what_it_held(backend: Backend) {
    let s = store(backend).await;
    paired(&s).await;
    s.seal_capsule(&capsule("k1")).await.unwrap();
    s.seal_capsule(&capsule("k2")).await.unwrap();
    assert!(
        !s.cancel_capsule(&CoupleId::from("c1"), "k1", &PersonId::from("ben"), t(20)).await.unwrap(),
        "only the author cancels"
    );
    assert!(s.cancel_capsule(&CoupleId::from("c1"), "k1", &PersonId::from("ana"), t(20)).await.unwrap());
    s.leave_couple(&PersonId::from("ben"), t(30)).await.unwrap();
    for c in s.capsules(&CoupleId::from("c1")).await.unwrap() {
        assert!(c.cancelled_at.is_some(), "{} is cancelled", c.id);
        // Never opened, so the rule lets nobody read it, ever.
        let author = Viewer { person: &PersonId::from("ana"), couple: Some(&CoupleId::from("c1")) };
        assert!(reveal(author, c.words, t(1_000_000)).is_none(), "{} stays unread", c.id);
        let stored = tend_store::test_support::stored_capsule_words(&s, &c.id).await.unwrap();
        assert_eq!(stored, Some([String::new(), String::new(), String::new()]), "{} is erased", c.id);
    }
    let erased = s.export_person(&PersonId::from("ana")).await.unwrap();
    assert!(!format!("{erased:?}").contains("canary"), "what a cancelled capsule held is gone");
}

async fn a_capsule_is_read_only_once_open_and_only_by_the_couple(backend: Backend) {
    let s = store(backend).await;
    paired(&s).await;
    s.seal_capsule(&capsule("k1")).await.unwrap();
    // `person` in couple `couple`, at second `at`.
    let read = |person: &'static str, couple: Option<&'static str>, at| {
        let s = &s;
        async move {
            let (person, couple) = (PersonId::from(person), couple.map(CoupleId::from));
            let c = s.capsules(&CoupleId::from("c1")).await.unwrap().remove(0);
            let words =
                reveal(Viewer { person: &person, couple: couple.as_ref() }, c.words, t(at)).map(|w| w.into_inner().own);
            words.map(|w| {
                CapsuleWords::from_json(&w.read(&tend_core::sealing::DataKey::generate(), "").unwrap()).unwrap().hopes
            })
        }
    };
    assert_eq!(read("ana", Some("c1"), 1001).await, None, "sealed: not even its author reads it on its day");
    s.ready_to_open_capsule(&CoupleId::from("c1"), "k1", &PersonId::from("ana"), true, t(1001)).await.unwrap();
    assert_eq!(read("ana", Some("c1"), 1002).await.as_deref(), Some("canary-hope"));
    assert_eq!(read("ben", Some("c1"), 1002).await.as_deref(), Some("canary-hope"));
    assert_eq!(read("cat", Some("c2"), 1002).await, None, "someone outside the couple never");
    assert_eq!(read("cat", None, 1002).await, None);
}

/// One key for every test author here: the store never opens words, it only keeps them.
fn journal_key() -> &'static DataKey {
    static KEY: std::sync::OnceLock<DataKey> = std::sync::OnceLock::new();
    KEY.get_or_init(DataKey::generate)
}

fn entry(id: &str, person: &str) -> JournalEntry {
    JournalEntry {
        id: id.into(),
        person_id: person.into(),
        // Sealed while private, as the journal service keeps it.
        words: SharedWords {
            own: StoredWords::Sealed(journal_key().seal("journal", &format!("thanks from {person}"))),
            partners: None,
        },
        created_at: t(5),
        shared_couple_id: None,
        shared_at: None,
        shared_in_check: None,
    }
}

/// The ids of `candidates` that `person` (in couple `c1`, or in none) may read, by the one rule.
fn readable(person: &str, in_c1: bool, candidates: Vec<Candidate<JournalEntry>>) -> Vec<String> {
    let (person, c1) = (PersonId::from(person), CoupleId::from("c1"));
    let viewer = Viewer { person: &person, couple: in_c1.then_some(&c1) };
    reveal_all(viewer, candidates, t(100)).into_iter().map(|e| e.into_inner().id).collect()
}

async fn a_journal_entry_reaches_the_couple_only_when_its_author_shares_it(backend: Backend) {
    let s = store(backend).await;
    paired(&s).await;
    s.add_journal_entry(&entry("j1", "ana")).await.unwrap();
    s.add_journal_entry(&entry("j2", "ana")).await.unwrap();
    assert!(s.journal_shared_with(&CoupleId::from("c1"), &PersonId::from("ben")).await.unwrap().is_empty());
    assert!(
        readable("ben", true, s.own_journal(&PersonId::from("ana")).await.unwrap()).is_empty(),
        "handed ana's private entries, ben still reads none"
    );
    let own = reveal_all(
        Viewer { person: &PersonId::from("ana"), couple: None },
        s.own_journal(&PersonId::from("ana")).await.unwrap(),
        t(100),
    );
    assert_eq!(own[0].words.own.read(journal_key(), "journal").unwrap(), "thanks from ana", "kept sealed, exactly");
    // What the partner reads is sealed under the couple's key; the author's copy stays hers.
    let couple_key = DataKey::generate();
    let for_ben = StoredWords::Sealed(couple_key.seal("shared-journal", "thanks from ana"));
    assert!(
        !s.share_journal_entry(&PersonId::from("ben"), "j1", &CoupleId::from("c1"), None, &for_ben, t(6))
            .await
            .unwrap(),
        "only the author shares"
    );
    assert!(s
        .share_journal_entry(&PersonId::from("ana"), "j1", &CoupleId::from("c1"), None, &for_ben, t(6))
        .await
        .unwrap());
    assert_eq!(
        readable("ben", true, s.journal_shared_with(&CoupleId::from("c1"), &PersonId::from("ben")).await.unwrap()),
        ["j1"]
    );
    let shared = reveal_all(
        Viewer { person: &PersonId::from("ben"), couple: Some(&CoupleId::from("c1")) },
        s.journal_shared_with(&CoupleId::from("c1"), &PersonId::from("ben")).await.unwrap(),
        t(100),
    );
    assert_eq!(shared[0].words.partners.as_ref(), Some(&for_ben), "shared, its words are there for the partner");
    assert_eq!(
        shared[0].words.own.read(journal_key(), "journal").unwrap(),
        "thanks from ana",
        "the author's copy as it was"
    );
    assert!(
        readable("cat", false, s.own_journal(&PersonId::from("ana")).await.unwrap()).is_empty(),
        "a stranger reads nothing"
    );
    assert!(
        s.journal_shared_with(&CoupleId::from("c1"), &PersonId::from("ana")).await.unwrap().is_empty(),
        "one's own entries are not 'shared with' one"
    );
    assert!(!s.delete_journal_entry(&PersonId::from("ben"), "j2").await.unwrap());
    assert!(s.delete_journal_entry(&PersonId::from("ana"), "j2").await.unwrap());
    assert_eq!(readable("ana", true, s.own_journal(&PersonId::from("ana")).await.unwrap()), ["j1"]);
    // Brought into a weekly check: that check lists it for both; another check does not.
    let check = WeeklyCheckRecord {
        id: "w1".into(),
        couple_id: "c1".into(),
        started_at: t(7),
        section: 0,
        section_started_at: t(7),
        finished_at: None,
        version: 1,
    };
    s.create_weekly_check(&check).await.unwrap();
    s.add_journal_entry(&entry("j3", "ben")).await.unwrap();
    let plain = StoredWords::Plain("thanks from ben".into());
    assert!(s
        .share_journal_entry(&PersonId::from("ben"), "j3", &CoupleId::from("c1"), Some("w1"), &plain, t(8))
        .await
        .unwrap());
    let in_check = s.journal_in_check(&CoupleId::from("c1"), "w1").await.unwrap();
    assert_eq!(readable("ana", true, in_check), ["j3"], "shared without a check, j1 is not in it");
    assert!(s.journal_in_check(&CoupleId::from("c1"), "w2").await.unwrap().is_empty());
    assert!(s.journal_in_check(&CoupleId::from("c2"), "w1").await.unwrap().is_empty(), "only the check's own couple");
    // Once ana has left, what she shared is hers alone again: the store reads that she left.
    assert!(s.leave_couple(&PersonId::from("ana"), t(9)).await.unwrap());
    assert!(readable("ben", true, s.journal_shared_with(&CoupleId::from("c1"), &PersonId::from("ben")).await.unwrap())
        .is_empty());
    assert_eq!(readable("ana", false, s.own_journal(&PersonId::from("ana")).await.unwrap()), ["j1"]);
}

async fn a_weekly_check_moves_only_from_the_version_that_was_read(backend: Backend) {
    let s = store(backend).await;
    paired(&s).await;
    let check = WeeklyCheckRecord {
        id: "w1".into(),
        couple_id: "c1".into(),
        started_at: t(0),
        section: 0,
        section_started_at: t(0),
        finished_at: None,
        version: 1,
    };
    s.create_weekly_check(&check).await.unwrap();
    assert!(s.move_weekly_check(&CoupleId::from("c1"), "w1", 1, 1, false, t(60)).await.unwrap());
    assert!(
        !s.move_weekly_check(&CoupleId::from("c1"), "w1", 1, 2, false, t(61)).await.unwrap(),
        "a stale version does not move it"
    );
    let note = WeeklyCheckNote {
        id: "n1".into(),
        check_id: "w1".into(),
        section: "needs".into(),
        person_id: "ben".into(),
        // As kept before sealing: one copy, as written.
        words: SharedWords { own: StoredWords::Plain("more sleep".into()), partners: None },
        created_at: t(62),
    };
    assert!(s.add_weekly_check_note(&CoupleId::from("c1"), &note).await.unwrap());
    assert!(s.move_weekly_check(&CoupleId::from("c1"), "w1", 3, 5, true, t(90)).await.unwrap());
    let done = &s.weekly_checks(&CoupleId::from("c1")).await.unwrap()[0];
    assert_eq!((done.section, done.finished_at), (5, Some(t(90))));
    let late = WeeklyCheckNote { id: "n2".into(), ..note.clone() };
    assert!(
        !s.add_weekly_check_note(&CoupleId::from("c1"), &late).await.unwrap(),
        "a finished check takes no more notes"
    );
    assert_eq!(s.weekly_check_notes("w1").await.unwrap().len(), 1);
    // Sealed later: the author's copy under their key, the partner's under the couple's.
    let bens = s.weekly_check_notes_by(&PersonId::from("ben"), &CoupleId::from("c1")).await.unwrap();
    assert_eq!(bens, std::slice::from_ref(&note));
    assert!(
        s.weekly_check_notes_by(&PersonId::from("ana"), &CoupleId::from("c1")).await.unwrap().is_empty(),
        "only the person's own"
    );
    assert!(
        s.weekly_check_notes_by(&PersonId::from("ben"), &CoupleId::from("c2")).await.unwrap().is_empty(),
        "only in that couple's checks"
    );
    let (ben_key, couple_key) = (DataKey::generate(), DataKey::generate());
    let contexts = tend_core::sealing::Contexts { own: "note", shared: "shared-note" };
    let sealed = note.words.resealed(&ben_key, Some(&couple_key), true, contexts).unwrap();
    s.seal_weekly_check_notes(&PersonId::from("ben"), &[("n1".into(), sealed)]).await.unwrap();
    let again = &s.weekly_check_notes("w1").await.unwrap()[0].words;
    assert_eq!(again.read(true, Some(&ben_key), None, contexts).as_deref(), Some("more sleep"));
    assert_eq!(again.read(false, None, Some(&couple_key), contexts).as_deref(), Some("more sleep"));
    assert_eq!(again.read(false, None, None, contexts), None, "sealed, not as written");
}

async fn a_timer_is_joined_once_and_only_by_the_other_partner(backend: Backend) {
    let s = store(backend).await;
    paired(&s).await;
    let timer = TimerRecord {
        id: "t1".into(),
        couple_id: "c1".into(),
        started_by: "ana".into(),
        started_at: t(0),
        minutes: 20,
        joined_by: None,
        joined_at: None,
        stopped_at: None,
    };
    s.create_timer(&timer).await.unwrap();
    assert!(
        !s.join_timer(&CoupleId::from("c1"), "t1", &PersonId::from("ana"), t(5)).await.unwrap(),
        "the one who started it is already in"
    );
    assert!(s.join_timer(&CoupleId::from("c1"), "t1", &PersonId::from("ben"), t(5)).await.unwrap());
    assert!(!s.join_timer(&CoupleId::from("c1"), "t1", &PersonId::from("ben"), t(6)).await.unwrap());
    assert!(s.stop_timer(&CoupleId::from("c1"), "t1", t(600)).await.unwrap());
    let latest = s.latest_timer(&CoupleId::from("c1")).await.unwrap().unwrap();
    assert_eq!((latest.joined_by.as_deref(), latest.stopped_at), (Some("ben"), Some(t(600))));
}

async fn many_answers_at_once_are_all_kept_and_one_bad_answer_spoils_no_other(backend: Backend) {
    let s = store(backend).await;
    paired(&s).await;
    // 200 answers at once (on SQLite they are committed in groups), plus one for a couple space
    // that does not exist, which the database refuses.
    let mut writes = Vec::new();
    for day in 0..100 {
        for person in ["ana", "ben"] {
            let store = s.clone();
            let a = answer(person, &format!("2027-02-{:02}", day % 28 + 1), &format!("day {day}"));
            let a = RitualAnswer { kind: format!("k{}", day / 28), ..a };
            writes.push(tokio::spawn(async move { store.save_ritual_answer(&a).await }));
        }
    }
    let bad = RitualAnswer { couple_id: "nowhere".into(), ..answer("ana", "2027-02-01", "lost") };
    let store = s.clone();
    writes.push(tokio::spawn(async move { store.save_ritual_answer(&bad).await }));
    let mut failed = 0;
    for w in writes {
        if w.await.unwrap().is_err() {
            failed += 1;
        }
    }
    assert_eq!(failed, 1, "only the answer for a missing couple space fails");
    let days: Vec<String> = (1..=28).map(|d| format!("2027-02-{d:02}")).collect();
    let saved = s.ritual_answers(&CoupleId::from("c1"), &days).await.unwrap();
    assert_eq!(saved.len(), 200, "every acknowledged answer is there");
}

async fn situation_flags_say_only_what_each_person_may_know(backend: Backend) {
    let s = store(backend).await;
    paired(&s).await;
    assert_eq!(
        s.situation_flags(&PersonId::from("ana"), Some(&CoupleId::from("c1"))).await.unwrap(),
        SituationFlags::default()
    );
    assert_eq!(s.situation_flags(&PersonId::from("ana"), None).await.unwrap(), SituationFlags::default());
    let untold = SupportRecord { situation: Some("low_capacity".into()), ..Default::default() };
    s.save_support(&PersonId::from("ana"), &untold, t(1)).await.unwrap();
    let ana = s.situation_flags(&PersonId::from("ana"), Some(&CoupleId::from("c1"))).await.unwrap();
    assert!(ana.low_capacity && !ana.partner_told_low_capacity);
    assert!(
        !s.situation_flags(&PersonId::from("ben"), Some(&CoupleId::from("c1")))
            .await
            .unwrap()
            .partner_told_low_capacity,
        "untold stays untold"
    );
    let told = SupportRecord { tell_partner: true, safety_offer_dismissed: true, ..untold };
    s.save_support(&PersonId::from("ana"), &told, t(2)).await.unwrap();
    let ben = s.situation_flags(&PersonId::from("ben"), Some(&CoupleId::from("c1"))).await.unwrap();
    assert!(ben.partner_told_low_capacity && !ben.low_capacity && !ben.safety_offer_dismissed);
    assert!(
        s.situation_flags(&PersonId::from("ana"), Some(&CoupleId::from("c1"))).await.unwrap().safety_offer_dismissed
    );
    assert!(
        !s.situation_flags(&PersonId::from("ana"), Some(&CoupleId::from("c1")))
            .await
            .unwrap()
            .partner_told_low_capacity,
        "nobody is told of themselves"
    );
}
