"""Every figure of the project, in ONE registry, and :func:`render_all` to regenerate them.

``FIGURES`` maps a file name to a function ``corpus -> Figure``; ``render_all`` draws each one
and writes ``<name>.png`` (and ``<name>.svg`` with ``svg=True``) atomically. Output is
byte-identical for the same inputs: no timestamps or software tags in the files, a fixed SVG
hash salt, seeded word clouds and sorted inputs. Stale files are never removed, only written.

Example:
    >>> [name for name in FIGURES if name.startswith("heatmap_")]
    ['heatmap_pm25', 'heatmap_good_air_ratio', 'heatmap_total_phosphorus']
"""
from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from .. import compare as cmp
from . import corpus as pc
from . import indicators as pi
from . import problems as pp
from . import words as pw

__all__ = ["FIGURES", "CAPTIONS", "render", "render_all", "figure_bytes", "skip_reason", "plan"]

DPI = 110
SVG_SALT = "ecoanalysis"
KEY_INDICATORS = ("pm25", "good_air_ratio", "total_phosphorus", "complaints_received")


def _fig(ax_or_fig):
    """The Figure of an Axes (a Figure is returned as is)."""
    return ax_or_fig if hasattr(ax_or_fig, "savefig") else ax_or_fig.figure


def _memo(corpus, key, make):
    """``make()`` once per corpus view: skip checks and drawing share the comparison tables."""
    memo = corpus.__dict__.setdefault("_memo", {}) if isinstance(corpus, _Sorted) else {}
    if key not in memo:
        memo[key] = make()
    return memo[key]


def _headline(corpus):
    return _memo(corpus, "headline", lambda: cmp.headline_values(corpus.indicators, corpus.reports))


def _yoy(corpus):
    return _memo(corpus, "yoy", lambda: cmp.yoy_changes(corpus.indicators, corpus.reports))


def _rect(corpus):
    return _memo(corpus, "rect", lambda: cmp.rectification(corpus.indicators, corpus.reports))


def _many(corpus) -> bool:
    from ._style import MAX_POINTS

    return len(corpus.reports) > MAX_POINTS


def completeness(corpus):
    """Figures reported vs masked vs stripped per report (per province beyond 40 reports)."""
    return _fig(pc.completeness_bars(cmp.completeness(corpus.figures, corpus.reports)))


def topic_shares(corpus):
    """Share of text per topic per report (stacked bars; province means beyond 40 reports)."""
    return _fig(pc.topic_share_bars(cmp.topic_shares(corpus.sections), labels=cmp.report_labels(corpus.reports)))


def indicators_overview(corpus):
    """Every indicator with a value, one panel each (a dot per report, by kind and period)."""
    return pi.indicator_panels(_headline(corpus))


def _dots(indicator):
    def draw(corpus):
        return _fig(pi.indicator_dots(_headline(corpus), indicator=indicator))
    draw.__doc__ = f"{indicator} across reports (a row per report; boxes per province beyond 40 reports)"
    return draw


def _trend(indicator):
    def draw(corpus):
        return _fig(pi.indicator_trends(_headline(corpus), indicator=indicator))
    draw.__doc__ = f"{indicator}: a time series per region that reports it in two or more years"
    return draw


def _matrix(corpus, indicator):
    return _memo(corpus, ("matrix", indicator), lambda: _make_matrix(corpus, indicator))


def _make_matrix(corpus, indicator):
    from ._style import MAX_GROUPS

    m = cmp.indicator_matrix(corpus.indicators, corpus.reports, indicator)
    if m.values.shape[0] > MAX_GROUPS:  # too many regions for rows: provinces, cells = medians
        m = cmp.indicator_matrix(corpus.indicators, corpus.reports, indicator, by="province")
        m.values.index.name = m.status.index.name = "province"
    return m


def _heatmap(indicator):
    def draw(corpus):
        m = _matrix(corpus, indicator)
        title = None
        if m.values.index.name == "province":
            from ._style import indicator_name
            title = f"{indicator_name(indicator)} · 各省中位数 median per province ({len(corpus.reports)} reports)"
        return _fig(pi.indicator_heatmap(m, title=title))
    draw.__doc__ = f"{indicator}: region × year heatmap (provinces, medians, beyond 30 regions)"
    return draw


def yoy_changes(corpus):
    """Year-over-year changes, stated and computed, coloured by improvement (counts beyond 40)."""
    return _fig(pi.yoy_bars(_yoy(corpus)))


