"""Families of phrasing from issue 10, eleventh pass (general rules, not any report's text): each
sentence is invented for this file and its expected rows are worked out by reading it."""

import pytest
from indicator_rows import rows


@pytest.mark.parametrize("text,expected", [
    # a bare 达标率 whose subject stands two clauses back, over a clause that only says it complies
    ("甲水库和乙水厂水质均符合集中式生活饮用水源地水质要求，符合国家标准，达标率为100%。",
     [("drinking_water_ratio", "actual", 100.0, "%")]),
    # or over a count of those that comply
    ("全区纳入考核的12个断面，11个达标，达标率91.7%。",
     [("good_water_ratio", "actual", 91.7, "%")]),
    # a clause with a value of its own in between names what the ratio is of: no walking past it
    ("全县饮用水源地水质稳定，PM2.5浓度为35微克/立方米，达标率为82.2%。",
     [("pm25", "actual", 35.0, "ug/m3")]),
    # the clause right before still comes first
    ("饮用水水源地水质稳定，地表水国控断面全部达到Ⅲ类，达标率为100%。",
     [("water_section_class", "actual", 3.0, "class"), ("good_water_ratio", "actual", 100.0, "%")]),
])
def test_a_bare_ratio_finds_its_subject_over_linking_clauses(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a list of sections before 达 and a class shares it, as before 达到 or 为
    ("其中，甲河口、乙村、丙桥断面水质达Ⅱ类。",
     [("water_section_class", "actual", 2.0, "class")] * 3),
    # a class with a count of sections and their names in brackets: one row per section
    ("全市Ⅱ类水体断面3个（甲县乙河丙村、丁县戊河己桥、庚县辛河壬庄），劣Ⅴ类水体断面1个（辛河闸）。",
     [("water_section_class", "actual", 2.0, "class")] * 3 + [("water_section_class", "actual", 6.0, "class")]),
    # names fewer than the count are no list of those sections
    ("全市Ⅲ类水体断面4个（甲河口、乙河桥），水质稳定。", []),
])
def test_sections_sharing_a_class_in_other_words(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # last year's level stated between a value and its change is the base: the change stays the value's
    ("PM10浓度为95微克/立方米，去年同期为97微克/立方米，同比下降2%。",
     [("pm10", "actual", 95.0, "ug/m3"), ("pm10", "change", -2.0, "%")]),
    ("PM2.5累计均值57微克/立方米，2018年同期累计均值为54微克/立方米，较去年同期增加3微克，同比上升5.6%。",
     [("pm25", "actual", 57.0, "ug/m3"), ("pm25", "change", 3.0, "ug/m3"), ("pm25", "change", 5.6, "%")]),
    # a level of another measure still ends the host (the change after it is that measure's)
    ("PM10浓度为95微克/立方米，二氧化硫浓度为12微克/立方米，同比下降2%。",
     [("pm10", "actual", 95.0, "ug/m3")]),
])
def test_a_base_level_between_a_value_and_its_change(text, expected):
    assert rows(text) == expected


def test_a_project_approval_completed_is_no_rectification():
    # 已完成 counts rectified inspection issues, not approvals done in the same paragraph
    text = "中央环保督察反馈问题整改有序推进。主动做好重大项目环评审批，全省304个重大建设项目已完成环评审批203个。"
    assert rows(text) == []
