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

Scale. Features are sparse and the similarity is a dot product (``X·Xᵀ`` with the three
unit-length parts scaled by √weight), so the mean similarity of a statement to a group, and
the average linkage of two groups, come from summed rows without a pairwise matrix. Up to
``EXACT_MAX`` = 3000 statements (≈2 s, ~70 MB matrix) the clustering is the exact one above
(scikit-learn, dense similarity). Above, a scalable deterministic method runs in rounds over
groups (first round: single statements): (1) each group is joined to its ``KNN`` = 20 most
similar groups (by mean row; computed 512 rows at a time, never N × N) whose similarity reaches
the threshold, and the graph's connected components are taken; (2) within a component, runs of
at most ``EXACT_MAX`` groups (in order of first statement) are merged by exact size-weighted
average linkage (nearest-neighbour chain on the summed similarities, cut at the threshold);
(3) rounds repeat on the merged groups until all fit in one exact run or a round merges
nothing. It equals the exact method when one run holds everything; otherwise differences come
only from merges missed across components or runs. Memory is O(N·k + EXACT_MAX²) (30,000
statements: well under 1 GB).

Problem → plan links score each statement against the leaf items of the same report's plan
sections with the same three parts and weights, but as **coverage** instead of cosine: the
share of the problem's word weight, bigram weight and theme mass that the item covers (an item
"covers" a theme with a score >= 1). Plan items are long and broad, and a cosine would punish an
item for also planning other things. Word and bigram weights are the problem's own sublinear
term frequencies (``1 + ln count``), with **no idf**: a score depends only on the problem and
the item, never on other documents or other items, so ``link_problems_to_plans`` gives the same
rows called on one document as on a whole corpus (the pipeline may run it per document). (Until
this change the weights were TF-IDF with idf fitted on all problems and plan items passed in,
so results depended on the corpus.) An item addresses the problem at ``LINK_THRESHOLD`` = 0.55:
theme coverage alone gives at most 0.50, so an item must share the theme *and* some of the
problem's own wording. Held-apart pairs, re-checked with the tf weights: answers 0.62–0.91,
same-theme non-answers (秸秆禁烧 for an ozone problem, 严格执法 for a staffing problem)
0.50–0.52, other-theme items ≈ 0.

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
EXACT_MAX = 3000  # up to this many statements, exact average-linkage clustering
KNN = 20  # scalable clustering: neighbours per statement in the threshold graph

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


def _l2rows(m):
    """Rows scaled to unit length (zero rows stay zero), sparse in, sparse out."""
    from sklearn.preprocessing import normalize
    return normalize(m, norm="l2", axis=1, copy=True)


