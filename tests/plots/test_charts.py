"""Charts: redacted marker drawn and counted in the legend, targets distinct from actuals, periods
visible, diverging colours follow the indicator's direction, CJK glyphs present, never shown/saved."""
from __future__ import annotations

import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from ecoanalysis import compare as cmp  # noqa: E402
from ecoanalysis import plots  # noqa: E402
from ecoanalysis.plots import _style as st  # noqa: E402
from ecoanalysis.schema import frame  # noqa: E402


@pytest.fixture(autouse=True)
def _no_show_or_save(monkeypatch):
    def boom(*a, **k):
        raise AssertionError("chart functions must not show or save")

    monkeypatch.setattr(plt, "show", boom)
    monkeypatch.setattr(Figure, "savefig", boom)
    yield
    plt.close("all")


REPORTS = frame("reports", [
    dict(doc_id="a", province="甘肃省", city="平凉市", year=2022, period="annual"),
    dict(doc_id="b", province="江西省", city="九江市", county="庐山市", year=2022, period="H1"),
    dict(doc_id="c", province="江西省", year=2022, period="H1", anonymised=True),
    dict(doc_id="d", province="", year=2023, period="year-to-date", period_cutoff="11-11"),
])


def _ind(doc_id, indicator, value, kind="actual", masked=False, unit="ug/m3", qualifier=""):
    return dict(doc_id=doc_id, indicator=indicator, kind=kind, value=np.nan if masked else value, unit=unit,
                masked=masked, qualifier=qualifier, start=0, end=2, sentence="…")


INDICATORS = frame("indicators", [
    _ind("a", "pm25", None, masked=True), _ind("a", "pm25", 30.0, kind="target"),
    _ind("b", "pm25", 27.0), _ind("c", "pm25", None, masked=True), _ind("d", "pm25", 32.2),
    _ind("d", "pm25", -13.6, kind="change", unit="%"),
    _ind("d", "good_air_ratio", -1.9, kind="change", unit="%"),
    _ind("b", "good_air_ratio", 3.0, kind="change", unit="%"),
    _ind("b", "total_phosphorus", 20.0, kind="change", unit="%", qualifier="星子断面"),
    _ind("c", "pm10", None, kind="change", masked=True, unit="%"),
    _ind("b", "inspection_issues", 108.0, unit="count"), _ind("b", "inspection_issues_closed", 88.0, unit="count"),
    _ind("c", "inspection_issues", None, masked=True, unit="count"),
    _ind("c", "inspection_issues_closed", None, masked=True, unit="count"),
])


def _headline():
    return cmp.headline_values(INDICATORS, REPORTS)


def _glyph_warnings(fig):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        fig.canvas.draw()
    return [str(x.message) for x in w if "Glyph" in str(x.message)]


def test_indicator_dots_draws_masked_in_its_own_strip_never_on_the_value_axis():
    ax = plots.indicator_dots(_headline(), indicator="pm25")
    assert not [c for c in ax.collections if c.get_gid() == "redacted"]  # nothing on the value axis
    strip = plots.indicators.redacted_strip(ax)
    red = [c for c in strip.collections if c.get_gid() == "redacted"]
    assert len(red) == 1 and len(red[0].get_offsets()) == 2  # a and c
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("redacted" in t and "×2" in t for t in legend)
    values = sorted(x for line in ax.get_lines() if line.get_gid() in ("actual", "target") for x in line.get_xdata())
    assert values == [27.0, 30.0, 32.2]  # only reported numbers are on the value axis


def test_redacted_target_is_distinct_from_redacted_actual():
    ind = frame("indicators", [_ind("a", "pm25", None, masked=True), _ind("b", "pm25", None, kind="target", masked=True),
                               _ind("d", "pm25", 30.0)])
    strip = plots.indicators.redacted_strip(plots.indicator_dots(cmp.headline_values(ind, REPORTS), indicator="pm25"))
    marks = [c for c in strip.collections if c.get_gid() == "redacted"]
    assert len(marks) == 2
    xs = sorted(float(c.get_offsets()[0][0]) for c in marks)
    assert xs == [0.0, 1.0]  # actual and target columns of the strip
    assert to_hex(marks[0].get_facecolor()[0]) != to_hex(marks[1].get_facecolor()[0])


