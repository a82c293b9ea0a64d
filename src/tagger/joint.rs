//! Tagging a document with a loaded tagger: both stages' sums for each token read from the
//! joint table (see `table.rs`) in one pass, then each stage's Viterbi.

use super::evidence::DocLabels;
use super::features::{
    base_features_kept, hint_keys, read_document, word_features, HintKeys, Hints, TokenKeys,
    WordInfo, WordInfos,
};
use super::hash::key;
use super::lexicon::{Lexicons, Style};
use super::stage::Model;
use super::states::{tag_of, Row, Sum, STATES};
use super::table::{add_row, near_row, Joint};
use super::viterbi::viterbi_into;
use super::words::{Wide, WordRows};
use crate::tags::Tag;

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
    use crate::tagger::table::Table;

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
