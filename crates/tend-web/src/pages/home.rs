//! Home: the couple space as it stands — starting one, inviting, joining with a code, or
//! "you and NAME" once both are in. Also where a closed space is quietly acknowledged.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use serde::Deserialize;

use super::errors::service_error_page;
use super::{local_date, local_time, notice, render, see_other, FormErrors, Layout};
use crate::auth::csrf::CsrfToken;
use crate::auth::session::{Authenticated, PageUser};
use crate::services::couples::{self, InviteCreated, JoinWith};
use crate::services::today::{self, Today};
use crate::services::{ServiceError, ServiceResult};
use crate::state::AppState;

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
    together_since: String,
    shown_invite: Option<ShownInvite>,
    open_until: Option<String>,
    open_invite_id: Option<String>,
    errors: FormErrors,
    code: String,
    /// Today, once both are in the couple space.
    today: Option<Today>,
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
    let couple = state.store.couple_of(&person.id).await?;
    let partner = couple.as_ref().and_then(|c| c.partner_of(&person.id));
    // Joining uses the invite up, so only a couple still waiting for a partner can have one open.
    let open = match (&couple, partner) {
        (Some(_), None) => state.store.open_invite(&person.id, state.clock.now()).await?,
        _ => None,
    };
    let flags = state.store.situation_flags(&person.id, couple.as_ref().map(|c| c.id.as_str())).await?;
    let today = match partner {
        Some(_) => Some(today::for_couple(state, couple.as_ref(), &flags, &person.id, zone).await?),
        None => None,
    };
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
        back: "/home",
        meeting_title: tend_core::content::Content::embedded().maintenance.meeting.title.clone(),
        layout: Layout::new(state, csrf, "Home", true, "home"),
        name: person.display_name.clone(),
        notice: extras.notice,
        closed_notice: person.couple_closed_notice,
        in_couple: couple.is_some(),
        partner: partner.map(|p| p.display_name.clone()),
        together_since: partner.map(|p| local_date(p.joined_at, zone)).unwrap_or_default(),
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

#[derive(Deserialize)]
pub struct Done {
    done: Option<String>,
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
            let shown = couples::create_couple(&state, &me.person.id).await?;
            page(&state, &csrf, &me, Extras { shown: Some(shown), ..Default::default() }, StatusCode::OK).await
        }
        .await,
    )
}

pub async fn new_invite(State(state): State<AppState>, csrf: CsrfToken, PageUser(me): PageUser) -> Response {
    respond(
        async {
            let shown = couples::new_invite(&state, &me.person.id).await?;
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
    match state.store.dismiss_couple_closed(&me.person.id).await {
        Ok(()) => see_other("/home"),
        Err(err) => service_error_page(err.into()),
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
    let errors = match couples::join(&state, &me.person.id, JoinWith::Code(&form.code)).await {
        Ok(_) => return see_other("/home?done=joined"),
        Err(ServiceError::Invalid(errors)) => FormErrors::from(errors),
        Err(ServiceError::NotFound) => FormErrors::one(
            "code",
            "That code didn't work. It may have been used, cancelled or expired. Your partner can make a new one.",
        ),
        Err(other) => return service_error_page(other),
    };
    let extras = Extras { errors, code: form.code, ..Default::default() };
    respond(page(&state, &csrf, &me, extras, StatusCode::UNPROCESSABLE_ENTITY).await)
}
