//! Turns what people chose into emails: reminders (rituals on their scheduled days and times,
//! the weekly check on the day they chose, a new plan week, a pause's return time, a capsule's opening day, agreements due for review;
//! one daily digest instead when they prefer it, and always when they said they're low on
//! capacity) and the free course's weekly emails (then weekly tips, for those who asked). Every email has one key, so planning again —
//! every minute, on any number of instances — never sends twice. Nothing is sent inside quiet
//! hours; what falls there waits for their end. Each reminder goes as a push notification too,
//! to every device its person turned them on for (`push.rs`).

use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};
use tend_core::content::Content;
use tend_core::msg;
use tend_core::plan_calendar::Schedule;
use tend_core::reminders::{deliver_at, key, quiet_begins_after, QuietHours};
use tend_core::rituals::{local_day, Days, RitualKind};
use tend_store::{OutboxJob, ReminderFacts, ReminderPerson};

use super::{messages, push};
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

/// What is due for one person on `day` (in their own time zone), from the facts read for everyone
/// and their couple's plan schedule.
fn reminders_for(
    facts: &ReminderFacts,
    p: &ReminderPerson,
    plan: Option<&Schedule>,
    day: Date,
    quiet: QuietHours,
) -> Vec<Due> {
    let wants = |k: &str| p.settings.kinds.iter().any(|x| x == k);
    let tz = p.time_zone.as_str();
    let morning = |d: Date| deliver_at(d, quiet.end, tz, quiet);
    let mut due = Vec::new();
    let Some(couple_id) = &p.couple_id else {
        return due;
    };
    let day_text = day.to_string();
    if wants("rituals") {
        let content = &Content::embedded().rituals;
        for s in facts.schedules.get(couple_id.as_str()).into_iter().flatten() {
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
    if wants("plan") && plan.is_some_and(|s| s.week_beginning_on(day).is_some()) {
        due.push(Due {
            key: key(&p.person_id, "plan-week", day),
            at: morning(day),
            line: msg::planner_new_week_your_plan().into(),
        });
    }
    if wants("weekly_check") && day.weekday().to_monday_zero_offset() as u8 == p.settings.weekly_day {
        due.push(Due {
            key: key(&p.person_id, "weekly-check", day),
            at: deliver_at(day, p.settings.weekly_minute, tz, quiet),
            line: msg::planner_your_weekly_check_whenever().into(),
        });
    }
    if wants("capsule") {
        for c in facts.capsules.get(couple_id.as_str()).into_iter().flatten().filter(|c| c.day == day_text) {
            due.push(Due {
                key: key(&p.person_id, &format!("capsule-{}", c.id), day),
                at: morning(day),
                line: msg::planner_time_capsule_can_opened().into(),
            });
        }
    }
    if wants("agreements") {
        for a in facts.agreements.get(couple_id.as_str()).into_iter().flatten().filter(|a| a.day == day_text) {
            due.push(Due {
                key: key(&p.person_id, &format!("agreement-{}", a.id), day),
                at: morning(day),
                line: msg::planner_agreement_due_look_together().into(),
            });
        }
    }
    if wants("pause") {
        if let Some((id, at)) = facts.pauses.get(couple_id.as_str()).filter(|(_, at)| local_day(*at, tz) == day) {
            let minute = {
                let z = at.to_zoned(tend_core::time_zone::zone_of(tz));
                z.hour() as u16 * 60 + z.minute() as u16
            };
            due.push(Due {
                key: key(&p.person_id, &format!("pause-{id}"), day),
                // Never earlier than proposed, and still never inside quiet hours.
                at: deliver_at(day, minute, tz, quiet).max(*at),
                line: msg::planner_time_you_chose_come().into(),
            });
        }
    }
    due
}

/// The emails due for one person now (and not older than the window): single reminders, or one
/// digest at the end of their quiet hours.
fn jobs_for(facts: &ReminderFacts, p: &ReminderPerson, now: Timestamp, base: &str) -> Vec<OutboxJob> {
    let quiet = QuietHours { start: p.settings.quiet_start, end: p.settings.quiet_end };
    let in_window = |at: Timestamp| at <= now && now.duration_since(at) < WINDOW;
    let today = local_day(now, &p.time_zone);
    let plan = p.plan.as_deref().and_then(|json| serde_json::from_str::<Schedule>(json).ok());
    let mut jobs = Vec::new();
    for day in [today.yesterday().unwrap_or(today), today] {
        let due = reminders_for(facts, p, plan.as_ref(), day, quiet);
        if due.is_empty() {
            continue;
        }
        if p.settings.digest || p.low_capacity {
            // One gentle email a day, at the end of the quiet hours, naming what is there.
            let at = deliver_at(day, quiet.end, &p.time_zone, quiet);
            if in_window(at) {
                let lines: Vec<String> = due.into_iter().map(|d| d.line).collect();
                jobs.push(messages::reminder(base, &lines).job(
                    key(&p.person_id, "digest", day),
                    "digest",
                    &p.email,
                    Some(&p.person_id),
                    at,
                ));
            }
            continue;
        }
        for d in due.into_iter().filter(|d| in_window(d.at)) {
            jobs.push(messages::reminder(base, std::slice::from_ref(&d.line)).job(
                d.key,
                "reminder",
                &p.email,
                Some(&p.person_id),
                d.at,
            ));
        }
    }
    jobs
}

/// Plans everything due up to `now` (and not older than the window), for everyone: the facts
/// are read in a handful of queries, the emails queued in a few transactions.
pub async fn plan(state: &AppState, now: Timestamp) -> anyhow::Result<usize> {
    let base = state.settings.public_url.trim_end_matches('/').to_owned();
    // Every time zone's yesterday and today lie within two days of UTC's today.
    let utc_today = now.to_zoned(jiff::tz::TimeZone::UTC).date();
    let span = SignedDuration::from_hours(48);
    let (first, last) = (utc_today.saturating_sub(span), utc_today.saturating_add(span));
    let facts = state.store.reminder_facts(first, last, now - span, now + span).await?;
    let devices = push::live_devices(state, None, now).await?;
    let payload = push::Payload {
        title: "Tend".to_owned(),
        body: msg::mail_reminder_subject().to_owned(),
        url: format!("{base}/home"),
    };
    let mut queued = 0;
    let mut batch = Vec::new();
    for p in &facts.people {
        let emails = jobs_for(&facts, p, now, &base);
        if let Some(subscriptions) = devices.get(p.person_id.as_str()) {
            let quiet = QuietHours { start: p.settings.quiet_start, end: p.settings.quiet_end };
            for email in &emails {
                let until = quiet_begins_after(email.not_before, &p.time_zone, quiet).unwrap_or(Timestamp::MAX);
                batch.extend(push::jobs_beside(email, subscriptions, &payload, until));
            }
        }
        if p.settings.by_email {
            batch.extend(emails);
        }
        if batch.len() >= 1000 {
            queued += state.store.enqueue_all(&batch).await?;
            batch.clear();
        }
    }
    queued += state.store.enqueue_all(&batch).await?;
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
