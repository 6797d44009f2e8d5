//! Own your part: one behaviour to shift for two weeks, with a private daily check, and at the
//! end a reflection the author may share. The daily checks are never shown to the partner. It is
//! one of the joint tools: it opens once both have agreed their ground rules (`safety::joint_tools_open`).

use super::security_log::{self, SecurityEvent};
use super::today;
use jiff::civil::Date;
use jiff::{Timestamp, ToSpan};
use serde::{Deserialize, Serialize};
use tend_store::ExperimentRecord;
use utoipa::ToSchema;

use super::{safety, written, ServiceError, ServiceResult};
use crate::secrets::new_id;
use crate::state::AppState;

/// An experiment runs for fourteen days, the first included.
const DAYS: i32 = 14;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ExperimentDay {
    #[schema(value_type = String, format = Date)]
    pub day: String,
    pub kept: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ExperimentView {
    pub id: String,
    pub behaviour: String,
    #[schema(value_type = String, format = Date)]
    pub started_on: String,
    #[schema(value_type = String, format = Date)]
    pub ends_on: String,
    /// The private daily checks so far (only ever shown to the author).
    pub days: Vec<ExperimentDay>,
    /// Today's check, if done.
    pub today: Option<bool>,
    /// The two weeks are over: time for the reflection.
    pub ended: bool,
    pub reflection: Option<String>,
    pub shared: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SharedReflection {
    pub behaviour: String,
    pub reflection: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ExperimentsView {
    pub mine: Vec<ExperimentView>,
    /// Reflections my partner chose to share.
    pub shared_with_me: Vec<SharedReflection>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct StartExperiment {
    pub behaviour: String,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct LogExperimentDay {
    /// Did I manage it today, even a little.
    pub kept: bool,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct Reflect {
    pub reflection: String,
    /// Share the reflection (never the daily checks) with the partner.
    #[serde(default)]
    pub share: bool,
}

async fn open(state: &AppState, person_id: &str) -> ServiceResult<()> {
    if !safety::joint_tools_open(state, person_id).await? {
        return Err(safety::rules_first());
    }
    Ok(())
}

async fn view(state: &AppState, e: ExperimentRecord, today: Date) -> ServiceResult<ExperimentView> {
    let days = state.store.experiment_days(&e.id).await?;
    let ends: Date = e.ends_on.parse().unwrap_or(today);
    Ok(ExperimentView {
        today: days.iter().find(|(d, _)| *d == today.to_string()).map(|(_, kept)| *kept),
        days: days.into_iter().map(|(day, kept)| ExperimentDay { day, kept }).collect(),
        ended: today >= ends,
        shared: e.shared_at.is_some(),
        id: e.id,
        behaviour: e.behaviour,
        started_on: e.started_on,
        ends_on: e.ends_on,
        reflection: e.reflection,
    })
}

pub async fn list(state: &AppState, person_id: &str, time_zone: &str) -> ServiceResult<ExperimentsView> {
    let couple = state.store.couple_of(person_id).await?.ok_or(ServiceError::NotFound)?;
    open(state, person_id).await?;
    let today = today(state, time_zone);
    let mut mine = Vec::new();
    for e in state.store.experiments(person_id).await? {
        if e.couple_id == couple.id {
            mine.push(view(state, e, today).await?);
        }
    }
    let shared_with_me = state
        .store
        .experiments_shared_with(&couple.id, person_id)
        .await?
        .into_iter()
        .filter_map(|e| e.reflection.map(|reflection| SharedReflection { behaviour: e.behaviour, reflection }))
        .collect();
    Ok(ExperimentsView { mine, shared_with_me })
}

pub async fn start(
    state: &AppState,
    person_id: &str,
    time_zone: &str,
    input: &StartExperiment,
) -> ServiceResult<ExperimentView> {
    let behaviour = written(&input.behaviour, 200, "behaviour", "Please choose one thing, in up to 200 characters.")?;
    let couple = state.store.couple_of(person_id).await?.ok_or(ServiceError::NotFound)?;
    open(state, person_id).await?;
    let today = today(state, time_zone);
    let running = list(state, person_id, time_zone).await?.mine.into_iter().any(|e| !e.ended && e.reflection.is_none());
    if running {
        return Err(ServiceError::Conflict {
            code: "one_at_a_time",
            message: "One thing at a time is plenty. This one can start when the current two weeks are over.",
        });
    }
    let experiment = ExperimentRecord {
        id: new_id(),
        person_id: person_id.to_owned(),
        couple_id: couple.id,
        behaviour,
        started_on: today.to_string(),
        ends_on: today.checked_add((DAYS - 1).days()).unwrap_or(today).to_string(),
        started_at: state.clock.now(),
        reflection: None,
        reflected_at: None,
        shared_at: None,
    };
    state.store.start_experiment(&experiment).await?;
    view(state, experiment, today).await
}

async fn own(state: &AppState, person_id: &str, time_zone: &str, id: &str) -> ServiceResult<ExperimentView> {
    list(state, person_id, time_zone).await?.mine.into_iter().find(|e| e.id == id).ok_or(ServiceError::NotFound)
}

pub async fn log_day(
    state: &AppState,
    person_id: &str,
    time_zone: &str,
    id: &str,
    input: &LogExperimentDay,
) -> ServiceResult<ExperimentView> {
    let experiment = own(state, person_id, time_zone, id).await?;
    let today = today(state, time_zone);
    let (start, end): (Date, Date) =
        (experiment.started_on.parse().unwrap_or(today), experiment.ends_on.parse().unwrap_or(today));
    if today < start || today > end {
        return Err(ServiceError::Conflict {
            code: "not_running",
            message: "The two weeks of this one are over. The reflection is next, whenever you like.",
        });
    }
    state.store.log_experiment_day(person_id, id, &today.to_string(), input.kept).await?;
    own(state, person_id, time_zone, id).await
}

pub async fn reflect(
    state: &AppState,
    person_id: &str,
    time_zone: &str,
    id: &str,
    input: &Reflect,
) -> ServiceResult<ExperimentView> {
    let reflection =
        written(&input.reflection, 2000, "reflection", "Please write your reflection in up to 2000 characters.")?;
    let experiment = own(state, person_id, time_zone, id).await?;
    if !experiment.ended {
        return Err(ServiceError::Conflict {
            code: "not_yet",
            message: "The reflection comes at the end of the two weeks. Until then, the daily check is enough.",
        });
    }
    let now: Timestamp = state.clock.now();
    state.store.reflect_experiment(person_id, id, &reflection, input.share, now).await?;
    if input.share {
        security_log::record(state, person_id, SecurityEvent::ReflectionShared, "").await;
    }
    own(state, person_id, time_zone, id).await
}
