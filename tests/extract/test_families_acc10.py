"""Families of phrasing from issue 10, tenth pass (general rules, not any report's text): each
sentence is invented for this file and its expected rows are worked out by reading it."""

import pytest
from indicator_rows import rows


@pytest.mark.parametrize("text,expected", [
    # a unit restated in brackets before the separator keeps the list of a 分别 together
    ("全年PM2.5、PM10年均浓度分别为29ug/m3(微克/立方米)和51 ug/m3(微克/立方米)。",
     [("pm25", "actual", 29.0, "ug/m3"), ("pm10", "actual", 51.0, "ug/m3")]),
    ("PM10、PM2.5平均浓度分别为66μg/m³（微克每立方米）、37μg/m³（微克每立方米）。",
     [("pm10", "actual", 66.0, "ug/m3"), ("pm25", "actual", 37.0, "ug/m3")]),
    # and so do items of a 分别 list written with spaces between them
    ("力争PM2.5、PM10年平均浓度分别下降至 48ug/m3 70ug/m3。",
     [("pm25", "target", 48.0, "ug/m3"), ("pm10", "target", 70.0, "ug/m3")]),
    # a bracket with a figure of its own is an aside, not a restated unit
    ("PM2.5浓度为35微克/立方米（同比下降5%）和去年持平。",
     [("pm25", "actual", 35.0, "ug/m3"), ("pm25", "change", -5.0, "%")]),
])
def test_a_respective_list_holds_over_restated_units_and_spaces(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # 宗 counts petitions an inspection team hands over, as it counts cases
    ("省环保督察组交办的76宗信访件已办结70宗。",
     [("inspection_issues", "actual", 76.0, "count"), ("inspection_issues_closed", "actual", 70.0, "count")]),
    # a partly closed count (阶段性办结) is no closed count
    ("中央督察组交办的第五批41件信访举报件，已办结30件，阶段性办结9件。",
     [("inspection_issues", "actual", 41.0, "count"), ("inspection_issues_closed", "actual", 30.0, "count")]),
    # 处罚 before an amount of money is the penalty amount (a count after it stays a count)
    ("全年立案查处环境违法案件204宗，处罚1830.5万元，同比增长12%。",
     [("penalty_cases", "actual", 204.0, "count"), ("penalty_amount", "actual", 1830.5, "万元"),
      ("penalty_amount", "change", 12.0, "%")]),
    ("共立案处罚企业12家。", [("penalty_cases", "actual", 12.0, "count")]),
])
def test_inspection_counts_and_penalties_in_other_words(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a goal in brackets after the value (考核任务为…) is the goal of that value's indicator
    ("全县优良天数比率达98.6%(考核任务为97.5%),PM2.5浓度为22微克/立方米(考核任务为25微克/立方米)。",
     [("good_air_ratio", "actual", 98.6, "%"), ("good_air_ratio", "target", 97.5, "%"),
      ("pm25", "actual", 22.0, "ug/m3"), ("pm25", "target", 25.0, "ug/m3")]),
    # a change against a goal (较本年度目标值下降…) is a margin, no change of the period
    ("PM2.5平均浓度为26ug/m3,较去年同期下降6.4%,较本年度目标值下降8.1%。",
     [("pm25", "actual", 26.0, "ug/m3"), ("pm25", "change", -6.4, "%")]),
    ("优良天数比例为91.2%，比省定目标值提高2.2个百分点，同比提高1.5个百分点。",
     [("good_air_ratio", "actual", 91.2, "%"), ("good_air_ratio", "change", 1.5, "pp")]),
    # a class range from Ⅱ to Ⅲ is a share of good sections
    ("1-6月,全市Ⅱ类-Ⅲ类水质断面占41.5%,同比上升12.2%;劣Ⅴ类断面占4.1%。",
     [("good_water_ratio", "actual", 41.5, "%"), ("good_water_ratio", "change", 12.2, "%")]),
    # petitions an inspection team handed over, named after the count (…件群众信访举报案件)
    ("中央督察整改扎实推进。52件群众信访举报案件已全部办结销号。",
     [("inspection_issues", "actual", 52.0, "count")]),
])
def test_goals_margins_class_ranges_and_petitions(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # 持平 followed by the change written out (略微下降了0.8%) gives that change, not a 0
    ("空气优良率为82.3%,与2018年同期相比基本持平,略微下降了0.8%。",
     [("good_air_ratio", "actual", 82.3, "%"), ("good_air_ratio", "change", -0.8, "%")]),
    ("PM10浓度为58微克/立方米，同比持平。",
     [("pm10", "actual", 58.0, "ug/m3"), ("pm10", "change", 0.0, "%")]),
    # a bare ratio with 考核 before it or 稳定 after it takes its subject from the clause before
    ("甲河集中式饮用水源地水质达到Ⅲ类及以上,达标率稳定100%。", [("drinking_water_ratio", "actual", 100.0, "%")]),
    # surface water's 合格率 is a share of good sections, drinking water's its own
    ("全县地表水水质合格率100%,饮用水水质合格率100%。",
     [("good_water_ratio", "actual", 100.0, "%"), ("drinking_water_ratio", "actual", 100.0, "%")]),
])
def test_flat_changes_bare_ratios_and_pass_rates(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a short line ended by its verb goes on with the value on the next line (a PDF's layout)
    ("全市城区有效监测\n365 天,达标天数为\n281 天,达标比例为 77.0%。",
     [("good_air_days", "actual", 281.0, "day"), ("good_air_ratio", "actual", 77.0, "%")]),
    # a short line ended by a heading word does not
    ("一、空气质量达标\n92个点位完成监测。", []),
    # 功能达标率 of the sections is a good-water share
    ("市控以上断面水质优良率为85.7%,功能达标率100%。",
     [("good_water_ratio", "actual", 85.7, "%"), ("good_water_ratio", "actual", 100.0, "%")]),
])
def test_lines_ended_by_a_verb_and_function_attainment(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a value that a higher level set (省政府下达的…) is that level's goal
    ("全年PM10浓度为50微克/立方米,低于省政府下达的55微克/立方米。",
     [("pm10", "actual", 50.0, "ug/m3"), ("pm10", "target", 55.0, "ug/m3")]),
    ("优良天数比率89.6%,PM2.5浓度均值38微克/立方米,均完成自治区下达的88.0%和41微克/立方米的目标任务。",
     [("good_air_ratio", "actual", 89.6, "%"), ("pm25", "actual", 38.0, "ug/m3"),
      ("good_air_ratio", "target", 88.0, "%"), ("pm25", "target", 41.0, "ug/m3")]),
    # a drinking source's 优良率 is the drinking-water ratio
    ("全市4个水厂水源地优良率达到100%。", [("drinking_water_ratio", "actual", 100.0, "%")]),
])
def test_goals_set_by_a_higher_level_and_source_ratios(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # right after 低于/高于…目标值, a figure of the compared value's size on the side the words say
    # is the goal itself; a small one (or one on the wrong side) is the margin
    ("PM10年均浓度为83微克/立方米,低于市定目标值95微克/立方米;优良天数为220天,超出目标值5天。",
     [("pm10", "actual", 83.0, "ug/m3"), ("pm10", "target", 95.0, "ug/m3"), ("good_air_days", "actual", 220.0, "day")]),
    ("重度及以上污染天数为8天,低于目标值4天。", [("heavy_pollution_days", "actual", 8.0, "day")]),
    ("PM2.5浓度为30微克/立方米,低于省定目标值8微克/立方米。", [("pm25", "actual", 30.0, "ug/m3")]),
    ("优良天数比例为91%,高于省定目标值85%。",
     [("good_air_ratio", "actual", 91.0, "%"), ("good_air_ratio", "target", 85.0, "%")]),
])
def test_a_goal_named_in_a_comparison_or_its_margin(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # 处罚 right before a count is the penalty cases, before money the amount; 处罚家数 names the cases
    ("上半年,全市大气类环境违法行为处罚76件、行政处罚金额524.95万元,相比上年同期处罚家数、行政处罚金额数分别增长52.26%和37.53%。",
     [("penalty_cases", "actual", 76.0, "count"), ("penalty_amount", "actual", 524.95, "万元"),
      ("penalty_cases", "change", 52.26, "%"), ("penalty_amount", "change", 37.53, "%")]),
    # a proposed penalty stays out (拟处罚)
    ("对3家企业拟处罚。", []),
])
def test_penalty_counts_named_by_chufa(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # days the air quality 达标 are the good-air days
    ("今年以来空气质量累计达标113天,同比上升1.2%。",
     [("good_air_days", "actual", 113.0, "day"), ("good_air_days", "change", 1.2, "%")]),
    # 地表水…达标率 is the sections', beside the drinking sources' own
    ("饮用水源地水质达标率为100%,地表水水质达标率为95.83%。",
     [("drinking_water_ratio", "actual", 100.0, "%"), ("good_water_ratio", "actual", 95.83, "%")]),
    # petitions an inspection team 转交 (hands over)
    ("中央督察组累计转交信访件8批223件。", [("inspection_issues", "actual", 223.0, "count")]),
])
def test_attained_days_surface_water_and_handed_over_petitions(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a count's measure word (2条, 3座) is no part of the section's name
    ("2条省控河流水质均值均达到Ⅳ类。", [("water_section_class", "actual", 4.0, "class", "")]),
    ("全县3座水库水质均为Ⅱ类。", [("water_section_class", "actual", 2.0, "class", "水库")]),
])
def test_a_measure_word_is_no_qualifier(text, expected):
    assert rows(text, qualifier=True) == expected


