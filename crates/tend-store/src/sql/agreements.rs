//! Agreements: proposed by one partner, in force once the other says yes, reviewed on a date.

use async_trait::async_trait;
use jiff::civil::Date;
use jiff::Timestamp;
use sqlx::any::AnyRow;
use sqlx::Row;
use tend_core::ids::{CoupleId, PersonId};

use super::{ms, ts, SqlStore};
use crate::model::AgreementRecord;
use crate::{AgreementStore, Result};

fn agreement_from(row: &AnyRow) -> Result<AgreementRecord> {
    Ok(AgreementRecord {
        id: row.try_get("id")?,
        couple_id: row.try_get("couple_id")?,
        kind: row.try_get("kind")?,
        words: super::copies::shared_words(row, "an agreement")?,
        review_on: row.try_get("review_on")?,
        proposed_by: row.try_get("proposed_by")?,
        created_at: ts(row.try_get("created_at")?)?,
        accepted_at: row.try_get::<Option<i64>, _>("accepted_at")?.map(ts).transpose()?,
    })
}

#[async_trait]
impl AgreementStore for SqlStore {
    async fn create_agreement(&self, a: &AgreementRecord) -> Result<()> {
        let query = sqlx::query(
            "INSERT INTO agreements (id, couple_id, kind, review_on, proposed_by, created_at, accepted_at,
                                     text, sealed, shared_text, shared_sealed)
             VALUES ($1, $2, $3, $4, $5, $6, NULL, $7, $8, $9, $10)",
        )
        .bind(&a.id)
        .bind(&a.couple_id)
        .bind(&a.kind)
        .bind(&a.review_on)
        .bind(&a.proposed_by)
        .bind(ms(a.created_at));
        self.write_one(super::copies::bind_copies(query, Some(&a.words))).await?;
        Ok(())
    }

    async fn agreements(&self, couple_id: &CoupleId) -> Result<Vec<AgreementRecord>> {
        let rows = sqlx::query(
            "SELECT id, couple_id, kind, text, sealed, shared_text, shared_sealed, review_on, proposed_by, created_at, accepted_at
             FROM agreements WHERE couple_id = $1 ORDER BY created_at, id",
        )
        .bind(couple_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(agreement_from).collect()
    }

    async fn accept_agreement(
        &self,
        couple_id: &CoupleId,
        id: &str,
        person_id: &PersonId,
        now: Timestamp,
    ) -> Result<bool> {
        Ok(self
            .write_one(
                sqlx::query(
                    "UPDATE agreements SET accepted_at = $1
                 WHERE id = $2 AND couple_id = $3 AND proposed_by <> $4 AND accepted_at IS NULL",
                )
                .bind(ms(now))
                .bind(id)
                .bind(couple_id)
                .bind(person_id),
            )
            .await?
            > 0)
    }

    async fn seal_agreements(
        &self,
        person_id: &PersonId,
        sealed: &[(String, tend_core::sealing::Resealed)],
    ) -> Result<()> {
        super::copies::reseal(self, "agreements", "proposed_by", person_id, sealed).await
    }

    async fn set_agreement_review(&self, couple_id: &CoupleId, id: &str, review_on: Date) -> Result<bool> {
        Ok(self
            .write_one(
                sqlx::query(
                    "UPDATE agreements SET review_on = $1 WHERE id = $2 AND couple_id = $3 AND accepted_at IS NOT NULL",
                )
                .bind(review_on.to_string())
                .bind(id)
                .bind(couple_id),
            )
            .await?
            > 0)
    }
}
