//! The program's records: check-ups (private until shared, per result), weekly pulses, and the
//! couple's plan with each person's marks on its steps.

use async_trait::async_trait;
use jiff::Timestamp;
use sqlx::any::AnyRow;
use sqlx::Row;
use tend_core::ids::{CoupleId, PersonId};
use tend_core::sealing::{SealedWords, StoredWords};
use tend_core::visibility::{Candidate, Facts};

use super::copies::{self, Copies};
use super::{ms, ts, SqlStore};
use crate::model::*;
use crate::{ProgramStore, Result, StoreError};

/// A check-up's columns and its author's couple now (`m`, their membership, joined by the query).
const CHECKUP_COLUMNS: &str = "c.id, c.person_id, c.answers, c.sealed, c.shared_text, c.shared_sealed, c.taken_at,
     c.shared_couple_id, c.shared_answers, m.couple_id AS author_couple_now";

/// A check-up's answers as its author's copy and the partner's.
const ANSWERS: Copies =
    Copies { text: "answers", sealed: "sealed", shared_text: "shared_text", shared_sealed: "shared_sealed" };

/// A check-up as a candidate only the visibility rule opens: private until its author shares it.
fn checkup_from(row: &AnyRow) -> Result<Candidate<CheckupRecord>> {
    let record = checkup_record(row)?;
    let (author, shared_with) = (record.person_id.clone(), record.shared_couple_id.clone());
    let facts = Facts::private_until_shared(author, shared_with, row.try_get("author_couple_now")?);
    Ok(Candidate::new(record, facts))
}

fn checkup_record(row: &AnyRow) -> Result<CheckupRecord> {
    Ok(CheckupRecord {
        id: row.try_get("id")?,
        person_id: row.try_get("person_id")?,
        answers: copies::shared_words_in(row, &ANSWERS, "check-up answers")?
            .ok_or_else(|| StoreError::Corrupt("a check-up without answers".into()))?,
        taken_at: ts(row.try_get("taken_at")?)?,
        shared_couple_id: row.try_get("shared_couple_id")?,
        shared_answers: row.try_get::<i64, _>("shared_answers")? != 0,
    })
}

