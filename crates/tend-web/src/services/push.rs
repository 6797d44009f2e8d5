//! Notifications on a device: turning Web Push on for the session a person is using, and off.
//! A subscription belongs to that session and ends with it (log-out, revoking the device, a
//! password reset, leaving nothing behind on deletion). What is sent, and when, follows the
//! person's reminder choices and quiet hours (`mail::planner`, `mail::push`).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Serialize};
use tend_core::ids::PersonId;
use tend_core::msg;
use tend_core::FieldError;
use tend_store::PushSubscription;
use utoipa::ToSchema;
use web_push_native::p256;

use super::{Fields, ServiceError, ServiceResult};
use crate::secrets::new_id;
use crate::state::AppState;

/// The longest endpoint accepted (the push services in use give a few hundred characters).
const MAX_ENDPOINT: usize = 2048;

/// A browser's push subscription, as `PushSubscription.toJSON()` gives its parts.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct DeviceSubscription {
    /// The push service's URL for this device (`https://`).
    pub endpoint: String,
    /// The device's P-256 public key, base64url (`keys.p256dh`).
    pub p256dh: String,
    /// The device's authentication secret, base64url (`keys.auth`).
    pub auth: String,
}

/// Whether push is offered, whether it is on for this device, and the key a browser needs.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PushStatus {
    /// The host offers push notifications.
    pub enabled: bool,
    /// Notifications are on for the session asking.
    pub on_this_device: bool,
    /// Tend's VAPID public key for `pushManager.subscribe` (`applicationServerKey`), base64url.
    pub public_key: Option<String>,
}

fn decoded_len(text: &str) -> Option<Vec<u8>> {
    URL_SAFE_NO_PAD.decode(text.trim().trim_end_matches('=').as_bytes()).ok()
}

/// An endpoint a push service would give: `https://` on the usual port, at a host name.
/// (Loopback `http://` only when the host allows it, for a stand-in service in tests.)
/// Addresses given as numbers and other ports are refused, and a name that resolves to a
/// private address is refused when sending (`mail::push`), so the server can't be pointed at
/// machines inside its own network.
fn endpoint_is_acceptable(state: &AppState, endpoint: &str) -> bool {
    let Ok(url) = url::Url::parse(endpoint) else { return false };
    if endpoint.len() > MAX_ENDPOINT || !url.username().is_empty() || url.password().is_some() {
        return false;
    }
    match (url.scheme(), url.host()) {
        ("https", Some(url::Host::Domain(domain))) => {
            url.port().is_none() && domain.trim_end_matches('.').contains('.') && !domain.starts_with("localhost")
        }
        ("http", Some(url::Host::Ipv4(ip))) => state.settings.push_allow_local_http && ip.is_loopback(),
        _ => false,
    }
}

pub async fn status(state: &AppState, session_id: &str) -> ServiceResult<PushStatus> {
    if !state.settings.push_enabled {
        return Ok(PushStatus { enabled: false, on_this_device: false, public_key: None });
    }
    let key = state.push_key().await.map_err(ServiceError::Internal)?;
    let on = state.store.push_subscription_of_session(session_id).await?.is_some();
    Ok(PushStatus { enabled: true, on_this_device: on, public_key: Some(key.public_key()) })
}

/// Turns notifications on for this session's device (replacing what it had).
pub async fn turn_on(
    state: &AppState,
    person_id: &PersonId,
    session_id: &str,
    input: &DeviceSubscription,
) -> ServiceResult<()> {
    if !state.settings.push_enabled {
        return Err(ServiceError::NotFound);
    }
    let mut fields = Fields::default();
    if !endpoint_is_acceptable(state, input.endpoint.trim()) {
        fields.check::<()>(Err(FieldError::new("endpoint", msg::push_this_browsers_notifications_cant())));
    }
    let key_ok = decoded_len(&input.p256dh).is_some_and(|b| p256::PublicKey::from_sec1_bytes(&b).is_ok());
    if !key_ok {
        fields.check::<()>(Err(FieldError::new("p256dh", msg::push_this_browsers_notifications_cant())));
    }
    if decoded_len(&input.auth).is_none_or(|b| b.len() != 16) {
        fields.check::<()>(Err(FieldError::new("auth", msg::push_this_browsers_notifications_cant())));
    }
    fields.finish()?;
    let subscription = PushSubscription {
        id: new_id(),
        person_id: person_id.to_owned(),
        session_id: session_id.to_owned(),
        endpoint: input.endpoint.trim().to_owned(),
        p256dh: input.p256dh.trim().to_owned(),
        auth: input.auth.trim().to_owned(),
        created_at: state.clock.now(),
    };
    state.store.save_push_subscription(&subscription).await?;
    tracing::info!(person = %person_id, "notifications turned on for a device");
    Ok(())
}

/// Turns notifications off for this session's device; nothing to do is fine.
pub async fn turn_off(state: &AppState, person_id: &PersonId, session_id: &str) -> ServiceResult<()> {
    state.store.end_push_of_session(person_id, session_id).await?;
    Ok(())
}
