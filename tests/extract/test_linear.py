"""Extraction work grows linearly with the text, counted (not timed): the number of Python
lines run in ``ecoanalysis/extract`` for 4× the text must stay about 4× (a per-figure scan over
all sections, as the deepest-section lookup once did, makes it grow with the square)."""
import sys
from pathlib import Path

import pytest

import ecoanalysis.extract as extract_pkg
from ecoanalysis.clean import clean_text
from ecoanalysis.extract import extract_figures, extract_indicators, masked_share, run_checks
from ecoanalysis.document import Doc
from ecoanalysis.segment import segment

REPORTS = Path(__file__).resolve().parents[2] / "data" / "reports"
EXTRACT_DIR = str(Path(extract_pkg.__file__).parent)
DOCUMENT_PY = str(Path(extract_pkg.__file__).parents[1] / "document.py")  # the sentence and section index


def _samples_text() -> str:
    return "\n".join(clean_text(p.read_text(encoding="utf-8")).text for p in sorted(REPORTS.glob("*.txt"))) + "\n"


def _count_lines(fn) -> int:
    """Line events of code in ecoanalysis/extract while fn runs (pandas and the regex engine not counted)."""
    n = 0

    def local(frame, event, arg):
        nonlocal n
        if event == "line":
            n += 1
        return local

    def glob(frame, event, arg):
        return local if frame.f_code.co_filename.startswith((EXTRACT_DIR, DOCUMENT_PY)) else None

    old = sys.gettrace()
    sys.settrace(glob)
    try:
        fn()
    finally:
        sys.settrace(old)
    return n


def _pipeline(text, sections):
    def run():
        f = extract_figures(text, doc_id="d", sections=sections)
        i = extract_indicators(text, f, doc_id="d", sections=sections)
        run_checks(i, f, period="annual")
        masked_share(f)
    return run


@pytest.fixture(scope="module")
def texts():
    unit = _samples_text()
    small, big = unit, unit * 4
    return (small, segment(small, doc_id="d")), (big, segment(big, doc_id="d"))


def test_extraction_work_is_linear(texts):
    (small, s_small), (big, s_big) = texts
    assert len(s_big) >= 3 * len(s_small) > 0  # the big text really has ~4× the sections
    _pipeline(small[:3000], None)()  # lexicons and regexes compiled outside the count
    n_small = _count_lines(_pipeline(small, s_small))
    n_big = _count_lines(_pipeline(big, s_big))
    assert n_big <= 4.6 * n_small, f"4× the text ran {n_big / n_small:.1f}× the lines ({n_small} → {n_big})"


def test_section_index_work_is_linear(texts):
    """Building the section index and looking up every figure's section: ~4× the lines for 4× the sections."""
    (small, s_small), (big, s_big) = texts

    def lookups(text, sections):
        def run():
            idx = Doc(text, doc_id="d", sections=sections)
            idx.section_ids(range(0, len(text), 7))
            for p in range(0, len(text), 97):
                idx.section(p)
        return run

    n_small = _count_lines(lookups(small, s_small))
    n_big = _count_lines(lookups(big, s_big))
    assert n_big <= 4.6 * n_small, f"4× the sections ran {n_big / n_small:.1f}× the lines ({n_small} → {n_big})"


def test_deepest_section_matches_a_plain_scan(texts):
    """The precomputed owner of each stretch equals the deepest (then last) section containing the position."""
    (text, sections), _ = texts
    idx = Doc(text, doc_id="d", sections=sections)
    rows = sorted(zip(sections["start"], sections["end"], sections["level"], sections["section_id"], sections["part"]),
                  key=lambda r: (r[0], r[2]))
    positions = list(range(0, len(text) + 2, 13)) + sorted({int(x) for x in sections["start"]} | {int(x) for x in sections["end"]})
    got = idx.section_ids(positions)
    for p, sid in zip(positions, got):
        best = None
        for s, e, lvl, sec_id, part in rows:
            if s <= p < e and (best is None or lvl >= best[0]):
                best = (lvl, sec_id, part)
        want = (best[1], best[2]) if best else (None, None)
        assert idx.section(p) == want, p
        assert sid == want[0], p


def test_overlapping_sections_deepest_then_last():
    import pandas as pd
    sec = pd.DataFrame({"section_id": ["a", "b", "c", "d", "e"], "start": [0, 5, 5, 20, 30],
                        "end": [50, 30, 15, 25, 30], "level": [0, 1, 1, 3, 2], "part": ["p", "q", "r", "s", "t"]})
    idx = Doc("x" * 60, doc_id="d", sections=sec)
    assert [idx.section(p) for p in (0, 4, 5, 14, 15, 20, 25, 29, 30, 49, 50, 59)] == [
        ("a", "p"), ("a", "p"), ("c", "r"), ("c", "r"), ("b", "q"), ("d", "s"), ("b", "q"), ("b", "q"),
        ("a", "p"), ("a", "p"), (None, None), (None, None)]
    assert idx.section_ids([5, 20, 55]) == ["c", "d", None]
