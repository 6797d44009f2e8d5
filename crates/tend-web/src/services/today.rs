//! Today: what is there for me and for us today, computed in my own time zone — the one most
//! timely next step, the plan's week and steps, this week's pulse if not yet answered, and
//! agreements waiting.

use jiff::civil::Date;
use serde::Serialize;
use tend_core::ids::PersonId;
use tend_core::msg;
use utoipa::ToSchema;

use tend_core::plan_calendar::{meeting_month_open, Position};

use super::agreements::{self, AgreementView};
use super::plan::{self, PlanView};
use super::{optional, pulses, rituals, ServiceResult};
use crate::state::AppState;
use tend_core::sealing::DataKey;
use tend_store::{Couple, SituationFlags};

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Today {
    #[schema(value_type = String, format = Date)]
    pub date: Date,
    /// The partner's display name, once both are in the couple space.
    pub partner: Option<String>,
    /// The plan, once started.
    pub plan: Option<PlanView>,
    /// The couple can start the plan now.
    pub plan_can_start: bool,
    /// This week's pulse is open (offered, never required).
    pub pulse_open: bool,
    /// Agreements in force whose review date has come.
    pub agreements_to_review: Vec<AgreementView>,
    /// Agreements the partner proposed, waiting for a yes (or for a talk).
    pub agreements_proposed_to_me: Vec<AgreementView>,
    /// After the eight weeks: this is the week of the month for the maintenance check-in.
    pub meeting_open: bool,
    /// The single most timely thing to do now, once both are in the couple space.
    pub next: Option<NextStep>,
}

/// One clear next step: what it is, a line about it, and where to do it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NextStep {
    pub title: String,
    pub text: String,
    /// The page that carries it out.
    pub link: String,
    /// The button's words.
    pub action: String,
}

fn step(title: impl Into<String>, text: impl Into<String>, link: &str, action: &str) -> NextStep {
    NextStep { title: title.into(), text: text.into(), link: link.to_owned(), action: action.to_owned() }
}

/// In order: a weekly check under way, today's written ritual not yet answered, this week's plan
/// step not yet done on my side, starting the plan, this week's pulse, and otherwise a question
/// for the evening (there is always something small and kind to do).
async fn next_step(
    state: &AppState,
    couple: &Couple,
    person_id: &PersonId,
    time_zone: &str,
    plan: Option<&PlanView>,
    pulse_open: bool,
) -> ServiceResult<NextStep> {
    let checks = state.store.weekly_checks(&couple.id).await?;
    if checks.iter().any(|c| c.finished_at.is_none()) {
        return Ok(step(
            msg::today_your_weekly_check_under(),
            msg::today_come_whenever_youre_ready(),
            "/weekly-check",
            msg::today_open_weekly_check(),
        ));
    }
    if let Some(ritual) = rituals::first_unanswered_today(state, couple, person_id, time_zone).await? {
        return Ok(step(ritual.name, ritual.prompt, "/rituals", msg::today_answer_todays_ritual()));
    }
    if let Some(week) = plan.filter(|p| !p.paused).and_then(|p| p.week.as_ref()) {
        if let Some(s) = week.steps.iter().find(|s| !s.done_by_me) {
            return Ok(step(
                s.title.clone(),
                msg::today_plan_step(s.text.as_str()),
                "/plan",
                msg::today_see_this_weeks_step(),
            ));
        }
    }
    if plan.is_none() {
        return Ok(step("The 8-week plan", msg::today_eight_gentle_weeks_few(), "/plan", msg::today_start_our_plan()));
    }
    if pulse_open {
        return Ok(step(
            msg::today_this_weeks_pulse(),
            msg::today_one_private_minute_how(),
            "/pulse",
            msg::today_take_pulse(),
        ));
    }
    Ok(step(
        msg::today_question_this_evening(),
        msg::today_pick_one_question_take(),
        "/questions",
        msg::today_pick_question(),
    ))
}

pub async fn get(state: &AppState, person_id: &PersonId, time_zone: &str, key: &DataKey) -> ServiceResult<Today> {
    let couple = state.store.couple_of(person_id).await?;
    let flags = state.store.situation_flags(person_id, couple.as_ref().map(|c| &c.id)).await?;
    for_couple(state, couple.as_ref(), &flags, person_id, time_zone, key).await
}

/// The same, for the couple (if any) and situation the caller has already read.
pub async fn for_couple(
    state: &AppState,
    couple: Option<&Couple>,
    situation: &SituationFlags,
    person_id: &PersonId,
    time_zone: &str,
    key: &DataKey,
) -> ServiceResult<Today> {
    let zone = tend_core::time_zone::zone_of(time_zone);
    let date = state.clock.now().to_zoned(zone).date();
    let partner = couple.and_then(|c| c.partner_of(person_id)).map(|m| m.display_name.clone());
    let (plan, agreements) = match couple {
        Some(c) => (
            optional(plan::get_for(state, c, situation, person_id, time_zone).await)?,
            // Only the agreements Today shows are opened.
            agreements::list_where(state, c, person_id, time_zone, key, |a| {
                a.due_for_review || (!a.in_force && !a.proposed_by_me)
            })
            .await?,
        ),
        None => (None, Vec::new()),
    };
    let (agreements_to_review, agreements_proposed_to_me) = agreements.into_iter().partition(|a| a.due_for_review);
    let meeting_open =
        matches!(&plan, Some(p) if matches!(p.position, Position::Maintenance { day, .. } if meeting_month_open(day)));
    let pulse_open = pulses::due(state, person_id, time_zone).await?;
    let next = match couple.filter(|_| partner.is_some()) {
        Some(c) => Some(next_step(state, c, person_id, time_zone, plan.as_ref(), pulse_open).await?),
        None => None,
    };
    Ok(Today {
        next,
        agreements_to_review,
        agreements_proposed_to_me,
        meeting_open,
        date,
        plan_can_start: partner.is_some() && plan.is_none(),
        partner,
        plan,
        pulse_open,
    })
}
