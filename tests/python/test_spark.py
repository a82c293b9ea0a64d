"""The PySpark pipeline (folio.spark) in local mode gives `folio`'s JSON for the same files:
the samples, and a generated collection of 20,000+ articles over 8 partitions whose exact and
edited copies lie in other files."""

import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import unittest

os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
# Spark on this machine talks to itself only: the driver and its executors bind to loopback
# (left alone, Spark resolves the host name and binds to the machine's outside address).
os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"

from pyspark.sql import SparkSession  # noqa: E402

import folio  # noqa: E402
from folio.spark import TABLES, pipeline, write_tables  # noqa: E402

from test_folio import DUMPS, FORMATS, ROOT, SEED  # noqa: E402


def folio_json(paths, entities=True):
    """`folio FILE...` on `paths` in reading order (sorted), as the command writes it."""
    files = []
    for p in sorted(paths):
        with open(p, "rb") as f:
            files.append((p, f.read()))
    return json.loads(folio.process(files, entities=entities))


def samples(folder):
    """Writes the samples into `folder` (new), every format, each file twice (the second as
    `again-NAME`); returns the folder."""
    os.makedirs(folder)
    sources = [SEED] + [os.path.join(d, n) for d in (DUMPS, FORMATS) for n in os.listdir(d)
                        if not n.endswith(".json") and not n.startswith("bomb")]
    for s in sources:
        shutil.copy(s, folder)
        shutil.copy(s, os.path.join(folder, "again-" + os.path.basename(s)))
    return folder


def from_tables(out):
    """The articles as `folio` writes them, put back together from the Parquet tables under
    `out` alone (pyarrow reads them; nothing of Spark's)."""
    import pyarrow.parquet as pq

    rows = {t: pq.read_table(os.path.join(out, t)).to_pylist() for t in TABLES}
    articles = {}
    for r in rows["articles"]:
        articles[r["place"]] = {
            "title": {"text": r["title"], "entities": []},
            "title_derived": r["title_derived"],
            "captions": [{"text": t, "entities": []} for t in r["captions"]],
            "paragraphs": [{"text": t, "entities": []} for t in r["paragraphs"]],
            "sources": [],
            "variants": json.loads(r["variants"]),
            "removed": [],
            "meta": r["meta"],
            "date": r["date"],
        }
    for r in sorted(rows["sources"], key=lambda r: (r["place"], r["n"])):
        articles[r["place"]]["sources"].append(r["source"])
    for r in sorted(rows["removed"], key=lambda r: (r["place"], r["n"])):
        articles[r["place"]]["removed"].append({k: r[k] for k in ("text", "reason", "source", "line")})
    for r in sorted(rows["entities"], key=lambda r: (r["place"], r["block"], r["n"], r["i"])):
        a = articles[r["place"]]
        block = a["title"] if r["block"] == "title" else a[r["block"] + "s"][r["n"]]
        block["entities"].append({k: r[k] for k in ("start", "end", "label", "text", "key")})
    assert sorted(articles) == list(range(len(articles))), "places are 0, 1, ... without a gap"
    return [articles[i] for i in range(len(articles))]


