//! Today: what is there for me and for us today, computed in my own time zone — the plan's
//! week and steps, this week's pulse if not yet answered, and a gentle note of progress.

use jiff::civil::Date;
use serde::Serialize;
use utoipa::ToSchema;

use tend_core::plan_calendar::{meeting_month_open, Position};

use super::agreements::{self, AgreementView};
use super::plan::{self, PlanView};
use super::{optional, pulses, ServiceResult};
use crate::state::AppState;
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
}

pub async fn get(state: &AppState, person_id: &str, time_zone: &str) -> ServiceResult<Today> {
    let couple = state.store.couple_of(person_id).await?;
    let flags = state.store.situation_flags(person_id, couple.as_ref().map(|c| c.id.as_str())).await?;
    for_couple(state, couple.as_ref(), &flags, person_id, time_zone).await
}

/// The same, for the couple (if any) and situation the caller has already read.
pub async fn for_couple(
    state: &AppState,
    couple: Option<&Couple>,
    situation: &SituationFlags,
    person_id: &str,
    time_zone: &str,
) -> ServiceResult<Today> {
    let zone = jiff::tz::TimeZone::get(time_zone).unwrap_or(jiff::tz::TimeZone::UTC);
    let date = state.clock.now().to_zoned(zone).date();
    let partner = couple.and_then(|c| c.partner_of(person_id)).map(|m| m.display_name.clone());
    let (plan, agreements) = match couple {
        Some(c) => (
            optional(plan::get_for(state, c, situation, person_id, time_zone).await)?,
            agreements::list_for(state, c, person_id, time_zone).await?,
        ),
        None => (None, Vec::new()),
    };
    let (agreements_to_review, agreements_proposed_to_me) = agreements
        .into_iter()
        .filter(|a| a.due_for_review || (!a.in_force && !a.proposed_by_me))
        .partition(|a| a.due_for_review);
    let meeting_open =
        matches!(&plan, Some(p) if matches!(p.position, Position::Maintenance { day, .. } if meeting_month_open(day)));
    Ok(Today {
        agreements_to_review,
        agreements_proposed_to_me,
        meeting_open,
        date,
        plan_can_start: partner.is_some() && plan.is_none(),
        partner,
        plan,
        pulse_open: pulses::due(state, person_id, time_zone).await?,
    })
}
