"""Features shared by the per-document plan links and the corpus-level clusters: word tokens
(the package's jieba tokenizer), character bigrams and theme vectors of a statement, and the
weights of the blended similarity. The reasoning behind every number is in
``ecoanalysis.problems.clusters``."""
from __future__ import annotations

import re

import numpy as np

WEIGHTS = {"words": 0.35, "chars": 0.15, "themes": 0.50}
THEME_HEADING_WEIGHT = 0.5  # themed-heading cues count half in the similarity's theme vector
THEME_POWER = 2.0  # squaring theme scores sharpens a statement towards its dominant theme

_NON_CJK = re.compile(r"[^\u4e00-\u9fff]+")

# ---------------------------------------------------------------- features

def statement_tokens(text: str) -> list[str]:
    from ..words.tokens import tokenize
    return tokenize(text)


def char_bigrams(text: str) -> list[str]:
    out = []
    for run in _NON_CJK.split(text):
        out += [run[i:i + 2] for i in range(len(run) - 1)]
    return out


def theme_matrix(texts, headings) -> np.ndarray:
    from .statements import theme_scores, themes
    axes = [t for t in themes() if t != "other"]
    m = np.zeros((len(texts), len(axes)))
    for i, (t, h) in enumerate(zip(texts, headings)):
        for theme, (score, _cues) in theme_scores(t, h, heading_weight=THEME_HEADING_WEIGHT).items():
            if theme in axes:
                m[i, axes.index(theme)] = score
    return m ** THEME_POWER
