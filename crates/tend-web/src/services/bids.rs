//! Bids for connection: what the partner reached out with (an invitation to talk, a repair, a
//! shared check-up reading, journal entry or plan writing, an agreement waiting for a yes) and what is ready for
//! both (a time capsule), shown on the receiver's Today until answered where it lives or set aside.
//!
//! Rule 2 holds here: the sender is never told whether a bid was seen or set aside (setting aside
//! writes only a row of the receiver's own). When a bid is sent, the receiver may get one neutral
//! email ("Something new in Tend"), and the same words on each device they turned notifications
//! on for, through their own reminder choice: at most one an hour, never in their quiet hours,
//! nothing at all unless they turned it on. Daily ritual answers are never
//! bids (rule 4).

use jiff::{SignedDuration, Timestamp};
use serde::Serialize;
use tend_core::ids::PersonId;
use tend_core::msg;
use tend_core::reminders::{deliver_at, quiet_begins_after, QuietHours};
use tend_core::rituals::local_day;
use tend_core::sealing::{DataKey, StoredWords};
use tend_core::visibility::{reveal, Viewer};
use tend_store::{BidRecord, Couple};
use utoipa::ToSchema;

use super::couple_key;
use super::{ServiceError, ServiceResult};
use crate::mail::{messages, push};
use crate::state::AppState;

/// Shared readings and entries stay on Today for this long unless set aside first.
pub const SHARED_STAYS: SignedDuration = SignedDuration::from_hours(24 * 30);
/// At most one "something new" email an hour.
const EMAIL_GAP: SignedDuration = SignedDuration::from_hours(1);
/// The reminder choice that lets bids send an email.
pub const REMINDER_KIND: &str = "bids";

/// The kinds of bid, as the API and the pages name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BidKind {
    Invitation,
    Repair,
    Checkup,
    Journal,
    Writing,
    Agreement,
    Capsule,
}

impl BidKind {
    pub const ALL: [BidKind; 7] = [
        BidKind::Invitation,
        BidKind::Repair,
        BidKind::Checkup,
        BidKind::Journal,
        BidKind::Writing,
        BidKind::Agreement,
        BidKind::Capsule,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            BidKind::Invitation => "invitation",
            BidKind::Repair => "repair",
            BidKind::Checkup => "checkup",
            BidKind::Journal => "journal",
            BidKind::Writing => "writing",
            BidKind::Agreement => "agreement",
            BidKind::Capsule => "capsule",
        }
    }

    pub fn parse(raw: &str) -> Option<BidKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw)
    }

    /// What the receiver reads, with the partner's name: neutral, never a count or a nudge.
    fn title(self, partner: &str) -> String {
        match self {
            BidKind::Invitation => format!("{partner} would like some time to talk"),
            BidKind::Repair => format!("{partner} reached out to make things right"),
            BidKind::Checkup => format!("{partner} shared a check-up reading with you"),
            BidKind::Journal => format!("{partner} shared an appreciation with you"),
            BidKind::Writing => format!("{partner} shared something they wrote for your plan"),
            BidKind::Agreement => format!("{partner} proposed an agreement"),
            BidKind::Capsule => msg::bids_time_capsule_ready_open().to_owned(),
        }
    }

    /// What the partner's copy of the words that came with it is bound to (the couple's key opens
    /// it); none for a bid that brings no words.
    fn words_context(self) -> Option<&'static str> {
        match self {
            BidKind::Invitation => Some(couple_key::INVITATION.shared),
            BidKind::Repair => Some(couple_key::REPAIR.shared),
            BidKind::Journal => Some(couple_key::JOURNAL.shared),
            BidKind::Agreement => Some(couple_key::AGREEMENT.shared),
            BidKind::Writing => Some(super::shared_notes::contexts(super::plan_writing::NOTE_KIND).shared),
            BidKind::Checkup | BidKind::Capsule => None,
        }
    }

    /// Where the bid lives, for reading it whole.
    fn link(self, id: &str) -> String {
        match self {
            BidKind::Invitation => "/invitations".to_owned(),
            BidKind::Repair => "/repairs".to_owned(),
            BidKind::Checkup => format!("/checkup/{id}"),
            BidKind::Journal => "/journal".to_owned(),
            BidKind::Writing => "/plan".to_owned(),
            BidKind::Agreement => "/agreements".to_owned(),
            BidKind::Capsule => "/capsules".to_owned(),
        }
    }
}

