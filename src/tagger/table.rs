//! The inference table of a loaded tagger: both stages' weights under one key lookup, built
//! once as the model loads ([`Joint::new`]) and read for every feature of every token.

use super::features::{NEAR_BITS, PAST_SENTENCE};
use super::hash::{feature, key};
use super::hints::HintRows;
use super::states::{Row, Sum, STATES};
use super::words::Wide;

/// One stage's saved weights: 16-bit steps of `scale`, one row a feature key, sorted by key
/// (as the model file stores them). [`Joint`] merges two.
#[derive(Clone, Debug, Default)]
pub(super) struct Table {
    /// Sorted by key, each key once; key 0 is stored as 1 (0 marks an empty slot in [`Joint`]).
    entries: Vec<(u32, [i16; STATES])>,
    scale: f32,
}

impl Table {
    pub(super) fn new(mut entries: Vec<(u32, [i16; STATES])>, scale: f32) -> Table {
        for e in entries.iter_mut() {
            e.0 = e.0.max(1);
        }
        // Already sorted when read from a model file, which costs this a single pass; the
        // first row of a repeated key wins.
        entries.sort_by_key(|e| e.0);
        entries.dedup_by_key(|e| e.0);
        Table { entries, scale }
    }
}

/// Both stages' weights under one key lookup. Tagging is bound by memory — a token asks for
/// some fifty features in tables of megabytes, most never learnt — and the second stage asks
/// for every feature the first did. So each slot holds a key and the feature's rows for both
/// stages side by side, in bytes: a hit reads one place, usually one cache line, where a key
/// table pointing into a table of rows had read two.
///
/// The rows are the model's weights (saved in 12-bit steps) requantised to 8 bits per stage,
/// scaled by the stage's largest weight, which halves them and lets a key and both rows share
/// one slot: measured on the development split, F1 moved by +0.0002.
#[derive(Clone, Debug, Default)]
pub(super) struct Joint {
    /// Open addressing, at most two thirds full (key 0 marks an empty slot; a real 0 is
    /// stored as 1).
    slots: Vec<Slot>,
    pub(super) scale: [f32; 2],
    /// One bit per key hash, set for every learnt feature: most features a token asks for
    /// were never learnt, and this small array (it stays in cache) turns most of them away
    /// before the slots are read.
    filter: Vec<u64>,
    /// Templates 106 and 107 (a neighbour's 8-bit cluster prefix) by prefix, the last row
    /// past the sentence; empty in a model without clusters. At most 513 values each: two
    /// small tables that stay in cache, where two probes of the big one a token had not.
    pub(super) near: [Vec<Wide>; 2],
    /// The second stage's templates, summed for every value they can read (`hints`).
    pub(super) hints: HintRows,
    /// Which table this is, for [`WordRows`] (kept per thread, they must not outlive it).
    pub(super) id: u64,
}

/// The row of a neighbour's prefix in [`Joint::near`].
#[inline]
pub(super) fn near_row(prefix: u16) -> usize {
    if prefix == PAST_SENTENCE {
        1 << (NEAR_BITS + 1)
    } else {
        usize::from(prefix)
    }
}

/// One learnt feature: its key, then the first stage's row and the second's (zero where a
/// stage lacks it). Forty bytes.
#[derive(Clone, Copy, Debug)]
#[repr(C)]
struct Slot {
    key: u32,
    rows: [i8; 2 * STATES],
    _pad: [u8; 2],
}

const EMPTY: Slot = Slot {
    key: 0,
    rows: [0; 2 * STATES],
    _pad: [0; 2],
};

/// Adds a slot's rows to a token's sums, as a loop over fixed-size arrays the compiler turns
/// into vector adds.
#[inline(always)]
pub(super) fn add_row(sum: &mut Wide, w: &[i8; 2 * STATES]) {
    for j in 0..2 * STATES {
        sum[j] += i32::from(w[j]);
    }
}

