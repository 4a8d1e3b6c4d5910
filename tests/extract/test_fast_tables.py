"""The tables built column-wise (no frame()/to_dict/groupby) equal what the contract builder gives."""
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


def _reference(df, name, floats=(), bools=()):
    ref = frame(name, df.to_dict("records") if len(df) else [])
    for c in floats:
        ref[c] = ref[c].astype(float)
    for c in bools:
        ref[c] = ref[c].astype(bool)
    return ref


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("with_sections", [False, True])
def test_tables_match_contract_builder(text, with_sections):
    sec = segment(text, doc_id="d") if with_sections and text else None
    fig = extract_figures(text, doc_id="d", sections=sec)
    ind = extract_indicators(text, fig, doc_id="d", sections=sec)
    assert list(fig.columns) == list(frame("figures", []).columns)
    assert list(ind.columns) == list(frame("indicators", []).columns)
    assert isinstance(fig.index, pd.RangeIndex) and isinstance(ind.index, pd.RangeIndex)
    if len(fig):
        ref = _reference(fig, "figures", ("value",), ("masked", "stripped"))
        pd.testing.assert_frame_equal(fig, ref, check_exact=True)
    if len(ind):
        ref = _reference(ind, "indicators", ("value",), ("masked",))
        pd.testing.assert_frame_equal(ind, ref, check_exact=True)
    assert fig["value"].dtype == float and ind["value"].dtype == float
    assert fig["masked"].dtype == bool and ind["masked"].dtype == bool


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

    from ecoanalysis.extract.docindex import _CLAUSE, _CLAUSE_CHARS, _clause_ends_raw

    assert set(_CLAUSE_CHARS) == {c for c in map(chr, range(0x10000)) if _CLAUSE.fullmatch(c)}
    rnd = random.Random(0)
    alphabet = list(_CLAUSE_CHARS) + list("甲乙 x1\t") + ["😀", "\ud800"]
    for n in (0, 10, 255, 256, 3000):
        text = "".join(rnd.choice(alphabet) for _ in range(n))
        assert _clause_ends_raw(text) == [m.end() for m in _CLAUSE.finditer(text)]


def test_a_question_mark_by_a_digit_is_no_clause_end():
    from ecoanalysis.extract.docindex import _clause_ends

    t = "比例?3.9%，上?.9个百分点，浓度4?微克。真的吗?是的"
    assert _clause_ends(t) == [t.index("，") + 1, t.rindex("，") + 1, t.index("。") + 1, t.index("吗?") + 2]
