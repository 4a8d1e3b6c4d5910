"""The per-document stage on a Dask cluster (``read_corpus(scheduler=...)``, ``--scheduler``).

A ``LocalCluster`` of two single-threaded worker processes extracts the samples plus a generated
corpus (with broken files and a resource overlay); every table written with the package's
writers, and every cache entry, is byte-identical to the single-process run. The workers get
the files' bytes and the overlay's files and never read the client's folders. Without Dask
installed, ``--scheduler`` stops with an error naming the extra to install.
"""
from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from pathlib import Path

import pandas as pd
import pytest

from ecoanalysis import resources

ROOT = Path(__file__).resolve().parents[1]
HAVE_DASK = importlib.util.find_spec("distributed") is not None
pytestmark = pytest.mark.filterwarnings("ignore:skipping .*unsupported extension")
needs_dask = pytest.mark.skipif(not HAVE_DASK, reason="dask.distributed is not installed (pip install -e '.[cluster]')")

PROBE = "某县生态环境局2023年工作总结\n一、主要成效\n县城微粒子平均浓度为31微克/立方米。\n二、存在的问题\n1.夜间施工噪音管控难。\n"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, synth):
    """The five samples (and their metadata.csv), 20 generated reports, files that fail, a name twice."""
    folder = tmp_path_factory.mktemp("corpus")
    synth.generate(folder, 20, seed=11)
    for p in sorted((ROOT / "data" / "reports").iterdir()):
        shutil.copyfile(p, folder / p.name)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "short.txt").write_text("你好", encoding="utf-8")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\nnot really a pdf\n")
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    (folder / "notes.rtf").write_text("{\\rtf1 skipped}", encoding="utf-8")
    (folder / "sub").mkdir()
    (folder / "sub" / "short.txt").write_text(PROBE, encoding="utf-8")  # the same stem as ./short.txt
    (folder / "probe.txt").write_text(PROBE, encoding="utf-8")
    try:  # a file name that is not UTF-8 (GBK 报告): its path travels as a label and comes back escaped
        sample = ROOT / "data" / "reports" / "gansu_pingliang_2022-annual.txt"
        (folder / os.fsdecode(b"\xb1\xa8\xb8\xe6.txt")).write_bytes(sample.read_bytes())
    except (OSError, UnicodeError):  # a file system that refuses such names
        pass
    return folder


