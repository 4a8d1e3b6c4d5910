"""Tests for ecoanalysis.metadata and ecoanalysis.gazetteer (region, year, period, plans, overrides)."""
from __future__ import annotations

from pathlib import Path

import pytest

from ecoanalysis import gazetteer as gz
from ecoanalysis.clean import clean_text
from ecoanalysis.metadata import (apply_overrides, extract_title, find_year, infer_metadata,
                                  read_overrides)
from ecoanalysis.resources import read_csv
from ecoanalysis.schema import COLUMNS

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "data" / "reports"
DATA = Path(__file__).parent / "data" / "metadata"
BODY = "\n一、主要工作\n全年空气质量持续改善。\n"


def meta(text):
    return infer_metadata(clean_text(text).text, doc_id="t")


# ---------------------------------------------------------------- gazetteer data
def test_gazetteer_shape_and_levels():
    g = read_csv("gazetteer.csv")
    assert {"code", "name", "short_name", "level", "province", "city", "parent_code"} <= set(g.columns)
    counts = g["level"].value_counts()
    assert counts["province"] == 34 and counts["city"] > 330 and counts["county"] > 2800
    assert g["code"].str.fullmatch(r"\d{6}").all()
    for kind in ("县", "县级市", "区", "旗", "自治县"):
        assert (g["kind"] == kind).sum() > 30


@pytest.mark.parametrize("old,new,year", [("星子县", "庐山市", 2016), ("庐山区", "濂溪区", 2016),
                                          ("会理县", "会理市", 2021), ("蓬莱市", "蓬莱区", 2020)])
def test_renames(old, new, year):
    r = read_csv("gazetteer_renames.csv")
    row = r[(r.old_name == old) & (r.new_name == new)]
    assert len(row) == 1 and int(row.iloc[0]["year"]) == year
    assert len(r) > 300


def test_province_abbreviations_cover_all_provinces():
    a = read_csv("province_abbreviations.csv")
    provinces = set(read_csv("gazetteer.csv").query("level == 'province'")["name"])
    assert set(a["province"]) <= provinces
    assert len(set(a["province"])) == 34
    assert dict(zip(a.abbreviation, a.province))["赣"] == "江西省"


def test_find_places_longest_and_stoplist():
    assert [m.name for m in gz.find_places("九江市庐山生态环境局")] == ["九江市", "庐山"]
    assert not gz.find_places("城区和矿区、郊区的长治久安")
    assert gz.chain("360483") == {"province": "江西省", "city": "九江市", "county": "庐山市"}


# ---------------------------------------------------------------- years
@pytest.mark.parametrize("s,year,masked", [
    ("2019年上半年工作总结", 2019, False),
    ("二〇二一年工作总结", 2021, False),
    ("二零一八年工作计划", 2018, False),
    ("民国99年度工作报告", 2010, False),
    ("民國一百年工作總結", 2011, False),
    ("201*年上半年工作总结", None, True),
    ("20XX年环保工作总结", None, True),
    ("20**年工作总结", None, True),
    ("环保工作总结", None, False),
])
def test_find_year(s, year, masked):
    y, m, _ = find_year(clean_text(s).text)
    assert (y, m) == (year, masked)


# ---------------------------------------------------------------- titles
@pytest.mark.parametrize("text,title", [
    ("南京市生态环境局\n2021年工作总结\n一、成效", "南京市生态环境局2021年工作总结"),
    ("\n\n2019年上半年工作总结\n\n半年来，我局……", "2019年上半年工作总结"),
    ("今年以来，我局认真落实各项工作，取得明显成效。\n一、主要工作", ""),
    ("一、主要工作\n1.大气", ""),
])
def test_extract_title(text, title):
    assert extract_title(text)[0] == title


