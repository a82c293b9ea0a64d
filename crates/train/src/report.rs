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

/// Prints the name rules in the order they run, each with what it mends and its gain on dev
/// and on WikiGold: F1 with every rule less F1 with every rule but it (a Markdown table, as
/// models/README.md keeps it), and how many sentences it changes there and, with `text`, in
/// documents without labels, with examples after the table. Each document is tagged once; only
/// the rules run again.
pub fn rules(tagger: &Tagger, dev: &[Document], wikigold: &[Document], text: Option<&TextChanges>) {
    let (dev_tags, wiki_tags) = (tagged(tagger, dev), tagged(tagger, wikigold));
    let f1 = |docs: &[Document], predicted: &[Vec<Tag>]| {
        let gold = docs
            .iter()
            .flat_map(|d| d.sentences.iter().map(|s| s.tags.as_slice()));
        train::score(gold.zip(predicted.iter().map(Vec::as_slice))).f1()
    };
    let (dev_all, wiki_all) = (
        mended(tagger, dev, &dev_tags, Some(train::Enabled::ALL)),
        mended(tagger, wikigold, &wiki_tags, Some(train::Enabled::ALL)),
    );
    let (dev_f1, wiki_f1) = (f1(dev, &dev_all), f1(wikigold, &wiki_all));
    println!(
        "F1 with every rule: dev {dev_f1:.4}, WikiGold {wiki_f1:.4}; the tagger alone: dev {:.4}, WikiGold {:.4}",
        f1(dev, &mended(tagger, dev, &dev_tags, None)),
        f1(wikigold, &mended(tagger, wikigold, &wiki_tags, None)),
    );
    println!();
    let (column, rule) = match text {
        Some(t) => (
            format!(
                " changes per 1,000 of {} documents without labels |",
                t.documents
            ),
            " --- |",
        ),
        None => (String::new(), ""),
    };
    println!(
        "| # | rule | mends | dev gain | WikiGold gain | sentences it changes (dev, WikiGold) |{column}"
    );
    println!("| --- | --- | --- | --- | --- | --- |{rule}");
    let changed = |a: &[Vec<Tag>], b: &[Vec<Tag>]| a.iter().zip(b).filter(|(a, b)| a != b).count();
    for (k, rule) in train::RULES.iter().enumerate() {
        let without = train::Enabled::without(rule.name);
        let (dev_without, wiki_without) = (
            mended(tagger, dev, &dev_tags, without),
            mended(tagger, wikigold, &wiki_tags, without),
        );
        let scope = match rule.scope {
            train::Scope::Sentence(_) => "",
            train::Scope::Document(_) => " (document)",
        };
        let on_text = text.map_or(String::new(), |t| {
            format!(
                " {:.1} |",
                t.changed[k] as f64 * 1000.0 / t.documents.max(1) as f64
            )
        });
        println!(
            "| {} | `{}`{scope} | {} | {:+.4} | {:+.4} | {}, {} |{on_text}",
            k + 1,
            rule.name,
            rule.mends,
            dev_f1 - f1(dev, &dev_without),
            wiki_f1 - f1(wikigold, &wiki_without),
            changed(&dev_all, &dev_without),
            changed(&wiki_all, &wiki_without),
        );
    }
    if let Some(t) = text {
        println!();
        println!(
            "What each rule changes in the {} documents without labels ({} sentences): the names \
             with every rule <- without it",
            t.documents, t.sentences
        );
        for (rule, examples) in train::RULES.iter().zip(&t.examples) {
            println!("{}:", rule.name);
            for example in examples {
                println!("    {example}");
            }
        }
    }
}

/// What each rule changes in documents without labels.
pub struct TextChanges {
    pub documents: usize,
    pub sentences: usize,
    /// Sentences each rule changes (by its place in the table).
    pub changed: Vec<usize>,
    /// The first few changes of each rule, written out.
    pub examples: Vec<Vec<String>>,
}

