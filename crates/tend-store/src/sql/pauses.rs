//! Pauses: called by either partner, quiet for a while, ended by either after the quiet.

use async_trait::async_trait;
use jiff::Timestamp;
use sqlx::Row;
use tend_core::ids::CoupleId;

use super::{ms, ts, SqlStore};
use crate::model::PauseRecord;
use crate::{PauseStore, Result};

#[async_trait]
impl PauseStore for SqlStore {
    async fn create_pause(&self, p: &PauseRecord) -> Result<()> {
        self.write_one(
            sqlx::query(
                "INSERT INTO pauses (id, couple_id, called_by, started_at, quiet_until, return_at, ended_at)
                 VALUES ($1, $2, $3, $4, $5, $6, NULL)",
            )
            .bind(&p.id)
            .bind(&p.couple_id)
            .bind(&p.called_by)
            .bind(ms(p.started_at))
            .bind(ms(p.quiet_until))
            .bind(p.return_at.map(ms)),
        )
        .await?;
        Ok(())
    }

    async fn latest_pause(&self, couple_id: &CoupleId) -> Result<Option<PauseRecord>> {
        let row = sqlx::query(
            "SELECT id, couple_id, called_by, started_at, quiet_until, return_at, ended_at FROM pauses
             WHERE couple_id = $1 ORDER BY started_at DESC, id DESC LIMIT 1",
        )
        .bind(couple_id)
        .fetch_optional(self.pool())
        .await?;
        row.map(|r| -> Result<PauseRecord> {
            Ok(PauseRecord {
                id: r.try_get("id")?,
                couple_id: r.try_get("couple_id")?,
                called_by: r.try_get("called_by")?,
                started_at: ts(r.try_get("started_at")?)?,
                quiet_until: ts(r.try_get("quiet_until")?)?,
                return_at: r.try_get::<Option<i64>, _>("return_at")?.map(ts).transpose()?,
                ended_at: r.try_get::<Option<i64>, _>("ended_at")?.map(ts).transpose()?,
            })
        })
        .transpose()
    }

    async fn set_pause_return(&self, couple_id: &CoupleId, id: &str, return_at: Timestamp) -> Result<bool> {
        let mut w = self.begin_write().await?;
        let result: Result<_> = async {
            let done =
                sqlx::query("UPDATE pauses SET return_at = $1 WHERE id = $2 AND couple_id = $3 AND ended_at IS NULL")
                    .bind(ms(return_at))
                    .bind(id)
                    .bind(couple_id)
                    .execute(&mut *w.tx)
                    .await?;
            Ok(done.rows_affected() > 0)
        }
        .await;
        w.finish(result).await
    }

    async fn end_pause(&self, couple_id: &CoupleId, id: &str, at: Timestamp) -> Result<bool> {
        let mut w = self.begin_write().await?;
        let result: Result<_> = async {
            let done =
                sqlx::query("UPDATE pauses SET ended_at = $1 WHERE id = $2 AND couple_id = $3 AND ended_at IS NULL")
                    .bind(ms(at))
                    .bind(id)
                    .bind(couple_id)
                    .execute(&mut *w.tx)
                    .await?;
            Ok(done.rows_affected() > 0)
        }
        .await;
        w.finish(result).await
    }
}
