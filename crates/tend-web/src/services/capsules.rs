//! Emotional time capsules. Each writes where they are now (hopes, fears, needs) and seals it
//! until a day (three months ahead by default). While sealed, nobody — the author included — can
//! read or change it through any page or operation; the author may only cancel it, which erases
//! it. From its day on, it opens when both say they are ready (or both, together at one screen).

use jiff::civil::Date;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use tend_core::ids::{CoupleId, PersonId};
use tend_core::msg;
use tend_core::rituals::{capsule_state, day_start, default_capsule_day, local_day, CapsuleState};
use tend_core::sealing::{DataKey, SharedWords};
use tend_core::visibility::{reveal, Candidate, Viewer};
use tend_store::{CapsuleRecord, CapsuleWords};
use utoipa::ToSchema;

use super::couple_key::{self, CAPSULE};
use super::{paired_couple, ServiceError, ServiceResult};
use crate::secrets::new_id;
use crate::state::AppState;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CapsuleContents {
    pub hopes: String,
    pub fears: String,
    pub needs: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CapsuleView {
    pub id: String,
    pub mine: bool,
    /// `sealed`, `ready` (its day has come) or `open`.
    pub state: String,
    #[schema(value_type = String, format = DateTime)]
    pub sealed_at: Timestamp,
    #[schema(value_type = String, format = Date)]
    pub opens_on: String,
    /// I said I am ready to open it.
    pub i_am_ready: bool,
    /// What it holds: only once it is open.
    pub contents: Option<CapsuleContents>,
    /// False only for an open capsule of the partner's whose words wait for the couple's key to
    /// reach me.
    pub can_open: bool,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct NewCapsule {
    #[serde(default)]
    pub hopes: String,
    #[serde(default)]
    pub fears: String,
    #[serde(default)]
    pub needs: String,
    /// `YYYY-MM-DD`, from a week to two years ahead; three months when left out.
    pub opens_on: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct OpenCapsule {
    /// Both partners are here at one screen, so this opens it for both at once.
    #[serde(default)]
    pub both_here: bool,
}

fn state_name(s: CapsuleState) -> &'static str {
    match s {
        CapsuleState::Sealed => "sealed",
        CapsuleState::Ready => "ready",
        CapsuleState::Open => "open",
        CapsuleState::Cancelled => "cancelled",
    }
}

/// A capsule as `me` (in `couple_id`) sees it, what it holds not yet read; with its two copies
/// only where the visibility rule opens it, which is once it is open.
fn view(
    c: CapsuleRecord<Candidate<SharedWords>>,
    me: &PersonId,
    couple_id: &CoupleId,
    now: Timestamp,
) -> (CapsuleView, Option<SharedWords>) {
    let s = capsule_state(c.opens_at, c.opened_at.is_some(), c.cancelled_at.is_some(), now);
    let mine = c.author_id == me;
    let words = reveal(Viewer { person: me, couple: Some(couple_id) }, c.words, now).map(|w| w.into_inner());
    let view = CapsuleView {
        i_am_ready: if mine { c.author_ready_at.is_some() } else { c.partner_ready_at.is_some() },
        contents: None,
        can_open: true,
        state: state_name(s).to_owned(),
        mine,
        id: c.id,
        sealed_at: c.sealed_at,
        opens_on: c.opens_on,
    };
    (view, words)
}

/// The couple's capsules that are not cancelled, newest first.
pub async fn list(state: &AppState, person_id: &PersonId, key: &DataKey) -> ServiceResult<Vec<CapsuleView>> {
    let couple = state.store.couple_of(person_id).await?.ok_or(ServiceError::NotFound)?;
    let now = state.clock.now();
    let capsules = state.store.capsules(&couple.id).await?.into_iter().filter(|c| c.cancelled_at.is_none());
    let (mut views, words): (Vec<_>, Vec<_>) = capsules.map(|c| view(c, person_id, &couple.id, now)).unzip();
    let revealed: Vec<_> =
        views.iter().zip(&words).filter_map(|(v, w)| w.as_ref().map(|w| (w, v.mine, CAPSULE))).collect();
    let mut read = couple_key::read_all(state, &couple.id, person_id, key, &revealed).await?.into_iter();
    for (view, _) in views.iter_mut().zip(&words).filter(|(_, w)| w.is_some()) {
        let held = read.next().flatten().and_then(|text| CapsuleWords::from_json(&text));
        view.can_open = held.is_some();
        view.contents = held.map(|w| CapsuleContents { hopes: w.hopes, fears: w.fears, needs: w.needs });
    }
    Ok(views)
}

fn part(raw: &str, field: &'static str, errors: &mut Vec<tend_core::FieldError>) -> String {
    let text = raw.trim();
    if text.chars().count() > 2000 || text.chars().any(|c| c.is_control() && c != '\n') {
        errors.push(tend_core::FieldError::new(field, msg::capsules_keep_each_part_2000()));
    }
    text.to_owned()
}

pub async fn create(
    state: &AppState,
    person_id: &PersonId,
    time_zone: &str,
    key: &DataKey,
    input: &NewCapsule,
) -> ServiceResult<CapsuleView> {
    let mut errors = Vec::new();
    let hopes = part(&input.hopes, "hopes", &mut errors);
    let fears = part(&input.fears, "fears", &mut errors);
    let needs = part(&input.needs, "needs", &mut errors);
    if errors.is_empty() && hopes.is_empty() && fears.is_empty() && needs.is_empty() {
        errors.push(tend_core::FieldError::new("hopes", msg::capsules_write_at_least_one()));
    }
    let now = state.clock.now();
    let today = local_day(now, time_zone);
    let opens_on = match input.opens_on.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        None => Some(default_capsule_day(today)),
        Some(raw) => raw
            .parse::<Date>()
            .ok()
            .filter(|d| d.since(today).map(|s| (7..=731).contains(&s.get_days())).unwrap_or(false)),
    };
    if opens_on.is_none() {
        errors.push(tend_core::FieldError::new("opens_on", msg::capsules_choose_day_from_week()));
    }
    let Some(opens_on) = opens_on.filter(|_| errors.is_empty()) else {
        return Err(ServiceError::Invalid(errors));
    };
    let couple = paired_couple(state, person_id).await?;
    let couple_key = couple_key::open(state, &couple.id, person_id, key).await?;
    let held = CapsuleWords { hopes, fears, needs }.to_json();
    let capsule = CapsuleRecord {
        id: new_id(),
        couple_id: couple.id,
        author_id: person_id.to_owned(),
        words: SharedWords::seal(&held, key, couple_key.as_ref(), CAPSULE),
        sealed_at: now,
        opens_on: opens_on.to_string(),
        opens_at: day_start(opens_on, time_zone),
        author_ready_at: None,
        partner_ready_at: None,
        opened_at: None,
        cancelled_at: None,
    };
    state.store.seal_capsule(&capsule).await?;
    // As read back: sealed, so what it holds stays closed to everyone, its author included.
    list(state, person_id, key).await?.into_iter().find(|c| c.id == capsule.id).ok_or(ServiceError::NotFound)
}

pub async fn cancel(state: &AppState, person_id: &PersonId, key: &DataKey, id: &str) -> ServiceResult<()> {
    let couple = state.store.couple_of(person_id).await?.ok_or(ServiceError::NotFound)?;
    if state.store.cancel_capsule(&couple.id, id, person_id, state.clock.now()).await? {
        return Ok(());
    }
    // Someone else's capsule and an opened one are not the person's to cancel.
    match list(state, person_id, key).await?.into_iter().find(|c| c.id == id) {
        Some(c) if c.mine => {
            Err(ServiceError::Conflict { code: "opened", message: msg::capsules_this_capsule_open_now() })
        }
        _ => Err(ServiceError::NotFound),
    }
}

pub async fn open(
    state: &AppState,
    person_id: &PersonId,
    key: &DataKey,
    id: &str,
    input: &OpenCapsule,
) -> ServiceResult<CapsuleView> {
    let couple = state.store.couple_of(person_id).await?.ok_or(ServiceError::NotFound)?;
    let capsule = list(state, person_id, key).await?.into_iter().find(|c| c.id == id).ok_or(ServiceError::NotFound)?;
    if capsule.state == state_name(CapsuleState::Sealed) {
        return Err(ServiceError::Conflict {
            code: "still_sealed",
            message: msg::capsules_this_capsule_still_sealed(),
        });
    }
    if capsule.state == state_name(CapsuleState::Ready) {
        state.store.ready_to_open_capsule(&couple.id, id, person_id, input.both_here, state.clock.now()).await?;
    }
    list(state, person_id, key).await?.into_iter().find(|c| c.id == id).ok_or(ServiceError::NotFound)
}
