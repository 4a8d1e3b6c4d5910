"""Property-based tests of every text function: no exception on any input, offsets slice back,
masked numbers never become values, same input → same output.

Two kinds of input: arbitrary Unicode, and text assembled from report fragments (sample report
lines, outline markers, digits, masks, units, noise markers, traditional characters, odd
whitespace), which reaches far more code paths than random characters do.
"""
from __future__ import annotations

import math
import os
import re
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecoanalysis.clean import clean_text, sentence_spans, to_original
from ecoanalysis.segment import segment

ROOT = Path(__file__).resolve().parents[1]
# bounded and reproducible in `make test`; ECOANALYSIS_PROPERTY_EXAMPLES=2000 (with a random
# search: ECOANALYSIS_PROPERTY_RANDOM=1) to hunt for new failures
_N = int(os.environ.get("ECOANALYSIS_PROPERTY_EXAMPLES", "80"))
_DERANDOMIZE = not os.environ.get("ECOANALYSIS_PROPERTY_RANDOM")
_HC = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture]
SETTINGS = settings(max_examples=_N, deadline=None, derandomize=_DERANDOMIZE, suppress_health_check=_HC,
                    database=None)
FEW = settings(max_examples=max(10, _N // 2), deadline=None, derandomize=_DERANDOMIZE, suppress_health_check=_HC,
               database=None)

MASKS = ["**", "*", "XX", "X", "××", "*.*", "ⅩⅩ", "＊＊", "ＸＸ", "xx"]
UNITS = ["%", "％", "微克/立方米", "μg/m³", "mg/L", "毫克/升", "万元", "亿元", "天", "家", "件", "个", "人次",
         "吨", "t/a", "个百分点", "类", "次", "公里", "亩", "户", ""]
SUBJECTS = ["空气优良天数", "优良率", "PM2.5平均浓度", "PM10浓度", "臭氧浓度", "总磷浓度", "国考断面水质",
            "检查企业", "立案查处", "罚款", "受理信访件", "办结", "环评审批项目", "化学需氧量减排",
            "同比下降", "较去年同期改善", "力争达到", "控制在", "约", "超过", "近", "余"]
MARKERS = ["一、", "二、", "三、", "四、", "（一）", "（二）", "(三)", "1.", "2、", "3．", "（1）", "①", "②",
           "、", "一是", "二是", "三是", "第一部分", "(-)"]
HEADINGS = ["主要工作开展情况", "存在的问题", "存在的问题和不足", "下半年工作计划", "2024年工作安排",
            "深入打好蓝天保卫战", "强化执法监管", "工作完成情况", "问题与打算", "下步打算"]
NOISE = ["##paidbegin##", "##paidend##", "<br>", "</p>", "[bookmark: _Toc1]", "编辑密码：1234",
         "- 12 -", "第3页 共10页", "\f", "\u200b", "\ufeff", "　　", "\t", " ", "\r\n", "\r", "\n\n\n\n",
         "環(huán)境", "監(jiān)測", "污染防治攻堅戰", "_百度文库"]
PUNCT = ["。", "，", "；", "！", "？", "：", "、", "“", "”", "（", "）", ";", "!", "?", "\n", "\n"]


@lru_cache(maxsize=1)
def sample_lines() -> tuple:
    lines = []
    for p in sorted((ROOT / "data" / "reports").glob("*.txt")):
        for line in p.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line:
                lines.append(line[:200])
    return tuple(lines) or ("空气优良天数为300天。",)


def _number():
    return st.one_of(
        st.integers(0, 100000).map(str),
        st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False, allow_infinity=False).map(str),
        st.sampled_from(["2022", "2023年", "1-6月", "11月11日", "３２．２", "三十余", "十五", "Ⅳ", "劣Ⅴ", "〔2022〕3号",
                         "12369", "0.053", "-5", "1,234"]),
    )


@st.composite
def figure_phrase(draw):
    num = draw(st.one_of(_number(), st.sampled_from(MASKS)))
    return draw(st.sampled_from(SUBJECTS)) + draw(st.sampled_from(["", "为", "达", "：", "是"])) + num + draw(st.sampled_from(UNITS))


