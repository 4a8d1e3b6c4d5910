"""Effluent compliance (废水/出水 达标率, 达标排放) is about discharges, not the quality of rivers and lakes:
it is no good_water_ratio, while a water-quality share in a clause after such words still is."""
import pytest

from indicator_rows import rows

NOT_WATER_QUALITY = [
    "全市重点企业废水排放全部达标，达标率100%。",
    "城镇污水处理厂出水水质达标率为98.5%，较上年提高1.2个百分点。",
    "重点排污单位废水稳定达标排放，达标率为100%。",
    "医疗机构废水处理达标率达到100%。",
    "园区企业排放达标率为97.3%。",
]

STILL_WATER_QUALITY = [
    ("新建污水处理厂3座，全市地表水水质优良比例为90%。", 90.0),
    ("完成废水治理项目12个，国考断面水质优良比例达到85.7%。", 85.7),
    ("全市污水处理厂出水稳定达标，12个国控断面水质优良比例为91.7%。", 91.7),
    ("督促企业达标排放，全市地表水达到或好于Ⅲ类水体比例为88.9%。", 88.9),
    ("工业废水排放达标率98%；地表水国控断面水质优良率为100%。", 100.0),
    ("全市污水处理厂出水稳定达标，国考断面达标率为100%。", 100.0),
]


@pytest.mark.parametrize("text", NOT_WATER_QUALITY)
def test_effluent_compliance_is_no_water_quality_share(text):
    assert not [r for r in rows(text) if r[0] == "good_water_ratio"]


@pytest.mark.parametrize("text,value", STILL_WATER_QUALITY)
def test_water_quality_share_after_effluent_words_is_kept(text, value):
    assert ("good_water_ratio", "actual", value, "%") in rows(text)
