//! Every sentence Tend's code shows a person, from the Fluent files in `content/locales/`.
//!
//! `build.rs` checks those files at build time and makes each message a function here:
//! `msg::journal_entry_length()` for a message without variables (rendered once, then kept),
//! `msg::days_ago(3)` for one with variables (plurals and numbers by Fluent's rules). English
//! (`content/locales/en/`) is the source; a translation is one more folder beside it, chosen
//! for the whole instance with [`choose`]; a message it lacks falls back to English.

use std::sync::atomic::{AtomicUsize, Ordering};
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

/// The instance's language: an index into `SOURCES` (0 is English).
static CHOSEN: AtomicUsize = AtomicUsize::new(0);

static BUNDLES: LazyLock<Vec<FluentBundle<FluentResource>>> =
    LazyLock::new(|| SOURCES.iter().map(|(language, texts)| bundle(language, texts)).collect());

fn bundle(language: &str, texts: &[&str]) -> FluentBundle<FluentResource> {
    let id: unic_langid::LanguageIdentifier = language.parse().expect("a language folder is named by its language tag");
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Plain text for pages, emails and JSON alike: no invisible direction marks around values.
    bundle.set_use_isolating(false);
    for text in texts {
        let resource = FluentResource::try_new((*text).to_owned()).expect("build.rs parsed this file");
        bundle.add_resource(resource).expect("build.rs found no message defined twice");
    }
    bundle
}

/// The languages this build of Tend speaks, English first.
pub fn languages() -> impl Iterator<Item = &'static str> {
    SOURCES.iter().map(|(language, _)| *language)
}

/// Choose the instance's language (a folder of `content/locales/`), before the first page.
pub fn choose(language: &str) -> Result<(), String> {
    let index = SOURCES.iter().position(|(l, _)| *l == language).ok_or_else(|| {
        let known: Vec<&str> = languages().collect();
        format!("Tend has no messages in {language:?}; it speaks {}", known.join(", "))
    })?;
    CHOSEN.store(index, Ordering::Relaxed);
    Ok(())
}

fn format(language: usize, id: &str, args: Option<&FluentArgs>) -> String {
    for bundle in [&BUNDLES[language], &BUNDLES[0]] {
        let Some(pattern) = bundle.get_message(id).and_then(|message| message.value()) else { continue };
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args, &mut errors);
        if !errors.is_empty() {
            tracing::error!(id, ?errors, "a message rendered with errors");
        }
        return text.into_owned();
    }
    unreachable!("build.rs makes a function only for a message English has: {id}")
}

fn render<const N: usize>(id: &str, args: [(&'static str, Arg<'_>); N]) -> String {
    let mut fluent_args = FluentArgs::with_capacity(N);
    for (name, value) in args {
        fluent_args.set(name, value);
    }
    format(CHOSEN.load(Ordering::Relaxed), id, Some(&fluent_args))
}

/// A message without variables, rendered once per language and kept for the process.
struct Once([OnceLock<String>; LANGUAGE_COUNT]);

impl Once {
    const fn new() -> Self {
        Self([const { OnceLock::new() }; LANGUAGE_COUNT])
    }

    fn text(&'static self, id: &str) -> &'static str {
        let language = CHOSEN.load(Ordering::Relaxed);
        self.0[language].get_or_init(|| format(language, id, None))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_of_every_language_renders_without_error_or_direction_marks() {
        for (language, bundle) in BUNDLES.iter().enumerate() {
            for (id, variables) in MESSAGES {
                let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
                    assert_ne!(language, 0, "English has {id}");
                    continue;
                };
                let mut args = FluentArgs::new();
                for variable in *variables {
                    args.set(*variable, 2);
                }
                let mut errors = Vec::new();
                let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
                assert!(errors.is_empty(), "{id}: {errors:?}");
                assert!(!text.trim().is_empty(), "{id} is empty");
                assert!(!text.contains(['\u{2068}', '\u{2069}']), "{id} carries direction marks");
            }
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

    #[test]
    fn only_a_language_with_a_folder_can_be_chosen() {
        assert!(languages().next() == Some("en"));
        let refused = choose("xx").unwrap_err();
        assert!(refused.contains("\"xx\"") && refused.contains("en"), "{refused}");
        assert!(choose("en").is_ok());
    }
}
