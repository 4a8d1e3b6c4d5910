"""Atomic, deterministic table writing: CSV as UTF-8 with BOM (Excel shows Chinese), or Parquet.

A table is written to a temporary file in the target folder and moved into place with
``os.replace``, so an interrupted run never leaves a half-written table behind.

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
import tempfile
from pathlib import Path

import pandas as pd


def atomic_write_bytes(path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically (temp file in the same folder, then ``os.replace``).

    The temp file's name carries the writer's process id, so debris left by a killed writer
    (SIGKILL cannot be cleaned up after) is recognised and removed by ``remove_stale_temp_files``.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp creates 0600; a table is an ordinary file
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return path


def _umask() -> int:
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
        parts = p.name.rsplit(".", 3)  # .NAME.PID.RANDOM.tmp
        if len(parts) == 4 and parts[1].isdigit() and not _alive(int(parts[1])):
            try:
                p.unlink()
                removed += 1
            except OSError:
                pass
    return removed


def table_to_csv_bytes(df: pd.DataFrame) -> bytes:
    """CSV bytes, UTF-8 with BOM, ``\\n`` line ends, floats in shortest round-trip form."""
    return df.to_csv(index=False, lineterminator="\n").encode("utf-8-sig")


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
