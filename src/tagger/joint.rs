//! The inference table of a loaded tagger, and tagging with it.

use super::evidence::DocLabels;
use super::features::{
    base_features_kept, hint_keys, read_document, word_features, HintKeys, Hints, TokenKeys,
    WordInfo, WordInfos, NEAR_BITS, PAST_SENTENCE,
};
use super::hash::{feature, key};
use super::hints::HintRows;
use super::lexicon::{Lexicons, Style};
use super::stage::Model;
use super::states::{tag_of, Row, Sum, STATES};
use super::viterbi::viterbi_into;
use super::words::{Wide, WordRows};
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
    /// Templates 106 and 107 (a neighbour's 8-bit cluster prefix) by prefix, the last row
    /// past the sentence; empty in a model without clusters. At most 513 values each: two
    /// small tables that stay in cache, where two probes of the big one a token had not.
    near: [Vec<Wide>; 2],
    /// The second stage's templates, summed for every value they can read (`hints`).
    hints: HintRows,
    /// Which table this is, for [`WordRows`] (kept per thread, they must not outlive it).
    id: u64,
}

/// The row of a neighbour's prefix in [`Joint::near`].
#[inline]
fn near_row(prefix: u16) -> usize {
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
fn add_row(sum: &mut Wide, w: &[i8; 2 * STATES]) {
    for j in 0..2 * STATES {
        sum[j] += i32::from(w[j]);
    }
}

/// Buffers for tagging, kept between documents (see [`Tagger::tag_joint`]).
#[derive(Default)]
struct Scratch {
    feats: Vec<Vec<u64>>,
    keys: Vec<TokenKeys>,
    words: WordRows,
    /// What the features read of each word, kept by word, and the table it was kept for
    /// (a word's cluster and casing are the lexicons' of that table's model).
    infos: WordInfos,
    infos_owner: u64,
    /// The document's tokens' [`WordInfo`]s, sentence after sentence, and each sentence's
    /// style: read once, then by the evidence, the features and the second stage.
    doc: Vec<WordInfo>,
    styles: Vec<Style>,
    cands: Vec<(u32, u32)>,
    wide: Vec<Wide>,
    hints: Vec<HintKeys>,
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
    fn get(&self, k: u32) -> Option<&[i8; 2 * STATES]> {
        if !self.may_have(k) {
            return None;
        }
        self.probe(k)
    }

    /// Whether key `k`'s filter bit is set (if not, the feature was never learnt).
    #[inline]
    fn may_have(&self, k: u32) -> bool {
        let b = Self::filter_bit(k, self.filter.len() * 64);
        self.filter[b / 64] & (1 << (b % 64)) != 0
    }

    /// Both stages' rows of key `k`, looked for in the slots whatever the filter says.
    #[inline]
    fn probe(&self, k: u32) -> Option<&[i8; 2 * STATES]> {
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
    fn add(&self, sum: &mut Wide, f: u64) {
        if let Some(w) = self.get(key(f)) {
            add_row(sum, w);
        }
    }

    /// Both stages' sums over each token's features, its word's row and its neighbours'
    /// cluster rows, for a whole sentence.
    fn sums(&self, lexicons: &Lexicons, words: &[&str], s: &mut Scratch) {
        let Scratch {
            feats,
            keys,
            words: cache,
            cands,
            wide,
            sums: out,
            ..
        } = s;
        let feats = &feats[..words.len()];
        // Two passes. The first asks the filter about every feature of the sentence and
        // keeps those it lets through, without a branch; the second reads their slots. A
        // lookup that waits on memory then has others beside it to overlap with, where one
        // lookup at a time, each behind a branch that goes either way, had waited alone.
        let total: usize = feats.iter().map(Vec::len).sum();
        cands.clear();
        cands.resize(total + 1, (0, 0));
        let mut n = 0;
        for (i, fs) in feats.iter().enumerate() {
            for &f in fs {
                let k = key(f);
                cands[n] = (i as u32, k);
                n += usize::from(self.may_have(k));
            }
        }
        wide.clear();
        for (k, word) in keys.iter().zip(words) {
            let mut sum = *cache.row(self.id, k.word, |feats| {
                word_features(word, k.style, lexicons, feats);
                let mut sum = [0i32; 2 * STATES];
                for &f in feats.iter() {
                    self.add(&mut sum, f);
                }
                sum
            });
            if !self.near[0].is_empty() {
                let before = &self.near[0][near_row(k.near[0])];
                let after = &self.near[1][near_row(k.near[1])];
                for (j, s) in sum.iter_mut().enumerate() {
                    *s += before[j] + after[j];
                }
            }
            wide.push(sum);
        }
        for &(i, k) in &cands[..n] {
            if let Some(w) = self.probe(k) {
                add_row(&mut wide[i as usize], w);
            }
        }
        out.clear();
        for sum in wide.iter() {
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
        let lexicons = &first_stage.lexicons;
        if s.infos_owner != joint.id {
            s.infos.clear();
            s.infos_owner = joint.id;
        }
        let ctx = read_document(sentences, lexicons, &mut s.infos, &mut s.doc, &mut s.styles);
        let mut first = Vec::with_capacity(sentences.len());
        // Each sentence's second-stage sums over the shared features, one after another.
        s.partial.clear();
        let mut at = 0;
        for (k, words) in sentences.iter().enumerate() {
            let n = words.len();
            let styled = s.styles[k];
            s.keys.clear();
            base_features_kept(
                words,
                &s.doc[at..at + n],
                styled,
                &ctx,
                lexicons,
                &mut s.feats,
                &mut s.keys,
            );
            at += n;
            joint.sums(lexicons, words, s);
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
        let labels = DocLabels::counted(&s.doc, &first);
        let mut at = 0;
        let mut out = Vec::with_capacity(sentences.len());
        for (tags, &styled) in first.iter().zip(&s.styles) {
            let n = tags.len();
            hint_keys(
                &s.doc[at..at + n],
                styled,
                Hints {
                    labels: &labels,
                    tags,
                },
                &mut s.hints,
            );
            s.emissions.clear();
            for (sum, k) in s.partial[at..at + n].iter_mut().zip(&s.hints) {
                joint.hints.add(sum, k);
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
    use crate::tagger::evidence::DocContext;
    use crate::tagger::features::base_features;
    use crate::tagger::lexicon::style;

    /// The joint table finds each stage's row of every learnt feature, to within half an
    /// 8-bit step, zero where a stage lacks the feature, and nothing for an unknown one.
    /// What tagging sums for each token — its pushed features, the rows kept by word (which
    /// start afresh every few dozen words here) and the neighbours' cluster rows — is exactly
    /// the sum of the rows of every feature `base_features` makes, through sentences of known
    /// and new words, hyphens, capitals, digits and words in no cluster, and for a second
    /// table in the same thread.
    #[test]
    fn kept_rows_sum_exactly_what_each_feature_would() {
        let mut lexicons = Lexicons::default();
        lexicons
            .clusters
            .add_list("paris\t0110\nrome\t0111\nmet\t10\nthe\t1\nann\t011011011011\n");
        lexicons.casing.add_words("met\nin\nthe");
        let pool = [
            "Ann",
            "met",
            "Bob",
            "in",
            "Paris",
            ".",
            "Rome",
            "pro-Iran",
            "al-Maliki",
            "the",
            "ÉCOLE",
            "x--y-",
            "2,000",
            "-",
            "Dec",
        ];
        // Sentences of pool words and new words (w0, w1, …), 1 to 15 words long.
        let mut state = 7u64;
        let mut next = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as usize
        };
        let mut fresh = 0;
        let sentences: Vec<Vec<String>> = (0..300)
            .map(|_| {
                (0..1 + next() % 15)
                    .map(|_| {
                        if next() % 3 == 0 {
                            fresh += 1;
                            format!("W{}", fresh % 500)
                        } else {
                            pool[next() % pool.len()].to_string()
                        }
                    })
                    .collect()
            })
            .collect();
        let sentences: Vec<Vec<&str>> = sentences
            .iter()
            .map(|s| s.iter().map(String::as_str).collect())
            .collect();
        let ctx = DocContext::new(sentences.iter().map(Vec::as_slice));
        let mut every = Vec::new();
        let mut feats = Vec::new();
        for words in &sentences {
            base_features(words, &ctx, &lexicons, &mut feats);
            every.extend(feats[..words.len()].iter().flatten().map(|&f| key(f)));
        }
        every.sort_unstable();
        every.dedup();
        for seed in [1u32, 2] {
            // Every other feature learnt by each stage, with rows that differ by key.
            let row = |k: u32, salt: u32| -> [i16; STATES] {
                std::array::from_fn(|i| {
                    (k.wrapping_mul(2654435761)
                        .wrapping_add(salt * 977 + i as u32 * 101)
                        % 4095) as i16
                        - 2047
                })
            };
            let stage = |parity: u32| {
                Table::new(
                    every
                        .iter()
                        .filter(|&&k| (k / 3) % 2 == parity || k % 5 == 0)
                        .map(|&k| (k, row(k, seed + parity)))
                        .collect(),
                    0.5,
                )
            };
            let joint = Joint::new(stage(0), stage(1), true);
            let mut s = Scratch::default();
            for words in &sentences {
                s.keys.clear();
                let infos: Vec<WordInfo> = words
                    .iter()
                    .map(|w| WordInfo::kept(w, &lexicons, &mut s.infos))
                    .collect();
                base_features_kept(
                    words,
                    &infos,
                    style(words),
                    &ctx,
                    &lexicons,
                    &mut s.feats,
                    &mut s.keys,
                );
                joint.sums(&lexicons, words, &mut s);
                base_features(words, &ctx, &lexicons, &mut feats);
                for (i, fs) in feats[..words.len()].iter().enumerate() {
                    let mut want = [0i32; 2 * STATES];
                    for &f in fs {
                        joint.add(&mut want, f);
                    }
                    let (one, two) = s.sums[i];
                    assert_eq!(one[..], want[..STATES], "{words:?}, token {i}");
                    assert_eq!(two[..], want[STATES..], "{words:?}, token {i}");
                }
            }
        }
    }

    #[test]
    fn joint_rows_are_both_stages_within_half_a_step() {
        let row = |k: u32| -> [i16; STATES] {
            std::array::from_fn(|i| ((k as i32 * 37 + i as i32 * 101) % 4095 - 2047) as i16)
        };
        let key = |k: u32| k * 7919;
        let first = Table::new((1..500).map(|k| (key(k), row(k))).collect(), 0.5);
        let second = Table::new((250..800).map(|k| (key(k), row(k + 1))).collect(), 0.25);
        let joint = Joint::new(first, second, false);
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
