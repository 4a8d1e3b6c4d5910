"""Atomic, deterministic table writing: CSV as UTF-8 with BOM (Excel shows Chinese), or Parquet.

A table is written to a temporary file in the target folder and moved into place with
``os.replace``, so an interrupted run never leaves a half-written table behind; a whole set of
tables is written by :class:`TableRun` into a fresh folder that replaces the old one in one
step. CSV text cells that a spreadsheet would run as a formula get a leading apostrophe
(:func:`neutralise`); Parquet keeps the values as they are (no spreadsheet opens it).

Example:
    >>> import pandas as pd, tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> write_table(pd.DataFrame({"地区": ["丹阳市"], "value": [1.5]}), out)
    PosixPath('...t.csv')
    >>> out.read_bytes()[:3] == b"\\xef\\xbb\\xbf"
    True
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

import pandas as pd


class OutputError(OSError):
    """The output folder cannot be written; the message is one line naming the folder.

    ``in_the_way`` is True when a file stands where a folder must be (a usage error, not a
    refusal by the system).
    """

    def __init__(self, message: str, *, in_the_way: bool = False):
        super().__init__(message)
        self.in_the_way = in_the_way


def atomic_write_bytes(path, data: bytes, *, durable: bool = True) -> Path:
    """Write ``data`` to ``path`` atomically (temp file in the same folder, then ``os.replace``).

    ``durable=False`` skips the ``fsync`` before the rename: for files that verify themselves
    (cache entries carry a checksum, so one torn by a power cut is detected and recomputed).

    The temp file's name carries the writer's process id, so debris left by a killed writer
    (SIGKILL cannot be cleaned up after) is recognised and removed by ``remove_stale_temp_files``.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, 0o666 & ~current_umask())  # mkstemp creates 0600; a table is an ordinary file
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return path


def current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a killed worker whose parent died too can linger as a zombie: it writes nothing more
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            return fh.read().rsplit(")", 1)[-1].split()[0] != "Z"
    except OSError:
        return True


def remove_stale_temp_files(folder, *, recursive: bool = False) -> int:
    """Delete temp files of ``atomic_write_bytes`` whose writer process is gone; returns how many."""
    folder = Path(folder)
    if not folder.is_dir():
        return 0
    removed = 0
    for p in (folder.rglob(".*.tmp") if recursive else folder.glob(".*.tmp")):
        parts = p.name.rsplit(".", 3)  # .NAME.PID.RANDOM.tmp (a file, or a TableRun folder)
        if len(parts) == 4 and parts[1].isdigit() and not _alive(int(parts[1])):
            try:
                if p.is_dir() and not p.is_symlink():
                    shutil.rmtree(p)
                else:
                    p.unlink()
                removed += 1
            except OSError:
                pass
    return removed


# OWASP "CSV injection": a cell starting with one of these is run as a formula by spreadsheets
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?")


def neutralise(value):
    """A text cell that a spreadsheet would run as a formula, with a leading apostrophe.

    Cells starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return are prefixed with
    ``'`` (OWASP's advice); a text cell that is just a number (``-3.5``) is left as it is, and
    non-text values are never touched, so numeric columns stay numbers.

    >>> neutralise("=SUM(A1)"), neutralise("-2+3"), neutralise("-3.5"), neutralise(-3.5)
    ("'=SUM(A1)", "'-2+3", '-3.5', -3.5)
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def _has_formula_start(s: pd.Series) -> bool:
    """True when some text cell of ``s`` starts like a formula. Looks at each distinct value
    once: table columns repeat (doc ids, parts, terms), and hashing is C while the test is Python."""
    try:
        values = pd.unique(s.dropna())
    except TypeError:  # an unhashable cell in a mixed column
        values = s.dropna().tolist()
    return any(isinstance(v, str) and v.startswith(_FORMULA_START) for v in values)


def neutralise_frame(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with :func:`neutralise` applied to every text column (a copy only when a cell changes)."""
    out = None
    for c in df.columns:
        s = df[c]
        if pd.api.types.is_numeric_dtype(s.dtype) or pd.api.types.is_bool_dtype(s.dtype):
            continue
        if not _has_formula_start(s):
            continue
        if out is None:
            out = df.copy()
        out[c] = s.map(neutralise, na_action="ignore")
    return df if out is None else out


