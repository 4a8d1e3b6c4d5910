"""Domain knowledge shipped as editable data files in ``ecoanalysis/resources/``, and the user's
overlay folder layered over them.

Every lexicon, catalog and table the pipeline uses lives there as CSV/TSV or plain text, so users
extend the toolkit without touching code. ``resource_path`` finds a file, ``read_csv`` and
``read_lines`` load it (comments start with ``#``), and ``resources_digest`` hashes them all
for cache keys.

**Overlay.** A folder named by ``$ECOANALYSIS_RESOURCES`` (or ``read_corpus(resources=…)``,
``ecoanalysis … --resources DIR``) holds files with the same names as the shipped ones; the way
spaCy layers a language's data over its base, each adds to the base file:

* a CSV/TSV whose first column is unique in the base (``indicators.csv`` by ``id``,
  ``units.csv`` by ``unit_text`` …): an overlay row with an existing key replaces that row, the
  other rows are added at the end; in a lexicon whose first column repeats (``topics.csv``,
  ``problem_themes.csv``, ``extract_cues.tsv`` …) every overlay row is added before the shipped
  ones, so that it wins where the first matching row decides;
* a text file (``stopwords.txt``, ``userdict.txt``): its lines are added;
* an overlay file whose first line is ``# replace`` replaces the base file; a file the base
  does not have is used as it is.

Example:
    >>> from ecoanalysis.resources import read_csv
    >>> "pm25" in set(read_csv("indicators.csv")["id"])
    True
"""
from __future__ import annotations

import hashlib
import os
import sys
from functools import lru_cache
from pathlib import Path

import pandas as pd

RESOURCE_DIR = Path(__file__).with_name("resources")
OVERLAY_ENV = "ECOANALYSIS_RESOURCES"
_REPLACE = "# replace"


def overlay_dir() -> Path | None:
    """The user's overlay folder (``$ECOANALYSIS_RESOURCES``), or None."""
    v = os.environ.get(OVERLAY_ENV, "").strip()
    return Path(v).expanduser() if v else None


def use_overlay(folder) -> None:
    """Layer ``folder`` (None: no overlay) over the shipped resources from now on, in this process
    and in the workers it starts; every loader reads its files again."""
    if folder is None:
        os.environ.pop(OVERLAY_ENV, None)
    else:
        folder = Path(folder).expanduser().resolve()
        if not folder.is_dir():
            raise FileNotFoundError(f"resources overlay {folder} is not a folder")
        os.environ[OVERLAY_ENV] = str(folder)
    reset_caches()


def reset_caches() -> None:
    """Forget every loaded lexicon (each loader is an lru_cache over the resource files)."""
    for name, mod in list(sys.modules.items()):
        if name == "ecoanalysis" or name.startswith("ecoanalysis."):
            for obj in list(vars(mod).values()):
                if callable(getattr(obj, "cache_clear", None)):
                    obj.cache_clear()


def _replaces(path: Path) -> bool:
    with open(path, encoding="utf-8-sig") as f:
        return f.readline().strip().lower() == _REPLACE


def resource_paths(name: str) -> list[Path]:
    """The files that make up resource ``name``: the shipped one, then the overlay's (if any);
    only the overlay's when it starts with ``# replace`` or the base has no such file."""
    base = RESOURCE_DIR / name
    ov_dir = overlay_dir()
    ov = ov_dir / name if ov_dir is not None else None
    paths = [base] if base.exists() else []
    if ov is not None and ov.is_file():
        paths = [ov] if (not paths or _replaces(ov)) else paths + [ov]
    if not paths:
        raise FileNotFoundError(f"resource {name!r} not found in {RESOURCE_DIR}"
                                + (f" nor in the overlay {ov_dir}" if ov_dir else ""))
    return paths


def resource_path(name: str) -> Path:
    """Absolute path of a resource file: the shipped one, or the overlay's when it replaces it or
    the base has none (``resource_paths`` lists every file that makes up the resource)."""
    return resource_paths(name)[0]


@lru_cache(maxsize=None)
def _read_csv_cached(path: str, mtime: float) -> pd.DataFrame:
    sep = "\t" if path.endswith(".tsv") else ","
    df = pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False, encoding="utf-8-sig",
                     quoting=3 if sep == "\t" else 0)
    first = df.columns[0]
    return df[~df[first].str.match(r"#\s")].reset_index(drop=True)


