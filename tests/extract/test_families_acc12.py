"""Families of phrasing from issue 10, twelfth pass (general rules, not any report's text): each
sentence is invented for this file and its expected rows are worked out by reading it."""

import pytest
from indicator_rows import rows


@pytest.mark.parametrize("text,expected", [
    # the base of a change named by a year and a month range, its level in brackets
    ("1-6月，全市平均优良天数比例为88.1%，比2022年1-6月（91.3%）减少3.2个百分点。",
     [("good_air_ratio", "actual", 88.1, "%"), ("good_air_ratio", "change", -3.2, "pp")]),
    ("3月，全县PM10平均浓度为61微克/立方米，较2021年3月（70微克/立方米）下降12.9%。",
     [("pm10", "actual", 61.0, "ug/m3"), ("pm10", "change", -12.9, "%")]),
    # 同比 before the period it compares with works the same way
    ("全市优良天数为150天，同比2022年上半年（141天）增加9天。",
     [("good_air_days", "actual", 150.0, "day"), ("good_air_days", "change", 9.0, "day")]),
])
def test_a_bracketed_base_after_a_named_period(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a named action plan the bureau drew up is a document, not a forecast: the figures after it
    # were reached
    ("我局制定了“碧水蓝天”行动计划，截至6月30日，全县空气质量优良天数165天，优良率达90.7%。",
     [("good_air_days", "actual", 165.0, "day"), ("good_air_ratio", "actual", 90.7, "%")]),
    # 计划 as a verb still plans
    ("全年计划完成投资1.2亿元，优良天数比例力争达到85%。",
     [("investment", "target", 12000.0, "万元"), ("good_air_ratio", "target", 85.0, "%")]),
])
def test_an_action_plan_named_is_no_forecast(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a paragraph that opens by setting out the year's goals states goals to its end, over full
    # stops and sentences with no goal word of their own
    ("会议确定了今年全县生态环境工作的主要目标，完成上级下达的减排任务。"
     "纳入考核的6个地表水断面水质达标率达到100%，城区集中式饮用水水源地水质达标率达到100%。",
     [("good_water_ratio", "target", 100.0, "%"), ("drinking_water_ratio", "target", 100.0, "%")]),
    # a paragraph that reviews the year does not
    ("会议总结了去年全县生态环境工作，完成了上级下达的减排任务。"
     "纳入考核的6个地表水断面水质达标率达到100%。",
     [("good_water_ratio", "actual", 100.0, "%")]),
    # the goals end with their paragraph
    ("会议确定了今年全县生态环境工作的主要目标，完成上级下达的减排任务。\n"
     "去年，纳入考核的6个地表水断面水质达标率达到100%。",
     [("good_water_ratio", "actual", 100.0, "%")]),
])
def test_a_goals_paragraph(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a paragraph that opens with its goals (…目标为…) states goals to its end
    ("年度目标为在年底前，甲河乙桥断面稳定达到Ⅳ类。丙河丁村、戊河己村两个断面水质达Ⅲ类。",
     [("water_section_class", "target", 4.0, "class")] + [("water_section_class", "target", 3.0, "class")] * 2),
])
def test_a_paragraph_opening_with_its_goals(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a clause naming only a period and a concentration is the level of the pollutant named before
    ("3月份，全市PM2.5月均浓度为41微克/立方米，同比下降8微克/立方米，1-3月份平均浓度为55微克/立方米，同比下降6微克/立方米。",
     [("pm25", "actual", 41.0, "ug/m3"), ("pm25", "change", -8.0, "ug/m3"),
      ("pm25", "actual", 55.0, "ug/m3"), ("pm25", "change", -6.0, "ug/m3")]),
    # and so are the parts after semicolons that name nothing of their own
    ("3月份，全市PM10月均浓度为90微克/立方米，环比降低12微克/立方米；同比升高5微克/立方米；1-3月份累计浓度为98微克/立方米。",
     [("pm10", "actual", 90.0, "ug/m3"), ("pm10", "change", -12.0, "ug/m3"),
      ("pm10", "change", 5.0, "ug/m3"), ("pm10", "actual", 98.0, "ug/m3")]),
    # a part that names a measure of its own is that measure's
    ("全市PM10月均浓度为90微克/立方米；二氧化硫月均浓度为12微克/立方米，同比升高2微克/立方米。",
     [("pm10", "actual", 90.0, "ug/m3")]),
])
def test_a_level_named_only_by_its_period(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # leads an inspection team hands over are its issues
    ("截至目前，省环保督察组累计向我县交办信访42件，问题线索3批18件。",
     [("inspection_issues", "actual", 42.0, "count"), ("inspection_issues", "actual", 18.0, "count")]),
    # the ones still left are neither
    ("中央环保督察组交办我区的120件信访案件，已办理回复111件，余下9件信访案件正在办理。",
     [("inspection_issues", "actual", 120.0, "count"), ("inspection_issues_closed", "actual", 111.0, "count")]),
])
def test_inspection_leads_and_petitions_closed(text, expected):
    assert rows(text) == expected


