//! Password hashing with argon2id (m = 19 MiB, t = 2, p = 1), off the async workers and bounded:
//! at most one hash per core runs at a time, so a burst of log-ins cannot starve other requests.
//! During a burst of log-ins the 19 MiB work areas are reused (fresh memory for each hash would
//! cost a third of the throughput in page faults); when the last hash of the burst is done they
//! are all freed, and the allocator (jemalloc, in the `tend` binary) gives them back to the
//! system within seconds, so memory after a burst returns to what it was.
//!
//! One run gives two halves: the first is what the stored hash checks, the second is the
//! *password key* that wraps the person's data key (`tend_core::sealing`). The stored PHC string
//! marks this with `k=32` and holds only the first half, so the database can check a password
//! but never derive the key. Hashes from before (no `k`) still verify, and give no key.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use argon2::password_hash::{Output, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use subtle::ConstantTimeEq;
use tend_core::sealing::WrapKey;
use tokio::sync::Semaphore;

const MEMORY_KIB: u32 = 19 * 1024;
const TIME_COST: u32 = 2;
const OUTPUT_LEN: usize = 32;
/// The key half that follows the checked half.
const KEY_LEN: usize = 32;

/// What a password check found.
pub enum Checked {
    Wrong,
    /// Right; with the password key, unless the stored hash predates keys.
    Right(Option<WrapKey>),
}

impl Checked {
    pub fn is_right(&self) -> bool {
        matches!(self, Self::Right(_))
    }
}

#[derive(Clone)]
pub struct PasswordHasher {
    permits: Arc<Semaphore>,
    /// Hashes running or waiting for a permit.
    busy: Arc<AtomicUsize>,
    /// Work areas between two hashes of a burst; never more than there are permits.
    memory: Arc<Mutex<Vec<Vec<Block>>>>,
}

fn params(m: u32, t: u32, p: u32, len: usize) -> anyhow::Result<Params> {
    Params::new(m, t, p, Some(len)).map_err(|e| anyhow::anyhow!("argon2 parameters: {e}"))
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
        hash_with(b"decoy password nobody has", &mut memory).expect("hashing").0
    })
}

/// Splits one argon2 output into the checked half and the password key.
fn split(out: &[u8]) -> (&[u8], WrapKey) {
    let (checked, key) = out.split_at(out.len() - KEY_LEN);
    (checked, WrapKey::from_password_half(key.try_into().expect("KEY_LEN bytes")))
}

/// A PHC string (`$argon2id$v=19$m=…,t=…,p=…,k=32$salt$hash`) for `password`, and the password
/// key, using `memory`.
fn hash_with(password: &[u8], memory: &mut [Block]) -> anyhow::Result<(String, WrapKey)> {
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    let mut salt_bytes = [0u8; 64];
    let salt_raw = salt.decode_b64(&mut salt_bytes).map_err(|e| anyhow::anyhow!("salt: {e}"))?;
    let mut out = zeroize::Zeroizing::new([0u8; OUTPUT_LEN + KEY_LEN]);
    argon2(params(MEMORY_KIB, TIME_COST, 1, OUTPUT_LEN + KEY_LEN)?)
        .hash_password_into_with_memory(password, salt_raw, out.as_mut(), memory)
        .map_err(|e| anyhow::anyhow!("Failed to hash a password: {e}"))?;
    let (checked, key) = split(out.as_ref());
    let output = Output::new(checked).map_err(|e| anyhow::anyhow!("hash output: {e}"))?;
    let phc = format!("$argon2id$v=19$m={MEMORY_KIB},t={TIME_COST},p=1,k={KEY_LEN}${}${output}", salt.as_str());
    Ok((phc, key))
}

/// Whether `password` matches the PHC string `stored`, using `memory` (grown if the stored
/// parameters ask for more), and the password key when the hash keeps one.
fn verify_with(password: &[u8], stored: &str, memory: &mut Vec<Block>) -> anyhow::Result<Checked> {
    let parsed = PasswordHash::new(stored).map_err(|e| anyhow::anyhow!("Stored hash unreadable: {e}"))?;
    let get = |name: &str| parsed.params.get_decimal(name).ok_or_else(|| anyhow::anyhow!("stored hash lacks {name}"));
    let (m, t, p) = (get("m")?, get("t")?, get("p")?);
    let key_len = match parsed.params.get_decimal("k") {
        None => 0,
        Some(k) if k as usize == KEY_LEN => KEY_LEN,
        Some(k) => anyhow::bail!("stored hash asks for a {k}-byte key"),
    };
    let expected = parsed.hash.ok_or_else(|| anyhow::anyhow!("stored hash has no output"))?;
    let salt = parsed.salt.ok_or_else(|| anyhow::anyhow!("stored hash has no salt"))?;
    let mut salt_bytes = [0u8; 64];
    let salt_raw = salt.decode_b64(&mut salt_bytes).map_err(|e| anyhow::anyhow!("salt: {e}"))?;
    let params = params(m, t, p, expected.len() + key_len)?;
    if memory.len() < params.block_count() {
        memory.resize(params.block_count(), Block::default());
    }
    let mut out = zeroize::Zeroizing::new(vec![0u8; expected.len() + key_len]);
    argon2(params)
        .hash_password_into_with_memory(password, salt_raw, &mut out, &mut memory[..])
        .map_err(|e| anyhow::anyhow!("Failed to check a password: {e}"))?;
    let (checked, key) = match key_len {
        0 => (&out[..], None),
        _ => {
            let (checked, key) = split(&out);
            (checked, Some(key))
        }
    };
    Ok(match bool::from(checked.ct_eq(expected.as_bytes())) {
        true => Checked::Right(key),
        false => Checked::Wrong,
    })
}

