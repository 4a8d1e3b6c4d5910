"""Metadata from prose shaped like real report pages (invented sentences): period and year read
from the body when the title says nothing, and the region from the places the body names."""
from __future__ import annotations

import pytest

from ecoanalysis.clean import clean_text
from ecoanalysis.metadata import body_period, infer_metadata, period_year


def meta(text):
    return infer_metadata(clean_text(text).text, doc_id="t")


# ---------------------------------------------------------------- period from the body
@pytest.mark.parametrize("text", [
    "一年来，全县环保系统干部职工团结协作。5月份，县环保局组织了专项检查，检查企业56家。",
    "今年，全市共查处环境违法案件120起。7月份，开展了夏季大气污染专项整治。",
    "过去一年，我区生态环境质量稳中向好。3月，区生态环境分局启动了春季执法行动。",
    "本年度全县空气优良天数为312天。9月份，县里举办了环保知识竞赛。",
])
def test_a_month_named_after_year_wide_words_is_an_event_of_the_year(text):
    assert meta(text)["period"] == "annual"


@pytest.mark.parametrize("text", [
    "5月份，全县空气优良天数为29天。一年来累计开展执法检查300次。",
    "10月份，全市环境空气质量优良天数为27天，同比增加2天。",
])
def test_a_lead_that_opens_with_one_month_is_still_a_monthly_report(text):
    assert meta(text)["period"] == ""


@pytest.mark.parametrize("text,cutoff", [
    ("截至10月底，全县共受理信访件300件，确保全年完成目标任务。", "10-31"),
    ("截止到11月20日，全市优良天数比例为90%，力争全年完成省定目标。", "11-20"),
    ("1-10月，全区共立案查处违法案件42起，预计全年完成处罚案件50起。", "10-31"),
])
def test_a_whole_year_target_does_not_cancel_a_cut_off(text, cutoff):
    m = meta(text)
    assert (m["period"], m["period_cutoff"]) == ("year-to-date", cutoff)


@pytest.mark.parametrize("text", [
    "全年共受理环境信访投诉420件，办结率100%。",
    "2020年工作总结\n2020年，全县共受理信访件300件，全年累计出动执法人员2000人次。截至11月底，完成造林1万亩。",
])
def test_whole_year_data_still_win(text):
    assert meta(text)["period"] == "annual"


@pytest.mark.parametrize("text,year", [
    ("2021年我局共受理环境信访投诉300件，全部按期办结。", 2021),
    ("2019年本局共开展环境执法检查560次。", 2019),
    ("2021年是“十四五”开局之年，全县环保工作成效明显，优良天数300天。", 2021),
    ("二〇二〇年是污染防治攻坚战收官之年，全市优良天数比例达到93%。", 2020),
])
def test_a_sentence_about_a_year_gives_year_and_annual_period(text, year):
    m = meta(text)
    assert (m["year"], m["year_source"], m["period"]) == (year, "body", "annual")


def test_a_year_followed_by_a_figure_is_no_year_statement():
    # 2019年是 followed by a number reads as a value, not as "2019 was the year of …"
    assert body_period("全市优良天数2019年是 300天")["period"] != "annual"


# ---------------------------------------------------------------- year under a masked title year
@pytest.mark.parametrize("text,year", [
    ("202X年上半年工作总结\n2021年1-6月，全县空气优良天数为170天。", 2021),
    ("20XX年上半年工作总结\n一、基本情况\n2019年上半年，我局紧紧围绕年度目标开展工作。", 2019),
    ("20**年前三季度工作总结\n2022年1-9月，全区优良天数比例为88%。", 2022),
])
def test_a_masked_title_year_is_read_from_the_period_restated_in_the_body(text, year):
    m = meta(text)
    assert (m["year"], m["year_source"]) == (year, "body")


@pytest.mark.parametrize("text", [
    "202X年上半年工作总结\n上半年，我局认真贯彻落实各项部署。与2018年同期相比，优良天数增加10天。",
    "20XX年工作总结\n今年以来，我局认真贯彻落实。与2018年相比，优良天数增加10天。",
])
def test_a_masked_title_year_without_a_statement_stays_unknown(text):
    assert meta(text)["year"] is None


def test_period_year_reads_only_the_year_written_with_that_period():
    assert period_year("2021年1-6月，全县优良天数170天", "H1") == 2021
    assert period_year("上半年，全县优良天数170天，较2020年上半年增加5天", "H1") is None
    assert period_year("2023年一季度，全市优良天数80天", "Q1") == 2023
    assert period_year("2023年一季度，全市优良天数80天", "H1") is None


