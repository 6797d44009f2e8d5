//! Each person's data key (`tend_core::sealing`): made at their first log-in with sealed words,
//! opened at every log-in by their password key, handed to each session wrapped under its token,
//! and opened after a forgotten password by their recovery code. The database holds only wraps.

use tend_core::ids::PersonId;
use tend_core::sealing::{DataKey, RecoveryCode, WrapKey, WrappedKey};
use tend_store::PersonKeys;

use super::{ServiceError, ServiceResult};
use crate::passwords::Checked;
use crate::state::AppState;

/// Private notes of this kind are sealed (the others are shared one by one and wait for the
/// couple's key).
pub const SEALED_NOTE_KIND: &str = "clarity";
/// What a sealed private note is bound to.
pub const NOTE_CONTEXT: &str = "private-note";
/// What a pulse's sealed answers are bound to.
pub const PULSE_CONTEXT: &str = "pulse";
/// What a private journal entry's sealed words are bound to.
pub const JOURNAL_CONTEXT: &str = "journal";

fn password_context(person_id: &PersonId) -> String {
    format!("password:{person_id}")
}

fn recovery_context(person_id: &PersonId) -> String {
    format!("recovery:{person_id}")
}

fn session_context(session_id: &str) -> String {
    format!("session:{session_id}")
}

/// The data key, opened at log-in, and a recovery code to show the person once when one was
/// just made (their first log-in with sealed words, or the first after a reset without one).
pub struct Opened {
    pub key: DataKey,
    pub new_recovery_code: Option<RecoveryCode>,
}

/// Opens the person's data key with their password key, making it (and a recovery code) if they
/// have none. A password hash from before keys (`stored_hash`, which gave no key) is replaced, in
/// the same write as the new key. Sign-ins at the same moment never make two keys: whichever
/// writes first wins, and the others open the key it made.
pub async fn open_at_login(
    state: &AppState,
    person_id: &PersonId,
    password: &str,
    stored_hash: &str,
    password_key: Option<WrapKey>,
) -> ServiceResult<Opened> {
    let password_key = match password_key {
        Some(key) => key,
        None => match upgrade_hash(state, person_id, password, stored_hash).await? {
            Upgraded::Made(opened) => return Ok(opened),
            Upgraded::ByAnother(key) => key,
        },
    };
    let (data, code) = match state.store.person_keys(person_id).await? {
        None => {
            let data = DataKey::generate();
            let code = RecoveryCode::generate();
            if state.store.create_person_keys(person_id, &wraps(person_id, &password_key, &data, Some(&code))).await? {
                tracing::info!(person = %person_id, "data key made");
                (data, Some(code))
            } else {
                let keys = state.store.person_keys(person_id).await?.ok_or_else(keys_lost)?;
                (open_with_password(person_id, &password_key, &keys)?, None)
            }
        }
        Some(keys) => {
            let data = open_with_password(person_id, &password_key, &keys)?;
            match keys.by_recovery {
                Some(_) => (data, None),
                None => {
                    // After a reset without the code: a new one, unless a sign-in beside this one
                    // made it first (and shows it).
                    let code = RecoveryCode::generate();
                    let made =
                        state.store.add_recovery_wrap(person_id, &recovery_wrap(person_id, &code, &data)).await?;
                    (data, made.then_some(code))
                }
            }
        }
    };
    seal_as_written_or_later(state, person_id, &data).await;
    Ok(Opened { key: data, new_recovery_code: code })
}

enum Upgraded {
    /// This sign-in renewed the hash and made the key.
    Made(Opened),
    /// Another sign-in did first: the password key from the hash it stored.
    ByAnother(WrapKey),
}

/// Replaces a password hash from before keys with one that gives a key, making the data key.
async fn upgrade_hash(
    state: &AppState,
    person_id: &PersonId,
    password: &str,
    stored_hash: &str,
) -> ServiceResult<Upgraded> {
    let (hash, key) = state.hasher.hash(password.to_owned()).await?;
    let data = DataKey::generate();
    let code = RecoveryCode::generate();
    let keys = wraps(person_id, &key, &data, Some(&code));
    if state.store.upgrade_password_hash(person_id, stored_hash, &hash, &keys).await? {
        seal_as_written_or_later(state, person_id, &data).await;
        tracing::info!(person = %person_id, "password hash renewed with a key; data key made");
        return Ok(Upgraded::Made(Opened { key: data, new_recovery_code: Some(code) }));
    }
    let current = state.store.credentials_by_id(person_id).await?.ok_or(ServiceError::NotFound)?;
    match state.hasher.verify(password.to_owned(), Some(current.password_hash)).await? {
        Checked::Right(Some(key)) => Ok(Upgraded::ByAnother(key)),
        // Changed in the meantime to a password this isn't.
        _ => Err(ServiceError::WrongCredentials),
    }
}

