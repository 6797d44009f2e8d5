//! Words sealed at rest, so whoever holds the database files (often the host, who may be one of
//! the two partners) cannot read them.
//!
//! Each person has a random **data key**. What they write privately is sealed under it with
//! XChaCha20-Poly1305 (RustCrypto; nothing hand-rolled) and stored only as ciphertext. The data
//! key itself is stored only *wrapped*, under keys the database never holds:
//!
//! - the **password key**, the second half of the one argon2id run done at log-in (the first half
//!   is what the stored password hash checks; see `tend-web/src/passwords.rs`);
//! - the **recovery key**, derived from a recovery code shown to the person once;
//! - the **session key**, derived from a session token, which only the browser or API client has
//!   (the database keeps the token's hash), so pages work without JavaScript and nothing readable
//!   rests on disk.
//!
//! Every ciphertext is bound to what it is (its *context*, such as `"private-note"`), so one kind
//! can't be passed off as another. Stored forms are text: `k1.` (a wrapped key) or `s1.` (sealed
//! words), then URL-safe base64 of the 24-byte nonce and the ciphertext.
//!
//! What the two partners share is sealed under the **couple's key** (`pair`): each member holds it
//! wrapped under their own data key, and gets it first as a sealed box to their public key, so
//! a partner can hand it over while the other is away.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hkdf::Hkdf;
use rand::RngCore;
use sha2::Sha256;
use zeroize::{Zeroize, Zeroizing};

mod pair;
mod recovery_code;
mod shared;
pub use pair::{BoxedKey, CoupleKeyWrap, PublicKey};
pub use recovery_code::RecoveryCode;
pub use shared::{partners_copy, Contexts, Resealed, SharedWords};

const KEY_LEN: usize = 32;
const NONCE_LEN: usize = 24;
const WRAPPED: &str = "k1.";
const SEALED: &str = "s1.";

/// Opening failed: the key is not the one it was sealed under, or the stored form was altered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("these words can't be opened with this key")]
pub struct CannotOpen;

fn random<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    bytes
}

fn cipher(key: &[u8; KEY_LEN]) -> XChaCha20Poly1305 {
    XChaCha20Poly1305::new(key.into())
}

fn seal_bytes(key: &[u8; KEY_LEN], prefix: &str, context: &str, plain: &[u8]) -> String {
    let nonce: [u8; NONCE_LEN] = random();
    let sealed = cipher(key)
        .encrypt(XNonce::from_slice(&nonce), Payload { msg: plain, aad: context.as_bytes() })
        .expect("XChaCha20-Poly1305 seals any length Tend stores");
    let mut out = Vec::with_capacity(NONCE_LEN + sealed.len());
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&sealed);
    format!("{prefix}{}", URL_SAFE_NO_PAD.encode(out))
}

fn open_bytes(
    key: &[u8; KEY_LEN],
    prefix: &str,
    context: &str,
    stored: &str,
) -> Result<Zeroizing<Vec<u8>>, CannotOpen> {
    let bytes = stored.strip_prefix(prefix).and_then(|b| URL_SAFE_NO_PAD.decode(b).ok()).ok_or(CannotOpen)?;
    if bytes.len() < NONCE_LEN {
        return Err(CannotOpen);
    }
    let (nonce, sealed) = bytes.split_at(NONCE_LEN);
    cipher(key)
        .decrypt(XNonce::from_slice(nonce), Payload { msg: sealed, aad: context.as_bytes() })
        .map(Zeroizing::new)
        .map_err(|_| CannotOpen)
}

/// A person's data key. Never stored as it is; wiped from memory when dropped.
#[derive(Clone)]
pub struct DataKey(Zeroizing<[u8; KEY_LEN]>);

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DataKey(redacted)")
    }
}

impl DataKey {
    pub fn generate() -> Self {
        Self(Zeroizing::new(random()))
    }

    /// Seals `words` for storage, bound to `context`.
    pub fn seal(&self, context: &str, words: &str) -> SealedWords {
        SealedWords(seal_bytes(&self.0, SEALED, context, words.as_bytes()))
    }

    /// The words `sealed` holds, if it was sealed under this key for `context`.
    pub fn open(&self, context: &str, sealed: &SealedWords) -> Result<String, CannotOpen> {
        let plain = open_bytes(&self.0, SEALED, context, &sealed.0)?;
        String::from_utf8(plain.to_vec()).map_err(|_| CannotOpen)
    }

    /// A value that tells this key from another without revealing it (HKDF-SHA256 under its own
    /// label), for telling in memory whether a person's key is still the one something was
    /// opened with. Never stored.
    pub fn fingerprint(&self) -> [u8; KEY_LEN] {
        let mut out = [0u8; KEY_LEN];
        Hkdf::<Sha256>::new(None, self.0.as_ref())
            .expand(b"tend data key fingerprint v1", &mut out)
            .expect("32 bytes is a valid HKDF-SHA256 length");
        out
    }
}

/// Sealed words as stored: opaque text, readable only with the key they were sealed under.
#[derive(Clone, PartialEq, Eq)]
pub struct SealedWords(String);

