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
