"""Scanned PDFs: OCR'd with Tesseract when installed (marked pdf-ocr), else an error saying how to enable it."""
import shutil

import pytest

from ecoanalysis.ingest import IngestError, read_document
from ecoanalysis.pipeline import process_file

LINES = ["青山区生态环境局2023年工作总结", "一、环境质量状况",
         "全区空气质量优良天数为301天，PM2.5平均浓度为35微克/立方米。"]


def _scan(tmp_path, lines=LINES):
    """A page of text drawn at 200 dpi with the package's CJK font, saved as an image-only PDF
    (what a scanner gives; pdfium cannot draw reportlab's non-embedded CID font, so PIL draws it)."""
    from PIL import Image, ImageDraw, ImageFont

    from ecoanalysis.fonts import cjk_font_path

    img = Image.new("L", (1654, 2339), 255)  # A4 at 200 dpi
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(cjk_font_path()), 40)
    for i, line in enumerate(lines):
        draw.text((160, 200 + 80 * i), line, font=font, fill=0)
    scan = tmp_path / "scan.pdf"
    img.save(scan, "PDF", resolution=200)
    return scan


def test_scan_has_no_text_layer(tmp_path):
    import pdfplumber

    with pdfplumber.open(_scan(tmp_path)) as pdf:
        assert not pdf.pages[0].chars


@pytest.mark.slow  # Tesseract reads one page (~5-15 s)
@pytest.mark.skipif(not shutil.which("tesseract"),
                    reason="Tesseract not installed (apt-get install tesseract-ocr tesseract-ocr-chi-sim)")
def test_scanned_pdf_is_ocred_and_marked(tmp_path):
    res = process_file(_scan(tmp_path), cache=None, keep_text=True)
    assert not res.errors, res.errors
    assert res.report["source_format"] == "pdf-ocr"
    assert "优良天数" in res.text and "环境质量" in res.text
    ind = res.tables["indicators"]
    assert ["good_air_days", 301.0] in ind[["indicator", "value"]].values.tolist()


def test_scan_without_tesseract_says_how_to_enable_ocr(tmp_path, monkeypatch):
    scan = _scan(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path))  # no tesseract on PATH
    with pytest.raises(IngestError) as err:
        read_document(scan)
    assert err.value.code == "needs_ocr"
    assert "apt-get install tesseract-ocr tesseract-ocr-chi-sim" in err.value.message


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("tesseract"),
                    reason="Tesseract not installed (apt-get install tesseract-ocr tesseract-ocr-chi-sim)")
def test_scanned_page_inside_a_typed_pdf_is_ocred(tmp_path):
    import pypdfium2 as pdfium

    from makedocs import REPORTS, make_pdf

    typed = tmp_path / "typed.pdf"
    make_pdf(typed, REPORTS["hexi"][:4], header="", page_footer="")
    scan = _scan(tmp_path, lines=["附件：二、存在的问题", "一是执法人员不足，全县共有执法人员18人。"])
    both = pdfium.PdfDocument(str(typed))
    both.import_pages(pdfium.PdfDocument(str(scan)))
    out = tmp_path / "mixed.pdf"
    both.save(str(out))
    res = process_file(out, cache=None, keep_text=True)
    assert not res.errors and res.report["source_format"] == "pdf-ocr"
    assert "上半年，全县空气质量优良天数为158天" in res.text  # the typed page, as typed
    assert "执法人员" in res.text  # the scanned page, through OCR
