//! Own-your-part experiments: private to their author, except a reflection the author shares.

use async_trait::async_trait;
use jiff::civil::Date;
use jiff::Timestamp;
use sqlx::any::AnyRow;
use sqlx::Row;
use tend_core::ids::{CoupleId, PersonId};

use tend_core::sealing::{Resealed, SharedWords};

use super::copies::{self, Copies};
use super::{ms, ts, SqlStore};
use crate::model::ExperimentRecord;
use crate::{ExperimentStore, Result, StoreError};

const COLUMNS: &str = "id, person_id, couple_id, started_on, ends_on, started_at, reflected_at, shared_at,
    behaviour, behaviour_sealed, behaviour_shared, behaviour_shared_sealed,
    reflection, reflection_sealed, reflection_shared, reflection_shared_sealed";

/// The behaviour, as its author's copy and the partner's.
const BEHAVIOUR: Copies = Copies {
    text: "behaviour",
    sealed: "behaviour_sealed",
    shared_text: "behaviour_shared",
    shared_sealed: "behaviour_shared_sealed",
};
/// The reflection, the same way.
const REFLECTION: Copies = Copies {
    text: "reflection",
    sealed: "reflection_sealed",
    shared_text: "reflection_shared",
    shared_sealed: "reflection_shared_sealed",
};

fn experiment(r: &AnyRow) -> Result<ExperimentRecord> {
    Ok(ExperimentRecord {
        id: r.try_get("id")?,
        person_id: r.try_get("person_id")?,
        couple_id: r.try_get("couple_id")?,
        behaviour: copies::shared_words_in(r, &BEHAVIOUR, "an experiment")?
            .ok_or_else(|| StoreError::Corrupt("an experiment without its behaviour".into()))?,
        started_on: r.try_get("started_on")?,
        ends_on: r.try_get("ends_on")?,
        started_at: ts(r.try_get("started_at")?)?,
        reflection: copies::shared_words_in(r, &REFLECTION, "a reflection")?,
        reflected_at: r.try_get::<Option<i64>, _>("reflected_at")?.map(ts).transpose()?,
        shared_at: r.try_get::<Option<i64>, _>("shared_at")?.map(ts).transpose()?,
    })
}

#[async_trait]
impl ExperimentStore for SqlStore {
    async fn start_experiment(&self, e: &ExperimentRecord) -> Result<()> {
        let insert = format!(
            "INSERT INTO experiments ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, NULL, NULL, $7, $8, $9, $10, NULL, 0, NULL, 0)"
        );
        let query =
            sqlx::query(&insert).bind(&e.id).bind(&e.person_id).bind(&e.couple_id).bind(&e.started_on).bind(&e.ends_on);
        self.write_one(copies::bind_copies(query.bind(ms(e.started_at)), Some(&e.behaviour))).await?;
        Ok(())
    }

    async fn experiments(&self, person_id: &PersonId) -> Result<Vec<ExperimentRecord>> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM experiments WHERE person_id = $1 ORDER BY started_at DESC, id DESC"
        ))
        .bind(person_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(experiment).collect()
    }

    async fn experiments_shared_with(
        &self,
        couple_id: &CoupleId,
        viewer_id: &PersonId,
    ) -> Result<Vec<ExperimentRecord>> {
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

    async fn log_experiment_day(&self, person_id: &PersonId, id: &str, day: Date, kept: bool) -> Result<bool> {
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
            .bind(day.to_string())
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
        person_id: &PersonId,
        id: &str,
        reflection: &SharedWords,
        behaviour_shared: Option<&tend_core::sealing::StoredWords>,
        at: Timestamp,
    ) -> Result<bool> {
        let query = sqlx::query(
            "UPDATE experiments SET reflection = $1, reflection_sealed = $2, reflection_shared = $3,
               reflection_shared_sealed = $4, reflected_at = $5, shared_at = $6,
               behaviour_shared = $7, behaviour_shared_sealed = $8
             WHERE id = $9 AND person_id = $10",
        );
        let behaviour = behaviour_shared.map(|b| b.to_row());
        let query = copies::bind_copies(query, Some(reflection))
            .bind(ms(at))
            .bind(behaviour.map(|_| ms(at)))
            .bind(behaviour.map(|b| b.0))
            .bind(i64::from(behaviour.is_some_and(|b| b.1)))
            .bind(id)
            .bind(person_id);
        Ok(self.write_one(query).await? > 0)
    }

    async fn seal_experiments(
        &self,
        person_id: &PersonId,
        behaviours: &[(String, Resealed)],
        reflections: &[(String, Resealed)],
    ) -> Result<()> {
        copies::reseal_in(self, "experiments", &BEHAVIOUR, "person_id = $2", person_id, behaviours).await?;
        copies::reseal_in(self, "experiments", &REFLECTION, "person_id = $2", person_id, reflections).await
    }
}
