"""Indicator charts: values across reports, region × year heatmaps, year-over-year changes.

Inputs are the frames of :mod:`ecoanalysis.compare`. The form follows the corpus size: up to
``_style.MAX_POINTS`` reports every report is a row with its own marks; beyond, each group
(province, else region) is a box with its points, one panel per period. A masked value is
never drawn on the value axis: it sits in its own "已打码 redacted" strip beside it (a × per
report, or a count per group at scale). Targets are hollow diamonds in their own strip row,
actuals filled dots; periods are colours, and every label names the period.

Example:
    >>> import pandas as pd
    >>> from ecoanalysis.compare import headline_values
    >>> reps = pd.DataFrame({"doc_id": ["a", "b"], "city": ["平凉市", "九江市"], "year": [2022, 2022],
    ...                      "period": ["annual", "H1"]})
    >>> ind = pd.DataFrame({"doc_id": ["a", "b"], "indicator": ["pm25"] * 2, "kind": ["actual"] * 2,
    ...     "value": [24.0, None], "unit": ["ug/m3"] * 2, "masked": [False, True], "start": [0, 0]})
    >>> ax = indicator_dots(headline_values(ind, reps), indicator="pm25")
    >>> strip = redacted_strip(ax)
    >>> len(strip.findobj(lambda a: a.get_gid() == "redacted")[0].get_offsets())
    1
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..compare import period_order
from . import _style as st

__all__ = ["indicator_dots", "indicator_panels", "indicator_heatmap", "yoy_bars", "redacted_strip",
           "heatmap_fill"]

KINDS = (("actual", "实际 actual", st.ACTUAL_MARKER), ("target", "目标 target", st.TARGET_MARKER))
MIN_HEATMAP_FILL = 0.3  # share of cells with a value (or a redacted one) below which a heatmap is skipped
MIN_HEATMAP_CELLS = 4


def redacted_strip(ax):
    """The 'redacted' strip attached to ``ax`` by :func:`indicator_dots` (None when nothing is masked)."""
    return next((a for a in ax.child_axes if a.get_gid() == "redacted_strip"), None)


def _period_rank(p) -> int:
    order = period_order()
    return order.index(p) if p in order else len(order)


def _marker(ax, x, y, kind, period, **kw):
    color = st.period_colors().get(period, "#333333")
    return ax.plot([x], [y], linestyle="none", marker=st.ACTUAL_MARKER if kind == "actual" else st.TARGET_MARKER,
                   markersize=kw.pop("markersize", 8), color=color,
                   markerfacecolor=color if kind == "actual" else "white", markeredgewidth=1.6,
                   gid=kind, **kw)


def _legend_handles(h, masked: int):
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], linestyle="none", marker=st.ACTUAL_MARKER, color="0.3", label="实际 actual"),
               Line2D([], [], linestyle="none", marker=st.TARGET_MARKER, color="0.3",
                      markerfacecolor="white", label="目标 target (hollow)")]
    periods = sorted({"?" if st.blank(p) else str(p) for p in h["period"]}, key=_period_rank)
    handles += [Line2D([], [], linestyle="none", marker="s", color=st.period_colors().get(p, "#333"),
                       label=f"期间 {p}" if p != "?" else "期间未知 period unknown") for p in periods]
    if masked:
        handles.append(st.redacted_handle(f"{st.REDACTED_LABEL} ×{masked} (右侧 strip at right)"))
    return handles


def _strip(ax, rows: dict, masked: pd.DataFrame, *, counts: bool):
    """Draw the redacted strip right of ``ax``: columns 实际 / 目标, one × (or a count) per row."""
    strip = ax.inset_axes([1.02, 0.0, 0.12, 1.0], sharey=ax)
    strip.set_gid("redacted_strip")
    strip.set_facecolor("#f2f2f2")
    strip.set_xlim(-0.6, 1.6)
    strip.set_xticks([0, 1])
    strip.set_xticklabels(["实际", "目标"], fontsize=7)
    strip.tick_params(axis="y", left=False, labelleft=False)
    strip.set_title("已打码\nredacted", fontsize=7)
    for col, (kind, _, _) in enumerate(KINDS):
        sub = masked[masked["kind"] == kind]
        if sub.empty:
            continue
        if counts:
            n = sub.groupby("rowkey").size()
            for row, k in n.items():
                strip.text(col, rows[row], f"×{k}", ha="center", va="center", fontsize=7, color="#3f3f3f",
                           gid="redacted_count")
            strip.scatter([], [], gid="redacted")
        else:
            ys = [rows[r] for r in sub["rowkey"]]
            strip.scatter([col] * len(ys), ys, marker=st.REDACTED["marker"] if kind == "actual" else "D",
                          s=60 if kind == "actual" else 40,
                          c=st.REDACTED["color"] if kind == "actual" else "white",
                          edgecolors=st.REDACTED["markeredgecolor"], gid="redacted", zorder=3)
    return strip


def _value_limits(ax, vals: pd.Series):
    if not len(vals):
        ax.set_xticks([])
        return
    lo, hi = float(vals.min()), float(vals.max())
    pad = (hi - lo) * 0.12 or abs(hi) * 0.12 or 1.0
    left = lo - pad
    if lo >= 0 and left < 0:  # a non-negative quantity: start at 0, with a sliver so a 0 marker shows whole
        left = -0.03 * ((hi - lo) or abs(hi) or 1.0)
    ax.set_xlim(left, hi + pad * 1.6)


def indicator_dots(headline: pd.DataFrame, *, indicator: str, ax=None, legend: bool = True,
                   title: str | None = None, max_points: int = st.MAX_POINTS):
    """One indicator across reports; returns the Axes.

    Up to ``max_points`` reports: one row per report (label = region, year, period), value on the
    x axis, actual ● and target ◇ coloured by period. More reports: one box per group (province,
    else region) with its points, one panel per period. Masked values are in the redacted strip
    (:func:`redacted_strip`, gid 'redacted'), never on the value axis.
    """
    st.setup()
    h = headline[(headline["indicator"] == indicator) & headline["kind"].isin(["actual", "target"])].copy()
    if "province" not in h.columns:
        h["province"] = h["region"]
    n_reports = h["doc_id"].nunique()
    if n_reports > max_points and ax is None:
        return _indicator_distribution(h, indicator=indicator, title=title)
    n_rows = max(1, h["label"].nunique()) if n_reports <= max_points else max(1, h["province"].nunique())
    ax = st.new_ax(ax, (9.0, st.inches(max(3.0, 0.32 * n_rows + 1.6))))
    ax.set_title(title or st.indicator_name(indicator), fontsize=10)
    if h.empty:
        return st.empty(ax, f"没有报告提到该指标\nno report mentions {indicator}")
    by_report = n_reports <= max_points
    row_col = "label" if by_report else "province"
    order = list(dict.fromkeys(h.sort_values(["region", "year", "period", "doc_id"], na_position="last")[row_col]))
    if not by_report:
        order = sorted(order)
    rows = {lab: len(order) - 1 - i for i, lab in enumerate(order)}
    h["rowkey"] = h[row_col]
    shift = {"actual": 0.14, "target": -0.14}
    rep = h[h["status"] == "reported"]
    both = set(rep["kind"]) >= {"actual", "target"}
    for r in rep.itertuples():
        y = rows[r.rowkey] + (shift[r.kind] if both else 0.0)
        _marker(ax, r.value, y, r.kind, r.period, markersize=7 if by_report else 5,
                alpha=1.0 if by_report else 0.6)
        if by_report and len(order) <= 15:
            qual = r.qualifier if isinstance(r.qualifier, str) and r.qualifier else ""
            ax.annotate(f"{r.value:g} {qual[:10]}".strip(), (r.value, y), xytext=(6, 0), textcoords="offset points",
                        va="center", ha="left", fontsize=7)
    masked = h[h["status"] == "masked"]
    if len(masked):
        _strip(ax, rows, masked, counts=not by_report)
    ax.set_yticks([rows[o] for o in order])
    ax.set_yticklabels([st.wrap(o, 22) for o in order], fontsize=7)
    ax.set_ylim(-0.7, len(order) - 0.3)
    _value_limits(ax, rep["value"])
    unit = next((u for u in h["unit"].dropna().astype(str) if u), "")
    ax.set_xlabel(st.unit_label(unit), fontsize=8)
    ax.grid(axis="x", alpha=0.3)
    if legend:
        ax.legend(handles=_legend_handles(h, len(masked)), fontsize=7, loc="upper left",
                  bbox_to_anchor=(1.17 if len(masked) else 1.01, 1.0), frameon=False)
    return ax


def _indicator_distribution(h: pd.DataFrame, *, indicator: str, title=None, max_groups: int = st.MAX_GROUPS):
    """Many reports: one panel per period (at most 3), one box per group with its points."""
    import matplotlib.pyplot as plt

    group = st.group_column(h)
    periods = sorted(h["period"].fillna("?").unique(), key=_period_rank)
    counts = h.assign(period=h["period"].fillna("?")).groupby("period")["doc_id"].nunique()
    shown = sorted(sorted(periods, key=lambda p: -counts.get(p, 0))[:3], key=_period_rank)
    groups_all = h.groupby(group)["doc_id"].nunique().sort_values(ascending=False, kind="stable")
    groups = sorted(groups_all.index[:max_groups])
    fig, axes = plt.subplots(1, len(shown), figsize=(st.inches(4.6 * len(shown) + 2.5),
                                                    st.inches(0.3 * len(groups) + 2.2)),
                             squeeze=False, sharey=True)
    rows = {g: len(groups) - 1 - i for i, g in enumerate(groups)}
    n_masked = 0
    for ax, period in zip(axes[0], shown):
        sub = h[(h["period"].fillna("?") == period) & h[group].isin(groups)]
        rep = sub[(sub["status"] == "reported") & (sub["kind"] == "actual")]
        data = [rep.loc[rep[group] == g, "value"].to_numpy(dtype=float) for g in groups]
        pos = [rows[g] for g in groups]
        keep = [i for i, d in enumerate(data) if len(d)]
        if keep:
            ax.boxplot([data[i] for i in keep], positions=[pos[i] for i in keep], orientation="horizontal",
                       widths=0.6, showfliers=False, medianprops={"color": "black"},
                       boxprops={"color": "0.5"}, whiskerprops={"color": "0.5"}, capprops={"color": "0.5"})
        rng = np.random.default_rng(0)
        shown = sub[sub["status"] == "reported"].assign(period=lambda d: d["period"].fillna("?"))
        for (kind, per), g in shown.groupby(["kind", "period"], sort=True):  # one collection per kind × period
            color = st.period_colors().get(per, "#333333")
            ys = g[group].map(rows).to_numpy(dtype=float) + rng.uniform(-0.22, 0.22, len(g))
            ax.scatter(g["value"].to_numpy(dtype=float), ys, s=10, alpha=0.55, gid=kind,
                       marker=st.ACTUAL_MARKER if kind == "actual" else st.TARGET_MARKER,
                       c=color if kind == "actual" else "white", edgecolors=color, linewidths=0.8)
        masked = sub[sub["status"] == "masked"].assign(rowkey=lambda d: d[group])
        n_masked += len(masked)
        if len(masked):
            _strip(ax, rows, masked, counts=True)
        ax.set_title(f"{st.period_title(period)} · n={int(sub['doc_id'].nunique())}", fontsize=9)
        _value_limits(ax, sub.loc[sub["status"] == "reported", "value"])
        ax.grid(axis="x", alpha=0.3)
        unit = next((u for u in h["unit"].dropna().astype(str) if u), "")
        ax.set_xlabel(st.unit_label(unit), fontsize=8)
    axes[0][0].set_yticks([rows[g] for g in groups])
    n_all = h.groupby(group)["doc_id"].nunique()
    axes[0][0].set_yticklabels([st.wrap(f"{g} (n={int(n_all.get(g, 0))})", 16) for g in groups], fontsize=7)
    axes[0][0].set_ylim(-0.7, len(groups) - 0.3)
    fig.suptitle(title or f"{st.indicator_name(indicator)} · {h['doc_id'].nunique()} 份报告 reports "
                 f"(箱线 = 各{'省' if group == 'province' else '地区'}分布 box = spread per {group})", fontsize=10)
    fig.legend(handles=_legend_handles(h, n_masked), loc="lower center", ncol=6, fontsize=7, frameon=False,
               bbox_to_anchor=(0.5, -0.02))
    cut = []
    if len(groups) < len(groups_all):
        cut.append(f"显示报告最多的 {len(groups)} / {len(groups_all)} 个{group} (top {len(groups)} of "
                   f"{len(groups_all)} by reports)")
    if len(shown) < len(periods):
        cut.append(f"未显示的期间 periods not shown: {', '.join(p for p in periods if p not in shown)}")
    fig.tight_layout(rect=(0, 0.06, 1, 0.95))
    if cut:
        st.note(fig, "注 note: " + "；".join(cut), y=0.03)
    return fig


def indicator_panels(headline: pd.DataFrame, *, indicators=None, ncols: int = 4):
    """Small multiples: every indicator with a value (none dropped), one panel each; returns the
    Figure. Each panel is a strip per kind × period (a dot per report, the median as a bar, n at
    the right), so the form stays the same from 5 to 3,000 reports; redacted mentions are counted
    in the panel's strip, never drawn on the value axis.

    ``indicators``: ids to draw (default: every indicator in ``headline`` with actuals or targets).
    """
    import matplotlib.pyplot as plt

    st.setup()
    h = headline[headline["kind"].isin(["actual", "target"])].copy()
    ids = list(indicators) if indicators is not None else sorted(h["indicator"].unique())
    if not ids:
        fig, ax = plt.subplots(figsize=(6, 3))
        st.empty(ax, "没有指标 no indicator values")
        return fig
    h["period"] = h["period"].fillna("?")
    ncols = max(1, min(ncols, len(ids)))
    nrows = math.ceil(len(ids) / ncols)
    keys = {i: sorted({(k, p) for k, p in zip(h.loc[h.indicator == i, "kind"], h.loc[h.indicator == i, "period"])},
                      key=lambda kp: (kp[0] != "actual", _period_rank(kp[1]))) for i in ids}
    per_row = max(len(v) for v in keys.values()) if keys else 1
    fig, axes = plt.subplots(nrows, ncols, figsize=(st.inches(4.6 * ncols), st.inches((0.35 * per_row + 1.5) * nrows)),
                             squeeze=False)
    rng = np.random.default_rng(0)
    n_masked = 0
    for ax, ind in zip(axes.flat, ids):
        sub = h[h["indicator"] == ind]
        rows = {kp: len(keys[ind]) - 1 - j for j, kp in enumerate(keys[ind])}
        rep = sub[sub["status"] == "reported"]
        for (kind, period), g in rep.groupby(["kind", "period"], sort=True):
            y0 = rows[(kind, period)]
            jit = rng.uniform(-0.18, 0.18, len(g)) if len(g) > 1 else np.zeros(len(g))
            if len(g) <= st.MAX_POINTS:
                for v, j in zip(g["value"], jit):
                    _marker(ax, v, y0 + j, kind, period, markersize=5, alpha=0.8)
            else:  # many reports: one collection per row, not one artist per point
                color = st.period_colors().get(period, "#333333")
                ax.scatter(g["value"].to_numpy(dtype=float), y0 + jit, s=9, alpha=0.6, gid=kind,
                           marker=st.ACTUAL_MARKER if kind == "actual" else st.TARGET_MARKER,
                           c=color if kind == "actual" else "white", edgecolors=color, linewidths=0.8)
            med = float(np.median(g["value"]))
            ax.plot([med, med], [y0 - 0.32, y0 + 0.32], color="black", linewidth=1.5, gid="median")
        mk = sub[sub["status"] == "masked"]
        n_masked += len(mk)
        for (kind, period), y0 in rows.items():
            n = int((rep["kind"].eq(kind) & rep["period"].eq(period)).sum())
            m = int((mk["kind"].eq(kind) & mk["period"].eq(period)).sum())
            label = f"n={n}" + (f"  ×{m}" if m else "")
            ax.text(1.01, y0, label, transform=ax.get_yaxis_transform(), fontsize=6.5, va="center",
                    color="#3f3f3f", gid="redacted_count" if m else "count")
        ax.set_yticks(list(rows.values()))
        ax.set_yticklabels([f"{'实际' if k == 'actual' else '目标'} {st.period_title(p)}" for k, p in rows],
                           fontsize=7)
        ax.set_ylim(-0.6, len(rows) - 0.4)
        _value_limits(ax, rep["value"])
        unit = next((u for u in sub["unit"].dropna().astype(str) if u), "")
        ax.set_title(st.wrap(st.indicator_name(ind), 26), fontsize=8.5)
        ax.set_xlabel(st.unit_label(unit), fontsize=7)
        ax.tick_params(axis="x", labelsize=7)
        ax.grid(axis="x", alpha=0.3)
    for ax in list(axes.flat)[len(ids):]:
        ax.set_axis_off()
    handles = _legend_handles(h, 0)
    handles.append(st.redacted_handle(f"×n = 已打码 redacted mentions (not on the axis), ×{n_masked} in all"))
    fig.legend(handles=handles, loc="lower center", ncol=min(len(handles), 5), fontsize=8, frameon=False)
    fig.suptitle(f"全部 {len(ids)} 个有数值的指标 all {len(ids)} indicators with a value "
                 "(竖线 = 中位数 bar = median)", fontsize=11)
    fig.tight_layout(rect=(0, 0.05, 1, 0.97))
    return fig


def heatmap_fill(matrix) -> float:
    """Share of a ``compare.indicator_matrix`` cells that are reported or masked (0 when empty)."""
    status = matrix.status
    return float((status != "missing").to_numpy().mean()) if status.size else 0.0


def indicator_heatmap(matrix, *, ax=None, annotate: bool = True, title: str | None = None):
    """Region × year heatmap of a ``compare.indicator_matrix`` result; returns the Axes.

    Reported cells are coloured (greener = better, following the indicator's direction) on a
    scale clipped to the data's domain (a concentration never gets a negative colour), masked
    cells grey-hatched with ×, missing cells white with '—'; the legend counts each. The
    registry skips a heatmap whose fill (:func:`heatmap_fill`) is below ``MIN_HEATMAP_FILL``.
    """
    from matplotlib.patches import Patch, Rectangle

    st.setup()
    values, status = matrix.values, matrix.status
    ax = st.new_ax(ax, (st.inches(max(5.0, 1.3 * values.shape[1] + 4.0)),
                        st.inches(max(3.0, 0.32 * values.shape[0] + 2.0))))
    ax.set_title(title or f"{st.indicator_name(matrix.indicator)} · {matrix.kind}", fontsize=11)
    if values.empty:
        return st.empty(ax, "没有报告 no reports")
    cmap = "RdYlGn_r" if st.direction(matrix.indicator) == "lower_is_better" else "RdYlGn"
    vals = values.to_numpy(dtype=float)
    finite = vals[np.isfinite(vals)]
    vmin, vmax = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
    if vmin == vmax:  # one value: a small band around it, never crossing zero for a non-negative quantity
        pad = abs(vmin) * 0.1 or 1.0
        vmin, vmax = (max(0.0, vmin - pad) if vmin >= 0 else vmin - pad), vmax + pad
    im = ax.imshow(np.ma.masked_invalid(vals), cmap=cmap, vmin=vmin, vmax=vmax, aspect="auto")
    n_masked = n_missing = 0
    small = values.shape[0] * values.shape[1] <= 400
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            s = status.iat[i, j]
            if s == "masked":
                n_masked += 1
                ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, facecolor="#d9d9d9", hatch="///",
                                       edgecolor="#8c8c8c", linewidth=0, gid="masked_cell"))
                if small:
                    ax.text(j, i, "× 打码", ha="center", va="center", fontsize=7, color="#3f3f3f")
            elif s == "missing":
                n_missing += 1
                if small:
                    ax.text(j, i, "—", ha="center", va="center", fontsize=8, color="#bdbdbd")
            elif annotate and small:
                ax.text(j, i, f"{vals[i, j]:g}", ha="center", va="center", fontsize=8)
    ax.set_xticks(range(values.shape[1]))
    ax.set_xticklabels([st.wrap(c, 8) for c in values.columns], fontsize=8)
    ax.set_yticks(range(values.shape[0]))
    ax.set_yticklabels([st.wrap(r, 28) for r in values.index], fontsize=7)
    cb = ax.figure.colorbar(im, ax=ax, fraction=0.04, pad=0.02)
    cb.set_label(f"{st.unit_label(matrix.unit)} (色标 = 数据范围 scale = data range)", fontsize=8)
    handles = [Patch(facecolor="#d9d9d9", hatch="///", edgecolor="#8c8c8c", label=f"{st.REDACTED_LABEL} ×{n_masked}"),
               Patch(facecolor="white", edgecolor="#bdbdbd", label=f"— {st.MISSING_LABEL} ×{n_missing}")]
    ax.legend(handles=handles, fontsize=7, loc="upper left", bbox_to_anchor=(0.0, -0.1 if values.shape[1] > 6 else -0.14),
              ncol=2, frameon=False)
    return ax


def yoy_bars(changes: pd.DataFrame, *, ax=None, title: str | None = None, max_bars: int = st.MAX_POINTS):
    """Year-over-year changes (``compare.yoy_changes``); returns the Axes.

    Up to ``max_bars`` changes: diverging bars, green = improvement, orange-red = deterioration
    (the indicator's direction decides), masked changes listed in the redacted strip. More: one
    stacked bar per indicator counting improved / worsened / unchanged / redacted changes (no
    silent cut). Bars carry gid 'improved', 'worsened' or 'neutral'.
    """
    from matplotlib.patches import Patch

    st.setup()
    c = changes.reset_index(drop=True)
    if len(c) > max_bars:
        return _yoy_counts(c, ax=ax, title=title)
    ax = st.new_ax(ax, (9.0, st.inches(max(3.0, 0.36 * len(c) + 1.6))))
    ax.set_title(title or "同比变化 year-over-year change (方向按指标 direction-aware)", fontsize=11)
    if c.empty:
        return st.empty(ax, "没有同比数据 no year-over-year changes")
    labels = []
    for r in c.itertuples():
        name = st.indicator_name(r.indicator).split(" (")[0]
        qual = f"·{r.qualifier}" if isinstance(r.qualifier, str) and r.qualifier else ""
        src = "" if r.source == "stated" else " (计算 computed)"
        labels.append(st.wrap(f"{r.label} | {name}{qual}{src}", 34))
    y = np.arange(len(c))[::-1]
    improved = c["improved"].astype(object).where(c["improved"].notna(), None)
    colors = [st.IMPROVED if v is True else st.WORSENED if v is False else "#9e9e9e" for v in improved]
    masked = c["masked"].fillna(False).astype(bool).to_numpy()
    vals = c["change"].to_numpy(dtype=float)
    ok = ~masked & np.isfinite(vals)
    bars = ax.barh(y[ok], vals[ok], color=[col for col, k in zip(colors, ok) if k], height=0.6)
    for b, col in zip(bars, [col for col, k in zip(colors, ok) if k]):
        b.set_gid("improved" if col == st.IMPROVED else "worsened" if col == st.WORSENED else "neutral")
    span = max(1.0, float(np.nanmax(np.abs(vals[ok]))) if ok.any() else 1.0)
    for yi, v, unit in zip(y[ok], vals[ok], c.loc[ok, "unit"]):
        ax.text(v + (0.02 * span if v >= 0 else -0.02 * span), yi, f"{v:+.1f}{unit or ''}",
                va="center", ha="left" if v >= 0 else "right", fontsize=7)
    if masked.any():
        strip = ax.inset_axes([1.02, 0.0, 0.07, 1.0], sharey=ax)
        strip.set_gid("redacted_strip")
        strip.set_facecolor("#f2f2f2")
        strip.set_xticks([])
        strip.tick_params(axis="y", left=False, labelleft=False)
        strip.set_title("已打码\nredacted", fontsize=7)
        strip.scatter(np.zeros(masked.sum()), y[masked], marker=st.REDACTED["marker"], s=60,
                      c=st.REDACTED["color"], edgecolors=st.REDACTED["markeredgecolor"], gid="redacted", zorder=3)
    ax.axvline(0, color="0.3", linewidth=0.8)
    ax.set_xlim(-span * 1.3, span * 1.3)
    ax.set_yticks(y)
    ax.set_yticklabels(labels, fontsize=7)
    ax.set_ylim(-0.7, len(c) - 0.3)
    ax.set_xlabel("变化 change (% 或 pp；数值的符号 = 指标值的涨跌 sign = rise/fall of the value)", fontsize=8)
    handles = [Patch(color=st.IMPROVED, label="改善 improvement"), Patch(color=st.WORSENED, label="恶化 deterioration")]
    if masked.any():
        handles.append(st.redacted_handle(f"{st.REDACTED_LABEL} ×{int(masked.sum())}"))
    ax.legend(handles=handles, fontsize=8, loc="upper left", bbox_to_anchor=(1.12 if masked.any() else 1.01, 1.0),
              frameon=False)
    ax.grid(axis="x", alpha=0.3)
    return ax


def _yoy_counts(c: pd.DataFrame, *, ax=None, title=None):
    """Many changes: per indicator, how many improved, worsened, were unchanged or redacted."""
    from matplotlib.patches import Patch

    masked = c["masked"].fillna(False).astype(bool)
    state = np.where(masked, "redacted", np.where(c["improved"].isna(), "neutral",
                                                   np.where(c["improved"].fillna(False).astype(bool), "improved", "worsened")))
    t = pd.crosstab(c["indicator"], state)
    for k in ("improved", "worsened", "neutral", "redacted"):
        if k not in t.columns:
            t[k] = 0
    t = t[["improved", "worsened", "neutral", "redacted"]]
    t = t.loc[t.sum(axis=1).sort_values(ascending=True, kind="stable").index]
    ax = st.new_ax(ax, (10.0, st.inches(max(3.0, 0.4 * len(t) + 1.8))))
    ax.set_title(title or f"同比变化 {len(c)} 条 year-over-year changes, counted per indicator", fontsize=11)
    y = np.arange(len(t))
    left = np.zeros(len(t))
    styles = {"improved": (st.IMPROVED, None, "改善 improved"), "worsened": (st.WORSENED, None, "恶化 worsened"),
              "neutral": ("#bdbdbd", None, "持平/无方向 unchanged or no direction"),
              "redacted": (st.REDACTED["color"], "///", st.REDACTED_LABEL)}
    for k, (color, hatch, _) in styles.items():
        w = t[k].to_numpy(dtype=float)
        bars = ax.barh(y, w, left=left, color=color, hatch=hatch, height=0.6, edgecolor="white")
        for b in bars:
            b.set_gid("worsened" if k == "worsened" else "improved" if k == "improved" else k)
        left += w
    for yi, total in zip(y, left):
        ax.text(total, yi, f" {int(total)}", va="center", fontsize=7)
    ax.set_yticks(y)
    ax.set_yticklabels([st.indicator_name(i) for i in t.index], fontsize=8)
    ax.set_xlabel("变化条数 number of changes (stated 同比 and computed between consecutive years)", fontsize=8)
    ax.legend(handles=[Patch(facecolor=c_, hatch=h_, label=l_) for c_, h_, l_ in styles.values()], fontsize=8,
              loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    ax.grid(axis="x", alpha=0.3)
    return ax


def trend_series(headline: pd.DataFrame, *, indicator: str) -> pd.DataFrame:
    """The reported (unmasked, actual) values of ``indicator`` of every region with two or more
    years in one period, for a time series. Columns: region, period, year, value, unit, n_years.

    >>> h = pd.DataFrame({"indicator": ["pm25"] * 3, "kind": ["actual"] * 3, "region": ["甲市"] * 3,
    ...     "period": ["annual"] * 3, "year": [2021, 2022, 2022], "value": [35.0, 31.0, 30.0],
    ...     "masked": [False] * 3, "unit": ["ug/m3"] * 3, "doc_id": ["a", "b", "c"]})
    >>> trend_series(h, indicator="pm25")[["year", "value", "n_years"]].values.tolist()
    [[2021.0, 35.0, 2.0], [2022.0, 30.5, 2.0]]
    """
    cols = ["region", "period", "year", "value", "unit", "n_years"]
    h = headline[(headline["indicator"] == indicator) & (headline["kind"] == "actual")].copy()
    if not len(h):
        return pd.DataFrame(columns=cols)
    h = h[~h["masked"].astype(bool) & h["value"].notna()]
    h["year"] = pd.to_numeric(h["year"], errors="coerce")
    h = h[h["year"].notna() & h["region"].map(lambda r: not st.blank(r))]
    h["period"] = h["period"].fillna("").astype(str)
    if not len(h):
        return pd.DataFrame(columns=cols)
    # two reports of one region, year and period (a summary and a bulletin): their median
    g = h.groupby(["region", "period", "year"], sort=True).agg(value=("value", "median"), unit=("unit", "first"))
    g = g.reset_index()
    g["n_years"] = g.groupby(["region", "period"])["year"].transform("nunique").astype(float)
    g = g[g["n_years"] >= 2]
    return g[cols].reset_index(drop=True)


def indicator_trends(headline: pd.DataFrame, *, indicator: str, ax=None, max_lines: int = 12,
                     title: str | None = None):
    """Time series per region where a region reports ``indicator`` in two or more years of one
    period (never mixing periods on a line); the ``max_lines`` longest series, the cut printed.
    Redacted values are left out of the lines and counted in the note. Returns the Axes.
    """
    st.setup()
    s = trend_series(headline, indicator=indicator)
    ax = st.new_ax(ax, (9.0, 4.6))
    if not len(s):
        return st.empty(ax, "没有在两个年份报告该指标的地区 no region reports it in two years")
    keys = (s.groupby(["region", "period"])["n_years"].first().reset_index()
            .sort_values(["n_years", "region", "period"], ascending=[False, True, True]))
    shown = keys.head(max_lines)
    from matplotlib import colormaps

    tab = colormaps["tab20"].colors
    colors = tab[::2] + tab[1::2]  # the strong colours first: neighbours in tab20 are near-twins
    region_color = {reg: colors[i % len(colors)] for i, reg in enumerate(dict.fromkeys(shown["region"]))}
    for r in shown.itertuples(index=False):
        line = s[(s["region"] == r.region) & (s["period"] == r.period)].sort_values("year")
        # one colour per region; a partial-year series is dashed, so periods never read as one line
        ax.plot(line["year"], line["value"], marker="o", color=region_color[r.region], lw=1.6,
                ls="-" if r.period == "annual" else "--", label=f"{r.region} · {st.period_title(r.period)}")
    unit = s["unit"].dropna().astype(str)
    ax.set_ylabel(st.unit_label(unit.iloc[0] if len(unit) else ""))
    ax.set_xlabel("年份 year")
    years = sorted(s["year"].unique())
    ax.set_xticks(years)
    ax.set_xticklabels([str(int(y)) for y in years])
    ax.grid(axis="y", color="#e5e5e5")
    ax.legend(fontsize=7, loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
    ax.set_title(title or f"{st.indicator_name(indicator)} 按地区的时间序列 trends per region")
    h = headline[(headline["indicator"] == indicator) & (headline["kind"] == "actual")]
    notes = []
    if len(keys) > max_lines:
        notes.append(f"显示最长的 {max_lines} 条 / {len(keys)} 条序列 showing the {max_lines} longest of {len(keys)} series")
    n_masked = int(h["masked"].astype(bool).sum()) if len(h) else 0
    if n_masked:
        notes.append(f"{n_masked} 个已打码的数值未画出 redacted values not drawn")
    if notes:
        st.note(ax.figure, "；".join(notes))
    ax.figure.tight_layout()
    return ax
