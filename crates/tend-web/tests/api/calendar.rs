//! The private calendar feed: an unguessable URL that can be replaced, read by a real
//! iCalendar parser (Python's `icalendar` with `dateutil`), whose occurrences for the next
//! eight weeks — across a daylight-saving change — are exactly Tend's own schedule; and which
//! holds everything else with a time, each titled neutrally and only while it applies: the
//! weekly check, each week of the plan and each agreement's review day.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp, ToSpan};
use reqwest::StatusCode;
use serde_json::{json, Value};
use tend_store::Backend;
use tend_web::clock::Clock;

use crate::helpers::{Person, TestApp, PASSWORD};
use crate::mail::{mailer, parse, put, run};
use crate::smtp::SmtpSink;

on_both_backends!(
    the_calendar_feed_matches_the_schedule_for_eight_weeks_across_a_dst_change,
    the_weekly_check_is_in_the_feed_on_the_chosen_day_and_time_where_the_person_lives,
    each_week_of_the_plan_is_an_all_day_event_on_the_day_it_begins_and_moves_with_a_pause_or_a_repeat,
    an_agreements_review_day_is_in_the_feed_once_both_said_yes_and_never_its_words,
);

const EXPAND: &str = r#"
import datetime, json, sys
import icalendar
from dateutil.rrule import rrulestr
cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
start = datetime.datetime.fromisoformat(sys.argv[1])
end = start + datetime.timedelta(weeks=8)
out = {}
for ev in cal.walk("VEVENT"):
    dt = ev.decoded("DTSTART")
    item = {"summary": str(ev.get("SUMMARY", "")), "description": str(ev.get("DESCRIPTION", ""))}
    if isinstance(dt, datetime.datetime):
        rule = ev.get("RRULE")
        occ = rrulestr(rule.to_ical().decode(), dtstart=dt).between(start, end, inc=True) if rule else [dt]
        item["at"] = [o.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ") for o in occ if start <= o <= end]
    else:
        # An all-day event: its date, and DTEND, the (exclusive) day after it.
        item["day"] = dt.isoformat()
        item["until"] = ev.decoded("DTEND").isoformat()
    out[str(ev["UID"])] = item
print(json.dumps(out))
"#;

/// Per event UID, as a real parser reads it: its summary and description, and either its
/// occurrences between `start` and eight weeks later (`at`, in UTC) or, for an all-day event,
/// its date (`day`) and end (`until`).
fn expand(ics: &str, start: Timestamp) -> Value {
    use std::io::Write;
    let python = std::env::var("TEND_PYTHON").unwrap_or_else(|_| "python3".into());
    let mut child = std::process::Command::new(&python)
        .args(["-c", EXPAND, &start.to_string()])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("python for the iCalendar check (scripts/test sets TEND_PYTHON)");
    child.stdin.take().unwrap().write_all(ics.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "icalendar could not read the feed (run scripts/test): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

async fn the_calendar_feed_matches_the_schedule_for_eight_weeks_across_a_dst_change(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, _ben) = app.couple("Ana", "Ben").await;
    // To early March, so the eight weeks cross Europe's change to summer time.
    let zone = jiff::tz::TimeZone::get("Europe/Berlin").unwrap();
    let year = app.clock.now().to_zoned(zone.clone()).year() + 1;
    let march: Timestamp =
        jiff::civil::date(year as i16, 3, 1).at(12, 0, 0, 0).to_zoned(zone.clone()).unwrap().timestamp();
    app.clock.advance(march.duration_since(app.clock.now()));
    let ana = Person { email: ana.email.clone(), token: app.log_in(&ana.email, PASSWORD).await.unwrap() };
    let schedule =
        json!({"rituals": [{"kind": "morning", "enabled": true, "days": ["mon", "wed", "sun"], "time": "07:45"}]});
    assert_eq!(app.call(Some(&ana), "PUT", "/api/v1/rituals/schedule", Some(schedule)).await.status(), StatusCode::OK);
    let (_, feed) = app.get(&ana, "/api/v1/calendar").await;
    let url = feed["url"].as_str().unwrap().to_owned();
    assert_eq!(app.get(&ana, "/api/v1/calendar").await.1["url"], url.as_str(), "the same URL until replaced");
    let res = app.api.get(&url).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/calendar"));
    let ics = res.text().await.unwrap();
    assert!(!ics.contains("Ben") && !ics.contains("Ana"), "neutral: no names");
    let now = app.clock.now();
    let parsed = expand(&ics, now);
    let uid = parsed.as_object().unwrap().keys().find(|k| k.starts_with("ritual-morning")).unwrap().clone();
    // Tend's own schedule: Monday, Wednesday and Sunday at 07:45 Berlin time, for eight weeks.
    let today: Date = now.to_zoned(zone.clone()).date();
    let end = now + SignedDuration::from_hours(24 * 7 * 8);
    let expected: Vec<String> = (0..=56)
        .map(|n| today + n.days())
        .filter(|d| matches!(d.weekday().to_monday_zero_offset(), 0 | 2 | 6))
        .map(|d| d.at(7, 45, 0, 0).to_zoned(zone.clone()).unwrap().timestamp())
        .filter(|t| *t >= now && *t <= end)
        .map(|t| t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string())
        .collect();
    assert_eq!(parsed[&uid]["at"], json!(expected));
    assert!(
        expected.iter().any(|t| t.ends_with("06:45:00Z")) && expected.iter().any(|t| t.ends_with("05:45:00Z")),
        "both sides of the change"
    );
    // A new URL revokes the old one; a made-up one reads nothing.
    let (_, rotated) = app.get(&ana, "/api/v1/calendar").await;
    let new: Value = app.call(Some(&ana), "POST", "/api/v1/calendar/rotate", None).await.json().await.unwrap();
    assert_ne!(new["url"], rotated["url"]);
    assert_eq!(app.api.get(&url).send().await.unwrap().status(), StatusCode::NOT_FOUND);
    assert_eq!(app.api.get(new["url"].as_str().unwrap()).send().await.unwrap().status(), StatusCode::OK);
    let made_up = app.url("/calendar/0000000000000000000000000000000000000000000.ics");
    assert_eq!(app.api.get(made_up).send().await.unwrap().status(), StatusCode::NOT_FOUND);
}

/// Someone who lives in `zone`.
async fn person_in(app: &TestApp, name: &str, zone: &str) -> Person {
    let email = format!("{}@example.org", name.to_lowercase());
    let body = json!({"display_name": name, "email": email, "password": PASSWORD, "time_zone": zone});
    let res = app.api.post(app.url("/api/v1/accounts")).json(&body).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    Person { token: app.log_in(&email, PASSWORD).await.unwrap(), email }
}

/// The person's feed as text and as the parser reads it, checked to be neutral.
async fn feed(app: &TestApp, who: &Person) -> (String, Value) {
    let (_, feed) = app.get(who, "/api/v1/calendar").await;
    let ics = app.api.get(feed["url"].as_str().unwrap()).send().await.unwrap().text().await.unwrap();
    for private in ["Ana", "Ben", "canary"] {
        assert!(!ics.contains(private), "neutral: no names and no written words ({private})");
    }
    let parsed = expand(&ics, app.clock.now());
    (ics, parsed)
}

/// The UIDs of the events whose UID starts with `prefix`, sorted.
fn uids(parsed: &Value, prefix: &str) -> Vec<String> {
    let mut found: Vec<String> =
        parsed.as_object().unwrap().keys().filter(|k| k.starts_with(prefix)).cloned().collect();
    found.sort();
    found
}

fn advance_to(app: &TestApp, at: Timestamp) {
    app.clock.advance(at.duration_since(app.clock.now()));
}

async fn the_weekly_check_is_in_the_feed_on_the_chosen_day_and_time_where_the_person_lives(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let sink = SmtpSink::start().await;
    let mailer = mailer(&sink);
    let la = TimeZone::get("America/Los_Angeles").unwrap();
    let ana = person_in(&app, "Ana", "America/Los_Angeles").await;
    let thursdays = json!({"kinds": ["weekly_check"], "digest": false, "quiet_start": "21:00", "quiet_end": "08:00",
                           "weekly_check_day": "thu", "weekly_check_time": "18:30"});
    assert_eq!(put(&app, &ana, "/api/v1/reminders", thursdays).await, StatusCode::OK);
    // The weekly check is for two: not alone, nor while the invitation is open.
    assert_eq!(uids(&feed(&app, &ana).await.1, "weekly-check"), Vec::<String>::new(), "not paired");
    let invite = app.create_couple(&ana).await;
    assert_eq!(uids(&feed(&app, &ana).await.1, "weekly-check"), Vec::<String>::new(), "partner not joined");
    let ben = app.person("Ben").await;
    let res = app.call(Some(&ben), "POST", "/api/v1/couple/join", Some(json!({"code": invite["code"]}))).await;
    assert_eq!(res.status(), StatusCode::OK);

    let (ics, parsed) = feed(&app, &ana).await;
    let found = uids(&parsed, "weekly-check");
    assert_eq!(found.len(), 1, "{ics}");
    let uid = found[0].clone();
    let event = &parsed[&uid];
    assert_eq!(event["summary"], "Tend: weekly check");
    assert!(event["description"].as_str().unwrap().ends_with(&app.url("/weekly-check")), "{event}");
    // Every Thursday at 18:30 where Ana lives, for the next eight weeks.
    let now = app.clock.now();
    let today = now.to_zoned(la.clone()).date();
    let expected: Vec<String> = (0..=56)
        .map(|n| today + n.days())
        .filter(|d| d.weekday() == jiff::civil::Weekday::Thursday)
        .map(|d| d.at(18, 30, 0, 0).to_zoned(la.clone()).unwrap().timestamp())
        .filter(|t| *t >= now && *t <= now + SignedDuration::from_hours(24 * 7 * 8))
        .map(|t| t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string())
        .collect();
    assert!(expected.len() >= 8);
    assert_eq!(event["at"], json!(expected));
    // Ben chose no weekly check reminder: his own feed has none.
    assert_eq!(uids(&feed(&app, &ben).await.1, "weekly-check"), Vec::<String>::new());

    // The reminder planner knows the same moments: its email comes at the feed's second one,
    // not on the day before.
    let second: Timestamp = event["at"][1].as_str().unwrap().parse().unwrap();
    advance_to(&app, second - SignedDuration::from_hours(24) + SignedDuration::from_mins(1));
    assert_eq!(run(&app, &mailer).await, 0, "not the day before");
    app.clock.advance(SignedDuration::from_hours(24));
    assert_eq!(run(&app, &mailer).await, 1);
    assert!(parse(&sink.messages()[0]).text.contains("Your weekly check"));

    // Another day moves the same event (one UID, so calendar apps update it).
    let mondays = json!({"kinds": ["weekly_check"], "digest": false, "quiet_start": "21:00", "quiet_end": "08:00",
                         "weekly_check_day": "mon", "weekly_check_time": "07:15"});
    assert_eq!(put(&app, &ana, "/api/v1/reminders", mondays).await, StatusCode::OK);
    let (_, parsed) = feed(&app, &ana).await;
    assert_eq!(uids(&parsed, "weekly-check"), vec![uid.clone()]);
    for at in parsed[&uid]["at"].as_array().unwrap() {
        let local = at.as_str().unwrap().parse::<Timestamp>().unwrap().to_zoned(la.clone());
        assert_eq!((local.weekday(), local.hour(), local.minute()), (jiff::civil::Weekday::Monday, 7, 15));
    }
    // Turning the reminder off, or leaving, takes it away.
    let off = json!({"kinds": [], "digest": false, "quiet_start": "21:00", "quiet_end": "08:00",
                     "weekly_check_day": "mon", "weekly_check_time": "07:15"});
    assert_eq!(put(&app, &ana, "/api/v1/reminders", off).await, StatusCode::OK);
    assert_eq!(uids(&feed(&app, &ana).await.1, "weekly-check"), Vec::<String>::new(), "not chosen");
    let mondays = json!({"kinds": ["weekly_check"], "digest": false, "quiet_start": "21:00", "quiet_end": "08:00",
                         "weekly_check_day": "mon", "weekly_check_time": "07:15"});
    assert_eq!(put(&app, &ana, "/api/v1/reminders", mondays).await, StatusCode::OK);
    assert_eq!(uids(&feed(&app, &ana).await.1, "weekly-check"), vec![uid]);
    assert_eq!(app.call(Some(&ben), "POST", "/api/v1/couple/leave", None).await.status(), StatusCode::NO_CONTENT);
    assert_eq!(uids(&feed(&app, &ana).await.1, "weekly-check"), Vec::<String>::new(), "no longer paired");
}

/// The plan's all-day events in a feed: `(uid, summary, day)` in date order, each one day long.
fn plan_days(parsed: &Value, base: &str) -> Vec<(String, String, Date)> {
    let mut found: Vec<(String, String, Date)> = uids(parsed, "plan-")
        .into_iter()
        .map(|uid| {
            let e = &parsed[&uid];
            let day: Date = e["day"].as_str().expect("an all-day event").parse().unwrap();
            assert_eq!(
                e["until"].as_str().unwrap(),
                day.tomorrow().unwrap().to_string(),
                "one day: DTEND is exclusive"
            );
            assert!(e["description"].as_str().unwrap().ends_with(&format!("{base}/plan")), "{e}");
            (uid, e["summary"].as_str().unwrap().to_owned(), day)
        })
        .collect();
    found.sort_by_key(|(_, _, day)| *day);
    found
}

async fn each_week_of_the_plan_is_an_all_day_event_on_the_day_it_begins_and_moves_with_a_pause_or_a_repeat(
    backend: Backend,
) {
    let app = TestApp::spawn(backend).await;
    // At 13:00 UTC it is already tomorrow in Auckland, where Ana lives, and still today in Berlin.
    let utc = app.clock.now().to_zoned(TimeZone::UTC).date();
    advance_to(&app, utc.tomorrow().unwrap().at(13, 0, 0, 0).to_zoned(TimeZone::UTC).unwrap().timestamp());
    let auckland = app.clock.now().to_zoned(TimeZone::get("Pacific/Auckland").unwrap()).date();
    let berlin = app.clock.now().to_zoned(TimeZone::get("Europe/Berlin").unwrap()).date();
    assert_eq!(auckland, berlin.tomorrow().unwrap());
    let ana = person_in(&app, "Ana", "Pacific/Auckland").await;
    let ben = app.person("Ben").await;
    let invite = app.create_couple(&ana).await;
    app.call(Some(&ben), "POST", "/api/v1/couple/join", Some(json!({"code": invite["code"]}))).await;
    let base = app.url("");
    assert_eq!(plan_days(&feed(&app, &ana).await.1, &base), Vec::new(), "no plan started");

    // Started today where Ana lives: weeks 1 to 8, each on the day it begins.
    let res = app.call(Some(&ana), "POST", "/api/v1/plan", Some(json!({}))).await;
    assert!(res.status().is_success(), "{}", res.status());
    let started: Date = res.json::<Value>().await.unwrap()["started_on"].as_str().unwrap().parse().unwrap();
    assert_eq!(started, auckland, "Ana's own today");
    let weeks = plan_days(&feed(&app, &ana).await.1, &base);
    let titles: Vec<(String, Date)> = weeks.iter().map(|(_, s, d)| (s.clone(), *d)).collect();
    let expected: Vec<(String, Date)> =
        (1..=8).map(|w| (format!("Tend: week {w} begins"), started + (7 * (w - 1)).days())).collect();
    assert_eq!(titles, expected);
    // Ben, in Berlin, sees the same days: a week begins on the plan's own date.
    let bens = plan_days(&feed(&app, &ben).await.1, &base);
    assert_eq!(bens.iter().map(|(_, s, d)| (s.clone(), *d)).collect::<Vec<_>>(), expected);
    let uid_of = |weeks: &[(String, String, Date)], title: &str| {
        weeks.iter().find(|(_, s, _)| s == title).map(|(u, _, _)| u.clone()).unwrap()
    };
    let week3 = uid_of(&weeks, "Tend: week 3 begins");

    // In week 2, the week once more: it comes again and the later weeks move on a week, each
    // under the UID it had (so calendar apps move them rather than add new ones).
    app.clock.advance(SignedDuration::from_hours(24 * 8));
    assert!(app.call(Some(&ana), "POST", "/api/v1/plan/repeat", None).await.status().is_success());
    let weeks = plan_days(&feed(&app, &ana).await.1, &base);
    let mut expected: Vec<(String, Date)> = vec![
        ("Tend: week 1 begins".into(), started),
        ("Tend: week 2 begins".into(), started + 7.days()),
        ("Tend: week 2 once more".into(), started + 14.days()),
    ];
    expected.extend((3..=8).map(|w| (format!("Tend: week {w} begins"), started + (7 * w).days())));
    assert_eq!(weeks.iter().map(|(_, s, d)| (s.clone(), *d)).collect::<Vec<_>>(), expected);
    assert_eq!(uid_of(&weeks, "Tend: week 3 begins"), week3);

    // Paused: only the weeks that have begun have a day; resumed five days later, the rest
    // come back five days on.
    assert!(app.call(Some(&ana), "POST", "/api/v1/plan/pause", None).await.status().is_success());
    let weeks = plan_days(&feed(&app, &ana).await.1, &base);
    assert_eq!(
        weeks.iter().map(|(_, s, _)| s.as_str()).collect::<Vec<_>>(),
        ["Tend: week 1 begins", "Tend: week 2 begins"]
    );
    app.clock.advance(SignedDuration::from_hours(24 * 5));
    // (Ana resumes: in Berlin, Ben's day is still the one before, and pauses count days.)
    assert!(app.call(Some(&ana), "POST", "/api/v1/plan/resume", None).await.status().is_success());
    let weeks = plan_days(&feed(&app, &ana).await.1, &base);
    let shifted: Vec<(String, Date)> =
        expected.iter().map(|(s, d)| (s.clone(), if *d > started + 7.days() { *d + 5.days() } else { *d })).collect();
    assert_eq!(weeks.iter().map(|(_, s, d)| (s.clone(), *d)).collect::<Vec<_>>(), shifted);
    assert_eq!(uid_of(&weeks, "Tend: week 3 begins"), week3);
}

async fn an_agreements_review_day_is_in_the_feed_once_both_said_yes_and_never_its_words(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ana, ben) = app.couple("Ana", "Ben").await;
    let base = app.url("");
    assert_eq!(uids(&feed(&app, &ana).await.1, "agreement-"), Vec::<String>::new(), "no agreement yet");
    let today = app.clock.now().to_zoned(TimeZone::get("Europe/Berlin").unwrap()).date();
    let review_on = today + 10.days();
    let body = json!({"kind": "need", "text": "canary-agreement-words", "review_on": review_on.to_string()});
    let proposal: Value = app.call(Some(&ana), "POST", "/api/v1/agreements", Some(body)).await.json().await.unwrap();
    let id = proposal["id"].as_str().unwrap().to_owned();
    assert_eq!(uids(&feed(&app, &ana).await.1, "agreement-"), Vec::<String>::new(), "not in force before the yes");
    let accept = format!("/api/v1/agreements/{id}/accept");
    assert_eq!(app.call(Some(&ben), "POST", &accept, None).await.status(), StatusCode::OK);

    let uid = format!("agreement-{id}@tend");
    for who in [&ana, &ben] {
        let (ics, parsed) = feed(&app, who).await;
        assert_eq!(uids(&parsed, "agreement-"), vec![uid.clone()], "{ics}");
        let event = &parsed[&uid];
        assert_eq!(event["summary"], "Tend: an agreement's review day");
        assert_eq!(
            (event["day"].as_str().unwrap(), event["until"].as_str().unwrap()),
            (review_on.to_string().as_str(), review_on.tomorrow().unwrap().to_string().as_str())
        );
        assert!(event["description"].as_str().unwrap().ends_with(&format!("{base}/agreements")), "{event}");
        assert!(ics.contains(&format!("DTSTART;VALUE=DATE:{}", review_on.strftime("%Y%m%d"))), "a DATE, with no zone");
    }
    // Looked at again, with a new date: the same event moves.
    let next = review_on + 30.days();
    app.clock.advance(SignedDuration::from_hours(24 * 10));
    let res = app
        .call(
            Some(&ben),
            "POST",
            &format!("/api/v1/agreements/{id}/review"),
            Some(json!({"review_on": next.to_string()})),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let (_, parsed) = feed(&app, &ana).await;
    assert_eq!(uids(&parsed, "agreement-"), vec![uid.clone()]);
    assert_eq!(parsed[&uid]["day"], next.to_string());
    // Leaving closes the couple space: nothing of it stays in the feed.
    assert_eq!(app.call(Some(&ben), "POST", "/api/v1/couple/leave", None).await.status(), StatusCode::NO_CONTENT);
    assert_eq!(uids(&feed(&app, &ana).await.1, "agreement-"), Vec::<String>::new(), "not paired");
}
