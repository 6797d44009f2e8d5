//! Words a person writes: trimmed, one to `max` characters (as people count them: graphemes),
//! and no control characters but line breaks. One rule for every text field.

use unicode_segmentation::UnicodeSegmentation;

use crate::FieldError;

/// The longest appreciation journal entry.
pub const JOURNAL_MAX: usize = 500;
/// The longest note of the clarity exercise.
pub const CLARITY_MAX: usize = 2000;
/// The longest note of the desires-and-boundaries conversation.
pub const TOUCH_MAX: usize = 1000;
/// What a person writes for a plan step that asks for writing.
pub const PLAN_WRITING_MAX: usize = 2000;

pub fn written(raw: &str, max: usize, field: &'static str, message: &'static str) -> Result<String, FieldError> {
    let text = raw.trim();
    let length = text.graphemes(true).count();
    if length == 0 || length > max || text.chars().any(|c| c.is_control() && c != '\n') {
        return Err(FieldError::new(field, message));
    }
    Ok(text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_trimmed_counted_in_graphemes_and_free_of_control_characters() {
        assert_eq!(written("  hello\n", 5, "f", "m").unwrap(), "hello");
        assert_eq!(written("👩‍❤️‍👨", 1, "f", "m").unwrap(), "👩‍❤️‍👨", "one grapheme");
        assert!(written("   ", 5, "f", "m").is_err());
        assert!(written("abcdef", 5, "f", "m").is_err());
        assert!(written("a\u{7}b", 5, "f", "m").is_err());
        assert_eq!(written("a\nb", 5, "f", "m").unwrap(), "a\nb");
    }
}
