"""Families of phrasing from issue 10, eighth pass (general rules, not any report's text): each
sentence is invented for this file and its expected rows are worked out by reading it."""

import pytest

from indicator_rows import rows


@pytest.mark.parametrize("text,expected", [
    # a change in days after a count and its share is the count's, not the share's
    ("全年城区空气质量优良天数为331天，占有效监测天数的90.7%，较上年增加6天。",
     [("good_air_days", "actual", 331.0, "day"), ("good_air_ratio", "actual", 90.7, "%"),
      ("good_air_days", "change", 6.0, "day")]),
    ("优良天数比例为88.2%，同比减少4天。",
     [("good_air_ratio", "actual", 88.2, "%"), ("good_air_days", "change", -4.0, "day")]),
    # while a clause that counts days of its own (优的天数) keeps its change to itself
    ("优良天数比例为95.1%，较上年提高2.2个百分点，其中空气质量为优的天数较上年增加9天。",
     [("good_air_ratio", "actual", 95.1, "%"), ("good_air_ratio", "change", 2.2, "pp")]),
])
def test_a_change_in_days_after_a_share_is_the_counts(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # 优Ⅲ (short for 达到或优于Ⅲ类) names the share of good water, and is a bound, no section's class
    ("全市国考断面水质优Ⅲ比例为85.7%，同比上升7.1个百分点。",
     [("good_water_ratio", "actual", 85.7, "%"), ("good_water_ratio", "change", 7.1, "pp")]),
    ("全市集中式饮用水水源地水质优Ⅲ比例为100%。", [("drinking_water_ratio", "actual", 100.0, "%")]),
    ("12个省控断面中，水质优Ⅲ的断面有10个，占83.3%。", [("good_water_ratio", "actual", 83.3, "%")]),
])
def test_you_three_is_the_share_of_good_water(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a percentage of sections followed by the class bound they reach is the share of good water
    ("全市监测的24个断面中87.5%达到Ⅲ类及以上水质，比上年提高4.2个百分点。",
     [("good_water_ratio", "actual", 87.5, "%"), ("good_water_ratio", "change", 4.2, "pp")]),
    ("全省河流断面中,91.3%的断面水质达到或优于Ⅲ类。", [("good_water_ratio", "actual", 91.3, "%")]),
    # while a drinking source's share stays no section share, and 及以上 after a level is no list
    ("全县集中式饮用水水源地100%达到或优于Ⅲ类。", []),
    ("PM2.5浓度为30微克/立方米及以下。", [("pm25", "actual", 30.0, "ug/m3")]),
])
def test_a_share_followed_by_its_class_bound(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # the petitions found true (属实) are a verdict on a subset, no count received or closed
    ("截至目前，已办结案件中属实21件，占比30.4%。", []),
    ("共受理信访举报件120件，其中属实86件。", [("complaints_received", "actual", 120.0, "count")]),
    ("督察组转办的信访件中经核查属实的有33件。", []),
])
def test_petitions_found_true_are_no_count(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a water function zone's compliance (水功能区达标率) is the share of good water
    ("全市12个考核水功能区达标率为91.7%，同比提高8.3个百分点。",
     [("good_water_ratio", "actual", 91.7, "%"), ("good_water_ratio", "change", 8.3, "pp")]),
    ("全县水环境功能区达标率为100%。", [("good_water_ratio", "actual", 100.0, "%")]),
    # while a noise function zone's (声环境功能区, 功能区昼间/夜间) is not
    ("城市声环境功能区达标率为95%。", []),
    ("各类功能区昼间达标率为96.4%，夜间达标率为87.5%。", []),
])
def test_a_water_function_zone_is_good_water(text, expected):
    assert rows(text) == expected



def test_figures_under_a_goals_heading_are_targets(tmp_path):
    from ecoanalysis import read_corpus

    t = ("某市2012年环境保护工作安排\n改善环境质量是今年工作的重点。\n一、工作目标\n"
         "（一）环境质量目标。全市空气质量优良天数达到320天以上，集中式饮用水源地水质达标率达到100%。\n"
         "二、工作措施\n（一）加强大气污染防治。")
    (tmp_path / "a.txt").write_text(t, encoding="utf-8")
    ind = read_corpus(tmp_path, cache=False).indicators
    assert ind[["indicator", "kind", "value"]].values.tolist() == [
        ["good_air_days", "target", 320.0], ["drinking_water_ratio", "target", 100.0]]


