"""Sentence, clause and section lookups of one document, shared by figures and indicators.

Example:
    >>> idx = doc_index("甲乙。丙丁；戊")
    >>> idx.sentence(4), idx.clause_start(4)
    ((3, 6), 3)
"""
from __future__ import annotations

import re
from functools import lru_cache
from bisect import bisect_right
from heapq import heappop, heappush

import numpy as np

from ..clean import TERMINATOR, sentence_spans

_CLAUSE = re.compile(r"[，,。；;：:！？!?\n]")
# one sentence boundary of clean.sentence_spans (。！？；! ? ; runs with closing quotes, or a \n run),
# written to start with a character class so the regex engine can skip to it
_SENT_CUT = re.compile(r"(?:[。！？!；;\n]|\?(?![0-9０-９.．])(?<![0-9０-９]\?))"
                       r"(?:(?<=\n)\n*|(?<!\n)" + TERMINATOR + r"*[”’」』）)]*)")
def doc_index(text, sections=None) -> "DocIndex":
    """The sentence, clause and section lookups of one document: build it once and hand it to
    ``extract_figures(index=…)`` and ``extract_indicators(index=…)`` (no state is kept here)."""
    return DocIndex(text, sections)


def _ints(col) -> list:
    """A column as Python ints (what ``Series.astype(int)`` gives)."""
    if col.dtype == np.int64:
        return col.tolist()
    return np.asarray(col).astype(np.int64).tolist()


_CLAUSE_CHARS = "，,。；;：:！？!?\n"  # the characters of _CLAUSE


@lru_cache(maxsize=1)
def _clause_lut() -> np.ndarray:
    lut = np.zeros(0x110000, dtype=bool)
    lut[[ord(c) for c in _CLAUSE_CHARS]] = True
    return lut


def _clause_ends(text: str) -> list:
    """``[m.end() for m in _CLAUSE.finditer(text)]``, found with one numpy lookup over the code points
    (a "?" next to a digit is a destroyed character, not a clause end)."""
    ends = _clause_ends_raw(text)
    if "?" not in text:
        return ends
    digits = "0123456789０１２３４５６７８９"
    return [e for e in ends if not (text[e - 1] == "?" and ((e < len(text) and text[e] in digits + ".．")
                                                         or (e >= 2 and text[e - 2] in digits)))]


def _clause_ends_raw(text: str) -> list:
    if len(text) < 256:
        return [m.end() for m in _CLAUSE.finditer(text)]
    cp = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return (np.flatnonzero(_clause_lut()[cp]) + 1).tolist()


class DocIndex:
    """Sentence, clause and section lookups for one document (shared by figures and indicators).

    Sentences are those of ``clean.sentence_spans`` but found on demand around a position.
    """

    def __init__(self, text, sections=None):
        self.text = text
        self._cuts = [m.span() for m in _SENT_CUT.finditer(text)]
        self._cut_ends = [e for _, e in self._cuts]
        self._sent_memo: dict = {}
        self._spans = None
        self.clause_ends = _clause_ends(text)
        self.sections = None
        self._sec_bounds: list = []
        self._sec_owner: list = [(None, None)]
        if sections is not None and len(sections):
            self._index_sections(sections)

    def _index_sections(self, sections):
        """Sort the sections by (start, level) and precompute the deepest one of every stretch
        between two consecutive section bounds (one sweep with a heap: O(S log S), not O(S) per lookup)."""
        n = len(sections)
        s_l, e_l = _ints(sections["start"]), _ints(sections["end"])
        l_l = _ints(sections["level"]) if "level" in sections else [0] * n
        sid = sections["section_id"].tolist()
        part = sections["part"].tolist() if "part" in sections else [""] * n
        # a stable sort, like DataFrame.sort_values(["start", "level"])
        order = sorted(range(n), key=lambda i: (s_l[i], l_l[i]))
        self.sections = [(s_l[i], e_l[i], l_l[i], sid[i], part[i]) for i in order]
        bounds = sorted(set(s_l) | set(e_l))
        # owner[k]: (section_id, part) for positions p with bounds[k-1] <= p < bounds[k]
        owner = [(None, None)] * (len(bounds) + 1)
        heap: list = []  # (-level, -sorted position, end): the deepest, then the last, on top
        secs = self.sections
        j, m = 0, len(secs)
        for k in range(1, len(bounds)):
            lo = bounds[k - 1]
            while j < m and secs[j][0] <= lo:
                heappush(heap, (-secs[j][2], -j, secs[j][1]))
                j += 1
            while heap and heap[0][2] <= lo:
                heappop(heap)
            if heap:
                best = secs[-heap[0][1]]
                owner[k] = (best[3], best[4])
        self._sec_bounds = bounds
        self._sec_owner = owner

    def sentence(self, pos):
        """(start, end) of the sentence containing pos (the last sentence starting at or before it)."""
        k = bisect_right(self._cut_ends, pos)
        hit = self._sent_memo.get(k)
        if hit is None:
            text = self.text
            s = self._cut_ends[k - 1] if k else 0
            if k < len(self._cuts):
                cs, ce = self._cuts[k]
                e = cs if text[cs] == "\n" else ce
            else:
                e = len(text)
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            hit = self._sent_memo[k] = (s, e)
        if hit[0] < hit[1] and hit[0] <= pos:
            return hit
        return self._sentence_slow(pos)

    def _sentence_slow(self, pos):
        if self._spans is None:
            self._spans = sentence_spans(self.text)
            self._starts = [s for s, _ in self._spans]
        i = bisect_right(self._starts, pos) - 1
        return self._spans[i] if i >= 0 else (0, 0)

    def clause_start(self, pos):
        i = bisect_right(self.clause_ends, pos) - 1
        return self.clause_ends[i] if i >= 0 else 0

    def clause_end(self, pos):
        i = bisect_right(self.clause_ends, pos)
        return self.clause_ends[i] - 1 if i < len(self.clause_ends) else len(self.text)

    def line_start(self, pos):
        return self.text.rfind("\n", 0, pos) + 1

    def section(self, pos):
        """(section_id, part) of the deepest section containing pos, or (None, None)."""
        return self._sec_owner[bisect_right(self._sec_bounds, pos)]

    def section_ids(self, positions) -> list:
        """section_id of the deepest section containing each position (vectorised ``section``)."""
        if not self.sections:
            return [None] * len(positions)
        owner = self._sec_owner
        ks = np.searchsorted(np.asarray(self._sec_bounds, dtype=np.int64),
                             np.asarray(positions, dtype=np.int64), side="right").tolist()
        return [owner[k][0] for k in ks]
