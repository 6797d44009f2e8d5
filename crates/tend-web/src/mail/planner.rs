//! Turns what people chose into emails: reminders (rituals on their scheduled days and times,
//! the weekly check on the day they chose, a new plan week, a pause's return time, a capsule's opening day, agreements due for review;
//! one daily digest instead when they prefer it, and always when they said they're low on
//! capacity) and the free course's weekly emails (then weekly tips, for those who asked). Every email has one key, so planning again —
//! every minute, on any number of instances — never sends twice. Nothing is sent inside quiet
//! hours; what falls there waits for their end.

use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};
use tend_core::content::Content;
use tend_core::reminders::{deliver_at, key, QuietHours};
use tend_core::rituals::{local_day, Days, RitualKind};
use tend_store::ReminderPerson;

use super::messages;
use crate::services::{plan, ServiceResult};
use crate::state::AppState;

/// Reminders whose moment passed within this window are still sent; older ones are let go.
const WINDOW: SignedDuration = SignedDuration::from_mins(15);
/// The course: eight weekly emails.
pub const COURSE_WEEKS: u32 = 8;

/// One reminder: its key, its moment, and the neutral line that names it.
struct Due {
    key: String,
    at: Timestamp,
    line: String,
}

async fn reminders_for(state: &AppState, p: &ReminderPerson, day: Date, quiet: QuietHours) -> ServiceResult<Vec<Due>> {
    let kinds = &p.settings.kinds;
    let wants = |k: &str| kinds.iter().any(|x| x == k);
    let tz = p.time_zone.as_str();
    let morning = |d: Date| deliver_at(d, quiet.end, tz, quiet);
    let mut due = Vec::new();
    let Some(couple_id) = &p.couple_id else {
        return Ok(due);
    };
    if wants("rituals") {
        let content = &Content::embedded().rituals;
        for s in state.store.ritual_schedules(couple_id).await? {
            let Some(kind) = RitualKind::parse(&s.kind).filter(|_| s.enabled && Days(s.days).includes(day)) else {
                continue;
            };
            due.push(Due {
                key: key(&p.person_id, kind.as_str(), day),
                at: deliver_at(day, s.at_minute, tz, quiet),
                line: format!("{}.", content.ritual(kind).name),
            });
        }
    }
    if wants("plan") {
        if let Ok(view) = plan::get(state, &p.person_id, tz).await {
            if matches!(view.position, tend_core::plan_calendar::Position::InWeek { day: 1, .. }) && view.today == day {
                due.push(Due {
                    key: key(&p.person_id, "plan-week", day),
                    at: morning(day),
                    line: "A new week of your plan has begun.".into(),
                });
            }
        }
    }
    if wants("weekly_check") && day.weekday().to_monday_zero_offset() as u8 == p.settings.weekly_day {
        due.push(Due {
            key: key(&p.person_id, "weekly-check", day),
            at: deliver_at(day, p.settings.weekly_minute, tz, quiet),
            line: "Your weekly check, whenever you're both ready.".into(),
        });
    }
    if wants("capsule") {
        for c in state.store.capsules(couple_id).await? {
            if c.cancelled_at.is_none() && c.opened_at.is_none() && c.opens_on == day.to_string() {
                due.push(Due {
                    key: key(&p.person_id, &format!("capsule-{}", c.id), day),
                    at: morning(day),
                    line: "A time capsule can be opened from today.".into(),
                });
            }
        }
    }
    if wants("agreements") {
        for a in state.store.agreements(couple_id).await? {
            if a.accepted_at.is_some() && a.review_on == day.to_string() {
                due.push(Due {
                    key: key(&p.person_id, &format!("agreement-{}", a.id), day),
                    at: morning(day),
                    line: "An agreement is due for a look together.".into(),
                });
            }
        }
    }
    if wants("pause") {
        if let Some(pause) = state.store.latest_pause(couple_id).await? {
            if let Some(at) = pause.return_at.filter(|at| pause.ended_at.is_none() && local_day(*at, tz) == day) {
                let minute = {
                    let z = at.to_zoned(jiff::tz::TimeZone::get(tz).unwrap_or(jiff::tz::TimeZone::UTC));
                    z.hour() as u16 * 60 + z.minute() as u16
                };
                due.push(Due {
                    key: key(&p.person_id, &format!("pause-{}", pause.id), day),
                    // Never earlier than proposed, and still never inside quiet hours.
                    at: deliver_at(day, minute, tz, quiet).max(at),
                    line: "The time you chose to come back after a pause has come.".into(),
                });
            }
        }
    }
    Ok(due)
}

