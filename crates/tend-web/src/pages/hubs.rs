//! The three doors behind Today in the navigation — Together, Talk and Me — each a short list of
//! the parts of Tend that belong there, so every feature is at most two taps from Today. The
//! parts' names and pages come from `content/features.toml`; only the grouping and one line on
//! each live here.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

use super::{render, Layout};
use crate::auth::csrf::CsrfToken;
use crate::auth::session::PageUser;
use crate::state::AppState;

/// A door: a feature id from `content/features.toml` (or a page of its own), and one line on it.
struct Door {
    feature: &'static str,
    line: &'static str,
}

const fn door(feature: &'static str, line: &'static str) -> Door {
    Door { feature, line }
}

/// Pages that are not program features but belong behind a door.
const PAGES: [(&str, &str, &str); 7] = [
    ("wins", "Small wins", "/wins"),
    ("settings", "Settings", "/settings"),
    ("reminders", "Reminders and calendar", "/reminders"),
    ("situations", "Special situations", "/situations"),
    ("roadblocks", "When you feel stuck", "/roadblocks"),
    ("checkups", "Earlier check-ups", "/checkups"),
    ("activity", "Your account activity", "/settings/activity"),
];

struct Hub {
    nav: &'static str,
    title: &'static str,
    intro: &'static str,
    doors: &'static [Door],
}

const TOGETHER: Hub = Hub {
    nav: "together",
    title: "Together",
    intro: "Small, regular moments that keep you close.",
    doors: &[
        door("rituals", "A few words morning and evening, and time without screens."),
        door("weekly-check", "Half an hour a week to catch up, kindly."),
        door("questions", "Questions to ask each other, light to deep."),
        door("shared-joy", "Plan something fun, just the two of you."),
        door("journal", "Notice what you appreciate; share it if you like."),
        door("touch", "Closeness and touch, at a pace that suits you both."),
        door("capsule", "Hopes and needs, sealed until a day you choose."),
        door("wins", "The good moments, kept."),
    ],
};

const TALK: Hub = Hub {
    nav: "talk",
    title: "Talk",
    intro: "Tools that make talking easier, especially about hard things.",
    doors: &[
        door("openers", "Invite your partner to talk, gently, with no time pressure."),
        door("coach", "Find a softer way to start a hard conversation."),
        door("listening", "Take turns: one speaks, one listens and reflects."),
        door("ground-rules", "Agree how you want to talk when it's hard."),
        door("hard-talk", "Plan a hard talk at a calm time."),
        door("repair", "Reach out to make things right after a rough moment."),
        door("agreements", "Write down what you both said yes to."),
        door("pause", "Call a break when things run hot; come back when calm."),
    ],
};

const ME: Hub = Hub {
    nav: "me",
    title: "Just for you",
    intro: "What is yours alone. Nothing here is shared unless you share it.",
    doors: &[
        door("checkup", "A few minutes to notice how things feel."),
        door("checkups", "Your readings so far."),
        door("pulse", "One private minute a week."),
        door("own-your-part", "Two weeks of one small change of your own."),
        door("safety", "A private check, only for you."),
        door("situations", "Low on capacity, unsure, or something else going on."),
        door("roadblocks", "When the plan feels hard to keep going."),
        door("help", "When to seek outside help, and where."),
        door("guides", "The ideas behind Tend, explained."),
        door("reminders", "Reminders by email or on this device, quiet hours and your calendar."),
        door("settings", "Your name, password, devices, export."),
        door("activity", "Every sign-in and every change to what you share."),
    ],
};

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

fn shown(hub: &Hub) -> Vec<ShownDoor> {
    let features = &tend_core::content::Content::embedded().features;
    hub.doors
        .iter()
        .filter_map(|d| {
            let (title, path) = match features.iter().find(|f| f.id == d.feature) {
                Some(f) => (f.title.clone(), f.path.clone()),
                None => {
                    PAGES.iter().find(|(id, ..)| *id == d.feature).map(|(_, t, p)| (t.to_string(), p.to_string()))?
                }
            };
            (!path.is_empty()).then_some(ShownDoor { title, path, line: d.line })
        })
        .collect()
}

fn show(state: &AppState, csrf: &CsrfToken, hub: &Hub) -> Response {
    let page = HubPage {
        layout: Layout::new(state, csrf, hub.title, true, hub.nav),
        title: hub.title,
        intro: hub.intro,
        doors: shown(hub),
        show_log_out: hub.nav == "me",
    };
    render(&page, StatusCode::OK)
}

pub async fn together(State(state): State<AppState>, csrf: CsrfToken, PageUser(_me): PageUser) -> Response {
    show(&state, &csrf, &TOGETHER)
}

pub async fn talk(State(state): State<AppState>, csrf: CsrfToken, PageUser(_me): PageUser) -> Response {
    show(&state, &csrf, &TALK)
}

pub async fn me(State(state): State<AppState>, csrf: CsrfToken, PageUser(_me): PageUser) -> Response {
    show(&state, &csrf, &ME)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_door_leads_to_a_page() {
        for hub in [&TOGETHER, &TALK, &ME] {
            assert_eq!(shown(hub).len(), hub.doors.len(), "{}: a door without a page", hub.title);
        }
    }

    #[test]
    fn every_feature_with_a_page_is_behind_a_door_or_on_the_plan() {
        let behind: Vec<&str> =
            [&TOGETHER, &TALK, &ME].iter().flat_map(|h| h.doors.iter().map(|d| d.feature)).collect();
        for f in &tend_core::content::Content::embedded().features {
            if !f.path.is_empty() && f.id != "plan" {
                assert!(behind.contains(&f.id.as_str()), "{} is more than two taps from Today", f.id);
            }
        }
    }
}
