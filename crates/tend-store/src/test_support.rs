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

/// Creates a database with a new unique name on the server at `admin` (`how`: extra clauses such
/// as `TEMPLATE name`) and returns its name.
async fn create_database(admin: &str, how: &str) -> Result<String> {
    let name = unique_name("tend_test");
    let mut conn = sqlx::postgres::PgConnection::connect(admin).await?;
    conn.execute(format!("CREATE DATABASE {name} {how}").as_str()).await?;
    conn.close().await?;
    Ok(name)
}

/// Copies the database `template` to a new one. A closed pool's server sessions can outlive it
/// by a moment, and PostgreSQL copies only a database nobody is connected to: so any session
/// still on the template is ended, and the copy is tried again for up to ten seconds.
async fn copy_database(admin: &str, template: &str) -> Result<String> {
    let how = format!("TEMPLATE {template}");
    let mut tries = 0;
    loop {
        match create_database(admin, &how).await {
            Err(crate::StoreError::Database(sqlx::Error::Database(e)))
                if e.code().as_deref() == Some("55006") && tries < 100 =>
            {
                tries += 1;
                let mut conn = sqlx::postgres::PgConnection::connect(admin).await?;
                sqlx::query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1")
                    .bind(template)
                    .execute(&mut conn)
                    .await?;
                conn.close().await?;
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
            other => return other,
        }
    }
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
            let name = create_database(&admin, "").await?;
            let base = admin.rsplit_once('/').map(|(base, _)| base).unwrap_or(&admin);
            Ok(StoreOptions {
                database_url: Some(format!("{base}/{name}")),
                data_dir: std::env::temp_dir(),
                max_connections: 4,
            })
        }
    }
}

/// A new database holding a copy of the closed database at `options`: a copied SQLite folder,
/// or a PostgreSQL database made with `TEMPLATE`. Tests that need the same starting world many
/// times build it once and copy it, instead of signing everyone up again for each case.
/// The store at `options` must be closed first (PostgreSQL refuses to copy a database in use).
pub async fn copy_of(options: &StoreOptions) -> Result<StoreOptions> {
    match &options.database_url {
        None => {
            let dir: PathBuf = std::env::temp_dir().join(unique_name("tend_test"));
            std::fs::create_dir_all(&dir).map_err(sqlx::Error::Io)?;
            for entry in std::fs::read_dir(&options.data_dir).map_err(sqlx::Error::Io)? {
                let entry = entry.map_err(sqlx::Error::Io)?;
                if entry.file_type().map_err(sqlx::Error::Io)?.is_file() {
                    std::fs::copy(entry.path(), dir.join(entry.file_name())).map_err(sqlx::Error::Io)?;
                }
            }
            Ok(StoreOptions { database_url: None, data_dir: dir, max_connections: options.max_connections })
        }
        Some(url) => {
            let (base, template) = url.rsplit_once('/').unwrap_or((url, ""));
            let admin = std::env::var(PG_URL_VAR).unwrap_or_else(|_| panic!("{PG_URL_VAR} is not set"));
            let name = copy_database(&admin, template).await?;
            Ok(StoreOptions {
                database_url: Some(format!("{base}/{name}")),
                data_dir: options.data_dir.clone(),
                max_connections: options.max_connections,
            })
        }
    }
}

/// A fresh database on `backend` left at an earlier schema: only its first `applied` migrations
/// run, as a Tend of that release left it. Returns the options and a pool on it (close the pool
/// before opening the store, which brings the schema up to date).
///
/// Uses `Migrator`'s hidden fields (stable within sqlx 0.8, which the workspace pins).
pub async fn options_at_schema(backend: Backend, applied: usize) -> Result<(StoreOptions, sqlx::AnyPool)> {
    use std::borrow::Cow;
    sqlx::any::install_default_drivers();
    let options = fresh_options(backend).await?;
    let url = match backend {
        Backend::Postgres => options.database_url.clone().unwrap_or_default(),
        Backend::Sqlite => {
            std::fs::create_dir_all(&options.data_dir).map_err(sqlx::Error::Io)?;
            format!("sqlite://{}?mode=rwc", options.sqlite_path().display())
        }
    };
    let pool = sqlx::any::AnyPoolOptions::new().max_connections(1).connect(&url).await?;
    let all = match backend {
        Backend::Sqlite => &crate::backend::SQLITE_MIGRATIONS,
        Backend::Postgres => &crate::backend::POSTGRES_MIGRATIONS,
    };
    let earlier = sqlx::migrate::Migrator {
        migrations: Cow::Owned(all.iter().take(applied).cloned().collect()),
        ..sqlx::migrate::Migrator::DEFAULT
    };
    earlier.run(&pool).await?;
    Ok((options, pool))
}

/// A migrated, empty store on the given backend.
pub async fn fresh_store(backend: Backend) -> Result<SqlStore> {
    open(&fresh_options(backend).await?).await
}

