"""Tokens, per-document term counts and the corpus-level term analyses (ecoanalysis.words)."""
from __future__ import annotations

import math
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from ecoanalysis import words
from ecoanalysis.clean import clean_text, sentence_spans
from ecoanalysis.resources import read_lines, resource_path
from ecoanalysis.schema import COLUMNS
from ecoanalysis.words import (count_terms, cooccurrence, distinctive_terms, get_tokenizer,
                               kwic, sentence_terms, stopwords, term_frequencies, tokenize)

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "data" / "reports"
DANYANG = "jiangsu_zhenjiang_danyang_2020-h1"
MASKED = re.compile(r"[*＊×Ⅹ]|XX|xx|^\d|^[\d.]+$")


# ``corpus``: the real sample corpus, ``read_corpus("data/reports")``, from tests/conftest.py


# ---------------------------------------------------------------- tokens

def test_pm25_is_one_token_and_case_is_normalised():
    assert tokenize("PM2.5平均浓度为32.2微克") == ["PM2.5", "平均", "浓度", "微克"]
    assert tokenize("pm2.5和Pm10、vocs") == ["PM2.5", "PM10", "VOCs"]
    assert tokenize("ＰＭ２．５浓度，PM₂.₅浓度") == ["PM2.5", "浓度", "PM2.5", "浓度"]


def test_term_spans_offsets_index_the_original_text():
    text = "今年pm2.5浓度下降，黑臭水体全部消除"
    for term, s, e in words.term_spans(text):
        assert text[s:e].upper() == term.upper()


@pytest.mark.parametrize("text", [
    "PM2.5月均值为**ug/m3，空气优良率**%", "XX市**县完成整改***座", "××区ⅩⅩ个问题",
    "2023年1-6月份共计12345件，增长3.5%", "201*年完成第二轮第三批", "出动人次、万元、二十",
])
def test_numbers_masks_units_and_single_characters_never_become_terms(text):
    for t in tokenize(text):
        assert len(t) >= 2
        assert not MASKED.search(t), t
        assert t not in {"ug", "m3", "万元", "二十", "第二轮", "第三批"}


def test_punctuation_and_whitespace_are_not_terms():
    assert tokenize("，。；：“”（）、\n\t  ！？……——") == []


def test_domain_dictionary_terms_stay_whole():
    for w in ["PM2.5", "PM10", "VOCs", "优良天数", "黑臭水体", "中央生态环境保护督察", "回头看",
              "散乱污", "秸秆禁烧", "排污许可", "双随机一公开", "河长制", "两山", "入河排污口",
              "尾矿库", "危险废物", "千吨万人", "创模", "清洁生产", "排污费"]:
        assert w in tokenize(f"今年{w}取得进展"), w


def test_shipped_resources_are_real_lists_with_explicit_frequencies():
    entries = read_lines(resource_path("userdict.txt"))
    assert len(entries) >= 300
    for line in entries:
        parts = line.split()
        assert len(parts) >= 2 and parts[1].isdigit(), f"no explicit frequency: {line!r}"
    stops = read_lines(resource_path("stopwords.txt"))
    assert len(stops) >= 300
    assert {"工作", "开展", "加强", "推进", "进一步", "全面", "深入", "持续", "切实", "一是"} <= set(stops)


def test_own_tokenizer_not_jiebas_global_state():
    import jieba

    tok = get_tokenizer()
    assert tok is not jieba.dt
    assert tok is get_tokenizer()  # cached per configuration
    assert "中央生态环境保护督察" not in jieba.dt.FREQ


def test_cold_start_is_silent():
    code = "from ecoanalysis.words import tokenize; print(tokenize('黑臭水体全部消除'))"
    out = subprocess.run([sys.executable, "-W", "always", "-c", code], cwd=ROOT,
                         capture_output=True, text=True, check=True)
    assert out.stderr == ""
    assert "黑臭水体" in out.stdout


