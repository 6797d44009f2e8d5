//! Agreements the couple writes together: one proposes, the other says yes, and each comes back
//! on its review date. They belong to the couple space they were written in and are seen only
//! by its two members while both are in it.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use tend_core::content::{Content, KindId};
use tend_core::ids::PersonId;
use tend_core::msg;
use tend_core::sealing::{DataKey, SharedWords};
use tend_store::{AgreementRecord, Couple};
use unicode_segmentation::UnicodeSegmentation;
use utoipa::ToSchema;

use super::couple_key::{self, AGREEMENT};
use super::{today, Fields, ServiceError, ServiceResult};
use crate::secrets::new_id;
use crate::state::AppState;

pub const MAX_TEXT: usize = 500;

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct NewAgreement {
    /// `boundary`, `time-together` or `need`.
    pub kind: String,
    pub text: String,
    /// When to look at it again, `YYYY-MM-DD`, from tomorrow to a year ahead.
    pub review_on: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AgreementView {
    pub id: String,
    pub kind: String,
    pub kind_title: String,
    /// Empty while the partner's proposal waits for the couple's key to reach me.
    pub text: String,
    pub can_open: bool,
    #[schema(value_type = String, format = Date)]
    pub review_on: Date,
    pub proposed_by_me: bool,
    /// Both have said yes.
    pub in_force: bool,
    /// In force and its review date has come.
    pub due_for_review: bool,
}

/// A review date from tomorrow to a year ahead.
fn review_date(raw: &str, today: Date) -> Option<Date> {
    let date: Date = raw.trim().parse().ok()?;
    let days = date.since(today).ok()?.get_days();
    (date > today && days <= 366).then_some(date)
}

/// The view of an agreement, its words not yet read.
fn view(record: &AgreementRecord, me: &str, today: Date) -> AgreementView {
    let kind = KindId::parse(&record.kind).unwrap_or(KindId::Need);
    let review_on = record.review_on.parse().unwrap_or(today);
    let in_force = record.accepted_at.is_some();
    AgreementView {
        kind_title: Content::embedded().maintenance.kind(kind).title.clone(),
        kind: record.kind.clone(),
        text: String::new(),
        can_open: false,
        review_on,
        proposed_by_me: record.proposed_by == me,
        in_force,
        due_for_review: in_force && review_on <= today,
        id: record.id.clone(),
    }
}

pub async fn create(
    state: &AppState,
    person_id: &PersonId,
    time_zone: &str,
    key: &DataKey,
    input: &NewAgreement,
) -> ServiceResult<AgreementView> {
    let today = today(state, time_zone);
    let mut fields = Fields::default();
    let kind = fields.check(
        KindId::parse(&input.kind)
            .ok_or(tend_core::FieldError::new("kind", msg::agreements_choose_what_kind_agreement())),
    );
    let text = input.text.trim();
    let text_ok = if text.is_empty() {
        Err(tend_core::FieldError::new("text", msg::agreements_write_agreement_sentence_two()))
    } else if text.graphemes(true).count() > MAX_TEXT || text.chars().any(|c| c.is_control() && c != '\n') {
        Err(tend_core::FieldError::new("text", msg::agreements_keep_500_characters_fewer()))
    } else {
        Ok(())
    };
    fields.check(text_ok);
    let review_on = fields.check(
        review_date(&input.review_on, today)
            .ok_or(tend_core::FieldError::new("review_on", msg::agreements_choose_review_date_from())),
    );
    fields.finish()?;
    let (Some(kind), Some(review_on)) = (kind, review_on) else { unreachable!("both parsed") };
    let couple = super::paired_couple(state, person_id).await?;
    let couple_key = couple_key::open(state, &couple.id, person_id, key).await?;
    let record = AgreementRecord {
        id: new_id(),
        couple_id: couple.id.clone(),
        kind: kind.as_str().to_owned(),
        words: SharedWords::seal(text, key, couple_key.as_ref(), AGREEMENT),
        review_on: review_on.to_string(),
        proposed_by: person_id.clone(),
        created_at: state.clock.now(),
        accepted_at: None,
    };
    state.store.create_agreement(&record).await?;
    super::bids::announce(state, &couple, person_id).await;
    Ok(AgreementView { text: text.to_owned(), can_open: true, ..view(&record, person_id, today) })
}

pub async fn list(
    state: &AppState,
    person_id: &PersonId,
    time_zone: &str,
    key: &DataKey,
) -> ServiceResult<Vec<AgreementView>> {
    let Some(couple) = state.store.couple_of(person_id).await? else {
        return Ok(Vec::new());
    };
    list_where(state, &couple, person_id, time_zone, key, |_| true).await
}

/// The couple's agreements `keep` keeps, for a couple the caller has already read: only their
/// words are opened (and the couple's key read only when one of them needs it).
pub async fn list_where(
    state: &AppState,
    couple: &Couple,
    person_id: &PersonId,
    time_zone: &str,
    key: &DataKey,
    keep: impl Fn(&AgreementView) -> bool,
) -> ServiceResult<Vec<AgreementView>> {
    let today = today(state, time_zone);
    let (records, mut views): (Vec<_>, Vec<_>) = state
        .store
        .agreements(&couple.id)
        .await?
        .into_iter()
        .map(|r| {
            let view = view(&r, person_id, today);
            (r, view)
        })
        .filter(|(_, view)| keep(view))
        .unzip();
    let words: Vec<_> = records.iter().map(|r| (&r.words, r.proposed_by == person_id, AGREEMENT)).collect();
    let read = couple_key::read_all(state, &couple.id, person_id, key, &words).await?;
    for (view, text) in views.iter_mut().zip(read) {
        view.can_open = text.is_some();
        view.text = text.unwrap_or_default();
    }
    Ok(views)
}

async fn find(
    state: &AppState,
    person_id: &PersonId,
    time_zone: &str,
    key: &DataKey,
    id: &str,
) -> ServiceResult<AgreementView> {
    let couple = state.store.couple_of(person_id).await?.ok_or(ServiceError::NotFound)?;
    let found = list_where(state, &couple, person_id, time_zone, key, |a| a.id == id).await?;
    found.into_iter().next().ok_or(ServiceError::NotFound)
}

/// The other partner's yes puts a proposed agreement in force.
pub async fn accept(
    state: &AppState,
    person_id: &PersonId,
    time_zone: &str,
    key: &DataKey,
    id: &str,
) -> ServiceResult<AgreementView> {
    let couple = state.store.couple_of(person_id).await?.ok_or(ServiceError::NotFound)?;
    if !state.store.accept_agreement(&couple.id, id, person_id, state.clock.now()).await? {
        let existing = find(state, person_id, time_zone, key, id).await?;
        return Err(ServiceError::Conflict {
            code: if existing.in_force { "already_in_force" } else { "proposed_by_you" },
            message: if existing.in_force {
                msg::agreements_you_have_both_said()
            } else {
                msg::agreements_you_proposed_this_agreement()
            },
        });
    }
    find(state, person_id, time_zone, key, id).await
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct Review {
    /// The next date to look at it again, `YYYY-MM-DD`.
    pub review_on: String,
}

/// After looking at an agreement again together: the next date to do so.
pub async fn review(
    state: &AppState,
    person_id: &PersonId,
    time_zone: &str,
    key: &DataKey,
    id: &str,
    input: &Review,
) -> ServiceResult<AgreementView> {
    let next = review_date(&input.review_on, today(state, time_zone))
        .ok_or_else(|| ServiceError::field("review_on", msg::agreements_choose_review_date_from()))?;
    let couple = state.store.couple_of(person_id).await?.ok_or(ServiceError::NotFound)?;
    if !state.store.set_agreement_review(&couple.id, id, next).await? {
        find(state, person_id, time_zone, key, id).await?;
        return Err(ServiceError::Conflict {
            code: "not_in_force",
            message: msg::agreements_agreement_gets_review_date(),
        });
    }
    find(state, person_id, time_zone, key, id).await
}
