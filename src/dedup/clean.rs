//! Repetition inside one article: the header printed again, a caption twice, a paragraph
//! copied. Each line left out is kept with its reason, and the article is held as borrowed
//! text until it is known to be kept.

use std::borrow::Cow;
use std::sync::Arc;

use rustc_hash::FxHashSet;

use crate::model::{Article, Block, Reason, Removed, Text};
use crate::segment::{Line, RawArticle};

/// A repeated body paragraph is removed only if it is prose this long; short repeated lines are
/// table rows or markers (`--`, `ingot 75 cents / pound`) that legitimately recur.
const MIN_REPEATED_WORDS: usize = 8;

/// An article with its repetition removed, still borrowing the file's text: cheap to compare
/// and hash, and only turned into an owned [`Article`] if it is kept. Its buffers are reused
/// from one article to the next by [`clean_into`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Clean<'a> {
    pub title: &'a str,
    pub captions: Vec<&'a str>,
    /// Paragraphs; one of several lines is joined with `\n` (the only allocation).
    pub paragraphs: Vec<Cow<'a, str>>,
    pub removed: Vec<(Line<'a>, Reason)>,
    /// The line the article starts at in its file.
    pub line: usize,
    seen: Vec<&'a str>,
}

impl Clean<'_> {
    /// The article as the collection keeps it, read from file `source` whose decoded text is
    /// `file`: its text points into `file` wherever it is a verbatim range of it.
    pub fn to_article(&self, source: &Arc<str>, file: &Arc<String>) -> Article {
        let text = |part: &str| Text::within(file, part);
        let derived = self.title.trim().is_empty();
        let title = if derived {
            let first: Option<&str> = self
                .paragraphs
                .first()
                .map(|p| p.as_ref())
                .or(self.captions.first().copied());
            first.map_or_else(|| Text::from(UNTITLED), |p| derived_title(p, file))
        } else {
            text(self.title)
        };
        Article {
            title: Block::new(title),
            title_derived: derived,
            captions: self.captions.iter().map(|c| Block::new(text(c))).collect(),
            paragraphs: self
                .paragraphs
                .iter()
                .map(|p| match p {
                    Cow::Borrowed(p) => Block::new(text(p)),
                    Cow::Owned(p) => Block::new(p.as_str()),
                })
                .collect(),
            sources: vec![source.to_string()],
            variants: Vec::new(),
            removed: self
                .removed
                .iter()
                .map(|(line, reason)| Removed {
                    text: text(line.text),
                    reason: *reason,
                    source: Arc::clone(source),
                    line: line.no,
                })
                .collect(),
            meta: None,
            date: None,
        }
    }
}

/// The title of an article with nothing to call one: its first paragraph's first sentence (the
/// first line of it), shortened to [`DERIVED_WORDS`] words with an ellipsis. A range of the
/// file where it is one.
fn derived_title(paragraph: &str, file: &Arc<String>) -> Text {
    let line = paragraph.lines().next().unwrap_or("").trim();
    let sentence = line
        .char_indices()
        .find(|&(i, c)| {
            matches!(c, '.' | '!' | '?')
                && line[i + 1..].starts_with(' ')
                && line[..i]
                    .rsplit(' ')
                    .next()
                    .is_some_and(|w| w.chars().count() > 2)
        })
        .map_or(line, |(i, c)| &line[..i + c.len_utf8()]);
    let words: Vec<&str> = sentence.split_whitespace().collect();
    if words.is_empty() {
        return Text::from(UNTITLED);
    }
    if words.len() <= DERIVED_WORDS {
        return Text::within(file, sentence);
    }
    Text::from(format!("{}…", words[..DERIVED_WORDS].join(" ")))
}

/// The most words a derived title keeps.
const DERIVED_WORDS: usize = 12;

/// The title of an article with no words at all (a caption alone, say).
const UNTITLED: &str = "(untitled)";

#[cfg(test)]
/// Removes the repetition inside one raw article, recording every removed line with its reason.
pub fn clean<'a>(raw: &RawArticle<'a>) -> Clean<'a> {
    let mut out = Clean::default();
    clean_into(raw, &mut out);
    out
}

/// [`clean`], into `out`'s reused buffers.
pub fn clean_into<'a>(raw: &RawArticle<'a>, out: &mut Clean<'a>) {
    out.captions.clear();
    out.paragraphs.clear();
    out.removed.clear();
    out.removed
        .extend(raw.separators.iter().map(|l| (*l, Reason::Separator)));
    out.line = raw.first_line();

    let title = raw.header.first().map_or("", |l| l.text);
    out.title = title;
    let mut in_copy = false;
    for line in raw.header.iter().skip(1) {
        if line.text == title {
            in_copy = true;
            out.removed.push((*line, Reason::RepeatedHeader));
        } else if out.captions.contains(&line.text) {
            let reason = if in_copy {
                Reason::RepeatedHeader
            } else {
                Reason::RepeatedLine
            };
            out.removed.push((*line, reason));
        } else {
            out.captions.push(line.text);
        }
    }

    let mut seen = Seen::new(raw.starts.len(), std::mem::take(&mut out.seen));
    for lines in raw.paragraphs() {
        let text: Cow<'a, str> = match lines {
            [line] => Cow::Borrowed(line.text),
            _ => Cow::Owned(lines.iter().map(|l| l.text).collect::<Vec<_>>().join("\n")),
        };
        let in_header = text.len() <= MAX_HEADER_LINE
            && (text == title || out.captions.iter().any(|c| *c == text));
        let repeated = in_header
            || (text.len() >= 2 * MIN_REPEATED_WORDS
                && match &text {
                    Cow::Borrowed(t) => !seen.insert(t),
                    Cow::Owned(_) => false,
                }
                && text
                    .split_whitespace()
                    .nth(MIN_REPEATED_WORDS - 1)
                    .is_some());
        if repeated {
            out.removed
                .extend(lines.iter().map(|l| (*l, Reason::RepeatedLine)));
        } else {
            out.paragraphs.push(text);
        }
    }
    if let Seen::Few(buffer) = seen {
        out.seen = buffer;
    }
}

/// Longer lines are never a title or caption, so need not be compared with them.
const MAX_HEADER_LINE: usize = 1000;

/// Paragraphs seen so far in one article. Most articles have a few dozen paragraphs, where a
/// scan (comparing lengths first) beats building a hash set; long ones get the set.
enum Seen<'a> {
    Few(Vec<&'a str>),
    Many(FxHashSet<&'a str>),
}

impl<'a> Seen<'a> {
    const FEW: usize = 24;

    fn new(paragraphs: usize, mut buffer: Vec<&'a str>) -> Seen<'a> {
        if paragraphs <= Self::FEW {
            buffer.clear();
            Seen::Few(buffer)
        } else {
            Seen::Many(FxHashSet::with_capacity_and_hasher(
                paragraphs,
                Default::default(),
            ))
        }
    }

    /// Adds `text`; false if it was already there.
    fn insert(&mut self, text: &'a str) -> bool {
        match self {
            Seen::Few(seen) => {
                let new = !seen.iter().any(|s| s.len() == text.len() && *s == text);
                if new {
                    seen.push(text);
                }
                new
            }
            Seen::Many(seen) => seen.insert(text),
        }
    }
}
