//! The daily rituals. The couple schedules each one (days and a time, read in each person's own
//! time zone); each person answers the written ones once a day in their own words. A partner's
//! answer is shown only once the viewer answered the same ritual for the same day, or once the
//! writer's day is over — until then the view is identical whether or not the partner answered.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use tend_core::content::Content;
use tend_core::ids::PersonId;
use tend_core::msg;
use tend_core::rituals::{
    day_end, format_time_of_day, local_day, may_read_answer, parse_time_of_day, Answered, Days, RitualKind,
};
use tend_core::sealing::{DataKey, SharedWords};
use tend_store::{Couple, RitualAnswer, RitualSchedule};
use utoipa::ToSchema;

use super::couple_key::{self, RITUAL_ANSWER};
use super::{today, written, ServiceError, ServiceResult};
use crate::state::AppState;

/// How far back a person may look at a day's answers.
const DAYS_BACK: i64 = 62;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ScheduleItem {
    /// `morning`, `evening`, `screen_free` or `appreciation`.
    pub kind: String,
    pub enabled: bool,
    /// Short day names: `mon` … `sun`.
    pub days: Vec<String>,
    /// `HH:MM`, in each person's own time zone.
    pub time: String,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct ScheduleInput {
    /// One entry per ritual to change; rituals left out stay as they are.
    pub rituals: Vec<ScheduleItem>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RitualSlot {
    pub kind: String,
    pub name: String,
    pub summary: String,
    /// Empty for the screen-free timer, which has nothing to write.
    pub prompt: String,
    pub placeholder: String,
    /// Scheduled by the couple for this day.
    pub scheduled: bool,
    pub time: String,
    /// What I wrote for this day.
    pub mine: Option<String>,
    /// What my partner wrote, once both answered or their day is over; otherwise nothing at all.
    pub partner: Option<String>,
    /// False while their answer waits for the couple's key to reach me (`partner` is then empty).
    pub partner_can_open: bool,
}

/// How a day's answers are read: opened with the viewer's key (and the couple's, when they hold
/// it), or only known to be there (for Today's next step, which shows no words).
enum Reading {
    Opened { own: DataKey, couple: Option<DataKey> },
    PresenceOnly,
}

impl Reading {
    async fn of(state: &AppState, couple: &Couple, person_id: &PersonId, key: &DataKey) -> ServiceResult<Self> {
        let couple_key = couple_key::open(state, &couple.id, person_id, key).await?;
        Ok(Self::Opened { own: key.clone(), couple: couple_key })
    }

    fn words(&self, answer: &RitualAnswer, author_reads: bool) -> Option<String> {
        match self {
            Self::Opened { own, couple } => answer.words.read(author_reads, Some(own), couple.as_ref(), RITUAL_ANSWER),
            Self::PresenceOnly => Some(String::new()),
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RitualDay {
    #[schema(value_type = String, format = Date)]
    pub day: Date,
    pub reveal_note: String,
    pub rituals: Vec<RitualSlot>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct AnswerInput {
    pub text: String,
}

fn kind(raw: &str) -> ServiceResult<RitualKind> {
    RitualKind::parse(raw).ok_or(ServiceError::NotFound)
}

fn defaults(kind: RitualKind) -> RitualSchedule {
    let ritual = Content::embedded().rituals.ritual(kind);
    RitualSchedule {
        kind: kind.as_str().to_owned(),
        enabled: false,
        days: Days::EVERY_DAY.0,
        at_minute: parse_time_of_day(&ritual.default_time).unwrap_or(0),
    }
}

/// The couple's schedule for all four rituals (defaults where they have not chosen yet).
pub async fn schedule(state: &AppState, person_id: &PersonId) -> ServiceResult<Vec<ScheduleItem>> {
    let couple = state.store.couple_of(person_id).await?.ok_or(ServiceError::NotFound)?;
    let saved = state.store.ritual_schedules(&couple.id).await?;
    Ok(RitualKind::ALL.iter().map(|k| item(&effective(&saved, *k))).collect())
}

fn effective(saved: &[RitualSchedule], kind: RitualKind) -> RitualSchedule {
    saved.iter().find(|s| s.kind == kind.as_str()).cloned().unwrap_or_else(|| defaults(kind))
}

fn item(s: &RitualSchedule) -> ScheduleItem {
    ScheduleItem {
        kind: s.kind.clone(),
        enabled: s.enabled,
        days: Days(s.days).names().into_iter().map(str::to_owned).collect(),
        time: format_time_of_day(s.at_minute),
    }
}

pub async fn set_schedule(
    state: &AppState,
    person_id: &PersonId,
    input: &ScheduleInput,
) -> ServiceResult<Vec<ScheduleItem>> {
    let mut errors = Vec::new();
    let mut schedules = Vec::new();
    for entry in &input.rituals {
        let Some(kind) = RitualKind::parse(&entry.kind) else {
            errors.push(tend_core::FieldError::new("kind", msg::rituals_choose_one_four_rituals()));
            continue;
        };
        let days = Days::from_names(entry.days.iter().map(String::as_str));
        let at = parse_time_of_day(&entry.time);
        if days.is_none() || (entry.enabled && days.is_some_and(|d| d.0 == 0)) {
            errors.push(tend_core::FieldError::new("days", msg::rituals_choose_at_least_one()));
        }
        if at.is_none() {
            errors.push(tend_core::FieldError::new("time", msg::rituals_give_time_such_as()));
        }
        if let (Some(days), Some(at_minute)) = (days, at) {
            schedules.push(RitualSchedule {
                kind: kind.as_str().to_owned(),
                enabled: entry.enabled,
                days: days.0,
                at_minute,
            });
        }
    }
    if input.rituals.is_empty() {
        errors.push(tend_core::FieldError::new("rituals", msg::rituals_choose_at_least_one_2()));
    }
    if !errors.is_empty() {
        return Err(ServiceError::Invalid(errors));
    }
    let couple = state.store.couple_of(person_id).await?.ok_or(ServiceError::NotFound)?;
    state.store.set_ritual_schedules(&couple.id, &schedules).await?;
    schedule(state, person_id).await
}

/// One day of rituals as the viewer may see it (today when `day` is `None`).
pub async fn day(
    state: &AppState,
    person_id: &PersonId,
    key: &DataKey,
    time_zone: &str,
    day: Option<&str>,
) -> ServiceResult<RitualDay> {
    let today = today(state, time_zone);
    let date = match day.filter(|d| !d.is_empty()) {
        None => today,
        Some(raw) => raw
            .parse::<Date>()
            .ok()
            .filter(|d| *d <= today && today.since(*d).map(|s| s.get_days() <= DAYS_BACK as i32).unwrap_or(false))
            .ok_or_else(|| ServiceError::field("day", msg::rituals_choose_day_from_last()))?,
    };
    let couple = state.store.couple_of(person_id).await?.ok_or(ServiceError::NotFound)?;
    let reading = Reading::of(state, &couple, person_id, key).await?;
    day_for(state, &couple, person_id, date, &reading).await
}

/// The first written ritual scheduled for the person's today that they have not answered yet.
pub async fn first_unanswered_today(
    state: &AppState,
    couple: &Couple,
    person_id: &PersonId,
    time_zone: &str,
) -> ServiceResult<Option<RitualSlot>> {
    let day = day_for(state, couple, person_id, today(state, time_zone), &Reading::PresenceOnly).await?;
    Ok(day.rituals.into_iter().find(|r| r.scheduled && !r.prompt.is_empty() && r.mine.is_none()))
}

/// A stored answer as the reveal rule sees it.
fn answered(a: &RitualAnswer) -> Answered<'_> {
    Answered { author: &a.person_id, kind: &a.kind, day: &a.day, day_ends_at: a.day_ends_at }
}

/// One day's rituals for a couple the caller has already read.
async fn day_for(
    state: &AppState,
    couple: &Couple,
    person_id: &PersonId,
    date: Date,
    reading: &Reading,
) -> ServiceResult<RitualDay> {
    let saved = state.store.ritual_schedules(&couple.id).await?;
    let answers = state.store.ritual_answers(&couple.id, &[date.to_string()]).await?;
    let now = state.clock.now();
    let content = &Content::embedded().rituals;
    let rituals = RitualKind::ALL
        .iter()
        .map(|k| {
            let text = content.ritual(*k);
            let schedule = effective(&saved, *k);
            let of_kind =
                |who: &dyn Fn(&RitualAnswer) -> bool| answers.iter().find(|a| a.kind == k.as_str() && who(a)).cloned();
            let mine = of_kind(&|a| a.person_id == person_id);
            let theirs = of_kind(&|a| a.person_id != person_id);
            let partner = theirs
                .filter(|a| may_read_answer(person_id, &couple.id, answered(a), mine.is_some(), now))
                .map(|a| reading.words(&a, false));
            RitualSlot {
                kind: k.as_str().to_owned(),
                name: text.name.clone(),
                summary: text.summary.clone(),
                prompt: text.prompt.clone(),
                placeholder: text.placeholder.clone(),
                scheduled: schedule.enabled && Days(schedule.days).includes(date),
                time: format_time_of_day(schedule.at_minute),
                mine: mine.map(|a| reading.words(&a, true).unwrap_or_default()),
                partner_can_open: partner.as_ref().is_none_or(Option::is_some),
                partner: partner.map(Option::unwrap_or_default),
            }
        })
        .collect();
    Ok(RitualDay { day: date, reveal_note: content.reveal_note.clone(), rituals })
}

/// Writes (or rewrites) the person's answer to a written ritual for their today.
pub async fn answer(
    state: &AppState,
    person_id: &PersonId,
    key: &DataKey,
    time_zone: &str,
    kind_raw: &str,
    input: &AnswerInput,
) -> ServiceResult<RitualDay> {
    let kind = kind(kind_raw)?;
    if !kind.is_written() {
        return Err(ServiceError::NotFound);
    }
    let text = written(&input.text, 500, "text", msg::rituals_write_line_two_up())?;
    let couple = state.store.couple_of(person_id).await?.ok_or(ServiceError::NotFound)?;
    let now = state.clock.now();
    let date = local_day(now, time_zone);
    let couple_key = couple_key::open(state, &couple.id, person_id, key).await?;
    state
        .store
        .save_ritual_answer(&RitualAnswer {
            couple_id: couple.id.clone(),
            person_id: person_id.to_owned(),
            kind: kind.as_str().to_owned(),
            day: date.to_string(),
            day_ends_at: day_end(date, time_zone),
            words: SharedWords::seal(&text, key, couple_key.as_ref(), RITUAL_ANSWER),
            answered_at: now,
        })
        .await?;
    let reading = Reading::Opened { own: key.clone(), couple: couple_key };
    day_for(state, &couple, person_id, date, &reading).await
}
