//! The pause page (call one, the calm screen while it holds, come back after the quiet) and the
//! live stream that tells every open page of either partner within two seconds.

use std::convert::Infallible;
use std::time::Duration;

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::Form;
use tend_core::content::Content;

use super::errors::service_error_page;
use super::{local_time, render, see_other, Layout};
use crate::auth::cookies::Cookie;
use crate::auth::csrf::CsrfToken;
use crate::auth::session::{authenticate, PageUser};
use crate::services::live::{self, Snapshot};
use crate::services::pause::{self, CallPause, PauseView, ProposeReturn};
use crate::state::AppState;

/// How often an open page's stream looks for a change (well inside the two-second promise).
const POLL: Duration = Duration::from_secs(1);

/// Return times offered, in minutes from now.
const RETURN_CHOICES: [(u32, &str); 5] = [
    (30, "In 30 minutes"),
    (60, "In an hour"),
    (120, "In two hours"),
    (240, "In four hours"),
    (720, "In twelve hours"),
];

#[derive(Template)]
#[template(path = "pause.html")]
struct PausePage {
    layout: Layout,
    in_couple: bool,
    pause: Option<PauseView>,
    quiet_until: String,
    return_at: String,
    intro: String,
    called: String,
    return_hint: String,
    suggestions: Vec<String>,
    choices: Vec<(u32, &'static str)>,
}

pub async fn show(State(state): State<AppState>, csrf: CsrfToken, PageUser(me): PageUser) -> Response {
    let in_couple = match state.store.couple_of(&me.person.id).await {
        Ok(c) => c.is_some(),
        Err(err) => return service_error_page(err.into()),
    };
    let pause = match pause::current(&state, &me.person.id).await {
        Ok(p) => p,
        Err(err) => return service_error_page(err),
    };
    let text = &Content::embedded().pause;
    let zone = &me.person.time_zone;
    let page = PausePage {
        layout: Layout::new(&state, &csrf, "Pause", true, "talk"),
        in_couple,
        quiet_until: pause.as_ref().map(|p| local_time(p.quiet_until, zone)).unwrap_or_default(),
        return_at: pause.as_ref().and_then(|p| p.return_at).map(|t| local_time(t, zone)).unwrap_or_default(),
        pause,
        intro: text.intro.clone(),
        called: text.called.clone(),
        return_hint: text.return_hint.clone(),
        suggestions: text.suggestions.clone(),
        choices: RETURN_CHOICES.to_vec(),
    };
    render(&page, StatusCode::OK)
}

#[derive(serde::Deserialize)]
pub struct ReturnForm {
    #[serde(default)]
    return_in_minutes: Option<String>,
}

fn minutes(form: &ReturnForm) -> Option<u32> {
    form.return_in_minutes.as_deref().and_then(|m| m.parse().ok()).filter(|m| *m > 0)
}

pub async fn call(State(state): State<AppState>, PageUser(me): PageUser, Form(form): Form<ReturnForm>) -> Response {
    match pause::call(&state, &me.person.id, &CallPause { return_in_minutes: minutes(&form) }).await {
        Ok(_) => see_other("/pause"),
        Err(err) => service_error_page(err),
    }
}

pub async fn propose_return(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Form(form): Form<ReturnForm>,
) -> Response {
    let Some(return_in_minutes) = minutes(&form) else {
        return see_other("/pause");
    };
    match pause::propose_return(&state, &me.person.id, &ProposeReturn { return_in_minutes }).await {
        Ok(_) => see_other("/pause"),
        Err(err) => service_error_page(err),
    }
}

pub async fn end(State(state): State<AppState>, PageUser(me): PageUser) -> Response {
    match pause::end(&state, &me.person.id).await {
        Ok(()) => see_other("/home"),
        Err(err) => service_error_page(err),
    }
}

/// Server-sent events for one signed-in browser: `pause` with `{"active": true|false}`,
/// `listening` with `{"version": n}`, `together` (the shared timer or weekly check moved) and
/// `bids` (a bid arrived on Today or left it)
/// whenever those change. The session is checked on every look, so leaving or signing out ends
/// the stream.
pub async fn events(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let Some(token) = Cookie::Session.read(&headers, &state.settings) else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let told: Option<Snapshot> = None;
    let stream = futures_util::stream::unfold((state, token, told), |(state, token, mut told)| async move {
        loop {
            if told.is_some() {
                tokio::time::sleep(POLL).await;
            }
            let me = match authenticate(&state, &token).await {
                Ok(Some(me)) => me,
                _ => return None,
            };
            let Ok(now) = live::snapshot(&state, &me.person.id).await else {
                // Look again after a pause, never in a tight loop.
                tokio::time::sleep(POLL).await;
                continue;
            };
            // One event per look; what else changed is told on the next look (a second later).
            let (event, next) = match told {
                None => (Event::default().event("pause").data(format!(r#"{{"active":{}}}"#, now.pause)), now),
                Some(was) if was.pause != now.pause => (
                    Event::default().event("pause").data(format!(r#"{{"active":{}}}"#, now.pause)),
                    Snapshot { pause: now.pause, ..was },
                ),
                Some(was) if was.listening != now.listening => (
                    Event::default().event("listening").data(format!(r#"{{"version":{}}}"#, now.listening)),
                    Snapshot { listening: now.listening, ..was },
                ),
                Some(was) if was.together != now.together => {
                    (Event::default().event("together").data("{}"), Snapshot { together: now.together, ..was })
                }
                Some(was) if was.bids != now.bids => {
                    (Event::default().event("bids").data("{}"), Snapshot { bids: now.bids, ..was })
                }
                Some(was) => {
                    told = Some(was);
                    continue;
                }
            };
            return Some((Ok::<_, Infallible>(event), (state, token, Some(next))));
        }
    });
    Sse::new(stream).keep_alive(KeepAlive::default()).into_response()
}
