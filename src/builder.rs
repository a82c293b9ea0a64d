//! Building a collection from files given one at a time: open archives into their members,
//! read structured dumps into their records, decode, segment, clean and merge each, keep what
//! was learnt about every file, and tag entities when asked.

use std::fmt;
use std::sync::Arc;

use crate::dedup::{self, Merger, Outcome};
#[cfg(feature = "embedded-model")]
use crate::entities::Recognizer;
#[cfg(feature = "embedded-model")]
use crate::model::Entity;
use crate::model::{Article, Collection, FileInfo, Meta, Stats};
use crate::{archive, decode, records, segment};

/// How a collection is built.
#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    /// Tag entities in every block when the collection is finished, with the model built into
    /// the library (the `embedded-model` feature). Without that feature this does nothing:
    /// the page downloads its model after the first paint and calls [`Collection::annotate`]
    /// itself.
    pub entities: bool,
    /// Body similarity (Jaccard of word 3-shingles) from which an article is a near-duplicate.
    pub near_threshold: f32,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            entities: true,
            near_threshold: 0.8,
        }
    }
}

/// A file Folio could not read, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileError {
    /// The file's name as the front end gave it.
    pub name: String,
    /// Why it could not be read.
    pub kind: FileErrorKind,
}

/// Why a file could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileErrorKind {
    /// The bytes are not text.
    Decode(decode::DecodeError),
    /// The file could not be opened or read (missing, a directory, no permission).
    Io(String),
    /// An archive refused as a whole (a decompression bomb, damaged).
    Archive(archive::ArchiveError),
    /// A member of an archive that could not be unpacked (encrypted, an unknown method).
    Member(String),
    /// A structured dump (JSON lines, CSV) that could not be read as records.
    Records(records::RecordsError),
    /// The file is larger than the limit this front end accepts.
    TooLarge {
        /// The file's size.
        bytes: u64,
        /// The most the front end reads.
        limit: u64,
    },
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            FileErrorKind::Decode(err) => write!(f, "{}: {err}", self.name),
            FileErrorKind::Io(message) => write!(f, "{}: {message}", self.name),
            FileErrorKind::Archive(err) => write!(f, "{}: {err}", self.name),
            FileErrorKind::Member(message) => write!(f, "{}: {message}", self.name),
            FileErrorKind::Records(err) => write!(f, "{}: {err}", self.name),
            FileErrorKind::TooLarge { bytes, limit } => write!(
                f,
                "{}: the file is {} MB; the limit is {} MB",
                self.name,
                bytes.div_ceil(1 << 20),
                limit / (1 << 20)
            ),
        }
    }
}

impl std::error::Error for FileError {}

/// Builds a [`Collection`] from files given one at a time, in reading order.
#[derive(Debug)]
pub struct Builder {
    merger: Merger,
    entities: bool,
    /// Articles added or changed since [`Builder::take_touched`] was last called.
    touched: Vec<usize>,
    files: Vec<FileInfo>,
    duplicates: usize,
    variants: usize,
    /// The totals of [`Builder::stats`], kept as files and articles come: a front end asks
    /// after every file, and summing ten thousand files' articles after each of them cost
    /// the square of the collection (a tenth of the page's worker on a folder of one-article
    /// files).
    totals: Stats,
    /// Each article's paragraphs and removed lines as counted in `totals`.
    counted: Vec<(usize, usize)>,
}

impl Builder {
    /// An empty collection.
    pub fn new(options: Options) -> Builder {
        Builder {
            merger: Merger::new(options.near_threshold),
            entities: options.entities,
            touched: Vec::new(),
            files: Vec::new(),
            duplicates: 0,
            variants: 0,
            totals: Stats::default(),
            counted: Vec::new(),
        }
    }

