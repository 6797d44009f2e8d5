//! Hard talks: scheduled with a topic and a time limit, opened by the ground rules both accepted,
//! with pause and repair always in reach, and closed with "what we agreed" that both can read.
//! They wait while a pause's quiet holds; while a safety check has the joint tools off they look
//! as they do before ground rules are agreed (see [`opening_rules`]).

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};
use tend_core::ids::PersonId;
use tend_core::msg;
use tend_core::sealing::{DataKey, SharedWords};
use tend_store::HardTalkRecord;
use utoipa::ToSchema;

use super::couple_key::{self, TALK_AGREED, TALK_TOPIC};
use super::{local_moment, paired_couple, pause, written, ServiceError, ServiceResult};
use crate::secrets::new_id;
use crate::state::AppState;

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct ScheduleTalk {
    pub topic: String,
    /// Local date and time where the person lives: `2026-12-01T19:30`.
    pub starts_at: String,
    /// The time limit, 10 to 60 minutes.
    pub minutes: i64,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct CloseTalk {
    /// What we agreed (up to 2,000 characters).
    pub agreed: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HardTalkView {
    pub id: String,
    /// Empty while the partner's topic waits for the couple's key to reach me.
    pub topic: String,
    pub can_open: bool,
    #[schema(value_type = String, format = DateTime)]
    pub starts_at: Timestamp,
    #[schema(value_type = String, format = DateTime)]
    pub ends_at: Timestamp,
    pub minutes: i64,
    /// What was agreed, once closed (empty while the partner's words wait for the couple's key to
    /// reach me).
    pub agreed: Option<String>,
    pub closed: bool,
}

fn view(t: HardTalkRecord, topic: Option<String>, agreed: Option<String>) -> HardTalkView {
    HardTalkView {
        ends_at: t.starts_at + SignedDuration::from_mins(t.minutes),
        closed: t.closed_at.is_some(),
        id: t.id,
        can_open: topic.is_some(),
        topic: topic.unwrap_or_default(),
        starts_at: t.starts_at,
        minutes: t.minutes,
        agreed: t.agreed.map(|_| agreed.unwrap_or_default()),
    }
}

/// Who wrote what a talk agreed: whoever closed it (a talk closed before that was kept has no
/// author, and both read the partner's copy).
fn agreed_by(t: &HardTalkRecord, person_id: &PersonId) -> bool {
    t.closed_by.as_deref() == Some(person_id)
}

pub async fn list(state: &AppState, person_id: &PersonId, key: &DataKey) -> ServiceResult<Vec<HardTalkView>> {
    let couple = state.store.couple_of(person_id).await?.ok_or(ServiceError::NotFound)?;
    let talks = state.store.hard_talks(&couple.id).await?;
    let read = couple_key::read_with_replies(
        state,
        &couple.id,
        person_id,
        key,
        &talks,
        |t| (&t.topic, t.scheduled_by == person_id, TALK_TOPIC),
        |t| t.agreed.as_ref().map(|a| (a, agreed_by(t, person_id), TALK_AGREED)),
    )
    .await?;
    Ok(talks.into_iter().zip(read).map(|(t, (topic, agreed))| view(t, topic, agreed)).collect())
}

/// What hard talks wait for right now, said as it is: a pause's quiet time.
pub async fn paused_for_now(state: &AppState, person_id: &PersonId) -> ServiceResult<Option<&'static str>> {
    let now = state.clock.now();
    Ok(pause::current(state, person_id)
        .await?
        .filter(|p| now < p.quiet_until)
        .map(|_| msg::hard_talks_pause_its_quiet_time()))
}

/// The ground rules that open the couple's hard talks: none while a safety check has the joint
/// tools off. Hard talks then look, to both partners and on every page and answer, exactly as
/// they do for a couple that hasn't agreed ground rules yet, an ordinary state that points to
/// nothing. Whoever took the check sees on their own safety page that the tools are off.
pub async fn opening_rules(
    state: &AppState,
    person_id: &PersonId,
    key: &DataKey,
) -> ServiceResult<Option<Vec<String>>> {
    if !rules_open(state, person_id).await? {
        return Ok(None);
    }
    Ok(super::ground_rules::get(state, person_id, key).await?.accepted.map(|a| a.rules))
}

/// Whether there are [`opening_rules`]; opens nothing.
pub async fn rules_open(state: &AppState, person_id: &PersonId) -> ServiceResult<bool> {
    Ok(!super::safety::joint_tools_closed(state, person_id).await?
        && super::ground_rules::agreed(state, person_id).await?)
}

pub async fn schedule(
    state: &AppState,
    person_id: &PersonId,
    time_zone: &str,
    key: &DataKey,
    input: &ScheduleTalk,
) -> ServiceResult<HardTalkView> {
    let topic = written(&input.topic, 200, "topic", msg::hard_talks_name_topic_few_words())?;
    let starts_at = local_moment(state, &input.starts_at, time_zone, "starts_at")?;
    if !(10..=60).contains(&input.minutes) {
        return Err(ServiceError::field("minutes", msg::hard_talks_choose_time_limit_from()));
    }
    let couple = paired_couple(state, person_id).await?;
    if let Some(reason) = paused_for_now(state, person_id).await? {
        return Err(ServiceError::Conflict { code: "paused", message: reason });
    }
    if !rules_open(state, person_id).await? {
        return Err(ServiceError::Conflict {
            code: "no_ground_rules",
            message: msg::hard_talks_agree_your_ground_rules(),
        });
    }
    let couple_key = couple_key::open(state, &couple.id, person_id, key).await?;
    let record = HardTalkRecord {
        id: new_id(),
        scheduled_by: person_id.clone(),
        topic: SharedWords::seal(&topic, key, couple_key.as_ref(), TALK_TOPIC),
        couple_id: couple.id,
        starts_at,
        minutes: input.minutes,
        agreed: None,
        closed_by: None,
        closed_at: None,
    };
    state.store.insert_hard_talk(&record).await?;
    Ok(view(record, Some(topic), None))
}

pub async fn close(
    state: &AppState,
    person_id: &PersonId,
    key: &DataKey,
    id: &str,
    input: &CloseTalk,
) -> ServiceResult<HardTalkView> {
    let agreed = written(&input.agreed, 2000, "agreed", msg::hard_talks_write_what_you_agreed())?;
    let couple = state.store.couple_of(person_id).await?.ok_or(ServiceError::NotFound)?;
    let couple_key = couple_key::open(state, &couple.id, person_id, key).await?;
    let agreed = SharedWords::seal(&agreed, key, couple_key.as_ref(), TALK_AGREED);
    let find =
        || async { list(state, person_id, key).await?.into_iter().find(|t| t.id == id).ok_or(ServiceError::NotFound) };
    if !state.store.close_hard_talk(&couple.id, id, person_id, &agreed, state.clock.now()).await? {
        find().await?;
        return Err(ServiceError::Conflict {
            code: "already_closed",
            message: msg::hard_talks_this_talk_closed_already(),
        });
    }
    find().await
}
