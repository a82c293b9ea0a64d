//! The LSH index: which earlier signatures share a band key with a new one.

use super::sketch::Signature;
use super::BANDS;

/// LSH buckets: for each band's value, the last document that had it. One id a bucket keeps
/// memory small and bounds the candidates of any document to `BANDS`, so cost stays linear even
/// on thousands of near-identical articles; an earlier document pushed out of one bucket is
/// still found through its other bands.
///
/// An open-addressing table of (key, id + 1) pairs probed linearly: the keys are already
/// well-mixed hashes, so their low bits place them, and a probe stays within a cache line or
/// two. (A general hash map hashed each key again and cost twice as much here.)
#[derive(Clone, Debug, Default)]
pub struct Index {
    slots: Vec<(u64, u32)>,
    len: usize,
}

impl Index {
    /// Ids of earlier documents that share at least one band with `sig`, without repeats.
    pub fn candidates(&self, sig: &Signature) -> impl Iterator<Item = u32> {
        let mut ids = [u32::MAX; BANDS];
        let mut n = 0;
        if !self.slots.is_empty() {
            // Every band's home slot is read first: sixteen independent loads the processor
            // overlaps, where probing band after band waited on each cache miss in turn (a
            // big collection's table is far larger than the cache).
            let mask = self.slots.len() - 1;
            let homes = sig.keys.map(|key| self.slots[key as usize & mask]);
            for (&key, (home_key, home_id)) in sig.keys.iter().zip(homes) {
                let id = if home_id == 0 || home_key == key {
                    home_id
                } else {
                    self.slots[self.find(key)].1
                };
                if let Some(id) = id.checked_sub(1) {
                    if !ids[..n].contains(&id) {
                        ids[n] = id;
                        n += 1;
                    }
                }
            }
        }
        ids.into_iter().take(n)
    }

    /// Remembers `sig` under `id`.
    pub fn insert(&mut self, id: u32, sig: &Signature) {
        if (self.len + BANDS) * 2 > self.slots.len() {
            self.grow();
        }
        for &key in &sig.keys {
            let slot = self.find(key);
            self.len += usize::from(self.slots[slot].1 == 0);
            self.slots[slot] = (key, id + 1);
        }
    }

    /// The slot holding `key`, or the empty one where it would go.
    fn find(&self, key: u64) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = key as usize & mask;
        loop {
            let (k, id) = self.slots[i];
            if id == 0 || k == key {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(1024);
        let old = std::mem::replace(&mut self.slots, vec![(0, 0); size]);
        for (key, id) in old.into_iter().filter(|&(_, id)| id != 0) {
            let slot = self.find(key);
            self.slots[slot] = (key, id);
        }
    }
}
