//! The stages over Arrow record batches, for PySpark's `mapInArrow`: a task hands Rust its
//! whole batch through the Arrow C data interface (pyo3-arrow) and gets one back, so a
//! job's rows never become Python objects. Column names and types are the Spark module's
//! schemas (`folio/spark.py`: `SIGNED`, `MEMBERS`, `MERGED`); Spark's longs are signed, so
//! 64-bit keys cross reinterpreted (`as i64`) and come back with `as u64`.

use std::sync::Arc;

use arrow_array::builder::{Int32Builder, Int64Builder, ListBuilder, StringBuilder};
use arrow_array::cast::AsArray;
use arrow_array::types::Int64Type;
use arrow_array::{Array, ArrayRef, BinaryArray, Int64Array, RecordBatch, StringArray};
use arrow_schema::DataType;
use folio::cluster::{self, At, Body, Member, MergeError, Packed};
use folio::{Article, Meta, Recognizer};
use pyo3::prelude::*;
use pyo3_arrow::PyRecordBatch;

use crate::{bad, json};

/// Column `name` of `batch`, cast to `to` (Spark may send large or small offsets).
fn column(batch: &RecordBatch, name: &str, to: &DataType) -> PyResult<ArrayRef> {
    let col = batch
        .column_by_name(name)
        .ok_or_else(|| bad(format!("the batch has no column {name:?}")))?;
    arrow_cast::cast(col, to).map_err(bad)
}

fn longs(batch: &RecordBatch, name: &str) -> PyResult<Int64Array> {
    Ok(column(batch, name, &DataType::Int64)?
        .as_primitive::<Int64Type>()
        .clone())
}

fn strings(batch: &RecordBatch, name: &str) -> PyResult<StringArray> {
    Ok(column(batch, name, &DataType::Utf8)?
        .as_string::<i32>()
        .clone())
}

/// A batch of these columns, every one nullable: Arrow's writer in a Spark task refuses a
/// batch whose schema differs from the first's, and nullability is part of the schema.
fn finish(columns: Vec<(&str, ArrayRef)>) -> PyResult<RecordBatch> {
    RecordBatch::try_from_iter_with_nullable(columns.into_iter().map(|(n, c)| (n, c, true)))
        .map_err(bad)
}

fn to_python(py: Python<'_>, batch: RecordBatch) -> PyResult<Py<PyAny>> {
    Ok(PyRecordBatch::new(batch).into_pyarrow(py)?.unbind())
}

/// The rows of the sign stage (Spark's `SIGNED`), one builder per column.
#[derive(Default)]
struct Signed {
    kind: StringBuilder,
    file: Int64Builder,
    unit: Int64Builder,
    article: Int64Builder,
    row: Int64Builder,
    source: StringBuilder,
    meta: StringBuilder,
    lines: StringBuilder,
    shape: ListBuilder<Int64Builder>,
    tag: Int32Builder,
    key: Int64Builder,
    json: StringBuilder,
    line: Int64Builder,
}

/// One row's values; `None` is null.
#[derive(Clone, Copy, Default)]
struct Row<'a> {
    unit: Option<i64>,
    article: Option<i64>,
    row: Option<i64>,
    source: Option<&'a str>,
    meta: Option<&'a str>,
    lines: Option<&'a str>,
    shape: Option<&'a [u64]>,
    tag: Option<i32>,
    key: Option<i64>,
    json: Option<&'a str>,
    line: Option<i64>,
}

impl Signed {
    fn push(&mut self, kind: &str, file: i64, r: Row<'_>) {
        self.kind.append_value(kind);
        self.file.append_value(file);
        self.unit.append_option(r.unit);
        self.article.append_option(r.article);
        self.row.append_option(r.row);
        self.source.append_option(r.source);
        self.meta.append_option(r.meta);
        self.lines.append_option(r.lines);
        self.shape
            .append_option(r.shape.map(|s| s.iter().map(|&x| Some(x as i64))));
        self.tag.append_option(r.tag);
        self.key.append_option(r.key);
        self.json.append_option(r.json);
        self.line.append_option(r.line);
    }