def test_water_pollutants_listed_pair_up_with_their_values():
    # 高锰酸盐指数 and 氨氮 are pollutants of the list: the values go with their names in order
    text = "全市断面高锰酸盐指数、氨氮和总磷平均浓度为3.8mg/L、0.36mg/L和0.121mg/L。"
    assert rows(text) == [("total_phosphorus", "actual", 0.121, "mg/L")]


@pytest.mark.parametrize("text,expected", [
    # the goal in brackets after the 指标 it is set as, the margin after it no value
    ("1-9月，全县空气质量优良率95.2%，高出市下达年度指标（88.6%）6.6个百分点。",
     [("good_air_ratio", "actual", 95.2, "%"), ("good_air_ratio", "target", 88.6, "%")]),
    ("全市PM2.5平均浓度为31微克/立方米，优于国家约束性指标（35微克/立方米）。",
     [("pm25", "actual", 31.0, "ug/m3"), ("pm25", "target", 35.0, "ug/m3")]),
])
def test_a_goal_in_brackets_after_its_indicator_word(text, expected):
    assert rows(text) == expected


def test_enforcement_staff_counted_with_ming():
    # 名 counts persons as 人 does
    assert rows("全年全县共出动执法人员3200余名，检查企业950家次。") == [
        ("enforcement_personnel", "actual", 3200.0, "count"), ("enterprises_inspected", "actual", 950.0, "count")]


def test_a_goals_statement_with_a_comma_governs_its_list():
    # 主要预期目标是，…；…；… lists goals over its semicolons, as a label with a colon does
    text = "根据全市部署，2009年全市环境保护工作的主要预期目标是，城市饮用水源地水质达标率达98%；市区空气质量二级以上天数在300天以上。"
    assert rows(text) == [("drinking_water_ratio", "target", 98.0, "%"), ("good_air_days", "target", 300.0, "day")]


