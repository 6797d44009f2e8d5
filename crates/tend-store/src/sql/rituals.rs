//! The daily rituals: the couple's schedule, each person's answers, the shared screen-free timer.

use async_trait::async_trait;
use jiff::civil::Date;
use jiff::Timestamp;
use sqlx::any::AnyRow;
use sqlx::Row;
use tend_core::ids::{CoupleId, PersonId};
use tend_core::sealing::Resealed;

use super::{ms, ts, SqlStore};
use crate::model::{AnswerMark, RitualAnswer, RitualSchedule, TimerRecord};
use crate::{Result, RitualStore};

const TIMER_COLUMNS: &str = "id, couple_id, started_by, started_at, minutes, joined_by, joined_at, stopped_at";

const UPSERT_ANSWER: &str =
    "INSERT INTO ritual_answers (couple_id, person_id, kind, day, day_ends_at, text, answered_at, sealed, shared_text, shared_sealed)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (couple_id, kind, day, person_id)
     DO UPDATE SET text = $6, answered_at = $7, sealed = $8, shared_text = $9, shared_sealed = $10";

/// `UPSERT_ANSWER` with an answer's values bound.
fn upsert_answer(a: &RitualAnswer) -> sqlx::query::Query<'_, sqlx::Any, sqlx::any::AnyArguments<'_>> {
    let (own, own_sealed) = a.words.own.to_row();
    let partners = a.words.partners.as_ref().map(|p| p.to_row());
    sqlx::query(UPSERT_ANSWER)
        .bind(&a.couple_id)
        .bind(&a.person_id)
        .bind(&a.kind)
        .bind(&a.day)
        .bind(ms(a.day_ends_at))
        .bind(own)
        .bind(ms(a.answered_at))
        .bind(i64::from(own_sealed))
        .bind(partners.map(|p| p.0))
        .bind(i64::from(partners.is_some_and(|p| p.1)))
}

fn timer(r: &AnyRow) -> Result<TimerRecord> {
    Ok(TimerRecord {
        id: r.try_get("id")?,
        couple_id: r.try_get("couple_id")?,
        started_by: r.try_get("started_by")?,
        started_at: ts(r.try_get("started_at")?)?,
        minutes: u32::try_from(r.try_get::<i64, _>("minutes")?).unwrap_or(0),
        joined_by: r.try_get("joined_by")?,
        joined_at: r.try_get::<Option<i64>, _>("joined_at")?.map(ts).transpose()?,
        stopped_at: r.try_get::<Option<i64>, _>("stopped_at")?.map(ts).transpose()?,
    })
}

fn answer(r: &AnyRow) -> Result<RitualAnswer> {
    Ok(RitualAnswer {
        couple_id: r.try_get("couple_id")?,
        person_id: r.try_get("person_id")?,
        kind: r.try_get("kind")?,
        day: r.try_get("day")?,
        day_ends_at: ts(r.try_get("day_ends_at")?)?,
        words: super::copies::shared_words(r, "a ritual answer")?,
        answered_at: ts(r.try_get("answered_at")?)?,
    })
}

#[async_trait]
impl RitualStore for SqlStore {
    async fn ritual_schedules(&self, couple_id: &CoupleId) -> Result<Vec<RitualSchedule>> {
        let rows = sqlx::query("SELECT kind, enabled, days, at_minute FROM ritual_schedules WHERE couple_id = $1")
            .bind(couple_id)
            .fetch_all(self.pool())
            .await?;
        rows.iter()
            .map(|r| {
                Ok(RitualSchedule {
                    kind: r.try_get("kind")?,
                    enabled: r.try_get::<i64, _>("enabled")? != 0,
                    days: u8::try_from(r.try_get::<i64, _>("days")?).unwrap_or(0),
                    at_minute: u16::try_from(r.try_get::<i64, _>("at_minute")?).unwrap_or(0),
                })
            })
            .collect()
    }

    async fn set_ritual_schedules(&self, couple_id: &CoupleId, schedules: &[RitualSchedule]) -> Result<()> {
        let mut w = self.begin_write().await?;
        let result: Result<_> = async {
            for s in schedules {
                sqlx::query(
                    "INSERT INTO ritual_schedules (couple_id, kind, enabled, days, at_minute) VALUES ($1, $2, $3, $4, $5)
                     ON CONFLICT (couple_id, kind) DO UPDATE SET enabled = $3, days = $4, at_minute = $5",
                )
                .bind(couple_id)
                .bind(&s.kind)
                .bind(i64::from(s.enabled))
                .bind(i64::from(s.days))
                .bind(i64::from(s.at_minute))
                .execute(&mut *w.tx)
                .await?;
            }
            Ok(())
        }
        .await;
        w.finish(result).await
    }

    async fn save_ritual_answer(&self, a: &RitualAnswer) -> Result<()> {
        self.write_one(upsert_answer(a)).await?;
        Ok(())
    }

