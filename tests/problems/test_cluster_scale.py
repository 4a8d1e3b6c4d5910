"""The scalable clustering's pieces: bounded blocks, explicit ties, threads that change nothing.

Each piece is compared with a plain reference written out here (a dense matrix, a full sort),
on random inputs with many ties, so a fast path that silently diverges fails."""
from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse

from ecoanalysis.problems.clusters import _knn_components, _sum_matrix, _top_k_rows, _upgma


def _reference_top_k(S: np.ndarray, k: int, floor: float) -> set:
    """Each row's k largest entries >= floor by (value desc, column asc), the diagonal excluded."""
    out = set()
    for i, row in enumerate(S):
        cand = [(-row[j], j) for j in range(len(row)) if j != i and row[j] >= floor]
        out.update((i, j) for _, j in sorted(cand)[:k])
    return out


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_top_k_rows_keeps_the_largest_with_lower_columns_first_on_ties(seed):
    rng = np.random.default_rng(seed)
    S = rng.integers(0, 6, size=(40, 60)) / 5.0  # values 0, 0.2, …, 1.0: ties everywhere
    S[np.arange(40), np.arange(40)] = 9.0  # the diagonal (a row's own similarity) must never be kept
    r, c = np.nonzero((S >= 0.4) & (np.arange(60)[None, :] != np.arange(40)[:, None]))
    got_r, got_c = _top_k_rows(r, c, S[r, c], 5)
    assert set(zip(got_r.tolist(), got_c.tolist())) == _reference_top_k(S, 5, 0.4)


def test_top_k_rows_keeps_every_candidate_of_a_short_row():
    r, c, v = np.array([0, 0, 2]), np.array([3, 1, 0]), np.array([0.5, 0.9, 0.4])
    got = _top_k_rows(r, c, v, 5)
    assert set(zip(got[0].tolist(), got[1].tolist())) == {(0, 3), (0, 1), (2, 0)}


def _random_rows(n: int, f: int, seed: int):
    rng = np.random.default_rng(seed)
    X = sparse.random(n, f, density=0.08, random_state=seed, format="csr")
    X.data = np.round(X.data * 4) / 4 + 0.25  # few distinct values: equal similarities occur
    norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.diags(1.0 / norms) @ X, rng


def _reference_components(X, threshold: float, k: int) -> list:
    S = (X @ X.T).toarray()
    edges = _reference_top_k(S, k, threshold - 1e-9)
    parent = list(range(S.shape[0]))

    def root(x):
        while parent[x] != x:
            x = parent[x]
        return x

    for a, b in edges:
        parent[root(a)] = root(b)
    return _partition([root(i) for i in range(S.shape[0])])


def _partition(labels) -> list:
    groups: dict = {}
    for i, lab in enumerate(labels):
        groups.setdefault(int(lab), []).append(i)
    return sorted(groups.values())


@pytest.mark.parametrize("block_bytes", [1, 20_000, 10**9])
@pytest.mark.parametrize("threads", [1, 3])
def test_knn_components_equal_the_dense_reference_whatever_the_block_and_threads(block_bytes, threads):
    X, _ = _random_rows(150, 40, seed=4)
    got = _partition(_knn_components(X, 0.3, k=3, block_bytes=block_bytes, threads=threads))
    assert got == _reference_components(X, 0.3, 3)
    assert 1 < len(got) < 150  # the case is not trivial: some rows joined, not all


def test_sum_matrix_rounds_as_the_outer_product_does():
    X, rng = _random_rows(300, 50, seed=7)
    sizes = rng.integers(1, 9, size=300).astype(float)
    expected = (X @ X.T).toarray() * np.outer(sizes, sizes)
    got = _sum_matrix(X, sizes, rows=7)  # row chunks that do not divide 300
    assert np.array_equal(got, expected)
    assert np.array_equal(_sum_matrix(X, np.ones(300)), (X @ X.T).toarray())


def test_upgma_without_copy_gives_the_same_labels():
    X, rng = _random_rows(120, 30, seed=9)
    sizes = rng.integers(1, 4, size=120).astype(float)
    M = _sum_matrix(X, sizes)
    assert np.array_equal(_upgma(M, sizes, 0.3), _upgma(M.copy(), sizes, 0.3, copy=False))


