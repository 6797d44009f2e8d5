//! The name a person shows their partner: one to sixty visible characters, no control characters.

use unicode_segmentation::UnicodeSegmentation;

use crate::msg;
use crate::FieldError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    pub const MAX_GRAPHEMES: usize = 60;

    pub fn parse(field: &'static str, raw: &str) -> Result<Self, FieldError> {
        let value = raw.trim();
        if value.is_empty() {
            return Err(FieldError::new(field, msg::display_name_tell_us_what_call()));
        }
        if value.graphemes(true).count() > Self::MAX_GRAPHEMES {
            return Err(FieldError::new(field, msg::display_name_keep_your_name_60()));
        }
        if value.chars().any(|c| c.is_control() || is_bidi_control(c)) {
            return Err(FieldError::new(field, msg::display_name_your_name_cant_contain()));
        }
        Ok(Self(value.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Characters that reorder text around them (U+202A–U+202E, U+2066–U+2069, and the marks
/// U+200E, U+200F, U+061C): in a name they could make the partner's screen read something else.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
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

    #[test]
    fn text_direction_controls_are_refused() {
        for c in ['\u{202E}', '\u{202A}', '\u{2066}', '\u{2069}', '\u{200F}', '\u{061C}'] {
            assert!(DisplayName::parse("n", &format!("Ana{c}neB")).is_err(), "{c:?}");
        }
        assert!(DisplayName::parse("n", "نور").is_ok(), "right-to-left names themselves are welcome");
    }
}
