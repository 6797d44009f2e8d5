//! The couple's 8-week plan: start it on a date, see the week, mark one's own part done, make a
//! step smaller, repeat a week, pause and resume. A shared step shows done only when both have
//! marked it, and no one is ever shown whether the partner has done their part.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use tend_core::content::{Content, StepWho};
use tend_core::ids::PersonId;
use tend_core::msg;
use tend_core::plan_calendar::{Position, Schedule};
use tend_store::{Couple, PlanRecord, SituationFlags, StoreError};
use utoipa::ToSchema;

use super::{today, ServiceError, ServiceResult};
use crate::state::AppState;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StepView {
    pub id: String,
    pub title: String,
    /// The step's text, or its smaller version when the couple chose that.
    pub text: String,
    pub smaller: bool,
    /// `each` (each does their own part) or `shared` (done together).
    #[schema(value_type = String)]
    pub who: StepWho,
    pub feature: String,
    pub feature_title: String,
    /// The page that carries the step out, when that part of Tend exists.
    pub feature_path: String,
    pub days: u8,
    /// I have marked my part done.
    pub done_by_me: bool,
    /// A shared step both have marked.
    pub done_together: bool,
    /// The step asks for some writing: it has a private place for it.
    pub write: bool,
}

impl StepView {
    /// Done together rather than each on their own.
    pub fn together(&self) -> bool {
        self.who == StepWho::Shared
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WeekView {
    pub number: u8,
    pub focus: String,
    pub intro: String,
    /// Day 1 to 7 of this week.
    pub day: u8,
    pub steps: Vec<StepView>,
    /// Steps where my part is done, of all steps this week.
    pub my_done: usize,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PlanView {
    #[schema(value_type = String, format = Date)]
    pub started_on: Date,
    /// Today where the asker lives.
    #[schema(value_type = String, format = Date)]
    pub today: Date,
    pub paused: bool,
    /// `not-started`, `in-week` (with slot, week, day) or `maintenance`.
    #[schema(value_type = Object)]
    pub position: Position,
    /// The week in progress; none before the start or once in maintenance.
    pub week: Option<WeekView>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct StartPlan {
    /// The first day, `YYYY-MM-DD`; today when left out.
    pub starts_on: Option<String>,
}

fn schedule_of(record: &PlanRecord) -> ServiceResult<Schedule> {
    serde_json::from_str(&record.schedule).map_err(|e| anyhow::anyhow!("Stored plan unreadable: {e}").into())
}

async fn couple_and_plan(state: &AppState, person_id: &PersonId) -> ServiceResult<(Couple, PlanRecord)> {
    let couple = state.store.couple_of(person_id).await?.ok_or(ServiceError::NotFound)?;
    let plan = state.store.plan(&couple.id).await?.ok_or(ServiceError::NotFound)?;
    Ok((couple, plan))
}

pub async fn start(
    state: &AppState,
    person_id: &PersonId,
    time_zone: &str,
    input: &StartPlan,
) -> ServiceResult<PlanView> {
    let couple = state.store.couple_of(person_id).await?.ok_or(ServiceError::NotFound)?;
    if couple.members.len() < 2 {
        return Err(ServiceError::Conflict { code: "partner_not_joined", message: msg::plan_plan_two_can_start() });
    }
    let today = today(state, time_zone);
    let starts_on = match input.starts_on.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => today,
        Some(raw) => raw
            .parse::<Date>()
            .ok()
            .filter(|d| *d >= today && d.since(today).map(|s| s.get_days() <= 60).unwrap_or(false))
            .ok_or_else(|| ServiceError::field("starts_on", msg::plan_choose_day_from_today()))?,
    };
    let record = PlanRecord {
        couple_id: couple.id.clone(),
        schedule: serde_json::to_string(&Schedule::new(starts_on)).map_err(anyhow::Error::from)?,
        created_at: state.clock.now(),
    };
    match state.store.create_plan(&record).await {
        Ok(()) => {}
        Err(StoreError::PlanExists) => {
            return Err(ServiceError::Conflict { code: "plan_started", message: msg::plan_your_plan_has_already() })
        }
        Err(other) => return Err(other.into()),
    }
    get(state, person_id, time_zone).await
}

pub async fn get(state: &AppState, person_id: &PersonId, time_zone: &str) -> ServiceResult<PlanView> {
    let couple = state.store.couple_of(person_id).await?.ok_or(ServiceError::NotFound)?;
    let flags = state.store.situation_flags(person_id, Some(&couple.id)).await?;
    get_for(state, &couple, &flags, person_id, time_zone).await
}

/// The same, for a couple and situation the caller has already read (a page reads them once).
pub async fn get_for(
    state: &AppState,
    couple: &Couple,
    situation: &SituationFlags,
    person_id: &PersonId,
    time_zone: &str,
) -> ServiceResult<PlanView> {
    let record = state.store.plan(&couple.id).await?.ok_or(ServiceError::NotFound)?;
    let schedule = schedule_of(&record)?;
    let today = today(state, time_zone);
    let position = schedule.position(today);
    let week = match position {
        Position::InWeek { slot, week, day, .. } => {
            // Low capacity shrinks every step (for the partner too only if they were told).
            let all_smaller = super::situation::plan_shrinks(situation);
            Some(week_view(state, couple, person_id, slot, week, day, all_smaller).await?)
        }
        _ => None,
    };
    Ok(PlanView { started_on: schedule.started_on, today, paused: schedule.is_paused(), position, week })
}

async fn week_view(
    state: &AppState,
    couple: &Couple,
    me: &str,
    slot: u32,
    number: u8,
    day: u8,
    all_smaller: bool,
) -> ServiceResult<WeekView> {
    let content = Content::embedded();
    let week = content.plan.week(number).ok_or_else(|| anyhow::anyhow!("Week {number} missing from the plan"))?;
    let marks = state.store.step_marks(&couple.id, slot).await?;
    let smaller = state.store.smaller_steps(&couple.id, slot).await?;
    let members: Vec<&str> = couple.members.iter().map(|m| m.person_id.as_str()).collect();
    let steps: Vec<StepView> = week
        .steps
        .iter()
        .map(|step| {
            let marked_by = |who: &str| marks.iter().any(|m| m.step_id == step.id && m.person_id == who);
            let is_smaller = all_smaller || smaller.contains(&step.id);
            let feature = content.feature(&step.feature);
            StepView {
                id: step.id.clone(),
                title: step.title.clone(),
                text: if is_smaller { step.smaller.clone() } else { step.text.clone() },
                smaller: is_smaller,
                who: step.who,
                feature: step.feature.clone(),
                feature_title: feature.map(|f| f.title.clone()).unwrap_or_default(),
                feature_path: feature.map(|f| f.path.clone()).unwrap_or_default(),
                days: step.days,
                done_by_me: marked_by(me),
                write: step.write,
                done_together: step.who == StepWho::Shared
                    && members.len() == 2
                    && members.iter().all(|m| marked_by(m)),
            }
        })
        .collect();
    Ok(WeekView {
        number,
        focus: week.focus.clone(),
        intro: week.intro.clone(),
        day,
        my_done: steps.iter().filter(|s| s.done_by_me).count(),
        steps,
    })
}

/// The slot in progress and a step of its week, or why a step can't be marked now.
async fn current_step(
    state: &AppState,
    person_id: &PersonId,
    time_zone: &str,
    step_id: &str,
) -> ServiceResult<(Couple, u32)> {
    let (couple, record) = couple_and_plan(state, person_id).await?;
    let schedule = schedule_of(&record)?;
    let Position::InWeek { slot, week, .. } = schedule.position(today(state, time_zone)) else {
        return Err(ServiceError::Conflict { code: "no_week_in_progress", message: msg::plan_there_no_plan_week() });
    };
    match Content::embedded().plan.step(step_id) {
        Some((step_week, _)) if step_week.number == week => Ok((couple, slot)),
        Some(_) => {
            Err(ServiceError::Conflict { code: "not_this_week", message: msg::plan_that_step_belongs_another() })
        }
        None => Err(ServiceError::NotFound),
    }
}

pub async fn complete_step(
    state: &AppState,
    person_id: &PersonId,
    time_zone: &str,
    step_id: &str,
    done: bool,
) -> ServiceResult<PlanView> {
    let (couple, slot) = current_step(state, person_id, time_zone, step_id).await?;
    state.store.mark_step(&couple.id, slot, step_id, person_id, done, state.clock.now()).await?;
    get(state, person_id, time_zone).await
}

pub async fn shrink_step(
    state: &AppState,
    person_id: &PersonId,
    time_zone: &str,
    step_id: &str,
    smaller: bool,
) -> ServiceResult<PlanView> {
    let (couple, slot) = current_step(state, person_id, time_zone, step_id).await?;
    state.store.set_step_smaller(&couple.id, slot, step_id, smaller).await?;
    get(state, person_id, time_zone).await
}

/// Changes the schedule (pause, resume, repeat) for the couple, as seen from the person's today.
async fn reschedule(
    state: &AppState,
    person_id: &PersonId,
    time_zone: &str,
    change: impl FnOnce(&mut Schedule, Date),
) -> ServiceResult<PlanView> {
    let (couple, record) = couple_and_plan(state, person_id).await?;
    let mut schedule = schedule_of(&record)?;
    change(&mut schedule, today(state, time_zone));
    let json = serde_json::to_string(&schedule).map_err(anyhow::Error::from)?;
    state.store.update_plan_schedule(&couple.id, &json).await?;
    get(state, person_id, time_zone).await
}

pub async fn pause(state: &AppState, person_id: &PersonId, time_zone: &str) -> ServiceResult<PlanView> {
    reschedule(state, person_id, time_zone, |s, today| s.pause(today)).await
}

pub async fn resume(state: &AppState, person_id: &PersonId, time_zone: &str) -> ServiceResult<PlanView> {
    reschedule(state, person_id, time_zone, |s, today| s.resume(today)).await
}

pub async fn repeat_week(state: &AppState, person_id: &PersonId, time_zone: &str) -> ServiceResult<PlanView> {
    reschedule(state, person_id, time_zone, |s, today| {
        s.repeat_week(today);
    })
    .await
}
