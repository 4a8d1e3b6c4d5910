"""Enforcement, complaint, inspection and investment phrasing families (general rules, not any
report's text): each sentence is invented for this file and its expected rows are worked out by
reading it."""

import pytest

from indicator_rows import rows


@pytest.mark.parametrize("text,expected", [
    # petitions or issues handed over in batches (第N批 / N批) are an inspection team's, even
    # where the line names no inspector (a headline, a campaign's problem list)
    ("第八批群众信访件已办结41件", [("inspection_issues_closed", "actual", 41.0, "count")]),
    ("截至6月底，全市交办问题三批共256个，已完成整改230个。",
     [("inspection_issues", "actual", 256.0, "count"), ("inspection_issues_closed", "actual", 230.0, "count")]),
    ("第三批转办信访举报件共计88件，已办结80件。",
     [("inspection_issues", "actual", 88.0, "count"), ("inspection_issues_closed", "actual", 80.0, "count")]),
    # without a batch or an inspector, closed petitions stay complaints
    ("全年信访件已办结41件。", [("complaints_closed", "actual", 41.0, "count")]),
])
def test_batches_of_handed_over_issues(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a number joined by + is part of a scheme's name (“23+N”问题, “1+X”), not a count
    ("中央督察组反馈“3+X”问题，共涉及问题46个。", [("inspection_issues", "actual", 46.0, "count")]),
    ("督察反馈“1+6”个问题均已制定整改方案。", []),
    ("省督察组交办“1+N”问题清单。", []),
    ("“2+26”城市PM2.5平均浓度为47微克/立方米。", [("pm25", "actual", 47.0, "ug/m3")]),
])
def test_plus_joined_numbers_are_names(text, expected):
    assert rows(text) == expected
