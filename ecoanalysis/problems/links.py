"""Problem → plan links within one report (the ``problem_plan_links`` table): each problem is
linked to the plan items of the same report that cover it; the scoring is explained in
``ecoanalysis.problems.clusters`` (theme coverage plus the problem's own wording, no idf, so a
document's links never depend on other documents)."""
from __future__ import annotations


import numpy as np
import pandas as pd

from ..resources import numbering
from ..schema import frame
from .features import THEME_POWER, WEIGHTS, char_bigrams, theme_matrix, statement_tokens  # noqa: F401

LINK_THRESHOLD = 0.55     # minimum link score (theme coverage + wording) for a plan item to address a problem
MIN_PLAN_THEME = 1.0  # theme score a plan item needs to count as addressing that theme



# ---------------------------------------------------------------- problems → plans

def _plan_items(sections: pd.DataFrame, text: str | None) -> pd.DataFrame:
    """Leaf sections of plans parts (an item with sub-items is represented by its sub-items)."""
    s = sections[sections["part"] == "plans"].copy()
    if not len(s):
        return s
    s["parent_id"] = s["parent_id"].fillna("").astype(str)
    parents = set(s["parent_id"])
    leaves = s[~s["section_id"].isin(parents)].copy()
    if text is not None:  # the section's span of its report's cleaned text
        if isinstance(text, str):
            spans = [text[int(a):int(b)] for a, b in zip(leaves["start"], leaves["end"])]
        else:  # {doc_id: text} (or a function of the doc_id, such as Corpus.text)
            get = text if callable(text) else text.__getitem__
            spans = [get(d)[int(a):int(b)] for d, a, b in zip(leaves["doc_id"], leaves["start"], leaves["end"])]
    elif "text" in leaves.columns:
        spans = [str(t) for t in leaves["text"]]
    else:
        raise ValueError("plan items need the document's text: pass text= (or sections with a text column)")
    marker = numbering()["plan_marker"]  # resources/numbering.tsv
    leaves["plan_text"] = [marker.sub("", t).strip() for t in spans]
    by_id = dict(zip(s["section_id"], s["heading"].fillna("").astype(str)))
    leaves["context"] = [by_id.get(pid, "") for pid in leaves["parent_id"]]
    return leaves[leaves["plan_text"].str.len() > 0]


def _tf(terms) -> dict:
    """Sublinear term frequency ``1 + ln(count)`` of one text's terms (no corpus statistics)."""
    out: dict = {}
    for t in terms:
        out[t] = out.get(t, 0) + 1
    return {t: 1.0 + float(np.log(c)) for t, c in out.items()}


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


def _link_score_blocks(p_texts, p_heads, i_texts, i_contexts, *, block: int = 256):
    """Coverage link scores, yielded as (row offset, problems-block × plan-items array).

    ``coverage(p, i) = Σ weight of p's terms present in i / Σ weight of p's terms`` is a sparse
    product, so a report with thousands of problems and plan items costs matrix products, not a
    Python loop over every pair; blocks keep memory bounded. Each score still depends only on its
    own pair.
    """
    Pw, Iw = _coverage_matrices([_tf(statement_tokens(t)) for t in p_texts], [_tf(statement_tokens(t)) for t in i_texts])
    Pc, Ic = _coverage_matrices([_tf(char_bigrams(t)) for t in p_texts], [_tf(char_bigrams(t)) for t in i_texts])
    pt = theme_matrix(p_texts, p_heads)
    hit = (theme_matrix(i_texts, i_contexts) >= MIN_PLAN_THEME ** THEME_POWER).astype(float)
    mass = pt.sum(axis=1, keepdims=True)
    ptn = pt / np.where(mass > 0, mass, 1)
    for a in range(0, len(p_texts), block):
        b = slice(a, a + block)
        out = (WEIGHTS["words"] * (Pw[b] @ Iw).toarray() + WEIGHTS["chars"] * (Pc[b] @ Ic).toarray()
               + WEIGHTS["themes"] * (ptn[b] @ hit.T))
        yield a, np.clip(out, 0.0, 1.0)


def _link_scores(p_texts, p_heads, i_texts, i_contexts) -> np.ndarray:
    """Coverage link scores (problems × plan items) as one array (small inputs, tests)."""
    parts = [blk for _, blk in _link_score_blocks(p_texts, p_heads, i_texts, i_contexts)]
    return np.vstack(parts) if parts else np.zeros((0, len(i_texts)))


def link_problems_to_plans(problems: pd.DataFrame, sections: pd.DataFrame, *, text=None,
                           threshold: float = LINK_THRESHOLD, max_links: int | None = 3) -> pd.DataFrame:
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
    in the order of ``problems``.

    >>> p = pd.DataFrame(dict(doc_id="d", problem_id=["d:p1"], heading="", text=["执法人员偏少，执法装备落后。"]))
    >>> t = "一是充实基层执法人员，更新执法装备。二是开展六五环境日宣传。"
    >>> s = pd.DataFrame(dict(doc_id="d", section_id=["d:s9", "d:s10"], parent_id="", part="plans", heading="",
    ...     start=[0, 18], end=[18, len(t)]))
    >>> link_problems_to_plans(p, s, text=t)[["plan_section_id", "addressed"]].values.tolist()
    [['d:s9', True]]
    """
    if problems is None or not len(problems):
        return frame("problem_plan_links", [])
    text = getattr(text, "text", text)  # a Doc or the text itself
    items = _plan_items(sections, text) if sections is not None and len(sections) else pd.DataFrame()
    p = problems.reset_index(drop=True)
    heads = list(p["heading"].fillna("")) if "heading" in p else [""] * len(p)
    found: dict = {}
    if len(items):
        items = items.reset_index(drop=True)
        item_doc = items["doc_id"].to_numpy()
        pos = items["start"].to_numpy() if "start" in items else np.arange(len(items))
        by_doc: dict = {}
        for j, d in enumerate(item_doc):
            by_doc.setdefault(d, []).append(j)
        prob_by_doc: dict = {}
        for i, d in enumerate(p["doc_id"]):
            if d in by_doc:
                prob_by_doc.setdefault(d, []).append(i)
        for d, pi in prob_by_doc.items():
            ji = by_doc[d]
            blocks = _link_score_blocks([str(p.at[i, "text"]) for i in pi], [str(heads[i] or "") for i in pi],
                                        [str(items.at[j, "plan_text"]) for j in ji],
                                        [str(items.at[j, "context"] or "") for j in ji])
            ji_arr = np.asarray(ji)
            for off, sc in blocks:
                for a_rel, row in enumerate(sc):
                    i = pi[off + a_rel]
                    keep = np.nonzero(row >= threshold)[0]
                    f = [(-round(float(row[k]), 4), int(pos[ji_arr[k]]) if "start" in items else int(ji_arr[k]),
                          int(ji_arr[k]), float(row[k])) for k in keep]
                    f.sort()
                    found[i] = f if max_links is None else f[:max_links]
    rows = []
    for i, prob in enumerate(p[["doc_id", "problem_id"]].itertuples(index=False)):
        f = found.get(i, [])
        for _neg, _pos, j, v in f:
            rows.append(dict(doc_id=prob.doc_id, problem_id=prob.problem_id, plan_section_id=items.at[j, "section_id"],
                             plan_text=items.at[j, "plan_text"], score=round(v, 4), addressed=True))
        if not f:
            rows.append(dict(doc_id=prob.doc_id, problem_id=prob.problem_id, plan_section_id="",
                             plan_text="", score=np.nan, addressed=False))
    return frame("problem_plan_links", rows)
