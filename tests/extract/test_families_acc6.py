"""Families of phrasing from issue 10, sixth pass (general rules, not any report's text): each
sentence is invented for this file and its expected rows are worked out by reading it."""

import pytest

from indicator_rows import rows


@pytest.mark.parametrize("text,expected", [
    # after a concentration, an item that names its own pollutant is not the earlier indicator's:
    # 一氧化碳 is no catalog indicator, so its 1.4毫克/立方米 must not become ozone's 1400
    ("臭氧浓度为158微克/立方米、一氧化碳为1.4毫克/立方米。", [("o3", "actual", 158.0, "ug/m3")]),
    ("臭氧浓度为158微克/立方米 一氧化碳(CO-95百分位)1.4毫克/立方米", [("o3", "actual", 158.0, "ug/m3")]),
    ("PM10浓度为60微克/立方米、总悬浮颗粒物为120微克/立方米。", [("pm10", "actual", 60.0, "ug/m3")]),
    ("PM10平均浓度为66微克/立方米，二氧化硫为12微克/立方米。", [("pm10", "actual", 66.0, "ug/m3")]),
    # while a bare list of values still shares the name before it
    ("PM2.5、PM10平均浓度分别为35、62微克/立方米。",
     [("pm25", "actual", 35.0, "ug/m3"), ("pm10", "actual", 62.0, "ug/m3")]),
])
def test_a_pollutant_named_after_a_concentration_keeps_its_own_value(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a gap still to close before a goal is no value of the indicator, nor its goal
    ("截至目前，全县优良天数累计达到250天，距离省定目标还需完成40天。",
     [("good_air_days", "actual", 250.0, "day")]),
    ("优良天数比例为81%，离年度目标还差1.2个百分点。", [("good_air_ratio", "actual", 81.0, "%")]),
    ("PM2.5平均浓度为38微克/立方米，距考核目标尚差3微克/立方米。", [("pm25", "actual", 38.0, "ug/m3")]),
    # while the goal itself stays a goal
    ("优良天数比例为81%，年度目标为85%。",
     [("good_air_ratio", "actual", 81.0, "%"), ("good_air_ratio", "target", 85.0, "%")]),
])
def test_a_gap_to_a_goal_is_no_value(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a change named by its size in one word (降幅, 增幅) is a change even without 同比
    ("PM2.5平均浓度为35微克/立方米，降幅为12.5%。",
     [("pm25", "actual", 35.0, "ug/m3"), ("pm25", "change", -12.5, "%")]),
    ("优良天数比例为85%，增幅2.5个百分点。",
     [("good_air_ratio", "actual", 85.0, "%"), ("good_air_ratio", "change", 2.5, "pp")]),
])
def test_a_change_named_by_its_size(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # days and shares of days of water or noise are no air-quality days
    ("全年饮用水水源地水质达标天数为365天。", []),
    ("城区功能区噪声达标天数比例为95%。", []),
    # while the air's, beside a water ratio, stay
    ("全年优良天数300天，水质达标率100%。",
     [("good_air_days", "actual", 300.0, "day"), ("good_water_ratio", "actual", 100.0, "%")]),
])
def test_water_and_noise_days_are_no_air_days(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text", [
    # a 优良率 of drinking sources, rivers or lakes is never the air's good-days ratio
    "饮用水源地优良率为100%。",
    "全县15条河流优良率为93.3%。",
    "主要湖库优良率为80%。",
])
def test_a_water_body_good_ratio_is_no_air_ratio(text):
    assert all(r[0] != "good_air_ratio" for r in rows(text))


@pytest.mark.parametrize("text,expected", [
    # a standard named in brackets after a value is an aside: its figure is no value, and the
    # change after it is still the indicator's
    ("PM2.5浓度为38微克/立方米（国家二级标准35微克/立方米），同比下降5%。",
     [("pm25", "actual", 38.0, "ug/m3"), ("pm25", "change", -5.0, "%")]),
    ("PM10平均浓度为72微克/立方米（二级标准70微克/立方米）。", [("pm10", "actual", 72.0, "ug/m3")]),
    # while a change in brackets stays the value's change
    ("PM2.5浓度为38微克/立方米（同比下降5%）。",
     [("pm25", "actual", 38.0, "ug/m3"), ("pm25", "change", -5.0, "%")]),
    # and a place after a value, without a name of its own, takes the value's indicator
    ("PM2.5平均浓度为35微克/立方米 县城为33微克/立方米",
     [("pm25", "actual", 35.0, "ug/m3"), ("pm25", "actual", 33.0, "ug/m3")]),
])
def test_an_aside_in_brackets_and_a_place_after_a_value(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a change of a measure named in its own clause, outside the catalog, is not the host's
    ("PM2.5浓度为35微克/立方米，二氧化硫浓度同比下降18.8%。", [("pm25", "actual", 35.0, "ug/m3")]),
    ("水质优良比例为85.7%，氨氮浓度同比下降12%。", [("good_water_ratio", "actual", 85.7, "%")]),
    # while a bare 浓度 or a place's is
    ("PM2.5浓度为35微克/立方米，其中城区浓度同比下降8%。",
     [("pm25", "actual", 35.0, "ug/m3"), ("pm25", "change", -8.0, "%")]),
    # a move in a ranking (同比后退9位) is no value
    ("空气质量综合指数为4.35，在全省排名第31位，同比后退9位。", [("air_quality_index", "actual", 4.35, "index")]),
])
def test_a_change_of_its_own_measure_or_rank_is_not_the_hosts(text, expected):
    assert rows(text) == expected