impl std::fmt::Debug for SealedWords {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SealedWords(…)")
    }
}

impl SealedWords {
    /// Takes a stored value back; `None` when it isn't in the sealed form at all.
    pub fn from_stored(stored: String) -> Option<Self> {
        stored.starts_with(SEALED).then_some(Self(stored))
    }

    pub fn as_stored(&self) -> &str {
        &self.0
    }
}

/// Words as a store row holds them: as written (from before sealing, or kinds not sealed yet) or
/// sealed. Exporting sealed words is refused: they are opened for their owner first.
#[derive(Clone, PartialEq, Eq)]
pub enum StoredWords {
    Plain(String),
    Sealed(SealedWords),
}

impl std::fmt::Debug for StoredWords {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Plain(words) => write!(f, "Plain({} chars)", words.chars().count()),
            Self::Sealed(_) => f.write_str("Sealed(…)"),
        }
    }
}

impl StoredWords {
    /// From a row's text and its `sealed` mark; a mark on text that isn't sealed is corrupt.
    pub fn from_row(text: String, sealed: bool) -> Result<Self, CannotOpen> {
        match sealed {
            false => Ok(Self::Plain(text)),
            true => SealedWords::from_stored(text).map(Self::Sealed).ok_or(CannotOpen),
        }
    }

    /// The text to store and whether it is sealed.
    pub fn to_row(&self) -> (&str, bool) {
        match self {
            Self::Plain(words) => (words, false),
            Self::Sealed(sealed) => (sealed.as_stored(), true),
        }
    }

    /// The words as written, for kinds that are not sealed; `None` for sealed ones.
    pub fn as_written(self) -> Option<String> {
        match self {
            Self::Plain(words) => Some(words),
            Self::Sealed(_) => None,
        }
    }

    /// The words: as written, or opened with `key`; `None` when sealed and there is no key, or
    /// not the one they were sealed under.
    pub fn opened(&self, key: Option<&DataKey>, context: &str) -> Option<String> {
        match (self, key) {
            (Self::Plain(words), _) => Some(words.clone()),
            (Self::Sealed(sealed), Some(key)) => key.open(context, sealed).ok(),
            (Self::Sealed(_), None) => None,
        }
    }

    /// The sealed form of words still as written; `None` when they are sealed already.
    pub fn sealed_if_written(&self, key: &DataKey, context: &str) -> Option<SealedWords> {
        match self {
            Self::Plain(words) => Some(key.seal(context, words)),
            Self::Sealed(_) => None,
        }
    }

    /// The words, opening them with `key` if they are sealed.
    pub fn read(&self, key: &DataKey, context: &str) -> Result<String, CannotOpen> {
        match self {
            Self::Plain(words) => Ok(words.clone()),
            Self::Sealed(sealed) => key.open(context, sealed),
        }
    }
}

impl serde::Serialize for StoredWords {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Plain(words) => serializer.serialize_str(words),
            Self::Sealed(_) => Err(serde::ser::Error::custom("sealed words are opened for their owner before export")),
        }
    }
}

/// A key that wraps a data key: derived from a password, a recovery code or a session token.
pub struct WrapKey(Zeroizing<[u8; KEY_LEN]>);

impl WrapKey {
    /// The key half of the log-in's argon2id output.
    pub fn from_password_half(mut half: [u8; KEY_LEN]) -> Self {
        let key = Self(Zeroizing::new(half));
        half.zeroize();
        key
    }

    /// The key a recovery code opens. The code carries 160 random bits, so a fast derivation is
    /// enough: nobody can guess it.
    pub fn from_recovery_code(code: &RecoveryCode) -> Self {
        Self::derive(code.0.as_bytes(), b"tend recovery key v1")
    }

    /// The key a session token opens. Tokens carry 256 random bits; the database keeps only their
    /// hash, which is a different function of the token.
    pub fn from_session_token(token: &str) -> Self {
        Self::derive(token.as_bytes(), b"tend session key v1")
    }

    /// The key an invite link's token opens (the couple's key, for whoever joins by it). Tokens
    /// carry 256 random bits; the database keeps only their hash.
    pub fn from_invite_link(token: &str) -> Self {
        Self::derive(token.as_bytes(), b"tend invite key v1")
    }

    fn derive(secret: &[u8], info: &[u8]) -> Self {
        let mut key = Zeroizing::new([0u8; KEY_LEN]);
        Hkdf::<Sha256>::new(None, secret).expand(info, key.as_mut()).expect("32 bytes is a valid HKDF-SHA256 length");
        Self(key)
    }

    /// `key`, wrapped for storage and bound to `context` (such as the session it belongs to).
    pub fn wrap(&self, context: &str, key: &DataKey) -> WrappedKey {
        WrappedKey(seal_bytes(&self.0, WRAPPED, context, key.0.as_ref()))
    }

    pub fn unwrap(&self, context: &str, wrapped: &WrappedKey) -> Result<DataKey, CannotOpen> {
        let plain = open_bytes(&self.0, WRAPPED, context, &wrapped.0)?;
        let bytes: [u8; KEY_LEN] = plain.as_slice().try_into().map_err(|_| CannotOpen)?;
        Ok(DataKey(Zeroizing::new(bytes)))
    }
}

