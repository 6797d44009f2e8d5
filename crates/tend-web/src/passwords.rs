//! Password hashing with argon2id (m = 19 MiB, t = 2, p = 1), off the async workers and bounded:
//! at most one hash per core runs at a time, so a burst of log-ins cannot starve other requests.
//! Each running hash reuses one of a few 19 MiB work areas kept for the process's life, so a
//! burst of log-ins does not leave memory behind in every thread that ever hashed.

use std::sync::{Arc, Mutex, OnceLock};

use argon2::password_hash::{Output, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use subtle::ConstantTimeEq;
use tokio::sync::Semaphore;

const MEMORY_KIB: u32 = 19 * 1024;
const TIME_COST: u32 = 2;
const OUTPUT_LEN: usize = 32;

#[derive(Clone)]
pub struct PasswordHasher {
    permits: Arc<Semaphore>,
    /// Work areas not in use; never more than there are permits.
    memory: Arc<Mutex<Vec<Vec<Block>>>>,
}

fn params(m: u32, t: u32, p: u32) -> anyhow::Result<Params> {
    Params::new(m, t, p, Some(OUTPUT_LEN)).map_err(|e| anyhow::anyhow!("argon2 parameters: {e}"))
}

fn argon2(params: Params) -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// A hash of a password nobody has, checked when an email is unknown so that both cases take
/// the same time.
fn decoy_hash() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| {
        let mut memory = vec![Block::default(); MEMORY_KIB as usize];
        hash_with(b"decoy password nobody has", &mut memory).expect("hashing")
    })
}

/// A PHC string (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`) for `password`, using `memory`.
fn hash_with(password: &[u8], memory: &mut [Block]) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    let mut salt_bytes = [0u8; 64];
    let salt_raw = salt.decode_b64(&mut salt_bytes).map_err(|e| anyhow::anyhow!("salt: {e}"))?;
    let mut out = [0u8; OUTPUT_LEN];
    argon2(params(MEMORY_KIB, TIME_COST, 1)?)
        .hash_password_into_with_memory(password, salt_raw, &mut out, memory)
        .map_err(|e| anyhow::anyhow!("Failed to hash a password: {e}"))?;
    let output = Output::new(&out).map_err(|e| anyhow::anyhow!("hash output: {e}"))?;
    Ok(format!("$argon2id$v=19$m={MEMORY_KIB},t={TIME_COST},p=1${}${output}", salt.as_str()))
}

/// Whether `password` matches the PHC string `stored`, using `memory` (grown if the stored
/// parameters ask for more).
fn verify_with(password: &[u8], stored: &str, memory: &mut Vec<Block>) -> anyhow::Result<bool> {
    let parsed = PasswordHash::new(stored).map_err(|e| anyhow::anyhow!("Stored hash unreadable: {e}"))?;
    let get = |name: &str| parsed.params.get_decimal(name).ok_or_else(|| anyhow::anyhow!("stored hash lacks {name}"));
    let (m, t, p) = (get("m")?, get("t")?, get("p")?);
    let expected = parsed.hash.ok_or_else(|| anyhow::anyhow!("stored hash has no output"))?;
    let salt = parsed.salt.ok_or_else(|| anyhow::anyhow!("stored hash has no salt"))?;
    let mut salt_bytes = [0u8; 64];
    let salt_raw = salt.decode_b64(&mut salt_bytes).map_err(|e| anyhow::anyhow!("salt: {e}"))?;
    let params = Params::new(m, t, p, Some(expected.len())).map_err(|e| anyhow::anyhow!("argon2 parameters: {e}"))?;
    if memory.len() < params.block_count() {
        memory.resize(params.block_count(), Block::default());
    }
    let mut out = vec![0u8; expected.len()];
    argon2(params)
        .hash_password_into_with_memory(password, salt_raw, &mut out, &mut memory[..])
        .map_err(|e| anyhow::anyhow!("Failed to check a password: {e}"))?;
    Ok(bool::from(out.as_slice().ct_eq(expected.as_bytes())))
}

impl Default for PasswordHasher {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
        Self { permits: Arc::new(Semaphore::new(cores)), memory: Arc::new(Mutex::new(Vec::new())) }
    }
}

impl PasswordHasher {
    /// Runs `work` on a blocking thread with a work area, one permit at a time.
    async fn with_memory<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut Vec<Block>) -> anyhow::Result<T> + Send + 'static,
    ) -> anyhow::Result<T> {
        let _permit = self.permits.acquire().await?;
        let pool = self.memory.clone();
        tokio::task::spawn_blocking(move || {
            let taken = pool.lock().unwrap_or_else(|e| e.into_inner()).pop();
            let mut memory = taken.unwrap_or_else(|| vec![Block::default(); MEMORY_KIB as usize]);
            let result = work(&mut memory);
            pool.lock().unwrap_or_else(|e| e.into_inner()).push(memory);
            result
        })
        .await?
    }

    pub async fn hash(&self, password: String) -> anyhow::Result<String> {
        self.with_memory(move |memory| hash_with(password.as_bytes(), memory)).await
    }

    /// Checks `password` against `hash`, or against a decoy when there is no account.
    pub async fn verify(&self, password: String, hash: Option<String>) -> anyhow::Result<bool> {
        self.with_memory(move |memory| {
            let real = hash.is_some();
            let stored = hash.unwrap_or_else(|| decoy_hash().to_owned());
            Ok(verify_with(password.as_bytes(), &stored, memory)? && real)
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_its_password_only_and_reads_as_standard_argon2id() {
        let hasher = PasswordHasher::default();
        let hash = hasher.hash("quiet river morning walk".into()).await.unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(hasher.verify("quiet river morning walk".into(), Some(hash.clone())).await.unwrap());
        assert!(!hasher.verify("quiet river morning talk".into(), Some(hash.clone())).await.unwrap());
        assert!(!hasher.verify("anything".into(), None).await.unwrap(), "the decoy never matches");
        // Hashes made by the argon2 crate's own encoder (as earlier versions of Tend stored) still verify.
        use argon2::password_hash::PasswordHasher as _;
        let salt = SaltString::generate(&mut rand::rngs::OsRng);
        let old =
            argon2(Params::new(MEMORY_KIB, TIME_COST, 1, None).unwrap()).hash_password(b"older one", &salt).unwrap();
        assert!(hasher.verify("older one".into(), Some(old.to_string())).await.unwrap());
    }
}
