"""The one document object: sentences split once, clause marks, the one section lookup.
Texts below are invented for this file."""
import pandas as pd
import pytest

from ecoanalysis.clean import clean_text, sentence_spans
from ecoanalysis.document import Doc, SectionIndex, as_doc, clause_ends
from ecoanalysis.segment import section_at, segment

TEXT = "一、大气\n全县PM2.5平均浓度为31微克/立方米；优良天数比率为92.1%。\n\n二、存在的问题\n臭氧污染问题突出！治理难度大"


def test_sentences_are_the_splitters_and_positions_find_their_sentence():
    d = Doc(TEXT, doc_id="d")
    assert d.sentences == sentence_spans(TEXT)
    for s, e in d.sentences:
        for p in (s, (s + e) // 2, e - 1):
            assert d.sentence(p) == (s, e)
    # a position in the blank lines between two sentences belongs to the sentence before it
    gap = TEXT.index("\n\n") + 1
    assert d.sentence(gap) == d.sentences[2]
    assert TEXT[slice(*d.sentence(TEXT.index("臭氧")))] == "臭氧污染问题突出！"
    assert d.sentence(0) == (0, 4)  # 一、大气


def test_clauses():
    d = Doc("甲乙，丙丁；戊", doc_id="d")
    assert d.clause_ends == clause_ends(d.text) == [3, 6]
    assert (d.clause_start(4), d.clause_end(4)) == (3, 5)
    assert (d.clause_start(0), d.clause_end(6)) == (0, 7)


def test_with_sections_keeps_what_was_split_and_the_memo():
    d = Doc.from_clean(clean_text(TEXT), doc_id="d")
    first = d.sentences
    d.memo["x"] = 1
    secs = segment(d)
    d2 = d.with_sections(secs)
    assert d2.sentences is first and d2.memo is d.memo and d2.sections is secs and d.sections is None
    assert d2.section(TEXT.index("臭氧"))[1] == "problems"
    assert d2.section(TEXT.index("PM2.5"))[1] == "achievements"
    assert d.section(5) == (None, None)  # no sections yet


def test_section_index_deepest_then_later_start():
    secs = pd.DataFrame({"section_id": ["a", "b", "c", "d"], "start": [0, 10, 10, 40], "end": [100, 60, 30, 50],
                         "level": [1, 2, 3, 2], "part": ["achievements", "achievements", "problems", "plans"]})
    ix = SectionIndex(secs)
    assert [ix.at(p)[0] for p in (0, 9, 10, 29, 30, 45, 55, 99, 100)] == ["a", "a", "c", "c", "b", "d", "b", "a", None]
    assert ix.ids([10, 45]) == ["c", "d"]
    assert ix.parts([10, 45, 100], default="preamble") == ["problems", "plans", "preamble"]
    assert section_at(secs, 45) == "d"
    assert not SectionIndex(None) and SectionIndex(None).ids([1, 2]) == [None, None]


def test_as_doc():
    d = Doc("甲。", doc_id="x")
    assert as_doc(d) is d
    assert as_doc("甲。", doc_id="y").doc_id == "y"
    with pytest.raises(TypeError, match="Doc or the document's text"):
        as_doc(b"bytes")


def test_every_stage_takes_the_doc_and_gives_what_the_text_gives():
    from ecoanalysis.extract import extract_figures, extract_indicators
    from ecoanalysis.problems import extract_problems
    from ecoanalysis.words.tokens import analyse_terms

    ct = clean_text(TEXT)
    secs = segment(ct.text, doc_id="d")
    d = Doc.from_clean(ct, doc_id="d").with_sections(secs)
    f_doc, f_txt = extract_figures(d), extract_figures(ct.text, doc_id="d", sections=secs)
    pd.testing.assert_frame_equal(f_doc, f_txt)
    pd.testing.assert_frame_equal(extract_indicators(d, f_doc), extract_indicators(ct.text, f_txt, doc_id="d", sections=secs))
    pd.testing.assert_frame_equal(extract_problems(d), extract_problems(ct.text, secs, doc_id="d"))
    terms_doc, per_doc = analyse_terms(d)
    terms_txt, per_txt = analyse_terms(ct.text, secs, doc_id="d")
    pd.testing.assert_frame_equal(terms_doc, terms_txt)
    assert per_doc == per_txt and len(per_doc) == len(d.sentences)
    assert any(k[0] == "terms" for k in d.memo)  # tokenised once, kept on the document
