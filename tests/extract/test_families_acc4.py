"""Families of phrasing from issue 10, fourth pass (general rules, not any report's text): each
sentence is invented for this file and its expected rows are worked out by reading it."""

import pytest

from indicator_rows import rows


@pytest.mark.parametrize("text,expected", [
    # a bare change after the level of a pollutant outside the catalog is that pollutant's
    ("全区PM2.5浓度为38微克/立方米，同比下降9.5%，二氧化硫浓度为9微克/立方米，下降10.0%。",
     [("pm25", "actual", 38.0, "ug/m3"), ("pm25", "change", -9.5, "%")]),
    ("PM10浓度为65微克/立方米，下降3.1%，一氧化碳浓度为1.2毫克/立方米，上升5.6%，臭氧浓度为150微克/立方米，上升2.0%。",
     [("pm10", "actual", 65.0, "ug/m3"), ("pm10", "change", -3.1, "%"),
      ("o3", "actual", 150.0, "ug/m3"), ("o3", "change", 2.0, "%")]),
    ("优良天数比例为86.1%，重度污染天数比例为0.8%，同比上升0.3个百分点。",
     [("good_air_ratio", "actual", 86.1, "%")]),
    # a margin, a goal, a base or a level reached in between leaves the change with its indicator
    ("断面水质优良比例为80.5%，高于年度目标2.5个百分点，较上年提高3个百分点。",
     [("good_water_ratio", "actual", 80.5, "%"), ("good_water_ratio", "change", 3.0, "pp")]),
    ("PM2.5浓度为41微克/立方米，比去年同期（45微克/立方米）下降8.9%。",
     [("pm25", "actual", 41.0, "ug/m3"), ("pm25", "change", -8.9, "%")]),
])
def test_change_after_a_measure_outside_the_catalog(text, expected):
    assert rows(text) == expected
