"""Folio's pass on Spark: the same articles, copies, variants, removed lines and entities as
``folio FILE...``, for archives that outgrow one machine (docs/past-one-machine.md).

    spark-submit scripts/folio-spark.py INPUT OUTPUT     (INPUT: a folder, a glob of files)

The stages (``folio::cluster`` in Rust does the work inside each task):

1. ``binaryFile`` rows, numbered in path order (the reading order: ``folio`` is given the
   files sorted), through ``mapInArrow`` -> :func:`folio.sign_arrow`: one row per unit of text, one
   per article (its raw lines, packed) and one per key of each article (its exact text's key,
   tag 255, and its 16 LSH band keys);
2. ``groupBy(exact, key)`` (band keys by value, whatever their band): star edges from each
   key's first article to the others; one
   union-find (:func:`folio.link`, in Rust) over those edges on the driver;
3. articles joined with their component and their unit's source, partitioned by component and
   sorted in reading order, each component merged by :func:`folio.merge_arrow` in
   ``mapInArrow``. The guard: in a component of more than ``max_component`` articles every
   exact copy travels without its lines, as the first article with its text (a duplicate of
   a kept article adds only its source, line and meta); a component whose copies turn out to
   copy a variant is merged again whole. Each such component is reported;
4. articles tagged by :func:`folio.tag_arrow` in ``mapInArrow``;
5. the articles (JSON lines, in reading order) and the collection written out.

Every batch crosses into Rust whole, as Arrow (the C data interface), and comes back so.

Why the result equals one machine's: the merger compares an article only with earlier
primaries sharing one of its keys, and all of those are in its component.
"""

import json
import os
import sys

import pyarrow as pa
import pyarrow.compute as pc
from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

import folio

SIGNED = T.StructType(
    [
        T.StructField("kind", T.StringType()),  # "unit", "article", "key" or "row"
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
        T.StructField("line", T.LongType()),  # an article's title line in its file
    ]
)

MERGED = T.StructType(
    [
        T.StructField("unit", T.LongType()),
        T.StructField("article", T.LongType()),
        T.StructField("json", T.StringType()),
        T.StructField("duplicates", T.LongType()),
        T.StructField("variants", T.LongType()),
        # A component split by exact copies whose copies turned out to need their lines.
        T.StructField("failed", T.LongType()),
    ]
)

# The members of a component as the merge stage reads them: an exact copy in a component
# above the guard comes without lines and shape, naming the first article with its text.
MEMBERS = ["component", "unit", "article", "source", "meta", "line", "lines", "shape", "of_unit", "of_article"]


def _sign_batches(batches):
    for batch in batches:
        # The name folio would be given: the local path of a ``file:`` URL.
        name = pc.replace_substring_regex(batch.column("path"), "^file:", "")
        files = pa.record_batch([batch.column("file"), name, batch.column("content")], ["file", "name", "content"])
        yield folio.sign_arrow(files)


def _merge_batches(near_threshold):
    """Each task's rows come sorted by component and reading order; a batch may end inside a
    component, so its rows wait for the next batch and every component is merged whole."""

    def merge(batches):
        pending = []  # rows of the last, maybe unfinished, component

        def merged(parts):
            parts = [p for p in parts if p.num_rows]
            if not parts:
                return None
            whole = parts[0] if len(parts) == 1 else pa.Table.from_batches(parts).combine_chunks().to_batches()[0]
            return folio.merge_arrow(whole, near_threshold)

        for batch in batches:
            if not batch.num_rows:
                continue
            component = batch.column("component")
            last = pc.index(component, component[-1]).as_py()  # where the last component starts
            if last > 0:
                out = merged(pending + [batch.slice(0, last)])
                if out is not None:
                    yield out
                pending = [batch.slice(last)]
            elif pending and pending[-1].column("component")[-1] != component[0]:
                out = merged(pending)
                if out is not None:
                    yield out
                pending = [batch]
            else:
                pending.append(batch)
        out = merged(pending)
        if out is not None:
            yield out

    return merge


def _tag_batches(batches):
    for batch in batches:
        yield folio.tag_arrow(batch)


def _numbered(df, order, name):
    """``df`` with column ``name``: each row's place in ``order``, without one task holding all."""
    schema = T.StructType(df.schema.fields + [T.StructField(name, T.LongType(), False)])
    sorted_rdd = df.orderBy(*order).rdd.zipWithIndex()
    return sorted_rdd.map(lambda t: (*t[0], t[1])).toDF(schema)


