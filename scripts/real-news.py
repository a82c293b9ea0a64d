#!/usr/bin/env python3
"""Writes a folder of real news as loose text files, one article a file: the benchmarks'
real text (issue 29's scale benchmark, issue 30's index truth), which must not be generated
text whose names repeat.

Source: Article-Bias-Prediction (Baly et al., EMNLP 2020; github.com/ramybaly/Article-Bias-Prediction,
commit ced8111a), 37,554 US news articles of 2012-2020 from CNN, Fox, the New York Times,
Reuters, Politico and others. The repository is Apache-2.0; the articles are their publishers':
use them for measurement on your own machine and never commit or redistribute them.

    python3 scripts/real-news.py MIRROR OUT [--mb N]

MIRROR is the repository's git directory (the search tool's `fetch` brings it) or a folder
holding its data/jsons/; OUT receives `<ID>.txt` files (title, a blank line, the article's
own text with its paragraph breaks) in the order of their IDs, until N megabytes (default:
all). The same arguments always give the same folder.
"""
import argparse
import io
import json
import os
import subprocess
import sys
import tarfile


def records(mirror):
    """(name, json bytes) of every article, in the order of their names."""
    jsons = os.path.join(mirror, "data", "jsons")
    if os.path.isdir(jsons):
        for name in sorted(os.listdir(jsons)):
            with open(os.path.join(jsons, name), "rb") as f:
                yield name, f.read()
        return
    tar = subprocess.run(
        ["git", f"--git-dir={mirror}", "archive", "HEAD", "data/jsons"],
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(tar)) as t:
        members = sorted((m for m in t.getmembers() if m.isfile()), key=lambda m: m.name)
        for m in members:
            yield os.path.basename(m.name), t.extractfile(m).read()


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("mirror")
    p.add_argument("out")
    p.add_argument("--mb", type=float, default=None)
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    limit = None if a.mb is None else int(a.mb * 1e6)
    total = files = 0
    for name, raw in records(a.mirror):
        d = json.loads(raw)
        title = " ".join((d.get("title") or "").split())
        body = (d.get("content_original") or "").strip()
        if not title or not body:
            continue
        text = f"{title}\n\n{body}\n".encode("utf-8")
        if limit is not None and total + len(text) > limit:
            break
        with open(os.path.join(a.out, name.replace(".json", ".txt")), "wb") as f:
            f.write(text)
        total += len(text)
        files += 1
    print(f"{files} files, {total / 1e6:.1f} MB in {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
