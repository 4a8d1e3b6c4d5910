"""The faster per-document paths of problems and links give exactly what the plain ones give.

Each fast path (dense coverage, first-character cue index, joined cue patterns, sections read as
lists, dict rows built as columns) is compared bit for bit with the straightforward computation it
replaced, on invented sentences and random inputs.
"""
import random
import re

import numpy as np
import pandas as pd
import pytest

from ecoanalysis.problems import extract_problems, link_problems_to_plans
from ecoanalysis.problems import links as L
from ecoanalysis.problems import statements as S
from ecoanalysis.problems.features import statement_tokens
from ecoanalysis.schema import frame

SENTENCES = [
    "城区臭氧污染问题依然突出，PM2.5浓度同比上升。",
    "执法队伍人员少、技术装备差，企业违法成本低。",
    "农村生活污水治理设施运维资金压力较大。",
    "vocs治理和o3协同控制的能力有待进一步提升。",
    "我们及时研究解决了群众反映的困难和问题。",
    "在肯定成绩的同时，我们也清醒地认识到存在的差距和不足。",
    "黑臭水体整治进度缓慢，部分河段水质不稳定。",
    "固废危废处置能力不足",
    "为确保完成全年目标任务，力争空气优良率达到百分之九十。",
    "",
    "Ｏ３ 与 pm10 的监测点位偏少；监测能力跟不上。",
]


def _plain_cue_hits(text):
    """The lexicon walk before the first-character index: every cue, longest first."""
    if not text:
        return []
    taken = [False] * len(text)
    hits, seen = [], set()
    for cue, theme, weight, token_only in S._theme_lexicon():
        assert not token_only  # the shipped lexicon has substring cues only
        if cue not in text and S._caseless(cue):
            continue
        for m in S._cue_rx(cue).finditer(text):
            if all(taken[m.start():m.end()]):
                continue
            for i in range(m.start(), m.end()):
                taken[i] = True
            if (cue, theme) not in seen:
                seen.add((cue, theme))
                hits.append((cue, theme, weight))
    return hits


@pytest.mark.parametrize("text", SENTENCES)
def test_cue_hits_equal_the_whole_lexicon_walk(text):
    assert S.lexicon_hits(text) == _plain_cue_hits(text)


def test_cased_cues_still_match_in_any_case():
    # "vocs" and "o3" are lower-case spellings of the VOCs / O3 cues: the index must still try them
    themes, cues = S.classify_themes("vocs治理和o3协同控制的能力有待进一步提升。")
    assert themes.split(";")[0] == "air" and "VOCs" in cues and "O3" in cues


@pytest.mark.parametrize("kind", ["problem", "not_problem", "intro", "themed_heading"])
def test_joined_cue_patterns_equal_each_pattern(kind):
    assert S._joined_cues()[kind] is not None  # the shipped cues have no groups or flags
    for s in SENTENCES + ["水环境领域存在的问题", "大气污染方面", "主要表现在以下几个方面："]:
        assert S._matches(kind, s) == any(rx.search(s) for rx in S._cues()[kind]), (kind, s)


def test_four_cjk_characters_needed():
    assert S._ok("甲乙丙丁", 0, 4) and S._ok("甲1乙2丙3丁", 0, 7)
    assert not S._ok("甲乙丙", 0, 3) and not S._ok("甲乙丙 abc", 0, 7) and not S._ok("甲乙丙丁", 2, 2)


def _plain_sorted_rows(secs):
    s = secs.copy()
    s["parent_id"] = s["parent_id"].fillna("").astype(str)
    s = s.sort_values(["start", "level"], kind="stable")
    return [(r.section_id, r.parent_id, r.start, r.level) for r in s.itertuples(index=False)]


@pytest.mark.parametrize("as_float", [False, True])
def test_section_rows_sorted_like_sort_values(as_float):
    secs = pd.DataFrame(dict(section_id=[f"d:s{i}" for i in range(6)],
                             parent_id=["", None, "d:s0", float("nan"), "d:s1", "d:s1"],
                             level=[1, 1, 2, 1, 2, 2], heading="", start=[0, 30, 5, 30, 30, 12],
                             end=[30, 60, 12, 40, 40, 20], part="problems"), index=[9, 3, 7, 1, 5, 0])
    if as_float:  # not integer columns: the order comes from pandas itself
        secs["start"] = secs["start"].astype(float)
    got = [(r.section_id, r.parent_id, r.start, r.level) for r in S._section_rows(secs)]
    assert got == _plain_sorted_rows(secs)
    assert [g[0] for g in got] == ["d:s0", "d:s2", "d:s5", "d:s1", "d:s3", "d:s4"]


