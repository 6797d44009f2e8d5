//! The short invite code a partner can type: eight characters from an alphabet without look-alikes
//! (no 0/O, 1/I/L, U), shown as `ABCD-EFGH`, forgiving about case, spaces and dashes when typed.

use crate::msg;
use crate::FieldError;

const ALPHABET: &[u8; 30] = b"23456789ABCDEFGHJKMNPQRSTVWXYZ";
pub const CODE_LEN: usize = 8;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InviteCode(String);

impl InviteCode {
    /// Builds a code from random bytes by rejection sampling (no modulo bias).
    /// Returns `None` when the bytes ran out before eight characters were drawn.
    pub fn from_random(bytes: &[u8]) -> Option<Self> {
        let limit = (256 / ALPHABET.len() * ALPHABET.len()) as u8;
        let code: String = bytes
            .iter()
            .filter(|b| **b < limit)
            .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
            .take(CODE_LEN)
            .collect();
        (code.len() == CODE_LEN).then_some(Self(code))
    }

    /// Reads a code as a person typed it.
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, FieldError> {
        let cleaned: String =
            raw.chars().filter(|c| !c.is_whitespace() && *c != '-').map(|c| c.to_ascii_uppercase()).collect();
        if cleaned.len() != CODE_LEN || !cleaned.bytes().all(|b| ALPHABET.contains(&b)) {
            return Err(FieldError::new(field, msg::invite_code_invite_code_has_eight()));
        }
        Ok(Self(cleaned))
    }

    /// The canonical form, used for hashing.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The form shown to people: `ABCD-EFGH`.
    pub fn display(&self) -> String {
        format!("{}-{}", &self.0[..4], &self.0[4..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_read_whatever_its_case_spaces_and_dashes() {
        let typed = InviteCode::parse("code", " abcd-efgh ").unwrap();
        assert_eq!(typed.as_str(), "ABCDEFGH");
        assert_eq!(typed.display(), "ABCD-EFGH");
        assert_eq!(InviteCode::parse("code", "ab cd ef gh").unwrap(), typed);
    }

    #[test]
    fn look_alike_characters_and_wrong_lengths_are_refused() {
        for bad in ["ABCD-EFG0", "ABCD-EFGI", "ABCDEFG", "ABCDEFGHJ", "", "ABCD_EFGH"] {
            assert!(InviteCode::parse("code", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn random_bytes_make_a_code_that_parses_back() {
        let bytes: Vec<u8> = (0u8..=255).rev().collect();
        let code = InviteCode::from_random(&bytes).unwrap();
        assert_eq!(InviteCode::parse("code", &code.display()).unwrap(), code);
    }

    #[test]
    fn bytes_above_the_sampling_limit_are_skipped() {
        assert!(InviteCode::from_random(&[255; 32]).is_none());
        assert_eq!(InviteCode::from_random(&[0; 8]).unwrap().as_str(), "22222222");
    }
}
