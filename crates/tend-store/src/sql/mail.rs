//! Email's storage: the outbox (claimed in batches by any number of workers — on PostgreSQL with
//! `FOR UPDATE SKIP LOCKED`, on SQLite under the single writer), reminder settings, the guidance
//! course's subscribers and private calendar feeds. A job is written in the same transaction as
//! the change that caused it.

use async_trait::async_trait;
use jiff::Timestamp;
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

use super::{ms, ts, SqlStore};
use crate::model::{OutboxCounts, OutboxJob, ReminderFacts, ReminderSettings, Subscriber};
use crate::{Backend, MailStore, Result};

const JOB_COLUMNS: &str =
    "id, person_id, subscriber_id, kind, to_address, subject, text_body, html_body, unsubscribe_url, \
     created_at, not_before, attempts";
const SUBSCRIBER_COLUMNS: &str =
    "id, email, confirm_expires, confirmed_at, weeks_sent, last_sent_at, unsubscribed_at, unsubscribe_token, tips";

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
        created_at: ts(r.try_get("created_at")?),
        not_before: ts(r.try_get("not_before")?),
        attempts: u32::try_from(r.try_get::<i64, _>("attempts")?).unwrap_or(0),
    })
}

pub(super) fn settings(r: &AnyRow) -> Result<ReminderSettings> {
    let kinds: String = r.try_get("kinds")?;
    Ok(ReminderSettings {
        kinds: kinds.split(',').filter(|k| !k.is_empty()).map(str::to_owned).collect(),
        digest: r.try_get::<i64, _>("digest")? != 0,
        quiet_start: u16::try_from(r.try_get::<i64, _>("quiet_start")?).unwrap_or(0),
        quiet_end: u16::try_from(r.try_get::<i64, _>("quiet_end")?).unwrap_or(0),
        weekly_day: u8::try_from(r.try_get::<i64, _>("weekly_day")?).unwrap_or(6),
        weekly_minute: u16::try_from(r.try_get::<i64, _>("weekly_minute")?).unwrap_or(1140),
    })
}

