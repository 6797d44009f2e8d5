//! Notes a person writes privately and may share one at a time: touch notes (the desires-and-
//! boundaries conversation) and plan writings. Written, each is sealed under its author's key;
//! shared, it gains a partner's copy under the couple's key (as written until the author holds
//! it). One place for how these notes are written, shared and read back, for both kinds.

use tend_core::ids::{CoupleId, PersonId};
use tend_core::msg;
use tend_core::sealing::{partners_copy, Contexts, DataKey, SharedWords, StoredWords};
use tend_store::{Couple, PrivateNote};

use super::couple_key;
use super::{ServiceError, ServiceResult};
use crate::secrets::new_id;
use crate::state::AppState;

/// What a note's two copies are bound to, by its kind. A clarity note (never shared) keeps the
/// context it was first sealed under.
pub fn contexts(kind: &str) -> Contexts {
    match kind {
        "boundaries" => Contexts { own: "boundaries-note", shared: "shared-boundaries-note" },
        super::plan_writing::NOTE_KIND => Contexts { own: "plan-writing", shared: "shared-plan-writing" },
        _ => Contexts { own: super::keys::NOTE_CONTEXT, shared: "shared-private-note" },
    }
}

/// A new note of `kind`, sealed under its author's key.
pub fn written(
    state: &AppState,
    person_id: &PersonId,
    key: &DataKey,
    kind: &str,
    prompt: &str,
    text: &str,
) -> PrivateNote {
    PrivateNote {
        id: new_id(),
        person_id: person_id.to_owned(),
        kind: kind.to_owned(),
        prompt: prompt.to_owned(),
        words: SharedWords { own: StoredWords::Sealed(key.seal(contexts(kind).own, text)), partners: None },
        created_at: state.clock.now(),
        shared_couple_id: None,
        shared_at: None,
    }
}

/// A note with its words as the reader reads them (`None` while they can't be opened: the
/// partner's, before the couple's key reaches the reader; or the reader's own, sealed under a
/// key lost in a reset without the code).
pub type ReadNote = (PrivateNote, Option<String>);

/// The person's own notes of `kind` and those their partner shared with them, each newest first.
pub async fn read(
    state: &AppState,
    person_id: &PersonId,
    key: &DataKey,
    couple: Option<&Couple>,
    kind: &str,
) -> ServiceResult<(Vec<ReadNote>, Vec<ReadNote>)> {
    let mine = state.store.private_notes(person_id, kind).await?;
    let Some(couple) = couple else {
        let read = mine.iter().map(|n| n.words.read(true, Some(key), None, contexts(kind))).collect::<Vec<_>>();
        return Ok((mine.into_iter().zip(read).collect(), Vec::new()));
    };
    let shared = state.store.private_notes_shared_with(&couple.id, person_id, kind).await?;
    let items: Vec<_> = mine
        .iter()
        .map(|n| (&n.words, true, contexts(kind)))
        .chain(shared.iter().map(|n| (&n.words, false, contexts(kind))))
        .collect();
    let mut read = couple_key::read_all(state, &couple.id, person_id, key, &items).await?.into_iter();
    let mine = mine.into_iter().zip(read.by_ref()).collect();
    Ok((mine, shared.into_iter().zip(read).collect()))
}

/// Shares the person's note `id` of `kind` with their couple: its partner's copy, under the
/// couple's key. Not found when there is no such note of theirs; refused when its words were
/// sealed under a key lost in a reset.
pub async fn share(
    state: &AppState,
    person_id: &PersonId,
    key: &DataKey,
    couple: &Couple,
    kind: &str,
    id: &str,
) -> ServiceResult<PrivateNote> {
    let note = state.store.private_notes(person_id, kind).await?.into_iter().find(|n| n.id == id);
    let note = note.ok_or(ServiceError::NotFound)?;
    let words = note
        .words
        .own
        .read(key, contexts(kind).own)
        .map_err(|_| ServiceError::field("note", msg::shared_notes_this_note_was_sealed()))?;
    let couple_key = couple_key::open(state, &couple.id, person_id, key).await?;
    let shared = partners_copy(&words, couple_key.as_ref(), contexts(kind));
    if !state.store.share_private_note(person_id, id, &couple.id, &shared, state.clock.now()).await? {
        return Err(ServiceError::NotFound);
    }
    Ok(note)
}

/// The person's notes of the shareable kinds shared into `couple_id` whose copies are still (partly)
/// as written, sealed now that they hold the couple's key.
pub(super) async fn seal_as_written(
    state: &AppState,
    person_id: &PersonId,
    data: &DataKey,
    couple_id: &CoupleId,
    couple_key: &DataKey,
) -> ServiceResult<usize> {
    let mut sealed = Vec::new();
    for kind in ["boundaries", super::plan_writing::NOTE_KIND] {
        let notes = state.store.private_notes(person_id, kind).await?;
        let in_couple = notes.into_iter().filter(|n| n.shared_couple_id.as_deref() == Some(couple_id));
        sealed.extend(
            in_couple.filter_map(|n| n.words.resealed(data, Some(couple_key), true, contexts(kind)).map(|s| (n.id, s))),
        );
    }
    if !sealed.is_empty() {
        state.store.seal_shared_notes(person_id, &sealed).await?;
    }
    Ok(sealed.len())
}