@pytest.fixture(scope="module")
def overlay(tmp_path_factory):
    """An overlay that makes 微粒子 a PM2.5 cue: only a worker that got the overlay finds probe.txt's value."""
    folder = tmp_path_factory.mktemp("overlay")
    cat = resources.read_csv("indicators.csv")
    row = cat[cat.id == "pm25"].iloc[0].to_dict()
    row["cues"] += ";微粒子"
    pd.DataFrame([row]).to_csv(folder / "indicators.csv", index=False)
    (folder / "stopwords.txt").write_text("管控\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def client():
    if not HAVE_DASK:
        pytest.skip("dask.distributed is not installed (pip install -e '.[cluster]')")
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    c = Client(cluster, set_as_default=False)
    yield c
    c.close()
    cluster.close()


@pytest.fixture
def no_overlay():
    yield
    resources.use_overlay(None)


def _tables(corpus, out: Path) -> dict:
    corpus.to_dir(out)
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def _entries(cache: Path) -> dict:
    return {p.relative_to(cache).as_posix(): p.read_bytes() for p in sorted(cache.rglob("*.json"))}


@needs_dask
def test_local_cluster_writes_the_tables_of_a_single_process_run(corpus, overlay, client, tmp_path, no_overlay):
    from distributed import get_task_stream

    from ecoanalysis.corpus import read_corpus

    one = read_corpus(corpus, jobs=1, cache=tmp_path / "c1", resources=overlay)
    resources.use_overlay(None)
    with get_task_stream(client) as stream:
        two = read_corpus(corpus, cache=tmp_path / "c2", resources=overlay, scheduler=client)
    ran = [t for t in stream.data if "run_shipped" in str(t["key"])]
    assert len({t["worker"] for t in ran}) == 2  # both workers took documents

    a, b = _tables(one, tmp_path / "one"), _tables(two, tmp_path / "two")
    assert sorted(a) == sorted(b) and len(a) == 13
    diff = [name for name in a if a[name] != b[name]]
    assert not diff, f"tables differ between the single-process and the cluster run: {diff}"
    # the run is what it should be: every report, the broken files as errors, the overlay in force
    assert len(two.reports) == len(one.reports) >= 28 and "sub__short.txt" in set(two.reports.doc_id)
    assert {"broken", "empty", "notes"} <= set(two.errors.doc_id)
    assert str(corpus / "broken.pdf") in set(two.errors.path)
    probe = two.indicators[two.indicators.doc_id == "probe"]
    assert probe[["indicator", "value"]].values.tolist() == [["pm25", 31.0]]
    # the client's cache holds the entries a single-process run writes, byte for byte
    e1, e2 = _entries(tmp_path / "c1"), _entries(tmp_path / "c2")
    assert len(e1) > 50 and sorted(e1) == sorted(e2)
    assert [k for k in e1 if e1[k] != e2[k]] == []

    # the workers rebuilt the overlay from its bytes, in folders of their own
    seen = client.run(lambda: os.environ.get("ECOANALYSIS_RESOURCES"))
    assert all(v and Path(v) != overlay and (Path(v) / "indicators.csv").read_bytes() ==
               (overlay / "indicators.csv").read_bytes() for v in seen.values()), seen


@needs_dask
def test_only_cache_misses_travel(corpus, client, tmp_path, no_overlay):
    from distributed import get_task_stream

    from ecoanalysis.corpus import read_corpus

    folder = tmp_path / "r"  # the samples, probe.txt and the broken files
    shutil.copytree(corpus, folder, ignore=lambda d, names: [n for n in names if n.startswith("synth_")])
    cache = tmp_path / "cache"
    read_corpus(folder, jobs=1, cache=cache)
    (folder / "probe.txt").write_text(PROBE + "三、下一步工作计划\n1.继续推进。\n", encoding="utf-8")
    with get_task_stream(client) as stream:
        warm = read_corpus(folder, cache=cache, scheduler=client)
    # probe.txt, and the three files that fail to read (a failed read is never cached, as in a single-process run)
    assert len([t for t in stream.data if "run_shipped" in str(t["key"])]) == 4
    fresh = read_corpus(folder, jobs=1, cache=False)
    a, b = _tables(warm, tmp_path / "warm"), _tables(fresh, tmp_path / "fresh")
    assert [n for n in a if a[n] != b[n]] == []


@needs_dask
def test_a_worker_with_other_code_is_refused(corpus, client, monkeypatch, no_overlay):
    from ecoanalysis.cluster import ClusterError
    from ecoanalysis.corpus import read_corpus

    monkeypatch.setattr("ecoanalysis.cache.env_digest", lambda: "0" * 64)  # the client "runs other code"
    with pytest.raises(ClusterError, match="same version on every machine"):
        read_corpus(corpus, cache=False, scheduler=client)


@needs_dask
def test_cli_scheduler_local(tmp_path, monkeypatch):
    """``extract --scheduler local`` starts its own LocalCluster and writes the bytes of a one-process run."""
    from ecoanalysis.cli import main
    from ecoanalysis.corpus import read_corpus

    monkeypatch.delenv("ECOANALYSIS_RESOURCES", raising=False)
    reports = ROOT / "data" / "reports"  # the samples: the byte-identity of a larger corpus is checked above
    want = _tables(read_corpus(reports, jobs=1, cache=False), tmp_path / "one")
    assert main(["extract", str(reports), "--out", str(tmp_path / "local"), "--scheduler", "local", "--jobs", "2",
                 "--no-cache", "-q"]) == 0
    got = {p.name: p.read_bytes() for p in sorted((tmp_path / "local").iterdir())}
    assert sorted(got) == sorted(want)
    assert [n for n in want if want[n] != got[n]] == []


def test_shipped_bytes_give_the_result_of_the_file(tmp_path, monkeypatch):
    """run_shipped (what a worker runs) never opens the client's file: the path is only a label."""
    from ecoanalysis.cluster import run_shipped
    from ecoanalysis.pipeline import process_file

    monkeypatch.delenv("ECOANALYSIS_RESOURCES", raising=False)
    src = ROOT / "data" / "reports" / "jiangxi_jiujiang_lushan_2022-h1.txt"
    here = tmp_path / "gone" / "x.txt"
    here.parent.mkdir()
    shutil.copyfile(src, here)
    want = process_file(here, doc_id="x", cache=None, keep_text=True)
    data = here.read_bytes()
    shutil.rmtree(here.parent)
    digest, got = run_shipped(data, path=str(here), doc_id="x")
    assert got.path == want.path and got.report == want.report and got.report["path"] == str(here)
    assert got.errors == want.errors and got.notes == want.notes and got.text == want.text
    assert sorted(got.tables) == sorted(want.tables)
    for name, df in want.tables.items():
        pd.testing.assert_frame_equal(got.tables[name], df)
    # encoded (what a corpus run asks for): the same tables once decoded
    from ecoanalysis.cache import decode_frame

    _, enc = run_shipped(data, path=str(here), doc_id="x", decode=False)
    assert sorted(enc.tables) == sorted(want.tables) and all(isinstance(t, dict) for t in enc.tables.values())
    for name, df in want.tables.items():
        pd.testing.assert_frame_equal(decode_frame(enc.tables[name]), df)
    broken = run_shipped(b"%PDF-1.4\nbroken", path="/elsewhere/b.pdf", doc_id="b")[1]
    assert broken.report is None and [e["path"] for e in broken.errors] == ["/elsewhere/b.pdf"]
    from ecoanalysis.cache import env_digest

    assert digest == env_digest()


def test_scheduler_without_dask_says_what_to_install(tmp_path, monkeypatch, capsys):
    from ecoanalysis.cli import main
    from ecoanalysis.cluster import ClusterError
    from ecoanalysis.corpus import read_corpus

    monkeypatch.setitem(sys.modules, "distributed", None)  # `import distributed` raises ImportError
    out = tmp_path / "out"
    assert main(["extract", str(ROOT / "data" / "reports"), "--out", str(out), "--scheduler", "local", "-q",
                 "--no-cache"]) == 2
    err = capsys.readouterr().err
    assert "pip install -e '.[cluster]'" in err and "Traceback" not in err
    assert not out.exists()
    with pytest.raises(ClusterError, match=r"pip install -e '\.\[cluster\]'"):
        read_corpus(ROOT / "data" / "reports", cache=False, scheduler="tcp://127.0.0.1:8786")
