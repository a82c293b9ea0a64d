"""Organisations of today from open data: companies filing with the SEC, football clubs.

    python3 scripts/org_lists.py SEC_MIRROR CLUBS_MIRROR [OUT]   (OUT: data/gazetteers/orgs-today.txt)

SEC_MIRROR: a snapshot of github:lwowlwowl/company_name_to_ticker (`company_tickers.json`, the
SEC's list of companies with tickers: a US government work). CLUBS_MIRROR: a snapshot of
github:openfootball/clubs (`*/*/*.clubs.txt`, club names and their aliases, CC0 1.0). Both are
read as git snapshots (the tool library's `fetch`), at the commit named in
data/gazetteers/README.md.

Why: the tagger learnt organisations from 1996 news; companies founded since and clubs named
after their town (which CoNLL tags ORG in a sports story) are what it gets wrong on today's
news. As a name list of its own (`train fit --own-list`) each entry is a feature whose weight
the tagger learns, not an override.

Each line of OUT is one name as Folio's tokenizer splits it (a comma apart): the SEC's title
(`Meta Platforms , Inc.`) and, where it ends in a legal form, the name without it (`Meta
Platforms`); each club's name and aliases (`Tottenham Hotspur FC`, `Spurs`). Names of one
letter or in no letters are left out; sorted, each once.
"""

import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LEGAL = {"inc", "inc.", "corp", "corp.", "co", "co.", "ltd", "ltd.", "llc", "plc", "lp", "l.p.", "n.v.", "s.a.",
         "ag", "se", "sa", "nv", "limited", "corporation", "incorporated", "company", "/de/", "/md/"}


def git_show(mirror, path):
    return subprocess.run(["git", "--git-dir", mirror, "show", f"HEAD:{path}"], check=True,
                          capture_output=True).stdout.decode("utf-8")


def git_files(mirror):
    return subprocess.run(["git", "--git-dir", mirror, "ls-tree", "-r", "--name-only", "HEAD"], check=True,
                          capture_output=True).stdout.decode("utf-8").split("\n")


def tokens(name):
    name = re.sub(r"\s+", " ", name).strip()
    return re.sub(r"\s*,\s*", " , ", name).split()


def companies(mirror):
    for entry in json.loads(git_show(mirror, "company_tickers.json")).values():
        words = tokens(entry["title"])
        yield words
        short = list(words)
        while short and (short[-1].lower() in LEGAL or short[-1] == ","):
            short.pop()
        if short and short != words:
            yield short


def clubs(mirror):
    for path in git_files(mirror):
        if not path.endswith(".clubs.txt"):
            continue
        for line in git_show(mirror, path).split("\n"):
            # `$$Medipol$$ Başakşehir FK`: a sponsor's name some seasons put before the club's.
            line = re.sub(r"\$\$[^$]*\$\$\s*", "", line.split("#")[0])
            # `1. FC Nuremberg [en]`: a name in another language, marked.
            line = re.sub(r"\s*\[[a-z]{2,3}\]", "", line).strip()
            if not line or line.startswith("="):
                continue
            if line.startswith("|"):
                for alias in line.strip("|").split("|"):
                    yield tokens(alias)
            else:
                yield tokens(line.split(",")[0])


def main(argv):
    if len(argv) < 3:
        raise SystemExit(__doc__)
    out = argv[3] if len(argv) > 3 else os.path.join(ROOT, "data", "gazetteers", "orgs-today.txt")
    names = set()
    counts = {}
    for source, found in (("SEC companies", companies(argv[1])), ("football clubs", clubs(argv[2]))):
        before = len(names)
        for words in found:
            text = " ".join(words)
            if len(text) > 1 and re.search(r"[^\W\d_]", text) and len(words) <= 6:
                names.add(text)
        counts[source] = len(names) - before
    with open(out, "w", encoding="utf-8") as f:
        f.writelines(f"{n}\n" for n in sorted(names))
    print(f"{len(names):,} names ({', '.join(f'{s}: {n:,} new' for s, n in counts.items())}) -> {out}",
          file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
