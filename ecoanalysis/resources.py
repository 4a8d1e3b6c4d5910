"""Domain knowledge shipped as editable data files in ``ecoanalysis/resources/``.

Every lexicon, catalog and table the pipeline uses lives there as CSV or plain text, so users
extend the toolkit without touching code. ``resource_path`` finds a file, ``read_csv`` and
``read_lines`` load it (comments start with ``#``), and ``resources_digest`` hashes them all
for cache keys.

Example:
    >>> from ecoanalysis.resources import read_csv
    >>> "pm25" in set(read_csv("indicators.csv")["id"])
    True
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import pandas as pd

RESOURCE_DIR = Path(__file__).with_name("resources")


def resource_path(name: str) -> Path:
    """Absolute path of a shipped resource file."""
    path = RESOURCE_DIR / name
    if not path.exists():
        raise FileNotFoundError(f"resource {name!r} not found in {RESOURCE_DIR}")
    return path


@lru_cache(maxsize=None)
def _read_csv_cached(path: str, mtime: float) -> pd.DataFrame:
    sep = "\t" if path.endswith(".tsv") else ","
    return pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False, encoding="utf-8-sig",
                       quoting=3 if sep == "\t" else 0)


def read_csv(name_or_path) -> pd.DataFrame:
    """Load a resource CSV (or TSV, for regex-bearing tables) as strings (empty cells are ``""``). Rows whose first cell starts with ``# `` are comments."""
    path = Path(name_or_path)
    if not path.is_absolute() and not path.exists():
        path = resource_path(str(name_or_path))
    df = _read_csv_cached(str(path), path.stat().st_mtime)
    first = df.columns[0]
    return df[~df[first].str.match(r"#\s")].reset_index(drop=True).copy()


def read_lines(name_or_path) -> list[str]:
    """Non-empty, non-comment lines of a resource text file, stripped."""
    path = Path(name_or_path)
    if not path.is_absolute() and not path.exists():
        path = resource_path(str(name_or_path))
    out = []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


def resources_digest() -> str:
    """SHA-256 over every resource file's name and bytes: part of every cache key."""
    h = hashlib.sha256()
    for path in sorted(RESOURCE_DIR.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            h.update(path.relative_to(RESOURCE_DIR).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()
