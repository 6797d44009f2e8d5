//! The `tend` binary as a host runs it: serve, back up while serving, restore, export, config.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use serde_json::{json, Value};
use tend_store::test_support::fresh_options;
use tend_store::Backend;

const TEND: &str = env!("CARGO_BIN_EXE_tend");

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tend-cli-{name}-{}-{}", std::process::id(), rand_suffix()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn rand_suffix() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    std::collections::hash_map::RandomState::new().build_hasher().finish()
}

/// Environment for one Tend instance: its own data folder, or a PostgreSQL database.
fn tend(env: &[(&str, String)]) -> Command {
    let mut cmd = Command::new(TEND);
    cmd.env_clear().env("PATH", std::env::var("PATH").unwrap_or_default());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd
}

fn run(env: &[(&str, String)], args: &[&str]) -> String {
    let out = tend(env).args(args).output().unwrap();
    assert!(out.status.success(), "tend {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

struct Served {
    child: Child,
    url: String,
}

fn serve(env: &[(&str, String)]) -> Served {
    start(tend(env))
}

/// Starts `tend serve` from `cmd` on a free port and waits for its ready line.
fn start(mut cmd: Command) -> Served {
    let mut child = cmd
        .env("TEND_LISTEN", "127.0.0.1:0")
        .arg("serve")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.as_mut().unwrap()).read_line(&mut line).unwrap();
    let url = line.trim().strip_prefix("Tend is ready at ").expect("the ready line").to_owned();
    Served { child, url }
}

impl Served {
    /// Ctrl-C's sibling: SIGTERM, then Tend finishes open requests and exits cleanly.
    fn stop(self) {
        self.stop_with("-TERM");
    }

    /// Sends `signal` (`-TERM`, or `-INT` as Ctrl-C does) and expects a clean exit.
    fn stop_with(mut self, signal: &str) {
        let status = Command::new("kill").args([signal, &self.child.id().to_string()]).status().unwrap();
        assert!(status.success());
        let exit = self.child.wait().unwrap();
        assert!(exit.success(), "tend serve exited with {exit}");
    }
}

async fn sign_up(url: &str, name: &str) {
    let client = reqwest::Client::new();
    let body = json!({"display_name": name, "email": format!("{}@example.org", name.to_lowercase()),
        "password": "quiet river morning walk", "time_zone": "America/Toronto"});
    let res = client.post(format!("{url}/api/v1/accounts")).json(&body).send().await.unwrap();
    assert_eq!(res.status(), 202);
}

async fn env_for(backend: Backend, name: &str) -> Vec<(&'static str, String)> {
    let options = fresh_options(backend).await.unwrap();
    match options.database_url {
        Some(url) => vec![("TEND_DATABASE_URL", url)],
        None => vec![("TEND_DATA_DIR", temp_dir(name).display().to_string())],
    }
}

async fn a_backup_taken_while_serving_restores_every_account(backend: Backend) {
    let source = env_for(backend, "source").await;
    let served = serve(&source);
    assert_eq!(reqwest::get(format!("{}/healthz", served.url)).await.unwrap().status(), 200);
    for name in ["Ana", "Ben", "Cat"] {
        sign_up(&served.url, name).await;
    }
    let backup: PathBuf = temp_dir("backup").join("tend.backup");
    run(&source, &["backup", backup.to_str().unwrap()]);
    served.stop();
    assert!(backup.is_file());

    let target = env_for(backend, "target").await;
    run(&target, &["restore", backup.to_str().unwrap()]);
    let export: Value = serde_json::from_str(&run(&target, &["export", "--email", "Ben@Example.org"])).unwrap();
    assert_eq!(export["person"]["display_name"], "Ben");
    assert_eq!(export["person"]["time_zone"], "America/Toronto");
    // The restored instance serves the restored people.
    let restored = serve(&target);
    let res = reqwest::Client::new()
        .post(format!("{}/api/v1/sessions", restored.url))
        .json(&json!({"email": "cat@example.org", "password": "quiet river morning walk"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    restored.stop();
}

#[tokio::test]
async fn sqlite_backup_taken_while_serving_restores_every_account() {
    a_backup_taken_while_serving_restores_every_account(Backend::Sqlite).await;
}

#[tokio::test]
async fn postgres_backup_taken_while_serving_restores_every_account() {
    a_backup_taken_while_serving_restores_every_account(Backend::Postgres).await;
}

/// The README's first command with nothing configured: `tend serve` keeps its data in `data/`
/// beside where it was started, answers /healthz, and Ctrl-C (SIGINT) stops it cleanly. Only the
/// address is moved off 8080, so the test never meets another Tend. (`scripts/readme-run` runs the
/// README's own command, release build and all.)
#[tokio::test]
async fn with_nothing_configured_serve_keeps_its_data_beside_it_and_stops_on_ctrl_c() {
    let dir = temp_dir("readme");
    let mut cmd = tend(&[]);
    cmd.current_dir(&dir);
    let served = start(cmd);
    let health = reqwest::get(format!("{}/healthz", served.url)).await.unwrap();
    assert_eq!(health.status(), 200);
    assert_eq!(health.text().await.unwrap().trim(), "ok");
    sign_up(&served.url, "Ana").await;
    assert!(dir.join("data").join("tend.sqlite3").is_file(), "the database is in data/ where Tend was started");
    served.stop_with("-INT");
}

#[test]
fn the_environment_overrides_the_file_and_secrets_are_hidden() {
    let dir = temp_dir("config");
    let file = dir.join("tend.toml");
    std::fs::write(&file, "listen = \"0.0.0.0:9000\"\nsession_idle_days = 7\n").unwrap();
    let env = [
        ("TEND_LISTEN", "127.0.0.1:9999".to_owned()),
        ("TEND_DATABASE_URL", "postgres://tend:s3cret@db/tend".to_owned()),
    ];
    let out = run(&env, &["--config", file.to_str().unwrap(), "config"]);
    assert!(out.contains("listen = \"127.0.0.1:9999\""), "{out}");
    assert!(out.contains("session_idle_days = 7"), "{out}");
    assert!(out.contains("postgres://tend:REDACTED@db/tend"), "{out}");
    assert!(!out.contains("s3cret"), "{out}");
}

#[test]
fn a_config_file_with_an_unknown_key_is_refused_clearly() {
    let file = temp_dir("badconfig").join("tend.toml");
    std::fs::write(&file, "lissen = \"x\"\n").unwrap();
    let out = tend(&[]).args(["--config", file.to_str().unwrap(), "config"]).output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("lissen") && err.contains("not valid"), "{err}");
}

#[test]
fn export_of_an_unknown_email_says_so() {
    let data = temp_dir("unknown");
    let out = tend(&[("TEND_DATA_DIR", data.display().to_string())])
        .args(["export", "--email", "nobody@example.org"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("No account has this email address"));
}

/// A host without email hands a person a way back in: the link is printed to the host's terminal
/// only, and works once.
#[tokio::test]
async fn a_host_can_print_a_reset_link_that_works_once() {
    let data = vec![("TEND_DATA_DIR", temp_dir("reset").display().to_string())];
    let served = serve(&data);
    sign_up(&served.url, "Ana").await;
    let out = tend(&data).args(["account", "reset-link", "nobody@example.org"]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("No account has this email address"));
    let link = run(&data, &["account", "reset-link", "Ana@Example.org"]);
    let token = link.trim().rsplit_once("/password/reset/").expect("a reset link").1.to_owned();
    let client = reqwest::Client::new();
    let reset = |password: &'static str| {
        client
            .post(format!("{}/api/v1/password-resets", served.url))
            .json(&json!({"token": token, "new_password": password}))
            .send()
    };
    assert_eq!(reset("a new quiet river walk").await.unwrap().status(), 204);
    assert_eq!(reset("and yet another walk").await.unwrap().status(), 404, "used once");
    let log_in = client
        .post(format!("{}/api/v1/sessions", served.url))
        .json(&json!({"email": "ana@example.org", "password": "a new quiet river walk"}))
        .send()
        .await
        .unwrap();
    assert_eq!(log_in.status(), 201);
    served.stop();
}

#[test]
fn the_shipped_content_checks_out_and_the_plan_prints_as_text() {
    let out = run(&[], &["content", "check"]);
    assert!(out.starts_with("The content is valid: 20 check-up statements in 4 areas"), "{out}");
    let plan = run(&[], &["content", "show", "plan"]);
    for week in 1..=8 {
        assert!(plan.contains(&format!("Week {week}: ")), "week {week} in:\n{plan}");
    }
}

/// Every content file, as a translator would have them in a folder.
fn content_copy(name: &str) -> std::path::PathBuf {
    let dir = temp_dir(name);
    let source = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    for entry in std::fs::read_dir(&source).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
        }
    }
    dir
}

#[test]
fn edited_content_with_a_broken_link_is_reported_with_its_file() {
    let dir = content_copy("content");
    let plan =
        std::fs::read_to_string(dir.join("plan.toml")).unwrap().replacen("feature = \"", "feature = \"nowhere-", 1);
    std::fs::write(dir.join("plan.toml"), plan).unwrap();
    let out = tend(&[]).args(["content", "check", "--dir", dir.to_str().unwrap()]).output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("content/plan.toml") && err.contains("nowhere-"), "{err}");
}

