//! Each person's data key, kept only wrapped (under their password key and recovery code); the
//! words it seals are in the tables of what they wrote.

use async_trait::async_trait;
use sqlx::{Any, Row, Transaction};
use tend_core::sealing::{SealedWords, WrappedKey};

use super::SqlStore;
use crate::model::PersonKeys;
use crate::{KeyStore, Result, StoreError};

pub(super) fn wrapped(stored: String) -> Result<WrappedKey> {
    WrappedKey::from_stored(stored).ok_or_else(|| StoreError::Corrupt("a wrapped data key in an unknown form".into()))
}

/// Sets (or replaces) a person's wrapped data key inside a transaction. A recovery wrap replaced
/// by none (a reset without the code) is kept as the earlier one (the latest such), not dropped:
/// the old key's words stay recoverable with the old code.
pub(super) async fn save_keys(tx: &mut Transaction<'static, Any>, person_id: &str, keys: &PersonKeys) -> Result<()> {
    sqlx::query(
        "INSERT INTO person_keys (person_id, by_password, by_recovery) VALUES ($1, $2, $3)
         ON CONFLICT (person_id) DO UPDATE SET by_password = excluded.by_password, by_recovery = excluded.by_recovery,
           earlier_by_recovery = CASE WHEN excluded.by_recovery IS NULL AND person_keys.by_recovery IS NOT NULL
                                      THEN person_keys.by_recovery ELSE person_keys.earlier_by_recovery END",
    )
    .bind(person_id)
    .bind(keys.by_password.as_stored())
    .bind(keys.by_recovery.as_ref().map(WrappedKey::as_stored))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Replaces words still stored as written with their sealed form, in one transaction, then lets
/// the old pages go. `update` binds the sealed text, the person and the row's key, in that order.
pub(super) async fn seal_as_written(
    store: &SqlStore,
    update: &str,
    person_id: &str,
    sealed: &[(String, SealedWords)],
) -> Result<()> {
    let mut w = store.begin_write().await?;
    let result: Result<_> = async {
        for (row, words) in sealed {
            sqlx::query(update).bind(words.as_stored()).bind(person_id).bind(row).execute(&mut *w.tx).await?;
        }
        Ok(())
    }
    .await;
    w.finish(result).await?;
    store.forget_old_pages().await
}

#[async_trait]
impl KeyStore for SqlStore {
    async fn person_keys(&self, person_id: &str) -> Result<Option<PersonKeys>> {
        let row = sqlx::query("SELECT by_password, by_recovery FROM person_keys WHERE person_id = $1")
            .bind(person_id)
            .fetch_optional(self.pool())
            .await?;
        let Some(row) = row else { return Ok(None) };
        Ok(Some(PersonKeys {
            by_password: wrapped(row.try_get("by_password")?)?,
            by_recovery: row.try_get::<Option<String>, _>("by_recovery")?.map(wrapped).transpose()?,
        }))
    }

    async fn create_person_keys(&self, person_id: &str, keys: &PersonKeys) -> Result<bool> {
        let done = self
            .write_one(
                sqlx::query(
                    "INSERT INTO person_keys (person_id, by_password, by_recovery) VALUES ($1, $2, $3)
                     ON CONFLICT (person_id) DO NOTHING",
                )
                .bind(person_id)
                .bind(keys.by_password.as_stored())
                .bind(keys.by_recovery.as_ref().map(WrappedKey::as_stored)),
            )
            .await?;
        Ok(done > 0)
    }

    async fn add_recovery_wrap(&self, person_id: &str, by_recovery: &WrappedKey) -> Result<bool> {
        let done = self
            .write_one(
                sqlx::query("UPDATE person_keys SET by_recovery = $1 WHERE person_id = $2 AND by_recovery IS NULL")
                    .bind(by_recovery.as_stored())
                    .bind(person_id),
            )
            .await?;
        Ok(done > 0)
    }

    async fn earlier_recovery_wrap(&self, person_id: &str) -> Result<Option<WrappedKey>> {
        let row = sqlx::query("SELECT earlier_by_recovery FROM person_keys WHERE person_id = $1")
            .bind(person_id)
            .fetch_optional(self.pool())
            .await?;
        match row {
            Some(row) => row.try_get::<Option<String>, _>("earlier_by_recovery")?.map(wrapped).transpose(),
            None => Ok(None),
        }
    }

    async fn set_recovery_wrap(&self, person_id: &str, by_recovery: &WrappedKey) -> Result<bool> {
        let done = self
            .write_one(
                sqlx::query("UPDATE person_keys SET by_recovery = $1 WHERE person_id = $2")
                    .bind(by_recovery.as_stored())
                    .bind(person_id),
            )
            .await?;
        Ok(done > 0)
    }
}
