//! An article's date, and where it came from, for the views that place a collection in time.
//!
//! In order of trust: the date field of a structured dump's record (`meta.date`); a dateline
//! opening the body (`LONDON, Dec 7 (Reuters) -`, `Dec. 7, 2020 —`, `MADRID 1996-12-07`); a
//! date line among the article's first lines (`Published: …`, `Updated 3 March 2024 14:05`,
//! `By … | March 3, 2024`); a date in the file's name (`2020-12-07-story.txt`, `20201207_…`).
//! A date merely mentioned in the body is never the article's: only the first lines are read,
//! and a line counts only if it is a dateline's head or a short line that is mostly its date.
//!
//! A dateline without a year takes the year of the nearest article of the same file that has
//! one (by reading order); with none, it keeps its month and day (`--12-07`). Dates are set on
//! a finished collection's articles (`date_all`), so every way of building one (the builder, a
//! cluster's stages, the page's session) gives the same.

mod scan;

use rustc_hash::FxHashMap;

pub use scan::{find, unix, Day};

use crate::model::{Article, ArticleDate, DateFrom as From};

/// Sets every article's `date` (see the module's documentation).
pub fn date_all(articles: &mut [Article]) {
    let dates = dates_of(articles);
    for (article, date) in articles.iter_mut().zip(dates) {
        article.date = date;
    }
}

/// Every article's date, as [`date_all`] sets it, for a front end that keeps its articles
/// undated (the page's session) and a view that only reads them.
pub fn dates_of(articles: &[Article]) -> Vec<Option<ArticleDate>> {
    dates_at(&(0..articles.len()).collect::<Vec<_>>(), articles)
}

/// Every article's date, as [`dates_of`] gives it, for articles given with their places in
/// reading order (`places`, ascending): a cluster's task dates the articles of some files, all
/// of each file's, without the others (a date without a year takes the year of the nearest
/// dated article of its file, by place).
pub(crate) fn dates_at(places: &[usize], articles: &[Article]) -> Vec<Option<ArticleDate>> {
    let found: Vec<Option<(Day, From)>> = articles.iter().map(of).collect();
    // The articles of each file that have a full date, in reading order.
    let mut dated: FxHashMap<&str, Vec<(usize, u16)>> = FxHashMap::default();
    for ((article, found), &i) in articles.iter().zip(&found).zip(places) {
        if let Some((Day { year: Some(y), .. }, _)) = found {
            dated.entry(file_of(article)).or_default().push((i, *y));
        }
    }
    articles
        .iter()
        .zip(&found)
        .zip(places)
        .map(|((article, found), &i)| {
            let (mut day, from) = (*found)?;
            if let (None, Some(dated)) = (day.year, dated.get(file_of(article))) {
                day.year = nearest(dated, i);
            }
            Some(ArticleDate {
                value: day.iso(),
                from,
            })
        })
        .collect()
}

/// The year of the article nearest `i` in `dated` (ascending places; the earlier on a tie).
fn nearest(dated: &[(usize, u16)], i: usize) -> Option<u16> {
    let at = dated.partition_point(|&(j, _)| j < i);
    let before = at.checked_sub(1).and_then(|k| dated.get(k));
    let after = dated.get(at);
    match (before, after) {
        (Some(b), Some(a)) if a.0 - i < i - b.0 => Some(a.1),
        (Some(b), _) => Some(b.1),
        (None, a) => a.map(|a| a.1),
    }
}

/// The file an article was first read from (a record's source names its line: `dump.jsonl:12`).
pub(crate) fn file_of(article: &Article) -> &str {
    file_of_source(article.sources.first().map_or("", String::as_str))
}

/// The file a source names (a record's names its line: `dump.jsonl:12`).
pub(crate) fn file_of_source(source: &str) -> &str {
    match source.rsplit_once(':') {
        Some((file, line)) if !line.is_empty() && line.bytes().all(|b| b.is_ascii_digit()) => file,
        _ => source,
    }
}

/// An article's date as its own text, record and file give it.
fn of(article: &Article) -> Option<(Day, From)> {
    let meta = article.meta.as_ref().and_then(|m| m.date.as_deref());
    let body: Vec<&str> = article
        .captions
        .iter()
        .chain(&article.paragraphs)
        .flat_map(|b| b.text.lines())
        .take(FIRST_LINES)
        .collect();
    of_article(meta, &body, file_of(article))
}

/// Body lines read for a dateline or a date line: a date further down is the story's, not
/// the article's.
pub(crate) const FIRST_LINES: usize = 3;

/// How far into its line a dateline's date may start (`WASHINGTON/NEW YORK, Dec 7 (Reuters)`).
const DATELINE_HEAD: usize = 60;

