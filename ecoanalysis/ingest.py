"""Files → text: .txt (UTF-8 with or without BOM, GB18030/GBK, Big5, UTF-16), .docx, .pdf, .doc/.wps.

Every failure is an :class:`IngestError` with a short code and a sentence a user can act on,
so a corpus run lists the file and goes on with the others. PDFs are read with their layout
(:mod:`ecoanalysis.ingest_pdf`), Word files with their tables (:mod:`ecoanalysis.ingest_word`),
scans through Tesseract when it is installed (:mod:`ecoanalysis.ingest_ocr`).

Decoding is strict first, then lenient: a UTF-8 report with a few invalid bytes is read with
U+FFFD in their place and one ``invalid_byte`` row per byte in the cleaning log (``doc.log``);
Japanese text (Shift-JIS, EUC-JP) and byte soup that only decodes to rare characters are refused.

Example:
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "r.txt"
    >>> _ = p.write_bytes("一、大气污染防治".encode("gb18030"))
    >>> doc = read_document(p)
    >>> doc.text, doc.encoding, doc.source_format
    ('一、大气污染防治', 'gb18030', 'txt')
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .ingest_word import MAX_UNZIPPED  # noqa: F401  (kept importable from here)

SUPPORTED = {".txt": "txt", ".text": "txt", ".docx": "docx", ".pdf": "pdf", ".doc": "doc", ".wps": "wps"}
IGNORED_NAMES = {"metadata.csv"}
MAX_BYTES = 200 * 1024 * 1024  # one report; larger files are refused, not loaded
MAX_TEXT_BYTES = 64 * 1024 * 1024  # a .txt report (a 2,000-page report is ~6 MB of UTF-8)
MAX_INVALID = 16  # invalid UTF-8 bytes replaced (and logged) before the file is judged not UTF-8


class IngestError(Exception):
    """A file that cannot be read as a report. ``code`` is short and stable; the message explains."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class Document:
    """A decoded file: ``text`` as decoded (before cleaning) plus how it was read.

    ``edits``: layout edits for the cleaner (PDF headers, footers, line-wrap joins), in ``text``
    offsets; ``log``: cleaning-log rows made while reading (replaced bytes); ``tables``: the
    file's tables with cell offsets into ``text``. ``source_format`` is ``pdf-ocr`` for OCR'd scans.
    """

    doc_id: str
    path: str
    text: str
    encoding: str
    source_format: str
    sha256: str
    n_bytes: int
    edits: list = field(default_factory=list)
    log: list = field(default_factory=list)
    tables: list = field(default_factory=list)


