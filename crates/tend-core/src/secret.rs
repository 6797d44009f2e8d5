//! Secrets (session tokens, invite links and codes, device cookies) are stored only as hashes.
//! The token itself carries at least 128 random bits, so a fast hash is enough: nobody can
//! guess their way back from the hash.

use sha2::{Digest, Sha256};

/// The hex SHA-256 of a secret, under a purpose label so one kind can never stand in for another.
pub fn secret_hash(purpose: &str, secret: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(purpose.as_bytes());
    hasher.update([0u8]);
    hasher.update(secret.as_bytes());
    hex::encode(hasher.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_secret_hashes_differently_for_different_purposes() {
        assert_ne!(secret_hash("session", "abc"), secret_hash("invite", "abc"));
        assert_eq!(secret_hash("session", "abc"), secret_hash("session", "abc"));
        assert_eq!(secret_hash("session", "abc").len(), 64);
    }
}
