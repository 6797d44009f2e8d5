//! Own your part: one behaviour to shift for two weeks, with a private daily check, and at the
//! end a reflection the author may share. The daily checks are never shown to the partner. It is
//! one of the joint tools: it opens once both have agreed their ground rules (`safety::joint_tools_open`).

use super::security_log::{self, SecurityEvent};
use super::today;
use jiff::civil::Date;
use jiff::{Timestamp, ToSpan};
use serde::{Deserialize, Serialize};
use tend_core::ids::{CoupleId, PersonId};
use tend_core::msg;
use tend_core::sealing::{partners_copy, DataKey, SharedWords, StoredWords};
use tend_store::ExperimentRecord;
use utoipa::ToSchema;

use super::couple_key::{self, EXPERIMENT, REFLECTION};
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

async fn open(state: &AppState, person_id: &PersonId) -> ServiceResult<()> {
    if !safety::joint_tools_open(state, person_id).await? {
        return Err(safety::rules_first());
    }
    Ok(())
}

/// The author's view of their experiment (their own copies, opened with `key`; empty where they
/// can't be, sealed under a key lost in a reset).
async fn view(state: &AppState, e: ExperimentRecord, key: &DataKey, today: Date) -> ServiceResult<ExperimentView> {
    let days = state.store.experiment_days(&e.id).await?;
    let ends: Date = e.ends_on.parse().unwrap_or(today);
    Ok(ExperimentView {
        today: days.iter().find(|(d, _)| *d == today.to_string()).map(|(_, kept)| *kept),
        days: days.into_iter().map(|(day, kept)| ExperimentDay { day, kept }).collect(),
        ended: today >= ends,
        shared: e.shared_at.is_some(),
        id: e.id,
        behaviour: e.behaviour.read(true, Some(key), None, EXPERIMENT).unwrap_or_default(),
        started_on: e.started_on,
        ends_on: e.ends_on,
        reflection: e.reflection.map(|r| r.read(true, Some(key), None, REFLECTION).unwrap_or_default()),
    })
}

pub async fn list(
    state: &AppState,
    person_id: &PersonId,
    time_zone: &str,
    key: &DataKey,
) -> ServiceResult<ExperimentsView> {
    let couple = state.store.couple_of(person_id).await?.ok_or(ServiceError::NotFound)?;
    open(state, person_id).await?;
    let today = today(state, time_zone);
    let mut mine = Vec::new();
    for e in state.store.experiments(person_id).await? {
        if e.couple_id == couple.id {
            mine.push(view(state, e, key, today).await?);
        }
    }
    // A partner's shared reflection, with what it was about; one that can't be opened yet (before
    // the couple's key reaches me) waits.
    let shared = state.store.experiments_shared_with(&couple.id, person_id).await?;
    let read = couple_key::read_with_replies(
        state,
        &couple.id,
        person_id,
        key,
        &shared,
        |e| (&e.behaviour, false, EXPERIMENT),
        |e| e.reflection.as_ref().map(|r| (r, false, REFLECTION)),
    )
    .await?;
    let shared_with_me = read
        .into_iter()
        .filter_map(|(behaviour, reflection)| Some(SharedReflection { behaviour: behaviour?, reflection: reflection? }))
        .collect();
    Ok(ExperimentsView { mine, shared_with_me })
}

pub async fn start(
    state: &AppState,
    person_id: &PersonId,
    time_zone: &str,
    key: &DataKey,
    input: &StartExperiment,
) -> ServiceResult<ExperimentView> {
    let behaviour = written(&input.behaviour, 200, "behaviour", msg::experiments_choose_one_thing_up())?;
    let couple = state.store.couple_of(person_id).await?.ok_or(ServiceError::NotFound)?;
    open(state, person_id).await?;
    let today = today(state, time_zone);
    let running =
        list(state, person_id, time_zone, key).await?.mine.into_iter().any(|e| !e.ended && e.reflection.is_none());
    if running {
        return Err(ServiceError::Conflict { code: "one_at_a_time", message: msg::experiments_one_thing_at_time() });
    }
    let experiment = ExperimentRecord {
        id: new_id(),
        person_id: person_id.to_owned(),
        couple_id: couple.id,
        behaviour: SharedWords { own: StoredWords::Sealed(key.seal(EXPERIMENT.own, &behaviour)), partners: None },
        started_on: today.to_string(),
        ends_on: today.checked_add((DAYS - 1).days()).unwrap_or(today).to_string(),
        started_at: state.clock.now(),
        reflection: None,
        reflected_at: None,
        shared_at: None,
    };
    state.store.start_experiment(&experiment).await?;
    view(state, experiment, key, today).await
}

