"""Problem → plan links within one report (the ``problem_plan_links`` table): each problem is
linked to the plan items of the same report that cover it; the scoring is explained in
``ecoanalysis.problems.clusters`` (theme coverage plus the problem's own wording, no idf, so a
document's links never depend on other documents)."""
from __future__ import annotations


from collections import Counter
from functools import lru_cache

import numpy as np
import pandas as pd

from ..resources import numbering
from ..schema import frame
from .features import THEME_POWER, WEIGHTS, char_bigrams, span_tokens, theme_matrix, statement_tokens  # noqa: F401

LINK_THRESHOLD = 0.55     # minimum link score (theme coverage + wording) for a plan item to address a problem
MIN_PLAN_THEME = 1.0  # theme score a plan item needs to count as addressing that theme



# ---------------------------------------------------------------- problems → plans

def _plan_items(sections: pd.DataFrame, text) -> dict:
    """Leaf sections of plans parts (an item with sub-items is represented by its sub-items), as
    columns: doc_id, section_id, start (None when the sections have no start column), plan_text,
    context (the parent's heading), span (the plan text's offsets in ``text`` when it is one
    report's text, else None). Items whose text is empty once the marker is stripped are left out."""
    # ``sections["part"] == "plans"`` value by value (a str dtype comparison costs more than the
    # whole scan on a report's ~40 sections); missing parts are not plans there either
    plans = [isinstance(p, str) and p == "plans" for p in sections["part"].tolist()]
    if not any(plans):
        return {"doc_id": [], "section_id": [], "start": None, "plan_text": [], "context": [], "span": []}
    taken: dict = {}

    def col(name):  # each column read once
        if name not in taken:
            taken[name] = [v for v, keep in zip(sections[name].tolist(), plans) if keep]
        return taken[name]

    sid, doc = col("section_id"), col("doc_id")
    parent = [_text(v) for v in col("parent_id")]
    parents = set(parent)
    leaf = [x not in parents for x in sid]
    has_start = "start" in sections.columns
    if text is not None:  # the section's span of its report's cleaned text
        a_l, b_l = col("start"), col("end")
        if isinstance(text, str):
            spans = [text[int(a):int(b)] if ok else None for a, b, ok in zip(a_l, b_l, leaf)]
        else:  # {doc_id: text} (or a function of the doc_id, such as Corpus.text)
            get = text if callable(text) else text.__getitem__
            spans = [get(d)[int(a):int(b)] if ok else None for d, a, b, ok in zip(doc, a_l, b_l, leaf)]
    elif "text" in sections.columns:
        spans = [str(t) if ok else None for t, ok in zip(col("text"), leaf)]
    else:
        raise ValueError("plan items need the document's text: pass text= (or sections with a text column)")
    marker = numbering()["plan_marker"]  # resources/numbering.tsv
    by_id = dict(zip(sid, (_text(h) for h in col("heading"))))
    starts = col("start") if has_start else None
    out = {"doc_id": [], "section_id": [], "start": [] if has_start else None, "plan_text": [], "context": [],
           "span": []}
    for k, ok in enumerate(leaf):
        if not ok:
            continue
        body = marker.sub("", spans[k])
        t = body.strip()
        if not t:
            continue
        span = None
        if isinstance(text, str) and spans[k].endswith(body):  # the marker came off the front
            a = int(a_l[k]) + len(spans[k]) - len(body) + len(body) - len(body.lstrip())
            if text[a:a + len(t)] == t:
                span = (a, a + len(t))
        out["span"].append(span)
        out["doc_id"].append(doc[k])
        out["section_id"].append(sid[k])
        out["plan_text"].append(t)
        out["context"].append(by_id.get(parent[k], ""))
        if has_start:
            out["start"].append(starts[k])
    return out


def _text(v) -> str:
    """``fillna("").astype(str)`` of one value."""
    return "" if v is None or (isinstance(v, float) and v != v) or v is pd.NA else str(v)


def _filled(v):
    """``fillna("")`` of one value (without building a Series)."""
    return "" if v is None or (isinstance(v, float) and v != v) or v is pd.NA or v is pd.NaT else v


def _tf(terms) -> dict:
    """Sublinear term frequency ``1 + ln(count)`` of one text's terms (no corpus statistics)."""
    return {t: _sublinear(c) for t, c in Counter(terms).items()}


@lru_cache(maxsize=256)
def _sublinear(count: int) -> float:
    return 1.0 + float(np.log(count))


def _covered(weights: dict, other: dict) -> float:
    total = sum(weights.values())
    return sum(w for t, w in weights.items() if t in other) / total if total > 0 else 0.0