# ---------------------------------------------------------------- region from the body
@pytest.mark.parametrize("text,city,county", [
    ("岳阳市生态环境局\n今年以来，平江县扎实推进污染防治攻坚战，全县空气优良天数比例达98%。"
     "平江县加大执法力度，全县共查处违法案件20起。", "岳阳市", "平江县"),
    ("宜昌市人民政府网\n近日，长阳土家族自治县召开环境保护工作会议。会议指出，全县要坚决打好污染防治攻坚战，"
     "我县空气质量持续改善。", "宜昌市", "长阳土家族自治县"),
    ("嘉興市生態環境局\n今年以來，全縣紮實推進污染防治攻堅戰，海鹽縣空氣優良天數比例達95%。", "嘉兴市", "海盐县"),
])
def test_a_county_body_under_a_city_headline_is_the_county_s(text, city, county):
    m = meta(text)
    assert (m["city"], m["county"], m["county_source"]) == (city, county, "body")


def test_a_city_headline_with_a_city_body_stays_the_city_s():
    m = meta("岳阳市生态环境局\n今年以来，全市空气优良天数比例达90%，全市共查处违法案件120起。"
             "平江县完成整治任务。")
    assert (m["city"], m["county"]) == ("岳阳市", "")


def test_a_county_body_naming_a_county_of_another_city_keeps_the_headline_city():
    # the county the body names lies outside the headline's city: no county is taken from it
    m = meta("岳阳市生态环境局\n今年以来，全县空气优良天数比例达98%，全县共查处违法案件20起。"
             "浏阳市与我县签订联防联控协议。")
    assert (m["city"], m["county"]) == ("岳阳市", "")


# ---------------------------------------------------------------- a year's summary with partial data
@pytest.mark.parametrize("text,period,cutoff", [
    ("某县环保局2021年工作总结\n前三季度，全县空气优良天数比例为95%，PM2.5浓度为28微克/立方米。", "Q1-Q3", ""),
    ("环保局2019年工作总结\n一、主要成效\n今年一至十月，全区共查处环境违法案件36起。", "year-to-date", "10-31"),
    ("生态环境分局2022年度工作总结\n今年前十个月，全市空气优良天数为270天。", "year-to-date", "10-31"),
])
def test_a_year_summary_whose_figures_stop_at_a_quarter_or_month(text, period, cutoff):
    m = meta(text)
    assert (m["year"] is not None, m["period"], m["period_cutoff"]) == (True, period, cutoff)


@pytest.mark.parametrize("text", [
    "某县环保局2021年工作总结\n全年共受理信访件200件。前三季度，全县空气优良天数比例为95%。",
    "某县环保局2021年工作总结\n1-12月，全县空气优良天数比例为95%，其中前三季度为96%。",
])
def test_whole_year_data_keep_a_year_summary_annual(text):
    assert meta(text)["period"] == "annual"


def test_a_year_statement_below_a_long_page_head_gives_the_year():
    head = "".join(f"栏目{i} 首页 政务公开 通知公告 办事服务 互动交流 " for i in range(40))
    m = meta(head + "\n2017年，全县共出动执法人员800人次，检查企业260家。")
    assert (m["year"], m["year_source"]) == (2017, "body")


# ---------------------------------------------------------------- the bureau of the lead
@pytest.mark.parametrize("text,county", [
    ("近日，记者从沛县生态环境局获悉，今年以来，全县空气优良天数比例达90%。", "沛县"),
    ("本报讯 日前寿县生态环境分局组织开展夏季执法行动，全县共检查企业45家。", "寿县"),
])
def test_a_two_character_county_right_before_the_bureau_word(text, county):
    m = meta(text)
    assert (m["county"], m["county_source"]) == (county, "body")


@pytest.mark.parametrize("lead", ["省、市和县生态环境局联合开展检查。", "会议召开县生态环境局等部门参加。",
                                  "近日，记者从县生态环境局获悉，全县优良天数比例达90%。"])
def test_no_two_character_county_is_read_from_a_connective_or_a_verb(lead):
    from ecoanalysis.metadata import bureau_places
    assert bureau_places(lead) == []


# ---------------------------------------------------------------- the year a body is about
@pytest.mark.parametrize("text,year", [
    ("自2016年起，我县实行网格化监管。2019年，全县共出动执法人员900人次。", 2019),
    ("从2015年开始实施的专项规划已进入收官阶段。2020年，全区优良天数比例为89%。", 2020),
    ("2016-2020年规划确定的目标全部完成，全市优良天数比例为90%。", 2020),
])
def test_the_start_of_a_span_is_not_the_year_reported_on(text, year):
    assert meta(text)["year"] == year


# ---------------------------------------------------------------- plans after a report
@pytest.mark.parametrize("text", [
    "今年以来，全县空气优良天数比例达90%，共查处违法案件20起，办结信访件150件。\n下一步工作打算\n我局将继续加大执法力度。",
    "上半年，全区PM2.5平均浓度为31微克/立方米，同比下降8%。\n下半年工作安排\n一是持续推进大气治理。",
])
def test_figures_before_a_plan_heading_make_a_summary_with_plans(text):
    assert meta(text)["doc_type"] == "summary+plan"