fragment = st.one_of(
    st.sampled_from(sample_lines()),
    st.sampled_from(MARKERS).flatmap(lambda m: st.sampled_from(HEADINGS).map(lambda h: "\n" + m + h + "\n")),
    st.sampled_from(MARKERS),
    figure_phrase(),
    _number(),
    st.sampled_from(MASKS),
    st.sampled_from(UNITS),
    st.sampled_from(NOISE),
    st.sampled_from(PUNCT),
    st.text(max_size=8),
)
report_text = st.lists(fragment, max_size=40).map("".join)
any_text = st.one_of(st.text(max_size=300), report_text)


def _isnan(v) -> bool:
    try:
        return v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))
    except TypeError:
        return False


# ---------------------------------------------------------------- clean

def _check_clean(raw: str):
    ct = clean_text(raw)
    assert isinstance(ct.text, str) and ct.original == raw
    assert len(ct.origin) == len(ct.text) + 1
    o = ct.origin
    assert all(0 <= int(x) <= len(raw) for x in o)
    assert all(int(o[i]) <= int(o[i + 1]) for i in range(len(o) - 1)), "offset map must not go backwards"
    for i, ch in enumerate(ct.text):
        src = raw[int(o[i])]
        if ct.script == "simplified":
            # a cleaned character is the original one, or a line break standing for \r\n / \r / a blank-line run
            assert ch == src or (ch == "\n" and src in "\r\n"), (i, ch, src)
    for r in ct.log:
        assert 0 <= r["orig_start"] <= r["orig_end"] <= len(raw)
    return ct


@SETTINGS
@given(any_text)
def test_clean_text_any_input(raw):
    ct = _check_clean(raw)
    assert ct.text == ct.text.strip()  # no leading/trailing blank debris
    again = clean_text(raw)
    assert again.text == ct.text and list(again.origin) == list(ct.origin) and again.log == ct.log


@SETTINGS
@given(report_text, st.data())
def test_to_original_maps_into_the_original(raw, data):
    ct = clean_text(raw)
    n = len(ct.text)
    s = data.draw(st.integers(0, n))
    e = data.draw(st.integers(s, n))
    os_, oe = to_original(ct, s, e)
    assert 0 <= os_ <= oe <= len(raw)
    if e > s:
        assert oe > os_
        if ct.script == "simplified":
            # the first and last cleaned characters sit at the ends of the original span
            assert ct.text[s] == raw[os_] or (ct.text[s] == "\n" and raw[os_] in "\r\n")
            assert ct.text[e - 1] == raw[oe - 1] or ct.text[e - 1] == "\n"
    with pytest.raises(ValueError):
        to_original(ct, 0, n + 1)


@SETTINGS
@given(any_text, st.booleans())
def test_sentence_spans(text, semicolon):
    spans = sentence_spans(text, semicolon=semicolon)
    prev = 0
    covered = set()
    for s, e in spans:
        assert prev <= s < e <= len(text)
        piece = text[s:e]
        assert piece == piece.strip() and piece
        covered.update(range(s, e))
        prev = e
    # nothing but whitespace falls between sentences
    assert all(text[i].isspace() for i in range(len(text)) if i not in covered)
    assert sentence_spans(text, semicolon=semicolon) == spans


# ---------------------------------------------------------------- segment

PARTS = {"preamble", "achievements", "problems", "plans"}


def _check_sections(text, sec, doc_id="d"):
    assert list(sec.section_id) == [f"{doc_id}:s{i}" for i in range(len(sec))]
    ids = set(sec.section_id)
    by_id = {r.section_id: r for r in sec.itertuples(index=False)}
    for r in sec.itertuples(index=False):
        assert 0 <= r.start <= r.end <= len(text)
        assert r.part in PARTS
        assert r.own_chars >= 0, r
        if r.level == 0:
            assert r.start == 0 and r.parent_id is None or pd.isna(r.parent_id)
        if isinstance(r.parent_id, str) and r.parent_id:
            assert r.parent_id in ids
            p = by_id[r.parent_id]
            assert p.level < r.level and p.start <= r.start and r.end <= p.end, (p, r)
    assert list(sec.start) == sorted(sec.start)