def _coverage_matrices(p_dicts, i_dicts):
    """Sparse (problems × vocab) weights normalised per problem, and (items × vocab) presence."""
    from scipy import sparse

    vocab: dict = {}
    rows, cols, vals = [], [], []
    for a, d in enumerate(p_dicts):
        total = sum(d.values())
        for t, w in d.items():
            rows.append(a)
            cols.append(vocab.setdefault(t, len(vocab)))
            vals.append(w / total if total > 0 else 0.0)
    irows, icols = [], []
    for b, d in enumerate(i_dicts):
        for t in d:
            j = vocab.get(t)
            if j is not None:  # a term no problem uses cannot raise any coverage
                irows.append(b)
                icols.append(j)
    n = max(1, len(vocab))
    P = sparse.csr_matrix((vals, (rows, cols)), shape=(len(p_dicts), n))
    I = sparse.csr_matrix((np.ones(len(irows)), (irows, icols)), shape=(len(i_dicts), n))
    return P, I.T.tocsc()


def _coverage_dense(p_dicts, i_dicts, *, limit: int = 2_000_000):
    """``(P @ I).toarray()`` of ``_coverage_matrices`` bit for bit, without sparse matrices (small
    inputs: a report's problems and plan items), or None when the work array would exceed ``limit``.

    The sparse product adds a problem's normalised weights in ascending vocabulary order (its row's
    sorted column indices); a sequential ``add.accumulate`` over the weights in that order, with
    zeros for terms an item lacks (adding 0.0 changes nothing), gives the same sums."""
    vocab: dict = {}
    rows = []
    for d in p_dicts:
        total = sum(d.values())
        rows.append(sorted((vocab.setdefault(t, len(vocab)), w / total if total > 0 else 0.0) for t, w in d.items()))
    n_p, n_i, width = len(rows), len(i_dicts), max((len(r) for r in rows), default=0)
    if n_p * max(width, 1) * n_i > limit:
        return None
    present = np.zeros((len(vocab) + 1, n_i))  # the last row: padding, present nowhere
    for b, d in enumerate(i_dicts):
        for t in d:
            j = vocab.get(t)
            if j is not None:
                present[j, b] = 1.0
    if not n_p or not n_i or not width:
        return np.zeros((n_p, n_i))
    cols = np.full((n_p, width), len(vocab))
    vals = np.zeros((n_p, width))
    for a, r in enumerate(rows):
        if r:
            cols[a, :len(r)] = [k for k, _ in r]
            vals[a, :len(r)] = [v for _, v in r]
    return np.add.accumulate(vals[:, :, None] * present[cols], axis=1)[:, -1, :]


def _link_score_blocks(p_texts, p_heads, i_texts, i_contexts, *, block: int = 256, p_tokens=None,
                       i_tokens=None):
    """Coverage link scores, yielded as (row offset, problems-block × plan-items array).

    ``coverage(p, i) = Σ weight of p's terms present in i / Σ weight of p's terms`` is a sparse
    product, so a report with thousands of problems and plan items costs matrix products, not a
    Python loop over every pair; blocks keep memory bounded. Each score still depends only on its
    own pair. ``p_tokens``, ``i_tokens``: the word tokens when already cut (``statement_tokens``).
    The word and character coverage come from ``_coverage_dense`` (exact) when the inputs are
    small, as a report's are, else from the sparse product.
    """
    if p_tokens is None:
        p_tokens = [statement_tokens(t) for t in p_texts]
    pw = [_tf(t) for t in p_tokens]
    if i_tokens is None:
        i_tokens = [statement_tokens(t) for t in i_texts]
    iw = [_tf(t) for t in i_tokens]
    pc = [_tf(char_bigrams(t)) for t in p_texts]
    ic = [_tf(char_bigrams(t)) for t in i_texts]
    pt = theme_matrix(p_texts, p_heads)
    hit = (theme_matrix(i_texts, i_contexts) >= MIN_PLAN_THEME ** THEME_POWER).astype(float)
    mass = pt.sum(axis=1, keepdims=True)
    ptn = pt / np.where(mass > 0, mass, 1)
    dense = _coverage_dense(pw, iw), _coverage_dense(pc, ic)
    if dense[0] is None or dense[1] is None:
        Pw, Iw = _coverage_matrices(pw, iw)
        Pc, Ic = _coverage_matrices(pc, ic)
    for a in range(0, len(p_texts), block):
        b = slice(a, a + block)
        if dense[0] is not None and dense[1] is not None:
            words, chars = dense[0][b], dense[1][b]
        else:
            words, chars = (Pw[b] @ Iw).toarray(), (Pc[b] @ Ic).toarray()
        out = WEIGHTS["words"] * words + WEIGHTS["chars"] * chars + WEIGHTS["themes"] * (ptn[b] @ hit.T)
        yield a, np.clip(out, 0.0, 1.0)


