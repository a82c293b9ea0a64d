//! The two stages of averaged perceptron and how the second learns from the first.
//!
//! The second stage learns from first-stage labels; on the training set those must come from
//! models that did not see the sentence, or the second stage would learn to trust labels far
//! better than any it will meet. So the first stage is also trained on each half of the
//! training documents to label the other half (the same two-fold jackknife as the lexicons).

use std::collections::HashMap;

use folio::train::{self, DocLabels, Document, Lexicons, Model, Trainer};
use folio::{Tag, Tagger};

use crate::lexicons::Jackknife;

/// A sentence's features, its gold tags, and the spelling features of each token inside a
/// gold name (what identity dropout may take away).
type Example = (Vec<Vec<u64>>, Vec<Tag>, Vec<Option<[u64; 3]>>);

/// How the weights are fitted.
pub struct Schedule {
    /// The shuffling seed.
    pub seed: u64,
    /// The most epochs a stage trains for.
    pub epochs: usize,
    /// Features seen fewer times are dropped (1 keeps all).
    pub min_count: u32,
    /// Each epoch, the probability that a gold name's token loses its spelling features.
    pub drop_identity: f64,
}

/// Each stage's epochs, as chosen on dev.
pub struct Fitted {
    pub tagger: Tagger,
    pub first_epochs: usize,
    pub second_epochs: usize,
}

/// Trains both stages on `train_docs`, choosing each stage's epochs by F1 on `dev`.
pub fn fit(train_docs: &[Document], lex: &Jackknife, dev: &[Document], s: &Schedule) -> Fitted {
    let train_lex: Vec<&Lexicons> = (0..train_docs.len()).map(|d| lex.of(d)).collect();
    let gold_dev: Vec<&[Tag]> = dev
        .iter()
        .flat_map(|d| d.sentences.iter().map(|s| s.tags.as_slice()))
        .collect();
    let dev_words: Vec<Vec<Vec<&str>>> = dev.iter().map(train::words_of).collect();
    let f1_of = |predicted: &[Vec<Tag>]| {
        train::score(
            gold_dev
                .iter()
                .copied()
                .zip(predicted.iter().map(Vec::as_slice)),
        )
        .f1()
    };

    // Stage one on everything, epochs chosen on dev.
    let mut all = examples(train_docs, &train_lex, None);
    prune_rare(&mut all, s.min_count);
    let (first, first_epochs, first_f1) = run(
        &all,
        &lex.all,
        s,
        s.epochs,
        |m| f1_of(&train::tag_documents(m, dev)),
        "stage 1",
    );
    eprintln!("stage 1: {first_epochs} epochs, dev F1 {first_f1:.4}");

    // Jackknife: each half labelled by a first stage trained on the other half.
    let halves: [Vec<usize>; 2] = [
        (0..train_docs.len()).filter(|d| d % 2 == 0).collect(),
        (0..train_docs.len()).filter(|d| d % 2 == 1).collect(),
    ];
    let mut first_tags: Vec<Vec<Vec<Tag>>> = vec![Vec::new(); train_docs.len()];
    for (k, half) in halves.iter().enumerate() {
        let other = &halves[1 - k];
        let docs: Vec<Document> = other.iter().map(|&d| train_docs[d].clone()).collect();
        let other_lex: Vec<&Lexicons> = other.iter().map(|&d| lex.of(d)).collect();
        let mut ex = examples(&docs, &other_lex, None);
        prune_rare(&mut ex, s.min_count);
        let (model, _, _) = run(
            &ex,
            &lex.all,
            s,
            first_epochs,
            |_| 0.0,
            &format!("fold {k}"),
        );
        for &d in half {
            first_tags[d] =
                train::tag_stage_with(&model, lex.of(d), &train::words_of(&train_docs[d]), None);
        }
    }

    // Stage two, reading the jackknifed labels; scored on dev through the real first stage.
    let dev_first: Vec<Vec<Vec<Tag>>> = dev_words
        .iter()
        .map(|w| train::tag_stage(&first, w, None))
        .collect();
    let dev_labels: Vec<DocLabels> = dev_words
        .iter()
        .zip(&dev_first)
        .map(|(w, t)| DocLabels::new(w, t))
        .collect();
    let mut second_examples = examples(train_docs, &train_lex, Some(&first_tags));
    prune_rare(&mut second_examples, s.min_count);
    let score_second = |m: &Model| {
        let predicted: Vec<Vec<Tag>> = dev_words
            .iter()
            .zip(&dev_first)
            .zip(&dev_labels)
            .flat_map(|((w, t), l)| train::tag_stage(m, w, Some((l, t))))
            .collect();
        f1_of(&predicted)
    };
    let (second, second_epochs, _) = run(
        &second_examples,
        &lex.all,
        s,
        s.epochs,
        score_second,
        "stage 2",
    );
    Fitted {
        tagger: Tagger::new(first, second),
        first_epochs,
        second_epochs,
    }
}

