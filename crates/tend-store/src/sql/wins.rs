//! Small wins either partner notices, kept for the couple as two copies (the author's and the
//! partner's, `tend_core::sealing::SharedWords`).

use async_trait::async_trait;
use jiff::civil::Date;
use sqlx::any::AnyRow;
use sqlx::Row;
use tend_core::ids::{CoupleId, PersonId};
use tend_core::sealing::Resealed;

use super::{ms, ts, SqlStore};
use crate::model::WinRecord;
use crate::{Result, WinStore};

const COLUMNS: &str = "id, couple_id, person_id, text, day, created_at, sealed, shared_text, shared_sealed";

fn win(r: &AnyRow) -> Result<WinRecord> {
    Ok(WinRecord {
        id: r.try_get("id")?,
        couple_id: r.try_get("couple_id")?,
        person_id: r.try_get("person_id")?,
        words: super::copies::shared_words(r, "a win")?,
        day: r.try_get("day")?,
        created_at: ts(r.try_get("created_at")?)?,
    })
}

#[async_trait]
impl WinStore for SqlStore {
    async fn log_win(&self, w: &WinRecord) -> Result<()> {
        let (own, own_sealed) = w.words.own.to_row();
        let partners = w.words.partners.as_ref().map(|p| p.to_row());
        self.write_one(
            sqlx::query(&format!("INSERT INTO wins ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"))
                .bind(&w.id)
                .bind(&w.couple_id)
                .bind(&w.person_id)
                .bind(own)
                .bind(&w.day)
                .bind(ms(w.created_at))
                .bind(i64::from(own_sealed))
                .bind(partners.map(|p| p.0))
                .bind(i64::from(partners.is_some_and(|p| p.1))),
        )
        .await?;
        Ok(())
    }

    async fn wins(&self, couple_id: &CoupleId, from_day: Date) -> Result<Vec<WinRecord>> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM wins WHERE couple_id = $1 AND day >= $2 ORDER BY created_at DESC, id DESC"
        ))
        .bind(couple_id)
        .bind(from_day.to_string())
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(win).collect()
    }

    async fn wins_by(&self, person_id: &PersonId, couple_id: &CoupleId) -> Result<Vec<WinRecord>> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM wins WHERE person_id = $1 AND couple_id = $2 ORDER BY created_at, id"
        ))
        .bind(person_id)
        .bind(couple_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(win).collect()
    }

    async fn seal_wins(&self, person_id: &PersonId, sealed: &[(String, Resealed)]) -> Result<()> {
        super::copies::reseal(self, "wins", "person_id", person_id, sealed).await
    }
}
