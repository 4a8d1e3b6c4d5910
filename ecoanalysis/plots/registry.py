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

__all__ = ["FIGURES", "render", "render_all", "figure_bytes"]

DPI = 110
SVG_SALT = "ecoanalysis"
KEY_INDICATORS = ("pm25", "good_air_ratio", "total_phosphorus", "complaints_received")


def _fig(ax_or_fig):
    """The Figure of an Axes (a Figure is returned as is)."""
    return ax_or_fig if hasattr(ax_or_fig, "savefig") else ax_or_fig.figure


def completeness(corpus):
    """Figures reported vs masked vs stripped per report."""
    return _fig(pc.completeness_bars(cmp.completeness(corpus.figures, corpus.reports)))


def topic_shares(corpus):
    """Share of text per topic per report (stacked bars)."""
    return _fig(pc.topic_share_bars(cmp.topic_shares(corpus.sections), labels=cmp.report_labels(corpus.reports)))


def indicators_overview(corpus):
    """Every indicator with a value, one panel each (dots by report and period)."""
    return pi.indicator_panels(cmp.headline_values(corpus.indicators, corpus.reports))


def _dots(indicator):
    def draw(corpus):
        return _fig(pi.indicator_dots(cmp.headline_values(corpus.indicators, corpus.reports), indicator=indicator))
    draw.__doc__ = f"{indicator} across reports (dots by region, year and period)"
    return draw


def _heatmap(indicator):
    def draw(corpus):
        return _fig(pi.indicator_heatmap(cmp.indicator_matrix(corpus.indicators, corpus.reports, indicator)))
    draw.__doc__ = f"{indicator}: region × year heatmap"
    return draw


def yoy_changes(corpus):
    """Year-over-year changes, stated and computed, coloured by improvement."""
    return _fig(pi.yoy_bars(cmp.yoy_changes(corpus.indicators, corpus.reports)))


def rectification(corpus):
    """Inspection issues handed down vs closed per report."""
    return _fig(pc.rectification_bars(cmp.rectification(corpus.indicators, corpus.reports)))


def complaints(corpus):
    """Complaints received vs closed per report."""
    prog = cmp.rectification(corpus.indicators, corpus.reports, handed="complaints_received",
                             closed="complaints_closed")
    return _fig(pc.rectification_bars(prog, title="信访投诉办理 complaints received vs closed",
                                      handed_label="受理 received", closed_label="办结 closed",
                                      share_label="办结率"))


def problem_themes(corpus):
    """Reports × problem themes heatmap."""
    return _fig(pp.problem_theme_heatmap(cmp.problem_themes(corpus.problems, corpus.reports, wide=True)))


def recurring_problems(corpus):
    """Recurring problem clusters and the reports that share them."""
    return _fig(pp.recurring_clusters(cmp.cluster_membership(corpus.problems, corpus.problem_clusters,
                                                             corpus.reports)))


def distinctive_terms_problems_vs_plans(corpus):
    """Distinctive terms of the problems part vs the plans part (log-odds z)."""
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


def word_clouds(corpus):
    """One word cloud per report."""
    labels = cmp.report_labels(corpus.reports)[["doc_id", "label"]]
    return pw.group_clouds(corpus.terms.merge(labels, on="doc_id", how="inner"), by="label")


FIGURES = {
    "completeness": completeness,
    "topic_shares": topic_shares,
    "indicators_overview": indicators_overview,
    **{f"indicator_{i}": _dots(i) for i in KEY_INDICATORS},
    **{f"heatmap_{i}": _heatmap(i) for i in KEY_INDICATORS[:3]},
    "yoy_changes": yoy_changes,
    "rectification": rectification,
    "complaints": complaints,
    "problem_themes": problem_themes,
    "recurring_problems": recurring_problems,
    "distinctive_terms_problems_vs_plans": distinctive_terms_problems_vs_plans,
    "word_clouds": word_clouds,
}


def figure_bytes(fig, fmt: str = "png") -> bytes:
    """Deterministic bytes of a figure: no software/date metadata, fixed SVG hash salt."""
    import matplotlib

    buf = io.BytesIO()
    meta = {"Software": None} if fmt == "png" else {"Date": None, "Creator": None}
    with matplotlib.rc_context({"svg.hashsalt": SVG_SALT, "svg.fonttype": "path"}):
        fig.savefig(buf, format=fmt, dpi=DPI, metadata=meta, bbox_inches="tight", facecolor="white")
    return buf.getvalue()


def render(name: str, corpus):
    """Draw one registered figure; returns the Figure (caller closes it)."""
    return FIGURES[name](_sorted(corpus))


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


def _sorted(corpus):
    return corpus if isinstance(corpus, _Sorted) else _Sorted(corpus)


def render_all(corpus, out_dir, *, svg: bool = False, progress: bool = False, names=None) -> list[Path]:
    """Regenerate every figure of ``FIGURES`` (or ``names``) into ``out_dir`` as PNG (and SVG);
    returns the paths written, in registry order."""
    import matplotlib
    import matplotlib.pyplot as plt
    from tqdm.auto import tqdm

    from ..writers import atomic_write_bytes

    out = Path(out_dir)
    sc = _sorted(corpus)
    todo = list(names) if names is not None else list(FIGURES)
    written = []
    with matplotlib.rc_context({"svg.hashsalt": SVG_SALT}):
        for name in tqdm(todo, desc="figures", unit="figure", disable=not progress):
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
