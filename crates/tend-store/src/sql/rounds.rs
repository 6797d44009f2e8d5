//! Group commit for every write on SQLite. SQLite has one writer, and `synchronous=FULL` makes
//! each commit wait for its own `fsync`: one transaction per request would queue every write
//! behind the previous one's disk flush. Here writes share rounds instead. The first write to
//! arrive opens a round (one transaction, under the single-writer lock); writes that arrive while
//! it is open join it and run one after another, a write of several statements inside a savepoint
//! of its own (one statement is all or nothing by itself), so a write that fails is undone alone.
//! Once nobody is left in the round, it commits once (one `fsync`) and only then is each write
//! told it is saved: nobody hears "saved" before the commit that holds it.
//! If the commit fails, or a write fails in a way that spoils the transaction (a full disk, an
//! I/O error) or is abandoned half-way, the whole round rolls back and every write in it is told
//! so: none was acknowledged, so none is lost.
//!
//! The commit runs in a task of its own, so a request cut off mid-way cannot leave the others of
//! its round waiting.

use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;

use sqlx::{Any, AnyPool, Transaction};
use tokio::sync::{watch, Mutex, Notify, OwnedMutexGuard};

use super::write_health::WriteHealth;
use crate::{Result, StoreError};

/// How a round ended: committed, or the reason every write in it failed.
type Outcome = std::result::Result<(), Failed>;

#[derive(Clone, Debug)]
struct Failed {
    /// A passing fault (`StoreError::unavailable_reason`), if that is what it was.
    reason: Option<&'static str>,
    message: String,
}

impl Failed {
    fn of(err: &StoreError) -> Self {
        Failed { reason: err.unavailable_reason(), message: err.to_string() }
    }

    fn error(&self) -> StoreError {
        match self.reason {
            Some(reason) => StoreError::WritesFailing(reason),
            None => StoreError::Database(sqlx::Error::Protocol(format!("the write's round failed: {}", self.message))),
        }
    }
}

/// The most writes one round takes.
const MAX_ROUND: usize = 128;

/// What the writes of a round that could not commit are told when no passing fault was the cause
/// (a write cut off half-way left the transaction behind): a 503, "try again shortly".
const CUT_OFF: &str = "a write was cut off; please try again";

fn abandoned() -> StoreError {
    StoreError::WritesFailing(CUT_OFF)
}

/// Opens rounds and hands out places in them (SQLite only).
pub(crate) struct Rounds {
    open: std::sync::Mutex<Open>,
    /// Wakes writes waiting while another opens the next round.
    opened: Notify,
    writer: Arc<Mutex<()>>,
    pool: AnyPool,
    health: Arc<WriteHealth>,
    savepoints: AtomicU64,
}

/// The round writes join now, if one is open, and whether a write is opening the next.
struct Open {
    round: Option<Arc<Round>>,
    opening: bool,
}

enum Turn {
    Join(Member),
    Open,
    Wait,
}

/// A write opening the next round; however that ends (opened, failed, or the request cut off
/// while waiting), the writes waiting for it are woken.
struct Opening<'a>(&'a Rounds);

impl Drop for Opening<'_> {
    fn drop(&mut self) {
        self.0.open.lock().unwrap_or_else(|e| e.into_inner()).opening = false;
        self.0.opened.notify_waiters();
    }
}

/// One shared transaction and the writes in it.
struct Round {
    /// The transaction, lent to one write at a time; `None` once a write was abandoned with it.
    tx: Arc<Mutex<Option<Transaction<'static, Any>>>>,
    /// Writes that joined and have not finished.
    pending: std::sync::Mutex<usize>,
    /// Writes that joined in all.
    joined: AtomicUsize,
    settled: Notify,
    /// A write left the transaction unusable: the round rolls back (with the passing fault that
    /// did it, if it was one, so every write of the round is refused for that reason).
    spoiled: AtomicBool,
    spoiled_by: std::sync::Mutex<Option<&'static str>>,
    outcome: watch::Sender<Option<Outcome>>,
}

/// Being counted in a round: leaving it (however the write ends, even cut off) lets it commit.
struct Member(Arc<Round>);

impl Drop for Member {
    fn drop(&mut self) {
        self.0.leave();
    }
}

/// A write's place in a round: the lent transaction's slot and the write's savepoint. Dropped
/// without `finish` (a request cut off mid-way), the slot stays empty: the round can't commit and
/// every write in it is refused.
pub(crate) struct Place {
    member: Member,
    slot: OwnedMutexGuard<Option<Transaction<'static, Any>>>,
    savepoint: Option<String>,
}

