"""Files → text: .txt (UTF-8 with or without BOM, GB18030/GBK, Big5, UTF-16), .docx, .pdf.

Every failure is an :class:`IngestError` with a short code and a sentence a user can act on,
so a corpus run lists the file and goes on with the others.

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
import zipfile
from dataclasses import dataclass
from pathlib import Path

SUPPORTED = {".txt": "txt", ".text": "txt", ".docx": "docx", ".pdf": "pdf"}
IGNORED_NAMES = {"metadata.csv"}
MAX_BYTES = 200 * 1024 * 1024  # one report; larger files are refused, not loaded
MAX_UNZIPPED = 300 * 1024 * 1024  # a docx expanding past this is treated as a zip bomb


class IngestError(Exception):
    """A file that cannot be read as a report. ``code`` is short and stable; the message explains."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class Document:
    """A decoded file: ``text`` as decoded (before cleaning) plus how it was read."""

    doc_id: str
    path: str
    text: str
    encoding: str
    source_format: str
    sha256: str
    n_bytes: int


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
    if not data.strip():
        raise IngestError("empty", "the file is empty")
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16"), "utf-16"
    if b"\x00" in data[:4096]:
        # UTF-16 without a BOM: CJK text has few NULs, so judge by what each byte order decodes to
        best = None
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = data[: len(data) - len(data) % 2].decode(enc)
            except UnicodeDecodeError:
                continue
            score = _plausibility(text)
            if _looks_like_text(text) and score > 0.6 and (best is None or score > best[0]):
                best = (score, text, enc)
        if best:
            return best[1], best[2]
        raise IngestError("binary", "the file holds binary data, not text (is it a renamed .doc or image?)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
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
        if _plausibility(text) > 0.9:
            return text, enc
    raise IngestError("undecodable", "the bytes are not UTF-8, UTF-16, GB18030 or Big5 text; re-save the file as UTF-8")


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


def _read_docx(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as zf:
            total = sum(i.file_size for i in zf.infolist())
            if total > MAX_UNZIPPED:
                raise IngestError("zip_bomb", f"the docx would expand to {total / 1e6:.0f} MB; refusing to open it")
            if "word/document.xml" not in zf.namelist():
                raise IngestError("corrupt_docx", "the file is a zip archive but not a Word document")
    except zipfile.BadZipFile:
        raise IngestError("corrupt_docx", "the .docx is damaged or truncated (not a valid zip archive); re-save it from Word") from None
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        d = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many types for broken parts
        raise IngestError("corrupt_docx", f"the .docx could not be parsed ({type(exc).__name__}); re-save it from Word") from None
    out = []
    for el in d.element.body.iterchildren():
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "p":
            out.append(Paragraph(el, d).text)
        elif tag == "tbl":
            for row in Table(el, d).rows:
                cells, prev = [], None
                for cell in row.cells:
                    if cell._tc is not prev:  # merged cells repeat the same element
                        cells.append(cell.text.strip())
                    prev = cell._tc
                out.append("\t".join(cells))
    return "\n".join(out)


def _read_pdf(path: Path) -> str:
    import pdfplumber

    try:
        with pdfplumber.open(str(path)) as pdf:
            pages = [(page.extract_text() or "") for page in pdf.pages]
    except Exception as exc:
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        name = type(inner).__name__
        if "Password" in name or "Encrypt" in name or "encrypt" in str(exc).lower():
            raise IngestError("encrypted_pdf", "the PDF is encrypted; remove the password and try again") from None
        raise IngestError("corrupt_pdf", f"the PDF could not be parsed ({name})") from None
    text = "\f".join(pages)
    if not re.search(r"[\u4e00-\u9fffA-Za-z]", text):
        raise IngestError("needs_ocr", "the PDF has no text layer (a scan?): run OCR first, e.g. ocrmypdf -l chi_sim")
    return text


def read_document(path, *, doc_id: str | None = None) -> Document:
    """Read one report file into a :class:`Document`; raises :class:`IngestError` on bad input."""
    path = Path(path)
    fmt = SUPPORTED.get(path.suffix.lower())
    if fmt is None:
        hint = " (convert .doc/.wps to .docx first)" if path.suffix.lower() in (".doc", ".wps", ".rtf") else ""
        raise IngestError("unsupported_extension", f"{path.suffix or 'no extension'} files are not read{hint}")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise IngestError("too_large", f"the file is {size / 1e6:.0f} MB, over the {MAX_BYTES / 1e6:.0f} MB limit")
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    if fmt == "txt":
        text, enc = decode_bytes(data)
    elif fmt == "docx":
        if not data:
            raise IngestError("empty", "the file is empty")
        text, enc = _read_docx(path), "docx"
    else:
        if not data:
            raise IngestError("empty", "the file is empty")
        text, enc = _read_pdf(path), "pdf"
    if not text.strip():
        raise IngestError("empty", "the file holds no text")
    return Document(doc_id=doc_id or path.stem, path=str(path), text=text, encoding=enc,
                    source_format=fmt, sha256=sha, n_bytes=size)
