"""Folio past one machine: per-core speed of the map stages and the shuffle per article.

    target/python-venv/bin/python scripts/bench-spark.py     (after scripts/python.sh)
    FOLIO_BENCH_ARTICLES=20000 (default)

1. sign and tag, each in this one process (one core) as the job's tasks call them (one Arrow
   batch handed to Rust whole: folio.sign_arrow, folio.tag_arrow), on a generated collection
   (the Spark test's generator: 25% exact and 20% edited copies spread over 40 files): MB/s of
   input for sign (read, decode, segment, clean, keys), MB/s of article text for tag;
2. the whole pipeline in local[2], and the bytes its stages wrote to the shuffle (Spark's own
   count, from its REST API), per article read;
3. tagging per core on Spark: the pipeline run without and with entities (three times each,
   alternating, after a pair that warms the JVM), the difference of its tasks' own time
   (Spark's count), against `folio --annotate` on the same text held to one core, alone and
   with both cores busy (two processes, half the text each, as Spark's two tasks run).
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "python"))
os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
# Spark on this machine talks to itself only: the driver and its executors bind to loopback
# (left alone, Spark resolves the host name and binds to the machine's outside address).
os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"

import folio  # noqa: E402
from test_spark import generated  # noqa: E402

n = int(os.environ.get("FOLIO_BENCH_ARTICLES", "20000"))
folder = tempfile.mkdtemp(prefix="folio-bench-spark-")
paths = generated(folder, n, 40)
files = []
for p in sorted(paths):
    with open(p, "rb") as f:
        files.append((p, f.read()))
size = sum(len(b) for _, b in files)

import pyarrow as pa  # noqa: E402

# The stages as the job calls them: one Arrow batch handed to Rust whole (folio.spark).
batch = pa.record_batch(
    [pa.array(range(len(files)), pa.int64()), pa.array([n for n, _ in files]), pa.array([b for _, b in files])],
    ["file", "name", "content"],
)
t0 = time.perf_counter()
signed = folio.sign_arrow(batch)
sign_s = time.perf_counter() - t0
articles = pa.compute.sum(pa.compute.equal(signed.column("kind"), "article")).as_py()

merged = json.loads(folio.process(files, entities=False))["articles"]
texts = [json.dumps(a) for a in merged]
# The text the tag stage tags: each article's blocks and each of its variants'.
docs = [[a["title"]] + a["captions"] + a["paragraphs"] for a in merged]
docs += [[v["title"]] + v["captions"] + v["paragraphs"] for a in merged for v in a["variants"]]
text_bytes = sum(len(b["text"].encode()) for d in docs for b in d)
rows = pa.record_batch(
    [pa.array(range(len(texts)), pa.int64()), pa.array([0] * len(texts), pa.int64()), pa.array(texts)],
    ["unit", "article", "json"],
)
t0 = time.perf_counter()
folio.tag_arrow(rows)
tag_s = time.perf_counter() - t0

print(f"{n:,} articles written ({articles:,} read), {size / 1e6:.1f} MB in {len(files)} files")
print(f"  sign (one core)  {size / 1e6 / sign_s:7.1f} MB/s of input   ({sign_s:.2f} s)")
print(f"  tag  (one core)  {text_bytes / 1e6 / tag_s:7.1f} MB/s of text    ({tag_s:.2f} s, {len(texts):,} articles"
      f" and {len(docs) - len(texts):,} variants)")
# The same texts through `folio --annotate`, one document a line, held to one core.
lines = "".join(json.dumps({"id": i, "text": "\n\n".join(b["text"] for b in d)}) + "\n" for i, d in enumerate(docs))
cli = os.path.join(ROOT, "target", "release", "folio")
one_core = ["taskset", "-c", "0"] if shutil.which("taskset") else []
t0 = time.perf_counter()
subprocess.run([*one_core, cli, "--annotate"], input=lines.encode(), stdout=subprocess.DEVNULL, check=True)
annotate_s = time.perf_counter() - t0
print(f"  folio --annotate (one core{'' if one_core else ': no taskset, all cores'}) {text_bytes / 1e6 / annotate_s:.1f} MB/s"
      f" of the same text ({annotate_s:.2f} s)")
# Both cores busy, as the Spark job's two tasks keep them: two processes, each half the text
# (from a file each, so that both start at once and neither waits on the other's pipe).
busy_s = 0.0
with tempfile.TemporaryDirectory(prefix="folio-bench-halves-") as halves:
    procs = []
    for k in (0, 1):
        half = os.path.join(halves, f"{k}.jsonl")
        with open(half, "w", encoding="utf-8") as f:
            f.writelines(lines.splitlines(keepends=True)[k::2])
        pin = ["taskset", "-c", str(k)] if one_core else []
        procs.append((half, pin))
    started = time.perf_counter()
    inputs = [open(half, "rb") for half, _ in procs]
    running = [subprocess.Popen([*pin, cli, "--annotate"], stdin=f, stdout=subprocess.DEVNULL)
               for f, (_, pin) in zip(inputs, procs)]
    for proc, f in zip(running, inputs):
        proc.wait()
        f.close()
        busy_s += time.perf_counter() - started
annotate_busy = text_bytes / 1e6 / busy_s
print(f"  folio --annotate, both cores busy: {annotate_busy:.1f} MB/s of the same text a core ({busy_s:.2f} s of the two)")

from pyspark.sql import SparkSession  # noqa: E402

from folio.spark import pipeline, write_tables  # noqa: E402

spark = (
    SparkSession.builder.master("local[2]")
    .appName("folio-bench")
    .config("spark.sql.shuffle.partitions", "8")
    .config("spark.driver.host", "127.0.0.1")
    .config("spark.driver.bindAddress", "127.0.0.1")
    .config("spark.driver.memory", "4g")
    .getOrCreate()
)
spark.sparkContext.setLogLevel("ERROR")
app = spark.sparkContext.applicationId
ui = spark.sparkContext.uiWebUrl


def shuffled():
    """Bytes Spark has written to the shuffle so far (its REST API, every stage)."""
    with urllib.request.urlopen(f"{ui}/api/v1/applications/{app}/stages") as r:
        return sum(s.get("shuffleWriteBytes", 0) for s in json.load(r))


def stages():
    with urllib.request.urlopen(f"{ui}/api/v1/applications/{app}/stages") as r:
        return {(st["stageId"], st["attemptId"]): st for st in json.load(r)}


t0 = time.perf_counter()
_, merged, oversized = pipeline(spark, folder, partitions=8, collect=False)
tagged = merged.count()
wall = time.perf_counter() - t0
through_tag = shuffled()
tables = tempfile.mkdtemp(prefix="folio-bench-tables-")
t0 = time.perf_counter()
write_tables(merged, tables)
tables_s = time.perf_counter() - t0
total = shuffled()
per_input = size / articles
print(f"  pipeline in local[2] (read to tagged): {wall:.1f} s, {size / 1e6 / wall:.2f} MB/s over 2 cores")
print(f"  the Parquet tables: {tables_s:.1f} s more")
print(f"  input: {per_input:,.0f} bytes per article read")
print(f"  shuffle written to tagged: {through_tag / 1e6:.1f} MB, {through_tag / articles:,.0f} bytes per article read"
      f" ({through_tag / articles / per_input:.2f}x its input)")
print(f"  shuffle written in all, tables included: {total / 1e6:.1f} MB, {total / articles:,.0f} bytes per article"
      f" ({total / articles / per_input:.2f}x its input)")
print(f"  components above the guard (100,000 articles): {len(oversized)}")


def task_seconds(entities):
    """The tasks' own time (each task one core, Spark's count) of one run to tagged."""
    before = stages()
    _, articles, _ = pipeline(spark, folder, entities=entities, partitions=8, collect=False)
    articles.count()
    return sum(st["executorRunTime"] for k, st in stages().items() if k not in before) / 1000


runs = {False: [], True: []}
for i in range(1 + int(os.environ.get("FOLIO_BENCH_TAG_RUNS", "3"))):
    for entities in (False, True):
        seconds = task_seconds(entities)
        if i > 0:  # the first pair warms the JVM and the Python workers up, and is not counted
            runs[entities].append(seconds)
without, with_ = (sum(runs[e]) / len(runs[e]) for e in (False, True))
on_spark = text_bytes / 1e6 / (with_ - without)
print(f"  tag on Spark: {on_spark:.1f} MB/s of text per core ({with_ - without:.2f} s more task time with entities:"
      f" {', '.join(f'{t:.1f}' for t in runs[True])} s against {', '.join(f'{t:.1f}' for t in runs[False])} s),"
      f" {on_spark / annotate_busy:.0%} of folio --annotate with both cores busy,"
      f" {on_spark / (text_bytes / 1e6 / annotate_s):.0%} of it alone")
spark.stop()