    fn finish(mut self) -> PyResult<RecordBatch> {
        finish(vec![
            ("kind", Arc::new(self.kind.finish())),
            ("file", Arc::new(self.file.finish())),
            ("unit", Arc::new(self.unit.finish())),
            ("article", Arc::new(self.article.finish())),
            ("row", Arc::new(self.row.finish())),
            ("source", Arc::new(self.source.finish())),
            ("meta", Arc::new(self.meta.finish())),
            ("lines", Arc::new(self.lines.finish())),
            ("shape", Arc::new(self.shape.finish())),
            ("tag", Arc::new(self.tag.finish())),
            ("key", Arc::new(self.key.finish())),
            ("json", Arc::new(self.json.finish())),
            ("line", Arc::new(self.line.finish())),
        ])
    }
}

/// The sign stage over a batch of files: columns `file` (its number in reading order),
/// `name` (as `folio` would be given it) and `content` (its bytes). Returns a pyarrow
/// `RecordBatch` of Spark's `SIGNED` rows: `row` rows (each file row's JSON), `unit` rows
/// (source, meta, the unit's row) and, per article, an `article` row (its packed lines and
/// title line) and one `key` row per key (tag 255 the exact text, 0-15 a band).
#[pyfunction]
pub fn sign_arrow(py: Python<'_>, batch: PyRecordBatch) -> PyResult<Py<PyAny>> {
    let batch = batch.into_inner();
    let files = longs(&batch, "file")?;
    let names = strings(&batch, "name")?;
    let content = column(&batch, "content", &DataType::Binary)?;
    let content: &BinaryArray = content.as_binary::<i32>();
    let out = py.detach(|| {
        let mut out = Signed::default();
        for i in 0..batch.num_rows() {
            let file = files.value(i);
            let signed = cluster::sign(names.value(i), content.value(i).to_vec());
            for (r, row) in signed.rows.iter().enumerate() {
                let row_json = json(row);
                out.push(
                    "row",
                    file,
                    Row {
                        row: Some(r as i64),
                        json: Some(&row_json),
                        ..Row::default()
                    },
                );
            }
            for (u, (unit, row, articles)) in signed.units.iter().enumerate() {
                let meta = unit.meta.as_ref().map(json);
                out.push(
                    "unit",
                    file,
                    Row {
                        unit: Some(u as i64),
                        row: Some(*row as i64),
                        source: Some(&unit.source),
                        meta: meta.as_deref(),
                        ..Row::default()
                    },
                );
                for (a, article) in articles.iter().enumerate() {
                    let at = Row {
                        unit: Some(u as i64),
                        article: Some(a as i64),
                        ..Row::default()
                    };
                    out.push(
                        "article",
                        file,
                        Row {
                            lines: Some(&article.packed.lines),
                            shape: Some(&article.packed.shape),
                            line: Some(article.line as i64),
                            ..at
                        },
                    );
                    for &(tag, key) in &article.keys {
                        out.push(
                            "key",
                            file,
                            Row {
                                tag: Some(tag as i32),
                                key: Some(key as i64),
                                ..at
                            },
                        );
                    }
                }
            }
        }
        out.finish()
    })?;
    to_python(py, out)
}

/// One member of a component as a batch holds it, owned.
struct Owned {
    at: At,
    source: Arc<str>,
    meta: Option<Meta>,
    body: Result<Packed, (At, usize)>,
}