# ---------------------------------------------------------------- titles → full metadata
CASES = [
    # title, expected subset
    ("杭州市生态环境局2021年工作总结和2022年工作计划",
     dict(province="浙江省", province_source="gazetteer", city="杭州市", city_source="title", county="",
          admin_level="city", year=2021, period="annual", doc_type="summary+plan", plan_year=2022,
          plan_period="annual", issuer="杭州市生态环境局")),
    ("成都市双流区生态环境局2023年上半年工作总结及下半年工作打算",
     dict(province="四川省", city="成都市", county="双流区", county_source="title", admin_level="county",
          year=2023, period="H1", plan_year=2023, plan_period="H2", plan_source="title")),
    ("原星子县环保局2015年工作总结",  # renamed county → current name
     dict(province="江西省", city="九江市", county="庐山市", year=2015, period="annual", doc_type="summary")),
    ("庐山区环境保护局2014年上半年工作总结",  # renamed district → 濂溪区
     dict(county="濂溪区", city="九江市", year=2014, period="H1")),
    ("江苏省生态环境厅2020年工作总结",
     dict(province="江苏省", province_source="title", city="", admin_level="province", year=2020)),
    ("XX县生态环境局2021年工作总结",
     dict(anonymised=True, province="", county="", admin_level="county", admin_level_source="title")),
    ("**市生态环境局201*年工作总结",
     dict(anonymised=True, year=None, year_source="", admin_level="city")),
    ("某县环保局2018年上半年工作总结",
     dict(anonymised=True, county="", year=2018, period="H1")),
    ("××区生态环境分局2022年第一季度工作总结",
     dict(anonymised=True, admin_level="county", period="Q1", year=2022)),
    ("延边朝鲜族自治州生态环境局2022年前三季度工作总结",
     dict(province="吉林省", city="延边朝鲜族自治州", period="Q1-Q3", year=2022)),
    ("鄂尔多斯市准格尔旗生态环境局二〇二一年工作总结",
     dict(province="内蒙古自治区", city="鄂尔多斯市", county="准格尔旗", year=2021, period="annual")),
    ("2024年生态环境保护工作计划",
     dict(doc_type="plan", year=2024, period="annual", plan_year=2024, plan_period="annual")),
    ("海淀区生态环境局2019年工作总结",
     dict(province="北京市", city="北京市", county="海淀区", admin_level="county")),
    ("深圳市生态环境局关于2023年工作总结和2024年工作计划的报告",  # 关于…的报告 wraps the kinds
     dict(city="深圳市", year=2023, period="annual", doc_type="summary+plan", plan_year=2024)),
    ("XX县环境保护局20XX年工作总结",  # the year stays unknown, but it is a full-year report
     dict(anonymised=True, year=None, period="annual")),
    ("关于2021年上半年环境保护工作情况的报告",
     dict(year=2021, period="H1", doc_type="summary", plan_year=None)),
]


@pytest.mark.parametrize("title,expected", CASES, ids=[c[0][:14] for c in CASES])
def test_titles(title, expected):
    m = meta(title + BODY)
    for k, v in expected.items():
        assert m[k] == v, (k, m[k], v)


def test_traditional_text_after_simplification():
    m = meta("臺州市生態環境局2020年上半年工作總結\n一、主要工作\n今年以來，全市空氣品質持續改善。")
    assert (m["city"], m["province"], m["year"], m["period"], m["doc_type"]) == (
        "台州市", "浙江省", 2020, "H1", "summary")


def test_short_name_with_parent_city_in_body():
    text = ("2021年上半年环保工作总结\n半年来，我市环境保护工作在市委市政府领导下稳步推进。"
            "常熟市空气质量优良率提升，苏州市考核中常熟位列前茅，常熟全市水质稳定。\n二、下半年工作打算\n")
    m = meta(text)
    assert (m["province"], m["city"], m["county"], m["county_source"]) == ("江苏省", "苏州市", "常熟市", "body")
    assert (m["plan_year"], m["plan_period"], m["plan_source"]) == (2021, "H2", "body")


def test_city_without_county_and_body_year():
    text = "2022年，全市生态环境质量持续改善。武威市空气优良天数增加，武威市全年完成任务。"
    m = meta(text)
    assert m["title"] == "" and m["title_source"] == ""
    assert (m["province"], m["city"], m["county"], m["county_source"]) == ("甘肃省", "武威市", "", "")
    assert (m["year"], m["year_source"]) == (2022, "body")


def test_doc_number_province():
    text = ("今年上半年，我县认真贯彻落实**县委部署。根据《关于加强管理的通知》（湘环发〔2021〕12号）要求，"
            "**县完成整治。\n二、下半年工作计划\n")
    m = meta(text)
    assert m["anonymised"] is True
    assert (m["province"], m["province_source"]) == ("湖南省", "doc_number")
    assert (m["county"], m["admin_level"]) == ("", "county")
    assert (m["period"], m["plan_period"]) == ("H1", "H2")


