//! Emotional time capsules: sealed until their day, cancelled only by their author, opened when
//! both partners are ready. Cancelling erases what was written: a capsule never opened is never read.

use async_trait::async_trait;
use jiff::Timestamp;
use sqlx::any::AnyRow;
use sqlx::Row;
use tend_core::ids::{CoupleId, PersonId};
use tend_core::sealing::{Resealed, SharedWords, StoredWords};
use tend_core::visibility::{Candidate, Facts, Visibility};

use super::copies::{self, Copies};
use super::{ms, ts, SqlStore};
use crate::model::{CapsuleRecord, CapsuleWords};
use crate::{CapsuleStore, Result};

/// What a capsule holds, as its author's copy and the partner's.
const WORDS: Copies =
    Copies { text: "words", sealed: "words_sealed", shared_text: "words_shared", shared_sealed: "words_shared_sealed" };

/// A stored capsule as read back.
pub(crate) type ReadCapsule = CapsuleRecord<Candidate<SharedWords>>;

/// Capsules matching `filter` (on `k`, the capsules table, with `$1`), newest first, each with the
/// facts the visibility rule needs: the author's couple now, and whether it was opened.
pub(crate) async fn read_capsules(store: &SqlStore, filter: &str, value: &str) -> Result<Vec<ReadCapsule>> {
    let rows = sqlx::query(&format!(
        "SELECT k.id, k.couple_id, k.author_id, k.hopes, k.fears, k.needs,
                k.words, k.words_sealed, k.words_shared, k.words_shared_sealed, k.sealed_at, k.opens_on, k.opens_at,
                k.author_ready_at, k.partner_ready_at, k.opened_at, k.cancelled_at, m.couple_id AS author_couple_now
         FROM capsules k LEFT JOIN memberships m ON m.person_id = k.author_id
         WHERE {filter} ORDER BY k.sealed_at DESC, k.id DESC"
    ))
    .bind(value)
    .fetch_all(store.pool())
    .await?;
    rows.iter().map(capsule).collect()
}

/// What a capsule holds as its two copies. A capsule from before sealing keeps its three parts as
/// written: one copy, read by both.
fn capsule_words(r: &AnyRow) -> Result<SharedWords> {
    if let Some(words) = copies::shared_words_in(r, &WORDS, "a capsule")? {
        return Ok(words);
    }
    let written = CapsuleWords { hopes: r.try_get("hopes")?, fears: r.try_get("fears")?, needs: r.try_get("needs")? };
    Ok(SharedWords { own: StoredWords::Plain(written.to_json()), partners: None })
}

fn capsule(r: &AnyRow) -> Result<ReadCapsule> {
    let opt = |c: &str| -> Result<Option<Timestamp>> { r.try_get::<Option<i64>, _>(c)?.map(ts).transpose() };
    let (author_id, couple_id, opens_at, opened_at): (PersonId, CoupleId, _, _) =
        (r.try_get("author_id")?, r.try_get("couple_id")?, ts(r.try_get("opens_at")?)?, opt("opened_at")?);
    let facts = Facts {
        author: author_id.clone(),
        couple: Some(couple_id.clone()),
        author_couple_now: r.try_get("author_couple_now")?,
        visibility: Visibility::Sealed { opens_at, opened: opened_at.is_some() },
    };
    let words = capsule_words(r)?;
    Ok(CapsuleRecord {
        id: r.try_get("id")?,
        couple_id,
        author_id,
        words: Candidate::new(words, facts),
        sealed_at: ts(r.try_get("sealed_at")?)?,
        opens_on: r.try_get("opens_on")?,
        opens_at,
        author_ready_at: opt("author_ready_at")?,
        partner_ready_at: opt("partner_ready_at")?,
        opened_at,
        cancelled_at: opt("cancelled_at")?,
    })
}