@pytest.mark.parametrize("text,expected", [
    # petitions named with their change right after them are the received ones' change
    ("全年全县环境信访投诉同比减少126件，下降18%。",
     [("complaints_received", "change", -126.0, "count"), ("complaints_received", "change", -18.0, "%")]),
    ("群众信访同比下降25%以上。", [("complaints_received", "change", -25.0, "%")]),
])
def test_petitions_with_their_change(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a ratio after B shared by a subject A before 和 or 、 with no 均: one row for each
    ("全县跨界断面和城区饮用水水源地水质达标率100%。",
     [("drinking_water_ratio", "actual", 100.0, "%"), ("good_water_ratio", "actual", 100.0, "%")]),
    ("辖区地表水水质、乡镇集中式饮用水水源地水质达标率均保持100%。",
     [("drinking_water_ratio", "actual", 100.0, "%"), ("good_water_ratio", "actual", 100.0, "%")]),
    # reservoirs named before the sources they are are no share of sections
    ("全县甲水库、乙龙潭2个集中式饮用水水源地水质达标率100%。",
     [("drinking_water_ratio", "actual", 100.0, "%")]),
])
def test_a_ratio_shared_by_two_subjects(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # the gap to a goal (与省定目标值差距19微克/立方米) is no concentration
    ("PM10年均浓度为118微克/立方米，与省定目标值差距12微克/立方米。", [("pm10", "actual", 118.0, "ug/m3")]),
    # a 目标浓度 is the goal
    ("今年全县PM2.5目标浓度为39微克/立方米。", [("pm25", "target", 39.0, "ug/m3")]),
    # issues still to be rectified are none rectified
    ("省环保督察交办问题需完成整改的共86项，目前正在推进。", []),
])
def test_gaps_goals_and_work_still_to_do(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a share of the sections counted as meeting class Ⅲ or as good is the ratio of good sections
    ("全县22个断面中，13个符合Ⅲ类水质标准，占59.1%。", [("good_water_ratio", "actual", 59.1, "%")]),
    ("2022年，全市12个断面水质优良，占比为91.7%。", [("good_water_ratio", "actual", 91.7, "%")]),
    # a share of one class after a ratio of good sections is that class's, no ratio
    ("全市9个断面水质优良率100%，其中Ⅱ类水质断面占66.7%，Ⅲ类水质断面占33.3%。",
     [("good_water_ratio", "actual", 100.0, "%")]),
])
def test_shares_of_good_sections(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a plan's goals after the verb that quotes it (《…方案》指出，到2025年，…)
    ("《三年行动方案》提出，到2025年，全市PM2.5年均浓度达到33微克/立方米，优良天数比率达到88%。",
     [("pm25", "target", 33.0, "ug/m3"), ("good_air_ratio", "target", 88.0, "%")]),
    # 确保了 reports what was ensured: no goal
    ("通过严格执法，确保了全市优良天数比例达到91.2%。", [("good_air_ratio", "actual", 91.2, "%")]),
    ("明年确保全市优良天数比例达到92%。", [("good_air_ratio", "target", 92.0, "%")]),
])
def test_quoted_plans_and_what_was_ensured(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # Latin class numerals in a list share the 类 of the last one, as Ⅱ、Ⅲ类 do
    ("甲河口、乙河桥、丙河村断面水质分别为IV、IV、III类。",
     [("water_section_class", "actual", 4.0, "class")] * 2 + [("water_section_class", "actual", 3.0, "class")]),
    # a standard's code and year between the verb and the classes are no figure
    ("国控断面甲河口、乙河桥断面水质分别达到《地表水环境质量标准》（GB3838-2002）Ⅳ、Ⅲ类标准。",
     [("water_section_class", "actual", 4.0, "class"), ("water_section_class", "actual", 3.0, "class")]),
    # a lone Latin numeral with no class after it is none
    ("全市完成IV期工程。", []),
])
def test_class_lists_in_latin_numerals(text, expected):
    assert rows(text) == expected


def test_section_names_keep_no_level_words():
    from ecoanalysis.extract.indicators import extract_indicators
    from ecoanalysis.extract.figures import extract_figures
    for text in ("国控断面甲河口、乙河桥断面水质分别达到Ⅳ、Ⅲ类标准。",
                 # the year of a standard's code is no figure that cuts the names off
                 "国控断面甲河口、乙河桥断面水质分别达到（GB3838-2002）Ⅳ、Ⅲ类标准。"):
        got = extract_indicators(text, extract_figures(text, doc_id="t"), doc_id="t")
        assert got["qualifier"].tolist() == ["甲河口", "乙河桥断面"]


