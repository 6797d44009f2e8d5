//! Help, special situations and private notes: each person's own, except a low-capacity
//! situation they chose to tell and the notes they shared.

use async_trait::async_trait;
use jiff::Timestamp;
use sqlx::any::AnyRow;
use sqlx::Row;
use tend_core::ids::{CoupleId, PersonId};

use super::{ms, ts, SqlStore};
use tend_core::sealing::{Resealed, SealedWords, StoredWords};

use crate::model::{PrivateNote, SituationFlags, SupportRecord};
use crate::{Result, SupportStore};

const NOTE_COLUMNS: &str =
    "id, person_id, kind, prompt, created_at, shared_couple_id, shared_at, text, sealed, shared_text, shared_sealed";

fn note(r: &AnyRow) -> Result<PrivateNote> {
    Ok(PrivateNote {
        id: r.try_get("id")?,
        person_id: r.try_get("person_id")?,
        kind: r.try_get("kind")?,
        prompt: r.try_get("prompt")?,
        words: super::copies::shared_words(r, "a private note")?,
        created_at: ts(r.try_get("created_at")?)?,
        shared_couple_id: r.try_get("shared_couple_id")?,
        shared_at: r.try_get::<Option<i64>, _>("shared_at")?.map(ts).transpose()?,
    })
}

#[async_trait]
impl SupportStore for SqlStore {
    async fn support(&self, person_id: &PersonId) -> Result<SupportRecord> {
        let row = sqlx::query(
            "SELECT reported, situation, tell_partner, safety_offer_dismissed FROM person_support WHERE person_id = $1",
        )
        .bind(person_id)
        .fetch_optional(self.pool())
        .await?;
        let Some(r) = row else {
            return Ok(SupportRecord::default());
        };
        let reported: String = r.try_get("reported")?;
        Ok(SupportRecord {
            reported: reported.split(',').filter(|s| !s.is_empty()).map(str::to_owned).collect(),
            situation: r.try_get("situation")?,
            tell_partner: r.try_get::<i64, _>("tell_partner")? != 0,
            safety_offer_dismissed: r.try_get::<i64, _>("safety_offer_dismissed")? != 0,
        })
    }

    async fn save_support(&self, person_id: &PersonId, s: &SupportRecord, at: Timestamp) -> Result<()> {
        self.write_one(
            sqlx::query(
                "INSERT INTO person_support (person_id, reported, situation, tell_partner, safety_offer_dismissed, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6)
                 ON CONFLICT (person_id) DO UPDATE SET reported = $2, situation = $3, tell_partner = $4,
                   safety_offer_dismissed = $5, updated_at = $6",
            )
            .bind(person_id)
            .bind(s.reported.join(","))
            .bind(s.situation.as_deref())
            .bind(i64::from(s.tell_partner))
            .bind(i64::from(s.safety_offer_dismissed))
            .bind(ms(at)),
        )
        .await?;
        Ok(())
    }

    async fn situation_flags(&self, person_id: &PersonId, couple_id: Option<&CoupleId>) -> Result<SituationFlags> {
        let row = sqlx::query(
            "SELECT
               (SELECT COUNT(*) FROM person_support WHERE person_id = $1 AND situation = 'low_capacity') AS low,
               (SELECT COUNT(*) FROM person_support WHERE person_id = $1 AND safety_offer_dismissed = 1) AS dismissed,
               (SELECT COUNT(*) FROM safety_checks WHERE person_id = $1) AS taken,
               (SELECT COUNT(*) FROM person_support s JOIN memberships m ON m.person_id = s.person_id
                 WHERE m.couple_id = $2 AND s.person_id <> $1 AND s.situation = 'low_capacity' AND s.tell_partner = 1)
                 AS told",
        )
        .bind(person_id)
        .bind(couple_id.map_or("", |c| c.as_str()))
        .fetch_one(self.pool())
        .await?;
        let set = |column: &str| -> Result<bool> { Ok(row.try_get::<i64, _>(column)? > 0) };
        Ok(SituationFlags {
            low_capacity: set("low")?,
            partner_told_low_capacity: set("told")?,
            safety_taken: set("taken")?,
            safety_offer_dismissed: set("dismissed")?,
        })
    }

    async fn pauses_since(&self, couple_id: &CoupleId, since: Timestamp) -> Result<u32> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM pauses WHERE couple_id = $1 AND started_at >= $2")
            .bind(couple_id)
            .bind(ms(since))
            .fetch_one(self.pool())
            .await?;
        Ok(u32::try_from(row.try_get::<i64, _>("n")?).unwrap_or(0))
    }

    async fn add_private_note(&self, n: &PrivateNote) -> Result<()> {
        let insert = format!(
            "INSERT INTO private_notes ({NOTE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, NULL, NULL, $6, $7, $8, $9)"
        );
        let query =
            sqlx::query(&insert).bind(&n.id).bind(&n.person_id).bind(&n.kind).bind(&n.prompt).bind(ms(n.created_at));
        self.write_one(super::copies::bind_copies(query, Some(&n.words))).await?;
        Ok(())
    }

    async fn private_notes(&self, person_id: &PersonId, kind: &str) -> Result<Vec<PrivateNote>> {
        let rows = sqlx::query(&format!(
            "SELECT {NOTE_COLUMNS} FROM private_notes WHERE person_id = $1 AND kind = $2 ORDER BY created_at DESC, id DESC"
        ))
        .bind(person_id)
        .bind(kind)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(note).collect()
    }

    async fn seal_private_notes(&self, person_id: &PersonId, sealed: &[(String, SealedWords)]) -> Result<()> {
        super::copies::seal_as_written(
            self,
            "UPDATE private_notes SET text = $1, sealed = 1 WHERE person_id = $2 AND id = $3 AND sealed = 0",
            person_id,
            sealed,
        )
        .await
    }

    async fn share_private_note(
        &self,
        person_id: &PersonId,
        id: &str,
        couple_id: &CoupleId,
        shared: &StoredWords,
        at: Timestamp,
    ) -> Result<bool> {
        let (text, sealed) = shared.to_row();
        let done = self
            .write_one(
                sqlx::query(
                    "UPDATE private_notes SET shared_couple_id = $1, shared_at = $2, shared_text = $3, shared_sealed = $4
                     WHERE id = $5 AND person_id = $6 AND kind IN ('boundaries', 'plan-writing')",
                )
                .bind(couple_id)
                .bind(ms(at))
                .bind(text)
                .bind(i64::from(sealed))
                .bind(id)
                .bind(person_id),
            )
            .await?;
        Ok(done > 0)
    }

    async fn seal_shared_notes(&self, person_id: &PersonId, sealed: &[(String, Resealed)]) -> Result<()> {
        super::copies::reseal(self, "private_notes", "person_id", person_id, sealed).await
    }

    async fn private_notes_shared_with(
        &self,
        couple_id: &CoupleId,
        viewer_id: &PersonId,
        kind: &str,
    ) -> Result<Vec<PrivateNote>> {
        let rows = sqlx::query(&format!(
            "SELECT {NOTE_COLUMNS} FROM private_notes WHERE shared_couple_id = $1 AND person_id <> $2 AND kind = $3
             ORDER BY shared_at DESC, id DESC"
        ))
        .bind(couple_id)
        .bind(viewer_id)
        .bind(kind)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(note).collect()
    }
}
