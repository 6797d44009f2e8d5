//! Ground rules (versioned, accepted by the other partner), repair attempts, invitations to talk,
//! and hard talks with what was agreed.

use async_trait::async_trait;
use jiff::Timestamp;
use sqlx::any::AnyRow;
use sqlx::Row;

use super::{ms, ts, SqlStore};
use crate::model::*;
use crate::{ConversationStore, Result};

fn opt_ts(row: &AnyRow, column: &str) -> Result<Option<Timestamp>> {
    row.try_get::<Option<i64>, _>(column)?.map(ts).transpose()
}

fn repair_from(r: &AnyRow) -> Result<RepairRecord> {
    Ok(RepairRecord {
        id: r.try_get("id")?,
        couple_id: r.try_get("couple_id")?,
        offered_by: r.try_get("offered_by")?,
        kind: r.try_get("kind")?,
        words: super::keys::shared_words(r, "a repair")?,
        offered_at: ts(r.try_get("offered_at")?)?,
        accepted_at: opt_ts(r, "accepted_at")?,
    })
}

fn invitation_from(r: &AnyRow) -> Result<InvitationRecord> {
    Ok(InvitationRecord {
        id: r.try_get("id")?,
        couple_id: r.try_get("couple_id")?,
        sent_by: r.try_get("sent_by")?,
        words: super::keys::shared_words(r, "an invitation")?,
        proposed_at: opt_ts(r, "proposed_at")?,
        status: r.try_get("status")?,
        answer_note: r.try_get("answer_note")?,
        other_time: opt_ts(r, "other_time")?,
        sent_at: ts(r.try_get("sent_at")?)?,
        answered_at: opt_ts(r, "answered_at")?,
    })
}

fn talk_from(r: &AnyRow) -> Result<HardTalkRecord> {
    Ok(HardTalkRecord {
        id: r.try_get("id")?,
        couple_id: r.try_get("couple_id")?,
        scheduled_by: r.try_get("scheduled_by")?,
        topic: r.try_get("topic")?,
        starts_at: ts(r.try_get("starts_at")?)?,
        minutes: r.try_get("minutes")?,
        agreed: r.try_get("agreed")?,
        closed_at: opt_ts(r, "closed_at")?,
    })
}

#[async_trait]
impl ConversationStore for SqlStore {
    async fn ground_rules(&self, couple_id: &str) -> Result<Option<GroundRulesRecord>> {
        let row = sqlx::query(
            "SELECT couple_id, draft, draft_version, proposed_by, proposed_at, accepted, accepted_version, accepted_at
             FROM ground_rules WHERE couple_id = $1",
        )
        .bind(couple_id)
        .fetch_optional(self.pool())
        .await?;
        row.map(|r| -> Result<GroundRulesRecord> {
            Ok(GroundRulesRecord {
                couple_id: r.try_get("couple_id")?,
                draft: r.try_get("draft")?,
                draft_version: r.try_get("draft_version")?,
                proposed_by: r.try_get("proposed_by")?,
                proposed_at: ts(r.try_get("proposed_at")?)?,
                accepted: r.try_get("accepted")?,
                accepted_version: r.try_get("accepted_version")?,
                accepted_at: opt_ts(&r, "accepted_at")?,
            })
        })
        .transpose()
    }

