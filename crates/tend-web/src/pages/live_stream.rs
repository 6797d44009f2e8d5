//! The live stream (`/events`): server-sent events for one signed-in browser, so every open page
//! of either partner hears within moments that a pause was called, a listening round or the
//! shared timer moved, or a bid arrived on Today. The stream sleeps until the person or their
//! partner changes something (`live_hub.rs`, which also hears other Tend processes on the same
//! PostgreSQL), or a quiet while of 15 s passes; then it checks the
//! session (leaving or signing out ends the stream) and compares what the page was told with
//! what is true now. A failed look waits before the next, growing to a minute.

use std::convert::Infallible;
use std::time::Duration;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use tokio::sync::watch;

use crate::auth::cookies::Cookie;
use crate::auth::session::authenticate;
use crate::services::live::{self, Snapshot};
use crate::state::AppState;

/// How long a stream sleeps without a change before it looks anyway, for what time alone
/// changes. A change made through another Tend process on the same PostgreSQL wakes it at once
/// too (`live_hub::hear_other_processes`).
const QUIET: Duration = Duration::from_secs(15);
/// After a failed look, the first wait; it doubles up to `MOST_BACKOFF`.
const FIRST_BACKOFF: Duration = Duration::from_secs(1);
const MOST_BACKOFF: Duration = Duration::from_secs(60);

struct Watch {
    state: AppState,
    token: String,
    told: Option<Snapshot>,
    me: Option<watch::Receiver<u64>>,
    partner: Option<(String, watch::Receiver<u64>)>,
    /// More changed than the last event told: look again at once.
    again: bool,
    backoff: Duration,
}

impl Watch {
    /// Waits until the person or the partner changed something, or the quiet while is over.
    async fn wait(&mut self) {
        let quiet = QUIET;
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
    fn follow(&mut self, partner: Option<&str>) {
        if self.partner.as_ref().map(|(id, _)| id.as_str()) != partner {
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
    let start = Watch { state, token, told: None, me: None, partner: None, again: false, backoff: FIRST_BACKOFF };
    let stream = futures_util::stream::unfold(start, |mut w| async move {
        loop {
            if w.told.is_some() && !w.again {
                w.wait().await;
            }
            let me = match authenticate(&w.state, &w.token).await {
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
            let Ok((now, partner)) = live::snapshot(&w.state, &me.person.id).await else {
                tokio::time::sleep(w.backoff).await;
                w.backoff = (w.backoff * 2).min(MOST_BACKOFF);
                continue;
            };
            w.backoff = FIRST_BACKOFF;
            w.again = false;
            w.follow(partner.as_deref());
            if let Some((event, next)) = what_to_tell(w.told.as_ref(), now.clone()) {
                w.again |= next != now;
                w.told = Some(next);
                return Some((Ok::<_, Infallible>(event), w));
            }
        }
    });
    Sse::new(stream).keep_alive(KeepAlive::default()).into_response()
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