/// The longest line read as a date line.
const DATE_LINE_CHARS: usize = 100;

/// Words that open a date line.
const DATE_LINE_OPENERS: [&str; 7] = [
    "published",
    "updated",
    "posted",
    "last updated",
    "date",
    "first published",
    "modified",
];

/// The date of an article from its record's date field, its first body lines and its file's
/// name, with where it was found.
pub fn of_article(meta: Option<&str>, body: &[&str], file: &str) -> Option<(Day, From)> {
    if let Some(day) = meta.and_then(|m| unix(m).or_else(|| find(m, true).map(|(d, _)| d))) {
        return Some((day, From::Meta));
    }
    let first = body.iter().take(FIRST_LINES);
    if let Some(day) = body.first().and_then(|line| dateline(line)) {
        return Some((day, From::Dateline));
    }
    if let Some(day) = first.filter_map(|line| date_line(line)).next() {
        return Some((day, From::Text));
    }
    let name = file.rsplit('/').next().unwrap_or(file);
    find(name, true).map(|(day, _)| (day, From::File))
}

/// A dateline's date: at the line's start or after its place (`LONDON, `, `MADRID `), and
/// before the dash, colon or agency that ends the dateline.
fn dateline(line: &str) -> Option<Day> {
    // The date starts within the head of the line: only the head is searched (a first
    // paragraph may run to thousands of characters).
    let mut head = line.len().min(DATELINE_HEAD + 60);
    while !line.is_char_boundary(head) {
        head -= 1;
    }
    let (day, at) = find(&line[..head], false)?;
    // A weekday before the date is no place (`Monday, December 7, 2020`).
    let place = Some(line[..at].trim())
        .filter(|p| others(p) > 0)
        .unwrap_or("");
    let words = place.split_whitespace().count();
    let is_place = place.is_empty()
        || (at <= DATELINE_HEAD
            && words <= 5
            && (place.ends_with(',') || place == place.to_uppercase())
            && place
                .split_whitespace()
                .all(|w| w.starts_with(|c: char| c.is_uppercase())));
    if !is_place {
        return None;
    }
    let rest = &line[at..];
    let end = [
        "(Reuters)",
        "(AP)",
        "(AFP)",
        " - ",
        " — ",
        " – ",
        " -- ",
        ": ",
    ]
    .iter()
    .filter_map(|mark| rest.find(mark))
    .min();
    // A place and a date alone make a dateline too (`MADRID 1996-12-07`); a date alone is a
    // date line.
    match end {
        Some(end) => (end <= 40).then_some(day),
        None => (!place.is_empty() && rest.split_whitespace().count() <= 4).then_some(day),
    }
}

/// A short line that is mostly a date: `Published: Dec 7, 2020`, `Updated 3 March 2024 14:05`,
/// `By Jane Doe | March 3, 2024`, `Monday, December 7, 2020`.
fn date_line(line: &str) -> Option<Day> {
    let line = line.trim();
    if line.chars().count() > DATE_LINE_CHARS {
        return None;
    }
    let (day, _) = find(line, false)?;
    let lower = line.to_ascii_lowercase();
    let opened = DATE_LINE_OPENERS.iter().any(|o| lower.starts_with(o));
    let bylined = lower.starts_with("by ") && line.contains('|');
    (opened || bylined || others(line) <= 1).then_some(day)
}

/// The words of a line that are no part of a date and its time: a sentence has several.
fn others(line: &str) -> usize {
    const TIME_WORDS: [&str; 16] = [
        "am", "pm", "a.m.", "p.m.", "gmt", "utc", "et", "est", "edt", "pt", "pst", "pdt", "bst",
        "cet", "at", "-",
    ];
    line.split(|c: char| c.is_whitespace() || matches!(c, ',' | '|' | '(' | ')'))
        .filter(|w| !w.is_empty())
        .filter(|w| {
            let lower = w.to_ascii_lowercase();
            let bare = lower.trim_end_matches(['.', ':']);
            let datelike = find(w, true).is_some()
                || bare
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b == b':' || b == b'-')
                || bare
                    .trim_end_matches(|c: char| c.is_ascii_alphabetic())
                    .bytes()
                    .all(|b| b.is_ascii_digit())
                    && bare.starts_with(|c: char| c.is_ascii_digit())
                || TIME_WORDS.contains(&bare)
                || crate::numbers::WEEKDAYS
                    .iter()
                    .any(|d| *d == bare || (bare.len() == 3 && d.starts_with(bare)));
            !(datelike || scan::month(w).is_some())
        })
        .count()
}

#[cfg(test)]
mod tests;