fn subscriber(r: &AnyRow) -> Result<Subscriber> {
    let opt = |c: &str| -> Result<Option<Timestamp>> { Ok(r.try_get::<Option<i64>, _>(c)?.map(ts)) };
    Ok(Subscriber {
        id: r.try_get("id")?,
        email: r.try_get("email")?,
        confirm_expires: opt("confirm_expires")?,
        confirmed_at: opt("confirmed_at")?,
        weeks_sent: u32::try_from(r.try_get::<i64, _>("weeks_sent")?).unwrap_or(0),
        last_sent_at: opt("last_sent_at")?,
        unsubscribed_at: opt("unsubscribed_at")?,
        unsubscribe_token: r.try_get("unsubscribe_token")?,
        tips: r.try_get::<i64, _>("tips")? != 0,
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
impl MailStore for SqlStore {
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

    async fn reminder_settings(&self, person_id: &str) -> Result<Option<ReminderSettings>> {
        let row = sqlx::query(
            "SELECT kinds, digest, quiet_start, quiet_end, weekly_day, weekly_minute FROM reminder_settings
                 WHERE person_id = $1",
        )
        .bind(person_id)
        .fetch_optional(self.pool())
        .await?;
        row.as_ref().map(settings).transpose()
    }

    async fn save_reminder_settings(&self, person_id: &str, s: &ReminderSettings, at: Timestamp) -> Result<()> {
        self.write_one(
            sqlx::query(
                "INSERT INTO reminder_settings (person_id, kinds, digest, quiet_start, quiet_end, updated_at, weekly_day, weekly_minute)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                 ON CONFLICT (person_id) DO UPDATE SET kinds = $2, digest = $3, quiet_start = $4, quiet_end = $5,
                   updated_at = $6, weekly_day = $7, weekly_minute = $8",
            )
            .bind(person_id)
            .bind(s.kinds.join(","))
            .bind(i64::from(s.digest))
            .bind(i64::from(s.quiet_start))
            .bind(i64::from(s.quiet_end))
            .bind(ms(at))
            .bind(i64::from(s.weekly_day))
            .bind(i64::from(s.weekly_minute)),
        )
        .await?;
        Ok(())
    }

    async fn reminder_facts(
        &self,
        first_day: &str,
        last_day: &str,
        from: Timestamp,
        until: Timestamp,
    ) -> Result<ReminderFacts> {
        super::reminder_facts::load(self, first_day, last_day, from, until).await
    }

    async fn subscribe(
        &self,
        id: &str,
        email: &str,
        confirm_hash: &str,
        confirm_expires: Timestamp,
        unsubscribe_token: &str,
        tips: bool,
        confirmation: &OutboxJob,
        now: Timestamp,
    ) -> Result<bool> {
        let mut w = self.begin_write().await?;
        let result: Result<bool> = async {
            let existing = sqlx::query(&format!("SELECT {SUBSCRIBER_COLUMNS} FROM guidance_subscribers WHERE email = $1"))
                .bind(email)
                .fetch_optional(&mut *w.tx)
                .await?;
            match existing.as_ref().map(subscriber).transpose()? {
                // Already receiving the course: nothing to do, and nothing that says so.
                Some(s) if s.confirmed_at.is_some() && s.unsubscribed_at.is_none() => return Ok(false),
                Some(s) => {
                    sqlx::query(
                        "UPDATE guidance_subscribers SET confirm_hash = $1, confirm_expires = $2, unsubscribe_token = $3,
                         confirmed_at = NULL, unsubscribed_at = NULL, weeks_sent = 0, last_sent_at = NULL, tips = $5
                         WHERE id = $4",
                    )
                    .bind(confirm_hash)
                    .bind(ms(confirm_expires))
                    .bind(unsubscribe_token)
                    .bind(&s.id)
                    .bind(i64::from(tips))
                    .execute(&mut *w.tx)
                    .await?;
                }
                None => {
                    sqlx::query(
                        "INSERT INTO guidance_subscribers (id, email, confirm_hash, confirm_expires, unsubscribe_token,
                         created_at, confirmed_at, weeks_sent, last_sent_at, unsubscribed_at, tips)
                         VALUES ($1, $2, $3, $4, $5, $6, NULL, 0, NULL, NULL, $7)",
                    )
                    .bind(id)
                    .bind(email)
                    .bind(confirm_hash)
                    .bind(ms(confirm_expires))
                    .bind(unsubscribe_token)
                    .bind(ms(now))
                    .bind(i64::from(tips))
                    .execute(&mut *w.tx)
                    .await?;
                }
            }
            enqueue_in(&mut w.tx, std::slice::from_ref(confirmation)).await?;
            Ok(true)
        }
        .await;
        w.finish(result).await
    }

    async fn confirm_subscriber(&self, confirm_hash: &str, now: Timestamp) -> Result<Option<Subscriber>> {
        let mut w = self.begin_write().await?;
        let result: Result<Option<Subscriber>> = async {
            let row = sqlx::query(&format!(
                "UPDATE guidance_subscribers SET confirmed_at = $1, confirm_hash = NULL, confirm_expires = NULL
                 WHERE confirm_hash = $2 AND confirm_expires > $1 AND unsubscribed_at IS NULL
                 RETURNING {SUBSCRIBER_COLUMNS}"
            ))
            .bind(ms(now))
            .bind(confirm_hash)
            .fetch_optional(&mut *w.tx)
            .await?;
            row.as_ref().map(subscriber).transpose()
        }
        .await;
        w.finish(result).await
    }

    async fn subscriber_by_unsubscribe(&self, unsubscribe_token: &str) -> Result<Option<Subscriber>> {
        let row =
            sqlx::query(&format!("SELECT {SUBSCRIBER_COLUMNS} FROM guidance_subscribers WHERE unsubscribe_token = $1"))
                .bind(unsubscribe_token)
                .fetch_optional(self.pool())
                .await?;
        row.as_ref().map(subscriber).transpose()
    }

    async fn unsubscribe(&self, unsubscribe_token: &str, now: Timestamp) -> Result<bool> {
        let mut w = self.begin_write().await?;
        let result: Result<bool> = async {
            let done = sqlx::query(
                "UPDATE guidance_subscribers SET unsubscribed_at = $1, confirm_hash = NULL
                 WHERE unsubscribe_token = $2 AND unsubscribed_at IS NULL",
            )
            .bind(ms(now))
            .bind(unsubscribe_token)
            .execute(&mut *w.tx)
            .await?;
            // Whatever was still waiting to go to them does not go.
            sqlx::query(
                "UPDATE outbox SET state = 'dead', last_error = 'unsubscribed', subject = '', text_body = '', html_body = ''
                 WHERE state = 'queued' AND subscriber_id IN (SELECT id FROM guidance_subscribers WHERE unsubscribe_token = $1)",
            )
            .bind(unsubscribe_token)
            .execute(&mut *w.tx)
            .await?;
            Ok(done.rows_affected() > 0)
        }
        .await;
        w.finish(result).await
    }

    async fn due_subscribers(&self, sent_before: Timestamp, weeks: u32, tip_weeks: u32) -> Result<Vec<Subscriber>> {
        let rows = sqlx::query(&format!(
            "SELECT {SUBSCRIBER_COLUMNS} FROM guidance_subscribers
             WHERE confirmed_at IS NOT NULL AND unsubscribed_at IS NULL
               AND weeks_sent < (CASE WHEN tips = 1 THEN $1 + $3 ELSE $1 END)
               AND (last_sent_at IS NULL OR last_sent_at <= $2)
             ORDER BY id"
        ))
        .bind(i64::from(weeks))
        .bind(ms(sent_before))
        .bind(i64::from(tip_weeks))
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(subscriber).collect()
    }

    async fn queue_course_week(&self, subscriber_id: &str, week: u32, j: &OutboxJob, at: Timestamp) -> Result<bool> {
        let mut w = self.begin_write().await?;
        let result: Result<bool> = async {
            let moved = sqlx::query(
                "UPDATE guidance_subscribers SET weeks_sent = $1, last_sent_at = $2
                 WHERE id = $3 AND weeks_sent = $4 AND unsubscribed_at IS NULL",
            )
            .bind(i64::from(week))
            .bind(ms(at))
            .bind(subscriber_id)
            .bind(i64::from(week.saturating_sub(1)))
            .execute(&mut *w.tx)
            .await?;
            if moved.rows_affected() == 0 {
                return Ok(false);
            }
            Ok(enqueue_in(&mut w.tx, std::slice::from_ref(j)).await? > 0)
        }
        .await;
        w.finish(result).await
    }

    async fn set_calendar_feed(&self, person_id: &str, token: &str, at: Timestamp) -> Result<()> {
        self.write_one(
            sqlx::query(
                "INSERT INTO calendar_feeds (person_id, token, created_at) VALUES ($1, $2, $3)
                 ON CONFLICT (person_id) DO UPDATE SET token = $2, created_at = $3",
            )
            .bind(person_id)
            .bind(token)
            .bind(ms(at)),
        )
        .await?;
        Ok(())
    }

    async fn calendar_feed(&self, person_id: &str) -> Result<Option<String>> {
        let row = sqlx::query("SELECT token FROM calendar_feeds WHERE person_id = $1")
            .bind(person_id)
            .fetch_optional(self.pool())
            .await?;
        Ok(row.map(|r| r.try_get("token")).transpose()?)
    }

    async fn person_by_calendar_feed(&self, token: &str) -> Result<Option<String>> {
        let row = sqlx::query("SELECT person_id FROM calendar_feeds WHERE token = $1")
            .bind(token)
            .fetch_optional(self.pool())
            .await?;
        Ok(row.map(|r| r.try_get("person_id")).transpose()?)
    }
}
