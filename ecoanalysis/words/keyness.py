"""Corpus-level term analyses: frequencies, distinctive terms (keyness), KWIC, co-occurrence.

All functions take a corpus (``ecoanalysis.corpus.read_corpus``: ``.reports``, ``.sections``,
``.terms``, ``.text(doc_id)``, ``.doc_ids``). Counts come from ``corpus.terms`` (the pipeline's
per-document cache); pass tokenizer options (``extra_words=``, ``extra_stopwords=``,
``userdict=``, ``stopwords_file=``) to recount from the texts with them instead.

Example:
    >>> from types import SimpleNamespace
    >>> terms = pd.DataFrame({"doc_id": ["a", "a", "b"], "part": ["plans"] * 3,
    ...                       "term": ["创模", "河长制", "河长制"], "count": [3, 1, 4]})
    >>> reports = pd.DataFrame({"doc_id": ["a", "b"], "province": ["江苏", "江西"]})
    >>> c = SimpleNamespace(terms=terms, reports=reports, sections=None, doc_ids=["a", "b"])
    >>> term_frequencies(c, by="province")
      province term  count  share
    0       江苏   创模      3   0.75
    1       江苏  河长制      1   0.25
    2       江西  河长制      4   1.00
"""
from __future__ import annotations

import math
from collections import Counter
from itertools import combinations

import numpy as np
import pandas as pd

from ..document import Doc
from .tokens import analyzer, count_terms, sentence_terms

__all__ = ["term_frequencies", "distinctive_terms", "kwic", "cooccurrence"]

_TOKOPTS = ("extra_words", "extra_stopwords", "userdict", "stopwords_file")


def _check(tokopts: dict) -> dict:
    bad = sorted(set(tokopts) - set(_TOKOPTS))
    if bad:
        raise TypeError(f"unexpected keyword arguments {bad}; tokenizer options are {_TOKOPTS}")
    return {k: v for k, v in tokopts.items() if v is not None}


def _as_list(by) -> list[str]:
    if by is None:
        return []
    return [by] if isinstance(by, str) else list(by)


def _doc_ids(corpus) -> list:
    ids = getattr(corpus, "doc_ids", None)
    if ids is None:
        ids = corpus.reports["doc_id"]
    return list(ids() if callable(ids) else ids)


def _doc_sections(corpus, doc_id) -> pd.DataFrame | None:
    sec = getattr(corpus, "sections", None)
    if sec is None or len(sec) == 0 or "doc_id" not in sec.columns:
        return None
    sec = sec[sec["doc_id"] == doc_id]
    return sec if len(sec) else None


def _terms(corpus, tokopts: dict) -> pd.DataFrame:
    """The terms table: ``corpus.terms``, or recounted from the texts when tokenizer options are
    given (or the corpus has none). A bare terms DataFrame is accepted as a corpus too."""
    tokopts = _check(tokopts)
    if isinstance(corpus, pd.DataFrame):
        return corpus
    terms = getattr(corpus, "terms", None)
    if terms is not None and len(terms) and not tokopts:
        return terms
    parts = [count_terms(corpus.text(d), _doc_sections(corpus, d), doc_id=d, **tokopts)
             for d in _doc_ids(corpus)]
    return pd.concat(parts, ignore_index=True) if parts else terms


def _with_groups(corpus, by_cols: list[str], tokopts: dict) -> pd.DataFrame:
    """Terms with the requested report columns joined on doc_id."""
    t = _terms(corpus, tokopts)
    need = [c for c in by_cols if c not in t.columns]
    if need:
        reports = getattr(corpus, "reports", None)
        missing = [c for c in need if reports is None or c not in reports.columns]
        if missing:
            raise KeyError(f"cannot group by {missing}: not a column of terms or reports")
        t = t.merge(reports[["doc_id", *need]].drop_duplicates("doc_id"), on="doc_id", how="left")
    return t


def term_frequencies(corpus, *, by=None, top: int | None = None, **tokopts) -> pd.DataFrame:
    """Term counts overall or per group, with each term's share of its group's term total.

    ``by``: a report column (province, year, period, doc_type, doc_id …), ``part``, or a list.
    ``top``: keep the N most frequent terms per group. Columns: *by…, term, count, share; sorted
    by group, count descending, term. Missing group values (a masked year) form their own group.
    """
    by_cols = _as_list(by)
    t = _with_groups(corpus, by_cols, tokopts)
    g = t.groupby([*by_cols, "term"], dropna=False, sort=False)["count"].sum().reset_index()
    g["count"] = g["count"].astype("int64")
    if by_cols:
        total = g.groupby(by_cols, dropna=False, sort=False)["count"].transform("sum")
    else:
        total = g["count"].sum()
    g["share"] = g["count"] / total
    g = g.sort_values([*by_cols, "count", "term"], ascending=[True] * len(by_cols) + [False, True],
                      kind="stable", na_position="last")
    if top is not None:
        g = g.groupby(by_cols, dropna=False, sort=False).head(top) if by_cols else g.head(top)
    return g.reset_index(drop=True)[[*by_cols, "term", "count", "share"]]