    async fn ritual_answers(&self, couple_id: &CoupleId, days: &[String]) -> Result<Vec<RitualAnswer>> {
        let mut answers = Vec::new();
        for day in days {
            let rows = sqlx::query(
                "SELECT couple_id, person_id, kind, day, day_ends_at, text, answered_at, sealed, shared_text, shared_sealed
                 FROM ritual_answers WHERE couple_id = $1 AND day = $2 ORDER BY kind, person_id",
            )
            .bind(couple_id)
            .bind(day)
            .fetch_all(self.pool())
            .await?;
            for row in &rows {
                answers.push(answer(row)?);
            }
        }
        Ok(answers)
    }

    async fn rituals_answered_since(&self, couple_id: &CoupleId, from_day: Date) -> Result<Vec<AnswerMark>> {
        let rows = sqlx::query(
            "SELECT person_id, kind, day, day_ends_at FROM ritual_answers WHERE couple_id = $1 AND day >= $2
             ORDER BY day, kind, person_id",
        )
        .bind(couple_id)
        .bind(from_day.to_string())
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(AnswerMark {
                    person_id: r.try_get("person_id")?,
                    kind: r.try_get("kind")?,
                    day: r.try_get("day")?,
                    day_ends_at: ts(r.try_get("day_ends_at")?)?,
                })
            })
            .collect()
    }

    async fn ritual_answers_by(&self, person_id: &PersonId, couple_id: &CoupleId) -> Result<Vec<RitualAnswer>> {
        let rows = sqlx::query(
            "SELECT couple_id, person_id, kind, day, day_ends_at, text, answered_at, sealed, shared_text, shared_sealed
             FROM ritual_answers WHERE person_id = $1 AND couple_id = $2 ORDER BY day, kind",
        )
        .bind(person_id)
        .bind(couple_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(answer).collect()
    }

    async fn seal_ritual_answers(
        &self,
        person_id: &PersonId,
        couple_id: &CoupleId,
        sealed: &[((String, String, Timestamp), Resealed)],
    ) -> Result<()> {
        let mut w = self.begin_write().await?;
        let result: Result<_> = async {
            for ((kind, day, answered_at), words) in sealed {
                sqlx::query(
                    "UPDATE ritual_answers SET text = $1, sealed = 1,
                       shared_text = COALESCE($2, shared_text), shared_sealed = CASE WHEN $2 IS NULL THEN shared_sealed ELSE 1 END
                     WHERE person_id = $3 AND couple_id = $4 AND kind = $5 AND day = $6 AND answered_at = $7",
                )
                .bind(words.own.as_stored())
                .bind(words.partners.as_ref().map(tend_core::sealing::SealedWords::as_stored))
                .bind(person_id)
                .bind(couple_id)
                .bind(kind)
                .bind(day)
                .bind(ms(*answered_at))
                .execute(&mut *w.tx)
                .await?;
            }
            Ok(())
        }
        .await;
        w.finish(result).await?;
        self.forget_old_pages().await
    }

    async fn create_timer(&self, t: &TimerRecord) -> Result<()> {
        self.write_one(
            sqlx::query(&format!("INSERT INTO timers ({TIMER_COLUMNS}) VALUES ($1, $2, $3, $4, $5, NULL, NULL, NULL)"))
                .bind(&t.id)
                .bind(&t.couple_id)
                .bind(&t.started_by)
                .bind(ms(t.started_at))
                .bind(i64::from(t.minutes)),
        )
        .await?;
        Ok(())
    }

    async fn latest_timer(&self, couple_id: &CoupleId) -> Result<Option<TimerRecord>> {
        let row = sqlx::query(&format!(
            "SELECT {TIMER_COLUMNS} FROM timers WHERE couple_id = $1 ORDER BY started_at DESC, id DESC LIMIT 1"
        ))
        .bind(couple_id)
        .fetch_optional(self.pool())
        .await?;
        row.as_ref().map(timer).transpose()
    }

    async fn timers_since(&self, couple_id: &CoupleId, since: Timestamp) -> Result<Vec<TimerRecord>> {
        let rows = sqlx::query(&format!(
            "SELECT {TIMER_COLUMNS} FROM timers WHERE couple_id = $1 AND started_at >= $2 ORDER BY started_at"
        ))
        .bind(couple_id)
        .bind(ms(since))
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(timer).collect()
    }

    async fn join_timer(&self, couple_id: &CoupleId, id: &str, person_id: &PersonId, at: Timestamp) -> Result<bool> {
        let done = self
            .write_one(
                sqlx::query(
                    "UPDATE timers SET joined_by = $1, joined_at = $2
                     WHERE id = $3 AND couple_id = $4 AND started_by <> $1 AND joined_by IS NULL AND stopped_at IS NULL",
                )
                .bind(person_id)
                .bind(ms(at))
                .bind(id)
                .bind(couple_id),
            )
            .await?;
        Ok(done > 0)
    }

    async fn stop_timer(&self, couple_id: &CoupleId, id: &str, at: Timestamp) -> Result<bool> {
        let done = self
            .write_one(
                sqlx::query(
                    "UPDATE timers SET stopped_at = $1 WHERE id = $2 AND couple_id = $3 AND stopped_at IS NULL",
                )
                .bind(ms(at))
                .bind(id)
                .bind(couple_id),
            )
            .await?;
        Ok(done > 0)
    }
}
