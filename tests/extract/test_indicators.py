"""Indicator mentions: id, kind, signed value, unit, masked, qualifier, level, provenance."""
import math

import pandas as pd
import pytest

from ecoanalysis.extract import extract_figures, extract_indicators, headline


def ind(text, sections=None):
    f = extract_figures(text, doc_id="t", sections=sections)
    df = extract_indicators(text, f, doc_id="t", sections=sections)
    for r in df.itertuples():
        assert text[r.start:r.end] and r.sentence in text
    return df


def rows(text, sections=None):
    out = []
    for r in ind(text, sections).itertuples():
        v = None if math.isnan(r.value) else round(r.value, 6)
        out.append((r.indicator, r.kind, v, r.unit, r.masked))
    return out


CASES = [
    # air
    ("1-6月份，我市环境空气PM2.5浓度均值为27微克/立方米。", [("pm25", "actual", 27, "ug/m3", False)]),
    ("pm2.5平均浓度为32.2微克／立方米，同比改善13.6％。",
     [("pm25", "actual", 32.2, "ug/m3", False), ("pm25", "change", -13.6, "%", False)]),
    ("Pm10年均浓度为57μg/m³，比上年上升3.2%。",
     [("pm10", "actual", 57, "ug/m3", False), ("pm10", "change", 3.2, "%", False)]),
    ("臭氧浓度为150ug/m3。", [("o3", "actual", 150, "ug/m3", False)]),
    ("臭氧日最大8小时平均浓度为0.15mg/m3。", [("o3", "actual", 150, "ug/m3", False)]),
    ("空气优良天数167天，优良率为92.2%。",
     [("good_air_days", "actual", 167, "day", False), ("good_air_ratio", "actual", 92.2, "%", False)]),
    ("空气优良天数比率为81.9％，同比改善1.9％。",
     [("good_air_ratio", "actual", 81.9, "%", False), ("good_air_ratio", "change", 1.9, "%", False)]),
    ("优良天数比例同比提高2.1个百分点。", [("good_air_ratio", "change", 2.1, "pp", False)]),
    ("优良天数同比增加5天。", [("good_air_days", "change", 5, "day", False)]),
    ("重污染天数为3天，同比减少2天。",
     [("heavy_pollution_days", "actual", 3, "day", False), ("heavy_pollution_days", "change", -2, "day", False)]),
    ("环境空气质量综合指数为3.75，同比改善4.8％。",
     [("air_quality_index", "actual", 3.75, "index", False), ("air_quality_index", "change", -4.8, "%", False)]),
    ("PM10、PM2.5、NO2平均浓度分别为55、35、34微克/立方米，同比分别下降6.8%、5.4%、15.0%。",
     [("pm10", "actual", 55, "ug/m3", False), ("pm25", "actual", 35, "ug/m3", False),
      ("pm10", "change", -6.8, "%", False), ("pm25", "change", -5.4, "%", False)]),
    ("今年1-6月份，我县PM2.5月均值为**ug/m3，空气优良率**%。",
     [("pm25", "actual", None, "ug/m3", True), ("good_air_ratio", "actual", None, "%", True)]),
    # targets
    ("力争PM2.5年均浓度控制在35微克每立方米以下，空气优良率达到**％以上。",
     [("pm25", "target", 35, "ug/m3", False), ("good_air_ratio", "target", None, "%", True)]),
    ("预计全年优良天数将达到300天。", [("good_air_days", "target", 300, "day", False)]),
    ("确保集中式饮用水源地水质达标率100%。", [("drinking_water_ratio", "target", 100, "%", False)]),
    # water
    ("1-6月份，国考星子断面水质为Ⅳ类，总磷浓度为0.053mg/L，较去年同期改善15.9%。",
     [("water_section_class", "actual", 4, "class", False), ("total_phosphorus", "actual", 0.053, "mg/L", False),
      ("total_phosphorus", "change", -15.9, "%", False)]),
    ("省控沙湖山断面水质为II类。", [("water_section_class", "actual", 2, "class", False)]),
    ("出境断面水质保持劣v类。", [("water_section_class", "actual", 6, "class", False)]),
    ("全市地表水水质优良比例为90.5%。", [("good_water_ratio", "actual", 90.5, "%", False)]),
    ("全市**处集中饮用水源地水质抽检合格率达到了100％。",
     [("drinking_water_ratio", "actual", 100, "%", False)]),
    # complaints
    ("共受理环境信访投诉21件，办结21件。",
     [("complaints_received", "actual", 21, "count", False), ("complaints_closed", "actual", 21, "count", False)]),
    ("全年受理各类环境信访**件，受理率、结案率均达到**％。",
     [("complaints_received", "actual", None, "count", True), ("complaints_closed_ratio", "actual", None, "%", True)]),
    ("共受理群众投诉举报120件，同比下降12.5%，办结率100%。",
     [("complaints_received", "actual", 120, "count", False), ("complaints_received", "change", -12.5, "%", False),
      ("complaints_closed_ratio", "actual", 100, "%", False)]),
    ("信访投诉按期办结，结案率%。", [("complaints_closed_ratio", "actual", None, "%", True)]),
    # enforcement
    ("出动执法人员54人次，检查点位59个。", [("enforcement_personnel", "actual", 54, "count", False)]),
    ("共出动环境执法人员****余人次，检查企业***多家次。",
     [("enforcement_personnel", "actual", None, "count", True), ("enterprises_inspected", "actual", None, "count", True)]),
    ("出动环境监察人员人次，检查污染企业数达家。",
     [("enforcement_personnel", "actual", None, "count", True), ("enterprises_inspected", "actual", None, "count", True)]),
    ("截至目前共处罚案件24件，处罚金额共计82.775万元。",
     [("penalty_cases", "actual", 24, "count", False), ("penalty_amount", "actual", 82.775, "万元", False)]),
    ("全年立案查处环境违法案件十五起，罚款金额356万元。",
     [("penalty_cases", "actual", 15, "count", False), ("penalty_amount", "actual", 356, "万元", False)]),
    # inspections
    ("中央环保督察反馈问题共108个，需限期整改的88个已全部整改销号。",
     [("inspection_issues", "actual", 108, "count", False), ("inspection_issues_closed", "actual", 88, "count", False)]),
    ("省环保督察“回头看”反馈全市***个问题，已整改完成销号**件。",
     [("inspection_issues", "actual", None, "count", True), ("inspection_issues_closed", "actual", None, "count", True)]),
    ("巡察指出问题17个，11个问题整改正在推进。", [("inspection_issues", "actual", 17, "count", False)]),
    # money
    ("投资3.5亿元的污水治理工程加速推进。", [("investment", "actual", 35000, "万元", False)]),
    ("整合国债资金、项目资金2.83亿，开展整治。", [("investment", "actual", 28300, "万元", False)]),
    ("累计投入资金1200万元。", [("investment", "actual", 1200, "万元", False)]),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_indicators(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text", [
    "畅通12369环境投诉热线，4月28日召开会议。",
    "在18个入湖断面考核中排名第一。",
    "依照赣环固体〔2022〕25号文件开展排查。",
    "由13个市有关单位牵头开展环境问题大排查。",
    "严格按照四个配套办法和《行政处罚办法》办理。",
    "水质综合指数在全省100个县中排名第三。",
    "NO2日均值同比下降12％。",
    "其中，投诉电话61件，网络7件。",
])
def test_no_indicator(text):
    assert ind(text).empty, ind(text).to_string()


