//! Pages for safer hard conversations: invitations to talk, ground rules, repairs (hard talks
//! themselves are in `hard_talks.rs`).
//! Each is a plain form over the same services as the API.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use tend_core::content::Content;
use tend_core::msg;

use super::coach_note::{before_sending, Before, CoachChoice, CoachNote, Shape};
use super::errors::service_error_page;
use super::{after_form, local_time, notice, render, see_other_or_error, Done, FormErrors, Layout};
use crate::auth::csrf::CsrfToken;
use crate::auth::session::{Authenticated, PageUser};
use crate::services::ground_rules::{self, AcceptRules, GroundRulesView, ProposeRules};
use crate::services::invitations::{self, AnswerInvitation, InvitationView, SendInvitation};
use crate::services::repairs::{self, OfferRepair, RepairView};
use crate::services::{optional, ServiceResult};
use crate::state::AppState;

/// Renders a page, or the calm error page when building it failed.
pub(super) fn respond<T: Template>(page: ServiceResult<T>, status: StatusCode) -> Response {
    match page {
        Ok(p) => render(&p, status),
        Err(err) => service_error_page(err),
    }
}

// ---- Invitations ---------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "talk_invitations.html")]
struct InvitationsPage {
    layout: Layout,
    notice: Option<&'static str>,
    intro: String,
    /// Each opener's id and words.
    /// Each situation's title with its openers, (id, text), in the content's order.
    openers: Vec<(String, Vec<(String, String)>)>,
    /// Each invitation with its proposed time and any other time, as the reader reads them.
    invitations: Vec<(InvitationView, String, String)>,
    errors: FormErrors,
    text: String,
    proposed_at: String,
    /// The coach's word before sending, when the words may put the partner on guard.
    coach_note: Option<CoachNote>,
}

async fn invitations_page(
    state: &AppState,
    csrf: &CsrfToken,
    me: &Authenticated,
    form: SendInvitation,
    errors: FormErrors,
    notice: Option<&'static str>,
    coach_note: Option<CoachNote>,
) -> ServiceResult<InvitationsPage> {
    let zone = &me.person.time_zone;
    let list = invitations::list(state, &me.person.id, &me.key).await?;
    let openers = &Content::embedded().openers;
    Ok(InvitationsPage {
        layout: Layout::new(state, csrf, msg::title_invitations(), true, "talk"),
        notice,
        intro: openers.intro.clone(),
        openers: openers
            .situations
            .iter()
            .map(|s| {
                let these = openers.openers.iter().filter(|o| o.situation == s.id);
                (s.title.clone(), these.map(|o| (o.id.clone(), o.text.clone())).collect())
            })
            .collect(),
        invitations: list
            .into_iter()
            .map(|i| {
                let when = match i.proposed_at {
                    Some(at) => local_time(at, zone),
                    None => "whenever suits you".to_owned(),
                };
                let other = i.other_time.map(|t| local_time(t, zone)).unwrap_or_default();
                (i, when, other)
            })
            .collect(),
        errors,
        text: form.text,
        proposed_at: form.proposed_at.unwrap_or_default(),
        coach_note,
    })
}

/// The invitation form as the page sends it: the invitation and the coach choice, if any.
#[derive(serde::Deserialize)]
pub struct InvitationForm {
    #[serde(flatten)]
    invitation: SendInvitation,
    #[serde(flatten)]
    choice: CoachChoice,
}

#[derive(serde::Deserialize)]
pub struct InvitationsQuery {
    done: Option<String>,
    /// An opener tapped in the list: its id, to start the invitation from its words.
    opener: Option<String>,
}

pub async fn invitations(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Query(q): Query<InvitationsQuery>,
) -> Response {
    let picked = q.opener.as_deref().and_then(|id| Content::embedded().openers.openers.iter().find(|o| o.id == id));
    respond(
        invitations_page(
            &state,
            &csrf,
            &me,
            SendInvitation { text: picked.map(|o| o.text.clone()).unwrap_or_default(), ..Default::default() },
            FormErrors::default(),
            notice(q.done.as_deref()),
            None,
        )
        .await,
        StatusCode::OK,
    )
}

pub async fn send_invitation(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Form(InvitationForm { mut invitation, choice }): Form<InvitationForm>,
) -> Response {
    if let Before::Again { words, note } = before_sending(&invitation.text, &choice, Shape::Message) {
        invitation.text = words;
        let page = invitations_page(&state, &csrf, &me, invitation, FormErrors::default(), None, note);
        return respond(page.await, StatusCode::OK);
    }
    let result = invitations::send(&state, &me.person.id, &me.person.time_zone, &me.key, &invitation).await.map(|_| ());
    after_form(result, "/invitations?done=invitation-sent", async |errors| {
        invitations_page(&state, &csrf, &me, invitation, errors, None, None).await
    })
    .await
}

pub async fn answer_invitation(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(form): Form<AnswerInvitation>,
) -> Response {
    let form = AnswerInvitation { other_time: form.other_time.filter(|t| !t.is_empty()), ..form };
    let result =
        invitations::answer(&state, &me.person.id, &me.person.time_zone, &me.key, &id, &form).await.map(|_| ());
    after_form(result, "/invitations?done=invitation-answered", async |errors| {
        invitations_page(&state, &csrf, &me, SendInvitation::default(), errors, None, None).await
    })
    .await
}

