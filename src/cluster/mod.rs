//! Folio's pass cut where an engine past one machine cuts it, so that a job over terabytes
//! (Spark, through the Python wheel of `crates/python`) gives exactly what `folio FILE...`
//! gives.
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
//! 3. **merge** (per component): [`merge`], in reading order. A component of more articles
//!    than a task should hold (boilerplate pages copied across a whole archive) is first
//!    split by exact copies ([`split`]): each text travels once, its later exact copies as
//!    their place and title line only, which is all a duplicate of a kept article adds to
//!    it. Should the first of a text not be kept (it became a variant, so its copies need
//!    the near check), the component is merged whole; either way it is reported
//!    ([`Oversized`], [`run_guarded`]);
//! 4. **order**: [`collect`], by each article's first reading.
//!
//! Entities are tagged per article afterwards; tagging reads one article at a time, so it
//! needs no cut.

mod run;

use std::sync::Arc;

use rustc_hash::FxHashMap;

pub use run::{build, run, run_guarded, InOrder, Pool};

pub use crate::builder::Unit;
use crate::builder::{read, stats_of};
use crate::dedup::{self, Clean, Merger, Outcome};
use crate::minhash::Shingler;
use crate::model::{Article, Collection, FileInfo, Meta};
use crate::segment::{self, Line, RawArticle};

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
    /// The file's units, each with the place of its row in `rows` and every article, signed.
    pub units: Vec<(Unit, usize, Vec<SignedArticle>)>,
}

/// One article as the sign stage leaves it: the keys that link it, and its raw lines packed
/// to travel to the merge stage alone (its unit's text stays behind).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedArticle {
    /// Its exact text's key, then its band keys.
    pub keys: Vec<Key>,
    /// Its title's line in its file: all that an exact copy of a kept article adds to it
    /// (the line of the copy it removed), so a split component sends copies without lines.
    pub line: usize,
    /// Its lines.
    pub packed: Packed,
}

/// An article's raw lines, as segmentation found them, owned: `lines` joined by `\n` (a line
/// never holds one) in the order header, body, separators; `shape` the counts of each, then
/// the body's paragraph starts, then every line's number in its file. Cleaning it gives what
/// cleaning the article in its file gives, removed lines' numbers included.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Packed {
    /// The lines' text.
    pub lines: String,
    /// Counts, paragraph starts and line numbers.
    pub shape: Vec<u64>,
}

impl Packed {
    /// Packs a raw article.
    pub fn new(raw: &RawArticle<'_>) -> Packed {
        let all = || raw.header.iter().chain(&raw.body).chain(&raw.separators);
        let mut lines = String::new();
        for (i, l) in all().enumerate() {
            if i > 0 {
                lines.push('\n');
            }
            lines.push_str(l.text);
        }
        let mut shape = vec![
            raw.header.len() as u64,
            raw.body.len() as u64,
            raw.separators.len() as u64,
            raw.starts.len() as u64,
        ];
        shape.extend(raw.starts.iter().map(|&s| s as u64));
        shape.extend(all().map(|l| l.no as u64));
        Packed { lines, shape }
    }

    /// The raw article again, borrowing these lines; `None` if the shape does not fit them.
    pub fn raw(&self) -> Option<RawArticle<'_>> {
        unpack(&self.lines, &self.shape)
    }
}

/// A [`Packed`] article's raw article from its `lines` and `shape`.
fn unpack<'a>(lines: &'a str, shape: &[u64]) -> Option<RawArticle<'a>> {
    let [h, b, s, p] = *shape.get(..4)? else {
        return None;
    };
    let (h, b, s, p) = (h as usize, b as usize, s as usize, p as usize);
    let n = h.checked_add(b)?.checked_add(s)?;
    let starts = shape.get(4..4 + p)?;
    let numbers = shape.get(4 + p..)?;
    let texts: Vec<&str> = if n == 0 {
        Vec::new()
    } else {
        lines.split('\n').collect()
    };
    if texts.len() != n || numbers.len() != n || starts.iter().any(|&x| x as usize >= b.max(1)) {
        return None;
    }
    let mut lines = texts.into_iter().zip(numbers).map(|(text, &no)| Line {
        text,
        no: no as usize,
    });
    Some(RawArticle {
        header: lines.by_ref().take(h).collect(),
        body: lines.by_ref().take(b).collect(),
        starts: starts.iter().map(|&x| x as usize).collect(),
        separators: lines.collect(),
    })
}

