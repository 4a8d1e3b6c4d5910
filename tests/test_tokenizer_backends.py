"""The optional rjieba backend gives jieba's tokens exactly: on the samples, on the development
corpus (../shared/devcorpus, read in place, never copied) and on strings built to hit the places
where jieba-rs's own rules differ from jieba's. Skipped when ``rjieba`` is not installed (``pip
install ecoanalysis[fast]``) or the corpus is absent."""
from __future__ import annotations

import os
import random
import warnings
from pathlib import Path

import pytest

from ecoanalysis.clean import clean_text, sentence_spans
from ecoanalysis.words import tokens

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "data" / "reports").glob("*.txt"))
DEVCORPUS = Path(os.path.dirname(__file__), "..", "..", "shared", "devcorpus", "docs")

NOT_INSTALLED = "the optional backend is not installed (pip install ecoanalysis[fast])"


def test_missing_backend_falls_back_to_jieba(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "rjieba", None)  # import fails
    tokens._analyzer.cache_clear()
    try:
        with pytest.warns(UserWarning, match="not installed"):
            an = tokens.analyzer(backend="rjieba")
        assert an.backend == "jieba"
        assert tokens.tokenize("黑臭水体全部消除") == ["黑臭水体", "消除"]
    finally:
        tokens._analyzer.cache_clear()


@pytest.fixture(scope="module")
def pair():
    pytest.importorskip("rjieba", reason=NOT_INSTALLED)
    ref = tokens.analyzer(backend="jieba")
    fast = tokens.analyzer(backend="rjieba")
    assert fast.backend == "rjieba" and ref.backend == "jieba"
    return ref, fast


def _texts(paths, ref):
    return [ref.normalise(clean_text(p.read_text(encoding="utf-8", errors="replace")).text) for p in paths]


def _differing(ref, fast, texts):
    """(documents, sentences) whose tokens differ, and the first differing sentence."""
    docs = sents = 0
    first = None
    for text in texts:
        docs += list(ref.tokenizer.cut(text)) != fast._cut(text)
        for s, e in sentence_spans(text):
            a, b = list(ref.tokenizer.cut(text[s:e])), fast._cut(text[s:e])
            if a != b:
                sents += 1
                first = first or (text[s:e], a, b)
    return docs, sents, first


def test_samples_identical(pair):
    ref, fast = pair
    texts = _texts(SAMPLES, ref)
    assert _differing(ref, fast, texts) == (0, 0, None)
    for t in texts:  # and so the terms, offsets included
        assert list(ref.spans(t)) == list(fast.spans(t))


def test_devcorpus_identical(pair):
    paths = sorted(DEVCORPUS.glob("*.txt"))
    if not paths:
        pytest.skip(f"the development corpus is not beside the checkout ({DEVCORPUS})")
    ref, fast = pair
    assert _differing(ref, fast, _texts(paths, ref)) == (0, 0, None)


HARD = ["1-6月", "369.61t/a", "qq.com", "gb3095-2012", "6.5.8", "--", "-->", "b_Y", "a4_Y0", "1.1.43亿元",
        "98.6%", "5%a", "07.03.2017", "\r\n", " ", "𬘫", "㐂", "鿰", "﨑", "〇", "PM2.5", "pm10", "COD", "μg/m³",
        "再分-", "列成-b", "x.", ".5", "+-", "&", "#", "%", "_", "XX", "**", "Ⅲ类"]


def test_hard_strings_identical(pair):
    """Real fragments with the known trouble makers pasted in, and random character soup."""
    ref, fast = pair
    texts = _texts(SAMPLES, ref)
    alphabet = sorted(set("".join(texts)))
    rng = random.Random(15)
    bad = []
    for i in range(3000):
        t = rng.choice(texts)
        a = rng.randrange(len(t))
        s = list(t[a:a + rng.randint(1, 60)])
        if i % 2:
            s = [rng.choice(alphabet) if rng.random() < .6 else rng.choice(HARD) for _ in range(rng.randint(1, 20))]
        else:
            for _ in range(rng.randint(1, 4)):
                s.insert(rng.randint(0, len(s)), rng.choice(HARD))
        s = "".join(s)
        if list(ref.tokenizer.cut(s)) != fast._cut(s):
            bad.append(s)
    assert not bad, bad[:5]


def test_user_words_reach_the_backend():
    pytest.importorskip("rjieba", reason=NOT_INSTALLED)
    ref = tokens.analyzer(extra_words={"黑臭底泥": 40000}, backend="jieba")
    fast = tokens.analyzer(extra_words={"黑臭底泥": 40000}, backend="rjieba")
    text = "清理黑臭底泥1-6万吨，完成率98.6%"
    assert fast._cut(text) == list(ref.tokenizer.cut(text))
    assert "黑臭底泥" in fast._cut(text)


def test_backend_from_environment(monkeypatch):
    pytest.importorskip("rjieba", reason=NOT_INSTALLED)
    monkeypatch.setenv(tokens.BACKEND_ENV, "rjieba")
    assert tokens.analyzer().backend == "rjieba"
    monkeypatch.setenv(tokens.BACKEND_ENV, "jieba")
    assert tokens.analyzer().backend == "jieba"
    monkeypatch.delenv(tokens.BACKEND_ENV)
    assert tokens.analyzer().backend == "jieba"  # the default
    with pytest.raises(ValueError):
        tokens.analyzer(backend="pkuseg")
    monkeypatch.setenv(tokens.BACKEND_ENV, "nonsense")
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        assert tokens.analyzer().backend == "jieba"


def test_words_added_later_and_force_split_are_followed():
    """A word added to the jieba tokenizer after the backend was built reaches it; a word deleted
    (jieba's global force-split list) makes jieba cut alone."""
    pytest.importorskip("rjieba", reason=NOT_INSTALLED)
    from jieba import finalseg

    fast = tokens.analyzer(extra_words=["测试专用词"], backend="rjieba")
    text = "推进蓝绿交织示范带建设，完成率98.6%"
    before = set(finalseg.Force_Split_Words)
    try:
        fast.tokenizer.add_word("蓝绿交织示范带", 60000)
        assert fast._cut(text) == list(fast.tokenizer.cut(text))
        assert "蓝绿交织示范带" in fast._cut(text)
        fast.tokenizer.del_word("示范带")  # freq 0: jieba's global force-split list
        assert fast._cut(text) == list(fast.tokenizer.cut(text))
    finally:
        finalseg.Force_Split_Words.clear()
        finalseg.Force_Split_Words.update(before)
        tokens._analyzer.cache_clear()
