"""Folio's pass on Spark: the same articles, copies, variants, removed lines and entities as
``folio FILE...``, for archives that outgrow one machine (docs/past-one-machine.md).

    spark-submit scripts/folio-spark.py INPUT OUTPUT     (INPUT: a folder, a glob of files)

The stages (``folio::cluster`` in Rust does the work inside each task):

1. ``binaryFile`` rows, numbered in path order (the reading order: ``folio`` is given the
   files sorted), through ``mapInArrow`` -> :func:`folio.sign`: one row per unit of text, one
   per article (its raw lines, packed) and one per key of each article (its exact text's key,
   tag 255, and its 16 LSH band keys);
2. ``groupBy(exact, key)`` (band keys by value, whatever their band): star edges from each
   key's first article to the others; one
   union-find (:func:`folio.link`, in Rust) over those edges on the driver;
3. articles joined with their component and their unit's source, partitioned by component and
   sorted in reading order, each component merged by :func:`folio.merge` in ``mapInArrow``;
4. articles tagged by :func:`folio.tag` in ``mapInArrow``;
5. the articles (JSON lines, in reading order) and the collection written out.

Why the result equals one machine's: the merger compares an article only with earlier
primaries sharing one of its keys, and all of those are in its component.
"""

import json
import os

import pyarrow as pa
from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

import folio

SIGNED = T.StructType(
    [
        T.StructField("kind", T.StringType()),  # "unit", "key" or "row"
        T.StructField("file", T.LongType()),
        T.StructField("unit", T.LongType()),  # the unit's place in its file
        T.StructField("article", T.LongType()),  # the article's place in its unit
        T.StructField("row", T.LongType()),  # the file row's place in its file
        T.StructField("source", T.StringType()),
        T.StructField("meta", T.StringType()),
        T.StructField("lines", T.StringType()),  # an article's packed lines
        T.StructField("shape", T.ArrayType(T.LongType())),
        T.StructField("tag", T.IntegerType()),
        T.StructField("key", T.LongType()),  # the 64-bit key as Spark's signed long
        T.StructField("json", T.StringType()),  # a file row
    ]
)

MERGED = T.StructType(
    [
        T.StructField("unit", T.LongType()),
        T.StructField("article", T.LongType()),
        T.StructField("json", T.StringType()),
        T.StructField("duplicates", T.LongType()),
        T.StructField("variants", T.LongType()),
    ]
)


def _signed_long(key):
    return key - (1 << 64) if key >= 1 << 63 else key


def _name(path):
    """The name folio would be given: the local path of a ``file:`` URL."""
    return path[len("file:") :] if path.startswith("file:") else path


def _sign_batches(batches):
    for batch in batches:
        out = {f.name: [] for f in SIGNED.fields}

        def emit(**values):
            for f in SIGNED.fields:
                out[f.name].append(values.get(f.name))

        for file_no, path, content in zip(*(batch.column(c).to_pylist() for c in ("file", "path", "content"))):
            signed = folio.sign(_name(path), content)
            for r, row in enumerate(signed["rows"]):
                emit(kind="row", file=file_no, row=r, json=row)
            for u, unit in enumerate(signed["units"]):
                emit(kind="unit", file=file_no, unit=u, row=unit["row"], source=unit["source"], meta=unit["meta"])
                for a, article in enumerate(unit["articles"]):
                    emit(kind="article", file=file_no, unit=u, article=a, lines=article["lines"],
                         shape=article["shape"])
                    for tag, key in article["keys"]:
                        emit(kind="key", file=file_no, unit=u, article=a, tag=tag, key=_signed_long(key))
        yield pa.RecordBatch.from_pydict(out, schema=pa.schema([(f.name, _arrow(f.dataType)) for f in SIGNED.fields]))


def _arrow(t):
    if isinstance(t, T.ArrayType):
        return pa.list_(_arrow(t.elementType))
    return {T.StringType: pa.string(), T.LongType: pa.int64(), T.IntegerType: pa.int32()}[type(t)]


MERGED_ARROW = pa.schema([(f.name, _arrow(f.dataType)) for f in MERGED.fields])


def _merge_batches(near_threshold):
    def merge(batches):
        members, current = [], None
        out = {f.name: [] for f in MERGED.fields}

        def flush():
            if not members:
                return
            articles, duplicates, variants = folio.merge(members, near_threshold)
            for i, (unit, article, text) in enumerate(articles):
                out["unit"].append(unit)
                out["article"].append(article)
                out["json"].append(text)
                out["duplicates"].append(duplicates if i == 0 else 0)
                out["variants"].append(variants if i == 0 else 0)
            members.clear()

        for batch in batches:
            names = ("component", "unit", "article", "source", "lines", "shape", "meta")
            for component, unit, article, source, lines, shape, meta in zip(*(batch.column(c).to_pylist() for c in names)):
                if component != current:
                    flush()
                    current = component
                members.append(((unit, article), source, lines, shape, meta))
        flush()
        yield pa.RecordBatch.from_pydict(out, schema=MERGED_ARROW)

    return merge


