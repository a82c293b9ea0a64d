"""The wheel (scripts/python.sh builds and installs it): `import folio` reads, signs, merges
and tags the seed sample, and its stages put together as a job would give `folio`'s JSON."""

import json
import os
import subprocess
import unittest
from collections import defaultdict

import folio

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SEED = os.path.join(ROOT, "assets", "seed-sample.txt")
DUMPS = os.path.join(ROOT, "tests", "data", "dumps")
FORMATS = os.path.join(ROOT, "tests", "data", "formats")


def read(path, name=None):
    with open(path, "rb") as f:
        return (name or os.path.basename(path), f.read())


def samples():
    files = [read(SEED)]
    for d in (DUMPS, FORMATS):
        for n in sorted(os.listdir(d)):
            if not n.endswith(".json") and not n.startswith("bomb"):
                files.append(read(os.path.join(d, n)))
    # Every article again in another file, so that copies cross files.
    return files + [("again/" + n, b) for n, b in files]


def by_stages(files, entities=True):
    """The pass as a job runs it, with the module's stages: sign each file, link by keys,
    merge each component, order by first reading, tag. Returns the collection as a dict."""
    rows, units, unit_rows = [], [], []
    for name, data in files:
        signed = folio.sign(name, data)
        for unit in signed["units"]:
            unit_rows.append(len(rows) + unit["row"])
            units.append(unit)
        rows.extend(json.loads(r) for r in signed["rows"])
    places, keys = [], []
    for u, unit in enumerate(units):
        for a, article in enumerate(unit["articles"]):
            places.append((u, a))
            keys.append(article["keys"])
    groups = defaultdict(list)
    for place, c in zip(places, folio.components(keys)):
        groups[c].append(place)
    articles, duplicates, variants = [], 0, 0
    for members in groups.values():
        given = []
        for u, a in members:
            article = units[u]["articles"][a]
            given.append(((u, a), units[u]["source"], article["lines"], article["shape"], units[u]["meta"]))
        merged, d, v = folio.merge(given)
        articles.extend(merged)
        duplicates += d
        variants += v
    articles.sort(key=lambda t: (t[0], t[1]))
    for u, _, _ in articles:
        rows[unit_rows[u]]["articles"] += 1
    out = [json.loads(folio.tag(a) if entities else a) for _, _, a in articles]
    return out, rows, duplicates, variants


