//! Words one person writes for the couple, kept as two copies: the author's own, sealed under
//! their data key (so it stays theirs, whatever happens to the couple), and the copy the partner
//! reads, sealed under the couple's key (as written while the author doesn't hold it yet). Rows
//! from before sealing hold one copy as written, which both read.

use super::{DataKey, SealedWords, StoredWords};

/// What the two copies of one kind are bound to.
#[derive(Debug, Clone, Copy)]
pub struct Contexts {
    pub own: &'static str,
    pub shared: &'static str,
}

/// The two copies, as a row holds them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedWords {
    pub own: StoredWords,
    /// None for a row from before sealing (its one copy is `own`, as written) or, for a kind
    /// shared one item at a time, one not shared.
    pub partners: Option<StoredWords>,
}

/// The sealed forms of words still (partly) stored as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resealed {
    pub own: SealedWords,
    pub partners: Option<SealedWords>,
}

impl SharedWords {
    /// New words: the author's copy under `own`, and the partner's under `couple` (as written
    /// while there is none).
    pub fn seal(words: &str, own: &DataKey, couple: Option<&DataKey>, contexts: Contexts) -> Self {
        Self {
            own: StoredWords::Sealed(own.seal(contexts.own, words)),
            partners: Some(partners_copy(words, couple, contexts)),
        }
    }

    /// The words as `viewer` reads them: the author opens their own copy with `own` (or, sealed
    /// under a key lost in a reset, the partner's copy); anyone else opens the partner's copy
    /// with `couple`, or a row's one copy from before sealing. `None` when the key to open it is
    /// missing or not the one it was sealed under.
    pub fn read(
        &self,
        author_reads: bool,
        own: Option<&DataKey>,
        couple: Option<&DataKey>,
        contexts: Contexts,
    ) -> Option<String> {
        let partners = || self.partners.as_ref().and_then(|p| p.opened(couple, contexts.shared));
        match (&self.partners, author_reads && own.is_some()) {
            (_, true) => self.own.opened(own, contexts.own).or_else(partners),
            (None, false) => self.own.opened(own, contexts.own),
            (Some(_), false) => partners(),
        }
    }

    /// The copies sealed, when any is still as written and the author can seal it: `shared`
    /// says whether the partner reads it (and then the couple's key is needed).
    pub fn resealed(
        &self,
        own: &DataKey,
        couple: Option<&DataKey>,
        shared: bool,
        contexts: Contexts,
    ) -> Option<Resealed> {
        let partners_sealed = matches!(self.partners, Some(StoredWords::Sealed(_)));
        let own_sealed = matches!(self.own, StoredWords::Sealed(_));
        if !shared {
            return self.own.sealed_if_written(own, contexts.own).map(|own| Resealed { own, partners: None });
        }
        if (own_sealed && partners_sealed) || couple.is_none() {
            return None;
        }
        let words = self.own.read(own, contexts.own).ok()?;
        Some(Resealed {
            own: own.seal(contexts.own, &words),
            partners: couple.map(|couple| couple.seal(contexts.shared, &words)),
        })
    }
}

/// The partner's copy of `words`: sealed under the couple's key, or as written without one.
pub fn partners_copy(words: &str, couple: Option<&DataKey>, contexts: Contexts) -> StoredWords {
    match couple {
        Some(couple) => StoredWords::Sealed(couple.seal(contexts.shared, words)),
        None => StoredWords::Plain(words.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const C: Contexts = Contexts { own: "note", shared: "shared-note" };

    #[test]
    fn the_author_reads_their_copy_and_the_partner_theirs_each_with_their_own_key() {
        let (ana, couple) = (DataKey::generate(), DataKey::generate());
        let words = SharedWords::seal("for both of us", &ana, Some(&couple), C);
        assert_eq!(words.read(true, Some(&ana), None, C).as_deref(), Some("for both of us"));
        assert_eq!(words.read(false, Some(&DataKey::generate()), Some(&couple), C).as_deref(), Some("for both of us"));
        assert_eq!(words.read(false, None, None, C), None, "the partner needs the couple's key");
        assert_eq!(words.read(true, None, Some(&couple), C).as_deref(), Some("for both of us"), "so may the author");
        assert!(words.resealed(&ana, Some(&couple), true, C).is_none(), "sealed already");
        let after_reset = DataKey::generate();
        assert_eq!(words.read(true, Some(&after_reset), Some(&couple), C).as_deref(), Some("for both of us"));
        assert_eq!(words.read(true, Some(&after_reset), None, C), None);
    }

    #[test]
    fn words_as_written_are_sealed_once_the_keys_are_there() {
        let (ana, couple) = (DataKey::generate(), DataKey::generate());
        let before = SharedWords { own: StoredWords::Plain("from before".into()), partners: None };
        assert_eq!(before.read(false, None, None, C).as_deref(), Some("from before"), "one copy, read by both");
        assert!(before.resealed(&ana, None, true, C).is_none(), "a shared copy waits for the couple's key");
        let sealed = before.resealed(&ana, Some(&couple), true, C).unwrap();
        assert_eq!(ana.open("note", &sealed.own).unwrap(), "from before");
        assert_eq!(couple.open("shared-note", sealed.partners.as_ref().unwrap()).unwrap(), "from before");

        let waiting = SharedWords::seal("shared while waiting", &ana, None, C);
        assert_eq!(waiting.partners, Some(StoredWords::Plain("shared while waiting".into())));
        let sealed = waiting.resealed(&ana, Some(&couple), true, C).unwrap();
        assert_eq!(couple.open("shared-note", sealed.partners.as_ref().unwrap()).unwrap(), "shared while waiting");

        let private = SharedWords { own: StoredWords::Plain("mine".into()), partners: None };
        let sealed = private.resealed(&ana, None, false, C).unwrap();
        assert_eq!((ana.open("note", &sealed.own).unwrap().as_str(), sealed.partners), ("mine", None));
    }
}