/// A data key as stored: wrapped under a password, recovery or session key.
#[derive(Clone, PartialEq, Eq)]
pub struct WrappedKey(String);

impl std::fmt::Debug for WrappedKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("WrappedKey(…)")
    }
}

impl WrappedKey {
    pub fn from_stored(stored: String) -> Option<Self> {
        stored.starts_with(WRAPPED).then_some(Self(stored))
    }

    pub fn as_stored(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_words_open_only_with_their_key_and_context() {
        let key = DataKey::generate();
        let sealed = key.seal("private-note", "the words I keep for myself");
        assert!(!sealed.as_stored().contains("words"), "{}", sealed.as_stored());
        assert_eq!(key.open("private-note", &sealed).unwrap(), "the words I keep for myself");
        assert_eq!(key.open("journal", &sealed), Err(CannotOpen), "another context");
        assert_eq!(DataKey::generate().open("private-note", &sealed), Err(CannotOpen), "another key");
        let twice = key.seal("private-note", "the words I keep for myself");
        assert_ne!(twice, sealed, "a fresh nonce each time, so equal words don't look equal");
    }

    #[test]
    fn altered_sealed_words_refuse_to_open() {
        let key = DataKey::generate();
        let stored = key.seal("c", "hello").as_stored().to_owned();
        let mut bytes = stored.into_bytes();
        let last = bytes.len() - 2;
        bytes[last] = if bytes[last] == b'A' { b'B' } else { b'A' };
        let altered = SealedWords::from_stored(String::from_utf8(bytes).unwrap()).unwrap();
        assert_eq!(key.open("c", &altered), Err(CannotOpen));
        assert!(SealedWords::from_stored("plain words".into()).is_none());
    }

    #[test]
    fn a_data_key_comes_back_from_each_of_its_wraps_and_from_no_other_key() {
        let data = DataKey::generate();
        let code = RecoveryCode::generate();
        let by_code = WrapKey::from_recovery_code(&code).wrap("recovery", &data);
        let by_session = WrapKey::from_session_token("token-abc").wrap("session:1", &data);
        let sealed = data.seal("c", "still here");

        let again = RecoveryCode::parse(&code.grouped().to_lowercase()).unwrap();
        let opened = WrapKey::from_recovery_code(&again).unwrap("recovery", &by_code).unwrap();
        assert_eq!(opened.open("c", &sealed).unwrap(), "still here");
        let opened = WrapKey::from_session_token("token-abc").unwrap("session:1", &by_session).unwrap();
        assert_eq!(opened.open("c", &sealed).unwrap(), "still here");

        assert!(WrapKey::from_session_token("token-abd").unwrap("session:1", &by_session).is_err());
        assert!(WrapKey::from_session_token("token-abc").unwrap("session:2", &by_session).is_err());
        assert!(WrapKey::from_recovery_code(&RecoveryCode::generate()).unwrap("recovery", &by_code).is_err());
    }

    #[test]
    fn stored_words_come_back_from_their_row_and_refuse_to_export_sealed() {
        let key = DataKey::generate();
        let sealed = StoredWords::Sealed(key.seal("note", "mine"));
        let (text, mark) = sealed.to_row();
        let again = StoredWords::from_row(text.to_owned(), mark).unwrap();
        assert_eq!(again.read(&key, "note").unwrap(), "mine");
        assert!(serde_json::to_string(&again).is_err(), "sealed words never reach an export as ciphertext");
        let plain = StoredWords::from_row("as written".into(), false).unwrap();
        assert_eq!(serde_json::to_string(&plain).unwrap(), "\"as written\"");
        assert_eq!(plain.read(&key, "note").unwrap(), "as written");
        assert_eq!(plain.opened(None, "note").as_deref(), Some("as written"), "as written needs no key");
        assert_eq!(again.opened(None, "note"), None, "sealed words need the key");
        assert_eq!(again.opened(Some(&DataKey::generate()), "note"), None, "and only theirs");
        assert_eq!(again.opened(Some(&key), "note").as_deref(), Some("mine"));
        assert!(again.sealed_if_written(&key, "note").is_none(), "sealed once, never twice");
        let sealed = plain.sealed_if_written(&key, "note").unwrap();
        assert_eq!(key.open("note", &sealed).unwrap(), "as written");
        assert!(StoredWords::from_row("as written".into(), true).is_err(), "a sealed mark on plain text");
        assert_eq!(format!("{plain:?}"), "Plain(10 chars)");
    }

    #[test]
    fn nothing_secret_shows_in_debug_output() {
        let data = DataKey::generate();
        let shown = format!(
            "{data:?} {:?} {:?} {:?}",
            data.seal("c", "secret words"),
            WrapKey::from_session_token("t").wrap("c", &data),
            RecoveryCode::generate()
        );
        assert_eq!(shown, "DataKey(redacted) SealedWords(…) WrappedKey(…) RecoveryCode(redacted)");
    }
}