    /// Reads one file: loose text, a structured dump (`.jsonl`, `.ndjson`, `.json`, `.csv`,
    /// `.tsv`: one article a record), or an archive (`.zip`, `.gz`, `.tar`, told by its first
    /// bytes), whose members are read as files named `archive.zip/path/in/archive.txt`.
    ///
    /// Returns the rows this file added to the collection's `files`: one for a file, one a
    /// member for an archive (a member that could not be read has its error in its row). An
    /// error means the file as a whole could not be read (not text, a decompression bomb); it is
    /// also listed in `files`, and the collection is unchanged otherwise.
    pub fn add(&mut self, name: &str, bytes: Vec<u8>) -> Result<&[FileInfo], FileError> {
        let first = self.files.len();
        let size = bytes.len() as u64;
        // A file that is not an archive fails as a whole; an archive's member, on its own.
        let mut failed = None;
        let whole = read(name, bytes, &mut |file, size, read| match read {
            Ok((row, units)) => {
                let before = self.merger.articles().len();
                for unit in &units {
                    self.ingest(unit);
                }
                self.push_row(row, before);
            }
            Err(kind) => {
                let error = self.fail(file, size, kind);
                if file == name {
                    failed = Some(error);
                }
            }
        });
        match (whole, failed) {
            (Err(kind), _) => Err(self.fail(name, size, kind)),
            (Ok(()), Some(error)) => Err(error),
            (Ok(()), None) => Ok(&self.files[first..]),
        }
    }

    /// Lists a file read, with the articles first found in it (those after `before`).
    fn push_row(&mut self, row: FileInfo, before: usize) {
        let articles = self.merger.articles().len() - before;
        self.push_file(FileInfo { articles, ..row });
    }

    /// Lists a file and counts it.
    fn push_file(&mut self, row: FileInfo) {
        self.totals.files += 1;
        self.totals.files_failed += usize::from(row.error.is_some());
        self.totals.bytes += row.bytes;
        self.totals.lines += row.lines;
        self.files.push(row);
    }

    /// Counts article `i` as it is now, in place of what it was counted as.
    fn recount(&mut self, i: usize) {
        let article = &self.merger.articles()[i];
        let now = (article.paragraphs.len(), article.removed.len());
        if i >= self.counted.len() {
            self.counted.resize(i + 1, (0, 0));
        }
        let was = std::mem::replace(&mut self.counted[i], now);
        self.totals.paragraphs = self.totals.paragraphs - was.0 + now.0;
        self.totals.removed_lines = self.totals.removed_lines - was.1 + now.1;
    }

    /// Segments one text, cleans each article of it and merges it into the collection.
    fn ingest(&mut self, unit: &Unit) {
        let (file, source, meta) = (&unit.text, &unit.source, unit.meta.as_ref());
        let mut articles = segment::articles(file);
        let (mut raw, mut clean) = Default::default();
        while articles.next_into(&mut raw) {
            dedup::clean_into(&raw, &mut clean);
            let index = match self.merger.add(&clean, source, file) {
                Outcome::New(i) => i,
                Outcome::Duplicate(i) => {
                    self.duplicates += 1;
                    i
                }
                Outcome::Variant(i) => {
                    self.variants += 1;
                    i
                }
            };
            if let Some(meta) = meta {
                self.merger.set_meta(index, meta);
            }
            self.recount(index);
            if self.touched.last() != Some(&index) {
                self.touched.push(index);
            }
        }
    }

    /// Records a file that could not be read at all (the front end failed to read its bytes).
    pub fn fail(&mut self, name: &str, bytes: u64, kind: FileErrorKind) -> FileError {
        let error = FileError {
            name: name.to_owned(),
            kind,
        };
        self.push_file(FileInfo::failed(name, bytes as usize, error.to_string()));
        error
    }

    /// The articles read so far, for showing progress.
    pub fn articles(&self) -> &[Article] {
        self.merger.articles()
    }