def test_user_words_and_stopwords_by_argument_and_file(tmp_path):
    text = "推进蓼花池治理和龙溪湖整治"
    assert "蓼花池" not in tokenize(text)
    assert "蓼花池" in tokenize(text, extra_words=["蓼花池"])
    assert "蓼花池" in tokenize(text, extra_words={"蓼花池": 5000})
    assert get_tokenizer(extra_words=["蓼花池"]) is not get_tokenizer()
    assert get_tokenizer(extra_words=["蓼花池"]) is get_tokenizer(extra_words=("蓼花池",))
    ud = tmp_path / "mine.txt"
    ud.write_text("# my words\n龙溪湖 20000 ns\n蓼花池\n", encoding="utf-8")
    toks = tokenize(text, userdict=ud)
    assert {"蓼花池", "龙溪湖"} <= set(toks)
    assert "龙溪湖" not in tokenize(text, userdict=ud, extra_stopwords=["龙溪湖"])
    sw = tmp_path / "stop.txt"
    sw.write_text("龙溪湖\n", encoding="utf-8")
    assert "龙溪湖" not in tokenize(text, userdict=ud, stopwords_file=sw)
    assert "龙溪湖" in stopwords(stopwords_file=sw)
    # the shipped configuration is untouched by user options
    assert "蓼花池" not in tokenize(text)


def test_sample_corpus_terms_are_clean():
    stop = stopwords()
    for path in sorted(REPORTS.glob("*.txt")):
        text = clean_text(path.read_text(encoding="utf-8")).text
        toks = tokenize(text)
        assert toks
        assert not [t for t in toks if len(t) < 2 or t in stop or MASKED.search(t)]
        # PM2.5 never split into PM2 / 5 or .5
        assert not {"PM2", "PM", ".5"} & set(toks)
        if "PM2.5" in text:
            assert toks.count("PM2.5") == text.count("PM2.5")


# ---------------------------------------------------------------- per-document counts

def test_count_terms_follows_the_terms_contract_and_deepest_section():
    text = "黑臭水体已消除。\n\n尾矿库整改滞后。尾矿库风险仍在。\n\n计划新建污水管网。"
    secs = pd.DataFrame({
        "doc_id": ["d", "d", "d", "d", "other"],
        "section_id": ["d:s0", "d:s1", "d:s2", "d:s3", "other:s1"],
        "level": [0, 1, 2, 1, 1],
        "start": [0, 10, 18, 26, 0],
        "end": [10, 26, 26, len(text), 100],
        # s1 is achievements but its child s2 (deeper) is problems
        "part": ["preamble", "achievements", "problems", "plans", "plans"],
    })
    df = count_terms(text, secs, doc_id="d")
    assert list(df.columns) == COLUMNS["terms"]
    got = {(r.part, r.term): r.count for r in df.itertuples()}
    assert got[("preamble", "黑臭水体")] == 1
    assert got[("achievements", "尾矿库")] == 1  # 10..18: only s1 contains it
    assert got[("problems", "尾矿库")] == 1  # 18..26: s2 is deeper than s1
    assert got[("plans", "污水管网")] == 1
    assert df["count"].sum() == len(tokenize(text))
    assert str(df["count"].dtype) == "int64"


def test_count_terms_without_sections_is_one_part():
    df = count_terms("优良天数增加，优良天数比率提高", None, doc_id="x")
    assert set(df["part"]) == {"preamble"} and set(df["doc_id"]) == {"x"}
    assert count_terms("", None, doc_id="x").columns.tolist() == COLUMNS["terms"]


def test_sentence_terms_align_with_sentences_and_tokens():
    for path in sorted(REPORTS.glob("*.txt")):
        text = clean_text(path.read_text(encoding="utf-8")).text
        per_sentence = sentence_terms(text)
        assert len(per_sentence) == len(sentence_spans(text))
        assert [t for s in per_sentence for t in s] == tokenize(text)
        # equals tokenising each sentence on its own
        spans = sentence_spans(text)
        for (s, e), got in list(zip(spans, per_sentence))[::7]:
            assert got == tokenize(text[s:e])