def test_masked_is_never_a_value():
    df = ind("PM2.5浓度为**微克/立方米，优良率为X%，共受理信访*件。")
    assert len(df) == 3 and df["masked"].all() and df["value"].isna().all()


def test_plans_section_makes_targets_and_provenance():
    text = "一、工作成效\n优良率为85%。\n二、下半年计划\n优良率达到88%。"
    cut = text.index("二")
    sec = pd.DataFrame({"section_id": ["t:s1", "t:s2"], "level": [1, 1], "start": [0, cut],
                        "end": [cut, len(text)], "part": ["achievements", "plans"]})
    df = ind(text, sec)
    assert df["kind"].tolist() == ["actual", "target"]
    assert df["section_id"].tolist() == ["t:s1", "t:s2"]
    assert df["figure_id"].tolist() == ["t:f1", "t:f2"]


def test_qualifier_level_period():
    text = "1-6月份，国考星子断面水质为Ⅳ类；截至11月11日，PM2.5平均浓度为32微克/立方米。"
    df = ind(text)
    w = df[df.indicator == "water_section_class"].iloc[0]
    assert (w.qualifier, w.level, w.period) == ("星子断面", "国控", "1-6月份")
    p = df[df.indicator == "pm25"].iloc[0]
    assert p.period == "截至11月11日" and p.qualifier == ""


def test_headline_prefers_unmasked_first_mention():
    text = "PM2.5浓度为**微克/立方米。PM2.5浓度为30微克/立方米。PM2.5浓度为31微克/立方米。"
    h = headline(ind(text))
    assert len(h) == 1 and h.iloc[0]["value"] == 30 and h.iloc[0]["n_mentions"] == 3


def test_headline_keeps_sections_apart():
    text = "星子断面水质为Ⅳ类，蚌湖断面水质为Ⅳ类，星子断面水质为Ⅲ类。"
    h = headline(ind(text))
    assert sorted(h["qualifier"]) == ["星子断面", "蚌湖断面"]
