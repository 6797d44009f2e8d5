//! Changes between Tend processes that share one PostgreSQL: a change by a person is announced
//! with `NOTIFY` (the payload is the person's opaque id, nothing else), and every process
//! `LISTEN`s, so the partner's open pages on another process hear of it at once instead of
//! asking the database every few seconds. On SQLite one process serves, and nothing is sent.

use async_trait::async_trait;
use sqlx::postgres::PgListener;
use tend_core::ids::PersonId;

use super::SqlStore;
use crate::{Backend, Result};

/// The channel every Tend on one database listens on.
const CHANNEL: &str = "tend_changes";

/// Changes announced by any Tend on this database, one person's id at a time.
pub struct ChangeListener {
    listener: PgListener,
    /// Resolves when the store is closed: the listening connection goes with it.
    closed: sqlx::pool::CloseEvent,
}

impl ChangeListener {
    /// The next person who changed something; `None` once the store is closed. An error means
    /// the connection was lost (it is re-established on the next call; changes announced in
    /// between are not heard).
    pub async fn next(&mut self) -> Result<Option<tend_core::ids::PersonId>> {
        tokio::select! {
            heard = self.listener.recv() => Ok(Some(heard?.payload().into())),
            () = &mut self.closed => Ok(None),
        }
    }
}

#[async_trait]
pub trait ChangeFeed: Send + Sync {
    /// Tells every Tend sharing this database that `person_id` changed something.
    async fn announce_change(&self, person_id: &PersonId) -> Result<()>;
    /// Listens for the changes every Tend on this database announces; `None` on SQLite and
    /// once the store is closed.
    async fn listen_for_changes(&self) -> Result<Option<ChangeListener>>;
}

#[async_trait]
impl ChangeFeed for SqlStore {
    async fn announce_change(&self, person_id: &PersonId) -> Result<()> {
        if self.backend != Backend::Postgres {
            return Ok(());
        }
        sqlx::query("SELECT pg_notify($1, $2)").bind(CHANNEL).bind(person_id).execute(self.pool()).await?;
        Ok(())
    }

    async fn listen_for_changes(&self) -> Result<Option<ChangeListener>> {
        let Some(url) = self.database_url.as_deref().filter(|_| self.backend == Backend::Postgres) else {
            return Ok(None);
        };
        if self.pool().is_closed() {
            return Ok(None);
        }
        let closed = self.pool().close_event();
        let mut listener = PgListener::connect(url).await?;
        listener.listen(CHANNEL).await?;
        Ok(Some(ChangeListener { listener, closed }))
    }
}