/// The merge stage over a batch of whole components (Spark's `MEMBERS`: `component`,
/// `unit`, `article`, `source`, `meta`, `line`, and either `lines` and `shape` or, for an
/// exact copy sent without its lines, `of_unit` and `of_article`), each component's rows
/// together and in reading order. Returns a pyarrow `RecordBatch` of Spark's `MERGED` rows:
/// each kept article's place and JSON, with the component's duplicates and variants on its
/// first row; a component whose copies need their lines gives one row with `failed` set to
/// it instead, to be merged again whole. With `entities`, each kept article is tagged as it
/// is written (what `tag_arrow` does, without a second trip through Spark and JSON: the
/// pipeline's tag stage is this).
#[pyfunction]
#[pyo3(signature = (batch, near_threshold = 0.8, entities = false))]
pub fn merge_arrow(
    py: Python<'_>,
    batch: PyRecordBatch,
    near_threshold: f32,
    entities: bool,
) -> PyResult<Py<PyAny>> {
    let batch = batch.into_inner();
    let component = longs(&batch, "component")?;
    let (unit, article) = (longs(&batch, "unit")?, longs(&batch, "article")?);
    let (source, meta) = (strings(&batch, "source")?, strings(&batch, "meta")?);
    let lines = strings(&batch, "lines")?;
    let shape = column(&batch, "shape", &DataType::new_list(DataType::Int64, true))?;
    let shape = shape.as_list::<i32>();
    let (of_unit, of_article) = (longs(&batch, "of_unit")?, longs(&batch, "of_article")?);
    let line = longs(&batch, "line")?;
    let at = |u: i64, a: i64| (u as u32, a as u32);
    let mut members: Vec<Owned> = Vec::with_capacity(batch.num_rows());
    for i in 0..batch.num_rows() {
        let meta = if meta.is_null(i) {
            None
        } else {
            Some(serde_json::from_str(meta.value(i)).map_err(bad)?)
        };
        members.push(Owned {
            at: at(unit.value(i), article.value(i)),
            source: source.value(i).into(),
            meta,
            body: if lines.is_null(i) {
                Err((
                    at(of_unit.value(i), of_article.value(i)),
                    line.value(i) as usize,
                ))
            } else {
                let s = shape.value(i);
                let s = s.as_primitive::<Int64Type>();
                Ok(Packed {
                    lines: lines.value(i).to_owned(),
                    shape: s.values().iter().map(|&x| x as u64).collect(),
                })
            },
        });
    }
    let out = py.detach(|| -> PyResult<RecordBatch> {
        let (mut units, mut articles, mut jsons) = (
            Int64Builder::new(),
            Int64Builder::new(),
            StringBuilder::new(),
        );
        let (mut duplicates, mut variants, mut failed) = (
            Int64Builder::new(),
            Int64Builder::new(),
            Int64Builder::new(),
        );
        let mut start = 0;
        while start < members.len() {
            let c = component.value(start);
            let end = (start..members.len())
                .find(|&i| component.value(i) != c)
                .unwrap_or(members.len());
            let group = members[start..end].iter().map(|m| Member {
                at: m.at,
                source: &m.source,
                meta: m.meta.as_ref(),
                body: match &m.body {
                    Ok(packed) => Body::Lines(packed),
                    Err((of, line)) => Body::CopyOf {
                        of: *of,
                        line: *line,
                    },
                },
            });
            match cluster::merge(group, near_threshold) {
                Ok(mut merged) => {
                    if entities {
                        for (_, article) in &mut merged.articles {
                            article.annotate(Recognizer::embedded());
                        }
                    }
                    for (i, ((u, a), article)) in merged.articles.iter().enumerate() {
                        units.append_value(*u as i64);
                        articles.append_value(*a as i64);
                        jsons.append_value(json(article));
                        let first = |n: usize| if i == 0 { n as i64 } else { 0 };
                        duplicates.append_value(first(merged.duplicates));
                        variants.append_value(first(merged.variants));
                        failed.append_null();
                    }
                }
                Err(MergeError::NeedLines(_)) => {
                    units.append_null();
                    articles.append_null();
                    jsons.append_null();
                    duplicates.append_null();
                    variants.append_null();
                    failed.append_value(c);
                }
                Err(err) => return Err(bad(err)),
            }
            start = end;
        }
        finish(vec![
            ("unit", Arc::new(units.finish())),
            ("article", Arc::new(articles.finish())),
            ("json", Arc::new(jsons.finish())),
            ("duplicates", Arc::new(duplicates.finish())),
            ("variants", Arc::new(variants.finish())),
            ("failed", Arc::new(failed.finish())),
        ])
    })?;
    to_python(py, out)
}

/// The tag stage over a batch of Spark's `MERGED` rows: each article's JSON (column `json`)
/// tagged with the built-in model, every other column as it was. Returns a pyarrow
/// `RecordBatch`.
#[pyfunction]
pub fn tag_arrow(py: Python<'_>, batch: PyRecordBatch) -> PyResult<Py<PyAny>> {
    let batch = batch.into_inner();
    let texts = strings(&batch, "json")?;
    let tagged = py.detach(|| -> PyResult<StringArray> {
        let mut out = StringBuilder::new();
        for text in texts.iter() {
            match text {
                Some(text) => {
                    let mut article: Article = serde_json::from_str(text).map_err(bad)?;
                    article.annotate(Recognizer::embedded());
                    out.append_value(json(&article));
                }
                None => out.append_null(),
            }
        }
        Ok(out.finish())
    })?;
    let schema = batch.schema();
    let columns = schema
        .fields()
        .iter()
        .zip(batch.columns())
        .map(|(f, c)| {
            let c: ArrayRef = if f.name() == "json" {
                Arc::new(tagged.clone())
            } else {
                Arc::clone(c)
            };
            (f.name().as_str(), c)
        })
        .collect();
    to_python(py, finish(columns)?)
}

