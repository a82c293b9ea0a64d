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
4. each kept article tagged as its component's task writes it (``merge_arrow(...,
   entities=True)``): the articles' text is not handed from Spark to Rust and back a second
   time, as a separate ``mapInArrow`` over :func:`folio.tag_arrow` would;
5. the articles (JSON lines, in reading order) and the collection written out.

Every batch crosses into Rust whole, as Arrow (the C data interface), and comes back so.

Why the result equals one machine's: the merger compares an article only with earlier
primaries sharing one of its keys, and all of those are in its component.
"""

import json
import os
import sys

import numpy as np
import pandas as pd
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


def _whole_groups(batches, column):
    """The rows of ``batches`` (sorted by ``column``) as batches that each hold whole groups of
    equal ``column``: a batch may end inside a group, so its rows wait for the next batch."""
    pending = []  # rows of the last, maybe unfinished, group

    def joined(parts):
        parts = [p for p in parts if p.num_rows]
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else pa.Table.from_batches(parts).combine_chunks().to_batches()[0]

    for batch in batches:
        if not batch.num_rows:
            continue
        key = batch.column(column)
        last = pc.index(key, key[-1]).as_py()  # where the last group starts
        if last > 0:
            out = joined(pending + [batch.slice(0, last)])
            if out is not None:
                yield out
            pending = [batch.slice(last)]
        elif pending and pending[-1].column(column)[-1] != key[0]:
            out = joined(pending)
            if out is not None:
                yield out
            pending = [batch]
        else:
            pending.append(batch)
    out = joined(pending)
    if out is not None:
        yield out


def _merge_batches(near_threshold, entities):
    """Each task's rows come sorted by component and reading order; every component is merged
    whole (and its articles tagged, with ``entities``)."""

    def merge(batches):
        for whole in _whole_groups(batches, "component"):
            yield folio.merge_arrow(whole, near_threshold, entities)

    return merge


def _stub_batches(batches):
    for batch in batches:
        yield folio.date_stub_arrow(batch.select(["place", "json"]))


def _date_batches(batches):
    """Each task's rows come sorted by file and reading order; every file's are dated whole."""
    for whole in _whole_groups(batches, "file"):
        # Several files' rows, each file's in reading order: all of them in reading order.
        whole = whole.take(pc.sort_indices(whole.column("place")))
        yield folio.date_arrow(whole.select(["place", "json"]))


def _numbered(df, order, name):
    """``df`` with column ``name``: each row's place in ``order``, without one task holding all."""
    schema = T.StructType(df.schema.fields + [T.StructField(name, T.LongType(), False)])
    sorted_rdd = df.orderBy(*order).rdd.zipWithIndex()
    return sorted_rdd.map(lambda t: (*t[0], t[1])).toDF(schema)


def _components(spark, linked, n, max_component):
    """The link step: star edges from each key's first article to the others (a ``groupBy``),
    one a pair of articles, brought to the driver as Arrow (two numbers and a flag an edge,
    never row objects), one
    union-find in Rust over them. Returns each article's component (numpy, ``n`` numbers), the
    same as a DataFrame (``id``, ``component``), each component's size (numpy, by its first
    article), the components above ``max_component`` and their exact copies (``(id, first
    article with its text)`` pairs). docs/past-one-machine.md, "The driver's share", has its
    memory per million articles."""
    edges = (
        linked.groupBy("exact", "key")
        .agg(F.min("id").alias("root"), F.collect_list("id").alias("ids"))
        .where(F.size("ids") > 1)
        .select("exact", "root", F.explode("ids").alias("id"))
        .where("id != root")
        # One edge a pair: an exact copy shares all 17 keys with its first, a near copy often
        # all 16 bands; the pair is an exact one if any of its keys was its exact text's.
        .groupBy("root", "id")
        .agg(F.max(F.col("exact").cast("int")).cast("boolean").alias("exact"))
    )
    batches = edges._collect_as_arrow()
    if batches:
        edges = pa.Table.from_batches(batches).combine_chunks().to_batches()[0]
    else:
        edges = pa.record_batch([pa.array([], pa.bool_()), pa.array([], pa.int64()), pa.array([], pa.int64())],
                                ["exact", "root", "id"])
    component = folio.link_arrow(n, edges.select(["root", "id"])).column(0).to_numpy()
    frame = pd.DataFrame({"id": np.arange(n, dtype=np.int64), "component": component})
    arrow = spark.conf.get("spark.sql.execution.arrow.pyspark.enabled", "false")
    spark.conf.set("spark.sql.execution.arrow.pyspark.enabled", "true")
    try:
        components = spark.createDataFrame(frame, "id long, component long")
    finally:
        spark.conf.set("spark.sql.execution.arrow.pyspark.enabled", arrow)
    sizes = np.bincount(component, minlength=n)
    big = {int(c) for c in np.nonzero(sizes > max_component)[0]}
    copies = []
    if big:
        exact = edges.column("exact").to_numpy(zero_copy_only=False)
        roots = edges.column("root").to_numpy()
        ids = edges.column("id").to_numpy()
        chosen = exact & np.isin(component[ids], np.array(sorted(big), dtype=np.int64))
        copies = [(int(i), int(r)) for i, r in zip(ids[chosen], roots[chosen])]
    return component, components, sizes, big, copies


