//! What every request handler can reach: storage, settings, the password hasher, the clock
//! and the metrics registry.

use std::sync::Arc;

use tend_store::Store;

use crate::clock::Clock;
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
        }
    }
}