class Wheel(unittest.TestCase):
    def test_read_sign_merge_and_tag_the_seed_sample(self):
        name, data = read(SEED)
        signed = folio.sign(name, data)
        self.assertEqual(len(signed["rows"]), 1)
        row = json.loads(signed["rows"][0])
        self.assertEqual(row["name"], name)
        unit = signed["units"][0]
        self.assertGreaterEqual(len(unit["articles"]), 2, "the seed holds more than one article")
        for article in unit["articles"]:
            self.assertEqual(article["keys"][0][0], folio.EXACT)
            self.assertTrue(all(0 <= k < 2**64 for _, k in article["keys"]))
        merged, duplicates, variants = folio.merge(
            [((0, a), unit["source"], x["lines"], x["shape"], unit["meta"]) for a, x in enumerate(unit["articles"])]
        )
        article = json.loads(folio.tag(merged[0][2]))
        self.assertTrue(article["title"]["text"])
        labels = {e["label"] for b in article["paragraphs"] for e in b["entities"]}
        self.assertTrue(labels, "the first article has entities")
        self.assertIn(("PER", 0, 12, "Najib Mikati"), folio.annotate("Najib Mikati said on Monday."))

    def test_the_stages_give_what_one_machine_gives(self):
        files = samples()
        want = json.loads(folio.process(files))
        articles, rows, duplicates, variants = by_stages(files)
        self.assertEqual(len(articles), len(want["articles"]))
        # Assembled, as a job ends: the totals, the index and each article's date (a dateline's
        # year may come from another article of its file) are the collection's.
        collection = json.loads(
            folio.assemble([json.dumps(a) for a in articles], [json.dumps(r) for r in rows], duplicates, variants, True)
        )
        self.assertEqual(collection["articles"], want["articles"])
        self.assertEqual(collection, want)
        self.assertEqual(rows, want["files"])
        self.assertEqual(duplicates, want["stats"]["duplicate_articles"])
        self.assertEqual(variants, want["stats"]["near_duplicates"])
        self.assertEqual(json.loads(folio.run(files)), want)

    def test_the_arrow_stages_are_the_stages(self):
        import pyarrow as pa

        files = samples()
        batch = pa.record_batch(
            [pa.array(range(len(files)), pa.int64()), pa.array([n for n, _ in files]), pa.array([b for _, b in files])],
            ["file", "name", "content"],
        )
        out = folio.sign_arrow(batch)
        self.assertIsInstance(out, pa.RecordBatch)
        rows = out.to_pylist()
        members = []
        for f, (name, data) in enumerate(files):
            signed = folio.sign(name, data)
            mine = [r for r in rows if r["file"] == f]
            self.assertEqual([r["json"] for r in mine if r["kind"] == "row"], signed["rows"])
            units = [r for r in mine if r["kind"] == "unit"]
            self.assertEqual([(u["source"], u["meta"], u["row"]) for u in units],
                             [(u["source"], u["meta"], u["row"]) for u in signed["units"]])
            for u, unit in enumerate(signed["units"]):
                for a, article in enumerate(unit["articles"]):
                    row = next(r for r in mine if r["kind"] == "article" and r["unit"] == u and r["article"] == a)
                    self.assertEqual((row["lines"], row["shape"], row["line"]),
                                     (article["lines"], article["shape"], article["line"]))
                    keys = [(r["tag"], r["key"] % 2**64) for r in mine
                            if r["kind"] == "key" and r["unit"] == u and r["article"] == a]
                    self.assertEqual(keys, [tuple(k) for k in article["keys"]])
            if f == 0:
                unit = signed["units"][0]
                members = [((0, a), unit["source"], x["lines"], x["shape"], unit["meta"], x["line"])
                           for a, x in enumerate(unit["articles"])]

        def batch_of(members, copy=None):
            """The members as one component's rows; `copy` (its place, the first's place) is
            sent as an exact copy without lines."""
            cols = {c: [] for c in ("component", "unit", "article", "source", "meta", "line", "lines", "shape",
                                    "of_unit", "of_article")}
            for (u, a), source, lines, shape, meta, line in members:
                is_copy = copy is not None and copy[0] == (u, a)
                for c, v in (("component", 0), ("unit", u), ("article", a), ("source", source), ("meta", meta),
                             ("line", line), ("lines", None if is_copy else lines), ("shape", None if is_copy else shape),
                             ("of_unit", copy[1][0] if is_copy else None),
                             ("of_article", copy[1][1] if is_copy else None)):
                    cols[c].append(v)
            types = {"lines": pa.string(), "shape": pa.list_(pa.int64()), "source": pa.string(), "meta": pa.string()}
            return pa.record_batch([pa.array(v, types.get(c, pa.int64())) for c, v in cols.items()], list(cols))

        want, duplicates, variants = folio.merge([m[:5] for m in members])
        got = folio.merge_arrow(batch_of(members)).to_pylist()
        self.assertEqual([(r["unit"], r["article"], r["json"]) for r in got], want)
        self.assertEqual(sum(r["duplicates"] for r in got), duplicates)
        self.assertEqual(sum(r["variants"] for r in got), variants)
        self.assertTrue(all(r["failed"] is None for r in got))

        # An exact copy of the first article, at its end, sent without lines: a duplicate, with
        # its own title line in the removed row, as with its lines.
        (u, a), source, lines, shape, meta, line = members[0]
        copy = ((1, 0), "copy.txt", lines, shape, None, line + 100)
        shape_moved = shape[:4 + shape[3]] + [n + 100 for n in shape[4 + shape[3]:]]
        want, d, _ = folio.merge([m[:5] for m in members] + [((1, 0), "copy.txt", lines, shape_moved, None)])
        got = folio.merge_arrow(batch_of(members + [copy], ((1, 0), (u, a)))).to_pylist()
        self.assertEqual([(r["unit"], r["article"], r["json"]) for r in got], want)
        self.assertEqual(sum(r["duplicates"] for r in got), d)
        self.assertIn(line + 100, [r["line"] for r in json.loads(want[0][2])["removed"]])
        # A copy sent without lines of an article that is not the component's: it needs them.
        lost = folio.merge_arrow(batch_of(members + [copy], ((1, 0), (7, 7)))).to_pylist()
        self.assertEqual([r["failed"] for r in lost], [0])

        tagged = folio.tag_arrow(folio.merge_arrow(batch_of(members))).to_pylist()
        self.assertEqual([r["json"] for r in tagged], [folio.tag(a) for _, _, a in folio.merge([m[:5] for m in members])[0]])
        # The pipeline's tag stage: tagged as merged, the same as tagging the merged articles.
        self.assertEqual(folio.merge_arrow(batch_of(members), entities=True).to_pylist(), tagged)

    def test_one_machine_is_the_folio_command(self):
        cli = os.path.join(ROOT, "target", "release", "folio")
        if not os.path.exists(cli):
            self.skipTest("target/release/folio is not built")
        paths = [SEED] + [os.path.join(DUMPS, n) for n in sorted(os.listdir(DUMPS)) if n.endswith(".txt")]
        out = subprocess.run([cli, *paths], capture_output=True, check=True).stdout
        files = [read(p, p) for p in paths]
        self.assertEqual(json.loads(folio.process(files)), json.loads(out))


if __name__ == "__main__":
    unittest.main()
