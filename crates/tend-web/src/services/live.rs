//! What the live stream (`/events`) watches for one person: whether a pause holds, the listening
//! exchange's version, and a fingerprint of what two devices share in the moment (the
//! screen-free timer and the weekly check in progress), and which bids wait for the person on
//! Today. The stream compares snapshots and tells the browser what changed, and sleeps until
//! someone changes something or until the moment time alone would change the snapshot.

use jiff::Timestamp;
use tend_core::ids::PersonId;

use super::{bids, listening, pause, timer, weekly_check, ServiceResult};
use crate::state::AppState;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    pub pause: bool,
    pub listening: i64,
    pub together: String,
    /// The bids waiting on Today, as kind:id pairs (a new one arrives, an answered one leaves).
    pub bids: String,
}

/// A look at what is true now: the snapshot, the partner whose changes to watch, and the next
/// moment time alone changes the snapshot (a pause lapses, a timer rings or is put away, a bid
/// leaves Today), if one is known.
pub struct Look {
    pub snapshot: Snapshot,
    pub partner: Option<PersonId>,
    pub next_change: Option<Timestamp>,
}

/// What is true now for `person_id`.
pub async fn snapshot(state: &AppState, person_id: &PersonId) -> ServiceResult<Look> {
    let pause_view = pause::current(state, person_id).await?;
    let listening = listening::current(state, person_id).await?.map(|l| l.version).unwrap_or(0);
    let timer = timer::current(state, person_id).await?;
    let couple = state.store.couple_of(person_id).await?;
    let check = match &couple {
        Some(couple) => weekly_check::live_version(state, &couple.id).await?,
        None => 0,
    };
    let waiting = bids::list_for(state, couple.as_ref(), person_id, None).await?;
    let bids = waiting.iter().map(|b| format!("{}:{}", b.kind, b.id)).collect::<Vec<_>>().join(",");
    let next_change = [
        pause_view.as_ref().map(|p| tend_core::pause::lapses_at(p.started_at)),
        timer.as_ref().filter(|t| t.running).map(|t| t.ends_at),
        timer.as_ref().map(|t| t.started_at + timer::KEPT),
        waiting.iter().map(|b| b.at).min().map(|at| at + bids::SHARED_STAYS),
    ]
    .into_iter()
    .flatten()
    .min();
    let pause = pause_view.is_some();
    let together = match timer {
        Some(t) => format!("{}:{}:{}:{}", t.id, t.together, t.running, check),
        None => format!("-:{check}"),
    };
    let partner = couple.as_ref().and_then(|c| c.partner_of(person_id)).map(|m| m.person_id.clone());
    Ok(Look { snapshot: Snapshot { pause, listening, together, bids }, partner, next_change })
}
