//! CoNLL-2003 data and scoring: reading the shared task's files and scoring predictions the
//! shared task's way (exact spans: first token, last token and label must all match; micro F1).

use std::fmt;

use crate::model::Label;
use crate::tagger::{tag_stage, Model, Tagger};
use crate::tags::{spans, tags_of, type_index, Tag, TYPES};

/// One sentence: its words and, for annotated data, their BIO tags.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sentence {
    /// The tokens, as the file has them.
    pub words: Vec<String>,
    /// One tag a token.
    pub tags: Vec<Tag>,
}

/// One document (`-DOCSTART-` to the next): what document-level features look across.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    /// Its sentences, in order.
    pub sentences: Vec<Sentence>,
}

/// Why a CoNLL file could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// The file could not be read.
    Io(std::io::Error),
    /// A token line without two or four columns or with an unknown tag.
    Line {
        /// Its number, from 1.
        line: usize,
        /// The line.
        text: String,
    },
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io(err) => write!(f, "{err}"),
            ReadError::Line { line, text } => {
                write!(f, "line {line}: not a CoNLL token line: {text:?}")
            }
        }
    }
}

impl std::error::Error for ReadError {}

/// Reads a CoNLL-2003 file (word, POS, chunk, NER; IOB1) into documents with BIO tags. Files
/// of two columns (word, NER), as WikiGold is written, read the same way.
pub fn read(path: &std::path::Path) -> Result<Vec<Document>, ReadError> {
    parse(&std::fs::read_to_string(path).map_err(ReadError::Io)?)
}

/// [`read`], from text.
pub fn parse(text: &str) -> Result<Vec<Document>, ReadError> {
    let mut docs: Vec<Document> = Vec::new();
    let mut sentence = Sentence::default();
    let mut iob1: Vec<&str> = Vec::new();
    let finish = |docs: &mut Vec<Document>, sentence: &mut Sentence, iob1: &mut Vec<&str>| {
        if !sentence.words.is_empty() {
            sentence.tags = bio_from_iob1(iob1);
            if docs.is_empty() {
                docs.push(Document::default());
            }
            docs.last_mut()
                .unwrap()
                .sentences
                .push(std::mem::take(sentence));
        }
        iob1.clear();
    };
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() {
            finish(&mut docs, &mut sentence, &mut iob1);
            continue;
        }
        // CoNLL-2003 has four columns (word, POS, chunk, tag); WikiGold two (word, tag).
        let cols: Vec<&str> = line.split(' ').collect();
        let tag = match cols[..] {
            [_, tag] | [_, _, _, tag] if parse_tag(tag).is_some() => tag,
            _ => {
                return Err(ReadError::Line {
                    line: n + 1,
                    text: line.to_owned(),
                })
            }
        };
        if cols[0] == "-DOCSTART-" {
            finish(&mut docs, &mut sentence, &mut iob1);
            docs.push(Document::default());
            continue;
        }
        sentence.words.push(cols[0].to_owned());
        iob1.push(tag);
    }
    finish(&mut docs, &mut sentence, &mut iob1);
    docs.retain(|d| !d.sentences.is_empty());
    Ok(docs)
}

fn parse_tag(tag: &str) -> Option<Option<(char, Label)>> {
    if tag == "O" {
        return Some(None);
    }
    let (prefix, label) = tag.split_once('-')?;
    let label = match label {
        "PER" => Label::PER,
        "ORG" => Label::ORG,
        "LOC" => Label::LOC,
        "MISC" => Label::MISC,
        _ => return None,
    };
    match prefix {
        "B" => Some(Some(('B', label))),
        "I" => Some(Some(('I', label))),
        _ => None,
    }
}

/// IOB1 (`I-X` starts an entity unless it follows one of type X) to BIO.
fn bio_from_iob1(tags: &[&str]) -> Vec<Tag> {
    let mut out = Vec::with_capacity(tags.len());
    let mut prev: Option<Label> = None;
    for tag in tags {
        let tag = match parse_tag(tag).flatten() {
            None => Tag::O,
            Some(('B', l)) => Tag::B(l),
            Some((_, l)) if prev == Some(l) => Tag::I(l),
            Some((_, l)) => Tag::B(l),
        };
        prev = match tag {
            Tag::O => None,
            Tag::B(l) | Tag::I(l) => Some(l),
        };
        out.push(tag);
    }
    out
}

/// Exact-span precision, recall and F1, overall and per type.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scores {
    /// Names in the gold tags.
    pub gold: usize,
    /// Names predicted.
    pub predicted: usize,
    /// Names predicted with their exact span and label.
    pub correct: usize,
    /// The same counts for each name type, in [`TYPES`] order.
    pub per_type: Vec<TypeScores>,
}

/// The counts of one name type.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TypeScores {
    /// The type.
    pub label: Label,
    /// Names of it in the gold tags.
    pub gold: usize,
    /// Names predicted with it.
    pub predicted: usize,
    /// Of those, the exact ones.
    pub correct: usize,
}

impl Scores {
    /// Correct names over predicted ones.
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }
    /// Correct names over gold ones.
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }
    /// The harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        f1(self.correct, self.gold, self.predicted)
    }
    /// The scores of one name type.
    pub fn of(&self, label: Label) -> Option<TypeScores> {
        self.per_type.iter().copied().find(|t| t.label == label)
    }
}