def list_reports(folder, *, with_errors: bool = False):
    """Report files under ``folder`` (recursively, sorted) and the files skipped for their extension.

    With ``with_errors``, also ``(path, code, message)`` for everything not read at all: a link
    leading outside the folder (``outside_corpus``: symbolic links are followed only within the
    corpus), a link loop (``symlink_loop``), a dangling link (``dangling_link``), a named pipe,
    socket or device (``not_a_file``), a folder or file without read permission
    (``unreadable_folder``, ``unreadable``). Names starting with a dot are ignored. File names
    that are not valid UTF-8 are kept as the OS gives them (undecodable bytes as surrogates).

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("x"); _ = (d / "b.md").write_text("x")
    >>> (d / "out.txt").symlink_to("/etc/hostname")
    >>> found, skipped, refused = list_reports(d, with_errors=True)
    >>> [p.name for p in found], [p.name for p in skipped], [(p.name, code) for p, code, _ in refused]
    (['a.txt'], ['b.md'], [('out.txt', 'outside_corpus')])
    """
    import errno
    import os
    import stat

    folder = Path(folder)
    if folder.is_file():
        return ([folder], [], []) if with_errors else ([folder], [])
    if not folder.is_dir():
        raise FileNotFoundError(f"no such folder: {folder}")
    root_real = os.path.realpath(folder)
    found, skipped, refused = [], [], []

    def inside(real: str) -> bool:
        return real == root_real or real.startswith(root_real.rstrip(os.sep) + os.sep)

    def walk(d: Path, ancestors: tuple):
        try:
            with os.scandir(d) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            refused.append((d, "unreadable_folder", f"the folder could not be listed ({exc.strerror or exc}); "
                            "the reports in it are not read"))
            return
        for e in entries:
            if e.name.startswith("."):
                continue
            p = d / e.name
            try:
                if e.is_symlink():
                    real = os.path.realpath(p)
                    if not inside(real):
                        refused.append((p, "outside_corpus", "a symbolic link to a place outside the corpus folder "
                                        "is not followed"))
                        continue
                st = os.stat(p)
            except OSError as exc:
                if exc.errno == errno.ELOOP:
                    refused.append((p, "symlink_loop", "a symbolic link that leads back to itself (a loop)"))
                elif exc.errno == errno.ENOENT:
                    refused.append((p, "dangling_link", "a symbolic link to a file that does not exist"))
                else:
                    refused.append((p, "unreadable", f"the file could not be examined ({exc.strerror or exc})"))
                continue
            if stat.S_ISDIR(st.st_mode):
                real = os.path.realpath(p)
                if real in ancestors:
                    refused.append((p, "symlink_loop", "a link to a folder that contains it (a loop); not followed"))
                    continue
                walk(p, ancestors + (real,))
            elif not stat.S_ISREG(st.st_mode):
                kind = ("a named pipe (FIFO)" if stat.S_ISFIFO(st.st_mode) else "a socket" if stat.S_ISSOCK(st.st_mode)
                        else "a device")
                refused.append((p, "not_a_file", f"{kind}, not a regular file; not read"))
            elif e.name in IGNORED_NAMES:
                continue
            elif p.suffix.lower() not in SUPPORTED:
                skipped.append(p)
            else:
                try:  # unreadable files are listed here, not discovered by a traceback later
                    with open(p, "rb"):
                        pass
                except OSError as exc:
                    refused.append((p, "unreadable", f"the file could not be read ({exc.strerror or exc})"))
                    continue
                found.append(p)

    walk(folder, (root_real,))
    order = lambda q: q.as_posix()  # noqa: E731 - the order the tables are written in
    found.sort(key=order)
    skipped.sort(key=order)
    refused.sort(key=lambda r: order(r[0]))
    return (found, skipped, refused) if with_errors else (found, skipped)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode report bytes, detecting UTF-8 (BOM or not), UTF-16, GB18030/GBK and Big5.

    >>> decode_bytes("环境".encode("utf-16"))
    ('环境', 'utf-16')
    """
    text, enc, _log = decode_text(data)
    return text, enc


def decode_text(data: bytes) -> tuple[str, str, list]:
    r"""(text, encoding, log) of report bytes; ``log`` has one ``invalid_byte`` row per replaced byte.

    >>> text, enc, log = decode_text("总磷浓度".encode() * 5 + b"\xff" + "达标".encode())
    >>> text[20] == "\ufffd", enc, [(r["reason"], r["orig_start"], r["removed"]) for r in log]
    (True, 'utf-8', [('invalid_byte', 20, '\\xff at byte 60')])
    """
    text, enc = _decode(data)
    log: list = []
    if "+replaced" in enc:
        enc = enc.replace("+replaced", "")
        log = _replaced_log(data[3:] if enc == "utf-8-sig" else data, text)
    _refuse_foreign(data, text, enc)
    return text, enc, log


def _replaced_log(data: bytes, text: str) -> list:
    """Where U+FFFD stands in ``text`` for each invalid byte of ``data``."""
    out, pos = [], 0
    while True:
        try:
            data[pos:].decode("utf-8")
            break
        except UnicodeDecodeError as exc:
            bad_at, bad_end = pos + exc.start, pos + exc.end
            char_at = len(data[:bad_at].decode("utf-8", "replace"))
            out.append({"reason": "invalid_byte", "orig_start": char_at, "orig_end": char_at + 1,
                        "removed": "".join(f"\\x{b:02x}" for b in data[bad_at:bad_end]) + f" at byte {bad_at}"})
            pos = bad_end
    return out


def _common_share(text: str) -> float:
    """Share of the text's CJK ideographs that are common ones (in GB2312 or Big5)."""
    han = [c for c in text[:20000] if "\u4e00" <= c <= "\u9fff"]
    if not han:
        return 1.0
    ok = 0
    for c in han:
        for enc in ("gb2312", "big5"):
            try:
                c.encode(enc)
                ok += 1
                break
            except UnicodeEncodeError:
                pass
    return ok / len(han)


