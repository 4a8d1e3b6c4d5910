"""Families of phrasing from issue 10, thirteenth pass (general rules, not any report's text): each
sentence is invented for this file and its expected rows are worked out by reading it."""

import pytest
from indicator_rows import rows


@pytest.mark.parametrize("text,expected", [
    # a pollutant outside the catalog named right before its change, in a list of changes
    ("全县臭氧浓度同比上升9.1%、PM10上升2.6%、二氧化氮上升0.8%。",
     [("o3", "change", 9.1, "%"), ("pm10", "change", 2.6, "%")]),
    ("PM2.5下降4.4%、二氧化硫浓度下降11.0%、一氧化碳下降7.5%。",
     [("pm25", "change", -4.4, "%")]),
    # a catalog pollutant last in such a list is still its own
    ("二氧化氮上升0.8%、PM10上升2.6%。",
     [("pm10", "change", 2.6, "%")]),
])
def test_a_pollutant_outside_the_catalog_in_a_list_of_changes(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # what is still owed before a goal is no value
    ("截至9月底，全市优良天数为180天，距离省定的230天目标还“欠”50天。",
     [("good_air_days", "actual", 180.0, "day"), ("good_air_days", "target", 230.0, "day")]),
    ("今年以来我县优良天数还欠31天，任务艰巨。", []),
    # 欠 with no 还 before it is not read as a shortfall (nothing is said of it)
    ("全县优良天数为200天。", [("good_air_days", "actual", 200.0, "day")]),
])
def test_a_shortfall_still_owed(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a space between a class range and its 类 (web and PDF spacing)
    ("全省48个国考断面I-III 类水体比例达到71.2%，同比提高4.5个百分点。",
     [("good_water_ratio", "actual", 71.2, "%"), ("good_water_ratio", "change", 4.5, "pp")]),
    ("全市Ⅰ-Ⅲ 类水体比例为80.0%。", [("good_water_ratio", "actual", 80.0, "%")]),
])
def test_a_space_before_the_class_word(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # the standard a water is evaluated by names no class of it, over the standard's title and code
    ("饮用水源地水质按《地表水环境质量标准》(GB3838-2002)Ⅲ类标准进行评价，全年水质达标率100%。",
     [("drinking_water_ratio", "actual", 100.0, "%")]),
    ("水质依据《地表水环境质量标准》Ⅲ类评价。", []),
    # the class a water reaches, named with the same title, is its class
    ("甲江出境断面水质稳定达到《地表水环境质量标准》(GB3838-2002)Ⅱ类标准。",
     [("water_section_class", "actual", 2.0, "class")]),
    # a class that is done away with names no section's class
    ("国考断面新出现的2个劣Ⅴ类全部消除。", []),
    ("新出现的2个劣Ⅴ类断面全部消除。", []),
    ("全县劣V类水体已消除，断面水质为Ⅲ类。", [("water_section_class", "actual", 3.0, "class")]),
])
def test_classes_that_are_standards_or_done_away_with(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("全县13个乡镇平均优良天数达标率88.2%，同比下降1.3个百分点。",
     [("good_air_ratio", "actual", 88.2, "%"), ("good_air_ratio", "change", -1.3, "pp")]),
    ("去年全市空气质量良好天数占97.5%。", [("good_air_ratio", "actual", 97.5, "%")]),
    # a share after a 、 that joins it to the count of days
    ("2019年，全县空气质量达标301天、比例为82.5%。",
     [("good_air_days", "actual", 301.0, "day"), ("good_air_ratio", "actual", 82.5, "%")]),
    # days counted as 蓝天, quoted or not
    ("全年共有340个“蓝天”，比上年多5个。", [("good_air_days", "actual", 340.0, "day")]),
    ("全年收获312个蓝天，空气质量持续改善。", [("good_air_days", "actual", 312.0, "day")]),
    # but not 蓝天 as part of a name
    ("完成3个蓝天保卫战重点项目。", []),
])
def test_good_air_variants(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a bare share of the count before keeps that count as the host of the change after it
    ("重度及以上污染天数9天，占比2.5%，同比减少4天。",
     [("heavy_pollution_days", "actual", 9.0, "day"), ("heavy_pollution_days", "change", -4.0, "day")]),
    ("重污染天数6天，占全年的1.6%，同比增加2天。",
     [("heavy_pollution_days", "actual", 6.0, "day"), ("heavy_pollution_days", "change", 2.0, "day")]),
    # a level of something else between them still ends the host
    ("重污染天数6天，二氧化硫浓度9微克/立方米，同比增加2天。",
     [("heavy_pollution_days", "actual", 6.0, "day")]),
])
def test_a_bare_share_keeps_the_count_as_host(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a goal required in brackets after a margin
    ("全市优良天数比例92.1%，超额完成年度目标5个百分点（省上要求达到87.1%以上）。",
     [("good_air_ratio", "actual", 92.1, "%"), ("good_air_ratio", "target", 87.1, "%")]),
    # what was done as required is no goal
    ("全县按要求完成整改，城区优良天数比例为90.2%。", [("good_air_ratio", "actual", 90.2, "%")]),
])
def test_a_goal_required_in_brackets(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("向城区供水的水源地水质优良比例达100%。", [("drinking_water_ratio", "actual", 100.0, "%")]),
    ("全县地表水水质优良比例为85.7%，集中式饮用水水源地水质优良比例为100%。",
     [("good_water_ratio", "actual", 85.7, "%"), ("drinking_water_ratio", "actual", 100.0, "%")]),
])
def test_a_drinking_source_good_ratio(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # one ratio word shared by two indicators of one priority: the one whose subject words stand in
    # the figure's own part of the sentence (the other's come after a semicolon)
    ("地表水水质状况：甲江干流水质稳定达到Ⅱ类；乙河、丙河等四条支流水质稳定达到水域功能标准，"
     "水质达标率100%；城区饮用水源地水质达标率100%。",
     [("water_section_class", "actual", 2.0, "class"), ("good_water_ratio", "actual", 100.0, "%"),
      ("drinking_water_ratio", "actual", 100.0, "%")]),
    # subject words later in the same part still count (a reservoir that is a drinking source)
    ("甲市乙水库水质达标率为92.0%，其余县市饮用水水源地水质达标率均为100%。",
     [("drinking_water_ratio", "actual", 92.0, "%"), ("drinking_water_ratio", "actual", 100.0, "%")]),
])
def test_a_shared_ratio_word_takes_the_subject_of_its_own_part(text, expected):
    assert rows(text) == expected


