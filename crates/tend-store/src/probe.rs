//! A read-only look at the database for `tend doctor`: it connects without creating a file or
//! applying a migration, and answers which migrations are applied or waiting, whether SQLite's
//! `PRAGMA integrity_check` passes, and how PostgreSQL's durability settings stand. Errors are
//! sqlx's own, so the host sees the cause ("Connection refused"), not a generic "database error".

use std::str::FromStr;
use std::time::Duration;

use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgConnection};
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sqlx::{ConnectOptions, Connection, Row};

use crate::backend::{POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS};
use crate::{Backend, StoreOptions};

/// One migration, by number and name (`0017` "attempt reservations").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationInfo {
    pub version: i64,
    pub description: String,
}

/// How the database's schema compares with the migrations built into this binary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MigrationState {
    /// How many migrations this binary knows.
    pub known: usize,
    /// Known here, not yet applied: `tend migrate` (or `tend serve` at start) applies them.
    pub pending: Vec<MigrationInfo>,
    /// Applied to the database but unknown here: the database was used by a newer Tend.
    pub unknown: Vec<i64>,
    /// Started and not finished (the database says so).
    pub failed: Vec<i64>,
    /// Applied, but its text differs from this binary's copy.
    pub changed: Vec<i64>,
}

/// How many migrations this binary carries for a backend.
pub fn known_migrations(backend: Backend) -> usize {
    migrator(backend).iter().filter(|m| !m.migration_type.is_down_migration()).count()
}

fn migrator(backend: Backend) -> &'static Migrator {
    match backend {
        Backend::Sqlite => &SQLITE_MIGRATIONS,
        Backend::Postgres => &POSTGRES_MIGRATIONS,
    }
}

enum Conn {
    Sqlite(Box<SqliteConnection>),
    Postgres(Box<PgConnection>),
    /// The SQLite file does not exist yet.
    Missing,
}

/// A single connection, opened read-only where the backend allows.
pub struct Probe {
    conn: Conn,
    backend: Backend,
}

fn timed_out() -> sqlx::Error {
    sqlx::Error::Io(std::io::Error::new(std::io::ErrorKind::TimedOut, "no answer within the time allowed"))
}

impl Probe {
    /// Connects within `wait`; a missing SQLite file is not an error (see [`Probe::exists`]).
    pub async fn connect(options: &StoreOptions, wait: Duration) -> Result<Probe, sqlx::Error> {
        let backend = options.backend();
        let connecting = async {
            Ok::<_, sqlx::Error>(match backend {
                Backend::Sqlite => {
                    let path = options.sqlite_path();
                    if !path.exists() {
                        return Ok(Conn::Missing);
                    }
                    let connection = SqliteConnectOptions::new()
                        .filename(&path)
                        .read_only(true)
                        .create_if_missing(false)
                        .disable_statement_logging()
                        .connect()
                        .await?;
                    Conn::Sqlite(Box::new(connection))
                }
                Backend::Postgres => {
                    let url = options.database_url.as_deref().unwrap_or_default();
                    let connection = PgConnectOptions::from_str(url)?.disable_statement_logging().connect().await?;
                    Conn::Postgres(Box::new(connection))
                }
            })
        };
        let conn = tokio::time::timeout(wait, connecting).await.map_err(|_| timed_out())??;
        Ok(Probe { conn, backend })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// False when the SQLite file has not been created yet (`tend serve` creates it).
    pub fn exists(&self) -> bool {
        !matches!(self.conn, Conn::Missing)
    }

    /// Compares `_sqlx_migrations` with the migrations built into this binary.
    pub async fn migrations(&mut self) -> Result<MigrationState, sqlx::Error> {
        const TABLE: &str = "_sqlx_migrations";
        const APPLIED: &str = "SELECT version, success, checksum FROM _sqlx_migrations ORDER BY version";
        let applied: Vec<(i64, bool, Vec<u8>)> = match &mut self.conn {
            Conn::Missing => Vec::new(),
            Conn::Sqlite(c) => {
                let has: i64 =
                    sqlx::query_scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?")
                        .bind(TABLE)
                        .fetch_one(c.as_mut())
                        .await?;
                if has == 0 {
                    Vec::new()
                } else {
                    let rows = sqlx::query(APPLIED).fetch_all(c.as_mut()).await?;
                    rows.iter().map(|r| (r.get(0), r.get(1), r.get(2))).collect()
                }
            }
            Conn::Postgres(c) => {
                let has: bool =
                    sqlx::query_scalar("SELECT to_regclass($1) IS NOT NULL").bind(TABLE).fetch_one(c.as_mut()).await?;
                if has {
                    let rows = sqlx::query(APPLIED).fetch_all(c.as_mut()).await?;
                    rows.iter().map(|r| (r.get(0), r.get(1), r.get(2))).collect()
                } else {
                    Vec::new()
                }
            }
        };
        let known: Vec<_> = migrator(self.backend).iter().filter(|m| !m.migration_type.is_down_migration()).collect();
        let mut state = MigrationState { known: known.len(), ..MigrationState::default() };
        for m in &known {
            match applied.iter().find(|(v, _, _)| *v == m.version) {
                None => {
                    state.pending.push(MigrationInfo { version: m.version, description: m.description.to_string() })
                }
                Some((_, false, _)) => state.failed.push(m.version),
                Some((_, true, checksum)) if checksum.as_slice() != &*m.checksum => state.changed.push(m.version),
                Some(_) => {}
            }
        }
        state.unknown = applied.iter().map(|(v, _, _)| *v).filter(|v| !known.iter().any(|m| m.version == *v)).collect();
        Ok(state)
    }

    /// SQLite: the rows `PRAGMA integrity_check` gives (`["ok"]` when the file is sound).
    /// Empty on PostgreSQL or when there is no file yet.
    pub async fn integrity_check(&mut self) -> Result<Vec<String>, sqlx::Error> {
        match &mut self.conn {
            Conn::Sqlite(c) => sqlx::query_scalar("PRAGMA integrity_check").fetch_all(c.as_mut()).await,
            _ => Ok(Vec::new()),
        }
    }

    /// PostgreSQL: `fsync`, `synchronous_commit` and `full_page_writes` with their values.
    /// Empty on SQLite (Tend sets `synchronous=FULL` itself on every connection).
    pub async fn durability(&mut self) -> Result<Vec<(String, String)>, sqlx::Error> {
        let Conn::Postgres(c) = &mut self.conn else {
            return Ok(Vec::new());
        };
        let mut settings = Vec::new();
        for name in ["fsync", "synchronous_commit", "full_page_writes"] {
            let value: String = sqlx::query_scalar(&format!("SHOW {name}")).fetch_one(c.as_mut()).await?;
            settings.push((name.to_owned(), value));
        }
        Ok(settings)
    }

    pub async fn close(self) {
        let _ = match self.conn {
            Conn::Sqlite(c) => (*c).close().await,
            Conn::Postgres(c) => (*c).close().await,
            Conn::Missing => Ok(()),
        };
    }
}