def pipeline(spark, paths, entities=True, near_threshold=0.8, partitions=None, max_component=100_000,
             collect=True):
    """Runs Folio's pass over ``paths`` (files, folders or globs). Returns ``(collection,
    articles, oversized)``: the collection's JSON (as ``folio`` writes it; ``None`` unless
    ``collect``: the driver then holds every article), the DataFrame of articles (``unit``,
    ``article``, ``json``; sorted in reading order when ``collect``, else in no order: reading
    order is (``unit``, ``article``)), and the guard's report: one
    dict per component of more than ``max_component`` articles (``first``, its first article's
    number in reading order; ``articles``; ``loaded``, the articles its task read with their
    lines; ``whole``, whether the split by exact copies failed and it was merged whole)."""
    partitions = partitions or spark.sparkContext.defaultParallelism
    # The files are spread over the tasks as they are read (at least `partitions` splits) and
    # numbered by a join with their paths sent to every task: no file's bytes are shuffled.
    spark.conf.set("spark.sql.files.minPartitionNum", str(partitions))
    raw = spark.read.format("binaryFile").load(paths)
    names = _numbered(raw.select("path"), ["path"], "file")
    files = raw.join(F.broadcast(names), "path").select("file", "path", "content")
    signed = files.mapInArrow(_sign_batches, SIGNED).persist()

    units = _numbered(
        signed.where("kind = 'unit'").select("file", "unit", "row", "source", "meta"),
        ["file", "unit"],
        "unit_no",
    )
    keys = signed.where("kind = 'key'").select("file", "unit", "article", "tag", "key")
    # Until the components are known only keys and article numbers travel: the articles are
    # numbered without their lines, which go once, to their component's task, below.
    ids = _numbered(
        signed.where("kind = 'article'").select("file", "unit", "article"),
        ["file", "unit", "article"],
        "id",
    ).persist()
    # Band keys link by value whatever their band, as the single machine's LSH index keeps
    # every band in one table; exact-text keys apart (folio::cluster::link_key).
    linked = keys.join(ids, ["file", "unit", "article"]).select(
        (F.col("tag") == folio.EXACT).alias("exact"), "key", "id"
    )
    n = ids.count()
    component, components, sizes, big, copies = _components(spark, linked, n, max_component)
    # Each article's numbers (a few longs an article) and its unit's source and meta go to every
    # task reading signed rows (broadcast), so the lines are joined where they lie and travel
    # once, in the repartition by component.
    numbers = ids.join(components, "id")
    lines = signed.where("kind = 'article'").select("file", "unit", "article", "lines", "shape", "line")
    located = lines.join(F.broadcast(numbers), ["file", "unit", "article"]).join(
        F.broadcast(units), ["file", "unit"])
    if copies:
        copy_of = spark.createDataFrame(copies, "id long, of long")
        place = numbers.join(units, ["file", "unit"]).select(
            F.col("id").alias("of"), F.col("unit_no").alias("of_unit"), F.col("article").alias("of_article"))
        located_copies = located.join(F.broadcast(copy_of), "id", "left").join(F.broadcast(place), "of", "left")
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
            .mapInArrow(_merge_batches(near_threshold, entities), MERGED)
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
    copied = np.bincount(component[np.array([i for i, _ in copies], dtype=np.int64)], minlength=n) if copies else None
    oversized = [
        {"first": c, "articles": int(sizes[c]), "whole": c in failed,
         "loaded": int(sizes[c]) if c in failed else int(sizes[c] - (copied[c] if copied is not None else 0))}
        for c in sorted(big)
    ]

    ids.unpersist()
    if not collect:
        # Not sorted: that would move every article's JSON; the order is (unit, article).
        return None, merged.select("unit", "article", "json"), oversized
    ordered = merged.orderBy("unit", "article")
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
    texts = [r.json for r in ordered.select("json").collect()]
    collection = folio.assemble(texts, rows, int(totals.d or 0), int(totals.v or 0), entities)
    signed.unpersist()
    return collection, ordered.select("unit", "article", "json"), oversized


# An article as `folio` writes it, for Spark's JSON reader. Variants stay JSON text (Spark
# copies a nested value it is told is a string as its JSON); the rest becomes columns.
_ENTITIES = "array<struct<start:long,`end`:long,label:string,text:string,key:string>>"
_BLOCK = f"struct<text:string,entities:{_ENTITIES}>"
ARTICLE = (
    f"struct<title:{_BLOCK},title_derived:boolean,captions:array<{_BLOCK}>,paragraphs:array<{_BLOCK}>,"
    "sources:array<string>,variants:string,"
    "removed:array<struct<text:string,reason:string,source:string,line:long>>,"
    "meta:struct<url:string,date:string,author:string>,date:struct<value:string,`from`:string>>"
)