@pytest.mark.parametrize("text,expected", [
    # a bureau's own daily patrols (日常巡查) are no inspection team: its petitions stay complaints
    ("坚持日常巡查与暗查相结合。全年受理环境信访投诉120件，办结118件。",
     [("complaints_received", "actual", 120.0, "count"), ("complaints_closed", "actual", 118.0, "count")]),
    # while a patrol or inspection team's hand-overs (巡查组, 巡察组) are inspection issues
    ("环保巡查组交办信访件20件，已办结18件。",
     [("inspection_issues", "actual", 20.0, "count"), ("inspection_issues_closed", "actual", 18.0, "count")]),
    ("市委第二巡察组反馈问题15个，已完成整改12个。",
     [("inspection_issues", "actual", 15.0, "count"), ("inspection_issues_closed", "actual", 12.0, "count")]),
])
def test_daily_patrols_are_no_inspection_team(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a level's change written in 个百分点 is kept as written when its own words name the level
    ("2010年可吸入颗粒物浓度为0.078毫克/立方米，可吸入颗粒物浓度同比降低7.14个百分点。",
     [("pm10", "actual", 78.0, "ug/m3"), ("pm10", "change", -7.14, "pp")]),
    ("PM2.5浓度同比下降5.2个百分点，O3浓度同比上升3个百分点。",
     [("pm25", "change", -5.2, "pp"), ("o3", "change", 3.0, "pp")]),
    # while a bare 个百分点 change after a level is no change of that level
    ("臭氧浓度为160微克/立方米，同比下降2个百分点。", [("o3", "actual", 160.0, "ug/m3")]),
])
def test_a_levels_change_in_percentage_points_named_by_its_own_words(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("table,expected", [
    # a flattened table (cells split by |) with a goal column: the goal's class is a target
    ("断面名称 | 断面 类型 | 控制 级别 | 功能 目标 | 5月 水质 |\n甲桥 | 河流 | 省控 | Ⅲ类 | Ⅱ |\n乙桥 | 河流 | 县控 | Ⅱ类 | Ⅱ |\n",
     [("water_section_class", "target", 3.0, "class"), ("water_section_class", "actual", 2.0, "class"),
      ("water_section_class", "target", 2.0, "class"), ("water_section_class", "actual", 2.0, "class")]),
    # whichever side of the found class the goal's column stands
    ("断面名称 | 断面 类型 | 控制 级别 | 5月 水质 | 功能 目标 |\n甲桥 | 河流 | 省控 | Ⅱ | Ⅲ类 |\n",
     [("water_section_class", "actual", 2.0, "class"), ("water_section_class", "target", 3.0, "class")]),
    # a table with no goal column keeps its classes as found
    ("断面名称 | 断面 类型 | 控制 级别 | 4月 水质 | 5月 水质 |\n甲桥 | 河流 | 省控 | Ⅲ类 | Ⅱ |\n",
     [("water_section_class", "actual", 3.0, "class"), ("water_section_class", "actual", 2.0, "class")]),
])
def test_the_goal_column_of_a_flattened_table(table, expected):
    assert rows("附表 2024年5月某县地表水监测断面水质状况表\n" + table) == expected


@pytest.mark.parametrize("text,expected", [
    # 5万余件 near a penalty word is 50,000 cases, not 5万元 and a count with no number
    ("全省共完成行政处罚案件5万余件，罚款22亿余元。",
     [("penalty_cases", "actual", 50000.0, "count"), ("penalty_amount", "actual", 220000.0, "万元")]),
    ("全年处罚案件3万多起。", [("penalty_cases", "actual", 30000.0, "count")]),
    # while a bare 万 after a penalty word is still money
    ("全年罚款15万。", [("penalty_amount", "actual", 15.0, "万元")]),
])
def test_ten_thousand_and_more_of_a_count_is_no_money(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # the ends of a ranking after the value that names it: its values, one row per place named,
    # and its changes in the direction the ranking words give
    ("2022年3月，全市PM2.5平均浓度为41微克/立方米。各县区中浓度最低的是甲县，为33微克/立方米；"
     "最高的是乙区和丙区，为49微克/立方米。各县区同比均有改善，改善幅度最大的是丁县，为21.5%。",
     [("pm25", "actual", 41.0, "ug/m3"), ("pm25", "actual", 33.0, "ug/m3"), ("pm25", "actual", 49.0, "ug/m3"),
      ("pm25", "actual", 49.0, "ug/m3"), ("pm25", "change", -21.5, "%")]),
    ("优良天数比例为80.3%，最好的城市是戊市，为93.1%；同比上升幅度最大的城市是己市，为12.4%。",
     [("good_air_ratio", "actual", 80.3, "%"), ("good_air_ratio", "actual", 93.1, "%"),
      ("good_air_ratio", "change", 12.4, "%")]),
    # while a ranking with nothing before it in its paragraph names no indicator
    ("各县区中浓度最高的是乙区，为49微克/立方米。", []),
])
def test_the_ends_of_a_ranking(text, expected):
    assert rows(text) == expected
