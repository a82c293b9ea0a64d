//! Folio's pass cut where an engine past one machine cuts it, so that a job over terabytes
//! (Spark, `crates/python` once it exists) gives exactly what `folio FILE...` gives.
//!
//! One machine reads files in order and merges each article into everything before it
//! (`dedup::Merger`). A cluster cannot: no task sees everything. But the
//! merger only ever compares an article with earlier *primary* articles that share its exact
//! text's key or one of its 64-bit LSH band keys (`link_keys`). So cut the collection into
//! the connected components of "shares a key" and each article meets, inside its component,
//! exactly the primaries it met on one machine — every primary holding one of its keys is
//! linked to it, hence in its component — in the same order, with the same bucket contents
//! (a band's bucket keeps the last primary with that key, and all of them are in the
//! component). Every decision is the same, so merging each component on its own in reading
//! order and putting the components' articles back in order of their first reading gives the
//! single machine's articles: sources, variants and removed lines included.
//!
//! The stages, as a job runs them:
//! 1. **sign** (map, per file): [`sign`] reads a file as the builder does (archives,
//!    structured dumps, decoding) into its units and each unit's articles' keys;
//! 2. **link** (shuffle by key, then one union-find): [`components`];
//! 3. **merge** (per component): [`merge`], in reading order;
//! 4. **order**: [`collect`], by each article's first reading.
//!
//! Entities are tagged per article afterwards; tagging reads one article at a time, so it
//! needs no cut.

use rustc_hash::FxHashMap;

pub use crate::builder::Unit;
use crate::builder::{annotated, read, stats_of};
use crate::dedup::{self, Clean, Merger, Outcome};
use crate::minhash::Shingler;
use crate::model::{Article, Collection, FileInfo};
use crate::segment;
use crate::Options;

/// What links an article to the articles `Merger::add` could compare it with: its exact
/// text's key, tagged [`EXACT`], then its body signature's band keys, tagged with their band
/// (none if the body has no words). Two articles can only become copies, exact or near, of
/// one another if they share one of these, directly or through a chain of primaries: the
/// merger looks a text up by its exact key and a body by its band keys, and by nothing else.
fn link_keys(shingler: &mut Shingler, article: &Clean<'_>) -> Vec<(u8, u64)> {
    let mut keys = vec![(EXACT, dedup::exact_key(article))];
    if let Some(sig) = dedup::body_signature(shingler, article) {
        keys.extend((0u8..).zip(sig.keys));
    }
    keys
}

/// The tag of an exact-text [`Key`] (band keys are tagged with their band, 0 to 15).
pub const EXACT: u8 = 255;

/// Where an article was read: its unit's place in reading order (across every file) and its
/// place within the unit. Ordering these orders articles as one machine reads them.
pub type At = (u32, u32);

/// A key that links articles: a tag ([`EXACT`] for exact text, else the LSH band) and
/// the 64-bit value.
pub type Key = (u8, u64);

/// One file as the sign stage leaves it: its row and its units (texts the merge reads), each
/// with its articles' keys, in reading order.
#[derive(Clone, Debug)]
pub struct Signed {
    /// What the file row says before articles are counted (its error, if it failed).
    pub rows: Vec<FileInfo>,
    /// The file's units, each with the place of its row in `rows` and every article's keys.
    pub units: Vec<(Unit, usize, Vec<Vec<Key>>)>,
}

/// The sign stage: reads file `name` as [`Builder::add`](crate::Builder::add) would and signs
/// each article of it.
pub fn sign(name: &str, bytes: Vec<u8>) -> Signed {
    let mut signed = Signed {
        rows: Vec::new(),
        units: Vec::new(),
    };
    let mut shingler = Shingler::default();
    let whole = read(name, bytes.clone(), &mut |file, size, got| match got {
        Ok((row, units)) => {
            signed.rows.push(row);
            for unit in units {
                let keys = keys_of(&mut shingler, &unit.text);
                signed.units.push((unit, signed.rows.len() - 1, keys));
            }
        }
        Err(kind) => signed.rows.push(failed(file, size, kind)),
    });
    if let Err(kind) = whole {
        signed.rows.push(failed(name, bytes.len() as u64, kind));
    }
    signed
}

fn failed(name: &str, size: u64, kind: crate::FileErrorKind) -> FileInfo {
    let error = crate::FileError {
        name: name.to_owned(),
        kind,
    };
    FileInfo::failed(name, size as usize, error.to_string())
}

/// Every article's keys in one text, in reading order.
fn keys_of(shingler: &mut Shingler, text: &str) -> Vec<Vec<Key>> {
    let mut articles = segment::articles(text);
    let (mut raw, mut clean) = Default::default();
    let mut keys = Vec::new();
    while articles.next_into(&mut raw) {
        dedup::clean_into(&raw, &mut clean);
        keys.push(link_keys(shingler, &clean));
    }
    keys
}

