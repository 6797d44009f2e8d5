//! Home is Today: once both are in, the one most timely next step and "From NAME" — every bid
//! the partner sent, answerable in place. Before that: starting a couple space, inviting (link,
//! code, the phone's share sheet), joining with a code. Also where a closed space is quietly
//! acknowledged.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use serde::Deserialize;
use tend_core::msg;

use super::errors::service_error_page;
use super::{local_time, notice, render, see_other, when_words, Done, FormErrors, Layout};
use crate::auth::csrf::CsrfToken;
use crate::auth::session::{Authenticated, PageUser};
use crate::services::bids::{self, BidView};
use crate::services::couples::{self, InviteCreated, JoinWith};
use crate::services::invitations::{self, AnswerInvitation};
use crate::services::today::{self, Today};
use crate::services::{agreements, repairs};
use crate::services::{ServiceError, ServiceResult};
use crate::state::AppState;

/// A bid as Today shows it: its words and when it came, in words.
struct ShownBid {
    kind: String,
    id: String,
    title: String,
    text: String,
    when: String,
    /// For an invitation: the time proposed, in the reader's words.
    proposed: String,
    link: String,
}

impl ShownBid {
    fn new(b: BidView, now: jiff::Timestamp, time_zone: &str) -> Self {
        let proposed = match (b.kind.as_str(), b.proposed_at) {
            ("invitation", Some(at)) => format!("Proposed for {}", local_time(at, time_zone)),
            ("invitation", None) => msg::home_whenever_suits_you().to_owned(),
            _ => String::new(),
        };
        ShownBid {
            when: when_words(b.at, now),
            proposed,
            kind: b.kind,
            id: b.id,
            title: b.title,
            text: b.text,
            link: b.link,
        }
    }
}

pub struct ShownInvite {
    code: String,
    link: String,
    expires: String,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    layout: Layout,
    name: String,
    notice: Option<&'static str>,
    closed_notice: bool,
    in_couple: bool,
    partner: Option<String>,
    shown_invite: Option<ShownInvite>,
    open_until: Option<String>,
    open_invite_id: Option<String>,
    errors: FormErrors,
    code: String,
    /// Today, once both are in the couple space.
    today: Option<Today>,
    /// What the partner sent that waits for an answer, newest first.
    bids: Vec<ShownBid>,
    back: &'static str,
    meeting_title: String,
    /// The private safety check, offered until taken or set aside.
    offer_safety: bool,
    safety_intro: String,
    /// The partner chose to say they are low on capacity: what would feel supportive.
    partner_low: Option<tend_core::content::LowCapacity>,
}

/// What home shows besides the couple space itself.
#[derive(Default)]
struct Extras {
    shown: Option<InviteCreated>,
    errors: FormErrors,
    code: String,
    notice: Option<&'static str>,
}

async fn page(
    state: &AppState,
    csrf: &CsrfToken,
    me: &Authenticated,
    extras: Extras,
    status: StatusCode,
) -> ServiceResult<Response> {
    let person = &me.person;
    let zone = person.time_zone.as_str();
    let couple = couples::of(state, &person.id).await?;
    let partner = couple.as_ref().and_then(|c| c.partner_of(&person.id));
    // Joining uses the invite up, so only a couple still waiting for a partner can have one open.
    let open = match (&couple, partner) {
        (Some(_), None) => couples::open_invite(state, &person.id).await?,
        _ => None,
    };
    let flags = crate::services::situation::flags(state, &person.id, couple.as_ref().map(|c| &c.id)).await?;
    let today = match partner {
        Some(_) => Some(today::for_couple(state, couple.as_ref(), &flags, &person.id, zone, &me.key).await?),
        None => None,
    };
    let now = state.clock.now();
    let bids = bids::list_for(state, couple.as_ref(), &person.id, Some(&me.key))
        .await?
        .into_iter()
        .map(|b| ShownBid::new(b, now, zone))
        .collect();
    let content = tend_core::content::Content::embedded();
    let partner_low = match partner {
        Some(_) if flags.partner_told_low_capacity => Some(content.support.situations.low_capacity.clone()),
        _ => None,
    };
    let page = HomePage {
        offer_safety: crate::services::situation::offers_safety_check(&flags),
        safety_intro: content.safety.intro.clone(),
        partner_low,
        today,
        bids,
        back: "/home",
        meeting_title: tend_core::content::Content::embedded().maintenance.meeting.title.clone(),
        layout: Layout::new(state, csrf, msg::title_home(), true, "home"),
        name: person.display_name.clone(),
        notice: extras.notice,
        closed_notice: person.couple_closed_notice,
        in_couple: couple.is_some(),
        partner: partner.map(|p| p.display_name.clone()),
        shown_invite: extras.shown.map(|c| ShownInvite {
            code: c.code,
            link: c.link,
            expires: local_time(c.invite.expires_at, zone),
        }),
        open_until: open.as_ref().map(|i| local_time(i.expires_at, zone)),
        open_invite_id: open.map(|i| i.id),
        errors: extras.errors,
        code: extras.code,
    };
    Ok(render(&page, status))
}

