"""Today's words in the word clusters: each word of today's news that the clusters of 2014 lack,
given the cluster of the known words it is used most like in today's news.

    target/today-venv/bin/python scripts/today_clusters.py MIRROR [OUT]
        (OUT: data/gazetteers/clusters-today.txt; the venv: python3 -m venv target/today-venv &&
         target/today-venv/bin/pip install gensim==4.3.3)

MIRROR is a snapshot of github:ramybaly/Article-Bias-Prediction, as for scripts/today_casing.py
(articles dated 2010 or later only; the text is the publishers', only the clusters are kept).

Why: data/gazetteers/clusters.txt comes from GloVe vectors of 2014 (scripts/clusters.mjs); a word
it lacks (`tiktok`, `zelensky`, `covid`) gives the tagger no cluster at all. Word vectors trained
on today's news (word2vec, skip-gram, 100 dimensions, gensim; one worker and a fixed seed, so the
same snapshot gives the same file) place each such word near words the tree has; the word takes
the bit path most of its ten nearest known neighbours share, weighted by similarity. The tree
itself is unchanged: a feature the model learnt for a cluster now also covers today's words in it.

Each line of OUT: `word<TAB>path`, for lower-case words (letters, inner hyphens, apostrophes or
dots) seen at least MIN times (default 10) that the tree lacks, sorted.
"""

import glob
import json
import os
import re
import sys
from collections import Counter, defaultdict

import numpy as np
from gensim.models import Word2Vec

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from today_casing import WORD, year  # noqa: E402

MIN = int(os.environ.get("FOLIO_CLUSTERS_MIN", "10"))
NEIGHBOURS = 10
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SENTENCE = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]*\s+")


def sentences(mirror):
    for path in sorted(glob.glob(os.path.join(mirror, "data", "jsons", "*.json"))):
        with open(path, encoding="utf-8") as f:
            article = json.load(f)
        y = year(article.get("date") or "")
        if y is None or not 2010 <= y <= 2026:
            continue
        for paragraph in (article.get("content_original") or "").split("\n"):
            for sentence in SENTENCE.split(paragraph):
                words = [m.group(0).lower() for m in WORD.finditer(sentence)]
                if words:
                    yield words


def main(argv):
    if len(argv) < 2:
        raise SystemExit(__doc__)
    if os.environ.get("PYTHONHASHSEED") != "0":
        # gensim seeds each word's starting vector from Python's string hash: fixed, or the
        # file would differ from run to run.
        os.execve(sys.executable, [sys.executable, *argv], {**os.environ, "PYTHONHASHSEED": "0"})
    out = argv[2] if len(argv) > 2 else os.path.join(ROOT, "data", "gazetteers", "clusters-today.txt")
    corpus = list(sentences(argv[1]))
    model = Word2Vec(corpus, vector_size=100, window=5, min_count=MIN, sg=1, epochs=5, workers=1, seed=1)
    tree = {}
    with open(os.path.join(ROOT, "data", "gazetteers", "clusters.txt"), encoding="utf-8") as f:
        for line in f:
            word, path = line.rstrip("\n").split("\t")
            tree[word] = path
    vocab = model.wv.index_to_key
    known = [w for w in vocab if w in tree]
    new = sorted(w for w in vocab if w not in tree and WORD.fullmatch(w))
    vectors = model.wv.get_normed_vectors()
    index = {w: i for i, w in enumerate(vocab)}
    known_vectors = vectors[[index[w] for w in known]]
    lines = []
    for word in new:
        sims = known_vectors @ vectors[index[word]]
        nearest = np.argsort(-sims)[:NEIGHBOURS]
        votes = defaultdict(float)
        for k in nearest:
            votes[tree[known[k]]] += float(sims[k])
        # The path with most weight; on a tie, the nearest word's (the votes keep the order
        # the neighbours came in, nearest first, and max keeps the first of equals).
        path = max(votes, key=votes.get)
        lines.append(f"{word}\t{path}\n")
    with open(out, "w", encoding="utf-8") as f:
        f.writelines(lines)
    print(f"{len(corpus):,} sentences, {len(vocab):,} words seen at least {MIN} times, {len(known):,} in the"
          f" tree, {len(new):,} new -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
