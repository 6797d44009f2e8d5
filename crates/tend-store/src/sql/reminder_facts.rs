//! What reminder planning reads, for everyone at once: the people who chose reminders (with
//! their low-capacity flag and their couple's plan), then ritual schedules, sealed capsules,
//! agreements due and pauses with a return time — one query each, grouped by couple in memory.
//! Only ids, days and times are read: never what anyone wrote.

use std::collections::HashMap;

use jiff::civil::Date;
use jiff::Timestamp;
use sqlx::Row;

use super::{ms, ts, SqlStore};
use crate::model::{Dated, ReminderFacts, ReminderPerson, RitualSchedule};
use crate::Result;

pub(crate) async fn load(
    store: &SqlStore,
    first_day: Date,
    last_day: Date,
    from: Timestamp,
    until: Timestamp,
) -> Result<ReminderFacts> {
    let (first_day, last_day) = (first_day.to_string(), last_day.to_string());
    let pool = store.pool();
    let mut facts = ReminderFacts::default();
    let rows = sqlx::query(
        "SELECT p.id, p.email, p.time_zone, m.couple_id, s.kinds, s.digest, s.quiet_start, s.quiet_end,
                s.weekly_day, s.weekly_minute, s.by_email, ps.situation, pl.schedule
         FROM reminder_settings s JOIN persons p ON p.id = s.person_id
         LEFT JOIN memberships m ON m.person_id = p.id
         LEFT JOIN person_support ps ON ps.person_id = p.id
         LEFT JOIN plans pl ON pl.couple_id = m.couple_id
         WHERE s.kinds <> '' ORDER BY p.id",
    )
    .fetch_all(pool)
    .await?;
    for r in &rows {
        facts.people.push(ReminderPerson {
            person_id: r.try_get("id")?,
            email: r.try_get("email")?,
            time_zone: r.try_get("time_zone")?,
            couple_id: r.try_get("couple_id")?,
            settings: super::mail::settings(r)?,
            low_capacity: r.try_get::<Option<String>, _>("situation")?.as_deref() == Some("low_capacity"),
            plan: r.try_get("schedule")?,
        });
    }

    for r in sqlx::query("SELECT couple_id, kind, enabled, days, at_minute FROM ritual_schedules WHERE enabled <> 0")
        .fetch_all(pool)
        .await?
    {
        facts.schedules.entry(r.try_get("couple_id")?).or_default().push(RitualSchedule {
            kind: r.try_get("kind")?,
            enabled: true,
            days: u8::try_from(r.try_get::<i64, _>("days")?).unwrap_or(0),
            at_minute: u16::try_from(r.try_get::<i64, _>("at_minute")?).unwrap_or(0),
        });
    }

    facts.capsules = dated(
        store,
        "SELECT couple_id, id, opens_on AS day FROM capsules
         WHERE opened_at IS NULL AND cancelled_at IS NULL AND opens_on BETWEEN $1 AND $2",
        &first_day,
        &last_day,
    )
    .await?;
    facts.agreements = dated(
        store,
        "SELECT couple_id, id, review_on AS day FROM agreements
         WHERE accepted_at IS NOT NULL AND review_on BETWEEN $1 AND $2",
        &first_day,
        &last_day,
    )
    .await?;

    // A couple's latest pause only, and only while it is on.
    for r in sqlx::query(
        "SELECT p.couple_id, p.id, p.return_at FROM pauses p
         WHERE p.ended_at IS NULL AND p.return_at BETWEEN $1 AND $2
           AND NOT EXISTS (SELECT 1 FROM pauses q WHERE q.couple_id = p.couple_id
                           AND (q.started_at > p.started_at OR (q.started_at = p.started_at AND q.id > p.id)))",
    )
    .bind(ms(from))
    .bind(ms(until))
    .fetch_all(pool)
    .await?
    {
        facts.pauses.insert(r.try_get("couple_id")?, (r.try_get("id")?, ts(r.try_get("return_at")?)?));
    }
    Ok(facts)
}

async fn dated(store: &SqlStore, sql: &str, first_day: &str, last_day: &str) -> Result<HashMap<String, Vec<Dated>>> {
    let mut by_couple: HashMap<String, Vec<Dated>> = HashMap::new();
    for r in sqlx::query(sql).bind(first_day).bind(last_day).fetch_all(store.pool()).await? {
        by_couple
            .entry(r.try_get("couple_id")?)
            .or_default()
            .push(Dated { id: r.try_get("id")?, day: r.try_get("day")? });
    }
    Ok(by_couple)
}