fn respond(result: ServiceResult<Response>) -> Response {
    result.unwrap_or_else(service_error_page)
}

pub async fn show(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Query(q): Query<Done>,
) -> Response {
    let extras = Extras { notice: notice(q.done.as_deref()), ..Default::default() };
    respond(page(&state, &csrf, &me, extras, StatusCode::OK).await)
}

/// Creates the space and shows its first invite right away (the secrets are shown only once).
pub async fn create_couple(State(state): State<AppState>, csrf: CsrfToken, PageUser(me): PageUser) -> Response {
    respond(
        async {
            let shown = couples::create_couple(&state, &me.person.id, &me.key).await?;
            page(&state, &csrf, &me, Extras { shown: Some(shown), ..Default::default() }, StatusCode::OK).await
        }
        .await,
    )
}

pub async fn new_invite(State(state): State<AppState>, csrf: CsrfToken, PageUser(me): PageUser) -> Response {
    respond(
        async {
            let shown = couples::new_invite(&state, &me.person.id, &me.key).await?;
            page(&state, &csrf, &me, Extras { shown: Some(shown), ..Default::default() }, StatusCode::OK).await
        }
        .await,
    )
}

#[derive(Deserialize)]
pub struct CancelForm {
    #[serde(default)]
    invite_id: String,
}

pub async fn cancel_invite(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Form(form): Form<CancelForm>,
) -> Response {
    match couples::revoke_invite(&state, &me.person.id, &form.invite_id).await {
        Ok(()) => see_other("/home?done=invite-cancelled"),
        Err(err) => service_error_page(err),
    }
}

pub async fn dismiss_closed(State(state): State<AppState>, PageUser(me): PageUser) -> Response {
    match couples::dismiss_closed(&state, &me.person.id).await {
        Ok(()) => see_other("/home"),
        Err(err) => service_error_page(err),
    }
}

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
}

pub async fn join_with_code(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Form(form): Form<CodeForm>,
) -> Response {
    let errors = match couples::join(&state, &me.person.id, &me.key, JoinWith::Code(&form.code)).await {
        Ok(_) => return see_other("/home?done=joined"),
        Err(ServiceError::Invalid(errors)) => FormErrors::from(errors),
        Err(ServiceError::NotFound) => FormErrors::one("code", msg::home_that_code_didnt_work()),
        Err(other) => return service_error_page(other),
    };
    let extras = Extras { errors, code: form.code, ..Default::default() };
    respond(page(&state, &csrf, &me, extras, StatusCode::UNPROCESSABLE_ENTITY).await)
}

#[derive(Deserialize)]
pub struct BidAnswer {
    #[serde(default)]
    action: String,
    other_time: Option<String>,
    note: Option<String>,
}

/// Answers a bid right on Today: yes, another time or not now to an invitation; accepting a
/// repair; saying yes to an agreement; or setting it aside (a shared entry read, a reading seen).
pub async fn answer_bid(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Path((kind, id)): Path<(String, String)>,
    Form(form): Form<BidAnswer>,
) -> Response {
    let person = &me.person;
    let result = match (kind.as_str(), form.action.as_str()) {
        ("invitation", "accept" | "other-time" | "not-now") => {
            let input = AnswerInvitation {
                answer: form.action.clone(),
                other_time: form.other_time.clone().filter(|t| !t.is_empty()),
                note: form.note.clone(),
            };
            invitations::answer(&state, &person.id, &person.time_zone, &me.key, &id, &input)
                .await
                .map(|_| "invitation-answered")
        }
        ("repair", "accept") => repairs::accept(&state, &person.id, &me.key, &id).await.map(|_| "repair-accepted"),
        ("agreement", "accept") => {
            agreements::accept(&state, &person.id, &person.time_zone, &me.key, &id).await.map(|_| "agreement-accepted")
        }
        (_, "set-aside") => bids::dismiss(&state, &person.id, &kind, &id).await.map(|_| "bid-set-aside"),
        _ => Err(ServiceError::field("action", msg::home_choose_one_answers_shown())),
    };
    match result {
        Ok(done) => see_other(&format!("/home?done={done}")),
        Err(ServiceError::Invalid(errors)) => {
            let extras = Extras { errors: FormErrors::from(errors), ..Default::default() };
            respond(page(&state, &csrf, &me, extras, StatusCode::UNPROCESSABLE_ENTITY).await)
        }
        Err(other) => service_error_page(other),
    }
}
