//! The outbox worker: claims due jobs in batches (any number of workers may run against one
//! PostgreSQL; each job is claimed by one), delivers them, and marks them sent — or retries with
//! backoff, and after `MAX_ATTEMPTS` leaves them dead with the error kept for the host. A worker
//! that stops mid-batch loses nothing: its claim runs out and another worker takes the job.
//! Push jobs (`push.rs`) go the same way, to the device's push service instead of SMTP.

use std::time::Duration;

use futures_util::StreamExt;
use jiff::{SignedDuration, Timestamp};
use tend_store::{OutboxJob, Store};

use super::push::{self, PushKey};
use super::Mailer;
use crate::state::AppState;

pub const MAX_ATTEMPTS: u32 = 8;
/// How long a claimed job belongs to one worker before another may take it.
const LEASE: SignedDuration = SignedDuration::from_mins(5);
const BATCH: u32 = 200;

/// The wait before attempt `attempts + 1`: 30 seconds, doubling, at most an hour.
pub fn backoff(attempts: u32) -> SignedDuration {
    let seconds = 30_i64.saturating_mul(1_i64 << attempts.saturating_sub(1).min(10));
    SignedDuration::from_secs(seconds.min(3600))
}

/// Delivers what is due now, batch after batch; returns how many were sent.
pub async fn deliver_due(store: &dyn Store, mailer: &Mailer, now: Timestamp) -> anyhow::Result<usize> {
    let mut sent = 0;
    let mut push_key: Option<PushKey> = None;
    loop {
        let jobs = store.claim_due(now, BATCH, now + LEASE).await?;
        if jobs.is_empty() {
            return Ok(sent);
        }
        if push_key.is_none() && jobs.iter().any(|j| j.kind == push::KIND) {
            push_key = Some(PushKey::load(store).await?);
        }
        let push_key = push_key.as_ref();
        // A batch goes out over many SMTP connections at once, and is marked sent in one write.
        let outcomes: Vec<(OutboxJob, Result<(), String>)> = futures_util::stream::iter(jobs)
            .map(|job| async move {
                let outcome = match push_key.filter(|_| job.kind == push::KIND) {
                    Some(key) => push::send(store, key, &job, now).await,
                    None => mailer.send(&job).await,
                };
                (job, outcome)
            })
            .buffer_unordered(super::SMTP_CONNECTIONS as usize)
            .collect()
            .await;
        let mut delivered = Vec::new();
        for (job, outcome) in outcomes {
            match outcome {
                Ok(()) => delivered.push(job.id),
                Err(error) => {
                    tracing::warn!(id = %job.id, kind = %job.kind, attempts = job.attempts, %error, "email not delivered");
                    let retry = (job.attempts < MAX_ATTEMPTS).then(|| now + backoff(job.attempts));
                    store.mark_failed(&job.id, &error, retry).await?;
                }
            }
        }
        sent += delivered.len();
        store.mark_sent(&delivered, Timestamp::now()).await?;
    }
}

/// The shortest wait between two looks at the outbox.
pub const BETWEEN_LOOKS: Duration = Duration::from_secs(2);
/// How long a worker inside `tend serve` waits when nothing was due and no request rang the bell
/// (`AppState::outbox_bell`): each look borrows a database connection, and looking every two
/// seconds kept every pooled connection (and its caches) from ever falling idle.
pub const QUIET_LOOK: Duration = Duration::from_secs(30);

/// Runs the planner every minute and delivers what is due, until the process ends: every
/// `BETWEEN_LOOKS` while there is work, and after a look that found nothing, once `idle_look`
/// has passed or at once when a request may have queued an email (the bell rang).
pub async fn run(state: AppState, mailer: Mailer, idle_look: Duration) {
    if mailer.is_log_only() {
        tracing::warn!("No SMTP server is configured (TEND_SMTP_URL): emails are logged, not sent");
    }
    let mut last_plan: Option<Timestamp> = None;
    loop {
        let now = state.clock.now();
        if last_plan.is_none_or(|at| now.duration_since(at) >= SignedDuration::from_secs(60)) {
            if let Err(err) = super::planner::plan(&state, now).await {
                tracing::error!(error = ?err, "planning reminders failed");
            }
            last_plan = Some(now);
        }
        let sent = match deliver_due(state.store.as_ref(), &mailer, now).await {
            Ok(sent) => sent,
            Err(err) => {
                tracing::error!(error = ?err, "delivering email failed");
                0
            }
        };
        tokio::time::sleep(BETWEEN_LOOKS).await;
        if sent == 0 {
            let rest = idle_look.saturating_sub(BETWEEN_LOOKS);
            tokio::select! {
                () = state.outbox_bell.notified() => {}
                () = tokio::time::sleep(rest) => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_from_thirty_seconds_to_an_hour() {
        assert_eq!(backoff(1), SignedDuration::from_secs(30));
        assert_eq!(backoff(2), SignedDuration::from_secs(60));
        assert_eq!(backoff(4), SignedDuration::from_secs(240));
        assert_eq!(backoff(30), SignedDuration::from_secs(3600));
    }
}
