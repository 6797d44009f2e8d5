//! Shared joy: low-pressure ideas, a moment planned for a day (phones off, if they like), marked
//! done with what they enjoyed, and the history of it. It belongs to the couple.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use tend_core::content::Content;
use tend_core::rituals::local_day;
use tend_store::JoyPlan;
use utoipa::ToSchema;

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

fn view(p: JoyPlan, me: &str) -> JoyPlanView {
    JoyPlanView {
        planned_by_me: p.planned_by == me,
        done: p.done_at.is_some(),
        id: p.id,
        idea: p.idea,
        planned_on: p.planned_on,
        phones_off: p.phones_off,
        enjoyed: p.enjoyed,
    }
}

pub async fn list(state: &AppState, person_id: &str) -> ServiceResult<JoyView> {
    let couple = state.store.couple_of(person_id).await?.ok_or(ServiceError::NotFound)?;
    let (done, upcoming): (Vec<JoyPlan>, Vec<JoyPlan>) =
        state.store.joy_plans(&couple.id).await?.into_iter().partition(|p| p.done_at.is_some());
    let mut enjoyed: Vec<JoyPlanView> = done.into_iter().map(|p| view(p, person_id)).collect();
    enjoyed.reverse();
    Ok(JoyView {
        ideas: Content::embedded().together.joy.ideas.clone(),
        upcoming: upcoming.into_iter().map(|p| view(p, person_id)).collect(),
        enjoyed,
    })
}

pub async fn plan(state: &AppState, person_id: &str, time_zone: &str, input: &PlanJoy) -> ServiceResult<JoyPlanView> {
    let mut errors = Vec::new();
    let idea = written(&input.idea, 120, "idea", "Please choose an idea, or write your own in up to 120 characters.");
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
        errors.push(tend_core::FieldError::new("on", "Please choose a day from today to three months ahead."));
    }
    let (Ok(idea), Some(on)) = (idea, on) else {
        return Err(ServiceError::Invalid(errors));
    };
    let couple = paired_couple(state, person_id).await?;
    let plan = JoyPlan {
        id: new_id(),
        couple_id: couple.id,
        planned_by: person_id.to_owned(),
        idea,
        planned_on: on.to_string(),
        phones_off: input.phones_off,
        created_at: state.clock.now(),
        done_at: None,
        enjoyed: None,
    };
    state.store.plan_joy(&plan).await?;
    Ok(view(plan, person_id))
}

pub async fn complete(state: &AppState, person_id: &str, id: &str, input: &CompleteJoy) -> ServiceResult<JoyPlanView> {
    let enjoyed = match input.enjoyed.as_deref().map(str::trim).filter(|e| !e.is_empty()) {
        Some(raw) => Some(written(raw, 500, "enjoyed", "Please keep it to 500 characters.")?),
        None => None,
    };
    let couple = state.store.couple_of(person_id).await?.ok_or(ServiceError::NotFound)?;
    if !state.store.complete_joy(&couple.id, id, enjoyed.as_deref(), state.clock.now()).await? {
        return Err(ServiceError::NotFound);
    }
    let plans = state.store.joy_plans(&couple.id).await?;
    plans.into_iter().find(|p| p.id == id).map(|p| view(p, person_id)).ok_or(ServiceError::NotFound)
}

pub async fn cancel(state: &AppState, person_id: &str, id: &str) -> ServiceResult<()> {
    let couple = state.store.couple_of(person_id).await?.ok_or(ServiceError::NotFound)?;
    if state.store.delete_joy(&couple.id, id).await? {
        Ok(())
    } else {
        Err(ServiceError::NotFound)
    }
}
