//! Bids for connection, read in one query from the tables where each kind lives, less what the
//! reader set aside. Answering a bid where it lives (accepting a repair, saying yes to an
//! agreement…) takes it off the list with no extra write.

use async_trait::async_trait;
use jiff::Timestamp;
use sqlx::{Any, Row, Transaction};
use tend_core::ids::{CoupleId, PersonId};
use tend_core::sealing::StoredWords;
use tend_core::visibility::{Candidate, Facts, Visibility};

use super::outbox::enqueue_in;
use super::{ms, ts, SqlStore};
use crate::model::{BidRecord, OutboxJob};
use crate::{BidStore, Result};

/// $1 the couple, $2 the reader, $3 shared since, $4 now. With each, the sender's couple now.
const OPEN_BIDS: &str = "
-- The words of an invitation, a repair, an agreement, a shared journal entry and a shared plan
-- writing are the partner's copy (sealed under the couple's key); a row from before sealing has one copy.
SELECT kind, item_id, from_person, at, text, sealed, proposed_at, m.couple_id AS author_couple_now FROM (
    SELECT 'invitation' AS kind, id AS item_id, sent_by AS from_person, sent_at AS at, COALESCE(shared_text, text) AS text,
           CASE WHEN shared_text IS NULL THEN sealed ELSE shared_sealed END AS sealed, proposed_at
      FROM talk_invitations WHERE couple_id = $1 AND sent_by <> $2 AND status = 'open'
    UNION ALL
    SELECT 'repair', id, offered_by, offered_at, COALESCE(shared_text, text),
           CASE WHEN shared_text IS NULL THEN sealed ELSE shared_sealed END, NULL
      FROM repairs WHERE couple_id = $1 AND offered_by <> $2 AND accepted_at IS NULL
    UNION ALL
    SELECT 'agreement', id, proposed_by, created_at, COALESCE(shared_text, text),
           CASE WHEN shared_text IS NULL THEN sealed ELSE shared_sealed END, NULL
      FROM agreements WHERE couple_id = $1 AND proposed_by <> $2 AND accepted_at IS NULL
    UNION ALL
    SELECT 'checkup', id, person_id, taken_at, '', 0, NULL
      FROM checkups WHERE shared_couple_id = $1 AND person_id <> $2 AND taken_at >= $3
    UNION ALL
    SELECT 'journal', id, person_id, shared_at, COALESCE(shared_text, text),
           CASE WHEN shared_text IS NULL THEN sealed ELSE shared_sealed END, NULL
      FROM journal_entries WHERE shared_couple_id = $1 AND person_id <> $2 AND shared_at >= $3 AND shared_in_check IS NULL
    UNION ALL
    SELECT 'writing', id, person_id, shared_at, COALESCE(shared_text, text),
           CASE WHEN shared_text IS NULL THEN sealed ELSE shared_sealed END, NULL
      FROM private_notes WHERE shared_couple_id = $1 AND person_id <> $2 AND kind = 'plan-writing' AND shared_at >= $3
    UNION ALL
    SELECT 'capsule', id, author_id, opens_at, '', 0, NULL
      FROM capsules WHERE couple_id = $1 AND opens_at <= $4 AND opened_at IS NULL AND cancelled_at IS NULL
) bids
LEFT JOIN memberships m ON m.person_id = bids.from_person
WHERE NOT EXISTS (
    SELECT 1 FROM bid_dismissals d WHERE d.person_id = $2 AND d.kind = bids.kind AND d.item_id = bids.item_id
)
ORDER BY at DESC, item_id";

#[async_trait]
impl BidStore for SqlStore {
    async fn open_bids(
        &self,
        couple_id: &CoupleId,
        person_id: &PersonId,
        shared_since: Timestamp,
        now: Timestamp,
    ) -> Result<Vec<BidRecord>> {
        let rows = sqlx::query(OPEN_BIDS)
            .bind(couple_id)
            .bind(person_id)
            .bind(ms(shared_since))
            .bind(ms(now))
            .fetch_all(self.pool())
            .await?;
        rows.iter()
            .map(|r| {
                let from_person: PersonId = r.try_get("from_person")?;
                // Every kind here was sent or shared to this couple; a check-up or capsule carries no words.
                let facts = Facts {
                    author: from_person.clone(),
                    couple: Some(couple_id.to_owned()),
                    author_couple_now: r.try_get("author_couple_now")?,
                    visibility: Visibility::Shared,
                };
                Ok(BidRecord {
                    kind: r.try_get("kind")?,
                    item_id: r.try_get("item_id")?,
                    from_person,
                    at: ts(r.try_get("at")?)?,
                    text: Candidate::new(
                        StoredWords::from_row(r.try_get("text")?, r.try_get::<i64, _>("sealed")? != 0).map_err(
                            |_| crate::StoreError::Corrupt("a bid marked sealed holds no sealed words".into()),
                        )?,
                        facts,
                    ),
                    proposed_at: r.try_get::<Option<i64>, _>("proposed_at")?.map(ts).transpose()?,
                })
            })
            .collect()
    }

    async fn dismiss_bid(&self, person_id: &PersonId, kind: &str, item_id: &str, at: Timestamp) -> Result<()> {
        self.write_one(
            sqlx::query(
                "INSERT INTO bid_dismissals (person_id, kind, item_id, dismissed_at) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (person_id, kind, item_id) DO NOTHING",
            )
            .bind(person_id)
            .bind(kind)
            .bind(item_id)
            .bind(ms(at)),
        )
        .await?;
        Ok(())
    }

    async fn queue_bid_notice(&self, job: &OutboxJob, since: Timestamp) -> Result<bool> {
        let mut w = self.begin_write().await?;
        let result = queue_unless_recent(&mut w.tx, job, since).await;
        w.finish(result).await
    }
}

async fn queue_unless_recent(tx: &mut Transaction<'static, Any>, job: &OutboxJob, since: Timestamp) -> Result<bool> {
    let recent: i64 =
        sqlx::query("SELECT COUNT(*) AS n FROM outbox WHERE person_id = $1 AND kind = $2 AND not_before > $3")
            .bind(job.person_id.as_deref())
            .bind(&job.kind)
            .bind(ms(since))
            .fetch_one(&mut **tx)
            .await?
            .try_get("n")?;
    if recent > 0 {
        return Ok(false);
    }
    Ok(enqueue_in(tx, std::slice::from_ref(job)).await? == 1)
}
