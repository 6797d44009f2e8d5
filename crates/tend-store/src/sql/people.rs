//! People: accounts, profiles, credentials, deletion and export.

use async_trait::async_trait;
use jiff::Timestamp;
use sqlx::any::AnyRow;
use sqlx::Row;
use tend_core::ids::PersonId;
use tend_core::sealing::StoredWords;

use super::couples::close_couple_of;
use super::{ms, ts, SqlStore};
use crate::model::*;
use crate::{PersonStore, ProgramStore, Result, SecurityLogStore, SessionStore, StoreError};

const PERSON_COLUMNS: &str = "id, email, display_name, time_zone, created_at, couple_closed_notice";

pub(super) fn person_from(row: &AnyRow) -> Result<Person> {
    Ok(Person {
        id: row.try_get("id")?,
        email: row.try_get("email")?,
        display_name: row.try_get("display_name")?,
        time_zone: row.try_get("time_zone")?,
        created_at: ts(row.try_get("created_at")?)?,
        couple_closed_notice: row.try_get::<i64, _>("couple_closed_notice")? != 0,
    })
}

fn credentials_from(row: &AnyRow) -> Result<Credentials> {
    Ok(Credentials { person_id: row.try_get("id")?, password_hash: row.try_get("password_hash")? })
}

pub(super) fn email_taken(err: sqlx::Error) -> StoreError {
    if StoreError::is_unique_violation(&err) {
        StoreError::EmailTaken
    } else {
        err.into()
    }
}

