//! What the live stream (`/events`) watches for one person: whether a pause holds, the listening
//! exchange's version, and a fingerprint of what two devices share in the moment (the
//! screen-free timer and the weekly check in progress), and which bids wait for the person on
//! Today. The stream compares snapshots and tells the browser what changed.

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

/// What is true now for `person_id`, and who their partner is (whose changes to watch).
pub async fn snapshot(state: &AppState, person_id: &str) -> ServiceResult<(Snapshot, Option<String>)> {
    let pause = pause::current(state, person_id).await?.is_some();
    let listening = listening::current(state, person_id).await?.map(|l| l.version).unwrap_or(0);
    let timer = timer::current(state, person_id).await?;
    let couple = state.store.couple_of(person_id).await?;
    let check = match &couple {
        Some(couple) => weekly_check::live_version(state, &couple.id).await?,
        None => 0,
    };
    let waiting = bids::list_for(state, couple.as_ref(), person_id).await?;
    let bids = waiting.iter().map(|b| format!("{}:{}", b.kind, b.id)).collect::<Vec<_>>().join(",");
    let together = match timer {
        Some(t) => format!("{}:{}:{}:{}", t.id, t.together, t.running, check),
        None => format!("-:{check}"),
    };
    let partner = couple.as_ref().and_then(|c| c.partner_of(person_id)).map(|m| m.person_id.clone());
    Ok((Snapshot { pause, listening, together, bids }, partner))
}
