//! Each person's data key, kept only wrapped (under their password key and recovery code), their
//! public key, and each couple's key as its members hold it; the words these keys seal are in the
//! tables of what people wrote (read and written through `copies`).

use async_trait::async_trait;
use sqlx::{Any, Row, Transaction};
use tend_core::ids::{CoupleId, PersonId};
use tend_core::sealing::{CoupleKeyWrap, PublicKey, WrappedKey};

use super::SqlStore;
use crate::model::{CoupleKeyHolder, CoupleKeyHolders, PersonKeys};
use crate::{KeyStore, Result, StoreError};

pub(super) fn wrapped(stored: String) -> Result<WrappedKey> {
    WrappedKey::from_stored(stored).ok_or_else(|| StoreError::Corrupt("a wrapped data key in an unknown form".into()))
}

/// Sets (or replaces) a person's wrapped data key inside a transaction. A recovery wrap replaced
/// by none (a reset without the code) is kept as the earlier one (the latest such), not dropped:
/// the old key's words stay recoverable with the old code.
pub(super) async fn save_keys(
    tx: &mut Transaction<'static, Any>,
    person_id: &PersonId,
    keys: &PersonKeys,
) -> Result<()> {
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

#[async_trait]
impl KeyStore for SqlStore {
    async fn person_keys(&self, person_id: &PersonId) -> Result<Option<PersonKeys>> {
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

    async fn create_person_keys(&self, person_id: &PersonId, keys: &PersonKeys) -> Result<bool> {
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

    async fn add_recovery_wrap(&self, person_id: &PersonId, by_recovery: &WrappedKey) -> Result<bool> {
        let done = self
            .write_one(
                sqlx::query("UPDATE person_keys SET by_recovery = $1 WHERE person_id = $2 AND by_recovery IS NULL")
                    .bind(by_recovery.as_stored())
                    .bind(person_id),
            )
            .await?;
        Ok(done > 0)
    }

    async fn earlier_recovery_wrap(&self, person_id: &PersonId) -> Result<Option<WrappedKey>> {
        let row = sqlx::query("SELECT earlier_by_recovery FROM person_keys WHERE person_id = $1")
            .bind(person_id)
            .fetch_optional(self.pool())
            .await?;
        match row {
            Some(row) => row.try_get::<Option<String>, _>("earlier_by_recovery")?.map(wrapped).transpose(),
            None => Ok(None),
        }
    }

    async fn set_recovery_wrap(&self, person_id: &PersonId, by_recovery: &WrappedKey) -> Result<bool> {
        let done = self
            .write_one(
                sqlx::query("UPDATE person_keys SET by_recovery = $1 WHERE person_id = $2")
                    .bind(by_recovery.as_stored())
                    .bind(person_id),
            )
            .await?;
        Ok(done > 0)
    }

    async fn set_public_key(&self, person_id: &PersonId, public: &PublicKey) -> Result<()> {
        self.write_one(
            sqlx::query("UPDATE person_keys SET public_key = $1 WHERE person_id = $2")
                .bind(public.as_stored())
                .bind(person_id),
        )
        .await?;
        Ok(())
    }

    async fn couple_key_holders(&self, couple_id: &CoupleId) -> Result<CoupleKeyHolders> {
        let rows = sqlx::query(
            "SELECT c.key_id, m.person_id, pk.public_key, ck.wrapped
             FROM couples c JOIN memberships m ON m.couple_id = c.id
             LEFT JOIN person_keys pk ON pk.person_id = m.person_id
             LEFT JOIN couple_keys ck ON ck.couple_id = c.id AND ck.person_id = m.person_id AND ck.key_id = c.key_id
             WHERE c.id = $1 ORDER BY m.joined_at, m.person_id",
        )
        .bind(couple_id)
        .fetch_all(self.pool())
        .await?;
        let mut holders = CoupleKeyHolders::default();
        for row in rows {
            holders.key_id = row.try_get("key_id")?;
            holders.members.push(CoupleKeyHolder {
                person_id: row.try_get("person_id")?,
                public_key: row
                    .try_get::<Option<String>, _>("public_key")?
                    .map(|k| PublicKey::from_stored(k).ok_or_else(|| corrupt("a public key")))
                    .transpose()?,
                wrap: row
                    .try_get::<Option<String>, _>("wrapped")?
                    .map(|w| CoupleKeyWrap::from_stored(w).ok_or_else(|| corrupt("a couple key wrap")))
                    .transpose()?,
            });
        }
        Ok(holders)
    }

    async fn make_couple_key(
        &self,
        couple_id: &CoupleId,
        key_id: &str,
        wraps: &[(&PersonId, &CoupleKeyWrap)],
    ) -> Result<bool> {
        let mut w = self.begin_write().await?;
        let result: Result<_> = async {
            let made =
                sqlx::query("UPDATE couples SET key_id = $1 WHERE id = $2 AND key_id IS NULL AND closed_at IS NULL")
                    .bind(key_id)
                    .bind(couple_id)
                    .execute(&mut *w.tx)
                    .await?
                    .rows_affected();
            if made == 0 {
                return Ok(false);
            }
            for (person_id, wrap) in wraps {
                hold(&mut w.tx, couple_id, key_id, person_id, wrap, true).await?;
            }
            Ok(true)
        }
        .await;
        w.finish(result).await
    }

    async fn hold_couple_key(
        &self,
        couple_id: &CoupleId,
        key_id: &str,
        person_id: &PersonId,
        wrap: &CoupleKeyWrap,
        replace: bool,
    ) -> Result<bool> {
        let mut w = self.begin_write().await?;
        let result = hold(&mut w.tx, couple_id, key_id, person_id, wrap, replace).await;
        w.finish(result).await
    }

    async fn drop_couple_key(&self, couple_id: &CoupleId, person_id: &PersonId) -> Result<()> {
        self.write_one(
            sqlx::query("DELETE FROM couple_keys WHERE couple_id = $1 AND person_id = $2")
                .bind(couple_id)
                .bind(person_id),
        )
        .await?;
        Ok(())
    }
}

fn corrupt(what: &str) -> StoreError {
    StoreError::Corrupt(format!("{what} in an unknown form"))
}

/// Keeps a member's wrap of the couple's current key `key_id` (see `KeyStore::hold_couple_key`).
async fn hold(
    tx: &mut Transaction<'static, Any>,
    couple_id: &CoupleId,
    key_id: &str,
    person_id: &PersonId,
    wrap: &CoupleKeyWrap,
    replace: bool,
) -> Result<bool> {
    let on_conflict = if replace {
        "DO UPDATE SET key_id = excluded.key_id, wrapped = excluded.wrapped"
    } else {
        "DO UPDATE SET key_id = excluded.key_id, wrapped = excluded.wrapped WHERE couple_keys.key_id <> excluded.key_id"
    };
    let done = sqlx::query(&format!(
        "INSERT INTO couple_keys (couple_id, person_id, key_id, wrapped)
         SELECT c.id, m.person_id, c.key_id, $4 FROM couples c JOIN memberships m ON m.couple_id = c.id
         WHERE c.id = $1 AND m.person_id = $2 AND c.key_id = $3
         ON CONFLICT (couple_id, person_id) {on_conflict}"
    ))
    .bind(couple_id)
    .bind(person_id)
    .bind(key_id)
    .bind(wrap.as_stored())
    .execute(&mut **tx)
    .await?
    .rows_affected();
    Ok(done > 0)
}