def generated(folder, articles, files, seed=1):
    """Writes `articles` articles into `files` files: new ones recombined from the seed's and
    the dumps' paragraphs, 25% exact copies, 20% copies with a paragraph added or dropped."""
    rng = random.Random(seed)
    pool = []
    for n in sorted(os.listdir(DUMPS)):
        if n.endswith(".txt"):
            with open(os.path.join(DUMPS, n), "rb") as f:
                c = json.loads(folio.process([(n, f.read())], entities=False))
            pool += [p["text"] for a in c["articles"] for p in a["paragraphs"] if len(p["text"].split()) >= 6]
    written, out = [], [[] for _ in range(files)]
    for i in range(articles):
        roll = rng.randrange(100)
        if roll < 25 and written:
            title, body = rng.choice(written)
        elif roll < 45 and written:
            title, body = rng.choice(written)
            body = list(body)
            if rng.randrange(2) and len(body) > 2:
                body.pop(rng.randrange(len(body)))
            else:
                body.append(rng.choice(pool))
        else:
            title, body = f"Story number {i} of the day", [rng.choice(pool) for _ in range(2 + rng.randrange(6))]
        written.append((title, body))
        out[rng.randrange(files)].append(f"{title}\n\n{title}\n\n" + "".join(p + "\n\n" for p in body))
    paths = []
    for k, parts in enumerate(out):
        path = os.path.join(folder, f"part-{k:03}.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write("".join(parts))
        paths.append(path)
    return paths


class Spark(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.spark = (
            SparkSession.builder.master("local[2]")
            .appName("folio-test")
            .config("spark.sql.shuffle.partitions", "8")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.memory", "4g")
            .getOrCreate()
        )
        cls.spark.sparkContext.setLogLevel("ERROR")
        cls.dir = tempfile.mkdtemp(prefix="folio-spark-")

    @classmethod
    def tearDownClass(cls):
        cls.spark.stop()
        shutil.rmtree(cls.dir, ignore_errors=True)

    def assertSame(self, got, want):
        self.assertEqual(len(got["articles"]), len(want["articles"]))
        for i, (g, w) in enumerate(zip(got["articles"], want["articles"])):
            self.assertEqual(g, w, f"article {i}: {w['title']['text']}")
        self.assertEqual(got, want)

    def test_the_samples_as_folio_reads_them(self):
        folder = samples(os.path.join(self.dir, "samples"))
        paths = [os.path.join(folder, n) for n in os.listdir(folder)]
        got, _, oversized = pipeline(self.spark, folder, partitions=8)
        self.assertEqual(oversized, [])
        got = json.loads(got)
        cli = os.path.join(ROOT, "target", "release", "folio")
        want = json.loads(subprocess.run([cli, *sorted(paths)], capture_output=True, check=True).stdout)
        self.assertTrue(any(len(a["sources"]) > 1 for a in want["articles"]))
        self.assertSame(got, want)

    def test_the_parquet_tables_hold_what_folios_json_holds(self):
        folder = samples(os.path.join(self.dir, "tables-in"))
        paths = [os.path.join(folder, n) for n in os.listdir(folder)]
        got, articles, _ = pipeline(self.spark, folder, partitions=8, collect=False)
        self.assertIsNone(got, "no collection on the driver unless asked")
        out = os.path.join(self.dir, "tables")
        write_tables(articles, out)
        want = folio_json(paths)["articles"]
        self.assertTrue(any(a["meta"] for a in want) and any(a["variants"] for a in want)
                        and any(a["removed"] for a in want) and any(len(a["sources"]) > 1 for a in want))
        back = from_tables(out)
        self.assertEqual(len(back), len(want))
        for i, (b, w) in enumerate(zip(back, want)):
            self.assertEqual(b, w, f"article {i}: {w['title']['text']}")

    def test_twenty_thousand_articles_over_eight_partitions(self):
        folder = os.path.join(self.dir, "generated")
        os.makedirs(folder)
        paths = generated(folder, 20_000, 40)
        want = folio_json(paths)
        self.assertGreaterEqual(want["stats"]["articles"] + want["stats"]["duplicate_articles"]
                                + want["stats"]["near_duplicates"], 20_000)
        self.assertGreater(want["stats"]["near_duplicates"], 1000)
        got, articles, _ = pipeline(self.spark, folder, partitions=8)
        self.assertSame(json.loads(got), want)

    def test_components_above_the_guard_are_split_by_exact_copies_and_reported(self):
        folder = os.path.join(self.dir, "guarded")
        os.makedirs(folder)
        paths = generated(folder, 3_000, 16, seed=2)
        # One page copied into every file many times over: a component of 320 copies.
        boiler = ("Subscribe to our newsletter\n\nSubscribe to our newsletter\n\nGet the day's top stories "
                  "delivered to your inbox every morning, with analysis from our correspondents.\n\n")
        for p in paths:
            with open(p, "a", encoding="utf-8") as f:
                f.write(boiler * 20)
        want = folio_json(paths, entities=False)
        got, _, oversized = pipeline(self.spark, folder, entities=False, partitions=8, max_component=3)
        self.assertSame(json.loads(got), want)
        self.assertTrue(all(o["articles"] > 3 for o in oversized))
        # The boilerplate's task read its text once; others were split, and some, whose
        # copies copy a variant, merged whole.
        self.assertTrue(any(o["articles"] >= 320 and o["loaded"] == 1 and not o["whole"] for o in oversized),
                        oversized)
        self.assertTrue(any(o["whole"] and o["loaded"] == o["articles"] for o in oversized), oversized)
        self.assertTrue(any(not o["whole"] and 1 < o["loaded"] < o["articles"] for o in oversized), oversized)


if __name__ == "__main__":
    unittest.main()
