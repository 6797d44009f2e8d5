//! The storage interface for Web Push: the server's key pair and each device's subscription.

use async_trait::async_trait;
use jiff::Timestamp;
use tend_core::ids::PersonId;

use crate::model::*;
use crate::Result;

#[async_trait]
pub trait PushStore: Send + Sync {
    /// The server key called `name`, keeping `fresh` (made by the caller) if there was none yet.
    /// Many instances starting at once all end up with the one that was kept first.
    async fn server_key(&self, name: &str, fresh: &str, now: Timestamp) -> Result<String>;
    /// Keeps a device's subscription; the same endpoint subscribed again (a new session on that
    /// device, new keys) replaces the old one.
    async fn save_push_subscription(&self, subscription: &PushSubscription) -> Result<()>;
    async fn push_subscription(&self, id: &str) -> Result<Option<PushSubscription>>;
    /// The subscription a session turned on, if any.
    async fn push_subscription_of_session(&self, session_id: &str) -> Result<Option<PushSubscription>>;
    /// Ends the subscription a session turned on; `false` when there was none.
    async fn end_push_of_session(&self, person_id: &PersonId, session_id: &str) -> Result<bool>;
    /// Forgets a subscription the push service says is gone.
    async fn forget_push_subscription(&self, id: &str) -> Result<()>;
    /// `(person_id, subscription_id)` for every subscription (of `person`, or of everyone) whose
    /// session was used since `used_since` and began after `created_since` (a session past its
    /// timeouts gets nothing).
    async fn push_targets(
        &self,
        person: Option<&str>,
        used_since: Timestamp,
        created_since: Timestamp,
    ) -> Result<Vec<(String, String)>>;
}