def test_dense_coverage_equals_the_sparse_product():
    rng = random.Random(7)
    words = [f"w{i}" for i in range(40)]
    for _ in range(60):
        p = [L._tf(rng.choices(words, k=rng.randint(0, 25))) for _ in range(rng.randint(1, 9))]
        i = [L._tf(rng.choices(words, k=rng.randint(0, 25))) for _ in range(rng.randint(1, 9))]
        P, I = L._coverage_matrices(p, i)
        dense = L._coverage_dense(p, i)
        assert dense.shape == (len(p), len(i))
        assert np.array_equal(dense, (P @ I).toarray())  # bit for bit, not approximately
    assert L._coverage_dense([{"a": 1.0, "b": 1.0}], [{"a": 1.0}] * 3, limit=5) is None  # too big: sparse


def test_sublinear_tf():
    assert L._tf(["甲", "乙", "甲", "甲"]) == {"甲": 1.0 + float(np.log(3)), "乙": 1.0}


def _doc():
    t = ("二、存在的问题\n一是执法人员偏少，执法装备落后。二是农村生活污水收集率低。\n"
         "三、下一步计划\n（一）充实基层执法人员，更新执法装备。\n（二）推进农村生活污水收集管网建设。\n")
    rows = [dict(section_id="d:s1", parent_id="", level=1, heading="存在的问题", part="problems", at="二、"),
            dict(section_id="d:s2", parent_id="", level=1, heading="下一步计划", part="plans", at="三、"),
            dict(section_id="d:s3", parent_id="d:s2", level=2, heading="", part="plans", at="（一）"),
            dict(section_id="d:s4", parent_id="d:s2", level=2, heading="", part="plans", at="（二）")]
    for r in rows:
        r["start"] = t.index(r.pop("at"))
    for k, r in enumerate(rows):
        nxt = [o["start"] for o in rows[k + 1:] if o["level"] <= r["level"]]
        r["end"] = nxt[0] if nxt else len(t)
    secs = pd.DataFrame(rows)
    secs["doc_id"] = "d"
    return t, secs


def test_links_with_tokens_given_equal_links_cut_here():
    t, secs = _doc()
    p = extract_problems(t, secs, doc_id="d")
    assert p.text.tolist() == ["执法人员偏少，执法装备落后。", "农村生活污水收集率低。"]
    plain = link_problems_to_plans(p, secs, text=t)
    given = link_problems_to_plans(p, secs, text=t, tokens=[statement_tokens(x) for x in p.text])
    pd.testing.assert_frame_equal(plain, given)
    # each problem is addressed by the plan item written against it
    assert plain[plain.addressed].groupby("problem_id").plan_section_id.first().to_dict() == {
        "d:p1": "d:s3", "d:p2": "d:s4"}
    with pytest.raises(ValueError):
        link_problems_to_plans(p, secs, text=t, tokens=[[]])


def test_frame_from_same_keyed_dicts_equals_dataframe_of_records():
    rows = [dict(doc_id="d", problem_id="d:p1", plan_section_id="d:s3", plan_text="甲", score=0.61, addressed=True),
            dict(doc_id="d", problem_id="d:p2", plan_section_id="", plan_text="", score=np.nan, addressed=False)]
    got = frame("problem_plan_links", rows)
    want = pd.DataFrame(rows)
    pd.testing.assert_frame_equal(got, want)
    # keys in another order or missing: the columns still come in contract order, gaps as NaN
    odd = frame("problem_plan_links", [dict(score=1.0, doc_id="d"), dict(doc_id="e", problem_id="e:p1")])
    assert list(odd.columns) == list(want.columns)
    assert odd.problem_id.isna().tolist() == [True, False] and odd.addressed.isna().all()


def test_span_tokens_equal_cutting_each_span_alone():
    from ecoanalysis.document import Doc
    from ecoanalysis.problems.features import span_tokens

    t = ("一、主要问题\r\n1.农村环境基础设施建设滞后，PM2.5浓度居高不下。\n（2）ＶＯＣｓ排查整治不彻底；"
         "一是执法人员偏少。\n二是群众信访投诉较多，噪声扰民。")
    spans = [(0, len(t)), (t.index("农村"), t.index("。") + 1), (t.index("1."), t.index("。") + 1),
             (t.index("ＶＯ"), t.index("；") + 1), (t.index("人员"), t.index("偏少") + 2),
             (t.index("执法"), t.index("偏少。") + 3), (t.index("PM"), t.index("PM") + 4), (5, 5)]
    want = [statement_tokens(t[a:b]) for a, b in spans]
    doc = Doc(t, doc_id="d")
    assert span_tokens(doc, spans) == want  # not tokenised yet: each span is cut alone
    assert not doc.memo
    assert span_tokens(doc, spans, cut_document=True) == want  # from the document's own cut
    assert doc.memo and span_tokens(doc, spans) == want
    assert "执法人员" in want[5] or "执法" in want[5]