/// The sign stage: reads file `name` as [`Builder::add`](crate::Builder::add) would and signs
/// each article of it.
pub fn sign(name: &str, bytes: Vec<u8>) -> Signed {
    let mut signed = Signed {
        rows: Vec::new(),
        units: Vec::new(),
    };
    let mut shingler = Shingler::default();
    let size = bytes.len() as u64;
    let whole = read(name, bytes, &mut |file, size, got| match got {
        Ok((row, units)) => {
            signed.rows.push(row);
            for mut unit in units {
                let articles = sign_text(&mut shingler, &unit.text);
                // Each article's lines travel packed; the unit's text is not read again, and
                // holding it beside them would keep every file twice until the merge.
                unit.text = Arc::default();
                signed.units.push((unit, signed.rows.len() - 1, articles));
            }
        }
        Err(kind) => signed.rows.push(failed(file, size, kind)),
    });
    if let Err(kind) = whole {
        signed.rows.push(failed(name, size, kind));
    }
    signed
}

impl Signed {
    /// A file that could not be read at all (missing, a directory): its row, as
    /// [`Builder::fail`](crate::Builder::fail) writes it, and no unit.
    pub fn failed(name: &str, size: u64, kind: crate::FileErrorKind) -> Signed {
        Signed {
            rows: vec![failed(name, size, kind)],
            units: Vec::new(),
        }
    }
}

fn failed(name: &str, size: u64, kind: crate::FileErrorKind) -> FileInfo {
    let error = crate::FileError {
        name: name.to_owned(),
        kind,
    };
    FileInfo::failed(name, size as usize, error.to_string())
}

/// Every article of one text, signed, in reading order.
fn sign_text(shingler: &mut Shingler, text: &str) -> Vec<SignedArticle> {
    let mut articles = segment::articles(text);
    let (mut raw, mut clean) = Default::default();
    let mut signed = Vec::new();
    while articles.next_into(&mut raw) {
        dedup::clean_into(&raw, &mut clean);
        signed.push(SignedArticle {
            keys: link_keys(shingler, &clean),
            line: clean.line,
            packed: Packed::new(&raw),
        });
    }
    signed
}

/// The link stage: each article's component, named by its first article in reading order
/// (articles given in reading order, each with its keys). A union-find over "shares a key",
/// each key linking its articles to the first that had it — the star edges a shuffle by key
/// gives.
pub fn components(keys: &[Vec<Key>]) -> Vec<u32> {
    let mut first: FxHashMap<Key, u32> = FxHashMap::default();
    let mut edges = Vec::new();
    for (i, ks) in keys.iter().enumerate() {
        for &k in ks {
            edges.push((*first.entry(link_key(k)).or_insert(i as u32), i as u32));
        }
    }
    link(keys.len(), &edges)
}

/// What articles are linked by: the exact-text map and the LSH index are apart, but the index
/// keeps every band's keys in one table, so band keys link by value whatever their band.
pub fn link_key((tag, value): Key) -> Key {
    (if tag == EXACT { EXACT } else { 0 }, value)
}

/// The union-find of the link stage: the component of each of `n` articles (named by its
/// first article in reading order) from edges between articles, such as the star edges
/// from each key's first article to the others that a job's shuffle by key gives.
pub fn link(n: usize, edges: &[(u32, u32)]) -> Vec<u32> {
    let mut parent: Vec<u32> = (0..n as u32).collect();
    fn root(parent: &mut [u32], mut i: u32) -> u32 {
        while parent[i as usize] != i {
            let up = parent[parent[i as usize] as usize];
            parent[i as usize] = up;
            i = up;
        }
        i
    }
    for &(x, y) in edges {
        let (a, b) = (root(&mut parent, x), root(&mut parent, y));
        // The smaller index is the root, so a component is named by its first article.
        if a != b {
            parent[a.max(b) as usize] = a.min(b);
        }
    }
    (0..n as u32).map(|i| root(&mut parent, i)).collect()
}