_KANA = re.compile("[\u3040-\u30ff]")
_HAN = re.compile("[\u4e00-\u9fff]")


def _kana_share(text: str) -> float:
    # the code points counted in one vector step (the two regex findall lists cost ~0.4 ms per
    # report); surrogatepass: a lone surrogate is a code point outside both ranges, as for the regexes
    cp = np.frombuffer(text[:20000].encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    kana = int(np.count_nonzero((cp >= 0x3040) & (cp <= 0x30FF)))  # _KANA
    han = int(np.count_nonzero((cp >= 0x4E00) & (cp <= 0x9FFF)))  # _HAN
    return kana / max(1, kana + han)


def _refuse_foreign(data: bytes, text: str, enc: str) -> None:
    """Japanese reports (any encoding) and Shift-JIS decoded as GB18030 are not Chinese reports."""
    if _kana_share(text) > 0.05:
        raise IngestError("not_chinese", "the text is Japanese (kana), not a Chinese report")
    if enc in ("gb18030", "big5"):
        try:
            sjis = data[:200_000].decode("shift_jis")
        except UnicodeDecodeError:
            return
        if _kana_share(sjis) > 0.1 and _common_share(text) < 0.9:
            raise IngestError("not_chinese", "the bytes are Shift-JIS (Japanese) text, not a Chinese report; "
                              "re-save a Chinese report as UTF-8")


def _decode(data: bytes) -> tuple[str, str]:
    if not data.strip():
        raise IngestError("empty", "the file is empty")
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8").lstrip("\ufeff"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            lenient = _lenient_utf8(data[3:])
            if lenient is None:
                raise IngestError("undecodable", f"the file claims utf-8 but has invalid bytes at {exc.start + 3}") from None
            return lenient, "utf-8-sig+replaced"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16"), "utf-16"
    if b"\x00" in data[:4096]:
        # UTF-16 without a BOM: CJK text has few NULs, so judge by what each byte order decodes to
        best = None
        head = data[:65536]
        nul_even = sum(1 for i in range(0, len(head), 2) if head[i] == 0)
        nul_odd = head.count(0) - nul_even
        # UTF-16 puts the NUL of every ASCII character on one side of its pair: a few NULs, all
        # on one side (le: odd bytes, be: even bytes); one stray NUL in ASCII text is not that
        sides = {"utf-16-le": nul_odd >= 2 and nul_even <= 0.25 * nul_odd,
                 "utf-16-be": nul_even >= 2 and nul_odd <= 0.25 * nul_even}
        for enc in ("utf-16-le", "utf-16-be"):
            if not sides[enc]:
                continue
            try:
                text = data[: len(data) - len(data) % 2].decode(enc)
            except UnicodeDecodeError:
                continue
            score = _plausibility(text)
            if (_looks_like_text(text) and score > 0.6 and _common_share(text) > 0.8
                    and (best is None or score > best[0])):
                best = (score, text, enc)
        if best:
            return best[1], best[2]
        raise IngestError("binary", "the file holds binary data, not text (is it a renamed .doc or image?)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    lenient = _lenient_utf8(data)
    if lenient is not None:
        return lenient, "utf-8+replaced"
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000], cp_isolation=["gb18030", "big5", "utf_8"]).best()
    candidates = ([best.encoding] if best else []) + ["gb18030", "big5"]
    for enc in candidates:
        enc = "gb18030" if enc in ("gbk", "gb2312", "gb18030") else enc
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        if _looks_like_text(text) and _plausibility(text) > 0.6:
            return text, enc
    for enc in ("utf-16-le", "utf-16-be"):  # pure-CJK UTF-16 has no NUL bytes to give it away
        try:
            text = data[: len(data) - len(data) % 2].decode(enc)
        except UnicodeDecodeError:
            continue
        if _plausibility(text) > 0.9 and _common_share(text) > 0.8:
            return text, enc
    raise IngestError("undecodable", "the bytes are not UTF-8, UTF-16, GB18030 or Big5 text; re-save the file as UTF-8")


