"""More families of phrasing from issue 10 (general rules, not any report's text): each sentence
is invented for this file and its expected rows are worked out by reading it."""

import pytest

from ecoanalysis.extract import extract_figures, extract_indicators
from indicator_rows import rows




@pytest.mark.parametrize("text,expected", [
    # a bare 优良比例/优良率 shared by air and water: sections named earlier make it water's
    ("全市纳入国家考核的15个断面，优良比例86.7%。", [("good_water_ratio", "actual", 86.7, "%")]),
    ("监测的20个断面中，优良断面18个，优良率90%。", [("good_water_ratio", "actual", 90, "%")]),
    ("今年对6条河流共9个断面开展监测，优良率为77.8%，同比上升11.1个百分点。",
     [("good_water_ratio", "actual", 77.8, "%"), ("good_water_ratio", "change", 11.1, "pp")]),
    # with days or air named, it stays air's
    ("全年有效监测365天，优良率为84.4%。", [("good_air_ratio", "actual", 84.4, "%")]),
    ("城区空气质量持续改善，优良率为91.2%。", [("good_air_ratio", "actual", 91.2, "%")]),
])
def test_shared_ratio_word_takes_the_sentence_domain(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # the composite index named with AQI is the air one
    ("今年1-9月，我县AQI综合指数为3.98，同比改善2.5%。",
     [("air_quality_index", "actual", 3.98, "index"), ("air_quality_index", "change", -2.5, "%")]),
    # a bare index after the start of a movement (由/从 X 降至 Y): Y is this period's value
    ("城区环境空气质量综合指数由4.68下降到4.31。", [("air_quality_index", "actual", 4.31, "index")]),
    ("全市空气质量综合指数从5.02降至4.77，改善明显。", [("air_quality_index", "actual", 4.77, "index")]),
    # a composite index of something else is not it
    ("全县水质综合指数为0.62。", []),
])
def test_air_quality_index_spellings(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a label and a colon right before the value name it (a field list, a flattened table row)
    ("细颗粒物年均浓度：29微克/立方米；可吸入颗粒物年均浓度：51微克/立方米。",
     [("pm25", "actual", 29, "ug/m3"), ("pm10", "actual", 51, "ug/m3")]),
    ("全年空气优良天数：318天，优良天数比例：87.1%",
     [("good_air_days", "actual", 318, "day"), ("good_air_ratio", "actual", 87.1, "%")]),
    ("城区空气质量综合指数: 3.77", [("air_quality_index", "actual", 3.77, "index")]),
    ("全年共作出行政处罚决定书33份，罚款金额：212.5万元。",
     [("penalty_cases", "actual", 33, "count"), ("penalty_amount", "actual", 212.5, "万元")]),
    # a goal label keeps its goal
    ("PM2.5浓度控制目标：不高于36微克/立方米。", [("pm25", "target", 36, "ug/m3")]),
    # a label with no indicator name gives none
    ("本次检查时间：3天。", []),
])
def test_label_colon_value(text, expected):
    assert rows(text) == expected


def rows_q(text):
    f = extract_figures(text, doc_id="t")
    df = extract_indicators(text, f, doc_id="t")
    return [(r.indicator, r.kind, r.value, r.qualifier) for r in df.itertuples()]


@pytest.mark.parametrize("text,expected", [
    # a list of sections before 均/都 shares one class: one row per section
    ("白沙河、清水河、柳溪断面水质均为Ⅲ类。",
     [("water_section_class", "actual", 3, "白沙河"), ("water_section_class", "actual", 3, "清水河"),
      ("water_section_class", "actual", 3, "柳溪断面")]),
    ("城南水库和北山水库水质都保持在Ⅱ类。",
     [("water_section_class", "actual", 2, "城南水库"), ("water_section_class", "actual", 2, "北山水库")]),
    # items that are bare names (no 河/断面 word) are sections too when 均 binds the list or a
    # sibling item names a water body
    ("东湖水库、李家段和石门村均达到Ⅱ类。",
     [("water_section_class", "actual", 2, "东湖水库"), ("water_section_class", "actual", 2, "李家段"),
      ("water_section_class", "actual", 2, "石门村")]),
    ("新桥和老桥断面水质均符合Ⅲ类标准。",
     [("water_section_class", "actual", 3, "新桥"), ("water_section_class", "actual", 3, "老桥断面")]),
    # a list of things that are no sections stays one row with no section
    ("全市优良天数和达标天数均达到Ⅱ类。", [("water_section_class", "actual", 2, "")]),
    # one section, or a list without 均/都, keeps one row
    ("马家桥断面水质均值为Ⅳ类。", [("water_section_class", "actual", 4, "马家桥断面")]),
    # a class has no 同比持平 change
    ("沙河出境断面水质类别为Ⅱ类，同比持平。", [("water_section_class", "actual", 2, "沙河出境断面")]),
])
def test_sections_sharing_one_class(text, expected):
    assert rows_q(text) == expected