def test_repeated_statements_start_as_one_group_and_cluster_as_the_exact_method_does():
    import pandas as pd

    from ecoanalysis.problems import cluster_problems

    base = pd.DataFrame(dict(text=["执法队伍人员少，技术装备差。", "基层执法人员偏少，装备不足。",
                                   "臭氧污染治理难度大，空气质量改善压力较大。", "空气质量持续改善压力大，臭氧浓度居高不下。",
                                   "农村生活污水处理设施运行不正常。", "畜禽养殖污染问题仍然突出，粪污处理设施不完善。"]))
    rows = [dict(doc_id=f"r{copy}", problem_id=f"r{copy}:p{i}", heading="", start=i, text=t)
            for copy in range(4) for i, t in enumerate(base.text)]  # the same report text four years running
    st = pd.DataFrame(rows)
    exact, _ = cluster_problems(st)
    scal, _ = cluster_problems(st, exact_max=3)  # 24 statements, 6 distinct: the scalable path
    ids = dict(zip(scal.problem_id, scal.cluster_id))
    assert dict(zip(exact.problem_id, exact.cluster_id)) == ids
    for i in range(len(base)):  # a repeated statement is always with its repeats
        assert len({ids[f"r{c}:p{i}"] for c in range(4)}) == 1
    assert len(set(ids.values())) >= 3  # enforcement, air and water/rural problems stay apart


def test_lean_feature_space_has_the_same_features_bit_for_bit():
    from ecoanalysis.problems.clusters import _Space

    texts = ["执法队伍人员少，技术装备差。", "基层执法人员偏少，装备不足。", "臭氧污染治理难度大。", "。。", "",
             "农村生活污水处理设施运行不正常，部分设施闲置。", "空气质量持续改善压力大，臭氧浓度居高不下。"]
    heads = ["", "执法能力方面", "", "", "", "水污染方面", ""]
    full, lean = _Space(texts, heads), _Space(texts, heads, lean=True)
    for a, b in ((full.X, lean.X), (full.W, lean.W)):
        assert a.shape == b.shape and (a != b).nnz == 0
        assert np.array_equal(a.data, b.data) and np.array_equal(a.indices, b.indices)
    assert lean.Wn is None and lean.C is None  # nothing but X and W is held


def _ragged(seed: int, n: int = 300, width: int = 400):
    """A CSR matrix whose rows have 0 to 120 entries (pairwise and sequential sums differ past 8),
    some rows all zeros, values over several magnitudes."""
    rng = np.random.default_rng(seed)
    rows, cols, vals = [], [], []
    for i in range(n):
        k = int(rng.choice([0, 1, 3, 9, 40, 120]))
        js = rng.choice(width, size=min(k, width), replace=False)
        k = len(js)  # unsorted: storage order matters
        v = rng.random(k) * 10.0 ** rng.integers(-3, 4, size=k)
        if i % 17 == 0:
            v[:] = 0.0  # stored zeros: the row stays as it is
        rows += [i] * k
        cols += js.tolist()
        vals += v.tolist()
    indptr = np.searchsorted(np.asarray(rows, dtype=np.int64), np.arange(n + 1))
    return sparse.csr_matrix((np.asarray(vals), np.asarray(cols, dtype=np.int32), indptr), shape=(n, width))


@pytest.mark.parametrize("seed", [0, 1])
def test_row_normalisation_adds_each_row_in_storage_order(seed):
    import math

    from ecoanalysis.problems.clusters import _l2rows

    m = _ragged(seed)
    want = m.copy()
    for i in range(m.shape[0]):  # the plain loop scikit-learn's normalize runs
        a, b = want.indptr[i], want.indptr[i + 1]
        total = 0.0
        for v in want.data[a:b].tolist():
            total += v * v
        if total:
            want.data[a:b] /= math.sqrt(total)
    got = _l2rows(m)
    assert got.data.tobytes() == want.data.tobytes()
    assert np.array_equal(got.indices, m.indices) and np.array_equal(m.data, _ragged(seed).data)  # a copy
    inplace = _l2rows(m, copy=False)
    assert inplace.data.tobytes() == want.data.tobytes() and np.shares_memory(inplace.data, m.data)
    sk = pytest.importorskip("sklearn.preprocessing")
    assert sk.normalize(_ragged(seed), norm="l2").data.tobytes() == want.data.tobytes()


@pytest.mark.parametrize("rows", [1, 7, 64, 10_000])
def test_stacking_in_row_blocks_equals_the_whole_stack(rows):
    from ecoanalysis.problems.clusters import _hstack_rows

    parts = [_ragged(3, width=50), _ragged(4, width=400), sparse.csr_matrix(np.eye(300, 5))]
    want = sparse.hstack(parts, format="csr")
    got = _hstack_rows(parts, rows=rows)
    assert got.shape == want.shape
    for attr in ("data", "indices", "indptr"):
        assert getattr(got, attr).tobytes() == getattr(want, attr).tobytes(), attr
