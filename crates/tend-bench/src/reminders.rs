//! Reminders at scale, in-process against a database seeded with `seed --reminders`: one
//! planning pass at the minute everyone's morning ritual falls due (the busiest pass there can
//! be: one email per person), a pass in a quiet minute (what every other minute costs), and the
//! delivery of everything queued to an SMTP server on loopback (`sink.rs`). With `instances`
//! above one (PostgreSQL), that many independent stores plan and deliver at the same time, as
//! several `tend serve` would, and the sink counts duplicates. Prints one JSON line.

use std::sync::Arc;
use std::time::Instant;

use jiff::{SignedDuration, Timestamp};
use serde_json::json;
use tend_store::StoreOptions;
use tend_web::clock::SystemClock;
use tend_web::mail::{planner, worker, Mailer};
use tend_web::{AppState, WebSettings};

use crate::sink;

/// The next 08:31 in Berlin: a minute after everyone's 08:30 morning ritual.
fn busiest_minute(now: Timestamp) -> anyhow::Result<Timestamp> {
    let zone = jiff::tz::TimeZone::get("Europe/Berlin")?;
    let today = now.to_zoned(zone.clone()).date();
    let at = |d: jiff::civil::Date| d.at(8, 31, 0, 0).to_zoned(zone.clone()).map(|z| z.timestamp());
    let first = at(today)?;
    Ok(if first > now { first } else { at(today.tomorrow()?)? })
}

pub async fn run(data_dir: std::path::PathBuf, database_url: Option<String>, instances: usize) -> anyhow::Result<()> {
    let options = StoreOptions { database_url, data_dir, max_connections: 8 };
    let mut states = Vec::new();
    for _ in 0..instances.max(1) {
        let store = tend_store::open(&options).await?;
        let settings = WebSettings::for_url("http://127.0.0.1");
        states.push(AppState::new(Arc::new(store), settings, Arc::new(SystemClock)));
    }
    // Who chose reminders (an empty range: only the people).
    let never = Timestamp::UNIX_EPOCH;
    let people = states[0]
        .store
        .reminder_facts(jiff::civil::date(0, 1, 1), jiff::civil::date(0, 1, 1), never, never)
        .await?
        .people
        .len();

    let busiest = busiest_minute(Timestamp::now())?;
    let begun = Instant::now();
    let queued: usize = all(states.iter().map(|s| planner::plan(s, busiest))).await?.into_iter().sum();
    let busiest_seconds = begun.elapsed().as_secs_f64();

    let quiet = busiest + SignedDuration::from_hours(5);
    let begun = Instant::now();
    let quiet_queued: usize = all(states.iter().map(|s| planner::plan(s, quiet))).await?.into_iter().sum();
    let quiet_seconds = begun.elapsed().as_secs_f64();

    let sink = sink::start().await?;
    let mailer = Mailer::from_config(Some(&format!("smtp://{}", sink.address)), "Tend <tend@example.org>")?;
    let begun = Instant::now();
    let sent: usize =
        all(states.iter().map(|s| worker::deliver_due(s.store.as_ref(), &mailer, busiest))).await?.into_iter().sum();
    let deliver_seconds = begun.elapsed().as_secs_f64();
    let (received, duplicates) = sink.received();

    println!(
        "{}",
        json!({
            "people": people,
            "instances": states.len(),
            "queued": queued,
            "plan_busiest_seconds": busiest_seconds,
            "plan_quiet_seconds": quiet_seconds,
            "plan_quiet_queued": quiet_queued,
            "sent": sent,
            "received": received,
            "duplicates": duplicates,
            "deliver_seconds": deliver_seconds,
        })
    );
    anyhow::ensure!(
        queued == people && sent == queued && received == sent && duplicates == 0,
        "every person's reminder, once"
    );
    Ok(())
}

/// Runs the futures at the same time and gathers their results.
async fn all<T>(
    futures: impl Iterator<Item = impl std::future::Future<Output = anyhow::Result<T>>>,
) -> anyhow::Result<Vec<T>> {
    futures_util::future::try_join_all(futures).await
}
