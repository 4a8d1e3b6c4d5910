"""Families of phrasing from issue 10, seventh pass (general rules, not any report's text): each
sentence is invented for this file and its expected rows are worked out by reading it."""

import pytest

from indicator_rows import rows


@pytest.mark.parametrize("text,expected", [
    # a number right after the period it is compared with is that period's value (the base),
    # not the change that follows it
    ("PM10平均浓度为48微克/立方米，较2019年同期51微克/立方米下降5.8%。",
     [("pm10", "actual", 48.0, "ug/m3"), ("pm10", "change", -5.8, "%")]),
    ("城区优良天数比例为92.8%，较上年同期93.3%下降0.5个百分点。",
     [("good_air_ratio", "actual", 92.8, "%"), ("good_air_ratio", "change", -0.5, "pp")]),
    ("全年优良天数为320天，比去年301天增加19天。",
     [("good_air_days", "actual", 320.0, "day"), ("good_air_days", "change", 19.0, "day")]),
    # while a change written right after its comparison stays a change
    ("全年优良天数为320天，比上年增加19天。",
     [("good_air_days", "actual", 320.0, "day"), ("good_air_days", "change", 19.0, "day")]),
    ("PM2.5平均浓度较2015年下降25.3%。", [("pm25", "change", -25.3, "%")]),
])
def test_the_value_of_the_period_compared_with_is_no_change(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a page's date line (2022-04-20 22:00) holds no counts, though a count cue stands before it
    ("督察组向我省转办第十批信访件\n发布时间 2022-04-20 22:00 来源：省生态环境厅\n本批次共转办信访件56件。",
     [("inspection_issues", "actual", 56.0, "count")]),
    ("督察组交办信访件 2021/9/3 已办结信访件30件。", [("inspection_issues_closed", "actual", 30.0, "count")]),
    # while a pollutant's name and a colon before its value are no time of day (PM10：35)
    ("PM10：35微克/立方米，NO2:25微克/立方米，PM2.5：22微克/立方米。",
     [("pm10", "actual", 35.0, "ug/m3"), ("pm25", "actual", 22.0, "ug/m3")]),
])
def test_a_date_line_holds_no_figure(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a bare 任务 after a count names what is counted (10项任务整改到位), no goal
    ("督察反馈问题15项，已有10项任务整改到位。",
     [("inspection_issues", "actual", 15.0, "count"), ("inspection_issues_closed", "actual", 10.0, "count")]),
    # while a goal word after a figure still makes it a goal
    ("优良天数比例达到87%，高于省定85%的考核要求。",
     [("good_air_ratio", "actual", 87.0, "%"), ("good_air_ratio", "target", 85.0, "%")]),
    ("PM2.5平均浓度控制在35微克/立方米以内的年度目标任务。", [("pm25", "target", 35.0, "ug/m3")]),
])
def test_a_counted_task_is_no_goal(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a share of what a ratio excludes is none of the ratio's: the share of polluted days, the
    # share of 劣Ⅴ sections
    ("全年优良天数320天，轻度污染天气占总监测天数的2.5%。", [("good_air_days", "actual", 320.0, "day")]),
    ("河流水质达到或优于Ⅲ类标准的比例为82.9%，劣Ⅴ类的比例占7.6%。", [("good_water_ratio", "actual", 82.9, "%")]),
    # while a share of the count itself is its ratio
    ("全年优良天数320天，占总监测天数的87.7%。",
     [("good_air_days", "actual", 320.0, "day"), ("good_air_ratio", "actual", 87.7, "%")]),
    ("Ⅰ～Ⅲ类水质断面12个，占85.7%。", [("good_water_ratio", "actual", 85.7, "%")]),
])
def test_a_share_of_what_a_ratio_excludes(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # days that miss the standard are no good days (不达标天数 holds 达标天数)
    ("优良天数增加13天，不达标天数减少14天。", [("good_air_days", "change", 13.0, "day")]),
    ("全年空气质量达标天数为330天，未达标天数35天。", [("good_air_days", "actual", 330.0, "day")]),
])
def test_days_missing_the_standard_are_no_good_days(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a class followed by a count names a category of sections (Ⅲ类2个), no section's class
    ("全市23个断面中，Ⅱ类水质断面20个、Ⅲ类2个、Ⅳ类1个。", []),
    # while a section's own class stays
    ("甲河断面水质为Ⅲ类，乙河断面为Ⅱ类。",
     [("water_section_class", "actual", 3.0, "class"), ("water_section_class", "actual", 2.0, "class")]),
])
def test_a_counted_class_is_a_category(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a 水源 or 集中式 source is a drinking source, though the text says neither 饮用水 nor 水源地
    ("县级以上集中式水源水质达标率100%，农村“千吨万人”水源水质达标率94.8%。",
     [("drinking_water_ratio", "actual", 100.0, "%"), ("drinking_water_ratio", "actual", 94.8, "%")]),
    # while a river's 水质达标率 stays a share of sections, also beside other 水源 or 集中式 words
    ("主要河流水质达标率为92.3%。", [("good_water_ratio", "actual", 92.3, "%")]),
    ("加强水源涵养林建设，全县主要河流水质达标率为92.3%。", [("good_water_ratio", "actual", 92.3, "%")]),
    ("全县主要河流水质达标率为92.3%，集中式污水处理厂稳定运行。", [("good_water_ratio", "actual", 92.3, "%")]),
])
def test_a_drinking_source_named_as_a_source(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # 优良天气比例 is the share of good air days, never a share of water sections
    ("全市优良天气比例为97.2%，同比上升1.5个百分点。",
     [("good_air_ratio", "actual", 97.2, "%"), ("good_air_ratio", "change", 1.5, "pp")]),
    ("断面水质优良比例为90%。", [("good_water_ratio", "actual", 90.0, "%")]),
])
def test_good_weather_is_good_air(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a list of changes right after a list of as many values goes with them in order, though
    # 分别 is not repeated before the changes
    ("可吸入颗粒物（PM10）、细颗粒物（PM2.5）浓度分别为70微克/立方米、44微克/立方米，较2017年下降10.3%、12.0%。",
     [("pm10", "actual", 70.0, "ug/m3"), ("pm25", "actual", 44.0, "ug/m3"),
      ("pm10", "change", -10.3, "%"), ("pm25", "change", -12.0, "%")]),
    # and a base named with a part of the year (较2018年上半年同期153天…) is no change either
    ("上半年优良天数比例为92.3%，较2018年上半年同期84.5%提高7.8个百分点。",
     [("good_air_ratio", "actual", 92.3, "%"), ("good_air_ratio", "change", 7.8, "pp")]),
    ("PM2.5浓度为40微克/立方米，较2018年1-6月44微克/立方米下降9.1%。",
     [("pm25", "actual", 40.0, "ug/m3"), ("pm25", "change", -9.1, "%")]),
])
def test_changes_listed_after_their_values(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a class whose sections are then counted or shared out names a category, no section's class
    ("9个监测断面中，达到Ⅱ类水质的断面6个，达到Ⅲ类水质的断面2个，达到Ⅳ类水质的断面1个。", []),
    ("全县水质为Ⅱ类的断面有6个。", []),
    ("全市12个断面中，水质达到Ⅲ类的断面比例为83.3%。", [("good_water_ratio", "actual", 83.3, "%")]),
    # while the sections a class is stated for still get it
    ("水质为Ⅲ类的断面分别为青石桥、柳河口。",
     [("water_section_class", "actual", 3.0, "class"), ("water_section_class", "actual", 3.0, "class")]),
])
def test_a_class_whose_sections_are_counted_is_a_category(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # the number of a table, figure or annex (见附表1, 详见表2) is no value of the indicator before it
    ("按照常规六项污染物综合指数排名（见附表1），7个旗县区环境空气质量由好至差依次为：甲旗、乙旗。", []),
    ("全市PM2.5平均浓度为32微克/立方米（详见表2）。", [("pm25", "actual", 32.0, "ug/m3")]),
    # while 代表 is no table (企业代表31人 keeps its count)
    ("共检查企业代表单位31家。", [("enterprises_inspected", "actual", 31.0, "count")]),
])
def test_an_exhibit_number_is_no_value(text, expected):
    assert rows(text) == expected
