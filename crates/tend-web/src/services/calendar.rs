//! A private calendar feed per person: an unguessable URL (revoke it by making a new one) with
//! everything in Tend that has a time, in their own time zone: their rituals as weekly events,
//! the weekly check on the day and at the time they chose for it, each week of the plan and each
//! agreement's review day as all-day events, and a pause's return time. Titles are neutral
//! ("Tend", "Tend: weekly check") so a glance at a shared screen reveals nothing: no names and no
//! words anyone wrote. Every event has a UID made of fixed ids, so a calendar app that reads the
//! feed again updates its events rather than adding them twice; each description links the page.

use jiff::civil::{Date, Time};
use serde::Serialize;
use tend_core::content::plan::WEEKS;
use tend_core::content::Content;
use tend_core::ical::{calendar_with_days, DayEvent, Event, WEEKDAYS};
use tend_core::ids::PersonId;
use tend_core::msg;
use tend_core::plan_calendar::{Position, Schedule};
use tend_core::rituals::{local_day, Days, RitualKind};
use tend_store::{Couple, ReminderSettings};
use utoipa::ToSchema;

use super::security_log::{self, SecurityEvent};
use super::{ServiceError, ServiceResult};
use crate::secrets::new_token;
use crate::state::AppState;

/// The neutral title every event carries.
const TITLE: &str = "Tend";

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CalendarFeed {
    /// Subscribe to this in a calendar app. Anyone with it can read the feed: keep it private.
    pub url: String,
}

fn url(state: &AppState, token: &str) -> String {
    format!("{}/calendar/{token}.ics", state.settings.public_url.trim_end_matches('/'))
}

/// The person's feed URL, made on first use.
pub async fn feed(state: &AppState, person_id: &PersonId) -> ServiceResult<CalendarFeed> {
    let token = match state.store.calendar_feed(person_id).await? {
        Some(token) => token,
        None => {
            let token = new_token();
            state.store.set_calendar_feed(person_id, &token, state.clock.now()).await?;
            security_log::record(state, person_id, SecurityEvent::CalendarLinkMade, "").await;
            token
        }
    };
    Ok(CalendarFeed { url: url(state, &token) })
}

/// A new URL; the old one stops working at once.
pub async fn rotate(state: &AppState, person_id: &PersonId) -> ServiceResult<CalendarFeed> {
    let token = new_token();
    state.store.set_calendar_feed(person_id, &token, state.clock.now()).await?;
    security_log::record(state, person_id, SecurityEvent::CalendarLinkReplaced, "").await;
    Ok(CalendarFeed { url: url(state, &token) })
}

/// The first day from `today` on which `days` includes the weekday.
fn first_day(today: Date, days: Days) -> Date {
    (0..7)
        .filter_map(|n| today.checked_add(jiff::Span::new().days(n)).ok())
        .find(|d| days.includes(*d))
        .unwrap_or(today)
}

/// A minute after midnight as a time of day.
fn time_of(minute: u16) -> Time {
    Time::new((minute / 60) as i8, (minute % 60) as i8, 0, 0).unwrap_or(Time::midnight())
}

/// The weekly check, from the person's own reminder settings: the same facts the reminder
/// planner (`mail::planner`) reads, under the same rule — the person chose the weekly check
/// (`weekly_check` among their kinds), on their `weekly_day` at their `weekly_minute` — written
/// here as a weekly rule rather than day by day. Only in a couple space with both partners in it.
fn weekly_check(settings: Option<&ReminderSettings>, person_id: &PersonId, today: Date, base: &str) -> Option<Event> {
    let s = settings.filter(|s| s.kinds.iter().any(|k| k == "weekly_check"))?;
    let weekday = *WEEKDAYS.get(usize::from(s.weekly_day))?;
    let minutes = Content::embedded().weekly_check.sections.iter().map(|s| s.minutes).sum::<u32>().max(15);
    Some(Event {
        uid: format!("weekly-check-{person_id}@tend"),
        summary: msg::calendar_weekly_check_summary().into(),
        description: msg::calendar_weekly_check_description(format!("{base}/weekly-check")),
        start: first_day(today, Days(1 << s.weekly_day)).to_datetime(time_of(s.weekly_minute)),
        minutes,
        weekly_on: vec![weekday],
        count: None,
    })
}

/// The first day of each week of the plan, by `Schedule::week_beginning_on` (the rule the
/// reminder planner uses for "a new week has begun" too): a pause moves the weeks after it, a
/// repeated week comes once more, and while the plan is paused no later week has a day yet.
/// Each is `(week, how many times this week has begun, day)`.
fn plan_weeks(schedule: &Schedule, today: Date) -> Vec<(u32, u32, Date)> {
    // Every week that has begun did so by today; from today on, with no pause, the remaining
    // slots (eight weeks and the repeats) follow each other within this many days.
    let slots = u32::from(WEEKS) + schedule.repeats.len() as u32;
    let last = today.max(schedule.started_on).checked_add(jiff::Span::new().days(i64::from(slots) * 7)).ok();
    let mut weeks: Vec<(u32, u32, Date)> = Vec::new();
    let mut day = schedule.started_on;
    while last.is_some_and(|last| day <= last) {
        if matches!(schedule.position(day), Position::Maintenance { .. }) {
            break;
        }
        if let Some(week) = schedule.week_beginning_on(day).map(u32::from) {
            let times = weeks.iter().filter(|(w, _, _)| *w == week).count() as u32 + 1;
            weeks.push((week, times, day));
        }
        let Some(next) = day.tomorrow().ok() else { break };
        day = next;
    }
    weeks
}

