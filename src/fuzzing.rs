//! What the fuzz targets (`fuzz/`, `cargo +nightly fuzz run TARGET`) and their regression tests
//! (`tests/fuzz_regressions.rs`) run: each takes arbitrary bytes, drives one stage as a front
//! end would, and panics only if a promise the stage makes is broken. A file from a stranger
//! must never crash Folio, lose text or yield offsets that do not slice the text, and an
//! archive from one must never expand past its limits.

use crate::builder::{process, Options};
use crate::entities::Recognizer;
use crate::model::Collection;
use crate::{dedup, segment};

/// Decoding: never panics; what it returns is text with `\n` line ends only.
pub fn decode(data: &[u8]) {
    if let Ok(decoded) = crate::decode::decode(data.to_vec()) {
        assert!(!decoded.text.contains('\r'), "a CR survived decoding");
    }
}

/// Segmentation: every line of the text that is neither blank nor a ruled line (`=====`, which
/// the collection does not promise to keep outside an article) is placed in an article.
pub fn segment(data: &[u8]) {
    let text = String::from_utf8_lossy(data)
        .replace("\r\n", "\n")
        .replace('\r', "\n");
    let mut articles = segment::articles(&text);
    let mut raw = segment::RawArticle::default();
    let mut seen = 0usize;
    while articles.next_into(&mut raw) {
        seen += raw.header.len() + raw.body.len() + raw.separators.len();
        let mut clean = dedup::Clean::default();
        dedup::clean_into(&raw, &mut clean);
    }
    let text_lines = text
        .lines()
        .filter(|l| !l.trim().is_empty() && !segment::is_ruler(l))
        .count();
    assert!(
        seen >= text_lines,
        "lines lost: {seen} placed of {text_lines}"
    );
}

/// Deduplication across files: the bytes cut at `0xFF` (which UTF-8 never holds) are the
/// files of one drop; the collection's counts agree with its articles.
pub fn dedup(data: &[u8]) {
    let files = data
        .split(|&b| b == 0xFF)
        .enumerate()
        .map(|(i, part)| (format!("{i}.txt"), part.to_vec()));
    let c = process(
        files,
        &Options {
            entities: false,
            ..Options::default()
        },
    );
    assert_eq!(c.stats.articles, c.articles.len());
    for a in &c.articles {
        assert!(!a.sources.is_empty(), "an article from no file");
    }
}

/// The tagger on any text: offsets are in range, in order, not overlapping, and slice the
/// text (in Unicode scalar values) to the entity's own text.
pub fn tagger(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let chars: Vec<char> = text.chars().collect();
    let mut end = 0;
    for e in Recognizer::embedded().annotate(&text) {
        assert!(e.start < e.end && e.end <= chars.len(), "{e:?}");
        assert!(e.start >= end, "overlapping entities at {e:?}");
        assert_eq!(chars[e.start..e.end].iter().collect::<String>(), e.text);
        end = e.end;
    }
}

/// The whole pipeline as the `folio` command runs it, exports included.
pub fn pipeline(data: &[u8]) {
    let c = process(
        [("input.txt".to_owned(), data.to_vec())],
        &Options::default(),
    );
    let json = serde_json::to_string(&c).expect("a collection serialises");
    let back: Collection = serde_json::from_str(&json).expect("and reads back");
    assert_eq!(back.articles.len(), c.articles.len());
    let html = crate::export::to_html(&c);
    assert!(
        !html.contains("<script"),
        "the HTML export holds a script tag"
    );
    let _ = crate::export::to_markdown(&c);
}

/// An archive from anywhere (a zip, a gzip, a tar, told by its first bytes, or none of them):
/// opened or refused with a reason, never a panic; what it expands to stays within the limits,
/// and every member is named inside the archive.
pub fn archive(data: &[u8]) {
    if let Ok(Some(members)) = crate::archive::open("in.zip", data) {
        let total: usize = members
            .iter()
            .map(|m| m.bytes.as_ref().map_or(0, Vec::len))
            .sum();
        assert!(total as u64 <= crate::archive::MAX_EXPANDED);
        assert!(members.len() <= crate::archive::MAX_MEMBERS);
        assert!(members.iter().all(|m| m.name.starts_with("in.zip/")));
    }
    let c = process([("in.zip".to_owned(), data.to_vec())], &Options::default());
    assert!(
        !c.files.is_empty(),
        "an archive leaves at least its own row"
    );
    let _ = serde_json::to_string(&c).expect("a collection serialises");
}

/// A structured dump from anywhere: the first byte chooses JSON lines, a JSON array or CSV,
/// the rest is the file. Read or refused, never a panic; every article names a record of it,
/// and no record means no article.
pub fn records(data: &[u8]) {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let name = ["in.jsonl", "in.json", "in.csv"][usize::from(which) % 3];
    let c = process([(name.to_owned(), rest.to_vec())], &Options::default());
    // Archives are told by their first bytes whatever the name: a zip called `in.json` is read
    // as an archive, its members named `in.json/…` (fuzz/regressions/records/zip-named-json).
    if c.files.len() != 1 || c.files[0].name != name {
        assert!(c
            .files
            .iter()
            .all(|f| f.name.starts_with(&format!("{name}/"))));
        return;
    }
    if c.files[0].records == 0 {
        assert!(c.articles.is_empty(), "articles from no record");
    }
    for a in &c.articles {
        assert!(
            a.sources.iter().all(|s| s.starts_with(&format!("{name}:"))),
            "{:?}",
            a.sources
        );
    }
    let json = serde_json::to_string(&c).expect("a collection serialises");
    let back: Collection = serde_json::from_str(&json).expect("and reads back");
    assert_eq!(back.articles.len(), c.articles.len());
}

/// A model file from anywhere: read or refused, never a panic.
pub fn model(data: &[u8]) {
    if let Ok(r) = Recognizer::from_bytes(data) {
        let _ = r.annotate("Najib Mikati visited Tyre on Saturday.");
    }
}
