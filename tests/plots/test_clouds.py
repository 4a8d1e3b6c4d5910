"""Word clouds: from frequencies only, deterministic, CJK font, one per group, never shown/saved."""
from __future__ import annotations

import io
import warnings
from collections import Counter
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
import wordcloud  # noqa: E402

from ecoanalysis.clean import clean_text  # noqa: E402
from ecoanalysis.fonts import cjk_font_path, use_cjk_font  # noqa: E402
from ecoanalysis.plots.clouds import cloud_frequencies, word_cloud, word_clouds  # noqa: E402
from ecoanalysis.words import count_terms, term_frequencies  # noqa: E402

REPORTS = Path(__file__).resolve().parents[2] / "data" / "reports"


@pytest.fixture(scope="module")
def terms() -> pd.DataFrame:
    return pd.concat([count_terms(clean_text(p.read_text(encoding="utf-8")).text, None, doc_id=p.stem)
                      for p in sorted(REPORTS.glob("*.txt"))], ignore_index=True)


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None})
    return buf.getvalue()


def test_returns_axes_and_never_shows_or_saves(monkeypatch, terms):
    from matplotlib.figure import Figure

    def boom(*a, **k):
        raise AssertionError("word_cloud must not show or save")

    monkeypatch.setattr(plt, "show", boom)
    monkeypatch.setattr(Figure, "savefig", boom)
    fig, ax = plt.subplots()
    assert word_cloud(terms, ax=ax, width=400, height=300) is ax
    img = ax.get_images()[0].get_array()
    assert img.shape == (300, 400, 3)
    assert word_cloud({"创模": 3}, width=200, height=100).figure is not fig  # ax=None: new figure


def test_draws_from_frequencies_never_wordclouds_tokenizer(monkeypatch):
    seen = {}

    class Spy(wordcloud.WordCloud):
        def __init__(self, **kw):
            seen.update(kw)
            super().__init__(**kw)

        def process_text(self, text):  # wordcloud's regex tokenizer
            raise AssertionError("wordcloud's tokenizer used")

    monkeypatch.setattr(wordcloud, "WordCloud", Spy)
    word_cloud({"黑臭水体": 5, "PM2.5": 3, "双随机一公开": 2}, width=300, height=200)
    assert seen["collocations"] is False
    assert seen["font_path"] == cjk_font_path()
    assert seen["random_state"] == 42


def test_same_input_same_png_bytes(terms):
    def draw(rows):
        fig, ax = plt.subplots(figsize=(6, 4))
        word_cloud(rows, ax=ax, width=600, height=400)
        return _png(fig)

    a = draw(terms)
    b = draw(terms.sample(frac=1, random_state=1))  # row order must not matter either
    assert a == b
    fig, ax = plt.subplots(figsize=(6, 4))
    word_cloud(terms, ax=ax, width=600, height=400, random_state=7)
    assert _png(fig) != a


def test_cloud_frequencies_normalises_inputs():
    df = pd.DataFrame({"term": ["甲乙", "丙丁", "甲乙", "戊己"], "count": [1, 5, 2, 0]})
    assert cloud_frequencies(df) == {"丙丁": 5.0, "甲乙": 3.0}
    assert cloud_frequencies(pd.Series({"甲乙": 2, "丙丁": 2})) == {"丙丁": 2.0, "甲乙": 2.0}
    assert list(cloud_frequencies(Counter({"b": 1, "a": 1}))) == ["a", "b"]
    with pytest.raises(TypeError):
        cloud_frequencies(["甲乙"])


def test_one_cloud_per_group_with_cjk_titles(terms):
    tf = term_frequencies(terms, by="doc_id", top=80)
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        axes = word_clouds(tf, by="doc_id", ncols=3, width=300, height=200)
        fig = next(iter(axes.values())).figure
        fig.canvas.draw()
    assert list(axes) == sorted(tf["doc_id"].unique())
    assert all(ax.get_title() == key for key, ax in axes.items())
    assert not [w for w in rec if "missing from" in str(w.message)]


def test_chinese_title_and_cloud_raise_no_missing_glyph_warning(terms):
    with matplotlib.rc_context():
        use_cjk_font()
        with warnings.catch_warnings(record=True) as rec:
            warnings.simplefilter("always")
            fig, ax = plt.subplots(figsize=(6, 4))
            word_cloud(terms, ax=ax, width=600, height=400)
            fig.suptitle("样本报告词云：污染防治攻坚战 −2")
            fig.canvas.draw()
    assert not [w for w in rec if "missing from" in str(w.message)]


def test_cloud_has_ink_and_empty_input_is_a_blank_panel():
    ax = word_cloud({"中央生态环境保护督察": 10, "回头看": 6}, width=300, height=200)
    img = np.asarray(ax.get_images()[0].get_array())
    assert (img < 200).any()  # something dark was drawn on the white background
    blank = word_cloud({}, width=300, height=200)
    assert not blank.get_images() and blank.texts


def test_clouds_are_horizontal_and_leave_out_place_names_and_boilerplate(monkeypatch):
    from ecoanalysis.plots import clouds

    seen = {}
    real = wordcloud.WordCloud.generate_from_frequencies

    def spy(self, freqs, *a, **k):
        seen["freqs"], seen["horizontal"] = dict(freqs), self.prefer_horizontal
        return real(self, freqs, *a, **k)

    monkeypatch.setattr(wordcloud.WordCloud, "generate_from_frequencies", spy)
    terms = pd.DataFrame({"label": ["平凉市 2022"] * 4, "term": ["平凉", "庐山", "上半年", "黑臭水体"],
                          "count": [9, 7, 5, 2]})
    from ecoanalysis.plots import group_clouds

    group_clouds(terms, by="label")
    assert seen["horizontal"] == 1.0  # Chinese words are never turned 90°
    assert list(seen["freqs"]) == ["黑臭水体"]  # 平凉 and 庐山 are places, 上半年 boilerplate
    many = pd.DataFrame({"g": ["x"] * 500, "term": [f"词{i:03d}" for i in range(500)], "count": range(500)})
    capped = clouds.cloud_terms(many, by="g")
    assert len(capped) == clouds.MAX_TERMS and capped["count"].min() == 500 - clouds.MAX_TERMS
