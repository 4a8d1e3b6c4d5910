"""Scoring rules of ecoanalysis.evaluate."""
import pandas as pd
import pytest

from ecoanalysis.evaluate import evaluate, format_report


def g(*rows):
    cols = ["doc_id", "indicator", "kind", "value", "unit", "masked", "qualifier", "optional", "evidence"]
    return pd.DataFrame([dict(zip(cols, r)) for r in rows], columns=cols)


def p(*rows):
    cols = ["doc_id", "indicator", "kind", "value", "unit", "masked", "sentence"]
    return pd.DataFrame([dict(zip(cols, r)) for r in rows], columns=cols)


def test_value_tolerance_and_masks():
    gold = g(("d", "pm25", "actual", "27", "ug/m3", "False", "", "False", "PM2.5为27"),
             ("d", "pm10", "actual", "", "ug/m3", "True", "", "False", "PM10为**"))
    pred = p(("d", "pm25", "actual", 27.05, "ug/m3", False, "s"),
             ("d", "pm10", "actual", float("nan"), "ug/m3", True, "s"))
    r = evaluate(gold, pred)
    assert (r.tp, r.fp, r.fn) == (1, 1, 1)  # 27.05 is outside 0.001·27
    pred.loc[0, "value"] = 27.0001
    r = evaluate(gold, pred)
    assert (r.tp, r.fp, r.fn, r.f1) == (2, 0, 0, 1.0)


def test_masked_never_matches_a_value():
    gold = g(("d", "pm25", "actual", "27", "ug/m3", "False", "", "False", "e"))
    pred = p(("d", "pm25", "actual", float("nan"), "ug/m3", True, "s"))
    r = evaluate(gold, pred)
    assert (r.tp, r.fp, r.fn) == (0, 1, 1)


def test_optional_rows_neither_reward_nor_penalise():
    gold = g(("d", "inspection_issues", "actual", "5", "count", "False", "", "True", "e"),
             ("d", "inspection_issues", "actual", "9", "count", "False", "", "True", "e2"))
    r = evaluate(gold, p(("d", "inspection_issues", "actual", 5.0, "count", False, "s")))
    assert (r.tp, r.fp, r.fn) == (0, 0, 0)


def test_change_unit_must_agree_and_kind_matters():
    gold = g(("d", "good_air_ratio", "change", "1.9", "%", "False", "", "False", "e"))
    r = evaluate(gold, p(("d", "good_air_ratio", "change", 1.9, "pp", False, "s"),
                         ("d", "good_air_ratio", "actual", 1.9, "%", False, "s")))
    assert (r.tp, r.fp, r.fn) == (0, 2, 1)


def test_each_gold_row_matches_once_and_unknown_indicators_ignored():
    gold = g(("d", "pm25", "actual", "30", "ug/m3", "False", "", "False", "e"))
    pred = p(("d", "pm25", "actual", 30.0, "ug/m3", False, "s"),
             ("d", "pm25", "actual", 30.0, "ug/m3", False, "s"),
             ("d", "o3", "actual", 100.0, "ug/m3", False, "s"))
    r = evaluate(gold, pred)
    assert (r.tp, r.fp, r.fn) == (1, 1, 0)
    assert r.precision == pytest.approx(0.5)
    per = r.per_indicator.set_index("indicator")
    assert per.loc["pm25", "fp"] == 1
    text = format_report(r)
    assert "false alarms (1)" in text and "F1" in text


def test_greedy_by_closeness():
    gold = g(("d", "pm25", "actual", "1000", "ug/m3", "False", "", "False", "e"),
             ("d", "pm25", "actual", "1000.9", "ug/m3", "False", "", "False", "e2"))
    pred = p(("d", "pm25", "actual", 1000.9, "ug/m3", False, "s"),
             ("d", "pm25", "actual", 1000.0, "ug/m3", False, "s"))
    assert evaluate(gold, pred).tp == 2
