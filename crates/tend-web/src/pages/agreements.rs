//! Agreements in the browser: propose one (the coach may have a quiet word about its wording
//! first), say yes to the partner's, look at one again.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::Form;
use jiff::ToSpan;
use tend_core::content::Content;
use tend_core::msg;

use super::coach_note::{before_sending, Before, CoachChoice, CoachNote, Shape};
use super::{after_form, notice, page_or_error, see_other_or_error, Done, FormErrors, Layout};
use crate::auth::csrf::CsrfToken;
use crate::auth::session::{Authenticated, PageUser};
use crate::services::agreements::{self, AgreementView, NewAgreement, Review};
use crate::services::ServiceResult;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "agreements.html")]
struct AgreementsPage {
    layout: Layout,
    notice: Option<&'static str>,
    intro: String,
    review_hint: String,
    paired: bool,
    proposed: Vec<AgreementView>,
    in_force: Vec<AgreementView>,
    /// (id, title, hint, example) of each kind.
    kinds: Vec<(&'static str, String, String, String)>,
    errors: FormErrors,
    kind: String,
    text: String,
    review_on: String,
    default_review: String,
    coach_note: Option<CoachNote>,
}

async fn page(
    state: &AppState,
    csrf: &CsrfToken,
    me: &Authenticated,
    form: NewAgreement,
    errors: FormErrors,
    notice: Option<&'static str>,
    coach_note: Option<CoachNote>,
) -> ServiceResult<AgreementsPage> {
    let p = &me.person;
    let maintenance = &Content::embedded().maintenance;
    let paired = crate::services::is_paired(state, &p.id).await?;
    let (in_force, proposed): (Vec<_>, Vec<_>) =
        agreements::list(state, &p.id, &p.time_zone, &me.key).await?.into_iter().partition(|a| a.in_force);
    let zone = tend_core::time_zone::zone_of(&p.time_zone);
    let in_three_months = state.clock.now().to_zoned(zone).date().checked_add(3.months()).map(|d| d.to_string());
    let default_review = in_three_months.unwrap_or_default();
    Ok(AgreementsPage {
        layout: Layout::new(state, csrf, msg::title_agreements(), true, "talk"),
        notice,
        intro: maintenance.agreements.intro.clone(),
        review_hint: maintenance.agreements.review_hint.clone(),
        paired,
        proposed,
        in_force,
        kinds: maintenance
            .kinds
            .iter()
            .map(|k| (k.id.as_str(), k.title.clone(), k.hint.clone(), k.example.clone()))
            .collect(),
        errors,
        kind: form.kind,
        text: form.text,
        review_on: if form.review_on.is_empty() { default_review.clone() } else { form.review_on },
        default_review,
        coach_note,
    })
}

pub async fn show(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Query(q): Query<Done>,
) -> Response {
    page_or_error(
        page(&state, &csrf, &me, NewAgreement::default(), FormErrors::default(), notice(q.done.as_deref()), None).await,
    )
}

/// The proposal as the page sends it, every field possibly missing (no kind chosen yet: the
/// service says so calmly), and the coach choice, if any.
#[derive(serde::Deserialize)]
pub struct AgreementForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    review_on: String,
    #[serde(flatten)]
    choice: CoachChoice,
}

pub async fn create(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Form(AgreementForm { kind, text, review_on, choice }): Form<AgreementForm>,
) -> Response {
    let mut agreement = NewAgreement { kind, text, review_on };
    if let Before::Again { words, note } = before_sending(&agreement.text, &choice, Shape::Name) {
        agreement.text = words;
        return page_or_error(page(&state, &csrf, &me, agreement, FormErrors::default(), None, note).await);
    }
    let result = agreements::create(&state, &me.person.id, &me.person.time_zone, &me.key, &agreement).await;
    after_form(result, "/agreements?done=agreement-proposed", async |errors| {
        page(&state, &csrf, &me, agreement, errors, None, None).await
    })
    .await
}

pub async fn accept(State(state): State<AppState>, PageUser(me): PageUser, Path(id): Path<String>) -> Response {
    see_other_or_error(
        agreements::accept(&state, &me.person.id, &me.person.time_zone, &me.key, &id).await,
        "/agreements?done=agreement-accepted",
    )
}

pub async fn review(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(form): Form<Review>,
) -> Response {
    see_other_or_error(
        agreements::review(&state, &me.person.id, &me.person.time_zone, &me.key, &id, &form).await,
        "/agreements?done=agreement-reviewed",
    )
}
