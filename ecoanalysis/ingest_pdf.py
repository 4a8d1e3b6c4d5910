"""PDF → text in reading order, with the layout edits that restore the text's flow.

pdfplumber gives every character with its position and font size. Lines are rebuilt from the
characters (two-column pages are read column by column), and the reader returns:

- ``text``: the lines in reading order, one per line, pages separated by a form feed. This is
  the document's *source text*: every offset in the output tables maps back to it.
- ``edits``: (start, end, replacement, reason) spans of ``text`` that the cleaner applies and
  logs: ``running_header`` / ``running_footer`` (a line repeated across pages at the same
  height), ``page_number`` ("— 1 —", "第1页 共5页" in the page margin) and ``line_wrap_join``
  (a line break that the page width made, not the author).
- ``tables``: ruled tables found by pdfplumber, written into ``text`` as tab-separated rows, each
  cell with its offsets (see :mod:`ecoanalysis.extract.tables`).

A line break is kept when the next line starts a numbered heading, is indented, has another
font size, or follows a vertical gap; or when the line ends short of the right margin or with
sentence-final punctuation. Otherwise the two lines are one paragraph and the break is joined.

Resource limits (pages, decompressed stream bytes, characters) are checked while reading,
before pdfminer is allowed to spend memory on a page.

Example:
    >>> from ecoanalysis.ingest_pdf import join_break
    >>> body = {"x0": 72, "x1": 522, "top": 100, "bottom": 112, "size": 12, "text": "PM2.5平均"}
    >>> nxt = {"x0": 72, "x1": 300, "top": 119, "bottom": 131, "size": 12, "text": "浓度为35.2微克/立方米。"}
    >>> join_break(body, nxt, left=72, right=523, pitch=7)
    True
"""
from __future__ import annotations

import re
import zlib
from functools import lru_cache
from statistics import median

from .resources import numbering, read_csv

MAX_PAGES = 1000  # a bureau's report is rarely past 100 pages; thousands is a generated file
MAX_INFLATED = 256 * 1024 * 1024  # decompressed page content of the whole file
MAX_CHARS = 5_000_000  # characters of text in the whole file

_SENT_FINAL = "。！？!?；;"
_NO_LINE_START = set("，。、；：？！）》」』”’%％,.;:?!)")
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


class PdfLimit(Exception):
    """A resource limit crossed while reading (``what`` says which)."""

    def __init__(self, what: str):
        super().__init__(what)
        self.what = what


@lru_cache(maxsize=1)
def _page_number_rules():
    """The cleaner's page-number patterns (``noise_patterns.tsv``), applied to margin lines."""
    rows = read_csv("noise_patterns.tsv")
    return [re.compile(p) for p, r in zip(rows["pattern"], rows["reason"]) if r == "page_number"]


def is_page_number(line: str) -> bool:
    """``— 3 —``, ``- 3 -``, ``第3页 共10页``, ``Page 3 of 10`` (the whole line).

    >>> is_page_number("— 12 —"), is_page_number("第1页 共5页"), is_page_number("12个")
    (True, True, False)
    """
    return any(rx.fullmatch(line.strip()) for rx in _page_number_rules())


def _inflated_size(stream, budget: int) -> int:
    """Bytes ``stream`` decompresses to, counted in 1 MB steps; raises PdfLimit past ``budget``."""
    from pdfminer.pdftypes import LITERALS_ASCII85_DECODE, LITERALS_FLATE_DECODE, resolve1

    stream = resolve1(stream)
    raw = getattr(stream, "rawdata", None)
    if raw is None:  # already decoded by pdfminer
        return len(getattr(stream, "data", b"") or b"")
    data = raw
    for f, _params in stream.get_filters():
        if f in LITERALS_ASCII85_DECODE:
            from pdfminer.ascii85 import ascii85decode

            data = ascii85decode(data)
        elif f in LITERALS_FLATE_DECODE:
            d = zlib.decompressobj()
            n, buf = 0, data
            try:
                while buf:
                    n += len(d.decompress(buf, 1 << 20))
                    if n > budget:
                        raise PdfLimit(f"its page content decompresses to more than {MAX_INFLATED // 2**20} MB")
                    buf = d.unconsumed_tail
            except zlib.error:
                return n  # pdfminer reports the damage itself
            return n
        else:
            return len(data)
    return len(data)


def _check_page(page, used: int) -> int:
    """Decompressed bytes of the page's content and form streams, added to ``used``."""
    from pdfminer.pdftypes import resolve1

    po = page.page_obj
    streams = list(po.contents or [])
    xobjects = resolve1((po.resources or {}).get("XObject")) or {}
    if isinstance(xobjects, dict):
        for ref in xobjects.values():
            obj = resolve1(ref)
            attrs = getattr(obj, "attrs", {})
            if str(attrs.get("Subtype", "")).endswith("Form'"):
                streams.append(obj)
    for s in streams:
        used += _inflated_size(s, MAX_INFLATED - used)
    return used


