"""Families of phrasing that real reports use and sentences written for tests did not: each case
is a sentence invented for this file (no report's text), its expected rows worked out by reading it.
The real-text yardstick itself is ``tests/test_devcorpus.py``."""

import pytest

from ecoanalysis.extract import extract_figures
from indicator_rows import rows




@pytest.mark.parametrize("text,expected", [
    # a share of the count before it (占…的X%)
    ("全年空气质量优良天数为301天，占全年有效监测天数的82.5%。",
     [("good_air_days", "actual", 301, "day"), ("good_air_ratio", "actual", 82.5, "%")]),
    ("达到国家一级和二级的天数共320天，占有效监测天数（365天）的87.7%。",
     [("good_air_days", "actual", 320, "day"), ("good_air_ratio", "actual", 87.7, "%")]),
    ("全县20个断面中，达到Ⅰ～Ⅲ类水质断面16个，占断面总数的80.0%。",
     [("good_water_ratio", "actual", 80.0, "%")]),
    # a share of a category that is not class I-III is no ratio of ours
    ("全县20个断面中，Ⅳ类水质断面3个，占断面总数的15.0%。", []),
])
def test_shares_of_the_count_before(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # 个百分点 after a count of days is the ratio's change; a pp change never lands on a count
    ("优良天数280天，同比增加12天，提高3.3个百分点。",
     [("good_air_days", "actual", 280, "day"), ("good_air_days", "change", 12, "day"),
      ("good_air_ratio", "change", 3.3, "pp")]),
    # a change against a named year
    ("PM2.5年均浓度为41微克/立方米，较2019年下降8.9%。",
     [("pm25", "actual", 41, "ug/m3"), ("pm25", "change", -8.9, "%")]),
    # a change whose host is another pollutant is dropped, not put on the last indicator
    ("PM2.5平均浓度为30微克/立方米。一氧化碳平均浓度为0.9毫克/立方米，比上年下降10%。",
     [("pm25", "actual", 30, "ug/m3")]),
    # a class cannot change by a per cent
    ("劣Ⅴ类断面比例同比下降5.2%。", []),
])
def test_changes_fit_their_host(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a comparison with a goal makes only its own clause a target
    ("优良天数为330天，比目标值310天多20天，重污染天数为2天。",
     [("good_air_days", "actual", 330, "day"), ("good_air_days", "target", 310, "day"),
      ("heavy_pollution_days", "actual", 2, "day")]),
    # 高于省定…的考核要求: the figure before the requirement is the goal
    ("优良天数比例为90.1%，高于省定85%的考核要求。",
     [("good_air_ratio", "actual", 90.1, "%"), ("good_air_ratio", "target", 85, "%")]),
    # a margin against a goal is no value
    ("断面水质优良比例为80%，高于年度考核目标2.5个百分点。",
     [("good_water_ratio", "actual", 80, "%")]),
    # a proposed penalty (拟) is no plan
    ("对一家企业立案调查，拟处罚款8万元。", [("penalty_amount", "actual", 8, "万元")]),
    # 计划 as a noun (本计划年度) governs nothing
    ("本计划年度共受理群众陈情案件512件。", [("complaints_received", "actual", 512, "count")]),
])
def test_goal_words_and_their_reach(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("PM2.5浓度最高的是甲县，为58微克/立方米。", [("pm25", "actual", 58, "ug/m3")]),
    ("空气质量好于二级的天数达到298天。", [("good_air_days", "actual", 298, "day")]),
    ("辖区4个地表水考核断面达标率为100%。", [("good_water_ratio", "actual", 100, "%")]),
    ("综合指数在全省排名中位居前3。", []),
    ("全年实施行政处罚15次。", [("penalty_cases", "actual", 15, "count")]),
    ("对违法企业进行了3.5万元的行政处罚。", [("penalty_amount", "actual", 3.5, "万元")]),
    ("严重污染天数2天。", []),
])
def test_cue_variants(text, expected):
    assert rows(text) == expected


def test_inspection_petitions_are_inspection_issues():
    t = ("中央生态环境保护督察组转办信访举报件共计90件。截至目前，已办结70件，阶段性办结12件，"
         "未办结8件，其中重点交办件6件。")
    got = rows(t)
    assert ("inspection_issues", "actual", 90, "count") in got
    assert ("inspection_issues_closed", "actual", 70, "count") in got
    # 未办结 is not closed, and 交办件 is a noun, not a stripped number
    assert not any(r[2] == 8 and r[0].endswith("closed") for r in got)
    assert not any(r[2] is None for r in got)


