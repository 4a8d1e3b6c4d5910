"""Scanned PDFs → text through Tesseract (``tesseract-ocr`` + ``tesseract-ocr-chi-sim``), when installed.

Each page is rendered with pypdfium2 (pdfplumber's own renderer) at 300 dpi and read by the
``tesseract`` command with the simplified-Chinese model. Tesseract puts spaces between Chinese
characters; they are dropped (only between two CJK characters or a CJK character and a digit),
so the OCR text reads like a typed report. Reports read this way carry ``source_format`` =
``pdf-ocr``: their figures deserve less trust than typed ones.

Example:
    >>> tidy_ocr("环 境 质 量 PM2.5 为 35 微 克")
    '环境质量PM2.5为35微克'
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

MAX_OCR_PAGES = 200
PAGE_TIMEOUT = 120  # seconds for one page
DPI = 300
LANG = "chi_sim"
ENABLE_HINT = "install Tesseract with its Chinese model (apt-get install tesseract-ocr tesseract-ocr-chi-sim) to read scans"

_CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_SPACE = re.compile(rf"(?<=[{_CJK}])[ \t]+(?=[{_CJK}\w])|(?<=[\w.%])[ \t]+(?=[{_CJK}])")


def ocr_available() -> str | None:
    """None when Tesseract with ``chi_sim`` is usable, else the reason (what to install)."""
    exe = shutil.which("tesseract")
    if not exe:
        return f"Tesseract is not installed: {ENABLE_HINT}"
    try:
        langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30).stdout.split()
    except (OSError, subprocess.TimeoutExpired):
        return f"Tesseract could not be run: {ENABLE_HINT}"
    if LANG not in langs:
        return "Tesseract lacks its simplified-Chinese model: apt-get install tesseract-ocr-chi-sim"
    return None


def tidy_ocr(text: str) -> str:
    """Drop the spaces Tesseract puts between Chinese characters; keep them between Latin words."""
    return "\n".join(_SPACE.sub("", ln).strip() for ln in text.splitlines())


def ocr_pdf(path, *, max_pages: int = MAX_OCR_PAGES) -> str:
    """OCR text of every page of ``path``, pages separated by form feeds."""
    return "\f".join(ocr_pages(path, None, max_pages=max_pages))


def ocr_pages(path, pages, *, max_pages: int = MAX_OCR_PAGES) -> list[str]:
    """OCR text of the 0-based ``pages`` of ``path`` (all pages when None), in that order."""
    import pypdfium2 as pdfium

    exe = shutil.which("tesseract")
    pdf = pdfium.PdfDocument(str(path))
    try:
        wanted = list(range(len(pdf))) if pages is None else list(pages)
        if len(wanted) > max_pages:
            raise ValueError(f"{len(wanted)} pages to read, over the {max_pages}-page OCR limit")
        out = []
        with tempfile.TemporaryDirectory(prefix="ecoanalysis-ocr-") as tmp:
            for i in wanted:
                img = pdf[i].render(scale=DPI / 72).to_pil()
                png = Path(tmp) / f"p{i}.png"
                img.save(png)
                run = subprocess.run([exe, str(png), "stdout", "-l", LANG, "--psm", "6"], capture_output=True,
                                     timeout=PAGE_TIMEOUT, check=False,
                                     env={**os.environ, "OMP_THREAD_LIMIT": "1"})
                out.append(tidy_ocr(run.stdout.decode("utf-8", "replace")))
                png.unlink()
    finally:
        pdf.close()
    return out
