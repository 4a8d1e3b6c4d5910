"""Families of phrasing from issue 10, ninth pass (general rules, not any report's text): each
sentence is invented for this file and its expected rows are worked out by reading it."""

import pytest
from indicator_rows import rows


@pytest.mark.parametrize("text,expected", [
    # a bare 综合指数 finds its air subject in the next sentence of its paragraph, a hard line
    # break (a PDF's) not ending the paragraph
    ("1-8月，我县综合指数为4.21，\n在全市排名第3位；PM2.5平均浓度为38微克/立方米。",
     [("air_quality_index", "actual", 4.21, "index"), ("pm25", "actual", 38.0, "ug/m3")]),
    ("本月我区综合指数为3.66，同比下降8.1%；PM10浓度为61微克/立方米。",
     [("air_quality_index", "actual", 3.66, "index"), ("air_quality_index", "change", -8.1, "%"),
      ("pm10", "actual", 61.0, "ug/m3")]),
    # or in the heading its paragraph runs on from (大气 is air)
    ("二、大气环境质量\n全市综合指数为4.02，同比改善3.2%。",
     [("air_quality_index", "actual", 4.02, "index"), ("air_quality_index", "change", -3.2, "%")]),
    # but not two sentences on, nor in the next paragraph
    ("我县综合指数为4.21。全年完成造林1.2万亩。PM2.5平均浓度为38微克/立方米。",
     [("pm25", "actual", 38.0, "ug/m3")]),
    ("我县综合指数为4.21。\n全县PM2.5平均浓度为38微克/立方米。", [("pm25", "actual", 38.0, "ug/m3")]),
    # and a water index stays no air index, whatever follows
    ("全市水环境质量综合指数为3.2；PM2.5平均浓度为38微克/立方米。", [("pm25", "actual", 38.0, "ug/m3")]),
])
def test_a_bare_composite_index_reads_its_paragraph(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # N项问题 followed in its clause by a verb of closing is the closed count, not the total
    ("中央生态环境保护督察反馈的24项问题中，18项问题已完成整改，6项正在推进。",
     [("inspection_issues", "actual", 24.0, "count"), ("inspection_issues_closed", "actual", 18.0, "count")]),
    ("省级环保督察交办问题30个，其中28个问题已整改到位。",
     [("inspection_issues", "actual", 30.0, "count"), ("inspection_issues_closed", "actual", 28.0, "count")]),
    # unless the verb governs a number of its own after it: N个问题已完成整改M个
    ("中央环保督察“回头看”反馈的68个问题已完成整改55个。",
     [("inspection_issues", "actual", 68.0, "count"), ("inspection_issues_closed", "actual", 55.0, "count")]),
    # petitions an inspection team forwards (转发) and those 累计完成 since
    ("中央生态环境保护督察组共向我省转发环境问题信访件3719件，目前累计完成3230件。",
     [("inspection_issues", "actual", 3719.0, "count"), ("inspection_issues_closed", "actual", 3230.0, "count")]),
    # a verb after a comma closes the whole total: the total is still the total
    ("中央环保督察组交办的150件信访问题，已全部办结。", [("inspection_issues", "actual", 150.0, "count")]),
])
def test_issues_followed_by_a_closing_verb_are_closed(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # 良好以上 (good or better) names the good-air days and their share, like 优良
    ("空气质量良好以上天数比例为91%。", [("good_air_ratio", "actual", 91.0, "%")]),
    ("全年空气质量良好以上天数为320天，占全年的87.7%。",
     [("good_air_days", "actual", 320.0, "day"), ("good_air_ratio", "actual", 87.7, "%")]),
    # a pollutant's own good days are not
    ("PM2.5良好以上天数比例为95%。", []),
])
def test_good_or_better_days(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a goal named right before its number (…目标85%) is the goal, like 目标为85%
    ("PM2.5浓度目标38微克/立方米，实际为35微克/立方米。",
     [("pm25", "target", 38.0, "ug/m3"), ("pm25", "actual", 35.0, "ug/m3")]),
    # 比 inside 比例 is no comparison with a goal (比例目标85% is a goal, not a margin over one)
    ("优良天数比例目标85%。", [("good_air_ratio", "target", 85.0, "%")]),
    ("全年度优良天数比例目标85%，实际完成88.1%。",
     [("good_air_ratio", "target", 85.0, "%"), ("good_air_ratio", "actual", 88.1, "%")]),
    # while a real margin over a goal still is none
    ("优良天数比例比目标高3.2个百分点。", []),
])
def test_a_goal_named_right_before_its_number(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a unit garbled or written with a one-character symbol is still its unit
    ("PM10均值53?g/m3，较去年同期下降14.5%。",
     [("pm10", "actual", 53.0, "ug/m3"), ("pm10", "change", -14.5, "%")]),
    ("清江桥断面总磷均值浓度0.213㎎/L。", [("total_phosphorus", "actual", 0.213, "mg/L")]),
    # a PDF's stray space inside a long unit
    ("臭氧浓度为168微克/立方 米，同比增长13.5%。", [("o3", "actual", 168.0, "ug/m3"), ("o3", "change", 13.5, "%")]),
    ("PM2.5平均浓度为47μg/m 3，同比改善14.5%。", [("pm25", "actual", 47.0, "ug/m3"), ("pm25", "change", -14.5, "%")]),
    # days written 日; one or two digits before 日 stay a date
    ("全年空气质量优良天数为176日。", [("good_air_days", "actual", 176.0, "day")]),
    ("截至11月30日，全年空气质量优良天数为296天。", [("good_air_days", "actual", 296.0, "day")]),
])
def test_garbled_and_one_character_units(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a change after a rank whose sentence a PDF wrapped (the line ends on a comma or before a
    # bracket) still finds its value earlier in the sentence
    ("PM2.5年均浓度为55μg/m3,全市20个区县排名第7\n(全省并列排名第112),同比下降9.84%。",
     [("pm25", "actual", 55.0, "ug/m3"), ("pm25", "change", -9.84, "%")]),
    ("我县PM2.5年均浓度为55μg/m3,在全市20个区县中排名第7位,\n同比下降9.84%,改善幅度排名第3。",
     [("pm25", "actual", 55.0, "ug/m3"), ("pm25", "change", -9.84, "%")]),
    # a spaced PM 2.5 (a PDF's) is air context for a bare 综合指数
    ("我县综合指数为 5.57,同比下降 11.45%;PM 2.5 年均浓度为 55μg/m3。",
     [("air_quality_index", "actual", 5.57, "index"), ("air_quality_index", "change", -11.45, "%"),
      ("pm25", "actual", 55.0, "ug/m3")]),
])
def test_wrapped_sentences_and_spaced_names(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a class that names the sections after it (有/为, a colon between): one row per section
    ("Ⅰ类水质断面为：威溪水库、虾子溪水厂；Ⅱ类水质断面为：联江村、捞金桥、红光水坝。",
     [("water_section_class", "actual", 1.0, "class", "威溪水库"), ("water_section_class", "actual", 1.0, "class", "虾子溪水厂"),
      ("water_section_class", "actual", 2.0, "class", "联江村"), ("water_section_class", "actual", 2.0, "class", "捞金桥"),
      ("water_section_class", "actual", 2.0, "class", "红光水坝")]),
    ("全县Ⅱ类水质断面有青河桥、柳河口。",
     [("water_section_class", "actual", 2.0, "class", "青河桥"), ("water_section_class", "actual", 2.0, "class", "柳河口")]),
    # while a class whose sections are counted is a category, no section's class
    ("Ⅱ类水质断面有6个，Ⅲ类水质断面有2个。", []),
    ("水质为Ⅱ类的断面有6个。", []),
    # a section's name goes on past its water word (青河桥 is not 青河)
    ("青河桥、柳河口、石门断面水质均为Ⅱ类。",
     [("water_section_class", "actual", 2.0, "class", "青河桥"), ("water_section_class", "actual", 2.0, "class", "柳河口"),
      ("water_section_class", "actual", 2.0, "class", "石门断面")]),
])
def test_a_class_naming_its_sections(text, expected):
    assert rows(text, qualifier=True) == expected