    /// The indices of the articles added or changed (a copy merged in, a variant added) since
    /// the last call, ascending: what a front end showing progress must redraw.
    pub fn take_touched(&mut self) -> Vec<usize> {
        let mut touched = std::mem::take(&mut self.touched);
        touched.sort_unstable();
        touched.dedup();
        touched
    }

    /// What was learnt about each file so far, in reading order.
    pub fn files(&self) -> &[FileInfo] {
        &self.files
    }

    /// The collection's totals so far (entities are counted by [`Collection::annotate`]).
    pub fn stats(&self) -> Stats {
        Stats {
            articles: self.merger.articles().len(),
            duplicate_articles: self.duplicates,
            near_duplicates: self.variants,
            ..self.totals.clone()
        }
    }

    /// The finished collection.
    pub fn finish(self) -> Collection {
        let stats = self.stats();
        let mut articles = self.merger.finish();
        crate::dates::date_all(&mut articles);
        let collection = Collection {
            articles,
            files: self.files,
            stats,
            entities: Vec::new(),
        };
        annotated(collection, self.entities)
    }
}

/// One text the merge reads: a loose file's, or one record's of a structured dump (its title
/// and text as a loose file would hold them), with the name its articles cite as their source.
/// Owned, so it can travel between tasks (see `cluster`).
#[derive(Clone, Debug)]
pub struct Unit {
    /// The name its articles cite in `sources`.
    pub source: Arc<str>,
    /// The decoded text, which kept articles point into (see `Text`).
    pub text: Arc<String>,
    /// What a structured dump's record said of its article.
    pub meta: Option<Meta>,
}

/// What reading one file (not an archive) gives: its row, before its articles are counted,
/// and its units in reading order.
pub(crate) type Read = Result<(FileInfo, Vec<Unit>), FileErrorKind>;

/// Reads one file as [`Builder::add`] does, opening an archive into its members: calls `each`
/// with every file's name, size and [`Read`], in reading order. An error is the file's as a
/// whole (an archive refused, say), after which `each` was not called.
pub(crate) fn read(
    name: &str,
    bytes: Vec<u8>,
    each: &mut dyn FnMut(&str, u64, Read),
) -> Result<(), FileErrorKind> {
    match archive::open(name, &bytes) {
        Ok(None) => {
            let size = bytes.len() as u64;
            each(name, size, read_file(name, bytes));
        }
        Ok(Some(members)) => {
            drop(bytes);
            for member in members {
                match member.bytes {
                    Ok(bytes) => {
                        let size = bytes.len() as u64;
                        each(&member.name, size, read_file(&member.name, bytes));
                    }
                    Err(why) => each(&member.name, 0, Err(FileErrorKind::Member(why))),
                }
            }
        }
        Err(err) => return Err(FileErrorKind::Archive(err)),
    }
    Ok(())
}

/// Reads one file that is not an archive.
fn read_file(name: &str, bytes: Vec<u8>) -> Read {
    if let Some(format) = records::format_of(name) {
        return read_records(name, bytes, format);
    }
    let size = bytes.len();
    let decoded = decode::decode(bytes).map_err(FileErrorKind::Decode)?;
    let row = row(name, size, &decoded);
    let unit = Unit {
        source: name.into(),
        text: Arc::new(decoded.text),
        meta: None,
    };
    Ok((row, vec![unit]))
}

/// What a file's row says before its articles are counted.
fn row(name: &str, size: usize, decoded: &decode::Decoded) -> FileInfo {
    FileInfo {
        name: name.to_owned(),
        bytes: size,
        lines: count_lines(&decoded.text),
        encoding: Some(decoded.encoding.to_owned()),
        replaced: decoded.replaced,
        references: decoded.references,
        articles: 0,
        records: 0,
        skipped: Vec::new(),
        error: None,
    }
}