def test_river_site_names_in_a_shared_list():
    # river-site names (河名-断面名) joined by 、 and 和: three sections of class Ⅱ, each named
    got = rows_q("黄沙港-长安桥、青浦河-青浦桥和白鹤湖-白鹤桥断面水质均达到Ⅱ类水质标准。")
    assert [r[:3] for r in got] == [("water_section_class", "actual", 2)] * 3
    for (*_, qualifier), site in zip(got, ("长安桥", "青浦", "白鹤")):
        assert site in qualifier


@pytest.mark.parametrize("text,expected", [
    # the base of a comparison with a named year is no value of this period
    ("全区优良天数比例为86.4%，比2015年的71.0%提高15.4个百分点。",
     [("good_air_ratio", "actual", 86.4, "%"), ("good_air_ratio", "change", 15.4, "pp")]),
    ("细颗粒物平均浓度为30微克/立方米，较2020年的39微克/立方米下降23.1%。",
     [("pm25", "actual", 30, "ug/m3"), ("pm25", "change", -23.1, "%")]),
    # last period's value in brackets
    ("全县空气优良率为90.2%（上年同期87.5%），同比上升2.7个百分点。",
     [("good_air_ratio", "actual", 90.2, "%"), ("good_air_ratio", "change", 2.7, "pp")]),
    # a bracket that only names this period's scope keeps its value
    ("城区（建成区）PM10浓度为57微克/立方米。", [("pm10", "actual", 57, "ug/m3")]),
])
def test_base_values_of_comparisons(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a label's bracketed unit right before a bare number is the number's unit
    ("可吸入颗粒物年均浓度（微克/立方米）：61；空气优良天数（天）：309。",
     [("pm10", "actual", 61, "ug/m3"), ("good_air_days", "actual", 309, "day")]),
    ("本年度罚款金额（元）为125000。", [("penalty_amount", "actual", 12.5, "万元")]),
    ("优良天数比例（%）：83.9", [("good_air_ratio", "actual", 83.9, "%")]),
    # a bracket that is no unit gives a bare number none
    ("细颗粒物浓度（城区）：35。", []),
])
def test_bracketed_unit_of_a_label(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a list of pollutants mixing units: each bare number is in its own pollutant's unit
    ("二氧化硫、二氧化氮、可吸入颗粒物、细颗粒物、一氧化碳、臭氧浓度分别为7、22、61、34、1.3毫克/立方米、149微克/立方米。",
     [("pm10", "actual", 61, "ug/m3"), ("pm25", "actual", 34, "ug/m3"), ("o3", "actual", 149, "ug/m3")]),
    ("PM2.5、CO年均值分别为27、0.8mg/m3。", [("pm25", "actual", 27, "ug/m3")]),
])
def test_lists_mixing_units(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # the share of good days named by its grade (二级以上, 好于二级) or with words inside the name
    ("今年城区空气质量二级以上天数比例为90.7%。", [("good_air_ratio", "actual", 90.7, "%")]),
    ("全县空气质量好于二级的天数比例为84.9%，同比提高1.6个百分点。",
     [("good_air_ratio", "actual", 84.9, "%"), ("good_air_ratio", "change", 1.6, "pp")]),
    ("空气质量达到优良的天数比例为79.5%。", [("good_air_ratio", "actual", 79.5, "%")]),
    ("全年优良天数301天，优良比率为82.2%。",
     [("good_air_days", "actual", 301, "day"), ("good_air_ratio", "actual", 82.2, "%")]),
    # per-pollutant shares of compliant days are not it, also in a 分别 list over an 8小时
    ("二氧化硫、细颗粒物日均浓度和臭氧日最大8小时平均浓度达到二级标准的天数比例分别为100%、96.2%和90.4%。", []),
    ("臭氧日最大8小时浓度二级以上天数比例为91.8%。", []),
])
def test_good_day_share_spellings(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a class bound written with 水质/水体 before 以上/以下 names no section's class
    ("全县达到Ⅲ类水质及以上的断面比例为60%。", [("good_water_ratio", "actual", 60, "%")]),
    ("全县达到Ⅱ类水质及以上的断面比例为40%。", []),  # a share of Ⅱ类以上 is no share of Ⅰ～Ⅲ类
    ("劣于Ⅳ类水体以下的断面已全部消除。", []),
    # a section's own class is kept
    ("青石桥断面水质为Ⅲ类。", [("water_section_class", "actual", 3, "class")]),
])
def test_class_bounds_with_water_words(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # enforcement words of traditional-script reports, as they read after conversion (罰鍰 → 罚锾)
    ("全年稽查工厂2,150家次，告发处分412件，罚锾金额达3,260万元。",
     [("enterprises_inspected", "actual", 2150, "count"), ("penalty_cases", "actual", 412, "count"),
      ("penalty_amount", "actual", 3260, "万元")]),
    ("共处罚锾86万元。", [("penalty_amount", "actual", 86, "万元")]),
])
def test_traditional_enforcement_words(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # the cubic metre written as 米3 / 米³
    ("全县细颗粒物平均浓度为27微克/米3。", [("pm25", "actual", 27, "ug/m3")]),
    ("可吸入颗粒物浓度为0.049毫克/米3，同比下降4微克/米³。",
     [("pm10", "actual", 49, "ug/m3"), ("pm10", "change", -4, "ug/m3")]),
])
def test_cubic_metre_spellings(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a change named by its size (下降幅度为, 改善率为) is a change of the value before it
    ("城区可吸入颗粒物浓度为55微克/立方米，下降幅度为8.3%。",
     [("pm10", "actual", 55, "ug/m3"), ("pm10", "change", -8.3, "%")]),
    ("全县细颗粒物平均浓度为29微克/立方米，改善率为12.1%，居全市前列。",
     [("pm25", "actual", 29, "ug/m3"), ("pm25", "change", -12.1, "%")]),
    ("全年罚款金额为230万元，增长幅度达15%。",
     [("penalty_amount", "actual", 230, "万元"), ("penalty_amount", "change", 15, "%")]),
    # with no value before it, it is nobody's
    ("工业增加值增长率为6.2%。", []),
])
def test_change_named_by_its_size(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # each item of a 分别 list takes its own indicator: its nearest, longest cue, exclusions kept
    ("县城集中式饮用水水源地水质达标率、国考断面水质优良比例分别为100%、83.3%。",
     [("drinking_water_ratio", "actual", 100, "%"), ("good_water_ratio", "actual", 83.3, "%")]),
    ("城区空气优良率、河流水质优良率分别达到90.1%和75%。",
     [("good_air_ratio", "actual", 90.1, "%"), ("good_water_ratio", "actual", 75, "%")]),
    ("全年优良天数、优良天数比例分别为309天、84.7%。",
     [("good_air_days", "actual", 309, "day"), ("good_air_ratio", "actual", 84.7, "%")]),
])
def test_each_item_of_a_respectively_list(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # A和B双双/均达到X: B is named after the separator, A before it, each with its own exclusions
    ("城区空气质量优良率和地表水水质优良率双双达到100%。",
     [("good_water_ratio", "actual", 100, "%"), ("good_air_ratio", "actual", 100, "%")]),
    ("全县地表水优良比例和饮用水水源地水质达标率均为100%。",
     [("drinking_water_ratio", "actual", 100, "%"), ("good_water_ratio", "actual", 100, "%")]),
])
def test_one_value_for_two_named_indicators(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # 均 inside 年均/平均/日均 is no verb of a 分别 list
    ("细颗粒物年均浓度和优良天数比率分别为28微克/立方米和91.5%。",
     [("pm25", "actual", 28, "ug/m3"), ("good_air_ratio", "actual", 91.5, "%")]),
    ("全县可吸入颗粒物、细颗粒物平均浓度和空气优良率分别为57微克/立方米、31微克/立方米和88%。",
     [("pm10", "actual", 57, "ug/m3"), ("pm25", "actual", 31, "ug/m3"), ("good_air_ratio", "actual", 88, "%")]),
])
def test_average_words_in_a_respectively_list(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a list of changes whose items carry their own direction words, each with its own sign
    ("全年优良天数、重污染天数分别为301天、5天，同比分别增加11天、减少3天。",
     [("good_air_days", "actual", 301, "day"), ("heavy_pollution_days", "actual", 5, "day"),
      ("good_air_days", "change", 11, "day"), ("heavy_pollution_days", "change", -3, "day")]),
    ("细颗粒物、可吸入颗粒物、臭氧浓度同比分别下降6.1%、2.7%、上升3.3%。",
     [("pm25", "change", -6.1, "%"), ("pm10", "change", -2.7, "%"), ("o3", "change", 3.3, "%")]),
    ("空气优良率及细颗粒物浓度分别较上年提高1.9个百分点、下降2微克/立方米。",
     [("good_air_ratio", "change", 1.9, "pp"), ("pm25", "change", -2, "ug/m3")]),
    # a value and then a change are no list
    ("可吸入颗粒物浓度60微克/立方米、下降4%。",
     [("pm10", "actual", 60, "ug/m3"), ("pm10", "change", -4, "%")]),
])
def test_lists_of_changes_with_their_own_directions(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # items of a 分别 list that name only places or periods share the last item's indicator
    ("东城区、西城区、高新区优良率分别为87.1%、85.6%、83.9%。",
     [("good_air_ratio", "actual", 87.1, "%"), ("good_air_ratio", "actual", 85.6, "%"),
      ("good_air_ratio", "actual", 83.9, "%")]),
    ("一季度、二季度细颗粒物浓度分别为48、30微克/立方米。",
     [("pm25", "actual", 48, "ug/m3"), ("pm25", "actual", 30, "ug/m3")]),
    # an item naming another pollutant is no place: it gets nothing
    ("氨氮、总磷平均浓度分别下降了20.5%和3.2%。", [("total_phosphorus", "change", -3.2, "%")]),
])
def test_places_and_periods_share_a_respectively_name(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a margin against a wider area's average is no value
    ("全县空气优良率为90.3%，比全市平均水平高4.6个百分点。", [("good_air_ratio", "actual", 90.3, "%")]),
    ("细颗粒物浓度低于全省平均值5微克/立方米。", []),
    ("优良天数比全省均值多19天。", []),
    # a comparison with last year stays a change
    ("优良天数比上年多19天。", [("good_air_days", "change", 19, "day")]),
])
def test_margins_against_an_average(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # the names of a 分别 list run back over a count of them (两项指标, 三项指标)
    ("细颗粒物、可吸入颗粒物两项指标分别为26、47微克/立方米。",
     [("pm25", "actual", 26, "ug/m3"), ("pm10", "actual", 47, "ug/m3")]),
    ("优良天数、优良率、细颗粒物浓度三项指标分别为322天、88.2%、29微克/立方米。",
     [("good_air_days", "actual", 322, "day"), ("good_air_ratio", "actual", 88.2, "%"),
      ("pm25", "actual", 29, "ug/m3")]),
])
def test_respectively_names_over_their_count(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # petitions handed over by an inspection team are its issues even after 受理/接收
    ("省级生态环境保护督察期间，我区共受理转办信访件96件，已办结90件。",
     [("inspection_issues", "actual", 96, "count"), ("inspection_issues_closed", "actual", 90, "count")]),
    ("中央环保督察组进驻期间，累计接收交办群众举报件57件。", [("inspection_issues", "actual", 57, "count")]),
    # without an inspection, they are complaints
    ("全年共受理市热线转办信访件310件。", [("complaints_received", "actual", 310, "count")]),
])
def test_petitions_handed_over_by_an_inspection(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # 个百分点 is a difference: never the level of a ratio, even with no direction word
    ("全县空气优良率与全国平均水平相差3.2个百分点。", []),
    ("地表水水质优良比例距省定目标仍差2.5个百分点。", []),
    # with a direction word it is the change
    ("地表水水质优良比例同比提高2.5个百分点。", [("good_water_ratio", "change", 2.5, "pp")]),
])
def test_percentage_points_are_no_level(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a 分别 list of sections and classes: one row per section, each with its own section
    ("石门桥断面、白马渡断面水质分别为Ⅱ类、Ⅳ类。",
     [("water_section_class", "actual", 2, "石门桥断面"), ("water_section_class", "actual", 4, "白马渡断面")]),
    ("龙王庙、石门桥、白马渡断面水质类别分别为Ⅲ类、Ⅱ类和Ⅴ类。",
     [("water_section_class", "actual", 3, "龙王庙"), ("water_section_class", "actual", 2, "石门桥"),
      ("water_section_class", "actual", 5, "白马渡断面")]),
])
def test_respectively_list_of_section_classes(text, expected):
    assert rows_q(text) == expected