@pytest.mark.parametrize("text,expected", [
    # cases counted in 家次 (enterprise-times) are cases; 执法检查 counts the enterprises inspected
    ("全年立案處罰28家次。", [("penalty_cases", "actual", 28.0, "count")]),
    ("开展执法检查42家次，立案查处5起。",
     [("enterprises_inspected", "actual", 42.0, "count"), ("penalty_cases", "actual", 5.0, "count")]),
    # enterprises counted before the inspection they had (对75家企业进行了执法检查)
    ("对辖区内75家企业进行了执法检查，立案查处3起。",
     [("enterprises_inspected", "actual", 75.0, "count"), ("penalty_cases", "actual", 3.0, "count")]),
    ("出动执法检查人员120人次，执法检查企业42家次。",
     [("enforcement_personnel", "actual", 120.0, "count"), ("enterprises_inspected", "actual", 42.0, "count")]),
])
def test_cases_and_inspections_counted_by_enterprise(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a class named as the control standard right after it is the goal (达到Ⅲ类水质控制标准)
    ("断面均值为Ⅲ类水质，达到Ⅲ类水质控制标准。",
     [("water_section_class", "actual", 3.0, "class"), ("water_section_class", "target", 3.0, "class")]),
    ("青河断面水质为Ⅱ类，达到Ⅲ类水质考核标准。",
     [("water_section_class", "actual", 2.0, "class"), ("water_section_class", "target", 3.0, "class")]),
    # (优于Ⅲ类 is a bound, whatever follows it)
    ("青河断面水质为Ⅱ类，优于Ⅲ类考核标准。", [("water_section_class", "actual", 2.0, "class")]),
])
def test_a_class_named_as_the_control_standard(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a change named by its size alone (降幅为, 升幅分别为) whose subject is the clause before, a
    # clause with no figure of its own
    ("PM2.5浓度同比下降，降幅为12.3%。", [("pm25", "change", -12.3, "%")]),
    ("O3浓度同比上升，升幅为15.1%。", [("o3", "change", 15.1, "%")]),
    ("PM2.5和PM10浓度同比下降，降幅分别为15.6%和10.4%。",
     [("pm25", "change", -15.6, "%"), ("pm10", "change", -10.4, "%")]),
    # pollutants outside the catalog in the list take their places but give no row
    ("PM10、NO2和CO浓度同比下降，降幅分别为5.4%、23.1%和16.7%；SO2和O3浓度同比上升，升幅分别为14.3%和20.0%。",
     [("pm10", "change", -5.4, "%"), ("o3", "change", 20.0, "%")]),
    # a clause before with a figure of its own keeps its own reading
    ("二氧化硫浓度为8微克/立方米，降幅为12.3%。", []),
])
def test_a_change_named_by_its_size_after_its_subject(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # the count that closes a list of sections is no part of the last name
    ("青河桥、柳河口、石门3个断面水质均为Ⅱ类。",
     [("water_section_class", "actual", 2.0, "class", "青河桥"), ("water_section_class", "actual", 2.0, "class", "柳河口"),
      ("water_section_class", "actual", 2.0, "class", "石门")]),
    # a class whose numeral was deleted before 水平 or 标准 is a masked class
    ("青河桥断面水质达到类水平。", [("water_section_class", "actual", None, "class", "青河桥断面")]),
    ("青河桥、柳河口2个断面均达到类标准。",
     [("water_section_class", "actual", None, "class", "青河桥"), ("water_section_class", "actual", None, "class", "柳河口")]),
])
def test_lists_of_sections_closed_by_a_count(text, expected):
    assert rows(text, qualifier=True) == expected


