"""The figure registry: one dict of figure functions; render_all writes every figure, atomically,
byte-identically across runs and input row orders, never deleting other files."""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from ecoanalysis.plots import registry  # noqa: E402
from ecoanalysis.schema import frame  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def fake_corpus(*, shuffle: bool = False):
    """A small corpus built from the table contracts (every table the registry reads)."""
    reports = frame("reports", [
        dict(doc_id="a", province="甘肃省", city="平凉市", year=2022, period="annual", doc_type="summary+plan"),
        dict(doc_id="b", province="江西省", city="九江市", county="庐山市", year=2022, period="H1"),
        dict(doc_id="c", province="", year=2023, period="year-to-date", period_cutoff="11-11", anonymised=True),
    ])
    ind = [("a", "pm25", "actual", None, True), ("b", "pm25", "actual", 27.0, False),
           ("c", "pm25", "actual", 32.2, False), ("c", "pm25", "change", -13.6, False),
           ("a", "good_air_ratio", "target", 90.0, False), ("b", "good_air_ratio", "actual", 92.2, False),
           ("b", "inspection_issues", "actual", 108.0, False), ("b", "inspection_issues_closed", "actual", 88.0, False),
           ("a", "complaints_received", "actual", None, True), ("b", "complaints_received", "actual", 21.0, False)]
    indicators = frame("indicators", [dict(doc_id=d, indicator=i, kind=k, value=np.nan if m else v, masked=m,
                                           unit="", qualifier="", start=n, end=n + 2, sentence="句子")
                                      for n, (d, i, k, v, m) in enumerate(ind)])
    sections = frame("sections", [dict(doc_id=d, section_id=f"{d}:s{n}", start=n, topic=t, own_chars=c, part="achievements")
                                  for n, (d, t, c) in enumerate([("a", "air", 100), ("a", "water", 50),
                                                                 ("b", "inspection", 80), ("c", "party_staff", 30)])])
    figures = frame("figures", [dict(doc_id=d, figure_id=f"{d}:f{n}", start=n, masked=m, stripped=s)
                                for n, (d, m, s) in enumerate([("a", True, False), ("a", False, False),
                                                               ("b", False, False), ("c", True, True)])])
    problems = frame("problems", [dict(doc_id=d, problem_id=f"{d}:p{n}", start=n, themes=t, cluster_id=c)
                                  for n, (d, t, c) in enumerate([("a", "air", "c01"), ("b", "air;water", "c01"),
                                                                 ("c", "funding_projects", "c02")])])
    clusters = frame("problem_clusters", [dict(cluster_id="c01", label="大气、管控", n_reports=2),
                                          dict(cluster_id="c02", label="资金", n_reports=1)])
    terms = frame("terms", [dict(doc_id=d, part=p, term=t, count=n) for d, p, t, n in [
        ("a", "problems", "难度", 4), ("a", "plans", "创建", 6), ("b", "problems", "不足", 3),
        ("b", "plans", "宣传", 5), ("c", "problems", "难度", 2), ("c", "plans", "防控", 4), ("c", "plans", "创建", 1)]])
    tables = dict(reports=reports, indicators=indicators, sections=sections, figures=figures, problems=problems,
                  problem_clusters=clusters, terms=terms)
    if shuffle:
        tables = {k: v.sample(frac=1.0, random_state=3).reset_index(drop=True) for k, v in tables.items()}
    return SimpleNamespace(**tables, doc_ids=tables["reports"]["doc_id"].tolist())


def test_registry_is_one_dict_of_figure_functions():
    assert isinstance(registry.FIGURES, dict) and len(registry.FIGURES) >= 12
    assert {"completeness", "topic_shares", "yoy_changes", "rectification", "problem_themes",
            "recurring_problems", "word_clouds", "heatmap_pm25", "indicator_pm25"} <= set(registry.FIGURES)
    c = fake_corpus()
    for name, fn in registry.FIGURES.items():
        fig = fn(c)
        assert isinstance(fig, matplotlib.figure.Figure), name
        plt.close(fig)
    assert registry.figures_table()["description"].str.len().gt(0).all()


