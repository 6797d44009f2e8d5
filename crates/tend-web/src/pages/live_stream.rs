//! The live stream (`/events`): server-sent events for one signed-in browser, so every open page
//! of either partner hears within moments that a pause was called, a listening round or the
//! shared timer moved, or a bid arrived on Today. The stream sleeps until the person or their
//! partner changes something (`live_hub.rs`, which also hears other Tend processes on the same
//! PostgreSQL), or until the moment time alone changes what the page shows (a pause lapses, a
//! timer rings), or at the latest after five quiet minutes (for what no one announces: a capsule's
//! day, a session that ran out). An idle open page costs no database query in between. Then it
//! checks the session (leaving or signing out ends the stream) and compares what the page was
//! told with what is true now. A failed look waits before the next, growing to a minute.

use std::convert::Infallible;
use std::time::Duration;
use tend_core::ids::PersonId;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use tokio::sync::watch;

use crate::auth::cookies::Cookie;
use crate::auth::session::authenticate;
use crate::services::live::{self, Snapshot};
use crate::state::AppState;

/// The longest a stream sleeps without a change before it looks anyway, for what no one
/// announces. A change made through another Tend process on the same PostgreSQL wakes it at once
/// too (`live_hub::hear_other_processes`).
const QUIET: Duration = Duration::from_secs(300);
/// How often an idle stream sends a comment, so proxies in between keep it open (nginx closes
/// after 60 s of silence by default).
const KEEP_ALIVE: Duration = Duration::from_secs(30);
/// After a failed look, the first wait; it doubles up to `MOST_BACKOFF`.
const FIRST_BACKOFF: Duration = Duration::from_secs(1);
const MOST_BACKOFF: Duration = Duration::from_secs(60);

struct Watch {
    state: AppState,
    token: String,
    told: Option<Snapshot>,
    /// When time alone next changes what the page was told, if known.
    next_change: Option<jiff::Timestamp>,
    me: Option<watch::Receiver<u64>>,
    partner: Option<(PersonId, watch::Receiver<u64>)>,
    /// More changed than the last event told: look again at once.
    again: bool,
    backoff: Duration,
}

impl Watch {
    /// Waits until the person or the partner changed something, or the quiet while is over.
    async fn wait(&mut self) {
        let until_change = self.next_change.map(|at| {
            let left = at.duration_since(self.state.clock.now()).max(jiff::SignedDuration::ZERO);
            // A moment past: a little slack, so the look lands after it, not just before.
            Duration::try_from(left).unwrap_or(QUIET) + Duration::from_millis(50)
        });
        let quiet = until_change.map_or(QUIET, |d| d.min(QUIET));
        let me = async {
            match self.me.as_mut() {
                Some(rx) => {
                    let _ = rx.changed().await;
                }
                None => std::future::pending().await,
            }
        };
        let partner = async {
            match self.partner.as_mut() {
                Some((_, rx)) => {
                    let _ = rx.changed().await;
                }
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            () = me => {}
            () = partner => {}
            () = tokio::time::sleep(quiet) => {}
        }
    }

    /// Watches the partner named by the latest look (someone may have joined or left). A new
    /// partner may have written between that look and now: look once more at once.
    fn follow(&mut self, partner: Option<&PersonId>) {
        if self.partner.as_ref().map(|(id, _)| id) != partner {
            self.partner = partner.map(|id| (id.to_owned(), self.state.live.watch(id)));
            self.again |= partner.is_some();
        }
    }
}

/// Event names and data: `pause` `{"active": true|false}`, `listening` `{"version": n}`,
/// `together` (the shared timer or weekly check moved) and `bids` (a bid arrived or left).
pub async fn events(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let Some(token) = Cookie::Session.read(&headers, &state.settings) else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let start = Watch {
        state,
        token,
        told: None,
        next_change: None,
        me: None,
        partner: None,
        again: false,
        backoff: FIRST_BACKOFF,
    };
    let stream = futures_util::stream::unfold(start, |mut w| async move {
        loop {
            if w.told.is_some() && !w.again {
                w.wait().await;
            }
            // The looks are boxed: held inline they would size the stream's state for as long as
            // it waits, and most open pages spend their life waiting.
            let me = match Box::pin(authenticate(&w.state, &w.token)).await {
                Ok(Some(me)) => me,
                Ok(None) => return None,
                Err(_) => {
                    tokio::time::sleep(w.backoff).await;
                    w.backoff = (w.backoff * 2).min(MOST_BACKOFF);
                    continue;
                }
            };
            if w.me.is_none() {
                w.me = Some(w.state.live.watch(&me.person.id));
            }
            let Ok(live::Look { snapshot: now, partner, next_change }) =
                Box::pin(live::snapshot(&w.state, &me.person.id)).await
            else {
                tokio::time::sleep(w.backoff).await;
                w.backoff = (w.backoff * 2).min(MOST_BACKOFF);
                continue;
            };
            w.backoff = FIRST_BACKOFF;
            w.again = false;
            w.next_change = next_change;
            w.follow(partner.as_ref());
            if let Some((event, next)) = what_to_tell(w.told.as_ref(), now.clone()) {
                w.again |= next != now;
                w.told = Some(next);
                return Some((Ok::<_, Infallible>(event), w));
            }
        }
    });
    Sse::new(stream).keep_alive(KeepAlive::new().interval(KEEP_ALIVE)).into_response()
}

/// One event per look: the first change found, and what the page will have been told after it.
/// What else changed is told on the next look, which follows at once.
fn what_to_tell(told: Option<&Snapshot>, now: Snapshot) -> Option<(Event, Snapshot)> {
    let pause = |active: bool| Event::default().event("pause").data(format!(r#"{{"active":{active}}}"#));
    let Some(was) = told else {
        return Some((pause(now.pause), now));
    };
    let was = was.clone();
    if was.pause != now.pause {
        Some((pause(now.pause), Snapshot { pause: now.pause, ..was }))
    } else if was.listening != now.listening {
        let event = Event::default().event("listening").data(format!(r#"{{"version":{}}}"#, now.listening));
        Some((event, Snapshot { listening: now.listening, ..was }))
    } else if was.together != now.together {
        Some((Event::default().event("together").data("{}"), Snapshot { together: now.together, ..was }))
    } else if was.bids != now.bids {
        Some((Event::default().event("bids").data("{}"), Snapshot { bids: now.bids, ..was }))
    } else {
        None
    }
}
