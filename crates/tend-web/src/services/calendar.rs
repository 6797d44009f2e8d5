//! A private calendar feed per person: an unguessable URL (revoke it by making a new one) with
//! their rituals as weekly events, the plan's weeks and a pause's return time, in their own time
//! zone. Titles are neutral ("Tend") so a glance at a shared screen reveals nothing.

use jiff::civil::{Date, Time};
use serde::Serialize;
use tend_core::content::Content;
use tend_core::ical::{calendar, Event, WEEKDAYS};
use tend_core::rituals::{local_day, Days, RitualKind};
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
pub async fn feed(state: &AppState, person_id: &str) -> ServiceResult<CalendarFeed> {
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
pub async fn rotate(state: &AppState, person_id: &str) -> ServiceResult<CalendarFeed> {
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

/// The feed's text for a token, or `NotFound` for an unknown or revoked one.
pub async fn render(state: &AppState, token: &str) -> ServiceResult<String> {
    let person_id = state.store.person_by_calendar_feed(token).await?.ok_or(ServiceError::NotFound)?;
    let person = state.store.person(&person_id).await?.ok_or(ServiceError::NotFound)?;
    let zone = person.time_zone.as_str();
    let now = state.clock.now();
    let today = local_day(now, zone);
    let mut events = Vec::new();
    if let Some(couple) = state.store.couple_of(&person_id).await? {
        let rituals = &Content::embedded().rituals;
        for s in state.store.ritual_schedules(&couple.id).await? {
            let Some(kind) = RitualKind::parse(&s.kind).filter(|_| s.enabled && s.days != 0) else {
                continue;
            };
            let days = Days(s.days);
            let time = Time::new((s.at_minute / 60) as i8, (s.at_minute % 60) as i8, 0, 0).unwrap_or(Time::midnight());
            events.push(Event {
                uid: format!("ritual-{}-{}@tend", kind.as_str(), couple.id),
                summary: TITLE.into(),
                description: format!("{}: a few minutes, whenever it suits you.", rituals.ritual(kind).name),
                start: first_day(today, days).to_datetime(time),
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
        if let Ok(plan) = super::plan::get(state, &person_id, zone).await {
            {
                let started = plan.started_on;
                let weekday = WEEKDAYS[started.weekday().to_monday_zero_offset() as usize];
                events.push(Event {
                    uid: format!("plan-{}@tend", couple.id),
                    summary: TITLE.into(),
                    description: "A new week of your plan begins.".into(),
                    start: started.at(9, 0, 0, 0),
                    minutes: 15,
                    weekly_on: vec![weekday],
                    count: Some(8),
                });
            }
        }
        if let Some(pause) = state.store.latest_pause(&couple.id).await? {
            if let Some(at) = pause.return_at.filter(|at| pause.ended_at.is_none() && *at > now) {
                let tz = tend_core::time_zone::zone_of(zone);
                events.push(Event {
                    uid: format!("pause-{}@tend", pause.id),
                    summary: TITLE.into(),
                    description: "The time you chose to come back after a pause.".into(),
                    start: at.to_zoned(tz).datetime(),
                    minutes: 15,
                    weekly_on: Vec::new(),
                    count: None,
                });
            }
        }
    }
    Ok(calendar(TITLE, zone, &events, now))
}
