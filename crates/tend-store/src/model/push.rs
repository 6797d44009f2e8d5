//! A device's Web Push subscription.

use jiff::Timestamp;
use tend_core::ids::PersonId;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushSubscription {
    pub id: String,
    pub person_id: PersonId,
    /// The session that turned it on; the subscription ends with it.
    pub session_id: String,
    /// The push service's URL for this device.
    pub endpoint: String,
    /// The device's P-256 public key, base64url.
    pub p256dh: String,
    /// The device's authentication secret, base64url.
    pub auth: String,
    pub created_at: Timestamp,
}
