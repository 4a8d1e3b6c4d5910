"""Families of phrasing from issue 10 (general rules, not any report's text): each sentence is
invented for this file and its expected rows are worked out by reading it."""

import pytest

from ecoanalysis.extract import extract_figures
from indicator_rows import rows




@pytest.mark.parametrize("text,expected", [
    # a horizon year opening the sentence (到2027年，…) states a goal
    ("到2027年，全县环境空气优良天数比率达到86%以上，细颗粒物浓度降到31微克/立方米。",
     [("good_air_ratio", "target", 86, "%"), ("pm25", "target", 31, "ug/m3")]),
    ("到“十五五”末，重点河流考核断面水质优良比例达到95%。",
     [("good_water_ratio", "target", 95, "%")]),
    # a heading 目标任务： or 约束性指标为 governs the figures after it
    ("本年度目标任务：PM10年均浓度58微克/立方米，优良率80%。",
     [("pm10", "target", 58, "ug/m3"), ("good_air_ratio", "target", 80, "%")]),
    ("省里下达的约束性指标为PM2.5浓度41微克/立方米。", [("pm25", "target", 41, "ug/m3")]),
    # 需/须/要 + a verb of reaching
    ("按省考核办法，我区臭氧浓度须控制在150微克/立方米以内。", [("o3", "target", 150, "ug/m3")]),
    ("今年城区空气优良率要提升至88.5%。", [("good_air_ratio", "target", 88.5, "%")]),
    # a bound written as a sign is a goal of its clause only
    ("考核指标：细颗粒物≤37微克/立方米。", [("pm25", "target", 37, "ug/m3")]),
    ("PM2.5浓度为36微克/立方米，目标≤38微克/立方米。",
     [("pm25", "actual", 36, "ug/m3"), ("pm25", "target", 38, "ug/m3")]),
    # what was reached by a year in the past, or the main/important words, are no goals
    ("截至2021年底，全县PM2.5浓度为33微克/立方米。", [("pm25", "actual", 33, "ug/m3")]),
    ("主要达到了优良天数比例90.2%的好成绩。", [("good_air_ratio", "actual", 90.2, "%")]),
])
def test_goal_phrasings(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a hard line wrap inside a clause does not cut the name from its figure
    ("今年以来，城区可吸入颗粒物平均浓度\n为64微克/立方米，同比下降3%。",
     [("pm10", "actual", 64, "ug/m3"), ("pm10", "change", -3, "%")]),
    ("在全县上下共同努力下，今年全县空气质量优良天\n数比例为91.4%。", [("good_air_ratio", "actual", 91.4, "%")]),
    ("细颗粒物（PM2.5）年均浓度为\n29微克/立方米。", [("pm25", "actual", 29, "ug/m3")]),
    # a line ending in a full stop, or a short heading, is a real break
    ("二、大气环境。\n浓度为40微克/立方米。", []),
    ("二、空气质量优良天数比例\n为巩固成效，今年投入资金300万元。", [("investment", "actual", 300, "万元")]),
])
def test_line_wraps_inside_a_clause(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a clause naming only a place and its verb repeats the indicator before it
    ("全区空气优良率为88.4%，其中东部城区为90.1%。",
     [("good_air_ratio", "actual", 88.4, "%"), ("good_air_ratio", "actual", 90.1, "%")]),
    ("珠江流域国控断面水质优良比例为93.8%，闽江流域为100%。",
     [("good_water_ratio", "actual", 93.8, "%"), ("good_water_ratio", "actual", 100, "%")]),
    ("可吸入颗粒物浓度为57微克/立方米，某某新区为61微克/立方米。",
     [("pm10", "actual", 57, "ug/m3"), ("pm10", "actual", 61, "ug/m3")]),
    # another pollutant, or a clause with more than a place, is not the same indicator
    ("细颗粒物浓度为28微克/立方米，二氧化氮为19微克/立方米。", [("pm25", "actual", 28, "ug/m3")]),
    ("优良率为88.4%，比较好的乡镇空气为92%。", [("good_air_ratio", "actual", 88.4, "%")]),
])
def test_elliptic_place_clauses(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a unit that needs a number is read back over a line wrap; a classifier is not
    ("臭氧浓度为142\n微克/立方米。", [("o3", "actual", 142, "ug/m3")]),
    ("水质优良比例达到87.5\n%。", [("good_water_ratio", "actual", 87.5, "%")]),
])
def test_units_over_a_line_wrap(text, expected):
    assert rows(text) == expected


