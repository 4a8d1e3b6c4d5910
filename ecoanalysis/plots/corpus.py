"""Corpus charts: topic emphasis, data completeness and rectification progress per report.

Example:
    >>> import pandas as pd
    >>> comp = pd.DataFrame({"doc_id": ["a"], "label": ["平凉市 2022 全年"], "n_figures": [10],
    ...                      "reported": [7], "masked": [2], "stripped": [1], "masked_share": [0.3]})
    >>> ax = completeness_bars(comp)
    >>> [t.get_text() for t in ax.get_legend().get_texts()][1]
    '已打码 masked (**, XX)'
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from . import _style as st

__all__ = ["topic_share_bars", "completeness_bars", "rectification_bars"]

_TOPIC_COLORS = {"air": "#4e79a7", "water": "#59a14f", "soil_waste": "#9c755f", "rural": "#edc948",
                 "ecology": "#76b7b2", "inspection": "#e15759", "enforcement": "#f28e2b",
                 "complaints": "#ff9da7", "approvals": "#b07aa1", "enterprise_services": "#d4a6c8",
                 "publicity": "#86bcb6", "party_staff": "#bab0ac", "other": "#e0e0e0"}


def topic_share_bars(shares: pd.DataFrame, *, labels: pd.DataFrame | None = None, ax=None,
                     title: str | None = None):
    """Stacked horizontal bars: each report's share of text per topic (``compare.topic_shares``).

    ``labels``: ``compare.report_labels`` output to name and order the reports (default: doc_id).
    Returns the Axes; bars carry gid 'topic:<topic>'.
    """
    st.setup()
    docs = list(labels["doc_id"]) if labels is not None else sorted(shares["doc_id"].unique())
    docs = [d for d in docs if d in set(shares["doc_id"])]
    names = dict(zip(labels["doc_id"], labels["label"])) if labels is not None else {}
    ax = st.new_ax(ax, (10.0, max(2.6, 0.55 * len(docs) + 1.8)))
    ax.set_title(title or "各报告篇幅的主题分布 share of text per topic", fontsize=11)
    if not docs:
        return st.empty(ax, "没有章节 no sections")
    mat = shares.pivot_table(index="doc_id", columns="topic", values="share", aggfunc="sum", fill_value=0.0)
    topics = [t for t in _TOPIC_COLORS if t in mat.columns] + sorted(set(mat.columns) - set(_TOPIC_COLORS))
    mat = mat.reindex(index=docs, columns=topics).fillna(0.0)
    y = np.arange(len(docs))[::-1]
    left = np.zeros(len(docs))
    for t in topics:
        w = mat[t].to_numpy()
        bars = ax.barh(y, w, left=left, color=_TOPIC_COLORS.get(t, "#999999"), height=0.65,
                       label=st.TOPIC_ZH.get(t, t), edgecolor="white", linewidth=0.5)
        for b in bars:
            b.set_gid(f"topic:{t}")
        for yi, l0, wi in zip(y, left, w):
            if wi >= 0.06:
                ax.text(l0 + wi / 2, yi, f"{wi:.0%}", ha="center", va="center", fontsize=7)
        left += w
    ax.set_yticks(y)
    ax.set_yticklabels([st.wrap(names.get(d, d), 16) for d in docs], fontsize=8)
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    ax.set_xlabel("正文字数占比 share of characters (own_chars)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    return ax


def completeness_bars(comp: pd.DataFrame, *, ax=None, title: str | None = None):
    """Stacked bars per report: figures reported / masked (redacted) / stripped (number deleted),
    from ``compare.completeness``; the masked share is written at the bar's end. Returns the Axes."""
    st.setup()
    ax = st.new_ax(ax, (9.0, max(2.6, 0.55 * len(comp) + 1.8)))
    ax.set_title(title or "数据完整性 figures reported vs masked vs stripped", fontsize=11)
    if comp.empty:
        return st.empty(ax, "没有报告 no reports")
    y = np.arange(len(comp))[::-1]
    left = np.zeros(len(comp))
    parts = (("reported", "#4e79a7", "已报告 reported", None),
             ("masked", st.REDACTED["color"], "已打码 masked (**, XX)", "///"),
             ("stripped", "#f1ce63", "被删除 stripped (单位前无数字)", "..."))
    for col, color, label, hatch in parts:
        w = comp[col].to_numpy(dtype=float)
        bars = ax.barh(y, w, left=left, color=color, hatch=hatch, label=label, height=0.6,
                       edgecolor="white", linewidth=0.5)
        for b in bars:
            b.set_gid(col)
        left += w
    for yi, total, share in zip(y, left, comp["masked_share"]):
        text = "—" if pd.isna(share) else f"{share:.0%} 打码或删除"
        ax.text(total + max(left) * 0.01, yi, f"{int(total)} · {text}", va="center", fontsize=8)
    ax.set_yticks(y)
    ax.set_yticklabels([st.wrap(lab, 16) for lab in comp["label"]], fontsize=8)
    ax.set_xlim(0, max(left.max(), 1) * 1.22)
    ax.set_xlabel("数字个数 number mentions")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    return ax


