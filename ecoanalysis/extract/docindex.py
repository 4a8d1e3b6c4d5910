"""Sentence, clause and section lookups of one document, shared by figures and indicators.

Example:
    >>> idx = doc_index("甲乙。丙丁；戊")
    >>> idx.sentence(4), idx is doc_index(idx.text)
    ((3, 6), True)
"""
from __future__ import annotations

import re
from bisect import bisect_right

from ..clean import sentence_spans

_CLAUSE = re.compile(r"[，,。；;：:！？!?\n]")
# one sentence boundary of clean.sentence_spans (。！？；! ? ; runs with closing quotes, or a \n run),
# written to start with a character class so the regex engine can skip to it
_SENT_CUT = re.compile(r"[。！？!?；;\n](?:(?<=\n)\n*|(?<!\n)[。！？!?；;]*[”’」』）)]*)")
_LAST_INDEX: list = [None, None, None]  # text, sections, DocIndex of the last document


def doc_index(text, sections=None) -> "DocIndex":
    """The DocIndex of ``text``, shared by extract_figures and extract_indicators on the same objects."""
    if _LAST_INDEX[0] is text and _LAST_INDEX[1] is sections:
        return _LAST_INDEX[2]
    idx = DocIndex(text, sections)
    _LAST_INDEX[:] = [text, sections, idx]
    return idx


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
        self.clause_ends = [m.end() for m in _CLAUSE.finditer(text)]
        self.sections = None
        self._sec_bounds: list = []
        self._sec_memo: dict = {}
        if sections is not None and len(sections):
            sec = sections.sort_values(["start", "level"]) if "level" in sections else sections.sort_values("start")
            self.sections = list(zip(sec["start"].astype(int), sec["end"].astype(int),
                                     sec["level"].astype(int) if "level" in sec else [0] * len(sec),
                                     sec["section_id"], sec["part"] if "part" in sec else [""] * len(sec)))
            self._sec_bounds = sorted({x for s, e, *_ in self.sections for x in (s, e)})

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
        if not self.sections:
            return None, None
        k = bisect_right(self._sec_bounds, pos)  # the answer is constant between two bounds
        hit = self._sec_memo.get(k)
        if hit is None:
            best = None
            for s, e, lvl, sid, part in self.sections:
                if s > pos:
                    break
                if pos < e and (best is None or lvl >= best[0]):
                    best = (lvl, sid, part)
            hit = self._sec_memo[k] = (best[1], best[2]) if best else (None, None)
        return hit
