"""Indicator charts: values across reports, region × year heatmaps, year-over-year changes.

Inputs are the frames of :mod:`ecoanalysis.compare`. A masked value is drawn as the grey
"redacted" ✕ (``_style.REDACTED``) with a legend entry, never as zero or a silent gap; targets
are hollow diamonds, actuals filled dots; each report's period (H1, 全年, 截至…) is in its
label and its colour.

Example:
    >>> import pandas as pd
    >>> from ecoanalysis.compare import headline_values
    >>> reps = pd.DataFrame({"doc_id": ["a", "b"], "city": ["平凉市", "九江市"], "year": [2022, 2022],
    ...                      "period": ["annual", "H1"]})
    >>> ind = pd.DataFrame({"doc_id": ["a", "b"], "indicator": ["pm25"] * 2, "kind": ["actual"] * 2,
    ...     "value": [24.0, None], "unit": ["ug/m3"] * 2, "masked": [False, True], "start": [0, 0]})
    >>> ax = indicator_dots(headline_values(ind, reps), indicator="pm25")
    >>> len(ax.findobj(lambda a: a.get_gid() == "redacted")[0].get_offsets())
    1
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from . import _style as st

__all__ = ["indicator_dots", "indicator_panels", "indicator_heatmap", "yoy_bars"]


def indicator_dots(headline: pd.DataFrame, *, indicator: str, ax=None, legend: bool = True,
                   title: str | None = None):
    """Dots per report (x: region, year and period) for one indicator; returns the Axes.

    ``headline``: ``compare.headline_values`` output. Actuals ● and targets ◇ are coloured by
    period; masked values are the redacted ✕ at the bottom of the axis (gid 'redacted').
    """
    from matplotlib.lines import Line2D

    st.setup()
    h = headline[(headline["indicator"] == indicator) & headline["kind"].isin(["actual", "target"])]
    ax = st.new_ax(ax, (max(5.0, 1.3 * h["doc_id"].nunique() + 2.5), 4.2))
    ax.set_title(title or st.indicator_name(indicator), fontsize=11)
    if h.empty:
        return st.empty(ax, f"没有报告提到该指标\nno report mentions {indicator}")
    order = list(dict.fromkeys(h.sort_values(["region", "year", "period", "doc_id"], na_position="last")["label"]))
    xpos = {lab: i for i, lab in enumerate(order)}
    shift = {"actual": -0.12, "target": 0.12}
    for kind, marker in (("actual", st.ACTUAL_MARKER), ("target", st.TARGET_MARKER)):
        sub = h[(h["kind"] == kind) & (h["status"] == "reported")]
        for _, r in sub.iterrows():
            color = st.PERIOD_COLORS.get(r["period"], "#333333")
            x = xpos[r["label"]] + shift[kind]
            ax.plot([x], [r["value"]], linestyle="none", marker=marker, markersize=9, color=color,
                    markerfacecolor=color if kind == "actual" else "white", markeredgewidth=1.8,
                    gid=f"{kind}")
            left = kind == "actual" and (h["kind"] == "target").any()  # labels never collide
            ax.annotate(f"{r['value']:g}", (x, r["value"]), xytext=(-7 if left else 7, 0),
                        textcoords="offset points", va="center", ha="right" if left else "left", fontsize=8)
    masked = h[h["status"] == "masked"]
    if len(masked):
        trans = ax.get_xaxis_transform()  # x in data, y in axes fraction: below the data, never at 0
        xs = [xpos[lab] + shift.get(k, 0) for lab, k in zip(masked["label"], masked["kind"])]
        ax.scatter(xs, [0.04] * len(xs), transform=trans, marker=st.REDACTED["marker"], s=90,
                   c=st.REDACTED["color"], edgecolors=st.REDACTED["markeredgecolor"], gid="redacted",
                   zorder=3, clip_on=False)
    ax.set_xticks(range(len(order)))
    ax.set_xticklabels([st.wrap(lab, 12) for lab in order], fontsize=8)
    ax.set_xlim(-0.6, len(order) - 0.4)
    vals = h["value"].dropna()
    if len(vals):
        lo, hi = float(vals.min()), float(vals.max())
        pad = (hi - lo) * 0.25 or abs(hi) * 0.25 or 1.0
        bottom = lo - pad * 1.4
        ax.set_ylim(max(bottom, -0.12 * hi) if lo >= 0 else bottom, hi + pad)
    else:
        ax.set_yticks([])
    unit = next((u for u in h["unit"].dropna().astype(str) if u), "")
    ax.set_ylabel(st.unit_label(unit))
    ax.grid(axis="y", alpha=0.3)
    if legend:
        handles = [Line2D([], [], linestyle="none", marker=st.ACTUAL_MARKER, color="0.3", label="实际 actual"),
                   Line2D([], [], linestyle="none", marker=st.TARGET_MARKER, color="0.3",
                          markerfacecolor="white", label="目标 target")]
        handles += [Line2D([], [], linestyle="none", marker="s", color=st.PERIOD_COLORS.get(p, "#333"),
                           label=f"期间 {p}") for p in sorted(h["period"].dropna().unique())]
        if len(masked):
            handles.append(st.redacted_handle(f"{st.REDACTED_LABEL} ×{len(masked)}"))
        ax.legend(handles=handles, fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    return ax


def indicator_panels(headline: pd.DataFrame, *, indicators=None, ncols: int = 3, max_panels: int = 12):
    """Small multiples: one ``indicator_dots`` panel per indicator with any value; returns the Figure.

    ``indicators``: ids to draw (default: those in ``headline`` with actuals or targets, sorted).
    """
    import matplotlib.pyplot as plt

    st.setup()
    h = headline[headline["kind"].isin(["actual", "target"])]
    ids = list(indicators) if indicators is not None else sorted(h["indicator"].unique())[:max_panels]
    if not ids:
        fig, ax = plt.subplots(figsize=(6, 3))
        st.empty(ax, "没有指标 no indicator values")
        return fig
    ncols = max(1, min(ncols, len(ids)))
    nrows = math.ceil(len(ids) / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(5.2 * ncols, 3.8 * nrows), squeeze=False)
    for ax, ind in zip(axes.flat, ids):
        indicator_dots(h, indicator=ind, ax=ax, legend=False)
    for ax in list(axes.flat)[len(ids):]:
        ax.set_axis_off()
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], linestyle="none", marker=st.ACTUAL_MARKER, color="0.3", label="实际 actual"),
               Line2D([], [], linestyle="none", marker=st.TARGET_MARKER, color="0.3", markerfacecolor="white",
                      label="目标 target"), st.redacted_handle()]
    handles += [Line2D([], [], linestyle="none", marker="s", color=st.PERIOD_COLORS.get(p, "#333"),
                       label=f"期间 {p}") for p in sorted(h["period"].dropna().unique())]
    fig.legend(handles=handles, loc="lower center", ncol=min(len(handles), 6), fontsize=9, frameon=False)
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    return fig


def indicator_heatmap(matrix, *, ax=None, annotate: bool = True, title: str | None = None):
    """Region × year heatmap of a ``compare.indicator_matrix`` result; returns the Axes.

    Reported cells are coloured (greener = better, following the indicator's direction),
    masked cells grey-hatched with ✕, missing cells white with '—'; the legend says which.
    """
    from matplotlib.patches import Patch, Rectangle

    st.setup()
    values, status = matrix.values, matrix.status
    ax = st.new_ax(ax, (max(5.0, 1.5 * values.shape[1] + 3.5), max(3.0, 0.55 * values.shape[0] + 1.8)))
    ax.set_title(title or f"{st.indicator_name(matrix.indicator)} · {matrix.kind}", fontsize=11)
    if values.empty:
        return st.empty(ax, "没有报告 no reports")
    cmap = "RdYlGn_r" if st.direction(matrix.indicator) == "lower_is_better" else "RdYlGn"
    data = np.ma.masked_invalid(values.to_numpy(dtype=float))
    vals = values.to_numpy(dtype=float)
    finite = vals[np.isfinite(vals)]
    vmin, vmax = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
    if vmin == vmax:
        vmin, vmax = vmin - 1, vmax + 1
    im = ax.imshow(data, cmap=cmap, vmin=vmin, vmax=vmax, aspect="auto")
    n_masked = n_missing = 0
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            s = status.iat[i, j]
            if s == "masked":
                n_masked += 1
                ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, facecolor="#d9d9d9", hatch="///",
                                       edgecolor="#8c8c8c", linewidth=0, gid="masked_cell"))
                ax.text(j, i, "× 打码", ha="center", va="center", fontsize=8, color="#3f3f3f")
            elif s == "missing":
                n_missing += 1
                ax.text(j, i, "—", ha="center", va="center", fontsize=9, color="#bdbdbd")
            elif annotate:
                ax.text(j, i, f"{vals[i, j]:g}", ha="center", va="center", fontsize=9)
    ax.set_xticks(range(values.shape[1]))
    ax.set_xticklabels([st.wrap(c, 8) for c in values.columns], fontsize=8)
    ax.set_yticks(range(values.shape[0]))
    ax.set_yticklabels([st.wrap(r, 28) for r in values.index], fontsize=8)
    cb = ax.figure.colorbar(im, ax=ax, fraction=0.04, pad=0.02)
    cb.set_label(st.unit_label(matrix.unit), fontsize=8)
    handles = [Patch(facecolor="#d9d9d9", hatch="///", edgecolor="#8c8c8c", label=f"{st.REDACTED_LABEL} ×{n_masked}"),
               Patch(facecolor="white", edgecolor="#bdbdbd", label=f"— {st.MISSING_LABEL} ×{n_missing}")]
    ax.legend(handles=handles, fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.12 - 0.05 * values.shape[1] / 4),
              ncol=2, frameon=False)
    return ax


def yoy_bars(changes: pd.DataFrame, *, ax=None, title: str | None = None, max_bars: int = 30):
    """Diverging horizontal bars of ``compare.yoy_changes``: green = improvement, orange-red =
    deterioration (the indicator's direction decides), grey ✕ = masked change; returns the Axes."""
    from matplotlib.patches import Patch

    st.setup()
    c = changes.head(max_bars).reset_index(drop=True)
    ax = st.new_ax(ax, (9.0, max(3.0, 0.42 * len(c) + 1.6)))
    ax.set_title(title or "同比变化 year-over-year change (方向按指标 direction-aware)", fontsize=11)
    if c.empty:
        return st.empty(ax, "没有同比数据 no year-over-year changes")
    labels = []
    for r in c.itertuples():
        name = st.indicator_name(r.indicator).split(" (")[0]
        qual = f"·{r.qualifier}" if isinstance(r.qualifier, str) and r.qualifier else ""
        src = "" if r.source == "stated" else " (计算 computed)"
        labels.append(st.wrap(f"{r.label} | {name}{qual}{src}", 28))
    y = np.arange(len(c))[::-1]
    colors = [st.IMPROVED if v is True else st.WORSENED if v is False else "#9e9e9e"
              for v in c["improved"].astype(object).where(c["improved"].notna(), None)]
    vals = c["change"].fillna(0.0).to_numpy()
    bars = ax.barh(y, vals, color=colors, height=0.6)
    for b, col in zip(bars, colors):
        b.set_gid("improved" if col == st.IMPROVED else "worsened" if col == st.WORSENED else "neutral")
    masked = c["masked"].fillna(False).astype(bool).to_numpy()
    if masked.any():
        ax.scatter(np.zeros(masked.sum()), y[masked], marker=st.REDACTED["marker"], s=80,
                   c=st.REDACTED["color"], edgecolors=st.REDACTED["markeredgecolor"], gid="redacted", zorder=3)
    span = max(1.0, float(np.nanmax(np.abs(vals))) if len(vals) else 1.0)
    for yi, v, unit, m in zip(y, vals, c["unit"], masked):
        if not m:
            ax.text(v + (0.02 * span if v >= 0 else -0.02 * span), yi, f"{v:+.1f}{unit or ''}",
                    va="center", ha="left" if v >= 0 else "right", fontsize=8)
    ax.axvline(0, color="0.3", linewidth=0.8)
    ax.set_xlim(-span * 1.3, span * 1.3)
    ax.set_yticks(y)
    ax.set_yticklabels(labels, fontsize=8)
    ax.set_xlabel("变化 change (% 或 pp；数值的符号 = 指标值的涨跌 sign = rise/fall of the value)", fontsize=8)
    handles = [Patch(color=st.IMPROVED, label="改善 improvement"), Patch(color=st.WORSENED, label="恶化 deterioration")]
    if masked.any():
        handles.append(st.redacted_handle(f"{st.REDACTED_LABEL} ×{int(masked.sum())}"))
    ax.legend(handles=handles, fontsize=8, loc="lower right", frameon=True)
    ax.grid(axis="x", alpha=0.3)
    return ax