def _chars_to_lines(chars) -> list[dict]:
    """Group characters into lines by their vertical position, left to right within a line."""
    chars = sorted((c for c in chars if c["text"].strip()), key=lambda c: (round(c["top"], 1), c["x0"]))
    rows: list[list] = []
    for c in chars:
        if rows:
            cur = rows[-1]
            if abs(c["top"] - cur[0]["top"]) <= max(2.0, 0.35 * cur[0]["size"]):
                cur.append(c)
                continue
        rows.append([c])
    lines = []
    for row in rows:
        row.sort(key=lambda c: c["x0"])
        parts, prev = [], None
        for c in row:
            if prev is not None:
                gap = c["x0"] - prev["x1"]
                if gap > 0.25 * c["size"] and not (_CJK.match(prev["text"][-1]) or _CJK.match(c["text"][0])):
                    parts.append(" ")
                elif gap > 2.5 * c["size"]:
                    parts.append(" ")
            parts.append(c["text"])
            prev = c
        # width of the first unbreakable piece (an ASCII run like 89.5%, or one character with the
        # punctuation that may not start a line): a line before it that stops short by less
        # than this was still full
        k = 1
        if row[0]["text"].isascii():
            while k < len(row) and row[k]["text"].isascii() and row[k]["text"].strip():
                k += 1
        while k < len(row) and row[k]["text"] in _NO_LINE_START:
            k += 1
        sizes = [c["size"] for c in row]
        lines.append({"text": "".join(parts), "x0": min(c["x0"] for c in row), "x1": max(c["x1"] for c in row),
                      "top": min(c["top"] for c in row), "bottom": max(c["bottom"] for c in row),
                      "size": round(median(sizes), 1), "first_w": row[k - 1]["x1"] - row[0]["x0"],
                      "cid": sum(c["text"].startswith("(cid:") for c in row), "chars": row})
    return lines


def _gutter(chars, width, height) -> float | None:
    """x of the gap between two text columns, or None for a one-column page."""
    body = [c for c in chars if 0.08 * height < c["top"] < 0.92 * height and c["text"].strip()]
    if len(body) < 40:
        return None
    lo, hi = int(0.3 * width), int(0.7 * width)
    covered = bytearray(int(width) + 2)
    for c in body:
        for x in range(max(0, int(c["x0"])), min(len(covered), int(c["x1"]) + 1)):
            covered[x] = 1
    best, run_start = None, None
    for x in range(lo, hi + 1):
        if not covered[x]:
            run_start = x if run_start is None else run_start
            if x - run_start >= 8 and (best is None or x - run_start > best[1] - best[0]):
                best = (run_start, x)
        else:
            run_start = None
    if best is None:
        return None
    g = (best[0] + best[1]) / 2
    left = sum(1 for c in body if c["x1"] <= g)
    if min(left, len(body) - left) < 0.2 * len(body):
        return None
    return g


def _page_items(page, n_page: int) -> list[dict]:
    """Lines and table rows of one page in reading order (columns left to right)."""
    tables = []
    try:
        found = page.find_tables()
    except Exception:  # a damaged drawing must not lose the page's text
        found = []
    for t in found:
        rows = t.extract()
        if len(rows) >= 2 and max(len(r) for r in rows) >= 2:
            tables.append((t.bbox, rows))

    def outside(obj):
        cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b, _ in tables)

    chars = [c for c in page.chars if outside(c)] if tables else page.chars
    g = _gutter(chars, float(page.width), float(page.height))
    items = []
    if g is None:
        items = [{**ln, "col": 0} for ln in _chars_to_lines(chars)]
    else:
        full = _chars_to_lines(chars)
        # a line whose characters run across the gutter spans both columns (a title, a header)
        spanning = [ln for ln in full if any(c["x0"] < g < c["x1"] for c in ln["chars"])
                    or any(a["x1"] <= g <= b["x0"] and b["x0"] - a["x1"] < 1.5 * a["size"]
                           for a, b in zip(ln["chars"], ln["chars"][1:]))]
        ids = {id(c) for ln in spanning for c in ln["chars"]}
        rest = [c for c in chars if id(c) not in ids]
        left = _chars_to_lines([c for c in rest if (c["x0"] + c["x1"]) / 2 < g])
        right = _chars_to_lines([c for c in rest if (c["x0"] + c["x1"]) / 2 >= g])
        body_top = min([ln["top"] for ln in left + right] or [0])
        items = ([{**ln, "col": 0} for ln in spanning if ln["top"] < body_top]
                 + [{**ln, "col": 1} for ln in left] + [{**ln, "col": 2} for ln in right]
                 + [{**ln, "col": 3} for ln in spanning if ln["top"] >= body_top])
    for bbox, rows in tables:
        cells = [[re.sub(r"\s*\n\s*", "", c or "").strip() for c in row] for row in rows]
        items.append({"text": "\t".join(cells[0]), "x0": bbox[0], "x1": bbox[2], "top": bbox[1], "bottom": bbox[3],
                      "size": 0, "cid": 0, "col": 0 if g is None else 1 if bbox[2] <= g else 2,
                      "table": cells})
    if tables:  # a table sits where it stands in its column
        items.sort(key=lambda it: (it["col"], it["top"], it["x0"]))
    for it in items:
        it.pop("chars", None)
        it["page"] = n_page
        it["page_height"] = float(page.height)
    return items