/// Dates `articles` in place, given with their places in reading order (`places`, ascending)
/// and with every other article of each of their files (the files their first sources name):
/// the dates [`assemble`] gives them, for a job that writes its articles from its executors.
pub fn date(places: &[usize], articles: &mut [Article]) {
    let dates = crate::dates::dates_at(places, articles);
    for (article, date) in articles.iter_mut().zip(dates) {
        article.date = date;
    }
}

/// What of `article` its date is read from, and nothing more: its meta, its first source
/// and the first lines of its captions and paragraphs. [`date`] gives a stub the article's
/// date, so a job can send stubs, not articles, to the task that dates a file.
pub fn date_stub(article: &Article) -> Article {
    let mut lines = crate::dates::FIRST_LINES;
    let mut first = |blocks: &[crate::model::Block]| -> Vec<crate::model::Block> {
        let mut kept = Vec::new();
        for block in blocks {
            if lines == 0 {
                break;
            }
            let text: Vec<&str> = block.text.as_str().lines().take(lines).collect();
            lines -= text.len();
            kept.push(crate::model::Block::new(text.join("\n")));
        }
        kept
    };
    let captions = first(&article.captions);
    let paragraphs = first(&article.paragraphs);
    Article {
        title: crate::model::Block::new(""),
        title_derived: false,
        captions,
        paragraphs,
        sources: article.sources.iter().take(1).cloned().collect(),
        variants: Vec::new(),
        removed: Vec::new(),
        meta: article.meta.clone(),
        date: None,
    }
}

/// A collection from a job's outputs: the merged `articles` in reading order (tagged or
/// not), every file's row with its article count, and the number of exact copies and
/// variants merged. Dates the articles, builds the totals and, for tagged articles, the entity
/// index, as [`Builder::finish`](crate::Builder::finish) does.
pub fn assemble(
    mut articles: Vec<Article>,
    files: Vec<FileInfo>,
    duplicates: usize,
    variants: usize,
    tagged: bool,
) -> Collection {
    crate::dates::date_all(&mut articles);
    let stats = stats_of(&articles, &files, duplicates, variants);
    let mut collection = Collection {
        articles,
        files,
        stats,
        entities: Vec::new(),
    };
    if tagged {
        collection.index_entities();
    }
    collection
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

/// One article given to the merge stage.
#[derive(Clone, Copy, Debug)]
pub struct Member<'a> {
    /// Where it was read.
    pub at: At,
    /// The name its unit's articles cite.
    pub source: &'a Arc<str>,
    /// What a structured dump's record said of it.
    pub meta: Option<&'a Meta>,
    /// Its lines, or the article it is an exact copy of.
    pub body: Body<'a>,
}

/// What the merge stage reads of an article.
#[derive(Clone, Copy, Debug)]
pub enum Body<'a> {
    /// Its lines.
    Lines(&'a Packed),
    /// An exact copy, sent without its lines, of the component's article read at `of`: the
    /// first in reading order with its exact text. `line` is the copy's title line in its
    /// file ([`SignedArticle::line`]). If that first article is kept as a new one, the
    /// merger makes the copy a duplicate of it, which adds only the copy's source, line and
    /// meta; so the lines are not needed. If it is not (it became a variant), the copy needs
    /// the near check and its lines: [`MergeError::NeedLines`].
    CopyOf {
        /// Where the first article with this exact text was read.
        of: At,
        /// The copy's title line in its file.
        line: usize,
    },
}

/// Why the merge stage could not merge a component.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MergeError {
    /// The article read here has a packed shape that does not fit its lines.
    Shape(At),
    /// These copies were sent without their lines, but the first article with their text
    /// was not kept as a new one: the component must be merged with their lines.
    NeedLines(Vec<At>),
}

impl std::fmt::Display for MergeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MergeError::Shape(at) => write!(f, "article {at:?}: its shape does not fit its lines"),
            MergeError::NeedLines(ats) => write!(
                f,
                "{} copies sent without lines copy an article that was not kept",
                ats.len()
            ),
        }
    }
}

impl std::error::Error for MergeError {}

