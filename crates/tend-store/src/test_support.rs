//! Fresh, throwaway stores for tests: a new SQLite file per call, or a new PostgreSQL database
//! per call on the server named by `TEND_TEST_DATABASE_URL` (which `scripts/test` starts).

use std::path::PathBuf;

use sqlx::{Connection, Executor};

use crate::{open, Backend, Result, SqlStore, StoreOptions};

/// The environment variable holding the throwaway PostgreSQL server's admin URL.
pub const PG_URL_VAR: &str = "TEND_TEST_DATABASE_URL";

fn unique_name(prefix: &str) -> String {
    let nanos =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or_default();
    format!("{prefix}_{}_{nanos}_{}", std::process::id(), rand_suffix())
}

fn rand_suffix() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    std::collections::hash_map::RandomState::new().build_hasher().finish()
}

/// Options for a brand-new database on the given backend.
pub async fn fresh_options(backend: Backend) -> Result<StoreOptions> {
    match backend {
        Backend::Sqlite => {
            let dir: PathBuf = std::env::temp_dir().join(unique_name("tend_test"));
            Ok(StoreOptions { database_url: None, data_dir: dir, max_connections: 4 })
        }
        Backend::Postgres => {
            let admin = std::env::var(PG_URL_VAR).unwrap_or_else(|_| {
                panic!("{PG_URL_VAR} is not set: run scripts/test, which starts a throwaway PostgreSQL")
            });
            let name = unique_name("tend_test");
            let mut conn = sqlx::postgres::PgConnection::connect(&admin).await?;
            conn.execute(format!("CREATE DATABASE {name}").as_str()).await?;
            conn.close().await?;
            let base = admin.rsplit_once('/').map(|(base, _)| base).unwrap_or(&admin);
            Ok(StoreOptions {
                database_url: Some(format!("{base}/{name}")),
                data_dir: std::env::temp_dir(),
                max_connections: 4,
            })
        }
    }
}

/// A migrated, empty store on the given backend.
pub async fn fresh_store(backend: Backend) -> Result<SqlStore> {
    open(&fresh_options(backend).await?).await
}
