"""Number forms: every figure's value, unit, kind, flags, and that offsets slice back."""
import math

import pytest

from ecoanalysis.extract import extract_figures, masked_share


def figs(text):
    df = extract_figures(text, doc_id="t")
    for r in df.itertuples():
        assert text[r.start:r.end], "empty span"
        assert r.value_text in text[r.start:r.end]
    return df


def one(text, **where):
    df = figs(text)
    for k, v in where.items():
        df = df[df[k] == v]
    assert len(df) >= 1, figs(text).to_string()
    return df.iloc[0]


QUANTITIES = [
    # text, value_text, value, unit, number_kind, approx
    ("PM2.5平均浓度为32.2微克/立方米", "32.2", 32.2, "ug/m3", "quantity", ""),
    ("PM10平均浓度为５７．１微克／立方米", "５７．１", 57.1, "ug/m3", "quantity", ""),
    ("pm2.5浓度为27微克每立方米", "27", 27, "ug/m3", "quantity", ""),
    ("浓度为35ug/m3", "35", 35, "ug/m3", "quantity", ""),
    ("浓度为35μg/m3", "35", 35, "ug/m3", "quantity", ""),
    ("浓度为35μg/m³", "35", 35, "ug/m3", "quantity", ""),
    ("浓度为35微克/m3", "35", 35, "ug/m3", "quantity", ""),
    ("CO浓度为1.2mg/m3", "1.2", 1200, "ug/m3", "quantity", ""),
    ("总磷浓度为0.053mg/L", "0.053", 0.053, "mg/L", "quantity", ""),
    ("优良率为81.9％", "81.9", 81.9, "%", "percent", ""),
    ("优良率为92.2%", "92.2", 92.2, "%", "percent", ""),
    ("比例提高2.5个百分点", "2.5", 2.5, "pp", "percentage_points", ""),
    ("处罚金额共计82.775万元", "82.775", 82.775, "万元", "quantity", ""),
    ("投资3.5亿元建设", "3.5", 35000, "万元", "quantity", ""),
    ("整合项目资金2.83亿，", "2.83", 28300, "万元", "quantity", ""),
    ("罚款5000元", "5000", 0.5, "万元", "quantity", ""),
    ("减排量达369.61t／a", "369.61", 369.61, "t/a", "quantity", ""),
    ("优良天数167天", "167", 167, "day", "quantity", ""),
    ("出动执法人员54人次", "54", 54, "人次", "quantity", ""),
    ("实地查看问题点位40余处", "40", 40, "处", "quantity", "at_least"),
    ("检查企业300多家次", "300", 300, "家次", "quantity", "at_least"),
    ("日流量减少到约1万辆", "1", 10000, "辆", "quantity", "approx"),
    ("处罚案件数40件左右", "40", 40, "件", "quantity", "approx"),
    ("处罚金额超100万元", "100", 100, "万元", "quantity", "over"),
    ("组织了二次环保业务培训会", "二", 2, "次", "quantity", ""),
    ("共检查企业三十余家", "三十", 30, "家", "quantity", "at_least"),
    ("设立两个执法中队", "两", 2, "个", "quantity", ""),
    ("开展党组会议学习 16 次", "16", 16, "次", "quantity", ""),
]


@pytest.mark.parametrize("text,vt,value,unit,kind,approx", QUANTITIES)
def test_quantities(text, vt, value, unit, kind, approx):
    r = one(text, value_text=vt)
    assert r.value == pytest.approx(value)
    assert (r.unit, r.number_kind, r.approx) == (unit, kind, approx)
    assert not r.masked and not r.stripped


CLASSES = [
    ("断面水质为Ⅳ类", 4), ("水质保持Ⅱ类水", 2), ("水质为II类", 2), ("水质为ii类", 2),
    ("水质为ⅲ类", 3), ("水质为劣Ⅴ类", 6), ("水质为劣v类", 6), ("水质为劣V", 6),
    ("水质为三类", 3), ("达到III类标准", 3), ("水质达到Ⅰ类", 1), ("水质为V类", 5),
]


@pytest.mark.parametrize("text,value", CLASSES)
def test_water_classes(text, value):
    r = one(text, unit="class")
    assert r.value == value and r.number_kind == "quantity"


MASKED = [
    ("PM2.5月均值为**ug/m3", "ug/m3", "**"), ("空气优良率**%", "%", "**"),
    ("共受理各类环境*件", "件", "*"), ("反馈全市***个问题", "个", "***"),
    ("浓度为XX微克/立方米", "ug/m3", "XX"), ("办结率××%", "%", "××"),
    ("浓度为*.*微克/立方米", "ug/m3", "*.*"), ("共ⅩⅩ件", "件", "ⅩⅩ"),
    ("浓度为X微克/立方米", "ug/m3", "X"), ("出动人员****余人次", "人次", "****"),
]


