"""Families of phrasing from issue 10, eighth pass (general rules, not any report's text): each
sentence is invented for this file and its expected rows are worked out by reading it."""

import pytest

from indicator_rows import rows


@pytest.mark.parametrize("text,expected", [
    # a change in days after a count and its share is the count's, not the share's
    ("全年城区空气质量优良天数为331天，占有效监测天数的90.7%，较上年增加6天。",
     [("good_air_days", "actual", 331.0, "day"), ("good_air_ratio", "actual", 90.7, "%"),
      ("good_air_days", "change", 6.0, "day")]),
    ("优良天数比例为88.2%，同比减少4天。",
     [("good_air_ratio", "actual", 88.2, "%"), ("good_air_days", "change", -4.0, "day")]),
    # while a clause that counts days of its own (优的天数) keeps its change to itself
    ("优良天数比例为95.1%，较上年提高2.2个百分点，其中空气质量为优的天数较上年增加9天。",
     [("good_air_ratio", "actual", 95.1, "%"), ("good_air_ratio", "change", 2.2, "pp")]),
])
def test_a_change_in_days_after_a_share_is_the_counts(text, expected):
    assert rows(text) == expected