def test_indicator_dots_distinguishes_targets_and_shows_periods():
    ax = plots.indicator_dots(_headline(), indicator="pm25")
    targets = [ln for ln in ax.get_lines() if ln.get_gid() == "target"]
    actuals = [ln for ln in ax.get_lines() if ln.get_gid() == "actual"]
    assert len(targets) == 1 and len(actuals) == 2
    assert targets[0].get_marker() != actuals[0].get_marker()
    assert to_hex(targets[0].get_markerfacecolor()) == "#ffffff"  # hollow
    ticks = " ".join(t.get_text() for t in ax.get_yticklabels())
    assert "H1上半年" in ticks and "全年" in ticks and "截至11-11" in ticks
    legend = " ".join(t.get_text() for t in ax.get_legend().get_texts())
    assert "target" in legend and "期间 H1" in legend and "期间 annual" in legend
    assert not _glyph_warnings(ax.figure)


def _many(n, *, masked_every=5):
    provinces = ["甘肃省", "江西省", "江苏省"]
    reps = frame("reports", [dict(doc_id=f"r{i:03d}", province=provinces[i % 3], city=f"城{i}市", year=2022,
                                  period="annual" if i % 2 else "H1") for i in range(n)])
    ind = frame("indicators", [_ind(f"r{i:03d}", "pm25", None if i % masked_every == 0 else 20.0 + i,
                                    masked=i % masked_every == 0) for i in range(n)])
    return reps, ind


def test_at_scale_redacted_values_are_counted_per_group_outside_the_axis():
    reps, ind = _many(90)
    fig = plots.indicator_dots(cmp.headline_values(ind, reps), indicator="pm25")
    axes = fig.axes + [c for a in fig.axes for c in a.child_axes]
    counts = [t for a in axes for t in a.texts if t.get_gid() == "redacted_count"]
    total = sum(int(t.get_text().lstrip("×")) for t in counts)
    assert total == 18  # r000, r005, … r085: every fifth of 90 is redacted
    w, h = fig.get_size_inches() * 110
    assert max(w, h) <= 4000
    for a in axes:
        if a.get_gid() != "redacted_strip":
            assert not [c for c in a.collections if c.get_gid() == "redacted"]


def test_overview_drops_no_indicator():
    ids = ["air_quality_index", "complaints_closed", "complaints_received", "good_air_ratio", "good_air_days",
           "heavy_pollution_days", "inspection_issues", "inspection_issues_closed", "o3", "penalty_amount",
           "penalty_cases", "pm10", "pm25", "total_phosphorus", "water_section_class"]
    ind = frame("indicators", [_ind("b", i, 1.0 + n, unit="") for n, i in enumerate(ids)])
    fig = plots.indicator_panels(cmp.headline_values(ind, REPORTS))
    titles = " ".join(a.get_title() for a in fig.axes)
    for i in ids:  # 15 indicators: the old chart kept the first 12 alphabetically
        assert f"({i})" in titles.replace("\n", ""), i


def test_indicator_dots_accepts_ax_and_handles_no_data():
    fig, ax = plt.subplots()
    assert plots.indicator_dots(_headline(), indicator="pm25", ax=ax) is ax
    ax2 = plots.indicator_dots(_headline(), indicator="penalty_amount")
    assert "no report" in ax2.texts[0].get_text()


def test_indicator_panels_returns_figure_with_one_panel_per_indicator():
    fig = plots.indicator_panels(_headline())
    titled = [a.get_title() for a in fig.axes if a.get_title()]
    assert any("pm25" in t for t in titled) and any("inspection_issues" in t for t in titled)


def test_heatmap_separates_masked_from_missing():
    m = cmp.indicator_matrix(INDICATORS, REPORTS, "pm25")
    ax = plots.indicator_heatmap(m)
    masked = [p for p in ax.patches if p.get_gid() == "masked_cell"]
    assert len(masked) == int((m.status == "masked").sum().sum()) == 2
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    n_missing = int((m.status == "missing").sum().sum())
    assert any("redacted" in t and "×2" in t for t in legend)
    assert any("not reported" in t and f"×{n_missing}" in t for t in legend)
    assert not _glyph_warnings(ax.figure)