/// The articles of a batch of rows `place` (an article's place in reading order) and `json`
/// (its JSON), with their places.
fn placed_articles(batch: &RecordBatch) -> PyResult<(Int64Array, Vec<usize>, Vec<Article>)> {
    let places = longs(batch, "place")?;
    let texts = strings(batch, "json")?;
    let mut at = Vec::with_capacity(batch.num_rows());
    let mut articles = Vec::with_capacity(batch.num_rows());
    for (place, text) in places.iter().zip(texts.iter()) {
        let (Some(place), Some(text)) = (place, text) else {
            return Err(bad("a row without its place or its JSON"));
        };
        at.push(usize::try_from(place).map_err(bad)?);
        articles.push(serde_json::from_str::<Article>(text).map_err(bad)?);
    }
    Ok((places, at, articles))
}

/// Rows `place` and `json` again, each article's JSON as `articles` now has it.
fn placed_json(places: &Int64Array, articles: &[Article]) -> PyResult<RecordBatch> {
    let mut jsons = StringBuilder::new();
    for article in articles {
        jsons.append_value(json(article));
    }
    finish(vec![
        ("place", Arc::new(places.clone())),
        ("json", Arc::new(jsons.finish())),
    ])
}

/// The date stage over a batch of rows `place` and `json`, holding every article of each of
/// its files, in reading order: each article's JSON with its `date` set as `folio` sets it
/// (`folio::cluster::date`). Returns a pyarrow `RecordBatch` of `place` and `json`.
#[pyfunction]
pub fn date_arrow(py: Python<'_>, batch: PyRecordBatch) -> PyResult<Py<PyAny>> {
    let batch = batch.into_inner();
    let out = py.detach(|| -> PyResult<RecordBatch> {
        let (places, at, mut articles) = placed_articles(&batch)?;
        if at.windows(2).any(|w| w[0] >= w[1]) {
            return Err(bad("the rows are not in reading order"));
        }
        cluster::date(&at, &mut articles);
        placed_json(&places, &articles)
    })?;
    to_python(py, out)
}

/// Rows `place` and `json` (an article's JSON) to rows `place` and `json` (its date stub's:
/// `folio::cluster::date_stub`, what its date is read from), for the date stage to move
/// instead of whole articles.
#[pyfunction]
pub fn date_stub_arrow(py: Python<'_>, batch: PyRecordBatch) -> PyResult<Py<PyAny>> {
    let batch = batch.into_inner();
    let out = py.detach(|| -> PyResult<RecordBatch> {
        let (places, _, articles) = placed_articles(&batch)?;
        let stubs: Vec<Article> = articles.iter().map(cluster::date_stub).collect();
        placed_json(&places, &stubs)
    })?;
    to_python(py, out)
}

/// The link stage over Arrow: each of `n` articles' component (as [`folio::cluster::link`],
/// named by its first article) from a batch of edges, columns `root` and `id` (article
/// numbers). Returns a pyarrow `RecordBatch` of one column, `component`, `n` rows: what the
/// driver holds is the edges' two numbers and one number an article, never a row object.
#[pyfunction]
pub fn link_arrow(py: Python<'_>, n: usize, batch: PyRecordBatch) -> PyResult<Py<PyAny>> {
    let batch = batch.into_inner();
    let roots = longs(&batch, "root")?;
    let ids = longs(&batch, "id")?;
    let out = py.detach(|| -> PyResult<RecordBatch> {
        let number = |v: Option<i64>| -> PyResult<u32> {
            let v = v.ok_or_else(|| bad("an edge without its article"))?;
            u32::try_from(v)
                .ok()
                .filter(|&v| (v as usize) < n)
                .ok_or_else(|| bad(format!("article {v} is not one of the {n}")))
        };
        let edges = roots
            .iter()
            .zip(ids.iter())
            .map(|(r, i)| Ok((number(r)?, number(i)?)))
            .collect::<PyResult<Vec<(u32, u32)>>>()?;
        let component: Int64Array = cluster::link(n, &edges)
            .into_iter()
            .map(i64::from)
            .collect();
        finish(vec![("component", Arc::new(component))])
    })?;
    to_python(py, out)
}