def _merge(base: pd.DataFrame, extra: pd.DataFrame) -> pd.DataFrame:
    extra = extra.reindex(columns=list(base.columns) + [c for c in extra.columns if c not in base.columns],
                          fill_value="")
    base = base.reindex(columns=extra.columns, fill_value="")
    key = base.columns[0]
    if base[key].is_unique:  # a catalog: an overlay row with a known key replaces it
        known = dict(zip(base[key], range(len(base))))
        base = base.copy()
        new = []
        for row in extra.itertuples(index=False):
            i = known.get(row[0])
            if i is None:
                new.append(row)
            else:
                base.iloc[i] = list(row)
        extra = pd.DataFrame(new, columns=extra.columns)
        return pd.concat([base, extra], ignore_index=True)
    # a lexicon: the overlay's rows come first, so they win where the first match decides
    return pd.concat([extra, base], ignore_index=True)


def read_csv(name_or_path) -> pd.DataFrame:
    """Load a resource CSV (or TSV, for regex-bearing tables) as strings (empty cells are ``""``),
    the overlay layered over it. Rows whose first cell starts with ``# `` are comments."""
    path = Path(name_or_path)
    if path.is_absolute() or (path.exists() and not (RESOURCE_DIR / str(name_or_path)).exists()):
        paths = [path]
    else:
        paths = resource_paths(str(name_or_path))
    df = None
    for p in paths:
        part = _read_csv_cached(str(p), p.stat().st_mtime)
        df = part if df is None else _merge(df, part)
    return df.reset_index(drop=True).copy()


def read_lines(name_or_path) -> list[str]:
    """Non-empty, non-comment lines of a resource text file (base, then overlay), stripped."""
    path = Path(name_or_path)
    if path.is_absolute() or (path.exists() and not (RESOURCE_DIR / str(name_or_path)).exists()):
        paths = [path]
    else:
        paths = resource_paths(str(name_or_path))
    out = []
    for p in paths:
        for line in p.read_text(encoding="utf-8-sig").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                out.append(line)
    return out


CN_NUMERALS = "一二三四五六七八九十"  # what ``{CN}`` stands for in numbering.tsv


def _numbering_rows() -> list:
    import re

    out = []
    for r in read_csv("numbering.tsv").itertuples(index=False):
        flags = 0
        for f in r.flags.upper():
            flags |= {"M": re.MULTILINE, "I": re.IGNORECASE, "S": re.DOTALL}[f]
        out.append((r.name, r.role, r.family, r.rank, re.compile(r.pattern.replace("{CN}", CN_NUMERALS), flags)))
    return out


@lru_cache(maxsize=1)
def numbering() -> dict:
    """Outline-numbering patterns of ``numbering.tsv`` by name, compiled (``{CN}`` expanded).

    >>> bool(numbering()["line_cn"].match("二、水环境"))
    True
    """
    return {name: rx for name, _role, _fam, _rank, rx in _numbering_rows()}


@lru_cache(maxsize=1)
def heading_styles() -> tuple:
    """The heading styles segment tries at a line start, in file order: ``(family, rank, regex)``
    for every ``numbering.tsv`` row with role ``line`` (rank: conventional depth, 0 outermost).

    >>> [f for f, _, _ in heading_styles()][:3]
    ['chapter', 'cn', 'cn_paren']
    """
    rows = [(fam, int(rank), rx) for _n, role, fam, rank, rx in _numbering_rows() if role == "line"]
    ranks: dict = {}
    for fam, rank, _ in rows:
        if ranks.setdefault(fam, rank) != rank:
            raise ValueError(f"numbering.tsv: style {fam!r} has two ranks ({ranks[fam]} and {rank})")
    return tuple(rows)


def resources_digest() -> str:
    """SHA-256 over every resource file's name and bytes, the overlay's included: part of every
    cache key, so editing a lexicon (or pointing at another overlay) reprocesses the corpus."""
    h = hashlib.sha256()
    folders = [("", RESOURCE_DIR)]
    ov = overlay_dir()
    if ov is not None and ov.is_dir():
        folders.append(("overlay/", ov))
    for prefix, folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                h.update((prefix + path.relative_to(folder).as_posix()).encode())
                h.update(path.read_bytes())
    return h.hexdigest()