@pytest.mark.parametrize("text,unit,vt", MASKED)
def test_masked_never_a_value(text, unit, vt):
    r = one(text, unit=unit)
    assert r.masked and math.isnan(r.value) and r.value_text == vt and not r.stripped


STRIPPED = [
    ("检查污染企业数达家", "家"), ("办结率%", "%"), ("出动环境监察人员人次", "人次"),
    ("共组织专项执法检查余次", "次"), ("协联电厂投资余万元建成", "万元"), ("结案率%，", "%"),
    ("对家企业作出了处罚", "家"), ("其中来电件", "件"),
]


@pytest.mark.parametrize("text,unit", STRIPPED)
def test_stripped(text, unit):
    r = one(text, stripped=True)
    assert r.masked and math.isnan(r.value) and r.unit == unit


@pytest.mark.parametrize("text", [
    "每家企业都要整改。", "督促一家企业整改。", "各家单位积极参与。", "全家人都满意。",
    "为期一个月的行动。", "有条不紊推进。", "和谐共处。", "共处理问题。", "完成项目验收。",
    "统一部署。", "进一步加强。", "XX市生态环境局", "**县人民政府", "大家一起努力。",
])
def test_ordinary_words_are_not_numbers(text):
    df = figs(text)
    assert not df["stripped"].any() and not df["masked"].any(), df.to_string()
    assert not (df["number_kind"] == "quantity").any(), df.to_string()


NOT_QUANTITIES = [
    ("畅通12369环境投诉热线", "12369", "hotline"),
    ("接到12345平台转办件", "12345", "hotline"),
    ("4月28日召开会议", "4月28日", "date"),
    ("2023年4月，完成划分", "2023", "year"),
    ("赣环固体〔2022〕25号文件", "〔2022〕25号", "doc_number"),
    ("按[2022]5号文件", "[2022]5号", "doc_number"),
    ("迎接第三轮督察", "三", "ordinal"),
    ("在全省排名第一", "一", "rank"),
    ("首次排名第2", "2", "rank"),
    ("1-6月份，浓度下降", "1-6月份", "period_range"),
    ("1~5月，浓度下降", "1~5月", "period_range"),
    ("1—6月，浓度下降", "1—6月", "period_range"),
    ("1月——5月，浓度下降", "1月——5月", "period_range"),
    ("截止1－10月份均值达标", "1－10月份", "period_range"),
    ("今年1至6月份来", "1至6月份", "period_range"),
    ("201*年工作总结", "201*", "year"),
    ("20XX年工作总结", "20XX", "year"),
]


@pytest.mark.parametrize("text,vt,kind", NOT_QUANTITIES)
def test_not_quantities(text, vt, kind):
    r = one(text, value_text=vt)
    assert r.number_kind == kind


def test_pollutant_names_are_not_numbers():
    df = figs("PM2.5、PM10、NO2、O3和SO2浓度均下降。")
    assert df.empty, df.to_string()


def test_list_takes_unit_of_last_item():
    df = figs("PM10、PM2.5、NO2平均浓度分别为55、35、34微克/立方米")
    assert df["value"].tolist() == [55, 35, 34]
    assert set(df["unit"]) == {"ug/m3"}


def test_ids_sections_and_sentences():
    import pandas as pd
    text = "一、成绩\n优良天数167天。\n二、计划\n力争优良率达到90%。"
    sec = pd.DataFrame({"section_id": ["t:s1", "t:s2"], "level": [1, 1], "start": [0, 16],
                        "end": [16, len(text)], "part": ["achievements", "plans"]})
    df = extract_figures(text, doc_id="t", sections=sec)
    assert df["figure_id"].tolist() == ["t:f1", "t:f2"]
    assert df["section_id"].tolist() == ["t:s1", "t:s2"]
    assert df["sentence"].tolist() == ["优良天数167天。", "力争优良率达到90%。"]
    assert df.iloc[0]["subject"] == "优良天数"


def test_masked_share():
    df = figs("共**件，共5件，共6件，办结率%。")
    assert masked_share(df) == pytest.approx(0.5)


@pytest.mark.parametrize("text,value,unit", [
    # a hotline's digits with 多/余 and a unit after them are a count, not the hotline (and no mask)
    ("共出动执法人员120多人次", 120.0, "人次"),
    ("检查企业110余家", 110.0, "家"),
])
def test_hotline_digits_before_an_approximate_count(text, value, unit):
    df = figs(text)
    row = df[df["number_kind"] == "quantity"]
    assert row["value"].tolist() == [value] and row["unit"].tolist() == [unit], df.to_string()
    assert not df["masked"].any() and "hotline" not in df["number_kind"].tolist(), df.to_string()