/// Plans everything due up to `now` (and not older than the window).
pub async fn plan(state: &AppState, now: Timestamp) -> anyhow::Result<usize> {
    let mut queued = 0;
    let base = state.settings.public_url.trim_end_matches('/').to_owned();
    for p in state.store.reminder_people().await? {
        let quiet = QuietHours { start: p.settings.quiet_start, end: p.settings.quiet_end };
        let low_capacity = state.store.support(&p.person_id).await?.situation.as_deref() == Some("low_capacity");
        let today = local_day(now, &p.time_zone);
        for day in [today.yesterday().unwrap_or(today), today] {
            let due = match reminders_for(state, &p, day, quiet).await {
                Ok(due) => due,
                Err(err) => {
                    tracing::warn!(error = ?err, "could not plan one person's reminders");
                    continue;
                }
            };
            if due.is_empty() {
                continue;
            }
            let in_window = |at: Timestamp| at <= now && now.duration_since(at) < WINDOW;
            if p.settings.digest || low_capacity {
                // One gentle email a day, at the end of the quiet hours, naming what is there.
                let at = deliver_at(day, quiet.end, &p.time_zone, quiet);
                if in_window(at) {
                    let lines: Vec<String> = due.into_iter().map(|d| d.line).collect();
                    let job = messages::reminder(&base, &lines).job(
                        key(&p.person_id, "digest", day),
                        "digest",
                        &p.email,
                        Some(&p.person_id),
                        at,
                    );
                    queued += usize::from(state.store.enqueue(&job).await?);
                }
                continue;
            }
            for d in due.into_iter().filter(|d| in_window(d.at)) {
                let job = messages::reminder(&base, std::slice::from_ref(&d.line)).job(
                    d.key,
                    "reminder",
                    &p.email,
                    Some(&p.person_id),
                    d.at,
                );
                queued += usize::from(state.store.enqueue(&job).await?);
            }
        }
    }
    queued += plan_course(state, now, &base).await?;
    Ok(queued)
}

/// The free course: the next week's email to each confirmed subscriber, a week after the last.
async fn plan_course(state: &AppState, now: Timestamp, base: &str) -> anyhow::Result<usize> {
    let mut queued = 0;
    let week_ago = now - SignedDuration::from_hours(24 * 7);
    let tip_weeks = u32::try_from(Content::embedded().tips.tips.len()).unwrap_or(0);
    for s in state.store.due_subscribers(week_ago, COURSE_WEEKS, tip_weeks).await? {
        let week = s.weeks_sent + 1;
        let unsubscribe = format!("{base}/course/unsubscribe/{}", s.unsubscribe_token);
        let (email, kind) = if week <= COURSE_WEEKS {
            (messages::course_week(base, week, &unsubscribe), "course")
        } else {
            (messages::tip(base, (week - COURSE_WEEKS - 1) as usize, &unsubscribe), "tip")
        };
        let mut job = email.job(format!("course:{}:{week}", s.id), kind, &s.email, None, now);
        job.subscriber_id = Some(s.id.clone());
        queued += usize::from(state.store.queue_course_week(&s.id, week, &job, now).await?);
    }
    Ok(queued)
}