/// One bid on the receiver's Today.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BidView {
    /// `invitation`, `repair`, `checkup`, `journal`, `writing`, `agreement` or `capsule`.
    pub kind: String,
    pub id: String,
    /// A calm sentence naming it, with the partner's name.
    pub title: String,
    /// The words that came with it (an invitation's opener, a repair, an entry, an agreement).
    pub text: String,
    #[schema(value_type = String, format = DateTime)]
    pub at: Timestamp,
    /// An invitation's proposed time; none when it is "whenever suits you" (or not an invitation).
    #[schema(value_type = Option<String>, format = DateTime)]
    pub proposed_at: Option<Timestamp>,
    /// The page where it lives.
    pub link: String,
}

/// A bid as `viewer` sees it; none if its words are not theirs to read (the visibility rule).
fn revealed(record: BidRecord, viewer: Viewer<'_>, now: Timestamp) -> Option<(BidRecordWords, StoredWords)> {
    let BidRecord { kind, item_id, from_person: _, at, text, proposed_at } = record;
    let words = reveal(viewer, text, now)?.into_inner();
    Some((BidRecordWords { kind, item_id, at, proposed_at }, words))
}

/// A bid's facts, its words set apart once the visibility rule let them through.
struct BidRecordWords {
    kind: String,
    item_id: String,
    at: Timestamp,
    proposed_at: Option<Timestamp>,
}

/// The view of a revealed bid. Sealed words open with the couple's key, and are left out without
/// it.
fn view(record: BidRecordWords, words: &StoredWords, partner: &str, couple_key: Option<&DataKey>) -> Option<BidView> {
    let kind = BidKind::parse(&record.kind)?;
    let text = match (words, kind.words_context()) {
        (StoredWords::Sealed(_), Some(context)) => words.opened(couple_key, context).unwrap_or_default(),
        (StoredWords::Sealed(_), None) => String::new(),
        (StoredWords::Plain(words), _) => words.clone(),
    };
    Some(BidView {
        title: kind.title(partner),
        link: kind.link(&record.item_id),
        kind: record.kind,
        id: record.item_id,
        text,
        at: record.at,
        proposed_at: record.proposed_at,
    })
}

/// Everything waiting for the person, newest first; empty outside a paired couple space. With
/// the person's `key`, sealed words are opened (the couple's key is read only when one is).
pub async fn list(state: &AppState, person_id: &PersonId, key: Option<&DataKey>) -> ServiceResult<Vec<BidView>> {
    let couple = state.store.couple_of(person_id).await?;
    list_for(state, couple.as_ref(), person_id, key).await
}

/// The same, for a couple the caller has already read.
pub async fn list_for(
    state: &AppState,
    couple: Option<&Couple>,
    person_id: &PersonId,
    key: Option<&DataKey>,
) -> ServiceResult<Vec<BidView>> {
    let Some((couple, partner)) = couple.and_then(|c| c.partner_of(person_id).map(|p| (c, p))) else {
        return Ok(Vec::new());
    };
    let now = state.clock.now();
    let records = state.store.open_bids(&couple.id, person_id, now - SHARED_STAYS, now).await?;
    let viewer = Viewer { person: person_id, couple: Some(&couple.id) };
    let revealed: Vec<_> = records.into_iter().filter_map(|r| revealed(r, viewer, now)).collect();
    let sealed = revealed.iter().any(|(_, words)| matches!(words, StoredWords::Sealed(_)));
    let couple_key = match key.filter(|_| sealed) {
        Some(key) => couple_key::open(state, &couple.id, person_id, key).await?,
        None => None,
    };
    let partner = &partner.display_name;
    Ok(revealed.into_iter().filter_map(|(r, words)| view(r, &words, partner, couple_key.as_ref())).collect())
}

