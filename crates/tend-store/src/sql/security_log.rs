//! Each person's security log: one row per event, read back newest first by its owner only, and
//! erased with the account (the rows cascade with the person).

use async_trait::async_trait;
use jiff::Timestamp;
use sqlx::Row;
use tend_core::ids::PersonId;

use super::{ms, ts, SqlStore};
use crate::model::SecurityEventRecord;
use crate::{Result, SecurityLogStore};

#[async_trait]
impl SecurityLogStore for SqlStore {
    async fn add_security_event(
        &self,
        person_id: &PersonId,
        event: &SecurityEventRecord,
        keep_since: Timestamp,
    ) -> Result<()> {
        let mut w = self.begin_write().await?;
        let result: Result<()> = async {
            sqlx::query("INSERT INTO security_events (person_id, kind, device, at) VALUES ($1, $2, $3, $4)")
                .bind(person_id)
                .bind(&event.kind)
                .bind(&event.device)
                .bind(ms(event.at))
                .execute(&mut *w.tx)
                .await?;
            sqlx::query("DELETE FROM security_events WHERE person_id = $1 AND at < $2")
                .bind(person_id)
                .bind(ms(keep_since))
                .execute(&mut *w.tx)
                .await?;
            Ok(())
        }
        .await;
        w.finish(result).await
    }

    async fn security_events(&self, person_id: &PersonId, limit: u32) -> Result<Vec<SecurityEventRecord>> {
        let rows = sqlx::query(
            "SELECT kind, device, at FROM security_events WHERE person_id = $1 ORDER BY at DESC, id DESC LIMIT $2",
        )
        .bind(person_id)
        .bind(i64::from(limit))
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(SecurityEventRecord {
                    kind: row.try_get("kind")?,
                    device: row.try_get("device")?,
                    at: ts(row.try_get("at")?)?,
                })
            })
            .collect()
    }
}
