"""Reading speed: PDF per page and docx/doc per file, the previous readers against the current ones, same run.

The documents are typeset from the invented reports of ``tests/ingest/makedocs.py`` (repeated to
``--pages`` pages, with a ruled table on every page for the PDF), so no real report is needed.
"Old" is the reader as it was before layout reading (``page.extract_text()`` per page; python-docx
paragraphs and rows joined by tabs), copied here so both run on the same files in one process.
.doc files had no old reader; they are timed through LibreOffice and through antiword when installed.

Usage:
    python benchmarks/bench_readers.py [--pages 30] [--repeat 3]
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "ingest"))


def old_read_pdf(path) -> str:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        return "\f".join((page.extract_text() or "") for page in pdf.pages)


def old_read_docx(path) -> str:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    d = docx.Document(str(path))
    out = []
    for el in d.element.body.iterchildren():
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "p":
            out.append(Paragraph(el, d).text)
        elif tag == "tbl":
            for row in Table(el, d).rows:
                cells, prev = [], None
                for cell in row.cells:
                    if cell._tc is not prev:
                        cells.append(cell.text.strip())
                    prev = cell._tc
                out.append("\t".join(cells))
    return "\n".join(out)


def _time(fn, repeat):
    fn()  # warm-up: imports, font caches
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t0)
    return statistics.median(runs)


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=30)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)

    import docx

    from ecoanalysis.ingest import read_document
    from makedocs import REPORTS, make_pdf

    lines = [ln for name in sorted(REPORTS) for ln in REPORTS[name]]
    rows = [["月份", "PM2.5浓度（微克/立方米）", "优良天数比率（%）"], ["1月", "46", "71.0"], ["2月", "39", "78.6"]]
    tmp = Path(tempfile.mkdtemp(prefix="bench-readers-"))
    try:
        body = []
        while True:
            body += lines
            pdf = tmp / "r.pdf"
            n_pages = make_pdf(pdf, body, tables=[(i, rows) for i in range(2, len(body), 12)])
            if n_pages >= args.pages:
                break
        d = docx.Document()
        for i, ln in enumerate(body):
            d.add_paragraph(ln)
            if i % 12 == 2:
                t = d.add_table(rows=len(rows), cols=len(rows[0]))
                for r, row in enumerate(rows):
                    for c, cell in enumerate(row):
                        t.cell(r, c).text = cell
        dx = tmp / "r.docx"
        d.save(dx)
        print(f"documents: PDF {n_pages} pages ({pdf.stat().st_size / 1e3:.0f} kB), docx {dx.stat().st_size / 1e3:.0f} kB, "
              f"{len(''.join(body)):,} characters; median of {args.repeat}")
        print("| reader | old | new | new/old |\n|---|---|---|---|")
        old = _time(lambda: old_read_pdf(pdf), args.repeat)
        new = _time(lambda: read_document(pdf), args.repeat)
        print(f"| PDF, ms per page | {1e3 * old / n_pages:.1f} | {1e3 * new / n_pages:.1f} | {new / old:.2f} |")
        old = _time(lambda: old_read_docx(dx), args.repeat)
        new = _time(lambda: read_document(dx), args.repeat)
        print(f"| docx, ms per file | {1e3 * old:.0f} | {1e3 * new:.0f} | {new / old:.2f} |")
        if shutil.which("soffice"):
            subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp}/lo", "--headless", "--convert-to", "doc",
                            "--outdir", str(tmp), str(dx)], check=True, capture_output=True, timeout=300)
            doc = tmp / "r.doc"
            lo = _time(lambda: read_document(doc), args.repeat)
            print(f"| .doc via LibreOffice, ms per file | – | {1e3 * lo:.0f} | – |")
            if shutil.which("antiword"):
                from ecoanalysis.ingest_word import convert_word

                only = tmp / "bin"
                only.mkdir()
                (only / "antiword").symlink_to(shutil.which("antiword"))
                import os

                path = os.environ["PATH"]
                os.environ["PATH"] = str(only)
                try:
                    aw = _time(lambda: convert_word(doc, suffix=".doc"), args.repeat)
                finally:
                    os.environ["PATH"] = path
                print(f"| .doc via antiword (no tables), ms per file | – | {1e3 * aw:.0f} | – |")
        else:
            print("| .doc | – | LibreOffice not installed | – |")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
