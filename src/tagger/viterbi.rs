//! Decoding: the best well-formed sequence of BILOU states for a sentence's scores.

use super::states::{allowed, closes, position, state_type, Row, CLOSED, STATES};
use crate::tags::TYPES;

/// The larger of two scores. Not `f32::max`, whose NaN rule WebAssembly's `f32.max` does
/// not share, so that in the page it was a call to libm's `fmaxf` for each of the ~150
/// comparisons of a token (15% of tagging time in V8's profile); scores are never NaN, and
/// this is one compare and select (`f32x4.pmax` when vectorised).
#[inline(always)]
fn larger(a: f32, b: f32) -> f32 {
    if b > a {
        b
    } else {
        a
    }
}

/// One Viterbi step: each state's best score over its allowed predecessors.
///
/// BILOU fixes who may precede whom — O, B and U follow a closed state; I and L follow B or I
/// of their type — so rather than trying all STATES² pairs and rejecting most, each closed
/// predecessor is added to the whole row and I and L then choose between their two. Only the
/// maxima are taken here (a loop the compiler vectorises); which predecessor gave each is
/// worked out when tracing the best path back, for the one state on it.
#[inline]
pub(super) fn step(prev: &Row, transitions: &[[f32; STATES]; STATES + 1]) -> Row {
    let mut best = [f32::NEG_INFINITY; STATES];
    for p in CLOSED {
        let base = prev[p];
        for (b, &w) in best.iter_mut().zip(&transitions[p]) {
            *b = larger(*b, base + w);
        }
    }
    for x in 0..TYPES.len() {
        let (b, i) = (1 + 4 * x, 2 + 4 * x);
        for t in [2 + 4 * x, 3 + 4 * x] {
            best[t] = larger(prev[b] + transitions[b][t], prev[i] + transitions[i][t]);
        }
    }
    best
}

/// The predecessor of state `to` on the best path: the first allowed state giving the best
/// score, as [`step`] scored them.
pub(super) fn best_predecessor(
    prev: &Row,
    transitions: &[[f32; STATES]; STATES + 1],
    to: usize,
) -> usize {
    let open = [1 + 4 * state_type(to.max(1)), 2 + 4 * state_type(to.max(1))];
    let candidates: &[usize] = if matches!(position(to), 2 | 3) {
        &open
    } else {
        &CLOSED
    };
    let mut best = (f32::NEG_INFINITY, candidates[0]);
    for &p in candidates {
        let s = prev[p] + transitions[p][to];
        if s > best.0 {
            best = (s, p);
        }
    }
    best.1
}

/// Viterbi over BILOU states with ill-formed sequences (`O` → `I-X`, a name left open) forbidden.
pub(super) fn viterbi(emissions: &[Row], transitions: &[[f32; STATES]; STATES + 1]) -> Vec<usize> {
    let mut out = Vec::new();
    viterbi_into(emissions, transitions, &mut Vec::new(), &mut out);
    out
}

/// [`viterbi`] into `out`, with `score` as scratch: tagging many sentences reuses both.
pub(super) fn viterbi_into(
    emissions: &[Row],
    transitions: &[[f32; STATES]; STATES + 1],
    score: &mut Vec<Row>,
    out: &mut Vec<usize>,
) {
    let n = emissions.len();
    out.clear();
    if n == 0 {
        return;
    }
    score.clear();
    score.resize(n, [f32::NEG_INFINITY; STATES]);
    for t in 0..STATES {
        if allowed(None, t) {
            score[0][t] = transitions[STATES][t] + emissions[0][t];
        }
    }
    for i in 1..n {
        let best = step(&score[i - 1], transitions);
        for (s, (b, e)) in score[i].iter_mut().zip(best.iter().zip(&emissions[i])) {
            *s = b + e;
        }
    }
    let mut t = (0..STATES)
        .filter(|&t| closes(t))
        .max_by(|&a, &b| score[n - 1][a].total_cmp(&score[n - 1][b]))
        .unwrap_or(0);
    out.resize(n, 0);
    for i in (0..n).rev() {
        out[i] = t;
        if i > 0 {
            t = best_predecessor(&score[i - 1], transitions, t);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Numbers in −4..4 from a seed (xorshift), to fill weight tables.
    fn filler(mut seed: u64) -> impl FnMut() -> f32 {
        seed |= 1;
        move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % 8000) as f32 / 1000.0 - 4.0
        }
    }

    /// A path's score, or `None` if BILOU forbids it.
    fn score(
        path: &[usize],
        emissions: &[Row],
        transitions: &[[f32; STATES]; STATES + 1],
    ) -> Option<f32> {
        let mut total = 0.0;
        let mut prev = None;
        for (&s, e) in path.iter().zip(emissions) {
            if !allowed(prev, s) {
                return None;
            }
            total += transitions[prev.unwrap_or(STATES)][s] + e[s];
            prev = Some(s);
        }
        prev.is_none_or(closes).then_some(total)
    }

    proptest! {
        /// Viterbi finds the best well-formed path: checked against every path of up to
        /// three tokens.
        #[test]
        fn viterbi_finds_the_best_well_formed_path(seed in any::<u64>(), n in 1usize..=3) {
            let mut next = filler(seed);
            let transitions: [[f32; STATES]; STATES + 1] =
                std::array::from_fn(|_| std::array::from_fn(|_| next()));
            let emissions: Vec<Row> = (0..n).map(|_| std::array::from_fn(|_| next())).collect();
            let path = viterbi(&emissions, &transitions);
            let got = score(&path, &emissions, &transitions);
            prop_assert!(got.is_some(), "ill-formed path {:?}", path);
            let mut best = f32::NEG_INFINITY;
            for code in 0..STATES.pow(n as u32) {
                let candidate: Vec<usize> =
                    (0..n).map(|i| code / STATES.pow(i as u32) % STATES).collect();
                if let Some(s) = score(&candidate, &emissions, &transitions) {
                    best = best.max(s);
                }
            }
            prop_assert!((got.unwrap() - best).abs() < 1e-3, "{} < {}", got.unwrap(), best);
        }
    }
}
