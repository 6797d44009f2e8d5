//! The appreciation journal: private to its author until the author shares one entry. Reads give
//! candidates with the facts the visibility rule needs (the author's couple now, from their
//! membership); the rule in `tend_core::visibility` decides who opens them.

use async_trait::async_trait;
use jiff::Timestamp;
use sqlx::any::AnyRow;
use sqlx::Row;
use tend_core::ids::{CoupleId, PersonId};

use tend_core::sealing::{Resealed, StoredWords};
use tend_core::visibility::{Candidate, Facts};

use super::{ms, ts, SqlStore};
use crate::model::JournalEntry;
use crate::{JournalStore, Result};

const COLUMNS: &str = "id, person_id, text, created_at, shared_couple_id, shared_at, shared_in_check, sealed";
/// The columns, and the author's couple now, for reads.
const READ: &str =
    "j.id, j.person_id, j.text, j.created_at, j.shared_couple_id, j.shared_at, j.shared_in_check, j.sealed,
     j.shared_text, j.shared_sealed, m.couple_id AS author_couple_now
     FROM journal_entries j LEFT JOIN memberships m ON m.person_id = j.person_id";

fn candidate(r: &AnyRow) -> Result<Candidate<JournalEntry>> {
    let e = entry(r)?;
    let (author, shared_with) = (e.person_id.clone(), e.shared_couple_id.clone());
    let facts = Facts::private_until_shared(author, shared_with, r.try_get("author_couple_now")?);
    Ok(Candidate::new(e, facts))
}

fn entry(r: &AnyRow) -> Result<JournalEntry> {
    Ok(JournalEntry {
        id: r.try_get("id")?,
        person_id: r.try_get("person_id")?,
        words: super::copies::shared_words(r, "a journal entry")?,
        created_at: ts(r.try_get("created_at")?)?,
        shared_couple_id: r.try_get("shared_couple_id")?,
        shared_at: r.try_get::<Option<i64>, _>("shared_at")?.map(ts).transpose()?,
        shared_in_check: r.try_get("shared_in_check")?,
    })
}

#[async_trait]
impl JournalStore for SqlStore {
    async fn add_journal_entry(&self, e: &JournalEntry) -> Result<()> {
        self.write_one(
            sqlx::query(&format!(
                "INSERT INTO journal_entries ({COLUMNS}) VALUES ($1, $2, $3, $4, NULL, NULL, NULL, $5)"
            ))
            .bind(&e.id)
            .bind(&e.person_id)
            .bind(e.words.own.to_row().0)
            .bind(ms(e.created_at))
            .bind(i64::from(e.words.own.to_row().1)),
        )
        .await?;
        Ok(())
    }

    async fn own_journal(&self, person_id: &PersonId) -> Result<Vec<Candidate<JournalEntry>>> {
        let rows = sqlx::query(&format!("SELECT {READ} WHERE j.person_id = $1 ORDER BY j.created_at DESC, j.id DESC"))
            .bind(person_id)
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(candidate).collect()
    }

    async fn journal_shared_with(
        &self,
        couple_id: &CoupleId,
        viewer_id: &PersonId,
    ) -> Result<Vec<Candidate<JournalEntry>>> {
        let rows = sqlx::query(&format!(
            "SELECT {READ} WHERE j.shared_couple_id = $1 AND j.person_id <> $2
             ORDER BY j.shared_at DESC, j.id DESC"
        ))
        .bind(couple_id)
        .bind(viewer_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(candidate).collect()
    }

    async fn journal_in_check(&self, couple_id: &CoupleId, check_id: &str) -> Result<Vec<Candidate<JournalEntry>>> {
        let rows = sqlx::query(&format!(
            "SELECT {READ} WHERE j.shared_couple_id = $1 AND j.shared_in_check = $2
             ORDER BY j.created_at DESC, j.id DESC"
        ))
        .bind(couple_id)
        .bind(check_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(candidate).collect()
    }

    async fn share_journal_entry(
        &self,
        person_id: &PersonId,
        id: &str,
        couple_id: &CoupleId,
        check_id: Option<&str>,
        shared: &StoredWords,
        at: Timestamp,
    ) -> Result<bool> {
        let (text, sealed) = shared.to_row();
        let done = self
            .write_one(
                sqlx::query(
                    "UPDATE journal_entries SET shared_couple_id = $1, shared_at = $2, shared_in_check = $3,
                       shared_text = $4, shared_sealed = $5
                     WHERE id = $6 AND person_id = $7",
                )
                .bind(couple_id)
                .bind(ms(at))
                .bind(check_id)
                .bind(text)
                .bind(i64::from(sealed))
                .bind(id)
                .bind(person_id),
            )
            .await?;
        Ok(done > 0)
    }

    async fn seal_journal_entries(&self, person_id: &PersonId, sealed: &[(String, Resealed)]) -> Result<()> {
        super::copies::reseal(self, "journal_entries", "person_id", person_id, sealed).await
    }

    async fn delete_journal_entry(&self, person_id: &PersonId, id: &str) -> Result<bool> {
        let done = self
            .write_one(
                sqlx::query("DELETE FROM journal_entries WHERE id = $1 AND person_id = $2").bind(id).bind(person_id),
            )
            .await?;
        Ok(done > 0)
    }
}
