//! Ground rules (versioned, accepted by the other partner), repair attempts, invitations to talk,
//! and hard talks with what was agreed.

use async_trait::async_trait;
use jiff::Timestamp;
use sqlx::any::AnyRow;
use sqlx::Row;
use tend_core::ids::{CoupleId, PersonId};

use tend_core::sealing::Resealed;

use super::copies::{self, Copies};
use super::{ms, ts, SqlStore};
use crate::model::*;
use crate::{ConversationStore, Result};

/// The kind word that answers an invitation, as its answerer's copy and the sender's.
const ANSWER: Copies = Copies {
    text: "answer_note",
    sealed: "answer_sealed",
    shared_text: "answer_shared",
    shared_sealed: "answer_shared_sealed",
};
/// A hard talk's topic, as the scheduler's copy and the partner's.
const TOPIC: Copies =
    Copies { text: "topic", sealed: "topic_sealed", shared_text: "topic_shared", shared_sealed: "topic_shared_sealed" };
/// What a hard talk agreed, as the copy of whoever closed it and the other's.
const AGREED: Copies = Copies {
    text: "agreed",
    sealed: "agreed_sealed",
    shared_text: "agreed_shared",
    shared_sealed: "agreed_shared_sealed",
};
/// A ground-rules proposal, as its proposer's copy and the partner's.
const DRAFT: Copies =
    Copies { text: "draft", sealed: "draft_sealed", shared_text: "draft_shared", shared_sealed: "draft_shared_sealed" };
/// The version both accepted, the same way.
const ACCEPTED: Copies = Copies {
    text: "accepted",
    sealed: "accepted_sealed",
    shared_text: "accepted_shared",
    shared_sealed: "accepted_shared_sealed",
};
const INVITATION_COLUMNS: &str =
    "id, couple_id, sent_by, text, sealed, shared_text, shared_sealed, proposed_at, status,
    answer_note, answer_sealed, answer_shared, answer_shared_sealed, other_time, sent_at, answered_at";
const TALK_COLUMNS: &str = "id, couple_id, scheduled_by, topic, topic_sealed, topic_shared, topic_shared_sealed,
    starts_at, minutes, agreed, agreed_sealed, agreed_shared, agreed_shared_sealed, closed_by, closed_at";

fn opt_ts(row: &AnyRow, column: &str) -> Result<Option<Timestamp>> {
    row.try_get::<Option<i64>, _>(column)?.map(ts).transpose()
}

fn repair_from(r: &AnyRow) -> Result<RepairRecord> {
    Ok(RepairRecord {
        id: r.try_get("id")?,
        couple_id: r.try_get("couple_id")?,
        offered_by: r.try_get("offered_by")?,
        kind: r.try_get("kind")?,
        words: super::copies::shared_words(r, "a repair")?,
        offered_at: ts(r.try_get("offered_at")?)?,
        accepted_at: opt_ts(r, "accepted_at")?,
    })
}

fn invitation_from(r: &AnyRow) -> Result<InvitationRecord> {
    Ok(InvitationRecord {
        id: r.try_get("id")?,
        couple_id: r.try_get("couple_id")?,
        sent_by: r.try_get("sent_by")?,
        words: super::copies::shared_words(r, "an invitation")?,
        proposed_at: opt_ts(r, "proposed_at")?,
        status: r.try_get("status")?,
        answer_note: copies::shared_words_in(r, &ANSWER, "an invitation's answer")?,
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
        topic: copies::shared_words_in(r, &TOPIC, "a hard talk's topic")?
            .ok_or_else(|| crate::StoreError::Corrupt("a hard talk without a topic".into()))?,
        starts_at: ts(r.try_get("starts_at")?)?,
        minutes: r.try_get("minutes")?,
        agreed: copies::shared_words_in(r, &AGREED, "what a hard talk agreed")?,
        closed_by: r.try_get("closed_by")?,
        closed_at: opt_ts(r, "closed_at")?,
    })
}

