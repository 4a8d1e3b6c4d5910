"""Probe sentences in the style of other provinces and years. Expected values were worked out
by reading each sentence (never copied from the extractor's output)."""
import math

import pytest

from ecoanalysis.extract import extract_figures, extract_indicators


def ind(text):
    f = extract_figures(text, doc_id="t")
    df = extract_indicators(text, f, doc_id="t")
    for r in df.itertuples():
        assert text[r.start:r.end] and r.sentence in text
    return df


def rows(text):
    return [(r.indicator, r.kind, None if math.isnan(r.value) else round(r.value, 6), r.unit)
            for r in ind(text).itertuples()]


FIGURES = [
    # text, value_text, value, unit, number_kind
    ("出动执法人员2,350人次", "2,350", 2350, "人次", "quantity"),
    ("罚没款共计1,236,000元", "1,236,000", 123.6, "万元", "quantity"),
    ("罚没款共计１，２３６，０００元", "１，２３６，０００", 123.6, "万元", "quantity"),
    ("检查企业1，236家", "1，236", 1236, "家", "quantity"),
    ("结案率达百分之百", "百分之百", 100, "%", "percent"),
    ("达标率为百分之九十五点五", "百分之九十五点五", 95.5, "%", "percent"),
    ("出动一千二百余人次", "一千二百", 1200, "人次", "quantity"),
    ("检查两千余家", "两千", 2000, "家", "quantity"),
    ("建成十二个站点", "十二", 12, "个", "quantity"),
    ("依法罚款15万，", "15", 15, "万元", "quantity"),
    ("投入资金约1.2亿元", "1.2", 12000, "万元", "quantity"),
    ("2023年4月，完成划分", "2023", 2023, "year", "year"),
    ("迎接第二轮督察", "二", 2, "", "ordinal"),
    ("2021—2025年规划", "2021—2025年", None, "", "period_range"),
    ("拨打12345热线", "12345", 12345, "", "hotline"),
]


@pytest.mark.parametrize("text,vt,value,unit,kind", FIGURES)
def test_figure_forms(text, vt, value, unit, kind):
    df = extract_figures(text, doc_id="t")
    hit = df[df.value_text == vt]
    assert len(hit) == 1, df.to_string()
    r = hit.iloc[0]
    assert text[r.start:r.end].startswith(vt) or vt in text[r.start:r.end]
    assert (r.unit, r.number_kind) == (unit, kind)
    assert (value is None and math.isnan(r.value)) or r.value == pytest.approx(value)


@pytest.mark.parametrize("text,absent", [
    ("共2，3家", "2，3"),            # not a thousands group
    ("数值为1，236，其余", "1，236"),  # full-width comma without a unit: a list, not 1236
    ("编号1,2345", "1,2345"),         # group of 4 digits
    ("约占三成", "三"),               # 三成: no per-cent figure
])
def test_not_merged(text, absent):
    df = extract_figures(text, doc_id="t")
    assert absent not in df["value_text"].tolist()
    assert not (df["unit"] == "%").any()


