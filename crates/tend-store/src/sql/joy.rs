//! Shared joy: moments the couple plans together, and what they enjoyed.

use async_trait::async_trait;
use jiff::Timestamp;
use sqlx::Row;
use tend_core::ids::{CoupleId, PersonId};
use tend_core::sealing::{Resealed, SharedWords};

use super::copies::{self, Copies};
use super::{ms, ts, SqlStore};
use crate::model::JoyPlan;
use crate::{JoyStore, Result, StoreError};

/// The idea, as its planner's copy and the partner's.
const IDEA: Copies =
    Copies { text: "idea", sealed: "idea_sealed", shared_text: "idea_shared", shared_sealed: "idea_shared_sealed" };
/// What was enjoyed, as the copy of whoever marked it done and the other's.
const ENJOYED: Copies = Copies {
    text: "enjoyed",
    sealed: "enjoyed_sealed",
    shared_text: "enjoyed_shared",
    shared_sealed: "enjoyed_shared_sealed",
};

#[async_trait]
impl JoyStore for SqlStore {
    async fn plan_joy(&self, p: &JoyPlan) -> Result<()> {
        let query = sqlx::query(
            "INSERT INTO joy_plans (idea, idea_sealed, idea_shared, idea_shared_sealed,
                                    id, couple_id, planned_by, planned_on, phones_off, created_at, done_at, enjoyed)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, NULL, NULL)",
        );
        let query = copies::bind_copies(query, Some(&p.idea))
            .bind(&p.id)
            .bind(&p.couple_id)
            .bind(&p.planned_by)
            .bind(&p.planned_on)
            .bind(i64::from(p.phones_off))
            .bind(ms(p.created_at));
        self.write_one(query).await?;
        Ok(())
    }

    async fn joy_plans(&self, couple_id: &CoupleId) -> Result<Vec<JoyPlan>> {
        let rows = sqlx::query(
            "SELECT id, couple_id, planned_by, planned_on, phones_off, created_at, done_at, done_by,
                    idea, idea_sealed, idea_shared, idea_shared_sealed,
                    enjoyed, enjoyed_sealed, enjoyed_shared, enjoyed_shared_sealed
             FROM joy_plans WHERE couple_id = $1 ORDER BY planned_on, created_at",
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
                    idea: copies::shared_words_in(r, &IDEA, "a joy plan")?
                        .ok_or_else(|| StoreError::Corrupt("a joy plan without its idea".into()))?,
                    planned_on: r.try_get("planned_on")?,
                    phones_off: r.try_get::<i64, _>("phones_off")? != 0,
                    created_at: ts(r.try_get("created_at")?)?,
                    done_at: r.try_get::<Option<i64>, _>("done_at")?.map(ts).transpose()?,
                    enjoyed: copies::shared_words_in(r, &ENJOYED, "what was enjoyed")?,
                    done_by: r.try_get("done_by")?,
                })
            })
            .collect()
    }

    async fn complete_joy(
        &self,
        couple_id: &CoupleId,
        id: &str,
        person_id: &PersonId,
        enjoyed: Option<&SharedWords>,
        at: Timestamp,
    ) -> Result<bool> {
        let query = sqlx::query(
            "UPDATE joy_plans SET enjoyed = $1, enjoyed_sealed = $2, enjoyed_shared = $3, enjoyed_shared_sealed = $4,
               done_at = $5, done_by = $6
             WHERE id = $7 AND couple_id = $8",
        );
        let query = copies::bind_copies(query, enjoyed).bind(ms(at)).bind(person_id).bind(id).bind(couple_id);
        Ok(self.write_one(query).await? > 0)
    }

    async fn seal_joy(
        &self,
        person_id: &PersonId,
        ideas: &[(String, Resealed)],
        enjoyed: &[(String, Resealed)],
    ) -> Result<()> {
        copies::reseal_in(self, "joy_plans", &IDEA, "planned_by = $2", person_id, ideas).await?;
        copies::reseal_claiming(self, "joy_plans", &ENJOYED, "done_by", person_id, enjoyed).await
    }

    async fn delete_joy(&self, couple_id: &CoupleId, id: &str) -> Result<bool> {
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