def table_to_csv_bytes(df: pd.DataFrame) -> bytes:
    """CSV bytes, UTF-8 with BOM, ``\\n`` line ends, floats in shortest round-trip form, formulas neutralised."""
    # backslashreplace: a stray undecodable file-name byte is shown escaped, never a crash at the end of a run
    return neutralise_frame(df).to_csv(index=False, lineterminator="\n").encode("utf-8-sig", "backslashreplace")


def write_table(df: pd.DataFrame, path, *, format: str | None = None) -> Path:
    """Write one table atomically; ``format`` is ``csv`` or ``parquet`` (default: from the suffix)."""
    path = Path(path)
    fmt = format or ("parquet" if path.suffix == ".parquet" else "csv")
    if fmt == "csv":
        return atomic_write_bytes(path, table_to_csv_bytes(df))
    if fmt == "parquet":
        import io

        buf = io.BytesIO()
        try:
            df.to_parquet(buf, index=False)
        except ImportError as exc:
            raise RuntimeError("Parquet output needs pyarrow: pip install 'ecoanalysis[parquet]'") from exc
        return atomic_write_bytes(path, buf.getvalue())
    raise ValueError(f"unknown table format {fmt!r}: use csv or parquet")


def _nearest_existing(path: Path) -> Path:
    path = Path(os.path.abspath(path))
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def check_output_dir(out) -> None:
    """Raise :class:`OutputError` now, before any work, when ``out`` cannot become a folder of tables.

    >>> check_output_dir("/proc/version/tables")
    Traceback (most recent call last):
    ...
    ecoanalysis.writers.OutputError: cannot write to /proc/version/tables: /proc/version is a file, not a folder
    """
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise OutputError(f"cannot write to {out}: it is a file, not a folder", in_the_way=True)
    base = _nearest_existing(out.parent)
    if not base.is_dir():
        raise OutputError(f"cannot write to {out}: {base} is a file, not a folder", in_the_way=True)
    try:  # a real probe: os.access cannot see a read-only mount for root
        probe = tempfile.mkdtemp(prefix=f".{out.name}.{os.getpid()}.", suffix=".tmp", dir=base)
        os.rmdir(probe)
        if out.is_dir():
            fd, probe = tempfile.mkstemp(prefix=f".probe.{os.getpid()}.", suffix=".tmp", dir=out)
            os.close(fd)
            os.unlink(probe)
    except OSError as exc:
        raise OutputError(f"cannot write to {out}: {exc.strerror or exc}") from None


def exchange_paths(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux ``renameat2(RENAME_EXCHANGE)``); False when unsupported."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError, TypeError):
        return False
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return fn(-100, os.fsencode(str(a)), -100, os.fsencode(str(b)), 2) == 0  # AT_FDCWD, RENAME_EXCHANGE