/// The link stage: each article's component, named by its first article in reading order
/// (articles given in reading order, each with its keys). A union-find over "shares a key",
/// each key linking its articles to the first that had it — the star edges a shuffle by key
/// gives.
pub fn components(keys: &[Vec<Key>]) -> Vec<u32> {
    let mut parent: Vec<u32> = (0..keys.len() as u32).collect();
    fn root(parent: &mut [u32], mut i: u32) -> u32 {
        while parent[i as usize] != i {
            let up = parent[parent[i as usize] as usize];
            parent[i as usize] = up;
            i = up;
        }
        i
    }
    let mut first: FxHashMap<Key, u32> = FxHashMap::default();
    for (i, ks) in keys.iter().enumerate() {
        for &k in ks {
            let f = *first.entry(k).or_insert(i as u32);
            let (a, b) = (root(&mut parent, f), root(&mut parent, i as u32));
            // The smaller index is the root, so a component is named by its first article.
            if a != b {
                let (lo, hi) = (a.min(b), a.max(b));
                parent[hi as usize] = lo;
            }
        }
    }
    (0..keys.len() as u32)
        .map(|i| root(&mut parent, i))
        .collect()
}

/// What the merge stage makes of one component.
#[derive(Clone, Debug, Default)]
pub struct Merged {
    /// The component's articles, each with the reading place of its first copy.
    pub articles: Vec<(At, Article)>,
    /// Articles that were exact copies of one of these.
    pub duplicates: usize,
    /// Articles kept as variants of one of these.
    pub variants: usize,
}

/// The merge stage for one component: its articles, in reading order, each given as its unit
/// and its place in the unit.
pub fn merge<'u>(members: impl IntoIterator<Item = (At, &'u Unit)>, near_threshold: f32) -> Merged {
    let mut merged = Merged::default();
    let mut merger = Merger::new(near_threshold);
    let mut firsts = Vec::new();
    // The unit being read and how far: members come in reading order, so a unit's articles
    // come one after another and its text is segmented once.
    let mut current: Option<(u32, &Unit, segment::Articles<'u>, u32)> = None;
    let (mut raw, mut clean) = Default::default();
    for (at, unit) in members {
        if current.as_ref().is_none_or(|c| c.0 != at.0 || c.3 > at.1) {
            current = Some((at.0, unit, segment::articles(&unit.text), 0));
        }
        let (_, unit, articles, next) = current.as_mut().expect("set above");
        while *next <= at.1 {
            assert!(
                articles.next_into(&mut raw),
                "unit {} has no article {}",
                at.0,
                at.1
            );
            *next += 1;
        }
        dedup::clean_into(&raw, &mut clean);
        let index = match merger.add(&clean, &unit.source, &unit.text) {
            Outcome::New(i) => {
                firsts.push(at);
                i
            }
            Outcome::Duplicate(i) => {
                merged.duplicates += 1;
                i
            }
            Outcome::Variant(i) => {
                merged.variants += 1;
                i
            }
        };
        if let Some(meta) = &unit.meta {
            merger.set_meta(index, meta);
        }
    }
    merged.articles = firsts.into_iter().zip(merger.finish()).collect();
    merged
}

/// The order stage: every component's articles in order of their first reading, as one
/// machine lists them, and the files' rows with the articles first read in each (`unit_rows`:
/// each unit's row in `rows`), as a collection (untagged).
pub fn collect(
    components: impl IntoIterator<Item = Merged>,
    mut rows: Vec<FileInfo>,
    unit_rows: &[usize],
) -> Collection {
    let (mut all, mut duplicates, mut variants) = (Vec::new(), 0, 0);
    for c in components {
        all.extend(c.articles);
        duplicates += c.duplicates;
        variants += c.variants;
    }
    all.sort_by_key(|(at, _)| *at);
    for ((unit, _), _) in &all {
        rows[unit_rows[*unit as usize]].articles += 1;
    }
    let articles: Vec<Article> = all.into_iter().map(|(_, a)| a).collect();
    let stats = stats_of(&articles, &rows, duplicates, variants);
    Collection {
        articles,
        files: rows,
        stats,
        entities: Vec::new(),
    }
}

/// The whole pass on one machine, cut as a cluster cuts it: what a job's output must equal,
/// and the reference its test compares both with. The collection is tagged if
/// `options.entities` (and the library has its model built in), as the builder's is.
pub fn run(files: Vec<(String, Vec<u8>)>, options: &Options) -> Collection {
    let signed: Vec<Signed> = files
        .into_iter()
        .map(|(name, bytes)| sign(&name, bytes))
        .collect();
    let mut places: Vec<(At, &Unit)> = Vec::new();
    let mut keys: Vec<Vec<Key>> = Vec::new();
    let mut unit_rows = Vec::new();
    let mut rows_before = 0;
    for file in &signed {
        for (unit, row, articles) in &file.units {
            let unit_no = unit_rows.len() as u32;
            unit_rows.push(rows_before + row);
            for (i, k) in articles.iter().enumerate() {
                places.push(((unit_no, i as u32), unit));
                keys.push(k.clone());
            }
        }
        rows_before += file.rows.len();
    }
    let component = components(&keys);
    let mut groups: FxHashMap<u32, Vec<(At, &Unit)>> = FxHashMap::default();
    for (place, c) in places.iter().zip(&component) {
        groups.entry(*c).or_default().push(*place);
    }
    let merged: Vec<Merged> = groups
        .into_values()
        .map(|members| merge(members, options.near_threshold))
        .collect();
    let rows = signed.iter().flat_map(|f| f.rows.clone()).collect();
    annotated(collect(merged, rows, &unit_rows), options.entities)
}