def test_yoy_bar_colours_follow_indicator_direction():
    ch = cmp.yoy_changes(INDICATORS, REPORTS)
    ax = plots.yoy_bars(ch)
    bars = [p for p in ax.patches if p.get_gid() in ("improved", "worsened", "neutral")]
    shown = ch[~ch["masked"]]
    assert len(bars) == len(shown) == len(ch) - 1
    by_row = dict(zip(zip(shown["doc_id"], shown["indicator"]), bars))
    # pm25 fell (lower is better) → improvement; good-air ratio fell (higher is better) → deterioration
    assert to_hex(by_row[("d", "pm25")].get_facecolor()) == st.IMPROVED
    assert to_hex(by_row[("d", "good_air_ratio")].get_facecolor()) == st.WORSENED
    assert to_hex(by_row[("b", "good_air_ratio")].get_facecolor()) == st.IMPROVED
    assert to_hex(by_row[("b", "total_phosphorus")].get_facecolor()) == st.WORSENED  # rose
    assert ("c", "pm10") not in by_row  # masked: no bar, a marker in the redacted strip instead
    strip = plots.indicators.redacted_strip(ax)
    assert [c for c in strip.collections if c.get_gid() == "redacted"]
    assert by_row[("d", "pm25")].get_width() < 0  # the sign of the change is kept


def test_topic_share_bars_stack_to_one():
    s = frame("sections", [dict(doc_id="a", topic="air", own_chars=30), dict(doc_id="a", topic="water", own_chars=10),
                           dict(doc_id="b", topic="party_staff", own_chars=5)])
    ax = plots.topic_share_bars(cmp.topic_shares(s), labels=cmp.report_labels(REPORTS))
    widths = {}
    for p in ax.patches:
        widths.setdefault(round(p.get_y(), 3), 0.0)
        widths[round(p.get_y(), 3)] += p.get_width()
    assert all(w == pytest.approx(1.0) for w in widths.values())
    assert "大气 air" in [t.get_text() for t in ax.get_legend().get_texts()]
    assert not _glyph_warnings(ax.figure)


def test_completeness_bars_widths_match_counts():
    figs = frame("figures", [dict(doc_id="a", masked=True, stripped=False), dict(doc_id="a", masked=False, stripped=False),
                             dict(doc_id="a", masked=True, stripped=True)])
    ax = plots.completeness_bars(cmp.completeness(figs, REPORTS))
    got = {g: sum(p.get_width() for p in ax.patches if p.get_gid() == g) for g in ("reported", "masked", "stripped")}
    assert got == {"reported": 1, "masked": 1, "stripped": 1}


def test_rectification_masked_is_marker_not_zero_bar():
    ax = plots.rectification_bars(cmp.rectification(INDICATORS, REPORTS))
    heights = sorted(p.get_height() for p in ax.patches if p.get_gid() in ("handed", "closed"))
    assert heights == [88.0, 108.0]
    red = [c for c in ax.collections if c.get_gid() == "redacted"]
    assert len(red) == 2 and all(len(c.get_offsets()) == 1 for c in red)  # c: both numbers redacted
    assert all(c.get_transform() != ax.transData for c in red)  # below the axis, not at a height
    assert any("redacted" in t.get_text() for t in ax.get_legend().get_texts())


def test_rectification_draws_no_pair_from_different_sentences():
    ind = frame("indicators", [{**_ind("a", "inspection_issues", 44.0, unit="count"), "sentence": "清单44个。"},
                               {**_ind("a", "inspection_issues_closed", 46.0, unit="count"), "sentence": "销号46个。"}])
    ax = plots.rectification_bars(cmp.rectification(ind, REPORTS))
    assert not [p for p in ax.patches if p.get_gid() in ("handed", "closed")]
    assert "1 report(s) give the two counts in different sentences" in " ".join(t.get_text() for t in ax.texts)


def test_problem_charts():
    probs = frame("problems", [dict(doc_id="a", problem_id="a:p1", themes="air;water", cluster_id="c1"),
                               dict(doc_id="b", problem_id="b:p1", themes="air", cluster_id="c1")])
    ax = plots.problem_theme_heatmap(cmp.problem_themes(probs, REPORTS, wide=True))
    assert [t.get_text() for t in ax.get_xticklabels()] == ["大气\nair", "水\nwater"]
    clusters = frame("problem_clusters", [dict(cluster_id="c1", label="大气、管控", n_reports=2)])
    ax = plots.recurring_clusters(cmp.cluster_membership(probs, clusters, REPORTS))
    assert len(ax.collections[0].get_offsets()) == 2
    assert "大气、管控" in ax.get_yticklabels()[0].get_text()
    assert not _glyph_warnings(ax.figure)


