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



def topic_share_bars(shares: pd.DataFrame, *, labels: pd.DataFrame | None = None, ax=None,
                     title: str | None = None):
    """Stacked horizontal bars: each report's share of text per topic (``compare.topic_shares``).

    ``labels``: ``compare.report_labels`` output to name and order the reports (default: doc_id).
    Returns the Axes; bars carry gid 'topic:<topic>'.
    """
    st.setup()
    docs = list(labels["doc_id"]) if labels is not None else sorted(shares["doc_id"].unique())
    present = set(shares["doc_id"])
    docs = [d for d in docs if d in present]
    names = dict(zip(labels["doc_id"], labels["label"])) if labels is not None else {}
    if len(docs) > st.MAX_POINTS and labels is not None and "province" in labels.columns:
        # many reports: the mean share per province (each report weighs the same)
        prov = dict(zip(labels["doc_id"], labels["province"]))
        n = pd.Series([prov[d] for d in docs]).value_counts()
        wide = shares.pivot_table(index="doc_id", columns="topic", values="share", aggfunc="sum", fill_value=0.0)
        wide = wide.reindex(docs).fillna(0.0)
        grouped = wide.groupby(wide.index.map(prov)).mean()
        shares = grouped.stack().rename("share").reset_index().rename(columns={"level_0": "doc_id", "index": "doc_id"})
        shares.columns = ["doc_id", "topic", "share"]
        docs = sorted(grouped.index)
        names = {g: f"{g} (n={int(n[g])})" for g in docs}
        title = title or f"各省报告篇幅的平均主题分布 mean share of text per topic, per province ({len(labels)} reports)"
    ax = st.new_ax(ax, (10.0, max(2.6, 0.55 * len(docs) + 1.8)))
    ax.set_title(title or "各报告篇幅的主题分布 share of text per topic", fontsize=11)
    if not docs:
        return st.empty(ax, "没有章节 no sections")
    mat = shares.pivot_table(index="doc_id", columns="topic", values="share", aggfunc="sum", fill_value=0.0)
    colors, labels = st.topic_colors(), st.topic_labels()  # one distinct colour per topic (tested pairwise)
    topics = [t for t in colors if t in mat.columns] + sorted(set(mat.columns) - set(colors))
    mat = mat.reindex(index=docs, columns=topics).fillna(0.0)
    y = np.arange(len(docs))[::-1]
    left = np.zeros(len(docs))
    for t in topics:
        w = mat[t].to_numpy()
        bars = ax.barh(y, w, left=left, color=colors.get(t, "#999999"), height=0.65,
                       label=labels.get(t, t), edgecolor="white", linewidth=0.5)
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
    if len(comp) > st.MAX_POINTS and "province" in comp.columns:
        # many reports: one bar per province, summed, with the number of reports in the label
        g = comp.groupby("province", sort=True)
        agg = g[["reported", "masked", "stripped", "n_figures"]].sum()
        agg["masked_share"] = (agg["masked"] + agg["stripped"]) / agg["n_figures"].where(agg["n_figures"] > 0)
        agg["label"] = [f"{p} (n={n})" for p, n in zip(agg.index, g.size())]
        title = title or f"数据完整性（按省汇总）figures reported vs masked vs stripped, per province ({len(comp)} reports)"
        comp = agg.reset_index()
    ax = st.new_ax(ax, (9.0, st.inches(max(2.6, 0.34 * len(comp) + 1.8))))
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


MAX_BAR_GROUPS = 15  # grouped bars stay readable up to this many reports; beyond, a histogram of rates


