#!/usr/bin/env python3
"""Writes a folder of real news as loose text files, one article a file: the benchmarks'
real text (issue 29's scale benchmark, issue 30's index truth), which must not be generated
text whose names repeat.

Source: Article-Bias-Prediction (Baly et al., EMNLP 2020; github.com/ramybaly/Article-Bias-Prediction,
commit ced8111a), 37,554 US news articles of 2012-2020 from CNN, Fox, the New York Times,
Reuters, Politico and others. The repository is Apache-2.0; the articles are their publishers':
use them for measurement on your own machine and never commit or redistribute them.

    python3 scripts/real-news.py MIRROR OUT [--mb N] [--jsonl K]

MIRROR is the repository's git directory (the search tool's `fetch` brings it) or a folder
holding its data/jsons/; OUT receives `<ID>.txt` files (title, a blank line, the article's
own text with its paragraph breaks) in the order of their IDs, until N megabytes (default:
all). With --jsonl K the same articles go K to a file instead, as the JSON lines a scraper
writes (`dump-0000.jsonl`, one record an article: `id`, `title`, `content`): the same text in
a few big files, which the browser reads for far less than the same bytes in thousands.
The same arguments always give the same folder.
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
    p.add_argument("--jsonl", type=int, default=None, metavar="K")
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    limit = None if a.mb is None else int(a.mb * 1e6)
    total = files = 0
    dump = []

    def write_dump():
        path = os.path.join(a.out, f"dump-{(files - 1) // a.jsonl:04d}.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            f.writelines(dump)
        dump.clear()

    for name, raw in records(a.mirror):
        d = json.loads(raw)
        title = " ".join((d.get("title") or "").split())
        body = (d.get("content_original") or "").strip()
        if not title or not body:
            continue
        text = f"{title}\n\n{body}\n".encode("utf-8")
        if limit is not None and total + len(text) > limit:
            break
        total += len(text)
        files += 1
        if a.jsonl:
            record = {"id": name.replace(".json", ""), "title": title, "content": body}
            dump.append(json.dumps(record, ensure_ascii=False) + "\n")
            if len(dump) == a.jsonl:
                write_dump()
            continue
        with open(os.path.join(a.out, name.replace(".json", ".txt")), "wb") as f:
            f.write(text)
    if dump:
        write_dump()
    print(f"{files} articles, {total / 1e6:.1f} MB in {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
