//! Couple spaces: creating one, inviting the partner, joining, and leaving (which closes it).

use async_trait::async_trait;
use jiff::Timestamp;
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};
use tend_core::ids::{CoupleId, PersonId};
use tend_core::sealing::WrappedKey;

use super::{ms, ts, SqlStore};
use crate::model::*;
use crate::{CoupleStore, Result, StoreError};

fn invite_from(row: &AnyRow) -> Result<Invite> {
    Ok(Invite {
        id: row.try_get("id")?,
        couple_id: row.try_get("couple_id")?,
        created_at: ts(row.try_get("created_at")?)?,
        expires_at: ts(row.try_get("expires_at")?)?,
    })
}

async fn couple_id_of(tx: &mut Transaction<'static, Any>, person_id: &PersonId) -> Result<Option<String>> {
    let row = sqlx::query("SELECT couple_id FROM memberships WHERE person_id = $1")
        .bind(person_id)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(row.map(|r| r.try_get("couple_id")).transpose()?)
}

/// Closes the person's couple space, if any: memberships and invites end at once, and the other
/// member sees a neutral notice at their next visit. Used by leaving and by deleting an account.
pub(crate) async fn close_couple_of(
    tx: &mut Transaction<'static, Any>,
    person_id: &PersonId,
    now: Timestamp,
) -> Result<bool> {
    let Some(couple_id) = couple_id_of(tx, person_id).await? else {
        return Ok(false);
    };
    sqlx::query(
        "UPDATE persons SET couple_closed_notice = 1
         WHERE id IN (SELECT person_id FROM memberships WHERE couple_id = $1 AND person_id <> $2)",
    )
    .bind(&couple_id)
    .bind(person_id)
    .execute(&mut **tx)
    .await?;
    for sql in ["DELETE FROM memberships WHERE couple_id = $1", "DELETE FROM invites WHERE couple_id = $1"] {
        sqlx::query(sql).bind(&couple_id).execute(&mut **tx).await?;
    }
    // Whoever leaves gives up the couple's key.
    sqlx::query("DELETE FROM couple_keys WHERE couple_id = $1 AND person_id = $2")
        .bind(&couple_id)
        .bind(person_id)
        .execute(&mut **tx)
        .await?;
    // Capsules never opened are cancelled with the couple space, and what they hold is erased.
    sqlx::query(
        "UPDATE capsules SET cancelled_at = $1, hopes = '', fears = '', needs = ''
         WHERE couple_id = $2 AND opened_at IS NULL AND cancelled_at IS NULL",
    )
    .bind(ms(now))
    .bind(&couple_id)
    .execute(&mut **tx)
    .await?;
    sqlx::query("UPDATE couples SET closed_at = $1 WHERE id = $2")
        .bind(ms(now))
        .bind(&couple_id)
        .execute(&mut **tx)
        .await?;
    Ok(true)
}

#[async_trait]
impl CoupleStore for SqlStore {
    async fn create_couple(&self, couple_id: &CoupleId, person_id: &PersonId, now: Timestamp) -> Result<()> {
        let mut w = self.begin_write().await?;
        let result: Result<_> =
            async {
                if couple_id_of(&mut w.tx, person_id).await?.is_some() {
                    return Err(StoreError::AlreadyInCouple);
                }
                sqlx::query("INSERT INTO couples (id, created_at) VALUES ($1, $2)")
                    .bind(couple_id)
                    .bind(ms(now))
                    .execute(&mut *w.tx)
                    .await?;
                sqlx::query("INSERT INTO memberships (couple_id, person_id, joined_at) VALUES ($1, $2, $3)")
                    .bind(couple_id)
                    .bind(person_id)
                    .bind(ms(now))
                    .execute(&mut *w.tx)
                    .await
                    .map_err(|e| {
                        if StoreError::is_unique_violation(&e) {
                            StoreError::AlreadyInCouple
                        } else {
                            e.into()
                        }
                    })?;
                sqlx::query("UPDATE persons SET couple_closed_notice = 0 WHERE id = $1")
                    .bind(person_id)
                    .execute(&mut *w.tx)
                    .await?;
                Ok(())
            }
            .await;
        w.finish(result).await
    }