#[async_trait]
impl ConversationStore for SqlStore {
    async fn ground_rules(&self, couple_id: &CoupleId) -> Result<Option<GroundRulesRecord>> {
        let row = sqlx::query(
            "SELECT couple_id, draft_version, proposed_by, proposed_at, accepted_by, accepted_version, accepted_at,
                    draft, draft_sealed, draft_shared, draft_shared_sealed,
                    accepted, accepted_sealed, accepted_shared, accepted_shared_sealed
             FROM ground_rules WHERE couple_id = $1",
        )
        .bind(couple_id)
        .fetch_optional(self.pool())
        .await?;
        row.map(|r| -> Result<GroundRulesRecord> {
            Ok(GroundRulesRecord {
                couple_id: r.try_get("couple_id")?,
                draft: copies::shared_words_in(&r, &DRAFT, "ground rules")?
                    .ok_or_else(|| crate::StoreError::Corrupt("ground rules without a proposal".into()))?,
                draft_version: r.try_get("draft_version")?,
                proposed_by: r.try_get("proposed_by")?,
                proposed_at: ts(r.try_get("proposed_at")?)?,
                accepted: copies::shared_words_in(&r, &ACCEPTED, "ground rules")?,
                accepted_by: r.try_get("accepted_by")?,
                accepted_version: r.try_get("accepted_version")?,
                accepted_at: opt_ts(&r, "accepted_at")?,
            })
        })
        .transpose()
    }

    async fn propose_ground_rules(
        &self,
        couple_id: &CoupleId,
        rules: &tend_core::sealing::SharedWords,
        person_id: &PersonId,
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
                copies::bind_copies(
                    sqlx::query(
                        "UPDATE ground_rules SET draft = $1, draft_sealed = $2, draft_shared = $3, draft_shared_sealed = $4,
                           draft_version = $5, proposed_by = $6, proposed_at = $7 WHERE couple_id = $8",
                    ),
                    Some(rules),
                )
                .bind(version)
                .bind(person_id)
                .bind(ms(at))
                .bind(couple_id)
                .execute(&mut *w.tx)
                .await?;
            } else {
                copies::bind_copies(
                    sqlx::query(
                        "INSERT INTO ground_rules (draft, draft_sealed, draft_shared, draft_shared_sealed,
                                                   couple_id, draft_version, proposed_by, proposed_at)
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                    ),
                    Some(rules),
                )
                .bind(couple_id)
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

