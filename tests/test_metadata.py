"""Tests for ecoanalysis.metadata and ecoanalysis.gazetteer (region, year, period, plans, overrides)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from ecoanalysis import gazetteer as gz
from ecoanalysis.clean import clean_text
from ecoanalysis.document import Doc
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


# ---------------------------------------------------------------- place names: guarded matches
@pytest.mark.parametrize("text,expected", [
    ("和县环境保护局", [("和县", "340523")]),              # a one-character stem with its suffix
    ("马鞍山市和县", [("马鞍山市", "340500"), ("和县", "340523")]),
    ("全市和县区两级", []),                                # 市和县: a phrase, not the county
    ("召开县委常委会", []),                                 # 开县 (old name) inside a phrase
    ("阳泉市郊区", [("阳泉市", "140300"), ("郊区", "140311")]),  # stoplisted, but after its city
    ("阳泉市城区", [("阳泉市", "140300"), ("城区", "140302")]),
    ("晋城市城区", [("晋城市", "140500"), ("城区", "140502")]),
    ("九江市城区", [("九江市", "360400")]),                # 城区 is not a division of 九江市
    ("城区和矿区", []),
])
def test_guarded_place_names(text, expected):
    assert [(m.name, m.code) for m in gz.find_places(text)] == expected


def _reference_find_places(text):
    """The plain leftmost-longest loop with the same two guards, to check the fast scan against."""
    idx, guarded = gz._index(), gz._guarded()
    out, i = [], 0
    while i < len(text):
        for length in range(min(gz.MAX_NAME, len(text) - i), 1, -1):
            name = text[i:i + length]
            found = idx.get(name)
            if found and length == 2 and i and gz._is_cjk(text[i - 1]):
                found = [h for h in found if h[1] == "short" or gz._after_ancestor(text, i, h[0])]
            if not found and name in guarded:
                found = [h for h in guarded[name] if gz._after_ancestor(text, i, h[0])]
            if found:
                out.extend((name, code, kind, i) for code, kind in found)
                i += length
                break
        else:
            i += 1
    return out


def test_fast_place_scan_equals_the_plain_loop():
    for path in sorted(REPORTS.glob("*.txt")):
        text = clean_text(path.read_text(encoding="utf-8")).text
        fast = [(m.name, m.code, m.kind, m.start) for m in gz.find_places(text)]
        assert fast == _reference_find_places(text)
        assert all(text[m.start:m.end] == m.name for m in gz.find_places(text))
    assert gz.find_places("") == gz.find_places("县") == []


LONG_TITLES = [
    # one-line titles longer than 40 characters: long autonomous prefecture / county names
    ("安顺市镇宁布依族苗族自治县生态环境分局2017年前三季度工作总结及第四季度工作计划",
     dict(issuer="安顺市镇宁布依族苗族自治县生态环境分局", anonymised=False, province="贵州省", city="安顺市",
          county="镇宁布依族苗族自治县", admin_level="county", year=2017, period="Q1-Q3", plan_period="Q4")),
    ("怒江傈僳族自治州兰坪白族普米族自治县生态环境局2021年度工作总结及2022年工作计划",
     dict(issuer="怒江傈僳族自治州兰坪白族普米族自治县生态环境局", anonymised=False, province="云南省",
          city="怒江傈僳族自治州", county="兰坪白族普米族自治县", year=2021, plan_year=2022)),
    ("黔西南布依族苗族自治州望谟县生态环境局2019年工作总结和2020年工作安排",
     dict(province="贵州省", city="黔西南布依族苗族自治州", county="望谟县", county_source="title",
          admin_level="county", plan_year=2020)),
    ("和县环境保护局2019年工作总结",
     dict(province="安徽省", city="马鞍山市", county="和县", county_source="title", year=2019)),
    ("阳泉市郊区生态环境局2019年上半年工作总结及下半年工作计划",
     dict(province="山西省", city="阳泉市", county="郊区", county_source="title", admin_level="county")),
    ("阳泉市城区生态环境局2020年工作总结",
     dict(province="山西省", city="阳泉市", county="城区", admin_level="county")),
]


@pytest.mark.parametrize("title,expected", LONG_TITLES, ids=[c[0][:10] for c in LONG_TITLES])
@pytest.mark.parametrize("body", ["short", "sample"])
def test_titles_with_long_names_and_guarded_places(title, expected, body):
    # the title decides however long the body is and whatever places it mentions
    text = title + (BODY if body == "short" else
                    "\n" + (REPORTS / "gansu_pingliang_2022-annual.txt").read_text(encoding="utf-8"))
    m = meta(text)
    for k, v in expected.items():
        assert m[k] == v, (k, m[k], v)


def test_long_prose_line_is_still_not_a_title():
    text = "今年以来我局坚持以习近平生态文明思想为指导深入打好污染防治攻坚战各项工作取得明显成效现将工作总结\n一、主要工作"
    assert extract_title(text)[0] == ""


def test_huge_report_reads_like_its_head():
    one = clean_text((REPORTS / "jiangxi_jiujiang_lushan_2022-h1.txt").read_text(encoding="utf-8")).text
    others = "\n".join(clean_text(p.read_text(encoding="utf-8")).text for p in sorted(REPORTS.glob("*.txt")))
    big = one + "\n" + "\n".join([others] * 30)  # ~1.3 MB: later reports mention other places
    a, b = infer_metadata(one, doc_id="x"), infer_metadata(big, doc_id="x")
    for k in ("province", "city", "county", "admin_level", "anonymised", "year", "title", "issuer"):
        assert a[k] == b[k], k


# ---------------------------------------------------------------- bad override files
@pytest.mark.parametrize("content,problem", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00binary", "not a text CSV"),
    (bytes(range(256)) * 3, "not a text CSV"),
    ("doc_id,year\n\"unterminated,2020\n".encode(), "not a readable CSV"),
    ("year,city\n2020,x\n".encode(), "no 'doc_id' or 'file' column"),
])
def test_bad_override_file_is_a_value_error_naming_the_file(tmp_path, content, problem):
    p = tmp_path / "metadata.csv"
    p.write_bytes(content)
    with pytest.raises(ValueError) as exc:
        read_overrides(p)
    msg = str(exc.value)
    assert str(p) in msg and problem in msg and "\n" not in msg


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_override_file_encodings(tmp_path, encoding):
    p = tmp_path / "metadata.csv"
    p.write_bytes("doc_id,city,year\n报告甲,马鞍山市,2019\n".encode(encoding))
    o = read_overrides(p)
    assert o.to_dict("records") == [{"doc_id": "报告甲", "city": "马鞍山市", "year": "2019"}]
    (tmp_path / "empty.csv").write_bytes(b"")
    assert read_overrides(tmp_path / "empty.csv").empty


def test_override_cells_that_cannot_be_converted_warn_and_keep_the_inferred_value():
    from ecoanalysis.metadata import OverrideWarning

    base = meta("2020年上半年工作总结\n正文。")
    o = pd.DataFrame([{"doc_id": "a", "year": "二〇一九年", "period": "下半年", "plan_year": "2021.0"},
                      {"doc_id": "b", "year": "abc", "anonymised": "maybe", "period": "H2", "admin_level": "县"}])
    a = apply_overrides(base, o, doc_id="a")
    assert (a["year"], a["year_source"], a["period"], a["plan_year"]) == (2019, "override", "H2", 2021)
    with pytest.warns(OverrideWarning) as caught:
        b = apply_overrides(base, o, doc_id="b")
    assert len(caught) == 2 and {"year", "anonymised"} <= {w.message.args[0].split()[2].split("=")[0] for w in caught}
    assert (b["year"], b["year_source"], b["anonymised"]) == (base["year"], base["year_source"], base["anonymised"])
    assert (b["period"], b["admin_level"]) == ("H2", "county")


def test_bad_override_file_stops_the_cli_with_status_2(tmp_path):
    import subprocess
    import sys

    (tmp_path / "r").mkdir()
    (tmp_path / "r" / "a.txt").write_text("2020年工作总结\n一、主要工作\n全年完成任务。\n", encoding="utf-8")
    (tmp_path / "r" / "metadata.csv").write_bytes(b"doc_id,year\n\"unterminated,2020\n")
    proc = subprocess.run([sys.executable, "-m", "ecoanalysis", "extract", str(tmp_path / "r"), "--out",
                           str(tmp_path / "out"), "--no-cache", "--jobs", "1"], cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode == 2 and "metadata.csv" in proc.stderr and "Traceback" not in proc.stderr


# ---------------------------------------------------------------- issue 10: metadata from the body
# Every sentence below is invented for the test; expected values are read off the sentence.
@pytest.mark.parametrize("text,period,cutoff", [
    # year-wide words, no partial-period marker: annual
    ("全县环保工作综述\n近年来，我县坚持生态优先。一年来，全县共检查企业120家次。", "annual", ""),
    ("本报讯 2019年，全市空气质量优良天数为301天，同比增加12天。", "annual", ""),
    ("通讯员报道 全年共查处环境违法案件46起，罚款320万元。", "annual", ""),
    # an explicit partial period wins over 今年以来
    ("今年以来，我区扎实推进大气治理。上半年，全区优良天数为151天。", "H1", ""),
    ("据统计，1-9月，全省地表水优良比例为88.0%。", "Q1-Q3", ""),
    ("前三季度，全市PM2.5平均浓度为29微克/立方米。", "Q1-Q3", ""),
    ("一季度，全市空气质量优良率为80.2%。", "Q1", ""),
    # cumulative partial years and their cut-off
    ("1-11月，全县共受理信访件281件，办结率100%。", "year-to-date", "11-30"),
    ("2021年，全州水质稳定。截至今年10月底，全州优良天数比例为95.1%。", "year-to-date", "10-31"),
    ("据监测，1月1日至7月27日，我县PM2.5累计浓度为48微克/立方米。", "year-to-date", "07-27"),
    ("1月1日以来，这局共开展夜查行动12次，检查企业210家次。", "year-to-date", ""),
    ("今年1月至8月，全市空气质量优良天数为201天。", "year-to-date", "08-31"),
    # a single month, a single inspection batch: no standard period
    ("2021年3月，全市细颗粒物平均浓度为41微克/立方米，截至3月25日已全部办结。", "", ""),
    ("中央生态环境保护督察组向我省移交第十二批信访件256件，截至8月20日已办结190件。", "", ""),
    # nothing said about the time frame
    ("记者近日从市生态环境局获悉，我市持续开展专项检查。", "", ""),
])
def test_period_from_the_body_when_the_title_says_nothing(text, period, cutoff):
    m = meta(text)
    assert (m["period"], m["period_cutoff"]) == (period, cutoff)
    assert m["period_source"] == ("body" if period else "")


@pytest.mark.parametrize("text,year,source", [
    ("本网讯 2018年，全市共出动执法人员5600人次。", 2018, "body"),
    ("截至2018年12月底，全县累计建成污水管网120公里。", 2018, "body"),
    ("202x年生态环境局工作总结\n一、主要工作\n2023年，全区空气质量持续改善。", 2023, "body"),  # masked title
    ("202x年生态环境局工作总结\n一、主要工作\n全区空气质量持续改善。", None, ""),  # masked, nothing stated
    ("20XX年工作总结\n一、概况\n与2019年相比，优良天数增加。", None, ""),  # a comparison year is no statement
])
def test_year_from_the_body(text, year, source):
    m = meta(text)
    assert (m["year"], m["year_source"]) == (year, source)


def test_a_title_with_only_a_date_range_gives_the_period_and_its_cutoff_day():
    m = meta("我县空气质量通报（1月1日至7月27日）\n一、总体情况\n我县PM2.5累计浓度为48微克/立方米。")
    assert (m["period"], m["period_source"], m["period_cutoff"]) == ("year-to-date", "title", "07-27")



@pytest.mark.parametrize("text,province,city,county", [
    # the issuing bureau named in the lead (and a branch after it)
    ("本报讯 济南市生态环境局济阳分局紧紧围绕中心工作，全区开展巡查。", "山东省", "济南市", "济阳区"),
    ("在全市统一部署下，丰润区生态环境分局开展夜查，全市排名靠前。", "河北省", "唐山市", "丰润区"),
    ("近日，记者从廣西環保廳獲悉，全區已辦結信訪件1962件。南寧、柳州等市已部署整改。", "广西壮族自治区", "", ""),
    # the page's headline, boilerplate lines skipped
    ("当前位置: 首页 > 动态\n陇南市生态环境质量持续稳定向好\n2023-08-10 来源: 日报\n我市召开新闻发布会。", "甘肃省", "陇南市", ""),
    # a municipality is its districts' city; 全市 is its own level
    ("2018年，上海环境空气质量指数优良天数为296天，全市河流水质改善。上海市生态环境局发布公报。", "上海市", "上海市", ""),
    ("2016年，西青区环保局推进清新空气行动，西青区综合指数在全市排名第5，中共天津市西青区委员会部署。西青区督办问题391个。", "天津市", "天津市", "西青区"),
    # a province named by its short name only
    ("記者從省生態環境廳獲悉，安徽長江流域水質優良比例達81.4%，安徽各地加快整改。", "安徽省", "", ""),
    # 全区 of an autonomous region whose name is never written: every place named lies in it
    ("生态修复项目成效明显，全区生态环境质量稳定。和田地区于田县、墨玉县实施生态修复，哈密地区伊吾县开展治理。", "新疆维吾尔自治区", "", ""),
    # an autonomous county by its full name, and by its short name + 县
    ("记者从长阳土家族自治县生态环境分局获悉，2019年，全县优良天数为330天。", "湖北省", "宜昌市", "长阳土家族自治县"),
    ("2018年，我县空气质量持续改善，全县共检查企业56家，丰宁县生态环境局将继续努力。", "河北省", "承德市", "丰宁满族自治县"),
    # 全州 is how a prefecture names itself, not the county 全州县
    ("关于2017年度全州环境状况的报告\n——延边朝鲜族自治州人大常委会会议\n2017年，我州优良天数为320天。延边州……", "吉林省", "延边朝鲜族自治州", ""),
    # 我市 with its named districts only
    ("2020年，我市空气质量持续改善，临渭区、华州区优良天数分别为290天、285天，全市PM2.5下降。", "陕西省", "渭南市", ""),
])
def test_region_from_places_the_body_names(text, province, city, county):
    m = meta(text)
    assert (m["province"], m["city"], m["county"]) == (province, city, county)


def test_places_at_the_very_end_of_a_text_keep_their_span():
    # a longer name cut off by the end of the text used to swallow the short one (end past the text)
    ms = gz.find_places("今年以来，武进")
    assert [(m.name, m.start, m.end) for m in ms] == [("武进", 5, 7)]


def test_short_names_of_autonomous_units_and_aliases():
    short = gz.short_names()
    assert short["新疆维吾尔自治区"] == "新疆" and short["伊犁哈萨克自治州"] == "伊犁"
    assert short["内蒙古自治区"] == "内蒙古" and short["西藏自治区"] == "西藏"  # one-character stems stay whole
    found = [(m.name, gz.lookup(m.code)["name"], m.kind) for m in gz.find_places("昌吉州和大通县、莫力达瓦旗")]
    assert found == [("昌吉州", "昌吉回族自治州", "alias"), ("大通县", "大通回族土族自治县", "alias"),
                     ("莫力达瓦旗", "莫力达瓦达斡尔族自治旗", "alias")]


def test_rank_phrases_are_not_the_reports_own_level():
    # 全市第二 ranks a district within its city: the report is the district's
    m = meta("会上，区生态环境分局负责人介绍，上半年锡山区优良天数比例为78%，居全市第二，全市排名前列。")
    assert (m["city"], m["county"], m["admin_level"]) == ("无锡市", "锡山区", "county")


def test_a_title_about_one_month_has_a_year_but_no_standard_period():
    m = meta("某县生态环境分局信访处理情况(2023年10月)\n一、总体\n2023年10月，我局共受理信访件43件。")
    assert (m["year"], m["year_source"], m["period"]) == (2023, "title", "")
    m = meta("某县生态环境分局信访处理情况(2023年1月至10月)\n一、总体\n我局共受理信访件430件。")
    assert (m["year"], m["period"], m["period_cutoff"]) == (2023, "year-to-date", "10-31")


def test_the_body_settles_a_title_place_name_shared_by_two_divisions():
    # 西湖区 is a district of 杭州市 and of 南昌市; the body's 杭州市 decides
    m = meta("西湖区生态环境分局2020年工作总结\n一、主要工作\n在杭州市委、市政府领导下，全区优良天数为310天。")
    assert (m["city"], m["county"], m["county_source"]) == ("杭州市", "西湖区", "title")
    assert meta("西湖区生态环境分局2020年工作总结\n一、主要工作\n全区优良天数为310天。")["county"] == ""


def test_two_character_county_names_and_chinese_numeral_years_in_the_body():
    m = meta("（记者 张三）记者从县生态环境分局获悉，今年1—10月，寿县空气质量优良天数比例为80.1%。")
    assert (m["city"], m["county"], m["period"], m["period_cutoff"]) == ("淮南市", "寿县", "year-to-date", "10-31")
    m = meta("通讯员报道 二〇一九年，全县共办理环境信访案件128件。")
    assert (m["year"], m["year_source"], m["period"]) == (2019, "body", "annual")
    assert meta("近年来，市和县两级联动推进整改。")["county"] == ""  # 和县 inside prose is no place


@pytest.mark.parametrize("text,city", [
    ("2019年，常州空气质量优良天数为255天，全市水环境质量持续改善。", "常州市"),
    ("记者从市环保局获悉，2016年，宿迁PM2.5年均浓度为51微克/立方米，全市优良天数为240天。", "宿迁市"),
    ("2019年，全市空气质量优良天数为255天，常州、无锡两地均有改善。", ""),  # two cities, no choice
])
def test_a_city_named_by_its_short_name_under_its_own_level(text, city):
    assert meta(text)["city"] == city


def test_batches_in_an_annual_lead_are_no_inspection_campaign():
    # '分3批' organises work; only an inspection team's batch of hand-overs is a single campaign
    assert meta("2020年，全市分3批推进整治，共检查企业560家。")["period"] == "annual"
    assert meta("截至8月18日，督察组交办32批2341件，全区已办结1962件。")["period"] == ""


def test_a_month_inside_a_year_wide_statement_keeps_the_year():
    assert meta("本报讯 2019年，全市优良天数为300天。2019年12月，我市获评生态文明示范市。")["period"] == "annual"
    assert meta("本报讯 2019年12月，全市优良天数为28天。")["period"] == ""


@pytest.mark.parametrize("text,period,cutoff", [
    # month ranges and quarters written in Chinese numerals or other common ways (invented sentences)
    ("2018年一至九月，全市二氧化硫排放量持续下降。", "Q1-Q3", ""),
    ("今年一至十一月，全县共受理环境信访件97件。", "year-to-date", "11-30"),
    ("元月至10月，全区空气质量优良率为90.3%。", "year-to-date", "10-31"),
    ("一月至六月，全市共查处违法案件35起。", "H1", ""),
    ("今年首季，全市空气质量优良率为83.0%。", "Q1", ""),
    ("1-3季度，全县地表水优良比例为90.0%。", "Q1-Q3", ""),
    ("今年前九个月，全市细颗粒物平均浓度为31微克/立方米。", "Q1-Q3", ""),
    ("前六个月，全省优良天数比例为88.8%。", "H1", ""),
    ("前十个月，全县共办结信访件120件。", "year-to-date", "10-31"),
    ("一至十二月，全县共检查企业300家次。", "annual", ""),
    # 统一至10月底 is a deadline inside a word, no month range
    ("全市统一至10月底前完成整改。2019年，全市空气优良率为90.0%。", "annual", ""),
])
def test_period_words_in_chinese_numerals_and_other_spellings(text, period, cutoff):
    m = meta(text)
    assert (m["period"], m["period_cutoff"]) == (period, cutoff)


def test_a_county_level_city_that_calls_itself_the_city():
    # 全市 of a county-level city (县级市) whose name is the only place named (invented sentences)
    m = meta("2022年，全市空气质量持续改善。义乌市空气质量优良率达95.1%，全市共办理信访件230件。")
    assert (m["province"], m["city"], m["county"]) == ("浙江省", "金华市", "义乌市")
    # two county-level cities of one prefecture: the prefecture is what they share
    m = meta("2022年，全市空气质量持续改善。义乌市、东阳市优良率分别为95.1%、94.0%。")
    assert (m["city"], m["county"]) == ("金华市", "")
    # a county-level city directly under its province, named with the province only
    m = meta("2019年，全市空气质量优良天数为330天。仙桃市在湖北省考核中名列前茅，湖北省下达的目标全面完成。")
    assert (m["province"], m["city"], m["county"]) == ("湖北省", "", "仙桃市")
    m = meta("2019年，全市空气质量优良天数为300天，石河子市在自治区考核中名列前茅，新疆维吾尔自治区通报表扬。")
    assert (m["province"], m["county"]) == ("新疆维吾尔自治区", "石河子市")
    m = meta("2019年，全市空气质量优良天数为330天。我市与天门市、潜江市联合执法。")  # neighbours: no choice
    assert (m["province"], m["county"]) == ("湖北省", "")


@pytest.mark.parametrize("text,year,period", [
    ("据统计，2017年全市共受理环境信访投诉1200件。", 2017, "annual"),
    ("记者获悉，2020年度全县共查处环境违法案件46起。", 2020, "annual"),
    ("2021年我区空气优良天数为320天。", 2021, "annual"),
    ("据统计，2017年1月全市共受理环境信访投诉120件。", 2017, ""),  # one month, not a year statement
])
def test_a_year_followed_by_the_reports_own_level_is_a_year_statement(text, year, period):
    m = meta(text)
    assert (m["year"], m["period"]) == (year, period)


@pytest.mark.parametrize("text,period,cutoff", [
    # a cumulative partial year that ends with a quarter is that quarter's standard period
    ("截至9月底，全县共办结信访件95件，办结率100%。", "Q1-Q3", ""),
    ("截至今年6月30日，全市优良天数为160天。", "H1", ""),
    ("截至3月底，全区共检查企业56家次。", "Q1", ""),
    ("截至9月20日，全县共办结信访件95件。", "year-to-date", "09-20"),  # mid-month: still a cut-off
    ("截至8月底，全县共办结信访件95件。", "year-to-date", "08-31"),
])
def test_a_cut_off_at_a_quarter_end_is_that_standard_period(text, period, cutoff):
    m = meta(text)
    assert (m["period"], m["period_cutoff"]) == (period, cutoff)


def test_an_annual_summary_whose_data_stop_at_a_quarter_end():
    m = meta("某县环保局2019年工作总结\n一、主要工作\n截至9月底，全县共办结信访件95件。")
    assert (m["year"], m["period"], m["period_cutoff"]) == (2019, "Q1-Q3", "")


@pytest.mark.parametrize("text,period", [
    ("某县生态环境局工作总结\n一、主要工作\n今年来，全县空气质量持续改善。", "annual"),
    ("通讯员报道 过去一年，全区共查处环境违法案件46起。", "annual"),
    ("某县生态环境局半年工作总结\n一、主要工作\n全县空气质量持续改善。", "H1"),
    ("某县生态环境局2019年半年度工作报告\n一、主要工作\n全县空气质量持续改善。", "H1"),
    ("记者从市生态环境局获悉，今年将开展专项检查。", ""),  # 今年 alone, in a plan sentence: no time frame
])
def test_more_year_wide_and_half_year_words(text, period):
    assert meta(text)["period"] == period


@pytest.mark.parametrize("text,city,county", [
    # a title's ambiguous district settled by the short name of its city in the body
    ("鼓楼区生态环境局2020年工作总结\n一、主要工作\n全区优良天数为310天，在福州各区中排名第一。", "福州市", "鼓楼区"),
    ("鼓楼区生态环境局2020年工作总结\n一、主要工作\n全区优良天数为310天，在南京各区中排名第一。", "南京市", "鼓楼区"),
    ("鼓楼区生态环境局2020年工作总结\n一、主要工作\n全区优良天数为310天。", "", ""),  # nothing settles it
])
def test_a_city_short_name_settles_a_titles_ambiguous_district(text, city, county):
    m = meta(text)
    assert (m["city"], m["county"]) == (city, county)


@pytest.mark.parametrize("text,city", [
    # districts named side by side under 我市: an ambiguous one (鼓楼区) is its sibling's
    ("2022年，全市空气质量持续改善。我市鼓楼区、台江区环境质量持续改善。", "福州市"),
    ("2022年，全市空气质量持续改善。我市鼓楼区、玄武区、秦淮区环境质量持续改善。", "南京市"),
    ("2022年，全市空气质量持续改善。我市西湖区、上城区优良天数均超过300天。", "杭州市"),
    ("2022年，全市空气质量持续改善。我市鼓楼区优良天数超过300天。", ""),  # alone: no choice
])
def test_districts_named_together_settle_an_ambiguous_one(text, city):
    assert meta(text)["city"] == city


@pytest.mark.parametrize("body,period,cutoff", [
    # in an annual summary only data counted from January, or stated as of a date, cut the year
    ("2019年，全县空气质量持续改善。5月至10月，开展秸秆禁烧专项行动，出动人员300人次。", "annual", ""),
    ("全县空气质量持续改善。专项行动从6月持续至9月，共检查企业50家。", "annual", ""),
    ("全县空气质量持续改善。整改期限至2019年10月31日。", "annual", ""),
    ("全县空气质量持续改善。1月1日至10月20日，全县优良天数为280天。", "year-to-date", "10-20"),
    ("全县空气质量持续改善。1-11月，全县优良天数为300天。", "year-to-date", "11-30"),
    ("全县空气质量持续改善。截至11月底，全县共受理信访件120件。", "year-to-date", "11-30"),
])
def test_an_annual_summary_is_cut_only_by_a_cut_off_or_a_range_from_january(body, period, cutoff):
    m = meta("某县环保局2019年工作总结\n一、主要工作\n" + body)
    assert (m["year"], m["period"], m["period_cutoff"]) == (2019, period, cutoff)


@pytest.mark.parametrize("text,year,period", [
    ("２０１８年，全市空气质量优良天数为300天。", 2018, "annual"),  # full-width digits
    ("二0一八年，全县共查处环境违法案件46起。", 2018, "annual"),  # zero written as a digit
    ("二O一九年，全县共查处环境违法案件46起。", 2019, "annual"),  # zero written as a letter
    ("二○一八年全市空气质量优良天数为300天。", 2018, "annual"),
    ("某县环保局２０２０年上半年工作总结\n一、主要工作\n全县空气质量持续改善。", 2020, "H1"),
])
def test_years_in_full_width_digits_and_chinese_numerals_with_a_digit_zero(text, year, period):
    m = meta(text)
    assert (m["year"], m["period"]) == (year, period)


@pytest.mark.parametrize("text,province,county", [
    # two districts of 重庆 the source tree left out; 江北区 is also a district of 宁波
    ("2019年，全区空气质量优良天数为300天。渝北区共查处案件20起。", "重庆市", "渝北区"),
    ("2019年，全区空气质量优良天数为300天。江北区位于重庆主城，江北区共查处案件20起。", "重庆市", "江北区"),
    ("2019年，全区空气质量优良天数为300天。宁波市江北区共查处案件20起。", "浙江省", "江北区"),
    # a bureau whose district name two cities share, and nothing to choose between them
    ("2019年，全区空气质量优良天数为300天。江北区生态环境局加强执法。", "", ""),
])
def test_chongqing_districts_and_a_bureau_named_by_an_ambiguous_district(text, province, county):
    m = meta(text)
    assert (m["province"], m["county"]) == (province, county)


@pytest.mark.parametrize("text,year", [
    # a masked year at the top of a body with no title: a later whole-year statement still counts
    ("20XX年度环境保护工作总结（节选）：过去的一年，在县委县政府领导下，我们做了大量工作，取得了"
     "显著成效，现将有关情况总结如下，请审阅。\n2019年，全县空气质量优良天数为300天。", 2019),
    ("201X年上半年工作总结范文，作者佚名，我们的工作取得了很好的成绩，现将主要情况汇报如下。\n"
     "上半年，全区共检查企业20家，与2018年同期相比增加5家。", None),  # a comparison is no statement
])
def test_a_masked_year_heading_a_body_yields_to_a_stated_year_only(text, year):
    assert meta(text)["year"] == year


@pytest.mark.parametrize("text,city,county", [
    # an autonomous unit written as its short name plus its kind, nationalities left out
    ("2019年，全县空气质量优良天数为330天。长阳自治县生态环境分局加强执法。", "宜昌市", "长阳土家族自治县"),
    ("2019年，全县空气质量优良天数为330天。峨边自治县共查处环境违法案件12起。", "乐山市", "峨边彝族自治县"),
    ("2019年，全州空气质量优良天数为330天。恩施自治州共查处环境违法案件12起。", "恩施土家族苗族自治州", ""),
    ("2019年，全縣空氣品質優良天數為330天。積石山保安族東鄉族撒拉族自治縣共查處案件12起。",
     "临夏回族自治州", "积石山保安族东乡族撒拉族自治县"),
])
def test_autonomous_units_by_short_name_and_kind(text, city, county):
    m = meta(text)
    assert (m["city"], m["county"]) == (city, county)


@pytest.mark.parametrize("text,year,period", [
    # a page with no title: its headline states the time frame like a title would
    ("首页 | 新闻中心\n2020年第一季度全市环境质量状况\n发布时间：2020-04-15\n全市环境空气质量优良天数比例为85.2%。",
     2020, "Q1"),
    ("首页 | 新闻中心\n2018年度全县环境状况\n发布时间：2019-06-05\n《公报》显示，全县优良天数比例为90.1%。",
     2018, "annual"),
    # a year alone in the headline gives way to the body's partial period
    ("首页 | 新闻中心\n2021年全县环境执法情况\n发布时间：2021-08-05\n1-7月，全县共查处环境违法案件23起。",
     2021, "year-to-date"),
    ("首页 | 新闻中心\n我市召开生态环境保护大会\n会议指出，今年1-5月全市优良天数比例为85.2%。", None, "year-to-date"),
])
def test_a_headline_states_the_time_frame_of_a_page_without_title(text, year, period):
    m = meta(text)
    assert (m["year"], m["period"]) == (year, period)


@pytest.mark.parametrize("text,year,period", [
    ("2019宜宾市环境质量公报\n一、环境空气\n全市优良天数比例为85.2%。", 2019, "annual"),  # no 年
    ("2000家企业完成整治的情况通报\n一、总体情况\n全区空气质量持续改善。", None, ""),  # a count, not a year
    ("某区年鉴2019·生态环境\n2018年，全区PM2.5平均浓度为35微克/立方米。", 2018, "annual"),  # a yearbook volume
])
def test_a_titles_year_written_without_nian(text, year, period):
    m = meta(text)
    assert (m["year"], m["period"]) == (year, period)


@pytest.mark.parametrize("text,year,period", [
    # a year masked whole is still a year: the title's time frame, and no comparison year instead
    ("XX年工作总结\n一、主要工作\n与2019年相比，全县优良天数增加10天。", None, "annual"),
    ("××××年度环保工作总结\n一、主要工作\n与2019年相比，全县优良天数增加10天。", None, "annual"),
    ("xxxx年上半年工作总结\n一、主要工作\n与2019年同期相比，全县优良天数增加10天。", None, "H1"),
    ("二〇XX年工作总结\n一、主要工作\n与2019年相比，全县优良天数增加10天。", None, "annual"),
    ("XX年工作总结\n一、主要工作\n2019年，全县优良天数增加10天。", 2019, "annual"),  # a statement counts
    ("XX年，全县空气质量持续改善，与2019年相比，优良天数增加10天。", None, "annual"),
])
def test_years_masked_whole(text, year, period):
    m = meta(text)
    assert (m["year"], m["period"]) == (year, period)


@pytest.mark.parametrize("text,county,anonymised", [
    # a report naming its own bureau masks somebody else when it writes 某县 or **县
    ("2019年，全县空气质量优良天数为330天。宁海县生态环境分局查处某县一家化工企业，罚款20万元。", "宁海县", False),
    ("2019年，全县空气质量优良天数为330天。宁海县生态环境分局查处**县一家化工企业，罚款20万元。", "宁海县", False),
    ("2019年，全县空气质量优良天数为330天。县生态环境分局查处某县一家化工企业，宁海县", "", True),  # no issuer named
])
def test_a_report_that_names_its_bureau_is_not_anonymised_by_a_masked_third_party(text, county, anonymised):
    m = meta(text)
    assert (m["county"], m["anonymised"]) == (county, anonymised)


@pytest.mark.parametrize("text,period", [
    ("通讯员报道 今年，全县共查处环境违法案件46起，罚款320万元。", "annual"),
    ("记者获悉，今年我局共办结信访件230件。", "annual"),
    ("今年是“十四五”开局之年，市生态环境局召开动员会。", ""),  # 今年 names the year, no data frame
    ("记者从市生态环境局获悉，今年将开展专项检查。", ""),
])
def test_this_year_opening_a_statement_is_annual(text, period):
    assert meta(text)["period"] == period


@pytest.mark.parametrize("text,county", [
    # 全县 and one county named only by its short name, twice or more
    ("2019年，全县空气质量优良天数为300天。宁海共查处案件20起，宁海加强执法，宁海名列前茅。", "宁海县"),
    ("2019年，全县空气质量优良天数为300天。宁海共查处案件20起。", ""),  # once: too weak
    ("2019年，全区空气质量优良天数为300天。宁海共查处案件20起，宁海加强执法。", ""),  # 宁海 is no 区
])
def test_a_county_named_by_its_short_name_under_its_own_level(text, county):
    assert meta(text)["county"] == county


@pytest.mark.parametrize("text,period", [
    # a title with a year and no report word is a headline: the body's partial period wins
    ("某州2021年大气治理成效明显\n记者获悉，上半年，全州水质优良比例为100%。", "H1"),
    ("某州2021年大气治理成效明显\n记者获悉，1-9月，全州水质优良比例为100%。", "Q1-Q3"),
    # a year's summary mentioning its first half stays the year's
    ("某县环保局2021年工作总结\n一、主要工作\n上半年，全县开展专项行动。全年共检查企业120家。", "annual"),
])
def test_a_headline_title_with_a_year_yields_to_the_bodys_partial_period(text, period):
    assert meta(text)["period"] == period


def test_a_headline_naming_two_lineages_leaves_the_choice_to_the_body():
    m = meta("学习安吉县经验 推动宁海县绿色发展\n"
             "2019年，全县空气质量优良天数为330天，宁海县共查处案件20起，宁海县生态环境分局加强执法。")
    assert (m["city"], m["county"]) == ("宁波市", "宁海县")


@pytest.mark.parametrize("text,period", [
    ("1月份，全市空气质量优良天数为28天，同比增加2天。今年以来，全市持续推进大气治理。", ""),  # a monthly report
    ("通报称，全市空气质量稳中向好。\n3月，全市优良天数为27天。", ""),
    ("今年以来，全县持续推进大气治理。8月，我局召开专题会议。全年共检查企业120家。", "annual"),
])
def test_a_lead_opening_with_one_month_is_a_monthly_report(text, period):
    assert meta(text)["period"] == period


@pytest.mark.parametrize("text,county,level", [
    # a county's report says 全市/全省 of its city or province more often than 全县
    ("2019年，全县空气质量优良天数为330天。宁海县的做法在全市推广，全市各县区纷纷学习，宁波市领导给予肯定，"
     "全市现场会在宁海县召开。", "宁海县", "county"),
    ("2019年，全县空气质量优良天数为330天。宁海县的做法在全省推广，全省各地纷纷学习，浙江省领导给予肯定，"
     "全省现场会在宁海县召开。", "宁海县", "county"),
    ("2019年，全县空气质量优良天数为330天。宁海县的做法在全市推广，宁波市领导给予肯定，现场会在宁海县召开。",
     "宁海县", "county"),  # 全县 and 全市 once each
    # a city's report naming two of its counties stays the city's
    ("2019年，全市空气质量优良天数为330天。宁海县、象山县分别为350天、360天，全市各县区持续改善，"
     "全市PM2.5下降，宁波市获评。宁海县全县优良。", "", "city"),
])
def test_a_county_report_that_names_its_parent_level_more_often(text, county, level):
    m = meta(text)
    assert (m["county"], m["admin_level"]) == (county, level)


def test_a_merged_bureau_in_the_lead_names_the_issuer():
    m = meta("近日，宁海县环境保护和林业局开展专项执法，全县共检查企业20家。象山县、普陀区同步开展。")
    assert (m["city"], m["county"]) == ("宁波市", "宁海县")


@pytest.mark.parametrize("text,year", [
    # the base of a comparison or of a span is not the year a body reports on
    ("记者获悉，与2015年相比，2019年全市优良天数增加30天。", 2019),
    ("记者获悉，较2015年，2019年全市PM2.5浓度下降20%。", 2019),
    ("记者获悉，2016年以来，全市累计投入资金5亿元，2020年全市优良天数为300天。", 2020),
    ("记者获悉，全市PM2.5浓度较2015年下降20%。", 2015),  # no other year: the base stands
])
def test_a_comparison_base_year_gives_way_to_the_reported_year(text, year):
    assert meta(text)["year"] == year


@pytest.mark.parametrize("text,county", [
    # one county named in the body, once or more, with no 我县/全县: the county's report
    ("一、环境空气质量状况\n2020年，青阳县城区环境空气质量良好。青阳县地表水水质良好。", "青阳县"),
    ("一、环境空气质量状况\n2020年，青阳县城区环境空气质量良好。", "青阳县"),
    # two counties of one city: neither is the report's
    ("一、环境空气质量状况\n2020年，东至县、青阳县城区空气质量良好。东至县、青阳县水质良好。", ""),
])
def test_one_county_named_twice_is_the_reports(text, county):
    assert infer_metadata(text)["county"] == county


@pytest.mark.parametrize("text,year,period", [
    # a body that reports before its plan heading: the heading's year and period are the plan's,
    # not the report's (a summary of a year not stated stays without one)
    ("一、工作成效\n全年优良天数比例为85%，PM2.5浓度为36微克/立方米。\n二、2024年主要任务\n全年优良天数比例达到88%。",
     None, "annual"),
    ("一、工作成效\n全年优良天数比例为85%，PM2.5浓度为36微克/立方米。\n二、下半年工作安排\n持续推进大气污染防治。",
     None, "annual"),
    ("一、2023年工作成效\n全年优良天数比例为85%，PM2.5浓度为36微克/立方米。\n二、2024年工作目标\n优良天数比例达到88%。",
     2023, "annual"),
    # a plan alone keeps its year
    ("一、2024年工作目标\n全年优良天数比例达到88%。\n二、主要措施\n持续推进大气污染防治。", 2024, None),
])
def test_a_plan_headings_year_is_not_the_reports(text, year, period):
    m = infer_metadata(text)
    assert m["year"] == year
    if period is not None:
        assert m["period"] == period


@pytest.mark.parametrize("text,year", [
    # the year of the event a news item reports from is not the year its figures are of
    ("记者获悉，在2020年六五环境日前夕，市生态环境局发布《2019年环境状况公报》。2019年，全市优良天数为309天。", 2019),
    ("6月5日，我县召开2024年六五环境日新闻发布会。2023年，全县空气质量优良天数比例为96.2%。", 2023),
    # a date in brackets on its own line under a title is when the text was written
    ("乡镇生态环境保护工作汇报\n（2022年2月）\n现将本镇2021年生态环境保护工作汇报如下：全镇优良天数比例为95%。", 2021),
])
def test_event_and_writing_dates_are_not_the_reports_year(text, year):
    assert infer_metadata(text)["year"] == year


@pytest.mark.parametrize("text,year", [
    # an event whose long name holds a later year (…暨2021年工作进展情况新闻发布会): the event's,
    # not the year the figures are of
    ("9月2日，记者从2020年全县环境质量状况暨2021年生态环境保护工作进展情况新闻发布会获悉，"
     "2020年我县优良天数比例达到91.2%。", 2020),
    # a page head naming a summary and its plan (工作总结及2021年度工作计划): the plan's year is
    # not the report's; the summary's own heading year is
    ("下载中心\n\n环保局工作总结及2022年度工作计划\n\n一、2021年度工作亮点 全县PM2.5浓度31微克/立方米。", 2021),
    # a headline that is only a goal keeps its year
    ("锁定碧水蓝天目标 2019实现新突破\n全市优良天数比例为90.1%，同比提高2个百分点。", 2019),
])
def test_a_plans_or_events_year_in_the_head_is_not_the_reports(text, year):
    assert infer_metadata(text)["year"] == year


@pytest.mark.parametrize("text,absent", [
    # an ordinary word of the stoplist holds its characters: no place name starts inside it
    ("海南通报中央环境保护督察反馈意见整改情况", "南通市"),
    ("长江西岸的5个断面水质均为Ⅱ类", "江西省"),
    ("黄河北岸湿地保护工作持续推进", "河北省"),
])
def test_no_place_starts_inside_an_ordinary_word(text, absent):
    from ecoanalysis.gazetteer import find_places, lookup

    names = {lookup(m.code)["name"] for m in find_places(text)}
    assert absent not in names
    m = infer_metadata(text)
    assert absent not in (m["province"], m["city"], m["county"])


def test_first_in_the_level_above_is_no_self_reference():
    # 率先在全区开展 compares with the level above, as 居全区前列 does
    from ecoanalysis.metadata import _self_suffixes

    assert _self_suffixes("我县率先在全市开展垃圾分类，率先在全区建成监测站。") == ["县"]
    assert _self_suffixes("全区优良天数比例为95%。") == ["区"]


def test_a_speech_date_line_is_when_it_was_delivered():
    # ——2023年3月23日在…会议上 heads a report to a meeting: the year it reports is in the body
    text = ("——2024年3月21日在市第十六届人民代表大会常务委员会第九次会议上\n市生态环境局局长 某某\n"
            "主任、各位委员：\n受市人民政府委托，现报告2023年环境状况和环境保护目标完成情况。2023年，全市PM2.5浓度为30微克/立方米。")
    m = infer_metadata(text)
    assert m["year"] == 2023 and m["year_source"] == "body"


@pytest.mark.parametrize("text,year", [
    # a dated page with no year of its own that reports 去年: the year before the page's
    ("某市去年空气质量明显提升\n2016-01-27 08:53 来源:晚报\n去年全市空气质量优良天数比例为95.1%。", 2015),
    # 比去年 / 去年同期 are comparisons, and 今年 first keeps the page's year
    ("某县空气质量持续改善\n2019-08-02 10:21 来源:日报\n今年以来优良天数比去年同期增加5天。", 2019),
    # 去年 before the page's year written in its plan (…部署2017年新任务): still the year before
    ("某省去年查处环境违法案件1.2万件\n2017年01月24日 09:09 来源:某网\n去年，全省共出动执法人员8万人次。"
     "会议部署2017年新任务。", 2016),
    # the year written first keeps it
    ("某省2017年环保工作会议召开\n2017年01月24日 09:09 来源:某网\n2017年，全省将查处…，去年查处案件1.2万件。", 2017),
])
def test_last_year_on_a_dated_page(text, year):
    assert infer_metadata(text)["year"] == year


@pytest.mark.parametrize("text,script,year", [
    # Taiwan's documents write the ROC era year bare (98年12月31日, 93年度 = 2004)
    ("中文摘要 本計畫各項作業執行至98年12月31日，共計受理陳情案件512件。", "traditional", 2009),
    ("本年度彙整93年度稽查結果，完成巡查計311件。", "traditional", 2004),
    # a simplified text's 98年 is no ROC year (1998's shorthand, or a count)
    ("本计划各项作业执行至98年12月31日，共计受理案件512件。", "simplified", None),
    # a Western year stated anywhere in the head wins
    ("本計畫於2010年執行至99年12月31日，共計受理陳情案件512件。", "traditional", 2010),
])
def test_a_bare_roc_year_in_a_traditional_text(text, script, year):
    ct = clean_text(text)
    ct.script = script  # the cleaner's guess is not under test here
    assert infer_metadata(Doc.from_clean(ct, doc_id="t"))["year"] == year


@pytest.mark.parametrize("text,year", [
    # a page dated in the year of the partial period it reports: that period's year, though an
    # earlier year is written first (last year's bulletin named in passing)
    ("全市水环境质量稳中向好\n2021-07-22 10:05:13 来源:晚报\n会上通报了2020年全市环境质量状况和2021年上半年"
     "环境质量状况。2021年1-6月，全市优良天数为170天。", 2021),
    ("某区大气治理见成效\n发布时间：2019年10月15日\n区生态环境分局介绍2018年工作成效及2019年前三季度空气质量，"
     "前三季度优良天数比例为80.2%。", 2019),
    # a page dated after the year whose partial period it reports keeps that year
    ("某县环境质量通报\n2024-01-05 09:00 来源:县融媒\n2023年1-11月，全县优良天数为301天。", 2023),
])
def test_a_dated_page_reporting_its_years_partial_period(text, year):
    assert infer_metadata(text)["year"] == year


@pytest.mark.parametrize("text,year", [
    # a year still to come is not the year a page reports on
    ("某市生态环境持续改善\n某日报 2018-12-28 08:06\n今年以来，城区空气质量优良天数274天，预计2019年6月底全面完成改造。", 2018),
    ("临近2020年，某省公布了2019年生态环境成绩单，全省优良天数比率为94.3%。", 2019),
    # the year of a standard's amendment is part of its name
    ("按照《环境空气质量标准》(GB 3095—2012)(含2018年修改单)进行评价。2023年，某县城区优良率92.3%。", 2023),
])
def test_years_to_come_and_standards_are_not_the_report_year(text, year):
    assert infer_metadata(text)["year"] == year


@pytest.mark.parametrize("text,city,county", [
    # a local news outlet's dateline names the page's place, at the level the body speaks as
    ("新乡网讯 (记者 某某) 3月10日，记者从市大气污染防治攻坚指挥部了解到，今年2月份，我市优良天数同比多了1天。",
     "新乡市", None),
    ("云阳网讯(通讯员 某某)5月3日，记者从县环保局获悉，截至日前，我县环境空气质量优良天数累计112天。",
     "重庆市", "云阳县"),
    # a national outlet names no place
    ("人民网讯 记者从生态环境部获悉，全国地级及以上城市优良天数比例为87.5%。", None, None),
])
def test_a_news_outlets_dateline_names_the_place(text, city, county):
    m = infer_metadata(text)
    assert (m["city"] or None, m["county"] or None) == (city, county)


@pytest.mark.parametrize("text,period", [
    # the quarter of a press conference is not the period its figures are of
    ("某市生态环境局召开第一季度新闻发布会，通报2018年全市水环境质量：全年国控断面水质优良比例为85.7%。", "annual"),
    ("12月30日，某区生态环境局举行四季度新闻发布会。截止到12月30日，全区空气质量优良天数已达317天。", "year-to-date"),
    # a quarter the figures are of still counts
    ("第一季度，全市空气质量优良天数为80天。", "Q1"),
])
def test_the_quarter_of_a_press_conference(text, period):
    assert infer_metadata(text)["period"] == period