async fn own(
    state: &AppState,
    person_id: &PersonId,
    time_zone: &str,
    key: &DataKey,
    id: &str,
) -> ServiceResult<ExperimentView> {
    list(state, person_id, time_zone, key).await?.mine.into_iter().find(|e| e.id == id).ok_or(ServiceError::NotFound)
}

pub async fn log_day(
    state: &AppState,
    person_id: &PersonId,
    time_zone: &str,
    key: &DataKey,
    id: &str,
    input: &LogExperimentDay,
) -> ServiceResult<ExperimentView> {
    let experiment = own(state, person_id, time_zone, key, id).await?;
    let today = today(state, time_zone);
    let (start, end): (Date, Date) =
        (experiment.started_on.parse().unwrap_or(today), experiment.ends_on.parse().unwrap_or(today));
    if today < start || today > end {
        return Err(ServiceError::Conflict { code: "not_running", message: msg::experiments_two_weeks_this_one() });
    }
    state.store.log_experiment_day(person_id, id, today, input.kept).await?;
    own(state, person_id, time_zone, key, id).await
}

pub async fn reflect(
    state: &AppState,
    person_id: &PersonId,
    time_zone: &str,
    key: &DataKey,
    id: &str,
    input: &Reflect,
) -> ServiceResult<ExperimentView> {
    let reflection = written(&input.reflection, 2000, "reflection", msg::experiments_write_your_reflection_up())?;
    let experiment = own(state, person_id, time_zone, key, id).await?;
    if !experiment.ended {
        return Err(ServiceError::Conflict { code: "not_yet", message: msg::experiments_reflection_comes_at_end() });
    }
    let now: Timestamp = state.clock.now();
    // Shared, the partner reads the reflection and what it was about, each in its own copy.
    let couple_key = match input.share {
        true => couple_key::open(state, &experiment_couple(state, person_id).await?, person_id, key).await?,
        false => None,
    };
    let sealed = match input.share {
        true => SharedWords::seal(&reflection, key, couple_key.as_ref(), REFLECTION),
        false => SharedWords { own: StoredWords::Sealed(key.seal(REFLECTION.own, &reflection)), partners: None },
    };
    let behaviour = input.share.then(|| partners_copy(&experiment.behaviour, couple_key.as_ref(), EXPERIMENT));
    state.store.reflect_experiment(person_id, id, &sealed, behaviour.as_ref(), now).await?;
    if input.share {
        security_log::record(state, person_id, SecurityEvent::ReflectionShared, "").await;
    }
    own(state, person_id, time_zone, key, id).await
}

/// The couple space the person's experiments are kept in: theirs now.
async fn experiment_couple(state: &AppState, person_id: &PersonId) -> ServiceResult<CoupleId> {
    Ok(state.store.couple_of(person_id).await?.ok_or(ServiceError::NotFound)?.id)
}

/// Seals the person's experiments still (partly) as written: each one's own copies under their
/// key and, for one whose reflection they shared into `couple` (their couple now, with its key),
/// the partner's copies under the couple's key.
pub(super) async fn seal_as_written(
    state: &AppState,
    person_id: &PersonId,
    data: &DataKey,
    couple: Option<(&str, &DataKey)>,
) -> ServiceResult<()> {
    let (mut behaviours, mut reflections) = (Vec::new(), Vec::new());
    for e in state.store.experiments(person_id).await? {
        let shared_here = couple.filter(|(id, _)| e.shared_at.is_some() && e.couple_id == *id);
        let (couple_key, shared) = (shared_here.map(|(_, k)| k), shared_here.is_some());
        if let Some(sealed) = e.behaviour.resealed(data, couple_key, shared, EXPERIMENT) {
            behaviours.push((e.id.clone(), sealed));
        }
        if let Some(sealed) = e.reflection.and_then(|r| r.resealed(data, couple_key, shared, REFLECTION)) {
            reflections.push((e.id, sealed));
        }
    }
    if !behaviours.is_empty() || !reflections.is_empty() {
        state.store.seal_experiments(person_id, &behaviours, &reflections).await?;
        tracing::info!(person = %person_id, experiments = behaviours.len(), "experiments sealed now");
    }
    Ok(())
}
