"""Families of phrasing from issue 10, fifth pass (general rules, not any report's text): each
sentence is invented for this file and its expected rows are worked out by reading it."""

import pytest

from indicator_rows import rows


@pytest.mark.parametrize("text,expected", [
    # 优、良天数: the two grades written apart by an enumeration comma are still the good days
    ("今年全县达到优、良天数共301天。", [("good_air_days", "actual", 301.0, "day")]),
    ("城区优、良天为288天，同比增加6天。",
     [("good_air_days", "actual", 288.0, "day"), ("good_air_days", "change", 6.0, "day")]),
    ("全年优、良天数比例为86.4%。", [("good_air_ratio", "actual", 86.4, "%")]),
    # the separate grade counts are no total of good days
    ("空气质量为优95天、良190天。", []),
])
def test_good_days_with_the_grades_apart(text, expected):
    assert rows(text) == expected
