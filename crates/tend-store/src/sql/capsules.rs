//! Emotional time capsules: sealed until their day, cancelled only by their author, opened when
//! both partners are ready. Cancelling erases what was written: a capsule never opened is never read.

use async_trait::async_trait;
use jiff::Timestamp;
use sqlx::Row;

use super::{ms, ts, SqlStore};
use crate::model::CapsuleRecord;
use crate::{CapsuleStore, Result};

#[async_trait]
impl CapsuleStore for SqlStore {
    async fn seal_capsule(&self, c: &CapsuleRecord) -> Result<()> {
        self.write_one(
            sqlx::query(
                "INSERT INTO capsules (id, couple_id, author_id, hopes, fears, needs, sealed_at, opens_on, opens_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(&c.id)
            .bind(&c.couple_id)
            .bind(&c.author_id)
            .bind(&c.hopes)
            .bind(&c.fears)
            .bind(&c.needs)
            .bind(ms(c.sealed_at))
            .bind(&c.opens_on)
            .bind(ms(c.opens_at)),
        )
        .await?;
        Ok(())
    }

    async fn capsules(&self, couple_id: &str) -> Result<Vec<CapsuleRecord>> {
        let rows = sqlx::query(
            "SELECT id, couple_id, author_id, hopes, fears, needs, sealed_at, opens_on, opens_at, author_ready_at,
                    partner_ready_at, opened_at, cancelled_at
             FROM capsules WHERE couple_id = $1 ORDER BY sealed_at DESC, id DESC",
        )
        .bind(couple_id)
        .fetch_all(self.pool())
        .await?;
        let opt = |r: &sqlx::any::AnyRow, c: &str| -> Result<Option<Timestamp>> {
            r.try_get::<Option<i64>, _>(c)?.map(ts).transpose()
        };
        rows.iter()
            .map(|r| {
                Ok(CapsuleRecord {
                    id: r.try_get("id")?,
                    couple_id: r.try_get("couple_id")?,
                    author_id: r.try_get("author_id")?,
                    hopes: r.try_get("hopes")?,
                    fears: r.try_get("fears")?,
                    needs: r.try_get("needs")?,
                    sealed_at: ts(r.try_get("sealed_at")?)?,
                    opens_on: r.try_get("opens_on")?,
                    opens_at: ts(r.try_get("opens_at")?)?,
                    author_ready_at: opt(r, "author_ready_at")?,
                    partner_ready_at: opt(r, "partner_ready_at")?,
                    opened_at: opt(r, "opened_at")?,
                    cancelled_at: opt(r, "cancelled_at")?,
                })
            })
            .collect()
    }

    async fn cancel_capsule(&self, couple_id: &str, id: &str, author_id: &str, at: Timestamp) -> Result<bool> {
        let done = self
            .write_one(
                sqlx::query(
                    "UPDATE capsules SET cancelled_at = $1, hopes = '', fears = '', needs = ''
                     WHERE id = $2 AND couple_id = $3 AND author_id = $4 AND opened_at IS NULL AND cancelled_at IS NULL",
                )
                .bind(ms(at))
                .bind(id)
                .bind(couple_id)
                .bind(author_id),
            )
            .await?;
        Ok(done > 0)
    }

    async fn ready_to_open_capsule(
        &self,
        couple_id: &str,
        id: &str,
        person_id: &str,
        both: bool,
        at: Timestamp,
    ) -> Result<bool> {
        let mut w = self.begin_write().await?;
        let result: Result<_> = async {
            let mine = sqlx::query(
                "UPDATE capsules SET
                   author_ready_at = CASE WHEN author_id = $1 OR $2 = 1 THEN COALESCE(author_ready_at, $3) ELSE author_ready_at END,
                   partner_ready_at = CASE WHEN author_id <> $1 OR $2 = 1 THEN COALESCE(partner_ready_at, $3) ELSE partner_ready_at END
                 WHERE id = $4 AND couple_id = $5 AND opened_at IS NULL AND cancelled_at IS NULL AND opens_at <= $3",
            )
            .bind(person_id)
            .bind(i64::from(both))
            .bind(ms(at))
            .bind(id)
            .bind(couple_id)
            .execute(&mut *w.tx)
            .await?;
            if mine.rows_affected() == 0 {
                return Ok(false);
            }
            sqlx::query(
                "UPDATE capsules SET opened_at = $1
                 WHERE id = $2 AND author_ready_at IS NOT NULL AND partner_ready_at IS NOT NULL",
            )
            .bind(ms(at))
            .bind(id)
            .execute(&mut *w.tx)
            .await?;
            Ok(true)
        }
        .await;
        w.finish(result).await
    }
}