def join_break(a: dict, b: dict, *, left: float, right: float, pitch: float, indents: bool = False) -> bool:
    """True when the break between lines ``a`` and ``b`` was made by the page width (see module doc).

    ``indents``: the document marks its paragraphs (an indent or a vertical gap), so a full
    line ending in 。 followed by an unmarked line is still one paragraph.
    """
    if "table" in a or "table" in b or "ocr" in a or "ocr" in b or not a["text"] or not b["text"]:
        return False
    if numbering()["pdf_outline"].match(b["text"]) or (a["text"].rstrip()[-1] in _SENT_FINAL and not indents):
        return False
    if abs(a["size"] - b["size"]) > 0.5:
        return False
    if right - a["x1"] > max(2.2 * a["size"], b.get("first_w", 0) + 0.5 * a["size"]):
        return False  # the line stopped short of what the next line starts with: its paragraph ended
    if b["x0"] > left + 0.8 * b["size"]:  # indented: a new paragraph, unless a centred title goes on
        centred = abs((a["x0"] + a["x1"]) / 2 - (b["x0"] + b["x1"]) / 2) < 0.5 * b["size"]
        return centred and b["x0"] - left > 3 * b["size"] and a.get("page") == b.get("page")
    if a.get("page") == b.get("page") and a.get("col") == b.get("col") and b["top"] - a["bottom"] > 1.8 * pitch + 2:
        return False
    return True


def _margins(lines):
    """(left, right, line pitch) of a column's body lines."""
    if not lines:
        return 0.0, 0.0, 0.0
    lefts = sorted(round(ln["x0"]) for ln in lines)
    left = max(set(lefts), key=lambda v: (lefts.count(v), -v))
    rights = sorted(ln["x1"] for ln in lines)
    right = rights[int(0.9 * (len(rights) - 1))]
    gaps = [b["top"] - a["bottom"] for a, b in zip(lines, lines[1:]) if 0 <= b["top"] - a["bottom"] < 3 * a["size"]]
    return float(left), float(right), float(median(gaps)) if gaps else 0.0