/// Reads a structured dump: each record is read as a loose file holding its title and its
/// text would be, its source named `file:line`.
fn read_records(name: &str, bytes: Vec<u8>, format: records::Format) -> Read {
    let size = bytes.len();
    let decoded = decode::decode_raw(bytes).map_err(FileErrorKind::Decode)?;
    let read = records::read(format, &decoded.text).map_err(FileErrorKind::Records)?;
    let units = read
        .records
        .iter()
        .map(|record| Unit {
            source: format!("{name}:{}", record.line).into(),
            text: Arc::new(record.as_text()),
            meta: Some(record.meta.clone()),
        })
        .collect();
    let row = FileInfo {
        references: read.references,
        records: read.records.len(),
        skipped: read.skipped,
        ..row(name, size, &decoded)
    };
    Ok((row, units))
}

pub(crate) fn stats_of(
    articles: &[Article],
    files: &[FileInfo],
    duplicates: usize,
    variants: usize,
) -> Stats {
    Stats {
        files: files.len(),
        files_failed: files.iter().filter(|f| f.error.is_some()).count(),
        bytes: files.iter().map(|f| f.bytes).sum(),
        lines: files.iter().map(|f| f.lines).sum(),
        articles: articles.len(),
        paragraphs: articles.iter().map(|a| a.paragraphs.len()).sum(),
        duplicate_articles: duplicates,
        near_duplicates: variants,
        removed_lines: articles.iter().map(|a| a.removed.len()).sum(),
        entities: 0,
        mentions: 0,
    }
}

/// The finished collection, tagged with the built-in model if `tag` is set.
#[cfg(feature = "embedded-model")]
pub(crate) fn annotated(mut collection: Collection, tag: bool) -> Collection {
    if tag {
        collection.annotate(Recognizer::embedded());
    }
    collection
}

/// Without a built-in model a front end tags with the one it loads
/// ([`Collection::annotate`]).
#[cfg(not(feature = "embedded-model"))]
pub(crate) fn annotated(collection: Collection, _tag: bool) -> Collection {
    collection
}

/// Builds a collection from `(name, bytes)` pairs; files that cannot be read are listed with
/// their error in `files` and the rest still go through.
pub fn process<I>(files: I, options: &Options) -> Collection
where
    I: IntoIterator<Item = (String, Vec<u8>)>,
{
    let mut builder = Builder::new(options.clone());
    for (name, bytes) in files {
        let _ = builder.add(&name, bytes);
    }
    builder.finish()
}

/// The entities of one text, offsets in Unicode scalar values, by the built-in model.
#[cfg(feature = "embedded-model")]
pub fn annotate(text: &str) -> Vec<Entity> {
    Recognizer::embedded().annotate(text)
}

/// Lines in decoded text; a last line without a newline counts, an empty text has none.
pub fn count_lines(text: &str) -> usize {
    let newlines = memchr::memchr_iter(b'\n', text.as_bytes()).count();
    newlines + usize::from(!text.is_empty() && !text.ends_with('\n'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unreadable_files_are_listed_and_others_go_through() {
        let c = process(
            [
                ("a.png".to_owned(), b"\x89PNG\r\n\x1a\n\0\0".to_vec()),
                ("b.txt".to_owned(), b"A Title Here\n\nBody text.\n".to_vec()),
                ("c.txt".to_owned(), Vec::new()),
            ],
            &Options::default(),
        );
        assert_eq!(c.articles.len(), 1);
        assert_eq!(c.stats.files_failed, 2);
        assert_eq!(
            c.files[0].error.as_deref(),
            Some("a.png: this is a PNG image, not a text file")
        );
        assert_eq!(
            c.files[2].error.as_deref(),
            Some("c.txt: the file is empty")
        );
        assert_eq!((c.files[1].lines, c.files[1].articles), (3, 1));
    }

    #[test]
    fn line_counts() {
        assert_eq!(count_lines(""), 0);
        assert_eq!(count_lines("a"), 1);
        assert_eq!(count_lines("a\n"), 1);
        assert_eq!(count_lines("a\n\nb"), 3);
    }
}
