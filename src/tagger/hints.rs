//! The second stage's templates read from rows summed when a model loads.
//!
//! The second stage reads, for each token, the first stage's tag of the token and of its
//! neighbours and the type its word got most often elsewhere in the document, with the
//! sentence's style and the word's capital (`features::HintKeys`). Those are few values — 9
//! tags, 10 with "past the sentence", 5 types, 3 styles — so every combination's rows are
//! summed once, 900 rows for templates 70 and 71 and 270 for 72 to 74, and a token reads two
//! rows by index where it had probed five hashed features in a table of megabytes. The sums
//! are of the same 8-bit rows, in integers: tagging gives exactly what it gave without them.

use super::features::{HintKeys, PAST_TAGS};
use super::states::{Sum, STATES};

/// The types a word's other occurrences may have most often (O and the four names), and the
/// styles of a sentence: the ranges of [`HintKeys::major`] and [`HintKeys::style`].
const MAJORS: usize = 5;
const STYLES: usize = 3;
/// Tags of a neighbour, "past the sentence" included.
const NEAR_TAGS: usize = PAST_TAGS + 1;

/// Both tables of summed second-stage rows.
#[derive(Clone, Debug, Default)]
pub(super) struct HintRows {
    /// Templates 70 and 71, by [`first`].
    first: Vec<Sum>,
    /// Templates 72 to 74, by [`second`].
    second: Vec<Sum>,
}

impl HintRows {
    /// Sums every combination's rows, `add` adding the second stage's row of one feature.
    pub(super) fn new(add: impl Fn(&mut Sum, u64)) -> HintRows {
        let sum = |features: &[u64]| {
            let mut sum = [0i32; STATES];
            for &f in features {
                add(&mut sum, f);
            }
            sum
        };
        let mut first = vec![[0i32; STATES]; PAST_TAGS * NEAR_TAGS * NEAR_TAGS];
        let mut second = vec![[0i32; STATES]; MAJORS * PAST_TAGS * STYLES * 2];
        for k in combinations() {
            first[self::first(&k)] = sum(&k.first());
            if let (Some(at), Some(features)) = (self::second(&k), k.second()) {
                second[at] = sum(&features);
            }
        }
        HintRows { first, second }
    }

    /// Adds the rows of token `k`'s second-stage features to `sum`.
    #[inline]
    pub(super) fn add(&self, sum: &mut Sum, k: &HintKeys) {
        for (s, &w) in sum.iter_mut().zip(&self.first[first(k)]) {
            *s += w;
        }
        if let Some(at) = second(k) {
            for (s, &w) in sum.iter_mut().zip(&self.second[at]) {
                *s += w;
            }
        }
    }
}

/// Every value [`HintKeys`] can take.
fn combinations() -> impl Iterator<Item = HintKeys> {
    (0..PAST_TAGS).flat_map(|own| {
        (0..NEAR_TAGS).flat_map(move |prev| {
            (0..NEAR_TAGS).flat_map(move |next| {
                (0..=MAJORS).flat_map(move |major| {
                    (0..STYLES).flat_map(move |style| {
                        [false, true].map(move |capitalised| HintKeys {
                            own,
                            prev,
                            next,
                            major: (major < MAJORS).then_some(major),
                            style,
                            capitalised,
                        })
                    })
                })
            })
        })
    })
}

/// The row of a token's tag and its neighbours' in [`HintRows::first`].
#[inline]
fn first(k: &HintKeys) -> usize {
    (k.own * NEAR_TAGS + k.prev) * NEAR_TAGS + k.next
}

/// The row of a token's majority type, tag, style and capital in [`HintRows::second`].
#[inline]
fn second(k: &HintKeys) -> Option<usize> {
    let major = k.major?;
    Some(((major * PAST_TAGS + k.own) * STYLES + k.style) * 2 + usize::from(k.capitalised))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustc_hash::FxHashMap;

    /// For every combination a token can have, the kept rows are exactly the sum of the rows
    /// of the features `hint_features` would make for it (an index that dropped a field would
    /// make two combinations share a row).
    #[test]
    fn kept_rows_sum_exactly_what_each_hint_feature_would() {
        let mut every: Vec<u64> = combinations()
            .flat_map(|k| {
                let mut f = k.first().to_vec();
                f.extend(k.second().into_iter().flatten());
                f
            })
            .collect();
        every.sort_unstable();
        every.dedup();
        // Every other feature learnt, with rows that differ by feature.
        let rows: FxHashMap<u64, Sum> = every
            .iter()
            .step_by(2)
            .map(|&f| {
                let row: Sum = std::array::from_fn(|i| {
                    ((f.wrapping_mul(2654435761) >> 40) % 4095) as i32 - 2047 + i as i32
                });
                (f, row)
            })
            .collect();
        let add = |sum: &mut Sum, f: u64| {
            if let Some(row) = rows.get(&f) {
                for (s, w) in sum.iter_mut().zip(row) {
                    *s += w;
                }
            }
        };
        let kept = HintRows::new(add);
        for k in combinations() {
            let mut want = [0i32; STATES];
            for f in k
                .first()
                .into_iter()
                .chain(k.second().into_iter().flatten())
            {
                add(&mut want, f);
            }
            let mut got = [0i32; STATES];
            kept.add(&mut got, &k);
            assert_eq!(got, want, "{k:?}");
        }
    }
}
