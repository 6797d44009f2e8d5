//! Every sentence Tend's code shows a person, from the Fluent files in `content/locales/`.
//!
//! `build.rs` checks those files at build time and makes each message a function here:
//! `msg::journal_entry_length()` for a message without variables (rendered once, then kept),
//! `msg::days_ago(3)` for one with variables (plurals and numbers by Fluent's rules). English
//! (`content/locales/en/`) is the source and, for now, the only language built in: a
//! translation folder beside it is checked by `build.rs`, and becomes a choice for hosts once
//! the templates' words are messages too.

use std::sync::{LazyLock, OnceLock};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

include!(concat!(env!("OUT_DIR"), "/msg.rs"));

/// A value for a message's variable: text or a number. A message's variables are its
/// function's arguments in alphabetical order.
pub type Arg<'a> = FluentValue<'a>;

/// A message without variables as a value, for a `const` table: `msg::title_journal` (call it
/// to read it).
pub type Words = fn() -> &'static str;

static BUNDLE: LazyLock<FluentBundle<FluentResource>> = LazyLock::new(|| {
    let english: unic_langid::LanguageIdentifier = "en".parse().expect("a language tag");
    let mut bundle = FluentBundle::new_concurrent(vec![english]);
    // Plain text for pages, emails and JSON alike: no invisible direction marks around values.
    bundle.set_use_isolating(false);
    for text in ENGLISH {
        let resource = FluentResource::try_new((*text).to_owned()).expect("build.rs parsed this file");
        bundle.add_resource(resource).expect("build.rs found no message defined twice");
    }
    bundle
});

fn format(id: &str, args: Option<&FluentArgs>) -> String {
    let pattern = BUNDLE
        .get_message(id)
        .and_then(|message| message.value())
        .unwrap_or_else(|| unreachable!("build.rs makes a function only for a message English has: {id}"));
    let mut errors = Vec::new();
    let text = BUNDLE.format_pattern(pattern, args, &mut errors);
    if !errors.is_empty() {
        tracing::error!(id, ?errors, "a message rendered with errors");
    }
    text.into_owned()
}

fn render<const N: usize>(id: &str, args: [(&'static str, Arg<'_>); N]) -> String {
    let mut fluent_args = FluentArgs::with_capacity(N);
    for (name, value) in args {
        fluent_args.set(name, value);
    }
    format(id, Some(&fluent_args))
}

/// A message without variables, rendered once and kept for the process.
struct Once(OnceLock<String>);

impl Once {
    const fn new() -> Self {
        Self(OnceLock::new())
    }

    fn text(&'static self, id: &str) -> &'static str {
        self.0.get_or_init(|| format(id, None))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_renders_without_error_or_direction_marks() {
        for (id, variables) in MESSAGES {
            let pattern = BUNDLE.get_message(id).and_then(|m| m.value()).expect("English has every message");
            let mut args = FluentArgs::new();
            for variable in *variables {
                args.set(*variable, 2);
            }
            let mut errors = Vec::new();
            let text = BUNDLE.format_pattern(pattern, Some(&args), &mut errors);
            assert!(errors.is_empty(), "{id}: {errors:?}");
            assert!(!text.trim().is_empty(), "{id} is empty");
            assert!(!text.contains(['\u{2068}', '\u{2069}']), "{id} carries direction marks");
        }
    }

    #[test]
    fn counts_take_english_plural_forms() {
        assert_eq!(when_minutes_ago(1), "a minute ago");
        assert_eq!(when_minutes_ago(20), "20 minutes ago");
        assert_eq!(when_days_ago(1), "yesterday");
        assert_eq!(when_days_ago(3), "3 days ago");
    }

    #[test]
    fn a_message_without_variables_is_the_same_text_each_time() {
        assert_eq!(when_just_now(), "just now");
        assert!(std::ptr::eq(when_just_now(), when_just_now()), "rendered once and kept");
    }
}