def test_a_water_function_class_column_holds_the_goal():
    text = ("各测点水质\n测点 | 功能类别 | 水质类别 | 定类项目 |\n"
            "东湖北 | Ⅳ | Ⅲ | 总磷 |\n湖心 | Ⅳ | Ⅱ | 总磷 |\n")
    assert rows(text) == [("water_section_class", "target", 4.0, "class"),
                          ("water_section_class", "actual", 3.0, "class"),
                          ("water_section_class", "target", 4.0, "class"),
                          ("water_section_class", "actual", 2.0, "class")]


@pytest.mark.parametrize("text,expected", [
    # one change for each level of the sentence, in order; those outside the catalog get no row
    ("六项污染物浓度：SO2为12μg/m3，NO2为30μg/m3，PM10为70μg/m3，PM2.5为40μg/m3，"
     "O3为150μg/m3，较去年同期分别上升-7.7%、3.4%、6.1%、-2.4%、5.6%。",
     [("pm10", "actual", 70.0, "ug/m3"), ("pm25", "actual", 40.0, "ug/m3"), ("o3", "actual", 150.0, "ug/m3"),
      ("pm10", "change", 6.1, "%"), ("pm25", "change", -2.4, "%"), ("o3", "change", 5.6, "%")]),
    # a minus sign after a separator belongs to the next value, which stays in the list
    ("PM2.5、PM10、O3浓度同比分别变化-5.1%、-3.3%、4.0%。",
     [("pm25", "change", -5.1, "%"), ("pm10", "change", -3.3, "%"), ("o3", "change", 4.0, "%")]),
])
def test_changes_paired_with_the_sentence_levels(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("省督察反馈问题18个，达到时限的5个问题已全部完成整改，其余13个问题正在推进。",
     [("inspection_issues", "actual", 18.0, "count"), ("inspection_issues_closed", "actual", 5.0, "count")]),
    ("中央环保督察反馈意见共20个问题，已上报完成12个，正在推进8个。",
     [("inspection_issues", "actual", 20.0, "count"), ("inspection_issues_closed", "actual", 12.0, "count")]),
])
def test_inspection_issues_reported_closed(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # the base of a change named by a range of years and 同期, its value in brackets
    ("秋冬季重污染天数19天，比2016-2017年同期(35天)下降45.7%。",
     [("heavy_pollution_days", "actual", 19.0, "day"), ("heavy_pollution_days", "change", -45.7, "%")]),
    ("PM2.5浓度均值80微克/立方米，比2016-2017年同期(101微克/立方米)下降20.8%。",
     [("pm25", "actual", 80.0, "ug/m3"), ("pm25", "change", -20.8, "%")]),
    ("全市PM2.5浓度均值80微克/立方米，比2016-2017年同期(101微克/立方米)下降20.8%；"
     "重污染天数19天，比2016-2017年同期(35天)下降45.7%。",
     [("pm25", "actual", 80.0, "ug/m3"), ("pm25", "change", -20.8, "%"),
      ("heavy_pollution_days", "actual", 19.0, "day"), ("heavy_pollution_days", "change", -45.7, "%")]),
    # a cubic metre typed as a square one is still a concentration
    ("1-8月，全县PM2.5浓度为35.4μg/m2，同比下降23.71%。",
     [("pm25", "actual", 35.4, "ug/m3"), ("pm25", "change", -23.71, "%")]),
])
def test_year_range_bases_and_a_garbled_cubic_metre(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a list of changes that ends on the goal it is: every item is a goal
    ("全市重污染天数同比下降30.5%，超额完成PM2.5平均浓度同比下降5%、重污染天数同比减少8%的改善目标。",
     [("heavy_pollution_days", "change", -30.5, "%"), ("pm25", "target", -5.0, "%"),
      ("heavy_pollution_days", "target", -8.0, "%")]),
    # a change that merely comes before a goal named later is no goal
    ("PM2.5平均浓度同比下降5%，全面完成省下达的年度改善目标。", [("pm25", "change", -5.0, "%")]),
])
def test_a_list_of_changes_that_is_a_goal(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a class whose sections are counted (仅有, or by a goal) is a category, no section's class
    ("全省劣Ⅴ类断面的控制目标为低于8个，监测显示96个断面中，水质为劣Ⅴ类的断面仅有3个。", []),
    ("水质为Ⅱ类的断面只有4个。", []),
    # a section's class stays
    ("甲河乙桥断面水质为Ⅲ类。", [("water_section_class", "actual", 3.0, "class")]),
])
def test_classes_of_counted_sections(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # complaints not accepted are no complaints received
    ("全年共受理信访投诉230件，办结228件、不受理2件。",
     [("complaints_received", "actual", 230.0, "count"), ("complaints_closed", "actual", 228.0, "count")]),
    ("平台共接举报件15件，已办结9件，不予受理6件。",
     [("complaints_received", "actual", 15.0, "count"), ("complaints_closed", "actual", 9.0, "count")]),
])
def test_complaints_not_accepted(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # items naming only a class of monitoring sections share the last item's name
    ("全市国考、省考断面总磷平均浓度分别为0.071mg/L、0.052mg/L，较2021年分别下降12.3%、9.8%。",
     [("total_phosphorus", "actual", 0.071, "mg/L"), ("total_phosphorus", "actual", 0.052, "mg/L"),
      ("total_phosphorus", "change", -12.3, "%"), ("total_phosphorus", "change", -9.8, "%")]),
    # a class done away with (消除了) is no class
    ("全县3个省控以上断面均消除了劣V类水体。", []),
])
def test_section_classes_as_list_items_and_classes_done_away_with(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a ratio word with its synonym in brackets inside it
    ("全市城区共监测30天，空气质量达标(优良)率为70.0%，较上年同期(60.0%)上升10.0个百分点。",
     [("good_air_ratio", "actual", 70.0, "%"), ("good_air_ratio", "change", 10.0, "pp")]),
    # a class wiped out (消灭) is no class
    ("全县河流支流基本消灭Ⅴ类水质。", []),
])
def test_a_bracketed_synonym_and_a_class_wiped_out(text, expected):
    assert rows(text) == expected