impl Default for PasswordHasher {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
        Self { permits: Arc::new(Semaphore::new(cores)), busy: Arc::default(), memory: Arc::default() }
    }
}

/// One hash counted among those running or waiting, until it leaves (or is cancelled).
struct Busy(Option<Arc<AtomicUsize>>);

impl Busy {
    fn enter(count: &Arc<AtomicUsize>) -> Self {
        count.fetch_add(1, Ordering::SeqCst);
        Self(Some(count.clone()))
    }

    /// Leaves; whether it was the last one.
    fn leave(mut self) -> bool {
        self.0.take().is_some_and(|count| count.fetch_sub(1, Ordering::SeqCst) == 1)
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        if let Some(count) = self.0.take() {
            count.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

impl PasswordHasher {
    /// Runs `work` on a blocking thread with a work area, one permit at a time.
    async fn with_memory<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut Vec<Block>) -> anyhow::Result<T> + Send + 'static,
    ) -> anyhow::Result<T> {
        let busy = Busy::enter(&self.busy);
        let _permit = self.permits.acquire().await?;
        let pool = self.memory.clone();
        tokio::task::spawn_blocking(move || {
            let taken = pool.lock().unwrap_or_else(|e| e.into_inner()).pop();
            let mut memory = taken.unwrap_or_else(|| vec![Block::default(); MEMORY_KIB as usize]);
            let result = work(&mut memory);
            let mut pooled = pool.lock().unwrap_or_else(|e| e.into_inner());
            if busy.leave() {
                pooled.clear(); // the burst is over
            } else {
                pooled.push(memory);
            }
            result
        })
        .await?
    }

    /// The hash to store for `password`, and its password key.
    pub async fn hash(&self, password: String) -> anyhow::Result<(String, WrapKey)> {
        self.with_memory(move |memory| hash_with(password.as_bytes(), memory)).await
    }

    /// Checks `password` against `hash`, or against a decoy when there is no account.
    pub async fn verify(&self, password: String, hash: Option<String>) -> anyhow::Result<Checked> {
        self.with_memory(move |memory| {
            let real = hash.is_some();
            let stored = hash.unwrap_or_else(|| decoy_hash().to_owned());
            let checked = verify_with(password.as_bytes(), &stored, memory)?;
            Ok(if real { checked } else { Checked::Wrong })
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_burst_of_hashes_shares_work_areas_and_frees_them_all_when_it_ends() {
        let hasher = PasswordHasher::default();
        let burst: Vec<_> = (0..6)
            .map(|i| {
                tokio::spawn({
                    let hasher = hasher.clone();
                    async move { hasher.hash(format!("burst password number {i}")).await }
                })
            })
            .collect();
        for hash in burst {
            hash.await.unwrap().unwrap();
        }
        assert_eq!(hasher.busy.load(Ordering::SeqCst), 0);
        assert!(hasher.memory.lock().unwrap().is_empty(), "no 19 MiB area is kept once the burst is over");
        // A hash cancelled while it waits for a permit is no longer counted.
        let permits = hasher.permits.clone();
        let all = permits.acquire_many(permits.available_permits() as u32).await.unwrap();
        let waiting = tokio::spawn({
            let hasher = hasher.clone();
            async move { hasher.hash("never hashed".into()).await }
        });
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        assert_eq!(hasher.busy.load(Ordering::SeqCst), 1);
        waiting.abort();
        let _ = waiting.await;
        drop(all);
        assert_eq!(hasher.busy.load(Ordering::SeqCst), 0);
    }

    #[tokio::test]
    async fn a_hash_verifies_its_password_only_and_gives_back_the_same_key() {
        use tend_core::sealing::DataKey;
        let hasher = PasswordHasher::default();
        let (hash, key) = hasher.hash("quiet river morning walk".into()).await.unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1,k=32$"), "{hash}");
        let data = DataKey::generate();
        let wrapped = key.wrap("password", &data);
        let Checked::Right(Some(again)) =
            hasher.verify("quiet river morning walk".into(), Some(hash.clone())).await.unwrap()
        else {
            panic!("the right password gives its key")
        };
        let sealed = data.seal("c", "words");
        assert_eq!(again.unwrap("password", &wrapped).unwrap().open("c", &sealed).unwrap(), "words");
        assert!(!hasher.verify("quiet river morning talk".into(), Some(hash.clone())).await.unwrap().is_right());
        assert!(!hasher.verify("anything".into(), None).await.unwrap().is_right(), "the decoy never matches");
        // The stored hash holds only the checked half: its output is 32 bytes, not the 64 computed.
        let stored = PasswordHash::new(&hash).unwrap();
        assert_eq!(stored.hash.unwrap().len(), 32);
        // Hashes made by the argon2 crate's own encoder (as earlier versions of Tend stored) still verify.
        use argon2::password_hash::PasswordHasher as _;
        let salt = SaltString::generate(&mut rand::rngs::OsRng);
        let old =
            argon2(Params::new(MEMORY_KIB, TIME_COST, 1, None).unwrap()).hash_password(b"older one", &salt).unwrap();
        assert!(matches!(
            hasher.verify("older one".into(), Some(old.to_string())).await.unwrap(),
            Checked::Right(None)
        ));
    }
}