def test_conflicting_doc_numbers_give_no_province():
    m = meta("今年上半年，我县推进整治，依据苏环办〔2020〕1号和浙环发〔2020〕2号文件。")
    assert m["province"] == "" and m["province_source"] == ""


def test_year_to_date_vs_annual():
    ytd = meta("某市生态环境局2021年工作总结\n一、工作成效\n截至10月31日，空气优良率90%。截止1-9月，水质达标。")
    assert (ytd["period"], ytd["period_cutoff"], ytd["period_source"]) == ("year-to-date", "10-31", "body")
    full = meta("某市生态环境局2021年工作总结\n一、工作成效\n1-12月，空气优良率90%；截至9月底完成整治。")
    assert (full["period"], full["period_cutoff"]) == ("annual", "")


def test_no_place_no_guess():
    m = meta("2020年工作总结\n一、主要工作\n我局加强执法，全年检查企业100家。")
    assert m["province"] == m["city"] == m["county"] == ""
    assert m["anonymised"] is False


def test_keys_match_reports_contract():
    m = meta("2020年工作总结\n正文。")
    expected = set(COLUMNS["reports"][:COLUMNS["reports"].index("script")])
    assert set(m) == expected


# ---------------------------------------------------------------- overrides
def test_overrides_by_file_and_doc_id():
    o = read_overrides(DATA / "overrides.csv")
    base = meta("2020年上半年工作总结\n正文。")
    a = apply_overrides(base, o, doc_id="sample_a")
    assert (a["year"], a["year_source"], a["period"], a["period_source"]) == (2019, "override", "H1", "title")
    b = apply_overrides(base, o, doc_id="sample_b")
    assert (b["period"], b["period_source"], b["city"], b["city_source"], b["anonymised"]) == (
        "H2", "override", "某城", "override", True)
    assert apply_overrides(base, o, doc_id="other") == base


# ---------------------------------------------------------------- the sample reports
SAMPLES = {
    "jiangxi_jiujiang_lushan_2022-h1": dict(
        province="江西省", province_source="gazetteer", city="九江市", city_source="title", county="庐山市",
        county_source="title", admin_level="county", anonymised=False, year=2022, period="H1",
        doc_type="summary+plan", plan_year=2022, plan_period="H2", issuer="九江市庐山生态环境局",
        title="九江市庐山生态环境局2022年上半年工作总结及下半年工作计划"),
    "jiangsu_zhenjiang_danyang_2020-h1": dict(
        province="江苏省", city="镇江市", county="丹阳市", county_source="body", admin_level="county",
        anonymised=False, year=2020, year_source="title", period="H1", title="2020年上半年环境保护工作总结"),
    "gansu_pingliang_2022-annual": dict(
        province="甘肃省", city="平凉市", county="", admin_level="city", year=2022, period="annual",
        period_cutoff="", doc_type="summary+plan", plan_year=2023, plan_period="annual"),
    "jiangxi_anonymised-county_2022-h1": dict(
        title="", title_source="", anonymised=True, province="江西省", province_source="doc_number",
        city="", county="", admin_level="county", year=2022, year_source="body", period="H1",
        doc_type="summary+plan", plan_year=2022, plan_period="H2"),
    "anonymised-city_2023-annual": dict(
        anonymised=True, province="", city="", county="", admin_level="city", year=2023,
        period="year-to-date", period_cutoff="11-11", doc_type="summary+plan", plan_year=2024,
        plan_period="annual"),
}


@pytest.mark.parametrize("doc_id", sorted(SAMPLES))
def test_sample_reports(doc_id):
    text = clean_text((REPORTS / f"{doc_id}.txt").read_text(encoding="utf-8")).text
    m = infer_metadata(text, doc_id=doc_id)
    for k, v in SAMPLES[doc_id].items():
        assert m[k] == v, (k, m[k], v)
    for field in ("province", "city", "county", "year", "period"):
        assert bool(m[f"{field}_source"]) == (m[field] not in ("", None))
