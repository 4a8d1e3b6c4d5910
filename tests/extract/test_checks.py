"""Consistency warnings: each a warning with provenance, values untouched."""
import pandas as pd
import pytest

from ecoanalysis.extract import extract_figures, extract_indicators, run_checks


def checks(text, period=None):
    f = extract_figures(text, doc_id="t")
    ind = extract_indicators(text, f, doc_id="t")
    before = ind.copy()
    out = run_checks(ind, f, period=period)
    pd.testing.assert_frame_equal(ind, before)  # never a silent fix
    return out


@pytest.mark.parametrize("text,period,check", [
    ("PM2.5平均浓度为3200微克/立方米。", None, "out_of_range"),
    ("空气优良率为120%。", None, "ratio_over_100"),
    ("共受理信访投诉21件，办结25件。", None, "closed_gt_received"),
    ("空气优良天数167天，优良率为60%。", "H1", "days_vs_ratio"),
    ("空气优良天数300天，优良率为60%。", "annual", "days_vs_ratio"),
])
def test_warnings(text, period, check):
    out = checks(text, period)
    assert check in out["check"].tolist()
    r = out[out["check"] == check].iloc[0]
    assert r.severity == "warning" and r.figure_id.startswith("t:f") and r.sentence in text


@pytest.mark.parametrize("text,period", [
    ("PM2.5平均浓度为32微克/立方米。", None),
    ("空气优良天数167天，优良率为92.2%。", "H1"),
    ("共受理信访投诉21件，办结21件。", None),
    ("PM2.5浓度为**微克/立方米，优良率**%。", "H1"),
])
def test_no_warnings(text, period):
    assert checks(text, period).empty


def test_change_sign_contradiction():
    ind = pd.DataFrame({
        "doc_id": ["d"] * 3, "indicator": ["pm25"] * 3, "kind": ["actual", "actual", "change"],
        "value": [30.0, 35.0, 5.0], "unit": ["ug/m3", "ug/m3", "%"], "masked": [False] * 3,
        "figure_id": ["d:f1", "d:f2", "d:f3"], "start": [0, 10, 20], "end": [2, 12, 22],
        "sentence": ["PM2.5为30，去年为35，同比上升5%"] * 3})
    assert run_checks(ind)["check"].tolist() == ["change_sign"]
