"""Cleaning: noise is removed and logged, content never is, offsets map back."""
import pytest

from ecoanalysis.clean import clean_text, detect_script, sentence_spans, to_original


@pytest.mark.parametrize("raw, removed, reason", [
    ("##paidbegin##一是加强统筹调度。", "##paidbegin##", "paywall_marker"),
    ("一是加强统筹调度。##paidend##", "##paidend##", "paywall_marker"),
    ("[bookmark: _GoBack]1.强化制度保障", "[bookmark: _GoBack]", "word_bookmark"),
    ("正文第一段。\n本文档编辑密码：abc123\n正文第二段。", "本文档编辑密码：abc123", "edit_password"),
    ("某县生态环境局2021年工作总结_百度文库\n正文。", "_百度文库", "website_suffix"),
    ("第一段内容。\n- 3 -\n第二段内容。", "- 3 -", "page_number"),
    ("第一段内容。\n第 2 页 共 9 页\n第二段内容。", "第 2 页 共 9 页", "page_number"),
    ("第一页末尾。\f第二页开头。", "\f", "page_break"),
    ("环(huán)境质量", "(huán)", "pinyin_annotation"),
])
def test_noise_is_removed_and_logged(raw, removed, reason):
    ct = clean_text(raw)
    assert removed not in ct.text
    assert any(r["reason"] == reason and r["removed"] == removed for r in ct.log)
    for r in ct.log:  # every log row points at what it removed in the original
        assert ct.original[r["orig_start"]:r["orig_end"]] == r["removed"]


@pytest.mark.parametrize("raw", [
    "全市共有12个断面，其中2个国控断面。",  # a number on its own line is content only when alone
    "2023年，处罚金额82.775万元。",
    "VOCs(挥发性有机物)治理",  # brackets without tone marks are not pinyin
    "第三轮中央生态环境保护督察",
    "一、存在的问题\n二、下步计划",
])
def test_content_is_never_removed(raw):
    assert clean_text(raw).text == raw


def test_blank_line_runs_collapse_and_page_break_debris_joins():
    long_line = "对违法排污的企业分别作出了停产、限产、限期治理、排污口整治、立案处罚等决定,兑现有奖举报"
    ct = clean_text(f"一、标题\n\n\n\n\n正文。\n{long_line}\n\n起;承办人大提案")
    assert "一、标题\n\n正文。" in ct.text
    assert "兑现有奖举报起;承办" in ct.text
    assert {r["reason"] for r in ct.log} >= {"blank_lines", "page_break_join"}


def test_heading_followed_by_blank_line_is_not_joined():
    ct = clean_text("一、认真倾听民意,深入开展环保专项整治行动\n\n今年是专项行动的第二年。")
    assert "行动\n\n今年" in ct.text


def test_traditional_text_is_simplified_with_aligned_offsets():
    raw = "二、環(huán)境質量\n全市優良天數比率為81.9％，國控斷面水質為Ⅲ類，機製完善。"
    ct = clean_text(raw)
    assert ct.script == "traditional"
    assert "优良天数比率为81.9％" in ct.text and "国控断面水质为Ⅲ类" in ct.text and "机制" in ct.text
    i = ct.text.index("81.9")
    s, e = to_original(ct, i, i + 4)
    assert ct.original[s:e] == "81.9"


def test_simplified_text_is_left_alone():
    assert detect_script("全市生态环境质量持续改善，优良天数比率为81.9％。") == "simplified"
    assert clean_text("乾隆年间的著名景区").text == "乾隆年间的著名景区"


def test_to_original_round_trip_after_removals():
    raw = "  ##paidbegin##PM2.5平均浓度为32.2微克／立方米\n\n\n\n[bookmark: x]总磷0.053mg/L"
    ct = clean_text(raw)
    for needle in ("32.2", "0.053mg/L", "PM2.5"):
        i = ct.text.index(needle)
        s, e = to_original(ct, i, i + len(needle))
        assert ct.original[s:e] == needle
    with pytest.raises(ValueError):
        to_original(ct, 0, len(ct.text) + 1)


@pytest.mark.parametrize("text, expected", [
    ("甲。乙；丙", ["甲。", "乙；", "丙"]),
    ("第一句！第二句？\n第三句", ["第一句！", "第二句？", "第三句"]),
    ("他说：“好。”然后走了。", ["他说：“好。”", "然后走了。"]),
    ("", []),
])
def test_sentence_spans(text, expected):
    assert [text[s:e] for s, e in sentence_spans(text)] == expected


def test_sentence_spans_without_semicolons():
    t = "甲；乙。丙"
    assert [t[s:e] for s, e in sentence_spans(t, semicolon=False)] == ["甲；乙。", "丙"]