impl TypeScores {
    /// Its F1.
    pub fn f1(&self) -> f64 {
        f1(self.correct, self.gold, self.predicted)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn f1(correct: usize, gold: usize, predicted: usize) -> f64 {
    let (p, r) = (ratio(correct, predicted), ratio(correct, gold));
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

impl fmt::Display for Scores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "all   P {:.4} R {:.4} F1 {:.4}  ({} gold, {} predicted, {} correct)",
            self.precision(),
            self.recall(),
            self.f1(),
            self.gold,
            self.predicted,
            self.correct
        )?;
        for t in &self.per_type {
            writeln!(
                f,
                "{:<5} P {:.4} R {:.4} F1 {:.4}",
                t.label.as_str(),
                ratio(t.correct, t.predicted),
                ratio(t.correct, t.gold),
                t.f1()
            )?;
        }
        Ok(())
    }
}

/// Scores predicted tag sequences against gold ones, sentence by sentence.
pub fn score<'a>(pairs: impl IntoIterator<Item = (&'a [Tag], &'a [Tag])>) -> Scores {
    let mut s = Scores {
        per_type: TYPES
            .iter()
            .map(|&label| TypeScores {
                label,
                gold: 0,
                predicted: 0,
                correct: 0,
            })
            .collect(),
        ..Scores::default()
    };
    for (gold, predicted) in pairs {
        let g = spans(gold);
        let p = spans(predicted);
        s.gold += g.len();
        s.predicted += p.len();
        for span in &p {
            let hit = g.contains(span);
            s.correct += usize::from(hit);
            let row = &mut s.per_type[type_index(span.label)];
            row.predicted += 1;
            row.correct += usize::from(hit);
        }
        for span in &g {
            s.per_type[type_index(span.label)].gold += 1;
        }
    }
    s
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

/// How a tagger does on annotated documents, scored the CoNLL way.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Evaluation {
    /// The tagger's own spans.
    pub tagger: Scores,
    /// The names as Folio shows them: the tagger's spans mended by the name rules (`names`).
    pub shown: Scores,
}

/// Tags each of `docs` as one document with `tagger` and scores the result against the gold
/// tags, with and without the name rules: the figure `train` prints and the tests gate on.
pub fn evaluate(tagger: &Tagger, docs: &[Document]) -> Evaluation {
    let mut tagged = Vec::new();
    let mut mended = Vec::new();
    for doc in docs {
        let words = words_of(doc);
        let tags = tagger.tag_document(&words);
        let spans = crate::names::document(&tags, &words, tagger.lexicons());
        for (spans, tags) in spans.iter().zip(tags) {
            mended.push(tags_of(spans, tags.len()));
            tagged.push(tags);
        }
    }
    let gold: Vec<&[Tag]> = docs
        .iter()
        .flat_map(|d| d.sentences.iter().map(|s| s.tags.as_slice()))
        .collect();
    let score_of = |predicted: &[Vec<Tag>]| {
        score(
            gold.iter()
                .copied()
                .zip(predicted.iter().map(Vec::as_slice)),
        )
    };
    Evaluation {
        tagger: score_of(&tagged),
        shown: score_of(&mended),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tags::{tags_of, Span};

    const SAMPLE: &str = "-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\n\
        German JJ I-NP I-MISC\ncall NN I-NP O\n. . O O\n\nPeter NNP I-NP I-PER\nBlackburn NNP I-NP I-PER\n\n\
        -DOCSTART- -X- O O\n\nA DT O I-LOC\nB NNP O B-LOC\nC NNP O I-LOC\n";

    #[test]
    fn reads_documents_and_converts_iob1() {
        let docs = parse(SAMPLE).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].sentences.len(), 2);
        let s = &docs[0].sentences[1];
        assert_eq!(s.tags, [Tag::B(Label::PER), Tag::I(Label::PER)]);
        // IOB1's B- separates two adjacent entities of one type.
        let t = &docs[1].sentences[0].tags;
        assert_eq!(
            t,
            &[Tag::B(Label::LOC), Tag::B(Label::LOC), Tag::I(Label::LOC)]
        );
        assert_eq!(
            spans(t),
            [Span::new(0, 1, Label::LOC), Span::new(1, 3, Label::LOC)]
        );
        assert_eq!(&tags_of(&spans(t), t.len()), t);
    }

    #[test]
    fn two_column_files_read_like_four() {
        let four = parse(SAMPLE).unwrap();
        let two: String = SAMPLE
            .lines()
            .map(|l| match l.split(' ').collect::<Vec<_>>()[..] {
                [w, _, _, t] => format!("{w} {t}\n"),
                _ => format!("{l}\n"),
            })
            .collect();
        assert_eq!(parse(&two).unwrap(), four);
    }

    #[test]
    fn bad_lines_are_named() {
        let err = parse("EU NNP I-ORG\n").unwrap_err();
        assert!(err.to_string().starts_with("line 1:"));
    }

    #[test]
    fn scoring_is_exact_span() {
        use Label::*;
        let gold = [Tag::B(PER), Tag::I(PER), Tag::O, Tag::B(LOC)];
        let pred = [Tag::B(PER), Tag::O, Tag::O, Tag::B(LOC)];
        let s = score([(&gold[..], &pred[..])]);
        assert_eq!((s.gold, s.predicted, s.correct), (2, 2, 1));
        assert!((s.f1() - 0.5).abs() < 1e-9);
    }
}
