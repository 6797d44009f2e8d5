//! Wakes a person's open pages when something may have changed for them, instead of every open
//! page asking the database every second. A request that changes something (any method but GET
//! or HEAD, answered without an error) by a signed-in person bumps that person's counter; each
//! open page's stream (`pages/live_stream.rs`) watches its own person's counter and the
//! partner's, and looks at the database only when one moves or when time alone changes what the
//! page shows (a pause lapsing, a timer ringing; five minutes at most). On PostgreSQL, where
//! several Tend processes may serve one couple, each change is also announced to the others
//! (`NOTIFY`, carrying only the person's opaque id) and each process hears the others' (`LISTEN`).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;
use tend_core::ids::PersonId;

use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use tokio::sync::watch;

use crate::state::AppState;

#[derive(Default)]
pub struct LiveHub {
    people: Mutex<People>,
}

#[derive(Default)]
struct People {
    senders: HashMap<PersonId, watch::Sender<u64>>,
    /// Watches begun since the map was last pruned.
    since_pruned: usize,
}

impl LiveHub {
    /// A receiver that changes whenever `person_id` changes something.
    pub fn watch(&self, person_id: &PersonId) -> watch::Receiver<u64> {
        let mut people = self.people.lock().unwrap_or_else(|e| e.into_inner());
        // Let go of the people nobody watches any more, once every thousand watches.
        people.since_pruned += 1;
        if people.since_pruned >= 1024 {
            people.senders.retain(|_, sender| sender.receiver_count() > 0);
            people.since_pruned = 0;
        }
        people.senders.entry(person_id.to_owned()).or_insert_with(|| watch::channel(0).0).subscribe()
    }

    /// Tells everyone watching `person_id` that something may have changed.
    pub fn bump(&self, person_id: &PersonId) {
        let people = self.people.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(sender) = people.senders.get(person_id) {
            sender.send_modify(|n| *n = n.wrapping_add(1));
        }
    }
}

/// Filled by the sign-in extractors with the person behind a request, when the middleware
/// below asked for it (requests that may change something).
#[derive(Clone, Default)]
pub struct Writer(Arc<OnceLock<PersonId>>);

impl Writer {
    pub fn set(&self, person_id: &PersonId) {
        let _ = self.0.set(person_id.to_owned());
    }
}

/// After a successful change by a signed-in person, wakes the open pages that watch them; after
/// any successful change, rings the outbox bell.
pub async fn wake_after_changes(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    if matches!(*request.method(), Method::GET | Method::HEAD) {
        return next.run(request).await;
    }
    let writer = Writer::default();
    request.extensions_mut().insert(writer.clone());
    let response = next.run(request).await;
    if response.status().as_u16() < 400 {
        if let Some(person_id) = writer.0.get() {
            changed(&state, person_id);
        }
        // The change may have queued an email (an invitation, a link, a notice).
        state.outbox_bell.notify_one();
    }
    response
}

/// Wakes the open pages that watch `person_id`, here and in every other Tend process on the same
/// PostgreSQL. Changes a signed-in person makes are announced by the middleware above; a change
/// made for someone without their session (a password reset by link ends their sessions) calls
/// this itself.
pub fn changed(state: &AppState, person_id: &PersonId) {
    state.live.bump(person_id);
    if state.store.backend() == tend_store::Backend::Postgres {
        let (store, person_id) = (state.store.clone(), person_id.to_owned());
        tokio::spawn(async move {
            if let Err(err) = store.announce_change(&person_id).await {
                tracing::warn!(error = %err, "a change could not be announced to other Tend processes");
            }
        });
    }
}

/// Hears the changes other Tend processes on the same PostgreSQL announce, and wakes the open
/// pages here that watch those people, until the store is closed. On SQLite there is nothing to
/// hear. A lost connection is
/// re-established after a pause that grows to a minute; meanwhile pages still look after their
/// quiet while.
pub async fn hear_other_processes(state: AppState) {
    let mut wait = Duration::from_secs(1);
    loop {
        match state.store.listen_for_changes().await {
            Ok(None) => return,
            Ok(Some(mut listener)) => {
                wait = Duration::from_secs(1);
                loop {
                    match listener.next().await {
                        Ok(Some(person_id)) => state.live.bump(&person_id),
                        Ok(None) => return,
                        Err(err) => {
                            tracing::warn!(error = %err, "hearing other Tend processes stopped; listening again");
                            break;
                        }
                    }
                }
            }
            Err(err) => tracing::warn!(error = %err, "cannot listen for other Tend processes' changes yet"),
        }
        tokio::time::sleep(wait).await;
        wait = (wait * 2).min(Duration::from_secs(60));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bump_reaches_every_watcher_of_that_person_and_no_one_else() {
        let hub = LiveHub::default();
        let mut ana_page = hub.watch(&PersonId::from("ana"));
        let ana_phone = hub.watch(&PersonId::from("ana"));
        let ben_page = hub.watch(&PersonId::from("ben"));
        hub.bump(&PersonId::from("ana"));
        assert!(ana_page.has_changed().unwrap());
        assert!(ana_phone.has_changed().unwrap());
        assert!(!ben_page.has_changed().unwrap());
        ana_page.borrow_and_update();
        assert!(!ana_page.has_changed().unwrap());
        hub.bump(&PersonId::from("cat")); // nobody watches: nothing kept
        assert!(!hub.people.lock().unwrap().senders.contains_key(&PersonId::from("cat")));
        drop(ben_page);
    }
}
