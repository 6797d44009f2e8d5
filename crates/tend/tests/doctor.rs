//! The host's own checks, run as a host runs them: `tend doctor` against each broken setup it
//! knows (read-only data folder, unreachable database, PostgreSQL without durability, wrong SMTP
//! password, plain-HTTP public URL with secure cookies), each named by its exact ✗ line and exit
//! code 1; a sound setup exits 0 and sends its test email; `tend healthcheck`; `tend --version`.

mod support;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use support::smtp_auth::SmtpAuthServer;
use tend_store::test_support::fresh_options;
use tend_store::Backend;

const TEND: &str = env!("CARGO_BIN_EXE_tend");

fn temp_dir(name: &str) -> PathBuf {
    use std::hash::{BuildHasher, Hasher};
    let salt = std::collections::hash_map::RandomState::new().build_hasher().finish();
    let dir = std::env::temp_dir().join(format!("tend-doctor-{name}-{}-{salt}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `tend ARGS` with only PATH and the given variables.
fn tend(env: &[(&str, String)], args: &[&str]) -> Output {
    let mut cmd = Command::new(TEND);
    cmd.env_clear().env("PATH", std::env::var("PATH").unwrap_or_default()).args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

/// Runs `tend doctor`, and checks the exit code and that `line` is one of the report's lines.
fn doctor_says(env: &[(&str, String)], extra: &[&str], line: &str, code: i32) -> String {
    let out = tend(env, &[&["doctor"], extra].concat());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.lines().any(|l| l == line), "expected the line\n{line}\nin:\n{stdout}");
    assert_eq!(out.status.code(), Some(code), "exit code; the report:\n{stdout}");
    stdout
}

fn sqlite_env(name: &str) -> Vec<(&'static str, String)> {
    vec![("TEND_DATA_DIR", temp_dir(name).join("data").display().to_string())]
}

/// A folder Tend cannot write, made the way that works for whoever runs the tests. Permission
/// bits (chmod 0555) are enough for an ordinary user, but root bypasses them (CI runs as root
/// here), so then the folder is made immutable (`chattr +i`, which refuses root too, on ext4,
/// btrfs, xfs and tmpfs). Where even that is impossible, a path under a regular file stands in
/// (nothing can be created there either, and the report's wording differs). Drop undoes it.
struct ReadOnlyDir {
    path: PathBuf,
    how: &'static str,
}

impl ReadOnlyDir {
    fn new() -> ReadOnlyDir {
        let path = temp_dir("readonly").join("data");
        std::fs::create_dir(&path).unwrap();
        let chmod = |mode: &str| Command::new("chmod").args([mode, path.to_str().unwrap()]).status().unwrap();
        assert!(chmod("0555").success());
        if !can_write(&path) {
            return ReadOnlyDir { path, how: "chmod" };
        }
        assert!(chmod("0755").success());
        let immutable = Command::new("chattr").args(["+i", path.to_str().unwrap()]).stderr(Stdio::null()).status();
        if immutable.is_ok_and(|s| s.success()) && !can_write(&path) {
            return ReadOnlyDir { path, how: "chattr" };
        }
        let file = path.join("a-file");
        std::fs::write(&file, "not a folder").unwrap();
        ReadOnlyDir { path: file.join("data"), how: "under-a-file" }
    }
}

fn can_write(dir: &Path) -> bool {
    let probe = dir.join("probe");
    let ok = std::fs::write(&probe, "x").is_ok();
    let _ = std::fs::remove_file(&probe);
    ok
}

impl Drop for ReadOnlyDir {
    fn drop(&mut self) {
        match self.how {
            "chattr" => drop(Command::new("chattr").args(["-i", self.path.to_str().unwrap()]).status()),
            "chmod" => drop(Command::new("chmod").args(["0755", self.path.to_str().unwrap()]).status()),
            _ => {}
        }
    }
}

#[test]
fn a_read_only_data_folder_is_named_with_its_fix() {
    let dir = ReadOnlyDir::new();
    let shown = dir.path.display();
    let line = match dir.how {
        "chmod" => format!(
            "✗ data folder: {shown} is not writable (Permission denied (os error 13)). Fix: give the user Tend runs \
             as write access (for the Debian package: chown -R tend:tend {shown}), or point TEND_DATA_DIR (data_dir) \
             at a folder it can write"
        ),
        "chattr" => format!(
            "✗ data folder: {shown} is not writable (Operation not permitted (os error 1)). Fix: give the user Tend \
             runs as write access (for the Debian package: chown -R tend:tend {shown}), or point TEND_DATA_DIR \
             (data_dir) at a folder it can write"
        ),
        _ => format!(
            "✗ data folder: {shown} cannot be reached (Not a directory (os error 20)). Fix: point TEND_DATA_DIR \
             (data_dir) at a folder on a local disk that the user Tend runs as can write"
        ),
    };
    doctor_says(&[("TEND_DATA_DIR", shown.to_string())], &[], &line, 1);
}

#[test]
fn an_unreachable_database_is_named_with_its_fix() {
    // A port that was free a moment ago: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let env = [("TEND_DATABASE_URL", format!("postgres://tend:s3cret@127.0.0.1:{port}/tend"))];
    let report = doctor_says(
        &env,
        &[],
        &format!(
            "✗ database: cannot connect to PostgreSQL at postgres://tend:REDACTED@127.0.0.1:{port}/tend (error \
             communicating with database: Connection refused (os error 111)). Fix: start PostgreSQL, or correct \
             TEND_DATABASE_URL (host, port, user, password, database name) and check that this machine may connect \
             (pg_hba.conf, firewall)"
        ),
        1,
    );
    assert!(!report.contains("s3cret"), "the password never shows:\n{report}");
    assert!(!report.contains("data folder"), "no data folder is checked on PostgreSQL:\n{report}");
}

#[tokio::test]
async fn postgres_without_durability_is_named_and_waiting_migrations_are_a_warning() {
    // The test server runs with fsync, synchronous_commit and full_page_writes off (for speed):
    // exactly the setup a host must not run. Its fresh database has no migrations yet.
    let url = fresh_options(Backend::Postgres).await.unwrap().database_url.unwrap();
    let report = doctor_says(
        &[("TEND_DATABASE_URL", url)],
        &[],
        "✗ durability: fsync off, synchronous_commit off, full_page_writes off: a crash can lose or corrupt \
         acknowledged writes. Fix: set fsync = on, synchronous_commit = on, full_page_writes = on in \
         postgresql.conf and reload PostgreSQL",
        1,
    );
    let known = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../tend-store/migrations/postgres"))
        .unwrap()
        .filter(|entry| entry.as_ref().unwrap().path().extension().is_some_and(|e| e == "sql"))
        .count();
    let waiting = report.lines().find(|l| l.starts_with("⚠ migrations: ")).expect(&report);
    assert!(waiting.starts_with(&format!("⚠ migrations: {known} of {known} waiting (0001 ")), "{waiting}");
}

#[test]
fn a_wrong_smtp_password_is_named_with_its_fix() {
    let server = SmtpAuthServer::start("tend", "right horse battery");
    let mut env = sqlite_env("smtp-wrong");
    env.push(("TEND_SMTP_URL", format!("smtp://tend:wrong@127.0.0.1:{}", server.port)));
    let report = doctor_says(
        &env,
        &["--send-test-to", "host@example.org"],
        &format!(
            "✗ email: smtp://tend:REDACTED@127.0.0.1:{} (no encryption): the SMTP server refused the log-in: \
             permanent error (535): 5.7.8 Authentication credentials invalid. Fix: check the user name and password \
             in TEND_SMTP_URL (percent-encode @ : / and % inside them)",
            server.port
        ),
        1,
    );
    assert!(report.contains("✗ test email: not sent: the SMTP server could not be used"), "{report}");
    assert!(server.messages().is_empty());
}

#[test]
fn a_plain_http_public_url_with_secure_cookies_is_named_with_its_fix() {
    let mut env = sqlite_env("http");
    env.push(("TEND_PUBLIC_URL", "http://tend.example.org".to_owned()));
    env.push(("TEND_COOKIE_SECURE", "true".to_owned()));
    doctor_says(
        &env,
        &[],
        "✗ public URL: http://tend.example.org is plain HTTP but secure cookies are on, so browsers drop the sign-in \
         cookie and nobody can sign in. Fix: serve Tend behind HTTPS (Caddy, nginx) and set \
         TEND_PUBLIC_URL=https://…, or set TEND_COOKIE_SECURE=false for plain-HTTP use on this machine only",
        1,
    );
}

#[test]
fn a_config_file_that_does_not_load_is_the_first_finding() {
    let file = temp_dir("config").join("tend.toml");
    std::fs::write(&file, "listen = \"127.0.0.1:8080\"\ndata_folder = \"/srv\"\n").unwrap();
    let out = tend(&[], &["--config", file.to_str().unwrap(), "doctor"]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    let first = stdout.lines().next().unwrap_or_default();
    assert!(first.starts_with(&format!("✗ config: The config file {} is not valid: ", file.display())), "{stdout}");
    assert!(first.contains("unknown field `data_folder`"), "{first}");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_sound_setup_passes_and_the_test_email_arrives() {
    let server = SmtpAuthServer::start("tend", "right horse battery");
    let mut env = sqlite_env("sound");
    env.push(("TEND_SMTP_URL", format!("smtp://tend:right%20horse%20battery@127.0.0.1:{}", server.port)));
    env.push(("TEND_MAIL_FROM", "Tend <tend@example.org>".to_owned()));
    let out = tend(&env, &["migrate"]);
    assert!(out.status.success());
    let report = doctor_says(
        &env,
        &["--send-test-to", "host@example.org"],
        "✓ test email: sent to host@example.org; look for \"Test message from Tend\" there (and in spam)",
        0,
    );
    for line in ["✓ migrations: all ", "✓ integrity: PRAGMA integrity_check: ok", "✓ clock: "] {
        assert!(report.lines().any(|l| l.starts_with(line)), "{line} in:\n{report}");
    }
    assert!(!report.contains('✗'), "{report}");
    let messages = server.messages();
    assert_eq!(messages.len(), 1);
    assert!(messages[0].contains("Subject: Test message from Tend"), "{}", messages[0]);
    assert!(messages[0].contains("To: host@example.org"), "{}", messages[0]);
}

#[test]
fn healthcheck_answers_for_a_running_tend_and_fails_without_one() {
    let env = sqlite_env("health");
    let mut child = Command::new(TEND)
        .env_clear()
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .env("TEND_LISTEN", "127.0.0.1:0")
        .arg("serve")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.as_mut().unwrap()).read_line(&mut line).unwrap();
    let bound = line.trim().strip_prefix("Tend is ready at http://").expect("the ready line").to_owned();
    let out = tend(&[("TEND_LISTEN", bound.clone())], &["healthcheck"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "ok");
    let _ = child.kill();
    let _ = child.wait();
    let out = tend(&[("TEND_LISTEN", bound)], &["healthcheck"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("/healthz could not be reached"));
}

#[test]
fn the_version_names_the_commit() {
    let out = tend(&[], &["--version"]);
    let text = String::from_utf8(out.stdout).unwrap();
    let rest = text.trim().strip_prefix(concat!("tend ", env!("CARGO_PKG_VERSION"), " (commit ")).expect(&text);
    let commit = rest.strip_suffix(')').expect(&text);
    assert!(commit == "unknown" || commit.chars().all(|c| c.is_ascii_hexdigit()), "{text}");
}
