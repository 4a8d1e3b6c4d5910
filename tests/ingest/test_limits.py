"""PDF resource limits are checked while reading, before the memory is spent: each a clear too_large."""
import time
import zlib

import pytest

from ecoanalysis.ingest import IngestError, read_document
from ecoanalysis.ingest_pdf import MAX_INFLATED, MAX_PAGES


def _pdf_with_content(path, chunks):
    """A one-page PDF whose content stream is the Flate-compressed ``chunks``."""
    z = zlib.compressobj(9)
    content = b"".join(z.compress(c) for c in chunks) + z.flush()
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    path.write_bytes(bytes(out))


def test_pdf_bomb_is_refused_before_it_inflates(tmp_path):
    p = tmp_path / "bomb.pdf"
    mb = MAX_INFLATED // 2**20 + 20
    _pdf_with_content(p, (b" " * 2**20 for _ in range(mb)))
    assert p.stat().st_size < 2 * 2**20
    t0 = time.perf_counter()
    with pytest.raises(IngestError) as err:
        read_document(p)
    assert err.value.code == "too_large" and f"{MAX_INFLATED // 2**20} MB" in err.value.message
    print(f"refused in {time.perf_counter() - t0:.1f} s")


def test_pdf_with_too_many_pages_is_refused_from_its_page_count(tmp_path):
    from reportlab.pdfgen import canvas

    p = tmp_path / "many.pdf"
    c = canvas.Canvas(str(p))
    for _ in range(MAX_PAGES + 1):
        c.drawString(72, 72, "x")
        c.showPage()
    c.save()
    with pytest.raises(IngestError) as err:
        read_document(p)
    assert err.value.code == "too_large" and f"{MAX_PAGES}-page limit" in err.value.message