def rectification_bars(progress: pd.DataFrame, *, ax=None, title: str | None = None,
                       handed_label: str = "交办/反馈 handed down", closed_label: str = "已整改销号 closed",
                       share_label: str = "整改率"):
    """Grouped bars per report: issues handed down vs closed (``compare.rectification``), with the
    closed share; masked counts are the redacted ✕, never a zero bar. Returns the Axes."""
    from matplotlib.patches import Patch

    st.setup()
    ax = st.new_ax(ax, (max(6.0, 1.6 * len(progress) + 3), 4.2))
    ax.set_title(title or "督察问题整改进度 inspection issues: handed down vs closed", fontsize=11)
    if progress.empty:
        return st.empty(ax, "没有报告提到督察问题数量\nno report gives inspection-issue counts")
    x = np.arange(len(progress))
    n_masked = 0
    top = np.nanmax(progress[["handed", "closed"]].to_numpy(dtype=float)) if \
        progress[["handed", "closed"]].notna().any().any() else 1.0
    for key, dx, color, label in (("handed", -0.2, "#e15759", handed_label), ("closed", 0.2, "#59a14f", closed_label)):
        vals = progress[key].to_numpy(dtype=float)
        stat = progress[f"{key}_status"].to_numpy()
        ok = stat == "reported"
        bars = ax.bar(x[ok] + dx, vals[ok], width=0.38, color=color, label=label)
        for b, v in zip(bars, vals[ok]):
            b.set_gid(key)
            ax.text(b.get_x() + b.get_width() / 2, v, f"{v:g}", ha="center", va="bottom", fontsize=8)
        m = stat == "masked"
        if m.any():
            n_masked += int(m.sum())
            ax.scatter(x[m] + dx, [top * 0.05] * int(m.sum()), marker=st.REDACTED["marker"], s=90,
                       c=st.REDACTED["color"], edgecolors=st.REDACTED["markeredgecolor"], gid="redacted", zorder=3)
        for xi in x[stat == "missing"]:
            ax.text(xi + dx, top * 0.02, "—", ha="center", va="bottom", fontsize=9, color="#9e9e9e")
    for xi, share in zip(x, progress["closed_share"]):
        if pd.notna(share):
            ax.text(xi, top * 1.12, f"{share_label} {share:.0%}", ha="center", fontsize=8, color="#1b7837")
    ax.set_ylim(0, top * 1.25)
    ax.set_xticks(x)
    ax.set_xticklabels([st.wrap(lab, 12) for lab in progress["label"]], fontsize=8)
    ax.set_ylabel("数量 count")
    handles = [Patch(color="#e15759", label=handed_label), Patch(color="#59a14f", label=closed_label),
               Patch(facecolor="white", edgecolor="#bdbdbd", label=f"— {st.MISSING_LABEL}")]
    if n_masked:
        handles.append(st.redacted_handle(f"{st.REDACTED_LABEL} ×{n_masked}"))
    ax.legend(handles=handles, fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    return ax
