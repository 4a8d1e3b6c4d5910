"""Cue-word synonyms real reports use for the same indicator (sentences written for this test)."""
import pytest

from ecoanalysis.extract import extract_figures, extract_indicators


def rows(text):
    f = extract_figures(text, doc_id="t")
    return [(r.indicator, r.kind, r.value, r.unit) for r in extract_indicators(text, f, doc_id="t").itertuples()]


@pytest.mark.parametrize("text, expected", [
    ("全年城区优良天数率为90.1%，同比上升0.6个百分点。",
     [("good_air_ratio", "actual", 90.1, "%"), ("good_air_ratio", "change", 0.6, "pp")]),
    ("1-9月，全市水质达到或好于Ⅲ类的断面比例为80%。", [("good_water_ratio", "actual", 80.0, "%")]),
    ("省控断面水质好于III类比例达到100%。", [("good_water_ratio", "actual", 100.0, "%")]),
    ("力争地表水达到或好于Ⅲ类水体比例不低于85%。", [("good_water_ratio", "target", 85.0, "%")]),
])
def test_synonyms(text, expected):
    assert rows(text) == expected
