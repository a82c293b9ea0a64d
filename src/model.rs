//! The collection Folio returns: the types every front end (page, CLI, exports) renders.
//!
//! These derive serde so that the JSON of docs/contract.md is exactly their
//! serialisation. Fields may be added; existing names are a contract and never change.
//!
//! This module depends on std and serde only: it is the vocabulary every other module and
//! every front end shares. How a collection is built (`builder`), annotated (`entities`) and
//! indexed (`index`) lives with the code that does it.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// The kind of an entity: CoNLL-2003's four name types and the numeric/temporal types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Label {
    /// A person (`Najib Mikati`).
    PER,
    /// An organisation: a company, agency, party, club, newspaper (`Reuters`, `Hamas`).
    ORG,
    /// A place: a country, region, city, geographical feature (`Tyre`, `Gaza Strip`).
    LOC,
    /// Any other name: nationalities, events, products, works (`Iraqi`, `Internet`).
    MISC,
    /// A date or a day (`Saturday`, `December 7, 1996`).
    DATE,
    /// A time of day (`10:30 GMT`).
    TIME,
    /// An amount of money (`$ 5.5 million`).
    MONEY,
    /// A percentage (`25 percent`).
    PERCENT,
    /// A measured quantity (`40 km`).
    QUANTITY,
    /// Any other number (`5,470`).
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
    /// Where it starts in its block's text, in Unicode scalar values.
    pub start: usize,
    /// Where it ends (exclusive), in Unicode scalar values.
    pub end: usize,
    /// What it is.
    pub label: Label,
    /// Its text, as written.
    pub text: String,
    /// The entity of the collection it names: the normalised full form its article resolves
    /// it to (`tony blair` for a `Blair` after `Tony Blair`), the `key` of its
    /// [`IndexEntry`]. (Always written, as `title_derived`.)
    #[serde(default)]
    pub key: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_text_reads_and_serialises_like_a_string() {
        let file = Arc::new("Title\n\nBody line.\n".to_owned());
        let body = Text::within(&file, &file[7..17]);
        assert!(matches!(
            body,
            Text::Shared {
                start: 7,
                end: 17,
                ..
            }
        ));
        assert_eq!(body, "Body line.");
        assert_eq!(body, Text::from("Body line."));
        assert_eq!(serde_json::to_string(&body).unwrap(), "\"Body line.\"");
        let back: Text = serde_json::from_str("\"Body line.\"").unwrap();
        assert_eq!(back, body);
        // Text from elsewhere is copied rather than pointing outside the file.
        assert!(matches!(Text::within(&file, "elsewhere"), Text::Owned(_)));
    }
}

/// A unit of text shown as one piece: a title, a caption or a paragraph, with its entities.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    /// The text, verbatim.
    pub text: Text,
    /// Its entities, by start, never overlapping.
    pub entities: Vec<Entity>,
}

impl Block {
    /// A block with no entities yet.
    pub fn new(text: impl Into<Text>) -> Block {
        Block {
            text: text.into(),
            entities: Vec::new(),
        }
    }
}

/// Text of a block or removed line: a range of the decoded file it came from, or its own string.
///
/// Most text Folio returns is a verbatim line of an input file, and the file's text is in memory
/// anyway while it is read; pointing into it instead of copying each line into a string of its
/// own halves memory and skips an allocation per paragraph. It reads, compares, prints and
/// serialises exactly like a `str`.
#[derive(Clone)]
pub enum Text {
    /// Bytes `start..end` of a file's decoded text.
    Shared {
        /// The file's decoded text.
        file: Arc<String>,
        /// Where the text starts in it, in bytes.
        start: u32,
        /// Where it ends (exclusive), in bytes.
        end: u32,
    },
    /// Text that is not a verbatim range of a file (joined lines, deserialised JSON).
    Owned(Box<str>),
}

impl Text {
    /// `part`, which must lie inside `file`, as a range of it; otherwise a copy.
    pub fn within(file: &Arc<String>, part: &str) -> Text {
        let base = file.as_ptr() as usize;
        let at = part.as_ptr() as usize;
        match at.checked_sub(base) {
            Some(start)
                if start + part.len() <= file.len()
                    && u32::try_from(start + part.len()).is_ok() =>
            {
                Text::Shared {
                    file: Arc::clone(file),
                    start: start as u32,
                    end: (start + part.len()) as u32,
                }
            }
            _ => Text::Owned(part.into()),
        }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        match self {
            Text::Shared { file, start, end } => &file[*start as usize..*end as usize],
            Text::Owned(text) => text,
        }
    }
}

