//! Structured dumps: the JSON lines (`.jsonl`, `.ndjson`), JSON arrays (`.json`) and CSV
//! (`.csv`, `.tsv`) that scrapers write, one record an article. Each record with a text field
//! becomes one raw article's text — its title line, a blank line, its body — which then goes
//! through the same segmentation, cleaning, dedup and tagging as a loose file of that text.
//!
//! The fields recognised, by name, whatever their case (the first present wins):
//! [`TEXT_FIELDS`] for the body (required), [`TITLE_FIELDS`], [`URL_FIELDS`],
//! [`DATE_FIELDS`] and [`AUTHOR_FIELDS`]. A record without a text field is not an article: it is
//! reported with its line number, and the rest go on.
//!
//! The file's bytes are decoded as any file's are, but character references are decoded in
//! each field after the syntax is read (`&quot;` inside a JSON string is text, not the string's
//! end).

use crate::model::Meta;

/// Names of the field holding an article's text.
pub const TEXT_FIELDS: &[&str] = &[
    "text",
    "body",
    "content",
    "article",
    "maintext",
    "full_text",
    "article_text",
    "story",
];
/// Names of the field holding its title.
pub const TITLE_FIELDS: &[&str] = &["title", "headline", "heading"];
/// Names of the field holding its address.
pub const URL_FIELDS: &[&str] = &["url", "link", "source_url", "canonical_url", "href"];
/// Names of the field holding its date.
pub const DATE_FIELDS: &[&str] = &[
    "date",
    "published",
    "published_at",
    "publish_date",
    "date_published",
    "pubdate",
    "datetime",
    "timestamp",
];
/// Names of the field holding its author or authors.
pub const AUTHOR_FIELDS: &[&str] = &["author", "authors", "byline", "creator"];

/// The structured formats, told by a file's name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// One JSON object a line (`.jsonl`, `.ndjson`), or, for `.json`, an array of objects.
    Json,
    /// Comma-, semicolon- or tab-separated values with a header row (`.csv`, `.tsv`).
    Csv,
}

/// The structured format a file's name says it is in, if any.
pub fn format_of(name: &str) -> Option<Format> {
    let base = name.rsplit('/').next().unwrap_or(name);
    let ext = base.rsplit_once('.')?.1.to_ascii_lowercase();
    match ext.as_str() {
        "jsonl" | "ndjson" | "json" => Some(Format::Json),
        "csv" | "tsv" => Some(Format::Csv),
        _ => None,
    }
}

/// One article's record.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Record {
    /// The line of the file it starts on (1-based).
    pub line: usize,
    /// Its title, body and metadata, character references decoded.
    pub title: Option<String>,
    /// Its text.
    pub text: String,
    /// Address, date, author.
    pub meta: Meta,
}

impl Record {
    /// The text a loose file of this article would hold: its title, a blank line, its body.
    pub fn as_text(&self) -> String {
        match &self.title {
            Some(title) => format!("{}\n\n{}\n", one_line(title), self.text.trim_end()),
            None => format!("{}\n", self.text.trim_end()),
        }
    }
}

/// A title is one line: its line breaks become spaces.
fn one_line(title: &str) -> String {
    title.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What a structured file held.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Records {
    /// The records with a text, in the file's order.
    pub records: Vec<Record>,
    /// Why each other record was left out, with its line (`line 7: no text field …`).
    pub skipped: Vec<String>,
    /// Character references decoded in all fields.
    pub references: usize,
}

/// Why a structured file could not be read at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RecordsError {
    /// The JSON is not JSON lines nor an array of objects.
    Json(String),
    /// The CSV has no header row, or cannot be read.
    Csv(String),
}

impl std::fmt::Display for RecordsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RecordsError::Json(why) => write!(f, "not JSON lines or an array of records: {why}"),
            RecordsError::Csv(why) => write!(f, "not a CSV file with a header row: {why}"),
        }
    }
}

impl std::error::Error for RecordsError {}

/// Reads the records of `text`, decoded from a file in `format`.
pub fn read(format: Format, text: &str) -> Result<Records, RecordsError> {
    match format {
        Format::Json => read_json(text),
        Format::Csv => read_csv(text),
    }
}

/// The fields of one record, by lower-case name.
type Fields = Vec<(String, String)>;