    async fn accept_ground_rules(
        &self,
        couple_id: &CoupleId,
        version: i64,
        person_id: &PersonId,
        at: Timestamp,
    ) -> Result<bool> {
        Ok(self
            .write_one(
                sqlx::query(
                    "UPDATE ground_rules SET accepted = draft, accepted_sealed = draft_sealed, accepted_shared = draft_shared,
                   accepted_shared_sealed = draft_shared_sealed, accepted_by = proposed_by,
                   accepted_version = draft_version, accepted_at = $1
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
        self.write_one(super::copies::bind_copies(query, Some(&r.words))).await?;
        Ok(())
    }

    async fn seal_repairs(
        &self,
        person_id: &PersonId,
        sealed: &[(String, tend_core::sealing::Resealed)],
    ) -> Result<()> {
        super::copies::reseal(self, "repairs", "offered_by", person_id, sealed).await
    }

    async fn repairs(&self, couple_id: &CoupleId) -> Result<Vec<RepairRecord>> {
        let rows = sqlx::query(
            "SELECT id, couple_id, offered_by, kind, text, offered_at, accepted_at, sealed, shared_text, shared_sealed FROM repairs
             WHERE couple_id = $1 ORDER BY offered_at DESC, id",
        )
        .bind(couple_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(repair_from).collect()
    }

    async fn accept_repair(&self, couple_id: &CoupleId, id: &str, person_id: &PersonId, at: Timestamp) -> Result<bool> {
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
        self.write_one(super::copies::bind_copies(query, Some(&i.words))).await?;
        Ok(())
    }

    async fn invitations(&self, couple_id: &CoupleId) -> Result<Vec<InvitationRecord>> {
        let rows = sqlx::query(&format!(
            "SELECT {INVITATION_COLUMNS} FROM talk_invitations WHERE couple_id = $1 ORDER BY sent_at DESC, id"
        ))
        .bind(couple_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(invitation_from).collect()
    }

    async fn seal_invitations(
        &self,
        person_id: &PersonId,
        sealed: &[(String, tend_core::sealing::Resealed)],
    ) -> Result<()> {
        super::copies::reseal(self, "talk_invitations", "sent_by", person_id, sealed).await
    }

    async fn answer_invitation(
        &self,
        couple_id: &CoupleId,
        id: &str,
        person_id: &PersonId,
        answer: &InvitationAnswer,
    ) -> Result<bool> {
        Ok(self
            .write_one(
                copies::bind_copies(
                    sqlx::query(
                        "UPDATE talk_invitations SET status = $5, other_time = $6, answered_at = $7,
                           answer_note = $1, answer_sealed = $2, answer_shared = $3, answer_shared_sealed = $4
                         WHERE id = $8 AND couple_id = $9 AND sent_by <> $10 AND status = 'open'",
                    ),
                    answer.note.as_ref(),
                )
                .bind(&answer.status)
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
        let query = sqlx::query(
            "INSERT INTO hard_talks (topic, topic_sealed, topic_shared, topic_shared_sealed, id, couple_id, scheduled_by, starts_at, minutes)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        );
        let query = copies::bind_copies(query, Some(&t.topic));
        self.write_one(
            query.bind(&t.id).bind(&t.couple_id).bind(&t.scheduled_by).bind(ms(t.starts_at)).bind(t.minutes),
        )
        .await?;
        Ok(())
    }

    async fn hard_talks(&self, couple_id: &CoupleId) -> Result<Vec<HardTalkRecord>> {
        let rows = sqlx::query(&format!(
            "SELECT {TALK_COLUMNS} FROM hard_talks WHERE couple_id = $1 ORDER BY starts_at DESC, id"
        ))
        .bind(couple_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(talk_from).collect()
    }

    async fn close_hard_talk(
        &self,
        couple_id: &CoupleId,
        id: &str,
        person_id: &PersonId,
        agreed: &tend_core::sealing::SharedWords,
        at: Timestamp,
    ) -> Result<bool> {
        let query = sqlx::query(
            "UPDATE hard_talks SET agreed = $1, agreed_sealed = $2, agreed_shared = $3, agreed_shared_sealed = $4,
               closed_by = $5, closed_at = $6
             WHERE id = $7 AND couple_id = $8 AND closed_at IS NULL",
        );
        let query = copies::bind_copies(query, Some(agreed));
        Ok(self.write_one(query.bind(person_id).bind(ms(at)).bind(id).bind(couple_id)).await? > 0)
    }

    async fn seal_ground_rules(
        &self,
        couple_id: &CoupleId,
        person_id: &PersonId,
        draft: Option<&Resealed>,
        accepted: Option<&Resealed>,
    ) -> Result<()> {
        // The accepted version of rules accepted before its proposer was kept becomes theirs who
        // seals it first.
        let parts = [(draft, &DRAFT, "proposed_by = $2"), (accepted, &ACCEPTED, "COALESCE(accepted_by, $2) = $2")];
        for (sealed, columns, written_by) in parts {
            let Some(sealed) = sealed else { continue };
            let Copies { text, sealed: sealed_column, shared_text, shared_sealed } = columns;
            let claim = if columns.text == "accepted" { ", accepted_by = $2" } else { "" };
            let update = format!(
                "UPDATE ground_rules SET {text} = $1, {sealed_column} = 1{claim},
                   {shared_text} = COALESCE($4, {shared_text}),
                   {shared_sealed} = CASE WHEN $4 IS NULL THEN {shared_sealed} ELSE 1 END
                 WHERE {written_by} AND couple_id = $3"
            );
            let query = sqlx::query(&update)
                .bind(sealed.own.as_stored())
                .bind(person_id)
                .bind(couple_id)
                .bind(sealed.partners.as_ref().map(tend_core::sealing::SealedWords::as_stored));
            self.write_one(query).await?;
        }
        self.forget_old_pages().await
    }

    async fn seal_invitation_answers(&self, person_id: &PersonId, sealed: &[(String, Resealed)]) -> Result<()> {
        copies::reseal_in(self, "talk_invitations", &ANSWER, "sent_by <> $2", person_id, sealed).await
    }

    async fn seal_hard_talks(
        &self,
        person_id: &PersonId,
        topics: &[(String, Resealed)],
        agreed: &[(String, Resealed)],
    ) -> Result<()> {
        copies::reseal_in(self, "hard_talks", &TOPIC, "scheduled_by = $2", person_id, topics).await?;
        copies::reseal_claiming(self, "hard_talks", &AGREED, "closed_by", person_id, agreed).await
    }

    async fn listening(&self, couple_id: &CoupleId) -> Result<Option<(String, i64)>> {
        let row = sqlx::query("SELECT state, version FROM listenings WHERE couple_id = $1")
            .bind(couple_id)
            .fetch_optional(self.pool())
            .await?;
        Ok(row.map(|r| -> Result<(String, i64)> { Ok((r.try_get("state")?, r.try_get("version")?)) }).transpose()?)
    }

    async fn start_listening(&self, couple_id: &CoupleId, state: &str, at: Timestamp) -> Result<i64> {
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

    async fn step_listening(&self, couple_id: &CoupleId, state: &str, version: i64, at: Timestamp) -> Result<bool> {
        Ok(self.write_one(sqlx::query(
                "UPDATE listenings SET state = $1, version = version + 1, updated_at = $2 WHERE couple_id = $3 AND version = $4",
            )
            .bind(state)
            .bind(ms(at))
            .bind(couple_id)
            .bind(version)).await? > 0)
    }
}
