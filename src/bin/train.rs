//! `cargo run --release --bin train`: trains the name tagger on CoNLL-2003 `eng.train`, picks
//! the epoch that scores best on `eng.testa` (the development split), and reports its scores.
//!
//! Usage: train [DATA_DIR] (default ../shared/data/conll2003).

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> Result<(), Box<dyn std::error::Error>> {
    use folio::conll::{self, Tag};
    use folio::tagger::{self, CasingLexicon, DocContext, Trainer};
    use std::path::PathBuf;
    use std::time::Instant;

    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/conll2003")
        });
    let epochs: usize = std::env::var("FOLIO_EPOCHS")
        .ok()
        .and_then(|e| e.parse().ok())
        .unwrap_or(12);
    let train = conll::read(&dir.join("eng.train"))?;
    let dev = conll::read(&dir.join("eng.testa"))?;
    eprintln!(
        "train: {} documents, {} sentences; dev: {} documents",
        train.len(),
        train.iter().map(|d| d.sentences.len()).sum::<usize>(),
        dev.len()
    );

    let lexicon = CasingLexicon::from_documents(&train);
    // Features of every training sentence, computed once.
    let mut examples: Vec<(Vec<Vec<u64>>, Vec<Tag>)> = Vec::new();
    for doc in &train {
        let sentences: Vec<Vec<&str>> = doc
            .sentences
            .iter()
            .map(|s| s.words.iter().map(String::as_str).collect())
            .collect();
        let ctx = DocContext::new(sentences.iter().map(Vec::as_slice));
        for (words, s) in sentences.iter().zip(&doc.sentences) {
            let mut feats = Vec::new();
            tagger::features(words, &ctx, &lexicon, &mut feats);
            examples.push((feats, s.tags.clone()));
        }
    }
    let gold_dev: Vec<&[Tag]> = dev
        .iter()
        .flat_map(|d| d.sentences.iter().map(|s| s.tags.as_slice()))
        .collect();

    let mut trainer = Trainer::new(lexicon);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng: u64 = 0x2545_F491_4F6C_DD1D;
    let mut best: Option<(f64, usize, folio::tagger::Model)> = None;
    for epoch in 1..=epochs {
        let t = Instant::now();
        // Fisher–Yates with a fixed seed: a reproducible order that differs every epoch.
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        let mut wrong = 0;
        for &k in &order {
            let (feats, gold) = &examples[k];
            wrong += usize::from(trainer.learn(feats, gold));
        }
        let model = trainer.averaged();
        let predicted = tagger::tag_documents(&model, &dev);
        let scores = conll::score(
            gold_dev
                .iter()
                .copied()
                .zip(predicted.iter().map(Vec::as_slice)),
        );
        eprintln!(
            "epoch {epoch:>2}: {wrong} sentences wrong, dev F1 {:.4} (P {:.4} R {:.4}), {} features, {:.1}s",
            scores.f1(),
            scores.precision(),
            scores.recall(),
            model.len(),
            t.elapsed().as_secs_f64()
        );
        if best.as_ref().is_none_or(|(f, _, _)| scores.f1() > *f) {
            best = Some((scores.f1(), epoch, model));
        }
    }
    let (f1, epoch, model) = best.expect("at least one epoch");
    let predicted = tagger::tag_documents(&model, &dev);
    let scores = conll::score(
        gold_dev
            .iter()
            .copied()
            .zip(predicted.iter().map(Vec::as_slice)),
    );
    println!("best epoch {epoch}: dev F1 {f1:.4}\n{scores}");
    Ok(())
}