impl Rounds {
    pub(crate) fn new(pool: AnyPool, writer: Arc<Mutex<()>>, health: Arc<WriteHealth>) -> Arc<Self> {
        Arc::new(Rounds {
            open: std::sync::Mutex::new(Open { round: None, opening: false }),
            opened: Notify::new(),
            writer,
            pool,
            health,
            savepoints: AtomicU64::new(0),
        })
    }

    /// Joins the open round, or opens one (waiting for the single-writer lock), and takes the
    /// round's transaction for this write (inside a fresh savepoint when it has `several`
    /// statements).
    pub(crate) async fn join(self: &Arc<Self>, several: bool) -> Result<(Transaction<'static, Any>, Place)> {
        let round = loop {
            let opened = self.opened.notified();
            match self.take_turn() {
                Turn::Join(member) => break member,
                Turn::Open => {
                    let opening = Opening(self);
                    let round = self.open_round().await;
                    if let Ok(round) = &round {
                        self.open.lock().unwrap_or_else(|e| e.into_inner()).round = Some(Arc::clone(round));
                    }
                    // Writes waiting for it now join it.
                    drop(opening);
                    break Member(round?);
                }
                // Another write is opening the next round: join it once it is open.
                Turn::Wait => opened.await,
            }
        };
        let mut slot = Arc::clone(&round.0.tx).lock_owned().await;
        let Some(mut tx) = slot.take() else {
            // A write was cut off holding the round's transaction: this round can only end; the
            // next write opens a fresh one.
            let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
            if open.round.as_ref().is_some_and(|r| Arc::ptr_eq(r, &round.0)) {
                open.round = None;
            }
            return Err(abandoned());
        };
        // One statement is all or nothing by itself; several get a savepoint to undo them by.
        let savepoint = several.then(|| format!("w{}", self.savepoints.fetch_add(1, Ordering::Relaxed)));
        let place = Place { member: round, slot, savepoint };
        if let Some(name) = &place.savepoint {
            if let Err(err) = sqlx::query(&format!("SAVEPOINT {name}")).execute(&mut *tx).await {
                let err = StoreError::from(err);
                place.give_back(tx, true, err.unavailable_reason());
                return Err(err);
            }
        }
        Ok((tx, place))
    }

    /// What a write does now: join the open round, open the next one, or wait while another opens it.
    fn take_turn(&self) -> Turn {
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        // A full round takes no more: the next write opens the next round (once this one has
        // committed), so a steady stream of writes can't keep one round open for ever.
        if open.round.as_ref().is_some_and(|round| round.joined.load(Ordering::Relaxed) >= MAX_ROUND) {
            open.round = None;
        }
        if let Some(round) = open.round.as_ref() {
            round.joined.fetch_add(1, Ordering::Relaxed);
            *round.pending.lock().unwrap_or_else(|e| e.into_inner()) += 1;
            return Turn::Join(Member(Arc::clone(round)));
        }
        if open.opening {
            return Turn::Wait;
        }
        open.opening = true;
        Turn::Open
    }

    /// A new round, with its commit task: waits for the single-writer lock (the previous round's
    /// commit) and begins the transaction.
    async fn open_round(self: &Arc<Self>) -> Result<Arc<Round>> {
        let writer = Arc::clone(&self.writer).lock_owned().await;
        let tx = self.pool.begin().await.map_err(StoreError::from);
        if tx.is_err() {
            self.health.note(&tx);
        }
        let (outcome, _) = watch::channel(None);
        let round = Arc::new(Round {
            tx: Arc::new(Mutex::new(Some(tx?))),
            pending: std::sync::Mutex::new(1),
            joined: AtomicUsize::new(1),
            settled: Notify::new(),
            spoiled: AtomicBool::new(false),
            spoiled_by: std::sync::Mutex::new(None),
            outcome,
        });
        tokio::spawn(Arc::clone(self).commit_when_settled(Arc::clone(&round), writer));
        Ok(round)
    }

