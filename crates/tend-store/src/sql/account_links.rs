//! Account links: a password reset or an email change, kept as a hash, used once.

use async_trait::async_trait;
use jiff::Timestamp;
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};
use tend_core::ids::PersonId;

use super::outbox::enqueue_in;
use super::people::email_taken;
use super::{ms, ts, SqlStore};
use crate::model::*;
use crate::{AccountLinkStore, Result, StoreError};

const LINK_COLUMNS: &str = "hash, person_id, purpose, new_email, created_at, expires_at";

fn link_from(row: &AnyRow) -> Result<AccountLink> {
    let purpose: String = row.try_get("purpose")?;
    Ok(AccountLink {
        hash: row.try_get("hash")?,
        person_id: row.try_get("person_id")?,
        purpose: LinkPurpose::parse(&purpose)
            .ok_or_else(|| StoreError::Corrupt(format!("an account link of unknown purpose {purpose:?}")))?,
        new_email: row.try_get("new_email")?,
        created_at: ts(row.try_get("created_at")?)?,
        expires_at: ts(row.try_get("expires_at")?)?,
    })
}

/// Takes the link out of the table if it is of `purpose` and still good at `now`: the one step
/// that makes a link single-use, even when two requests bring it at once.
async fn take_link(
    tx: &mut Transaction<'static, Any>,
    hash: &str,
    purpose: LinkPurpose,
    now: Timestamp,
) -> Result<Option<AccountLink>> {
    let sql = format!(
        "DELETE FROM account_links WHERE hash = $1 AND purpose = $2 AND expires_at > $3 RETURNING {LINK_COLUMNS}"
    );
    let row = sqlx::query(&sql).bind(hash).bind(purpose.as_str()).bind(ms(now)).fetch_optional(&mut **tx).await?;
    row.as_ref().map(link_from).transpose()
}

/// Ends every link of the person: after a password or address changed, a link sent before
/// (perhaps to an inbox someone else reads) must not undo it.
pub(super) async fn forget_links_of(tx: &mut Transaction<'static, Any>, person_id: &PersonId) -> Result<()> {
    sqlx::query("DELETE FROM account_links WHERE person_id = $1").bind(person_id).execute(&mut **tx).await?;
    Ok(())
}

#[async_trait]
impl AccountLinkStore for SqlStore {
    async fn create_account_link(&self, link: &AccountLink, email: Option<&OutboxJob>) -> Result<()> {
        let mut w = self.begin_write().await?;
        let result: Result<_> = async {
            if link.purpose == LinkPurpose::EmailChange {
                sqlx::query("DELETE FROM account_links WHERE person_id = $1 AND purpose = $2")
                    .bind(&link.person_id)
                    .bind(link.purpose.as_str())
                    .execute(&mut *w.tx)
                    .await?;
            }
            sqlx::query(&format!("INSERT INTO account_links ({LINK_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)"))
                .bind(&link.hash)
                .bind(&link.person_id)
                .bind(link.purpose.as_str())
                .bind(link.new_email.as_deref())
                .bind(ms(link.created_at))
                .bind(ms(link.expires_at))
                .execute(&mut *w.tx)
                .await?;
            if let Some(email) = email {
                enqueue_in(&mut w.tx, std::slice::from_ref(email)).await?;
            }
            Ok(())
        }
        .await;
        w.finish(result).await
    }

    async fn account_link(&self, hash: &str, now: Timestamp) -> Result<Option<AccountLink>> {
        let sql = format!("SELECT {LINK_COLUMNS} FROM account_links WHERE hash = $1 AND expires_at > $2");
        let row = sqlx::query(&sql).bind(hash).bind(ms(now)).fetch_optional(self.pool()).await?;
        row.as_ref().map(link_from).transpose()
    }

    async fn use_password_reset(
        &self,
        hash: &str,
        password_hash: &str,
        keys: &PersonKeys,
        now: Timestamp,
    ) -> Result<Option<PersonId>> {
        let mut w = self.begin_write().await?;
        let result: Result<_> = async {
            let Some(link) = take_link(&mut w.tx, hash, LinkPurpose::PasswordReset, now).await? else {
                return Ok(None);
            };
            sqlx::query("UPDATE persons SET password_hash = $1 WHERE id = $2")
                .bind(password_hash)
                .bind(&link.person_id)
                .execute(&mut *w.tx)
                .await?;
            super::keys::save_keys(&mut w.tx, &link.person_id, keys).await?;
            sqlx::query("DELETE FROM sessions WHERE person_id = $1").bind(&link.person_id).execute(&mut *w.tx).await?;
            forget_links_of(&mut w.tx, &link.person_id).await?;
            Ok(Some(link.person_id))
        }
        .await;
        w.finish(result).await
    }

    async fn use_email_change(&self, hash: &str, notice: &OutboxJob, now: Timestamp) -> Result<Option<EmailMoved>> {
        let mut w = self.begin_write().await?;
        let result: Result<_> = async {
            let Some(link) = take_link(&mut w.tx, hash, LinkPurpose::EmailChange, now).await? else {
                return Ok(None);
            };
            let new_email =
                link.new_email.ok_or_else(|| StoreError::Corrupt("an email-change link without its address".into()))?;
            let old_email: String = sqlx::query_scalar("SELECT email FROM persons WHERE id = $1")
                .bind(&link.person_id)
                .fetch_one(&mut *w.tx)
                .await?;
            sqlx::query("UPDATE persons SET email = $1 WHERE id = $2")
                .bind(&new_email)
                .bind(&link.person_id)
                .execute(&mut *w.tx)
                .await
                .map_err(email_taken)?;
            forget_links_of(&mut w.tx, &link.person_id).await?;
            let notice = OutboxJob { to_address: old_email.clone(), ..notice.clone() };
            enqueue_in(&mut w.tx, std::slice::from_ref(&notice)).await?;
            Ok(Some(EmailMoved { person_id: link.person_id, old_email, new_email }))
        }
        .await;
        w.finish(result).await
    }
}
