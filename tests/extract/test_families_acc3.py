"""Families of phrasing from issue 10, third pass (general rules, not any report's text): each
sentence is invented for this file and its expected rows are worked out by reading it."""

import pytest

from indicator_rows import rows


@pytest.mark.parametrize("text,expected", [
    # a bare 达标率 whose subject stands two or more clauses back in its sentence
    ("县监测站对8个集中式饮用水源地开展月监测，结果显示全部达标，达标率为100%。",
     [("drinking_water_ratio", "actual", 100.0, "%")]),
    ("今年对城区3个饮用水水源地每月采样，经检测，各项指标均达标，达标率100%。",
     [("drinking_water_ratio", "actual", 100.0, "%")]),
    # the clause just before still wins when it names a subject
    ("全县集中式饮用水源地水质达标率100%，城区空气达标天数300天，达标率为82.2%。",
     [("drinking_water_ratio", "actual", 100.0, "%"), ("good_air_days", "actual", 300.0, "day"),
      ("good_air_ratio", "actual", 82.2, "%")]),
    # no subject anywhere before it: nothing
    ("经统计全部达标，达标率为100%。", []),
])
def test_bare_ratio_subject_further_back(text, expected):
    assert rows(text) == expected
