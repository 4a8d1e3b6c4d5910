"""Features shared by the per-document plan links and the corpus-level clusters: word tokens
(the package's jieba tokenizer), character bigrams and theme vectors of a statement, and the
weights of the blended similarity. The reasoning behind every number is in
``ecoanalysis.problems.clusters``."""
from __future__ import annotations

import re

import numpy as np

WEIGHTS = {"words": 0.35, "chars": 0.15, "themes": 0.50}
THEME_HEADING_WEIGHT = 0.5  # themed-heading cues count half in the similarity's theme vector
THEME_POWER = 2.0  # squaring theme scores sharpens a statement towards its dominant theme

_NON_CJK = re.compile(r"[^\u4e00-\u9fff]+")

# ---------------------------------------------------------------- features

def statement_tokens(text: str) -> list[str]:
    from ..words.tokens import tokenize
    return tokenize(text)


def span_tokens(doc, spans, *, cut_document: bool = False) -> list[list[str]]:
    """``statement_tokens(doc.text[a:b])`` for each ``(a, b)`` of the :class:`~ecoanalysis.document.Doc`.

    jieba cuts each block (a maximal run of its ``re_han_default`` characters) on its own and every
    other character alone, so a span whose both ends are block ends has exactly the tokens of the
    document's own tokenisation there: those are read from it (memoised on the Doc, the one the
    words stage counts) when it exists, or when ``cut_document`` asks to make it. A span that
    starts or ends inside a block (``1.加强…``: the marker is cut off) has the document's tokens
    between its first and last block ends, and its two partial blocks are cut alone, as cutting
    the whole span alone would cut them; a span inside one block is cut alone."""
    from ..words.tokens import doc_tokens, analyzer

    a = analyzer()
    key = ("terms", a)
    if key not in doc.memo and not cut_document:
        return [statement_tokens(doc.text[s:e]) for s, e in spans]
    terms, starts = doc_tokens(doc, a)
    text = doc.text
    norm = doc.memo.get(("normalised", a))
    if norm is None:
        norm = doc.memo[("normalised", a)] = a.normalise(text)  # what jieba cuts (same offsets)
    from jieba import re_han_default

    han = re_han_default.match  # looked up once, not per character tested
    n = len(norm)

    def block_end(k):  # True when jieba's tokens of ``norm`` never run across offset ``k``
        if k <= 0 or k >= n:
            return True
        x, y = norm[k - 1], norm[k]
        if x == "\r" and y == "\n":  # one "\r\n" token
            return False
        return not (han(x) and han(y))

    out = []
    for s, e in spans:
        if s >= e:
            out.append(statement_tokens(text[s:e]))
            continue
        a_, b_ = s, e  # the first and the last block end inside the span
        while a_ < e and not block_end(a_):
            a_ += 1
        while b_ > a_ and not block_end(b_):
            b_ -= 1
        if a_ >= b_:  # within one block
            out.append(statement_tokens(text[s:e]))
            continue
        i, j = np.searchsorted(starts, [a_, b_], side="left").tolist()
        head = statement_tokens(text[s:a_]) if a_ > s else []
        tail = statement_tokens(text[b_:e]) if e > b_ else []
        out.append(head + terms[i:j] + tail)
    return out


def char_bigrams(text: str) -> list[str]:
    out = []
    for run in _NON_CJK.split(text):
        out += [run[i:i + 2] for i in range(len(run) - 1)]
    return out


def theme_matrix(texts, headings) -> np.ndarray:
    from .statements import lexicon_hits, theme_scores, themes
    names = [t for t in themes() if t != "other"]
    axes: dict = {}
    for k, t in enumerate(names):
        axes.setdefault(t, k)  # list.index: the first position
    m = np.zeros((len(texts), len(names)))
    memo: dict = {}  # this call's cue hits per string: statements repeat their headings, items their contexts

    def hits(s):
        h = memo.get(s)
        if h is None:
            h = memo[s] = lexicon_hits(s)
        return h

    for i, (t, h) in enumerate(zip(texts, headings)):
        for theme, (score, _cues) in theme_scores(t, h, heading_weight=THEME_HEADING_WEIGHT, cue_hits=hits).items():
            k = axes.get(theme)
            if k is not None:
                m[i, k] = score
    return m ** THEME_POWER
