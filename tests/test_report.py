"""HTML report: one self-contained file (no external requests), escaped text, highlighted and
masked evidence, and a real headless-browser render that is not blank."""
from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from ecoanalysis.report import evidence, highlight, render_html, write_report  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


# ``corpus``: the sample reports, read once per session (tests/conftest.py)


@pytest.fixture(scope="module")
def page(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "report.html"
    assert write_report(corpus, out, generated="2026-01-02") == out
    return out


def test_highlight_escapes_and_marks():
    assert highlight("<b>浓度为27</b>", 6, 8) == "&lt;b&gt;浓度为<mark>27</mark>&lt;/b&gt;"
    assert 'class="masked"' in highlight("优良率为**%", 4, 6, masked=True)
    assert highlight("abc", 2, 9) == "abc"  # invalid span: no mark, still escaped


def test_report_is_self_contained(page):
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    for attr in re.findall(r'(?:src|href)\s*=\s*"([^"]*)"', html):
        assert not re.match(r"(?i)\s*(https?:)?//", attr), attr
        assert attr.startswith(("#", "data:")), attr
    assert not re.search(r"(?i)url\(\s*['\"]?(https?:)?//", html)
    assert "<script" not in html.lower() and "@import" not in html
    imgs = re.findall(r'<img [^>]*src="data:image/png;base64,', html)
    assert len(imgs) == html.count("<figure id=") >= 8


def test_report_has_overview_tables_problems_and_evidence(page, corpus):
    html = page.read_text(encoding="utf-8")
    for sid in ("overview", "indicators", "charts", "problems", "evidence"):
        assert f'<section id="{sid}">' in html
    assert "庐山市" in html and "H1上半年" in html and "全年" in html
    assert "<mark>27微克" in html or "<mark>27" in html  # Lushan PM2.5 in its sentence
    # markup stays markup with every string dtype (pandas 3 + pyarrow once escaped it again)
    assert "&lt;mark" not in html and "&lt;span class=&quot;masked" not in html
    n_masked = int(corpus.indicators["masked"].astype(bool).sum())
    assert html.count('<mark class="masked"') >= min(n_masked, 1)
    assert "已打码" in html
    for label in corpus.problem_clusters["label"]:
        assert label in html


def test_evidence_locates_numbers_in_their_sentences(corpus):
    ev = evidence(corpus)
    assert len(ev) == len(corpus.indicators)
    located = ev.dropna(subset=["rel_start"])
    assert len(located) >= 0.9 * len(ev)
    for r in located.itertuples():
        assert 0 <= r.rel_start < r.rel_end <= len(r.sentence)


def test_text_is_escaped(corpus):
    import copy

    c = copy.copy(corpus)
    c.indicators = corpus.indicators.copy()
    c.indicators.loc[c.indicators.index[0], "sentence"] = '<script>alert("x")</script>共27个'
    c.problem_clusters = corpus.problem_clusters.copy()
    if len(c.problem_clusters):
        c.problem_clusters.loc[c.problem_clusters.index[0], "label"] = "<img src=x onerror=1>"
    html = render_html(c, charts=False)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<img src=x" not in html


def _chromium():
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def test_report_renders_in_headless_chromium(page, tmp_path):
    exe = _chromium()
    if exe is None:
        pytest.skip("chromium not installed: apt-get install chromium")
    shot = tmp_path / "report.png"
    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    try:
        subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        f"--user-data-dir={profile}", f"--screenshot={shot}", "--window-size=1280,2000",
                        page.resolve().as_uri()], check=True, capture_output=True, timeout=120)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    assert shot.exists() and shot.stat().st_size > 10_000
    img = plt.imread(shot)
    assert img.shape[:2] == (2000, 1280)
    assert float(np.std(img[..., :3])) > 0.05, "the screenshot is blank"


def test_captions_are_chinese_with_english_and_empty_charts_are_listed_not_drawn(page):
    html = page.read_text(encoding="utf-8")
    caps = re.findall(r"<figcaption>(.*?)</figcaption>", html)
    assert caps and all(re.search(r"[\u4e00-\u9fff]", c) and re.search(r'class="en">[A-Za-z]', c) for c in caps)
    assert "heatmap_pm25" not in " ".join(caps)  # no internal ids as captions
    # the samples: PM2.5 comes from 4 reports of 5 regions and 3 period columns, too sparse a heatmap
    assert 'id="fig-heatmap_pm25"' not in html and "未画出的图表 charts left out" in html
    assert "cells filled" in html


def test_provenance_names_version_date_and_every_source_file_with_its_sha256(page):
    import hashlib

    from ecoanalysis import __version__

    html = page.read_text(encoding="utf-8")
    section = html[html.index('<section id="provenance">'):]
    assert __version__ in section and "2026-01-02" in section
    for path in sorted((ROOT / "data" / "reports").glob("*.txt")):
        assert hashlib.sha256(path.read_bytes()).hexdigest() in section, path.name


def test_targets_table_leaves_out_proposed_values(page):
    html = page.read_text(encoding="utf-8")
    targets = html[html.index("目标值 targets"):html.index('<section id="charts">')]
    # anonymised-city: "同时拟对3台…机械进行处罚，处罚金额共计1.5万元" is a proposed penalty
    assert "1.5 万元" not in targets and "100 万元" in targets


def test_cli_on_a_folder_without_reports_exits_1_and_writes_nothing(tmp_path, capsys):
    from ecoanalysis.cli import main

    src = tmp_path / "in"
    src.mkdir()
    (src / "photo.jpg").write_bytes(b"\xff\xd8")
    (src / "notes.xyz").write_text("x", encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        main(["figures", str(src), "--out", str(tmp_path / "fig"), "--tables", str(tmp_path / "tab"), "--no-cache"])
    assert exc.value.code == 1
    err = capsys.readouterr().err
    assert "no report could be read" in err and "--allow-empty" in err
    assert "UserWarning" not in err
    assert err.count("photo.jpg") == 1 and err.count("notes.xyz") == 1  # one clean line per skipped file
    assert not (tmp_path / "fig").exists() and not (tmp_path / "tab").exists()
    assert main(["figures", str(src), "--out", str(tmp_path / "fig"), "--tables", str(tmp_path / "tab"),
                 "--no-cache", "--allow-empty", "-q"]) == 0
    assert not list((tmp_path / "fig").glob("*.png"))  # no blank charts
