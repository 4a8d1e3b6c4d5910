"""The streamed Parquet dataset (``ecoanalysis.dataset``, ``extract --format dataset``).

The samples plus 30 generated reports (and files that fail, a file skipped, a name twice, a
file name that is not UTF-8), written with ``batch_size=7`` so every table has several parts:
every table read back equals ``read_corpus``'s on the same input, cold and from a warm cache;
every part of a table has the one schema (an empty part too); an interrupted run leaves no
dataset (or the previous one); the CLI writes it and names the extra when pyarrow is missing.
Memory is measured in ``benchmarks/bench_stream.py``, never here.
"""
from __future__ import annotations

import importlib.util
import math
import os
import shutil
import sys
from pathlib import Path

import pandas as pd
import pytest

pytest.importorskip("pyarrow", reason="the Parquet dataset needs pyarrow (pip install -e '.[parquet]')")

import pyarrow.parquet as pq  # noqa: E402

from ecoanalysis import dataset  # noqa: E402
from ecoanalysis.cli import main  # noqa: E402
from ecoanalysis.corpus import TABLES, read_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.filterwarnings("ignore:skipping .*unsupported extension")
BATCH = 7


@pytest.fixture(scope="module")
def folder(tmp_path_factory, synth):
    folder = tmp_path_factory.mktemp("corpus")
    synth.generate(folder, 30, seed=4)
    for p in sorted((ROOT / "data" / "reports").iterdir()):
        shutil.copyfile(p, folder / p.name)  # with metadata.csv: overrides apply per batch too
    (folder / "empty.txt").write_bytes(b"")
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    (folder / "notes.rtf").write_text("{\\rtf1 skipped}", encoding="utf-8")
    (folder / "sub").mkdir()
    (folder / "sub" / "empty.txt").write_text("某县生态环境局2023年工作总结\n一、主要成效\n空气质量优良。\n", encoding="utf-8")
    try:  # a file name that is not UTF-8
        sample = ROOT / "data" / "reports" / "gansu_pingliang_2022-annual.txt"
        (folder / os.fsdecode(b"\xb1\xa8\xb8\xe6.txt")).write_bytes(sample.read_bytes())
    except (OSError, UnicodeError):
        pass
    return folder


