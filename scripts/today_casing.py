"""How today's news writes each word: capitalised or in lower case, counted inside sentences.

    python3 scripts/today_casing.py MIRROR [OUT]     (OUT: data/gazetteers/casing.txt)

MIRROR is a snapshot of github:ramybaly/Article-Bias-Prediction (the tool library's `fetch`
brings one; or a clone), whose data/jsons/*.json hold 37,554 news articles of 2012-2020 from
CNN, Fox News, the New York Times, Reuters, Politico and others (field `content_original`).
The articles are their publishers': only these counts are derived from them and kept, never
the text (models/README.md, "Text of today").

Why: the tagger learnt from 1996 Reuters text which words are names. A capitalised word it
never saw in training (`Tesla`, `Brexit`, `TikTok`, `Zelensky`) is most likely a name; a word it
never saw that today's news writes in lower case (`livestream`, `cryptocurrency`, `tweeted`) is
not, even at the start of a headline. Those counts become a casing prior the tagger learns a
weight for (`train fit --today-casing`).

Only articles dated 2010 or later are read (by their `date` field, `2016-09-20` or `9/6/17`;
undated ones and the handful dated earlier are left out). Counted: article bodies only (headlines are title case), paragraph by paragraph; a word's first
letter only; never the first word of a sentence or a word after an opening quote, a colon or a
bracket, where a capital says nothing. Each line of OUT: `word<TAB>capitalised<TAB>lower`, for
words (letters, inner hyphens, apostrophes or dots) seen at least MIN times (default 10), the
word in lower case, sorted. Deterministic: the same snapshot gives the same bytes.
"""

import glob
import json
import os
import re
import sys
from collections import Counter

MIN = int(os.environ.get("FOLIO_CASING_MIN", "10"))

# A word as Folio's tokenizer keeps it: letters, with hyphens, apostrophes or dots inside
# (`pro-Iran`, `O'Brien`, `U.S`); a possessive `'s` is a token of its own.
WORD = re.compile(r"[^\W\d_]+(?:[-'.\u2019][^\W\d_]+)*", re.UNICODE)
# Where a sentence ends: a stop, a question or exclamation mark, maybe a closing quote.
SENTENCE = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]*\s+")
# Before these a capital says nothing: a quote or bracket opening, a colon, a dash.
OPENERS = set("\"'\u201c\u2018(:[\u2014-")


def count(text, capitalised, lower):
    for paragraph in text.split("\n"):
        for sentence in SENTENCE.split(paragraph):
            first = True
            for m in WORD.finditer(sentence):
                word = m.group(0)
                if word.endswith(("'s", "\u2019s")):
                    word = word[:-2]
                before = sentence[: m.start()].rstrip()
                if first or (before and before[-1] in OPENERS):
                    first = False
                    continue
                key = word.lower()
                if word[0].isupper():
                    capitalised[key] += 1
                else:
                    lower[key] += 1


def year(date):
    """The year of a `date` field (`2016-09-20`, `9/6/17`), or None."""
    m = re.match(r"(\d{4})-\d\d-\d\d$", date) or re.match(r"\d{1,2}/\d{1,2}/(\d\d)$", date)
    if not m:
        return None
    y = int(m.group(1))
    return y + 2000 if y < 100 else y


def main(argv):
    if len(argv) < 2:
        raise SystemExit(__doc__)
    mirror = argv[1]
    out = argv[2] if len(argv) > 2 else os.path.join(os.path.dirname(__file__), "..", "data", "gazetteers",
                                                     "casing.txt")
    files = sorted(glob.glob(os.path.join(mirror, "data", "jsons", "*.json")))
    if not files:
        raise SystemExit(f"no data/jsons/*.json under {mirror}")
    capitalised, lower = Counter(), Counter()
    years = Counter()
    for path in files:
        with open(path, encoding="utf-8") as f:
            article = json.load(f)
        y = year(article.get("date") or "")
        if y is None or not 2010 <= y <= 2026:
            continue
        years[y] += 1
        count(article.get("content_original") or "", capitalised, lower)
    words = sorted(w for w in set(capitalised) | set(lower) if capitalised[w] + lower[w] >= MIN)
    with open(out, "w", encoding="utf-8") as f:
        for w in words:
            f.write(f"{w}\t{capitalised[w]}\t{lower[w]}\n")
    print(f"{sum(years.values()):,} of {len(files):,} articles, dated {min(years)} to {max(years)}"
          f" ({', '.join(f'{y}: {n:,}' for y, n in sorted(years.items()))}): {len(words):,} words seen at least"
          f" {MIN} times -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