def _lenient_utf8(data: bytes) -> str | None:
    """UTF-8 with a few invalid bytes replaced, when the rest is clearly UTF-8; else None."""
    bad, pos = 0, 0
    while True:
        try:
            data[pos:].decode("utf-8")
            break
        except UnicodeDecodeError as exc:
            bad += 1
            if bad > MAX_INVALID:
                return None
            pos += exc.end
    text = data.decode("utf-8", "replace")
    valid_multibyte = sum(1 for c in text if ord(c) > 0x7F and c != "\ufffd")
    # a stray byte or two in a real UTF-8 report, not a file in another encoding
    return text if bad <= max(1, valid_multibyte // 100) else None


def _strict(data: bytes, enc: str) -> str:
    try:
        text = data.decode(enc)
    except UnicodeDecodeError as exc:
        raise IngestError("undecodable", f"the file claims {enc} but has invalid bytes at {exc.start}") from None
    return text.lstrip("\ufeff")


def _plausibility(text: str) -> float:
    """Share of characters that are common CJK, ASCII printable or CJK punctuation."""
    sample = text[:20000]
    ok = sum(1 for c in sample if "\u4e00" <= c <= "\u9fff" or " " <= c <= "~" or c in "\n\r\t"
             or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef")
    return ok / max(1, len(sample))


def _looks_like_text(text: str) -> bool:
    sample = text[:20000]
    if not sample:
        return False
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\n\r\t\f") or 0xE000 <= ord(c) <= 0xF8FF)
    return bad / len(sample) < 0.01


def _read_docx(path: Path) -> tuple[str, list]:
    from .ingest_word import WordError, read_docx

    try:
        return read_docx(path)
    except WordError as exc:
        raise IngestError(exc.code, exc.message) from None


def _read_word_binary(path: Path, suffix: str) -> tuple[str, list, str]:
    from .ingest_word import WordError, convert_word

    try:
        return convert_word(path, suffix=suffix)
    except WordError as exc:
        raise IngestError(exc.code, exc.message) from None


def _read_pdf(path: Path) -> tuple[str, list, list, str]:
    """(text, layout edits, tables, source_format) of a PDF; scans go through OCR when installed."""
    from .ingest_ocr import ocr_available, ocr_pages, ocr_pdf
    from .ingest_pdf import MAX_PAGES, PdfLimit, read_pdf_layout

    def scanned_pages(p, pages):  # a scanned page inside a typed report, when Tesseract is there
        return ocr_pages(p, pages) if ocr_available() is None else [""] * len(pages)

    try:
        got = read_pdf_layout(path, ocr=scanned_pages)
    except PdfLimit as exc:
        raise IngestError("too_large", f"the PDF is refused: {exc.what}") from None
    except Exception as exc:
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        name = type(inner).__name__
        if "Password" in name or "Encrypt" in name or "encrypt" in str(exc).lower():
            raise IngestError("encrypted_pdf", "the PDF is encrypted; remove the password and try again") from None
        raise IngestError("corrupt_pdf", f"the PDF could not be parsed ({name})") from None
    text = got["text"]
    # fonts without a Unicode map come out as (cid:2292): no text layer worth reading
    garbled = got["cid_share"] > 0.2
    if not garbled and re.search(r"[\u4e00-\u9fffA-Za-z]", text):
        return text, got["edits"], got["tables"], "pdf-ocr" if got["ocr_pages"] else "pdf"
    why = ("its fonts carry no Unicode map (the text comes out as (cid:NNNN))" if garbled
           else "it has no text layer (a scan?)")
    missing = ocr_available()
    if missing:
        raise IngestError("unmapped_font" if garbled else "needs_ocr",
                          f"the PDF cannot be read as text: {why}; {missing}, or run OCR first (ocrmypdf -l chi_sim)")
    try:
        text = ocr_pdf(path, max_pages=MAX_PAGES)
    except ValueError as exc:
        raise IngestError("too_large", f"the scanned PDF is refused: {exc}") from None
    except Exception as exc:  # a renderer or Tesseract failure is this file's error, not the run's
        raise IngestError("ocr_failed", f"OCR of the scanned PDF failed ({type(exc).__name__})") from None
    if not re.search(r"[\u4e00-\u9fff]{4}", text):
        raise IngestError("needs_ocr", f"the PDF cannot be read as text: {why}, and OCR found no Chinese text in it")
    return text, [], [], "pdf-ocr"


def _read_limited(path: Path, limit: int) -> bytes:
    """The file's bytes, read in 1 MB steps and refused past ``limit`` (a size from stat can lie)."""
    chunks, n = [], 0
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            n += len(chunk)
            if n > limit:
                raise IngestError("too_large", f"the file is over the {limit / 2**20:.0f} MB limit for its format")
            chunks.append(chunk)
    return b"".join(chunks)


def unsupported_message(suffix: str) -> str:
    """The errors-row message for a file the readers skip.

    >>> unsupported_message(".rtf")
    '.rtf files are not read (txt, docx, pdf, doc and wps are): save it as .docx from Word or WPS'
    """
    hint = ": save it as .docx from Word or WPS" if suffix.lower() in (".rtf", ".odt", ".docm", ".dot", ".dotx") else ""
    return f"{suffix or 'no extension'} files are not read (txt, docx, pdf, doc and wps are){hint}"


_DIGIT = re.compile(r"[0-9０-９]")


def tab_tables(text: str) -> list:
    r"""The tables a plain text holds as tab-separated rows (a spreadsheet or a Word table saved as
    text): runs of two or more consecutive lines with the same number (two or more) of cells, one
    of them with a digit; the same form the Word and PDF readers hand over.

    >>> t = "说明\n县区\tPM2.5浓度（微克/立方米）\n甲县\t32\n乙县\t35\n完"
    >>> [(c["row"], c["column"], c["text"]) for c in tab_tables(t)[0]["cells"]][:3]
    [(0, 0, '县区'), (0, 1, 'PM2.5浓度（微克/立方米）'), (1, 0, '甲县')]
    >>> tab_tables("甲\t乙\n没有表格")
    []
    """
    if "\t" not in text:
        return []
    runs, run, pos = [], [], 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        n = line.count("\t") + 1 if "\t" in line.strip(" \r") else 0
        if n >= 2 and run and run[-1][2] == n:
            run.append((start, line, n))
            continue
        if len(run) >= 2:
            runs.append(run)
        run = [(start, line, n)] if n >= 2 else []
    if len(run) >= 2:
        runs.append(run)
    tables = []
    for run in runs:
        if not any(_DIGIT.search(line) for _, line, _ in run):
            continue
        cells = []
        for r, (start, line, _) in enumerate(run):
            off = start
            for c, raw in enumerate(line.rstrip("\r").split("\t")):
                lead = len(raw) - len(raw.lstrip())
                txt = raw.strip()
                cells.append({"row": r, "column": c, "text": txt, "start": off + lead, "end": off + lead + len(txt)})
                off += len(raw) + 1
        tables.append({"table_id": len(tables) + 1, "cells": cells})
    return tables


def read_document(path, *, doc_id: str | None = None) -> Document:
    """Read one report file into a :class:`Document`; raises :class:`IngestError` on bad input."""
    path = Path(path)
    fmt = SUPPORTED.get(path.suffix.lower())
    if fmt is None:
        raise IngestError("unsupported_extension", unsupported_message(path.suffix))
    size = path.stat().st_size
    limit = MAX_TEXT_BYTES if fmt == "txt" else MAX_BYTES
    if size > limit:
        raise IngestError("too_large", f"the file is {size / 2**20:.0f} MB, over the {limit / 2**20:.0f} MB limit for its format")
    data = _read_limited(path, limit)
    size = len(data)
    sha = hashlib.sha256(data).hexdigest()
    edits, log, tables = [], [], []
    if fmt == "txt":
        text, enc, log = decode_text(data)
        tables = tab_tables(text)
    elif not data:
        raise IngestError("empty", "the file is empty")
    elif fmt == "docx":
        (text, tables), enc = _read_docx(path), "docx"
    elif fmt in ("doc", "wps"):
        text, tables, how = _read_word_binary(path, path.suffix.lower())
        enc = f"{fmt}-via-{how}"
    else:
        text, edits, tables, fmt = _read_pdf(path)
        enc = fmt
    if not text.strip():
        raise IngestError("empty", "the file holds no text")
    return Document(doc_id=doc_id or path.stem, path=str(path), text=text, encoding=enc,
                    source_format=fmt, sha256=sha, n_bytes=size, edits=edits, log=log, tables=tables)
