"""Outline trees from Chinese numbering, tolerant of conversion debris."""
import pandas as pd
import pytest

from ecoanalysis.clean import clean_text
from ecoanalysis.segment import classify_topic, part_of_heading, section_at, segment

GOLD = pd.read_csv("tests/gold/metadata.csv", dtype=str, keep_default_na=False)


def tree(text):
    s = segment(text, doc_id="t")
    return [(r.level, r.marker, r.heading, r.part) for r in s.itertuples() if r.level > 0]


def test_standard_outline_with_parts():
    t = ("某县生态环境局2021年工作总结\n一、主要工作\n（一）大气污染防治\n1.燃煤锅炉整治。完成12台。\n"
         "2.扬尘管控。\n（二）水污染防治\n二、存在问题\n（一）人员不足\n三、2022年工作计划\n（一）打好蓝天保卫战")
    assert tree(t) == [
        (1, "一、", "主要工作", "achievements"), (2, "（一）", "大气污染防治", "achievements"),
        (3, "1.", "燃煤锅炉整治", "achievements"), (3, "2.", "扬尘管控", "achievements"),
        (2, "（二）", "水污染防治", "achievements"), (1, "二、", "存在问题", "problems"),
        (2, "（一）", "人员不足", "problems"), (1, "三、", "2022年工作计划", "plans"),
        (2, "（一）", "打好蓝天保卫战", "plans"),
    ]


def test_stripped_numerals_and_dash_for_one():
    t = "一、专项整治\n、开展重点区域整治。内容。\n、开展清理整顿。内容。\n(-)深入打好攻坚战\n二、目前存在的问题\n、企业守法成本高。"
    got = tree(t)
    assert got[1] == (2, "、", "开展重点区域整治", "achievements")
    assert got[2] == (2, "、", "开展清理整顿", "achievements")
    assert got[3][:3] == (2, "(-)", "深入打好攻坚战")
    assert got[-1] == (2, "、", "企业守法成本高", "problems")


def test_top_level_switching_between_styles():
    t = "一、环境质量\n内容。\n2、 主要工作\n（一）整改\n1.蓝天。内容。\n三、存在的问题\n四、下半年工作计划"
    got = tree(t)
    assert [g[:2] for g in got if g[0] == 1] == [(1, "一、"), (1, "2、"), (1, "三、"), (1, "四、")]
    assert got[-1][3] == "plans"


def test_items_run_together_on_one_line_and_inline_enumerations():
    t = ("一、工作情况\n1.深入打好蓝天提升攻坚战。一是开展扬尘整治。二是启动应急响应。2.深入打好碧水攻坚战。"
         "一是污水治理。二是饮用水保障。\n二、存在的问题和不足\n总体看还有差距。一是空气质量改善压力大。二是水污染防治任重道远。")
    s = segment(t, doc_id="t")
    l2 = s[s.level == 2].heading.tolist()
    assert l2 == ["深入打好蓝天提升攻坚战", "深入打好碧水攻坚战", "空气质量改善压力大", "水污染防治任重道远"]
    assert s[s.level == 3].heading.tolist() == ["开展扬尘整治", "启动应急响应", "污水治理", "饮用水保障"]
    assert (s[s.level == 3].marker.str.endswith("是")).all()


def test_words_that_look_like_markers_are_not_headings():
    t = "一、水环境\n设定一、二级保护区边界；其中1.5万辆货车绕行，统一是原则。\n二、下步打算"
    assert [g[1] for g in tree(t)] == ["一、", "二、"]


def test_no_outline_gives_one_preamble_section():
    s = segment("这是一段没有任何编号的文字。第二句。", doc_id="x")
    assert len(s) == 1 and s.iloc[0].level == 0 and s.iloc[0].part == "preamble"


def test_spans_text_and_parents_are_consistent():
    text = clean_text(open("data/reports/anonymised-city_2023-annual.txt", encoding="utf-8").read()).text
    s = segment(text, doc_id="d")
    ids = set(s.section_id)
    assert "text" not in s.columns  # no copy of the text: a section's text is text[start:end]
    for r in s.itertuples():
        assert 0 <= r.start <= r.end <= len(text)
        assert pd.isna(r.parent_id) or r.parent_id in ids
        if not pd.isna(r.parent_id):
            p = s[s.section_id == r.parent_id].iloc[0]
            assert p.start <= r.start and r.end <= p.end and p.level < r.level
    assert section_at(s, text.index("32.2微克")) in ids


@pytest.mark.parametrize("doc_id", GOLD.doc_id.tolist())
def test_top_level_headings_match_the_documents(doc_id):
    """Expected headings were written down by a person reading each report (tests/gold/metadata.csv)."""
    expected = [h.strip() for h in GOLD.set_index("doc_id").loc[doc_id, "top_level_headings"].split(" | ")]
    text = clean_text(open(f"data/reports/{doc_id}.txt", encoding="utf-8").read()).text
    s = segment(text, doc_id=doc_id)
    got = [(r.marker + r.heading) for r in s[s.level == 1].itertuples()]
    norm = lambda h: h.replace(" ", "")
    assert [norm(g) for g in got] == [norm(e) for e in expected]