CASES = [
    ("累计出动执法人员2,350人次，检查企业1,120家次，下达处罚决定书48份，罚没款共计1,236,000元。",
     [("enforcement_personnel", "actual", 2350, "count"), ("enterprises_inspected", "actual", 1120, "count"),
      ("penalty_cases", "actual", 48, "count"), ("penalty_amount", "actual", 123.6, "万元")]),
    ("全区共办理信访件二百三十件，结案率达百分之百。",
     [("complaints_received", "actual", 230, "count"), ("complaints_closed_ratio", "actual", 100, "%")]),
    ("优良天数比例较上年下降了3.2个百分点。", [("good_air_ratio", "change", -3.2, "pp")]),
    ("PM10平均浓度比去年下降5.1%。", [("pm10", "change", -5.1, "%")]),
    ("与去年同期相比，PM2.5平均浓度上升2.0%。", [("pm25", "change", 2.0, "%")]),
    ("空气质量优良率同比改善12.5%。", [("good_air_ratio", "change", 12.5, "%")]),
    ("PM2.5平均浓度同比改善12.5%。", [("pm25", "change", -12.5, "%")]),
    ("空气质量优良率不低于85%。", [("good_air_ratio", "target", 85, "%")]),
    ("PM2.5平均浓度不超过35微克/立方米。", [("pm25", "target", 35, "ug/m3")]),
    ("确保全年空气优良天数达到300天。", [("good_air_days", "target", 300, "day")]),
    ("空气优良率为80%，未达到85%的考核要求。",
     [("good_air_ratio", "actual", 80, "%"), ("good_air_ratio", "target", 85, "%")]),
    ("全市优良水体比例为87.5%。", [("good_water_ratio", "actual", 87.5, "%")]),
    ("全县水质优良比例达到100%。", [("good_water_ratio", "actual", 100, "%")]),
    ("Ⅰ-Ⅲ类水质比例为80%。", [("good_water_ratio", "actual", 80, "%")]),
    ("AQI达标率为90.1%。", [("good_air_ratio", "actual", 90.1, "%")]),
    ("细颗粒物(PM2.5)平均浓度为35微克/立方米。", [("pm25", "actual", 35, "ug/m3")]),
    ("可吸入颗粒物(PM10)平均浓度为60微克/立方米。", [("pm10", "actual", 60, "ug/m3")]),
    ("臭氧8小时第90百分位浓度为150微克/立方米。", [("o3", "actual", 150, "ug/m3")]),
    ("PM2.5平均浓度为X.X微克/立方米。", [("pm25", "actual", None, "ug/m3")]),
    ("依法罚款15万，", [("penalty_amount", "actual", 15, "万元")]),
    ("投入资金约1.2亿元。", [("investment", "actual", 12000, "万元")]),
    ("争取资金3000万元。", [("investment", "actual", 3000, "万元")]),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_probe_indicators(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text", [
    "全年无重污染天气。",              # decided: no number, no row (never invent a zero)
    "全市共有国控断面5个。",           # a count of sections is not a ratio or a class
    "印发《空气优良率提升至85%行动方案》。",
    "2023年4月，完成2021—2025年规划编制。",
    "迎接第二轮中央生态环境保护督察。",
    "畅通12345热线。",
    "PM2.5浓度为3",                   # truncated mid-number: no unit, no indicator
])
def test_probe_no_indicator(text):
    assert ind(text).empty, ind(text).to_string()


@pytest.mark.parametrize("text,expected", [
    ("国控断面水质均达到III类，其中石门断面为ii类。", [("", "国控", 3), ("石门断面", "", 2)]),
    ("我市省控沙湖山断面水质为II类。", [("沙湖山断面", "省控", 2)]),
    ("辖区内的朱家河断面水质为Ⅳ类。", [("朱家河断面", "", 4)]),
    ("省控断面水质为Ⅲ类，国控龙湾断面水质为Ⅱ类。", [("", "省控", 3), ("龙湾断面", "国控", 2)]),
])
def test_qualifier_and_level(text, expected):
    df = ind(text)
    df = df[df.indicator == "water_section_class"]
    assert list(zip(df.qualifier, df.level, df.value)) == expected


def test_flat_change_is_zero():
    df = ind("PM2.5平均浓度为30微克/立方米，同比持平。")
    assert rows("PM2.5平均浓度为30微克/立方米，同比持平。") == [
        ("pm25", "actual", 30, "ug/m3"), ("pm25", "change", 0, "%")]
    r = df.iloc[1]
    assert "持平" in df.iloc[1]["sentence"] and "持平" in "PM2.5平均浓度为30微克/立方米，同比持平。"[r.start:r.end]


@pytest.mark.parametrize("text", [
    "全县3个国控断面水质均达到Ⅲ类以上。",              # a bound: III or better, no class of its own
    "饮用水水源水质全部达标（达到或优于Ⅲ类标准）。",
    "全市35个断面中，Ⅱ类水质断面10个，Ⅳ类水质断面6个。",  # categories that sections are counted in
    "主要河流断面中，水质达到Ⅱ、Ⅲ类的占27.2%，劣Ⅴ类的占7.0%。",
    "辖区环境噪声达到区域环境噪声标准中的Ⅱ类区要求。",
    "全市13个国家级地下水监测点中，水质为Ⅲ类的有1个。",
])
def test_class_bounds_and_categories_are_no_section_class(text):
    df = ind(text)
    assert df[df.indicator == "water_section_class"].empty, df.to_string()
