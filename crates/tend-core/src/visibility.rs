//! The one rule for who may read what a person wrote.
//!
//! The store hands out what a person wrote as a [`Candidate`]: the item sealed together with the
//! facts the rule needs (author, couple, sharing). Nothing outside this module can take the item
//! out of a candidate; only [`reveal`] can, and only as a [`Visible`] for a viewer the rule allows.
//! So a page or handler that forgets to ask cannot show a partner's private words: it has nothing
//! to show. The SQL only narrows down the candidates; this rule decides.
//!
//! - The author may read their own entry, except while it is sealed (a time capsule): then nobody.
//! - The partner may read only while both are in the couple the entry was written in, and only
//!   what the author shared: shared now, revealed after both answered, or a capsule once opened.
//! - Everyone else: never. Leaving a couple therefore ends the partner's access at once.

use jiff::Timestamp;

use crate::ids::{CoupleId, PersonId};

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
    pub person: &'a PersonId,
    pub couple: Option<&'a CoupleId>,
}

/// What is being asked about.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    pub author: &'a PersonId,
    /// The couple the entry was written in (if any).
    pub couple: Option<&'a CoupleId>,
    /// The couple the author belongs to right now (if any).
    pub author_couple_now: Option<&'a CoupleId>,
    pub visibility: Visibility,
}

/// The facts about a stored item the rule needs, as the store read them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    pub author: PersonId,
    /// The couple the item was written or shared in (if any).
    pub couple: Option<CoupleId>,
    /// The couple the author belongs to now (if any).
    pub author_couple_now: Option<CoupleId>,
    pub visibility: Visibility,
}

impl Facts {
    /// An item private to its author until they share it with the couple `shared_with`.
    pub fn private_until_shared(
        author: PersonId,
        shared_with: Option<CoupleId>,
        author_couple_now: Option<CoupleId>,
    ) -> Facts {
        let visibility = if shared_with.is_some() { Visibility::Shared } else { Visibility::Private };
        Facts { author, couple: shared_with, author_couple_now, visibility }
    }

    fn entry(&self) -> Entry<'_> {
        Entry {
            author: &self.author,
            couple: self.couple.as_ref(),
            author_couple_now: self.author_couple_now.as_ref(),
            visibility: self.visibility,
        }
    }
}

/// A stored item nobody has been allowed to read yet. Only [`reveal`] takes the item out (even
/// `Debug` shows only the facts, so a log line can't print it):
///
/// ```compile_fail
/// use tend_core::visibility::Candidate;
/// fn read_without_asking(candidate: Candidate<String>) -> String {
///     candidate.item // private: a page cannot skip the rule
/// }
/// ```
#[derive(Clone)]
pub struct Candidate<T> {
    item: T,
    facts: Facts,
}

impl<T> std::fmt::Debug for Candidate<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Candidate").field("facts", &self.facts).finish_non_exhaustive()
    }
}

impl<T> Candidate<T> {
    /// For the store, which read `item` and the facts about it.
    pub fn new(item: T, facts: Facts) -> Self {
        Candidate { item, facts }
    }

    pub fn facts(&self) -> &Facts {
        &self.facts
    }
}

/// An item the rule let one viewer read. Only [`reveal`] makes one:
///
/// ```compile_fail
/// use tend_core::visibility::Visible;
/// let forged = Visible("a partner's private words".to_owned()); // private: cannot be forged
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Visible<T>(T);

impl<T> Visible<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::ops::Deref for Visible<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// The candidate's item, if `viewer` may read it now.
pub fn reveal<T>(viewer: Viewer<'_>, candidate: Candidate<T>, now: Timestamp) -> Option<Visible<T>> {
    may_read(viewer, candidate.facts.entry(), now).then_some(Visible(candidate.item))
}

