//! Build script: stamps the binary with the commit it was built from (`tend --version`) and the
//! date of that commit (the lower bound `tend doctor` checks the system clock against).
//!
//! The commit comes from `TEND_COMMIT` when set (a container build without `.git`), else from
//! `git rev-parse --short HEAD`, else "unknown": a source tarball without `.git` still builds.
//! The date comes from `SOURCE_DATE_EPOCH` (reproducible builds), else the commit's date, else
//! the time of the build.

use std::path::Path;
use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    let text = String::from_utf8(out.stdout).ok()?.trim().to_owned();
    (out.status.success() && !text.is_empty()).then_some(text)
}

fn main() {
    println!("cargo:rerun-if-env-changed=TEND_COMMIT");
    println!("cargo:rerun-if-env-changed=SOURCE_DATE_EPOCH");
    // Rebuild when HEAD moves: HEAD itself, the branch it points to, and packed refs.
    for path in ["HEAD", "packed-refs"] {
        if let Some(file) = git(&["rev-parse", "--git-path", path]) {
            rerun_if_exists(&file);
        }
    }
    if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
        if let Some(file) = git(&["rev-parse", "--git-path", &branch]) {
            rerun_if_exists(&file);
        }
    }

    let commit = std::env::var("TEND_COMMIT")
        .ok()
        .filter(|c| !c.trim().is_empty())
        .or_else(|| git(&["rev-parse", "--short", "HEAD"]))
        .unwrap_or_else(|| "unknown".to_owned());
    let date = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .or_else(|| git(&["log", "-1", "--format=%ct", "HEAD"]).and_then(|s| s.parse().ok()))
        .unwrap_or_else(|| {
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
        });
    println!("cargo:rustc-env=TEND_COMMIT={commit}");
    println!("cargo:rustc-env=TEND_BUILD_EPOCH={date}");
}

fn rerun_if_exists(file: &str) {
    // `git rev-parse --git-path` answers relative to the current directory (the crate's).
    if Path::new(file).exists() {
        println!("cargo:rerun-if-changed={file}");
    }
}