# ---------------------------------------------------------------- corpus level

def test_term_frequencies_shares_and_groups(corpus):
    overall = term_frequencies(corpus)
    assert list(overall.columns) == ["term", "count", "share"]
    assert math.isclose(overall["share"].sum(), 1.0)
    assert overall["count"].is_monotonic_decreasing
    by_doc = term_frequencies(corpus, by="doc_id", top=10)
    assert by_doc.groupby("doc_id").size().max() == 10
    by_part = term_frequencies(corpus, by="part")
    assert set(by_part["part"]) <= set(words.PARTS)
    sums = term_frequencies(corpus, by=["province", "part"]).groupby(["province", "part"])["share"].sum()
    assert all(math.isclose(s, 1.0) for s in sums)


def test_stopwords_never_in_top_terms(corpus):
    top = term_frequencies(corpus, top=200)
    assert not set(top["term"]) & stopwords()
    assert {"PM2.5", "VOCs"} <= set(term_frequencies(corpus)["term"])


def test_log_odds_math_on_a_hand_computed_example():
    # group A says x 10 times and y twice, group B the reverse. Prior α_w = corpus count = 12,
    # α0 = 24, n_A = n_B = 12. For x: δ = ln(22/14) − ln(14/22) = 2·ln(22/14) ≈ 0.903970,
    # σ² = 1/22 + 1/14 ≈ 0.116883, z ≈ 0.903970 / 0.341882 ≈ 2.644102.
    t = pd.DataFrame({"doc_id": ["A", "A", "B", "B"], "part": ["plans"] * 4,
                      "term": ["x", "y", "x", "y"], "count": [10, 2, 2, 10]})
    c = SimpleNamespace(terms=t, reports=None, sections=None, doc_ids=["A", "B"])
    df = distinctive_terms(c, by="doc_id", group="A", prior=1.0)
    assert list(df.columns) == ["term", "group", "count_group", "count_other", "log_odds", "z"]
    x = df.set_index("term").loc["x"]
    assert (x["count_group"], x["count_other"]) == (10, 2)
    assert x["log_odds"] == pytest.approx(0.903970, abs=1e-6)
    assert x["z"] == pytest.approx(2.644102, abs=1e-6)
    assert df.set_index("term").loc["y", "z"] == pytest.approx(-2.644102, abs=1e-6)
    # a weaker prior (α_w = 0.5·count: x 6, α0 12): δ = 2·ln(16/8) = 1.386294, z = δ/√(1/16+1/8)
    w = distinctive_terms(c, by="doc_id", group="A", prior=0.5).set_index("term").loc["x"]
    assert w["log_odds"] == pytest.approx(2 * math.log(2), abs=1e-9)
    assert w["z"] == pytest.approx(2 * math.log(2) / math.sqrt(3 / 16), abs=1e-9)
    # every group against the rest gives A's row for A and B's for B
    both = distinctive_terms(c, by="doc_id")
    assert set(both["group"]) == {"A", "B"}


def test_g2_and_chi2_on_a_hand_computed_example():
    # 2×2 table x: [[10, 2], [2, 10]]; expected 6 and 6.
    t = pd.DataFrame({"doc_id": ["A", "A", "B", "B"], "part": ["plans"] * 4,
                      "term": ["x", "y", "x", "y"], "count": [10, 2, 2, 10]})
    c = SimpleNamespace(terms=t, reports=None, sections=None, doc_ids=["A", "B"])
    g = distinctive_terms(c, by="doc_id", group="A", method="g2").set_index("term")
    g2 = 2 * (10 * math.log(10 / 6) + 2 * math.log(2 / 6))  # ≈ 5.4067
    assert g.loc["x", "g2"] == pytest.approx(g2)
    assert g.loc["y", "g2"] == pytest.approx(-g2)  # signed: y is B's term
    assert g.loc["x", "p"] == pytest.approx(math.erfc(math.sqrt(g2 / 2)))
    chi = distinctive_terms(c, by="doc_id", group="A", method="chi2").set_index("term")
    assert chi.loc["x", "chi2"] == pytest.approx(24 * (10 * 10 - 2 * 2) ** 2 / 12 ** 4)  # 10.667
    with pytest.raises(ValueError):
        distinctive_terms(c, by="doc_id", method="tfidf")
    with pytest.raises(ValueError):
        distinctive_terms(c, by="doc_id", group="nope")


