"""PDF reading restores the text's flow: wraps joined, headings kept, headers and page numbers logged.

Each document is typeset by reportlab from the lines of an invented report (tests/ingest/makedocs.py)
and compared with the same lines saved as .txt.
"""
import re

import pytest

from ecoanalysis.clean import clean_text, to_original
from ecoanalysis.ingest import read_document
from ecoanalysis.pipeline import process_file
from makedocs import REPORTS, make_pdf

KEY = ["indicator", "kind", "value", "unit", "qualifier", "level", "period"]


def _both(tmp_path, name, lines, **kw):
    txt = tmp_path / f"{name}.txt"
    txt.write_text("\n".join(lines) + "\n", encoding="utf-8")
    pdf = tmp_path / f"{name}.pdf"
    pages = make_pdf(pdf, lines, **kw)
    return txt, pdf, pages


def _indicators(res):
    ind = res.tables["indicators"]
    return sorted(tuple(r) for r in ind[KEY].astype(str).values.tolist())


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_pdf_gives_the_same_indicators_and_text_as_txt(tmp_path, name):
    lines = REPORTS[name]
    txt, pdf, pages = _both(tmp_path, name, lines, size=18)
    assert pages >= 2  # so that page breaks fall inside paragraphs
    a = process_file(txt, cache=None, keep_text=True)
    b = process_file(pdf, cache=None, keep_text=True)
    assert not a.errors and not b.errors, (a.errors, b.errors)
    assert b.report["source_format"] == "pdf"
    assert len(_indicators(a)) >= 8
    assert _indicators(b) == _indicators(a)
    # the body reads exactly as the .txt: every paragraph on one line, no header, no page number
    assert b.text.split("\n")[1:] == a.text.split("\n")[1:]
    assert b.report["n_sections"] == a.report["n_sections"]


def test_justified_paragraphs_marked_by_space_not_indent(tmp_path, monkeypatch):
    import makedocs
    from reportlab.lib.styles import ParagraphStyle

    plain = makedocs._styles

    def spaced(size=12):
        body, heading, title = plain(size)
        return ParagraphStyle("spaced", parent=body, firstLineIndent=0, spaceBefore=size, alignment=4), heading, title

    monkeypatch.setattr(makedocs, "_styles", spaced)  # the same typesetter, another house style
    lines = REPORTS["qingshan"]
    txt, pdf, _ = _both(tmp_path, "j", lines, size=18)
    a = process_file(txt, cache=None, keep_text=True)
    b = process_file(pdf, cache=None, keep_text=True)
    assert b.text.split("\n")[1:] == a.text.split("\n")[1:]
    assert _indicators(b) == _indicators(a)


def test_running_header_and_page_numbers_removed_and_logged(tmp_path):
    lines = REPORTS["qingshan"]
    _, pdf, pages = _both(tmp_path, "q", lines, size=18, header="青山区生态环境局文件", page_footer="— {n} —")
    res = process_file(pdf, cache=None, keep_text=True)
    assert "生态环境局文件" not in res.text and "—" not in res.text
    log = res.tables["cleaning_log"]
    assert (log.reason == "running_header").sum() == pages
    assert (log.reason == "page_number").sum() == pages
    assert sorted(log[log.reason == "page_number"].removed.str.strip().str.replace("\f", "")) == \
        sorted(f"—{n}—" for n in range(1, pages + 1))
    # every logged removal slices back out of the source text exactly
    for r in log.itertuples():
        assert res.original[r.orig_start:r.orig_end] == r.removed


def test_footer_page_x_of_y_and_wrap_across_page(tmp_path):
    lines = REPORTS["hexi"]
    _, pdf, pages = _both(tmp_path, "h", lines, size=18, header="", page_footer="第{n}页 共2页")
    assert pages == 2
    doc = read_document(pdf)
    ct = clean_text(doc.text, edits=doc.edits)
    assert "共2页" in doc.text and "共2页" not in ct.text
    assert [r["reason"] for r in ct.log].count("page_number") == 2
    # the sentence broken by the page end reads whole, and maps back to the source lines
    for sentence in (s for line in lines for s in re.findall(r"[^。]+。", line)):
        assert sentence in ct.text, sentence
    i = ct.text.index("管网配套建设滞后")
    o_start, o_end = to_original(ct, i, i + 8)
    assert doc.text[o_start:o_end].replace("\n", "").replace("\f", "") == "管网配套建设滞后"


def test_headings_and_paragraph_breaks_kept(tmp_path):
    lines = REPORTS["nanhu"]
    _, pdf, _ = _both(tmp_path, "n", lines, size=18)
    doc = read_document(pdf)
    text = clean_text(doc.text, edits=doc.edits).text
    for heading in [ln for ln in lines if re.match(r"[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）", ln)]:
        assert f"\n{heading}\n" in text, heading


def test_two_column_page_reads_column_by_column(tmp_path):
    lines = REPORTS["beishan"]
    txt, pdf, _ = _both(tmp_path, "b", lines, size=10, columns=2, header="", page_footer="- {n} -")
    a = process_file(txt, cache=None, keep_text=True)
    b = process_file(pdf, cache=None, keep_text=True)
    assert b.text.split("\n")[1:] == a.text.split("\n")[1:]
    assert _indicators(b) == _indicators(a)


def test_pdf_table_cells_become_indicators(tmp_path):
    lines = REPORTS["qingshan"]
    rows = [["月份", "PM2.5浓度（微克/立方米）", "总磷浓度（毫克/升）"], ["1月", "42", "0.09"], ["2月", "38.5", "0.07"]]
    pdf = tmp_path / "t.pdf"
    make_pdf(pdf, lines, tables=[(2, rows)])
    res = process_file(pdf, cache=None)
    cells = res.tables["tables"]
    assert len(cells) == 9 and set(cells.table_id) == {1}
    assert cells[(cells.row == 2) & (cells.column == 1)].header_path.tolist() == ["PM2.5浓度（微克/立方米） > 2月"]
    ind = res.tables["indicators"]
    got = sorted(ind[ind.period.isin(["1月", "2月"])][["indicator", "value", "unit", "period"]].values.tolist())
    assert got == [["pm25", 38.5, "ug/m3", "2月"], ["pm25", 42.0, "ug/m3", "1月"],
                   ["total_phosphorus", 0.07, "mg/L", "2月"], ["total_phosphorus", 0.09, "mg/L", "1月"]]
    figs = res.tables["figures"]
    assert not figs.masked.any()  # the headers' bracketed units are declarations, not hidden numbers


def _cid_pdf(path):
    """A PDF whose font has no Unicode map (Identity-H, no ToUnicode): text extracts as (cid:N)."""
    content = b"BT /F1 24 Tf 72 700 Td <08F408F508F608F708F808F908FA08FB08FC08FD> Tj ET\n" * 20
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 6 0 R >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Hidden /Encoding /Identity-H /DescendantFonts [5 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Hidden /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"endstream",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    path.write_bytes(bytes(out))


def test_cid_garbage_pdf_is_refused(tmp_path):
    import pdfplumber

    p = tmp_path / "cid.pdf"
    _cid_pdf(p)
    with pdfplumber.open(p) as pdf:
        assert "(cid:2292)" in pdf.pages[0].extract_text()  # what the old reader took as text
    res = process_file(p, cache=None)
    assert res.report is None
    assert [e["error"] for e in res.errors] in (["unmapped_font"], ["needs_ocr"])
    assert "Unicode" in res.errors[0]["message"]
