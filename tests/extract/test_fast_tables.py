"""The tables built column-wise hold what a reader finds in each text, in the contract's columns
and dtypes; checks and clause ends without pandas grouping."""
import math

import numpy as np
import pandas as pd
import pytest

from ecoanalysis.extract import extract_figures, extract_indicators, masked_share, run_checks
from ecoanalysis.schema import frame
from ecoanalysis.segment import segment

TEXTS = [
    "PM2.5平均浓度为30微克/立方米，同比持平。空气优良天数167天，优良率为92.2%。",
    "截至11月11日，空气优良天数比率为81.9%，同比改善1.9%；力争优良率达到85%以上。",
    "一、工作情况\n（一）大气。PM10、PM2.5平均浓度分别为55、35微克/立方米，同比分别下降6.8%、5.4%。\n"
    "二、下半年工作计划\n优良率达到90%。共**件，共5件。",
    "没有数字",
    "",
]


# what a reader finds in each text: value figures (value_text, unit, value, masked) and
# indicators (indicator, kind, value, unit), worked out by reading, not from the code's output
EXPECTED = [
    ([("30", "ug/m3", 30.0, False), ("167", "day", 167.0, False), ("92.2", "%", 92.2, False)],
     [("pm25", "actual", 30.0, "ug/m3"), ("pm25", "change", 0.0, "%"),
      ("good_air_days", "actual", 167.0, "day"), ("good_air_ratio", "actual", 92.2, "%")]),
    ([("81.9", "%", 81.9, False), ("1.9", "%", 1.9, False), ("85", "%", 85.0, False)],
     [("good_air_ratio", "actual", 81.9, "%"), ("good_air_ratio", "change", 1.9, "%"),
      ("good_air_ratio", "target", 85.0, "%")]),
    ([("55", "ug/m3", 55.0, False), ("35", "ug/m3", 35.0, False), ("6.8", "%", 6.8, False),
      ("5.4", "%", 5.4, False), ("90", "%", 90.0, False), ("**", "件", None, True), ("5", "件", 5.0, False)],
     [("pm10", "actual", 55.0, "ug/m3"), ("pm25", "actual", 35.0, "ug/m3"), ("pm10", "change", -6.8, "%"),
      ("pm25", "change", -5.4, "%"), ("good_air_ratio", "target", 90.0, "%")]),
    ([], []),
    ([], []),
]
VALUE_KINDS = ("quantity", "percent", "percentage_points")


def _num(v):
    return None if math.isnan(v) else round(float(v), 6)


@pytest.mark.parametrize("text,expected", list(zip(TEXTS, EXPECTED)))
@pytest.mark.parametrize("with_sections", [False, True])
def test_tables_hold_what_a_reader_finds(text, expected, with_sections):
    sec = segment(text, doc_id="d") if with_sections and text else None
    fig = extract_figures(text, doc_id="d", sections=sec)
    ind = extract_indicators(text, fig, doc_id="d", sections=sec)
    want_fig, want_ind = expected
    if not with_sections:  # without the outline the heading 下半年工作计划 cannot make 90% a plan
        want_ind = [(i, "actual" if v == 90.0 else k, v, u) for i, k, v, u in want_ind]
    vals = fig[fig.number_kind.isin(VALUE_KINDS)]
    assert [(r.value_text, r.unit, _num(r.value), bool(r.masked)) for r in vals.itertuples()] == want_fig
    assert [(r.indicator, r.kind, _num(r.value), r.unit) for r in ind.itertuples()] == want_ind
    # the contract: columns in order, a plain index, final dtypes, offsets that slice the text
    assert list(fig.columns) == list(frame("figures", []).columns)
    assert list(ind.columns) == list(frame("indicators", []).columns)
    assert isinstance(fig.index, pd.RangeIndex) and isinstance(ind.index, pd.RangeIndex)
    assert fig["value"].dtype == float and ind["value"].dtype == float
    assert fig["masked"].dtype == bool and ind["masked"].dtype == bool
    for r in fig.itertuples():
        assert text[r.start:r.end].startswith(r.value_text) or not r.value_text
    assert fig.figure_id.is_unique and all(str(f).startswith("d:f") for f in fig.figure_id)


def test_masked_share_counts_value_kinds_only():
    fig = pd.DataFrame({"number_kind": ["quantity", "percent", "year", "percentage_points", "date"],
                        "masked": [True, False, True, False, True]})
    assert masked_share(fig) == pytest.approx(1 / 3)
    assert math.isnan(masked_share(fig[fig.number_kind == "year"]))
    assert math.isnan(masked_share(fig.iloc[0:0]))


def test_checks_without_pandas_grouping():
    ind = pd.DataFrame({
        "doc_id": ["d"] * 6 + ["e"] * 3,
        "indicator": ["pm25"] * 3 + ["complaints_received", "complaints_closed", "pm10"] + ["pm25"] * 3,
        "kind": ["actual", "actual", "change", "actual", "actual", "actual", "actual", "actual", "change"],
        "value": [30.0, 40.0, 5.0, 10.0, 12.0, np.nan, 3200.0, 20.0, -3.0], "unit": ["ug/m3"] * 9,
        "masked": [False] * 5 + [True] + [False] * 3,
        "figure_id": ["d:f1", "d:f2", None, "d:f4", "d:f5", "d:f6", "e:f1", "e:f2", "e:f3"],
        "start": [0, 10, 20, 30, 40, 50, 0, 10, 20], "end": [4, 14, 24, 34, 44, 54, 4, 14, 24],
        "sentence": ["s1"] * 3 + ["s2"] * 3 + ["t"] * 3})
    out = run_checks(ind, period="H1")
    assert out[["doc_id", "check", "start"]].values.tolist() == [
        ["e", "out_of_range", 0], ["d", "closed_gt_received", 40], ["d", "change_sign", 20],
        ["e", "change_sign", 20]]
    assert out.loc[2, "message"] == "change 5 contradicts 30 (now) vs 40 (before)"
    assert out.loc[2, "figure_id"] is None or pd.isna(out.loc[2, "figure_id"])
    empty = run_checks(ind[ind.indicator == "pm10"])
    pd.testing.assert_frame_equal(empty, frame("checks", []))
    empty.loc[0, "doc_id"] = "x"  # a returned empty table is the caller's to change
    assert len(run_checks(ind.iloc[0:0])) == 0


def test_clause_ends_equal_the_regex():
    import random

    from ecoanalysis.document import _CLAUSE, _CLAUSE_CHARS, clause_ends

    assert set(_CLAUSE_CHARS) == {c for c in map(chr, range(0x10000)) if _CLAUSE.fullmatch(c)}
    rnd = random.Random(0)
    # no digit in the alphabet: a "?" is then always a clause end (short texts use the regex,
    # long ones the code-point lookup; both must agree with the regex)
    alphabet = list(_CLAUSE_CHARS) + list("甲乙 x\t") + ["😀", "\ud800"]
    for n in (0, 10, 255, 256, 3000):
        text = "".join(rnd.choice(alphabet) for _ in range(n))
        assert clause_ends(text) == [m.end() for m in _CLAUSE.finditer(text)]


def test_a_question_mark_by_a_digit_is_no_clause_end():
    from ecoanalysis.document import clause_ends

    t = "比例?3.9%，上?.9个百分点，浓度4?微克。真的吗?是的"
    assert clause_ends(t) == [t.index("，") + 1, t.rindex("，") + 1, t.index("。") + 1, t.index("吗?") + 2]
