"""Fast paths that must give exactly what the plain code they replace gives (on varied inputs)."""
import random
import re

import pytest

from ecoanalysis import clean, ingest, metadata

_POOL = ("的生态环境局大气污染防治工作总结ひらがなカタカナーヽヾ" "０１２３４５６７８９0123456789ＡＢabc"
         "，。、；：！？（）《》\n\t \u3000" "\u3400\u4dbf\u9fff\u9fd5\ua000\uff0f\uff1a\U00020000\U0002a6d6"
         "\ud800\udc00\udfff")  # CJK extension A/B, edges of the ranges, lone surrogates


def _strings(n=400, seed=7):
    rnd = random.Random(seed)
    yield ""
    for _ in range(n):
        yield "".join(rnd.choice(_POOL) for _ in range(rnd.randint(0, 300)))


def _kana_share_regex(text):
    sample = text[:20000]
    kana = len(re.findall("[\u3040-\u30ff]", sample))
    han = len(re.findall("[\u4e00-\u9fff]", sample))
    return kana / max(1, kana + han)


def test_kana_share_counts_as_the_regexes_do():
    for s in _strings():
        assert ingest._kana_share(s) == _kana_share_regex(s)
    assert ingest._kana_share("ひらがな漢字") == pytest.approx(4 / 6)
    long = "あ" * 19_990 + "中" * 100  # only the first 20,000 characters count
    assert ingest._kana_share(long) == 19_990 / 20_000


def test_cjk_chars_selects_as_findall_does():
    for s in _strings():
        assert clean.cjk_chars(s) == "".join(re.findall(f"[{clean.CJK}]", s))
    assert clean.cjk_chars("PM2.5浓度下降\ud800了３％") == "浓度下降了"


def test_ascii_digits_translates_only_full_width_digits():
    for s in _strings():
        assert metadata._ascii_digits(s) == s.translate(metadata._FULLWIDTH_DIGITS)
    assert metadata._ascii_digits("２０２３年上半年") == "2023年上半年"
    assert metadata._ascii_digits("二〇二三年") == "二〇二三年"


def _section_rows(numbers):
    return [{"doc_id": "d", "section_id": f"d:s{i}", "parent_id": None if i == 0 else "d:s0", "level": min(i, 2),
             "marker": "" if n is None else f"{n}、", "number": n, "heading": f"标题{i}", "start": i * 10,
             "end": i * 10 + 10, "own_chars": 10, "part": "preamble" if i == 0 else "plans",
             "topic": "other", "topic_cues": ""} for i, n in enumerate(numbers)]


@pytest.mark.parametrize("numbers", [[None, 1, 2, 3], [1, 2], [None], [None, None], [7], [None, 2 ** 40, 3],
                                     [None, 2 ** 60], [1, 2 ** 70], [True, 2]])
def test_sections_frame_equals_frame_then_astype(numbers):
    import pandas as pd

    from ecoanalysis.schema import frame
    from ecoanalysis.segment import _sections_frame

    rows = _section_rows(numbers)
    try:
        old = frame("sections", [dict(r) for r in rows])
        old["number"] = old["number"].astype("Int64")
    except (TypeError, ValueError, OverflowError) as exc:
        with pytest.raises(type(exc)):
            _sections_frame(rows)
        return
    new = _sections_frame(rows)
    pd.testing.assert_frame_equal(new, old, check_exact=True)
    assert list(new.dtypes.astype(str)) == list(old.dtypes.astype(str))
    assert new.to_csv(index=False) == old.to_csv(index=False)
    assert type(new.index) is type(old.index)


def test_sections_frame_empty():
    from ecoanalysis.segment import _sections_frame

    df = _sections_frame([])
    assert len(df) == 0 and str(df["number"].dtype) == "Int64"


@pytest.mark.parametrize("text", ["黑臭水体已消除，黑臭水体。\n\n反弹。入河排污口整治滞后。", "", "，。123"])
def test_terms_table_is_already_its_contract_frame(text):
    import pandas as pd

    from ecoanalysis.schema import COLUMNS, frame
    from ecoanalysis.words.tokens import count_terms

    secs = pd.DataFrame({"section_id": ["d:s1", "d:s2"], "level": [1, 1], "start": [0, 13],
                         "end": [13, max(13, len(text))], "part": ["achievements", "problems"]})
    got = count_terms(text, secs, doc_id="d")
    assert list(got.columns) == COLUMNS["terms"]
    pd.testing.assert_frame_equal(got, frame("terms", got), check_exact=True)
    assert isinstance(got.index, pd.RangeIndex) and got.index.start == 0
    if text.startswith("黑臭"):
        assert got[["part", "term", "count"]].values.tolist()[:2] == [["achievements", "黑臭水体", 2],
                                                                     ["achievements", "消除", 1]]


def test_report_counts_numbered_sections_and_notes_missing_outline(tmp_path):
    from ecoanalysis.pipeline import process_file

    flat = tmp_path / "flat.txt"
    flat.write_text("今年全市空气质量持续改善，优良天数比率为85%。\n水环境质量稳中向好，国考断面全部达标。\n", encoding="utf-8")
    r = process_file(flat, cache=None)
    assert r.report["n_sections"] == 0
    assert any("no outline numbering" in n for n in r.notes) and any("no problems section" in n for n in r.notes)

    outlined = tmp_path / "outlined.txt"
    outlined.write_text("某县生态环境局工作总结\n一、工作开展情况\n（一）大气污染防治。优良天数比率为85%。\n"
                        "（二）水污染防治。断面全部达标。\n二、存在的问题\n一是执法人员偏少。二是监测能力不足。\n"
                        "三、下步打算\n加强执法队伍建设。\n", encoding="utf-8")
    r = process_file(outlined, cache=None)
    levels = r.tables["sections"]["level"].tolist()
    assert r.report["n_sections"] == sum(1 for v in levels if v > 0) >= 5
    assert not any("no outline numbering" in n for n in r.notes)
    assert not any("no problems section" in n for n in r.notes)


def test_document_tokens_equal_term_spans():
    import numpy as np

    from ecoanalysis.words.tokens import _tokens, analyzer

    a = analyzer()
    texts = ["河长制全面落地，入河排污口整治；PM2.5浓度下降到32微克/立方米，pm10也下降。",
             "XX县双随机一公开检查**次，排污许可证核发10家。\r\n的的的 了 ａｂｃ　VOCs治理",
             "", "。", "黑臭水体" * 50]
    rnd = random.Random(11)
    texts += ["".join(rnd.choice(_POOL) for _ in range(rnd.randint(0, 200))) for _ in range(60)]
    for t in texts:
        for _ in range(2):  # a second pass reads every token from the memo
            terms, starts = _tokens(t, a)
            want = list(a.spans(t))
            assert terms == [w for w, _, _ in want]
            assert starts.dtype == np.int64 and starts.tolist() == [s for _, s, _ in want]