def test_classifier_after_a_wrap_is_no_unit():
    f = extract_figures("共检查2\n家企业", doc_id="t")
    assert f["unit"].tolist() == [""]


@pytest.mark.parametrize("text,expected", [
    # a change or direction word wrapped over a line is still one word
    ("受不利气象条件影响，全年重污染天数为4天，同比减\n少3天。",
     [("heavy_pollution_days", "actual", 4, "day"), ("heavy_pollution_days", "change", -3, "day")]),
    ("在各部门共同努力下，全年优良天数为288天，较上\n年增加9天。",
     [("good_air_days", "actual", 288, "day"), ("good_air_days", "change", 9, "day")]),
])
def test_change_words_over_a_line_wrap(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a streak of good days, or one pollutant's compliant days, is no count of good days
    ("今年已实现连续优良天数41天。", []),
    ("全年二氧化氮达标天数为362天，优良天数为301天。", [("good_air_days", "actual", 301, "day")]),
    ("全年优良天数为301天，PM2.5浓度为33微克/立方米。",
     [("good_air_days", "actual", 301, "day"), ("pm25", "actual", 33, "ug/m3")]),
])
def test_good_days_that_are_not(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a margin over a goal written with 高出/超额完成 is no value and no goal
    ("全县水质优良比例为91.7%，高出省定考核目标11.7个百分点。", [("good_water_ratio", "actual", 91.7, "%")]),
    ("优良率为84.9%，超额完成年度目标任务1.9个百分点。", [("good_air_ratio", "actual", 84.9, "%")]),
])
def test_margins_over_a_goal(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a standard grade (Ⅱ级), the class a section came from (由…) and a standard applied (执行…)
    # are no class of the section now
    ("城区集中式饮用水源水质符合国家Ⅱ级标准。", []),
    ("某某河出境断面水质由Ⅴ类好转为Ⅳ类。", [("water_section_class", "actual", 4, "class")]),
    ("某某水库上游执行Ⅱ类标准。", []),
    ("某某水库水质稳定在Ⅱ类。", [("water_section_class", "actual", 2, "class")]),
])
def test_classes_that_are_not_a_sections(text, expected):
    assert rows(text) == expected


def test_context_words_over_a_wrapped_paragraph():
    # the context word (空气) is on the line before, in the same wrapped paragraph
    text = "全市环境空气质量持续向好，\n综合指数为3.96，同比改善4.1%。"
    assert rows(text) == [("air_quality_index", "actual", 3.96, "index"),
                          ("air_quality_index", "change", -4.1, "%")]


