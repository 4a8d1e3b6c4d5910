"""Domain-aware Chinese tokenisation and per-document term counts.

jieba is the reference tokenizer, always through the package's own ``jieba.Tokenizer`` (never
jieba's global instance), loaded with ``resources/userdict.txt`` (environmental-governance terms
with explicit frequencies) and filtered by ``resources/stopwords.txt``. Users add words and
stopwords with keyword arguments (``extra_words=``, ``extra_stopwords=``, ``userdict=``,
``stopwords_file=``); one tokenizer is built and cached per configuration.

Backend: jieba cuts by default. ``ECOANALYSIS_TOKENIZER=rjieba`` (or ``analyzer(backend="rjieba")``)
cuts with jieba-rs instead, with the same tokens and several times faster (``pip install
ecoanalysis[fast]``; :mod:`ecoanalysis.words.backends`); without ``rjieba`` installed it warns once
and jieba cuts.

A *term* is a token that is at least two characters long, is not a stopword, a number (Arabic or
Chinese numerals, with or without a classifier), a masked number (``**``, ``XX``, ``××``), a unit,
or punctuation. Latin pollutant codes keep one canonical spelling (pm2.5 → PM2.5).

Corpus-level analyses (``term_frequencies``, ``distinctive_terms``, ``kwic``, ``cooccurrence``)
live in :mod:`ecoanalysis.words.keyness`; per-document work imports this module only.

Example:
    >>> tokenize("PM2.5平均浓度为32.2微克，pm2.5持续改善，**县黑臭水体全部消除")
    ['PM2.5', '平均', '浓度', '微克', 'PM2.5', '改善', '黑臭水体', '消除']
    >>> count_terms("一、成绩\\n优良天数增加。\\n二、问题\\n优良天数减少。", None, doc_id="d")
      doc_id      part  term  count
    0      d  preamble  优良天数      2
    1      d  preamble    减少      1
    2      d  preamble    增加      1
    3      d  preamble    成绩      1
"""
from __future__ import annotations

import contextlib
import logging
import os
import re
import warnings
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, Mapping

import numpy as np
import pandas as pd

from ..document import Doc, as_doc
from ..resources import read_lines, resource_paths
from .backends import BACKENDS

__all__ = [
    "get_tokenizer", "tokenize", "term_spans", "count_terms", "sentence_terms", "analyse_terms",
    "stopwords",
    "domain_words", "PARTS", "DEFAULT_WORD_FREQ", "analyzer",
]

PARTS = ("preamble", "achievements", "problems", "plans")
BACKEND_ENV = "ECOANALYSIS_TOKENIZER"
DEFAULT_WORD_FREQ = 30000  # same as the shipped governance terms: high enough never to split

with warnings.catch_warnings():
    # jieba 0.42 imports pkg_resources and has invalid escape sequences: both warn on import
    warnings.simplefilter("ignore")
    import jieba