fn field<'a>(fields: &'a Fields, names: &[&str]) -> Option<&'a str> {
    names.iter().find_map(|n| {
        fields
            .iter()
            .find(|(k, v)| k == n && !v.trim().is_empty())
            .map(|(_, v)| v.as_str())
    })
}

/// Turns a record's fields into a [`Record`], or says why it is not one.
fn record(line: usize, fields: &Fields, out: &mut Records) {
    let mut take = |names: &[&str]| {
        field(fields, names).map(|v| {
            let mut v = crate::decode::normalize_line_ends(v.to_owned());
            out.references += crate::decode::decode_references(&mut v);
            v
        })
    };
    let Some(text) = take(TEXT_FIELDS) else {
        let why = if fields
            .iter()
            .any(|(k, _)| TEXT_FIELDS.contains(&k.as_str()))
        {
            "its text field is empty".to_owned()
        } else {
            format!("no text field ({})", TEXT_FIELDS.join(", "))
        };
        out.skipped.push(format!("line {line}: {why}"));
        return;
    };
    let title = take(TITLE_FIELDS);
    let meta = Meta {
        url: take(URL_FIELDS),
        date: take(DATE_FIELDS),
        author: take(AUTHOR_FIELDS),
    };
    out.records.push(Record {
        line,
        title,
        text,
        meta,
    });
}

/// A JSON value as a field's text: strings as they are, numbers and booleans written out, a
/// list (of authors) joined with commas; objects and nulls are no text.
fn json_text(v: &serde_json::Value) -> Option<String> {
    use serde_json::Value;
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(json_text).collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        Value::Null | Value::Object(_) => None,
    }
}

fn json_fields(object: &serde_json::Map<String, serde_json::Value>) -> Fields {
    object
        .iter()
        .filter_map(|(k, v)| Some((k.to_lowercase(), json_text(v)?)))
        .collect()
}

fn read_json(text: &str) -> Result<Records, RecordsError> {
    let mut out = Records::default();
    if text.trim_start().starts_with('[') {
        // An array of records; a record's line is where its object starts.
        let values: Vec<serde_json::Value> =
            serde_json::from_str(text).map_err(|e| RecordsError::Json(e.to_string()))?;
        let starts = object_lines(text);
        for (i, value) in values.iter().enumerate() {
            let line = starts.get(i).copied().unwrap_or(1);
            match value.as_object() {
                Some(object) => record(line, &json_fields(object), &mut out),
                None => out.skipped.push(format!("line {line}: not a JSON object")),
            }
        }
        return Ok(out);
    }
    let mut any_object = false;
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<serde_json::Value>(line) {
            Ok(serde_json::Value::Object(object)) => {
                any_object = true;
                record(line_no, &json_fields(&object), &mut out);
            }
            Ok(_) => out
                .skipped
                .push(format!("line {line_no}: not a JSON object")),
            Err(e) => out.skipped.push(format!("line {line_no}: not JSON ({e})")),
        }
    }
    if !any_object {
        let why = out
            .skipped
            .first()
            .cloned()
            .unwrap_or_else(|| "no records".to_owned());
        return Err(RecordsError::Json(why));
    }
    Ok(out)
}

