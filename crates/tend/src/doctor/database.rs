//! The database: reachable, its migrations current, SQLite's `PRAGMA integrity_check` clean, and
//! PostgreSQL's durability settings on (an acknowledged write must survive a crash). Reads only,
//! through `tend_store::probe`: no file is created and no migration applied.

use std::time::Duration;

use tend_store::probe::{MigrationState, Probe};
use tend_store::Backend;

use super::Check;
use crate::config::{redact_url, Config};

const WAIT: Duration = Duration::from_secs(5);

/// `folder_ok`: the data folder check passed (a missing SQLite file can then be created).
pub async fn checks(config: &Config, folder_ok: bool) -> Vec<Check> {
    let options = config.store_options();
    let place = match options.backend() {
        Backend::Sqlite => format!("SQLite at {}", options.sqlite_path().display()),
        Backend::Postgres => format!("PostgreSQL at {}", redact_url(options.database_url.as_deref().unwrap_or(""))),
    };
    let mut probe = match Probe::connect(&options, WAIT).await {
        Ok(probe) => probe,
        Err(e) => {
            let fix = match options.backend() {
                Backend::Sqlite => {
                    "check the data folder above; if the file is damaged, stop Tend and restore \
                                    the latest backup (tend restore FILE)"
                }
                Backend::Postgres => {
                    "start PostgreSQL, or correct TEND_DATABASE_URL (host, port, user, password, \
                                      database name) and check that this machine may connect (pg_hba.conf, firewall)"
                }
            };
            return vec![Check::fail("database", format!("cannot connect to {place} ({e})"), fix)];
        }
    };
    if !probe.exists() {
        let known = tend_store::probe::known_migrations(options.backend());
        probe.close().await;
        return vec![if folder_ok {
            Check::ok(
                "database",
                format!("{place} does not exist yet; tend serve creates it and applies {known} migrations"),
            )
        } else {
            Check::warn(
                "database",
                format!("{place} does not exist yet, and tend serve cannot create it there"),
                "fix the data folder first (the line above)",
            )
        }];
    }
    let mut checks = vec![Check::ok("database", format!("{place} answers"))];
    checks.push(match probe.migrations().await {
        Ok(state) => migrations(&state),
        Err(e) => Check::fail(
            "migrations",
            format!("the list of applied migrations cannot be read ({e})"),
            "check that TEND_DATABASE_URL's user may read the database, or that the data folder holds a Tend database",
        ),
    });
    match probe.backend() {
        Backend::Sqlite => checks.push(match probe.integrity_check().await {
            Ok(rows) if rows == ["ok"] => Check::ok("integrity", "PRAGMA integrity_check: ok"),
            Ok(rows) => Check::fail(
                "integrity",
                format!(
                    "PRAGMA integrity_check found {} problem(s), first: {}",
                    rows.len(),
                    rows.first().map(String::as_str).unwrap_or("(none given)")
                ),
                "stop Tend, keep a copy of the damaged file, and restore the latest backup (tend restore FILE)",
            ),
            Err(e) => Check::fail(
                "integrity",
                format!("PRAGMA integrity_check could not run ({e})"),
                "stop Tend, keep a copy of the file, and restore the latest backup (tend restore FILE)",
            ),
        }),
        Backend::Postgres => checks.push(match probe.durability().await {
            Ok(settings) => durability(&settings),
            Err(e) => Check::fail(
                "durability",
                format!("the settings could not be read ({e})"),
                "check that TEND_DATABASE_URL's user may run SHOW",
            ),
        }),
    }
    probe.close().await;
    checks
}

fn versions(list: &[i64]) -> String {
    list.iter().map(|v| format!("{v:04}")).collect::<Vec<_>>().join(", ")
}

fn migrations(state: &MigrationState) -> Check {
    if !state.unknown.is_empty() {
        return Check::fail(
            "migrations",
            format!(
                "the database has migrations this Tend does not know ({}): a newer Tend used it",
                versions(&state.unknown)
            ),
            "install that newer Tend again (migrations only go forward), or restore a backup made before it",
        );
    }
    if !state.failed.is_empty() || !state.changed.is_empty() {
        let mut found = Vec::new();
        if !state.failed.is_empty() {
            found.push(format!("did not finish: {}", versions(&state.failed)));
        }
        if !state.changed.is_empty() {
            found.push(format!("differ from this Tend's copy: {}", versions(&state.changed)));
        }
        return Check::fail(
            "migrations",
            format!("some migrations {}", found.join("; ")),
            "restore the latest backup made before the upgrade, then run tend migrate again",
        );
    }
    if state.pending.is_empty() {
        return Check::ok("migrations", format!("all {} applied", state.known));
    }
    let waiting: Vec<_> = state.pending.iter().map(|m| format!("{:04} {}", m.version, m.description)).collect();
    Check::warn(
        "migrations",
        format!("{} of {} waiting ({})", state.pending.len(), state.known, waiting.join(", ")),
        "run tend migrate (tend serve also applies them when it starts); take a backup first",
    )
}

fn durability(settings: &[(String, String)]) -> Check {
    let shown = settings.iter().map(|(k, v)| format!("{k} {v}")).collect::<Vec<_>>().join(", ");
    let off: Vec<_> = settings.iter().filter(|(_, v)| v == "off").map(|(k, _)| format!("{k} = on")).collect();
    if off.is_empty() {
        Check::ok("durability", shown)
    } else {
        Check::fail(
            "durability",
            format!("{shown}: a crash can lose or corrupt acknowledged writes"),
            format!("set {} in postgresql.conf and reload PostgreSQL", off.join(", ")),
        )
    }
}
