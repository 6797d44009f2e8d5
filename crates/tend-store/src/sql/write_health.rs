//! What the last write told us: either writes work, or they fail for a passing reason (a full
//! disk, a read-only file, a database that went away). A plain `SELECT 1` answers on a full disk,
//! so the health check asks this record too, and while a fault is recorded it tries one real
//! write, so `/healthz` turns good by itself once the fault is gone.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::{Result, StoreError};

/// A disk that is nearly full lets some small writes through while others fail: one success
/// does not mean the fault has passed until this long after the last failure.
const SETTLE: Duration = Duration::from_secs(5);

/// The health check's probe write runs at most this often.
const PROBE_EVERY: Duration = Duration::from_secs(1);

#[derive(Default)]
pub(crate) struct WriteHealth {
    /// The reason of the last failure, when it happened, and whether a write has worked since.
    fault: Mutex<Option<Fault>>,
    last_probe: Mutex<Option<Instant>>,
}

#[derive(Clone, Copy)]
struct Fault {
    reason: &'static str,
    at: Instant,
    worked_since: bool,
}

impl WriteHealth {
    /// Notes how a write ended: success clears any fault, a passing fault is remembered with its
    /// reason, any other error (a bug, a conflict) says nothing about the database's health.
    pub(crate) fn note<T>(&self, result: &Result<T>) {
        let mut fault = self.fault.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        match result {
            Ok(_) => match fault.as_mut() {
                Some(f) if f.at.elapsed() < SETTLE => f.worked_since = true,
                _ => *fault = None,
            },
            Err(err) => {
                if let Some(reason) = err.unavailable_reason() {
                    if fault.is_none() {
                        tracing::error!(reason, "writes are failing");
                    }
                    *fault = Some(Fault { reason, at: Instant::now(), worked_since: false });
                }
            }
        }
    }

    /// Whether the health check may try a probe write now (at most one a second, so a flood of
    /// `/healthz` requests during a fault can't queue writes).
    pub(crate) fn may_probe(&self) -> bool {
        let mut last = self.last_probe.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if last.is_some_and(|at| at.elapsed() < PROBE_EVERY) {
            return false;
        }
        *last = Some(Instant::now());
        true
    }

    /// Why writes are failing: the last failure's reason while it is recent or no write has
    /// worked since, `None` otherwise.
    pub(crate) fn fault(&self) -> Option<&'static str> {
        let fault = self.fault.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        fault.filter(|f| !f.worked_since || f.at.elapsed() < SETTLE).map(|f| f.reason)
    }
}

/// The error `ping` answers with while writes fail.
pub(crate) fn writes_failing(reason: &'static str) -> StoreError {
    StoreError::WritesFailing(reason)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn disk_full() -> StoreError {
        StoreError::WritesFailing("the disk is full")
    }

    #[test]
    fn a_failed_write_is_a_fault_until_writes_work_again_after_it_settles() {
        let health = WriteHealth::default();
        assert_eq!(health.fault(), None);
        health.note::<()>(&Err(disk_full()));
        assert_eq!(health.fault(), Some("the disk is full"));
        // A small write getting through a nearly full disk right after a failure is not recovery.
        health.note(&Ok(()));
        assert_eq!(health.fault(), Some("the disk is full"));
        // Long after the last failure, a working write is.
        health.fault.lock().unwrap().as_mut().unwrap().at -= SETTLE;
        assert_eq!(health.fault(), None);
        health.note(&Ok(()));
        assert!(health.fault.lock().unwrap().is_none());
    }

    #[test]
    fn errors_that_are_not_passing_faults_say_nothing_about_health() {
        let health = WriteHealth::default();
        health.note::<()>(&Err(StoreError::EmailTaken));
        assert_eq!(health.fault(), None);
    }
}