def test_render_all_is_byte_identical_and_order_independent(tmp_path):
    # a second run on the same rows in another order: equal bytes mean both determinism and
    # order independence (a third, same-order run would prove nothing more)
    a = registry.render_all(fake_corpus(), tmp_path / "a", svg=True)
    s = registry.render_all(fake_corpus(shuffle=True), tmp_path / "s", svg=True)
    drawn = registry.plan(fake_corpus())
    assert len(a) == 2 * int(drawn["drawn"].sum()) and int(drawn["drawn"].sum()) >= 10
    assert [p.name for p in a] == [p.name for p in s]
    for pa, ps in zip(a, s):
        assert pa.read_bytes() == ps.read_bytes(), pa.name
    pngs = {p.name: p.read_bytes() for p in a if p.suffix == ".png"}
    assert all(b"Software" not in v for v in pngs.values())
    svg = (tmp_path / "a" / "completeness.svg").read_text()
    assert "<dc:date>" not in svg and "Matplotlib v" not in svg
    assert not [p for p in (tmp_path / "a").iterdir() if p.name.startswith(".")]  # no temp files left


def test_render_all_only_writes(tmp_path):
    stale = tmp_path / "old_figure.png"
    stale.write_bytes(b"x")
    written = registry.render_all(fake_corpus(), tmp_path, names=["completeness"])
    assert written == [tmp_path / "completeness.png"] and stale.exists()
    assert written[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.slow
def test_render_all_on_the_sample_reports(tmp_path, corpus):
    first = registry.render_all(corpus, tmp_path / "1")
    assert len(first) == int(registry.plan(corpus)["drawn"].sum())
    # byte-identical re-runs of every figure are proven on the generated corpus above; here a
    # second run of the figures that draw the reports' Chinese text (labels, regions, terms)
    again = [p.stem for p in first if p.stem.startswith(("word_clouds", "distinctive", "problem", "recurring", "completeness"))]
    assert again, [p.stem for p in first]
    second = registry.render_all(corpus, tmp_path / "2", names=again)
    for q in second:
        assert q.read_bytes() == (tmp_path / "1" / q.name).read_bytes(), q.name
    for p in first:
        img = plt.imread(p)
        assert img.std() > 0.01, f"{p.name} looks blank"
    committed = ROOT / "figures"
    if not any(committed.glob("*.png")):
        return  # nothing committed yet: test_committed_figures_match_the_registry says so
    # the committed figures/ hold every registered figure, as `ecoanalysis figures` writes them
    # (bytes are compared within one environment above: another matplotlib/freetype may differ)
    for p in first:
        assert (committed / p.name).exists(), f"figures/{p.name} missing: run `make figures`"
        assert plt.imread(committed / p.name).shape == plt.imread(p).shape, f"figures/{p.name} is stale"


def test_committed_figures_match_the_registry():
    pngs = sorted(p.stem for p in (ROOT / "figures").glob("*.png"))
    if not pngs:
        pytest.skip("figures/ has no PNGs yet: run `make figures` (ecoanalysis figures data/reports --out figures)")
    assert len(pngs) >= 10 and set(pngs) <= set(registry.FIGURES), "figures/ is stale: run `make figures`"


def test_heatmap_with_few_filled_cells_is_skipped_and_a_stale_file_removed(tmp_path):
    c = fake_corpus()  # pm25: 3 regions × 3 columns, only 3 of 9 cells filled (one per report)
    reason = registry.skip_reason("heatmap_pm25", c)
    assert reason and "3 of 9 cells" in reason
    (tmp_path / "heatmap_pm25.png").write_bytes(b"old")
    (tmp_path / "mine.png").write_bytes(b"x")
    written = registry.render_all(c, tmp_path, names=["heatmap_pm25", "completeness"])
    assert [p.name for p in written] == ["completeness.png"]
    assert not (tmp_path / "heatmap_pm25.png").exists() and (tmp_path / "mine.png").exists()


def test_no_png_over_4000_px_even_for_a_huge_figure():
    fig = plt.figure(figsize=(80, 10))
    fig.add_subplot().plot([0, 1], [0, 1])
    data = registry.figure_bytes(fig)
    plt.close(fig)
    w, h = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert max(w, h) <= 4000 and w > 3000
