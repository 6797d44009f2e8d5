//! How the couple's key reaches each partner without the host ever holding it.
//!
//! The couple's key is a `DataKey` like a person's own. Each member keeps it wrapped under their
//! own data key (`DataKey::wrap`). To hand it to a partner who isn't signed in, a member seals it
//! to the partner's **public key** (a libsodium sealed box: X25519 and XSalsa20-Poly1305, from
//! RustCrypto's `crypto_box`); the partner opens it with the secret half at their next request
//! and keeps it wrapped under their own key from then on.
//!
//! A person's key pair is derived from their data key (HKDF-SHA256), so nothing more is stored
//! than the public half: a new data key after a reset without the recovery code means a new pair,
//! and the partner hands the couple's key over again.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use crypto_box::aead::OsRng;
use hkdf::Hkdf;
use sha2::Sha256;
use zeroize::Zeroizing;

use super::{open_bytes, seal_bytes, CannotOpen, DataKey, WrappedKey, KEY_LEN, WRAPPED};

const PUBLIC: &str = "p1.";
const BOXED: &str = "b1.";

/// A person's public key, stored as it is: a partner seals the couple's key to it.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct PublicKey(String);

impl PublicKey {
    /// Takes a stored value back; `None` unless it is a 32-byte key in the stored form.
    pub fn from_stored(stored: String) -> Option<Self> {
        Self::decode(&stored)?;
        Some(Self(stored))
    }

    pub fn as_stored(&self) -> &str {
        &self.0
    }

    fn decode(stored: &str) -> Option<crypto_box::PublicKey> {
        let bytes = URL_SAFE_NO_PAD.decode(stored.strip_prefix(PUBLIC)?).ok()?;
        crypto_box::PublicKey::from_slice(&bytes).ok()
    }

    /// `key`, sealed so that only the holder of this public key's secret half opens it, bound to
    /// `context`.
    pub fn boxed(&self, context: &str, key: &DataKey) -> BoxedKey {
        let public = Self::decode(&self.0).expect("a PublicKey is checked when made");
        let mut plain = Zeroizing::new(Vec::with_capacity(KEY_LEN + context.len()));
        plain.extend_from_slice(key.0.as_ref());
        plain.extend_from_slice(context.as_bytes());
        let sealed = public.seal(&mut OsRng, &plain).expect("a sealed box takes any length Tend gives it");
        BoxedKey(format!("{BOXED}{}", URL_SAFE_NO_PAD.encode(sealed)))
    }
}

/// A key sealed to someone's public key.
#[derive(Clone, PartialEq, Eq)]
pub struct BoxedKey(String);

impl std::fmt::Debug for BoxedKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BoxedKey(…)")
    }
}

/// How one member holds the couple's key: sealed to their public key until they first use it,
/// then wrapped under their own data key.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum CoupleKeyWrap {
    Boxed(BoxedKey),
    Wrapped(WrappedKey),
}

impl CoupleKeyWrap {
    pub fn from_stored(stored: String) -> Option<Self> {
        if stored.starts_with(BOXED) {
            Some(Self::Boxed(BoxedKey(stored)))
        } else {
            WrappedKey::from_stored(stored).map(Self::Wrapped)
        }
    }

    pub fn as_stored(&self) -> &str {
        match self {
            Self::Boxed(boxed) => &boxed.0,
            Self::Wrapped(wrapped) => wrapped.as_stored(),
        }
    }

    /// The key it holds, opened with the member's own data key.
    pub fn open(&self, own: &DataKey, context: &str) -> Result<DataKey, CannotOpen> {
        match self {
            Self::Boxed(boxed) => own.unbox(context, boxed),
            Self::Wrapped(wrapped) => own.unwrap(context, wrapped),
        }
    }
}