/// Drops from `examples` every feature they hold fewer than `min` times (1 keeps all): a
/// feature seen once is the training text's own accident.
fn prune_rare(examples: &mut [Example], min: u32) {
    if min <= 1 {
        return;
    }
    let mut counts: HashMap<u64, u32> = HashMap::new();
    for (feats, _, _) in examples.iter() {
        for &f in feats.iter().flatten() {
            *counts.entry(f).or_default() += 1;
        }
    }
    for (feats, _, _) in examples.iter_mut() {
        for fs in feats.iter_mut() {
            fs.retain(|f| counts[f] >= min);
        }
    }
}

/// Features of every sentence; `first` holds first-stage tags per document for the second
/// stage. `lexicons[d]` is what document `d`'s features consult.
fn examples(
    docs: &[Document],
    lexicons: &[&Lexicons],
    first: Option<&[Vec<Vec<Tag>>]>,
) -> Vec<Example> {
    let mut out = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        let lexicon = lexicons[d];
        let words = train::words_of(doc);
        let ctx = train::DocContext::new(words.iter().map(Vec::as_slice));
        let labels = first.map(|f| DocLabels::new(&words, &f[d]));
        for (k, (w, s)) in words.iter().zip(&doc.sentences).enumerate() {
            let hints = match (&labels, first) {
                (Some(labels), Some(f)) => Some(train::Hints {
                    labels,
                    tags: &f[d][k],
                }),
                _ => None,
            };
            let mut feats = Vec::new();
            train::features(w, &ctx, lexicon, hints, &mut feats);
            let identity = s
                .tags
                .iter()
                .enumerate()
                .map(|(i, t)| (*t != Tag::O).then(|| train::identity_features(w, i)))
                .collect();
            out.push((feats, s.tags.clone(), identity));
        }
    }
    out
}

/// Trains for up to `epochs`, returning the averaged model of the epoch `score` likes best.
fn run(
    examples: &[Example],
    lexicon: &Lexicons,
    s: &Schedule,
    epochs: usize,
    score: impl Fn(&Model) -> f64,
    name: &str,
) -> (Model, usize, f64) {
    let mut trainer = Trainer::new(lexicon.clone());
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng: u64 = 0x2545_F491_4F6C_DD1D ^ s.seed;
    let mut best: Option<(Model, usize, f64)> = None;
    // Identity dropout: each epoch, each token of a gold name loses its spelling features
    // with this probability, so the weights must also learn what else marks a name.
    let threshold = (s.drop_identity.clamp(0.0, 1.0) * u32::MAX as f64) as u64;
    let mut coin: u64 = 0x9E37_79B9_7F4A_7C15 ^ rng;
    let mut dropped: Vec<Vec<u64>> = Vec::new();
    for epoch in 1..=epochs {
        // Fisher–Yates with a fixed seed: reproducible, different every epoch.
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        let mut wrong = 0usize;
        for &k in &order {
            let (feats, tags, identity) = &examples[k];
            let mut feats: &[Vec<u64>] = feats;
            if threshold > 0 && identity.iter().any(Option::is_some) {
                dropped.clear();
                dropped.extend(feats.iter().cloned());
                for (f, id) in dropped.iter_mut().zip(identity) {
                    let Some(id) = id else { continue };
                    coin ^= coin << 13;
                    coin ^= coin >> 7;
                    coin ^= coin << 17;
                    if (coin & 0xffff_ffff) < threshold {
                        f.retain(|x| !id.contains(x));
                    }
                }
                feats = &dropped;
            }
            wrong += usize::from(trainer.learn(feats, tags));
        }
        let model = trainer.averaged();
        let f1 = score(&model);
        eprintln!(
            "{name} epoch {epoch:>2}: {wrong:>5} sentences wrong, dev F1 {f1:.4}, {} features",
            model.len()
        );
        if best.as_ref().is_none_or(|b| f1 > b.2) {
            best = Some((model, epoch, f1));
        }
    }
    best.expect("at least one epoch")
}