def _norm(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _running(pages: list[list[dict]]) -> dict:
    """{(page, index): reason} for running headers, footers and page numbers."""
    out = {}
    seen: dict = {}
    for p, items in enumerate(pages):
        for i, it in enumerate(items):
            if "table" in it or "ocr" in it:
                continue
            h = it["page_height"]
            zone = "running_header" if it["bottom"] < 0.12 * h else "running_footer" if it["top"] > 0.88 * h else None
            if zone is None:
                continue
            if is_page_number(it["text"]):
                out[(p, i)] = "page_number"
                continue
            seen.setdefault((zone, _norm(it["text"])), []).append((p, i, it["top"]))
    for (zone, _), hits in seen.items():
        pages_hit = {p for p, _, _ in hits}
        if len(pages_hit) >= 2 and len(pages_hit) >= 0.5 * len(pages) or (len(pages_hit) >= 3):
            tops = [t for _, _, t in hits]
            if max(tops) - min(tops) <= 6:
                for p, i, _ in hits:
                    out[(p, i)] = zone
    return out


def layout_text(pages: list[list[dict]]) -> tuple[str, list, list]:
    """(source text, edits, tables) from per-page items in reading order."""
    drop = _running(pages)
    parts: list[str] = []
    pos = 0
    placed = []  # (item, start, end, separator)
    for p, items in enumerate(pages):
        for i, it in enumerate(items):
            rows = it.get("table")
            start = pos
            if rows:
                cells = []
                for r, row in enumerate(rows):
                    for c, cell in enumerate(row):
                        cells.append({"row": r, "column": c, "text": cell, "start": pos, "end": pos + len(cell)})
                        pos += len(cell)
                        if c < len(row) - 1:
                            parts.append(cell + "\t")
                            pos += 1
                        else:
                            parts.append(cell)
                    if r < len(rows) - 1:
                        parts.append("\n")
                        pos += 1
                it = {**it, "cells": cells}
            else:
                parts.append(it["text"])
                pos += len(it["text"])
            end = pos
            last = i == len(items) - 1
            sep = "" if (last and p == len(pages) - 1) else "\f" if last else "\n"
            parts.append(sep)
            pos += len(sep)
            placed.append((p, i, it, start, end, sep))
    text = "".join(parts)
    edits = []
    body = []
    for p, i, it, start, end, sep in placed:
        reason = drop.get((p, i))
        if reason:
            edits.append((start, end + len(sep), "", reason))
        else:
            body.append((it, start, end, sep))
    by_col: dict = {}
    for it, *_ in body:
        if "table" not in it and "ocr" not in it:
            by_col.setdefault((it["page"], it["col"]), []).append(it)
    geom = {k: _margins(v) for k, v in by_col.items()}
    # paragraphs start indented by about two characters somewhere in the document
    indents = sum(1 for k, v in by_col.items() for ln in v
                  if 1.2 * ln["size"] <= ln["x0"] - geom[k][0] <= 3 * ln["size"]) >= 2
    # ... or with a vertical gap: either way a line break at the normal pitch is no paragraph end
    spaced = sum(1 for k, v in by_col.items() for a, b in zip(v, v[1:])
                 if b["top"] - a["bottom"] > 1.8 * geom[k][2] + 2 and abs(a["size"] - b["size"]) <= 0.5) >= 2
    indents = indents or spaced
    for (a, _sa, ea, sep), (b, _sb, _eb, _) in zip(body, body[1:]):
        left, right, pitch = geom.get((b["page"], b["col"]), (0.0, 0.0, 0.0))
        if "table" not in a and "table" not in b and (a["page"], a["col"]) in geom:
            right = geom[(a["page"], a["col"])][1]
        if join_break(a, b, left=left, right=right, pitch=pitch, indents=indents):
            glue = " " if re.match(r"[A-Za-z0-9]", a["text"][-1]) and re.match(r"[A-Za-z0-9]", b["text"][0]) else ""
            edits.append((ea, ea + len(sep), glue, "line_wrap_join"))
        elif sep == "\f":
            edits.append((ea, ea + 1, "\n", None))
    if body and body[-1][3] == "\f":
        edits.append((body[-1][2], body[-1][2] + 1, "\n", None))
    tables = [{"table_id": n, "cells": it["cells"]} for n, (it, *_rest) in
              enumerate((b for b in body if "table" in b[0]), start=1)]
    return text, sorted(edits, key=lambda e: (e[0], e[1])), tables


def read_pdf_layout(path, *, ocr=None) -> dict:
    """Read a PDF's text layer: {"text", "edits", "tables", "n_pages", "cid_share", "ocr_pages"}.

    ``ocr``: a function (path, [0-based page numbers]) -> [text] used for the pages that have
    images but no text (a scanned page inside a typed report); their lines are never joined.
    Raises PdfLimit when the file crosses a resource limit; pdfplumber's own exceptions pass through.
    """
    import pdfplumber
    from pdfminer.pdftypes import resolve1

    with pdfplumber.open(str(path)) as pdf:
        try:
            count = int(resolve1(resolve1(pdf.doc.catalog["Pages"]).get("Count", 0)) or 0)
        except Exception:
            count = 0
        if count > MAX_PAGES:
            raise PdfLimit(f"it has {count} pages, over the {MAX_PAGES}-page limit")
        used = n_chars = n_cid = 0
        pages, scanned = [], []
        for n, page in enumerate(pdf.pages, start=1):
            if n > MAX_PAGES:
                raise PdfLimit(f"it has more than {MAX_PAGES} pages")
            used = _check_page(page, used)
            n_chars += len(page.chars)
            if n_chars > MAX_CHARS:
                raise PdfLimit(f"it holds more than {MAX_CHARS:,} characters")
            items = _page_items(page, n)
            n_cid += sum(it["cid"] for it in items)
            if not items and page.images:
                scanned.append(n - 1)
            pages.append(items)
            page.flush_cache()
    done = []
    if ocr is not None and scanned and len(scanned) < len(pages) and n_chars:
        for i, page_text in zip(scanned, ocr(path, scanned)):
            lines = [ln for ln in page_text.split("\n") if ln.strip()]
            pages[i] = [{"text": ln, "x0": 0.0, "x1": 0.0, "top": 100.0 + k, "bottom": 100.0 + k, "size": 0,
                         "cid": 0, "col": 0, "page": i + 1, "page_height": 1e9, "ocr": True}
                        for k, ln in enumerate(lines)]
            if lines:
                done.append(i + 1)
    text, edits, tables = layout_text(pages)
    return {"text": text, "edits": edits, "tables": tables, "n_pages": len(pages),
            "cid_share": n_cid / max(1, n_chars), "ocr_pages": done}
