"""More families of phrasing from issue 10 (general rules, not any report's text): each sentence
is invented for this file and its expected rows are worked out by reading it."""
import math

import pytest

from ecoanalysis.extract import extract_figures, extract_indicators


def rows(text):
    f = extract_figures(text, doc_id="t")
    df = extract_indicators(text, f, doc_id="t")
    for r in df.itertuples():
        assert text[r.start:r.end] and r.sentence in text
    return [(r.indicator, r.kind, None if math.isnan(r.value) else round(r.value, 6), r.unit)
            for r in df.itertuples()]


@pytest.mark.parametrize("text,expected", [
    # a bare 优良比例/优良率 shared by air and water: sections named earlier make it water's
    ("全市纳入国家考核的15个断面，优良比例86.7%。", [("good_water_ratio", "actual", 86.7, "%")]),
    ("监测的20个断面中，优良断面18个，优良率90%。", [("good_water_ratio", "actual", 90, "%")]),
    ("今年对6条河流共9个断面开展监测，优良率为77.8%，同比上升11.1个百分点。",
     [("good_water_ratio", "actual", 77.8, "%"), ("good_water_ratio", "change", 11.1, "pp")]),
    # with days or air named, it stays air's
    ("全年有效监测365天，优良率为84.4%。", [("good_air_ratio", "actual", 84.4, "%")]),
    ("城区空气质量持续改善，优良率为91.2%。", [("good_air_ratio", "actual", 91.2, "%")]),
])
def test_shared_ratio_word_takes_the_sentence_domain(text, expected):
    assert rows(text) == expected