#[test]
fn edited_help_lines_and_synonyms_are_checked_from_the_folder_too() {
    let dir = content_copy("content-lines");
    let lines = std::fs::read_to_string(dir.join("helplines.toml")).unwrap().replacen(
        "kind = \"crisis\"",
        "kind = \"nonsense\"",
        1,
    );
    std::fs::write(dir.join("helplines.toml"), lines).unwrap();
    std::fs::write(dir.join("synonyms.toml"), "not toml at all [").unwrap();
    let out = tend(&[]).args(["content", "check", "--dir", dir.to_str().unwrap()]).output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("content/helplines.toml") && err.contains("nonsense"), "{err}");
    assert!(err.contains("content/synonyms.toml"), "{err}");
}

/// `tend migrate --dry-run` looks without touching: no database yet, one up to date, and one a
/// migration behind, which it names.
#[test]
fn a_dry_run_of_migrate_names_what_would_change_and_changes_nothing() {
    let dir = temp_dir("dry-run");
    let env = [("TEND_DATA_DIR", dir.display().to_string())];
    assert!(run(&env, &["migrate", "--dry-run"]).contains("does not exist yet"));
    assert!(!dir.join("tend.sqlite3").exists(), "a dry run creates nothing");
    run(&env, &["migrate"]);
    assert!(run(&env, &["migrate", "--dry-run"]).contains("up to date"));
    // As if the newest migration had not been applied yet.
    let forget_last = "import sqlite3,sys; db=sqlite3.connect(sys.argv[1]); \
        v=db.execute('select max(version) from _sqlx_migrations').fetchone()[0]; \
        db.execute('delete from _sqlx_migrations where version=?', (v,)); db.commit(); print(v)";
    let out = Command::new("python3").args(["-c", forget_last]).arg(dir.join("tend.sqlite3")).output().unwrap();
    let version: i64 = String::from_utf8(out.stdout).unwrap().trim().parse().expect("a migration version");
    let said = run(&env, &["migrate", "--dry-run"]);
    assert!(said.contains("would apply 1 migration") && said.contains(&format!("{version:04} ")), "{said}");
    assert!(run(&env, &["migrate", "--dry-run"]).contains("would apply 1"), "still nothing applied");
}

/// `tend backup --keep N FOLDER` names each snapshot by the time and keeps the newest N; other
/// files in the folder are left alone.
#[test]
fn rotating_backups_keep_the_newest_and_nothing_else_is_touched() {
    let dir = temp_dir("rotate");
    let folder = dir.join("backups");
    let env = [("TEND_DATA_DIR", dir.join("data").display().to_string())];
    run(&env, &["migrate"]);
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("notes.txt"), "mine").unwrap();
    for _ in 0..3 {
        run(&env, &["backup", "--keep", "2", folder.to_str().unwrap()]);
        std::thread::sleep(std::time::Duration::from_millis(1100));
    }
    let mut names: Vec<String> =
        std::fs::read_dir(&folder).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    assert_eq!(names.len(), 3, "{names:?}");
    assert_eq!(names[0], "notes.txt");
    assert!(names[1..].iter().all(|n| n.starts_with("tend-") && n.ends_with(".backup")), "{names:?}");
    let out = tend(&env).args(["backup", "--keep", "0", folder.to_str().unwrap()]).output().unwrap();
    assert!(!out.status.success(), "keeping none is refused");
}
