//! Words a person reads live in `content/locales/` (Fluent, through `tend_core::msg`), not in
//! Rust string literals: this test finds sentences written into the code of `tend-web` and
//! `tend-core` and fails on each one. Logs, internal errors and tests may say what they like.

use std::path::{Path, PathBuf};

/// Files whose sentences are for developers, not for people using Tend: the OpenAPI document's
/// descriptions, and the message machinery itself.
const FOR_DEVELOPERS: &[&str] = &["api/common_responses.rs", "api/mod.rs", "msg.rs", "words_in_code.rs"];

/// Lines whose literals never reach a person: logs, internal errors, test checks.
const NOT_SHOWN: &[&str] =
    &["tracing::", "anyhow!", ".context(", "expect(", "panic!", "assert", "#[error(", "#[doc", "bail!", "unreachable!"];

/// Whether a literal reads as a sentence: a capitalised word, then two lowercase ones.
fn is_sentence(text: &str) -> bool {
    let lower_word = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase() || c == '\'' || c == '’');
    let mut words = text.split(' ');
    let (Some(first), Some(second), Some(third)) = (words.next(), words.next(), words.next()) else { return false };
    let first = first.strip_suffix(',').unwrap_or(first);
    let mut chars = first.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && chars.all(|c| c.is_ascii_lowercase() || c == '\'' || c == '’')
        && lower_word(second)
        && third.starts_with(|c: char| c.is_ascii_lowercase())
}

/// The string literals of one line of code, before any `//` comment.
fn literals(line: &str) -> Vec<String> {
    let (mut found, mut current, mut inside, mut escaped) = (Vec::new(), String::new(), false, false);
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if inside {
            match (escaped, c) {
                (false, '\\') => escaped = true,
                (false, '"') => {
                    inside = false;
                    found.push(std::mem::take(&mut current));
                }
                _ => {
                    escaped = false;
                    current.push(c);
                }
            }
        } else if c == '"' {
            inside = true;
        } else if c == '/' && chars.peek() == Some(&'/') {
            break;
        }
    }
    found
}

/// Each sentence written into `source` outside its tests, as `line: text`.
fn sentences_in(source: &str) -> Vec<String> {
    let code = source.split("#[cfg(test)]").next().unwrap_or_default();
    let mut found = Vec::new();
    for (n, line) in code.lines().enumerate() {
        if line.trim_start().starts_with("//") || NOT_SHOWN.iter().any(|marker| line.contains(marker)) {
            continue;
        }
        found.extend(literals(line).into_iter().filter(|l| is_sentence(l)).map(|l| format!("{}: {l}", n + 1)));
    }
    found
}

fn rust_files(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(dir) = folders.pop() {
        for entry in std::fs::read_dir(&dir).expect("the source folder reads") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files
}

#[test]
fn no_sentence_a_person_reads_is_written_into_the_code() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let (mut found, mut scanned) = (Vec::new(), 0);
    for root in [crates.join("tend-web/src"), crates.join("tend-core/src")] {
        for file in rust_files(&root) {
            let name = file.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
            // The program's content (questions, guides, the coach's lists) is read from content/.
            if FOR_DEVELOPERS.contains(&name.as_str()) || name.starts_with("content/") || name.ends_with("tests.rs") {
                continue;
            }
            let source = std::fs::read_to_string(&file).expect("a source file reads");
            scanned += 1;
            found.extend(sentences_in(&source).into_iter().map(|s| format!("{name}:{s}")));
        }
    }
    assert!(scanned > 150, "the check read {scanned} files only");
    assert!(
        found.is_empty(),
        "move these into content/locales/en/*.ftl and read them with tend_core::msg:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_sees_a_sentence_and_lets_logs_comments_and_tests_be() {
    let source = r#"
        let shown = "Please write a line or two.";
        tracing::warn!("Something went wrong here");
        let code = "no_ground_rules"; // "Did you hear him shout"
        #[cfg(test)]
        const IN_A_TEST: &str = "This is only a test.";
    "#;
    assert_eq!(sentences_in(source), vec!["2: Please write a line or two.".to_owned()]);
    assert!(is_sentence("You're already in a couple space."));
    assert!(!is_sentence("Open Tend") && !is_sentence("signed_in"));
}
