//! Password hashing with argon2id (m = 19 MiB, t = 2, p = 1), off the async workers and bounded:
//! at most one hash per core runs at a time, so a burst of log-ins cannot starve other requests.

use std::sync::{Arc, OnceLock};

use argon2::password_hash::{PasswordHash, PasswordHasher as _, PasswordVerifier as _, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use tokio::sync::Semaphore;

#[derive(Clone)]
pub struct PasswordHasher {
    permits: Arc<Semaphore>,
}

fn argon2() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// A hash of a password nobody has, checked when an email is unknown so that both cases take
/// the same time.
fn decoy_hash() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| {
        let salt = SaltString::generate(&mut rand::rngs::OsRng);
        argon2().hash_password(b"decoy password nobody has", &salt).expect("hashing").to_string()
    })
}

impl Default for PasswordHasher {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
        Self { permits: Arc::new(Semaphore::new(cores)) }
    }
}

impl PasswordHasher {
    pub async fn hash(&self, password: String) -> anyhow::Result<String> {
        let _permit = self.permits.acquire().await?;
        tokio::task::spawn_blocking(move || {
            let salt = SaltString::generate(&mut rand::rngs::OsRng);
            argon2()
                .hash_password(password.as_bytes(), &salt)
                .map(|h| h.to_string())
                .map_err(|e| anyhow::anyhow!("Failed to hash a password: {e}"))
        })
        .await?
    }

    /// Checks `password` against `hash`, or against a decoy when there is no account.
    pub async fn verify(&self, password: String, hash: Option<String>) -> anyhow::Result<bool> {
        let _permit = self.permits.acquire().await?;
        tokio::task::spawn_blocking(move || {
            let real = hash.is_some();
            let stored = hash.unwrap_or_else(|| decoy_hash().to_owned());
            let parsed = PasswordHash::new(&stored).map_err(|e| anyhow::anyhow!("Stored hash unreadable: {e}"))?;
            Ok(real && argon2().verify_password(password.as_bytes(), &parsed).is_ok())
        })
        .await?
    }
}
