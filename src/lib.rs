//! Folio's core: raw scraped news dumps in, clean articles with their entities out, nothing lost.
//!
//! ```text
//! bytes ──decode──▶ text ──segment──▶ raw articles ──dedup──▶ articles ──entities──▶ Collection
//!                                                      ▲                              │
//!                                         across files (exact, near)          index, export
//! ```
//!
//! Each arrow is one module with one job:
//!
//! * `archive` opens zip, gzip and tar archives into their members (with limits against
//!   decompression bombs), and `records` reads structured dumps (JSON lines, CSV) into one
//!   article text a record; both then go through the same arrows as loose files.
//! * `decode` turns a file's bytes into text (byte order marks, UTF-8, UTF-16, legacy
//!   encodings via chardetng, line ends) or says plainly why the file is not text.
//! * `segment` finds where articles start and splits each into header and body, reading only
//!   the shape of the text: repetition, credits in brackets, blank lines, datelines, casing.
//! * `dedup` removes repetition inside an article and merges articles across files: exact
//!   copies into one article with every file in `sources`, edited copies (found with MinHash
//!   signatures and LSH, `minhash`) as `variants`. Every line it drops is recorded in `removed`.
//! * `entities` tags each article as one document: `tokenize` splits text into tokens with
//!   their offsets, the `tagger` (a two-stage averaged perceptron over BILOU states) finds
//!   people, organisations, places and other names, `names` mends its spans where the words
//!   are plain evidence, and `numbers` finds dates, times, money, percentages, quantities and
//!   numbers by rule. `tags` holds the BIO tags and token spans they share.
//! * `resolve` decides inside each article which entity a mention names (`Mikati` after
//!   `Najib Mikati` is him), and `index` lists every entity of a collection once, with its
//!   aliases, grouping mentions by what their articles resolved them to.
//! * `dates` reads each article's date and where it came from, and `overview` turns the
//!   collection into the numbers behind the Overview (articles over time, the most named, the
//!   names that go together, every mention in its context, what each file gave).
//! * `model` holds the [`Collection`] every front end renders, the JSON of docs/contract.md;
//!   `export` writes it as Markdown or a standalone HTML page.
//!
//! The core has no web dependency: the page (a Yew app compiled to WebAssembly, running the
//! core in a web worker through a [`Session`]) and the `folio` command are thin front ends over
//! [`Builder`], which takes files one at a time so a front end can show progress and the first
//! articles while the rest are read.
//!
//! # Features
//!
//! * `embedded-model` (default): the trained model inside the library ([`Recognizer::embedded`],
//!   [`annotate`], [`Options::entities`]). The page leaves it out and downloads the model.
//! * `train`: CoNLL reading and scoring, the trainer, writing models (the `train` module).
//! * `fuzzing`: the checks the fuzz targets run (`fuzzing`).
//!
//! ARCHITECTURE.md maps every module and crate, what each may depend on, and the invariants.

#![warn(missing_docs)]

mod archive;
mod builder;
pub mod cluster;
#[cfg(feature = "train")]
mod conll;
mod dates;
mod decode;
mod dedup;
mod entities;
mod export;
#[cfg(feature = "fuzzing")]
pub mod fuzzing;
mod index;
mod minhash;
mod model;
mod names;
mod numbers;
pub mod overview;
mod records;
mod resolve;
mod segment;
mod session;
mod tagger;
mod tags;
mod tokenize;

pub use archive::{ArchiveError, MAX_EXPANDED, MAX_MEMBERS, MAX_RATIO, RATIO_FLOOR};
#[cfg(feature = "embedded-model")]
pub use builder::annotate;
pub use builder::{count_lines, process, Builder, FileError, FileErrorKind, Options};
pub use decode::{decode, DecodeError, Decoded};
pub use entities::Recognizer;
#[cfg(feature = "embedded-model")]
pub use entities::EMBEDDED_MODEL;
pub use export::{to_html, to_markdown};
pub use index::Index;
pub use model::{
    Article, ArticleDate, Block, Collection, DateFrom, Entity, FileInfo, IndexEntry, Label, Meta,
    Reason, Removed, Stats, Text, Variant,
};
pub use records::{
    RecordsError, AUTHOR_FIELDS, DATE_FIELDS, TEXT_FIELDS, TITLE_FIELDS, URL_FIELDS,
};
pub use resolve::normalise;
pub use segment::is_ruler;
pub use session::{
    ExportFormat, Request, Response, Session, Tagged, Tags, ToTag, Update, POOL_BATCH,
};
pub use tagger::{ModelError, Tagger};
pub use tags::{Span, Tag};

/// What training and evaluating the tagger need (the `train` feature): CoNLL-2003 reading and
/// scoring, the perceptron's trainer and its features, and the tag and span helpers.
#[cfg(feature = "train")]
pub mod train {
    pub use crate::conll::{
        evaluate, parse, read, score, tag_documents, words_of, Document, Evaluation, ReadError,
        Scores, Sentence, TypeScores,
    };
    pub use crate::entities::sentence_words;
    pub use crate::names::document as mend_document;
    pub use crate::names::document_with as mend_document_with;
    pub use crate::names::rules::{Enabled, Rule, Scope, RULES};
    pub use crate::names::spans as mend_names;
    pub use crate::tagger::{
        features, identity_features, style, tag_stage, tag_stage_with, CasingLexicon, Clusters,
        DocContext, DocLabels, Gazetteer, Hints, Lexicons, Model, Style, Trainer, PRUNE,
    };
    pub use crate::tags::{spans, tags_of, type_index, TYPES};
}
