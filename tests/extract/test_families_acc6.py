"""Families of phrasing from issue 10, sixth pass (general rules, not any report's text): each
sentence is invented for this file and its expected rows are worked out by reading it."""

import pytest

from indicator_rows import rows


@pytest.mark.parametrize("text,expected", [
    # after a concentration, an item that names its own pollutant is not the earlier indicator's:
    # 一氧化碳 is no catalog indicator, so its 1.4毫克/立方米 must not become ozone's 1400
    ("臭氧浓度为158微克/立方米、一氧化碳为1.4毫克/立方米。", [("o3", "actual", 158.0, "ug/m3")]),
    ("PM10平均浓度为66微克/立方米，二氧化硫为12微克/立方米。", [("pm10", "actual", 66.0, "ug/m3")]),
    # while a bare list of values still shares the name before it
    ("PM2.5、PM10平均浓度分别为35、62微克/立方米。",
     [("pm25", "actual", 35.0, "ug/m3"), ("pm10", "actual", 62.0, "ug/m3")]),
])
def test_a_pollutant_named_after_a_concentration_keeps_its_own_value(text, expected):
    assert rows(text) == expected
