//! The name a person shows their partner: one to sixty visible characters, no control characters.

use unicode_segmentation::UnicodeSegmentation;

use crate::FieldError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    pub const MAX_GRAPHEMES: usize = 60;

    pub fn parse(field: &'static str, raw: &str) -> Result<Self, FieldError> {
        let value = raw.trim();
        if value.is_empty() {
            return Err(FieldError::new(field, "Please tell us what to call you."));
        }
        if value.graphemes(true).count() > Self::MAX_GRAPHEMES {
            return Err(FieldError::new(field, "Please keep your name to 60 characters or fewer."));
        }
        if value.chars().any(char::is_control) {
            return Err(FieldError::new(field, "Your name can't contain control characters."));
        }
        Ok(Self(value.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_trimmed() {
        assert_eq!(DisplayName::parse("n", "  Ana ").unwrap().as_str(), "Ana");
    }

    #[test]
    fn an_empty_name_is_refused() {
        assert!(DisplayName::parse("n", "   ").is_err());
    }

    #[test]
    fn sixty_graphemes_are_accepted_and_sixty_one_refused() {
        let sixty = "é".repeat(60);
        assert!(DisplayName::parse("n", &sixty).is_ok());
        assert!(DisplayName::parse("n", &format!("{sixty}x")).is_err());
    }

    #[test]
    fn control_characters_are_refused() {
        assert!(DisplayName::parse("n", "An\u{0007}a").is_err());
    }
}