    /// Waits until every write of `round` has finished and no more are joining, then closes it,
    /// commits (or rolls back a spoiled round), says how it went, and lets the next round begin.
    async fn commit_when_settled(self: Arc<Self>, round: Arc<Round>, writer: OwnedMutexGuard<()>) {
        loop {
            round.settled().await;
            // Writes about to join get a moment: they share this round's commit.
            tokio::task::yield_now().await;
            let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
            if *round.pending.lock().unwrap_or_else(|e| e.into_inner()) == 0 {
                if open.round.as_ref().is_some_and(|r| Arc::ptr_eq(r, &round)) {
                    open.round = None;
                }
                break;
            }
        }
        let tx = round.tx.lock().await.take();
        let healthy = tx.is_some() && !round.spoiled.load(Ordering::SeqCst);
        let ended: Result<()> = match tx {
            Some(tx) if !round.spoiled.load(Ordering::SeqCst) => tx.commit().await.map_err(StoreError::from),
            Some(tx) => {
                if let Err(err) = tx.rollback().await {
                    tracing::warn!(error = ?err, "rolling back a spoiled round of writes also failed");
                }
                let reason = *round.spoiled_by.lock().unwrap_or_else(|e| e.into_inner());
                Err(Failed { reason: Some(reason.unwrap_or(CUT_OFF)), message: "a write in it failed".into() }.error())
            }
            None => Err(abandoned()),
        };
        // The commit says how the database is; a round spoiled or cut off says nothing more
        // than the write that spoiled it noted.
        if healthy {
            self.health.note(&ended);
        }
        round.outcome.send_replace(Some(ended.as_ref().map(|_| ()).map_err(Failed::of)));
        drop(writer);
    }
}

impl Round {
    /// Until no write is pending.
    async fn settled(&self) {
        loop {
            let notified = self.settled.notified();
            if *self.pending.lock().unwrap_or_else(|e| e.into_inner()) == 0 {
                return;
            }
            notified.await;
        }
    }

    fn leave(&self) {
        let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
        *pending = pending.saturating_sub(1);
        if *pending == 0 {
            self.settled.notify_waiters();
        }
    }
}

impl Place {
    /// Ends this write's savepoint (kept on success, undone on failure), hands the transaction on
    /// and waits for the round's commit. `Ok` only once the commit holding the write is done.
    pub(crate) async fn finish<T>(self, mut tx: Transaction<'static, Any>, result: Result<T>) -> Result<T> {
        // A passing fault (a full disk, an I/O error) may have rolled SQLite's whole transaction
        // back already: the round can't commit what it held.
        let spoils = result.as_ref().err().is_some_and(StoreError::is_unavailable);
        let ended = match (&self.savepoint, result.is_ok()) {
            (None, _) => Ok(()),
            (Some(sp), true) => sqlx::query(&format!("RELEASE SAVEPOINT {sp}")).execute(&mut *tx).await.map(|_| ()),
            (Some(sp), false) => match sqlx::query(&format!("ROLLBACK TO SAVEPOINT {sp}")).execute(&mut *tx).await {
                Ok(_) => sqlx::query(&format!("RELEASE SAVEPOINT {sp}")).execute(&mut *tx).await.map(|_| ()),
                Err(err) => Err(err),
            },
        };
        let round = Arc::clone(&self.member.0);
        let fault = result.as_ref().err().and_then(StoreError::unavailable_reason);
        self.give_back(tx, spoils || ended.is_err(), fault);
        // A write that failed is answered at once; one that worked waits for its commit.
        let value = result?;
        ended.map_err(StoreError::from)?;
        let mut outcome = round.outcome.subscribe();
        let committed = match outcome.wait_for(Option::is_some).await {
            Ok(seen) => seen.clone().unwrap_or_else(|| Err(Failed { reason: None, message: "no outcome".into() })),
            Err(_) => Err(Failed { reason: None, message: "the round ended without an outcome".into() }),
        };
        committed.map_err(|failed| failed.error())?;
        Ok(value)
    }

    /// Puts the transaction back for the next write of the round and leaves it; `spoiled`: the
    /// transaction is no longer fit to commit (with the passing fault that did it, if one did).
    fn give_back(mut self, tx: Transaction<'static, Any>, spoiled: bool, fault: Option<&'static str>) {
        if spoiled {
            let round = &self.member.0;
            *round.spoiled_by.lock().unwrap_or_else(|e| e.into_inner()) = fault;
            round.spoiled.store(true, Ordering::SeqCst);
        }
        *self.slot = Some(tx);
        // The slot is released before leaving, so the round can't commit while this write holds it.
        drop(self.slot);
        drop(self.member);
    }
}

#[cfg(test)]
#[path = "rounds_tests.rs"]
mod tests;
