//! Words for times and confirmations as a person reads them: a time or a day in their own
//! zone, how long ago, which week (never a week number), and the calm notice a redirect asks
//! a page to show (`?done=CODE`).

use jiff::Timestamp;

/// A time as a person reads it, in their own time zone: "26 Nov 2026, 14:05".
pub fn local_time(at: Timestamp, time_zone: &str) -> String {
    let zone = tend_core::time_zone::zone_of(time_zone);
    at.to_zoned(zone).strftime("%-d %b %Y, %H:%M").to_string()
}

/// How long ago, in words ("just now", "20 minutes ago", "yesterday", "3 days ago"): never a
/// count of anything missed, only when something came.
pub fn when_words(at: Timestamp, now: Timestamp) -> String {
    let minutes = now.duration_since(at).as_secs().max(0) / 60;
    match minutes {
        0..=1 => "just now".to_owned(),
        2..=59 => format!("{minutes} minutes ago"),
        60..=119 => "an hour ago".to_owned(),
        120..=1439 => format!("{} hours ago", minutes / 60),
        1440..=2879 => "yesterday".to_owned(),
        _ => format!("{} days ago", minutes / 1440),
    }
}

/// A week in words, counted from the Monday of this week: "this week", "last week",
/// "3 weeks ago". Never a week number.
pub fn week_words(week_of: jiff::civil::Date, this_week_of: jiff::civil::Date) -> String {
    let weeks = this_week_of.since(week_of).map(|s| s.get_days() / 7).unwrap_or(0);
    match weeks {
        ..=0 => "this week".to_owned(),
        1 => "last week".to_owned(),
        n => format!("{n} weeks ago"),
    }
}

/// A day as a person reads it, in their own time zone: "26 November 2026".
pub fn local_date(at: Timestamp, time_zone: &str) -> String {
    let zone = tend_core::time_zone::zone_of(time_zone);
    at.to_zoned(zone).strftime("%-d %B %Y").to_string()
}

/// The calm confirmations a redirect can ask a page to show, by code (`?done=`).
pub fn notice(code: Option<&str>) -> Option<&'static str> {
    Some(match code? {
        "account-ready" => "Your account is ready. Log in to begin.",
        "logged-out" => "You're logged out. See you soon.",
        "profile-saved" => "Saved.",
        "password-changed" => "Your password is changed. Your other devices have been signed out.",
        "push-on" => "Notifications are on for this device. They follow your reminder choices and quiet hours.",
        "push-off" => "Notifications are off for this device.",
        "email-link-sent" => "A link is on its way to your new address. Your email changes once you confirm it there; until then, nothing changes.",
        "email-changed" => "Your email is changed. From now on, sign in with the new address.",
        "password-reset" => "Your new password is saved, and every device was signed out. Log in with it now.",
        "device-signed-out" => "That device is signed out.",
        "imported" => "Your export is in. Its check-ups, pulses, journal entries and notes are here, kept private; what belonged to a couple space stayed with it.",
        "invite-cancelled" => "The invite is cancelled. It no longer works.",
        "joined" => "You've joined. Welcome, both of you.",
        "left" => "You've left the couple space.",
        "deleted" => "Your account and everything you wrote have been erased.",
        "shared" => "Shared. You can take it back whenever you like.",
        "unshared" => "This result is private again.",
        "pulse-saved" => "Thank you. Your pulse is saved, just for you.",
        "plan-started" => "Your plan has begun. Go gently.",
        "plan-paused" => "The plan is paused. It will wait for you.",
        "plan-resumed" => "Welcome back. The plan carries on from where you were.",
        "agreement-proposed" => "Proposed. It counts once you both say yes.",
        "agreement-accepted" => "You've both said yes. It's in force now.",
        "agreement-reviewed" => "Thank you for looking at it again together.",
        "all-asked" => "You've asked every question there. Add some of your own, or choose another set or theme.",
        "question-added" => "Added to your deck.",
        "invitation-sent" => "Sent. Whatever the answer, asking was a kind thing to do.",
        "invitation-answered" => "Your answer is sent.",
        "bid-set-aside" => "Done. It's off your Today, and nothing was sent.",
        "rules-proposed" => "Proposed. They count once you both say yes.",
        "rules-accepted" => "These are your ground rules now.",
        "repair-offered" => "Offered. That took care.",
        "repair-accepted" => "Accepted, with thanks.",
        "talk-scheduled" => "Planned. Go gently with each other.",
        "talk-closed" => "Closed, with what you agreed kept for you both.",
        "week-repeats" => "After this week, you'll have this same week once more.",
        "ritual-answered" => "Kept. Your partner sees it once they've answered too, or when your day is over.",
        "schedule-saved" => "Your ritual schedule is saved.",
        "timer-ended" => "The timer is done. Those minutes together count.",
        "check-moved-on" => "The other device had already moved the check along, so yours didn't. This is where you both are now.",
        "check-saved" => "Your weekly check is saved. You can both come back to it any time.",
        "note-empty" => "A note needs a few words. Nothing was added.",
        "writing-kept" => "Kept, just for you. Share it only if and when you want to.",
        "writing-shared" => "Shared with your partner.",
        "journal-kept" => "Kept in your journal, just for you.",
        "journal-shared" => "Shared with your partner.",
        "journal-deleted" => "That entry is deleted.",
        "joy-planned" => "Planned. Enjoy it.",
        "joy-done" => "Kept in what you've enjoyed together.",
        "capsule-sealed" => "Sealed. It will wait for its day.",
        "capsule-cancelled" => "Cancelled. What it held is erased.",
        "experiment-started" => "Two weeks, one small thing. Go gently with yourself.",
        "experiment-logged" => "Noted, just for you.",
        "experiment-reflected" => "Your reflection is kept.",
        "win-logged" => "A win, noticed and kept.",
        "help-saved" => "Saved, just for you.",
        "situation-saved" => "Saved. Tend will go gently with this in mind.",
        "clarity-kept" => "Kept, only for you.",
        "touch-kept" => "Kept private. Share it only if and when you want to.",
        "touch-shared" => "Shared with your partner.",
        "reminders-saved" => "Your reminders are saved.",
        "calendar-rotated" => "Your calendar feed has a new address. The old one no longer works.",
        "course-asked" => "Thank you. If the address can receive it, a link to confirm is on its way.",
        "course-confirmed" => "Confirmed. The first week is on its way to your inbox.",
        "course-stopped" => "You're unsubscribed. No more course emails will come.",
        _ => return None,
    })
}
