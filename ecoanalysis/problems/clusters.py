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

Deterministic: statements are sorted by (doc_id, start) before fitting, the TF-IDF and the
agglomerative clustering have no randomness, and cluster ids ``c01, c02, …`` are assigned by
size (descending), then first appearance in that order. The TF-IDF (sublinear tf, smoothed idf,
unit rows) and the exact clustering (SciPy's average-linkage tree, cut at the threshold) are
scikit-learn's ``TfidfVectorizer`` and ``AgglomerativeClustering`` to the last bit
(``tests/problems/test_problems.py`` compares them) without importing scikit-learn, which alone
took ~1 s of every run's start-up.

Scale. Features are sparse and the similarity is a dot product (``X·Xᵀ`` with the three
unit-length parts scaled by √weight), so the mean similarity of a statement to a group, and
the average linkage of two groups, come from summed rows without a pairwise matrix. Up to
``EXACT_MAX`` = 3000 statements (≈2 s, ~70 MB matrix) the clustering is the exact one above
(dense similarity). Above, a scalable deterministic method runs in rounds over
groups (first round: the distinct statements, identical text, heading and tokens forming one
group): (1) each group is joined to its ``KNN`` = 20 most similar groups (by mean row, ties to
the earlier group; computed a block of rows at a time, the block sized to ``KNN_BLOCK_BYTES``
whatever N, never N × N, only the pairs reaching the threshold ranked, blocks on up to four
threads) whose similarity reaches the threshold, and the graph's connected components are taken; (2) within a component, runs of
at most ``EXACT_MAX`` groups (in order of first statement) are merged by exact size-weighted
average linkage (nearest-neighbour chain on the summed similarities, cut at the threshold);
(3) rounds repeat on the merged groups until all fit in one exact run or a round merges
nothing. It equals the exact method when one run holds everything; otherwise differences come
only from merges missed across components or runs. Memory is O(N·k + EXACT_MAX² +
KNN_BLOCK_BYTES) on top of the features (127,221 statements: 0.84 GB, ``benchmarks/bench_cluster.py``).

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

from itertools import repeat

import numpy as np
import pandas as pd

from ..schema import frame
from .features import WEIGHTS, char_bigrams, theme_matrix, statement_tokens

CLUSTER_THRESHOLD = 0.35  # minimum average similarity to join a cluster
EXACT_MAX = 3000  # up to this many statements, exact average-linkage clustering
KNN = 20  # scalable clustering: neighbours per statement in the threshold graph
KNN_BLOCK_BYTES = 96 * 2**20  # scalable clustering: memory for one block of similarities



def _l2rows(m, *, copy: bool = True):
    """Rows scaled to unit length (zero rows stay zero), sparse in, sparse out (a copy, or with
    ``copy=False`` the CSR float matrix itself scaled in place).

    Each row's sum of squares is taken in storage order, one term after another, as
    scikit-learn's ``normalize`` does, so the floats (and so every similarity) are the same: the
    k-th terms of all rows are added in one vector step, k = 0, 1, … (numpy's own sum is pairwise,
    which rounds differently)."""
    m = m.tocsr(copy=copy).astype(np.float64, copy=False)
    data, indptr = m.data, m.indptr
    starts = indptr[:-1].astype(np.int64)
    lengths = np.diff(indptr).astype(np.int64)
    total = np.zeros(len(lengths))
    order = np.argsort(-lengths, kind="stable")  # longest rows first: step k reads a prefix
    longest = int(lengths[order[0]]) if len(order) else 0
    alive = len(order)
    by_length = lengths[order]
    for k in range(longest):
        while alive and by_length[alive - 1] <= k:
            alive -= 1
        rows = order[:alive]
        v = data[starts[rows] + k]
        total[rows] += v * v
    norm = np.sqrt(total)
    norm[total == 0.0] = 1.0  # zero rows stay as they are
    data /= np.repeat(norm, lengths)
    return m


def _tfidf(docs, analyzer):
    """``(l2-normalised sublinear tf-idf matrix, sorted vocabulary)`` of the token lists
    ``analyzer(doc)``: the matrix scikit-learn's ``TfidfVectorizer(analyzer=…, sublinear_tf=True)``
    gives, to the last bit and in its storage order (terms of a row in order of first appearance
    in the corpus, columns numbered alphabetically), without importing scikit-learn (~1 s).
    Raises ValueError when no document has a token."""
    from array import array

    from scipy import sparse

    vocab: dict = {}
    # machine-int arrays, not lists: 4 bytes an entry instead of a pointer and an int object
    # (char bigrams of 130,000 statements are 10 million entries)
    indices, counts, indptr = array("i"), array("i"), array("q", [0])
    for doc in docs:
        row: dict = {}
        for t in analyzer(doc):
            j = vocab.setdefault(t, len(vocab))
            row[j] = row.get(j, 0) + 1
        indices.extend(row)
        counts.extend(row.values())
        indptr.append(len(indices))
    if not vocab:
        raise ValueError("empty vocabulary")
    n, v = len(indptr) - 1, len(vocab)
    # 32-bit row pointers while they fit (what scipy builds itself), else 64-bit: never wrapped
    ptr = np.frombuffer(indptr, dtype=np.int64)
    ptr = ptr.astype(np.int32) if len(indices) < 2**31 else ptr.copy()
    X = sparse.csr_matrix((np.frombuffer(counts, dtype=np.int32).astype(np.float64),
                           np.frombuffer(indices, dtype=np.int32),  # a view: renumbered below into a new array
                           ptr), shape=(n, v))
    del indices, counts
    X.sort_indices()  # by first appearance; then renumbered alphabetically (storage order kept)
    terms = sorted(vocab)
    renumber = np.empty(v, dtype=X.indices.dtype)
    for new, term in enumerate(terms):
        renumber[vocab[term]] = new
    X.indices = renumber.take(X.indices, mode="clip")
    df = np.bincount(X.indices, minlength=v).astype(np.float64)
    df += 1.0  # smooth idf: as if one more document held every term
    idf = np.full_like(df, fill_value=n + 1, dtype=np.float64)
    idf /= df
    np.log(idf, out=idf)
    idf += 1.0
    np.log(X.data, X.data)  # sublinear tf: 1 + ln(count)
    X.data += 1.0
    X.data *= idf[X.indices]
    X = _l2rows(X, copy=False)  # the raw weights are not returned: no second matrix
    return X, np.array(terms)


def _hstack_rows(parts, *, rows: int = 8192):
    """``scipy.sparse.hstack(parts, format="csr")`` with the same arrays, built ``rows`` rows at a
    time into arrays of the final size: the whole-matrix stack holds a second copy of every part's
    entries while it concatenates (115 MB more at 130,000 statements)."""
    from scipy import sparse

    n = parts[0].shape[0]
    width = sum(p.shape[1] for p in parts)
    indptr = np.zeros(n + 1, dtype=np.int64)
    for p in parts:
        indptr += p.indptr
    nnz = int(indptr[-1])
    dtype = np.int32 if max(nnz, width) < 2**31 else np.int64
    data = np.empty(nnz, dtype=np.float64)
    indices = np.empty(nnz, dtype=dtype)
    for r0 in range(0, n, rows):
        r1 = min(n, r0 + rows)
        block = sparse.hstack([p[r0:r1] for p in parts], format="csr")
        a, b = indptr[r0], indptr[r1]
        data[a:b] = block.data
        indices[a:b] = block.indices
    return sparse.csr_matrix((data, indices, indptr.astype(dtype)), shape=(n, width))


def _given(tokens):
    return tokens


class _Space:
    """Fitted feature space; ``sim(i_rows, j_rows)`` gives the blended similarity.

    Features are kept sparse; ``X`` stacks the unit-length parts scaled by the square roots of
    their weights, so ``similarity = X·Xᵀ`` (a dot product: the mean similarity of a statement
    to a group is its dot product with the group's summed rows divided by the group size)."""

    def __init__(self, texts, headings, tokens=None, *, lean: bool = False):
        """``lean``: keep only ``X`` and ``W`` (for labels), built with no extra copies — the
        scalable clustering's memory; ``sim`` then does not work."""
        from scipy import sparse

        texts = [str(t) for t in texts]
        headings = [str(h or "") for h in headings]
        if tokens is None:
            self.W, self.vocab = self._fit(texts, statement_tokens)
        else:  # each statement's tokens, already cut: only counted here
            self.W, self.vocab = self._fit(list(tokens), _given)
        self.C, _ = self._fit(texts, char_bigrams)
        self.T = theme_matrix(texts, headings)
        if lean:  # the same floats as below (a scalar times each value), scaled in place
            Wn, Cn, Tn = _l2rows(self.W), _l2rows(self.C, copy=False), _l2rows(sparse.csr_matrix(self.T))
            self.C = self.T = None
            for part, name in ((Wn, "words"), (Cn, "chars"), (Tn, "themes")):
                part.data *= np.sqrt(WEIGHTS[name])
            self.X = _hstack_rows([Wn, Cn, Tn])
            self.Wn = self.Cn = self.Tn = None
            return
        self.Wn, self.Cn = _l2rows(self.W), _l2rows(self.C)
        self.Tn = _l2rows(sparse.csr_matrix(self.T))
        self.X = sparse.hstack([np.sqrt(WEIGHTS["words"]) * self.Wn, np.sqrt(WEIGHTS["chars"]) * self.Cn,
                                np.sqrt(WEIGHTS["themes"]) * self.Tn], format="csr")

    @staticmethod
    def _fit(docs, analyzer):
        from scipy import sparse
        try:
            return _tfidf(docs, analyzer)
        except ValueError:  # empty vocabulary (every text is punctuation/numbers)
            return sparse.csr_matrix((len(docs), 1)), np.array([])

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
                     exact_max: int | None = None, tokens=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Group similar statements across reports: ``(problems with cluster_id, problem_clusters)``.

    ``threshold`` is the minimum average-linkage similarity (module docstring). ``reports``
    (doc_id, province, city, county, year) fills ``regions`` and ``years``. Cluster columns:
    cluster_id, label (most distinctive terms), n_statements, n_reports, regions, years,
    representative (the statement nearest the centroid: highest mean similarity to its
    cluster), problem_ids (``;``-separated, text order). Up to ``exact_max`` statements
    (default ``EXACT_MAX``) the clustering is exact; above, the scalable method of the module
    docstring is used. ``tokens`` (optional): ``{problem_id: statement_tokens(text)}`` already
    computed, e.g. with the documents; statements missing from it are cut here.

    >>> p = pd.DataFrame(dict(doc_id=["a", "b"], problem_id=["a:p1", "b:p1"], heading="",
    ...     text=["执法队伍人员少，技术装备差。", "基层执法人员偏少，装备不足。"]))
    >>> cluster_problems(p)[1][["cluster_id", "n_statements", "n_reports"]].values.tolist()
    [['c01', 2, 2]]
    """
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
    toks = None
    if tokens:
        toks = [tokens[pid] if pid in tokens else statement_tokens(str(t))
                for pid, t in zip(q["problem_id"], q["text"])]
    n = len(q)
    space = _Space(q["text"], heads, tokens=toks, lean=n > exact_max)
    S = None
    if n == 1:
        labels = np.array([0])
    elif n <= exact_max:
        S = space.sim()
        labels = _average_linkage_labels(1.0 - S, 1.0 - threshold + 1e-9)
    else:
        # statements with the same text, heading and tokens have the same features: one group
        # from the start (reports repeat boilerplate from year to year)
        keys = zip(q["text"].astype(str), (str(h) for h in heads), (tuple(t) for t in toks) if toks else repeat(()))
        first: dict = {}
        for i, key in enumerate(keys):
            first.setdefault(key, []).append(i)
        labels = _scalable_labels(space.X, threshold, cap=max(2, exact_max), groups=list(first.values()))
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


def _average_linkage_labels(D: np.ndarray, distance_threshold: float) -> np.ndarray:
    """Flat clusters of the average-linkage tree of the square distance matrix ``D`` (its upper
    triangle is read), cut where merges reach ``distance_threshold``: the partition of
    scikit-learn's ``AgglomerativeClustering(metric="precomputed", linkage="average",
    distance_threshold=…)``, which builds the same SciPy tree and undoes its merges at or above
    the threshold. Labels are the index of each cluster's root (the caller renumbers them)."""
    from scipy.cluster import hierarchy

    n = len(D)
    i, j = np.triu_indices(n, k=1)
    Z = hierarchy.linkage(D[i, j], method="average")
    keep = n - (int(np.count_nonzero(Z[:, 2] >= distance_threshold)) + 1)  # merges below the cut
    parent = list(range(2 * n - 1))

    def root(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for step in range(keep):
        a, b = int(Z[step, 0]), int(Z[step, 1])
        parent[root(a)] = parent[root(b)] = n + step
    return np.array([root(x) for x in range(n)])


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

def _knn_components(V, threshold: float, k: int = KNN, block_bytes: int = KNN_BLOCK_BYTES,
                    threads: int | None = None) -> np.ndarray:
    """Connected components of the graph joining each row of ``V`` to its ``k`` most similar
    rows (dot product) with similarity >= ``threshold`` (ties: the lower row index first).

    Similarities are computed a block of rows at a time (block × N, never N × N) and stay sparse:
    only the pairs reaching the threshold are ranked. The block is sized so that it and its
    temporaries stay near ``block_bytes`` whatever N is (memory bounded); blocks run on
    ``threads`` threads (default: the usable cores, at most 4; SciPy's sparse products release
    the GIL) and are joined in block order, so the graph does not depend on the thread count."""
    from concurrent.futures import ThreadPoolExecutor

    from scipy import sparse
    from scipy.sparse.csgraph import connected_components

    n = V.shape[0]
    VT = V.T.tocsr()
    kk = min(k, n - 1)
    threads = max(1, threads or min(4, _usable_cores()))
    # per similarity of a block, at worst (a dense block): the product's value and column
    # (12 B), its row number (8 B), masks and the kept candidates (~8 B)
    block = max(1, min(n, block_bytes // (32 * threads * max(n, 1))))
    floor = threshold - 1e-9

    def one(b0: int):
        b1 = min(n, b0 + block)
        s = V[b0:b1] @ VT
        rr = np.repeat(np.arange(b0, b1), np.diff(s.indptr))
        ok = s.data >= floor
        ok &= s.indices != rr  # not its own neighbour
        r, c, v = rr[ok], s.indices[ok].astype(np.int64), s.data[ok]
        del s, rr, ok
        return _top_k_rows(r, c, v, kk)

    starts = range(0, n, block)
    if threads > 1 and len(starts) > 1:
        with ThreadPoolExecutor(max_workers=threads) as pool:
            parts = list(pool.map(one, starts))
    else:
        parts = [one(b0) for b0 in starts]
    r = np.concatenate([p[0] for p in parts]) if parts else np.array([], dtype=int)
    c = np.concatenate([p[1] for p in parts]) if parts else np.array([], dtype=int)
    g = sparse.coo_matrix((np.ones(len(r)), (r, c)), shape=(n, n)).tocsr()
    return connected_components(g, directed=False)[1]


def _usable_cores() -> int:
    import os
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _top_k_rows(r: np.ndarray, c: np.ndarray, v: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """``(rows, columns)`` of each row's ``k`` largest values among the candidates ``(r, c, v)``
    (``r`` ascending, so a row's candidates are contiguous); among equal values the lower column
    first (explicit, so the choice never depends on how a selection algorithm orders ties)."""
    if not len(r):
        return r, c
    bounds = np.flatnonzero(np.diff(r)) + 1
    starts = np.concatenate(([0], bounds))
    ends = np.concatenate((bounds, [len(r)]))
    over = np.flatnonzero(ends - starts > k)
    if not len(over):
        return r, c
    keep = np.ones(len(r), dtype=bool)
    for i in over.tolist():
        a, b = int(starts[i]), int(ends[i])
        vr = v[a:b]
        kth = np.partition(vr, len(vr) - k)[len(vr) - k]  # the k-th largest value
        sel = vr > kth
        tied = np.flatnonzero(vr == kth)
        need = k - int(np.count_nonzero(sel))
        if need < len(tied):
            tied = tied[np.argsort(c[a:b][tied], kind="stable")[:need]]
        sel[tied] = True
        keep[a:b] = sel
    return r[keep], c[keep]


def _upgma(M: np.ndarray, sizes: np.ndarray, threshold: float, *, copy: bool = True) -> np.ndarray:
    """Average linkage, cut at ``threshold``, of K weighted items: ``M[a, b]`` is the SUM of the
    similarities between the statements of item a and item b, ``sizes`` their statement counts,
    so the linkage of two groups is ``M[a, b] / (n_a · n_b)``: exactly the average similarity of
    their statements. Nearest-neighbour chain (average linkage is reducible): O(K²) time,
    one K × K matrix. An item whose best linkage is below the threshold is final (merging
    others only averages its linkages, which stay below). Returns a label (a root index) per item.
    ``copy=False`` lets it work in ``M`` itself (a float64 array the caller gives up)."""
    M = np.array(M, dtype=float) if copy else np.asarray(M, dtype=float)
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


def _sum_matrix(Vr, sizes: np.ndarray, rows: int = 256) -> np.ndarray:
    """The sums of similarities between the statements of each pair of groups: ``(Vr·Vrᵀ)[a, b] ·
    n_a · n_b`` for mean rows ``Vr``, each element rounded as ``(Vr·Vrᵀ) * np.outer(n, n)`` would
    round it, without holding that outer product (or a second K × K matrix): a few rows at a time."""
    M = (Vr @ Vr.T).toarray()
    if np.all(sizes == 1.0):  # singletons: multiplying by 1.0 changes nothing
        return M
    for a in range(0, len(M), rows):
        M[a:a + rows] *= np.outer(sizes[a:a + rows], sizes)
    return M


def _group_matrix(groups: list, n: int, weights=None):
    from scipy import sparse
    r = np.concatenate([np.full(len(g), i) for i, g in enumerate(groups)])
    c = np.concatenate([np.asarray(g, dtype=int) for g in groups])
    w = np.ones(len(c)) if weights is None else np.concatenate([np.full(len(g), x) for g, x in zip(groups, weights)])
    return sparse.csr_matrix((w, (r, c)), shape=(len(groups), n))


def _scalable_labels(X, threshold: float, *, cap: int, groups: list | None = None) -> np.ndarray:
    """Labels for more statements than the exact method handles (module docstring).

    Rounds over groups (first round: ``groups``, by default one statement per group): groups are represented by the
    mean of their statements' rows (dot product of two means = average similarity of the
    groups' statements); groups are split into connected components of the k-nearest-neighbour
    threshold graph of the means; within each component, runs of at most ``cap`` groups (in
    order of first statement) are merged exactly by size-weighted average linkage. Rounds
    repeat until everything fits one exact run or a round merges nothing."""
    n = X.shape[0]
    groups = [[i] for i in range(n)] if groups is None else sorted(sorted(g) for g in groups)
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
                lab = _upgma(_sum_matrix(V[run], sizes[run]), sizes[run], threshold, copy=False)
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