class _Space:
    """Fitted feature space; ``sim(i_rows, j_rows)`` gives the blended similarity.

    Features are kept sparse; ``X`` stacks the unit-length parts scaled by the square roots of
    their weights, so ``similarity = X·Xᵀ`` (a dot product: the mean similarity of a statement
    to a group is its dot product with the group's summed rows divided by the group size)."""

    def __init__(self, texts, headings):
        from scipy import sparse
        from sklearn.feature_extraction.text import TfidfVectorizer

        texts = [str(t) for t in texts]
        headings = [str(h or "") for h in headings]
        self.words = TfidfVectorizer(analyzer=_tokens, sublinear_tf=True)
        self.chars = TfidfVectorizer(analyzer=_bigrams, sublinear_tf=True)
        self.W, self.vocab = self._fit(self.words, texts)
        self.C, _ = self._fit(self.chars, texts)
        self.T = _theme_matrix(texts, headings)
        self.Wn, self.Cn = _l2rows(self.W), _l2rows(self.C)
        self.Tn = _l2rows(sparse.csr_matrix(self.T))
        self.X = sparse.hstack([np.sqrt(WEIGHTS["words"]) * self.Wn, np.sqrt(WEIGHTS["chars"]) * self.Cn,
                                np.sqrt(WEIGHTS["themes"]) * self.Tn], format="csr")

    @staticmethod
    def _fit(vec, texts):
        from scipy import sparse
        try:
            m = vec.fit_transform(texts).tocsr()
            return m, np.array(vec.get_feature_names_out())
        except ValueError:  # empty vocabulary (every text is punctuation/numbers)
            return sparse.csr_matrix((len(texts), 1)), np.array([])

    def sim(self, i=None, j=None) -> np.ndarray:
        """Blended similarity between rows ``i`` and rows ``j`` (all rows by default), dense."""
        i = slice(None) if i is None else i
        j = slice(None) if j is None else j

        def cos(m):
            return (m[i] @ m[j].T).toarray()

        s = WEIGHTS["words"] * cos(self.Wn) + WEIGHTS["chars"] * cos(self.Cn) + WEIGHTS["themes"] * cos(self.Tn)
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
                     threshold: float = CLUSTER_THRESHOLD,
                     exact_max: int | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Group similar statements across reports: ``(problems with cluster_id, problem_clusters)``.

    ``threshold`` is the minimum average-linkage similarity (module docstring). ``reports``
    (doc_id, province, city, county, year) fills ``regions`` and ``years``. Cluster columns:
    cluster_id, label (most distinctive terms), n_statements, n_reports, regions, years,
    representative (the statement nearest the centroid: highest mean similarity to its
    cluster), problem_ids (``;``-separated, text order). Up to ``exact_max`` statements
    (default ``EXACT_MAX``) the clustering is exact; above, the scalable method of the module
    docstring is used.

    >>> p = pd.DataFrame(dict(doc_id=["a", "b"], problem_id=["a:p1", "b:p1"], heading="",
    ...     text=["执法队伍人员少，技术装备差。", "基层执法人员偏少，装备不足。"]))
    >>> cluster_problems(p)[1][["cluster_id", "n_statements", "n_reports"]].values.tolist()
    [['c01', 2, 2]]
    """
    from sklearn.cluster import AgglomerativeClustering

    if problems is None or not len(problems):
        out = problems.copy() if problems is not None else frame("problems", [])
        return out, frame("problem_clusters", [])
    exact_max = EXACT_MAX if exact_max is None else exact_max
    p = problems.copy()
    if "start" in p:
        order = p.assign(_s=pd.to_numeric(p["start"], errors="coerce").fillna(0)).sort_values(
            ["doc_id", "_s", "problem_id"], kind="stable").index
    else:
        order = p.sort_values(["doc_id", "problem_id"], kind="stable").index
    q = p.loc[order].reset_index(drop=True)
    heads = q["heading"].fillna("") if "heading" in q else [""] * len(q)
    space = _Space(q["text"], heads)
    n = len(q)
    S = None
    if n == 1:
        labels = np.array([0])
    elif n <= exact_max:
        S = space.sim()
        model = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                        distance_threshold=1.0 - threshold + 1e-9)
        labels = model.fit_predict(1.0 - S)
    else:
        labels = _scalable_labels(space.X, threshold, cap=max(2, exact_max))
    # stable ids: size desc, then first appearance
    groups: dict = {}
    for idx, lab in enumerate(labels):
        groups.setdefault(lab, []).append(idx)
    ordered = sorted(groups.values(), key=lambda m: (-len(m), m[0]))
    width = max(2, len(str(len(ordered))))
    cid = np.empty(n, dtype=object)
    rep_info = {} if reports is None else {r["doc_id"]: r for r in reports.to_dict("records")}
    W_total = np.asarray(space.W.sum(axis=0)).ravel()
    doc_ids, texts, pids = q["doc_id"].to_numpy(), q["text"].to_numpy(), q["problem_id"].to_numpy()
    rows = []
    for k, members in enumerate(ordered, start=1):
        c = f"c{k:0{width}d}"
        cid[members] = c
        if S is not None:
            mean_sim = S[np.ix_(members, members)].mean(axis=1)
        else:  # a dot product: mean similarity to the members = x · (sum of members) / size
            Xm = space.X[members]
            mean_sim = np.asarray(Xm @ np.asarray(Xm.sum(axis=0)).ravel()).ravel() / len(members)
        rep = members[int(np.argmax(mean_sim))]  # first on ties (argmax)
        docs = list(dict.fromkeys(doc_ids[members]))
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
        rows.append(dict(cluster_id=c, label=_label(space.W, space.vocab, members, W_total), n_statements=len(members),
                         n_reports=len(docs), regions=";".join(regions), years=";".join(sorted(years)),
                         representative=texts[rep], problem_ids=";".join(pids[members])))
    q["cluster_id"] = cid
    out = p.copy()
    out["cluster_id"] = out["problem_id"].map(dict(zip(q["problem_id"], q["cluster_id"])))
    return out, frame("problem_clusters", rows)


def _label(W, vocab: np.ndarray, members: list, total: np.ndarray | None = None, k: int = 3) -> str:
    """Top terms by (mean tf-idf in cluster − mean elsewhere); ties broken by the term itself.

    ``W`` is the sparse tf-idf matrix, ``total`` its column sums. Only the terms that can reach
    the top ``k`` are sorted, so a label costs O(vocabulary), not O(vocabulary · log)."""
    if not len(vocab) or W.shape[1] != len(vocab):
        return ""
    n, m = W.shape[0], len(members)
    total = np.asarray(W.sum(axis=0)).ravel() if total is None else total
    in_sum = np.asarray(W[members].sum(axis=0)).ravel()
    inside = in_sum / m
    outside = (total - in_sum) / (n - m) if n > m else 0
    score = inside - outside
    kk = min(k, len(vocab))
    kth = np.partition(score, len(score) - kk)[len(score) - kk]
    cand = np.flatnonzero(score >= kth - 1e-9)
    order = sorted(cand, key=lambda t: (-round(float(score[t]), 12), vocab[t]))
    return "、".join(vocab[t] for t in order[:k] if inside[t] > 0)


# ---------------------------------------------------------------- scalable clustering

def _knn_components(V, threshold: float, k: int = KNN, block: int = 512) -> np.ndarray:
    """Connected components of the graph joining each row of ``V`` to its ``k`` most similar
    rows (dot product) with similarity >= ``threshold``. Similarities are computed a block of
    rows at a time (block × N), never N × N."""
    from scipy import sparse
    from scipy.sparse.csgraph import connected_components

    n = V.shape[0]
    VT = V.T.tocsr()
    rows, cols = [], []
    kk = min(k, n - 1)
    for b0 in range(0, n, block):
        b1 = min(n, b0 + block)
        sb = (V[b0:b1] @ VT).toarray()
        sb[np.arange(b1 - b0), np.arange(b0, b1)] = -1.0  # not its own neighbour
        if kk < n - 1:
            idx = np.argpartition(-sb, kk - 1, axis=1)[:, :kk]
        else:
            idx = np.broadcast_to(np.arange(n), sb.shape)
        vals = np.take_along_axis(sb, idx, axis=1)
        r, c = np.nonzero(vals >= threshold - 1e-9)
        rows.append(r + b0)
        cols.append(idx[r, c])
    r = np.concatenate(rows) if rows else np.array([], dtype=int)
    c = np.concatenate(cols) if cols else np.array([], dtype=int)
    g = sparse.coo_matrix((np.ones(len(r)), (r, c)), shape=(n, n)).tocsr()
    return connected_components(g, directed=False)[1]


def _upgma(M: np.ndarray, sizes: np.ndarray, threshold: float) -> np.ndarray:
    """Average linkage, cut at ``threshold``, of K weighted items: ``M[a, b]`` is the SUM of the
    similarities between the statements of item a and item b, ``sizes`` their statement counts,
    so the linkage of two groups is ``M[a, b] / (n_a · n_b)``: exactly the average similarity of
    their statements. Nearest-neighbour chain (average linkage is reducible): O(K²) time,
    one K × K matrix. An item whose best linkage is below the threshold is final (merging
    others only averages its linkages, which stay below). Returns a label (a root index) per item."""
    M = np.array(M, dtype=float)
    K = len(sizes)
    n = np.asarray(sizes, dtype=float).copy()
    active = np.ones(K, dtype=bool)
    root = np.arange(K)
    chain: list = []
    todo = 0
    while True:
        if not chain:
            while todo < K and not active[todo]:
                todo += 1
            if todo >= K:
                break
            chain.append(todo)
        a = chain[-1]
        row = M[a] / (n[a] * n)
        row[~active] = -np.inf
        row[a] = -np.inf
        b = int(np.argmax(row))
        if len(chain) >= 2 and row[chain[-2]] >= row[b]:
            b = chain[-2]  # ties go to the chain's previous item (guarantees termination)
        if row[b] < threshold - 1e-9:
            active[a] = False  # can never reach the threshold again
            chain.pop()
            continue
        if len(chain) >= 2 and b == chain[-2]:
            lo, hi = min(a, b), max(a, b)
            M[lo] += M[hi]
            M[:, lo] += M[:, hi]
            n[lo] += n[hi]
            active[hi] = False
            root[root == hi] = lo
            chain.pop()
            chain.pop()
            continue
        chain.append(b)
    return root


def _group_matrix(groups: list, n: int, weights=None):
    from scipy import sparse
    r = np.concatenate([np.full(len(g), i) for i, g in enumerate(groups)])
    c = np.concatenate([np.asarray(g, dtype=int) for g in groups])
    w = np.ones(len(c)) if weights is None else np.concatenate([np.full(len(g), x) for g, x in zip(groups, weights)])
    return sparse.csr_matrix((w, (r, c)), shape=(len(groups), n))


def _scalable_labels(X, threshold: float, *, cap: int) -> np.ndarray:
    """Labels for more statements than the exact method handles (module docstring).

    Rounds over groups (first round: one statement per group): groups are represented by the
    mean of their statements' rows (dot product of two means = average similarity of the
    groups' statements); groups are split into connected components of the k-nearest-neighbour
    threshold graph of the means; within each component, runs of at most ``cap`` groups (in
    order of first statement) are merged exactly by size-weighted average linkage. Rounds
    repeat until everything fits one exact run or a round merges nothing."""
    n = X.shape[0]
    groups = [[i] for i in range(n)]
    while len(groups) > 1:
        sizes = np.array([len(g) for g in groups], dtype=float)
        V = _group_matrix(groups, n, 1.0 / sizes) @ X  # mean rows
        if len(groups) <= cap:
            comps = [list(range(len(groups)))]
        else:
            comp = _knn_components(V, threshold)
            by: dict = {}
            for i, c in enumerate(comp):
                by.setdefault(int(c), []).append(i)
            comps = sorted(by.values(), key=lambda m: m[0])
        new = []
        for mem in comps:
            if len(mem) == 1:
                new.append(groups[mem[0]])
                continue
            for c0 in range(0, len(mem), cap):
                run = mem[c0:c0 + cap]
                Vr = V[run]
                M = (Vr @ Vr.T).toarray() * np.outer(sizes[run], sizes[run])  # sums of similarities
                lab = _upgma(M, sizes[run], threshold)
                out: dict = {}
                for i, l in zip(run, lab):
                    out.setdefault(int(l), []).extend(groups[i])
                new += [sorted(g) for g in out.values()]
        new.sort(key=lambda g: g[0])
        done = len(new) == len(groups) or len(groups) <= cap
        groups = new
        if done:
            break
    labels = np.empty(n, dtype=int)
    for k, g in enumerate(groups):
        labels[g] = k
    return labels


# ---------------------------------------------------------------- nearest statements

def similar_problems(corpus, problem_id: str, *, k: int = 5) -> pd.DataFrame:
    """The ``k`` statements most similar to ``problem_id`` in OTHER reports, best first.

    ``corpus`` has ``.problems`` (and optionally ``.reports``) or is a problems DataFrame.
    Columns: problem_id, doc_id, score, summary, themes, cluster_id, text. Only the query's
    row of similarities is computed (1 × N).

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
    Pw, Iw = _coverage_matrices([_tf(_tokens(t)) for t in p_texts], [_tf(_tokens(t)) for t in i_texts])
    Pc, Ic = _coverage_matrices([_tf(_bigrams(t)) for t in p_texts], [_tf(_bigrams(t)) for t in i_texts])
    pt = _theme_matrix(p_texts, p_heads)
    hit = (_theme_matrix(i_texts, i_contexts) >= MIN_PLAN_THEME ** THEME_POWER).astype(float)
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


def link_problems_to_plans(problems: pd.DataFrame, sections: pd.DataFrame, *,
                           threshold: float = LINK_THRESHOLD, max_links: int | None = 3) -> pd.DataFrame:
    """For each problem, the same report's plan items that address it: the ``problem_plan_links`` table.

    An item addresses a problem when their coverage score (module docstring) is >= ``threshold``;
    the best ``max_links`` items are kept (``None``: all). Problems with no such item get one
    row with ``addressed=False`` and empty plan columns. Columns: doc_id, problem_id,
    plan_section_id, plan_text, score, addressed.

    A score depends only on the problem and the plan item (no corpus statistics), so calling this
    with ONE document's problems and sections gives exactly that document's rows of a
    corpus-wide call: the pipeline can run it per document (cached) and concatenate. Rows come
    in the order of ``problems``.

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
