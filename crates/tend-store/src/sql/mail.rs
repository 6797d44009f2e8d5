//! Email's storage beside the outbox (`outbox.rs`): reminder settings and what planning reads,
//! the guidance course's subscribers, and private calendar feeds. A course email is queued in the
//! same transaction as the subscriber's move to its week.

use async_trait::async_trait;
use jiff::civil::Date;
use jiff::Timestamp;
use sqlx::any::AnyRow;
use sqlx::Row;
use tend_core::ids::PersonId;

use super::outbox::enqueue_in;
use super::{ms, ts, SqlStore};
use crate::model::{OutboxJob, ReminderFacts, ReminderSettings, Subscriber};
use crate::{MailStore, Result};

const SUBSCRIBER_COLUMNS: &str =
    "id, email, confirm_expires, confirmed_at, weeks_sent, last_sent_at, unsubscribed_at, unsubscribe_token, tips";

pub(super) fn settings(r: &AnyRow) -> Result<ReminderSettings> {
    let kinds: String = r.try_get("kinds")?;
    Ok(ReminderSettings {
        kinds: kinds.split(',').filter(|k| !k.is_empty()).map(str::to_owned).collect(),
        digest: r.try_get::<i64, _>("digest")? != 0,
        quiet_start: u16::try_from(r.try_get::<i64, _>("quiet_start")?).unwrap_or(0),
        quiet_end: u16::try_from(r.try_get::<i64, _>("quiet_end")?).unwrap_or(0),
        weekly_day: u8::try_from(r.try_get::<i64, _>("weekly_day")?).unwrap_or(6),
        weekly_minute: u16::try_from(r.try_get::<i64, _>("weekly_minute")?).unwrap_or(1140),
        by_email: r.try_get::<i64, _>("by_email")? != 0,
    })
}

fn subscriber(r: &AnyRow) -> Result<Subscriber> {
    let opt = |c: &str| -> Result<Option<Timestamp>> { r.try_get::<Option<i64>, _>(c)?.map(ts).transpose() };
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

#[async_trait]
impl MailStore for SqlStore {
    async fn reminder_settings(&self, person_id: &PersonId) -> Result<Option<ReminderSettings>> {
        let row = sqlx::query(
            "SELECT kinds, digest, quiet_start, quiet_end, weekly_day, weekly_minute, by_email FROM reminder_settings
                 WHERE person_id = $1",
        )
        .bind(person_id)
        .fetch_optional(self.pool())
        .await?;
        row.as_ref().map(settings).transpose()
    }

    async fn save_reminder_settings(&self, person_id: &PersonId, s: &ReminderSettings, at: Timestamp) -> Result<()> {
        self.write_one(
            sqlx::query(
                "INSERT INTO reminder_settings (person_id, kinds, digest, quiet_start, quiet_end, updated_at, weekly_day,
                   weekly_minute, by_email)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                 ON CONFLICT (person_id) DO UPDATE SET kinds = $2, digest = $3, quiet_start = $4, quiet_end = $5,
                   updated_at = $6, weekly_day = $7, weekly_minute = $8, by_email = $9",
            )
            .bind(person_id)
            .bind(s.kinds.join(","))
            .bind(i64::from(s.digest))
            .bind(i64::from(s.quiet_start))
            .bind(i64::from(s.quiet_end))
            .bind(ms(at))
            .bind(i64::from(s.weekly_day))
            .bind(i64::from(s.weekly_minute))
            .bind(i64::from(s.by_email)),
        )
        .await?;
        Ok(())
    }

    async fn reminder_facts(
        &self,
        first_day: Date,
        last_day: Date,
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

    async fn set_calendar_feed(&self, person_id: &PersonId, token: &str, at: Timestamp) -> Result<()> {
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

    async fn calendar_feed(&self, person_id: &PersonId) -> Result<Option<String>> {
        let row = sqlx::query("SELECT token FROM calendar_feeds WHERE person_id = $1")
            .bind(person_id)
            .fetch_optional(self.pool())
            .await?;
        Ok(row.map(|r| r.try_get("token")).transpose()?)
    }

    async fn person_by_calendar_feed(&self, token: &str) -> Result<Option<PersonId>> {
        let row = sqlx::query("SELECT person_id FROM calendar_feeds WHERE token = $1")
            .bind(token)
            .fetch_optional(self.pool())
            .await?;
        Ok(row.map(|r| r.try_get("person_id")).transpose()?)
    }
}
