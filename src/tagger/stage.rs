//! One stage of the tagger: a perceptron's weights over features, its transition weights, and
//! decoding a sentence with them (training and freshly trained models; a loaded tagger scores
//! through the joint table instead).

use rustc_hash::FxHashMap;

use super::features::{features, DocContext, DocLabels, Hints};
use super::hash::key;
use super::lexicon::Lexicons;
use super::states::{tag_of, Row, STATES};
use super::viterbi::viterbi;
use crate::conll::Document;
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

    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }
}

/// One stage over a document; `hints` are the first stage's labels, for the second.
pub fn tag_stage(
    model: &Model,
    sentences: &[Vec<&str>],
    hints: Option<(&DocLabels, &[Vec<Tag>])>,
) -> Vec<Vec<Tag>> {
    tag_stage_with(model, &model.lexicons, sentences, hints)
}

/// [`tag_stage`], the features consulting `lexicons` rather than the model's own (training
/// labels each half of its documents with the other half's name list).
pub fn tag_stage_with(
    model: &Model,
    lexicons: &Lexicons,
    sentences: &[Vec<&str>],
    hints: Option<(&DocLabels, &[Vec<Tag>])>,
) -> Vec<Vec<Tag>> {
    let ctx = DocContext::new(sentences.iter().map(Vec::as_slice));
    let mut feats = Vec::new();
    sentences
        .iter()
        .enumerate()
        .map(|(k, words)| {
            let h = hints.map(|(labels, tags)| Hints {
                labels,
                tags: &tags[k],
            });
            features(words, &ctx, lexicons, h, &mut feats);
            model.decode(&feats[..words.len()])
        })
        .collect()
}

/// The words of each sentence of a document, borrowed.
pub fn words_of(doc: &Document) -> Vec<Vec<&str>> {
    doc.sentences
        .iter()
        .map(|s| s.words.iter().map(String::as_str).collect())
        .collect()
}

/// Tags every sentence of `docs` with one stage, `model`; returns the predictions in order.
pub fn tag_documents(model: &Model, docs: &[Document]) -> Vec<Vec<Tag>> {
    docs.iter()
        .flat_map(|doc| tag_stage(model, &words_of(doc), None))
        .collect()
}
