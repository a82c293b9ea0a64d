"""Folio's core in Python: raw scraped news to clean articles, deduplicated across files,
with people, organisations, places and the rest tagged.

The functions are the stages of ``folio::cluster`` (see docs/past-one-machine.md), for a job
that runs past one machine, and the whole pass on one machine to compare a job with:

- :func:`sign` reads one file as ``folio`` does and gives each article its keys;
- :func:`components` links articles that share a key (a union-find); :func:`link` does
  the same from edges, :func:`link_arrow` from an Arrow batch of them;
- :func:`merge` merges one component's articles in reading order;
- :func:`tag` tags an article's entities; :func:`annotate` tags a text;
- :func:`assemble` makes a collection of a job's outputs;
- :func:`process` is ``folio FILE...``; :func:`run` the same pass cut into components;
- :func:`sign_arrow`, :func:`merge_arrow`, :func:`tag_arrow`, :func:`date_stub_arrow` and :func:`date_arrow` are the
  stages over whole Arrow record batches, as ``folio.spark`` hands them over in ``mapInArrow``.

Articles and file rows cross as the JSON ``folio`` writes.
"""

from ._folio import (
    EXACT,
    annotate,
    assemble,
    components,
    date_arrow,
    date_stub_arrow,
    link,
    link_arrow,
    merge,
    merge_arrow,
    process,
    run,
    sign,
    sign_arrow,
    tag,
    tag_arrow,
)

__all__ = [
    "EXACT", "annotate", "assemble", "components", "date_arrow", "date_stub_arrow",
    "link", "link_arrow", "merge", "merge_arrow", "process", "run",
    "sign", "sign_arrow", "tag", "tag_arrow",
]
