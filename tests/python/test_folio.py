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
        self.assertEqual(articles, want["articles"])
        self.assertEqual(rows, want["files"])
        self.assertEqual(duplicates, want["stats"]["duplicate_articles"])
        self.assertEqual(variants, want["stats"]["near_duplicates"])
        self.assertEqual(json.loads(folio.run(files)), want)

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