/// The merge stage for one component: its articles, in reading order.
pub fn merge<'a>(
    members: impl IntoIterator<Item = Member<'a>>,
    near_threshold: f32,
) -> Result<Merged, MergeError> {
    let mut merged = Merged::default();
    let mut members = members.into_iter().peekable();
    // A component of one article (most of them, in news without copies) has nothing to
    // compare: the article is kept as the merger would keep it, without signing it again.
    if let Some(&Member {
        at,
        source,
        meta,
        body: Body::Lines(packed),
    }) = members.peek()
    {
        let first = members.next().expect("peeked");
        if members.peek().is_none() {
            let file = Arc::new(packed.lines.clone());
            let raw = unpack(&file, &packed.shape).ok_or(MergeError::Shape(at))?;
            let mut clean = Clean::default();
            dedup::clean_into(&raw, &mut clean);
            let mut article = clean.to_article(source, &file);
            if let Some(meta) = meta.filter(|m| **m != Meta::default()) {
                article.meta = Some(meta.clone());
            }
            merged.articles.push((at, article));
            return Ok(merged);
        }
        return merge_all(std::iter::once(first).chain(members), near_threshold);
    }
    merge_all(members, near_threshold)
}

/// [`merge`] of a component of any size, through the merger.
fn merge_all<'a>(
    members: impl IntoIterator<Item = Member<'a>>,
    near_threshold: f32,
) -> Result<Merged, MergeError> {
    let mut merged = Merged::default();
    let mut merger = Merger::new(near_threshold);
    let mut firsts = Vec::new();
    // Articles kept as new ones, by where they were read: what a copy without lines reads.
    let mut kept: FxHashMap<At, (&'a Packed, Arc<String>)> = FxHashMap::default();
    let mut need = Vec::new();
    for m in members {
        let (packed, file, line) = match m.body {
            // The article's lines are its own small text, which kept articles share.
            Body::Lines(packed) => (packed, Arc::new(packed.lines.clone()), None),
            Body::CopyOf { of, line } => match kept.get(&of) {
                Some((packed, file)) => (*packed, Arc::clone(file), Some(line)),
                None => {
                    need.push(m.at);
                    continue;
                }
            },
        };
        let raw = unpack(&file, &packed.shape).ok_or(MergeError::Shape(m.at))?;
        let mut clean = Clean::default();
        dedup::clean_into(&raw, &mut clean);
        if let Some(line) = line {
            // The first article's text is the copy's: only the line differs.
            clean.line = line;
        }
        let index = match merger.add(&clean, m.source, &file) {
            Outcome::New(i) => {
                firsts.push(m.at);
                kept.insert(m.at, (packed, file));
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
        if let Some(meta) = m.meta {
            merger.set_meta(index, meta);
        }
    }
    if !need.is_empty() {
        return Err(MergeError::NeedLines(need));
    }
    merged.articles = firsts.into_iter().zip(merger.finish()).collect();
    Ok(merged)
}

/// The guard on the merge stage's task size: a component of more than `max` articles is
/// split by exact copies first — every article whose exact text an earlier one of the
/// component had is sent as a [`Body::CopyOf`] that first one, without its lines — so a task
/// loads each text once. `exact` is each member's exact key ([`EXACT`]), `lines` each
/// member's [`SignedArticle::line`].
///
/// Returns the members to send, and the number of them sent with their lines; unchanged for
/// a component within the guard.
pub fn split<'a>(
    members: &[Member<'a>],
    exact: &[u64],
    lines: &[usize],
    max: usize,
) -> (Vec<Member<'a>>, usize) {
    if members.len() <= max {
        return (members.to_vec(), members.len());
    }
    let mut first: FxHashMap<u64, At> = FxHashMap::default();
    let mut loaded = 0;
    let sent = members
        .iter()
        .zip(exact)
        .zip(lines)
        .map(|((m, key), &line)| match first.get(key) {
            Some(&of) => Member {
                body: Body::CopyOf { of, line },
                ..*m
            },
            None => {
                first.insert(*key, m.at);
                loaded += 1;
                *m
            }
        })
        .collect();
    (sent, loaded)
}

/// A component larger than the guard's size, as the guard reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Oversized {
    /// Where its first article was read (the component's name).
    pub first: At,
    /// Its articles.
    pub articles: usize,
    /// The articles one task loaded with their lines: its distinct texts when the split held,
    /// every article when it did not.
    pub loaded: usize,
    /// Whether it had to be merged whole: a copy of a text whose first article became a
    /// variant needs its own lines ([`MergeError::NeedLines`]).
    pub whole: bool,
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
    let articles = all.into_iter().map(|(_, a)| a).collect();
    assemble(articles, rows, duplicates, variants, false)
}
