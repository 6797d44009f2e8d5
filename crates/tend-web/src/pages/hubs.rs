//! The three doors behind Today in the navigation — Together, Talk and Me — each a short list of
//! the parts of Tend that belong there, so every feature is at most two taps from Today. The
//! parts' names and pages come from `content/features.toml`, each hub's words and doors from
//! `content/pages.toml`.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

use super::page_words::{words, Hub};
use super::{render, Layout};
use crate::auth::csrf::CsrfToken;
use crate::auth::session::PageUser;
use crate::state::AppState;

/// Which hub: its words come from `content/pages.toml`, its place in the navigation from here.
#[derive(Clone, Copy)]
enum Which {
    Together,
    Talk,
    Me,
}

impl Which {
    fn nav(self) -> &'static str {
        match self {
            Which::Together => "together",
            Which::Talk => "talk",
            Which::Me => "me",
        }
    }

    fn words(self) -> &'static Hub {
        let hubs = &words().hubs;
        match self {
            Which::Together => &hubs.together,
            Which::Talk => &hubs.talk,
            Which::Me => &hubs.me,
        }
    }
}

struct ShownDoor {
    title: String,
    path: String,
    line: &'static str,
}

#[derive(Template)]
#[template(path = "hub.html")]
struct HubPage {
    layout: Layout,
    title: &'static str,
    intro: &'static str,
    doors: Vec<ShownDoor>,
    show_log_out: bool,
}

fn shown(hub: &'static Hub) -> Vec<ShownDoor> {
    let features = &tend_core::content::Content::embedded().features;
    let extra = &words().extra_pages;
    hub.doors
        .iter()
        .filter_map(|d| {
            let (title, path) = match features.iter().find(|f| f.id == d.feature) {
                Some(f) => (f.title.clone(), f.path.clone()),
                None => extra.iter().find(|p| p.id == d.feature).map(|p| (p.title.clone(), p.path.clone()))?,
            };
            (!path.is_empty()).then_some(ShownDoor { title, path, line: &d.line })
        })
        .collect()
}

fn show(state: &AppState, csrf: &CsrfToken, which: Which) -> Response {
    let hub = which.words();
    let page = HubPage {
        layout: Layout::new(state, csrf, &hub.title, true, which.nav()),
        title: &hub.title,
        intro: &hub.intro,
        doors: shown(hub),
        show_log_out: matches!(which, Which::Me),
    };
    render(&page, StatusCode::OK)
}

pub async fn together(State(state): State<AppState>, csrf: CsrfToken, PageUser(_me): PageUser) -> Response {
    show(&state, &csrf, Which::Together)
}

pub async fn talk(State(state): State<AppState>, csrf: CsrfToken, PageUser(_me): PageUser) -> Response {
    show(&state, &csrf, Which::Talk)
}

pub async fn me(State(state): State<AppState>, csrf: CsrfToken, PageUser(_me): PageUser) -> Response {
    show(&state, &csrf, Which::Me)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Which; 3] = [Which::Together, Which::Talk, Which::Me];

    #[test]
    fn every_door_leads_to_a_page() {
        for hub in ALL.map(Which::words) {
            assert_eq!(shown(hub).len(), hub.doors.len(), "{}: a door without a page", hub.title);
        }
    }

    #[test]
    fn every_feature_with_a_page_is_behind_a_door_or_on_the_plan() {
        let behind: Vec<&str> = ALL.iter().flat_map(|h| h.words().doors.iter().map(|d| d.feature.as_str())).collect();
        for f in &tend_core::content::Content::embedded().features {
            if !f.path.is_empty() && f.id != "plan" {
                assert!(behind.contains(&f.id.as_str()), "{} is more than two taps from Today", f.id);
            }
        }
    }
}
