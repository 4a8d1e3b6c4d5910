"""Word charts: distinctive terms of two groups side by side, and word clouds per group.

Example:
    >>> import pandas as pd
    >>> dt = pd.DataFrame({"term": ["创模", "河长制", "尾矿库"], "group": ["problems"] * 3,
    ...     "count_group": [5, 3, 0], "count_other": [0, 3, 5], "z": [2.1, 0.0, -2.3]})
    >>> fig = distinctive_terms_pair(dt, group="problems", other="plans")
    >>> [ax.get_title() for ax in fig.axes]
    ['problems 的特征词', 'plans 的特征词']
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from . import _style as st

__all__ = ["distinctive_terms_pair", "group_clouds"]

PART_ZH = {"problems": "存在问题 problems", "plans": "工作计划 plans", "achievements": "工作成效 achievements",
           "preamble": "前言 preamble"}


Z_THRESHOLD = 1.96  # |z| ≥ 1.96: distinctive at the 5 % level (two-sided), as notebook 04 explains


def distinctive_terms_pair(dt: pd.DataFrame, *, group, other, top: int = 15, names: dict | None = None,
                           threshold: float = Z_THRESHOLD):
    """Two bar panels of log-odds z-scores: ``group``'s most distinctive terms (z > 0) left,
    ``other``'s (z < 0) right, with the counts beside each bar. The significance ``threshold``
    is drawn as a dashed line (gid 'threshold'); bars below it are pale, and a panel says "no
    term is significant at this threshold" when none reaches it. ``dt``:
    ``ecoanalysis.words.distinctive_terms(corpus, by=..., group=group, other=other)``.
    ``names``: display names of the two groups. Returns the Figure."""
    import matplotlib.pyplot as plt

    st.setup()
    names = names or {}
    sides = ((group, dt[dt["z"] > 0].sort_values(["z", "term"], ascending=[False, True]).head(top),
              "count_group", "#4e79a7"),
             (other, dt[dt["z"] < 0].sort_values(["z", "term"], ascending=[True, True]).head(top),
              "count_other", "#e15759"))
    n = max(len(sides[0][1]), len(sides[1][1]), 1)
    fig, axes = plt.subplots(1, 2, figsize=(11, st.inches(max(3.0, 0.32 * n + 1.8))))
    for ax, (g, sub, count_col, color) in zip(axes, sides):
        ax.set_title(f"{names.get(g, g)} 的特征词", fontsize=11)
        if sub.empty:
            st.empty(ax, "没有特征词 no distinctive terms")
            continue
        y = np.arange(len(sub))[::-1]
        z = sub["z"].abs().to_numpy()
        sig = z >= threshold
        ax.barh(y[sig], z[sig], color=color, height=0.65, gid=f"terms:{g}")
        ax.barh(y[~sig], z[~sig], color=color, alpha=0.3, height=0.65, gid=f"terms_ns:{g}")
        for yi, zi, c in zip(y, z, sub[count_col]):
            ax.text(zi, yi, f" {int(c)}次", va="center", fontsize=7, color="0.3")
        ax.axvline(threshold, color="0.2", linestyle="--", linewidth=1, gid="threshold")
        ax.text(threshold, 1.0, f" |z|={threshold:g}", transform=ax.get_xaxis_transform(), fontsize=7,
                va="bottom", ha="left", color="0.2")
        if not sig.any():
            ax.text(0.98, 0.02, "没有词达到显著性阈值\nno term is significant at this threshold",
                    transform=ax.transAxes, ha="right", va="bottom", fontsize=9, color="#c2410c", gid="no_significant",
                    bbox={"facecolor": "white", "edgecolor": "#c2410c", "boxstyle": "round"})
        ax.set_yticks(y)
        ax.set_yticklabels(sub["term"].tolist(), fontsize=9)
        ax.set_xlim(0, max(float(z.max()), threshold) * 1.3)
        ax.set_xlabel("|z| 加权对数优势比 weighted log-odds z (虚线 = 显著性阈值 dashed = 5 % threshold)", fontsize=8)
        ax.grid(axis="x", alpha=0.3)
    fig.suptitle("特征词对比 distinctive terms (Monroe et al. log-odds, informative prior)", fontsize=11)
    fig.tight_layout()
    return fig


def group_clouds(terms: pd.DataFrame, *, by: str = "label", ncols: int = 3, max_words: int = 80,
                 random_state: int = 42):
    """One word cloud per group of a term table (``corpus.terms`` merged with report labels, or
    ``words.term_frequencies(corpus, by=...)``), seeded so the same counts give the same image.
    Words are horizontal; place names and boilerplate are left out and counts capped
    (``plots.clouds.cloud_terms``). Draws with ``plots.clouds.word_clouds``; returns the Figure."""
    import matplotlib.pyplot as plt

    from .clouds import word_clouds

    st.setup()
    if terms.empty:
        fig, ax = plt.subplots(figsize=(6, 3))
        st.empty(ax, "没有词 no terms")
        return fig
    from .clouds import cloud_terms

    t = cloud_terms(terms, by=by)
    if t.empty:
        fig, ax = plt.subplots(figsize=(6, 3))
        st.empty(ax, "没有词 no terms")
        return fig
    axes = word_clouds(t, by=by, ncols=ncols, max_words=max_words, width=600, height=400,
                       random_state=random_state, panel_inches=4.0)
    fig = next(iter(axes.values())).figure
    for ax in axes.values():
        ax.set_title(st.wrap(ax.get_title(), 18), fontsize=9)
    return fig