/// The feed's text for a token, or `NotFound` for an unknown or revoked one.
pub async fn render(state: &AppState, token: &str) -> ServiceResult<String> {
    let person_id = state.store.person_by_calendar_feed(token).await?.ok_or(ServiceError::NotFound)?;
    let person = state.store.person(&person_id).await?.ok_or(ServiceError::NotFound)?;
    let zone = person.time_zone.as_str();
    let now = state.clock.now();
    let today = local_day(now, zone);
    let base = state.settings.public_url.trim_end_matches('/');
    let mut events = Vec::new();
    let mut days = Vec::new();
    if let Some(couple) = state.store.couple_of(&person_id).await? {
        let rituals = &Content::embedded().rituals;
        for s in state.store.ritual_schedules(&couple.id).await? {
            let Some(kind) = RitualKind::parse(&s.kind).filter(|_| s.enabled && s.days != 0) else {
                continue;
            };
            let ritual_days = Days(s.days);
            events.push(Event {
                uid: format!("ritual-{}-{}@tend", kind.as_str(), couple.id),
                summary: TITLE.into(),
                description: msg::calendar_ritual_description(
                    format!("{base}/rituals"),
                    rituals.ritual(kind).name.as_str(),
                ),
                start: first_day(today, ritual_days).to_datetime(time_of(s.at_minute)),
                minutes: rituals.ritual(kind).minutes.unwrap_or(15),
                weekly_on: WEEKDAYS
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| s.days & (1 << i) != 0)
                    .map(|(_, d)| *d)
                    .collect(),
                count: None,
            });
        }
        if couple.members.len() >= 2 {
            together(state, &person_id, &couple, today, base, &mut events, &mut days).await?;
        }
        if let Some(pause) = state.store.latest_pause(&couple.id).await? {
            if let Some(at) = pause.return_at.filter(|at| pause.ended_at.is_none() && *at > now) {
                let tz = tend_core::time_zone::zone_of(zone);
                events.push(Event {
                    uid: format!("pause-{}@tend", pause.id),
                    summary: TITLE.into(),
                    description: msg::calendar_pause_description(format!("{base}/pause")),
                    start: at.to_zoned(tz).datetime(),
                    minutes: 15,
                    weekly_on: Vec::new(),
                    count: None,
                });
            }
        }
    }
    Ok(calendar_with_days(TITLE, zone, &events, &days, now))
}

/// What is for two: the weekly check, the plan's weeks and the agreements' review days.
async fn together(
    state: &AppState,
    person_id: &PersonId,
    couple: &Couple,
    today: Date,
    base: &str,
    events: &mut Vec<Event>,
    days: &mut Vec<DayEvent>,
) -> ServiceResult<()> {
    let settings = state.store.reminder_settings(person_id).await?;
    events.extend(weekly_check(settings.as_ref(), person_id, today, base));
    let schedule = state.store.plan(&couple.id).await?.and_then(|p| serde_json::from_str::<Schedule>(&p.schedule).ok());
    for (week, times, day) in schedule.map(|s| plan_weeks(&s, today)).unwrap_or_default() {
        let (uid, summary, description) = if times == 1 {
            (
                format!("plan-{}-week-{week}@tend", couple.id),
                msg::calendar_plan_week_summary(week),
                msg::calendar_plan_week_description(format!("{base}/plan")),
            )
        } else {
            (
                format!("plan-{}-week-{week}-{times}@tend", couple.id),
                msg::calendar_plan_week_again_summary(week),
                msg::calendar_plan_week_again_description(format!("{base}/plan")),
            )
        };
        days.push(DayEvent { uid, summary, description, day });
    }
    // Agreements both said yes to, as the reminders have them; never their words.
    for a in state.store.agreements(&couple.id).await? {
        let Some(day) = a.review_on.parse::<Date>().ok().filter(|_| a.accepted_at.is_some()) else {
            continue;
        };
        days.push(DayEvent {
            uid: format!("agreement-{}@tend", a.id),
            summary: msg::calendar_agreement_summary().into(),
            description: msg::calendar_agreement_description(format!("{base}/agreements")),
            day,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    #[test]
    fn each_week_begins_once_even_when_a_pause_starts_on_its_first_day() {
        let mut s = Schedule::new(date(2026, 3, 2));
        // Paused on week 2's first day for four days: position() says "day 1" on each of them.
        s.pause(date(2026, 3, 9));
        s.resume(date(2026, 3, 13));
        let weeks = plan_weeks(&s, date(2026, 3, 20));
        assert_eq!(weeks[..3], [(1, 1, date(2026, 3, 2)), (2, 1, date(2026, 3, 9)), (3, 1, date(2026, 3, 20))]);
        assert_eq!(weeks.len(), 8);
        assert_eq!(weeks[7], (8, 1, date(2026, 4, 24)));
    }

    #[test]
    fn while_paused_no_later_week_has_a_day_and_after_the_plan_none_is_added() {
        let mut s = Schedule::new(date(2026, 3, 2));
        s.pause(date(2026, 3, 11));
        assert_eq!(plan_weeks(&s, date(2026, 6, 1)), [(1, 1, date(2026, 3, 2)), (2, 1, date(2026, 3, 9))]);
        let done = Schedule::new(date(2025, 1, 6));
        assert_eq!(plan_weeks(&done, date(2026, 6, 1)).len(), 8, "the eight weeks, then maintenance");
    }
}
