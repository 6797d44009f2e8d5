//! Words as rows keep them: one copy (`text` and `sealed`, sealed or as written), or two copies
//! of words written for the couple (`tend_core::sealing::SharedWords`): the author's and the
//! partner's, each in its own pair of columns. Reading, binding and the catch-up sealing of words
//! still stored as written live here, for every table that keeps words.

use sqlx::any::AnyRow;
use sqlx::{Any, Row};
use tend_core::ids::PersonId;
use tend_core::sealing::{Resealed, SealedWords, SharedWords, StoredWords};

use super::SqlStore;
use crate::{Result, StoreError};

/// The four columns that keep one text as two copies.
pub(super) struct Copies {
    pub text: &'static str,
    pub sealed: &'static str,
    pub shared_text: &'static str,
    pub shared_sealed: &'static str,
}

/// Most tables' words: `text`, `sealed`, `shared_text`, `shared_sealed`.
pub(super) const TEXT: Copies =
    Copies { text: "text", sealed: "sealed", shared_text: "shared_text", shared_sealed: "shared_sealed" };

pub(super) fn stored_words(text: String, sealed: i64, what: &str) -> Result<StoredWords> {
    StoredWords::from_row(text, sealed != 0)
        .map_err(|_| StoreError::Corrupt(format!("{what} marked sealed holds no sealed words")))
}

/// Words kept as two copies, from a row's `text`, `sealed`, `shared_text` and `shared_sealed`.
pub(super) fn shared_words(r: &AnyRow, what: &str) -> Result<SharedWords> {
    shared_words_in(r, &TEXT, what)?.ok_or_else(|| StoreError::Corrupt(format!("{what} without words")))
}

/// Words kept as two copies in `columns`; none when the row has none there (its text is NULL).
pub(super) fn shared_words_in(r: &AnyRow, columns: &Copies, what: &str) -> Result<Option<SharedWords>> {
    let Some(own) = r.try_get::<Option<String>, _>(columns.text)? else {
        return Ok(None);
    };
    Ok(Some(SharedWords {
        own: stored_words(own, r.try_get(columns.sealed)?, what)?,
        partners: match r.try_get::<Option<String>, _>(columns.shared_text)? {
            Some(text) => Some(stored_words(text, r.try_get(columns.shared_sealed)?, what)?),
            None => None,
        },
    }))
}

/// Binds two copies as a row keeps them (text, sealed, shared text, shared sealed, in that order);
/// none binds four NULL-or-zero values.
pub(super) fn bind_copies<'q>(
    query: sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>>,
    words: Option<&'q SharedWords>,
) -> sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>> {
    let own = words.map(|w| w.own.to_row());
    let partners = words.and_then(|w| w.partners.as_ref()).map(StoredWords::to_row);
    query
        .bind(own.map(|o| o.0))
        .bind(i64::from(own.is_some_and(|o| o.1)))
        .bind(partners.map(|p| p.0))
        .bind(i64::from(partners.is_some_and(|p| p.1)))
}

/// Seals the person's rows of `table` (written by them, as its `author` column says) kept as two
/// copies in `text`, `sealed`, `shared_text` and `shared_sealed`.
pub(super) async fn reseal(
    store: &SqlStore,
    table: &'static str,
    author: &'static str,
    person_id: &PersonId,
    sealed: &[(String, Resealed)],
) -> Result<()> {
    reseal_in(store, table, &TEXT, &format!("{author} = $2"), person_id, sealed).await
}

/// [`reseal_in`] for words whose writer is kept in `writer` (whoever closed a talk or marked a joy
/// plan done): a row from before that was kept, with no writer, becomes the person's first.
pub(super) async fn reseal_claiming(
    store: &SqlStore,
    table: &'static str,
    columns: &Copies,
    writer: &'static str,
    person_id: &PersonId,
    sealed: &[(String, Resealed)],
) -> Result<()> {
    let claim = format!("UPDATE {table} SET {writer} = $1 WHERE id = $2 AND {writer} IS NULL");
    for (id, _) in sealed {
        store.write_one(sqlx::query(&claim).bind(person_id).bind(id)).await?;
    }
    reseal_in(store, table, columns, &format!("{writer} = $2"), person_id, sealed).await
}

/// Seals the rows of `table` kept as two copies in `columns` whose words are still (partly) as
/// written: the author's copy always, the partner's where there is one, in one transaction; then
/// lets the old pages go. `written_by` is the SQL that says the row's words are the person's ($2).
pub(super) async fn reseal_in(
    store: &SqlStore,
    table: &'static str,
    columns: &Copies,
    written_by: &str,
    person_id: &PersonId,
    sealed: &[(String, Resealed)],
) -> Result<()> {
    let Copies { text, sealed: sealed_column, shared_text, shared_sealed } = columns;
    let update = format!(
        "UPDATE {table} SET {text} = $1, {sealed_column} = 1,
           {shared_text} = COALESCE($4, {shared_text}),
           {shared_sealed} = CASE WHEN $4 IS NULL THEN {shared_sealed} ELSE 1 END
         WHERE {written_by} AND id = $3"
    );
    let mut w = store.begin_write().await?;
    let result: Result<_> = async {
        for (id, words) in sealed {
            sqlx::query(&update)
                .bind(words.own.as_stored())
                .bind(person_id)
                .bind(id)
                .bind(words.partners.as_ref().map(SealedWords::as_stored))
                .execute(&mut *w.tx)
                .await?;
        }
        Ok(())
    }
    .await;
    w.finish(result).await?;
    store.forget_old_pages().await
}

/// Replaces words still stored as written with their sealed form, in one transaction, then lets
/// the old pages go. `update` binds the sealed text, the person and the row's key, in that order.
pub(super) async fn seal_as_written(
    store: &SqlStore,
    update: &str,
    person_id: &PersonId,
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
