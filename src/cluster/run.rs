//! The stages driven on one machine: in order, or on a front end's pool of threads.
//!
//! `folio` runs the same cut a cluster job runs, on the cores it has: files are signed
//! independently, components merged independently, articles tagged independently, and
//! [`Pool::map`] keeps every result in its input's place, so the collection is the same
//! whatever the pool (a test compares `folio --jobs 1`, `2` and `4` byte for byte, and
//! `tests/cluster.rs` compares this with the [`Builder`](crate::Builder)). The core owns no
//! threads: a front end brings its pool (the CLI's is rayon's) through [`Pool`].

use rustc_hash::FxHashMap;

use super::{
    collect, components, merge, sign, split, Body, Key, Member, MergeError, Oversized, Signed,
};
use crate::model::Collection;
use crate::Options;

/// How a front end runs independent tasks: each item mapped, the results in the items' order.
pub trait Pool: Sync {
    /// `f` of every item, in the items' order, on whatever threads the pool has.
    fn map<T, U, F>(&self, items: Vec<T>, f: F) -> Vec<U>
    where
        T: Send,
        U: Send,
        F: Fn(T) -> U + Sync + Send;
}

/// One thread, in order: the pool of a front end without threads (the page's worker, Python).
#[derive(Clone, Copy, Debug, Default)]
pub struct InOrder;

impl Pool for InOrder {
    fn map<T, U, F>(&self, items: Vec<T>, f: F) -> Vec<U>
    where
        T: Send,
        U: Send,
        F: Fn(T) -> U + Sync + Send,
    {
        items.into_iter().map(f).collect()
    }
}

/// The whole pass on one machine, cut as a cluster cuts it: what a job's output must equal,
/// and the reference its test compares both with. The collection is tagged if
/// `options.entities` (and the library has its model built in), as the builder's is.
pub fn run(files: Vec<(String, Vec<u8>)>, options: &Options) -> Collection {
    run_guarded(files, options, usize::MAX).0
}

/// [`run`] with the merge stage's guard at `max` articles a component ([`split`]), and the
/// guard's report of every component above it. The collection is the same whatever `max`.
pub fn run_guarded(
    files: Vec<(String, Vec<u8>)>,
    options: &Options,
    max: usize,
) -> (Collection, Vec<Oversized>) {
    let signed = InOrder.map(files, |(name, bytes)| sign(&name, bytes));
    build(signed, options, max, &InOrder)
}

/// The link, merge, order and tag stages over files already signed (in reading order), the
/// merges and the tagging on `pool`: [`run_guarded`] for a front end that signs its files
/// itself, on threads or as they arrive.
pub fn build<P: Pool>(
    signed: Vec<Signed>,
    options: &Options,
    max: usize,
    pool: &P,
) -> (Collection, Vec<Oversized>) {
    // Every article in reading order: how it is sent, its keys, its title line.
    let mut members: Vec<(Member<'_>, &[Key], usize)> = Vec::new();
    let mut unit_rows = Vec::new();
    let mut rows_before = 0;
    for file in &signed {
        for (unit, row, articles) in &file.units {
            let unit_no = unit_rows.len() as u32;
            unit_rows.push(rows_before + row);
            for (i, a) in articles.iter().enumerate() {
                let member = Member {
                    at: (unit_no, i as u32),
                    source: &unit.source,
                    meta: unit.meta.as_ref(),
                    body: Body::Lines(&a.packed),
                };
                members.push((member, &a.keys, a.line));
            }
        }
        rows_before += file.rows.len();
    }
    let keys: Vec<Vec<Key>> = members.iter().map(|m| m.1.to_vec()).collect();
    let component = components(&keys);
    let mut groups: FxHashMap<u32, Vec<usize>> = FxHashMap::default();
    for (i, c) in component.iter().enumerate() {
        groups.entry(*c).or_default().push(i);
    }
    let mut groups: Vec<Vec<usize>> = groups.into_values().collect();
    groups.sort_unstable();
    let done = pool.map(groups, |group| {
        let whole: Vec<Member<'_>> = group.iter().map(|&i| members[i].0).collect();
        let exact: Vec<u64> = group.iter().map(|&i| members[i].1[0].1).collect();
        let lines: Vec<usize> = group.iter().map(|&i| members[i].2).collect();
        let (sent, loaded) = split(&whole, &exact, &lines, max);
        let mut oversized = (whole.len() > max).then_some(Oversized {
            first: whole[0].at,
            articles: whole.len(),
            loaded,
            whole: false,
        });
        let one = match merge(sent, options.near_threshold) {
            Err(MergeError::NeedLines(_)) => {
                let o = oversized
                    .as_mut()
                    .expect("only a split component lacks lines");
                (o.loaded, o.whole) = (whole.len(), true);
                merge(whole, options.near_threshold)
            }
            other => other,
        };
        (one.expect("packed by sign"), oversized)
    });
    let (mut merged, mut report) = (Vec::with_capacity(done.len()), Vec::new());
    for (one, oversized) in done {
        merged.push(one);
        report.extend(oversized);
    }
    let rows = signed.iter().flat_map(|f| f.rows.clone()).collect();
    let collection = tagged(collect(merged, rows, &unit_rows), options.entities, pool);
    (collection, report)
}

/// The collection with every article tagged on `pool` and its index built, if `tag` (and the
/// library has its model built in), as [`crate::Builder::finish`] tags it.
#[cfg(feature = "embedded-model")]
fn tagged<P: Pool>(mut collection: Collection, tag: bool, pool: &P) -> Collection {
    if tag {
        let recognizer = crate::Recognizer::embedded();
        let articles = std::mem::take(&mut collection.articles);
        collection.articles = pool.map(articles, |mut a| {
            a.annotate(recognizer);
            a
        });
        collection.index_entities();
    }
    collection
}

/// Without a built-in model a front end tags with the one it loads.
#[cfg(not(feature = "embedded-model"))]
fn tagged<P: Pool>(collection: Collection, _tag: bool, _pool: &P) -> Collection {
    collection
}
