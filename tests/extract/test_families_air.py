"""Families of air- and water-quality phrasing (general rules, not any report's text): each
sentence is invented for this file and its expected rows are worked out by reading it."""

import pytest

from indicator_rows import rows


@pytest.mark.parametrize("text,expected", [
    # no indicator value: a class eliminated, sea-water nutrients, a noise zone, a rank moving
    ("全县已全面消除劣Ⅴ类水体。", []),
    ("近岸海域活性磷酸盐浓度为0.021毫克/升，无机氮浓度为0.35毫克/升。", []),
    ("近岸海域总磷浓度为0.05毫克/升。", []),
    # a sea area's share of good water is no share of river sections
    ("全市近岸海域水质优良率为96.5%。", []),
    ("优良水质海域面积比例为88.0%，同比上升2.1个百分点。", []),
    ("城区功能区噪声达到2类区标准。", []),
    ("PM2.5浓度排名由第5位上升至第3位。", []),
    # a margin against a goal is no value of its own
    ("PM2.5浓度为32微克/立方米，优于省定目标6微克/立方米。", [("pm25", "actual", 32, "ug/m3")]),
    ("优良天数比例为86.1%，比年度目标高2.1个百分点。", [("good_air_ratio", "actual", 86.1, "%")]),
    # a section's class and its goal in brackets; the class it came from is none of its now
    ("青龙河断面（Ⅴ类，考核目标为Ⅳ类）。",
     [("water_section_class", "actual", 5, "class"), ("water_section_class", "target", 4, "class")]),
    ("白鹭河断面水质由Ⅳ类提升为Ⅲ类。", [("water_section_class", "actual", 3, "class")]),
    # of the monitored days, the good ones (其中优良321天)
    ("全年有效监测天数为360天，其中优良321天。", [("good_air_days", "actual", 321, "day")]),
])
def test_listed_families_pinned(text, expected):
    assert rows(text) == expected