#[async_trait]
impl PersonStore for SqlStore {
    async fn create_person(&self, p: &NewPerson) -> Result<()> {
        let mut w = self.begin_write().await?;
        let result: Result<_> = async {
            sqlx::query(
                "INSERT INTO persons (id, email, password_hash, display_name, time_zone, created_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(&p.id)
            .bind(&p.email)
            .bind(&p.password_hash)
            .bind(&p.display_name)
            .bind(&p.time_zone)
            .bind(ms(p.created_at))
            .execute(&mut *w.tx)
            .await
            .map_err(email_taken)?;
            Ok(())
        }
        .await;
        w.finish(result).await
    }

    async fn person(&self, id: &PersonId) -> Result<Option<Person>> {
        let sql = format!("SELECT {PERSON_COLUMNS} FROM persons WHERE id = $1");
        let row = sqlx::query(&sql).bind(id).fetch_optional(self.pool()).await?;
        row.as_ref().map(person_from).transpose()
    }

    async fn credentials_by_email(&self, email: &str) -> Result<Option<Credentials>> {
        let row = sqlx::query("SELECT id, password_hash FROM persons WHERE email = $1")
            .bind(email)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(credentials_from).transpose()
    }

    async fn credentials_by_id(&self, id: &PersonId) -> Result<Option<Credentials>> {
        let row = sqlx::query("SELECT id, password_hash FROM persons WHERE id = $1")
            .bind(id)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(credentials_from).transpose()
    }

    async fn update_profile(&self, id: &PersonId, display_name: &str, time_zone: &str) -> Result<()> {
        let mut w = self.begin_write().await?;
        let result: Result<_> = async {
            sqlx::query("UPDATE persons SET display_name = $1, time_zone = $2 WHERE id = $3")
                .bind(display_name)
                .bind(time_zone)
                .bind(id)
                .execute(&mut *w.tx)
                .await?;
            Ok(())
        }
        .await;
        w.finish(result).await
    }

    async fn change_password(
        &self,
        id: &PersonId,
        password_hash: &str,
        by_password: &tend_core::sealing::WrappedKey,
        keep_session: Option<&str>,
    ) -> Result<()> {
        let mut w = self.begin_write().await?;
        let result: Result<_> = async {
            sqlx::query("UPDATE persons SET password_hash = $1 WHERE id = $2")
                .bind(password_hash)
                .bind(id)
                .execute(&mut *w.tx)
                .await?;
            sqlx::query("UPDATE person_keys SET by_password = $1 WHERE person_id = $2")
                .bind(by_password.as_stored())
                .bind(id)
                .execute(&mut *w.tx)
                .await?;
            sqlx::query("DELETE FROM sessions WHERE person_id = $1 AND id <> $2")
                .bind(id)
                .bind(keep_session.unwrap_or(""))
                .execute(&mut *w.tx)
                .await?;
            super::account_links::forget_links_of(&mut w.tx, id).await?;
            Ok(())
        }
        .await;
        w.finish(result).await
    }

    async fn upgrade_password_hash(
        &self,
        id: &PersonId,
        old_hash: &str,
        new_hash: &str,
        keys: &PersonKeys,
    ) -> Result<bool> {
        let mut w = self.begin_write().await?;
        let result: Result<_> = async {
            let done = sqlx::query("UPDATE persons SET password_hash = $1 WHERE id = $2 AND password_hash = $3")
                .bind(new_hash)
                .bind(id)
                .bind(old_hash)
                .execute(&mut *w.tx)
                .await?
                .rows_affected();
            if done > 0 {
                super::keys::save_keys(&mut w.tx, id, keys).await?;
            }
            Ok(done > 0)
        }
        .await;
        w.finish(result).await
    }

    async fn delete_person(&self, id: &PersonId, now: Timestamp) -> Result<()> {
        let mut w = self.begin_write().await?;
        let result: Result<_> = async {
            close_couple_of(&mut w.tx, id, now).await?;
            for table in ["sessions", "known_devices", "invites"] {
                let column = if table == "invites" { "created_by" } else { "person_id" };
                sqlx::query(&format!("DELETE FROM {table} WHERE {column} = $1")).bind(id).execute(&mut *w.tx).await?;
            }
            sqlx::query("DELETE FROM persons WHERE id = $1").bind(id).execute(&mut *w.tx).await?;
            Ok(())
        }
        .await;
        w.finish(result).await?;
        self.forget_old_pages().await
    }

    async fn import_own_data(&self, id: &PersonId, data: &OwnDataImport) -> Result<ImportCounts> {
        self.import_own(id, data).await
    }

    async fn export_person(&self, id: &PersonId) -> Result<Option<PersonExport>> {
        let Some(person) = self.person(id).await? else {
            return Ok(None);
        };
        let sessions = self.list_sessions(id).await?;
        let couple = sqlx::query("SELECT couple_id, joined_at FROM memberships WHERE person_id = $1")
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .map(|row| -> Result<_> {
                Ok(CoupleMembershipExport {
                    couple_id: row.try_get("couple_id")?,
                    joined_at: ts(row.try_get("joined_at")?)?,
                })
            })
            .transpose()?;
        // The person's own check-ups: the rule lets an author read everything they took.
        let me = tend_core::visibility::Viewer { person: id, couple: None };
        let checkups = tend_core::visibility::reveal_all(me, self.list_checkups(id).await?, Timestamp::now())
            .into_iter()
            .map(|c| c.into_inner())
            .map(|c| {
                let (answers, sealed) = match c.answers.own {
                    StoredWords::Plain(text) => (stored_json(&text, "check-up answers")?, None),
                    StoredWords::Sealed(sealed) => (serde_json::Value::Null, Some(sealed)),
                };
                Ok(CheckupExport {
                    answers,
                    sealed,
                    shared: c.shared_couple_id.is_some(),
                    id: c.id,
                    taken_at: c.taken_at,
                })
            })
            .collect::<Result<_>>()?;
        let pulses = self
            .list_pulses(id)
            .await?
            .into_iter()
            .map(|p| {
                let (answers, sealed) = match p.answers {
                    StoredWords::Plain(text) => (stored_json(&text, "pulse answers")?, None),
                    StoredWords::Sealed(sealed) => (serde_json::Value::Null, Some(sealed)),
                };
                Ok(PulseExport { answers, sealed, week: p.week, taken_at: p.taken_at })
            })
            .collect::<Result<_>>()?;
        let agreements_proposed = sqlx::query(
            "SELECT kind, text, sealed, review_on, created_at, accepted_at FROM agreements WHERE proposed_by = $1 ORDER BY created_at",
        )
        .bind(id)
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|r| -> Result<AgreementExport> {
            Ok(AgreementExport {
                kind: r.try_get("kind")?,
                text: super::copies::stored_words(r.try_get("text")?, r.try_get("sealed")?, "an agreement")?,
                review_on: r.try_get("review_on")?,
                created_at: ts(r.try_get("created_at")?)?,
                in_force: r.try_get::<Option<i64>, _>("accepted_at")?.is_some(),
            })
        })
        .collect::<Result<_>>()?;
        let plan_steps_marked = sqlx::query(
            "SELECT couple_id, slot, step_id, done_at FROM plan_marks WHERE person_id = $1 ORDER BY done_at",
        )
        .bind(id)
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|r| -> Result<StepMarkExport> {
            Ok(StepMarkExport {
                couple_id: r.try_get("couple_id")?,
                slot: r.try_get("slot")?,
                step_id: r.try_get("step_id")?,
                done_at: ts(r.try_get("done_at")?)?,
            })
        })
        .collect::<Result<_>>()?;
        let questions_added = sqlx::query(
            "SELECT set_id, text, sealed, created_at FROM own_questions WHERE added_by = $1 ORDER BY created_at",
        )
        .bind(id)
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|r| -> Result<QuestionExport> {
            Ok(QuestionExport {
                set: r.try_get("set_id")?,
                text: super::copies::stored_words(r.try_get("text")?, r.try_get("sealed")?, "a question")?,
                created_at: ts(r.try_get("created_at")?)?,
            })
        })
        .collect::<Result<_>>()?;
        Ok(Some(PersonExport {
            person,
            sessions,
            couple,
            checkups,
            pulses,
            agreements_proposed,
            plan_steps_marked,
            questions_added,
            together: super::export_together::together_export(self, id).await?,
            security_log: self.security_events(id, u32::MAX).await?,
        }))
    }
}

/// Stored JSON read back for an export: a row that isn't JSON is an error to report, never an
/// empty answer handed to the person as if it were theirs.
fn stored_json(text: &str, what: &str) -> Result<serde_json::Value> {
    serde_json::from_str(text).map_err(|e| crate::StoreError::Corrupt(format!("{what}: {e}")))
}
