//! The storage interface for account links: a password reset and an email change, each a
//! single-use link sent by email, of which only the hash is kept.

use async_trait::async_trait;
use jiff::Timestamp;
use tend_core::ids::PersonId;

use crate::model::*;
use crate::Result;

#[async_trait]
pub trait AccountLinkStore: Send + Sync {
    /// Keeps `link` and queues `email` (the message that carries it, if any), in one transaction.
    /// A new email-change link ends the earlier one; reset links live side by side until one is
    /// used (so asking again, by anyone, never spoils a link already in the person's inbox).
    async fn create_account_link(&self, link: &AccountLink, email: Option<&OutboxJob>) -> Result<()>;
    /// The link with this hash, if it has not been used and has not expired at `now`.
    async fn account_link(&self, hash: &str, now: Timestamp) -> Result<Option<AccountLink>>;
    /// Uses a password-reset link: sets the new password hash and ends every session and every
    /// other link of the person, in one transaction. `None` (and nothing changed) when the link is unknown, used or
    /// expired.
    /// The person's data key is wrapped anew in the same transaction (`keys`).
    async fn use_password_reset(
        &self,
        hash: &str,
        password_hash: &str,
        keys: &PersonKeys,
        now: Timestamp,
    ) -> Result<Option<PersonId>>;
    /// Uses an email-change link: moves the account to the link's address, ends the person's
    /// other links and queues `notice` to the old address (its `to_address` is filled in here),
    /// in one transaction. `None` when
    /// the link is unknown, used or expired; `EmailTaken` (and the link kept) when another account
    /// has the address by now.
    async fn use_email_change(&self, hash: &str, notice: &OutboxJob, now: Timestamp) -> Result<Option<EmailMoved>>;
}
