//! Keyword in context: every mention of a name (or every occurrence of a term) across the
//! collection, with the words either side, sortable by the word before, the word after and the
//! date. Each line says where its mention is (article, block, scalar-value offsets in the
//! block, as entities do), so a front end can open the article with the mention marked.

use serde::{Deserialize, Serialize};

use super::Source;
use crate::index::key_of;

/// How contexts are sorted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    /// In reading order.
    #[default]
    Reading,
    /// By the word before the mention (then in reading order).
    Before,
    /// By the word after it.
    After,
    /// By the article's date, the undated last.
    Date,
}

/// One mention in its context.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Context {
    /// The article.
    pub article: usize,
    /// The block of the article (0 the title, then captions, then paragraphs).
    pub block: usize,
    /// Where the mention starts in the block, in Unicode scalar values.
    pub start: usize,
    /// Where it ends.
    pub end: usize,
    /// The text before it (at most [`CONTEXT_CHARS`], from a word's start).
    pub left: String,
    /// The mention as written.
    pub word: String,
    /// The text after it.
    pub right: String,
    /// The article's date, if it has one.
    pub date: Option<String>,
}

/// Every mention found, and those listed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contexts {
    /// What was looked for: the chosen name's key, or the term.
    pub of: String,
    /// Whether `of` is a term typed rather than a name's key.
    pub term: bool,
    /// Every mention found.
    pub total: usize,
    /// How `lines` are sorted.
    pub sort: Sort,
    /// The mentions, sorted (the first `limit` of them when a limit was asked).
    pub lines: Vec<Context>,
}

/// Characters of context on either side of a mention.
pub const CONTEXT_CHARS: usize = 60;

/// Every mention of the entry `key`.
pub fn of_name(source: Source<'_>, key: &str, sort: Sort, limit: Option<usize>) -> Contexts {
    let mut lines = Vec::new();
    for (a, _) in source.index.mentions_by_article(key) {
        let Some(article) = source.articles.get(a) else {
            continue;
        };
        for (b, block) in article.blocks().enumerate() {
            let mut chars: Option<Vec<char>> = None;
            for e in block.entities.iter().filter(|e| key_of(e) == key) {
                let chars = chars.get_or_insert_with(|| block.text.as_str().chars().collect());
                lines.push(line(source, a, b, chars, e.start, e.end));
            }
        }
    }
    finish(key.to_owned(), false, lines, sort, limit)
}

/// Every occurrence of `term` as whole words, in any case.
pub fn of_term(source: Source<'_>, term: &str, sort: Sort, limit: Option<usize>) -> Contexts {
    let wanted: Vec<char> = term
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .map(fold)
        .collect();
    let mut lines = Vec::new();
    let mut folded: Vec<char> = Vec::new();
    for (a, article) in source.articles.iter().enumerate() {
        for (b, block) in article.blocks().enumerate() {
            folded.clear();
            folded.extend(block.text.as_str().chars().map(fold));
            let found = find_all(&folded, &wanted);
            if found.is_empty() {
                continue;
            }
            let chars: Vec<char> = block.text.as_str().chars().collect();
            for start in found {
                lines.push(line(source, a, b, &chars, start, start + wanted.len()));
            }
        }
    }
    finish(term.to_owned(), true, lines, sort, limit)
}

/// A character in the one case searches compare in (one character for one, so offsets hold).
fn fold(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

/// Where `wanted` occurs in `text` as whole words, not overlapping.
fn find_all(text: &[char], wanted: &[char]) -> Vec<usize> {
    let mut found = Vec::new();
    let Some(&first) = wanted.first() else {
        return found;
    };
    let mut i = 0;
    while i + wanted.len() <= text.len() {
        if text[i] == first
            && text[i..i + wanted.len()] == *wanted
            && (i == 0 || !text[i - 1].is_alphanumeric())
            && text
                .get(i + wanted.len())
                .is_none_or(|c| !c.is_alphanumeric())
        {
            found.push(i);
            i += wanted.len();
        } else {
            i += 1;
        }
    }
    found
}

/// The context line of `chars[start..end]` in block `b` of article `a`.
fn line(
    source: Source<'_>,
    a: usize,
    b: usize,
    chars: &[char],
    start: usize,
    end: usize,
) -> Context {
    let end = end.min(chars.len());
    let start = start.min(end);
    let mut from = start.saturating_sub(CONTEXT_CHARS);
    if from > 0 {
        // From the start of a word: skip the cut one.
        while from < start && !chars[from - 1].is_whitespace() {
            from += 1;
        }
    }
    let mut to = (end + CONTEXT_CHARS).min(chars.len());
    if to < chars.len() {
        while to > end && !chars[to].is_whitespace() {
            to -= 1;
        }
    }
    Context {
        article: a,
        block: b,
        start,
        end,
        left: chars[from..start].iter().collect(),
        word: chars[start..end].iter().collect(),
        right: chars[end..to].iter().collect(),
        date: source
            .dates
            .get(a)
            .and_then(|d| d.as_ref())
            .map(|d| d.value.clone()),
    }
}

/// The word nearest the mention on one side, for sorting (letters and digits only, any case).
fn neighbour(text: &str, before: bool) -> String {
    let mut words = text.split_whitespace();
    let word = if before {
        words.next_back()
    } else {
        words.next()
    };
    word.unwrap_or("")
        .chars()
        .filter(|c| c.is_alphanumeric())
        .map(fold)
        .collect()
}

fn finish(
    of: String,
    term: bool,
    mut lines: Vec<Context>,
    sort: Sort,
    limit: Option<usize>,
) -> Contexts {
    // Lines come in reading order; a stable sort keeps it among equals.
    match sort {
        Sort::Reading => {}
        Sort::Before => lines.sort_by_cached_key(|l| neighbour(&l.left, true)),
        Sort::After => lines.sort_by_cached_key(|l| neighbour(&l.right, false)),
        Sort::Date => lines.sort_by(|x, y| match (&x.date, &y.date) {
            (Some(a), Some(b)) => {
                // Month-and-day-only dates (`--12-07`) after the full ones.
                (a.starts_with('-'), a).cmp(&(b.starts_with('-'), b))
            }
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }),
    }
    let total = lines.len();
    if let Some(limit) = limit {
        lines.truncate(limit);
    }
    Contexts {
        of,
        term,
        total,
        sort,
        lines,
    }
}
