//! The couple's key (`tend_core::sealing::pair`), under which the words two partners share are
//! sealed. Whichever member first needs it makes it; each member's requests hand it to a partner
//! who has none yet, sealed to the partner's public key; a member who finds it handed over keeps
//! it under their own data key from then on. Until a partner has handed it over (a new member,
//! or after a reset without the recovery code), a member has none and what they share waits, as
//! written, to be sealed at their first request that has it.

pub mod opened;

use tend_core::ids::{CoupleId, PersonId};
use tend_core::sealing::{Contexts, CoupleKeyWrap, DataKey, Resealed, SharedWords};
use tend_store::{CoupleKeyHolder, CoupleKeyHolders};

use super::ServiceResult;
use crate::secrets::new_id;
use crate::state::AppState;

/// What a journal entry's two copies are bound to (the author's, and the partner's once shared).
pub const JOURNAL: Contexts = Contexts { own: super::keys::JOURNAL_CONTEXT, shared: "shared-journal" };
/// What a ritual answer's two copies are bound to.
pub const RITUAL_ANSWER: Contexts = Contexts { own: "ritual-answer", shared: "shared-ritual-answer" };
/// What a repair offer's two copies are bound to.
pub const REPAIR: Contexts = Contexts { own: "repair", shared: "shared-repair" };
/// What an agreement's two copies are bound to.
pub const AGREEMENT: Contexts = Contexts { own: "agreement", shared: "shared-agreement" };
/// What a question of the couple's own has its two copies bound to.
pub const QUESTION: Contexts = Contexts { own: "question", shared: "shared-question" };
/// What an invitation to talk's two copies are bound to.
pub const INVITATION: Contexts = Contexts { own: "invitation", shared: "shared-invitation" };
/// What the kind word that answers an invitation has its two copies bound to.
pub const ANSWER_NOTE: Contexts = Contexts { own: "invitation-answer", shared: "shared-invitation-answer" };
/// What a time capsule's hopes, fears and needs (one JSON object) have their two copies bound to.
pub const CAPSULE: Contexts = Contexts { own: "capsule", shared: "shared-capsule" };
/// What an own-your-part experiment's behaviour has its two copies bound to.
pub const EXPERIMENT: Contexts = Contexts { own: "experiment", shared: "shared-experiment" };
/// What its reflection has its two copies bound to.
pub const REFLECTION: Contexts = Contexts { own: "reflection", shared: "shared-reflection" };
/// What a ground-rules proposal (a JSON list) has its two copies bound to.
pub const GROUND_RULES: Contexts = Contexts { own: "ground-rules", shared: "shared-ground-rules" };
/// What a joy plan's idea has its two copies bound to.
pub const JOY_IDEA: Contexts = Contexts { own: "joy-idea", shared: "shared-joy-idea" };
/// What was enjoyed, the same way.
pub const JOY_ENJOYED: Contexts = Contexts { own: "joy-enjoyed", shared: "shared-joy-enjoyed" };
/// What a check-up's answers have their two copies bound to.
pub const CHECKUP: Contexts = Contexts { own: "checkup", shared: "shared-checkup" };
/// What a hard talk's topic has its two copies bound to.
pub const TALK_TOPIC: Contexts = Contexts { own: "talk-topic", shared: "shared-talk-topic" };
/// What a hard talk's "what we agreed" has its two copies bound to.
pub const TALK_AGREED: Contexts = Contexts { own: "talk-agreed", shared: "shared-talk-agreed" };
/// What a win's two copies are bound to.
pub const WIN: Contexts = Contexts { own: "win", shared: "shared-win" };
/// What a weekly-check note's two copies are bound to.
pub const WEEKLY_CHECK_NOTE: Contexts = Contexts { own: "weekly-check-note", shared: "shared-weekly-check-note" };

fn wrap_context(couple_id: &CoupleId) -> String {
    format!("couple:{couple_id}")
}