@SETTINGS
@given(any_text)
def test_segment_offsets_slice_back(raw):
    text = clean_text(raw).text
    sec = segment(text, doc_id="d")
    _check_sections(text, sec)
    if text:
        assert len(sec) >= 1
    pd.testing.assert_frame_equal(sec, segment(text, doc_id="d"))


def test_segment_on_the_sample_reports():
    for p in sorted((ROOT / "data" / "reports").glob("*.txt")):
        text = clean_text(p.read_text(encoding="utf-8")).text
        _check_sections(text, segment(text, doc_id=p.stem), doc_id=p.stem)


# ---------------------------------------------------------------- extract

def _check_figures(text, fig):
    from ecoanalysis.schema import COLUMNS

    assert list(fig.columns) == COLUMNS["figures"]
    assert list(fig.figure_id) == [f"d:f{i}" for i in range(1, len(fig) + 1)] or \
        list(fig.figure_id) == [f"d:f{i}" for i in range(len(fig))]
    for r in fig.itertuples(index=False):
        assert 0 <= r.start < r.end <= len(text), r
        span = text[r.start:r.end]
        if isinstance(r.value_text, str) and r.value_text:
            assert r.value_text in span, (r.value_text, span)
        if isinstance(r.sentence, str) and r.sentence:
            assert r.sentence in text
        if bool(r.masked):
            assert _isnan(r.value), f"masked figure with a value: {r}"
        if bool(r.stripped):
            assert bool(r.masked)


@SETTINGS
@given(report_text)
def test_extract_figures_and_indicators(raw):
    from ecoanalysis.extract import extract_figures, extract_indicators

    text = clean_text(raw).text
    sec = segment(text, doc_id="d")
    fig = extract_figures(text, doc_id="d", sections=sec)
    _check_figures(text, fig)
    ind = extract_indicators(text, fig, doc_id="d", sections=sec)
    fig_ids = set(fig.figure_id)
    for r in ind.itertuples(index=False):
        assert 0 <= r.start < r.end <= len(text)
        if bool(r.masked):
            assert _isnan(r.value), f"masked indicator with a value: {r}"
        if isinstance(r.figure_id, str) and r.figure_id:
            assert r.figure_id in fig_ids
    pd.testing.assert_frame_equal(fig, extract_figures(text, doc_id="d", sections=sec))


@FEW
@given(st.text(max_size=200))
def test_extract_any_unicode(text):
    from ecoanalysis.extract import extract_figures, extract_indicators

    fig = extract_figures(text, doc_id="d")
    _check_figures(text, fig)
    extract_indicators(text, fig, doc_id="d")


MASKED_NUMBER = re.compile(r"\*\.\*|[*＊]+|[XxＸｘ]{1,2}|××|×|ⅩⅩ")


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(SUBJECTS[:14]), st.sampled_from(["为", "达", "", "共"]),
                          st.sampled_from(MASKS), st.sampled_from([u for u in UNITS if u])),
                min_size=1, max_size=6),
       st.sampled_from(["。", "，", "；"]))
def test_masked_number_is_never_a_value(items, sep):
    """Text with masks where numbers stand: every figure touching a mask is masked, with NaN value."""
    from ecoanalysis.extract import extract_figures, extract_indicators

    parts, mask_spans, pos = [], [], 0
    for subj, verb, mask, unit in items:
        head = subj + verb
        parts.append(head + mask + unit + sep)
        mask_spans.append((pos + len(head), pos + len(head) + len(mask)))
        pos += len(parts[-1])
    text = "".join(parts)
    fig = extract_figures(text, doc_id="d")
    _check_figures(text, fig)
    for r in fig.itertuples(index=False):
        if any(r.start < me and ms < r.end for ms, me in mask_spans):
            assert bool(r.masked) and _isnan(r.value), (text, r)
    # no number in the text at all: nothing may carry a value other than words-as-numbers
    digits = [r for r in fig.itertuples(index=False) if not _isnan(r.value) and re.search(r"\d", str(r.value_text))]
    assert not digits, (text, digits)
    ind = extract_indicators(text, fig, doc_id="d")
    for r in ind.itertuples(index=False):
        assert _isnan(r.value) or not bool(r.masked), (text, r)
        if any(r.start < me and ms < r.end for ms, me in mask_spans):
            assert _isnan(r.value), (text, r)


