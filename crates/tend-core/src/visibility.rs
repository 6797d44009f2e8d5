//! The one rule for who may read what a person wrote. Every read path asks `may_read`.
//!
//! - The author may read their own entry, except while it is sealed (a time capsule): then nobody.
//! - The partner may read only while both are in the couple the entry was written in, and only
//!   what the author shared: shared now, revealed after both answered, or a capsule once opened.
//! - Everyone else: never. Leaving a couple therefore ends the partner's access at once.

use jiff::Timestamp;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    /// Only the author.
    Private,
    /// The author and their partner.
    Shared,
    /// The partner sees it once both have answered the prompt, or the writer's day has ended.
    RevealAfterBoth { revealed: bool },
    /// Nobody reads it until it is opened on or after the date.
    Sealed { opens_at: Timestamp, opened: bool },
}

/// Who is asking: their id and the couple they belong to right now.
#[derive(Debug, Clone, Copy)]
pub struct Viewer<'a> {
    pub person: &'a str,
    pub couple: Option<&'a str>,
}

/// What is being asked about.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    pub author: &'a str,
    /// The couple the entry was written in (if any).
    pub couple: Option<&'a str>,
    /// The couple the author belongs to right now (if any).
    pub author_couple_now: Option<&'a str>,
    pub visibility: Visibility,
}

pub fn may_read(viewer: Viewer<'_>, entry: Entry<'_>, now: Timestamp) -> bool {
    if let Visibility::Sealed { opens_at, opened } = entry.visibility {
        if !opened || now < opens_at {
            return false;
        }
    }
    if viewer.person == entry.author {
        return true;
    }
    let same_couple_still = match (viewer.couple, entry.couple, entry.author_couple_now) {
        (Some(v), Some(e), Some(a)) => v == e && a == e,
        _ => false,
    };
    same_couple_still
        && match entry.visibility {
            Visibility::Private => false,
            Visibility::Shared => true,
            Visibility::RevealAfterBoth { revealed } => revealed,
            Visibility::Sealed { .. } => true,
        }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_800_000_000;

    fn now() -> Timestamp {
        Timestamp::from_second(NOW).unwrap()
    }

    fn entry(visibility: Visibility) -> Entry<'static> {
        Entry { author: "ana", couple: Some("c1"), author_couple_now: Some("c1"), visibility }
    }

    const ANA: Viewer<'static> = Viewer { person: "ana", couple: Some("c1") };
    const BEN: Viewer<'static> = Viewer { person: "ben", couple: Some("c1") };
    const STRANGER: Viewer<'static> = Viewer { person: "cat", couple: Some("c2") };

    #[test]
    fn partner_cannot_read_a_private_entry_but_the_author_can() {
        assert!(may_read(ANA, entry(Visibility::Private), now()));
        assert!(!may_read(BEN, entry(Visibility::Private), now()));
    }

    #[test]
    fn partner_reads_a_shared_entry_and_a_stranger_never_does() {
        assert!(may_read(BEN, entry(Visibility::Shared), now()));
        assert!(!may_read(STRANGER, entry(Visibility::Shared), now()));
    }

    #[test]
    fn after_the_author_leaves_the_partner_reads_nothing() {
        let mut shared = entry(Visibility::Shared);
        shared.author_couple_now = None;
        assert!(!may_read(BEN, shared, now()));
        let left_viewer = Viewer { person: "ben", couple: None };
        assert!(!may_read(left_viewer, entry(Visibility::Shared), now()));
    }

    #[test]
    fn a_shared_daily_answer_stays_hidden_until_revealed() {
        assert!(!may_read(BEN, entry(Visibility::RevealAfterBoth { revealed: false }), now()));
        assert!(may_read(BEN, entry(Visibility::RevealAfterBoth { revealed: true }), now()));
        assert!(may_read(ANA, entry(Visibility::RevealAfterBoth { revealed: false }), now()));
    }

    #[test]
    fn a_sealed_capsule_is_unreadable_even_by_its_author_until_opened_after_its_date() {
        let opens_at = Timestamp::from_second(NOW + 10).unwrap();
        let sealed = entry(Visibility::Sealed { opens_at, opened: false });
        assert!(!may_read(ANA, sealed, now()));
        assert!(!may_read(BEN, sealed, now()));
        let early = entry(Visibility::Sealed { opens_at, opened: true });
        assert!(!may_read(ANA, early, now()));
        let later = Timestamp::from_second(NOW + 11).unwrap();
        let opened = entry(Visibility::Sealed { opens_at, opened: true });
        assert!(may_read(ANA, opened, later));
        assert!(may_read(BEN, opened, later));
    }
}
