"""Recurring problems across reports, nearest statements, and problem → plan links.

Method (README-ready)
---------------------
Statements are short (one to three sentences), few (a dozen per corpus of five reports) and
worded very differently from one bureau to the next ("空气质量改善压力大" vs "大气环境质量管控
难度大" vs "散煤偷烧、黑烟车进城现象依然存在"). No corpus is large enough to learn synonyms, so
the similarity of two statements is a fixed, documented blend of three cosine similarities:

* ``words`` (weight 0.35): TF-IDF (sublinear tf, smooth idf) over ``words.tokenize`` — jieba
  with the domain dictionary — of the statement text. Catches shared vocabulary.
* ``chars`` (weight 0.15): TF-IDF over Chinese character bigrams. Robust to jieba splitting the
  same term differently (空气质量 / 空气 质量) and to near-synonyms sharing characters (监管/监测).
* ``themes`` (weight 0.50): the statement's score vector over the problem-theme lexicon
  (``resources/problem_themes.csv``; cues in the themed heading count half). The lexicon acts
  as the domain thesaurus: 臭氧, 散煤, 扬尘, 逆温 all point along "air", 执法队伍, 人员偏少,
  监管盲区 along "enforcement_capacity", so differently-worded statements of one problem meet.
  Keeping it below the lexical half means two statements of one theme still need some shared
  wording to merge, and editing the lexicon visibly changes clusters.

``similarity = 0.35·cos_words + 0.15·cos_chars + 0.50·cos_themes`` (in [0, 1]); theme scores
are squared before the cosine (``THEME_POWER``) so a statement that mentions several areas
(企业守法成本高…执法队伍人员少…投诉者不满) is compared mainly by its dominant one.
Clusters come from agglomerative clustering with **average linkage** on ``1 − similarity``,
cut at ``CLUSTER_THRESHOLD`` = 0.35 similarity (distance 0.65): a statement joins a group when
its mean similarity to the group's members reaches 0.35. Average linkage avoids single
linkage's chaining (a multi-theme statement would otherwise bridge two topics) without
complete linkage's refusal to merge one loosely-worded member. The threshold was set on
held-apart sentences written for the tests (``tests/data/problems/heldout_*.tsv``, imagined
provinces): pairs a reader calls the same recurring problem score 0.45–0.6, different problems
0–0.2 (worst: a capacity complaint under an air heading vs an air-quality statement); 0.35 sits
in that gap, nearer the upper side only by the width of the lower side's worst case.
Granularity: a cluster is a recurring problem *area as worded*; two single-theme statements of
one theme (mining waste, small hazardous-waste producers) meet even with little shared
wording. Use ``similar_problems`` for finer neighbours. Singletons are normal.

Deterministic: statements are sorted by (doc_id, start) before fitting, scikit-learn's TF-IDF
and agglomerative clustering have no randomness, and cluster ids ``c01, c02, …`` are assigned by
size (descending), then first appearance in that order.

Problem → plan links score each statement against the leaf items of the same report's plan
sections with the same three parts and weights, but as **coverage** instead of cosine: the
share of the problem's word weight, bigram weight and theme mass that the item covers (an item
"covers" a theme with a score >= 1). Plan items are long and broad, and a cosine would punish an
item for also planning other things. An item addresses the problem at ``LINK_THRESHOLD`` = 0.55:
theme coverage alone gives at most 0.50, so an item must share the theme *and* some of the
problem's own wording. Held-apart pairs: answers 0.6–0.9, same-theme non-answers (秸秆禁烧 for an
ozone problem, 严格执法 for a staffing problem) 0.50–0.52, other-theme items ≈ 0.

Example:
    >>> import pandas as pd
    >>> p = pd.DataFrame(dict(doc_id=["a", "b", "c"], problem_id=["a:p1", "b:p1", "c:p1"],
    ...     heading="", text=["臭氧污染治理难度大，空气质量改善压力较大。",
    ...                       "空气质量持续改善压力大，臭氧浓度居高不下。",
    ...                       "农村生活污水处理设施运行不正常。"]))
    >>> p2, clusters = cluster_problems(p)
    >>> p2.cluster_id.tolist(), clusters.n_statements.tolist()
    (['c01', 'c01', 'c02'], [2, 1])
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .schema import frame

WEIGHTS = {"words": 0.35, "chars": 0.15, "themes": 0.50}
CLUSTER_THRESHOLD = 0.35  # minimum average similarity to join a cluster
LINK_THRESHOLD = 0.55     # minimum link score (theme coverage + wording) for a plan item to address a problem
THEME_HEADING_WEIGHT = 0.5  # themed-heading cues count half in the similarity's theme vector
MIN_PLAN_THEME = 1.0  # theme score a plan item needs to count as addressing that theme
THEME_POWER = 2.0  # squaring theme scores sharpens a statement towards its dominant theme

_NON_CJK = re.compile(r"[^\u4e00-\u9fff]+")
_MARKER = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、．.]|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}\s*[.、．]|、|[一二三四五六七八九十]{1,2}是)\s*")


# ---------------------------------------------------------------- features

def _tokens(text: str) -> list[str]:
    from .words import tokenize
    return tokenize(text)


def _bigrams(text: str) -> list[str]:
    out = []
    for run in _NON_CJK.split(text):
        out += [run[i:i + 2] for i in range(len(run) - 1)]
    return out


def _theme_matrix(texts, headings) -> np.ndarray:
    from .problems import THEMES, theme_scores
    axes = [t for t in THEMES if t != "other"]
    m = np.zeros((len(texts), len(axes)))
    for i, (t, h) in enumerate(zip(texts, headings)):
        for theme, (score, _cues) in theme_scores(t, h, heading_weight=THEME_HEADING_WEIGHT).items():
            if theme in axes:
                m[i, axes.index(theme)] = score
    return m ** THEME_POWER


def _cos(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    na = np.linalg.norm(a, axis=1, keepdims=True)
    nb = np.linalg.norm(b, axis=1, keepdims=True)
    na[na == 0] = 1
    nb[nb == 0] = 1
    return (a / na) @ (b / nb).T


class _Space:
    """Fitted feature space; ``sim(i_rows, j_rows)`` gives the blended similarity."""

    def __init__(self, texts, headings):
        from sklearn.feature_extraction.text import TfidfVectorizer

        texts = [str(t) for t in texts]
        headings = [str(h or "") for h in headings]
        self.words = TfidfVectorizer(analyzer=_tokens, sublinear_tf=True)
        self.chars = TfidfVectorizer(analyzer=_bigrams, sublinear_tf=True)
        self.W = self._fit(self.words, texts)
        self.C = self._fit(self.chars, texts)
        self.T = _theme_matrix(texts, headings)

    @staticmethod
    def _fit(vec, texts):
        try:
            return vec.fit_transform(texts).toarray()
        except ValueError:  # empty vocabulary (every text is punctuation/numbers)
            return np.zeros((len(texts), 1))

    def sim(self, i=None, j=None) -> np.ndarray:
        """Blended similarity between rows ``i`` and rows ``j`` (all rows by default)."""
        i = slice(None) if i is None else i
        j = slice(None) if j is None else j
        s = (WEIGHTS["words"] * _cos(self.W[i], self.W[j]) + WEIGHTS["chars"] * _cos(self.C[i], self.C[j])
             + WEIGHTS["themes"] * _cos(self.T[i], self.T[j]))
        return np.clip(s, 0.0, 1.0)

    def coverage(self, i, j) -> np.ndarray:
        """Link score of problems ``i`` to plan items ``j``. Asymmetric on purpose: how much of
        the problem (its tf-idf word and bigram weight, its sharpened theme mass) the item covers.
        Plan items are long and broad, so a cosine would punish an item for also covering other
        things; coverage does not."""
        def cov(A, B):
            A = A / np.where(A.sum(axis=1, keepdims=True) > 0, A.sum(axis=1, keepdims=True), 1)
            return A @ (B > 0).astype(float).T

        hit = np.where(self.T[j] >= MIN_PLAN_THEME ** THEME_POWER, 1.0, 0.0)
        s = (WEIGHTS["words"] * cov(self.W[i], self.W[j]) + WEIGHTS["chars"] * cov(self.C[i], self.C[j])
             + WEIGHTS["themes"] * cov(self.T[i], hit))
        return np.clip(s, 0.0, 1.0)


def similarity_matrix(problems: pd.DataFrame) -> pd.DataFrame:
    """Blended similarity (module docstring) between every pair of statements, indexed by problem_id.

    ``problems`` needs ``text`` (``heading`` and ``problem_id`` optional).

    >>> p = pd.DataFrame(dict(problem_id=["x", "y"], text=["执法人员偏少", "执法力量不足，人员偏少"]))
    >>> float(similarity_matrix(p).loc["x", "y"]) > 0.45
    True
    """
    p = problems.reset_index(drop=True)
    ids = p["problem_id"] if "problem_id" in p else pd.Series(range(len(p)))
    heads = p["heading"] if "heading" in p else [""] * len(p)
    space = _Space(p["text"], heads)
    return pd.DataFrame(space.sim(), index=list(ids), columns=list(ids))


# ---------------------------------------------------------------- clustering

def _place(rep) -> str:
    parts = [str(rep.get(c) or "") for c in ("province", "city", "county")]
    parts = [x for x in parts if x and x.lower() != "nan"]
    return "/".join(parts)


def cluster_problems(problems: pd.DataFrame, reports: pd.DataFrame | None = None, *,
                     threshold: float = CLUSTER_THRESHOLD) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Group similar statements across reports: ``(problems with cluster_id, problem_clusters)``.

    ``threshold`` is the minimum average-linkage similarity (module docstring). ``reports``
    (doc_id, province, city, county, year) fills ``regions`` and ``years``. Cluster columns:
    cluster_id, label (most distinctive terms), n_statements, n_reports, regions, years,
    representative (the statement nearest the centroid: highest mean similarity to its
    cluster), problem_ids (``;``-separated, text order).

    >>> p = pd.DataFrame(dict(doc_id=["a", "b"], problem_id=["a:p1", "b:p1"], heading="",
    ...     text=["执法队伍人员少，技术装备差。", "基层执法人员偏少，装备不足。"]))
    >>> cluster_problems(p)[1][["cluster_id", "n_statements", "n_reports"]].values.tolist()
    [['c01', 2, 2]]
    """
    from sklearn.cluster import AgglomerativeClustering

    if problems is None or not len(problems):
        out = problems.copy() if problems is not None else frame("problems", [])
        return out, frame("problem_clusters", [])
    p = problems.copy()
    if "start" in p:
        order = p.assign(_s=pd.to_numeric(p["start"], errors="coerce").fillna(0)).sort_values(
            ["doc_id", "_s", "problem_id"], kind="stable").index
    else:
        order = p.sort_values(["doc_id", "problem_id"], kind="stable").index
    q = p.loc[order].reset_index(drop=True)
    heads = q["heading"].fillna("") if "heading" in q else [""] * len(q)
    space = _Space(q["text"], heads)
    S = space.sim()
    n = len(q)
    if n == 1:
        labels = np.array([0])
    else:
        model = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                        distance_threshold=1.0 - threshold + 1e-9)
        labels = model.fit_predict(1.0 - S)
    # stable ids: size desc, then first appearance
    groups: dict = {}
    for idx, lab in enumerate(labels):
        groups.setdefault(lab, []).append(idx)
    ordered = sorted(groups.values(), key=lambda m: (-len(m), m[0]))
    width = max(2, len(str(len(ordered))))
    cid = np.empty(n, dtype=object)
    rep_info = {} if reports is None else {r["doc_id"]: r for r in reports.to_dict("records")}
    vocab = np.array(space.words.get_feature_names_out()) if space.W.shape[1] > 1 or n else np.array([])
    rows = []
    for k, members in enumerate(ordered, start=1):
        c = f"c{k:0{width}d}"
        cid[members] = c
        sub = S[np.ix_(members, members)]
        rep = members[int(np.argmax(sub.mean(axis=1)))]  # first on ties (argmax)
        docs = list(dict.fromkeys(q.loc[members, "doc_id"]))
        regions, years = [], []
        for d in docs:
            r = rep_info.get(d)
            if r is None:
                continue
            pl = _place(r)
            if pl and pl not in regions:
                regions.append(pl)
            y = r.get("year")
            if y is not None and str(y) not in ("", "nan", "None", "<NA>"):
                y = str(int(float(y)))
                if y not in years:
                    years.append(y)
        rows.append(dict(cluster_id=c, label=_label(space.W, vocab, members), n_statements=len(members),
                         n_reports=len(docs), regions=";".join(regions), years=";".join(sorted(years)),
                         representative=q.loc[rep, "text"], problem_ids=";".join(q.loc[members, "problem_id"])))
    q["cluster_id"] = cid
    out = p.copy()
    out["cluster_id"] = out["problem_id"].map(dict(zip(q["problem_id"], q["cluster_id"])))
    return out, frame("problem_clusters", rows)


