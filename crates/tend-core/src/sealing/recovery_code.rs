//! The recovery code: 160 random bits shown once, in Crockford's base32, that opens a person's
//! data key after a forgotten password.

use super::random;

/// Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// 32 characters of 5 bits: 160 random bits.
const CODE_CHARS: usize = 32;

/// The code that opens a person's words after a forgotten password. Shown once; Tend keeps only
/// the data key wrapped under it.
#[derive(Clone, PartialEq, Eq)]
pub struct RecoveryCode(pub(super) String);

impl std::fmt::Debug for RecoveryCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RecoveryCode(redacted)")
    }
}

impl RecoveryCode {
    pub fn generate() -> Self {
        let bytes: [u8; 20] = random();
        let mut bits = 0u64;
        let mut held = 0;
        let mut code = String::with_capacity(CODE_CHARS);
        for byte in bytes {
            bits = (bits << 8) | u64::from(byte);
            held += 8;
            while held >= 5 {
                held -= 5;
                code.push(ALPHABET[((bits >> held) & 31) as usize] as char);
            }
        }
        Self(code)
    }

    /// Reads a code as a person types it: any case, with or without spaces and dashes, and with
    /// the letters people mistake for digits (O, I, L) taken as the digits.
    pub fn parse(typed: &str) -> Option<Self> {
        let mut code = String::with_capacity(CODE_CHARS);
        for c in typed.chars().filter(|c| !c.is_whitespace() && *c != '-') {
            let c = match c.to_ascii_uppercase() {
                'O' => '0',
                'I' | 'L' => '1',
                c => c,
            };
            if !c.is_ascii() || !ALPHABET.contains(&(c as u8)) {
                return None;
            }
            code.push(c);
        }
        (code.len() == CODE_CHARS).then_some(Self(code))
    }

    /// The code in groups of four, as shown to the person.
    pub fn grouped(&self) -> String {
        let chars: Vec<char> = self.0.chars().collect();
        chars.chunks(4).map(|g| g.iter().collect::<String>()).collect::<Vec<_>>().join("-")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovery_codes_carry_160_bits_and_read_back_as_typed() {
        let code = RecoveryCode::generate();
        assert_eq!(code.0.len(), 32);
        assert_eq!(code.grouped().len(), 39);
        assert_eq!(RecoveryCode::parse(&code.grouped()), Some(code.clone()));
        assert_eq!(RecoveryCode::parse(&format!(" {} ", code.grouped().replace('-', " "))), Some(code.clone()));
        let typed = "O1IL".repeat(8);
        assert_eq!(RecoveryCode::parse(&typed).unwrap().0, "0111".repeat(8));
        assert!(RecoveryCode::parse("too short").is_none());
        assert!(RecoveryCode::parse(&"U".repeat(32)).is_none(), "U is not in the alphabet");
        assert!(RecoveryCode::parse(&"é".repeat(32)).is_none());
        assert_ne!(RecoveryCode::generate(), RecoveryCode::generate());
    }
}