def rectification(corpus):
    """Inspection issues handed down vs closed, pairs stated in one sentence."""
    return _fig(pc.rectification_bars(_rect(corpus)))


def _complaints(corpus):
    return _memo(corpus, "complaints", lambda: cmp.rectification(
        corpus.indicators, corpus.reports, handed="complaints_received", closed="complaints_closed"))


def complaints(corpus):
    """Complaints received vs closed, pairs stated in one sentence."""
    return _fig(pc.rectification_bars(_complaints(corpus), title="信访投诉办理 complaints received vs closed",
                                      handed_label="受理 received", closed_label="办结 closed",
                                      share_label="办结率"))


def _theme_matrix(corpus):
    wide = cmp.problem_themes(corpus.problems, corpus.reports, wide=True)
    if not _many(corpus) or wide.empty:
        return wide, None
    labels = cmp.report_labels(corpus.reports).set_index("label")
    prov = labels["province"].reindex(wide.index)
    n = prov.value_counts()
    agg = wide.groupby(prov.to_numpy()).sum()
    agg.index = [f"{p} (n={int(n[p])})" for p in agg.index]
    return agg, f"问题主题（按省汇总）problem themes per province ({len(corpus.reports)} reports, statements)"


def problem_themes(corpus):
    """Reports × problem themes heatmap (provinces beyond 40 reports)."""
    mat, title = _theme_matrix(corpus)
    return _fig(pp.problem_theme_heatmap(mat, title=title))


def recurring_problems(corpus):
    """Recurring problem clusters and the reports that share them."""
    return _fig(pp.recurring_clusters(cmp.cluster_membership(corpus.problems, corpus.problem_clusters,
                                                             corpus.reports)))


def distinctive_terms_problems_vs_plans(corpus):
    """Distinctive terms of the problems part vs the plans part (log-odds z, threshold drawn)."""
    from ..words import distinctive_terms

    parts = set(corpus.terms["part"]) if len(corpus.terms) else set()
    if not {"problems", "plans"} <= parts:
        import matplotlib.pyplot as plt

        from ._style import empty
        fig, ax = plt.subplots(figsize=(6, 3))
        empty(ax, "需要“问题”和“计划”两部分 needs problems and plans parts")
        return fig
    dt = distinctive_terms(corpus, by="part", group="problems", other="plans")
    return pw.distinctive_terms_pair(dt, group="problems", other="plans", names=pw.PART_ZH)


CLOUDS_PER_REPORT = 9  # more reports: one cloud per part of the reports instead of one per report


def word_clouds(corpus):
    """One word cloud per report (per part beyond 9 reports), horizontal, no place names."""
    if len(corpus.reports) > CLOUDS_PER_REPORT:
        terms = corpus.terms.assign(part_label=corpus.terms["part"].map(lambda x: pw.PART_ZH.get(x, x)))
        fig = pw.group_clouds(terms, by="part_label", ncols=2)
        fig.suptitle(f"{len(corpus.reports)} 份报告各部分的词云 word clouds per part of {len(corpus.reports)} reports",
                     fontsize=10)
        return fig
    labels = cmp.report_labels(corpus.reports)[["doc_id", "label"]]
    return pw.group_clouds(corpus.terms.merge(labels, on="doc_id", how="inner"), by="label")


FIGURES = {
    "completeness": completeness,
    "topic_shares": topic_shares,
    "indicators_overview": indicators_overview,
    **{f"indicator_{i}": _dots(i) for i in KEY_INDICATORS},
    **{f"heatmap_{i}": _heatmap(i) for i in KEY_INDICATORS[:3]},
    **{f"trend_{i}": _trend(i) for i in KEY_INDICATORS[:3]},
    "yoy_changes": yoy_changes,
    "rectification": rectification,
    "complaints": complaints,
    "problem_themes": problem_themes,
    "recurring_problems": recurring_problems,
    "distinctive_terms_problems_vs_plans": distinctive_terms_problems_vs_plans,
    "word_clouds": word_clouds,
}


def _ind_zh(i):
    cat = cmp.indicator_catalog().set_index("id")
    return (cat.at[i, "name_zh"], cat.at[i, "name_en"]) if i in cat.index else (i, i)


