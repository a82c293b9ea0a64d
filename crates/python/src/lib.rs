//! Folio's core as a Python module (`folio._folio`, wrapped by `python/folio/__init__.py`),
//! for jobs that run past one machine: the stages of `folio::cluster` — sign a file, link
//! articles into components, merge a component, tag an article — as functions a PySpark job
//! calls inside its tasks, plus the whole pass on one machine to compare a job with.
//!
//! Values cross as Python's own (str, bytes, int, tuples, lists) and articles and rows as the
//! JSON `folio` writes, so a job's output is `folio`'s by construction. Keys are 64-bit
//! unsigned integers; Spark's `LongType` is signed, so the Spark module reinterprets them.

mod arrow;

use std::sync::Arc;

use folio::cluster::{self, At, Body, Key, Member, Packed};
use folio::{Article, Meta, Options, Recognizer};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

pub(crate) fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("Folio's values serialise")
}

pub(crate) fn bad(err: impl std::fmt::Display) -> PyErr {
    PyValueError::new_err(err.to_string())
}

/// Reads file `name` (its bytes `data`) as `folio` reads one — archives opened, structured
/// dumps read into records, text decoded — and signs every article.
///
/// Returns a dict: `rows`, the file's rows as JSON (one a member for an archive), and `units`,
/// each a dict with `source`, `meta` (JSON or None), `row` (its row's place in `rows`) and
/// `articles`: for each article of the unit in reading order, a dict of its `keys` (`(tag,
/// key)` pairs: tag 255 the exact text, 0-15 an LSH band) and its raw lines packed for the
/// merge (`lines`, `shape`).
#[pyfunction]
fn sign<'py>(py: Python<'py>, name: &str, data: &[u8]) -> PyResult<Bound<'py, PyDict>> {
    let signed = py.detach(|| cluster::sign(name, data.to_vec()));
    let out = PyDict::new(py);
    let rows: Vec<String> = signed.rows.iter().map(json).collect();
    out.set_item("rows", rows)?;
    let mut units = Vec::with_capacity(signed.units.len());
    for (unit, row, signed) in &signed.units {
        let u = PyDict::new(py);
        u.set_item("source", &*unit.source)?;
        u.set_item("meta", unit.meta.as_ref().map(json))?;
        u.set_item("row", row)?;
        let mut articles = Vec::with_capacity(signed.len());
        for a in signed {
            let d = PyDict::new(py);
            d.set_item("keys", &a.keys)?;
            d.set_item("line", a.line)?;
            d.set_item("lines", a.packed.lines.as_str())?;
            d.set_item("shape", &a.packed.shape)?;
            articles.push(d);
        }
        u.set_item("articles", articles)?;
        units.push(u);
    }
    out.set_item("units", units)?;
    Ok(out)
}

/// Each article's component, named by its first article: `keys` holds every article's
/// `(tag, key)` pairs in reading order (a union-find over "shares a key").
#[pyfunction]
fn components(py: Python<'_>, keys: Vec<Vec<Key>>) -> Vec<u32> {
    py.detach(|| cluster::components(&keys))
}

/// The union-find of the link stage: each of `n` articles' component (named by its first
/// article in reading order) from `edges` between article numbers, such as the star edges
/// from each key's first article to the others.
#[pyfunction]
fn link(py: Python<'_>, n: usize, edges: Vec<(u32, u32)>) -> Vec<u32> {
    py.detach(|| cluster::link(n, &edges))
}

/// A collection's JSON from a job's outputs: the merged articles' JSON in reading order
/// (tagged if `tagged`), every file row's JSON with its article count, and how many exact
/// copies and variants were merged; the totals and the entity index are built here.
#[pyfunction]
#[pyo3(signature = (articles, files, duplicates, variants, tagged = true))]
fn assemble(
    py: Python<'_>,
    articles: Vec<String>,
    files: Vec<String>,
    duplicates: usize,
    variants: usize,
    tagged: bool,
) -> PyResult<String> {
    let articles: Vec<Article> = articles
        .iter()
        .map(|a| serde_json::from_str(a))
        .collect::<Result<_, _>>()
        .map_err(bad)?;
    let files: Vec<folio::FileInfo> = files
        .iter()
        .map(|f| serde_json::from_str(f))
        .collect::<Result<_, _>>()
        .map_err(bad)?;
    Ok(py.detach(|| {
        json(&cluster::assemble(
            articles, files, duplicates, variants, tagged,
        ))
    }))
}