// ---- Ground rules --------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "talk_ground_rules.html")]
struct GroundRulesPage {
    layout: Layout,
    notice: Option<&'static str>,
    intro: String,
    view: Option<GroundRulesView>,
    suggestions: Vec<String>,
    errors: FormErrors,
    /// The private safety check, offered again before a hard conversation until taken.
    offer_safety: bool,
}

/// Whether the person has yet to take the private safety check (their own flag only).
pub(super) async fn safety_not_taken(state: &AppState, me: &Authenticated) -> ServiceResult<bool> {
    let flags = crate::services::situation::flags(state, &me.person.id, None).await?;
    Ok(crate::services::situation::offers_safety_before_hard_talks(&flags))
}

async fn ground_rules_page(
    state: &AppState,
    csrf: &CsrfToken,
    me: &Authenticated,
    errors: FormErrors,
    notice: Option<&'static str>,
) -> ServiceResult<GroundRulesPage> {
    let view = optional(ground_rules::get(state, &me.person.id, &me.key).await)?;
    let text = &Content::embedded().ground_rules;
    Ok(GroundRulesPage {
        layout: Layout::new(state, csrf, msg::title_ground_rules(), true, "talk"),
        notice,
        intro: text.intro.clone(),
        view,
        suggestions: text.suggestions.clone(),
        errors,
        offer_safety: safety_not_taken(state, me).await?,
    })
}

pub async fn ground_rules(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Query(q): Query<Done>,
) -> Response {
    respond(
        ground_rules_page(&state, &csrf, &me, FormErrors::default(), notice(q.done.as_deref())).await,
        StatusCode::OK,
    )
}

/// Checked suggestions arrive as repeated `rules` fields; own rules one per line in `own`.
pub async fn propose_ground_rules(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let mut rules: Vec<String> = fields.iter().filter(|(k, _)| k == "rules").map(|(_, v)| v.clone()).collect();
    rules.extend(fields.iter().filter(|(k, _)| k == "own").flat_map(|(_, v)| v.lines().map(str::to_owned)));
    let result = ground_rules::propose(&state, &me.person.id, &me.key, &ProposeRules { rules }).await.map(|_| ());
    after_form(result, "/ground-rules?done=rules-proposed", async |errors| {
        ground_rules_page(&state, &csrf, &me, errors, None).await
    })
    .await
}

pub async fn accept_ground_rules(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Form(form): Form<AcceptRules>,
) -> Response {
    see_other_or_error(
        ground_rules::accept(&state, &me.person.id, &me.key, &form).await,
        "/ground-rules?done=rules-accepted",
    )
}

// ---- Repairs -------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "talk_repairs.html")]
struct RepairsPage {
    layout: Layout,
    notice: Option<&'static str>,
    intro: String,
    /// (id, title, example) of each kind.
    kinds: Vec<(String, String, String)>,
    repairs: Vec<RepairView>,
    errors: FormErrors,
    /// The draft being offered (kept when the form comes back).
    form: OfferRepair,
    coach_note: Option<CoachNote>,
}

async fn repairs_page(
    state: &AppState,
    csrf: &CsrfToken,
    me: &Authenticated,
    errors: FormErrors,
    notice: Option<&'static str>,
    form: OfferRepair,
    coach_note: Option<CoachNote>,
) -> ServiceResult<RepairsPage> {
    let list = repairs::list(state, &me.person.id, &me.key).await?;
    let text = &Content::embedded().repairs;
    Ok(RepairsPage {
        layout: Layout::new(state, csrf, msg::title_repairs(), true, "talk"),
        notice,
        intro: text.intro.clone(),
        kinds: text.kinds.iter().map(|k| (k.id.clone(), k.title.clone(), k.example.clone())).collect(),
        repairs: list,
        errors,
        form,
        coach_note,
    })
}

/// The repair form as the page sends it: the offer and the coach choice, if any.
#[derive(serde::Deserialize)]
pub struct RepairForm {
    #[serde(flatten)]
    offer: OfferRepair,
    #[serde(flatten)]
    choice: CoachChoice,
}

pub async fn repairs(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Query(q): Query<Done>,
) -> Response {
    let page =
        repairs_page(&state, &csrf, &me, FormErrors::default(), notice(q.done.as_deref()), Default::default(), None);
    respond(page.await, StatusCode::OK)
}

pub async fn offer_repair(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Form(RepairForm { mut offer, choice }): Form<RepairForm>,
) -> Response {
    if let Before::Again { words, note } = before_sending(&offer.text, &choice, Shape::Message) {
        offer.text = words;
        return respond(
            repairs_page(&state, &csrf, &me, FormErrors::default(), None, offer, note).await,
            StatusCode::OK,
        );
    }
    let result = repairs::offer(&state, &me.person.id, &me.key, &offer).await.map(|_| ());
    after_form(result, "/repairs?done=repair-offered", async |errors| {
        repairs_page(&state, &csrf, &me, errors, None, offer, None).await
    })
    .await
}

pub async fn accept_repair(State(state): State<AppState>, PageUser(me): PageUser, Path(id): Path<String>) -> Response {
    see_other_or_error(repairs::accept(&state, &me.person.id, &me.key, &id).await, "/repairs?done=repair-accepted")
}
