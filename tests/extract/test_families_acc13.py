"""Families of phrasing from issue 10, thirteenth pass (general rules, not any report's text): each
sentence is invented for this file and its expected rows are worked out by reading it."""

import pytest
from indicator_rows import rows


@pytest.mark.parametrize("text,expected", [
    # a pollutant outside the catalog named right before its change, in a list of changes
    ("全县臭氧浓度同比上升9.1%、PM10上升2.6%、二氧化氮上升0.8%。",
     [("o3", "change", 9.1, "%"), ("pm10", "change", 2.6, "%")]),
    ("PM2.5下降4.4%、二氧化硫浓度下降11.0%、一氧化碳下降7.5%。",
     [("pm25", "change", -4.4, "%")]),
    # a catalog pollutant last in such a list is still its own
    ("二氧化氮上升0.8%、PM10上升2.6%。",
     [("pm10", "change", 2.6, "%")]),
])
def test_a_pollutant_outside_the_catalog_in_a_list_of_changes(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # what is still owed before a goal is no value
    ("截至9月底，全市优良天数为180天，距离省定的230天目标还“欠”50天。",
     [("good_air_days", "actual", 180.0, "day"), ("good_air_days", "target", 230.0, "day")]),
    ("今年以来我县优良天数还欠31天，任务艰巨。", []),
    # 欠 with no 还 before it is not read as a shortfall (nothing is said of it)
    ("全县优良天数为200天。", [("good_air_days", "actual", 200.0, "day")]),
])
def test_a_shortfall_still_owed(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a space between a class range and its 类 (web and PDF spacing)
    ("全省48个国考断面I-III 类水体比例达到71.2%，同比提高4.5个百分点。",
     [("good_water_ratio", "actual", 71.2, "%"), ("good_water_ratio", "change", 4.5, "pp")]),
    ("全市Ⅰ-Ⅲ 类水体比例为80.0%。", [("good_water_ratio", "actual", 80.0, "%")]),
])
def test_a_space_before_the_class_word(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # the standard a water is evaluated by names no class of it, over the standard's title and code
    ("饮用水源地水质按《地表水环境质量标准》(GB3838-2002)Ⅲ类标准进行评价，全年水质达标率100%。",
     [("drinking_water_ratio", "actual", 100.0, "%")]),
    ("水质依据《地表水环境质量标准》Ⅲ类评价。", []),
    # the class a water reaches, named with the same title, is its class
    ("甲江出境断面水质稳定达到《地表水环境质量标准》(GB3838-2002)Ⅱ类标准。",
     [("water_section_class", "actual", 2.0, "class")]),
    # a class that is done away with names no section's class
    ("国考断面新出现的2个劣Ⅴ类全部消除。", []),
    ("新出现的2个劣Ⅴ类断面全部消除。", []),
    ("全县劣V类水体已消除，断面水质为Ⅲ类。", [("water_section_class", "actual", 3.0, "class")]),
])
def test_classes_that_are_standards_or_done_away_with(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("全县13个乡镇平均优良天数达标率88.2%，同比下降1.3个百分点。",
     [("good_air_ratio", "actual", 88.2, "%"), ("good_air_ratio", "change", -1.3, "pp")]),
    ("去年全市空气质量良好天数占97.5%。", [("good_air_ratio", "actual", 97.5, "%")]),
    # a share after a 、 that joins it to the count of days
    ("2019年，全县空气质量达标301天、比例为82.5%。",
     [("good_air_days", "actual", 301.0, "day"), ("good_air_ratio", "actual", 82.5, "%")]),
    # days counted as 蓝天, quoted or not
    ("全年共有340个“蓝天”，比上年多5个。", [("good_air_days", "actual", 340.0, "day")]),
    ("全年收获312个蓝天，空气质量持续改善。", [("good_air_days", "actual", 312.0, "day")]),
    # but not 蓝天 as part of a name
    ("完成3个蓝天保卫战重点项目。", []),
])
def test_good_air_variants(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a bare share of the count before keeps that count as the host of the change after it
    ("重度及以上污染天数9天，占比2.5%，同比减少4天。",
     [("heavy_pollution_days", "actual", 9.0, "day"), ("heavy_pollution_days", "change", -4.0, "day")]),
    ("重污染天数6天，占全年的1.6%，同比增加2天。",
     [("heavy_pollution_days", "actual", 6.0, "day"), ("heavy_pollution_days", "change", 2.0, "day")]),
    # a level of something else between them still ends the host
    ("重污染天数6天，二氧化硫浓度9微克/立方米，同比增加2天。",
     [("heavy_pollution_days", "actual", 6.0, "day")]),
])
def test_a_bare_share_keeps_the_count_as_host(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a goal required in brackets after a margin
    ("全市优良天数比例92.1%，超额完成年度目标5个百分点（省上要求达到87.1%以上）。",
     [("good_air_ratio", "actual", 92.1, "%"), ("good_air_ratio", "target", 87.1, "%")]),
    # what was done as required is no goal
    ("全县按要求完成整改，城区优良天数比例为90.2%。", [("good_air_ratio", "actual", 90.2, "%")]),
])
def test_a_goal_required_in_brackets(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("向城区供水的水源地水质优良比例达100%。", [("drinking_water_ratio", "actual", 100.0, "%")]),
    ("全县地表水水质优良比例为85.7%，集中式饮用水水源地水质优良比例为100%。",
     [("good_water_ratio", "actual", 85.7, "%"), ("drinking_water_ratio", "actual", 100.0, "%")]),
])
def test_a_drinking_source_good_ratio(text, expected):
    assert rows(text) == expected
