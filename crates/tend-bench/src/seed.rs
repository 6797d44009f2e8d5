//! Seeds couples with eight weeks of history: two people each (one shared password, hashed
//! once), a plan begun eight weeks ago, two check-ups and eight pulses per person, a morning
//! answer from each for every day, eight finished weekly checks with notes, and a few wins.
//! Rows go straight into the tables in large transactions; it is a fixture, not a code path.
//! With `reminders`, each couple instead gets only what reminder planning reads: both people with
//! email reminders for rituals, the plan and the weekly check, and a morning ritual every day at
//! 08:30 (one time zone, so everyone's reminder falls due in the same minute: the worst case).

use std::path::PathBuf;

use jiff::{SignedDuration, Timestamp, ToSpan};
use sqlx::any::AnyPoolOptions;
use sqlx::{Any, Executor, Transaction};
use tend_store::{Backend, StoreOptions};

/// Everyone's password in the seeded database.
pub const PASSWORD: &str = "quiet river morning walk";

pub fn email(couple: u32, who: char) -> String {
    format!("bench-{couple}{who}@example.org")
}

/// Inserts `rows` (each a list of SQL literals) into `table` in chunks of multi-row INSERTs.
async fn insert(
    tx: &mut Transaction<'static, Any>,
    table: &str,
    columns: &str,
    rows: &[Vec<String>],
) -> anyhow::Result<()> {
    for chunk in rows.chunks(400) {
        let values: Vec<String> = chunk.iter().map(|r| format!("({})", r.join(", "))).collect();
        let sql = format!("INSERT INTO {table} ({columns}) VALUES {}", values.join(", "));
        tx.execute(sql.as_str()).await?;
    }
    Ok(())
}