/// What the capsules table holds for a capsule's words, read past the visibility rule: only for
/// tests that prove cancelling or leaving erased them.
pub async fn stored_capsule_words(store: &SqlStore, id: &str) -> Result<Option<[String; 3]>> {
    use sqlx::Row;
    let row = sqlx::query("SELECT hopes, fears, needs FROM capsules WHERE id = $1")
        .bind(id)
        .fetch_optional(store.pool())
        .await?;
    row.map(|r| Ok([r.try_get("hopes")?, r.try_get("fears")?, r.try_get("needs")?])).transpose()
}

/// How many rows of `table` hold `needle` in `column`, read past every rule: only for tests that
/// prove words are sealed at rest.
pub async fn rows_containing(store: &SqlStore, table: &'static str, column: &'static str, needle: &str) -> Result<i64> {
    use sqlx::Row;
    let sql = format!("SELECT COUNT(*) AS n FROM {table} WHERE {column} LIKE $1");
    let row = sqlx::query(&sql).bind(format!("%{needle}%")).fetch_one(store.pool()).await?;
    Ok(row.try_get("n")?)
}

/// Every text column of every table that holds `needle` in some row, as `table.column (n rows)`:
/// a search of everything the database keeps, whatever tables there are.
pub async fn text_columns_containing(store: &SqlStore, backend: Backend, needle: &str) -> Result<Vec<String>> {
    use sqlx::Row;
    let columns: Vec<(String, String)> = match backend {
        Backend::Sqlite => {
            let tables =
                sqlx::query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
                    .fetch_all(store.pool())
                    .await?;
            let mut columns = Vec::new();
            for table in tables {
                let table: String = table.try_get("name")?;
                let info = sqlx::query(&format!("SELECT name, type FROM pragma_table_info('{table}')"))
                    .fetch_all(store.pool())
                    .await?;
                for column in info {
                    if column.try_get::<String, _>("type")?.eq_ignore_ascii_case("TEXT") {
                        columns.push((table.clone(), column.try_get("name")?));
                    }
                }
            }
            columns
        }
        Backend::Postgres => sqlx::query(
            "SELECT table_name::text AS t, column_name::text AS c FROM information_schema.columns
             WHERE table_schema = current_schema() AND data_type = 'text'",
        )
        .fetch_all(store.pool())
        .await?
        .iter()
        .map(|r| Ok((r.try_get("t")?, r.try_get("c")?)))
        .collect::<Result<_>>()?,
    };
    let mut found = Vec::new();
    for (table, column) in columns {
        let sql = format!("SELECT COUNT(*) AS n FROM {table} WHERE {column} LIKE $1");
        let n: i64 = sqlx::query(&sql).bind(format!("%{needle}%")).fetch_one(store.pool()).await?.try_get("n")?;
        if n > 0 {
            found.push(format!("{table}.{column} ({n} rows)"));
        }
    }
    Ok(found)
}

/// Where `needle` is found in what a host holds outside the running app: for SQLite the data
/// directory's files (the database, its write-ahead log, freed pages) and a fresh `tend backup`;
/// for PostgreSQL a `pg_dump` of the database and, for the throwaway server `scripts/test`
/// starts, the server's own log. Returns a name for each place holding it.
pub async fn files_containing(store: &SqlStore, options: &StoreOptions, needle: &str) -> Result<Vec<String>> {
    let io = |e: std::io::Error| crate::StoreError::Corrupt(format!("reading what the host holds: {e}"));
    let holds = |bytes: &[u8]| bytes.windows(needle.len()).any(|w| w == needle.as_bytes());
    let mut found = Vec::new();
    let Some(url) = &options.database_url else {
        use crate::Store;
        let backup = options.data_dir.join("search-backup.sqlite3");
        store.backup_to(&backup).await?;
        for entry in std::fs::read_dir(&options.data_dir).map_err(io)? {
            let path = entry.map_err(io)?.path();
            let Ok(bytes) = std::fs::read(&path) else { continue };
            if holds(&bytes) {
                found.push(path.display().to_string());
            }
        }
        std::fs::remove_file(&backup).map_err(io)?;
        return Ok(found);
    };
    let dump = std::process::Command::new("pg_dump").arg("--dbname").arg(url).output().map_err(io)?;
    if !dump.status.success() || dump.stdout.is_empty() {
        let why = String::from_utf8_lossy(&dump.stderr).into_owned();
        return Err(crate::StoreError::Corrupt(format!("pg_dump failed: {why}")));
    }
    if holds(&dump.stdout) {
        found.push("pg_dump".to_owned());
    }
    if let Ok(dir) = std::env::var("TEND_PG_THROWAWAY_DIR") {
        let log = std::path::Path::new(&dir).join("server.log");
        if holds(&std::fs::read(&log).map_err(io)?) {
            found.push(log.display().to_string());
        }
    }
    Ok(found)
}