def pipeline(spark, paths, entities=True, near_threshold=0.8, partitions=None, max_component=100_000):
    """Runs Folio's pass over ``paths`` (files, folders or globs). Returns ``(collection,
    articles, oversized)``: the collection's JSON (as ``folio`` writes it), the DataFrame of
    articles (``unit``, ``article``, ``json``) in reading order, and the guard's report: one
    dict per component of more than ``max_component`` articles (``first``, its first article's
    number in reading order; ``articles``; ``loaded``, the articles its task read with their
    lines; ``whole``, whether the split by exact copies failed and it was merged whole)."""
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
        signed.where("kind = 'article'").select("file", "unit", "article", "lines", "shape", "line"),
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
        .select("exact", "root", F.explode("ids").alias("id"))
        .where("id != root")
        .collect()
    )
    n = articles.count()
    component = folio.link(n, [(e.root, e.id) for e in edges])
    components = spark.createDataFrame(list(enumerate(component)), "id long, component long")

    # The guard: in a component above max_component articles, each exact copy is sent as the
    # first article with its text (the exact key's root) without its lines.
    sizes = {}
    for c in component:
        sizes[c] = sizes.get(c, 0) + 1
    big = {c for c, size in sizes.items() if size > max_component}
    copies = [(e.id, e.root) for e in edges if e.exact and component[e.id] in big]
    located = articles.join(components, "id").join(units, ["file", "unit"])
    if copies:
        copy_of = spark.createDataFrame(copies, "id long, of long")
        place = located.select(F.col("id").alias("of"), F.col("unit_no").alias("of_unit"),
                               F.col("article").alias("of_article"))
        located_copies = located.join(copy_of, "id", "left").join(place, "of", "left")
    else:
        # Nothing above the guard: no join, no extra shuffle.
        located_copies = located.select("*", *(F.lit(None).cast("long").alias(c) for c in ("of", "of_unit", "of_article")))
    members = located_copies.select(
        "component", "id", F.col("unit_no").alias("unit"), "article", "source", "meta", "line",
        F.when(F.col("of").isNull(), F.col("lines")).alias("lines"),
        F.when(F.col("of").isNull(), F.col("shape")).alias("shape"),
        "of_unit", "of_article",
    )

    def merged_of(members):
        return (
            members.repartition(partitions, "component")
            .sortWithinPartitions("component", "id")
            .select(*MEMBERS)
            .mapInArrow(_merge_batches(near_threshold), MERGED)
        )

    merged = merged_of(members).persist()
    failed = [r.failed for r in merged.where("failed is not null").select("failed").collect()]
    if failed:
        # Copies of a text whose first article became a variant need the near check: those
        # components are merged again with every article's lines.
        whole = located.where(F.col("component").isin(failed)).select(
            "component", "id", F.col("unit_no").alias("unit"), "article", "source", "meta", "line", "lines",
            "shape", F.lit(None).cast("long").alias("of_unit"), F.lit(None).cast("long").alias("of_article"),
        )
        merged = merged.where("failed is null").unionByName(merged_of(whole)).persist()
    if entities:
        merged = merged.mapInArrow(_tag_batches, MERGED).persist()
    copied = {}
    for i, _ in copies:
        copied[component[i]] = copied.get(component[i], 0) + 1
    oversized = [
        {"first": c, "articles": sizes[c], "whole": c in failed,
         "loaded": sizes[c] if c in failed else sizes[c] - copied.get(c, 0)}
        for c in sorted(big)
    ]

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
    return collection, ordered.select("unit", "article", "json"), oversized


def main(argv):
    """``spark-submit scripts/folio-spark.py INPUT OUTPUT``: writes OUTPUT/articles (JSON lines,
    one article each, in reading order) and OUTPUT/collection.json."""
    if len(argv) != 3:
        raise SystemExit("usage: folio-spark.py INPUT OUTPUT")
    spark = SparkSession.builder.appName("folio").getOrCreate()
    collection, articles, oversized = pipeline(spark, argv[1])
    articles.select("json").write.mode("overwrite").text(os.path.join(argv[2], "articles"))
    with open(os.path.join(argv[2], "collection.json"), "w", encoding="utf-8") as f:
        f.write(collection)
    for o in oversized:
        how = "merged whole" if o["whole"] else f"split by exact copies: {o['loaded']} texts loaded"
        print(f"folio: component of article {o['first']} holds {o['articles']} articles; {how}", file=sys.stderr)
    with open(os.path.join(argv[2], "oversized.json"), "w", encoding="utf-8") as f:
        json.dump(oversized, f)
    spark.stop()