@pytest.mark.parametrize("text,expected", [
    # the sections named after a class (…为Ⅱ类的断面分别为甲、乙和丙断面): one row per section
    ("今年水质为Ⅱ类的断面分别为龙王庙、石门桥和白马渡断面。",
     [("water_section_class", "actual", 2, "龙王庙"), ("water_section_class", "actual", 2, "石门桥"),
      ("water_section_class", "actual", 2, "白马渡断面")]),
    # a class followed by one section or by a count stays one row
    ("水质为Ⅲ类的是龙王庙断面。", [("water_section_class", "actual", 3, "")]),
])
def test_sections_named_after_their_class(text, expected):
    assert rows_q(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a unit wrapped over a line inside its word is still the number's unit
    ("今年以来全县可吸入颗粒物平均浓度为57微\n克/立方米，同比下降3.4%。",
     [("pm10", "actual", 57, "ug/m3"), ("pm10", "change", -3.4, "%")]),
    ("全年城区细颗粒物年均浓度为0.031毫克/立\n方米。", [("pm25", "actual", 31, "ug/m3")]),
])
def test_unit_wrapped_inside_its_word(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a bare number right after a concentration's name is that concentration (unit declared elsewhere)
    ("细颗粒物年均浓度为27，可吸入颗粒物年均浓度为49（单位：微克/立方米）。",
     [("pm25", "actual", 27, "ug/m3"), ("pm10", "actual", 49, "ug/m3")]),
    ("臭氧平均浓度：143。", [("o3", "actual", 143, "ug/m3")]),
    # not after other words, nor a count of years
    ("细颗粒物浓度为近3年最低。", []),
    ("细颗粒物浓度排名第4。", []),
])
def test_bare_concentration_after_its_name(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a clause or list item naming only a place before a value: the same indicator as the value before
    ("分县区看，空气优良率：东城区91.2%、西城区89.5%、高新区86.0%。",
     [("good_air_ratio", "actual", 91.2, "%"), ("good_air_ratio", "actual", 89.5, "%"),
      ("good_air_ratio", "actual", 86.0, "%")]),
    ("各县细颗粒物浓度：甲县30微克/立方米，乙县33微克/立方米。",
     [("pm25", "actual", 30, "ug/m3"), ("pm25", "actual", 33, "ug/m3")]),
    ("全市罚款金额共计850万元，其中东城区320万元，西城区210万元。",
     [("penalty_amount", "actual", 850, "万元"), ("penalty_amount", "actual", 320, "万元"),
      ("penalty_amount", "actual", 210, "万元")]),
    # words that only end like a place are no place
    ("共检查企业210家次，发现问题点位249个。", [("enterprises_inspected", "actual", 210, "count")]),
])
def test_values_of_named_places(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a place's change after a change of the whole area is the same indicator's
    ("全市可吸入颗粒物浓度同比下降4.4%，其中东城区下降6.0%，西城区上升1.2%。",
     [("pm10", "change", -4.4, "%"), ("pm10", "change", -6.0, "%"), ("pm10", "change", 1.2, "%")]),
    ("全县空气优良率同比提高1.8个百分点，其中县城提高2.6个百分点。",
     [("good_air_ratio", "change", 1.8, "pp"), ("good_air_ratio", "change", 2.6, "pp")]),
    # a change with neither a place nor a name before it stays nobody's
    ("工业产值下降3.5%。", []),
])
def test_changes_of_named_places(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a table flattened one cell a line: the name on its own line, the value on the next
    ("空气质量优良率\n90.4%\n可吸入颗粒物浓度\n52微克/立方米\n",
     [("good_air_ratio", "actual", 90.4, "%"), ("pm10", "actual", 52, "ug/m3")]),
    # a sentence line before a value line is no cell name
    ("全县空气质量持续改善，优良率稳步提升。\n90.4%\n", []),
])
def test_table_flattened_one_cell_a_line(text, expected):
    assert rows(text) == expected