@pytest.mark.parametrize("text,expected", [
    # a share of class-Ⅲ water is the ratio of good sections; the class before it is a category
    ("全年县控断面Ⅲ类水质占比88.9%，省控以上断面三类水质比例为92.3%，同比提高1.5个百分点。",
     [("good_water_ratio", "actual", 88.9, "%"), ("good_water_ratio", "actual", 92.3, "%"),
      ("good_water_ratio", "change", 1.5, "pp")]),
    # cases 查办 are the penalty cases
    ("全年查办环境违法案件236件，罚款1200万元。",
     [("penalty_cases", "actual", 236.0, "count"), ("penalty_amount", "actual", 1200.0, "万元")]),
])
def test_class_iii_shares_and_cases_handled(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # adverbs between a list's count and its verb (…3个省考断面持续稳定达Ⅲ类水) keep the list
    ("甲河桥、乙河口、丙村大桥3个省考断面持续稳定达Ⅲ类水。", [("water_section_class", "actual", 3.0, "class")] * 3),
    ("甲河桥、乙河口2个国控断面稳定保持Ⅱ类。", [("water_section_class", "actual", 2.0, "class")] * 2),
])
def test_a_counted_list_of_sections_with_adverbs(text, expected):
    assert rows(text) == expected


def test_grade_breakdown_of_days_is_no_count_of_good_days():
    # 二级良天数 (the good days alone) and 超二级天数 (days beyond grade II) are no good-days count
    text = "全年有效监测天数为360天，其中一级优天数为150天，二级良天数为190天，超二级天数为20天，优良率为94.4%。"
    assert rows(text) == [("good_air_ratio", "actual", 94.4, "%")]


@pytest.mark.parametrize("text,expected", [
    # a count in 个 right before a noun for a day counts those days
    ("今年以来，全县收获256个优良天。", [("good_air_days", "actual", 256.0, "day")]),
    ("全市去年收获298个好天气，同比增加12天。",
     [("good_air_days", "actual", 298.0, "day"), ("good_air_days", "change", 12.0, "day")]),
    # not a count of places or of stations named with the word
    ("全市14个县优良天数均超过300天。", [("good_air_days", "actual", 300.0, "day")]),
    ("全市共建成8个优良天气监测点。", []),
    # days still to reach a goal are no count of good days
    ("若要完成目标，后期还需要完成52天优良天。", []),
])
def test_good_days_counted_before_their_noun(text, expected):
    assert rows(text) == expected


def test_feedback_items_counted_before_their_noun():
    # 33项…反馈意见: the count stands before the inspection's feedback it counts
    assert rows("截至目前，26项省环保督察反馈意见已完成整改21项。") == [
        ("inspection_issues", "actual", 26.0, "count"), ("inspection_issues_closed", "actual", 21.0, "count")]


@pytest.mark.parametrize("text,expected", [
    # a count closing a list of pollutants is no value and does not cut the list from its values;
    # the list's earlier values (从2015年的…) are no values of this period; where the movement
    # ends pairs with the same names in the same order, and so do the changes
    ("PM10、SO2、NO2三项污染物平均浓度从2015年的98、21、47微克/立方米，分别下降到2020年的63、8、31微克/立方米，"
     "分别下降35.7%、61.9%、34.0%。",
     [("pm10", "actual", 63.0, "ug/m3"), ("pm10", "change", -35.7, "%")]),
    ("PM10、二氧化硫两项污染物平均浓度分别为63、8微克/立方米。", [("pm10", "actual", 63.0, "ug/m3")]),
])
def test_a_list_of_pollutants_with_its_count_and_its_earlier_values(text, expected):
    assert rows(text) == expected


def test_a_class_bound_with_xiangying_is_no_class():
    # 达到或优于相应Ⅱ类水质标准: a bound (what the sources must meet), no source's class
    assert rows("全县甲水库、乙水库、丙河水源地水质全部达到或优于相应Ⅱ类水质标准。") == []
    assert rows("甲河口断面水质达到Ⅱ类。") == [("water_section_class", "actual", 2.0, "class")]