/// Those of the candidates `viewer` may read now, in their order.
pub fn reveal_all<T>(viewer: Viewer<'_>, candidates: Vec<Candidate<T>>, now: Timestamp) -> Vec<Visible<T>> {
    candidates.into_iter().filter_map(|c| reveal(viewer, c, now)).collect()
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

    /// A leaked id for the tests' `'static` viewers and entries.
    fn id<T: From<&'static str>>(text: &'static str) -> &'static T {
        Box::leak(Box::new(T::from(text)))
    }

    fn entry(visibility: Visibility) -> Entry<'static> {
        Entry { author: id("ana"), couple: Some(id("c1")), author_couple_now: Some(id("c1")), visibility }
    }

    #[allow(non_snake_case)]
    fn ANA() -> Viewer<'static> {
        Viewer { person: id("ana"), couple: Some(id("c1")) }
    }

    #[allow(non_snake_case)]
    fn BEN() -> Viewer<'static> {
        Viewer { person: id("ben"), couple: Some(id("c1")) }
    }

    #[allow(non_snake_case)]
    fn STRANGER() -> Viewer<'static> {
        Viewer { person: id("cat"), couple: Some(id("c2")) }
    }

    #[test]
    fn only_reveal_opens_a_candidate_and_only_for_whom_the_rule_allows() {
        let facts = |visibility| Facts {
            author: "ana".into(),
            couple: Some("c1".into()),
            author_couple_now: Some("c1".into()),
            visibility,
        };
        let private = || Candidate::new("ana's words".to_owned(), facts(Visibility::Private));
        assert_eq!(reveal(ANA(), private(), now()).map(Visible::into_inner).as_deref(), Some("ana's words"));
        assert!(reveal(BEN(), private(), now()).is_none());
        assert!(reveal(STRANGER(), private(), now()).is_none());
        let shared = vec![private(), Candidate::new("shared".to_owned(), facts(Visibility::Shared))];
        let seen: Vec<String> = reveal_all(BEN(), shared, now()).into_iter().map(Visible::into_inner).collect();
        assert_eq!(seen, ["shared"]);
        assert!(!format!("{:?}", private()).contains("ana's words"), "a log line never shows the item");
    }

    #[test]
    fn partner_cannot_read_a_private_entry_but_the_author_can() {
        assert!(may_read(ANA(), entry(Visibility::Private), now()));
        assert!(!may_read(BEN(), entry(Visibility::Private), now()));
    }

    #[test]
    fn partner_reads_a_shared_entry_and_a_stranger_never_does() {
        assert!(may_read(BEN(), entry(Visibility::Shared), now()));
        assert!(!may_read(STRANGER(), entry(Visibility::Shared), now()));
    }

    #[test]
    fn after_the_author_leaves_the_partner_reads_nothing() {
        let mut shared = entry(Visibility::Shared);
        shared.author_couple_now = None;
        assert!(!may_read(BEN(), shared, now()));
        let left_viewer = Viewer { person: id("ben"), couple: None };
        assert!(!may_read(left_viewer, entry(Visibility::Shared), now()));
    }

    #[test]
    fn a_shared_daily_answer_stays_hidden_until_revealed() {
        assert!(!may_read(BEN(), entry(Visibility::RevealAfterBoth { revealed: false }), now()));
        assert!(may_read(BEN(), entry(Visibility::RevealAfterBoth { revealed: true }), now()));
        assert!(may_read(ANA(), entry(Visibility::RevealAfterBoth { revealed: false }), now()));
    }

    #[test]
    fn a_sealed_capsule_is_unreadable_even_by_its_author_until_opened_after_its_date() {
        let opens_at = Timestamp::from_second(NOW + 10).unwrap();
        let sealed = entry(Visibility::Sealed { opens_at, opened: false });
        assert!(!may_read(ANA(), sealed, now()));
        assert!(!may_read(BEN(), sealed, now()));
        let early = entry(Visibility::Sealed { opens_at, opened: true });
        assert!(!may_read(ANA(), early, now()));
        let later = Timestamp::from_second(NOW + 11).unwrap();
        let opened = entry(Visibility::Sealed { opens_at, opened: true });
        assert!(may_read(ANA(), opened, later));
        assert!(may_read(BEN(), opened, later));
    }
}
