//! Shared joy: low-pressure ideas, a moment planned for a day (phones off, if they like), marked
//! done with what they enjoyed, and the history of it. It belongs to the couple.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use tend_core::content::Content;
use tend_core::ids::{CoupleId, PersonId};
use tend_core::msg;
use tend_core::rituals::local_day;
use tend_core::sealing::{DataKey, SharedWords};
use tend_store::JoyPlan;
use utoipa::ToSchema;

use super::couple_key::{self, JOY_ENJOYED, JOY_IDEA};
use super::{paired_couple, written, ServiceError, ServiceResult};
use crate::secrets::new_id;
use crate::state::AppState;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct JoyPlanView {
    pub id: String,
    pub idea: String,
    #[schema(value_type = String, format = Date)]
    pub planned_on: String,
    pub phones_off: bool,
    pub done: bool,
    pub enjoyed: Option<String>,
    pub planned_by_me: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct JoyView {
    pub ideas: Vec<String>,
    /// Planned and not done yet, soonest first.
    pub upcoming: Vec<JoyPlanView>,
    /// Done, most recent first.
    pub enjoyed: Vec<JoyPlanView>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct PlanJoy {
    /// One of the ideas, or their own.
    pub idea: String,
    /// `YYYY-MM-DD`, from today to three months ahead.
    pub on: String,
    #[serde(default)]
    pub phones_off: bool,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct CompleteJoy {
    /// What they enjoyed about it (optional).
    pub enjoyed: Option<String>,
}

/// A plan with its words as `me` reads them (empty while the partner's wait for the couple's key
/// to reach me).
fn view(p: JoyPlan, me: &str, (idea, enjoyed): (Option<String>, Option<String>)) -> JoyPlanView {
    JoyPlanView {
        planned_by_me: p.planned_by == me,
        done: p.done_at.is_some(),
        id: p.id,
        idea: idea.unwrap_or_default(),
        planned_on: p.planned_on,
        phones_off: p.phones_off,
        enjoyed: p.enjoyed.map(|_| enjoyed.unwrap_or_default()),
    }
}

/// The couple's plans as `person_id` reads them, in the store's order.
async fn views(
    state: &AppState,
    person_id: &PersonId,
    key: &DataKey,
    couple_id: &CoupleId,
) -> ServiceResult<Vec<JoyPlanView>> {
    let plans = state.store.joy_plans(couple_id).await?;
    let read = couple_key::read_with_replies(
        state,
        couple_id,
        person_id,
        key,
        &plans,
        |p| (&p.idea, p.planned_by == person_id, JOY_IDEA),
        |p| p.enjoyed.as_ref().map(|e| (e, p.done_by.as_deref() == Some(person_id), JOY_ENJOYED)),
    )
    .await?;
    Ok(plans.into_iter().zip(read).map(|(p, words)| view(p, person_id, words)).collect())
}

pub async fn list(state: &AppState, person_id: &PersonId, key: &DataKey) -> ServiceResult<JoyView> {
    let couple = state.store.couple_of(person_id).await?.ok_or(ServiceError::NotFound)?;
    let (mut enjoyed, upcoming): (Vec<_>, Vec<_>) =
        views(state, person_id, key, &couple.id).await?.into_iter().partition(|p| p.done);
    enjoyed.reverse();
    Ok(JoyView { ideas: Content::embedded().together.joy.ideas.clone(), upcoming, enjoyed })
}

pub async fn plan(
    state: &AppState,
    person_id: &PersonId,
    time_zone: &str,
    key: &DataKey,
    input: &PlanJoy,
) -> ServiceResult<JoyPlanView> {
    let mut errors = Vec::new();
    let idea = written(&input.idea, 120, "idea", msg::joy_choose_idea_write_your());
    let today = local_day(state.clock.now(), time_zone);
    let on = input
        .on
        .trim()
        .parse::<Date>()
        .ok()
        .filter(|d| *d >= today && d.since(today).map(|s| s.get_days() <= 92).unwrap_or(false));
    if let Err(ServiceError::Invalid(e)) = &idea {
        errors.extend(e.iter().cloned());
    }
    if on.is_none() {
        errors.push(tend_core::FieldError::new("on", msg::joy_choose_day_from_today()));
    }
    let (Ok(idea), Some(on)) = (idea, on) else {
        return Err(ServiceError::Invalid(errors));
    };
    let couple = paired_couple(state, person_id).await?;
    let couple_key = couple_key::open(state, &couple.id, person_id, key).await?;
    let plan = JoyPlan {
        id: new_id(),
        couple_id: couple.id,
        planned_by: person_id.clone(),
        idea: SharedWords::seal(&idea, key, couple_key.as_ref(), JOY_IDEA),
        planned_on: on.to_string(),
        phones_off: input.phones_off,
        created_at: state.clock.now(),
        done_at: None,
        enjoyed: None,
        done_by: None,
    };
    state.store.plan_joy(&plan).await?;
    Ok(view(plan, person_id, (Some(idea), None)))
}

pub async fn complete(
    state: &AppState,
    person_id: &PersonId,
    key: &DataKey,
    id: &str,
    input: &CompleteJoy,
) -> ServiceResult<JoyPlanView> {
    let enjoyed = match input.enjoyed.as_deref().map(str::trim).filter(|e| !e.is_empty()) {
        Some(raw) => Some(written(raw, 500, "enjoyed", msg::joy_keep_500_characters())?),
        None => None,
    };
    let couple = state.store.couple_of(person_id).await?.ok_or(ServiceError::NotFound)?;
    let couple_key = couple_key::open(state, &couple.id, person_id, key).await?;
    let enjoyed = enjoyed.map(|e| SharedWords::seal(&e, key, couple_key.as_ref(), JOY_ENJOYED));
    if !state.store.complete_joy(&couple.id, id, person_id, enjoyed.as_ref(), state.clock.now()).await? {
        return Err(ServiceError::NotFound);
    }
    let plans = views(state, person_id, key, &couple.id).await?;
    plans.into_iter().find(|p| p.id == id).ok_or(ServiceError::NotFound)
}

pub async fn cancel(state: &AppState, person_id: &PersonId, id: &str) -> ServiceResult<()> {
    let couple = state.store.couple_of(person_id).await?.ok_or(ServiceError::NotFound)?;
    if state.store.delete_joy(&couple.id, id).await? {
        Ok(())
    } else {
        Err(ServiceError::NotFound)
    }
}
