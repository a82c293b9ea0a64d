//! The whole collection at a glance: when its articles were published, who and what they name
//! most, which names go together, every sentence a name stands in, and what each file held.
//!
//! These are the numbers behind the page's Overview and `folio --format overview`: computed
//! here, once, from what the core already holds (the articles, their dates, the entity index,
//! the files), so the page only draws them and the command prints the same. Every part is a
//! pass over the articles or a lookup in the index's groups, never a loop over pairs: a
//! collection of hundreds of thousands of names costs what its mentions cost.
//!
//! What the overview's bars narrow the article list to ([`Narrow`]) is answered here too, so
//! that a bar's count and the list it narrows to cannot disagree.

mod contexts;
mod export;
mod files;
mod names;
mod timeline;

use serde::{Deserialize, Serialize};

use crate::index::Index;
use crate::model::{Article, ArticleDate, Collection, FileInfo};

pub use contexts::{Context, Contexts, Sort, CONTEXT_CHARS};
pub use export::{to_csv, Table};
pub use files::FileBar;
pub use names::{Name, Pair, Rank, Together, LIFT_FLOOR};
pub use timeline::{Bin, Timeline, Unit};

/// What the overview is asked for: the chosen name, the search term, and how to rank and sort.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Query {
    /// The chosen name's key (an index entry's `key`); the most named one when `None`.
    pub name: Option<String>,
    /// Words whose every occurrence the contexts list instead of the chosen name's mentions.
    pub term: Option<String>,
    /// How the names that go with the chosen one are ranked.
    pub rank: Rank,
    /// How the contexts are sorted.
    pub sort: Sort,
    /// Names listed for each label.
    pub top: usize,
    /// Names listed beside the chosen one.
    pub pairs: usize,
    /// Contexts listed at most (all are counted); `None` lists every one.
    pub limit: Option<usize>,
}

impl Default for Query {
    fn default() -> Query {
        Query {
            name: None,
            term: None,
            rank: Rank::Count,
            sort: Sort::Reading,
            top: 10,
            pairs: 10,
            limit: None,
        }
    }
}

/// The overview's numbers (docs/contract.md, "The overview").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Overview {
    /// Articles in the collection.
    pub articles: usize,
    /// Articles per day, week or month.
    pub timeline: Timeline,
    /// The most named people, organisations, places and other names, each label's in turn.
    pub names: Vec<Name>,
    /// The names most often in the same articles as the chosen one.
    pub together: Option<Together>,
    /// Every mention of the chosen name (or every occurrence of the term) in its context.
    pub contexts: Option<Contexts>,
    /// What each file gave: articles kept, copies merged, lines removed by reason.
    pub files: Vec<FileBar>,
}

/// What a bar of the overview narrows the article list to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Narrow {
    /// The articles dated from `start` to `end`, both included (ISO dates).
    Span {
        /// The first day.
        start: String,
        /// The last day.
        end: String,
    },
    /// The articles naming an entry of the index (by key).
    Name {
        /// The entry's key.
        key: String,
    },
    /// The articles naming both entries.
    Pair {
        /// The chosen entry's key.
        a: String,
        /// The other's.
        b: String,
    },
}

/// What the overview reads: the articles in reading order, each one's date, their entity index
/// and the files.
#[derive(Clone, Copy, Debug)]
pub struct Source<'a> {
    /// The articles.
    pub articles: &'a [Article],
    /// Each article's date (`dates::dates_of`, or the collection's own).
    pub dates: &'a [Option<ArticleDate>],
    /// The entity index of `articles`.
    pub index: &'a Index,
    /// Every file given.
    pub files: &'a [FileInfo],
}

impl Overview {
    /// The overview of `source`, as `query` asks.
    pub fn of(source: Source<'_>, query: &Query) -> Overview {
        let timeline = timeline::Timeline::of(source.dates);
        let names = names::most_named(source, &timeline, query.top);
        let chosen = query
            .name
            .clone()
            .or_else(|| names::most_named_of_all(&names));
        let together = chosen
            .as_deref()
            .and_then(|key| names::together(source, key, query.rank, query.pairs));
        let term = query
            .term
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty());
        let contexts = match (term, chosen.as_deref()) {
            (Some(term), _) => Some(contexts::of_term(source, term, query.sort, query.limit)),
            (None, Some(key)) => Some(contexts::of_name(source, key, query.sort, query.limit)),
            (None, None) => None,
        };
        Overview {
            articles: source.articles.len(),
            timeline,
            names,
            together,
            contexts,
            files: files::bars(source),
        }
    }

    /// The overview of a finished collection (dated, as every collection is), as `folio
    /// --format overview` prints it.
    pub fn of_collection(collection: &Collection, query: &Query) -> Overview {
        let dates: Vec<Option<ArticleDate>> =
            collection.articles.iter().map(|a| a.date.clone()).collect();
        let index = Index::of(&collection.articles);
        Overview::of(
            Source {
                articles: &collection.articles,
                dates: &dates,
                index: &index,
                files: &collection.files,
            },
            query,
        )
    }
}

/// The articles a bar narrows the list to, in reading order.
pub fn narrow(source: Source<'_>, narrow: &Narrow) -> Vec<usize> {
    match narrow {
        Narrow::Span { start, end } => source
            .dates
            .iter()
            .enumerate()
            .filter(|(_, d)| {
                d.as_ref().is_some_and(|d| {
                    !d.value.starts_with('-')
                        && d.value.as_str() >= start.as_str()
                        && d.value.as_str() <= end.as_str()
                })
            })
            .map(|(i, _)| i)
            .collect(),
        Narrow::Name { key } => source
            .index
            .mentions_by_article(key)
            .into_iter()
            .map(|(a, _)| a)
            .collect(),
        Narrow::Pair { a, b } => {
            let b: Vec<usize> = source
                .index
                .mentions_by_article(b)
                .into_iter()
                .map(|(i, _)| i)
                .collect();
            source
                .index
                .mentions_by_article(a)
                .into_iter()
                .map(|(i, _)| i)
                .filter(|i| b.binary_search(i).is_ok())
                .collect()
        }
    }
}