/// Sets one bid aside for the person (the sender learns nothing). Only a bid that is waiting for
/// this person can be set aside; anything else is not found.
pub async fn dismiss(state: &AppState, person_id: &PersonId, kind: &str, id: &str) -> ServiceResult<()> {
    let kind = BidKind::parse(kind).ok_or(ServiceError::NotFound)?;
    let waiting = list(state, person_id, None).await?;
    if !waiting.iter().any(|b| b.kind == kind.as_str() && b.id == id) {
        return Err(ServiceError::NotFound);
    }
    state.store.dismiss_bid(person_id, kind.as_str(), id, state.clock.now()).await?;
    Ok(())
}

/// After `from` sent a bid in `couple`: tells the partner by a neutral email if they chose to
/// hear about bids, at most one an hour and never in their quiet hours. A failure here never
/// fails the bid itself (it is on their Today either way).
pub async fn announce(state: &AppState, couple: &Couple, from: &PersonId) {
    let Some(to) = couple.partner_of(from) else { return };
    if let Err(err) = queue_email(state, &to.person_id).await {
        tracing::warn!(error = %err, "a bid's email could not be queued; it is on Today all the same");
    }
}

async fn queue_email(state: &AppState, to: &PersonId) -> ServiceResult<()> {
    let Some(settings) = state.store.reminder_settings(to).await? else { return Ok(()) };
    if !settings.kinds.iter().any(|k| k == REMINDER_KIND) {
        return Ok(());
    }
    let Some(person) = state.store.person(to).await? else { return Ok(()) };
    let now = state.clock.now();
    let quiet = QuietHours { start: settings.quiet_start, end: settings.quiet_end };
    let at = next_moment_outside(now, &person.time_zone, quiet);
    let base = state.settings.public_url.trim_end_matches('/');
    // One message id per hour: two instances racing on PostgreSQL still send one.
    let hour = at.as_second().div_euclid(3600);
    let job = messages::something_new(base).job(format!("bid:{to}:{hour}"), "bid", &person.email, Some(to), at);
    // Without email, the notifications alone keep to one an hour: their ids carry the hour.
    let queued = !settings.by_email || state.store.queue_bid_notice(&job, at - EMAIL_GAP).await?;
    if queued {
        // The same news to each device they turned notifications on for, just as neutral.
        let devices = push::live_devices(state, Some(to), now).await.map_err(ServiceError::Internal)?;
        if let Some(subscriptions) = devices.get(to.as_str()) {
            let payload = push::Payload {
                title: "Tend".to_owned(),
                body: msg::mail_something_new_subject().to_owned(),
                url: format!("{base}/home"),
            };
            let until = quiet_begins_after(at, &person.time_zone, quiet).unwrap_or(Timestamp::MAX);
            state.store.enqueue_all(&push::jobs_beside(&job, subscriptions, &payload, until)).await?;
        }
    }
    Ok(())
}

/// `now`, or the end of the quiet hours `now` falls in.
fn next_moment_outside(now: Timestamp, time_zone: &str, quiet: QuietHours) -> Timestamp {
    let zone = tend_core::time_zone::zone_of(time_zone);
    let local = now.to_zoned(zone);
    let minute = local.hour() as u16 * 60 + local.minute() as u16;
    deliver_at(local_day(now, time_zone), minute, time_zone, quiet).max(now)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn outside_quiet_hours_an_email_goes_at_once() {
        let quiet = QuietHours { start: 21 * 60, end: 8 * 60 };
        let now = at("2026-11-28T15:00:00Z");
        assert_eq!(next_moment_outside(now, "Europe/Berlin", quiet), now);
    }

    #[test]
    fn inside_quiet_hours_an_email_waits_for_their_end() {
        let quiet = QuietHours { start: 21 * 60, end: 8 * 60 };
        // 23:30 in Berlin: it waits until 08:00 the next morning there.
        let sent = next_moment_outside(at("2026-11-28T22:30:00Z"), "Europe/Berlin", quiet);
        assert_eq!(sent, at("2026-11-29T07:00:00Z"));
        // 06:00 in Berlin: until 08:00 the same morning.
        let early = next_moment_outside(at("2026-11-29T05:00:00Z"), "Europe/Berlin", quiet);
        assert_eq!(early, at("2026-11-29T07:00:00Z"));
    }

    #[test]
    fn every_kind_reads_back_from_its_name() {
        for kind in BidKind::ALL {
            assert_eq!(BidKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(BidKind::parse("ritual"), None, "ritual answers are never bids");
    }
}
