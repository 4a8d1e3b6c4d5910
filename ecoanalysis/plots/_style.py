"""Shared look of every chart: CJK font, colours, the "redacted" marker, label wrapping.

Example:
    >>> wrap("九江市庐山生态环境局工作总结", width=6)
    '九江市庐山生\\n态环境局工作\\n总结'
"""
from __future__ import annotations

import textwrap

import pandas as pd

from matplotlib.lines import Line2D

# masked numbers: a grey ✕ on a hatched band, never a zero and never a silent gap
REDACTED = dict(marker="X", color="#7f7f7f", markersize=9, markeredgecolor="#3f3f3f")
REDACTED_LABEL = "已打码 redacted (number hidden)"
MISSING_LABEL = "未报告 not reported"
IMPROVED, WORSENED = "#1b7837", "#c2410c"  # green = improvement, orange-red = deterioration
ACTUAL_MARKER, TARGET_MARKER = "o", "D"



# chart forms by corpus size: one mark per report up to MAX_POINTS reports, distributions per
# group beyond; at most MAX_GROUPS groups per axis (a printed note says when more were cut)
MAX_POINTS = 40
MAX_GROUPS = 30
MAX_INCHES = 34.0  # ~3,700 px at the registry's 110 dpi: no PNG over ~4,000 px on a side



def inches(n: float) -> float:
    """A figure dimension bounded by ``MAX_INCHES``."""
    return float(min(MAX_INCHES, n))


def note(fig, text: str, *, y: float = 0.0):
    """A printed note under a figure (top-N cuts, skipped items): gid 'note', never silent."""
    return fig.text(0.01, y, text, ha="left", va="top", fontsize=8, color="0.25", gid="note", wrap=True)


def group_column(df, *, prefer=("province", "region")) -> str:
    """The grouping column for distributions: province when there are several, else region."""
    for c in prefer:
        if c in df.columns and df[c].nunique() > 1:
            return c
    return prefer[-1] if prefer[-1] in df.columns else prefer[0]


def blank(v) -> bool:
    """None, NaN, NA or an empty string."""
    return v is None or v is pd.NA or (isinstance(v, float) and v != v) or str(v).strip() in ("", "?")


def period_title(period) -> str:
    """'全年 annual', 'H1上半年' … for panel titles and row labels."""
    from ..compare import period_label

    if blank(period):
        return "期间未知 ?"
    label = period_label(period)
    return label if str(period) in label else f"{label} {period}"


def setup():
    """Apply the CJK font (``ecoanalysis.fonts.use_cjk_font``) before drawing; returns its path."""
    from ..fonts import use_cjk_font

    return use_cjk_font()


def new_ax(ax, figsize):
    """``ax`` as given, or the Axes of a new figure of ``figsize`` inches."""
    import matplotlib.pyplot as plt

    if ax is not None:
        return ax
    _, ax = plt.subplots(figsize=figsize)
    return ax


def wrap(text, width: int = 10) -> str:
    """Wrap a (Chinese) label every ``width`` characters; Chinese has no spaces to break at."""
    text = str(text)
    return "\n".join(textwrap.wrap(text, width=width, break_long_words=True, break_on_hyphens=False)) or text


def redacted_handle(label: str = REDACTED_LABEL) -> Line2D:
    """Legend entry for the redacted marker."""
    return Line2D([], [], linestyle="none", label=label, **REDACTED)


def empty(ax, message: str):
    """Draw a 'no data' note instead of an empty plot (the figure is still written)."""
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="0.4", wrap=True)
    ax.set_xticks([])
    ax.set_yticks([])
    return ax


def indicator_name(indicator: str) -> str:
    """'PM2.5平均浓度 (pm25)' from the catalog, or the id itself."""
    from ..compare import indicator_catalog

    cat = indicator_catalog().set_index("id")
    return f"{cat.at[indicator, 'name_zh']} ({indicator})" if indicator in cat.index else str(indicator)


def direction(indicator: str) -> str:
    from ..compare import indicator_catalog

    cat = indicator_catalog().set_index("id")
    return cat.at[indicator, "direction"] if indicator in cat.index else ""


def unit_label(unit) -> str:
    return {"ug/m3": "μg/m³", "day": "天 days", "count": "个/件 count", "%": "%", "pp": "百分点 pp",
            "mg/L": "mg/L", "万元": "万元", "class": "类 class", "index": "指数 index"}.get(str(unit), str(unit or ""))


def period_colors() -> dict:
    """{period: colour} (``resources/periods.csv``)."""
    from ..metadata import period_info

    return {p: v["color"] for p, v in period_info().items()}


def topic_labels() -> dict:
    """{topic: chart label} in display order (``resources/topic_labels.csv``)."""
    from ..segment import topic_info

    return {t: v["label"] for t, v in topic_info().items()}


def topic_colors() -> dict:
    """{topic: colour} in display order (``resources/topic_labels.csv``)."""
    from ..segment import topic_info

    return {t: v["color"] for t, v in topic_info().items()}


def theme_label(theme: str) -> str:
    """A problem theme's Chinese label (``resources/themes.csv``); ``(none)`` for no theme."""
    from ..problems import theme_labels

    if theme == "(none)":
        return "(未分类)"
    return theme_labels().get(theme, theme).split(" ")[0]
