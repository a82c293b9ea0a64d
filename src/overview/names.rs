//! Who, where, what: the names most articles name, each with its mentions over the timeline;
//! and, for one chosen name, the names most often in the same articles.
//!
//! Names are the entity index's entries (aliases merged exactly as in the entity panel: by the
//! key each mention was resolved to in its article), so a bar's count is the number of
//! articles the panel's entry lists. The names that go with a chosen one are counted by
//! reading only the articles that name it: the cost is those articles' mentions, however many
//! names the collection holds.

use std::borrow::Cow;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::{Source, Timeline};
use crate::index::key_of;
use crate::model::Label;

/// The labels the overview ranks names of (numbers, dates and amounts are not names).
pub const NAME_LABELS: [Label; 4] = [Label::PER, Label::ORG, Label::LOC, Label::MISC];

/// One of the most named.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Name {
    /// The index entry's key.
    pub key: String,
    /// Its name, as the entity panel shows it.
    pub name: String,
    /// Its label.
    pub label: Label,
    /// Articles naming it: the bar's length.
    pub articles: usize,
    /// Its mentions in all.
    pub mentions: usize,
    /// Its mentions in each bar of the timeline.
    pub series: Vec<usize>,
}

/// How the names that go with a chosen one are ranked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Rank {
    /// By the articles naming both.
    #[default]
    Count,
    /// By lift: how much more often the two are named together than if they were named
    /// independently (`both × articles ÷ (one's × other's)`), among pairs named together in
    /// at least [`LIFT_FLOOR`] articles (one shared article says nothing).
    Lift,
}

/// The fewest articles a pair shares to be ranked by lift.
pub const LIFT_FLOOR: usize = 2;

/// A name that goes with the chosen one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pair {
    /// Its key.
    pub key: String,
    /// Its name.
    pub name: String,
    /// Its label.
    pub label: Label,
    /// Articles naming both.
    pub count: usize,
    /// Articles naming it.
    pub articles: usize,
    /// The pair's lift, to two decimals.
    pub lift: f64,
}

/// The names most often in the same articles as the chosen one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Together {
    /// The chosen name's key.
    pub key: String,
    /// Its name.
    pub name: String,
    /// Its label.
    pub label: Label,
    /// Articles naming it.
    pub articles: usize,
    /// How the pairs are ranked.
    pub rank: Rank,
    /// The pairs, best first.
    pub pairs: Vec<Pair>,
}

/// The `top` names of each label, most articles first, each with its series over `timeline`.
pub fn most_named(source: Source<'_>, timeline: &Timeline, top: usize) -> Vec<Name> {
    let mut names = Vec::new();
    for entries in source.index.most_named(&NAME_LABELS, top) {
        for entry in entries {
            let mut series = vec![0; timeline.bins.len()];
            for (a, n) in source.index.mentions_by_article(&entry.key) {
                if let Some(Some(bar)) = timeline.placed.get(a) {
                    series[*bar] += n;
                }
            }
            names.push(Name {
                articles: entry.articles.len(),
                key: entry.key,
                name: entry.name,
                label: entry.label,
                mentions: entry.mentions,
                series,
            });
        }
    }
    names
}

/// The key of the name most articles name (the first label's on a tie): the chosen name
/// until the reader chooses another.
pub fn most_named_of_all(names: &[Name]) -> Option<String> {
    let mut best: Option<&Name> = None;
    for name in names {
        if best.is_none_or(|b| name.articles > b.articles) {
            best = Some(name);
        }
    }
    best.map(|n| n.key.clone())
}

/// The `n` names most often named in the same articles as `key`, ranked as asked.
pub fn together(source: Source<'_>, key: &str, rank: Rank, n: usize) -> Option<Together> {
    let (label, reach) = source.index.label_and_reach(key)?;
    let entry = source.index.entry(key)?;
    // Each other key: the articles naming it beside `key`, and the last article counted (so
    // that an article naming it twice counts once, without a set per article).
    let mut counts: FxHashMap<Cow<'_, str>, (usize, usize)> = FxHashMap::default();
    for (a, _) in source.index.mentions_by_article(key) {
        let Some(article) = source.articles.get(a) else {
            continue;
        };
        // Every mention counts, whatever its own label, as the index counts it: a pair's count
        // is then exactly the articles both entries list.
        for e in article.blocks().flat_map(|b| &b.entities) {
            let other = key_of(e);
            if other == key {
                continue;
            }
            let (count, last) = counts.entry(other).or_insert((0, usize::MAX));
            if *last != a {
                *last = a;
                *count += 1;
            }
        }
    }
    let total = source.articles.len().max(1) as f64;
    let mut pairs: Vec<(Cow<'_, str>, Label, usize, usize, f64)> = counts
        .into_iter()
        .filter(|(_, (count, _))| rank == Rank::Count || *count >= LIFT_FLOOR)
        .filter_map(|(other, (count, _))| {
            let (label, articles) = source.index.label_and_reach(&other)?;
            if !NAME_LABELS.contains(&label) {
                return None;
            }
            let lift = count as f64 * total / (reach as f64 * articles as f64);
            let lift = (lift * 100.0).round() / 100.0;
            Some((other, label, count, articles, lift))
        })
        .collect();
    let order = |a: &(Cow<'_, str>, Label, usize, usize, f64),
                 b: &(Cow<'_, str>, Label, usize, usize, f64)| {
        let (first, second) = match rank {
            Rank::Count => (b.2.cmp(&a.2), b.4.total_cmp(&a.4)),
            Rank::Lift => (b.4.total_cmp(&a.4), b.2.cmp(&a.2)),
        };
        first.then(second).then(a.0.cmp(&b.0))
    };
    // The best `n` selected, then only they sorted: tens of thousands of names may share an
    // article with a name named everywhere.
    if pairs.len() > n {
        pairs.select_nth_unstable_by(n, order);
        pairs.truncate(n);
    }
    pairs.sort_by(order);
    let pairs = pairs
        .into_iter()
        .filter_map(|(key, label, count, articles, lift)| {
            let name = source.index.entry(&key)?.name;
            Some(Pair {
                key: key.into_owned(),
                name,
                label,
                count,
                articles,
                lift,
            })
        })
        .collect();
    Some(Together {
        key: key.to_owned(),
        name: entry.name,
        label,
        articles: reach,
        rank,
        pairs,
    })
}