@pytest.mark.parametrize("text,expected", [
    # 处理 petitions is handling them (received); 已处理 is closing them
    ("全年共处理群众信访举报335件,办结率100%。",
     [("complaints_received", "actual", 335.0, "count"), ("complaints_closed_ratio", "actual", 100.0, "%")]),
    ("已处理信访投诉120件。", [("complaints_closed", "actual", 120.0, "count")]),
])
def test_handled_petitions(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a range's first end written with a long dash (1—33批) is no count of its own
    ("中央第二生态环境保护督察组转办的1—33批224件信访件,已办结97件。",
     [("inspection_issues", "actual", 224.0, "count"), ("inspection_issues_closed", "actual", 97.0, "count")]),
    # batches (批) count no petitions
    ("市信访部门共受理信访件二十八批。", []),
])
def test_batches_and_their_ranges_count_no_petitions(text, expected):
    assert rows(text) == expected


def test_closed_petitions_named_before_the_count():
    # 办结…信访举报 N件 is the closed count, as 受理…信访举报 N件 is the received one; an inspection
    # named in the paragraph does not make ordinary petitions the team's (they were closed through
    # the hotline after it left, no team handed them over)
    assert rows("全省办结群众环境信访举报3571件,办结率99.6%。") == [
        ("complaints_closed", "actual", 3571.0, "count"), ("complaints_closed_ratio", "actual", 99.6, "%")]
    assert rows("中央环保督察组进驻结束后，全省通过12369热线办结群众环境信访举报2571件。") == [
        ("complaints_closed", "actual", 2571.0, "count")]
