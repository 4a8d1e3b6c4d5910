"""One document, built once: cleaned text, offset map, sentences, clauses and the section index.

A :class:`Doc` is what every per-document stage after segmentation reads (extract, tables,
problems, words): the sentences are split once (``clean.sentence_spans``, the package's one
splitter), the deepest-section lookup is one :class:`SectionIndex`, and lazily computed
per-document values (the tokens, say) are memoised on the document itself, never in a module.

The pipeline builds it as ``Doc.from_clean(ct, doc_id=…)`` and, once the segment stage has run,
``doc.with_sections(sections)`` (a new Doc that keeps the sentences already split). Functions
that take a ``Doc`` also take plain text: :func:`as_doc` builds the Doc for them.

Example:
    >>> d = Doc("甲乙。丙丁；戊", doc_id="d")
    >>> d.sentences, d.sentence(4), d.clause_start(4)
    ([(0, 3), (3, 6), (6, 7)], (3, 6), 3)
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import cached_property, lru_cache
from heapq import heappop, heappush

import numpy as np

from .clean import sentence_spans

_CLAUSE_CHARS = "，,。；;：:！？!?\n"
_CLAUSE = re.compile("[" + re.escape(_CLAUSE_CHARS) + "]")
_DIGITS = "0123456789０１２３４５６７８９"


def _ints(col) -> list:
    """A column as Python ints (what ``Series.astype(int)`` gives)."""
    if col.dtype == np.int64:
        return col.tolist()
    return np.asarray(col).astype(np.int64).tolist()


class SectionIndex:
    """The deepest section at any offset of one document: the package's one section lookup.

    Built from a ``sections`` table (section_id, start, end, level, part) in O(S log S): the text
    is cut at every section bound and each stretch gets its owner, the deepest section containing
    it (equal depth: the later start, then the later row). Lookups are a bisection.

    >>> import pandas as pd
    >>> secs = pd.DataFrame({"section_id": ["d:s1", "d:s2"], "start": [0, 4], "end": [10, 8],
    ...                      "level": [1, 2], "part": ["achievements", "problems"]})
    >>> ix = SectionIndex(secs)
    >>> ix.at(5), ix.at(9), ix.at(12), ix.ids([0, 4, 8])
    (('d:s2', 'problems'), ('d:s1', 'achievements'), (None, None), ['d:s1', 'd:s2', 'd:s1'])
    """

    def __init__(self, sections=None):
        self.bounds: list = []
        self.owners: list = [(None, None)]
        self.rows: list = []
        if sections is not None and len(sections):
            self._build(sections)

    def _build(self, sections):
        n = len(sections)
        s_l, e_l = _ints(sections["start"]), _ints(sections["end"])
        l_l = _ints(sections["level"]) if "level" in sections else [0] * n
        sid = sections["section_id"].tolist()
        part = sections["part"].tolist() if "part" in sections else [""] * n
        order = sorted(range(n), key=lambda i: (s_l[i], l_l[i]))  # stable, like sort_values
        rows = self.rows = [(s_l[i], e_l[i], l_l[i], sid[i], part[i]) for i in order]
        bounds = sorted(set(s_l) | set(e_l))
        # owners[k]: (section_id, part) for positions p with bounds[k-1] <= p < bounds[k]
        owners = [(None, None)] * (len(bounds) + 1)
        heap: list = []  # (-level, -sorted position, end): the deepest, then the last, on top
        j, m = 0, len(rows)
        for k in range(1, len(bounds)):
            lo = bounds[k - 1]
            while j < m and rows[j][0] <= lo:
                heappush(heap, (-rows[j][2], -j, rows[j][1]))
                j += 1
            while heap and heap[0][2] <= lo:
                heappop(heap)
            if heap:
                best = rows[-heap[0][1]]
                owners[k] = (best[3], best[4])
        self.bounds, self.owners = bounds, owners

    def __bool__(self) -> bool:
        return bool(self.rows)

    def at(self, pos):
        """(section_id, part) of the deepest section containing ``pos``, or (None, None)."""
        return self.owners[bisect_right(self.bounds, pos)]

    def _slots(self, positions) -> list:
        return np.searchsorted(np.asarray(self.bounds, dtype=np.int64),
                               np.asarray(positions, dtype=np.int64), side="right").tolist()

    def ids(self, positions) -> list:
        """section_id of the deepest section containing each position (None outside all)."""
        if not self.rows:
            return [None] * len(positions)
        owners = self.owners
        return [owners[k][0] for k in self._slots(positions)]

    def parts(self, positions, *, default=None) -> list:
        """part of the deepest section containing each position (``default`` outside all)."""
        if not self.rows:
            return [default] * len(positions)
        owners = self.owners
        return [default if owners[k][0] is None else owners[k][1] for k in self._slots(positions)]


@lru_cache(maxsize=1)
def _clause_lut() -> np.ndarray:
    lut = np.zeros(0x110000, dtype=bool)
    lut[[ord(c) for c in _CLAUSE_CHARS]] = True
    return lut


def clause_ends(text: str) -> list:
    """End offsets of the clause marks of ``text`` (，。；：！？ and line breaks); a "?" next to a
    digit is a destroyed character, not a clause end (上?.9个百分点).

    >>> clause_ends("甲，乙。4?5")
    [2, 4]
    """
    if len(text) < 256:
        ends = [m.end() for m in _CLAUSE.finditer(text)]
    else:  # one numpy lookup over the code points
        cp = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        ends = (np.flatnonzero(_clause_lut()[cp]) + 1).tolist()
    if "?" not in text:
        return ends
    return [e for e in ends if not (text[e - 1] == "?" and ((e < len(text) and text[e] in _DIGITS + ".．")
                                                         or (e >= 2 and text[e - 2] in _DIGITS)))]


class Doc:
    """One cleaned document and its lookups (see the module docstring).

    Attributes: ``doc_id``, ``text`` (cleaned), ``original`` (as decoded), ``origin`` (offset map
    into ``original``, or None), ``script``, ``sections`` (the sections table, or None before
    segmentation), ``tables`` (Word/PDF table cells from ingest). Lazily: ``sentences``,
    ``clause_ends``, ``section_index``; ``memo`` holds what later stages compute once per document.
    """

    def __init__(self, text: str, *, doc_id: str, sections=None, original: str | None = None,
                 origin=None, script: str = "simplified", tables=None, clean=None):
        self.doc_id = doc_id
        self.text = text
        self.original = text if original is None else original
        self.origin = origin
        self.script = script
        self.sections = sections
        self.tables = list(tables or [])
        self.clean = clean  # the clean.CleanText it was built from (offset map and removal log)
        self.memo: dict = {}

    @classmethod
    def from_clean(cls, ct, *, doc_id: str, sections=None, tables=None) -> "Doc":
        """The Doc of a ``clean.CleanText``."""
        return cls(ct.text, doc_id=doc_id, sections=sections, original=ct.original, origin=ct.origin,
                   script=ct.script, tables=tables, clean=ct)

    def with_sections(self, sections) -> "Doc":
        """This document with its sections table: the sentences and clauses already split are kept."""
        new = Doc(self.text, doc_id=self.doc_id, sections=sections, original=self.original, origin=self.origin,
                  script=self.script, tables=self.tables, clean=self.clean)
        for name in ("sentences", "_sentence_starts", "clause_ends"):
            if name in self.__dict__:
                new.__dict__[name] = self.__dict__[name]
        new.memo = self.memo
        return new

    def __repr__(self) -> str:
        n = 0 if self.sections is None else len(self.sections)
        return f"Doc({self.doc_id!r}, {len(self.text)} chars, {n} sections)"

    # sentences and clauses -------------------------------------------------------------
    @cached_property
    def sentences(self) -> list:
        """Sentence spans ``[(start, end), …]`` (``clean.sentence_spans``)."""
        return sentence_spans(self.text)

    @cached_property
    def _sentence_starts(self) -> list:
        return [s for s, _ in self.sentences]

    def sentence(self, pos):
        """(start, end) of the sentence containing ``pos`` (the last one starting at or before it)."""
        i = bisect_right(self._sentence_starts, pos) - 1
        return self.sentences[i] if i >= 0 else (0, 0)

    def sentences_in(self, start: int, end: int, *, semicolon: bool = True) -> list:
        """Sentence spans of ``text[start:end]``, as offsets into the whole text."""
        return [(start + a, start + b) for a, b in sentence_spans(self.text[start:end], semicolon=semicolon)]

    @cached_property
    def clause_ends(self) -> list:
        return clause_ends(self.text)

    def clause_start(self, pos):
        ends = self.clause_ends
        i = bisect_right(ends, pos) - 1
        return ends[i] if i >= 0 else 0

    def clause_end(self, pos):
        ends = self.clause_ends
        i = bisect_right(ends, pos)
        return ends[i] - 1 if i < len(ends) else len(self.text)

    def line_start(self, pos):
        return self.text.rfind("\n", 0, pos) + 1

    # sections --------------------------------------------------------------------------
    @cached_property
    def section_index(self) -> SectionIndex:
        return SectionIndex(self.sections)

    def section(self, pos):
        """(section_id, part) of the deepest section containing ``pos``, or (None, None)."""
        return self.section_index.at(pos)

    def section_ids(self, positions) -> list:
        """section_id of the deepest section containing each position."""
        return self.section_index.ids(positions)


def as_doc(obj, *, doc_id: str | None = None, sections=None) -> Doc:
    """``obj`` if it is a :class:`Doc`, else the Doc of the text ``obj`` (with ``sections``).

    >>> as_doc("甲。", doc_id="d").sentences
    [(0, 2)]
    """
    if isinstance(obj, Doc):
        if sections is not None and obj.sections is None:
            return obj.with_sections(sections)
        return obj
    if not isinstance(obj, str):
        raise TypeError(f"expected a Doc or the document's text, got {type(obj).__name__}")
    return Doc(obj, doc_id=doc_id or "doc", sections=sections)


__all__ = ["Doc", "SectionIndex", "as_doc", "clause_ends"]
