//! Sessions: created at log-in, found by the hash of their token, listed and ended by their owner.

use async_trait::async_trait;
use jiff::Timestamp;
use sqlx::any::AnyRow;
use sqlx::Row;
use tend_core::ids::PersonId;

use super::{ms, ts, SqlStore};
use crate::model::*;
use crate::{Result, SessionStore};

fn session_from(row: &AnyRow) -> Result<SessionRecord> {
    Ok(SessionRecord {
        id: row.try_get("id")?,
        person_id: row.try_get("person_id")?,
        device: row.try_get("device")?,
        created_at: ts(row.try_get("created_at")?)?,
        last_used_at: ts(row.try_get("last_used_at")?)?,
        notifications: row.try_get::<i64, _>("notifications")? != 0,
        data_key: None,
    })
}

#[async_trait]
impl SessionStore for SqlStore {
    async fn create_session(&self, s: &NewSession) -> Result<()> {
        self.write_one(
            sqlx::query(
                "INSERT INTO sessions (id, person_id, token_hash, device, created_at, last_used_at, data_key)
             VALUES ($1, $2, $3, $4, $5, $5, $6)",
            )
            .bind(&s.id)
            .bind(&s.person_id)
            .bind(&s.token_hash)
            .bind(&s.device)
            .bind(ms(s.created_at))
            .bind(s.data_key.as_stored()),
        )
        .await?;
        Ok(())
    }

    async fn session_by_token_hash(&self, token_hash: &str) -> Result<Option<(SessionRecord, Person)>> {
        let row = sqlx::query(
            "SELECT s.id AS session_id, s.device, s.created_at AS session_created_at, s.last_used_at, s.data_key,
                    p.id, p.email, p.display_name, p.time_zone, p.created_at, p.couple_closed_notice
             FROM sessions s JOIN persons p ON p.id = s.person_id WHERE s.token_hash = $1",
        )
        .bind(token_hash)
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let person = super::people::person_from(&row)?;
        let session = SessionRecord {
            id: row.try_get("session_id")?,
            person_id: person.id.clone(),
            device: row.try_get("device")?,
            created_at: ts(row.try_get("session_created_at")?)?,
            last_used_at: ts(row.try_get("last_used_at")?)?,
            notifications: false,
            data_key: row.try_get::<Option<String>, _>("data_key")?.map(super::keys::wrapped).transpose()?,
        };
        Ok(Some((session, person)))
    }

    async fn touch_session(&self, session_id: &str, now: Timestamp) -> Result<()> {
        self.write_one(
            sqlx::query("UPDATE sessions SET last_used_at = $1 WHERE id = $2").bind(ms(now)).bind(session_id),
        )
        .await?;
        Ok(())
    }

    async fn list_sessions(&self, person_id: &PersonId) -> Result<Vec<SessionRecord>> {
        let rows = sqlx::query(
            "SELECT id, person_id, device, created_at, last_used_at,
             (SELECT COUNT(*) FROM push_subscriptions p WHERE p.session_id = sessions.id) AS notifications
             FROM sessions WHERE person_id = $1 ORDER BY last_used_at DESC, id",
        )
        .bind(person_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(session_from).collect()
    }

    async fn delete_session(&self, person_id: &PersonId, session_id: &str) -> Result<bool> {
        Ok(self
            .write_one(
                sqlx::query("DELETE FROM sessions WHERE id = $1 AND person_id = $2").bind(session_id).bind(person_id),
            )
            .await?
            > 0)
    }
}
