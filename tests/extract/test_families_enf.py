"""Enforcement, complaint, inspection and investment phrasing families (general rules, not any
report's text): each sentence is invented for this file and its expected rows are worked out by
reading it."""

import pytest

from indicator_rows import rows


@pytest.mark.parametrize("text,expected", [
    # a number joined by + is part of a scheme's name (“23+N”问题, “1+X”), not a count
    ("中央督察组反馈“3+X”问题，共涉及问题46个。", [("inspection_issues", "actual", 46.0, "count")]),
    ("督察反馈“1+6”个问题均已制定整改方案。", []),
    ("省督察组交办“1+N”问题清单。", []),
    ("“2+26”城市PM2.5平均浓度为47微克/立方米。", [("pm25", "actual", 47.0, "ug/m3")]),
])
def test_plus_joined_numbers_are_names(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # enterprises penalised are counted as cases, as 立案处罚N家 is
    ("全年共处罚企业35家，罚款120万元。",
     [("penalty_cases", "actual", 35.0, "count"), ("penalty_amount", "actual", 120.0, "万元")]),
    ("检查企业64家，处罚企业5家。",
     [("enterprises_inspected", "actual", 64.0, "count"), ("penalty_cases", "actual", 5.0, "count")]),
    # 受理 with another object (projects under approval) is no complaint count, even when the
    # sentence goes on to complaints
    ("受理环评审批项目56个，受理群众信访投诉83件。", [("complaints_received", "actual", 83.0, "count")]),
    ("受理信访投诉83件，受理建设项目审批56个。", [("complaints_received", "actual", 83.0, "count")]),
])
def test_penalised_enterprises_and_other_objects_of_acceptance(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # waived penalties (免予处罚, 不予处罚, 首违不罚, 免罚) are not annotated: neither cases nor sums
    ("对8家企业免予行政处罚，涉及金额12万元。", []),
    ("对轻微违法行为免罚6起，免罚金额合计35万元。", []),
    ("办理免予处罚案件14件。", []),
    ("依法不予行政处罚案件5起。", []),
    ("适用首违不罚案件7件。", []),
    # a waiver in a later clause leaves the penalties before it alone
    ("全年立案处罚42起，罚款386万元；对3家企业依法免予处罚。",
     [("penalty_cases", "actual", 42.0, "count"), ("penalty_amount", "actual", 386.0, "万元")]),
])
def test_waived_penalties_are_not_penalties(text, expected):
    assert rows(text) == expected