def test_distinctive_terms_pair_two_panels():
    dt = pd.DataFrame({"term": ["整改", "创建", "宣传"], "group": ["problems"] * 3, "count_group": [5, 0, 1],
                       "count_other": [0, 6, 9], "z": [2.0, -1.5, -2.5]})
    fig = plots.distinctive_terms_pair(dt, group="problems", other="plans")
    left, right = fig.axes
    assert [t.get_text() for t in left.get_yticklabels()] == ["整改"]
    assert [t.get_text() for t in right.get_yticklabels()] == ["宣传", "创建"]
    assert all(p.get_width() > 0 for p in right.patches)


def test_group_clouds_one_panel_per_group_and_deterministic():
    terms = pd.DataFrame({"label": ["平凉市", "平凉市", "庐山市"], "term": ["整改", "创建", "总磷"], "count": [3, 2, 4]})
    f1, f2 = plots.group_clouds(terms), plots.group_clouds(terms)
    assert len(f1.axes) == 2
    a1, a2 = f1.axes[0].get_images()[0].get_array(), f2.axes[0].get_images()[0].get_array()
    assert np.array_equal(a1, a2)


def test_charts_use_cjk_font():
    plots.completeness_bars(cmp.completeness(frame("figures", []), REPORTS))
    assert "CJK" in matplotlib.rcParams["font.sans-serif"][0] or "Han" in matplotlib.rcParams["font.sans-serif"][0]
    assert matplotlib.rcParams["axes.unicode_minus"] is False


def test_every_topic_has_a_clearly_distinct_colour():
    from matplotlib.colors import to_rgb

    cols = {t: np.array(to_rgb(c)) * 255 for t, c in st.topic_colors().items()}
    names = sorted(cols)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            # 生态 ecology and 宣传 publicity were #76b7b2 / #86bcb6 (distance ≈ 17)
            assert np.linalg.norm(cols[a] - cols[b]) > 60, (a, b)


def test_heatmap_colour_scale_stays_in_the_data_domain():
    ind = frame("indicators", [_ind("b", "total_phosphorus", 0.05, unit="mg/L")])
    ax = plots.indicator_heatmap(cmp.indicator_matrix(ind, REPORTS, "total_phosphorus"))
    lo, hi = ax.get_images()[0].get_clim()
    assert lo >= 0 and lo <= 0.05 <= hi  # a concentration never gets a negative colour


def test_distinctive_terms_draw_the_threshold_and_say_when_nothing_passes():
    weak = pd.DataFrame({"term": ["整改", "创建"], "group": ["problems"] * 2, "count_group": [3, 1],
                         "count_other": [1, 3], "z": [1.4, -1.2]})
    fig = plots.distinctive_terms_pair(weak, group="problems", other="plans")
    for ax in fig.axes:
        assert [ln for ln in ax.get_lines() if ln.get_gid() == "threshold"][0].get_xdata()[0] == pytest.approx(1.96)
        assert any("no term is significant" in t.get_text() for t in ax.texts)
    strong = weak.assign(z=[2.5, -1.2])
    left, right = plots.distinctive_terms_pair(strong, group="problems", other="plans").axes
    assert not any("no term is significant" in t.get_text() for t in left.texts)
    assert any("no term is significant" in t.get_text() for t in right.texts)


def test_cluster_names_come_from_the_representative_statement():
    probs = frame("problems", [dict(doc_id="a", problem_id="a:p1", cluster_id="c1"),
                               dict(doc_id="b", problem_id="b:p1", cluster_id="c1")])
    clusters = frame("problem_clusters", [dict(cluster_id="c1", label="执法、有待、监测", n_reports=2,
                                               representative="环境执法监管还存在薄弱环节。监管量大面广。")])
    ax = plots.recurring_clusters(cmp.cluster_membership(probs, clusters, REPORTS))
    assert ax.get_yticklabels()[0].get_text().startswith("环境执法监管还存在薄弱环节")