def test_two_named_groups():
    t = pd.DataFrame({"doc_id": list("AABBC"), "part": ["plans"] * 5,
                      "term": ["x", "y", "x", "z", "q"], "count": [5, 1, 1, 5, 50]})
    c = SimpleNamespace(terms=t, reports=None, sections=None, doc_ids=list("ABC"))
    df = distinctive_terms(c, by="doc_id", group="A", other="B").set_index("term")
    assert "q" not in df.index  # C's terms are neither side
    assert df.loc["x", "z"] > 0 > df.loc["z", "z"]
    assert (df.loc["z", "count_group"], df.loc["z", "count_other"]) == (0, 5)


def test_known_distinctive_terms_of_named_reports(corpus):
    # read the reports: Danyang 2020 is about 创模 (national model environmental city), 清洁生产,
    # 排污费 collection; the anonymised Jiangxi county about 煤焦油 and 尾矿库.
    dan = distinctive_terms(corpus, by="doc_id", group=DANYANG, top=40).set_index("term")
    for t in ["创模", "排污费"]:
        assert t in dan.index and dan.loc[t, "count_other"] == 0 and dan.loc[t, "z"] > 1
    full = distinctive_terms(corpus, by="doc_id", group=DANYANG).set_index("term")
    assert full.loc["清洁生产", "z"] > 1
    assert full.loc["回头看", "z"] < 0  # a 2020 report predates the inspection revisits
    county = distinctive_terms(corpus, by="doc_id", group="jiangxi_anonymised-county_2022-h1",
                               method="g2", top=20)
    assert {"煤焦油", "尾矿库"} <= set(county["term"])


def test_kwic_traces_terms_to_sentences(corpus):
    k = kwic(corpus, "创模", window=10)
    assert list(k.columns) == ["doc_id", "section_id", "start", "end", "left", "term", "right",
                               "sentence"]
    assert len(k) == 7 and set(k["doc_id"]) == {DANYANG}
    text = corpus.text(DANYANG)
    for r in k.itertuples():
        assert text[r.start:r.end] == "创模"
        assert "创模" in r.sentence and r.sentence in text
        assert len(r.left) <= 10 and len(r.right) <= 10
        assert isinstance(r.section_id, str) and r.section_id.startswith(DANYANG)
    pm = kwic(corpus, "pm2.5")
    assert len(pm) and set(pm["term"]) == {"PM2.5"}


def test_cooccurrence_matches_brute_force(corpus):
    co = cooccurrence(corpus, top=15)
    assert list(co.columns) == ["term_a", "term_b", "n_sentences", "n_docs"]
    assert (co["term_a"] < co["term_b"]).all()
    assert (co["n_docs"] <= co["n_sentences"]).all()
    top = set(term_frequencies(corpus, top=15)["term"])
    assert set(co["term_a"]) | set(co["term_b"]) <= top
    brute, docs = {}, {}
    for d in corpus.doc_ids:
        for sent in sentence_terms(corpus.text(d)):
            s = sorted(top & set(sent))
            for i, a in enumerate(s):
                for b in s[i + 1:]:
                    brute[(a, b)] = brute.get((a, b), 0) + 1
                    docs.setdefault((a, b), set()).add(d)
    got = {(r.term_a, r.term_b): (r.n_sentences, r.n_docs) for r in co.itertuples()}
    assert got == {k: (v, len(docs[k])) for k, v in brute.items()}


