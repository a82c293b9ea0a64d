//! The name tagger: two stages of averaged structured perceptron over BILOU states, decoded
//! with Viterbi.
//!
//! Each token gets some fifty hashed features (the word, its lower-case form, its shape,
//! affixes, its neighbours, casing evidence, name lists) — built from precomputed hashes, never
//! as strings, so tagging costs table lookups and a Viterbi step over the 17 BILOU states (O,
//! and B, I, L, U of each of the four name types) a token. Casing is the strongest clue to a
//! name in English and the easiest to be fooled by: a headline in capitals or in title case
//! capitalises every word. So a sentence's style (normal, capitals, title case) is a feature
//! conjoined with the word's shape, and two kinds of evidence say how a word is usually
//! written: in the same document (is it written in lower case somewhere else?) and in the
//! training corpus (how often is it capitalised mid-sentence?).
//!
//! The first stage reads each sentence; the second also reads the first stage's tags and the
//! labels the same word got elsewhere in the document, so that one name is tagged alike
//! throughout (`Mikati` after `Najib Mikati`).
//!
//! Training (Collins, 2002): tag a sentence with the current weights; where the best path
//! differs from the gold one, add the gold path's features and subtract the predicted path's.
//! The weights kept are the average over every step, which generalises far better than the
//! last ones. A loaded model keeps both stages' weights in one table, requantised to 8 bits
//! (`joint`), which is what makes tagging fast.
//!
//! The code map, one concern a file:
//!
//! * `hash` — the hashes features are made of, the same on every platform;
//! * `lexicon` — corpus casing, name lists, a sentence's style;
//! * `evidence` — what a document says of its own words (casing, context, first-stage
//!   labels), gathered across its sentences;
//! * `features` — the features of each token, both stages';
//! * `states` — BILOU states and their BIO tags;
//! * `viterbi` — the best well-formed state sequence;
//! * `stage` — one stage's weights and decoding, for training;
//! * `joint` — a loaded tagger's table of both stages' weights, and tagging with it;
//! * `hints` — the second stage's templates, summed for every value when a model loads;
//! * `words` — the rows of the features that read only the word (and its sentence's style),
//!   kept by word as it tags;
//! * `format` — the saved model, written and read, and [`ModelError`];
//! * `train` — the averaged perceptron's updates.

mod evidence;
mod features;
mod format;
mod hash;
mod hints;
mod joint;
mod lexicon;
mod stage;
mod states;
mod table;
#[cfg(feature = "train")]
mod train;
mod viterbi;
mod words;

pub use format::ModelError;
pub use lexicon::Lexicons;
pub use lexicon::{style, Style};
pub use stage::Model;

#[cfg(feature = "train")]
pub use evidence::{DocContext, DocLabels};
#[cfg(feature = "train")]
pub use features::{features, identity_features, Hints};
#[cfg(feature = "train")]
pub use format::PRUNE;
#[cfg(feature = "train")]
pub use lexicon::{CasingLexicon, Clusters, Gazetteer};
#[cfg(feature = "train")]
pub use train::{tag_stage, tag_stage_with, Trainer};

use evidence::{DocContext as Context, DocLabels as Labels};
use features::Hints as StageHints;
use features::{base_features, hint_features};

use crate::tags::Tag;
use table::Joint;

/// The tagger: a first stage that reads each sentence, and a second that also reads the first
/// stage's labels across the document.
#[derive(Clone, Debug, Default)]
pub struct Tagger {
    /// The stage that reads each sentence alone.
    pub first: Model,
    /// The stage that also reads the first stage's labels across the document.
    pub second: Model,
    /// Both stages' weights in one table, in a loaded tagger (see [`Joint`]).
    joint: Option<Joint>,
}

impl Tagger {
    /// The tagger of two trained stages.
    pub fn new(first: Model, second: Model) -> Tagger {
        Tagger {
            first,
            second,
            joint: None,
        }
    }

    /// Tags one document's sentences.
    pub fn tag_document(&self, sentences: &[Vec<&str>]) -> Vec<Vec<Tag>> {
        match &self.joint {
            Some(joint) => joint.tag(&self.first, &self.second, sentences),
            None => self.tag_separately(sentences),
        }
    }

    /// Tagging with freshly trained models, stage by stage.
    fn tag_separately(&self, sentences: &[Vec<&str>]) -> Vec<Vec<Tag>> {
        let ctx = Context::new(sentences.iter().map(Vec::as_slice));
        let base: Vec<Vec<Vec<u64>>> = sentences
            .iter()
            .map(|words| {
                let mut f = Vec::new();
                base_features(words, &ctx, &self.first.lexicons, &mut f);
                f
            })
            .collect();
        let first: Vec<Vec<Tag>> = base.iter().map(|f| self.first.decode(f)).collect();
        let labels = Labels::new(sentences, &first);
        base.into_iter()
            .zip(sentences)
            .zip(&first)
            .map(|((mut f, words), tags)| {
                hint_features(
                    words,
                    StageHints {
                        labels: &labels,
                        tags,
                    },
                    &mut f,
                );
                self.second.decode(&f)
            })
            .collect()
    }
}