def _link_scores(p_texts, p_heads, i_texts, i_contexts) -> np.ndarray:
    """Coverage link scores (problems × plan items) as one array (small inputs, tests)."""
    parts = [blk for _, blk in _link_score_blocks(p_texts, p_heads, i_texts, i_contexts)]
    return np.vstack(parts) if parts else np.zeros((0, len(i_texts)))


def link_problems_to_plans(problems: pd.DataFrame, sections: pd.DataFrame, *, text=None,
                           threshold: float = LINK_THRESHOLD, max_links: int | None = 3,
                           tokens=None) -> pd.DataFrame:
    """For each problem, the same report's plan items that address it: the ``problem_plan_links`` table.

    An item addresses a problem when their coverage score (module docstring) is >= ``threshold``;
    the best ``max_links`` items are kept (``None``: all). Problems with no such item get one
    row with ``addressed=False`` and empty plan columns. Columns: doc_id, problem_id,
    plan_section_id, plan_text, score, addressed. ``text`` is the report's cleaned text (or its
    ``Doc``; for several reports a ``{doc_id: text}`` mapping or ``corpus.text``): a plan item's
    text is its span (sections with a ``text`` column need none).

    A score depends only on the problem and the plan item (no corpus statistics), so calling this
    with ONE document's problems and sections gives exactly that document's rows of a
    corpus-wide call: the pipeline can run it per document (cached) and concatenate. Rows come
    in the order of ``problems``. ``tokens``: the word tokens of each problem's text, aligned with
    ``problems``, when they are already cut (``statement_tokens``; the pipeline keeps them).

    >>> p = pd.DataFrame(dict(doc_id="d", problem_id=["d:p1"], heading="", text=["执法人员偏少，执法装备落后。"]))
    >>> t = "一是充实基层执法人员，更新执法装备。二是开展六五环境日宣传。"
    >>> s = pd.DataFrame(dict(doc_id="d", section_id=["d:s9", "d:s10"], parent_id="", part="plans", heading="",
    ...     start=[0, 18], end=[18, len(t)]))
    >>> link_problems_to_plans(p, s, text=t)[["plan_section_id", "addressed"]].values.tolist()
    [['d:s9', True]]
    """
    if problems is None or not len(problems):
        return frame("problem_plan_links", [])
    if tokens is not None and len(tokens) != len(problems):
        raise ValueError(f"tokens has {len(tokens)} lists for {len(problems)} problems")
    doc = text if hasattr(text, "memo") else None  # a Doc: its own tokenisation may serve the plan items
    text = getattr(text, "text", text)  # a Doc or the text itself
    items = _plan_items(sections, text) if sections is not None and len(sections) else None
    p_doc = problems["doc_id"].tolist()
    p_id = problems["problem_id"].tolist()
    found: dict = {}
    if items is not None and items["section_id"]:
        p_text = problems["text"].tolist()
        heads = [_filled(h) for h in problems["heading"].tolist()] if "heading" in problems else [""] * len(problems)
        pos = items["start"] if items["start"] is not None else range(len(items["section_id"]))
        by_doc: dict = {}
        for j, d in enumerate(items["doc_id"]):
            by_doc.setdefault(d, []).append(j)
        prob_by_doc: dict = {}
        for i, d in enumerate(p_doc):
            if d in by_doc:
                prob_by_doc.setdefault(d, []).append(i)
        for d, pi in prob_by_doc.items():
            ji = by_doc[d]
            i_tokens = None
            if doc is not None and all(items["span"][j] is not None for j in ji):
                i_tokens = span_tokens(doc, [items["span"][j] for j in ji])
            blocks = _link_score_blocks([str(p_text[i]) for i in pi], [str(heads[i] or "") for i in pi],
                                        [str(items["plan_text"][j]) for j in ji],
                                        [str(items["context"][j] or "") for j in ji],
                                        p_tokens=None if tokens is None else [tokens[i] for i in pi],
                                        i_tokens=i_tokens)
            for off, sc in blocks:
                for a_rel, row in enumerate(sc):
                    i = pi[off + a_rel]
                    f = [(-round(float(row[k]), 4), int(pos[ji[k]]), ji[k], float(row[k]))
                         for k in np.nonzero(row >= threshold)[0].tolist()]
                    f.sort()
                    found[i] = f if max_links is None else f[:max_links]
    rows = []
    for i, (doc_id, problem_id) in enumerate(zip(p_doc, p_id)):
        f = found.get(i, [])
        for _neg, _pos, j, v in f:
            rows.append(dict(doc_id=doc_id, problem_id=problem_id, plan_section_id=items["section_id"][j],
                             plan_text=items["plan_text"][j], score=round(v, 4), addressed=True))
        if not f:
            rows.append(dict(doc_id=doc_id, problem_id=problem_id, plan_section_id="",
                             plan_text="", score=np.nan, addressed=False))
    return frame("problem_plan_links", rows)
