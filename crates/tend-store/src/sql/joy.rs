//! Shared joy: moments the couple plans together, and what they enjoyed.

use async_trait::async_trait;
use jiff::Timestamp;
use sqlx::Row;

use super::{ms, ts, SqlStore};
use crate::model::JoyPlan;
use crate::{JoyStore, Result};

#[async_trait]
impl JoyStore for SqlStore {
    async fn plan_joy(&self, p: &JoyPlan) -> Result<()> {
        self.write_one(
            sqlx::query(
                "INSERT INTO joy_plans (id, couple_id, planned_by, idea, planned_on, phones_off, created_at, done_at, enjoyed)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, NULL)",
            )
            .bind(&p.id)
            .bind(&p.couple_id)
            .bind(&p.planned_by)
            .bind(&p.idea)
            .bind(&p.planned_on)
            .bind(i64::from(p.phones_off))
            .bind(ms(p.created_at)),
        )
        .await?;
        Ok(())
    }

    async fn joy_plans(&self, couple_id: &str) -> Result<Vec<JoyPlan>> {
        let rows = sqlx::query(
            "SELECT id, couple_id, planned_by, idea, planned_on, phones_off, created_at, done_at, enjoyed FROM joy_plans
             WHERE couple_id = $1 ORDER BY planned_on, created_at",
        )
        .bind(couple_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(JoyPlan {
                    id: r.try_get("id")?,
                    couple_id: r.try_get("couple_id")?,
                    planned_by: r.try_get("planned_by")?,
                    idea: r.try_get("idea")?,
                    planned_on: r.try_get("planned_on")?,
                    phones_off: r.try_get::<i64, _>("phones_off")? != 0,
                    created_at: ts(r.try_get("created_at")?)?,
                    done_at: r.try_get::<Option<i64>, _>("done_at")?.map(ts).transpose()?,
                    enjoyed: r.try_get("enjoyed")?,
                })
            })
            .collect()
    }

    async fn complete_joy(&self, couple_id: &str, id: &str, enjoyed: Option<&str>, at: Timestamp) -> Result<bool> {
        let done = self
            .write_one(
                sqlx::query("UPDATE joy_plans SET done_at = $1, enjoyed = $2 WHERE id = $3 AND couple_id = $4")
                    .bind(ms(at))
                    .bind(enjoyed)
                    .bind(id)
                    .bind(couple_id),
            )
            .await?;
        Ok(done > 0)
    }

    async fn delete_joy(&self, couple_id: &str, id: &str) -> Result<bool> {
        let done = self
            .write_one(
                sqlx::query("DELETE FROM joy_plans WHERE id = $1 AND couple_id = $2 AND done_at IS NULL")
                    .bind(id)
                    .bind(couple_id),
            )
            .await?;
        Ok(done > 0)
    }
}
