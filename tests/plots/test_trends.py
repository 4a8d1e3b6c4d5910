"""Time series per region (issue: charts at scale): only where a region reports an indicator in
two or more years, one line per region and period, periods never mixed on a line."""
import pytest

from ecoanalysis import compare as cmp
from ecoanalysis.corpus import read_corpus
from ecoanalysis.plots import indicators as pi
from ecoanalysis.plots import registry


@pytest.fixture(scope="module")
def yearly(tmp_path_factory):
    folder = tmp_path_factory.mktemp("yearly")
    values = {"安吉县": [29, 27, 40], "德清县": [31, 25, 37]}  # invented
    for region, vals in values.items():
        for year, v in zip((2019, 2020, 2021), vals):
            (folder / f"{region}_{year}.txt").write_text(
                f"{region}生态环境分局{year}年工作总结\n{year}年，全县PM2.5平均浓度为{v}微克/立方米。\n", encoding="utf-8")
    for year, v in ((2021, 33), (2022, 29)):  # half-year reports of one county: their own line
        (folder / f"安吉县_{year}h1.txt").write_text(
            f"安吉县生态环境分局{year}年上半年工作总结\n上半年，全县PM2.5平均浓度为{v}微克/立方米。\n", encoding="utf-8")
    (folder / "长兴县_2021.txt").write_text("长兴县生态环境分局2021年工作总结\n2021年，全县PM2.5平均浓度为**微克/立方米。\n",
                                          encoding="utf-8")
    return read_corpus(folder, jobs=1, cache=False)


def test_series_per_region_and_period(yearly):
    h = cmp.headline_values(yearly.indicators, yearly.reports)
    s = pi.trend_series(h, indicator="pm25")
    got = {(r, p): list(zip(g.year.astype(int), g.value)) for (r, p), g in s.groupby(["region", "period"])}
    assert got == {("安吉县", "annual"): [(2019, 29), (2020, 27), (2021, 40)],
                   ("德清县", "annual"): [(2019, 31), (2020, 25), (2021, 37)],
                   ("安吉县", "H1"): [(2021, 33), (2022, 29)]}  # 长兴县 has one (redacted) year: no series


def test_chart_draws_one_line_per_series_and_notes_redactions(yearly):
    h = cmp.headline_values(yearly.indicators, yearly.reports)
    ax = pi.indicator_trends(h, indicator="pm25")
    lines = [ln for ln in ax.get_lines() if ln.get_label() and not ln.get_label().startswith("_")]
    assert len(lines) == 3
    styles = {ln.get_label(): ln.get_linestyle() for ln in lines}
    assert styles["安吉县 · 全年 annual"] == "-" and styles["安吉县 · H1上半年"] == "--"
    notes = [t.get_text() for t in ax.figure.texts if t.get_gid() == "note"]
    assert any("redacted" in n for n in notes)


def test_skipped_where_no_region_repeats(corpus):
    assert "two years" in registry.skip_reason("trend_pm25", corpus)  # the samples: five regions, once each
