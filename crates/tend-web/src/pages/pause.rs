//! The pause page: call one, the calm screen while it holds, come back after the quiet. Every
//! open page of either partner learns of it through the live stream (`live_stream.rs`).

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use tend_core::content::Content;
use tend_core::msg;

use super::errors::service_error_page;
use super::{local_time, render, see_other, Layout};
use crate::auth::csrf::CsrfToken;
use crate::auth::session::PageUser;
use crate::services::pause::{self, CallPause, PauseView, ProposeReturn};
use crate::state::AppState;

/// Return times offered, in minutes from now.
const RETURN_CHOICES: [(u32, msg::Words); 5] = [
    (30, msg::pause_half_an_hour),
    (60, msg::pause_hour),
    (120, msg::pause_two_hours),
    (240, msg::pause_four_hours),
    (720, msg::pause_twelve_hours),
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
    let in_couple = match crate::services::couples::of(&state, &me.person.id).await {
        Ok(c) => c.is_some(),
        Err(err) => return service_error_page(err),
    };
    let pause = match pause::current(&state, &me.person.id).await {
        Ok(p) => p,
        Err(err) => return service_error_page(err),
    };
    let text = &Content::embedded().pause;
    let zone = &me.person.time_zone;
    let page = PausePage {
        layout: Layout::new(&state, &csrf, msg::title_pause(), true, "talk"),
        in_couple,
        quiet_until: pause.as_ref().map(|p| local_time(p.quiet_until, zone)).unwrap_or_default(),
        return_at: pause.as_ref().and_then(|p| p.return_at).map(|t| local_time(t, zone)).unwrap_or_default(),
        pause,
        intro: text.intro.clone(),
        called: text.called.clone(),
        return_hint: text.return_hint.clone(),
        suggestions: text.suggestions.clone(),
        choices: RETURN_CHOICES.iter().map(|(minutes, words)| (*minutes, words())).collect(),
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