    async fn couple_of(&self, person_id: &PersonId) -> Result<Option<Couple>> {
        // The couple and its members in one statement (this runs on almost every request).
        let rows = sqlx::query(
            "SELECT c.id, c.created_at, o.person_id, p.display_name, o.joined_at
             FROM memberships m JOIN couples c ON c.id = m.couple_id
             JOIN memberships o ON o.couple_id = c.id JOIN persons p ON p.id = o.person_id
             WHERE m.person_id = $1 ORDER BY o.joined_at, o.person_id",
        )
        .bind(person_id)
        .fetch_all(self.pool())
        .await?;
        let Some(first) = rows.first() else {
            return Ok(None);
        };
        let members = rows
            .iter()
            .map(|r| -> Result<Member> {
                Ok(Member {
                    person_id: r.try_get("person_id")?,
                    display_name: r.try_get("display_name")?,
                    joined_at: ts(r.try_get("joined_at")?)?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Some(Couple { id: first.try_get("id")?, created_at: ts(first.try_get("created_at")?)?, members }))
    }

    async fn create_invite(&self, person_id: &PersonId, invite: &NewInvite) -> Result<Invite> {
        let mut w = self.begin_write().await?;
        let result: Result<_> = async {
            let couple_id = couple_id_of(&mut w.tx, person_id).await?.ok_or(StoreError::NotInCouple)?;
            let members: i64 = sqlx::query("SELECT COUNT(*) AS n FROM memberships WHERE couple_id = $1")
                .bind(&couple_id)
                .fetch_one(&mut *w.tx)
                .await?
                .try_get("n")?;
            if members >= 2 {
                return Err(StoreError::CoupleFull);
            }
            sqlx::query("DELETE FROM invites WHERE couple_id = $1").bind(&couple_id).execute(&mut *w.tx).await?;
            sqlx::query(
                "INSERT INTO invites (id, couple_id, created_by, token_hash, code_hash, created_at, expires_at, couple_key)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(&invite.id)
            .bind(&couple_id)
            .bind(person_id)
            .bind(&invite.token_hash)
            .bind(&invite.code_hash)
            .bind(ms(invite.created_at))
            .bind(ms(invite.expires_at))
            .bind(invite.couple_key.as_ref().map(WrappedKey::as_stored))
            .execute(&mut *w.tx)
            .await?;
            Ok(Invite {
                id: invite.id.clone(),
                couple_id: couple_id.into(),
                created_at: invite.created_at,
                expires_at: invite.expires_at,
            })
        }
        .await;
        w.finish(result).await
    }

    async fn open_invite(&self, person_id: &PersonId, now: Timestamp) -> Result<Option<Invite>> {
        let row = sqlx::query(
            "SELECT i.id, i.couple_id, i.created_at, i.expires_at FROM invites i
             JOIN memberships m ON m.couple_id = i.couple_id
             WHERE m.person_id = $1 AND i.expires_at > $2",
        )
        .bind(person_id)
        .bind(ms(now))
        .fetch_optional(self.pool())
        .await?;
        row.as_ref().map(invite_from).transpose()
    }

    async fn revoke_invite(&self, person_id: &PersonId, invite_id: &str) -> Result<bool> {
        Ok(self
            .write_one(
                sqlx::query(
                    "DELETE FROM invites WHERE id = $1
             AND couple_id IN (SELECT couple_id FROM memberships WHERE person_id = $2)",
                )
                .bind(invite_id)
                .bind(person_id),
            )
            .await?
            > 0)
    }

    async fn invite_by_link(&self, token_hash: &str, now: Timestamp) -> Result<Option<Invite>> {
        let row = sqlx::query(
            "SELECT id, couple_id, created_at, expires_at FROM invites WHERE token_hash = $1 AND expires_at > $2",
        )
        .bind(token_hash)
        .bind(ms(now))
        .fetch_optional(self.pool())
        .await?;
        row.as_ref().map(invite_from).transpose()
    }

    async fn join_couple(&self, person_id: &PersonId, secret: &InviteSecret, now: Timestamp) -> Result<Joined> {
        let mut w = self.begin_write().await?;
        let result: Result<_> = async {
            if couple_id_of(&mut w.tx, person_id).await?.is_some() {
                return Err(StoreError::AlreadyInCouple);
            }
            let (column, hash) = match secret {
                InviteSecret::LinkTokenHash(h) => ("token_hash", h),
                InviteSecret::CodeHash(h) => ("code_hash", h),
            };
            // Deleting the invite is the claim: of two people racing for one invite, one gets the row.
            let claimed = sqlx::query(&format!(
                "DELETE FROM invites WHERE {column} = $1 AND expires_at > $2 RETURNING id, couple_id, couple_key"
            ))
            .bind(hash)
            .bind(ms(now))
            .fetch_optional(&mut *w.tx)
            .await?;
            let Some(row) = claimed else {
                return Err(StoreError::InviteNotFound);
            };
            let couple_id: CoupleId = row.try_get("couple_id")?;
            sqlx::query("INSERT INTO memberships (couple_id, person_id, joined_at) VALUES ($1, $2, $3)")
                .bind(&couple_id)
                .bind(person_id)
                .bind(ms(now))
                .execute(&mut *w.tx)
                .await
                .map_err(
                    |e| {
                        if StoreError::is_unique_violation(&e) {
                            StoreError::AlreadyInCouple
                        } else {
                            e.into()
                        }
                    },
                )?;
            sqlx::query("UPDATE persons SET couple_closed_notice = 0 WHERE id = $1")
                .bind(person_id)
                .execute(&mut *w.tx)
                .await?;
            Ok(Joined {
                couple_id,
                invite_id: row.try_get("id")?,
                couple_key: row.try_get::<Option<String>, _>("couple_key")?.map(super::keys::wrapped).transpose()?,
            })
        }
        .await;
        w.finish(result).await
    }

    async fn leave_couple(&self, person_id: &PersonId, now: Timestamp) -> Result<bool> {
        let mut w = self.begin_write().await?;
        let result: Result<_> = async {
            let left = close_couple_of(&mut w.tx, person_id, now).await?;
            // Whoever leaves takes their notifications with them: every device of theirs stops.
            sqlx::query("DELETE FROM push_subscriptions WHERE person_id = $1")
                .bind(person_id)
                .execute(&mut *w.tx)
                .await?;
            Ok(left)
        }
        .await;
        w.finish(result).await
    }

    async fn dismiss_couple_closed(&self, person_id: &PersonId) -> Result<()> {
        self.write_one(sqlx::query("UPDATE persons SET couple_closed_notice = 0 WHERE id = $1").bind(person_id))
            .await?;
        Ok(())
    }
}