impl Default for Text {
    fn default() -> Text {
        Text::Owned("".into())
    }
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl std::borrow::Borrow<str> for Text {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Text {
        Text::Owned(text.into())
    }
}

impl From<String> for Text {
    fn from(text: String) -> Text {
        Text::Owned(text.into_boxed_str())
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::hash::Hash for Text {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state)
    }
}

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Text, D::Error> {
        String::deserialize(deserializer).map(Text::from)
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
    /// The line, verbatim.
    pub text: Text,
    /// Why it is not part of the article's text.
    pub reason: Reason,
    /// The file, shared by every entry from it (a big file has many).
    pub source: Arc<str>,
    /// 1-based line number in the decoded source file.
    pub line: usize,
}

/// A near-duplicate copy of an article (an edited version), kept whole so its extra text is not lost.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Variant {
    /// The file the copy is in.
    pub source: String,
    /// Jaccard similarity of the two bodies' word 3-shingles, 0..=1.
    pub similarity: f32,
    /// The copy's title.
    pub title: Block,
    /// The copy's captions.
    pub captions: Vec<Block>,
    /// The copy's paragraphs, its edits among them.
    pub paragraphs: Vec<Block>,
}

/// One clean article: its text once, every file it appears in, and what was removed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// The headline. Never empty: where the text had no header line, it is the start of the
    /// first sentence (and `title_derived` says so).
    pub title: Block,
    /// Whether the title was made from the text because no line of it was a headline.
    /// (Always written: a field skipped when false would break the page's worker bridge,
    /// whose bincode is not self-describing.)
    #[serde(default)]
    pub title_derived: bool,
    /// Photo captions, each once.
    pub captions: Vec<Block>,
    /// The body, paragraph by paragraph, each once.
    pub paragraphs: Vec<Block>,
    /// Every file the article appears in, verbatim, in the order they were read.
    pub sources: Vec<String>,
    /// Edited copies found in other files (near-duplicates).
    pub variants: Vec<Variant>,
    /// Every line left out of the text, with its reason.
    pub removed: Vec<Removed>,
    /// What a structured dump's record said of the article besides its text (address, date,
    /// author); `null` for articles from loose text. (Always written, as `title_derived`.)
    #[serde(default)]
    pub meta: Option<Meta>,
    /// The article's date and where it was read (see `dates`); `null` when it has none.
    /// (Always written, as `title_derived`.)
    #[serde(default)]
    pub date: Option<ArticleDate>,
}

/// An article's date: `2020-12-07`, or `--12-07` for a dateline that gave no year and no
/// article of its file gave one, and where it was read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleDate {
    /// ISO 8601.
    pub value: String,
    /// Where it was read.
    pub from: DateFrom,
}

/// Where an article's date was read, most trusted first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateFrom {
    /// A structured dump's date field.
    Meta,
    /// The dateline opening the body (`LONDON, Dec 7 (Reuters) -`).
    Dateline,
    /// A date line among the first lines (`Published: …`).
    Text,
    /// The file's name.
    File,
}

/// A structured dump's fields about an article (`url`, `date`, `author`, as the record had them).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// Its address.
    pub url: Option<String>,
    /// Its date, as written.
    pub date: Option<String>,
    /// Its author or authors.
    pub author: Option<String>,
}

/// What Folio learnt about one input file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FileInfo {
    /// The file's name, as given.
    pub name: String,
    /// Its size.
    pub bytes: usize,
    /// Lines in the decoded text (a final line without a newline counts).
    pub lines: usize,
    /// The encoding the bytes were read as (WHATWG name), or `null` if the file was refused.
    pub encoding: Option<String>,
    /// Characters that could not be decoded and were replaced by U+FFFD.
    pub replaced: usize,
    /// Character references (`&amp;`, `&#233;`) decoded into the characters they stand for.
    #[serde(default)]
    pub references: usize,
    /// Articles first found in this file.
    pub articles: usize,
    /// Records read from a structured dump (JSON lines, CSV); 0 for loose text.
    #[serde(default)]
    pub records: usize,
    /// Records of a structured dump left out, each with its line and why (`line 7: no text
    /// field …`).
    #[serde(default)]
    pub skipped: Vec<String>,
    /// Why the file could not be read, if it could not.
    pub error: Option<String>,
}

