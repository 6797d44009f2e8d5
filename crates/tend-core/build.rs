//! Checks Tend's message files at build time and turns each message into a function.
//!
//! Every sentence Tend's code shows a person lives in `content/locales/<language>/*.ftl`
//! (Fluent). This script parses them all; a syntax error, a message defined twice, a message
//! with attributes, or a translation that names a message or a variable English doesn't have
//! stops the build. For every English message it writes one function into `msg.rs` (in
//! `OUT_DIR`), named after the message, taking its variables as arguments: calling a message
//! that doesn't exist, or forgetting a variable, is a compile error. Only English is built in:
//! a translation folder is checked here, and read once the templates' words are messages too.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

const SOURCE_LANGUAGE: &str = "en";

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content/locales");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut languages: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for dir in std::fs::read_dir(&root).expect("content/locales exists") {
        let dir = dir.expect("content/locales is readable").path();
        if !dir.is_dir() {
            continue;
        }
        println!("cargo:rerun-if-changed={}", dir.display());
        let language = dir.file_name().unwrap().to_string_lossy().into_owned();
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .expect("a language folder is readable")
            .map(|f| f.expect("a message file is readable").path())
            .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
            .collect();
        files.sort();
        for file in &files {
            println!("cargo:rerun-if-changed={}", file.display());
        }
        languages.insert(language, files);
    }
    let english = languages.get(SOURCE_LANGUAGE).expect("content/locales/en holds the source messages");
    let source = messages_of(english);
    for (language, files) in &languages {
        if language == SOURCE_LANGUAGE {
            continue;
        }
        for (id, (variables, file)) in messages_of(files) {
            let Some((english_variables, _)) = source.get(&id) else {
                panic!("{file}: `{id}` is not an English message (content/locales/en)");
            };
            if let Some(extra) = variables.difference(english_variables).next() {
                panic!("{file}: `{id}` uses ${extra}, which the English message doesn't give");
            }
        }
    }
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("msg.rs");
    std::fs::write(out, generated(&languages, &source)).expect("OUT_DIR is writable");
}

/// Every message of one language: its variables and the file that holds it.
fn messages_of(files: &[PathBuf]) -> BTreeMap<String, (BTreeSet<String>, String)> {
    let mut messages = BTreeMap::new();
    for file in files {
        let name = file.strip_prefix(Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")).unwrap_or(file);
        let name = name.display().to_string();
        let text = std::fs::read_to_string(file).expect("a message file is readable");
        let resource = fluent_syntax::parser::parse(text.as_str()).unwrap_or_else(|(_, errors)| {
            let first = &errors[0];
            let line = text[..first.pos.start].lines().count().max(1);
            panic!("{name}:{line}: {}", first.kind);
        });
        for entry in resource.body {
            match entry {
                Entry::Message(message) => {
                    let id = message.id.name.to_owned();
                    assert!(message.attributes.is_empty(), "{name}: `{id}` has attributes; give each its own message");
                    let pattern = message.value.unwrap_or_else(|| panic!("{name}: `{id}` has no text"));
                    let mut variables = BTreeSet::new();
                    pattern_variables(&pattern, &mut variables);
                    if let Some((_, earlier)) = messages.insert(id.clone(), (variables, name.clone())) {
                        panic!("{name}: `{id}` is defined in {earlier} already");
                    }
                }
                Entry::Junk { content } => panic!("{name}: this doesn't parse: {content}"),
                _ => {}
            }
        }
    }
    messages
}

fn pattern_variables(pattern: &Pattern<&str>, into: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_variables(expression, into);
        }
    }
}

fn expression_variables(expression: &Expression<&str>, into: &mut BTreeSet<String>) {
    match expression {
        Expression::Select { selector, variants } => {
            inline_variables(selector, into);
            for variant in variants {
                pattern_variables(&variant.value, into);
            }
        }
        Expression::Inline(inline) => inline_variables(inline, into),
    }
}

fn inline_variables(inline: &InlineExpression<&str>, into: &mut BTreeSet<String>) {
    match inline {
        InlineExpression::VariableReference { id } => {
            into.insert(id.name.to_owned());
        }
        InlineExpression::FunctionReference { arguments, .. } => {
            for argument in &arguments.positional {
                inline_variables(argument, into);
            }
            for named in &arguments.named {
                inline_variables(&named.value, into);
            }
        }
        InlineExpression::Placeable { expression } => expression_variables(expression, into),
        _ => {}
    }
}

fn generated(
    languages: &BTreeMap<String, Vec<PathBuf>>,
    source: &BTreeMap<String, (BTreeSet<String>, String)>,
) -> String {
    let mut out = String::from("// Written by crates/tend-core/build.rs from content/locales; do not edit.\n\n");
    out.push_str("/// The text of the English message files.\n");
    out.push_str("pub(crate) const ENGLISH: &[&str] = &[\n");
    for file in &languages[SOURCE_LANGUAGE] {
        let _ = writeln!(out, "    include_str!({:?}),", file.canonicalize().unwrap().display().to_string());
    }
    out.push_str("];\n\n");
    out.push_str("/// Every English message and its variables.\n#[allow(dead_code)]\npub(crate) const MESSAGES: &[(&str, &[&str])] = &[\n");
    for (id, (variables, _)) in source {
        let _ = writeln!(out, "    ({id:?}, &{:?}),", variables.iter().collect::<Vec<_>>());
    }
    out.push_str("];\n\n");
    for (id, (variables, file)) in source {
        let name = id.replace('-', "_");
        let _ = writeln!(out, "/// `{id}` in {file}.");
        if variables.is_empty() {
            let _ = writeln!(
                out,
                "pub fn {name}() -> &'static str {{\n    static ONCE: Once = Once::new();\n    ONCE.text({id:?})\n}}\n"
            );
        } else {
            let params: Vec<String> = variables.iter().map(|v| format!("{v}: impl Into<Arg<'a>>")).collect();
            let args: Vec<String> = variables.iter().map(|v| format!("({v:?}, {v}.into())")).collect();
            let _ = writeln!(
                out,
                "pub fn {name}<'a>({}) -> String {{\n    render({id:?}, [{}])\n}}\n",
                params.join(", "),
                args.join(", ")
            );
        }
    }
    out
}