/// The couple's key for `person_id`, who holds `data`; `None` while no partner has handed it to
/// them yet (or they are not in `couple_id`).
pub async fn open(
    state: &AppState,
    couple_id: &CoupleId,
    person_id: &PersonId,
    data: &DataKey,
) -> ServiceResult<Option<DataKey>> {
    if let Some(key) = state.couple_keys.get(couple_id, person_id, data) {
        return Ok(Some(key));
    }
    // Twice at most: when a partner makes the key at the same moment, theirs is the one to open.
    for _ in 0..2 {
        let holders = state.store.couple_key_holders(couple_id).await?;
        let Some(me) = holders.members.iter().find(|m| m.person_id == person_id) else {
            return Ok(None);
        };
        let Some(key_id) = holders.key_id.as_deref() else {
            if let Some(key) = make(state, couple_id, me, data, &holders).await? {
                return Ok(Some(key));
            }
            continue;
        };
        let context = wrap_context(couple_id);
        let opened = me.wrap.as_ref().map(|wrap| (wrap, wrap.open(data, &context)));
        let key = match opened {
            Some((CoupleKeyWrap::Wrapped(_), Ok(key))) => key,
            Some((CoupleKeyWrap::Boxed(_), Ok(key))) => {
                let kept = CoupleKeyWrap::Wrapped(data.wrap(&context, &key));
                state.store.hold_couple_key(couple_id, key_id, person_id, &kept, true).await?;
                tracing::info!(person = %person_id, couple = %couple_id, "the couple's key, handed over, is kept");
                // What they shared while waiting for it is sealed now; a failure here doesn't stop
                // the request (those words still read) and is tried again at the next sign-in.
                if let Err(err) = seal_shared_as_written(state, person_id, data, couple_id, &key).await {
                    tracing::warn!(person = %person_id, error = %err, "shared words stay as written until the next sign-in");
                }
                key
            }
            Some((_, Err(_))) => {
                // Held under a data key replaced since (a reset without the recovery code): let
                // it go, so the partner hands the key over again to the new one.
                state.store.drop_couple_key(couple_id, person_id).await?;
                state.couple_keys.forget_couple(couple_id);
                make_reachable(state, me, data).await?;
                return Ok(None);
            }
            None => {
                make_reachable(state, me, data).await?;
                return Ok(None);
            }
        };
        hand_over(state, couple_id, key_id, &key, &holders, person_id).await?;
        // Both partners held it already, each under their own key: nothing to hand over until a
        // hold changes, so the next requests need not read the holds.
        let steady = holders.members.len() == 2
            && holders.members.iter().all(|m| matches!(m.wrap, Some(CoupleKeyWrap::Wrapped(_))));
        if steady {
            state.couple_keys.keep(couple_id, person_id, data, &key);
        }
        return Ok(Some(key));
    }
    Ok(None)
}