@pytest.mark.parametrize("text,expected", [
    # redactions without a unit, inside the cue, in trailing digits, digits destroyed into "?"
    ("全市空气质量综合指数**，同比改善*.*%。",
     [("air_quality_index", "actual", None, "index"), ("air_quality_index", "change", None, "%")]),
    ("PM*.*年均浓度**微克/立方米。", [("pm25", "actual", None, "ug/m3")]),
    ("下拨专项资金60xxxx元用于治理。", [("investment", "actual", None, "万元")]),
    ("优良天数比例为?6.4%，PM2.5平均浓度为3?微克/立方米。",
     [("good_air_ratio", "actual", None, "%"), ("pm25", "actual", None, "ug/m3")]),
    # a digit before "x" that names a size is no redaction
    ("新建3x3米沉淀池。", []),
    # last period's values are no values of this period
    ("PM2.5平均浓度比去年同期（58微克/立方米）下降6.9%。", [("pm25", "change", -6.9, "%")]),
    ("优良天数比例为81%，较去年同期的77.5%提高3.5个百分点。",
     [("good_air_ratio", "actual", 81, "%"), ("good_air_ratio", "change", 3.5, "pp")]),
    ("去年同期优良天数为230天。", []),
    ("优良天数比例为87.1%，完成年度目标（86%）。",
     [("good_air_ratio", "actual", 87.1, "%"), ("good_air_ratio", "target", 86, "%")]),
])
def test_masks_and_reference_values(text, expected):
    assert rows(text) == expected


def test_masked_rows_are_flagged():
    f = extract_figures("下拨专项资金60xxxx元。", doc_id="t")
    assert f["masked"].tolist() == [True] and f["value"].isna().all()


def _corpus_rows(tmp_path, text):
    from ecoanalysis.corpus import read_corpus

    (tmp_path / "r.txt").write_text(text, encoding="utf-8")
    ind = read_corpus(tmp_path, jobs=1, cache=False).indicators
    return [(r.indicator, r.kind, r.value) for r in ind.itertuples()]


def test_a_flattened_title_naming_the_plan_makes_no_plan(tmp_path):
    # the title and the first paragraph on one line, as converters leave them
    got = _corpus_rows(tmp_path, "某县生态环境局2023年工作总结及2024年工作计划 2023年以来，全县PM2.5平均浓度为"
                                 "31微克/立方米，优良天数比例为90.2%。\n")
    assert got == [("pm25", "actual", 31), ("good_air_ratio", "actual", 90.2)]


def test_a_numbered_list_under_a_goals_heading_is_targets(tmp_path):
    got = _corpus_rows(tmp_path, "某县2023年工作总结\n一、工作成效\n全县PM2.5平均浓度为31微克/立方米。\n"
                                 "二、2024年工作目标\n1.PM2.5平均浓度30微克/立方米。\n2.优良天数比例91%。\n")
    assert got == [("pm25", "actual", 31), ("pm25", "target", 30), ("good_air_ratio", "target", 91)]


def test_achieved_goals_heading_stays_actual(tmp_path):
    got = _corpus_rows(tmp_path, "某县2023年工作总结\n一、2023年工作目标完成情况\n1.PM2.5平均浓度为31微克/立方米。\n")
    assert got == [("pm25", "actual", 31)]


def test_one_value_for_two_named_indicators():
    assert rows("PM10和PM2.5平均浓度均为35微克/立方米。") == [
        ("pm25", "actual", 35, "ug/m3"), ("pm10", "actual", 35, "ug/m3")]


@pytest.mark.parametrize("text,expected", [
    ("国考断面水质为HI类。", [("water_section_class", "actual", 3, "class")]),   # OCR'd Ⅲ
    ("该断面水质为山类。", [("water_section_class", "actual", 3, "class")]),
    ("国考断面平均水质为类，好于类的比例为**%。",                                # numerals deleted
     [("water_section_class", "actual", None, "class"), ("good_water_ratio", "actual", None, "%")]),
    ("高山类植被长势良好。", []),
])
def test_damaged_class_numerals(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("对该企业罚款二十万元。", [("penalty_amount", "actual", 20, "万元")]),   # a Chinese numeral amount
    ("共处罚款五万元。", [("penalty_amount", "actual", 5, "万元")]),
    ("单笔十万元以上的项目由市级审批。", []),                                   # no money cue: a threshold
])
def test_chinese_numeral_amounts(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("PM2.5平均浓度为35微克/立方。", [("pm25", "actual", 35, "ug/m3")]),   # the unit's last character lost
    ("PM2.5平均浓度为35μg/m?。", [("pm25", "actual", 35, "ug/m3")]),       # the superscript lost to "?"
])
def test_garbled_units(text, expected):
    assert rows(text) == expected


def test_financial_numerals():
    assert rows("罚款金额共计壹佰万元。") == [("penalty_amount", "actual", 100, "万元")]
    assert rows("罚款伍拾万元。") == [("penalty_amount", "actual", 50, "万元")]


def test_financial_numeral_characters_in_words_are_no_numbers():
    assert rows("执法队伍人员少，伍人一组。") == []
    f = extract_figures("环保执法队伍人员少。", doc_id="t")
    assert f.empty