impl DataKey {
    /// The secret half of this key's pair: derived, so that the data key is never used as it is
    /// for a second purpose.
    fn pair_secret(&self) -> crypto_box::SecretKey {
        let mut bytes = Zeroizing::new([0u8; KEY_LEN]);
        Hkdf::<Sha256>::new(None, self.0.as_ref())
            .expand(b"tend key pair v1", bytes.as_mut())
            .expect("32 bytes is a valid HKDF-SHA256 length");
        crypto_box::SecretKey::from_bytes(*bytes)
    }

    /// The public half of the key pair this data key gives.
    pub fn public_key(&self) -> PublicKey {
        let public = self.pair_secret().public_key();
        PublicKey(format!("{PUBLIC}{}", URL_SAFE_NO_PAD.encode(public.as_bytes())))
    }

    /// A key sealed to this key's public half for `context`.
    pub fn unbox(&self, context: &str, boxed: &BoxedKey) -> Result<DataKey, CannotOpen> {
        let sealed = boxed.0.strip_prefix(BOXED).and_then(|b| URL_SAFE_NO_PAD.decode(b).ok()).ok_or(CannotOpen)?;
        let plain = Zeroizing::new(self.pair_secret().unseal(&sealed).map_err(|_| CannotOpen)?);
        if plain.len() != KEY_LEN + context.len() || &plain[KEY_LEN..] != context.as_bytes() {
            return Err(CannotOpen);
        }
        let bytes: [u8; KEY_LEN] = plain[..KEY_LEN].try_into().map_err(|_| CannotOpen)?;
        Ok(DataKey(Zeroizing::new(bytes)))
    }

    /// Another key (such as the couple's), wrapped under this one for `context`.
    pub fn wrap(&self, context: &str, key: &DataKey) -> WrappedKey {
        WrappedKey(seal_bytes(&self.0, WRAPPED, context, key.0.as_ref()))
    }

    pub fn unwrap(&self, context: &str, wrapped: &WrappedKey) -> Result<DataKey, CannotOpen> {
        let plain = open_bytes(&self.0, WRAPPED, context, wrapped.as_stored())?;
        let bytes: [u8; KEY_LEN] = plain.as_slice().try_into().map_err(|_| CannotOpen)?;
        Ok(DataKey(Zeroizing::new(bytes)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_sealed_to_a_public_key_opens_only_with_its_data_key_and_context() {
        let partner = DataKey::generate();
        let couple = DataKey::generate();
        let public = PublicKey::from_stored(partner.public_key().as_stored().to_owned()).unwrap();
        assert_eq!(public, partner.public_key(), "the pair is derived, so it comes out the same");
        let boxed = public.boxed("couple:1", &couple);
        let opened = partner.unbox("couple:1", &boxed).unwrap();
        let words = couple.seal("shared", "for both of us");
        assert_eq!(opened.open("shared", &words).unwrap(), "for both of us");
        assert!(partner.unbox("couple:2", &boxed).is_err(), "another couple");
        assert!(DataKey::generate().unbox("couple:1", &boxed).is_err(), "another person");
        assert_ne!(public.boxed("couple:1", &couple), boxed, "a fresh box each time");
    }

    #[test]
    fn the_couple_key_comes_back_from_either_way_a_member_holds_it() {
        let me = DataKey::generate();
        let couple = DataKey::generate();
        let words = couple.seal("shared", "ours");
        let held =
            [CoupleKeyWrap::Boxed(me.public_key().boxed("c", &couple)), CoupleKeyWrap::Wrapped(me.wrap("c", &couple))];
        for wrap in held {
            let again = CoupleKeyWrap::from_stored(wrap.as_stored().to_owned()).unwrap();
            assert_eq!(again, wrap);
            assert_eq!(again.open(&me, "c").unwrap().open("shared", &words).unwrap(), "ours");
            assert!(again.open(&DataKey::generate(), "c").is_err());
        }
        assert!(CoupleKeyWrap::from_stored("s1.abc".into()).is_none());
        assert!(PublicKey::from_stored("p1.short".into()).is_none());
        assert_eq!(format!("{:?}", me.public_key().boxed("c", &couple)), "BoxedKey(…)");
    }
}
