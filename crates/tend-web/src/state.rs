//! What every request handler can reach: storage, settings, the password hasher, the clock
//! and the metrics registry.

use std::sync::Arc;

use tend_store::Store;

use crate::clock::Clock;
use crate::mail::push::PushKey;
use crate::metrics::Metrics;
use crate::passwords::PasswordHasher;
use crate::settings::WebSettings;

#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub settings: Arc<WebSettings>,
    pub hasher: PasswordHasher,
    pub clock: Arc<dyn Clock>,
    pub metrics: Arc<Metrics>,
    /// Every selectable time zone, computed once.
    pub time_zones: Arc<Vec<String>>,
    /// Wakes open pages when their person or partner changed something.
    pub live: Arc<crate::live_hub::LiveHub>,
    /// Tend's VAPID key pair, read from the store once and kept for the life of the process.
    pub push_key: Arc<tokio::sync::OnceCell<Arc<PushKey>>>,
    /// Couple keys opened in the last minute (`services::couple_key::opened`).
    pub couple_keys: Arc<crate::services::couple_key::opened::OpenedKeys>,
    /// Rung after every change a request made, which may have queued an email: the outbox
    /// worker (`mail::worker`) looks at once instead of at its next quiet look.
    pub outbox_bell: Arc<tokio::sync::Notify>,
}

impl AppState {
    pub fn new(store: Arc<dyn Store>, settings: WebSettings, clock: Arc<dyn Clock>) -> Self {
        Self {
            store,
            settings: Arc::new(settings),
            hasher: PasswordHasher::default(),
            clock,
            metrics: Arc::new(Metrics::default()),
            time_zones: Arc::new(tend_core::time_zone::TimeZoneName::all()),
            live: Arc::default(),
            push_key: Arc::default(),
            couple_keys: Arc::default(),
            outbox_bell: Arc::default(),
        }
    }

    /// Tend's VAPID key pair: made or read on first use, then kept.
    pub async fn push_key(&self) -> anyhow::Result<Arc<PushKey>> {
        let key =
            self.push_key.get_or_try_init(|| async { PushKey::load(self.store.as_ref()).await.map(Arc::new) }).await?;
        Ok(Arc::clone(key))
    }
}