TABLES = ("articles", "sources", "removed", "entities")


def write_tables(articles, out, mode="overwrite"):
    """Writes ``articles`` (``unit``, ``article``, ``json``, as :func:`pipeline` returns them) as
    four Parquet tables under ``out``, by the executors, each row keyed by ``place``, the
    article's place in reading order (0, 1, ...): ``articles`` (title, whether it was derived,
    captions and paragraphs as lists of text, meta, date, variants as JSON), ``sources`` (one row
    a source, ``n`` its place), ``removed`` (one row a removed line) and ``entities`` (one row a
    mention: ``block`` is title, caption or paragraph, ``n`` the block's place among its kind,
    ``i`` the mention's among the block's). docs/past-one-machine.md has the schema."""
    # Places are numbered on (unit, article) alone and sent to every task: the JSON is not
    # sorted for them.
    places = _numbered(articles.select("unit", "article"), ["unit", "article"], "place")
    placed = articles.select("unit", "article", "json").join(F.broadcast(places), ["unit", "article"])
    # Dates: a date without its year takes the year of the nearest dated article of its file,
    # so each file's articles are dated together (the file its first source names). What
    # travels is each article's date stub (meta, first source, first lines), not the article;
    # the dates come back to every task by broadcast.
    stubs = placed.select("place", "json").mapInArrow(_stub_batches, "place long, json string")
    first = F.get_json_object("json", "$.sources[0]")
    dates = (
        stubs.select("place", "json", F.regexp_replace(first, ":[0-9]+$", "").alias("file"))
        .repartition("file")
        .sortWithinPartitions("file", "place")
        .mapInArrow(_date_batches, "place long, json string")
        .select("place", F.from_json("json", "struct<date:struct<value:string,`from`:string>>").alias("d"))
        .select("place", F.col("d.date").alias("date"))
    )
    parsed = (
        placed.select("place", F.from_json("json", ARTICLE).alias("a"))
        .join(F.broadcast(dates), "place")
        .persist()
    )
    parsed.select(
        "place",
        F.col("a.title.text").alias("title"),
        F.col("a.title_derived").alias("title_derived"),
        F.col("a.captions.text").alias("captions"),
        F.col("a.paragraphs.text").alias("paragraphs"),
        F.col("a.meta").alias("meta"),
        "date",
        F.col("a.variants").alias("variants"),
    ).write.mode(mode).parquet(os.path.join(out, "articles"))
    parsed.select("place", F.posexplode("a.sources").alias("n", "source")).write.mode(mode).parquet(
        os.path.join(out, "sources"))
    parsed.select("place", F.posexplode("a.removed").alias("n", "r")).select("place", "n", "r.*").write.mode(
        mode).parquet(os.path.join(out, "removed"))
    title = parsed.select("place", F.lit("title").alias("block"), F.lit(0).alias("n"),
                          F.col("a.title.entities").alias("es"))
    captions = parsed.select("place", F.lit("caption").alias("block"), F.posexplode("a.captions").alias("n", "b"))
    paragraphs = parsed.select("place", F.lit("paragraph").alias("block"),
                               F.posexplode("a.paragraphs").alias("n", "b"))
    blocks = title.unionByName(captions.select("place", "block", "n", F.col("b.entities").alias("es"))).unionByName(
        paragraphs.select("place", "block", "n", F.col("b.entities").alias("es")))
    blocks.select("place", "block", "n", F.posexplode("es").alias("i", "e")).select(
        "place", "block", "n", "i", "e.*").write.mode(mode).parquet(os.path.join(out, "entities"))
    parsed.unpersist()


def main(argv):
    """``spark-submit scripts/folio-spark.py INPUT OUTPUT [--collection]``: writes the Parquet
    tables OUTPUT/articles, sources, removed and entities (:func:`write_tables`), and with
    ``--collection`` OUTPUT/collection.json too (the driver then holds every article: for
    inputs that fit one machine)."""
    args = [a for a in argv[1:] if a != "--collection"]
    if len(args) != 2:
        raise SystemExit("usage: folio-spark.py INPUT OUTPUT [--collection]")
    collect = "--collection" in argv
    spark = SparkSession.builder.appName("folio").getOrCreate()
    collection, articles, oversized = pipeline(spark, args[0], collect=collect)
    write_tables(articles, args[1])
    if collect:
        with open(os.path.join(args[1], "collection.json"), "w", encoding="utf-8") as f:
            f.write(collection)
    for o in oversized:
        how = "merged whole" if o["whole"] else f"split by exact copies: {o['loaded']} texts loaded"
        print(f"folio: component of article {o['first']} holds {o['articles']} articles; {how}", file=sys.stderr)
    with open(os.path.join(args[1], "oversized.json"), "w", encoding="utf-8") as f:
        json.dump(oversized, f)
    spark.stop()
