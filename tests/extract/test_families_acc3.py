"""Families of phrasing from issue 10, third pass (general rules, not any report's text): each
sentence is invented for this file and its expected rows are worked out by reading it."""

import pytest

from indicator_rows import rows


@pytest.mark.parametrize("text,expected", [
    # the air composite index spelt 综合质量指数 or 综合污染指数
    ("城区环境空气综合质量指数为3.87。", [("air_quality_index", "actual", 3.87, "index")]),
    ("全市环境空气质量综合污染指数为4.41，同比下降2.7%。",
     [("air_quality_index", "actual", 4.41, "index"), ("air_quality_index", "change", -2.7, "%")]),
    # the same words for water are not it
    ("全县河流水质综合污染指数为0.42。", []),
    ("全市水环境综合质量指数为0.8。", []),
])
def test_air_index_word_order_variants(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a class named as the standard of an assessment (按…Ⅲ类标准评价, 执行…标准) is no observed class
    ("按照地表水Ⅲ类标准评价，全县8个断面均达标。", []),
    ("该断面执行地表水Ⅲ类水质标准，全年水质达到Ⅱ类。", [("water_section_class", "actual", 2.0, "class")]),
    ("依据《地表水环境质量标准》Ⅲ类标准评价，青河断面水质为Ⅳ类。",
     [("water_section_class", "actual", 4.0, "class")]),
    # the standard's full title and code between the verb and the class are one word of the yardstick
    ("执行《地表水环境质量标准》(GB3838-2002)Ⅲ类标准，出水达到一级A标准。", []),
    ("全县水质按《地表水环境质量标准》（GB 3838-2002）Ⅲ类标准评价。", []),
    ("甲河断面执行《地表水环境质量标准》Ⅳ类标准，实测水质为Ⅲ类。",
     [("water_section_class", "actual", 3.0, "class")]),
    # a verb of reaching between 按 and the class: the class is observed
    ("按要求全县8个断面达到Ⅲ类标准。", [("water_section_class", "actual", 3.0, "class")]),
    ("依据《地表水环境质量标准》评价，乙河断面水质达到Ⅲ类标准。", [("water_section_class", "actual", 3.0, "class")]),
    ("柳河断面水质达到地表水Ⅱ类标准。", [("water_section_class", "actual", 2.0, "class")]),
])
def test_class_named_as_yardstick(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a class in brackets right after a ratio's name defines the ratio: no class row
    ("地表水考核断面水质达标率（Ⅲ类）为100%。", [("good_water_ratio", "actual", 100.0, "%")]),
    ("全县国控断面水质优良比例（Ⅲ类）达到90%。", [("good_water_ratio", "actual", 90.0, "%")]),
    # a bracketed class after a section's name or a goal still counts
    ("青河断面（Ⅱ类）水质稳定。", [("water_section_class", "actual", 2.0, "class")]),
    ("全面完成省定水质目标任务（Ⅲ类）。", [("water_section_class", "target", 3.0, "class")]),
])
def test_bracketed_class_defining_a_ratio(text, expected):
    assert rows(text) == expected