# ---------------------------------------------------------------- metadata

PERIODS = {None, "", "H1", "H2", "Q1", "Q2", "Q3", "Q4", "Q1-Q3", "annual", "year-to-date"}


@SETTINGS
@given(any_text)
def test_infer_metadata_any_input(raw):
    from ecoanalysis.metadata import infer_metadata

    text = clean_text(raw).text
    m = infer_metadata(text, doc_id="d")
    assert isinstance(m, dict)
    y = m.get("year")
    assert y is None or (isinstance(y, int) and 1900 <= y <= 2100), y
    assert m.get("period") in PERIODS, m.get("period")
    assert m.get("admin_level") in (None, "", "province", "city", "county")
    assert m == infer_metadata(text, doc_id="d")


@FEW
@given(st.sampled_from(["201*", "20XX", "20××", "202*", "20**"]),
       st.sampled_from(["年上半年工作总结", "年工作总结和明年工作计划", "年度工作总结"]))
def test_masked_year_is_never_guessed(year, rest):
    from ecoanalysis.metadata import infer_metadata

    m = infer_metadata(f"XX县生态环境局{year}{rest}\n一、工作情况\n（一）大气污染防治。", doc_id="d")
    assert m.get("year") is None or pd.isna(m.get("year"))


# ---------------------------------------------------------------- problems

@SETTINGS
@given(report_text)
def test_extract_problems_slices_back(raw):
    from ecoanalysis.problems import extract_problems

    text = clean_text(raw).text
    sec = segment(text, doc_id="d")
    p = extract_problems(text, sec, doc_id="d")
    assert list(p.problem_id) == [f"d:p{i}" for i in range(1, len(p) + 1)]
    for r in p.itertuples(index=False):
        assert 0 <= r.start < r.end <= len(text)
        assert r.text == text[r.start:r.end]
        assert r.source in ("section", "inline")
    pd.testing.assert_frame_equal(p, extract_problems(text, sec, doc_id="d"))


@FEW
@given(st.text(max_size=200))
def test_extract_problems_any_unicode(text):
    from ecoanalysis.problems import extract_problems

    p = extract_problems(text, segment(text, doc_id="d"), doc_id="d")
    for r in p.itertuples(index=False):
        assert r.text == text[r.start:r.end]


# ---------------------------------------------------------------- words

@SETTINGS
@given(any_text)
def test_tokenize(text):
    from ecoanalysis.words import term_spans, tokenize

    toks = tokenize(text)
    assert all(isinstance(t, str) and len(t) >= 2 for t in toks)
    assert not any(MASKED_NUMBER.fullmatch(t) for t in toks)
    spans = list(term_spans(text))
    assert [t for t, _, _ in spans] == toks
    for t, s, e in spans:
        assert 0 <= s < e <= len(text)
        assert len(text[s:e]) == len(t)
    assert tokenize(text) == toks


# ---------------------------------------------------------------- whole document

@FEW
@given(raw=report_text)
def test_process_text_end_to_end(tmp_path_factory, raw):
    """One document through every stage (as ``pipeline.process_file`` runs them): no stage error."""
    from ecoanalysis.pipeline import process_file

    folder = tmp_path_factory.mktemp("doc")
    p = folder / "r.txt"
    p.write_text(raw, encoding="utf-8")
    res = process_file(p, cache=None, keep_text=True)
    internal = [e for e in res.errors if e["error"] == "internal"]
    assert not internal, internal
    if res.text is not None:
        for r in res.tables["sections"].itertuples(index=False):
            assert 0 <= r.start <= r.end <= len(res.text)
        t = res.tables.get("problems")
        if t is not None:
            for r in t.itertuples(index=False):
                assert r.text == res.text[r.start:r.end]
