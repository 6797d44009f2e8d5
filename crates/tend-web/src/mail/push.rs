//! Web Push through the outbox. A push job is planned beside each reminder email, one per
//! device that turned notifications on, and delivered by the same worker (leases, retries,
//! dead letters). Delivery: the payload (a neutral title and body, and the page to open) is
//! encrypted for the device (RFC 8291, `aes128gcm`) and signed with Tend's VAPID key (RFC 8292),
//! made at first use and kept in the database so every instance signs alike. A push service
//! that answers 404 or 410 has forgotten the device: its subscription is forgotten too.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};
use tend_store::{OutboxJob, Store};
use web_push_native::jwt_simple::algorithms::{ECDSAP256PublicKeyLike, ES256KeyPair};
use web_push_native::{p256, Auth, WebPushBuilder};

use crate::state::AppState;

/// The outbox kind of a push job.
pub const KIND: &str = "push";
/// The server key's name in `server_keys`.
const KEY_NAME: &str = "vapid-p256";
/// How long a push service keeps trying to reach a device that is off, at most: a reminder is
/// for the day it was meant for (and never for the quiet hours: see `jobs_beside`).
pub const MOST_TTL: SignedDuration = SignedDuration::from_hours(6);
/// How long the VAPID signature is good for (RFC 8292 allows up to a day).
const SIGNATURE_LASTS: Duration = Duration::from_secs(12 * 3600);

/// What a notification shows and opens. Neutral by design: never a name, never anything anyone
/// wrote, never a count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payload {
    pub title: String,
    pub body: String,
    /// The page the notification opens.
    pub url: String,
}

/// Tend's VAPID key pair.
pub struct PushKey {
    pair: ES256KeyPair,
}

impl PushKey {
    /// The key pair, made and kept the first time any Tend on this database asks.
    pub async fn load(store: &dyn Store) -> anyhow::Result<PushKey> {
        let fresh = URL_SAFE_NO_PAD.encode(ES256KeyPair::generate().to_bytes());
        let kept = store.server_key(KEY_NAME, &fresh, jiff::Timestamp::now()).await?;
        let bytes = URL_SAFE_NO_PAD.decode(kept.as_bytes())?;
        let pair = ES256KeyPair::from_bytes(&bytes).map_err(|e| anyhow::anyhow!("the VAPID key can't be read: {e}"))?;
        Ok(PushKey { pair })
    }

    /// The public key as browsers take it (`applicationServerKey`): uncompressed, base64url.
    pub fn public_key(&self) -> String {
        URL_SAFE_NO_PAD.encode(self.pair.public_key().public_key().to_bytes_uncompressed())
    }
}

/// A push job as the outbox keeps it: what the device is sent, and the moment after which it is
/// no longer worth sending (the push service is told to give up then too).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct PushJob {
    payload: Payload,
    until: Timestamp,
}

/// The push jobs that go with one reminder email: the same message id with the device's, so
/// planning twice still sends once; the same time, so quiet hours hold; and good `until` a
/// moment that must not be passed (at most `MOST_TTL` later, and never into the next quiet
/// hours: a phone that was off must not light up in the night).
pub fn jobs_beside(email: &OutboxJob, subscriptions: &[String], payload: &Payload, until: Timestamp) -> Vec<OutboxJob> {
    let until = until.min(email.not_before + MOST_TTL);
    let text = serde_json::to_string(&PushJob { payload: payload.clone(), until }).unwrap_or_default();
    subscriptions
        .iter()
        .map(|subscription| OutboxJob {
            id: format!("{}:push:{subscription}", email.id),
            kind: KIND.to_owned(),
            to_address: subscription.clone(),
            subject: payload.title.clone(),
            text_body: text.clone(),
            html_body: String::new(),
            unsubscribe_url: None,
            ..email.clone()
        })
        .collect()
}

/// Whether an address is on the public internet, where push services are. Everything a host's
/// own network could hold (loopback, private ranges, link-local, shared, documentation,
/// multicast, unspecified) is not.
fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_documentation()
                || v4.is_multicast()
                || a == 0
                || a >= 240
                || (a == 100 && (64..128).contains(&b)))
        }
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => is_public(IpAddr::V4(v4)),
            None => {
                let first = v6.segments()[0];
                !(v6.is_loopback()
                    || v6.is_unspecified()
                    || v6.is_multicast()
                    || (first & 0xfe00) == 0xfc00
                    || (first & 0xffc0) == 0xfe80
                    || first == 0x2001 && v6.segments()[1] == 0x0db8)
            }
        },
    }
}

/// Resolves push services' names, keeping only public addresses: a subscription whose name
/// leads into the host's own network (by mistake, by a rebinding trick or on purpose) reaches
/// nothing there.
struct PublicOnly;