/// Seals what the person wrote in their couple space still (partly) stored as written: from
/// before sealing, or written before the couple's key reached them. One place for every kind.
pub(super) async fn seal_shared_as_written(
    state: &AppState,
    person_id: &PersonId,
    data: &DataKey,
    couple_id: &CoupleId,
    couple_key: &DataKey,
) -> ServiceResult<()> {
    super::journal::seal_as_written(state, person_id, data, Some((couple_id, couple_key))).await?;
    super::checkups::seal_as_written(state, person_id, data, Some((couple_id, couple_key))).await?;
    super::experiments::seal_as_written(state, person_id, data, Some((couple_id, couple_key))).await?;
    let notes_sealed = super::shared_notes::seal_as_written(state, person_id, data, couple_id, couple_key).await?;
    let rules_sealed = super::ground_rules::seal_as_written(state, person_id, data, couple_id, couple_key).await?;
    let store = &state.store;
    let resealed = |rows: Vec<(String, SharedWords)>, contexts: Contexts| -> Vec<(String, Resealed)> {
        let sealed =
            rows.into_iter().filter_map(|(id, w)| w.resealed(data, Some(couple_key), true, contexts).map(|s| (id, s)));
        sealed.collect()
    };
    let notes = store.weekly_check_notes_by(person_id, couple_id).await?;
    let notes = resealed(notes.into_iter().map(|n| (n.id, n.words)).collect(), WEEKLY_CHECK_NOTE);
    let wins = store.wins_by(person_id, couple_id).await?;
    let wins = resealed(wins.into_iter().map(|w| (w.id, w.words)).collect(), WIN);
    let repairs = store.repairs(couple_id).await?.into_iter().filter(|r| r.offered_by == person_id);
    let repairs = resealed(repairs.map(|r| (r.id, r.words)).collect(), REPAIR);
    let agreements = store.agreements(couple_id).await?.into_iter().filter(|a| a.proposed_by == person_id);
    let agreements = resealed(agreements.map(|a| (a.id, a.words)).collect(), AGREEMENT);
    let questions = store.own_questions(couple_id).await?.into_iter().filter(|q| q.added_by == person_id);
    let questions = resealed(questions.map(|q| (q.id, q.words)).collect(), QUESTION);
    let invitations: Vec<_> = store.invitations(couple_id).await?;
    let answers_given = invitations.iter().filter(|i| i.sent_by != person_id);
    let answers_given =
        resealed(answers_given.filter_map(|i| Some((i.id.clone(), i.answer_note.clone()?))).collect(), ANSWER_NOTE);
    let invitations = invitations.into_iter().filter(|i| i.sent_by == person_id);
    let invitations = resealed(invitations.map(|i| (i.id, i.words)).collect(), INVITATION);
    let talks = store.hard_talks(couple_id).await?;
    let topics = talks.iter().filter(|t| t.scheduled_by == person_id);
    let topics = resealed(topics.map(|t| (t.id.clone(), t.topic.clone())).collect(), TALK_TOPIC);
    // What was agreed in a talk closed before its closer was kept is sealed by whoever comes first.
    let agreed = talks.into_iter().filter(|t| t.closed_by.as_deref().is_none_or(|by| by == person_id));
    let agreed = resealed(agreed.filter_map(|t| Some((t.id, t.agreed?))).collect(), TALK_AGREED);
    // A capsule's words are read only once it is open, but sealed as soon as they can be.
    let capsules = resealed(store.capsules_as_written(person_id, couple_id).await?, CAPSULE);
    let plans = store.joy_plans(couple_id).await?;
    let ideas = plans.iter().filter(|p| p.planned_by == person_id);
    let ideas = resealed(ideas.map(|p| (p.id.clone(), p.idea.clone())).collect(), JOY_IDEA);
    let enjoyed = plans.into_iter().filter(|p| p.done_by.as_deref().is_none_or(|by| by == person_id));
    let enjoyed = resealed(enjoyed.filter_map(|p| Some((p.id, p.enjoyed?))).collect(), JOY_ENJOYED);
    // Ritual answers are named by kind, day and when answered (one answered again is left alone).
    let answers: Vec<_> = store
        .ritual_answers_by(person_id, couple_id)
        .await?
        .into_iter()
        .filter_map(|a| {
            a.words.resealed(data, Some(couple_key), true, RITUAL_ANSWER).map(|s| ((a.kind, a.day, a.answered_at), s))
        })
        .collect();
    let sealed = notes.len()
        + wins.len()
        + repairs.len()
        + agreements.len()
        + questions.len()
        + invitations.len()
        + answers_given.len()
        + topics.len()
        + agreed.len()
        + capsules.len()
        + ideas.len()
        + enjoyed.len()
        + notes_sealed
        + rules_sealed;
    if !notes.is_empty() {
        store.seal_weekly_check_notes(person_id, &notes).await?;
    }
    if !wins.is_empty() {
        store.seal_wins(person_id, &wins).await?;
    }
    if !repairs.is_empty() {
        store.seal_repairs(person_id, &repairs).await?;
    }
    if !agreements.is_empty() {
        store.seal_agreements(person_id, &agreements).await?;
    }
    if !questions.is_empty() {
        store.seal_questions(person_id, &questions).await?;
    }
    if !invitations.is_empty() {
        store.seal_invitations(person_id, &invitations).await?;
    }
    if !answers_given.is_empty() {
        store.seal_invitation_answers(person_id, &answers_given).await?;
    }
    if !ideas.is_empty() || !enjoyed.is_empty() {
        store.seal_joy(person_id, &ideas, &enjoyed).await?;
    }
    if !capsules.is_empty() {
        store.seal_capsules(person_id, &capsules).await?;
    }
    if !topics.is_empty() || !agreed.is_empty() {
        store.seal_hard_talks(person_id, &topics, &agreed).await?;
    }
    if !answers.is_empty() {
        store.seal_ritual_answers(person_id, couple_id, &answers).await?;
    }
    if sealed + answers.len() > 0 {
        tracing::info!(person = %person_id, items = sealed, answers = answers.len(), "shared words sealed now");
    }
    Ok(())
}

/// Each item's words as `person_id` (holding `data`) reads them, given as its two copies, whether
/// they wrote it and what its copies are bound to; the couple's key is opened only when some item
/// needs it. `None` for words the person can't open yet (the couple's key hasn't reached them).
pub async fn read_all(
    state: &AppState,
    couple_id: &CoupleId,
    person_id: &PersonId,
    data: &DataKey,
    items: &[Readable<'_>],
) -> ServiceResult<Vec<Option<String>>> {
    let mut read: Vec<_> = items.iter().map(|(words, mine, c)| words.read(*mine, Some(data), None, *c)).collect();
    if read.iter().any(Option::is_none) {
        if let Some(couple) = open(state, couple_id, person_id, data).await? {
            for (slot, (words, mine, c)) in read.iter_mut().zip(items).filter(|(slot, _)| slot.is_none()) {
                *slot = words.read(*mine, Some(data), Some(&couple), *c);
            }
        }
    }
    Ok(read)
}

/// Words of one item as a reader is given them: its two copies, whether the reader wrote it, and
/// what its copies are bound to.
pub type Readable<'a> = (&'a SharedWords, bool, Contexts);