def _log_odds(y_a, y_b, n_a, n_b, alpha, alpha0):
    """Monroe, Colaresi & Quinn (2008) weighted log-odds with an informative Dirichlet prior.

    delta = log((y_a+α)/(n_a+α0−y_a−α)) − log((y_b+α)/(n_b+α0−y_b−α)),
    var ≈ 1/(y_a+α) + 1/(y_b+α), z = delta / sqrt(var).
    """
    delta = (np.log(y_a + alpha) - np.log(n_a + alpha0 - y_a - alpha)
             - np.log(y_b + alpha) + np.log(n_b + alpha0 - y_b - alpha))
    var = 1.0 / (y_a + alpha) + 1.0 / (y_b + alpha)
    return delta, delta / np.sqrt(var)


def _keyness(y_a, y_b, n_a, n_b, method: str):
    """Signed G² (log-likelihood) or Pearson χ² of a 2×2 table, and its p-value (df=1).

    Positive when the term is relatively more frequent in the group than in the other.
    """
    y_a, y_b = np.asarray(y_a, float), np.asarray(y_b, float)
    n = n_a + n_b
    if method == "g2":
        e_a, e_b = n_a * (y_a + y_b) / n, n_b * (y_a + y_b) / n
        with np.errstate(divide="ignore", invalid="ignore"):
            t_a = np.where(y_a > 0, y_a * np.log(y_a / e_a), 0.0)
            t_b = np.where(y_b > 0, y_b * np.log(y_b / e_b), 0.0)
        stat = 2 * (t_a + t_b)
    else:
        c, d = n_a - y_a, n_b - y_b
        denom = (y_a + y_b) * (c + d) * n_a * n_b
        with np.errstate(divide="ignore", invalid="ignore"):
            stat = np.where(denom > 0, n * (y_a * d - y_b * c) ** 2 / denom, 0.0)
    stat = np.maximum(stat, 0.0)  # rounding can give −1e-16
    p = np.array([math.erfc(math.sqrt(s / 2)) for s in stat])  # χ² survival, df = 1
    sign = np.sign(y_a / n_a - y_b / n_b)
    return sign * stat, p


def distinctive_terms(corpus, *, by: str, group=None, other=None, method: str = "log_odds",
                      prior: float | pd.Series = 1.0, top: int | None = None,
                      min_count: int = 1, **tokopts) -> pd.DataFrame:
    """Terms that distinguish a group from the rest (or from ``other``), most distinctive first.

    ``by``: a report column, ``doc_id`` or ``part``. ``group=None`` compares every group with the
    rest of the corpus (terms the group uses); ``group=g`` compares one group with the rest, and
    ``other=h`` (a value or list) with those groups only (terms of either side; negative scores
    mark the other side's terms). ``method``: ``log_odds`` (Monroe et al. 2008 weighted log-odds,
    informative Dirichlet prior α_w = prior · corpus count of w, α0 = Σα_w; ``prior`` may also be
    a Series of α_w by term), ``g2`` (log-likelihood) or ``chi2``; the latter two are signed.
    Columns: term, group, count_group, count_other, then log_odds, z — or g2/chi2, p. Reports
    whose group value is missing (a masked year) count in "the rest", never as a group.

    >>> from types import SimpleNamespace
    >>> t = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "part": ["plans"] * 4,
    ...                   "term": ["创模", "河长制", "河长制", "尾矿库"], "count": [5, 5, 5, 5]})
    >>> c = SimpleNamespace(terms=t, reports=None, sections=None, doc_ids=["a", "b"])
    >>> distinctive_terms(c, by="doc_id", group="a")[["term", "count_group", "count_other"]]
      term  count_group  count_other
    0   创模            5            0
    1  河长制            5            5
    2  尾矿库            0            5
    """
    if method not in ("log_odds", "g2", "chi2"):
        raise ValueError(f"method must be 'log_odds', 'g2' or 'chi2', not {method!r}")
    t = _with_groups(corpus, [by], tokopts)
    total = t.groupby("term")["count"].sum().astype(float)  # whole corpus: the prior's base
    # rows with a missing group value (a masked year) stay in the corpus and the rest, never a group
    known = t[t[by].notna()]
    per_group = {g: s.droplevel(0).astype(float)
                 for g, s in known.groupby([by, "term"])["count"].sum().groupby(level=0)}
    groups = list(per_group)
    if group is not None and group not in groups:
        raise ValueError(f"group {group!r} not among {by} values {groups}")
    others = None if other is None else ([other] if np.isscalar(other) else list(other))
    if others is not None and (group is None or any(o not in groups for o in others)):
        raise ValueError(f"other={other!r} needs group= and values among {groups}")

    if isinstance(prior, pd.Series):
        alpha_all = prior.reindex(total.index).fillna(0.0).astype(float)
    else:
        if not prior > 0:
            raise ValueError("prior must be > 0 (it is the weight of the corpus-count prior)")
        alpha_all = total * float(prior)
    alpha0 = float(alpha_all.sum())

    frames = []
    for g in ([group] if group is not None else groups):
        y_a = per_group[g]
        if others is None:
            y_b_all = total
        else:
            y_b_all = sum(per_group[o].reindex(total.index, fill_value=0.0) for o in others)
        # one named group: every term either side uses; all groups: the terms each group uses
        if group is not None:
            vocab = total.index if others is None else y_b_all[y_b_all > 0].index.union(y_a.index)
        else:
            vocab = y_a.index
        ya = y_a.reindex(vocab, fill_value=0.0)
        yb = y_b_all.reindex(vocab, fill_value=0.0) - (ya if others is None else 0.0)
        n_a = float(y_a.sum())
        n_b = float(total.sum() - n_a) if others is None else float(y_b_all.sum())
        out = pd.DataFrame({"term": vocab, "group": [g] * len(vocab),
                            "count_group": ya.to_numpy().astype("int64"),
                            "count_other": yb.to_numpy().astype("int64")})
        out = out[(out["count_group"] + out["count_other"]) >= min_count]
        ya, yb = out["count_group"].to_numpy(float), out["count_other"].to_numpy(float)
        if method == "log_odds":
            alpha = alpha_all.reindex(out["term"]).fillna(0.0).to_numpy()
            out["log_odds"], out["z"] = _log_odds(ya, yb, n_a, n_b, alpha, alpha0)
            key = "z"
        else:
            out[method], out["p"] = _keyness(ya, yb, n_a, n_b, method)
            key = method
        out = out.sort_values([key, "count_group", "term"], ascending=[False, False, True],
                              kind="stable")
        frames.append(out.head(top) if top is not None else out)
    return pd.concat(frames, ignore_index=True)


