//! Training one stage: the averaged structured perceptron (Collins, 2002), and tagging
//! documents stage by stage as training and its scoring do.

use rustc_hash::FxHashMap;

use super::evidence::{DocContext, DocLabels};
use super::features::{features, Hints};
use super::hash::key;
use super::lexicon::Lexicons;
use super::stage::Model;
use super::states::{states_of, Row, STATES};
use crate::tags::Tag;

/// Averaged perceptron training state.
#[derive(Debug, Default)]
pub struct Trainer {
    model: Model,
    /// Sum of step-weighted updates, for averaging: average = w − u / c.
    totals: FxHashMap<u32, Row>,
    trans_totals: [[f32; STATES]; STATES + 1],
    step: f32,
}

impl Trainer {
    /// A trainer whose features consult `lexicons`.
    pub fn new(lexicons: Lexicons) -> Trainer {
        Trainer {
            model: Model {
                lexicons,
                ..Model::default()
            },
            step: 1.0,
            ..Trainer::default()
        }
    }

    /// Learns from one sentence; returns whether the current weights got it wrong.
    pub fn learn(&mut self, feats: &[Vec<u64>], gold: &[Tag]) -> bool {
        let gold = states_of(gold);
        let predicted = self.model.decode_states(feats);
        let wrong = predicted != gold;
        if wrong {
            let c = self.step;
            for (i, fs) in feats.iter().enumerate() {
                let (g, p) = (gold[i], predicted[i]);
                if g == p {
                    continue;
                }
                for &f in fs {
                    let f = key(f);
                    let w = self.model.weights.entry(f).or_insert([0.0; STATES]);
                    w[g] += 1.0;
                    w[p] -= 1.0;
                    let u = self.totals.entry(f).or_insert([0.0; STATES]);
                    u[g] += c;
                    u[p] -= c;
                }
            }
            let mut update = |from: usize, to: usize, delta: f32| {
                self.model.transitions[from][to] += delta;
                self.trans_totals[from][to] += c * delta;
            };
            for i in 0..gold.len() {
                let (gf, pf) = if i == 0 {
                    (STATES, STATES)
                } else {
                    (gold[i - 1], predicted[i - 1])
                };
                let (g, p) = (gold[i], predicted[i]);
                if (gf, g) != (pf, p) {
                    update(gf, g, 1.0);
                    update(pf, p, -1.0);
                }
            }
        }
        self.step += 1.0;
        wrong
    }

    /// The averaged model so far (training can go on).
    pub fn averaged(&self) -> Model {
        let c = self.step;
        let weights = self
            .model
            .weights
            .iter()
            .filter_map(|(f, w)| {
                let u = &self.totals[f];
                let mut row = [0f32; STATES];
                for t in 0..STATES {
                    row[t] = w[t] - u[t] / c;
                }
                row.iter().any(|&v| v != 0.0).then_some((*f, row))
            })
            .collect();
        let mut transitions = self.model.transitions;
        for (from, row) in transitions.iter_mut().enumerate() {
            for (to, v) in row.iter_mut().enumerate() {
                *v -= self.trans_totals[from][to] / c;
            }
        }
        Model {
            weights,
            transitions,
            lexicons: self.model.lexicons.clone(),
        }
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