/// [`read_all`] for items that bring words and may bring a reply (an invitation's answer, what a
/// hard talk agreed): for each item, its words and its reply's, as the person reads them.
pub async fn read_with_replies<'a, T>(
    state: &AppState,
    couple_id: &CoupleId,
    person_id: &PersonId,
    data: &DataKey,
    items: &'a [T],
    words: impl Fn(&'a T) -> Readable<'a>,
    reply: impl Fn(&'a T) -> Option<Readable<'a>>,
) -> ServiceResult<Vec<(Option<String>, Option<String>)>> {
    let replies: Vec<_> = items.iter().map(&reply).collect();
    let all: Vec<_> = items.iter().map(words).chain(replies.iter().flatten().copied()).collect();
    let mut read = read_all(state, couple_id, person_id, data, &all).await?.into_iter();
    let firsts: Vec<_> = read.by_ref().take(items.len()).collect();
    Ok(firsts.into_iter().zip(&replies).map(|(first, r)| (first, r.and_then(|_| read.next().flatten()))).collect())
}

/// A new member's first hold on the couple's key: `carried` by the invite they joined by (its
/// link), kept under their own key at once; otherwise their public key is kept, so that their
/// partner's next request hands it over.
pub async fn received(
    state: &AppState,
    couple_id: &CoupleId,
    person_id: &PersonId,
    data: &DataKey,
    carried: Option<DataKey>,
) -> ServiceResult<()> {
    let holders = state.store.couple_key_holders(couple_id).await?;
    let Some(me) = holders.members.iter().find(|m| m.person_id == person_id) else {
        return Ok(());
    };
    make_reachable(state, me, data).await?;
    if let (Some(key), Some(key_id)) = (carried, holders.key_id.as_deref()) {
        let kept = CoupleKeyWrap::Wrapped(data.wrap(&wrap_context(couple_id), &key));
        if state.store.hold_couple_key(couple_id, key_id, person_id, &kept, true).await? {
            tracing::info!(person = %person_id, couple = %couple_id, "the couple's key, carried by the invite, is kept");
        }
    }
    Ok(())
}

/// Makes the couple's key, held by `me` and handed to each partner who can receive it. `None`
/// when a partner made one first.
async fn make(
    state: &AppState,
    couple_id: &CoupleId,
    me: &CoupleKeyHolder,
    data: &DataKey,
    holders: &CoupleKeyHolders,
) -> ServiceResult<Option<DataKey>> {
    let key = DataKey::generate();
    let context = wrap_context(couple_id);
    let mut wraps = vec![(&me.person_id, CoupleKeyWrap::Wrapped(data.wrap(&context, &key)))];
    for partner in holders.members.iter().filter(|m| m.person_id != me.person_id) {
        if let Some(public) = &partner.public_key {
            wraps.push((&partner.person_id, CoupleKeyWrap::Boxed(public.boxed(&context, &key))));
        }
    }
    let wraps: Vec<_> = wraps.iter().map(|(person, wrap)| (*person, wrap)).collect();
    if state.store.make_couple_key(couple_id, &new_id(), &wraps).await? {
        tracing::info!(couple = %couple_id, "the couple's key is made");
        Ok(Some(key))
    } else {
        Ok(None)
    }
}

/// Seals the couple's key to each partner who holds none and can receive it.
async fn hand_over(
    state: &AppState,
    couple_id: &CoupleId,
    key_id: &str,
    key: &DataKey,
    holders: &CoupleKeyHolders,
    person_id: &PersonId,
) -> ServiceResult<()> {
    let context = wrap_context(couple_id);
    for partner in holders.members.iter().filter(|m| m.person_id != person_id && m.wrap.is_none()) {
        if let Some(public) = &partner.public_key {
            let boxed = CoupleKeyWrap::Boxed(public.boxed(&context, key));
            if state.store.hold_couple_key(couple_id, key_id, &partner.person_id, &boxed, false).await? {
                tracing::info!(couple = %couple_id, "the couple's key is handed to a partner");
            }
        }
    }
    Ok(())
}

/// Keeps the public half of the person's key pair, so that a partner can hand them the key.
async fn make_reachable(state: &AppState, me: &CoupleKeyHolder, data: &DataKey) -> ServiceResult<()> {
    let public = data.public_key();
    if me.public_key.as_ref() != Some(&public) {
        state.store.set_public_key(&me.person_id, &public).await?;
    }
    Ok(())
}