/// How many sentences of `texts` (documents without labels) each rule changes, and the first
/// `examples` of them: the names with every rule, and without it.
pub fn rules_on_text(tagger: &Tagger, texts: &[String], examples: usize) -> TextChanges {
    let mut out = TextChanges {
        documents: texts.len(),
        sentences: 0,
        changed: vec![0; train::RULES.len()],
        examples: vec![Vec::new(); train::RULES.len()],
    };
    for text in texts {
        let owned = train::sentence_words(text);
        let words = borrowed(&owned);
        out.sentences += words.len();
        let tags = tagger.tag_document(&words);
        let all = train::mend_document_with(&tags, &words, tagger.lexicons(), train::Enabled::ALL);
        for (k, rule) in train::RULES.iter().enumerate() {
            let without = train::Enabled::without(rule.name).expect("a rule of the table");
            let spans = train::mend_document_with(&tags, &words, tagger.lexicons(), without);
            for ((with, without), w) in all.iter().zip(&spans).zip(&words) {
                if with == without {
                    continue;
                }
                out.changed[k] += 1;
                if out.examples[k].len() < examples {
                    let names = |spans: &[folio::Span]| {
                        spans
                            .iter()
                            .filter(|s| !with.contains(s) || !without.contains(s))
                            .map(|s| format!("[{:?} {}]", s.label, w[s.range()].join(" ")))
                            .collect::<Vec<_>>()
                            .join(" ")
                    };
                    out.examples[k].push(format!("{} <- {}", names(with), names(without)));
                }
            }
        }
    }
    out
}

/// Self-training text: `texts` tagged by both `models` as Folio shows names; kept, the
/// sentences in normal style that hold a name, on which both agree, and whose every name keeps
/// one label wherever its words stand as a name in the document. Returns the CoNLL text (word
/// and tag a line), the sentences kept and the sentences read.
pub fn self_tag(models: &[Tagger; 2], texts: &[String]) -> (String, usize, usize) {
    use std::collections::HashMap;
    let (mut out, mut kept, mut read) = (String::new(), 0, 0);
    for text in texts {
        let owned = train::sentence_words(text);
        let words = borrowed(&owned);
        read += words.len();
        let [a, b] = models
            .each_ref()
            .map(|m| train::mend_document(&m.tag_document(&words), &words, m.lexicons()));
        let mut labels: HashMap<String, Vec<folio::Label>> = HashMap::new();
        for (spans, w) in a.iter().zip(&words) {
            for s in spans {
                let seen = labels.entry(w[s.range()].join(" ")).or_default();
                if !seen.contains(&s.label) {
                    seen.push(s.label);
                }
            }
        }
        let mut doc = String::new();
        for ((sa, sb), w) in a.iter().zip(&b).zip(&words) {
            let one_label = sa
                .iter()
                .all(|s| labels[&w[s.range()].join(" ")].len() == 1);
            if sa.is_empty() || sa != sb || !one_label || train::style(w) != train::Style::Normal {
                continue;
            }
            kept += 1;
            for (word, tag) in w.iter().zip(train::tags_of(sa, w.len())) {
                let tag = match tag {
                    Tag::O => "O".to_owned(),
                    Tag::B(l) => format!("B-{l:?}"),
                    Tag::I(l) => format!("I-{l:?}"),
                };
                doc.push_str(&format!("{word} {tag}\n"));
            }
            doc.push('\n');
        }
        if !doc.is_empty() {
            out.push_str("-DOCSTART- O\n\n");
            out.push_str(&doc);
        }
    }
    (out, kept, read)
}

/// Sentences of owned words as the tagger takes them.
fn borrowed(sentences: &[Vec<String>]) -> Vec<Vec<&str>> {
    sentences
        .iter()
        .map(|s| s.iter().map(String::as_str).collect())
        .collect()
}

/// Each sentence's tags as Folio shows names: the tagger, then the name rules.
fn shown(tagger: &Tagger, docs: &[Document]) -> Vec<Vec<Tag>> {
    mended(
        tagger,
        docs,
        &tagged(tagger, docs),
        Some(train::Enabled::ALL),
    )
}

/// Each document's tags from the tagger alone.
fn tagged(tagger: &Tagger, docs: &[Document]) -> Vec<Vec<Vec<Tag>>> {
    docs.iter()
        .map(|d| tagger.tag_document(&train::words_of(d)))
        .collect()
}

/// Each sentence's tags, the documents' tagger `tags` mended by the `enabled` rules (none:
/// the tagger's own).
fn mended(
    tagger: &Tagger,
    docs: &[Document],
    tags: &[Vec<Vec<Tag>>],
    enabled: Option<train::Enabled>,
) -> Vec<Vec<Tag>> {
    let mut out = Vec::new();
    for (doc, tags) in docs.iter().zip(tags) {
        match enabled {
            Some(enabled) => {
                let words = train::words_of(doc);
                let spans = train::mend_document_with(tags, &words, tagger.lexicons(), enabled);
                for (spans, tags) in spans.iter().zip(tags) {
                    out.push(train::tags_of(spans, tags.len()));
                }
            }
            None => out.extend(tags.iter().cloned()),
        }
    }
    out
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
