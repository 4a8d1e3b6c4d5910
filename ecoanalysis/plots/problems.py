"""Problem charts: themes per report (heatmap) and recurring problem clusters shared by reports.

Example:
    >>> import pandas as pd
    >>> mat = pd.DataFrame({"air": [2, 0], "water": [1, 3]}, index=["平凉市 2022 全年", "九江市 2022 H1"])
    >>> ax = problem_theme_heatmap(mat)
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['大气\\nair', '水\\nwater']
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from . import _style as st

__all__ = ["problem_theme_heatmap", "recurring_clusters"]


def problem_theme_heatmap(matrix: pd.DataFrame, *, ax=None, title: str | None = None):
    """Reports × themes heatmap of problem-statement counts (``compare.problem_themes(wide=True)``);
    cells show the count, empty cells are blank. Returns the Axes."""
    st.setup()
    ax = st.new_ax(ax, (st.inches(max(6.0, 0.85 * matrix.shape[1] + 3.5)),
                        st.inches(max(3.0, 0.34 * matrix.shape[0] + 2.0))))
    ax.set_title(title or "问题主题 problem themes per report (statements)", fontsize=11)
    if matrix.empty:
        return st.empty(ax, "没有问题陈述 no problem statements")
    vals = matrix.to_numpy(dtype=float)
    im = ax.imshow(np.ma.masked_equal(vals, 0), cmap="Reds", vmin=0, vmax=max(1.0, vals.max()), aspect="auto")
    for i in range(vals.shape[0]):
        for j in range(vals.shape[1]):
            if vals[i, j]:
                ax.text(j, i, f"{int(vals[i, j])}", ha="center", va="center", fontsize=8,
                        color="white" if vals[i, j] > 0.6 * vals.max() else "black")
    ax.set_xticks(range(vals.shape[1]))
    ax.set_xticklabels([f"{st.theme_label(t)}\n{t}" for t in matrix.columns], fontsize=7,
                       rotation=45, ha="right", rotation_mode="anchor")
    ax.set_yticks(range(vals.shape[0]))
    ax.set_yticklabels([st.wrap(r, 16) for r in matrix.index], fontsize=8)
    ax.figure.colorbar(im, ax=ax, fraction=0.035, pad=0.02).set_label("问题陈述数 statements", fontsize=8)
    return ax


def recurring_clusters(membership: pd.DataFrame, *, ax=None, title: str | None = None, max_clusters: int = 15,
                       max_reports: int = 30):
    """Recurring problems from ``compare.cluster_membership`` (rows labelled by the
    representative statement); returns the Axes. Up to ``max_reports`` reports: a dot matrix of
    clusters × reports, dot size = statements; more: bars of how many reports state each.
    A cut to the ``max_clusters`` most shared clusters is printed under the chart."""
    st.setup()
    m = membership
    all_clusters = list(dict.fromkeys(m["cluster_id"]))
    clusters = all_clusters[:max_clusters]
    m = m[m["cluster_id"].isin(clusters)]
    reports = list(dict.fromkeys(m.sort_values("label")["label"]))
    cut = (f"显示被最多报告提到的 {len(clusters)} / {len(all_clusters)} 类问题 "
           f"top {len(clusters)} of {len(all_clusters)} recurring problems") if len(clusters) < len(all_clusters) else ""
    if len(reports) > max_reports:
        names = m.drop_duplicates("cluster_id").set_index("cluster_id")
        ax = st.new_ax(ax, (10.0, st.inches(max(3.0, 0.42 * len(clusters) + 1.8))))
        ax.set_title(title or "反复出现的问题 recurring problems: reports stating each", fontsize=11)
        y = np.arange(len(clusters))[::-1]
        n = [int(names.at[c, "n_reports"]) for c in clusters]
        ax.barh(y, n, color="#c2410c", height=0.6, gid="membership")
        for yi, v in zip(y, n):
            ax.text(v, yi, f" {v}", va="center", fontsize=8)
        ax.set_yticks(y)
        ax.set_yticklabels([st.wrap(names.at[c, "cluster_label"], 26) for c in clusters], fontsize=8)
        ax.set_xlabel("提到该问题的报告数 reports stating the problem", fontsize=8)
        if cut:
            ax.text(0.0, -0.12, "注 note: " + cut, transform=ax.transAxes, fontsize=8, va="top", gid="note")
        return ax
    ax = st.new_ax(ax, (max(6.5, 1.3 * len(reports) + 5), max(3.0, 0.5 * len(clusters) + 2.2)))
    ax.set_title(title or "反复出现的问题 recurring problems shared by reports", fontsize=11)
    if m.empty:
        return st.empty(ax, "没有跨报告重复的问题\nno problem recurs across reports")
    ypos = {c: i for i, c in enumerate(clusters[::-1])}
    xpos = {r: i for i, r in enumerate(reports)}
    ax.scatter([xpos[r] for r in m["label"]], [ypos[c] for c in m["cluster_id"]],
               s=[60 + 60 * n for n in m["n_statements"]], color="#c2410c", alpha=0.8, gid="membership")
    for r in m.itertuples():
        ax.text(xpos[r.label], ypos[r.cluster_id], str(r.n_statements), ha="center", va="center",
                fontsize=7, color="white")
    names = m.drop_duplicates("cluster_id").set_index("cluster_id")
    ax.set_yticks([ypos[c] for c in clusters])
    ax.set_yticklabels([st.wrap(f"{names.at[c, 'cluster_label']} ({names.at[c, 'n_reports']}份)", 22)
                        for c in clusters], fontsize=8)
    ax.set_xticks(range(len(reports)))
    ax.set_xticklabels([st.wrap(r, 12) for r in reports], fontsize=8)
    ax.set_xlim(-0.6, len(reports) - 0.4)
    ax.set_ylim(-0.7, len(clusters) - 0.3)
    ax.grid(alpha=0.25)
    ax.set_xlabel("圆点中数字 = 该报告中的问题陈述数 number = statements in that report"
                  + (f"\n注 note: {cut}" if cut else ""), fontsize=8)
    return ax