impl reqwest::dns::Resolve for PublicOnly {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        Box::pin(async move {
            let found = tokio::net::lookup_host((name.as_str(), 443)).await?;
            let public: Vec<SocketAddr> = found.filter(|a| is_public(a.ip())).collect();
            if public.is_empty() {
                return Err("the push service's name leads to no public address".into());
            }
            Ok(Box::new(public.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

/// Each person's devices with notifications on (of `person`, or of everyone), whose sessions
/// are still alive; none when the host turned push off.
pub async fn live_devices(
    state: &AppState,
    person: Option<&str>,
    now: Timestamp,
) -> anyhow::Result<HashMap<String, Vec<String>>> {
    let mut devices: HashMap<String, Vec<String>> = HashMap::new();
    if !state.settings.push_enabled {
        return Ok(devices);
    }
    let timeouts = &state.settings.session_timeouts;
    for (who, subscription) in state.store.push_targets(person, now - timeouts.idle, now - timeouts.absolute).await? {
        devices.entry(who).or_default().push(subscription);
    }
    Ok(devices)
}

fn client() -> &'static reqwest::Client {
    static CLIENT: OnceLock<reqwest::Client> = OnceLock::new();
    CLIENT.get_or_init(|| {
        reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .redirect(reqwest::redirect::Policy::none())
            .dns_resolver(Arc::new(PublicOnly))
            .build()
            .expect("a plain HTTP client builds")
    })
}

fn decode(text: &str) -> Option<Vec<u8>> {
    URL_SAFE_NO_PAD.decode(text.trim_end_matches('=').as_bytes()).ok()
}

/// Sends one push job. A device whose subscription is gone (turned off, session ended, or the
/// push service said so) is done with, not an error. The error text names what failed, never
/// what the notification said.
pub async fn send(store: &dyn Store, key: &PushKey, job: &OutboxJob, now: Timestamp) -> Result<(), String> {
    let PushJob { payload, until } =
        serde_json::from_str(&job.text_body).map_err(|_| "the push job is malformed".to_owned())?;
    let ttl = until.duration_since(now).as_secs();
    if ttl <= 0 {
        tracing::info!(id = %job.id, "a notification's moment has passed; not sent");
        return Ok(());
    }
    let subscription = match store.push_subscription(&job.to_address).await {
        Ok(Some(s)) => s,
        Ok(None) => return Ok(()),
        Err(e) => return Err(format!("the subscription could not be read: {e}")),
    };
    // The VAPID contact (`sub`) is Tend's own address, which the payload's link starts with.
    let contact = url::Url::parse(&payload.url)
        .map(|u| u.origin().ascii_serialization())
        .map_err(|_| "the push job's link is malformed".to_owned())?;
    let endpoint = subscription.endpoint.parse().map_err(|_| "the push endpoint is malformed".to_owned())?;
    let public = decode(&subscription.p256dh)
        .and_then(|b| p256::PublicKey::from_sec1_bytes(&b).ok())
        .ok_or("the device's key is malformed")?;
    let auth = decode(&subscription.auth).filter(|b| b.len() == 16).ok_or("the device's secret is malformed")?;
    let request = WebPushBuilder::new(endpoint, public, Auth::clone_from_slice(&auth))
        .with_valid_duration(SIGNATURE_LASTS)
        .with_vapid(&key.pair, &contact)
        .build(serde_json::to_vec(&payload).unwrap_or_default())
        .map_err(|e| format!("the push message could not be built: {e}"))?;
    let (parts, body) = request.into_parts();
    let mut outgoing = client().post(parts.uri.to_string()).header("Urgency", "normal").body(body);
    for (name, value) in parts.headers.iter().filter(|(name, _)| name.as_str() != "ttl") {
        outgoing = outgoing.header(name.as_str(), value.as_bytes());
    }
    outgoing = outgoing.header("TTL", ttl.to_string());
    let answer = outgoing.send().await.map_err(|e| format!("the push service could not be reached: {e}"))?;
    match answer.status().as_u16() {
        200..=299 => Ok(()),
        404 | 410 => {
            tracing::info!(subscription = %subscription.id, "the push service forgot a device; so does Tend");
            store.forget_push_subscription(&subscription.id).await.map_err(|e| format!("forgetting failed: {e}"))
        }
        status => Err(format!("the push service answered {status}")),
    }
}

#[cfg(test)]
mod tests {
    use super::is_public;

    #[test]
    fn only_public_addresses_are_reached() {
        for inside in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "fd00::1",
            "fe80::1",
            "::ffff:10.0.0.1",
        ] {
            assert!(!is_public(inside.parse().unwrap()), "{inside}");
        }
        for outside in ["142.250.74.106", "2a00:1450:4001:82b::200a", "63.245.208.195"] {
            assert!(is_public(outside.parse().unwrap()), "{outside}");
        }
    }
}