#[async_trait]
impl ProgramStore for SqlStore {
    async fn insert_checkup(&self, c: &CheckupRecord) -> Result<()> {
        let query = sqlx::query(
            "INSERT INTO checkups (answers, sealed, shared_text, shared_sealed, id, person_id, taken_at, shared_couple_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        );
        let query = copies::bind_copies(query, Some(&c.answers));
        self.write_one(query.bind(&c.id).bind(&c.person_id).bind(ms(c.taken_at)).bind(c.shared_couple_id.as_deref()))
            .await?;
        Ok(())
    }

    async fn list_checkups(&self, person_id: &PersonId) -> Result<Vec<Candidate<CheckupRecord>>> {
        let sql = format!(
            "SELECT {CHECKUP_COLUMNS} FROM checkups c LEFT JOIN memberships m ON m.person_id = c.person_id
             WHERE c.person_id = $1 ORDER BY c.taken_at, c.id"
        );
        let rows = sqlx::query(&sql).bind(person_id).fetch_all(self.pool()).await?;
        rows.iter().map(checkup_from).collect()
    }

    async fn checkup(&self, id: &str) -> Result<Option<Candidate<CheckupRecord>>> {
        let sql = format!(
            "SELECT {CHECKUP_COLUMNS} FROM checkups c LEFT JOIN memberships m ON m.person_id = c.person_id
             WHERE c.id = $1"
        );
        let row = sqlx::query(&sql).bind(id).fetch_optional(self.pool()).await?;
        row.as_ref().map(checkup_from).transpose()
    }

    async fn share_checkup(
        &self,
        person_id: &PersonId,
        id: &str,
        shared: Option<(&str, &StoredWords)>,
        answers: bool,
    ) -> Result<bool> {
        let copy = shared.map(|(_, words)| words.to_row());
        Ok(self
            .write_one(
                sqlx::query(
                    "UPDATE checkups SET shared_couple_id = $1, shared_answers = $2, shared_text = $3, shared_sealed = $4
                     WHERE id = $5 AND person_id = $6",
                )
                .bind(shared.map(|(couple_id, _)| couple_id))
                .bind(i64::from(answers && shared.is_some()))
                .bind(copy.map(|c| c.0))
                .bind(i64::from(copy.is_some_and(|c| c.1)))
                .bind(id)
                .bind(person_id),
            )
            .await?
            > 0)
    }

    async fn seal_checkups(
        &self,
        person_id: &PersonId,
        sealed: &[(String, tend_core::sealing::Resealed)],
    ) -> Result<()> {
        copies::reseal_in(self, "checkups", &ANSWERS, "person_id = $2", person_id, sealed).await
    }

    async fn checkups_shared_with(
        &self,
        couple_id: &CoupleId,
        viewer_id: &PersonId,
    ) -> Result<Vec<Candidate<CheckupRecord>>> {
        let sql = format!(
            "SELECT {CHECKUP_COLUMNS} FROM checkups c
             JOIN memberships m ON m.person_id = c.person_id AND m.couple_id = c.shared_couple_id
             WHERE c.shared_couple_id = $1 AND c.person_id <> $2 ORDER BY c.taken_at, c.id"
        );
        let rows = sqlx::query(&sql).bind(couple_id).bind(viewer_id).fetch_all(self.pool()).await?;
        rows.iter().map(checkup_from).collect()
    }

    async fn save_pulse(&self, person_id: &PersonId, p: &PulseRecord) -> Result<()> {
        self.write_one(
            sqlx::query(
                "INSERT INTO pulses (person_id, week, answers, taken_at, sealed) VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT (person_id, week)
                 DO UPDATE SET answers = excluded.answers, taken_at = excluded.taken_at, sealed = excluded.sealed",
            )
            .bind(person_id)
            .bind(&p.week)
            .bind(p.answers.to_row().0)
            .bind(ms(p.taken_at))
            .bind(i64::from(p.answers.to_row().1)),
        )
        .await?;
        Ok(())
    }

    async fn seal_pulses(&self, person_id: &PersonId, sealed: &[(String, SealedWords)]) -> Result<()> {
        super::copies::seal_as_written(
            self,
            "UPDATE pulses SET answers = $1, sealed = 1 WHERE person_id = $2 AND week = $3 AND sealed = 0",
            person_id,
            sealed,
        )
        .await
    }

    async fn list_pulses(&self, person_id: &PersonId) -> Result<Vec<PulseRecord>> {
        let rows = sqlx::query("SELECT week, answers, taken_at, sealed FROM pulses WHERE person_id = $1 ORDER BY week")
            .bind(person_id)
            .fetch_all(self.pool())
            .await?;
        rows.iter()
            .map(|r| {
                Ok(PulseRecord {
                    week: r.try_get("week")?,
                    answers: StoredWords::from_row(r.try_get("answers")?, r.try_get::<i64, _>("sealed")? != 0)
                        .map_err(|_| StoreError::Corrupt("a pulse marked sealed holds no sealed answers".into()))?,
                    taken_at: ts(r.try_get("taken_at")?)?,
                })
            })
            .collect()
    }

    async fn plan(&self, couple_id: &CoupleId) -> Result<Option<PlanRecord>> {
        let row = sqlx::query("SELECT couple_id, schedule, created_at FROM plans WHERE couple_id = $1")
            .bind(couple_id)
            .fetch_optional(self.pool())
            .await?;
        row.map(|r| -> Result<PlanRecord> {
            Ok(PlanRecord {
                couple_id: r.try_get("couple_id")?,
                schedule: r.try_get("schedule")?,
                created_at: ts(r.try_get("created_at")?)?,
            })
        })
        .transpose()
    }

    async fn create_plan(&self, plan: &PlanRecord) -> Result<()> {
        let mut w = self.begin_write().await?;
        let result: Result<_> = async {
            sqlx::query("INSERT INTO plans (couple_id, schedule, created_at) VALUES ($1, $2, $3)")
                .bind(&plan.couple_id)
                .bind(&plan.schedule)
                .bind(ms(plan.created_at))
                .execute(&mut *w.tx)
                .await
                .map_err(|e| if StoreError::is_unique_violation(&e) { StoreError::PlanExists } else { e.into() })?;
            Ok(())
        }
        .await;
        w.finish(result).await
    }

    async fn update_plan_schedule(&self, couple_id: &CoupleId, schedule: &str) -> Result<()> {
        let mut w = self.begin_write().await?;
        let result: Result<_> = async {
            sqlx::query("UPDATE plans SET schedule = $1 WHERE couple_id = $2")
                .bind(schedule)
                .bind(couple_id)
                .execute(&mut *w.tx)
                .await?;
            Ok(())
        }
        .await;
        w.finish(result).await
    }

    async fn mark_step(
        &self,
        couple_id: &CoupleId,
        slot: u32,
        step_id: &str,
        person_id: &PersonId,
        done: bool,
        at: Timestamp,
    ) -> Result<()> {
        let mut w = self.begin_write().await?;
        let result: Result<_> = async {
            let sql = if done {
                "INSERT INTO plan_marks (couple_id, slot, step_id, person_id, done_at) VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT (couple_id, slot, step_id, person_id) DO NOTHING"
            } else {
                "DELETE FROM plan_marks WHERE couple_id = $1 AND slot = $2 AND step_id = $3 AND person_id = $4 AND $5 = $5"
            };
            sqlx::query(sql)
                .bind(couple_id)
                .bind(i64::from(slot))
                .bind(step_id)
                .bind(person_id)
                .bind(ms(at))
                .execute(&mut *w.tx)
                .await?;
            Ok(())
        }
        .await;
        w.finish(result).await
    }

    async fn step_marks(&self, couple_id: &CoupleId, slot: u32) -> Result<Vec<StepMark>> {
        let rows = sqlx::query(
            "SELECT step_id, person_id FROM plan_marks WHERE couple_id = $1 AND slot = $2 ORDER BY step_id, person_id",
        )
        .bind(couple_id)
        .bind(i64::from(slot))
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| Ok(StepMark { step_id: r.try_get("step_id")?, person_id: r.try_get("person_id")? }))
            .collect()
    }

    async fn set_step_smaller(&self, couple_id: &CoupleId, slot: u32, step_id: &str, smaller: bool) -> Result<()> {
        let mut w = self.begin_write().await?;
        let result: Result<_> = async {
            let sql = if smaller {
                "INSERT INTO plan_smaller (couple_id, slot, step_id) VALUES ($1, $2, $3)
                 ON CONFLICT (couple_id, slot, step_id) DO NOTHING"
            } else {
                "DELETE FROM plan_smaller WHERE couple_id = $1 AND slot = $2 AND step_id = $3"
            };
            sqlx::query(sql).bind(couple_id).bind(i64::from(slot)).bind(step_id).execute(&mut *w.tx).await?;
            Ok(())
        }
        .await;
        w.finish(result).await
    }

    async fn smaller_steps(&self, couple_id: &CoupleId, slot: u32) -> Result<Vec<String>> {
        let rows = sqlx::query("SELECT step_id FROM plan_smaller WHERE couple_id = $1 AND slot = $2 ORDER BY step_id")
            .bind(couple_id)
            .bind(i64::from(slot))
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(|r| Ok(r.try_get("step_id")?)).collect()
    }
}
