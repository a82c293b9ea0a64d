//! BILOU states: what the model scores for each token, how they may follow one another, and
//! how they map to and from the BIO tags everything else reads.

use crate::tags::{Tag, TYPES};

/// What the model scores for a token: `O`, or for each name type whether the token begins
/// (B), continues (I), ends (L) or is the whole of (U) a name. BILOU lets a weight say "last
/// word of an organisation" (`Inc`, `United`) which BIO cannot; output is converted to BIO.
pub(super) const STATES: usize = 1 + 4 * TYPES.len();

/// Scores of one token for each state.
pub(super) type Row = [f32; STATES];

/// A token's weights summed over its features, one per state, in the model's integer units
/// (the joint decoder's and the hint rows' common currency).
pub(super) type Sum = [i32; STATES];

/// A state's position in its name: 0 for O, then B, I, L, U.
pub(super) fn position(state: usize) -> usize {
    if state == 0 {
        0
    } else {
        1 + (state - 1) % 4
    }
}

pub(super) fn state_type(state: usize) -> usize {
    (state - 1) / 4
}

/// Whether state `to` may follow `from` (`None`: the sentence start).
pub(super) fn allowed(from: Option<usize>, to: usize) -> bool {
    let open = from.is_some_and(|f| matches!(position(f), 1 | 2));
    match position(to) {
        0 | 1 | 4 => !open,
        _ => open && state_type(from.unwrap_or(1)) == state_type(to),
    }
}

/// Whether a sentence may end in `state` (no name left open).
pub(super) fn closes(state: usize) -> bool {
    !matches!(position(state), 1 | 2)
}

#[cfg(feature = "train")]
/// BIO tags to BILOU states.
pub(super) fn states_of(tags: &[Tag]) -> Vec<usize> {
    let type_of = |l| TYPES.iter().position(|&t| t == l).unwrap_or(0);
    (0..tags.len())
        .map(|i| {
            let continues = matches!(tags.get(i + 1), Some(Tag::I(_)));
            match tags[i] {
                Tag::O => 0,
                Tag::B(l) => 1 + 4 * type_of(l) + if continues { 0 } else { 3 },
                Tag::I(l) => 1 + 4 * type_of(l) + if continues { 1 } else { 2 },
            }
        })
        .collect()
}

/// A state as a BIO tag.
pub(super) fn tag_of(state: usize) -> Tag {
    match position(state) {
        0 => Tag::O,
        1 | 4 => Tag::B(TYPES[state_type(state)]),
        _ => Tag::I(TYPES[state_type(state)]),
    }
}

/// States no name is open after: O, and L and U of each type.
pub(super) const CLOSED: [usize; 9] = [0, 3, 4, 7, 8, 11, 12, 15, 16];