def test_missing_group_values_stay_in_the_rest():
    t = pd.DataFrame({"doc_id": list("AABBC"), "part": ["plans"] * 5,
                      "term": ["x", "y", "x", "z", "q"], "count": [5, 1, 1, 5, 50]})
    r = pd.DataFrame({"doc_id": list("ABC"), "year": [2020, None, 2022]})
    c = SimpleNamespace(terms=t, reports=r, sections=None, doc_ids=list("ABC"))
    df = distinctive_terms(c, by="year")
    assert set(df["group"]) == {2020, 2022}
    x = df[(df["group"] == 2020) & (df["term"] == "x")].iloc[0]
    assert (x["count_group"], x["count_other"]) == (5, 1)  # B's x (masked year) is "the rest"
    with pytest.raises(TypeError):
        term_frequencies(c, by="year", extra_word=["x"])  # a typo in a tokenizer option


def test_pipeline_terms_are_count_terms_of_the_cleaned_text(corpus):
    for d in corpus.doc_ids:
        sec = corpus.sections[corpus.sections["doc_id"] == d]
        mine = count_terms(corpus.text(d), sec, doc_id=d)
        theirs = corpus.terms[corpus.terms["doc_id"] == d]
        key = ["part", "term"]
        pd.testing.assert_frame_equal(
            mine.sort_values(key).reset_index(drop=True)[key + ["count"]],
            theirs.sort_values(key).reset_index(drop=True)[key + ["count"]], check_dtype=False)


# ---------------------------------------------------------------- one tokenisation for both views

def test_analyse_terms_equals_count_terms_and_sentence_terms_on_the_samples():
    from ecoanalysis.segment import segment

    for path in sorted(REPORTS.glob("*.txt")):
        text = clean_text(path.read_text(encoding="utf-8")).text
        secs = segment(text, doc_id=path.stem)
        terms, per_sentence = words.analyse_terms(text, secs, doc_id=path.stem)
        pd.testing.assert_frame_equal(terms, count_terms(text, secs, doc_id=path.stem))
        assert per_sentence == sentence_terms(text)
        # and with options, which make their own tokenizer
        t2, s2 = words.analyse_terms(text, None, doc_id="d", extra_stopwords=["黑臭水体"])
        assert "黑臭水体" not in set(t2["term"]) and "黑臭水体" not in {t for s in s2 for t in s}
        pd.testing.assert_frame_equal(t2, count_terms(text, None, doc_id="d", extra_stopwords=["黑臭水体"]))


def test_count_terms_parts_equal_painting_every_character():
    import random

    rng = random.Random(7)
    text = clean_text((REPORTS / f"{DANYANG}.txt").read_text(encoding="utf-8")).text
    n = len(text)
    for _ in range(20):
        rows = []
        for k in range(rng.randint(0, 12)):
            s = rng.randint(-5, n + 5)
            rows.append({"section_id": f"s{k}", "level": rng.randint(0, 3), "start": s,
                         "end": s + rng.randint(-3, n // 3), "part": rng.choice(words.PARTS)})
        secs = pd.DataFrame(rows, columns=["section_id", "level", "start", "end", "part"])
        # reference: paint a per-character array shallow to deep, then count
        codes = [0] * n
        for r in secs.sort_values(["level", "start"], kind="stable").itertuples():
            for i in range(max(r.start, 0), min(max(r.end, 0), n)):
                codes[i] = words.PARTS.index(r.part)
        want = {}
        for t, s, _ in words.term_spans(text):
            key = (words.PARTS[codes[s]], t)
            want[key] = want.get(key, 0) + 1
        got = count_terms(text, secs, doc_id="d")
        assert {(r.part, r.term): r.count for r in got.itertuples()} == want
