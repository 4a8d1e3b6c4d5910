"""Word files → text: .docx with python-docx (tables kept as tables), .doc/.wps through a converter.

A .docx is checked before python-docx parses it: every archive member is decompressed in 1 MB
steps and counted, so a zip bomb or a huge ``document.xml`` is refused without spending the
memory. Tables are written into the text as tab-separated rows, each cell with its offsets.

.doc and .wps (the binary formats county offices still send) are converted with LibreOffice
headless when ``soffice`` is installed (private profile, time limit), else their text is taken
with ``antiword`` (.doc) or ``catdoc``; with none of them the error says what to install.

Example:
    >>> converters_available()["libreoffice"] in (True, False)
    True
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import zipfile
from pathlib import Path

MAX_UNZIPPED = 300 * 1024 * 1024  # all members of a docx, really decompressed
MAX_DOCUMENT_XML = 64 * 1024 * 1024  # word/document.xml alone (a 500-page report is ~10 MB)
MAX_CHARS = 5_000_000
CONVERT_TIMEOUT = 180  # seconds for one file through LibreOffice

INSTALL_HINT = ("install LibreOffice (apt-get install libreoffice-writer-nogui) or antiword "
                "(apt-get install antiword), or save the file as .docx from Word/WPS")


class WordError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


def converters_available() -> dict:
    """Which .doc/.wps converters are on PATH: {"libreoffice", "antiword", "catdoc"}."""
    return {"libreoffice": bool(_soffice()), "antiword": bool(shutil.which("antiword")),
            "catdoc": bool(shutil.which("catdoc"))}


def _soffice():
    return shutil.which("soffice") or shutil.which("libreoffice")


def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            declared = sum(i.file_size for i in infos)
            if declared > MAX_UNZIPPED:
                raise WordError("zip_bomb", f"the docx would expand to {declared / 1e6:.0f} MB "
                                f"(limit {MAX_UNZIPPED / 1e6:.0f} MB); refusing to open it")
            if "word/document.xml" not in zf.namelist():
                raise WordError("corrupt_docx", "the file is a zip archive but not a Word document")
            total = 0
            for info in infos:  # declared sizes can lie: count what really comes out
                limit = MAX_DOCUMENT_XML if info.filename == "word/document.xml" else MAX_UNZIPPED
                n = 0
                with zf.open(info) as fh:
                    while chunk := fh.read(1 << 20):
                        n += len(chunk)
                        total += len(chunk)
                        if n > limit or total > MAX_UNZIPPED:
                            what = info.filename if n > limit else "the docx"
                            lim = limit if n > limit else MAX_UNZIPPED
                            raise WordError("too_large", f"{what} expands past {lim / 2**20:.0f} MB "
                                            "(limit); refusing to parse it")
    except zipfile.BadZipFile:
        raise WordError("corrupt_docx", "the .docx is damaged or truncated (not a valid zip archive); re-save it from Word") from None
    except (zipfile.LargeZipFile, NotImplementedError, EOFError, OSError, RuntimeError) as exc:
        if isinstance(exc, WordError):
            raise
        raise WordError("corrupt_docx", f"the .docx could not be unpacked ({type(exc).__name__}); re-save it from Word") from None
    except Exception as exc:  # zlib.error and CRC errors from damaged members
        if isinstance(exc, WordError):
            raise
        raise WordError("corrupt_docx", f"the .docx could not be unpacked ({type(exc).__name__}); re-save it from Word") from None


def read_docx(path) -> tuple[str, list]:
    """(text, tables) of a .docx: paragraphs and table rows in document order.

    ``tables``: [{"table_id", "cells": [{"row", "column", "text", "start", "end"}]}], offsets into text.
    """
    path = Path(path)
    _check_zip(path)
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        d = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many types for broken parts
        raise WordError("corrupt_docx", f"the .docx could not be parsed ({type(exc).__name__}); re-save it from Word") from None
    parts: list[str] = []
    tables: list[dict] = []
    pos = 0

    def put(s: str):
        nonlocal pos
        parts.append(s)
        pos += len(s)
        if pos > MAX_CHARS:
            raise WordError("too_large", f"the document holds more than {MAX_CHARS:,} characters (limit)")

    first = True
    for el in d.element.body.iterchildren():
        tag = el.tag.rsplit("}", 1)[-1]
        if tag not in ("p", "tbl"):
            continue
        if not first:
            put("\n")
        first = False
        if tag == "p":
            put(Paragraph(el, d).text)
            continue
        cells = []
        for r, row in enumerate(Table(el, d).rows):
            if r:
                put("\n")
            prev, c = None, 0
            for cell in row.cells:
                if cell._tc is prev:  # merged cells repeat the same element
                    continue
                prev = cell._tc
                if c:
                    put("\t")
                # a cell's own paragraphs are one cell: joined without a break
                txt = "".join(p.strip() for p in cell.text.split("\n"))
                cells.append({"row": r, "column": c, "text": txt, "start": pos, "end": pos + len(txt)})
                put(txt)
                c += 1
        tables.append({"table_id": len(tables) + 1, "cells": cells})
    return "".join(parts), tables


def convert_word(path, *, suffix: str) -> tuple[str, list, str]:
    """(text, tables, how) of a .doc/.wps file through the best installed converter."""
    path = Path(path)
    office = _soffice()
    if office:
        with tempfile.TemporaryDirectory(prefix="ecoanalysis-soffice-") as tmp:
            src = Path(tmp) / f"in{suffix}"  # a plain ASCII name: soffice mangles some others
            shutil.copyfile(path, src)
            env = {**os.environ, "HOME": tmp}
            cmd = [office, f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--norestore",
                   "--convert-to", "docx", "--outdir", f"{tmp}/out", str(src)]
            proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                                    start_new_session=True)
            try:
                proc.wait(timeout=CONVERT_TIMEOUT)
            except subprocess.TimeoutExpired:
                # soffice is a launcher: its office process is in the same new session, end them all
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except OSError:
                    pass
                proc.wait()
                raise WordError("convert_failed", f"LibreOffice took over {CONVERT_TIMEOUT} s to convert the file; "
                                "save it as .docx by hand") from None
            out = Path(tmp) / "out" / "in.docx"
            if out.exists() and out.stat().st_size:
                text, tables = read_docx(out)
                return text, tables, "libreoffice"
        if not (suffix == ".doc" and shutil.which("antiword")) and not shutil.which("catdoc"):
            raise WordError("convert_failed", f"LibreOffice could not convert this {suffix} file "
                            "(damaged, or not a Word/WPS document); save it as .docx by hand")
    for tool, cmd in (("antiword", ["antiword", "-w", "0", "-m", "UTF-8.txt", str(path)]),
                      ("catdoc", ["catdoc", "-w", "-d", "utf-8", str(path)])):
        if not shutil.which(tool) or (tool == "antiword" and suffix != ".doc"):
            continue
        try:
            run = subprocess.run(cmd, capture_output=True, timeout=CONVERT_TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            continue
        text = run.stdout.decode("utf-8", "replace")
        if run.returncode == 0 and text.strip():
            return text, [], tool
    if office or shutil.which("antiword") or shutil.which("catdoc"):
        raise WordError("convert_failed", f"the installed converters could not read this {suffix} file; "
                        "save it as .docx by hand")
    raise WordError("needs_converter", f"{suffix} files need a converter: {INSTALL_HINT}")
