//! One stage of the tagger: a perceptron's weights over features, its transition weights, and
//! decoding a sentence with them (training and freshly trained models; a loaded tagger scores
//! through the joint table instead).

use rustc_hash::FxHashMap;

use super::hash::key;
use super::lexicon::Lexicons;
use super::states::{tag_of, Row, STATES};
use super::viterbi::viterbi;
use crate::tags::Tag;

/// One trained stage of the tagger.
#[derive(Clone, Debug, Default)]
pub struct Model {
    /// Weights by [`key`] of the feature, while training. (A loaded `Tagger` keeps its
    /// weights in a joint table instead; its stages hold the transitions and lexicons.)
    pub(super) weights: FxHashMap<u32, Row>,
    /// `transitions[from][to]`; row `STATES` is the sentence start.
    pub(super) transitions: [[f32; STATES]; STATES + 1],
    /// What the features consult: corpus casing and the name lists.
    pub lexicons: Lexicons,
}

impl Model {
    /// The best tag sequence for a sentence whose token features are `feats`.
    pub fn decode(&self, feats: &[Vec<u64>]) -> Vec<Tag> {
        self.decode_states(feats).into_iter().map(tag_of).collect()
    }

    pub(super) fn decode_states(&self, feats: &[Vec<u64>]) -> Vec<usize> {
        let emissions: Vec<Row> = feats
            .iter()
            .map(|fs| {
                let mut row = [0f32; STATES];
                for &f in fs {
                    if let Some(w) = self.weights.get(&key(f)) {
                        for t in 0..STATES {
                            row[t] += w[t];
                        }
                    }
                }
                row
            })
            .collect();
        viterbi(&emissions, &self.transitions)
    }

    /// Number of features with weights.
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    /// Whether no feature has a weight (a loaded tagger's stages, whose weights are in its
    /// joint table).
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }
}