/// The lines on which the top-level objects of a JSON array start (strings skipped).
fn object_lines(text: &str) -> Vec<usize> {
    let (mut line, mut depth, mut in_string, mut escaped) = (1, 0usize, false, false);
    let mut starts = Vec::new();
    for c in text.chars() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                '\n' => line += 1,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '\n' => line += 1,
            '[' | '{' => {
                if depth == 1 {
                    starts.push(line);
                }
                depth += 1;
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    starts
}

fn read_csv(text: &str) -> Result<Records, RecordsError> {
    // The delimiter the header row uses most: `,`, `;` (spreadsheets in much of Europe) or tab.
    let header = text.lines().next().unwrap_or("");
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|&d| header.bytes().filter(|&b| b == d).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let names: Vec<String> = reader
        .headers()
        .map_err(|e| RecordsError::Csv(e.to_string()))?
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    if !names
        .iter()
        .any(|n| TEXT_FIELDS.contains(&n.as_str()) || TITLE_FIELDS.contains(&n.as_str()))
    {
        return Err(RecordsError::Csv(format!(
            "its header row names no text field ({})",
            TEXT_FIELDS.join(", ")
        )));
    }
    let mut out = Records::default();
    let mut row = csv::StringRecord::new();
    loop {
        let line = reader.position().line() as usize;
        match reader.read_record(&mut row) {
            Ok(true) => {
                let fields: Fields = names
                    .iter()
                    .cloned()
                    .zip(row.iter().map(str::to_owned))
                    .collect();
                record(line, &fields, &mut out);
            }
            Ok(false) => break,
            Err(e) => {
                out.skipped.push(format!("line {line}: {e}"));
                // A broken quote swallows the rest; the reader cannot go on past it.
                if !matches!(e.kind(), csv::ErrorKind::UnequalLengths { .. }) {
                    break;
                }
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_name() {
        assert_eq!(format_of("a/b/dump.JSONL"), Some(Format::Json));
        assert_eq!(format_of("x.ndjson"), Some(Format::Json));
        assert_eq!(format_of("x.tsv"), Some(Format::Csv));
        assert_eq!(format_of("x.txt"), None);
        assert_eq!(format_of("csv"), None);
    }

    #[test]
    fn json_lines_with_the_fields_scrapers_write() {
        let text = concat!(
            r#"{"Headline": "Rivals of the &#163;400 Apple...", "body": "First para.\n\nSecond &quot;quoted&quot;.", "url": "https://x.test/1", "authors": ["A. Writer", "B. Writer"], "date": 20240101}"#,
            "\n\n",
            r#"{"title": "No text here", "url": "https://x.test/2"}"#,
            "\n",
            "not json\n",
            r#"{"content": "Untitled text."}"#,
            "\n"
        );
        let r = read(Format::Json, text).unwrap();
        assert_eq!(r.records.len(), 2);
        let a = &r.records[0];
        assert_eq!(a.line, 1);
        assert_eq!(a.title.as_deref(), Some("Rivals of the £400 Apple..."));
        assert_eq!(a.text, "First para.\n\nSecond \"quoted\".");
        assert_eq!(a.meta.author.as_deref(), Some("A. Writer, B. Writer"));
        assert_eq!(a.meta.date.as_deref(), Some("20240101"));
        assert_eq!(r.references, 3);
        assert_eq!(
            a.as_text(),
            "Rivals of the £400 Apple...\n\nFirst para.\n\nSecond \"quoted\".\n"
        );
        assert_eq!(r.records[1].line, 5);
        assert_eq!(r.records[1].title, None);
        assert_eq!(r.skipped.len(), 2);
        assert!(
            r.skipped[0].starts_with("line 3: no text field (text, body"),
            "{:?}",
            r.skipped
        );
        assert!(
            r.skipped[1].starts_with("line 4: not JSON"),
            "{:?}",
            r.skipped
        );
    }

    #[test]
    fn a_json_array_gives_each_object_its_line() {
        let text = "[\n  {\"title\": \"A\", \"text\": \"one {brace} \\\" quote\"},\n  {\"text\": \"two\"}\n]";
        let r = read(Format::Json, text).unwrap();
        assert_eq!(r.records.iter().map(|r| r.line).collect::<Vec<_>>(), [2, 3]);
        assert!(read(Format::Json, "[1, 2").is_err());
        assert!(read(Format::Json, "plain words\n").is_err());
    }

    #[test]
    fn csv_with_quoted_multiline_bodies_and_any_delimiter() {
        let text = "id,Title,Text,url\n1,France v Wales (Sat),\"Line one.\n\nLine two, with a comma.\",u1\n2,Only a title,,u2\n3,\"Quoted, title\",Body.,u3\n";
        let r = read(Format::Csv, text).unwrap();
        assert_eq!(r.records.len(), 2);
        assert_eq!(r.records[0].title.as_deref(), Some("France v Wales (Sat)"));
        assert_eq!(r.records[0].text, "Line one.\n\nLine two, with a comma.");
        assert_eq!(r.records[1].line, 6);
        assert_eq!(r.skipped, ["line 5: its text field is empty"]);
        let semi = read(Format::Csv, "title;body\nA;B b\n").unwrap();
        assert_eq!(semi.records[0].text, "B b");
        assert!(read(Format::Csv, "a,b\n1,2\n").is_err());
    }
}
