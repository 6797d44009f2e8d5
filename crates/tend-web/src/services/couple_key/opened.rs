//! Couple keys opened in the last minute, kept in memory so that a member's requests in a row
//! don't each read every member's hold on the key (one query, and a thread hop on SQLite, on
//! every page with shared words). Only the steady state is kept: both partners hold the key and
//! nothing is waiting to be handed over. An entry is bound to the person's data key (a reset
//! gives them another, so it no longer matches), ends after a minute, and goes at once when a
//! hold in its couple is let go in this process; another instance's change is seen within the
//! minute.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use tend_core::ids::{CoupleId, PersonId};

use tend_core::sealing::DataKey;

/// How long an opened key is kept without reading the holds again.
const KEEP: Duration = Duration::from_secs(60);
/// More entries than this and all are dropped (they are cheap to open again).
const MOST: usize = 50_000;

struct Opened {
    data: [u8; 32],
    key: DataKey,
    at: Instant,
}

#[derive(Default)]
pub struct OpenedKeys {
    keys: Mutex<HashMap<(CoupleId, PersonId), Opened>>,
}

impl OpenedKeys {
    /// The couple's key `person_id` opened within the minute with the same data key.
    pub fn get(&self, couple_id: &CoupleId, person_id: &PersonId, data: &DataKey) -> Option<DataKey> {
        let keys = self.keys.lock().unwrap_or_else(|e| e.into_inner());
        let opened = keys.get(&(couple_id.to_owned(), person_id.to_owned()))?;
        (opened.at.elapsed() < KEEP && opened.data == data.fingerprint()).then(|| opened.key.clone())
    }

    /// Keeps the couple's key `person_id` opened with `data`, both partners holding it.
    pub fn keep(&self, couple_id: &CoupleId, person_id: &PersonId, data: &DataKey, key: &DataKey) {
        let mut keys = self.keys.lock().unwrap_or_else(|e| e.into_inner());
        if keys.len() >= MOST {
            keys.clear();
        }
        let opened = Opened { data: data.fingerprint(), key: key.clone(), at: Instant::now() };
        keys.insert((couple_id.to_owned(), person_id.to_owned()), opened);
    }

    /// Forgets every key kept for the couple: a hold in it changed.
    pub fn forget_couple(&self, couple_id: &CoupleId) {
        self.keys.lock().unwrap_or_else(|e| e.into_inner()).retain(|(couple, _), _| couple != couple_id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_kept_for_the_same_data_key_only_until_its_couple_changes() {
        let (opened, data, couple) = (OpenedKeys::default(), DataKey::generate(), DataKey::generate());
        assert!(opened.get(&CoupleId::from("c1"), &PersonId::from("ana"), &data).is_none());
        opened.keep(&CoupleId::from("c1"), &PersonId::from("ana"), &data, &couple);
        let words = couple.seal("x", "kept");
        assert_eq!(
            opened.get(&CoupleId::from("c1"), &PersonId::from("ana"), &data).unwrap().open("x", &words).unwrap(),
            "kept"
        );
        assert!(
            opened.get(&CoupleId::from("c1"), &PersonId::from("ana"), &DataKey::generate()).is_none(),
            "another data key (a reset) misses"
        );
        assert!(opened.get(&CoupleId::from("c1"), &PersonId::from("ben"), &data).is_none());
        opened.forget_couple(&CoupleId::from("c1"));
        assert!(opened.get(&CoupleId::from("c1"), &PersonId::from("ana"), &data).is_none());
    }
}
