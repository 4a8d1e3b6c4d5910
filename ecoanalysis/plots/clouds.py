"""Word clouds drawn from term frequencies (never from raw text).

wordcloud's own tokenizer splits on a Latin regex and knows nothing of Chinese, so clouds are
always drawn from counts that :mod:`ecoanalysis.words` produced; collocations are off (bigrams of
Chinese terms are noise), the layout is seeded (``random_state``) so the same counts give the same
picture, and the CJK font comes from :func:`ecoanalysis.fonts.cjk_font_path` (wordcloud ignores
matplotlib's font settings). Functions draw into Axes and return them; they never show or save.

Example:
    >>> ax = word_cloud({"黑臭水体": 5, "PM2.5": 3, "河长制": 2}, width=300, height=200)
    >>> ax.get_images()[0].get_array().shape
    (200, 300, 3)
"""
from __future__ import annotations

import math
from typing import Mapping

import pandas as pd

from ..fonts import cjk_font_path

__all__ = ["word_cloud", "word_clouds", "cloud_frequencies", "cloud_exclusions", "cloud_terms"]

DEFAULT_COLORMAP = "Dark2"  # dark, distinct hues that stay legible on a white background
MAX_TERMS = 200  # counts per cloud are capped to the top terms before layout (wordcloud is slow)


def cloud_exclusions() -> frozenset:
    """Words never drawn in a cloud: every gazetteer name and short name (place names say where,
    not what) and ``resources/cloud_stopwords.txt`` (boilerplate)."""
    from ..resources import read_csv, read_lines

    gaz = read_csv("gazetteer.csv")
    places = set(gaz["name"]) | set(gaz["short_name"])
    return frozenset(w for w in places | set(read_lines("cloud_stopwords.txt")) if w)


def cloud_terms(terms: pd.DataFrame, *, by, top: int = MAX_TERMS) -> pd.DataFrame:
    """Term counts for clouds: summed per ``by`` group and term, place names and boilerplate
    (:func:`cloud_exclusions`) removed, at most ``top`` terms per group (count desc, then term).
    Columns: the ``by`` columns, term, count."""
    by_cols = [by] if isinstance(by, str) else list(by)
    drop = cloud_exclusions()
    t = terms[~terms["term"].astype(str).isin(drop)]
    t = t.groupby(by_cols + ["term"], sort=True)["count"].sum().reset_index()
    t = t.sort_values(by_cols + ["count", "term"], ascending=[True] * len(by_cols) + [False, True], kind="stable")
    return t.groupby(by_cols, sort=True).head(top).reset_index(drop=True)


def cloud_frequencies(frequencies, *, term: str = "term", count: str = "count") -> dict[str, float]:
    """Normalise ``frequencies`` (dict, Series indexed by term, or DataFrame with ``term`` and
    ``count`` columns; duplicate terms are summed) to a dict ordered by count desc, then term —
    a fixed order, so ties never depend on the input's row order."""
    if isinstance(frequencies, pd.DataFrame):
        s = frequencies.groupby(term)[count].sum()
    elif isinstance(frequencies, pd.Series):
        s = frequencies.groupby(level=0).sum()
    elif isinstance(frequencies, Mapping):
        s = pd.Series(dict(frequencies), dtype=float)
    else:
        raise TypeError("frequencies must be a dict, a Series or a DataFrame with term/count")
    items = [(str(k), float(v)) for k, v in s.items()
             if str(k).strip() and v is not None and not math.isnan(v) and v > 0]
    items.sort(key=lambda kv: (-kv[1], kv[0]))
    return dict(items)


def word_cloud(frequencies, *, ax=None, max_words: int = 200, width: int = 1200,
               height: int = 800, random_state: int = 42, font_path: str | None = None,
               colormap: str = DEFAULT_COLORMAP, background_color: str = "white",
               title: str | None = None, **wordcloud_kwargs):
    """Draw a word cloud of term frequencies into ``ax`` (a new figure when None); return the Axes.

    ``frequencies``: {term: count}, a Series, or a DataFrame with term/count columns (e.g. one
    group of ``term_frequencies``). Deterministic for a given ``random_state``. Extra keyword
    arguments go to ``wordcloud.WordCloud`` (e.g. ``mask``, ``prefer_horizontal``).

    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> word_cloud({"创模": 4, "清洁生产": 2}, ax=ax, width=200, height=100) is ax
    True
    """
    import matplotlib.pyplot as plt
    from matplotlib.font_manager import FontProperties
    from wordcloud import WordCloud

    font = cjk_font_path(user=font_path)
    if ax is None:
        _, ax = plt.subplots(figsize=(width / 100, height / 100))
    freqs = cloud_frequencies(frequencies)
    ax.set_axis_off()
    if title is not None:
        ax.set_title(title, fontproperties=FontProperties(fname=font))
    if not freqs:  # an empty group: leave a labelled blank panel rather than fail a grid
        ax.text(0.5, 0.5, "no terms", ha="center", va="center", transform=ax.transAxes,
                color="0.5")
        return ax
    wordcloud_kwargs.setdefault("prefer_horizontal", 1.0)  # Chinese rotated 90° is unreadable
    wc = WordCloud(
        font_path=font, width=width, height=height, max_words=max_words,
        random_state=random_state, colormap=colormap, background_color=background_color,
        collocations=False,  # never invent bigrams
        **wordcloud_kwargs,
    ).generate_from_frequencies(freqs)
    ax.imshow(wc.to_array(), interpolation="bilinear")
    return ax


def word_clouds(table: pd.DataFrame, *, by, ncols: int = 2, max_words: int = 200,
                width: int = 1200, height: int = 800, random_state: int = 42,
                font_path: str | None = None, colormap: str = DEFAULT_COLORMAP,
                panel_inches: float = 5.0, fig=None, **wordcloud_kwargs) -> dict:
    """One cloud per group of a term table (``term_frequencies(corpus, by=...)`` output, or the
    ``terms`` table with ``by="doc_id"`` for one cloud per report), titled with the group value.

    Returns {group value: Axes} in group order; all panels share one new figure (``fig`` to
    reuse one). Each panel uses the same ``random_state``, so a group's cloud does not change
    when other groups are added.
    """
    import matplotlib.pyplot as plt

    by_cols = [by] if isinstance(by, str) else list(by)
    groups = list(table.groupby(by_cols, sort=True, dropna=False))
    if not groups:
        raise ValueError("no groups to draw: the table is empty")
    ncols = max(1, min(ncols, len(groups)))
    nrows = math.ceil(len(groups) / ncols)
    if fig is None:
        fig = plt.figure(figsize=(ncols * panel_inches, nrows * (panel_inches * height / width + 0.4)),
                         layout="constrained")
    out = {}
    for i, (key, sub) in enumerate(groups):
        key = key[0] if len(by_cols) == 1 else key
        ax = fig.add_subplot(nrows, ncols, i + 1)
        label = " · ".join(map(str, key)) if isinstance(key, tuple) else str(key)
        out[key] = word_cloud(sub, ax=ax, max_words=max_words, width=width, height=height,
                              random_state=random_state, font_path=font_path, colormap=colormap,
                              title=label, **wordcloud_kwargs)
    return out
