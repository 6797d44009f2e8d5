//! The private calendar feed: an unguessable URL that can be replaced, read by a real
//! iCalendar parser (Python's `icalendar` with `dateutil`), whose occurrences for the next
//! eight weeks — across a daylight-saving change — are exactly Tend's own schedule.

use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp, ToSpan};
use reqwest::StatusCode;
use serde_json::{json, Value};
use tend_store::Backend;
use tend_web::clock::Clock;

use crate::helpers::{Person, TestApp, PASSWORD};

on_both_backends!(the_calendar_feed_matches_the_schedule_for_eight_weeks_across_a_dst_change);

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
    rule = ev.get("RRULE")
    occ = rrulestr(rule.to_ical().decode(), dtstart=dt).between(start, end, inc=True) if rule else [dt]
    out[str(ev["UID"])] = [o.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ") for o in occ if start <= o <= end]
print(json.dumps(out))
"#;

/// Occurrences per event UID between `start` and eight weeks later, as a real parser reads them.
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
    assert_eq!(parsed[&uid], json!(expected));
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
