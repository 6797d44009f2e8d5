//! The SQL implementation of [`crate::Store`], one file per subject. Queries use `$n` parameters,
//! which both SQLite and PostgreSQL understand, and only SQL both speak.

mod account_links;
mod agreements;
mod bids;
mod capsules;
mod changes;
mod conversations;
mod copies;
mod couples;
mod experiments;
mod export_together;
mod guards;
mod import;
mod journal;
mod joy;
mod keys;
mod mail;
mod outbox;
mod pauses;
mod people;
mod program;
mod push;
mod questions;
mod reminder_facts;
mod rituals;
mod rounds;
mod safety;
mod security_log;
mod sessions;
mod support;
mod weekly_checks;
mod wins;
mod write_health;

pub use changes::{ChangeFeed, ChangeListener};

use std::sync::Arc;

use async_trait::async_trait;
use jiff::Timestamp;
use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::{Any, AnyPool, Transaction};
use tokio::sync::Mutex;

use crate::{Backend, Result, Store, StoreError};

#[derive(Clone)]
pub struct SqlStore {
    pool: AnyPool,
    backend: Backend,
    /// SQLite only (one writer at a time): writes share a round's commit (see `rounds.rs`).
    rounds: Option<Arc<rounds::Rounds>>,
    /// Whether the last write worked, for the health check.
    health: Arc<write_health::WriteHealth>,
    /// PostgreSQL's URL, for the connection that listens for other processes' changes.
    database_url: Option<String>,
}

/// A write transaction. On SQLite it is this write's turn in a shared round (`rounds.rs`), whose
/// single commit it waits for; on PostgreSQL a transaction of its own.
pub(crate) struct WriteTx<'a> {
    pub(crate) tx: Transaction<'static, Any>,
    place: Option<rounds::Place>,
    health: &'a write_health::WriteHealth,
}

impl WriteTx<'_> {
    /// Commits when the work succeeded and rolls back when it failed (on SQLite: keeps or undoes
    /// this write in its round, then waits for the round's commit).
    pub(crate) async fn finish<T>(self, result: Result<T>) -> Result<T> {
        if let Some(place) = self.place {
            // The write's own failure says how the database is; its round's commit notes the rest.
            if result.is_err() {
                self.health.note(&result);
            }
            return place.finish(self.tx, result).await;
        }
        let ended = match result {
            Ok(value) => self.tx.commit().await.map(|()| value).map_err(StoreError::from),
            Err(err) => {
                if let Err(rollback) = self.tx.rollback().await {
                    tracing::warn!(error = ?rollback, "rollback after a failed write also failed");
                }
                Err(err)
            }
        };
        self.health.note(&ended);
        ended
    }
}

impl SqlStore {
    pub(crate) fn new(
        pool: AnyPool,
        backend: Backend,
        writer: Option<Arc<Mutex<()>>>,
        database_url: Option<String>,
    ) -> Self {
        let health = Arc::new(write_health::WriteHealth::default());
        let rounds = writer.map(|lock| rounds::Rounds::new(pool.clone(), lock, Arc::clone(&health)));
        Self { pool, backend, rounds, health, database_url }
    }

    pub(crate) fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// One statement as a write of its own, answered once committed. Returns the number of rows
    /// it touched.
    pub(crate) async fn write_one<'q>(&self, query: Query<'q, Any, AnyArguments<'q>>) -> Result<u64> {
        let mut w = self.begin(false).await?;
        let result = query.execute(&mut *w.tx).await.map(|done| done.rows_affected()).map_err(StoreError::from);
        w.finish(result).await
    }

    /// On SQLite the write-ahead log still holds the old pages of words just erased or sealed:
    /// copies what is current into the database (where secure_delete has zeroed the freed pages)
    /// and empties the log. PostgreSQL's own files are the host's to manage (see SECURITY.md).
    pub(crate) async fn forget_old_pages(&self) -> Result<()> {
        if self.backend == crate::Backend::Sqlite {
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(self.pool()).await?;
        }
        Ok(())
    }

    pub(crate) async fn begin_write(&self) -> Result<WriteTx<'_>> {
        self.begin(true).await
    }

    /// A write transaction; `several`: the write may run more than one statement.
    async fn begin(&self, several: bool) -> Result<WriteTx<'_>> {
        if let Some(rounds) = &self.rounds {
            let (tx, place) = rounds.join(several).await?;
            return Ok(WriteTx { tx, place: Some(place), health: &self.health });
        }
        // Only a failure says something here: on SQLite a BEGIN touches nothing on disk, so its
        // success is no sign that writes work again.
        let tx = self.pool.begin().await.map_err(StoreError::from);
        if tx.is_err() {
            self.health.note(&tx);
        }
        Ok(WriteTx { tx: tx?, place: None, health: &self.health })
    }

    /// One tiny real write (no one's data), noted like every write: at start, so a read-only or
    /// full database is noticed before the first person's write, and by the health check while
    /// writes fail.
    pub(crate) async fn probe_write(&self) -> Result<()> {
        let probe = sqlx::query(
            "INSERT INTO health_probe (id, checked_at) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET checked_at = $1",
        )
        .bind(ms(Timestamp::now()));
        self.write_one(probe).await.map(|_| ())
    }

    /// Closes the pool (used at shutdown and before a restore).
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

pub(crate) fn ms(t: Timestamp) -> i64 {
    t.as_millisecond()
}

/// A stored time (Unix milliseconds). One out of range is a broken row, reported as such,
/// never quietly read as 1970.
pub(crate) fn ts(ms: i64) -> Result<Timestamp> {
    Timestamp::from_millisecond(ms).map_err(|_| StoreError::Corrupt(format!("a stored time out of range: {ms}")))
}

#[async_trait]
impl Store for SqlStore {
    fn backend(&self) -> Backend {
        self.backend
    }

    async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        // A read answers on a full disk: while writes have been failing, only a write can tell
        // whether the fault has passed, and a nearly full disk lets some writes through, so a
        // recent failure still counts.
        if self.health.fault().is_some() {
            // At most one probe a second, however often `/healthz` is asked.
            let probe = if self.health.may_probe() { self.probe_write().await } else { Ok(()) };
            if let Some(reason) = self.health.fault() {
                return Err(probe.err().unwrap_or(write_health::writes_failing(reason)));
            }
        }
        Ok(())
    }

    async fn backup_to(&self, path: &std::path::Path) -> Result<()> {
        if self.backend != Backend::Sqlite {
            return Err(StoreError::Unsupported("use pg_dump for PostgreSQL backups"));
        }
        // VACUUM INTO writes a consistent snapshot while readers and writers carry on.
        sqlx::query("VACUUM INTO $1").bind(path.display().to_string()).execute(&self.pool).await?;
        Ok(())
    }

    fn pool_stats(&self) -> (u32, u32) {
        (self.pool.size(), self.pool.num_idle() as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_time_out_of_range_is_a_broken_row_not_1970() {
        assert_eq!(ts(1_800_000_000_000).unwrap().as_second(), 1_800_000_000);
        assert!(matches!(ts(i64::MAX), Err(StoreError::Corrupt(_))));
    }
}