# captions: (Chinese, English), shown side by side in the HTML report
CAPTIONS = {
    "completeness": ("数据完整性：已报告、已打码和被删除的数字", "Data completeness: numbers reported, redacted and deleted"),
    "topic_shares": ("各报告篇幅的主题分布", "Share of text per topic"),
    "indicators_overview": ("全部有数值的指标", "Every indicator with a value"),
    **{f"indicator_{i}": (f"{_ind_zh(i)[0]}：各报告的数值", f"{_ind_zh(i)[1]} across reports") for i in KEY_INDICATORS},
    **{f"heatmap_{i}": (f"{_ind_zh(i)[0]}：地区 × 年份", f"{_ind_zh(i)[1]}: region × year") for i in KEY_INDICATORS[:3]},
    **{f"trend_{i}": (f"{_ind_zh(i)[0]}：各地区逐年变化", f"{_ind_zh(i)[1]}: trends per region") for i in KEY_INDICATORS[:3]},
    "yoy_changes": ("同比变化（按指标方向着色）", "Year-over-year changes, coloured by the indicator's direction"),
    "rectification": ("督察问题交办与整改销号（同一句中的数字）", "Inspection issues handed down vs closed (same-sentence pairs)"),
    "complaints": ("信访投诉受理与办结（同一句中的数字）", "Complaints received vs closed (same-sentence pairs)"),
    "problem_themes": ("存在问题的主题", "Problem themes per report"),
    "recurring_problems": ("反复出现的问题", "Recurring problems shared by reports"),
    "distinctive_terms_problems_vs_plans": ("“存在问题”与“工作计划”的特征词", "Distinctive terms: problems vs plans"),
    "word_clouds": ("词云（不含地名和套话）", "Word clouds (without place names and boilerplate)"),
}


def skip_reason(name: str, corpus) -> str | None:
    """Why figure ``name`` has nothing to show for ``corpus`` (None: it has data). A skipped figure
    is not written, and the HTML report lists it with this reason."""
    from ._style import MAX_POINTS  # noqa: F401

    sc = sorted_corpus(corpus)
    if not len(sc.reports):
        return "没有报告 no reports"
    ind = sc.indicators
    if name.startswith("indicator_") and name != "indicators_overview":
        i = name[len("indicator_"):]
        if not (len(ind) and ((ind["indicator"] == i) & ind["kind"].isin(["actual", "target"])).any()):
            return f"没有报告提到该指标 no report mentions {i}"
    if name == "indicators_overview" and not (len(ind) and ind["kind"].isin(["actual", "target"]).any()):
        return "没有指标数值 no indicator values"
    if name.startswith("heatmap_"):
        i = name[len("heatmap_"):]
        m = _matrix(sc, i)
        filled = int((m.status != "missing").to_numpy().sum())
        if filled < pi.MIN_HEATMAP_CELLS or pi.heatmap_fill(m) < pi.MIN_HEATMAP_FILL:
            return (f"只有 {filled}/{m.status.size} 个格子有值 only {filled} of {m.status.size} cells filled "
                    f"(< {pi.MIN_HEATMAP_FILL:.0%} or < {pi.MIN_HEATMAP_CELLS})")
    if name.startswith("trend_") and pi.trend_series(_headline(sc), indicator=name[len("trend_"):]).empty:
        return "没有在两个年份报告该指标的地区 no region reports it in two years"
    if name == "yoy_changes" and _yoy(sc).empty:
        return "没有同比数据 no year-over-year changes"
    if name in ("rectification", "complaints"):
        r = _rect(sc) if name == "rectification" else _complaints(sc)
        if not len(r) or not r["pairing"].isin(["same_sentence", "masked"]).any():
            return "没有在同一句中给出两项数字的报告 no report gives both counts in one sentence"
    if name == "problem_themes" and not len(sc.problems):
        return "没有问题陈述 no problem statements"
    if name == "recurring_problems" and cmp.cluster_membership(sc.problems, sc.problem_clusters, sc.reports).empty:
        return "没有跨报告重复的问题 no problem recurs across reports"
    if name == "distinctive_terms_problems_vs_plans":
        parts = set(sc.terms["part"]) if len(sc.terms) else set()
        if not {"problems", "plans"} <= parts:
            return "需要“问题”和“计划”两部分 needs problems and plans parts"
    if name == "word_clouds" and not len(sc.terms):
        return "没有词 no terms"
    if name == "topic_shares" and not len(sc.sections):
        return "没有章节 no sections"
    return None


