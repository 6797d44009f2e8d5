//! Small wins either partner notices, kept for the couple.

use async_trait::async_trait;
use sqlx::Row;

use super::{ms, ts, SqlStore};
use crate::model::WinRecord;
use crate::{Result, WinStore};

#[async_trait]
impl WinStore for SqlStore {
    async fn log_win(&self, w: &WinRecord) -> Result<()> {
        self.write_one(
            sqlx::query(
                "INSERT INTO wins (id, couple_id, person_id, text, day, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(&w.id)
            .bind(&w.couple_id)
            .bind(&w.person_id)
            .bind(&w.text)
            .bind(&w.day)
            .bind(ms(w.created_at)),
        )
        .await?;
        Ok(())
    }

    async fn wins(&self, couple_id: &str, from_day: &str) -> Result<Vec<WinRecord>> {
        let rows = sqlx::query(
            "SELECT id, couple_id, person_id, text, day, created_at FROM wins
             WHERE couple_id = $1 AND day >= $2 ORDER BY created_at DESC, id DESC",
        )
        .bind(couple_id)
        .bind(from_day)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(WinRecord {
                    id: r.try_get("id")?,
                    couple_id: r.try_get("couple_id")?,
                    person_id: r.try_get("person_id")?,
                    text: r.try_get("text")?,
                    day: r.try_get("day")?,
                    created_at: ts(r.try_get("created_at")?)?,
                })
            })
            .collect()
    }
}
