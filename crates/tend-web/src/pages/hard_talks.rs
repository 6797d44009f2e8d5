//! The hard talks page: planning a talk (a topic, a time, a time limit), the agreed ground rules
//! that open it, and closing it with what was agreed. The topic is what the partner reads first,
//! so the coach may have a quiet word about it before it goes.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use tend_core::msg;

use super::coach_note::{before_sending, Before, CoachChoice, CoachNote, Shape};
use super::talk::{respond, safety_not_taken};
use super::{after_form, local_time, notice, Done, FormErrors, Layout};
use crate::auth::csrf::CsrfToken;
use crate::auth::session::{Authenticated, PageUser};
use crate::services::hard_talks::{self, CloseTalk, HardTalkView, ScheduleTalk};
use crate::services::ServiceResult;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "talk_hard_talks.html")]
struct HardTalksPage {
    layout: Layout,
    notice: Option<&'static str>,
    /// Why hard talks wait right now (a pause's quiet time), said as it is.
    closed_reason: Option<&'static str>,
    /// The agreed rules that open a talk; none before they are agreed, or while a safety check
    /// has the joint tools off (the same page, on purpose).
    rules: Vec<String>,
    /// Each talk with its start and end as the reader reads them.
    talks: Vec<(HardTalkView, String, String)>,
    errors: FormErrors,
    form: ScheduleTalk,
    /// The private safety check, offered again before a hard conversation until taken.
    offer_safety: bool,
    coach_note: Option<CoachNote>,
}

async fn hard_talks_page(
    state: &AppState,
    csrf: &CsrfToken,
    me: &Authenticated,
    form: ScheduleTalk,
    errors: FormErrors,
    notice: Option<&'static str>,
    coach_note: Option<CoachNote>,
) -> ServiceResult<HardTalksPage> {
    let zone = &me.person.time_zone;
    let fresh = errors.get("minutes").is_none();
    let talks = hard_talks::list(state, &me.person.id, &me.key).await?;
    let rules = hard_talks::opening_rules(state, &me.person.id, &me.key).await?.unwrap_or_default();
    Ok(HardTalksPage {
        layout: Layout::new(state, csrf, msg::title_hard_talks(), true, "talk"),
        notice,
        closed_reason: hard_talks::paused_for_now(state, &me.person.id).await?,
        rules,
        talks: talks
            .into_iter()
            .map(|t| {
                let (starts, ends) = (local_time(t.starts_at, zone), local_time(t.ends_at, zone));
                (t, starts, ends)
            })
            .collect(),
        errors,
        // A fresh form suggests half an hour; one sent back keeps what was typed.
        form: ScheduleTalk { minutes: if form.minutes == 0 && fresh { 30 } else { form.minutes }, ..form },
        offer_safety: safety_not_taken(state, me).await?,
        coach_note,
    })
}

pub async fn hard_talks(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Query(q): Query<Done>,
) -> Response {
    respond(
        hard_talks_page(
            &state,
            &csrf,
            &me,
            ScheduleTalk::default(),
            FormErrors::default(),
            notice(q.done.as_deref()),
            None,
        )
        .await,
        StatusCode::OK,
    )
}

/// The planning form as the page sends it: the talk, with the time limit as typed (a form sends
/// text; a number that isn't one is refused by the same check as one out of range), and the
/// coach choice, if any.
#[derive(serde::Deserialize)]
pub struct ScheduleTalkForm {
    #[serde(default)]
    topic: String,
    #[serde(default)]
    starts_at: String,
    #[serde(default)]
    minutes: String,
    #[serde(flatten)]
    choice: CoachChoice,
}

pub async fn schedule_hard_talk(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Form(sent): Form<ScheduleTalkForm>,
) -> Response {
    let mut form = ScheduleTalk {
        topic: sent.topic,
        starts_at: sent.starts_at,
        // Not a whole number: refused by the same check as one out of range, shown as nothing typed.
        minutes: sent.minutes.trim().parse().unwrap_or(0),
    };
    // The topic is what the partner reads first: the coach may have a quiet word about it.
    if let Before::Again { words, note } = before_sending(&form.topic, &sent.choice, Shape::Name) {
        form.topic = words;
        return respond(
            hard_talks_page(&state, &csrf, &me, form, FormErrors::default(), None, note).await,
            StatusCode::OK,
        );
    }
    let result = hard_talks::schedule(&state, &me.person.id, &me.person.time_zone, &me.key, &form).await.map(|_| ());
    after_form(result, "/hard-talks?done=talk-scheduled", async |errors| {
        hard_talks_page(&state, &csrf, &me, form, errors, None, None).await
    })
    .await
}

pub async fn close_hard_talk(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(form): Form<CloseTalk>,
) -> Response {
    let result = hard_talks::close(&state, &me.person.id, &me.key, &id, &form).await.map(|_| ());
    after_form(result, "/hard-talks?done=talk-closed", async |errors| {
        hard_talks_page(&state, &csrf, &me, ScheduleTalk::default(), errors, None, None).await
    })
    .await
}
