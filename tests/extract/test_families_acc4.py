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


@pytest.mark.parametrize("text,expected", [
    # a list of sections opening the clause shares its class, with 均 or without it
    ("青石河、白沙河断面水质为Ⅲ类。", [("water_section_class", "actual", 3.0, "class")] * 2),
    ("柳溪水库、东湖、南江断面符合地表水Ⅱ类水质标准。", [("water_section_class", "actual", 2.0, "class")] * 3),
    ("青石河、白沙河断面水质均为Ⅲ类。", [("water_section_class", "actual", 3.0, "class")] * 2),
    # an item that is a bare name (石桥: no 河/断面 word) beside one that names a water body
    ("石桥、柳河断面水质为Ⅲ类。", [("water_section_class", "actual", 3.0, "class")] * 2),
    # one section, or a list whose items are not all sections: one row
    ("青石河断面水质为Ⅲ类。", [("water_section_class", "actual", 3.0, "class")]),
    ("今年以来、全年青石河断面水质为Ⅲ类。", [("water_section_class", "actual", 3.0, "class")]),
])
def test_sections_sharing_one_class_without_jun(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # an inspection count followed by its closing verb is the count closed
    ("省级环保督察交办信访件40件，其中36件已办结。",
     [("inspection_issues", "actual", 40.0, "count"), ("inspection_issues_closed", "actual", 36.0, "count")]),
    ("中央生态环境保护督察反馈问题15个，12个已完成整改。",
     [("inspection_issues", "actual", 15.0, "count"), ("inspection_issues_closed", "actual", 12.0, "count")]),
    # still the count raised when what follows is not a closing verb
    ("中央生态环境保护督察反馈问题15个，正在整改。", [("inspection_issues", "actual", 15.0, "count")]),
])
def test_inspection_count_before_its_closing_verb(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # 微克 with its cubic metre lost is still a concentration, and 低 / 高 right after the base of
    # a comparison is its direction
    ("PM10平均浓度为70微克/立方米，较去年同期低5微克。",
     [("pm10", "actual", 70.0, "ug/m3"), ("pm10", "change", -5.0, "ug/m3")]),
    ("PM2.5平均浓度为33微克，同比下降2微克。",
     [("pm25", "actual", 33.0, "ug/m3"), ("pm25", "change", -2.0, "ug/m3")]),
    ("优良天数比例为88%，较上年高3个百分点。",
     [("good_air_ratio", "actual", 88.0, "%"), ("good_air_ratio", "change", 3.0, "pp")]),
    # 低于 a standard is no change
    ("PM2.5平均浓度为30微克/立方米，同比下降6.3%，低于国家二级标准。",
     [("pm25", "actual", 30.0, "ug/m3"), ("pm25", "change", -6.3, "%")]),
])
def test_shortened_microgram_and_lower_than_the_base(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # the composite index of a paragraph that names the air pollutants is the air one, 空气 unsaid
    ("1-6月，全市PM2.5、PM10、臭氧平均浓度综合指数4.87，同比改善5.2%。",
     [("air_quality_index", "actual", 4.87, "index"), ("air_quality_index", "change", -5.2, "%")]),
    ("优良天数为210天，综合指数为4.1。",
     [("good_air_days", "actual", 210.0, "day"), ("air_quality_index", "actual", 4.1, "index")]),
    # and water's stays out
    ("全县PM2.5浓度为30微克/立方米；河流水质综合污染指数为0.42。", [("pm25", "actual", 30.0, "ug/m3")]),
])
def test_air_index_named_by_its_pollutants(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # A和B…达标率均为100%: a ratio word after B that A shares, A named by its subject only (and
    # counted, too)
    ("全县地表水断面和集中式饮用水水源地水质达标率均为100%。",
     [("drinking_water_ratio", "actual", 100.0, "%"), ("good_water_ratio", "actual", 100.0, "%")]),
    ("全市3个国控断面和5个集中式饮用水水源地水质达标率均为100%。",
     [("drinking_water_ratio", "actual", 100.0, "%"), ("good_water_ratio", "actual", 100.0, "%")]),
    # places sharing one indicator stay one row
    ("城区和乡镇空气优良率均为95%。", [("good_air_ratio", "actual", 95.0, "%")]),
])
def test_two_subjects_sharing_one_ratio_word(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a count of petitions named after it (N件信访举报件) handed over by an inspection team
    ("按照中央督察组要求，截至6月底，全市已对第2至17批98件信访举报件进行调查处理。",
     [("inspection_issues", "actual", 98.0, "count")]),
    ("中央环保督察组专办的61个环境信访案件全部办结。", [("inspection_issues", "actual", 61.0, "count")]),
    # with no inspection in sight they are the bureau's own complaints
    ("全年受理98件信访举报件。", [("complaints_received", "actual", 98.0, "count")]),
])
def test_inspection_petitions_counted_before_their_noun(text, expected):
    assert rows(text) == expected