def kwic(corpus, term: str, *, window: int = 20, doc_ids=None, **tokopts) -> pd.DataFrame:
    """Keyword in context: every occurrence of ``term`` as a term (whole token) in the corpus.

    Columns: doc_id, section_id, start, end (``corpus.text(doc_id)[start:end]``), left, term,
    right (``window`` characters either side, line breaks shown as spaces), sentence.
    """
    an = analyzer(**_check(tokopts))
    term = an.normalise(term.strip())
    rows = []
    for d in (doc_ids if doc_ids is not None else _doc_ids(corpus)):
        text = corpus.text(d)
        if term not in an.normalise(text):  # cheap skip for documents without it
            continue
        hits = [(s, e) for t, s, e in an.spans(text) if t == term]
        if not hits:
            continue
        doc = Doc(text, doc_id=d, sections=_doc_sections(corpus, d))
        sids = doc.section_ids([s for s, _ in hits])
        for (s, e), sid in zip(hits, sids):
            ss, se = doc.sentence(s)
            if not ss <= s < se:
                ss, se = s, e
            rows.append({
                "doc_id": d, "section_id": sid, "start": s, "end": e,
                "left": text[max(0, s - window):s].replace("\n", " "), "term": term,
                "right": text[e:e + window].replace("\n", " "), "sentence": text[ss:se],
            })
    cols = ["doc_id", "section_id", "start", "end", "left", "term", "right", "sentence"]
    return pd.DataFrame(rows, columns=cols)


def cooccurrence(corpus, *, top: int = 30, terms=None, **tokopts) -> pd.DataFrame:
    """Within-sentence co-occurrence of the ``top`` most frequent terms (or the given ``terms``).

    Streams documents one at a time (only pair counters are kept). Columns: term_a, term_b
    (term_a < term_b), n_sentences (sentences containing both), n_docs (documents with such a
    sentence); sorted by n_sentences, n_docs descending.
    """
    tokopts = _check(tokopts)
    if terms is None:
        terms = term_frequencies(corpus, top=top, **tokopts)["term"].tolist()
    keep = set(terms)
    n_sent: Counter = Counter()
    n_docs: Counter = Counter()
    cached = getattr(corpus, "iter_sentence_terms", None)
    if cached is not None and not tokopts:  # the pipeline's per-document cache, one doc at a time
        docs = (sents for _, sents in cached())
    else:
        docs = (sentence_terms(corpus.text(d), **tokopts) for d in _doc_ids(corpus))
    for sents in docs:
        seen = set()
        for sent in sents:
            present = sorted(keep.intersection(sent))
            for pair in combinations(present, 2):
                n_sent[pair] += 1
                seen.add(pair)
        n_docs.update(seen)
    rows = [(a, b, n, n_docs[(a, b)]) for (a, b), n in n_sent.items()]
    out = pd.DataFrame(rows, columns=["term_a", "term_b", "n_sentences", "n_docs"])
    out = out.sort_values(["n_sentences", "n_docs", "term_a", "term_b"],
                          ascending=[False, False, True, True], kind="stable")
    return out.reset_index(drop=True).astype({"n_sentences": "int64", "n_docs": "int64"})
