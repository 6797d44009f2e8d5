//! What Tend accepts as a new password: 12 to 128 characters, any characters at all, and not one
//! of the 10,000 most common passwords (`content/common-passwords.txt`). No composition rules:
//! length is what makes a password strong, and rules push people towards predictable patterns.

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::msg;
use crate::FieldError;

pub const MIN_CHARS: usize = 12;
pub const MAX_CHARS: usize = 128;

const COMMON_PASSWORDS: &str = include_str!("../../../content/common-passwords.txt");

fn common_passwords() -> &'static HashSet<String> {
    static LIST: OnceLock<HashSet<String>> = OnceLock::new();
    LIST.get_or_init(|| {
        COMMON_PASSWORDS
            .lines()
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .map(str::to_lowercase)
            .collect()
    })
}

/// A password that meets the policy; only ever held long enough to hash it.
#[derive(Clone)]
pub struct NewPassword(String);

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(redacted)")
    }
}

impl NewPassword {
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, FieldError> {
        let chars = raw.chars().count();
        if chars < MIN_CHARS {
            return Err(FieldError::new(field, msg::password_use_at_least_12()));
        }
        if chars > MAX_CHARS {
            return Err(FieldError::new(field, "Please use 128 characters or fewer."));
        }
        if common_passwords().contains(&raw.to_lowercase()) {
            return Err(FieldError::new(field, msg::password_that_password_one_most()));
        }
        Ok(Self(raw.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// The number of common passwords Tend knows, for the start-up check that the list shipped whole.
pub fn common_password_count() -> usize {
    common_passwords().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_list_holds_ten_thousand_passwords() {
        assert!(common_password_count() >= 9_900, "{}", common_password_count());
    }

    #[test]
    fn every_one_of_the_ten_thousand_common_passwords_is_refused() {
        let list: Vec<&str> = COMMON_PASSWORDS.lines().filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
        assert!(list.len() >= 9_900);
        for common in list {
            assert!(NewPassword::parse("password", common).is_err(), "{common:?} was accepted");
            assert!(NewPassword::parse("password", &common.to_uppercase()).is_err(), "{common:?} in capitals");
        }
    }

    #[test]
    fn eleven_characters_are_too_few_and_twelve_enough() {
        assert!(NewPassword::parse("password", "elevenchars").is_err());
        assert!(NewPassword::parse("password", "twelve chars").is_ok());
    }

    #[test]
    fn a_password_longer_than_128_characters_is_refused() {
        assert!(NewPassword::parse("password", &"x".repeat(128)).is_ok());
        assert!(NewPassword::parse("password", &"x".repeat(129)).is_err());
    }

    #[test]
    fn a_common_password_is_refused_whatever_its_case() {
        let err = NewPassword::parse("password", "1q2w3e4r5t6y").unwrap_err();
        assert_eq!(err.field, "password");
        assert!(NewPassword::parse("password", "Q1W2E3R4T5Y6").is_err());
    }

    #[test]
    fn spaces_and_any_script_are_welcome() {
        assert!(NewPassword::parse("password", "ein ruhiger Morgen am Fluss").is_ok());
        assert!(NewPassword::parse("password", "静かな朝の川辺を歩く二人です").is_ok());
    }

    #[test]
    fn debug_output_never_shows_the_password() {
        let p = NewPassword::parse("password", "quiet river morning").unwrap();
        assert!(!format!("{p:?}").contains("river"));
    }
}