impl FileInfo {
    /// A file that could not be read: its name, its size as far as it is known, and why.
    pub fn failed(name: impl Into<String>, bytes: usize, error: impl Into<String>) -> FileInfo {
        FileInfo {
            name: name.into(),
            bytes,
            lines: 0,
            encoding: None,
            replaced: 0,
            references: 0,
            articles: 0,
            records: 0,
            skipped: Vec::new(),
            error: Some(error.into()),
        }
    }
}

/// Totals over the whole collection.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    /// Files given.
    pub files: usize,
    /// Files that could not be read.
    pub files_failed: usize,
    /// Bytes of every file.
    pub bytes: usize,
    /// Lines of every file.
    pub lines: usize,
    /// Articles in the collection.
    pub articles: usize,
    /// Paragraphs of every article.
    pub paragraphs: usize,
    /// Article copies merged into an earlier identical article.
    pub duplicate_articles: usize,
    /// Article copies kept as variants of an earlier similar article.
    pub near_duplicates: usize,
    /// Lines left out of every article.
    pub removed_lines: usize,
    /// Distinct entities in the index (0 when not annotated).
    #[serde(default)]
    pub entities: usize,
    /// Their mentions (0 when not annotated).
    #[serde(default)]
    pub mentions: usize,
}

/// Everything Folio made of a set of files: the contract between the core and every front end.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Collection {
    /// Every article once, in reading order.
    pub articles: Vec<Article>,
    /// What was learnt about each file, in reading order.
    pub files: Vec<FileInfo>,
    /// Totals.
    pub stats: Stats,
    /// Every entity of the collection once, with its aliases (empty until annotated).
    #[serde(default)]
    pub entities: Vec<IndexEntry>,
}

impl Article {
    /// The title, captions and paragraphs, in reading order.
    pub fn blocks(&self) -> impl Iterator<Item = &Block> {
        in_order(&self.title, &self.captions, &self.paragraphs)
    }

    /// [`Article::blocks`], to change.
    pub fn blocks_mut(&mut self) -> impl Iterator<Item = &mut Block> {
        in_order_mut(&mut self.title, &mut self.captions, &mut self.paragraphs)
    }
}

impl Variant {
    /// The title, captions and paragraphs, in reading order.
    pub fn blocks(&self) -> impl Iterator<Item = &Block> {
        in_order(&self.title, &self.captions, &self.paragraphs)
    }

    /// [`Variant::blocks`], to change.
    pub fn blocks_mut(&mut self) -> impl Iterator<Item = &mut Block> {
        in_order_mut(&mut self.title, &mut self.captions, &mut self.paragraphs)
    }
}

/// A title, its captions and its paragraphs in reading order: an article's or a variant's.
fn in_order<'a>(
    title: &'a Block,
    captions: &'a [Block],
    paragraphs: &'a [Block],
) -> impl Iterator<Item = &'a Block> {
    std::iter::once(title).chain(captions).chain(paragraphs)
}

/// [`in_order`], to change.
fn in_order_mut<'a>(
    title: &'a mut Block,
    captions: &'a mut [Block],
    paragraphs: &'a mut [Block],
) -> impl Iterator<Item = &'a mut Block> {
    std::iter::once(title).chain(captions).chain(paragraphs)
}

/// One entity of the collection: the name it is listed under and every way it was written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexEntry {
    /// The fullest form (`Najib Mikati`).
    pub name: String,
    /// The label most of its mentions got.
    pub label: Label,
    /// Every other form mentioned, most frequent first (`Mikati`).
    pub aliases: Vec<String>,
    /// Mentions across the collection, every alias counted.
    pub mentions: usize,
    /// Indices into the collection's articles, ascending.
    pub articles: Vec<usize>,
    /// What its mentions' `key`s say: the normalised full form that identifies the entry.
    #[serde(default)]
    pub key: String,
    /// A person known only by one name that no article resolved to a full name (`Smith`
    /// where two Smiths were named, or none in full).
    #[serde(default)]
    pub surname: bool,
}
