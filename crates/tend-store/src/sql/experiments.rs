//! Own-your-part experiments: private to their author, except a reflection the author shares.

use async_trait::async_trait;
use jiff::Timestamp;
use sqlx::any::AnyRow;
use sqlx::Row;

use super::{ms, ts, SqlStore};
use crate::model::ExperimentRecord;
use crate::{ExperimentStore, Result};

const COLUMNS: &str =
    "id, person_id, couple_id, behaviour, started_on, ends_on, started_at, reflection, reflected_at, shared_at";

fn experiment(r: &AnyRow) -> Result<ExperimentRecord> {
    Ok(ExperimentRecord {
        id: r.try_get("id")?,
        person_id: r.try_get("person_id")?,
        couple_id: r.try_get("couple_id")?,
        behaviour: r.try_get("behaviour")?,
        started_on: r.try_get("started_on")?,
        ends_on: r.try_get("ends_on")?,
        started_at: ts(r.try_get("started_at")?)?,
        reflection: r.try_get("reflection")?,
        reflected_at: r.try_get::<Option<i64>, _>("reflected_at")?.map(ts).transpose()?,
        shared_at: r.try_get::<Option<i64>, _>("shared_at")?.map(ts).transpose()?,
    })
}

#[async_trait]
impl ExperimentStore for SqlStore {
    async fn start_experiment(&self, e: &ExperimentRecord) -> Result<()> {
        self.write_one(
            sqlx::query(&format!(
                "INSERT INTO experiments ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, NULL, NULL)"
            ))
            .bind(&e.id)
            .bind(&e.person_id)
            .bind(&e.couple_id)
            .bind(&e.behaviour)
            .bind(&e.started_on)
            .bind(&e.ends_on)
            .bind(ms(e.started_at)),
        )
        .await?;
        Ok(())
    }

    async fn experiments(&self, person_id: &str) -> Result<Vec<ExperimentRecord>> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM experiments WHERE person_id = $1 ORDER BY started_at DESC, id DESC"
        ))
        .bind(person_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(experiment).collect()
    }

    async fn experiments_shared_with(&self, couple_id: &str, viewer_id: &str) -> Result<Vec<ExperimentRecord>> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM experiments WHERE couple_id = $1 AND person_id <> $2 AND shared_at IS NOT NULL
             ORDER BY shared_at DESC, id DESC"
        ))
        .bind(couple_id)
        .bind(viewer_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(experiment).collect()
    }

    async fn log_experiment_day(&self, person_id: &str, id: &str, day: &str, kept: bool) -> Result<bool> {
        let mut w = self.begin_write().await?;
        let result: Result<_> = async {
            let owned = sqlx::query("SELECT id FROM experiments WHERE id = $1 AND person_id = $2")
                .bind(id)
                .bind(person_id)
                .fetch_optional(&mut *w.tx)
                .await?;
            if owned.is_none() {
                return Ok(false);
            }
            sqlx::query(
                "INSERT INTO experiment_days (experiment_id, day, kept) VALUES ($1, $2, $3)
                 ON CONFLICT (experiment_id, day) DO UPDATE SET kept = $3",
            )
            .bind(id)
            .bind(day)
            .bind(i64::from(kept))
            .execute(&mut *w.tx)
            .await?;
            Ok(true)
        }
        .await;
        w.finish(result).await
    }

    async fn experiment_days(&self, id: &str) -> Result<Vec<(String, bool)>> {
        let rows = sqlx::query("SELECT day, kept FROM experiment_days WHERE experiment_id = $1 ORDER BY day")
            .bind(id)
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(|r| Ok((r.try_get("day")?, r.try_get::<i64, _>("kept")? != 0))).collect()
    }

    async fn reflect_experiment(
        &self,
        person_id: &str,
        id: &str,
        reflection: &str,
        share: bool,
        at: Timestamp,
    ) -> Result<bool> {
        let done = self
            .write_one(
                sqlx::query(
                    "UPDATE experiments SET reflection = $1, reflected_at = $2, shared_at = $3
                     WHERE id = $4 AND person_id = $5",
                )
                .bind(reflection)
                .bind(ms(at))
                .bind(share.then(|| ms(at)))
                .bind(id)
                .bind(person_id),
            )
            .await?;
        Ok(done > 0)
    }
}