@pytest.mark.parametrize("text,expected", [
    # a minus written on a change's number is its direction (同比-5.1%), and turns a 下降 round
    ("PM2.5浓度为35微克/立方米，同比-5.1%。", [("pm25", "actual", 35.0, "ug/m3"), ("pm25", "change", -5.1, "%")]),
    ("PM2.5浓度为35微克/立方米，同比下降-6.5%。", [("pm25", "actual", 35.0, "ug/m3"), ("pm25", "change", 6.5, "%")]),
    ("优良天数比例为85%，同比－2.1个百分点。", [("good_air_ratio", "actual", 85.0, "%"), ("good_air_ratio", "change", -2.1, "pp")]),
    # a range's dash is no sign
    ("1-6月PM2.5浓度同比下降5.1%。", [("pm25", "change", -5.1, "%")]),
])
def test_a_minus_written_on_a_change(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a goals label with a colon governs its list over the semicolons up to the full stop
    ("明年目标：优良天数比例88%，PM2.5浓度35微克/立方米；国考断面水质优良比例80%。",
     [("good_air_ratio", "target", 88.0, "%"), ("pm25", "target", 35.0, "ug/m3"), ("good_water_ratio", "target", 80.0, "%")]),
    # and so does 考核指标为， before a list of places' goals
    ("2019年各市空气质量考核指标为，甲市优良天数257天，PM2.5浓度为54微克/立方米；乙市优良天数276天。",
     [("good_air_days", "target", 257.0, "day"), ("pm25", "target", 54.0, "ug/m3"), ("good_air_days", "target", 276.0, "day")]),
    # but not past it
    ("明年目标：优良天数比例88%。全年国考断面水质优良比例为80%。",
     [("good_air_ratio", "target", 88.0, "%"), ("good_water_ratio", "actual", 80.0, "%")]),
])
def test_a_goals_label_governs_its_list(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a 分别 list that names pollutants outside the catalog does not share one cue over values it
    # cannot pair up with; a closing bracket separates two items (可吸入颗粒物(PM10)细颗粒物(PM2.5))
    ("与2019年相比，二氧化硫、二氧化氮、可吸入颗粒物(PM10)细颗粒物(PM2.5)年均浓度降幅分别为23.1%、6.7%、16.7%、11.9%。",
     [("pm10", "change", -16.7, "%"), ("pm25", "change", -11.9, "%")]),
    # places still share the cue
    ("市区、县城PM2.5浓度分别为21、18微克/立方米。", [("pm25", "actual", 21.0, "ug/m3"), ("pm25", "actual", 18.0, "ug/m3")]),
    # 优三类 is 优Ⅲ类
    ("全市国考断面优三类比例为83.3%。", [("good_water_ratio", "actual", 83.3, "%")]),
])
def test_lists_of_pollutants_and_bracketed_names(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a rank with a PDF's space after 第 is still a rank, no value; a change after a name and its
    # rank is the name's
    ("环境空气质量综合指数全省第 9位，同比改善 7.9%。", [("air_quality_index", "change", -7.9, "%")]),
    ("环境空气质量综合指数全省第9位，同比改善7.9%。", [("air_quality_index", "change", -7.9, "%")]),
    ("环境空气质量综合指数为4.5，全省第 9位。", [("air_quality_index", "actual", 4.5, "index")]),
])
def test_a_rank_with_a_space_and_a_change_after_it(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a number with no cue right before 的考核要求 is the goal of the sentence's value
    ("全市国考断面水质达标率为91.67%，符合污染防治攻坚战86.7%的考核要求。",
     [("good_water_ratio", "actual", 91.67, "%"), ("good_water_ratio", "target", 86.7, "%")]),
])
def test_a_goal_named_after_its_number(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # lower or higher than a named year (较2022年低3ug/m3) gives the change its direction
    ("PM2.5年平均浓度为25ug/m3，较2022年低3ug/m3。", [("pm25", "actual", 25.0, "ug/m3"), ("pm25", "change", -3.0, "ug/m3")]),
    ("优良天数比例为90%，较2022年高2.1个百分点。", [("good_air_ratio", "actual", 90.0, "%"), ("good_air_ratio", "change", 2.1, "pp")]),
])
def test_lower_or_higher_than_a_named_year(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # 明年 (next year) at a clause start and 要…达到 with an adverb between are goals
    ("明年，全市PM2.5平均浓度降至35微克/立方米以下。", [("pm25", "target", 35.0, "ug/m3")]),
    ("考核断面水质优良比例要稳定达到75%。", [("good_water_ratio", "target", 75.0, "%")]),
    # while a plain 稳定达到, with no 要 before it, is observed
    ("考核断面水质优良比例稳定达到75%。", [("good_water_ratio", "actual", 75.0, "%")]),
])
def test_next_year_and_must_reach_are_goals(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a goal word inside a bracketed aside closed before the figure does not govern it
    ("PM2.5平均浓度29微克/立方米（全年考核目标平均浓度不高于34微克/立方米），青河断面水质年均达到Ⅱ类。",
     [("pm25", "actual", 29.0, "ug/m3"), ("pm25", "target", 34.0, "ug/m3"), ("water_section_class", "actual", 2.0, "class")]),
    # the figure after 目标 inside the aside is still the goal, and a goal before the aside governs on
    ("力争全年PM2.5平均浓度降至34微克/立方米（同比下降5%），优良天数比例达到88%。",
     [("pm25", "target", 34.0, "ug/m3"), ("pm25", "target", -5.0, "%"), ("good_air_ratio", "target", 88.0, "%")]),
    # water that meets the standard in full: 100%达标
    ("34个国控、省控考核评价断面水质100%达标。", [("good_water_ratio", "actual", 100.0, "%")]),
    ("全县集中式饮用水水源地水质100%达标。", [("drinking_water_ratio", "actual", 100.0, "%")]),
    ("污水处理厂出水水质100%达标。", []),
])
def test_asides_and_full_compliance(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a name inside an aside after a figure does not name it
    ("中央环保督察期间，按污染类型分，其他污染21件（部分信访件涉及多种污染类型）。", []),
    ("中央环保督察期间，交办21件信访件。", [("inspection_issues", "actual", 21.0, "count")]),
])
def test_a_name_inside_an_aside_after_a_figure(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # 以…为目标 names the goal right before it; it does not turn what follows into goals
    ("以“战练结合，以练促战”为目标，全年检查企业5495家次，立案450起。",
     [("enterprises_inspected", "actual", 5495.0, "count"), ("penalty_cases", "actual", 450.0, "count")]),
    ("以优良天数比例达到85%为目标，全力推进大气污染防治。", [("good_air_ratio", "target", 85.0, "%")]),
])
def test_a_slogan_as_the_goal_governs_nothing_after_it(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # days at grade II (良) or better, in ASCII numerals
    ("10月达到II级(良)以上天数共计31天，占月监测天数的100%。",
     [("good_air_days", "actual", 31.0, "day"), ("good_air_ratio", "actual", 100.0, "%")]),
    # the share of class Ⅳ water is no share of good water
    ("全区15个地表水监测断面Ⅰ—Ⅲ类优良水质所占比例为71.4%，Ⅳ类轻度污染水质所占比例为28.6%。",
     [("good_water_ratio", "actual", 71.4, "%")]),
    ("全市Ⅰ类至Ⅲ类水质断面占比100%。", [("good_water_ratio", "actual", 100.0, "%")]),
    # 未完成整改 is not closed; 查封扣押 cases are no penalty cases
    ("中央环保督察反馈问题中，已完成整改38件，未完成整改2件。", [("inspection_issues_closed", "actual", 38.0, "count")]),
    ("办理查封扣押案件1件、移送拘留案件1件。", []),
    # petitions handed over as 信访举报案件
    ("中央环保督察组交办某县群众信访举报案件36件。", [("inspection_issues", "actual", 36.0, "count")]),
])
def test_grades_classes_and_case_kinds(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a margin measured against a goal named just before it is no value (低于省定目标值8微克,
    # 距离省定目标相差14天), while 比目标值314天 names the goal itself and 目标值 in brackets is the goal
    ("我市PM10平均浓度88微克/立方米，低于省定目标值8微克；优良天数203天，距离省定目标相差14天。",
     [("pm10", "actual", 88.0, "ug/m3"), ("good_air_days", "actual", 203.0, "day")]),
    ("优良天数比目标值314天多26天。", [("good_air_days", "target", 314.0, "day")]),
    # 优、良率 and 水质优良比率
    ("1-9月，市区空气质量累计优、良率99.6%，同比提高1.1个百分点。",
     [("good_air_ratio", "actual", 99.6, "%"), ("good_air_ratio", "change", 1.1, "pp")]),
    ("全市水质优良比率由84.21%提升至100%，提高了15.79个百分点。",
     [("good_water_ratio", "actual", 100.0, "%"), ("good_water_ratio", "change", 15.79, "pp")]),
])
def test_margins_against_a_named_goal_and_ratio_spellings(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # each section's class with its goal in brackets: the goal of one bracket does not make the
    # next section's class a goal
    ("4个不达标，分别为甲河乙桥断面(Ⅳ类,目标要求为Ⅲ类)、丙渠丁村断面(Ⅳ类,目标要求为Ⅲ类)、戊河己桥断面(劣Ⅴ类,目标要求为Ⅳ类)。",
     [("water_section_class", "actual", 4.0, "class", "甲河乙桥断面"), ("water_section_class", "target", 3.0, "class", "甲河乙桥断面"),
      ("water_section_class", "actual", 4.0, "class", "丙渠丁村断面"), ("water_section_class", "target", 3.0, "class", "丙渠丁村断面"),
      ("water_section_class", "actual", 6.0, "class", "戊河己桥断面"), ("water_section_class", "target", 4.0, "class", "戊河己桥断面")]),
])
def test_goals_in_brackets_stay_in_their_brackets(text, expected):
    assert rows(text, qualifier=True) == expected