@pytest.fixture(scope="module")
def expected(folder):
    return read_corpus(folder, jobs=2, cache=False)


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="module")
def written(folder, cache_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("ds") / "dataset"
    assert dataset.write_dataset(folder, out, jobs=2, cache=cache_dir, batch_size=BATCH) == out
    return out


def _n_documents(folder) -> int:
    from ecoanalysis.ingest import list_reports

    return len(list_reports(folder, with_errors=True)[0])


def _textual(s: pd.Series) -> bool:
    return s.dtype == object or isinstance(s.dtype, pd.StringDtype)


def _as_contract(df: pd.DataFrame, other: pd.DataFrame) -> pd.DataFrame:
    """Text columns as objects with None for missing: ``read_corpus`` gives a text column the
    pandas ``str`` or ``object`` dtype depending on how its parts were joined (the contract says
    text; numbers, nullable integers and booleans are compared with their exact dtypes)."""
    df = df.reset_index(drop=True).copy()
    for c in df.columns:
        if _textual(df[c]) or _textual(other[c]):
            df[c] = df[c].astype(object).map(lambda v: None if v is None or v is pd.NA or v != v else v)
    return df


def assert_same_tables(got, want):
    for name in (*TABLES, "headline"):
        a, b = getattr(got, name), getattr(want, name)
        assert list(a.columns) == list(b.columns), name
        assert len(a) == len(b), name
        if not len(b):
            continue
        pd.testing.assert_frame_equal(_as_contract(a, b), _as_contract(b, a), obj=name)


def test_every_table_equals_read_corpus(written, expected, folder):
    got = dataset.read_dataset(written)
    assert len(expected.reports) > 30 and len(expected.errors) >= 3 and len(expected.problem_clusters)
    assert_same_tables(got, expected)
    assert got.notes == expected.notes
    assert sorted(got._paths) == sorted(expected._paths)
    assert got.text(got.doc_ids[0]) == expected.text(expected.doc_ids[0])
    # headline values stored per batch are the corpus-wide rule's, in its order
    pd.testing.assert_frame_equal(dataset.read_table(written, "headline"), expected.headline)


def test_parts_share_one_schema(written, folder):
    n_parts = math.ceil(_n_documents(folder) / BATCH)
    assert n_parts >= 5
    for name in dataset.DATASET_TABLES:
        parts = sorted((written / name).glob("part-*.parquet"))
        assert len(parts) == (1 if name == "problem_clusters" else n_parts), name
        schema = dataset.arrow_schema(name)
        for p in parts:
            assert pq.read_schema(p).remove_metadata().equals(schema), (name, p.name)
    # some parts of a table are empty, and still have the schema (the samples have no Word tables)
    assert any(pq.read_metadata(p).num_rows == 0 for p in (written / "checks").glob("*.parquet"))


def test_pandas_and_duckdb_read_the_folders(written, expected):
    df = pd.read_parquet(written / "indicators")
    assert len(df) == len(expected.indicators) and list(df.columns) == list(expected.indicators.columns)
    duckdb = pytest.importorskip("duckdb")
    [(n, docs)] = duckdb.sql(f"select count(*), count(distinct doc_id) from '{written}/problems/*.parquet' "
                             "where cluster_id is not null").fetchall()
    assert n == len(expected.problems) and docs == expected.problems.doc_id.nunique()


def test_clustering_counts_the_tokens_cut_with_the_documents(folder, expected, tmp_path, monkeypatch):
    # the statements were cut into words with their documents: the corpus-wide step must not
    # cut a single one again (and the side folder holding them is no part of the dataset)
    import ecoanalysis.problems.clusters as clusters

    def refuse(text):
        raise AssertionError(f"statement cut again at clustering: {text[:20]}")

    monkeypatch.setattr(clusters, "statement_tokens", refuse)
    out = dataset.write_dataset(folder, tmp_path / "ds", jobs=1, cache=None, batch_size=BATCH)
    assert not (out / "_problem_tokens").exists()
    got = dataset.read_dataset(out)
    pd.testing.assert_frame_equal(_as_contract(got.problem_clusters, expected.problem_clusters),
                                  _as_contract(expected.problem_clusters, got.problem_clusters))
    assert got.problems["cluster_id"].tolist() == expected.problems["cluster_id"].tolist()


def test_warm_cache_gives_the_same_dataset(written, expected, folder, cache_dir):
    entries = {p: p.stat().st_mtime_ns for p in cache_dir.glob("??/*.json")}
    assert len(entries) > 60
    dataset.write_dataset(folder, written, jobs=2, cache=cache_dir, batch_size=BATCH)  # replaces the old one
    assert_same_tables(dataset.read_dataset(written), expected)
    assert {p: p.stat().st_mtime_ns for p in cache_dir.glob("??/*.json")} == entries  # nothing recomputed


def test_an_interrupted_run_leaves_no_half_dataset(folder, tmp_path, monkeypatch):
    small = tmp_path / "small"
    small.mkdir()
    for p in sorted((ROOT / "data" / "reports").glob("*.txt"))[:2]:
        shutil.copyfile(p, small / p.name)
    out = tmp_path / "ds"

    def boom(*args, **kwargs):
        raise KeyboardInterrupt

    with monkeypatch.context() as m:
        m.setattr(dataset, "_cluster_step", boom)
        with pytest.raises(KeyboardInterrupt):
            dataset.write_dataset(small, out, jobs=1, cache=False, batch_size=1)
    assert not out.exists() and not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    dataset.write_dataset(small, out, jobs=1, cache=False, batch_size=1)
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    with monkeypatch.context() as m:
        m.setattr(dataset, "_cluster_step", boom)
        with pytest.raises(KeyboardInterrupt):
            dataset.write_dataset(small, out, jobs=1, cache=False, batch_size=2)
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert len(list((out / "reports").glob("*.parquet"))) == 2


def test_no_readable_report_still_has_every_table(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    out = dataset.write_dataset(src, tmp_path / "ds", cache=False)
    got = dataset.read_dataset(out)
    assert len(got.reports) == 0 and got.errors.error.tolist() != []
    for name in TABLES:
        assert list(getattr(got, name).columns) == dataset.columns_of(name)
        assert pq.read_schema(out / name / "part-00000.parquet").remove_metadata().equals(dataset.arrow_schema(name))
    with pytest.raises(dataset.NoReportsError):
        dataset.write_dataset(src, tmp_path / "ds2", cache=False, require_reports=True)
    assert not (tmp_path / "ds2").exists()


def test_other_files_in_the_output_folder_are_never_replaced(tmp_path):
    out = tmp_path / "o"
    out.mkdir()
    (out / "reports.csv").write_text("x")
    with pytest.raises(OSError, match="holds other files"):
        dataset.write_dataset(ROOT / "data" / "reports", out, cache=False)
    assert (out / "reports.csv").read_text() == "x"


def test_cli_writes_a_dataset(tmp_path, capsys):
    src = tmp_path / "r"
    src.mkdir()
    for p in sorted((ROOT / "data" / "reports").glob("*.txt"))[:3]:
        shutil.copyfile(p, src / p.name)
    out = tmp_path / "o"
    code = main(["extract", str(src), "--out", str(out), "--format", "dataset", "--batch-size", "2",
                 "--no-cache", "-j", "1"])
    assert code == 0, capsys.readouterr().err
    assert "2 part(s)" in capsys.readouterr().out
    assert len(pd.read_parquet(out / "reports")) == 3
    assert main(["extract", str(src), "--out", str(out), "--format", "dataset", "--batch-size", "0",
                 "--no-cache"]) == 2


def test_cli_names_the_extra_without_pyarrow(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow raises ImportError
    code = main(["extract", str(ROOT / "data" / "reports"), "--out", str(tmp_path / "o"), "--format", "dataset",
                 "--no-cache"])
    assert code == 2 and "pip install -e '.[parquet]'" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


@pytest.mark.skipif(importlib.util.find_spec("distributed") is None,
                    reason="dask.distributed is not installed (pip install -e '.[cluster]')")
def test_scheduler_local_gives_the_same_dataset(tmp_path):
    src = tmp_path / "r"
    shutil.copytree(ROOT / "data" / "reports", src)
    out, cache = tmp_path / "o", tmp_path / "cache"
    want = read_corpus(src, jobs=1, cache=False)
    dataset.write_dataset(src, out, jobs=2, cache=cache, batch_size=2, scheduler="local")
    assert_same_tables(dataset.read_dataset(out), want)
    # warm: every document comes from the cache, loaded one at a time (no cluster is started)
    dataset.write_dataset(src, out, jobs=2, cache=cache, batch_size=2, scheduler="local")
    assert_same_tables(dataset.read_dataset(out), want)