#[async_trait]
impl CapsuleStore for SqlStore {
    async fn seal_capsule(&self, c: &CapsuleRecord) -> Result<()> {
        let query = sqlx::query(
            "INSERT INTO capsules (words, words_sealed, words_shared, words_shared_sealed,
                                   id, couple_id, author_id, hopes, fears, needs, sealed_at, opens_on, opens_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, '', '', '', $8, $9, $10)",
        );
        let query = copies::bind_copies(query, Some(&c.words));
        self.write_one(
            query
                .bind(&c.id)
                .bind(&c.couple_id)
                .bind(&c.author_id)
                .bind(ms(c.sealed_at))
                .bind(&c.opens_on)
                .bind(ms(c.opens_at)),
        )
        .await?;
        Ok(())
    }

    async fn capsules(&self, couple_id: &CoupleId) -> Result<Vec<ReadCapsule>> {
        read_capsules(self, "k.couple_id = $1", couple_id).await
    }

    async fn capsules_as_written(
        &self,
        person_id: &PersonId,
        couple_id: &CoupleId,
    ) -> Result<Vec<(String, SharedWords)>> {
        let rows = sqlx::query(
            "SELECT id, hopes, fears, needs, words, words_sealed, words_shared, words_shared_sealed FROM capsules
             WHERE author_id = $1 AND couple_id = $2 AND cancelled_at IS NULL
               AND (words IS NULL OR words_sealed = 0 OR (words_shared IS NOT NULL AND words_shared_sealed = 0))",
        )
        .bind(person_id)
        .bind(couple_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(|r| Ok((r.try_get("id")?, capsule_words(r)?))).collect()
    }

    async fn seal_capsules(&self, person_id: &PersonId, sealed: &[(String, Resealed)]) -> Result<()> {
        // The three parts kept as written go: their words are now in the sealed copies.
        copies::reseal_in(self, "capsules", &WORDS, "author_id = $2", person_id, sealed).await?;
        let ids: Vec<&str> = sealed.iter().map(|(id, _)| id.as_str()).collect();
        for id in ids {
            self.write_one(
                sqlx::query(
                    "UPDATE capsules SET hopes = '', fears = '', needs = '' WHERE id = $1 AND author_id = $2 AND words_sealed = 1",
                )
                .bind(id)
                .bind(person_id),
            )
            .await?;
        }
        self.forget_old_pages().await
    }

    async fn cancel_capsule(
        &self,
        couple_id: &CoupleId,
        id: &str,
        author_id: &PersonId,
        at: Timestamp,
    ) -> Result<bool> {
        let done = self
            .write_one(
                sqlx::query(
                    "UPDATE capsules SET cancelled_at = $1, hopes = '', fears = '', needs = '',
                       words = NULL, words_sealed = 0, words_shared = NULL, words_shared_sealed = 0
                     WHERE id = $2 AND couple_id = $3 AND author_id = $4 AND opened_at IS NULL AND cancelled_at IS NULL",
                )
                .bind(ms(at))
                .bind(id)
                .bind(couple_id)
                .bind(author_id),
            )
            .await?;
        Ok(done > 0)
    }

    async fn ready_to_open_capsule(
        &self,
        couple_id: &CoupleId,
        id: &str,
        person_id: &PersonId,
        both: bool,
        at: Timestamp,
    ) -> Result<bool> {
        let mut w = self.begin_write().await?;
        let result: Result<_> = async {
            let mine = sqlx::query(
                "UPDATE capsules SET
                   author_ready_at = CASE WHEN author_id = $1 OR $2 = 1 THEN COALESCE(author_ready_at, $3) ELSE author_ready_at END,
                   partner_ready_at = CASE WHEN author_id <> $1 OR $2 = 1 THEN COALESCE(partner_ready_at, $3) ELSE partner_ready_at END
                 WHERE id = $4 AND couple_id = $5 AND opened_at IS NULL AND cancelled_at IS NULL AND opens_at <= $3",
            )
            .bind(person_id)
            .bind(i64::from(both))
            .bind(ms(at))
            .bind(id)
            .bind(couple_id)
            .execute(&mut *w.tx)
            .await?;
            if mine.rows_affected() == 0 {
                return Ok(false);
            }
            sqlx::query(
                "UPDATE capsules SET opened_at = $1
                 WHERE id = $2 AND author_ready_at IS NOT NULL AND partner_ready_at IS NOT NULL",
            )
            .bind(ms(at))
            .bind(id)
            .execute(&mut *w.tx)
            .await?;
            Ok(true)
        }
        .await;
        w.finish(result).await
    }
}