@pytest.mark.parametrize("text,expected", [
    # 办结 before what it closes (已办理办结交办信访件164件) closes it
    ("截至7日，中央第三环保督察组共向湖北交办信访件共631件，目前，全省各地已办理办结交办信访件164件。",
     [("inspection_issues", "actual", 631.0, "count"), ("inspection_issues_closed", "actual", 164.0, "count")]),
    ("全年受理信访件120件，已办结信访件118件。",
     [("complaints_received", "actual", 120.0, "count"), ("complaints_closed", "actual", 118.0, "count")]),
    # a time limit in days is no count of complaints; violating enterprises found are no inspections
    ("全年受理环境信访件120件，办理期限自受理开始60个自然日。", [("complaints_received", "actual", 120.0, "count")]),
    ("全市检查企业298家，排查发现环境违法企业172家。", [("enterprises_inspected", "actual", 298.0, "count")]),
])
def test_closing_words_time_limits_and_violators(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a list of as many names as values pairs up in order, with or without 分别
    ("PM2.5、PM10浓度同比下降10.3%、12.0%。", [("pm25", "change", -10.3, "%"), ("pm10", "change", -12.0, "%")]),
    ("PM10、SO2、NO2、CO年均浓度同比下降25.2%、21.1%、15.0%、30.8%。", [("pm10", "change", -25.2, "%")]),
    # weights of a ranking are no values
    ("按照PM2.5浓度、PM2.5改善率和优良天数比率各占30%、30%和40%的权重进行排名。", []),
    # 受理 (received) before 查处…举报案件 counts complaints, not penalty cases
    ("2018年，市环境监察支队受理查处环境污染举报案件5859起，较2017年的3732件增加了2127件。",
     [("complaints_received", "actual", 5859.0, "count"), ("complaints_received", "change", 2127.0, "count")]),
])
def test_lists_of_names_pair_up_in_order(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # places with their values in brackets go on the ranking the first one's sentence names
    ("本周全市环境空气质量综合指数由好到差排名为：尖草坪区(5.19)、万柏林区(5.40)、迎泽区(5.67)。",
     [("air_quality_index", "actual", 5.19, "index"), ("air_quality_index", "actual", 5.4, "index"),
      ("air_quality_index", "actual", 5.67, "index")]),
    ("1-3月，全市环境空气质量综合指数同比改善幅度排名前三的县为昔阳(21.7%)、市城区(14.6%)、榆社(13.3%)。",
     [("air_quality_index", "change", -21.7, "%"), ("air_quality_index", "change", -14.6, "%"),
      ("air_quality_index", "change", -13.3, "%")]),
    # a ranking of increases (增幅排名) ranks changes
    ("优良率增幅排名前三的城市分别为:仙桃(13.6%)、孝感(13.2%)、武汉(12.6%)。",
     [("good_air_ratio", "change", 13.6, "%"), ("good_air_ratio", "change", 13.2, "%"), ("good_air_ratio", "change", 12.6, "%")]),
    # an item's own number in brackets is no value
    ("全市（1）优良天数比例为88%。", [("good_air_ratio", "actual", 88.0, "%")]),
])
def test_rankings_with_values_in_brackets(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a bare 分别 change (分别下降…) whose shared name is the clause before, which counts its places
    ("与去年同期相比，昔阳、市城区、榆社3个县（区、市）环境空气质量综合指数均同比下降，分别下降21.7%、14.6%、13.3%。",
     [("air_quality_index", "change", -21.7, "%"), ("air_quality_index", "change", -14.6, "%"),
      ("air_quality_index", "change", -13.3, "%")]),
    ("6个国考断面达标率、优三类比例均为100%，同比分别提高50和66.7个百分点。",
     [("good_water_ratio", "actual", 100.0, "%"), ("good_water_ratio", "change", 50.0, "pp"),
      ("good_water_ratio", "change", 66.7, "pp")]),
])
def test_a_bare_respectively_change_takes_the_name_before(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # 达标比例 of sections is the share of good water; an index of no catalog indicator keeps the
    # change after it (水质综合指数6.04，同比改善5.44% is no change of the ratio before)
    ("1-11月，3个国省考断面达标比例为66.7%，其中优Ⅲ比例为66.7%。",
     [("good_water_ratio", "actual", 66.7, "%"), ("good_water_ratio", "actual", 66.7, "%")]),
    ("全市国考断面水质达标率100%，国考断面水质综合指数6.04，同比改善5.44%。", [("good_water_ratio", "actual", 100.0, "%")]),
    ("全市空气质量综合指数4.5，同比改善5.1%。",
     [("air_quality_index", "actual", 4.5, "index"), ("air_quality_index", "change", -5.1, "%")]),
])
def test_section_shares_and_an_index_outside_the_catalog(text, expected):
    assert rows(text) == expected


def test_a_planned_class_column_of_a_flattened_table_is_the_goal():
    # 规划类别 (the planned class, spaced by a PDF) heads the goal column like 目标 does
    text = ("表1 饮用水源地水质评价表\n水源地名称 | 监测日期 | 规 划 类 别 | 水质现状类别 | 评价结果 |\n"
            "甲水库 | 7月 | Ⅲ | Ⅱ | 达标 |")
    assert rows(text) == [("water_section_class", "target", 3.0, "class"), ("water_section_class", "actual", 2.0, "class")]
