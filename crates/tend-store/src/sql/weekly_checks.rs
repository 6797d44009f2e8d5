//! The weekly check: one guided session at a time per couple, its notes, and finished summaries.

use async_trait::async_trait;
use jiff::Timestamp;
use sqlx::any::AnyRow;
use sqlx::Row;
use tend_core::ids::{CoupleId, PersonId};
use tend_core::sealing::Resealed;

use super::{ms, ts, SqlStore};
use crate::model::{WeeklyCheckNote, WeeklyCheckRecord};
use crate::{Result, WeeklyCheckStore};

fn check(r: &AnyRow) -> Result<WeeklyCheckRecord> {
    Ok(WeeklyCheckRecord {
        id: r.try_get("id")?,
        couple_id: r.try_get("couple_id")?,
        started_at: ts(r.try_get("started_at")?)?,
        section: u32::try_from(r.try_get::<i64, _>("section")?).unwrap_or(0),
        section_started_at: ts(r.try_get("section_started_at")?)?,
        finished_at: r.try_get::<Option<i64>, _>("finished_at")?.map(ts).transpose()?,
        version: r.try_get("version")?,
    })
}

#[async_trait]
impl WeeklyCheckStore for SqlStore {
    async fn create_weekly_check(&self, c: &WeeklyCheckRecord) -> Result<()> {
        self.write_one(
            sqlx::query(
                "INSERT INTO weekly_checks (id, couple_id, started_at, section, section_started_at, finished_at, version)
                 VALUES ($1, $2, $3, $4, $5, NULL, $6)",
            )
            .bind(&c.id)
            .bind(&c.couple_id)
            .bind(ms(c.started_at))
            .bind(i64::from(c.section))
            .bind(ms(c.section_started_at))
            .bind(c.version),
        )
        .await?;
        Ok(())
    }

    async fn weekly_checks(&self, couple_id: &CoupleId) -> Result<Vec<WeeklyCheckRecord>> {
        let rows = sqlx::query(
            "SELECT id, couple_id, started_at, section, section_started_at, finished_at, version FROM weekly_checks
             WHERE couple_id = $1 ORDER BY started_at DESC, id DESC",
        )
        .bind(couple_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(check).collect()
    }

    async fn move_weekly_check(
        &self,
        couple_id: &CoupleId,
        id: &str,
        version: i64,
        section: u32,
        finished: bool,
        at: Timestamp,
    ) -> Result<bool> {
        let done = self
            .write_one(
                sqlx::query(
                    "UPDATE weekly_checks SET section = $1, section_started_at = $2, finished_at = $3, version = version + 1
                     WHERE id = $4 AND couple_id = $5 AND version = $6 AND finished_at IS NULL",
                )
                .bind(i64::from(section))
                .bind(ms(at))
                .bind(finished.then(|| ms(at)))
                .bind(id)
                .bind(couple_id)
                .bind(version),
            )
            .await?;
        Ok(done > 0)
    }

    async fn add_weekly_check_note(&self, couple_id: &CoupleId, n: &WeeklyCheckNote) -> Result<bool> {
        let mut w = self.begin_write().await?;
        let result: Result<_> = async {
            let open = sqlx::query(
                "UPDATE weekly_checks SET version = version + 1 WHERE id = $1 AND couple_id = $2 AND finished_at IS NULL",
            )
            .bind(&n.check_id)
            .bind(couple_id)
            .execute(&mut *w.tx)
            .await?;
            if open.rows_affected() == 0 {
                return Ok(false);
            }
            sqlx::query(
                "INSERT INTO weekly_check_notes (id, check_id, section, person_id, text, created_at, sealed, shared_text, shared_sealed)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(&n.id)
            .bind(&n.check_id)
            .bind(&n.section)
            .bind(&n.person_id)
            .bind(n.words.own.to_row().0)
            .bind(ms(n.created_at))
            .bind(i64::from(n.words.own.to_row().1))
            .bind(n.words.partners.as_ref().map(|p| p.to_row().0))
            .bind(i64::from(n.words.partners.as_ref().is_some_and(|p| p.to_row().1)))
            .execute(&mut *w.tx)
            .await?;
            Ok(true)
        }
        .await;
        w.finish(result).await
    }

    async fn weekly_check_notes(&self, check_id: &str) -> Result<Vec<WeeklyCheckNote>> {
        let rows =
            sqlx::query(&format!("SELECT {NOTE} FROM weekly_check_notes WHERE check_id = $1 ORDER BY created_at, id"))
                .bind(check_id)
                .fetch_all(self.pool())
                .await?;
        rows.iter().map(note).collect()
    }

    async fn weekly_check_notes_by(&self, person_id: &PersonId, couple_id: &CoupleId) -> Result<Vec<WeeklyCheckNote>> {
        let rows = sqlx::query(&format!(
            "SELECT {NOTE} FROM weekly_check_notes
             WHERE person_id = $1 AND check_id IN (SELECT id FROM weekly_checks WHERE couple_id = $2)
             ORDER BY created_at, id"
        ))
        .bind(person_id)
        .bind(couple_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(note).collect()
    }

    async fn seal_weekly_check_notes(&self, person_id: &PersonId, sealed: &[(String, Resealed)]) -> Result<()> {
        super::copies::reseal(self, "weekly_check_notes", "person_id", person_id, sealed).await
    }

    async fn touch_weekly_check(&self, couple_id: &CoupleId, id: &str) -> Result<bool> {
        let done = self
            .write_one(
                sqlx::query(
                    "UPDATE weekly_checks SET version = version + 1 WHERE id = $1 AND couple_id = $2 AND finished_at IS NULL",
                )
                .bind(id)
                .bind(couple_id),
            )
            .await?;
        Ok(done > 0)
    }
}

const NOTE: &str = "id, check_id, section, person_id, text, created_at, sealed, shared_text, shared_sealed";

fn note(r: &AnyRow) -> Result<WeeklyCheckNote> {
    Ok(WeeklyCheckNote {
        id: r.try_get("id")?,
        check_id: r.try_get("check_id")?,
        section: r.try_get("section")?,
        person_id: r.try_get("person_id")?,
        words: super::copies::shared_words(r, "a weekly-check note")?,
        created_at: ts(r.try_get("created_at")?)?,
    })
}
