//! The two backends and what differs between them: how to connect, the durability settings,
//! the embedded migrations, whether writes are serialised, and how to take a backup.

use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::Migrator;
use sqlx::{ConnectOptions, Connection, Executor};

use crate::{Result, SqlStore};

pub(crate) static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
pub(crate) static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

/// The file name of the embedded database inside the data folder.
/// How long a request waits for a database connection before it is refused with a 503; with the
/// request's own work it stays under the two seconds promised while the database is away.
const ACQUIRE_TIMEOUT: std::time::Duration = std::time::Duration::from_millis(1500);
/// How long an unused connection stays open.
const IDLE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

pub const SQLITE_FILE: &str = "tend.sqlite3";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

#[derive(Debug, Clone)]
pub struct StoreOptions {
    /// A `postgres://` URL selects PostgreSQL; otherwise SQLite in `data_dir`.
    pub database_url: Option<String>,
    pub data_dir: PathBuf,
    pub max_connections: u32,
}

impl StoreOptions {
    pub fn backend(&self) -> Backend {
        match &self.database_url {
            Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => Backend::Postgres,
            _ => Backend::Sqlite,
        }
    }

    pub fn sqlite_path(&self) -> PathBuf {
        self.data_dir.join(SQLITE_FILE)
    }
}

/// SQLite writes its journal and lock files beside the database: a folder it can't write to
/// would otherwise show up as a connection timeout.
fn check_writable(dir: &std::path::Path) -> Result<()> {
    let probe = dir.join(".tend-write-check");
    let written = std::fs::write(&probe, b"");
    let _ = std::fs::remove_file(&probe);
    written.map_err(|err| crate::StoreError::FolderNotWritable(dir.display().to_string(), err))
}

/// Connects, applies any migrations not yet applied, and returns the store.
pub async fn open(options: &StoreOptions) -> Result<SqlStore> {
    sqlx::any::install_default_drivers();
    let backend = options.backend();
    let url = match backend {
        Backend::Postgres => options.database_url.clone().unwrap_or_default(),
        Backend::Sqlite => {
            std::fs::create_dir_all(&options.data_dir).map_err(sqlx::Error::Io)?;
            check_writable(&options.data_dir)?;
            format!("sqlite://{}?mode=rwc", options.sqlite_path().display())
        }
    };
    let connect_options = AnyConnectOptions::from_str(&url)?.disable_statement_logging();
    let pool = AnyPoolOptions::new()
        .max_connections(options.max_connections.max(1))
        // Fail fast while the database is down or every connection is busy: a calm 503 within
        // two seconds all told, never a thirty-second hang.
        .acquire_timeout(ACQUIRE_TIMEOUT)
        // A connection unused for half a minute closes, and its caches (pages, prepared
        // statements) go with it: after a busy spell Tend's memory returns to its idle size.
        .idle_timeout(IDLE_TIMEOUT)
        .after_connect(move |conn, _meta| {
            Box::pin(async move {
                if backend == Backend::Sqlite {
                    // Durability first: an acknowledged write survives a crash or power loss.
                    conn.execute("PRAGMA journal_mode = WAL").await?;
                    conn.execute("PRAGMA synchronous = FULL").await?;
                    conn.execute("PRAGMA foreign_keys = ON").await?;
                    // Deleted words are overwritten, not left in free pages of the file.
                    conn.execute("PRAGMA secure_delete = ON").await?;
                    conn.execute("PRAGMA busy_timeout = 5000").await?;
                    // 512 KiB of page cache per connection instead of SQLite's 2 MiB: sixteen
                    // busy connections would otherwise keep 32 MiB; the file stays in the
                    // system's cache either way (docs/benchmarks.md, memory).
                    conn.execute("PRAGMA cache_size = -512").await?;
                }
                Ok(())
            })
        })
        // A connection still inside a transaction when it comes back (a commit that failed on a
        // full disk and a rollback that could not run, a request cut off mid-way) would run the
        // next request's statements inside a transaction nobody commits, holding the write lock:
        // acknowledged writes lost. It is closed instead, and the pool opens a fresh one.
        .after_release(|conn, _meta| {
            Box::pin(async move {
                if conn.is_in_transaction() {
                    tracing::warn!("a database connection came back inside a transaction; closing it");
                    return Ok(false);
                }
                Ok(true)
            })
        })
        .connect_with(connect_options)
        .await?;
    match backend {
        Backend::Sqlite => SQLITE_MIGRATIONS.run(&pool).await?,
        Backend::Postgres => POSTGRES_MIGRATIONS.run(&pool).await?,
    }
    // SQLite allows one writer at a time; queueing writers in-process avoids lock contention.
    let writer = (backend == Backend::Sqlite).then(|| Arc::new(tokio::sync::Mutex::new(())));
    let listen_url = (backend == Backend::Postgres).then(|| url.clone());
    let store = SqlStore::new(pool, backend, writer, listen_url);
    // Writes that fail now (a read-only file, a full disk) are logged and shown by `/healthz`;
    // Tend still starts, answers 503 to writes, and recovers by itself once the fault is fixed.
    if let Err(err) = store.probe_write().await {
        tracing::error!(error = ?err, "the database does not take writes at start");
    }
    Ok(store)
}
