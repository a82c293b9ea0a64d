//! What a model scores, printed the way `scripts/seeds.sh` reads it: dev (eng.testa) and
//! WikiGold, exact span and label (CoNLL), the tagger alone and as Folio shows names (the
//! tagger, then the name rules of `src/names/`); and token dumps for error analysis.

use std::path::Path;

use folio::train::{self, Document};
use folio::{Tag, Tagger};

use crate::cli::Dumps;

/// Scores `tagger` (as read back from its file, so that the figure is the shipped model's) on
/// `dev` and on WikiGold, and writes the dumps asked for.
pub fn report(
    root: &Path,
    tagger: &Tagger,
    dev: &[Document],
    dumps: &Dumps,
) -> Result<(), crate::Error> {
    let saved = train::evaluate(tagger, dev);
    println!(
        "dev F1, the tagger alone {:.4}, with the name rules {:.4}",
        saved.tagger.f1(),
        saved.shown.f1()
    );
    println!("dev (eng.testa) as Folio shows names:\n{}", saved.shown);
    // Out of domain: WikiGold, scored exactly like dev, never trained on.
    let wikigold = train::read(&root.join("data/wikigold/wikigold.conll"))?;
    let wiki = train::evaluate(tagger, &wikigold);
    println!(
        "WikiGold: tagger alone {:.4}; as Folio shows names:\n{}",
        wiki.tagger.f1(),
        wiki.shown
    );
    if let Some(path) = &dumps.dump_wikigold {
        dump(path, &wikigold, &shown(tagger, &wikigold))?;
    }
    if let Some(path) = &dumps.dump_shown {
        dump(path, dev, &shown(tagger, dev))?;
    }
    Ok(())
}

/// Each sentence's tags as Folio shows names: the tagger, then the name rules.
fn shown(tagger: &Tagger, docs: &[Document]) -> Vec<Vec<Tag>> {
    let mut shown = Vec::new();
    for doc in docs {
        let words = train::words_of(doc);
        let tags = tagger.tag_document(&words);
        for (spans, w) in train::mend_document(&tags, &words, tagger.lexicons())
            .iter()
            .zip(&words)
        {
            shown.push(train::tags_of(spans, w.len()));
        }
    }
    shown
}

/// Writes `word gold predicted`, one token a line, a blank line between sentences.
pub fn dump(path: &Path, docs: &[Document], predicted: &[Vec<Tag>]) -> std::io::Result<()> {
    let mut out = String::new();
    let sentences = docs.iter().flat_map(|d| d.sentences.iter());
    for (s, p) in sentences.zip(predicted) {
        for ((w, g), p) in s.words.iter().zip(&s.tags).zip(p) {
            out.push_str(&format!("{w} {g:?} {p:?}\n"));
        }
        out.push('\n');
    }
    std::fs::write(path, out)
}
