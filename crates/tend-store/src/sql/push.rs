//! Web Push: the server's key pair and each device's subscription.

use async_trait::async_trait;
use jiff::Timestamp;
use sqlx::any::AnyRow;
use sqlx::Row;
use tend_core::ids::PersonId;

use super::{ms, ts, SqlStore};
use crate::model::*;
use crate::{PushStore, Result};

const COLUMNS: &str = "id, person_id, session_id, endpoint, p256dh, auth, created_at";

fn subscription_from(row: &AnyRow) -> Result<PushSubscription> {
    Ok(PushSubscription {
        id: row.try_get("id")?,
        person_id: row.try_get("person_id")?,
        session_id: row.try_get("session_id")?,
        endpoint: row.try_get("endpoint")?,
        p256dh: row.try_get("p256dh")?,
        auth: row.try_get("auth")?,
        created_at: ts(row.try_get("created_at")?)?,
    })
}

#[async_trait]
impl PushStore for SqlStore {
    async fn server_key(&self, name: &str, fresh: &str, now: Timestamp) -> Result<String> {
        let kept = sqlx::query("SELECT value FROM server_keys WHERE name = $1")
            .bind(name)
            .fetch_optional(self.pool())
            .await?
            .map(|row| row.try_get::<String, _>("value"))
            .transpose()?;
        if let Some(kept) = kept {
            return Ok(kept);
        }
        let insert = sqlx::query(
            "INSERT INTO server_keys (name, value, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING",
        )
        .bind(name)
        .bind(fresh)
        .bind(ms(now));
        self.write_one(insert).await?;
        let row =
            sqlx::query("SELECT value FROM server_keys WHERE name = $1").bind(name).fetch_one(self.pool()).await?;
        Ok(row.try_get("value")?)
    }

    async fn save_push_subscription(&self, s: &PushSubscription) -> Result<()> {
        let sql = format!(
            "INSERT INTO push_subscriptions ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (endpoint) DO UPDATE SET id = $1, person_id = $2, session_id = $3, p256dh = $5,
             auth = $6, created_at = $7"
        );
        let upsert = sqlx::query(&sql)
            .bind(&s.id)
            .bind(&s.person_id)
            .bind(&s.session_id)
            .bind(&s.endpoint)
            .bind(&s.p256dh)
            .bind(&s.auth)
            .bind(ms(s.created_at));
        let mut w = self.begin_write().await?;
        let result: Result<_> = async {
            // One subscription per session: a browser that subscribes anew replaces its old one.
            sqlx::query("DELETE FROM push_subscriptions WHERE session_id = $1 AND endpoint <> $2")
                .bind(&s.session_id)
                .bind(&s.endpoint)
                .execute(&mut *w.tx)
                .await?;
            upsert.execute(&mut *w.tx).await?;
            Ok(())
        }
        .await;
        w.finish(result).await
    }

    async fn push_subscription(&self, id: &str) -> Result<Option<PushSubscription>> {
        let sql = format!("SELECT {COLUMNS} FROM push_subscriptions WHERE id = $1");
        let row = sqlx::query(&sql).bind(id).fetch_optional(self.pool()).await?;
        row.as_ref().map(subscription_from).transpose()
    }

    async fn push_subscription_of_session(&self, session_id: &str) -> Result<Option<PushSubscription>> {
        let sql = format!("SELECT {COLUMNS} FROM push_subscriptions WHERE session_id = $1");
        let row = sqlx::query(&sql).bind(session_id).fetch_optional(self.pool()).await?;
        row.as_ref().map(subscription_from).transpose()
    }

    async fn end_push_of_session(&self, person_id: &PersonId, session_id: &str) -> Result<bool> {
        let gone = self
            .write_one(
                sqlx::query("DELETE FROM push_subscriptions WHERE person_id = $1 AND session_id = $2")
                    .bind(person_id)
                    .bind(session_id),
            )
            .await?;
        Ok(gone > 0)
    }

    async fn forget_push_subscription(&self, id: &str) -> Result<()> {
        self.write_one(sqlx::query("DELETE FROM push_subscriptions WHERE id = $1").bind(id)).await?;
        Ok(())
    }

    async fn push_targets(
        &self,
        person: Option<&str>,
        used_since: Timestamp,
        created_since: Timestamp,
    ) -> Result<Vec<(String, String)>> {
        let rows = sqlx::query(
            "SELECT p.person_id, p.id FROM push_subscriptions p JOIN sessions s ON s.id = p.session_id
             WHERE s.last_used_at >= $1 AND s.created_at >= $2 AND ($3 IS NULL OR p.person_id = $3)
             ORDER BY p.person_id, p.id",
        )
        .bind(ms(used_since))
        .bind(ms(created_since))
        .bind(person)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(|r| Ok((r.try_get("person_id")?, r.try_get("id")?))).collect()
    }
}
