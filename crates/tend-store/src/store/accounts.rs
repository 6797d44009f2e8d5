//! The storage interface for accounts: people, their sessions and their own security log.

use async_trait::async_trait;
use jiff::Timestamp;
use tend_core::ids::{CoupleId, PersonId};

use tend_core::sealing::CoupleKeyWrap;

use crate::model::*;
use crate::Result;

#[async_trait]
pub trait PersonStore: Send + Sync {
    /// Fails with `EmailTaken` when the email already has an account.
    async fn create_person(&self, person: &NewPerson) -> Result<()>;
    async fn person(&self, id: &PersonId) -> Result<Option<Person>>;
    async fn credentials_by_email(&self, email: &str) -> Result<Option<Credentials>>;
    async fn credentials_by_id(&self, id: &PersonId) -> Result<Option<Credentials>>;
    async fn update_profile(&self, id: &PersonId, display_name: &str, time_zone: &str) -> Result<()>;
    /// Sets a new password hash and ends every session of the person except `keep_session`, and
    /// every reset or email-change link they had.
    /// The data key's password wrap (`by_password`) changes with it, in the same transaction; the
    /// recovery wrap is left as it is.
    async fn change_password(
        &self,
        id: &PersonId,
        password_hash: &str,
        by_password: &tend_core::sealing::WrappedKey,
        keep_session: Option<&str>,
    ) -> Result<()>;
    /// Replaces a password hash from before keys (`old_hash`) with one that gives a key, and keeps
    /// the data key it wraps, in one transaction; `false` (and nothing changed) when the stored
    /// hash is no longer `old_hash`.
    async fn upgrade_password_hash(
        &self,
        id: &PersonId,
        old_hash: &str,
        new_hash: &str,
        keys: &PersonKeys,
    ) -> Result<bool>;
    /// Erases the person and everything they wrote; their couple space closes for the partner.
    async fn delete_person(&self, id: &PersonId, now: Timestamp) -> Result<()>;
    async fn export_person(&self, id: &PersonId) -> Result<Option<PersonExport>>;
    /// Adds what an export brought to the person's own data, in one transaction, skipping
    /// anything already there; everything comes in private.
    async fn import_own_data(&self, id: &PersonId, data: &OwnDataImport) -> Result<ImportCounts>;
}

#[async_trait]
pub trait SessionStore: Send + Sync {
    async fn create_session(&self, session: &NewSession) -> Result<()>;
    /// The session a token's hash belongs to, with its person, in one read (every request asks).
    async fn session_by_token_hash(&self, token_hash: &str) -> Result<Option<(SessionRecord, Person)>>;
    async fn touch_session(&self, session_id: &str, now: Timestamp) -> Result<()>;
    async fn list_sessions(&self, person_id: &PersonId) -> Result<Vec<SessionRecord>>;
    /// Ends one of the person's own sessions; `false` when they have no such session.
    async fn delete_session(&self, person_id: &PersonId, session_id: &str) -> Result<bool>;
}

/// Each person's data key, kept only wrapped.
#[async_trait]
pub trait KeyStore: Send + Sync {
    async fn person_keys(&self, person_id: &PersonId) -> Result<Option<PersonKeys>>;
    /// The recovery wrap of the key a reset without the code left behind, if any: the words sealed
    /// under that key open again with the old code.
    async fn earlier_recovery_wrap(&self, person_id: &PersonId) -> Result<Option<tend_core::sealing::WrappedKey>>;
    /// Replaces the recovery wrap alone (a new recovery code); `false` when the person has no key.
    async fn set_recovery_wrap(
        &self,
        person_id: &PersonId,
        by_recovery: &tend_core::sealing::WrappedKey,
    ) -> Result<bool>;
    /// Keeps the person's first wrapped data key; `false` (and nothing changed) when they have one.
    async fn create_person_keys(&self, person_id: &PersonId, keys: &PersonKeys) -> Result<bool>;
    /// Adds a recovery wrap where there is none; `false` (and nothing changed) when there is one.
    async fn add_recovery_wrap(
        &self,
        person_id: &PersonId,
        by_recovery: &tend_core::sealing::WrappedKey,
    ) -> Result<bool>;
    /// Keeps the public half of the person's key pair (replacing one from an earlier data key).
    async fn set_public_key(&self, person_id: &PersonId, public: &tend_core::sealing::PublicKey) -> Result<()>;
    async fn couple_key_holders(&self, couple_id: &CoupleId) -> Result<CoupleKeyHolders>;
    /// Makes `key_id` the couple's key with these members' wraps, unless the couple has a key
    /// already (two partners making one at once: the first stays). False when it had one.
    async fn make_couple_key(
        &self,
        couple_id: &CoupleId,
        key_id: &str,
        wraps: &[(&PersonId, &CoupleKeyWrap)],
    ) -> Result<bool>;
    /// Keeps a member's wrap of the couple's key `key_id`: `replace` for their own (a box opened
    /// and wrapped under their key), otherwise only where they hold none (a partner's hand-over).
    /// Nothing is kept when `key_id` is not the couple's key or the person is not a member.
    async fn hold_couple_key(
        &self,
        couple_id: &CoupleId,
        key_id: &str,
        person_id: &PersonId,
        wrap: &CoupleKeyWrap,
        replace: bool,
    ) -> Result<bool>;
    /// Drops the person's wrap of the couple's key (one that no longer opens, or on leaving).
    async fn drop_couple_key(&self, couple_id: &CoupleId, person_id: &PersonId) -> Result<()>;
}

/// Each person's security log, which only they read.
#[async_trait]
pub trait SecurityLogStore: Send + Sync {
    /// Adds an event to the person's log and lets go of their events from before `keep_since`.
    async fn add_security_event(
        &self,
        person_id: &PersonId,
        event: &SecurityEventRecord,
        keep_since: Timestamp,
    ) -> Result<()>;
    /// The person's log, newest first, at most `limit` events.
    async fn security_events(&self, person_id: &PersonId, limit: u32) -> Result<Vec<SecurityEventRecord>>;
}
