//! The two backends and what differs between them: how to connect, the durability settings,
//! the embedded migrations, whether writes are serialised, and how to take a backup.

use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::Migrator;
use sqlx::{ConnectOptions, Executor};

use crate::{Result, SqlStore};

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

/// The file name of the embedded database inside the data folder.
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

/// Connects, applies any migrations not yet applied, and returns the store.
pub async fn open(options: &StoreOptions) -> Result<SqlStore> {
    sqlx::any::install_default_drivers();
    let backend = options.backend();
    let url = match backend {
        Backend::Postgres => options.database_url.clone().unwrap_or_default(),
        Backend::Sqlite => {
            std::fs::create_dir_all(&options.data_dir).map_err(sqlx::Error::Io)?;
            format!("sqlite://{}?mode=rwc", options.sqlite_path().display())
        }
    };
    let connect_options = AnyConnectOptions::from_str(&url)?.disable_statement_logging();
    let pool = AnyPoolOptions::new()
        .max_connections(options.max_connections.max(1))
        // Fail fast while the database is down or every connection is busy: a calm 503 within
        // two seconds, never a thirty-second hang.
        .acquire_timeout(std::time::Duration::from_secs(2))
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
                }
                Ok(())
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
    Ok(SqlStore::new(pool, backend, writer))
}