# Offset-preserving normalisation before cutting: full-width and subscript digits/letters map to
# ASCII one character for one character, so token offsets stay offsets into the caller's text.
_WIDTH = {0xFF0E: "."}
_WIDTH.update({c: chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)})  # ０-９
_WIDTH.update({c: chr(c - 0xFEE0) for c in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
_WIDTH.update({c: chr(c - 0xFEE0) for c in range(0xFF41, 0xFF5B)})  # ａ-ｚ
_WIDTH.update({0x2080 + i: str(i) for i in range(10)})  # ₀-₉ (PM₂.₅, O₃)
_WIDTH_TABLE = str.maketrans(_WIDTH)
_NEEDS_WIDTH = re.compile("[\uff0e\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\u2080-\u2089]")

# a run of Latin letters/digits (a dot only inside): the unit whose case gets canonicalised
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:\.[0-9A-Za-z]+)*")
_CJK = re.compile(r"^[\u4e00-\u9fff]+$")
_ACRONYM = re.compile(r"^[A-Z]{2,}[a-z]?$")  # COD, GDP, VOCs; lowercase Latin is units (ug, mg)
_MASK = re.compile(r"[*＊×Ⅹ]|XX|xx|^[Xx](?:[\u4e00-\u9fff]|$)")
_DIGIT = re.compile(r"[0-9]")
# Chinese numerals, alone or with an ordinal prefix / classifier: 二十, 第三, 三个, 两批, 万元
_CN_NUMBER = re.compile(
    r"^第?[零〇一二三四五六七八九十百千万亿两几数余多]+"
    r"[个项次家件批年月日天名条处座份期人户台辆吨亩元倍位种类轮季度号届所套场起宗例段]*$"
)


@contextlib.contextmanager
def _quiet_jieba():
    """Silence jieba's start-up log and warnings for the duration, then restore its logger."""
    logger = logging.getLogger("jieba")
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def _parse_userdict(path) -> list[tuple[str, int, str | None]]:
    """``word [freq] [pos]`` lines (comments skipped). Missing frequency → DEFAULT_WORD_FREQ."""
    out = []
    for line in read_lines(path):
        parts = line.split()
        word, freq, tag = parts[0], DEFAULT_WORD_FREQ, None
        if len(parts) > 1 and parts[1].isdigit():
            freq = int(parts[1])
            tag = parts[2] if len(parts) > 2 else None
        elif len(parts) > 1:
            tag = parts[1]
        out.append((word, freq, tag))
    return out


def _norm_words(extra_words) -> tuple:
    """Hashable form of ``extra_words`` (iterable of words or (word, freq), or a mapping)."""
    if not extra_words:
        return ()
    if isinstance(extra_words, str):
        extra_words = [extra_words]
    items = extra_words.items() if isinstance(extra_words, Mapping) else extra_words
    out = []
    for item in items:
        word, freq = (item, DEFAULT_WORD_FREQ) if isinstance(item, str) else item
        out.append((str(word).strip(), int(freq or DEFAULT_WORD_FREQ)))
    return tuple(sorted(set(w for w in out if w[0])))


def _file_key(path) -> tuple | None:
    """Path plus mtime and size: an edited file gives a new cache key, hence a new tokenizer."""
    if path is None:
        return None
    p = Path(path).expanduser().resolve()
    st = p.stat()  # a missing file fails loudly here, not silently later
    return (str(p), st.st_mtime_ns, st.st_size)


class _Analyzer:
    """A configured tokenizer plus the rules that turn its tokens into terms."""

    def __init__(self, words: tuple, userdict: tuple | None, stops: tuple, stops_file: tuple | None,
                 backend: str = "jieba"):
        entries = [e for path in resource_paths("userdict.txt") for e in _parse_userdict(path)]  # overlay too
        if userdict:
            entries += _parse_userdict(userdict[0])
        entries += [(w, f, None) for w, f in words]
        with _quiet_jieba():
            tok = jieba.Tokenizer()
            tok.initialize()
            for word, freq, tag in entries:
                tok.add_word(word, freq, tag)
        self.tokenizer = tok
        self.backend, self._cut = _cutter(tok, backend)
        self.words = frozenset(w for w, _, _ in entries)
        stop = set(read_lines("stopwords.txt"))
        if stops_file:
            stop.update(read_lines(stops_file[0]))
        stop.update(s.strip() for s in stops if s.strip())
        self.stopwords = frozenset(stop)
        # Latin-bearing dictionary words get one canonical case: pm2.5 / Pm2.5 → PM2.5
        latin = [w for w in self.words if re.search("[A-Za-z]", w)]
        self._canon = {w.lower(): w for w in latin}
        self._memo: dict[str, str | None] = {}

    def normalise(self, text: str) -> str:
        """Offset-preserving normalisation: width, subscripts, canonical case of Latin terms."""
        if _NEEDS_WIDTH.search(text):
            text = text.translate(_WIDTH_TABLE)
        if self._canon:
            text = _LATIN_RUN.sub(self._recase, text)
        return text

    def _recase(self, m: re.Match) -> str:
        run = m.group()
        return self._canon.get(run.lower(), run)

    def term(self, token: str) -> str | None:
        """The term a token counts as, or None (memoised: vocabularies are small, texts are long)."""
        try:
            return self._memo[token]
        except KeyError:
            pass
        out = self._classify(token)
        if len(self._memo) > 500_000:  # bound memory on pathological inputs
            self._memo.clear()
        self._memo[token] = out
        return out

    def _classify(self, t: str) -> str | None:
        if len(t) < 2 or t in self.stopwords:
            return None
        if t in self.words:
            return t
        if _MASK.search(t) or _DIGIT.search(t):
            return None
        if _CJK.match(t):
            return None if _CN_NUMBER.match(t) else t
        return t if _ACRONYM.match(t) else None

    def spans(self, text: str) -> Iterator[tuple[str, int, int]]:
        """(term, start, end) for every term of ``text``; offsets index the caller's text."""
        pos = 0
        term = self.term
        for tok in self._cut(self.normalise(text)):
            n = len(tok)
            if n > 1:
                t = term(tok)
                if t is not None:
                    yield t, pos, pos + n
            pos += n


def _cutter(tok, backend: str):
    """(backend in use, ``cut(text)`` giving jieba's tokens); jieba when ``rjieba`` is missing."""
    if backend == "rjieba":
        try:
            from .backends import RJiebaCutter

            return backend, RJiebaCutter(tok)
        except ImportError:
            # shown once per place by Python's default warning filter (no state kept here)
            warnings.warn("tokenizer backend 'rjieba' is not installed (pip install ecoanalysis[fast]); "
                          "jieba cuts (same tokens, slower)", stacklevel=4)
    return "jieba", tok.cut


def _backend(backend) -> str:
    if backend is not None:
        if backend not in BACKENDS:
            raise ValueError(f"tokenizer backend {backend!r} is not one of {BACKENDS}")
        return backend
    env = os.environ.get(BACKEND_ENV, "").strip().lower() or "jieba"
    if env not in BACKENDS:
        warnings.warn(f"${BACKEND_ENV}={env!r} is not one of {BACKENDS}; jieba cuts", stacklevel=3)
        return "jieba"
    return env


@lru_cache(maxsize=4)
def _analyzer(words: tuple, userdict, stops: tuple, stops_file, backend: str = "jieba") -> _Analyzer:
    return _Analyzer(words, userdict, stops, stops_file, backend)


def analyzer(extra_words=None, userdict=None, extra_stopwords=None, stopwords_file=None, *,
             backend: str | None = None) -> _Analyzer:
    """The cached analyzer of one configuration. ``backend``: ``"jieba"`` or ``"rjieba"`` (same
    tokens; default ``$ECOANALYSIS_TOKENIZER``, else jieba)."""
    if isinstance(extra_stopwords, str):
        extra_stopwords = [extra_stopwords]
    stops = tuple(sorted(set(extra_stopwords or ())))
    return _analyzer(_norm_words(extra_words), _file_key(userdict), stops, _file_key(stopwords_file),
                     _backend(backend))


def get_tokenizer(*, extra_words=None, userdict=None) -> "jieba.Tokenizer":
    """The package's own ``jieba.Tokenizer`` with the domain dictionary (+ user words), cached.

    >>> get_tokenizer().lcut("中央生态环境保护督察回头看")
    ['中央生态环境保护督察', '回头看']
    """
    return analyzer(extra_words, userdict).tokenizer


def stopwords(*, extra_stopwords=None, stopwords_file=None) -> frozenset:
    """The active stopword set: shipped list + ``stopwords_file`` lines + ``extra_stopwords``."""
    return analyzer(extra_stopwords=extra_stopwords, stopwords_file=stopwords_file).stopwords


def domain_words(*, extra_words=None, userdict=None) -> frozenset:
    """Every dictionary word added on top of jieba's own dictionary (shipped + user)."""
    return analyzer(extra_words, userdict).words


def term_spans(text: str, *, extra_words=None, extra_stopwords=None, userdict=None,
               stopwords_file=None) -> Iterator[tuple[str, int, int]]:
    """Yield ``(term, start, end)`` for each term of ``text`` in order; ``text[start:end]`` is it
    (up to width/case normalisation, e.g. ``pm2.5`` yields ``PM2.5``).

    >>> list(term_spans("河长制全面落地，入河排污口整治"))
    [('河长制', 0, 3), ('落地', 5, 7), ('入河排污口', 8, 13)]
    """
    return analyzer(extra_words, userdict, extra_stopwords, stopwords_file).spans(text)


def tokenize(text: str, *, extra_words=None, extra_stopwords=None, userdict=None,
             stopwords_file=None) -> list[str]:
    """Terms of ``text`` in order: jieba tokens minus stopwords, numbers, masks, punctuation,
    units and single characters.

    >>> tokenize("今年排污许可证核发10家，XX县双随机一公开检查**次")
    ['排污许可证', '核发', '双随机一公开', '检查']
    """
    a = analyzer(extra_words, userdict, extra_stopwords, stopwords_file)
    return [t for t, _, _ in a.spans(text)]


_MISSING = object()  # a memo miss (None is a memoised "not a term")


def _tokens(text: str, analyzer: "_Analyzer") -> tuple[list[str], np.ndarray]:
    """Terms of ``text`` and their start offsets (``analyse_terms`` calls it once per document for
    both the term table and the sentence terms; nothing is kept between calls)."""
    terms: list[str] = []
    starts: list[int] = []
    add_t, add_s = terms.append, starts.append
    # ``analyzer.spans(text)`` inlined (one generator layer less per token, ~1,000 tokens per report);
    # the memo read directly, ``term`` only for a token not seen yet (it fills and bounds the memo)
    memo, term, missing = analyzer._memo, analyzer.term, _MISSING
    pos = 0
    for tok in analyzer._cut(analyzer.normalise(text)):
        n = len(tok)
        if n > 1:
            t = memo.get(tok, missing)
            if t is missing:
                t = term(tok)
            if t is not None:
                add_t(t)
                add_s(pos)
        pos += n
    return terms, np.array(starts, dtype=np.int64)


def _doc_of(text, sections, doc_id) -> Doc:
    """The Doc to count: ``text`` itself when it is one, else the text with the rows of
    ``sections`` that belong to ``doc_id`` (a corpus-wide sections table may be passed)."""
    if isinstance(text, Doc):
        return text
    sec = sections
    if sec is not None and len(sec) and "doc_id" in sec.columns and doc_id is not None \
            and (sec["doc_id"] == doc_id).any():
        sec = sec[sec["doc_id"] == doc_id]
    return as_doc(text, doc_id=doc_id, sections=sec)


def doc_tokens(doc: Doc, a: "_Analyzer") -> tuple[list[str], np.ndarray]:
    """The document's terms and start offsets under analyzer ``a``, tokenised once per document
    (memoised on the Doc, so the term table, the sentence terms and the problem statements'
    tokens share one jieba pass).

    >>> from ecoanalysis.document import Doc
    >>> terms, starts = doc_tokens(Doc("加强大气污染防治。", doc_id="d"), analyzer())
    >>> len(terms) == len(starts) and all("加强大气污染防治。"[s:].startswith(t) for t, s in zip(terms, starts))
    True
    """
    key = ("terms", a)
    hit = doc.memo.get(key)
    if hit is None:
        hit = doc.memo[key] = _tokens(doc.text, a)
    return hit


def _terms_table(doc: Doc, terms: list[str], starts: np.ndarray, default_part) -> pd.DataFrame:
    """Term counts per part: each term takes the part of the deepest section containing it
    (``Doc.section_index``), terms outside every section take ``default_part``."""
    index = doc.section_index
    bad = sorted({r[4] for r in index.rows} - set(PARTS), key=str)
    if bad:
        raise ValueError(f"section part {bad[0]!r} not one of {PARTS}")
    code = {p: i for i, p in enumerate(PARTS)}
    part_of = [code[p] for p in index.parts(starts, default=default_part)] if len(terms) else []
    counts = Counter(zip(part_of, terms))
    rows = sorted(counts.items(), key=lambda kv: (kv[0][0], -kv[1], kv[0][1]))
    df = pd.DataFrame({
        "doc_id": [doc.doc_id] * len(rows),
        "part": [PARTS[p] for (p, _), _ in rows],
        "term": [t for (_, t), _ in rows],
        "count": np.array([c for _, c in rows], dtype=np.int64),
    })
    # already the contract's columns in order with a RangeIndex: frame("terms", df) would return
    # an equal copy (~0.3 ms per report)
    return df


def _by_sentence(doc: Doc, terms: list[str], starts: np.ndarray) -> list[list[str]]:
    spans = doc.sentences
    out: list[list[str]] = [[] for _ in spans]
    if not spans or not terms:
        return out
    s_start = np.fromiter((s for s, _ in spans), dtype=np.int64, count=len(spans))
    s_end = np.fromiter((e for _, e in spans), dtype=np.int64, count=len(spans))
    idx = np.searchsorted(s_start, starts, side="right") - 1
    ok = (idx >= 0) & (starts < s_end[np.maximum(idx, 0)])
    for t, i, keep in zip(terms, idx.tolist(), ok.tolist()):
        if keep:
            out[i].append(t)
    return out


def analyse_terms(text: "Doc | str", sections: pd.DataFrame | None = None, *, doc_id: str | None = None,
                  default_part: str = "preamble", extra_words=None, extra_stopwords=None,
                  userdict=None, stopwords_file=None) -> tuple[pd.DataFrame, list[list[str]]]:
    """``count_terms`` and ``sentence_terms`` of one document from a single tokenisation.

    Returns ``(terms, per_sentence)``: the ``terms`` table (doc_id, part, term, count) exactly as
    ``count_terms(text, sections, doc_id=…)`` gives it, and the terms of each sentence exactly as
    ``sentence_terms(text)`` gives them. Time is linear in the length of the text.

    >>> terms, per_sentence = analyse_terms("黑臭水体已消除。\\n尾矿库整改滞后。", None, doc_id="d")
    >>> int(terms["count"].sum()) == sum(map(len, per_sentence)), per_sentence
    (True, [['黑臭水体', '消除'], ['尾矿库', '整改', '滞后']])
    """
    doc = _doc_of(text, sections, doc_id)
    terms, starts = doc_tokens(doc, analyzer(extra_words, userdict, extra_stopwords, stopwords_file))
    return _terms_table(doc, terms, starts, default_part), _by_sentence(doc, terms, starts)


def count_terms(text: "Doc | str", sections: pd.DataFrame | None = None, *, doc_id: str | None = None,
                default_part: str = "preamble", extra_words=None, extra_stopwords=None,
                userdict=None, stopwords_file=None) -> pd.DataFrame:
    """Count the terms of one document per part: the ``terms`` table (doc_id, part, term, count).

    ``sections`` is the document's sections table (start, end, level, part; rows of other
    documents are ignored when it has ``doc_id``); each term takes the part of the deepest section
    containing it. ``sections=None`` puts everything in ``default_part``. Tokenises the text once
    (and not again for ``sentence_terms`` of the same text right after; ``analyse_terms`` gives
    both at once). Rows are ordered by part (preamble, achievements, problems, plans), count
    descending, term.

    >>> secs = pd.DataFrame({"section_id": ["d:s1", "d:s2"], "level": [1, 1],
    ...                      "start": [0, 10], "end": [10, 20], "part": ["achievements", "problems"]})
    >>> count_terms("黑臭水体已消除，黑臭水体。\\n\\n反弹。", secs, doc_id="d")
      doc_id          part  term  count
    0      d  achievements  黑臭水体      2
    1      d  achievements    消除      1
    2      d      problems    反弹      1
    """
    doc = _doc_of(text, sections, doc_id)
    terms, starts = doc_tokens(doc, analyzer(extra_words, userdict, extra_stopwords, stopwords_file))
    return _terms_table(doc, terms, starts, default_part)


def sentence_terms(text: "Doc | str", *, extra_words=None, extra_stopwords=None, userdict=None,
                   stopwords_file=None) -> list[list[str]]:
    """Terms of each sentence (``clean.sentence_spans``), one list per sentence, empty lists kept
    so that index i is sentence i. Tokenises the text once (jieba never cuts across 。；！？ or
    line breaks, so this equals tokenising each sentence).

    >>> sentence_terms("河长制全面推行。黑臭水体消除；\\n创模")
    [['河长制'], ['黑臭水体', '消除'], ['创模']]
    """
    doc = as_doc(text)
    return _by_sentence(doc, *doc_tokens(doc, analyzer(extra_words, userdict, extra_stopwords, stopwords_file)))
