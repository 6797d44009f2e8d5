//! The words of Tend's own pages that are not part of the program: the doors behind Today, the
//! calm error pages and the confirmations after a form, read from `content/pages.toml` (embedded
//! in the binary). Loaded strictly: an unknown, missing or empty entry fails this module's tests,
//! and `tend serve` checks it at start.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;

const EMBEDDED: &str = include_str!("../../../../content/pages.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageWords {
    pub extra_pages: Vec<ExtraPage>,
    pub hubs: Hubs,
    pub errors: Errors,
    /// The confirmation a page shows after a form led to it, by its `?done=` code.
    pub notices: BTreeMap<String, String>,
}

/// A page behind a door that is not a program feature of `content/features.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExtraPage {
    pub id: String,
    pub title: String,
    pub path: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hubs {
    pub together: Hub,
    pub talk: Hub,
    pub me: Hub,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hub {
    pub title: String,
    pub intro: String,
    pub doors: Vec<Door>,
}

/// A door: a feature id (or an extra page's id) and one line on it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Door {
    pub feature: String,
    pub line: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Errors {
    pub conflict_heading: String,
    pub plain_failure: String,
    pub not_found: ErrorText,
    pub too_many_attempts: ErrorText,
    pub invalid: ErrorText,
    pub unavailable: ErrorText,
    pub too_large: ErrorText,
    pub stale_form: ErrorText,
    pub course_link_expired: ErrorText,
    pub internal: ErrorText,
}

/// What an error page says: a heading, and what the person can do.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorText {
    pub heading: String,
    pub message: String,
}

fn load(text: &str) -> Result<PageWords, String> {
    let value: toml::Value = toml::from_str(text).map_err(|e| format!("content/pages.toml: {e}"))?;
    if let Some(path) = first_empty(&value, "") {
        return Err(format!("content/pages.toml: {path} is empty"));
    }
    value.try_into().map_err(|e| format!("content/pages.toml: {e}"))
}

/// Where the first blank text in `value` is (a dotted path), if any: every entry is a word.
fn first_empty(value: &toml::Value, path: &str) -> Option<String> {
    let at = |key: &str| if path.is_empty() { key.to_owned() } else { format!("{path}.{key}") };
    match value {
        toml::Value::String(text) => text.trim().is_empty().then(|| path.to_owned()),
        toml::Value::Array(items) => items.iter().enumerate().find_map(|(i, v)| first_empty(v, &at(&i.to_string()))),
        toml::Value::Table(table) => table.iter().find_map(|(k, v)| first_empty(v, &at(k))),
        _ => None,
    }
}

static WORDS: LazyLock<Result<PageWords, String>> = LazyLock::new(|| load(EMBEDDED));

/// The pages' words. `check()` at start makes sure they load, so this never fails while serving.
pub fn words() -> &'static PageWords {
    match &*WORDS {
        Ok(words) => words,
        Err(problem) => panic!("{problem}"),
    }
}

/// Whether the embedded words load, with the problem if not: `tend serve` refuses to start on one.
pub fn check() -> Result<(), String> {
    WORDS.as_ref().map(|_| ()).map_err(Clone::clone)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_page_words_load() {
        check().unwrap();
    }

    /// Every `?done=CODE` a page or handler leads to has words, so no confirmation goes missing.
    #[test]
    fn every_confirmation_a_page_asks_for_has_words() {
        fn sources(dir: &std::path::Path, found: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).unwrap().map(Result::unwrap) {
                let path = entry.path();
                if path.is_dir() {
                    sources(&path, found);
                } else if path.extension().is_some_and(|e| e == "rs" || e == "html") {
                    found.push(std::fs::read_to_string(&path).unwrap());
                }
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts = Vec::new();
        sources(&root.join("src"), &mut texts);
        sources(&root.join("templates"), &mut texts);
        let mut codes = 0;
        for text in &texts {
            for (_, rest) in text.match_indices("done=").map(|(i, _)| text.split_at(i + 5)) {
                let code: String = rest.chars().take_while(|c| c.is_ascii_lowercase() || *c == '-').collect();
                if !code.is_empty() {
                    codes += 1;
                    assert!(words().notices.contains_key(&code), "?done={code} has no words in content/pages.toml");
                }
            }
        }
        assert!(codes > 40, "only {codes} confirmations found: has the way pages ask for them changed?");
    }

    #[test]
    fn an_unknown_or_empty_entry_is_refused() {
        let unknown = EMBEDDED.replace("conflict_heading", "conflict_title");
        assert!(load(&unknown).is_err());
        let empty = EMBEDDED.replace("\"Just for you\"", "\" \"");
        assert_eq!(load(&empty).unwrap_err(), "content/pages.toml: hubs.me.title is empty");
    }
}