fn text(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

pub async fn run(data_dir: PathBuf, database_url: Option<String>, couples: u32, reminders: bool) -> anyhow::Result<()> {
    let options = StoreOptions { database_url: database_url.clone(), data_dir: data_dir.clone(), max_connections: 4 };
    let backend = options.backend();
    // Opening the store creates the schema.
    tend_store::open(&options).await?.close().await;
    sqlx::any::install_default_drivers();
    let url = match (&database_url, backend) {
        (Some(url), Backend::Postgres) => url.clone(),
        _ => format!("sqlite://{}", data_dir.join(tend_store::SQLITE_FILE).display()),
    };
    let pool = AnyPoolOptions::new().max_connections(1).connect(&url).await?;
    if backend == Backend::Sqlite {
        pool.execute("PRAGMA synchronous = OFF").await?;
    }
    let (hash, _) = tend_web::passwords::PasswordHasher::default().hash(PASSWORD.to_owned()).await?;
    let content = tend_core::content::Content::embedded();
    let checkup: serde_json::Map<String, serde_json::Value> =
        content.checkup.items().enumerate().map(|(i, (_, item))| (item.id.clone(), (i % 4).into())).collect();
    let checkup = serde_json::Value::Object(checkup).to_string();
    let pulse: serde_json::Map<String, serde_json::Value> =
        content.pulse.items.iter().map(|i| (i.id.clone(), 3.into())).collect();
    let pulse = serde_json::Value::Object(pulse).to_string();
    let now = Timestamp::now();
    let zone = "Europe/Berlin";
    let tz = jiff::tz::TimeZone::get(zone)?;
    let today = now.to_zoned(tz.clone()).date();
    let started = today.checked_sub(56.days())?;
    let schedule = format!(r#"{{"started_on":"{started}","pauses":[],"repeats":[]}}"#);
    let ms = |t: Timestamp| t.as_millisecond().to_string();
    let begun = std::time::Instant::now();
    const BATCH: u32 = 500;
    for first in (0..couples).step_by(BATCH as usize) {
        let last = (first + BATCH).min(couples);
        let mut persons = Vec::new();
        let mut couple_rows = Vec::new();
        let mut members = Vec::new();
        let mut plans = Vec::new();
        let mut checkups = Vec::new();
        let mut pulses = Vec::new();
        let mut answers = Vec::new();
        let mut checks = Vec::new();
        let mut notes = Vec::new();
        let mut wins = Vec::new();
        let mut settings = Vec::new();
        let mut schedules = Vec::new();
        for c in first..last {
            let couple_id = format!("c{c:08}");
            couple_rows.push(vec![text(&couple_id), ms(now - SignedDuration::from_hours(24 * 60)), "NULL".into()]);
            plans.push(vec![text(&couple_id), text(&schedule), ms(now - SignedDuration::from_hours(24 * 56))]);
            for who in ['a', 'b'] {
                let person = format!("p{c:08}{who}");
                persons.push(vec![
                    text(&person),
                    text(&email(c, who)),
                    text(&hash),
                    text(if who == 'a' { "Ana" } else { "Ben" }),
                    text(zone),
                    ms(now - SignedDuration::from_hours(24 * 60)),
                    "0".into(),
                ]);
                members.push(vec![text(&couple_id), text(&person), ms(now - SignedDuration::from_hours(24 * 59))]);
                if reminders {
                    settings.push(vec![
                        text(&person),
                        text("rituals,plan,weekly_check"),
                        "0".into(),
                        (21 * 60).to_string(),
                        (8 * 60).to_string(),
                        ms(now),
                    ]);
                    continue;
                }
                for n in 0..2i64 {
                    let at = now - SignedDuration::from_hours(24 * (56 - 28 * n));
                    checkups.push(vec![
                        text(&format!("k{c:08}{who}{n}")),
                        text(&person),
                        text(&checkup),
                        ms(at),
                        "NULL".into(),
                    ]);
                }
                for week in 0..8i64 {
                    // Whole calendar weeks back where the person lives: 168 hours back across a
                    // daylight-saving change can land in the next week late on a Sunday.
                    let zoned = now.to_zoned(tz.clone()).checked_sub((7 * (8 - week)).days())?;
                    let (at, label) = (zoned.timestamp(), zoned.strftime("%G-W%V").to_string());
                    pulses.push(vec![text(&person), text(&label), text(&pulse), ms(at)]);
                }
                for day in 0..56i64 {
                    let date = started.checked_add(day.days())?;
                    let ends = date.tomorrow()?.to_zoned(tz.clone())?.timestamp();
                    answers.push(vec![
                        text(&couple_id),
                        text(&person),
                        text("morning"),
                        text(&date.to_string()),
                        ms(ends),
                        text("Hoping for a quiet evening together."),
                        ms(ends - SignedDuration::from_hours(14)),
                    ]);
                }
            }
            if reminders {
                schedules.push(vec![
                    text(&couple_id),
                    text("morning"),
                    "1".into(),
                    "127".into(),
                    (8 * 60 + 30).to_string(),
                ]);
                continue;
            }
            for week in 0..8i64 {
                let at = now - SignedDuration::from_hours(24 * 7 * (8 - week));
                let check = format!("w{c:08}{week}");
                checks.push(vec![
                    text(&check),
                    text(&couple_id),
                    ms(at),
                    "5".into(),
                    ms(at),
                    ms(at + SignedDuration::from_mins(30)),
                    "9".into(),
                ]);
                for (n, section) in ["feelings", "needs", "joy"].iter().enumerate() {
                    notes.push(vec![
                        text(&format!("{check}n{n}")),
                        text(&check),
                        text(section),
                        text(&format!("p{c:08}a")),
                        text("A calmer week; an early night on Thursday."),
                        ms(at + SignedDuration::from_mins(5 * n as i64)),
                    ]);
                }
                wins.push(vec![
                    text(&format!("v{c:08}{week}")),
                    text(&couple_id),
                    text(&format!("p{c:08}b")),
                    text("A shared laugh"),
                    text(&at.to_zoned(tz.clone()).date().to_string()),
                    ms(at),
                ]);
            }
        }
        let mut tx = pool.begin().await?;
        insert(
            &mut tx,
            "persons",
            "id, email, password_hash, display_name, time_zone, created_at, couple_closed_notice",
            &persons,
        )
        .await?;
        insert(&mut tx, "couples", "id, created_at, closed_at", &couple_rows).await?;
        insert(&mut tx, "memberships", "couple_id, person_id, joined_at", &members).await?;
        insert(&mut tx, "plans", "couple_id, schedule, created_at", &plans).await?;
        insert(&mut tx, "checkups", "id, person_id, answers, taken_at, shared_couple_id", &checkups).await?;
        insert(&mut tx, "pulses", "person_id, week, answers, taken_at", &pulses).await?;
        insert(&mut tx, "ritual_answers", "couple_id, person_id, kind, day, day_ends_at, text, answered_at", &answers)
            .await?;
        insert(
            &mut tx,
            "weekly_checks",
            "id, couple_id, started_at, section, section_started_at, finished_at, version",
            &checks,
        )
        .await?;
        insert(&mut tx, "weekly_check_notes", "id, check_id, section, person_id, text, created_at", &notes).await?;
        insert(&mut tx, "wins", "id, couple_id, person_id, text, day, created_at", &wins).await?;
        insert(&mut tx, "reminder_settings", "person_id, kinds, digest, quiet_start, quiet_end, updated_at", &settings)
            .await?;
        insert(&mut tx, "ritual_schedules", "couple_id, kind, enabled, days, at_minute", &schedules).await?;
        tx.commit().await?;
    }
    if backend == Backend::Sqlite {
        pool.execute("PRAGMA wal_checkpoint(TRUNCATE)").await?;
    } else {
        pool.execute("ANALYZE").await?;
    }
    pool.close().await;
    eprintln!("seeded {couples} couples in {:.1} s", begun.elapsed().as_secs_f64());
    Ok(())
}
