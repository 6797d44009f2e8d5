//! An email address as Tend stores it: trimmed, lower-cased, shaped like an address.

use crate::msg;
use crate::FieldError;

/// A syntactically plausible email address, normalised so one person has one spelling.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    pub const MAX_LEN: usize = 254;

    pub fn parse(field: &'static str, raw: &str) -> Result<Self, FieldError> {
        let value = raw.trim().to_lowercase();
        if value.is_empty() {
            return Err(FieldError::new(field, msg::email_enter_your_email_address()));
        }
        if value.len() > Self::MAX_LEN {
            return Err(FieldError::new(field, msg::email_that_email_address_too()));
        }
        let shaped_right = match value.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !domain.contains("..")
            }
            None => false,
        };
        if !shaped_right || value.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(FieldError::new(field, msg::email_that_doesnt_look_like()));
        }
        Ok(Self(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_trimmed_and_lower_cased() {
        let email = Email::parse("email", "  Ana@Example.ORG ").unwrap();
        assert_eq!(email.as_str(), "ana@example.org");
    }

    #[test]
    fn malformed_addresses_are_refused_with_the_field_named() {
        for bad in [
            "",
            "ana",
            "ana@",
            "@example.org",
            "ana@example",
            "a b@example.org",
            "a@b@c.org",
            "ana@.org",
            "ana@example..org",
        ] {
            let err = Email::parse("email", bad).unwrap_err();
            assert_eq!(err.field, "email", "{bad:?}");
        }
    }

    #[test]
    fn an_address_longer_than_254_bytes_is_refused() {
        let long = format!("{}@example.org", "a".repeat(250));
        assert!(Email::parse("email", &long).is_err());
    }
}
