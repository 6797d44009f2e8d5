//! The export's part for the rituals, what a couple keeps together, and the help pages:
//! everything the person wrote or chose there, except what a still-sealed capsule holds.

use sqlx::Row;
use tend_core::ids::PersonId;
use tend_core::sealing::StoredWords;

use super::{ts, SqlStore};
use crate::model::{
    CapsuleExport, ExperimentExport, JournalExport, NoteExport, RitualAnswerExport, TogetherExport, WordsExport,
};
use crate::{ExperimentStore, JournalStore, Result, SupportStore};

/// A person's own copies of words kept as two copies (opened later by the export service).
async fn words(store: &SqlStore, sql: &str, id: &PersonId) -> Result<Vec<WordsExport>> {
    let rows = sqlx::query(sql).bind(id).fetch_all(store.pool()).await?;
    rows.iter()
        .map(|r| {
            let text = StoredWords::from_row(r.try_get("text")?, r.try_get::<i64, _>("sealed")? != 0)
                .map_err(|_| crate::StoreError::Corrupt("words marked sealed hold no sealed words".into()))?;
            Ok(WordsExport { text, written_at: ts(r.try_get("created_at")?)? })
        })
        .collect()
}

pub(crate) async fn together_export(store: &SqlStore, id: &PersonId) -> Result<TogetherExport> {
    let ritual_answers =
        sqlx::query("SELECT kind, day, text, sealed FROM ritual_answers WHERE person_id = $1 ORDER BY day, kind")
            .bind(id)
            .fetch_all(store.pool())
            .await?
            .iter()
            .map(|r| {
                let text =
                    StoredWords::from_row(r.try_get("text")?, r.try_get::<i64, _>("sealed")? != 0).map_err(|_| {
                        crate::StoreError::Corrupt("a ritual answer marked sealed holds no sealed words".into())
                    })?;
                Ok(RitualAnswerExport { kind: r.try_get("kind")?, day: r.try_get("day")?, text })
            })
            .collect::<Result<_>>()?;
    // The person reads their own entries: the rule lets an author read everything they wrote.
    let me = tend_core::visibility::Viewer { person: id, couple: None };
    let journal = tend_core::visibility::reveal_all(me, store.own_journal(id).await?, jiff::Timestamp::now())
        .into_iter()
        .map(|e| {
            let e = e.into_inner();
            JournalExport { text: e.words.own, written_at: e.created_at, shared: e.shared_at.is_some() }
        })
        .collect();
    let wins =
        words(store, "SELECT text, sealed, created_at FROM wins WHERE person_id = $1 ORDER BY created_at", id).await?;
    let weekly_check_notes = words(
        store,
        "SELECT text, sealed, created_at FROM weekly_check_notes WHERE person_id = $1 ORDER BY created_at",
        id,
    )
    .await?;
    let mut experiments = Vec::new();
    for e in store.experiments(id).await? {
        experiments.push(ExperimentExport {
            days: store.experiment_days(&e.id).await?,
            behaviour: e.behaviour.own,
            started_on: e.started_on,
            reflection: e.reflection.map(|r| r.own),
        });
    }
    // What a capsule holds goes into the export only where the rule lets its author read it.
    let mut capsules: Vec<CapsuleExport> = super::capsules::read_capsules(store, "k.author_id = $1", id)
        .await?
        .into_iter()
        .filter(|c| c.cancelled_at.is_none())
        .map(|c| CapsuleExport {
            sealed_at: c.sealed_at,
            opens_on: c.opens_on,
            // Asked as of the moment it opened (never opened: the rule keeps it closed).
            sealed: tend_core::visibility::reveal(me, c.words, c.opened_at.unwrap_or(c.opens_at))
                .map(|w| w.into_inner().own),
            contents: None,
        })
        .collect();
    capsules.reverse(); // oldest first
    let mut notes = Vec::new();
    for kind in ["clarity", "boundaries"] {
        for n in store.private_notes(id, kind).await? {
            notes.push(NoteExport {
                shared: n.shared_at.is_some(),
                kind: n.kind,
                prompt: n.prompt,
                text: n.words.own,
                written_at: n.created_at,
            });
        }
    }
    let support = store.support(id).await?;
    Ok(TogetherExport {
        ritual_answers,
        journal,
        wins,
        weekly_check_notes,
        experiments,
        capsules,
        notes,
        situation: support.situation,
        help_signs: support.reported,
    })
}