def _tag_batches(batches):
    for batch in batches:
        d = batch.to_pydict()
        d["json"] = [folio.tag(a) for a in d["json"]]
        yield pa.RecordBatch.from_pydict(d, schema=MERGED_ARROW)


def _numbered(df, order, name):
    """``df`` with column ``name``: each row's place in ``order``, without one task holding all."""
    schema = T.StructType(df.schema.fields + [T.StructField(name, T.LongType(), False)])
    sorted_rdd = df.orderBy(*order).rdd.zipWithIndex()
    return sorted_rdd.map(lambda t: (*t[0], t[1])).toDF(schema)


def pipeline(spark, paths, entities=True, near_threshold=0.8, partitions=None):
    """Runs Folio's pass over ``paths`` (files, folders or globs). Returns ``(collection,
    articles)``: the collection's JSON (as ``folio`` writes it) and the DataFrame of articles
    (``unit``, ``article``, ``json``) in reading order."""
    partitions = partitions or spark.sparkContext.defaultParallelism
    raw = spark.read.format("binaryFile").load(paths)
    names = _numbered(raw.select("path"), ["path"], "file")
    files = raw.join(names, "path").select("file", "path", "content").repartition(partitions)
    signed = files.mapInArrow(_sign_batches, SIGNED).persist()

    units = _numbered(
        signed.where("kind = 'unit'").select("file", "unit", "row", "source", "meta"),
        ["file", "unit"],
        "unit_no",
    )
    keys = signed.where("kind = 'key'").select("file", "unit", "article", "tag", "key")
    articles = _numbered(
        signed.where("kind = 'article'").select("file", "unit", "article", "lines", "shape"),
        ["file", "unit", "article"],
        "id",
    )
    # Band keys link by value whatever their band, as the single machine's LSH index keeps
    # every band in one table; exact-text keys apart (folio::cluster::link_key).
    linked = keys.join(articles.select("file", "unit", "article", "id"), ["file", "unit", "article"]).select(
        (F.col("tag") == folio.EXACT).alias("exact"), "key", "id"
    )
    # Star edges: each key's first article to every other article with it.
    edges = (
        linked.groupBy("exact", "key")
        .agg(F.min("id").alias("root"), F.collect_list("id").alias("ids"))
        .where(F.size("ids") > 1)
        .select("root", F.explode("ids").alias("id"))
        .where("id != root")
    )
    n = articles.count()
    component = folio.link(n, [(r.root, r.id) for r in edges.collect()])
    components = spark.createDataFrame(list(enumerate(component)), "id long, component long")

    members = (
        articles.join(components, "id")
        .join(units, ["file", "unit"])
        .select("component", "id", F.col("unit_no").alias("unit"), "article", "source", "lines", "shape", "meta")
        .repartition(partitions, "component")
        .sortWithinPartitions("component", "id")
    )
    merged = members.mapInArrow(_merge_batches(near_threshold), MERGED)
    if entities:
        merged = merged.mapInArrow(_tag_batches, MERGED)
    merged = merged.persist()

    # Each file row counts the articles first read in it.
    counts = {
        (r.file, r.row): r["count"]
        for r in merged.join(units.select(F.col("unit_no").alias("unit"), "file", "row"), "unit")
        .groupBy("file", "row")
        .count()
        .collect()
    }
    rows = []
    for r in signed.where("kind = 'row'").select("file", "row", "json").orderBy("file", "row").collect():
        row = json.loads(r.json)
        row["articles"] += counts.get((r.file, r.row), 0)
        rows.append(json.dumps(row))
    totals = merged.agg(F.sum("duplicates").alias("d"), F.sum("variants").alias("v")).collect()[0]
    ordered = merged.orderBy("unit", "article")
    texts = [r.json for r in ordered.select("json").collect()]
    collection = folio.assemble(texts, rows, int(totals.d or 0), int(totals.v or 0), entities)
    signed.unpersist()
    return collection, ordered.select("unit", "article", "json")


def main(argv):
    """``spark-submit scripts/folio-spark.py INPUT OUTPUT``: writes OUTPUT/articles (JSON lines,
    one article each, in reading order) and OUTPUT/collection.json."""
    if len(argv) != 3:
        raise SystemExit("usage: folio-spark.py INPUT OUTPUT")
    spark = SparkSession.builder.appName("folio").getOrCreate()
    collection, articles = pipeline(spark, argv[1])
    articles.select("json").write.mode("overwrite").text(os.path.join(argv[2], "articles"))
    with open(os.path.join(argv[2], "collection.json"), "w", encoding="utf-8") as f:
        f.write(collection)
    spark.stop()