def test_links_from_a_doc_equal_links_from_its_text():
    from ecoanalysis.document import Doc
    from ecoanalysis.problems.features import span_tokens

    t, secs = _doc()
    p = extract_problems(t, secs, doc_id="d")
    doc = Doc(t, doc_id="d", sections=secs)
    span_tokens(doc, [], cut_document=True)  # the document tokenised, as the pipeline does
    pd.testing.assert_frame_equal(link_problems_to_plans(p, secs, text=doc), link_problems_to_plans(p, secs, text=t))


def test_span_tokens_of_spans_cut_inside_blocks_equal_cutting_them_alone():
    # spans that start or end inside one of jieba's blocks (a marker cut off, a clause split
    # mid-word): the document's tokens in between, the partial blocks cut alone
    from pathlib import Path

    from ecoanalysis.clean import clean_text
    from ecoanalysis.document import Doc
    from ecoanalysis.problems.features import span_tokens

    rng = random.Random(7)
    root = Path(__file__).resolve().parents[2]
    n_inside = 0
    for f in sorted((root / "data" / "reports").glob("*.txt")):
        t = clean_text(f.read_text(encoding="utf-8")).text
        spans = []
        for _ in range(150):
            a = rng.randrange(len(t))
            spans.append((a, min(len(t), a + rng.choice([1, 2, 3, 7, 25, 90, 300]))))
        doc = Doc(t, doc_id=f.stem)
        got = span_tokens(doc, spans, cut_document=True)
        for (a, b), g in zip(spans, got):
            assert g == statement_tokens(t[a:b]), (f.name, a, b, t[a:b][:30])
        n_inside += sum(bool(re.match(r"[\u4e00-\u9fd5]{2}", t[a - 1:a + 1])) for a, _ in spans if a)
    assert n_inside > 100  # most spans do start inside a block


def _plain_theme_matrix(texts, headings):
    """theme_matrix before the per-call cue memo: every text and heading scored on its own."""
    from ecoanalysis.problems.features import THEME_HEADING_WEIGHT, THEME_POWER
    axes = [t for t in S.themes() if t != "other"]
    m = np.zeros((len(texts), len(axes)))
    for i, (t, h) in enumerate(zip(texts, headings)):
        for theme, (score, _cues) in S.theme_scores(t, h, heading_weight=THEME_HEADING_WEIGHT).items():
            if theme in axes:
                m[i, axes.index(theme)] = score
    return m ** THEME_POWER


def test_theme_matrix_with_memoised_cues_equals_scoring_each_alone():
    from ecoanalysis.problems.features import theme_matrix

    rnd = random.Random(3)
    heads = ["大气污染防治方面", "水污染防治", "", "执法监管能力", "大气污染防治方面"]
    texts = [s for s in SENTENCES] * 3 + ["大气污染防治方面", "执法监管能力"]  # texts equal to headings too
    for _ in range(5):
        rnd.shuffle(texts)
        hs = [rnd.choice(heads) for _ in texts]
        assert np.array_equal(theme_matrix(texts, hs), _plain_theme_matrix(texts, hs))
    assert theme_matrix([], []).shape == (0, len([t for t in S.themes() if t != "other"]))


def test_theme_scores_repeated_with_a_memo_keep_cue_order():
    memo = {}

    def hits(s):
        return memo.setdefault(s, S.lexicon_hits(s))

    text, head = "执法队伍人员少、技术装备差，企业违法成本低", "执法能力不足"
    want = S.theme_scores(text, head)
    assert S.theme_scores(text, head, cue_hits=hits) == want
    assert S.theme_scores(text, head, cue_hits=hits) == want  # the memo's lists are not reordered in place


def test_plan_items_skip_missing_parts_as_the_comparison_did():
    t = "一是更新执法装备。二是开展宣传。三是加强培训。"
    for missing in (None, np.nan):
        s = pd.DataFrame(dict(doc_id="d", section_id=["d:s1", "d:s2", "d:s3"], parent_id="",
                              part=["plans", missing, "plans"], heading="", start=[0, 9, 16], end=[9, 16, len(t)]))
        items = L._plan_items(s, t)
        assert items["section_id"] == ["d:s1", "d:s3"]
        assert items["plan_text"] == ["更新执法装备。", "加强培训。"]
    none = pd.DataFrame(dict(doc_id="d", section_id=["d:s1"], parent_id="", part=["problems"], heading="",
                             start=[0], end=[5]))
    assert L._plan_items(none, t)["section_id"] == []


@pytest.mark.parametrize("name", ["tables", "checks", "problems", "problem_plan_links", "sections"])
def test_frame_of_no_rows_is_a_fresh_empty_contract_frame(name):
    from ecoanalysis.schema import COLUMNS

    a, b = frame(name, []), frame(name, [])
    pd.testing.assert_frame_equal(a, pd.DataFrame([]).reindex(columns=COLUMNS[name]).astype(object))
    a["added"] = []
    assert a is not b and "added" not in frame(name, []).columns  # callers may add to it: nothing is shared