fn open_with_password(person_id: &PersonId, password_key: &WrapKey, keys: &PersonKeys) -> ServiceResult<DataKey> {
    password_key.unwrap(&password_context(person_id), &keys.by_password).map_err(|_| keys_lost())
}

fn keys_lost() -> ServiceError {
    ServiceError::Internal(anyhow::anyhow!("a person's data key does not open with their password"))
}

/// Both wraps of a data key: under the password key and, when there is one, the recovery code.
pub fn wraps(person_id: &PersonId, password_key: &WrapKey, data: &DataKey, code: Option<&RecoveryCode>) -> PersonKeys {
    PersonKeys {
        by_password: password_key.wrap(&password_context(person_id), data),
        by_recovery: code.map(|code| recovery_wrap(person_id, code, data)),
    }
}

pub fn recovery_wrap(person_id: &PersonId, code: &RecoveryCode, data: &DataKey) -> WrappedKey {
    WrapKey::from_recovery_code(code).wrap(&recovery_context(person_id), data)
}

/// The data key a recovery code opens, if it is the person's code.
pub fn open_with_recovery_code(person_id: &PersonId, keys: &PersonKeys, code: &RecoveryCode) -> Option<DataKey> {
    let wrapped = keys.by_recovery.as_ref()?;
    WrapKey::from_recovery_code(code).unwrap(&recovery_context(person_id), wrapped).ok()
}

/// The data key wrapped for a new session, under its token.
pub fn for_session(session_id: &str, token: &str, data: &DataKey) -> WrappedKey {
    WrapKey::from_session_token(token).wrap(&session_context(session_id), data)
}

/// The data key a request's session holds, opened with the token it came with.
pub fn from_session(session_id: &str, token: &str, wrapped: &WrappedKey) -> Option<DataKey> {
    WrapKey::from_session_token(token).unwrap(&session_context(session_id), wrapped).ok()
}

/// Seals what was kept before sealing; a failure doesn't stop the sign-in (those words still
/// read as they are) and is tried again at the next one.
async fn seal_as_written_or_later(state: &AppState, person_id: &PersonId, data: &DataKey) {
    if let Err(err) = seal_as_written(state, person_id, data).await {
        tracing::warn!(person = %person_id, error = %err, "words kept before sealing stay as written until the next sign-in");
    }
}

/// Seals the person's notes, pulses, check-ups, journal entries and what they wrote for the couple
/// still stored as written (from before they were sealed, or shared before the couple's key
/// reached them).
async fn seal_as_written(state: &AppState, person_id: &PersonId, data: &DataKey) -> ServiceResult<()> {
    seal_notes_as_written(state, person_id, data).await?;
    let pulses: Vec<_> = state
        .store
        .list_pulses(person_id)
        .await?
        .into_iter()
        .filter_map(|pulse| pulse.answers.sealed_if_written(data, PULSE_CONTEXT).map(|sealed| (pulse.week, sealed)))
        .collect();
    if !pulses.is_empty() {
        state.store.seal_pulses(person_id, &pulses).await?;
        tracing::info!(person = %person_id, pulses = pulses.len(), "pulses taken before sealing are sealed now");
    }
    let couple_id = state.store.couple_of(person_id).await?.map(|c| c.id);
    let couple_key = match &couple_id {
        Some(id) => super::couple_key::open(state, id, person_id, data).await?,
        None => None,
    };
    match couple_id.as_ref().zip(couple_key.as_ref()) {
        Some((couple_id, couple_key)) => {
            super::couple_key::seal_shared_as_written(state, person_id, data, couple_id, couple_key).await?
        }
        // Private entries and check-ups only (a shared one's copy waits for the couple's key).
        None => {
            super::journal::seal_as_written(state, person_id, data, None).await?;
            super::checkups::seal_as_written(state, person_id, data, None).await?;
            super::experiments::seal_as_written(state, person_id, data, None).await?
        }
    }
    Ok(())
}

/// Seals the person's notes kept only for themselves (clarity notes, and touch notes and plan
/// writings not shared) still stored as written. Shared ones are sealed with the couple's key
/// (`shared_notes::seal_as_written`), since their partner reads them too.
async fn seal_notes_as_written(state: &AppState, person_id: &PersonId, data: &DataKey) -> ServiceResult<()> {
    let mut sealed = Vec::new();
    for kind in [SEALED_NOTE_KIND, "boundaries", super::plan_writing::NOTE_KIND] {
        let notes = state.store.private_notes(person_id, kind).await?;
        let context = super::shared_notes::contexts(kind).own;
        sealed.extend(
            notes
                .into_iter()
                .filter(|note| note.shared_couple_id.is_none())
                .filter_map(|note| note.words.own.sealed_if_written(data, context).map(|sealed| (note.id, sealed))),
        );
    }
    if !sealed.is_empty() {
        state.store.seal_private_notes(person_id, &sealed).await?;
        tracing::info!(person = %person_id, notes = sealed.len(), "notes written before sealing are sealed now");
    }
    Ok(())
}
