//! The appreciation journal: private to its author until the author shares one entry.

use async_trait::async_trait;
use jiff::Timestamp;
use sqlx::any::AnyRow;
use sqlx::Row;

use super::{ms, ts, SqlStore};
use crate::model::JournalEntry;
use crate::{JournalStore, Result};

const COLUMNS: &str = "id, person_id, text, created_at, shared_couple_id, shared_at, shared_in_check";

fn entry(r: &AnyRow) -> Result<JournalEntry> {
    Ok(JournalEntry {
        id: r.try_get("id")?,
        person_id: r.try_get("person_id")?,
        text: r.try_get("text")?,
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
            sqlx::query(&format!("INSERT INTO journal_entries ({COLUMNS}) VALUES ($1, $2, $3, $4, NULL, NULL, NULL)"))
                .bind(&e.id)
                .bind(&e.person_id)
                .bind(&e.text)
                .bind(ms(e.created_at)),
        )
        .await?;
        Ok(())
    }

    async fn own_journal(&self, person_id: &str) -> Result<Vec<JournalEntry>> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM journal_entries WHERE person_id = $1 ORDER BY created_at DESC, id DESC"
        ))
        .bind(person_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(entry).collect()
    }

    async fn journal_shared_with(&self, couple_id: &str, viewer_id: &str) -> Result<Vec<JournalEntry>> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM journal_entries WHERE shared_couple_id = $1 AND person_id <> $2
             ORDER BY shared_at DESC, id DESC"
        ))
        .bind(couple_id)
        .bind(viewer_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(entry).collect()
    }

    async fn journal_in_check(&self, couple_id: &str, check_id: &str) -> Result<Vec<JournalEntry>> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM journal_entries WHERE shared_couple_id = $1 AND shared_in_check = $2
             ORDER BY created_at DESC, id DESC"
        ))
        .bind(couple_id)
        .bind(check_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(entry).collect()
    }

    async fn share_journal_entry(
        &self,
        person_id: &str,
        id: &str,
        couple_id: &str,
        check_id: Option<&str>,
        at: Timestamp,
    ) -> Result<bool> {
        let done = self
            .write_one(
                sqlx::query(
                    "UPDATE journal_entries SET shared_couple_id = $1, shared_at = $2, shared_in_check = $3
                     WHERE id = $4 AND person_id = $5",
                )
                .bind(couple_id)
                .bind(ms(at))
                .bind(check_id)
                .bind(id)
                .bind(person_id),
            )
            .await?;
        Ok(done > 0)
    }

    async fn delete_journal_entry(&self, person_id: &str, id: &str) -> Result<bool> {
        let done = self
            .write_one(
                sqlx::query("DELETE FROM journal_entries WHERE id = $1 AND person_id = $2").bind(id).bind(person_id),
            )
            .await?;
        Ok(done > 0)
    }
}