    async fn propose_ground_rules(
        &self,
        couple_id: &str,
        rules_json: &str,
        person_id: &str,
        at: Timestamp,
    ) -> Result<i64> {
        let mut w = self.begin_write().await?;
        let result: Result<_> = async {
            let current: Option<i64> = sqlx::query("SELECT draft_version FROM ground_rules WHERE couple_id = $1")
                .bind(couple_id)
                .fetch_optional(&mut *w.tx)
                .await?
                .map(|r| r.try_get("draft_version"))
                .transpose()?;
            let version = current.unwrap_or(0) + 1;
            if current.is_some() {
                sqlx::query(
                    "UPDATE ground_rules SET draft = $1, draft_version = $2, proposed_by = $3, proposed_at = $4 WHERE couple_id = $5",
                )
                .bind(rules_json)
                .bind(version)
                .bind(person_id)
                .bind(ms(at))
                .bind(couple_id)
                .execute(&mut *w.tx)
                .await?;
            } else {
                sqlx::query(
                    "INSERT INTO ground_rules (couple_id, draft, draft_version, proposed_by, proposed_at) VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(couple_id)
                .bind(rules_json)
                .bind(version)
                .bind(person_id)
                .bind(ms(at))
                .execute(&mut *w.tx)
                .await?;
            }
            Ok(version)
        }
        .await;
        w.finish(result).await
    }

    async fn accept_ground_rules(&self, couple_id: &str, version: i64, person_id: &str, at: Timestamp) -> Result<bool> {
        Ok(self
            .write_one(
                sqlx::query(
                    "UPDATE ground_rules SET accepted = draft, accepted_version = draft_version, accepted_at = $1
                 WHERE couple_id = $2 AND draft_version = $3 AND proposed_by <> $4
                 AND (accepted_version IS NULL OR accepted_version <> draft_version)",
                )
                .bind(ms(at))
                .bind(couple_id)
                .bind(version)
                .bind(person_id),
            )
            .await?
            > 0)
    }

    async fn insert_repair(&self, r: &RepairRecord) -> Result<()> {
        let query = sqlx::query(
            "INSERT INTO repairs (id, couple_id, offered_by, kind, offered_at, text, sealed, shared_text, shared_sealed)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(&r.id)
        .bind(&r.couple_id)
        .bind(&r.offered_by)
        .bind(&r.kind)
        .bind(ms(r.offered_at));
        self.write_one(super::keys::bind_copies(query, &r.words)).await?;
        Ok(())
    }

    async fn seal_repairs(&self, person_id: &str, sealed: &[(String, tend_core::sealing::Resealed)]) -> Result<()> {
        super::keys::reseal(self, "repairs", "offered_by", person_id, sealed).await
    }

    async fn repairs(&self, couple_id: &str) -> Result<Vec<RepairRecord>> {
        let rows = sqlx::query(
            "SELECT id, couple_id, offered_by, kind, text, offered_at, accepted_at, sealed, shared_text, shared_sealed FROM repairs
             WHERE couple_id = $1 ORDER BY offered_at DESC, id",
        )
        .bind(couple_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(repair_from).collect()
    }

    async fn accept_repair(&self, couple_id: &str, id: &str, person_id: &str, at: Timestamp) -> Result<bool> {
        Ok(self.write_one(sqlx::query(
                "UPDATE repairs SET accepted_at = $1 WHERE id = $2 AND couple_id = $3 AND offered_by <> $4 AND accepted_at IS NULL",
            )
            .bind(ms(at))
            .bind(id)
            .bind(couple_id)
            .bind(person_id)).await? > 0)
    }

    async fn insert_invitation(&self, i: &InvitationRecord) -> Result<()> {
        let query = sqlx::query(
            "INSERT INTO talk_invitations (id, couple_id, sent_by, proposed_at, status, sent_at, text, sealed, shared_text, shared_sealed)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(&i.id)
        .bind(&i.couple_id)
        .bind(&i.sent_by)
        .bind(i.proposed_at.map(ms))
        .bind(&i.status)
        .bind(ms(i.sent_at));
        self.write_one(super::keys::bind_copies(query, &i.words)).await?;
        Ok(())
    }

    async fn invitations(&self, couple_id: &str) -> Result<Vec<InvitationRecord>> {
        let rows = sqlx::query(
            "SELECT id, couple_id, sent_by, text, sealed, shared_text, shared_sealed, proposed_at, status, answer_note, other_time, sent_at, answered_at
             FROM talk_invitations WHERE couple_id = $1 ORDER BY sent_at DESC, id",
        )
        .bind(couple_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(invitation_from).collect()
    }

    async fn seal_invitations(&self, person_id: &str, sealed: &[(String, tend_core::sealing::Resealed)]) -> Result<()> {
        super::keys::reseal(self, "talk_invitations", "sent_by", person_id, sealed).await
    }

    async fn answer_invitation(
        &self,
        couple_id: &str,
        id: &str,
        person_id: &str,
        answer: &InvitationAnswer,
    ) -> Result<bool> {
        Ok(self
            .write_one(
                sqlx::query(
                    "UPDATE talk_invitations SET status = $1, answer_note = $2, other_time = $3, answered_at = $4
                 WHERE id = $5 AND couple_id = $6 AND sent_by <> $7 AND status = 'open'",
                )
                .bind(&answer.status)
                .bind(answer.note.as_deref())
                .bind(answer.other_time.map(ms))
                .bind(ms(answer.at))
                .bind(id)
                .bind(couple_id)
                .bind(person_id),
            )
            .await?
            > 0)
    }

    async fn insert_hard_talk(&self, t: &HardTalkRecord) -> Result<()> {
        self.write_one(sqlx::query(
                "INSERT INTO hard_talks (id, couple_id, scheduled_by, topic, starts_at, minutes) VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(&t.id)
            .bind(&t.couple_id)
            .bind(&t.scheduled_by)
            .bind(&t.topic)
            .bind(ms(t.starts_at))
            .bind(t.minutes)).await?;
        Ok(())
    }

    async fn hard_talks(&self, couple_id: &str) -> Result<Vec<HardTalkRecord>> {
        let rows = sqlx::query(
            "SELECT id, couple_id, scheduled_by, topic, starts_at, minutes, agreed, closed_at FROM hard_talks
             WHERE couple_id = $1 ORDER BY starts_at DESC, id",
        )
        .bind(couple_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(talk_from).collect()
    }

    async fn close_hard_talk(&self, couple_id: &str, id: &str, agreed: &str, at: Timestamp) -> Result<bool> {
        Ok(self.write_one(sqlx::query(
                "UPDATE hard_talks SET agreed = $1, closed_at = $2 WHERE id = $3 AND couple_id = $4 AND closed_at IS NULL",
            )
            .bind(agreed)
            .bind(ms(at))
            .bind(id)
            .bind(couple_id)).await? > 0)
    }

    async fn listening(&self, couple_id: &str) -> Result<Option<(String, i64)>> {
        let row = sqlx::query("SELECT state, version FROM listenings WHERE couple_id = $1")
            .bind(couple_id)
            .fetch_optional(self.pool())
            .await?;
        Ok(row.map(|r| -> Result<(String, i64)> { Ok((r.try_get("state")?, r.try_get("version")?)) }).transpose()?)
    }

    async fn start_listening(&self, couple_id: &str, state: &str, at: Timestamp) -> Result<i64> {
        let mut w = self.begin_write().await?;
        let result: Result<_> = async {
            let row = sqlx::query(
                "INSERT INTO listenings (couple_id, state, version, updated_at) VALUES ($1, $2, 1, $3)
                 ON CONFLICT (couple_id) DO UPDATE SET state = excluded.state, version = listenings.version + 1,
                 updated_at = excluded.updated_at RETURNING version",
            )
            .bind(couple_id)
            .bind(state)
            .bind(ms(at))
            .fetch_one(&mut *w.tx)
            .await?;
            Ok(row.try_get("version")?)
        }
        .await;
        w.finish(result).await
    }

    async fn step_listening(&self, couple_id: &str, state: &str, version: i64, at: Timestamp) -> Result<bool> {
        Ok(self.write_one(sqlx::query(
                "UPDATE listenings SET state = $1, version = version + 1, updated_at = $2 WHERE couple_id = $3 AND version = $4",
            )
            .bind(state)
            .bind(ms(at))
            .bind(couple_id)
            .bind(version)).await? > 0)
    }
}
