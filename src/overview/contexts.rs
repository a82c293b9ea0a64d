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

/// Where a mention is: its article, block, and scalar-value offsets in the block.
#[derive(Clone, Copy, Debug)]
struct Hit {
    article: usize,
    block: usize,
    start: usize,
    end: usize,
}

/// Every mention of the entry `key`.
pub fn of_name(source: Source<'_>, key: &str, sort: Sort, limit: Option<usize>) -> Contexts {
    let mut hits = Vec::new();
    for (a, _) in source.index.mentions_by_article(key) {
        let Some(article) = source.articles.get(a) else {
            continue;
        };
        for (b, block) in article.blocks().enumerate() {
            for e in block.entities.iter().filter(|e| key_of(e) == key) {
                hits.push(Hit {
                    article: a,
                    block: b,
                    start: e.start,
                    end: e.end,
                });
            }
        }
    }
    finish(source, key.to_owned(), false, hits, sort, limit)
}

/// Every occurrence of `term` as whole words, in any case.
pub fn of_term(source: Source<'_>, term: &str, sort: Sort, limit: Option<usize>) -> Contexts {
    let term = term.split_whitespace().collect::<Vec<_>>().join(" ");
    let wanted: Vec<char> = term.chars().map(fold).collect();
    let mut hits = Vec::new();
    // An ASCII term is looked for in the bytes (ASCII letters folded in place, so offsets
    // hold), with memchr's searcher: the whole collection's text is read once, quickly.
    let ascii = term.is_ascii().then(|| term.to_ascii_lowercase());
    let finder = ascii.as_deref().map(memchr::memmem::Finder::new);
    let mut lowered: Vec<u8> = Vec::new();
    let mut folded: Vec<char> = Vec::new();
    for (a, article) in source.articles.iter().enumerate() {
        for (b, block) in article.blocks().enumerate() {
            let text = block.text.as_str();
            let found: Vec<usize> = match &finder {
                Some(finder) => {
                    lowered.clear();
                    lowered.extend(text.bytes().map(|c| c.to_ascii_lowercase()));
                    whole_words(text, finder.find_iter(&lowered), term.len())
                }
                None => {
                    folded.clear();
                    folded.extend(text.chars().map(fold));
                    find_all(&folded, &wanted)
                }
            };
            for start in found {
                hits.push(Hit {
                    article: a,
                    block: b,
                    start,
                    end: start + wanted.len(),
                });
            }
        }
    }
    finish(source, term, true, hits, sort, limit)
}

/// The scalar-value offsets of the byte offsets `at` (ascending) in `text` where a match
/// `len` bytes long stands as whole words.
fn whole_words(text: &str, at: impl Iterator<Item = usize>, len: usize) -> Vec<usize> {
    let mut found = Vec::new();
    let (mut byte, mut chars) = (0, 0);
    let mut after_last = 0;
    for start in at {
        if start < after_last {
            continue;
        }
        let before = text[..start].chars().next_back();
        let after = text[start + len..].chars().next();
        if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric) {
            continue;
        }
        chars += text[byte..start].chars().count();
        byte = start;
        found.push(chars);
        after_last = start + len;
    }
    found
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

/// The block a hit is in.
fn block_of<'a>(source: Source<'a>, hit: &Hit) -> &'a str {
    source
        .articles
        .get(hit.article)
        .and_then(|a| a.blocks().nth(hit.block))
        .map_or("", |b| b.text.as_str())
}

/// The byte offset of scalar value `n` of `text` (its length past the end).
fn byte_of(text: &str, n: usize) -> usize {
    text.char_indices().nth(n).map_or(text.len(), |(i, _)| i)
}

/// The context line of a hit.
fn line(source: Source<'_>, hit: &Hit) -> Context {
    let text = block_of(source, hit);
    let (start, end) = (byte_of(text, hit.start), byte_of(text, hit.end));
    let end = end.max(start);
    // At most CONTEXT_CHARS each side, from the start of a word and to the end of one.
    let mut from = text[..start]
        .char_indices()
        .rev()
        .nth(CONTEXT_CHARS - 1)
        .map_or(0, |(i, _)| i);
    if from > 0 {
        while from < start && !text[..from].ends_with(char::is_whitespace) {
            from += text[from..].chars().next().map_or(1, char::len_utf8);
        }
    }
    let mut to = text[end..]
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map_or(text.len(), |(i, _)| end + i);
    if to < text.len() {
        while to > end && !text[to..].starts_with(char::is_whitespace) {
            to -= text[..to].chars().next_back().map_or(1, char::len_utf8);
        }
    }
    Context {
        article: hit.article,
        block: hit.block,
        start: hit.start,
        end: hit.end,
        left: text[from..start].to_owned(),
        word: text[start..end].to_owned(),
        right: text[end..to].to_owned(),
        date: source
            .dates
            .get(hit.article)
            .and_then(|d| d.as_ref())
            .map(|d| d.value.clone()),
    }
}

/// The word nearest a hit on one side, for sorting (letters and digits only, any case).
fn neighbour(source: Source<'_>, hit: &Hit, before: bool) -> String {
    let text = block_of(source, hit);
    let word = if before {
        text[..byte_of(text, hit.start)]
            .split_whitespace()
            .next_back()
    } else {
        text[byte_of(text, hit.end)..].split_whitespace().next()
    };
    word.unwrap_or("")
        .chars()
        .filter(|c| c.is_alphanumeric())
        .map(fold)
        .collect()
}

/// Sorts the hits as asked, counts them, and writes the lines of those listed.
fn finish(
    source: Source<'_>,
    of: String,
    term: bool,
    mut hits: Vec<Hit>,
    sort: Sort,
    limit: Option<usize>,
) -> Contexts {
    // Hits come in reading order; a stable sort keeps it among equals.
    match sort {
        Sort::Reading => {}
        Sort::Before => hits.sort_by_cached_key(|h| neighbour(source, h, true)),
        Sort::After => hits.sort_by_cached_key(|h| neighbour(source, h, false)),
        Sort::Date => hits.sort_by_cached_key(|h| {
            // Full dates first, in order; then month-and-day-only ones (`--12-07`); the
            // undated last.
            match source.dates.get(h.article).and_then(|d| d.as_ref()) {
                Some(d) if !d.value.starts_with('-') => (0, d.value.clone()),
                Some(d) => (1, d.value.clone()),
                None => (2, String::new()),
            }
        }),
    }
    let total = hits.len();
    let shown = limit.map_or(total, |l| l.min(total));
    Contexts {
        of,
        term,
        total,
        sort,
        lines: hits[..shown].iter().map(|h| line(source, h)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The byte search an ASCII term takes finds what the search by characters finds,
        /// at the same scalar-value offsets, whatever the text around it (accents included).
        #[test]
        fn the_fast_search_finds_what_the_slow_one_does(
            text in "[aAbB é.Ü-]{0,40}",
            term in "[ab]{1,3}( [ab]{1,2})?",
        ) {
            let lowered: Vec<u8> = text.bytes().map(|c| c.to_ascii_lowercase()).collect();
            let finder = memchr::memmem::Finder::new(term.as_bytes());
            let fast = whole_words(&text, finder.find_iter(&lowered), term.len());
            let folded: Vec<char> = text.chars().map(fold).collect();
            let wanted: Vec<char> = term.chars().collect();
            proptest::prop_assert_eq!(fast, find_all(&folded, &wanted));
        }
    }
}
