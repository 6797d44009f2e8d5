//! The outbox: every email Tend sends, written in the same transaction as the change that caused
//! it, claimed in batches by any number of workers (on PostgreSQL with `FOR UPDATE SKIP LOCKED`,
//! on SQLite under the single writer), marked sent (its words dropped) or retried, and at last
//! left dead with only its error.

use async_trait::async_trait;
use jiff::Timestamp;
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

use super::{ms, ts, SqlStore};
use crate::model::{OutboxCounts, OutboxJob};
use crate::{Backend, OutboxStore, Result};

const JOB_COLUMNS: &str =
    "id, person_id, subscriber_id, kind, to_address, subject, text_body, html_body, unsubscribe_url, \
     created_at, not_before, attempts";
fn job(r: &AnyRow) -> Result<OutboxJob> {
    Ok(OutboxJob {
        id: r.try_get("id")?,
        person_id: r.try_get("person_id")?,
        subscriber_id: r.try_get("subscriber_id")?,
        kind: r.try_get("kind")?,
        to_address: r.try_get("to_address")?,
        subject: r.try_get("subject")?,
        text_body: r.try_get("text_body")?,
        html_body: r.try_get("html_body")?,
        unsubscribe_url: r.try_get("unsubscribe_url")?,
        created_at: ts(r.try_get("created_at")?)?,
        not_before: ts(r.try_get("not_before")?)?,
        attempts: u32::try_from(r.try_get::<i64, _>("attempts")?).unwrap_or(0),
    })
}

/// Rows per INSERT when queueing many jobs (11 parameters each, well under every backend's limit).
const ENQUEUE_CHUNK: usize = 200;

/// Queues jobs in the caller's transaction, many rows per INSERT; a message id already in the
/// outbox is left as it is. Returns how many were new.
pub(crate) async fn enqueue_in(tx: &mut Transaction<'static, Any>, jobs: &[OutboxJob]) -> Result<usize> {
    let mut added = 0;
    for chunk in jobs.chunks(ENQUEUE_CHUNK) {
        let rows: Vec<String> = (0..chunk.len())
            .map(|i| {
                let n = i * 11;
                let params: Vec<String> = (1..=11).map(|k| format!("${}", n + k)).collect();
                format!("({}, 0, 'queued')", params.join(", "))
            })
            .collect();
        let sql =
            format!("INSERT INTO outbox ({JOB_COLUMNS}, state) VALUES {} ON CONFLICT (id) DO NOTHING", rows.join(", "));
        let mut query = sqlx::query(&sql);
        for j in chunk {
            query = query
                .bind(&j.id)
                .bind(j.person_id.as_deref())
                .bind(j.subscriber_id.as_deref())
                .bind(&j.kind)
                .bind(&j.to_address)
                .bind(&j.subject)
                .bind(&j.text_body)
                .bind(&j.html_body)
                .bind(j.unsubscribe_url.as_deref())
                .bind(ms(j.created_at))
                .bind(ms(j.not_before));
        }
        added += query.execute(&mut **tx).await?.rows_affected() as usize;
    }
    Ok(added)
}

#[async_trait]
impl OutboxStore for SqlStore {
    async fn enqueue_all(&self, jobs: &[OutboxJob]) -> Result<usize> {
        if jobs.is_empty() {
            return Ok(0);
        }
        let mut w = self.begin_write().await?;
        let result = enqueue_in(&mut w.tx, jobs).await;
        w.finish(result).await
    }

    async fn claim_due(&self, now: Timestamp, limit: u32, lease_until: Timestamp) -> Result<Vec<OutboxJob>> {
        let lock = if self.backend == Backend::Postgres { "FOR UPDATE SKIP LOCKED" } else { "" };
        let sql = format!(
            "UPDATE outbox SET state = 'sending', locked_until = $1, attempts = attempts + 1
             WHERE id IN (SELECT id FROM outbox
                          WHERE (state = 'queued' AND not_before <= $2) OR (state = 'sending' AND locked_until < $2)
                          ORDER BY not_before LIMIT $3 {lock})
             RETURNING {JOB_COLUMNS}"
        );
        let mut w = self.begin_write().await?;
        let result: Result<Vec<OutboxJob>> = async {
            let rows = sqlx::query(&sql)
                .bind(ms(lease_until))
                .bind(ms(now))
                .bind(i64::from(limit))
                .fetch_all(&mut *w.tx)
                .await?;
            rows.iter().map(job).collect()
        }
        .await;
        w.finish(result).await
    }

    async fn mark_sent(&self, ids: &[String], at: Timestamp) -> Result<()> {
        if ids.is_empty() {
            return Ok(());
        }
        let mut w = self.begin_write().await?;
        let result: Result<()> = async {
            for chunk in ids.chunks(ENQUEUE_CHUNK) {
                let params: Vec<String> = (0..chunk.len()).map(|i| format!("${}", i + 2)).collect();
                // Once sent, the words are no longer kept.
                let sql = format!(
                    "UPDATE outbox SET state = 'sent', sent_at = $1, locked_until = NULL, subject = '', text_body = '',
                     html_body = '', last_error = NULL WHERE id IN ({})",
                    params.join(", ")
                );
                let mut query = sqlx::query(&sql).bind(ms(at));
                for id in chunk {
                    query = query.bind(id);
                }
                query.execute(&mut *w.tx).await?;
            }
            Ok(())
        }
        .await;
        w.finish(result).await
    }

    async fn mark_failed(&self, id: &str, error: &str, retry_at: Option<Timestamp>) -> Result<()> {
        let query = match retry_at {
            Some(at) => sqlx::query(
                "UPDATE outbox SET state = 'queued', not_before = $1, locked_until = NULL, last_error = $2 WHERE id = $3",
            )
            .bind(ms(at))
            .bind(error)
            .bind(id),
            // Dead: the error stays for the host, the content goes.
            None => sqlx::query(
                "UPDATE outbox SET state = 'dead', locked_until = NULL, subject = '', text_body = '', html_body = '',
                 last_error = $1 WHERE id = $2",
            )
            .bind(error)
            .bind(id),
        };
        self.write_one(query).await?;
        Ok(())
    }

    async fn outbox_counts(&self) -> Result<OutboxCounts> {
        let rows = sqlx::query("SELECT state, COUNT(*) AS n FROM outbox GROUP BY state").fetch_all(self.pool()).await?;
        let mut counts = OutboxCounts::default();
        for r in rows {
            let n = u64::try_from(r.try_get::<i64, _>("n")?).unwrap_or(0);
            match r.try_get::<String, _>("state")?.as_str() {
                "queued" => counts.queued = n,
                "sending" => counts.sending = n,
                "sent" => counts.sent = n,
                _ => counts.dead += n,
            }
        }
        Ok(counts)
    }
}