def _label(W: np.ndarray, vocab: np.ndarray, members: list, k: int = 3) -> str:
    """Top terms by (mean tf-idf in cluster − mean elsewhere); ties broken by the term itself."""
    if not len(vocab) or W.shape[1] != len(vocab):
        return ""
    inside = W[members].mean(axis=0)
    others = np.setdiff1d(np.arange(W.shape[0]), members)
    outside = W[others].mean(axis=0) if len(others) else 0
    score = inside - outside
    order = sorted(range(len(vocab)), key=lambda t: (-round(float(score[t]), 12), vocab[t]))
    return "、".join(vocab[t] for t in order[:k] if inside[t] > 0)


# ---------------------------------------------------------------- nearest statements

def similar_problems(corpus, problem_id: str, *, k: int = 5) -> pd.DataFrame:
    """The ``k`` statements most similar to ``problem_id`` in OTHER reports, best first.

    ``corpus`` has ``.problems`` (and optionally ``.reports``) or is a problems DataFrame.
    Columns: problem_id, doc_id, score, summary, themes, cluster_id, text.

    >>> p = pd.DataFrame(dict(doc_id=["a", "a", "b"], problem_id=["a:p1", "a:p2", "b:p1"], heading="",
    ...     text=["执法人员偏少。", "执法人员不足。", "基层执法队伍人员少。"]))
    >>> similar_problems(p, "a:p1").problem_id.tolist()
    ['b:p1']
    """
    p = corpus if isinstance(corpus, pd.DataFrame) else corpus.problems
    cols = ["problem_id", "doc_id", "score", "summary", "themes", "cluster_id", "text"]
    p = p.reset_index(drop=True)
    hit = p.index[p["problem_id"] == problem_id]
    if not len(hit):
        raise KeyError(f"problem {problem_id!r} not in the corpus")
    i = int(hit[0])
    heads = p["heading"].fillna("") if "heading" in p else [""] * len(p)
    space = _Space(p["text"], heads)
    scores = space.sim([i])[0]
    cand = p.assign(score=np.round(scores, 4))
    cand = cand[cand["doc_id"] != p.loc[i, "doc_id"]]
    cand = cand.sort_values(["score", "problem_id"], ascending=[False, True], kind="stable").head(k)
    for c in cols:
        if c not in cand:
            cand[c] = ""
    return cand[cols].reset_index(drop=True)