def plan(corpus, names=None) -> pd.DataFrame:
    """Which figures have data: columns name, drawn (bool), reason (why not, else '')."""
    todo = list(names) if names is not None else list(FIGURES)
    corpus = sorted_corpus(corpus)
    reasons = [skip_reason(n, corpus) for n in todo]
    return pd.DataFrame({"name": todo, "drawn": [r is None for r in reasons], "reason": [r or "" for r in reasons]})


MAX_PIXELS = 4000  # no PNG side above this, whatever the corpus


def _png_size(data: bytes) -> tuple[int, int]:
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def figure_bytes(fig, fmt: str = "png") -> bytes:
    """Deterministic bytes of a figure: no software/date metadata, fixed SVG hash salt; a PNG
    wider or taller than ``MAX_PIXELS`` is drawn again at a lower resolution."""
    import matplotlib

    meta = {"Software": None} if fmt == "png" else {"Date": None, "Creator": None}

    def draw(dpi):
        buf = io.BytesIO()
        with matplotlib.rc_context({"svg.hashsalt": SVG_SALT, "svg.fonttype": "path"}):
            fig.savefig(buf, format=fmt, dpi=dpi, metadata=meta, bbox_inches="tight", facecolor="white")
        return buf.getvalue()

    data = draw(DPI)
    if fmt == "png" and max(_png_size(data)) > MAX_PIXELS:
        data = draw(int(DPI * MAX_PIXELS / max(_png_size(data)) * 0.98))
    return data


def render(name: str, corpus):
    """Draw one registered figure; returns the Figure (caller closes it)."""
    return FIGURES[name](sorted_corpus(corpus))


class _Sorted:
    """The corpus with its tables in a fixed row order, so outputs never depend on input order."""

    _KEYS = {"reports": ["doc_id"], "sections": ["doc_id", "start", "section_id"],
             "figures": ["doc_id", "start", "figure_id"], "indicators": ["doc_id", "start", "indicator", "kind"],
             "problems": ["doc_id", "start", "problem_id"], "problem_clusters": ["cluster_id"],
             "terms": ["doc_id", "part", "term"]}

    def __init__(self, corpus):
        self._c = corpus
        for name, keys in self._KEYS.items():
            df = getattr(corpus, name)
            cols = [k for k in keys if k in df.columns]
            setattr(self, name, df.sort_values(cols, kind="stable").reset_index(drop=True) if cols and len(df) else df)

    def __getattr__(self, name):
        return getattr(self._c, name)


def sorted_corpus(corpus):
    return corpus if isinstance(corpus, _Sorted) else _Sorted(corpus)


def render_all(corpus, out_dir, *, svg: bool = False, progress: bool = False, names=None,
               skip_empty: bool = True) -> list[Path]:
    """Regenerate every figure of ``FIGURES`` (or ``names``) into ``out_dir`` as PNG (and SVG);
    returns the paths written, in registry order.

    With ``skip_empty`` a figure with nothing to show (:func:`skip_reason`) is not drawn, and an
    earlier file of that name in ``out_dir`` is removed, so the folder never shows a stale chart
    of data that is gone; other files are never touched."""
    import matplotlib
    import matplotlib.pyplot as plt
    from tqdm.auto import tqdm

    from ..writers import atomic_write_bytes

    out = Path(out_dir)
    sc = sorted_corpus(corpus)
    todo = list(names) if names is not None else list(FIGURES)
    written = []
    with matplotlib.rc_context({"svg.hashsalt": SVG_SALT}):
        for name in tqdm(todo, desc="figures", unit="figure", disable=not progress):
            if skip_empty and skip_reason(name, sc) is not None:
                for fmt in ("png", "svg"):
                    (out / f"{name}.{fmt}").unlink(missing_ok=True)
                continue
            fig = FIGURES[name](sc)
            try:
                for fmt in ("png", "svg") if svg else ("png",):
                    written.append(atomic_write_bytes(out / f"{name}.{fmt}", figure_bytes(fig, fmt)))
            finally:
                plt.close(fig)
    return written


def figures_table(corpus=None) -> pd.DataFrame:
    """Name and description of each registered figure (columns: name, description)."""
    return pd.DataFrame({"name": list(FIGURES),
                         "description": [(f.__doc__ or "").strip().splitlines()[0] if f.__doc__ else ""
                                         for f in FIGURES.values()]})