class TableRun:
    """Write one run's tables into a fresh folder that then replaces ``out`` in one step.

    Used as a context manager: tables go to a temporary folder beside ``out``; on success the
    other files already in ``out`` are carried over (hard links) and the new folder is
    exchanged with the old one atomically, so a reader sees either the old run or the new one,
    never a mix; on failure ``out`` is untouched. When ``out`` holds sub-folders of its own
    (it is not just a table folder), tables are replaced one by one instead.

    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "tables"
    >>> with TableRun(out, ["a.csv"]) as run:
    ...     _ = run.write_bytes("a.csv", b"x")
    >>> sorted(p.name for p in out.iterdir()), (out / "a.csv").read_bytes()
    (['a.csv'], b'x')
    """

    def __init__(self, out, names=()):
        self.given = Path(out)
        # a link to a folder stays a link: the folder it points to is the one replaced
        self.out = Path(os.path.realpath(out)) if Path(out).is_symlink() else Path(out)
        self.names = set(names)
        self.written: list[Path] = []
        self.tmp: Path | None = None

    def __enter__(self):
        out = self.out
        check_output_dir(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temp_files(out.parent)  # debris of an earlier, killed run
        if out.is_dir():
            remove_stale_temp_files(out)
            if any(p.is_dir() for p in out.iterdir()):
                return self  # a folder that is more than tables: replace files one by one
        self.tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.{os.getpid()}.", suffix=".tmp", dir=out.parent))
        mode = (out.stat().st_mode & 0o7777) if out.is_dir() else (0o777 & ~current_umask())
        os.chmod(self.tmp, mode)
        return self

    def write_bytes(self, name: str, data: bytes) -> Path:
        target = self.given / name
        atomic_write_bytes((self.tmp or self.out) / name, data)
        self.written.append(target)
        return target

    def write_table(self, df: pd.DataFrame, name: str, *, format: str | None = None) -> Path:
        write_table(df, (self.tmp or self.out) / name, format=format)
        target = self.given / name
        self.written.append(target)
        return target

    def __exit__(self, kind, exc, tb):
        if self.tmp is None:
            return False
        if kind is not None:
            shutil.rmtree(self.tmp, ignore_errors=True)
            return False
        try:
            self._commit()
        except BaseException:
            shutil.rmtree(self.tmp, ignore_errors=True)
            raise
        return False

    def _commit(self):
        out, tmp = self.out, self.tmp
        mine = {p.name for p in self.written}
        if out.is_dir():
            for p in out.iterdir():  # files of others (or of other runs' formats) stay where they were
                if p.name in mine or (p.name.startswith(".") and p.name.endswith(".tmp")):
                    continue
                try:
                    os.link(p, tmp / p.name, follow_symlinks=False)
                except OSError:
                    shutil.copy2(p, tmp / p.name, follow_symlinks=False)
            fsync_dir(tmp)
            if exchange_paths(tmp, out):
                shutil.rmtree(tmp, ignore_errors=True)  # now the old run
            else:  # no atomic exchange here: two renames, the folder is briefly absent, never mixed
                old = out.parent / f".{out.name}.{os.getpid()}.old{os.urandom(4).hex()}.tmp"
                os.rename(out, old)
                os.rename(tmp, out)
                shutil.rmtree(old, ignore_errors=True)
        else:
            fsync_dir(tmp)
            os.rename(tmp, out)
        fsync_dir(out.parent)


def fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


DUCKDB_FILE = "ecoanalysis.duckdb"
# views over the tables, documented in docs/tables.md (the SQL is the definition)
DUCKDB_VIEWS = {
    "headline_by_report": (
        "SELECT coalesce(nullif(r.county, ''), nullif(r.city, ''), nullif(r.province, '')) AS region, "
        "r.province, r.city, r.county, r.year, r.period, h.* "
        "FROM headline h JOIN reports r USING (doc_id)"),
    "indicator_region_year": (
        "SELECT r.province, r.city, r.county, r.year, r.period, h.indicator, h.kind, "
        "median(h.value) AS value, bool_or(h.masked) AS any_masked, count(*) AS n_reports "
        "FROM headline h JOIN reports r USING (doc_id) "
        "GROUP BY ALL"),
}


def duckdb_bytes(tables: dict) -> bytes:
    """One DuckDB database with every table (raw values, as in Parquet) and the views of
    ``DUCKDB_VIEWS``, as the bytes of its file (written atomically by the caller).

    >>> import pandas as pd
    >>> data = duckdb_bytes({"t": pd.DataFrame({"a": [1, 2]})})  # doctest: +SKIP
    """
    import os
    import tempfile

    import duckdb

    fd, tmp = tempfile.mkstemp(suffix=".duckdb")
    os.close(fd)
    os.unlink(tmp)  # duckdb creates the file itself
    try:
        con = duckdb.connect(tmp)
        try:
            for name, df in tables.items():
                frame_ = df.copy()
                for c in frame_.columns:  # object columns of mixed types (None beside str) as text
                    if frame_[c].dtype == object:
                        frame_[c] = frame_[c].map(lambda v: None if v is None or (isinstance(v, float) and v != v) else str(v))
                con.register("_frame", frame_)
                con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM _frame')
                con.unregister("_frame")
            have = set(tables)
            if {"headline", "reports"} <= have:
                for view, sql in DUCKDB_VIEWS.items():
                    con.execute(f'CREATE VIEW "{view}" AS {sql}')
            con.execute("CHECKPOINT")
        finally:
            con.close()
        return Path(tmp).read_bytes()
    finally:
        for p in (tmp, tmp + ".wal"):
            if os.path.exists(p):
                os.unlink(p)