# ---------------------------------------------------------------- problems → plans

def _plan_items(sections: pd.DataFrame) -> pd.DataFrame:
    """Leaf sections of plans parts (an item with sub-items is represented by its sub-items)."""
    s = sections[sections["part"] == "plans"].copy()
    if not len(s):
        return s
    s["parent_id"] = s["parent_id"].fillna("").astype(str)
    parents = set(s["parent_id"])
    leaves = s[~s["section_id"].isin(parents)].copy()
    leaves["plan_text"] = [_MARKER.sub("", str(t)).strip() for t in leaves["text"]]
    by_id = dict(zip(s["section_id"], s["heading"].fillna("").astype(str)))
    leaves["context"] = [by_id.get(pid, "") for pid in leaves["parent_id"]]
    return leaves[leaves["plan_text"].str.len() > 0]


def link_problems_to_plans(problems: pd.DataFrame, sections: pd.DataFrame, *,
                           threshold: float = LINK_THRESHOLD, max_links: int | None = 3) -> pd.DataFrame:
    """For each problem, the same report's plan items that address it: the ``problem_plan_links`` table.

    An item addresses a problem when their similarity (module docstring) is >= ``threshold``;
    the best ``max_links`` items are kept (``None``: all). Problems with no such item get one
    row with ``addressed=False`` and empty plan columns. Columns: doc_id, problem_id,
    plan_section_id, plan_text, score, addressed.

    >>> p = pd.DataFrame(dict(doc_id="d", problem_id=["d:p1"], heading="", text=["执法人员偏少，执法装备落后。"]))
    >>> s = pd.DataFrame(dict(doc_id="d", section_id=["d:s9", "d:s10"], parent_id="", part="plans", heading="",
    ...     text=["一是充实基层执法人员，更新执法装备。", "二是开展六五环境日宣传。"]))
    >>> link_problems_to_plans(p, s)[["plan_section_id", "addressed"]].values.tolist()
    [['d:s9', True]]
    """
    if problems is None or not len(problems):
        return frame("problem_plan_links", [])
    items = _plan_items(sections) if sections is not None and len(sections) else pd.DataFrame()
    p = problems.reset_index(drop=True)
    heads = list(p["heading"].fillna("")) if "heading" in p else [""] * len(p)
    n = len(p)
    texts = list(p["text"]) + (list(items["plan_text"]) if len(items) else [])
    contexts = heads + (list(items["context"]) if len(items) else [])
    space = _Space(texts, contexts)
    rows = []
    for i, prob in p.iterrows():
        found = []
        if len(items):
            same = np.flatnonzero(items["doc_id"].to_numpy() == prob["doc_id"])
            if len(same):
                sc = space.coverage([i], list(n + same))[0]
                for j, v in zip(same, sc):
                    if v >= threshold:
                        found.append((-round(float(v), 4), int(items.iloc[j]["start"]) if "start" in items else j, j, float(v)))
        found.sort()
        if max_links is not None:
            found = found[:max_links]
        for _neg, _pos, j, v in found:
            it = items.iloc[j]
            rows.append(dict(doc_id=prob["doc_id"], problem_id=prob["problem_id"], plan_section_id=it["section_id"],
                             plan_text=it["plan_text"], score=round(v, 4), addressed=True))
        if not found:
            rows.append(dict(doc_id=prob["doc_id"], problem_id=prob["problem_id"], plan_section_id="",
                             plan_text="", score=np.nan, addressed=False))
    return frame("problem_plan_links", rows)