@pytest.mark.parametrize("heading, part", [
    ("存在的问题", "problems"), ("三、存在的问题和不足", "problems"), ("存在的不足和差距", "problems"),
    ("目前存在的问题", "problems"), ("问题与不足", "problems"), ("面临的困难", "problems"),
    ("2024年工作安排", "plans"), ("下半年工作打算", "plans"), ("2022下半年工作思路", "plans"),
    ("下半年工作方向和计划", "plans"), ("下一步工作计划", "plans"), ("2023年工作谋划", "plans"),
    ("扎实推进各级环保督察问题整改", None), ("以改为力，全面落实各类反馈问题整改", None), ("强化执法", None),
    # a heading that is only the goals lists what is to be done; its results are no plan
    ("工作目标", "plans"), ("主要目标", "plans"), ("目标任务", "plans"), ("总体目标", "plans"),
    ("工作目标完成情况", None), ("目标任务完成情况", None), ("主要目标指标完成情况", None),
])
def test_part_cues(heading, part):
    assert part_of_heading(heading) == part


@pytest.mark.parametrize("heading, body, topic", [
    ("深入打好碧水保卫战", "断面水质", "water"), ("打好净土保卫战", "", "soil_waste"),
    ("全面加强党的建设", "党组", "party_staff"), ("及时受理信访投诉", "12369", "complaints"),
    ("严格规范环境执法监管", "", "enforcement"), ("扎实推进各级环保督察问题整改", "", "inspection"),
    ("认真开展环保政策宣传", "", "publicity"), ("无关标题", "无关内容", "other"),
])
def test_topics(heading, body, topic):
    assert classify_topic(heading, body)[0] == topic


def test_a_top_level_heading_after_a_full_stop_mid_line_continues_an_open_list():
    # a page that lost its line breaks: 二、 right after a sentence end, next after 一、, is a heading
    text = "一、2023年工作成效。全年优良天数比例为85%。二、2024年工作计划。全年优良天数比例达到88%。"
    s = segment(text, doc_id="t")
    top = s[s.level == 1]
    assert top["marker"].tolist() == ["一、", "二、"]
    assert top["part"].tolist() == ["achievements", "plans"]
    # while 二、 in prose with no 一、 open before it is none
    s2 = segment("全年优良天数比例为85%。二、三产业协调发展。", doc_id="t")
    assert (s2.level == 1).sum() == 0


@pytest.mark.parametrize("heading,part", [
    # a year's key work reported as done is no plan (2021年重点工作进展及成效), the next year's is
    ("2021年重点工作进展及成效", None),
    ("2021年工作重点完成情况", None),
    ("2022年重点工作", "plans"),
    ("下一步工作重点", "plans"),
])
def test_key_work_done_is_no_plan(heading, part):
    assert part_of_heading(heading) == part


def test_a_plan_titled_document_is_plans_throughout():
    # a title that is a plan's (…2025年工作思路) makes its sections plans, goals and tasks alike,
    # unless a top-level heading opens the summary; a title naming both parts does not
    plan = ("生态环境分局2025年工作思路\n一、全年工作目标\n空气质量优良率达到90%以上。\n"
            "二、年度重点任务\n（一）围绕一条主线\n推进美丽乡村建设。\n三、2024年工作回顾\n优良率为88%。")
    parts = segment(plan, doc_id="p")[["heading", "part"]].values.tolist()
    assert parts == [["生态环境分局2025年工作思路", "preamble"], ["全年工作目标", "plans"], ["年度重点任务", "plans"],
                     ["围绕一条主线", "plans"], ["2024年工作回顾", "achievements"]]
    both = "某县2024年工作总结和2025年工作计划\n一、主要工作\n优良率为88%。\n二、2025年工作计划\n推进治理。"
    assert segment(both, doc_id="b")["part"].tolist() == ["preamble", "achievements", "plans"]
    # and the extractor reads its figures as goals
    from ecoanalysis.extract import extract_figures, extract_indicators

    ind = extract_indicators(plan, extract_figures(plan, doc_id="p"), doc_id="p", sections=segment(plan, doc_id="p"))
    assert ind[["indicator", "kind", "value"]].values.tolist() == [
        ["good_air_ratio", "target", 90.0], ["good_air_ratio", "actual", 88.0]]


@pytest.mark.parametrize("heading,part", [
    # a heading that carries a plan out reports what was done, under the part it stands in
    ("（二）坚持改善质量，全面实施污染防治三大计划", None),
    ("深入落实大气污染防治行动计划", None),
    # a heading that is the plan still opens the plans part
    ("三、2024年工作计划", "plans"),
    ("下一步工作计划", "plans"),
])
def test_a_plan_carried_out_is_no_plans_heading(heading, part):
    assert part_of_heading(heading) == part


def test_a_plan_carried_out_inside_the_plans_part_stays_a_plan():
    text = ("一、2023年工作成效\n全年优良天数比例为85%。\n二、2024年工作计划\n（一）深入实施大气污染防治行动计划\n"
            "全年优良天数比例达到88%。")
    s = segment(text, doc_id="t")
    assert s.loc[s.heading.str.contains("行动计划"), "part"].tolist() == ["plans"]
