//! Bringing a person's own things in from an export, in one transaction: all of it or none.
//! Each item is added only when the person has nothing with the same time (and words), so an
//! import can be repeated without doubling anything. Everything comes in private.

use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::{Any, AnyConnection};
use tend_core::ids::PersonId;

use super::{ms, SqlStore};
use crate::model::{ImportCounts, OwnDataImport};
use crate::Result;

async fn added<'q>(conn: &mut AnyConnection, query: Query<'q, Any, AnyArguments<'q>>) -> Result<u32> {
    Ok(u32::try_from(query.execute(conn).await?.rows_affected()).unwrap_or(u32::MAX))
}

impl SqlStore {
    pub(crate) async fn import_own(&self, person_id: &PersonId, data: &OwnDataImport) -> Result<ImportCounts> {
        let mut w = self.begin_write().await?;
        let result: Result<ImportCounts> = async {
            let conn = &mut *w.tx;
            let mut counts = ImportCounts::default();
            for c in &data.checkups {
                counts.checkups += added(
                    conn,
                    // Answers sealed never compare equal: the import service leaves out those
                    // already here; this check still catches ones kept as written.
                    sqlx::query(
                        "INSERT INTO checkups (id, person_id, answers, sealed, taken_at, shared_couple_id)
                         SELECT $1, $2, $3, $4, $5, NULL
                         WHERE NOT EXISTS (SELECT 1 FROM checkups WHERE person_id = $2 AND taken_at = $5 AND answers = $3)",
                    )
                    .bind(&c.id)
                    .bind(person_id)
                    .bind(c.answers.own.to_row().0)
                    .bind(i64::from(c.answers.own.to_row().1))
                    .bind(ms(c.taken_at)),
                )
                .await?;
            }
            for p in &data.pulses {
                counts.pulses += added(
                    conn,
                    sqlx::query(
                        "INSERT INTO pulses (person_id, week, answers, taken_at, sealed) VALUES ($1, $2, $3, $4, $5)
                         ON CONFLICT (person_id, week) DO NOTHING",
                    )
                    .bind(person_id)
                    .bind(&p.week)
                    .bind(p.answers.to_row().0)
                    .bind(ms(p.taken_at))
                    .bind(i64::from(p.answers.to_row().1)),
                )
                .await?;
            }
            for e in &data.journal {
                counts.journal_entries += added(
                    conn,
                    sqlx::query(
                        // Sealed words never equal others: the import service leaves out sealed
                        // entries the person already has.
                        "INSERT INTO journal_entries (id, person_id, text, created_at, sealed)
                         SELECT $1, $2, $3, $4, $5
                         WHERE NOT EXISTS
                           (SELECT 1 FROM journal_entries WHERE person_id = $2 AND created_at = $4 AND text = $3)",
                    )
                    .bind(&e.id)
                    .bind(person_id)
                    .bind(e.words.own.to_row().0)
                    .bind(ms(e.created_at))
                    .bind(i64::from(e.words.own.to_row().1)),
                )
                .await?;
            }
            for n in &data.notes {
                counts.notes += added(
                    conn,
                    sqlx::query(
                        // Sealed words never equal others (a fresh nonce each time): the import
                        // service leaves out sealed notes the person already has.
                        "INSERT INTO private_notes (id, person_id, kind, prompt, text, created_at, sealed)
                         SELECT $1, $2, $3, $4, $5, $6, $7
                         WHERE NOT EXISTS (SELECT 1 FROM private_notes
                           WHERE person_id = $2 AND kind = $3 AND created_at = $6 AND text = $5)",
                    )
                    .bind(&n.id)
                    .bind(person_id)
                    .bind(&n.kind)
                    .bind(&n.prompt)
                    .bind(n.words.own.to_row().0)
                    .bind(ms(n.created_at))
                    .bind(i64::from(n.words.own.to_row().1)),
                )
                .await?;
            }
            if data.situation.is_some() || !data.help_signs.is_empty() {
                // Fills in what the person has not chosen here yet; never tells a partner anything.
                sqlx::query(
                    "INSERT INTO person_support (person_id, reported, situation, tell_partner, safety_offer_dismissed, updated_at)
                     VALUES ($1, $2, $3, 0, 0, $4)
                     ON CONFLICT (person_id) DO UPDATE SET
                       reported = CASE WHEN person_support.reported = '' THEN excluded.reported ELSE person_support.reported END,
                       situation = COALESCE(person_support.situation, excluded.situation)",
                )
                .bind(person_id)
                .bind(data.help_signs.join(","))
                .bind(data.situation.as_deref())
                .bind(ms(jiff::Timestamp::now()))
                .execute(&mut *conn)
                .await?;
            }
            Ok(counts)
        }
        .await;
        w.finish(result).await
    }
}