impl Joint {
    /// The table of two stages' weights; `clustered` if their features read word clusters.
    pub(super) fn new(first: Table, second: Table, clustered: bool) -> Joint {
        // Both stages' sorted rows merged by key: one wide row a key, first stage then second.
        let (a, b) = (&first.entries, &second.entries);
        let mut keys: Vec<u32> = Vec::with_capacity(a.len().max(b.len()));
        let mut wide: Vec<[i16; 2 * STATES]> = Vec::with_capacity(a.len().max(b.len()));
        let (mut i, mut j) = (0, 0);
        while i < a.len() || j < b.len() {
            let ka = a.get(i).map_or(u32::MAX, |e| e.0);
            let kb = b.get(j).map_or(u32::MAX, |e| e.0);
            let k = ka.min(kb);
            let mut row = [0i16; 2 * STATES];
            if i < a.len() && ka == k {
                row[..STATES].copy_from_slice(&a[i].1);
                i += 1;
            }
            if j < b.len() && kb == k {
                row[STATES..].copy_from_slice(&b[j].1);
                j += 1;
            }
            keys.push(k);
            wide.push(row);
        }
        // Each stage's weights to 8 bits, its largest weight to ±127.
        let mut scale = [first.scale, second.scale];
        let mut largest = [1i32; 2];
        for (stage, largest) in largest.iter_mut().enumerate() {
            *largest = wide
                .iter()
                .flat_map(|w| &w[stage * STATES..(stage + 1) * STATES])
                .map(|w| i32::from(w.unsigned_abs()))
                .max()
                .unwrap_or(0)
                .max(1);
            scale[stage] *= *largest as f32 / 127.0;
        }
        let cap = (keys.len() * 3 / 2).next_power_of_two().max(16);
        let mut slots = vec![EMPTY; cap];
        for (e, &k) in keys.iter().enumerate() {
            let mut i = k as usize & (cap - 1);
            while slots[i].key != 0 {
                i = (i + 1) & (cap - 1);
            }
            let mut rows = [0i8; 2 * STATES];
            for (j, (r, &w)) in rows.iter_mut().zip(&wide[e]).enumerate() {
                // w × 127 / largest, rounded half away from zero, in integers: exactly what
                // rounding the quotient would give (a quotient of these integers is never
                // within a float's error of a half without being one), without a call to
                // libm's roundf for each of millions of weights as the model loads.
                let d = largest[j / STATES];
                let n = 2 * i32::from(w) * 127;
                *r = ((n + n.signum() * d) / (2 * d)).clamp(-127, 127) as i8;
            }
            slots[i] = Slot {
                key: k,
                rows,
                _pad: [0; 2],
            };
        }
        let bits = (keys.len() * 16).next_power_of_two().max(64);
        let mut filter = vec![0u64; bits / 64];
        for &k in &keys {
            let b = Self::filter_bit(k, bits);
            filter[b / 64] |= 1 << (b % 64);
        }
        static IDS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let mut joint = Joint {
            slots,
            scale,
            filter,
            near: [Vec::new(), Vec::new()],
            hints: HintRows::default(),
            id: IDS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        };
        if clustered {
            joint.near = [106u64, 107].map(|template| {
                (0..=1u32 << (NEAR_BITS + 1))
                    .map(|p| {
                        let value = if p == 1 << (NEAR_BITS + 1) {
                            PAST_SENTENCE
                        } else {
                            p as u16
                        };
                        let mut sum = [0i32; 2 * STATES];
                        joint.add(&mut sum, feature(template, u64::from(value)));
                        sum
                    })
                    .collect()
            });
        }
        let hints = HintRows::new(|sum, f| joint.add_second(sum, f));
        joint.hints = hints;
        joint
    }

    /// The filter bit of key `k` (slots use its low bits; this, its high ones).
    #[inline]
    fn filter_bit(k: u32, bits: usize) -> usize {
        (k.max(1).rotate_left(16) as usize) & (bits - 1)
    }

    /// Both stages' rows of key `k`, if the feature was learnt.
    #[inline]
    pub(super) fn get(&self, k: u32) -> Option<&[i8; 2 * STATES]> {
        if !self.may_have(k) {
            return None;
        }
        self.probe(k)
    }

    /// Whether key `k`'s filter bit is set (if not, the feature was never learnt).
    #[inline]
    pub(super) fn may_have(&self, k: u32) -> bool {
        let b = Self::filter_bit(k, self.filter.len() * 64);
        self.filter[b / 64] & (1 << (b % 64)) != 0
    }

    /// Both stages' rows of key `k`, looked for in the slots whatever the filter says.
    #[inline]
    pub(super) fn probe(&self, k: u32) -> Option<&[i8; 2 * STATES]> {
        let k = k.max(1);
        let mask = self.slots.len() - 1;
        let mut i = k as usize & mask;
        loop {
            let slot = &self.slots[i];
            if slot.key == k {
                return Some(&slot.rows);
            }
            if slot.key == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// Adds both stages' rows of feature `f` to `sum`.
    #[inline]
    pub(super) fn add(&self, sum: &mut Wide, f: u64) {
        if let Some(w) = self.get(key(f)) {
            add_row(sum, w);
        }
    }

    /// Adds the second stage's row of feature `f` to `sum`.
    pub(super) fn add_second(&self, sum: &mut Sum, f: u64) {
        if let Some(w) = self.get(key(f)) {
            for (s, &w) in sum.iter_mut().zip(&w[STATES..]) {
                *s += i32::from(w);
            }
        }
    }

    pub(super) fn emission(&self, stage: usize, sum: &Sum) -> Row {
        sum.map(|s| s as f32 * self.scale[stage])
    }
}
