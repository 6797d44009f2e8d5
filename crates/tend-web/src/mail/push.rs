//! Web Push through the outbox. A push job is planned beside each reminder email, one per
//! device that turned notifications on, and delivered by the same worker (leases, retries,
//! dead letters). Delivery: the payload (a neutral title and body, and the page to open) is
//! encrypted for the device (RFC 8291, `aes128gcm`) and signed with Tend's VAPID key (RFC 8292),
//! made at first use and kept in the database so every instance signs alike. A push service
//! that answers 404 or 410 has forgotten the device: its subscription is forgotten too.

use std::sync::OnceLock;
use std::time::Duration;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Serialize};
use tend_store::{OutboxJob, Store};
use web_push_native::jwt_simple::algorithms::{ECDSAP256PublicKeyLike, ES256KeyPair};
use web_push_native::{p256, Auth, WebPushBuilder};

/// The outbox kind of a push job.
pub const KIND: &str = "push";
/// The server key's name in `server_keys`.
const KEY_NAME: &str = "vapid-p256";
/// How long a push service keeps trying to reach a device that is off: a reminder is for the
/// day it was meant for.
const TTL: Duration = Duration::from_secs(6 * 3600);

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

/// The push jobs that go with one reminder email: the same message id with the device's, so
/// planning twice still sends once; the same time, so quiet hours hold.
pub fn jobs_beside(email: &OutboxJob, subscriptions: &[String], payload: &Payload) -> Vec<OutboxJob> {
    let text = serde_json::to_string(payload).unwrap_or_default();
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

fn client() -> &'static reqwest::Client {
    static CLIENT: OnceLock<reqwest::Client> = OnceLock::new();
    CLIENT.get_or_init(|| {
        reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .redirect(reqwest::redirect::Policy::none())
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
pub async fn send(store: &dyn Store, key: &PushKey, job: &OutboxJob) -> Result<(), String> {
    let subscription = match store.push_subscription(&job.to_address).await {
        Ok(Some(s)) => s,
        Ok(None) => return Ok(()),
        Err(e) => return Err(format!("the subscription could not be read: {e}")),
    };
    let payload: Payload = serde_json::from_str(&job.text_body).map_err(|_| "the push job is malformed".to_owned())?;
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
        .with_valid_duration(TTL)
        .with_vapid(&key.pair, &contact)
        .build(job.text_body.as_bytes().to_vec())
        .map_err(|e| format!("the push message could not be built: {e}"))?;
    let (parts, body) = request.into_parts();
    let mut outgoing = client().post(parts.uri.to_string()).header("Urgency", "normal").body(body);
    for (name, value) in &parts.headers {
        outgoing = outgoing.header(name.as_str(), value.as_bytes());
    }
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
