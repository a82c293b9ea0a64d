//! The collection Folio returns: the types every front end (page, CLI, exports) renders.
//!
//! These derive serde so that the JSON of DESIGN.md ("The batch interface") is exactly their
//! serialisation. Fields may be added; existing names are a contract and never change.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// The kind of an entity: CoNLL-2003's four name types and the numeric/temporal types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Label {
    PER,
    ORG,
    LOC,
    MISC,
    DATE,
    TIME,
    MONEY,
    PERCENT,
    QUANTITY,
    CARDINAL,
}

impl Label {
    /// Every label, in the order the UI lists them.
    pub const ALL: [Label; 10] = [
        Label::PER,
        Label::ORG,
        Label::LOC,
        Label::MISC,
        Label::DATE,
        Label::TIME,
        Label::MONEY,
        Label::PERCENT,
        Label::QUANTITY,
        Label::CARDINAL,
    ];

    /// The label's name as it appears in JSON and in `data-label`.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::PER => "PER",
            Label::ORG => "ORG",
            Label::LOC => "LOC",
            Label::MISC => "MISC",
            Label::DATE => "DATE",
            Label::TIME => "TIME",
            Label::MONEY => "MONEY",
            Label::PERCENT => "PERCENT",
            Label::QUANTITY => "QUANTITY",
            Label::CARDINAL => "CARDINAL",
        }
    }
}

/// A labelled span of a block's text; `start`/`end` count Unicode scalar values, end exclusive.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    pub start: usize,
    pub end: usize,
    pub label: Label,
    pub text: String,
}

/// A unit of text shown as one piece: a title, a caption or a paragraph, with its entities.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    pub text: String,
    pub entities: Vec<Entity>,
}

impl Block {
    /// A block with no entities yet.
    pub fn new(text: impl Into<String>) -> Block {
        Block {
            text: text.into(),
            entities: Vec::new(),
        }
    }
}

/// Why a line of input is not part of an article's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Reason {
    /// The same line already appears in this article (a caption twice, a paragraph copied).
    #[serde(rename = "repeated line")]
    RepeatedLine,
    /// The title and captions were printed again before the body.
    #[serde(rename = "repeated header")]
    RepeatedHeader,
    /// A ruled line (`=====`, `-----`) between articles.
    #[serde(rename = "separator")]
    Separator,
    /// This file holds an exact copy of an article already read from another file (or earlier
    /// in the same one); the article lists the file in `sources`.
    #[serde(rename = "duplicate article")]
    DuplicateArticle,
}

impl Reason {
    /// The reason as people read it, identical to its JSON form.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::RepeatedLine => "repeated line",
            Reason::RepeatedHeader => "repeated header",
            Reason::Separator => "separator",
            Reason::DuplicateArticle => "duplicate article",
        }
    }
}

/// A line that was left out of an article, with why and where it came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removed {
    pub text: String,
    pub reason: Reason,
    /// The file, shared by every entry from it (a big file has many).
    pub source: Arc<str>,
    /// 1-based line number in the decoded source file.
    pub line: usize,
}

/// A near-duplicate copy of an article (an edited version), kept whole so its extra text is not lost.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Variant {
    pub source: String,
    /// Jaccard similarity of the two bodies' word 3-shingles, 0..=1.
    pub similarity: f32,
    pub title: Block,
    pub captions: Vec<Block>,
    pub paragraphs: Vec<Block>,
}

/// One clean article: its text once, every file it appears in, and what was removed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub title: Block,
    pub captions: Vec<Block>,
    pub paragraphs: Vec<Block>,
    /// Every file the article appears in, verbatim, in the order they were read.
    pub sources: Vec<String>,
    pub variants: Vec<Variant>,
    pub removed: Vec<Removed>,
}

/// What Folio learnt about one input file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FileInfo {
    pub name: String,
    pub bytes: usize,
    /// Lines in the decoded text (a final line without a newline counts).
    pub lines: usize,
    /// The encoding the bytes were read as (WHATWG name), or `null` if the file was refused.
    pub encoding: Option<String>,
    /// Characters that could not be decoded and were replaced by U+FFFD.
    pub replaced: usize,
    /// Articles first found in this file.
    pub articles: usize,
    /// Why the file could not be read, if it could not.
    pub error: Option<String>,
}

/// Totals over the whole collection.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    pub files: usize,
    pub files_failed: usize,
    pub bytes: usize,
    pub lines: usize,
    pub articles: usize,
    pub paragraphs: usize,
    /// Article copies merged into an earlier identical article.
    pub duplicate_articles: usize,
    /// Article copies kept as variants of an earlier similar article.
    pub near_duplicates: usize,
    pub removed_lines: usize,
}

/// Everything Folio made of a set of files: the contract between the core and every front end.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Collection {
    pub articles: Vec<Article>,
    pub files: Vec<FileInfo>,
    pub stats: Stats,
}
