//! The couple's question deck: own questions, and marks (asked, favourite, drawn for tonight).

use async_trait::async_trait;
use jiff::Timestamp;
use sqlx::Row;
use tend_core::ids::{CoupleId, PersonId};

use super::{ms, ts, SqlStore};
use crate::model::{OwnQuestion, QuestionMark};
use crate::{QuestionStore, Result};

#[async_trait]
impl QuestionStore for SqlStore {
    async fn add_question(&self, q: &OwnQuestion) -> Result<()> {
        let query = sqlx::query(
            "INSERT INTO own_questions (id, couple_id, set_id, added_by, created_at, text, sealed, shared_text, shared_sealed)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(&q.id)
        .bind(&q.couple_id)
        .bind(&q.set_id)
        .bind(&q.added_by)
        .bind(ms(q.created_at));
        self.write_one(super::copies::bind_copies(query, Some(&q.words))).await?;
        Ok(())
    }

    async fn own_questions(&self, couple_id: &CoupleId) -> Result<Vec<OwnQuestion>> {
        let rows = sqlx::query(
            "SELECT id, couple_id, set_id, text, sealed, shared_text, shared_sealed, added_by, created_at FROM own_questions WHERE couple_id = $1 ORDER BY created_at, id",
        )
        .bind(couple_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(OwnQuestion {
                    id: r.try_get("id")?,
                    couple_id: r.try_get("couple_id")?,
                    set_id: r.try_get("set_id")?,
                    words: super::copies::shared_words(r, "a question")?,
                    added_by: r.try_get("added_by")?,
                    created_at: ts(r.try_get("created_at")?)?,
                })
            })
            .collect()
    }

    async fn seal_questions(
        &self,
        person_id: &PersonId,
        sealed: &[(String, tend_core::sealing::Resealed)],
    ) -> Result<()> {
        super::copies::reseal(self, "own_questions", "added_by", person_id, sealed).await
    }

    async fn question_marks(&self, couple_id: &CoupleId) -> Result<Vec<QuestionMark>> {
        let rows = sqlx::query(
            "SELECT question_id, asked_at, favourite, drawn_at FROM question_marks WHERE couple_id = $1 ORDER BY question_id",
        )
        .bind(couple_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(QuestionMark {
                    question_id: r.try_get("question_id")?,
                    asked_at: r.try_get::<Option<i64>, _>("asked_at")?.map(ts).transpose()?,
                    favourite: r.try_get::<i64, _>("favourite")? != 0,
                    drawn_at: r.try_get::<Option<i64>, _>("drawn_at")?.map(ts).transpose()?,
                })
            })
            .collect()
    }

    async fn mark_drawn(&self, couple_id: &CoupleId, question_ids: &[String], at: Timestamp) -> Result<()> {
        // Each question once (a row can't be updated twice by one statement).
        let mut question_ids: Vec<&String> = question_ids.iter().collect();
        question_ids.sort();
        question_ids.dedup();
        if question_ids.is_empty() {
            return Ok(());
        }
        // One statement for the whole draw: all or nothing, and one trip to the database.
        let rows: Vec<String> = (0..question_ids.len()).map(|i| format!("($1, ${}, $2)", i + 3)).collect();
        let sql = format!(
            "INSERT INTO question_marks (couple_id, question_id, drawn_at) VALUES {}
             ON CONFLICT (couple_id, question_id) DO UPDATE SET drawn_at = excluded.drawn_at",
            rows.join(", ")
        );
        let mut query = sqlx::query(&sql).bind(couple_id).bind(ms(at));
        for id in question_ids {
            query = query.bind(id);
        }
        self.write_one(query).await?;
        Ok(())
    }

    async fn mark_question(
        &self,
        couple_id: &CoupleId,
        question_id: &str,
        asked: Option<bool>,
        favourite: Option<bool>,
        at: Timestamp,
    ) -> Result<()> {
        // One statement: the mark made if it is not there yet, and only the given fields changed.
        let query = sqlx::query(
            "INSERT INTO question_marks (couple_id, question_id, asked_at, favourite)
             VALUES ($1, $2, CASE WHEN $3 = 1 THEN $4 ELSE NULL END, CASE WHEN $5 = 1 THEN $6 ELSE 0 END)
             ON CONFLICT (couple_id, question_id) DO UPDATE SET
                 asked_at = CASE WHEN $3 = 1 THEN $4 ELSE question_marks.asked_at END,
                 favourite = CASE WHEN $5 = 1 THEN $6 ELSE question_marks.favourite END",
        )
        .bind(couple_id)
        .bind(question_id)
        .bind(i64::from(asked.is_some()))
        .bind(asked.unwrap_or(false).then(|| ms(at)))
        .bind(i64::from(favourite.is_some()))
        .bind(i64::from(favourite.unwrap_or(false)));
        self.write_one(query).await?;
        Ok(())
    }
}
