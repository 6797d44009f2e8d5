//! Group commit for the hottest durable write on SQLite, the daily ritual answer. SQLite has
//! one writer and `synchronous=FULL` makes every commit wait for its own `fsync`; one
//! transaction per request would queue every answer behind the previous one's disk flush. Here
//! answers go into a queue; one task takes whatever has gathered (up to `MAX_BATCH`), writes it
//! in one transaction under the writer lock, commits once, and only then tells every waiting
//! request it is saved. Nobody is told "saved" before the commit that holds their answer.

use std::sync::Arc;

use sqlx::AnyPool;
use tokio::sync::{mpsc, oneshot, Mutex};

use super::ms;
use super::write_health::WriteHealth;
use crate::model::RitualAnswer;
use crate::{Result, StoreError};

const MAX_BATCH: usize = 256;

pub(crate) const UPSERT_ANSWER: &str =
    "INSERT INTO ritual_answers (couple_id, person_id, kind, day, day_ends_at, text, answered_at, sealed, shared_text, shared_sealed)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (couple_id, kind, day, person_id)
     DO UPDATE SET text = $6, answered_at = $7, sealed = $8, shared_text = $9, shared_sealed = $10";

/// `UPSERT_ANSWER` with an answer's values bound.
pub(crate) fn upsert_answer(a: &RitualAnswer) -> sqlx::query::Query<'_, sqlx::Any, sqlx::any::AnyArguments<'_>> {
    let (own, own_sealed) = a.words.own.to_row();
    let partners = a.words.partners.as_ref().map(|p| p.to_row());
    sqlx::query(UPSERT_ANSWER)
        .bind(&a.couple_id)
        .bind(&a.person_id)
        .bind(&a.kind)
        .bind(&a.day)
        .bind(ms(a.day_ends_at))
        .bind(own)
        .bind(ms(a.answered_at))
        .bind(i64::from(own_sealed))
        .bind(partners.map(|p| p.0))
        .bind(i64::from(partners.is_some_and(|p| p.1)))
}

type Job = (RitualAnswer, oneshot::Sender<Result<()>>);

#[derive(Clone)]
pub(crate) struct GroupWriter {
    queue: mpsc::Sender<Job>,
}

impl GroupWriter {
    pub(crate) fn start(pool: AnyPool, writer: Arc<Mutex<()>>, health: Arc<WriteHealth>) -> Self {
        let (queue, mut jobs) = mpsc::channel::<Job>(4096);
        tokio::spawn(async move {
            while let Some(first) = jobs.recv().await {
                let mut batch = vec![first];
                while batch.len() < MAX_BATCH {
                    match jobs.try_recv() {
                        Ok(job) => batch.push(job),
                        Err(_) => break,
                    }
                }
                let answers: Vec<&RitualAnswer> = batch.iter().map(|(a, _)| a).collect();
                if batch.len() == 1 || write(&pool, &writer, &answers).await.is_err() {
                    // Alone, or one answer spoiled the batch: each gets its own commit and result.
                    for (answer, done) in batch {
                        let result = write(&pool, &writer, &[&answer]).await;
                        health.note(&result);
                        let _ = done.send(result);
                    }
                } else {
                    health.note(&Ok(()));
                    for (_, done) in batch {
                        let _ = done.send(Ok(()));
                    }
                }
            }
        });
        Self { queue }
    }

    /// Queues one answer and waits until the commit that holds it is done.
    pub(crate) async fn save(&self, answer: &RitualAnswer) -> Result<()> {
        let (done, saved) = oneshot::channel();
        self.queue.send((answer.clone(), done)).await.map_err(|_| StoreError::Unsupported("the writer has stopped"))?;
        saved.await.map_err(|_| StoreError::Unsupported("the writer has stopped"))?
    }
}

async fn write(pool: &AnyPool, writer: &Mutex<()>, batch: &[&RitualAnswer]) -> Result<()> {
    let _lock = writer.lock().await;
    let mut tx = pool.begin().await?;
    for a in batch {
        let done = upsert_answer(a).execute(&mut *tx).await;
        if let Err(err) = done {
            tx.rollback().await.ok();
            return Err(err.into());
        }
    }
    tx.commit().await?;
    Ok(())
}