@pytest.mark.parametrize("text,expected", [
    # a value that took its unit from the list's last item and is then outside its range is a
    # misreading: the number as written, in the indicator's own unit, when that is in range (a
    # list mixing units); a unit written after the number itself is kept (warned about by checks)
    ("细颗粒物和一氧化碳浓度分别为29、0.9毫克/立方米。", [("pm25", "actual", 29, "ug/m3")]),
    ("细颗粒物和一氧化碳浓度分别为2900、0.9毫克/立方米。", []),
    ("细颗粒物、可吸入颗粒物浓度分别为0.031、0.058毫克/立方米。",
     [("pm25", "actual", 31, "ug/m3"), ("pm10", "actual", 58, "ug/m3")]),
    ("全年优良天数为400天。", [("good_air_days", "actual", 400, "day")]),
    # a change may be larger than any value
    ("罚款金额同比增长150%。", [("penalty_amount", "change", 150, "%")]),
])
def test_values_outside_their_range(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # the two ends of a range of values are a spread, no value
    ("各乡镇细颗粒物浓度在24～39微克/立方米之间。", []),
    ("各监测点优良率在78.5%-93.0%之间。", []),
    ("各县区优良天数为271至318天不等。", []),
    ("全县可吸入颗粒物浓度为49微克/立方米，各站点浓度范围为41～57微克/立方米。",
     [("pm10", "actual", 49, "ug/m3")]),
    # a fall from one value to another is no range (and its start is the earlier value)
    ("PM2.5浓度由41微克/立方米降至36微克/立方米。", [("pm25", "actual", 36, "ug/m3")]),
])
def test_ranges_of_values(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # the start of a movement (由…/从…的) is the earlier value, not this period's
    ("全县优良率从上年的79.2%提升到83.0%。", [("good_air_ratio", "actual", 83.0, "%")]),
    ("臭氧浓度由2019年的171微克/立方米下降到158微克/立方米。", [("o3", "actual", 158, "ug/m3")]),
    # 理由 is no start
    ("管理由专人负责，PM10浓度为66微克/立方米。", [("pm10", "actual", 66, "ug/m3")]),
])
def test_start_of_a_movement(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # 日数 for 天数 (traditional-script reports, converted)
    ("全年空气质量优良日数比例为87.1%。", [("good_air_ratio", "actual", 87.1, "%")]),
    ("全区良好日数比率达90.4%，较上年增加1.2个百分点。",
     [("good_air_ratio", "actual", 90.4, "%"), ("good_air_ratio", "change", 1.2, "pp")]),
])
def test_ratio_of_good_days_written_with_ri(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # an exclusion word before a figure that is no measure (8小时) still rules the indicator out
    ("臭氧日最大8小时平均浓度达标天数比例为93.4%。", []),
    # a measure in between keeps its own clause apart
    ("PM10浓度63微克/立方米、优良天数比例89.0%。",
     [("pm10", "actual", 63, "ug/m3"), ("good_air_ratio", "actual", 89.0, "%")]),
])
def test_exclusions_over_a_number_that_is_no_measure(text, expected):
    assert rows(text) == expected


def test_wrap_with_indented_next_line():
    text = "据市环境监测站统计，全年可吸入颗粒物平均浓度  \n    为52微克/立方米，同比下降7.1%。"
    assert rows(text) == [("pm10", "actual", 52, "ug/m3"), ("pm10", "change", -7.1, "%")]


def test_count_right_after_a_batch_count():
    text = "省督察组向我市转办群众信访件12批次87件，已办结80件。"
    assert rows(text) == [("inspection_issues", "actual", 87, "count"),
                          ("inspection_issues_closed", "actual", 80, "count")]


@pytest.mark.parametrize("text,expected", [
    # a list wrapped after its verb is no numbered item at a line start
    ("细颗粒物、可吸入颗粒物浓度分别为\n31、54微克/立方米。",
     [("pm25", "actual", 31, "ug/m3"), ("pm10", "actual", 54, "ug/m3")]),
    # a real numbered item stays one
    ("重点工作如下：\n1、PM2.5浓度为30微克/立方米。", [("pm25", "actual", 30, "ug/m3")]),
])
def test_list_wrapped_after_its_verb(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a bare 达标率/比例 right after a count of days is that count's ratio
    ("城区环境空气达标天数为322天，达标率为88.2%。",
     [("good_air_days", "actual", 322, "day"), ("good_air_ratio", "actual", 88.2, "%")]),
    ("全年空气优良天数298天，比例81.6%。",
     [("good_air_days", "actual", 298, "day"), ("good_air_ratio", "actual", 81.6, "%")]),
    # after a count that has no ratio of ours it names nothing
    ("共检查企业120家，比例为35%。", [("enterprises_inspected", "actual", 120, "count")]),
])
def test_bare_ratio_after_a_count_of_days(text, expected):
    assert rows(text) == expected
