//! The inference table of a loaded tagger, and tagging with it.

use super::features::{base_features, hint_features, DocContext, DocLabels, Hints};
use super::hash::key;
use super::stage::Model;
use super::states::{tag_of, Row, STATES};
use super::viterbi::viterbi_into;
use crate::tags::Tag;

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
    scale: [f32; 2],
    /// One bit per key hash, set for every learnt feature: most features a token asks for
    /// were never learnt, and this small array (it stays in cache) turns most of them away
    /// before the slots are read.
    filter: Vec<u64>,
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

type Sum = [i32; STATES];

/// Buffers for tagging, kept between documents (see [`Tagger::tag_joint`]).
#[derive(Default)]
struct Scratch {
    feats: Vec<Vec<u64>>,
    hints: Vec<Vec<u64>>,
    sums: Vec<(Sum, Sum)>,
    partial: Vec<Sum>,
    emissions: Vec<Row>,
    score: Vec<Row>,
    states: Vec<usize>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
}

impl Joint {
    pub(super) fn new(first: Table, second: Table) -> Joint {
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
        Joint {
            slots,
            scale,
            filter,
        }
    }

    /// The filter bit of key `k` (slots use its low bits; this, its high ones).
    #[inline]
    fn filter_bit(k: u32, bits: usize) -> usize {
        (k.max(1).rotate_left(16) as usize) & (bits - 1)
    }

    /// Both stages' rows of key `k`, if the feature was learnt.
    #[inline]
    fn get(&self, k: u32) -> Option<&[i8; 2 * STATES]> {
        let b = Self::filter_bit(k, self.filter.len() * 64);
        if self.filter[b / 64] & (1 << (b % 64)) == 0 {
            return None;
        }
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

    /// Both stages' sums over each token's features, for a whole sentence.
    fn sums(&self, feats: &[Vec<u64>], out: &mut Vec<(Sum, Sum)>) {
        out.clear();
        for fs in feats {
            let mut sum = [0i32; 2 * STATES];
            for &f in fs {
                if let Some(w) = self.get(key(f)) {
                    for (s, &w) in sum.iter_mut().zip(w) {
                        *s += i32::from(w);
                    }
                }
            }
            let (mut one, mut two) = ([0; STATES], [0; STATES]);
            one.copy_from_slice(&sum[..STATES]);
            two.copy_from_slice(&sum[STATES..]);
            out.push((one, two));
        }
    }

    /// Adds the second stage's row of feature `f` to `sum`.
    fn add_second(&self, sum: &mut Sum, f: u64) {
        if let Some(w) = self.get(key(f)) {
            for (s, &w) in sum.iter_mut().zip(&w[STATES..]) {
                *s += i32::from(w);
            }
        }
    }

    fn emission(&self, stage: usize, sum: &Sum) -> Row {
        sum.map(|s| s as f32 * self.scale[stage])
    }
}

impl Joint {
    /// Tags one document with both stages (`first`, `second` hold their transitions and
    /// lexicons): one lookup a feature serves both.
    ///
    /// Buffers live in a per-thread [`Scratch`] and keep their capacity from one document to
    /// the next: a paragraph tagged on its own had cost a hundred allocations.
    pub(super) fn tag(
        &self,
        first: &Model,
        second: &Model,
        sentences: &[Vec<&str>],
    ) -> Vec<Vec<Tag>> {
        SCRATCH.with_borrow_mut(|s| self.tag_with(first, second, sentences, s))
    }

    fn tag_with(
        &self,
        first_stage: &Model,
        second_stage: &Model,
        sentences: &[Vec<&str>],
        s: &mut Scratch,
    ) -> Vec<Vec<Tag>> {
        let joint = self;
        let ctx = DocContext::new(sentences.iter().map(Vec::as_slice));
        let mut first = Vec::with_capacity(sentences.len());
        // Each sentence's second-stage sums over the shared features, one after another.
        s.partial.clear();
        for words in sentences {
            base_features(words, &ctx, &first_stage.lexicons, &mut s.feats);
            joint.sums(&s.feats[..words.len()], &mut s.sums);
            s.emissions.clear();
            s.emissions
                .extend(s.sums.iter().map(|(one, _)| joint.emission(0, one)));
            s.partial.extend(s.sums.iter().map(|(_, two)| *two));
            viterbi_into(
                &s.emissions,
                &first_stage.transitions,
                &mut s.score,
                &mut s.states,
            );
            first.push(s.states.iter().map(|&t| tag_of(t)).collect::<Vec<Tag>>());
        }
        let labels = DocLabels::new(sentences, &first);
        let mut at = 0;
        let mut out = Vec::with_capacity(sentences.len());
        for (words, tags) in sentences.iter().zip(&first) {
            let n = words.len();
            if s.hints.len() < n {
                s.hints.resize_with(n, Vec::new);
            }
            s.hints[..n].iter_mut().for_each(Vec::clear);
            hint_features(
                words,
                Hints {
                    labels: &labels,
                    tags,
                },
                &mut s.hints[..n],
            );
            s.emissions.clear();
            for (sum, fs) in s.partial[at..at + n].iter_mut().zip(&s.hints) {
                for &f in fs {
                    joint.add_second(sum, f);
                }
                s.emissions.push(joint.emission(1, sum));
            }
            at += n;
            viterbi_into(
                &s.emissions,
                &second_stage.transitions,
                &mut s.score,
                &mut s.states,
            );
            out.push(s.states.iter().map(|&t| tag_of(t)).collect());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The joint table finds each stage's row of every learnt feature, to within half an
    /// 8-bit step, zero where a stage lacks the feature, and nothing for an unknown one.
    #[test]
    fn joint_rows_are_both_stages_within_half_a_step() {
        let row = |k: u32| -> [i16; STATES] {
            std::array::from_fn(|i| ((k as i32 * 37 + i as i32 * 101) % 4095 - 2047) as i16)
        };
        let key = |k: u32| k * 7919;
        let first = Table::new((1..500).map(|k| (key(k), row(k))).collect(), 0.5);
        let second = Table::new((250..800).map(|k| (key(k), row(k + 1))).collect(), 0.25);
        let joint = Joint::new(first, second);
        for k in 1..800 {
            let rows = joint.get(key(k)).expect("a learnt feature is found");
            let want = [
                (1..500).contains(&k).then(|| row(k)),
                (250..800).contains(&k).then(|| row(k + 1)),
            ];
            for (stage, (want, scale)) in want.iter().zip([0.5, 0.25]).enumerate() {
                for i in 0..STATES {
                    let got = f32::from(rows[stage * STATES + i]) * joint.scale[stage];
                    let exact = want.map_or(0.0, |w| f32::from(w[i]) * scale);
                    assert!(
                        (got - exact).abs() <= joint.scale[stage] / 2.0 + 1e-6,
                        "feature {k}, stage {stage}, state {i}: {got} for {exact}"
                    );
                }
            }
        }
        assert!((1..50).all(|k| joint.get(key(k) + 1).is_none()));
    }
}
