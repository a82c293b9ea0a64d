from typing import List, Optional, Sequence, Tuple, TypedDict

import pyarrow

EXACT: int
"""The tag of an exact-text key (LSH band keys are tagged 0 to 15)."""

Key = Tuple[int, int]
"""A key that links articles: (tag, 64-bit unsigned value)."""

Place = Tuple[int, int]
"""Where an article was read: (its unit's place in reading order, its place in the unit)."""

class SignedArticle(TypedDict):
    keys: List[Key]
    """Its exact text's key (tag ``EXACT``), then its LSH band keys."""
    line: int
    """Its title's line in its file (all an exact copy of a kept article adds to it)."""
    lines: str
    """Its raw lines, joined by newlines, for :func:`merge`."""
    shape: List[int]
    """How its lines are laid out (header, body, paragraphs, line numbers), for :func:`merge`."""

class Unit(TypedDict):
    source: str
    """The name its articles cite in ``sources``."""
    meta: Optional[str]
    """What a structured dump's record said (JSON), or None."""
    row: int
    """Its file row's place in ``Signed.rows``."""
    articles: List[SignedArticle]
    """Its articles, in reading order."""

class Signed(TypedDict):
    rows: List[str]
    """The file's rows as JSON (one a member for an archive)."""
    units: List[Unit]

def sign(name: str, data: bytes) -> Signed:
    """Reads file ``name`` as ``folio`` does and signs every article."""

def components(keys: Sequence[Sequence[Key]]) -> List[int]:
    """Each article's component (named by its first article), from every article's keys."""

def link(n: int, edges: Sequence[Tuple[int, int]]) -> List[int]:
    """Each of ``n`` articles' component (named by its first article) from edges between them."""

def assemble(
    articles: Sequence[str], files: Sequence[str], duplicates: int, variants: int, tagged: bool = True
) -> str:
    """A collection's JSON from merged articles (JSON, reading order), file rows with their
    article counts, and the numbers of exact copies and variants merged."""

def merge(
    members: Sequence[Tuple[Place, str, str, Sequence[int], Optional[str]]],
    near_threshold: float = 0.8,
) -> Tuple[List[Tuple[int, int, str]], int, int]:
    """Merges one component's articles, given in reading order as
    (place, source, lines, shape, meta).

    Returns (articles as (unit, article, json), exact copies, variants)."""

def tag(article: str) -> str:
    """Tags an article (JSON) with the built-in model; returns the tagged article's JSON."""

def annotate(text: str) -> List[Tuple[str, int, int, str]]:
    """The entities of one text: (label, start, end, text), offsets in characters."""

def process(
    files: Sequence[Tuple[str, bytes]], entities: bool = True, near_threshold: float = 0.8
) -> str:
    """``folio FILE...``: the collection's JSON for files given in reading order."""

def run(
    files: Sequence[Tuple[str, bytes]], entities: bool = True, near_threshold: float = 0.8
) -> str:
    """The same pass cut into components as a cluster cuts it; equal to :func:`process`."""

def sign_arrow(batch: pyarrow.RecordBatch) -> pyarrow.RecordBatch:
    """The sign stage over a batch of files (columns ``file``: its number in reading order,
    ``name``, ``content``): rows of ``folio.spark.SIGNED`` (``row``, ``unit``, ``article`` and
    ``key`` rows)."""

def merge_arrow(batch: pyarrow.RecordBatch, near_threshold: float = 0.8, entities: bool = False) -> pyarrow.RecordBatch:
    """The merge stage over a batch of whole components (columns ``folio.spark.MEMBERS``,
    each component's rows together in reading order; an exact copy may come without
    ``lines``/``shape`` but with ``of_unit``/``of_article``, the first article with its text):
    rows of ``folio.spark.MERGED``. A component whose copies need their lines gives one row
    with ``failed`` set to it instead. With ``entities``, each article is tagged as it is
    written: :func:`tag_arrow` of the result, without a second pass."""

def tag_arrow(batch: pyarrow.RecordBatch) -> pyarrow.RecordBatch:
    """The tag stage over rows of ``folio.spark.MERGED``: column ``json`` tagged, the rest kept."""