def test_a_plan_with_no_report_before_it_stays_a_plan():
    assert meta("工作计划\n一是持续推进大气治理，确保优良天数比例达到90%。")["doc_type"] == "plan"


@pytest.mark.parametrize("text,month", [("今年前两个月，全市优良天数为55天。", 2), ("前五个月，全县共办结信访件80件。", 5)])
def test_the_first_months_in_words(text, month):
    p = body_period(text)
    assert (p["period"], p["month"]) == ("year-to-date", month)


@pytest.mark.parametrize("text", [
    "今年3月全市环境空气质量优良天数为28天，全年目标为300天。",
    "3月份全市环境空气质量优良天数为28天，同比增加2天，年度目标完成良好。",
    "2022年5月全县共受理环境信访件36件，全部办结。",
])
def test_a_month_stated_before_its_place_is_a_monthly_report(text):
    assert meta(text)["period"] == ""


def test_a_month_event_inside_a_year_statement_keeps_the_year():
    assert meta("2020年，全县优良天数为330天。今年6月全县开展了环境日宣传。")["period"] == "annual"


# ---------------------------------------------------------------- a page's date line
@pytest.mark.parametrize("text,year", [
    # a dated page with no year of its own: the date line's year
    ("县生态环境质量持续改善\n时间:2017-10-30 16:40 来源:县政府办\n1-9月，全县城区空气质量优良天数251天，优良率93.2%。", 2017),
    ("某市一季度环境质量持续改善\n信息时间：2019-04-24 10:36\n今年第一季度，全市优良天数为70天。", 2019),
    # a publication date and the year the data are about: the data's year
    ("首页 > 要闻\n发布时间：2017年01月20日\n昨天，市环保局发布2016年空气质量状况，全市达标天数为320天。", 2016),
    # history named in a dated news item is not its year
    ("首页 > 部门动态\n2020-11-05 09:14:39\n督察组核查了2017年中央环境保护督察反馈问题整改情况，全县共办结信访件30件。", 2020),
    # a year stated with its period stands on a page reposted later
    ("某县上半年环境监测工作成效明显\n2021-05-07 来源：转载\n2019年上半年，全县空气质量优良天数为170天。", 2019),
])
def test_a_date_line_is_when_the_page_was_written(text, year):
    m = meta(text)
    assert (m["year"], m["year_source"]) == (year, "body")


def test_a_full_date_inside_a_sentence_is_no_date_line():
    # a month's notice that opens with its own dates: the year is that of the month
    m = meta("2021年8月1日至2021年8月31日，全县有效监测天数31天，优良天数29天。（2020年8月优良天数27天。）")
    assert m["year"] == 2021


@pytest.mark.parametrize("text,expected", [
    # a range from January that ends on a day inside a quarter's last month runs to that day: a
    # year-to-date with its cut-off, not the whole quarter, half-year or year
    ("1月1日-9月4日，我县综合指数年累计为4.52，优良天数186天。", ("year-to-date", 9, 4)),
    ("1月1日至6月15日，全区优良天数比例为82.1%。", ("year-to-date", 6, 15)),
    ("1月1日至12月20日，全市优良天数为301天。", ("year-to-date", 12, 20)),
    # while a range to a quarter's end is that quarter's
    ("1月1日至9月30日，全县优良天数为240天。", ("Q1-Q3", None, None)),
    ("1-6月，全区优良天数比例为86.2%。", ("H1", None, None)),
    # data to a day before December's end (截至12月20日) are a year to that day, not the whole year
    ("截至12月20日，全市优良天数达314天，同比增加10天。", ("year-to-date", 12, 20)),
    # while data to December's end, or to December with no day, cover the year
    ("截至12月31日，全市优良天数为330天。", ("annual", None, None)),
    ("截至12月底，全市优良天数为330天。", ("annual", None, None)),
])
def test_a_range_or_cut_off_ending_inside_a_month(text, expected):
    p = body_period(text)
    assert (p["period"], p["month"], p["day"]) == expected


def test_places_in_a_pages_related_links_tail_are_not_the_reports():
    # a news page: the article names its county twice, the related-links tail another city three
    # times; the report is the county's (places read off the invented text)
    text = ("甲县环境空气质量持续改善\n近年来，彬州市持续实施蓝天保卫战，彬州市优良天数增加41天。\n"
            "相关新闻\n百色市医疗废物处置中心求援 | 百色市疫情防控 | 百色市生态环境局通报\n")
    m = meta(text)
    assert (m["province"], m["city"], m["county"]) == ("陕西省", "咸阳市", "彬州市")
