//! `tend doctor`: asks the host's setup what is wrong. One line per check, `✓` (fine), `⚠`
//! (works, but worth a look) or `✗` (broken), and for anything not fine a sentence saying how to
//! fix it. The exit code is 1 when any check failed; warnings alone leave it 0. Nothing is changed:
//! no folder is created and no migration applied; the only thing that leaves the machine is the
//! test email, and only with `--send-test-to ADDRESS`.
//!
//! The checks live beside this file: `disk.rs` (the data folder), `database.rs`, `mail.rs`, and
//! `web.rs` (the public URL with its cookies, and the clock).

mod database;
mod disk;
mod mail;
mod web;

use std::fmt;
use std::path::Path;

use tend_store::Backend;

use crate::config::Config;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Ok,
    Warn,
    Fail,
}

/// One line of the report: what was checked, what was found and, unless fine, the fix.
pub struct Check {
    status: Status,
    label: &'static str,
    found: String,
    fix: Option<String>,
}

impl Check {
    pub fn ok(label: &'static str, found: impl Into<String>) -> Check {
        Check { status: Status::Ok, label, found: found.into(), fix: None }
    }

    pub fn warn(label: &'static str, found: impl Into<String>, fix: impl Into<String>) -> Check {
        Check { status: Status::Warn, label, found: found.into(), fix: Some(fix.into()) }
    }

    pub fn fail(label: &'static str, found: impl Into<String>, fix: impl Into<String>) -> Check {
        Check { status: Status::Fail, label, found: found.into(), fix: Some(fix.into()) }
    }
}

/// Multi-line causes (a TOML parse error draws a little picture) fold into the one line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl fmt::Display for Check {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mark = match self.status {
            Status::Ok => "✓",
            Status::Warn => "⚠",
            Status::Fail => "✗",
        };
        write!(f, "{mark} {}: {}", self.label, one_line(&self.found))?;
        if let Some(fix) = &self.fix {
            write!(f, ". Fix: {}", one_line(fix))?;
        }
        Ok(())
    }
}

/// Prints each check as it comes (some wait on the network) and counts the outcome.
#[derive(Default)]
struct Report {
    failed: usize,
    warned: usize,
}

impl Report {
    fn add(&mut self, check: Check) {
        match check.status {
            Status::Ok => {}
            Status::Warn => self.warned += 1,
            Status::Fail => self.failed += 1,
        }
        println!("{check}");
    }

    fn close(&self) -> i32 {
        match (self.failed, self.warned) {
            (0, 0) => println!("Everything checked is fine."),
            (0, w) => println!("Nothing is broken; {w} {} worth a look.", plural(w, "warning", "warnings")),
            (f, w) => {
                println!("{f} {} to fix, {w} {}.", plural(f, "problem", "problems"), plural(w, "warning", "warnings"))
            }
        }
        i32::from(self.failed > 0)
    }
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// Runs every check and returns the exit code.
pub async fn run(config_file: Option<&Path>, send_test_to: Option<&str>) -> i32 {
    let mut report = Report::default();
    match Config::load(config_file) {
        Err(e) => report.add(Check::fail(
            "config",
            format!("{e:#}"),
            "correct the file or the TEND_* variable named above (every key is described in \
             /etc/tend/tend.toml or packaging/tend.toml, and the README)",
        )),
        Ok(config) => {
            report.add(Check::ok("config", source(config_file)));
            let mut folder_ok = true;
            if config.store_options().backend() == Backend::Sqlite {
                for check in disk::checks(&config.data_dir) {
                    folder_ok &= !(check.label == disk::LABEL && check.status == Status::Fail);
                    report.add(check);
                }
            }
            for check in database::checks(&config, folder_ok).await {
                report.add(check);
            }
            for check in mail::checks(&config, send_test_to).await {
                report.add(check);
            }
            report.add(web::public_url(&config));
        }
    }
    report.add(web::clock());
    report.close()
}

/// Where the configuration came from, in words.
fn source(config_file: Option<&Path>) -> String {
    let file = config_file
        .map(|p| p.display().to_string())
        .or_else(|| std::env::var("TEND_CONFIG").ok().filter(|v| !v.is_empty()));
    let mut variables: Vec<String> = std::env::vars()
        .filter(|(k, v)| !v.is_empty() && k != "TEND_CONFIG")
        .map(|(k, _)| k)
        .filter(|k| k.strip_prefix("TEND_").is_some_and(|key| crate::config::KEYS.contains(&key)))
        .collect();
    variables.sort();
    match (file, variables.is_empty()) {
        (Some(file), true) => format!("loaded from {file}"),
        (Some(file), false) => format!("loaded from {file} and {}", variables.join(", ")),
        (None, true) => "built-in defaults (no config file, no TEND_* variables)".to_owned(),
        (None, false) => format!("loaded from {}", variables.join(", ")),
    }
}