def rectification_bars(progress: pd.DataFrame, *, ax=None, title: str | None = None,
                       handed_label: str = "交办/反馈 handed down", closed_label: str = "已整改销号 closed",
                       share_label: str = "整改率"):
    """Issues handed down vs closed (``compare.rectification``); returns the Axes.

    Only same-sentence pairs are drawn (``pairing`` 'same_sentence'), so no rate ever divides
    numbers of different batches; pairs redacted in their sentence are ✕ in the redacted row;
    reports giving the two counts in different sentences are counted in the note. Up to
    ``MAX_BAR_GROUPS`` reports: grouped bars per report with the rate; more: a histogram of the
    rates.
    """
    from matplotlib.patches import Patch

    st.setup()
    pairing = progress["pairing"] if "pairing" in progress.columns else pd.Series("same_sentence", index=progress.index)
    pairs = progress[pairing == "same_sentence"].reset_index(drop=True)
    masked = progress[pairing == "masked"]
    unpaired = progress[pairing == "none"]
    note = (f"另有 {len(unpaired)} 份报告的两项数字不在同一句中，未画出 "
            f"{len(unpaired)} report(s) give the two counts in different sentences (not drawn)") if len(unpaired) else ""
    if len(pairs) + len(masked) > MAX_BAR_GROUPS:
        ax = st.new_ax(ax, (8.0, 4.2))
        ax.set_title(title or "督察问题整改率分布 closed share of issues handed down", fontsize=11)
        bins = np.linspace(0, 1, 11)
        ax.hist(pairs["closed_share"].clip(0, 1), bins=bins, color="#59a14f", edgecolor="white", gid="share_hist")
        ax.xaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
        ax.set_xlabel(f"{share_label} = {closed_label} ÷ {handed_label}（同一句 same sentence）", fontsize=8)
        ax.set_ylabel("报告数 reports")
        extra = f"；{len(masked)} 份报告同句数字已打码 redacted" if len(masked) else ""
        ax.text(0.0, -0.2, f"n={len(pairs)} 份报告 reports{extra}{chr(10) + note if note else ''}",
                transform=ax.transAxes, fontsize=8, va="top", gid="note")
        return ax
    rows = pd.concat([pairs, masked], ignore_index=True)
    ax = st.new_ax(ax, (st.inches(max(6.0, 1.4 * len(rows) + 3)), 4.4))
    ax.set_title(title or "督察问题整改进度 inspection issues: handed down vs closed", fontsize=11)
    if rows.empty:
        ax = st.empty(ax, "没有同一句给出两项数字的报告\nno report gives both counts in one sentence"
                      + (f"\n{note}" if note else ""))
        return ax
    x = np.arange(len(rows))
    top = np.nanmax(rows[["handed", "closed"]].to_numpy(dtype=float)) if rows[["handed", "closed"]].notna().any().any() else 1.0
    n_masked = 0
    for key, dx, color, label in (("handed", -0.2, "#e15759", handed_label), ("closed", 0.2, "#59a14f", closed_label)):
        vals = rows[key].to_numpy(dtype=float)
        stat = rows[f"{key}_status"].to_numpy()
        ok = stat == "reported"
        bars = ax.bar(x[ok] + dx, vals[ok], width=0.38, color=color, label=label)
        for b, v in zip(bars, vals[ok]):
            b.set_gid(key)
            ax.text(b.get_x() + b.get_width() / 2, v, f"{v:g}", ha="center", va="bottom", fontsize=8)
        m = stat == "masked"
        if m.any():
            n_masked += int(m.sum())
            # redacted: a ✕ in a hatched column, mid-height, never a bar of some height
            for xi in x[m]:
                ax.axvspan(xi + dx - 0.19, xi + dx + 0.19, facecolor="#f2f2f2", hatch="///", edgecolor="#bdbdbd",
                           linewidth=0, gid="redacted_band", zorder=0)
            ax.scatter(x[m] + dx, [0.5] * int(m.sum()), transform=ax.get_xaxis_transform(),
                       marker=st.REDACTED["marker"], s=80, c=st.REDACTED["color"],
                       edgecolors=st.REDACTED["markeredgecolor"], gid="redacted", zorder=3)
    for xi, share in zip(x, rows["closed_share"]):
        if pd.notna(share):
            ax.text(xi, top * 1.12, f"{share_label} {share:.0%}", ha="center", fontsize=8, color="#1b7837")
    ax.set_ylim(0, top * 1.25)
    ax.set_xticks(x)
    ax.set_xticklabels([st.wrap(lab, 10) for lab in rows["label"]], fontsize=8)
    ax.set_ylabel("数量 count")
    handles = [Patch(color="#e15759", label=handed_label), Patch(color="#59a14f", label=closed_label)]
    if n_masked:
        handles.append(st.redacted_handle(f"{st.REDACTED_LABEL} ×{n_masked}"))
    ax.legend(handles=handles, fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    msg = "每组两个数字出自同一句 both numbers of a pair come from one sentence"
    ax.text(0.0, -0.2, msg + (f"\n{note}" if note else ""), transform=ax.transAxes,
            fontsize=7, va="top", color="0.3", gid="note")
    return ax
