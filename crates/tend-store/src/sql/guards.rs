//! Failed attempts (for rate limits) and known devices (so a partner cannot lock someone out).

use async_trait::async_trait;
use jiff::{SignedDuration, Timestamp};
use sqlx::Row;
use tend_core::ids::PersonId;

use super::{ms, SqlStore};
use crate::{GuardStore, Result};

/// Failures older than this no longer matter to any limit and are cleared away.
const KEEP_FAILURES: SignedDuration = SignedDuration::from_hours(24);

#[async_trait]
impl GuardStore for SqlStore {
    async fn record_failure(&self, scope: &str, subject: &str, at: Timestamp) -> Result<()> {
        let mut w = self.begin_write().await?;
        let result: Result<_> = async {
            sqlx::query("INSERT INTO failed_attempts (scope, subject, at) VALUES ($1, $2, $3)")
                .bind(scope)
                .bind(subject)
                .bind(ms(at))
                .execute(&mut *w.tx)
                .await?;
            sqlx::query("DELETE FROM failed_attempts WHERE scope = $1 AND subject = $2 AND at < $3")
                .bind(scope)
                .bind(subject)
                .bind(ms(at) - KEEP_FAILURES.as_millis() as i64)
                .execute(&mut *w.tx)
                .await?;
            Ok(())
        }
        .await;
        w.finish(result).await
    }

    async fn reserve_failures(&self, subjects: &[(&str, &str)], attempt: &str, at: Timestamp) -> Result<()> {
        let mut w = self.begin_write().await?;
        let result: Result<_> = async {
            for (scope, subject) in subjects {
                sqlx::query("INSERT INTO failed_attempts (scope, subject, at, attempt) VALUES ($1, $2, $3, $4)")
                    .bind(*scope)
                    .bind(*subject)
                    .bind(ms(at))
                    .bind(attempt)
                    .execute(&mut *w.tx)
                    .await?;
                sqlx::query("DELETE FROM failed_attempts WHERE scope = $1 AND subject = $2 AND at < $3")
                    .bind(*scope)
                    .bind(*subject)
                    .bind(ms(at) - KEEP_FAILURES.as_millis() as i64)
                    .execute(&mut *w.tx)
                    .await?;
            }
            Ok(())
        }
        .await;
        w.finish(result).await
    }

    async fn forget_attempt(&self, attempt: &str) -> Result<()> {
        self.write_one(sqlx::query("DELETE FROM failed_attempts WHERE attempt = $1").bind(attempt)).await?;
        Ok(())
    }

    async fn count_failures(&self, scope: &str, subject: &str, since: Timestamp) -> Result<u32> {
        let row =
            sqlx::query("SELECT COUNT(*) AS n FROM failed_attempts WHERE scope = $1 AND subject = $2 AND at >= $3")
                .bind(scope)
                .bind(subject)
                .bind(ms(since))
                .fetch_one(self.pool())
                .await?;
        Ok(u32::try_from(row.try_get::<i64, _>("n")?).unwrap_or(u32::MAX))
    }

    async fn remember_device(&self, person_id: &PersonId, token_hash: &str, now: Timestamp) -> Result<()> {
        self.write_one(
            sqlx::query(
                "INSERT INTO known_devices (person_id, token_hash, created_at) VALUES ($1, $2, $3)
             ON CONFLICT (person_id, token_hash) DO NOTHING",
            )
            .bind(person_id)
            .bind(token_hash)
            .bind(ms(now)),
        )
        .await?;
        Ok(())
    }

    async fn is_known_device(&self, person_id: &PersonId, token_hash: &str) -> Result<bool> {
        let row = sqlx::query("SELECT 1 AS one FROM known_devices WHERE person_id = $1 AND token_hash = $2")
            .bind(person_id)
            .bind(token_hash)
            .fetch_optional(self.pool())
            .await?;
        Ok(row.is_some())
    }
}