/// Merges one component: `members` are its articles in reading order, each
/// `((unit, article), source, lines, shape, meta)` — the article's place (its unit's place in
/// reading order across every file, and the article's in the unit), its unit's source, its
/// packed lines as `sign` gave them, and its unit's meta.
///
/// Returns `(articles, duplicates, variants)`: each article as `(unit, article, json)` with the
/// place of its first copy, and how many articles were exact copies and kept variants.
#[pyfunction]
#[pyo3(signature = (members, near_threshold = 0.8))]
#[allow(clippy::type_complexity)]
fn merge(
    py: Python<'_>,
    members: Vec<(At, String, String, Vec<u64>, Option<String>)>,
    near_threshold: f32,
) -> PyResult<(Vec<(u32, u32, String)>, usize, usize)> {
    let mut owned = Vec::with_capacity(members.len());
    for (at, source, lines, shape, meta) in members {
        let meta: Option<Meta> = meta
            .map(|m| serde_json::from_str(&m))
            .transpose()
            .map_err(bad)?;
        let source: Arc<str> = source.into();
        owned.push((at, source, meta, Packed { lines, shape }));
    }
    let merged = py.detach(|| {
        cluster::merge(
            owned.iter().map(|(at, source, meta, article)| Member {
                at: *at,
                source,
                meta: meta.as_ref(),
                body: Body::Lines(article),
            }),
            near_threshold,
        )
    });
    let merged = merged.map_err(bad)?;
    let articles = merged
        .articles
        .iter()
        .map(|(at, a)| (at.0, at.1, json(a)))
        .collect();
    Ok((articles, merged.duplicates, merged.variants))
}

/// Tags an article (its JSON, as `merge` gives it) with the built-in model: its blocks' and
/// its variants' entities. Returns the tagged article's JSON.
#[pyfunction]
fn tag(py: Python<'_>, article: &str) -> PyResult<String> {
    let mut article: Article = serde_json::from_str(article).map_err(bad)?;
    py.detach(|| article.annotate(Recognizer::embedded()));
    Ok(json(&article))
}

/// The entities of one text: `(label, start, end, text)` with offsets in characters.
#[pyfunction]
fn annotate(py: Python<'_>, text: &str) -> Vec<(String, usize, usize, String)> {
    py.detach(|| folio::annotate(text))
        .into_iter()
        .map(|e| (e.label.as_str().to_owned(), e.start, e.end, e.text))
        .collect()
}

fn options(entities: bool, near_threshold: f32) -> Options {
    Options {
        entities,
        near_threshold,
    }
}

/// The whole pass on one machine as `folio FILE...` makes it: `files` as `(name, bytes)` in
/// reading order. Returns the collection's JSON.
#[pyfunction]
#[pyo3(signature = (files, entities = true, near_threshold = 0.8))]
fn process(
    py: Python<'_>,
    files: Vec<(String, Vec<u8>)>,
    entities: bool,
    near_threshold: f32,
) -> String {
    py.detach(|| json(&folio::process(files, &options(entities, near_threshold))))
}

/// The same pass cut as a cluster cuts it (sign, link, merge each component, reorder):
/// equal to `process` for the same files. Returns the collection's JSON.
#[pyfunction]
#[pyo3(signature = (files, entities = true, near_threshold = 0.8))]
fn run(
    py: Python<'_>,
    files: Vec<(String, Vec<u8>)>,
    entities: bool,
    near_threshold: f32,
) -> String {
    py.detach(|| json(&cluster::run(files, &options(entities, near_threshold))))
}

/// Folio's core: raw scraped news to clean articles, deduplicated across files, with entities.
#[pymodule]
fn _folio(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(sign, m)?)?;
    m.add_function(wrap_pyfunction!(components, m)?)?;
    m.add_function(wrap_pyfunction!(link, m)?)?;
    m.add_function(wrap_pyfunction!(assemble, m)?)?;
    m.add_function(wrap_pyfunction!(merge, m)?)?;
    m.add_function(wrap_pyfunction!(tag, m)?)?;
    m.add_function(wrap_pyfunction!(annotate, m)?)?;
    m.add_function(wrap_pyfunction!(process, m)?)?;
    m.add_function(wrap_pyfunction!(run, m)?)?;
    m.add_function(wrap_pyfunction!(arrow::sign_arrow, m)?)?;
    m.add_function(wrap_pyfunction!(arrow::merge_arrow, m)?)?;
    m.add_function(wrap_pyfunction!(arrow::tag_arrow, m)?)?;
    m.add_function(wrap_pyfunction!(arrow::date_arrow, m)?)?;
    m.add_function(wrap_pyfunction!(arrow::date_stub_arrow, m)?)?;
    m.add_function(wrap_pyfunction!(arrow::link_arrow, m)?)?;
    m.add("EXACT", cluster::EXACT)?;
    Ok(())
}
