"""Cache entries that cannot lie or run code: JSON payloads behind a verified checksum.

An entry is one file: a one-line JSON header, a newline, then the payload bytes. The header
holds the format, what the entry is (``kind``) and a SHA-256 over the format, the kind, the
package's code digest, the pandas version and the payload, so a flipped byte, a truncated file,
an entry written by other code or a planted file is detected before anything is decoded. Tables
are stored as JSON columns with their dtypes (no pickle: reading an entry never executes
anything). A bad entry is reported with one warning, removed, and the caller recomputes.

The cache folder carries a marker file (``CACHEDIR.TAG``, the standard cache-directory tag
plus a line naming this package); ``ecoanalysis cache clear`` removes only a folder carrying it.

Example:
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "e.json"
    >>> _ = write_entry(p, b'{"a": 1}', kind="demo")
    >>> read_entry(p, kind="demo")
    b'{"a": 1}'
    >>> _ = p.write_bytes(p.read_bytes().replace(b'"a": 1', b'"a": 2'))
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as w:
    ...     warnings.simplefilter("always")
    ...     read_entry(p, kind="demo"), len(w), p.exists()
    (None, 1, False)
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
import json
import os
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

FORMAT = "ecoanalysis-cache/2"
MARKER = "CACHEDIR.TAG"
MARKER_TEXT = ("Signature: 8a477f597d28d172789f06886806bc55\n"
               "# This file is a cache directory tag created by ecoanalysis.\n"
               "# For information about cache directory tags see https://bford.info/cachedir/\n")


class CacheWarning(UserWarning):
    """A cache entry failed verification and was discarded (it is recomputed)."""


def _tree_signature(folder) -> tuple:
    """``(path, mtime_ns, size)`` of every file under ``folder`` (``__pycache__`` skipped), sorted."""
    out = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        for f in files:
            path = os.path.join(root, f)
            try:
                st = os.stat(path)
            except OSError:
                continue
            out.append((path, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_size))
    return tuple(sorted(out))


def code_digest() -> str:
    """Hash of the package's source and resources: a cache entry is stale when either changes.

    Every cache lookup and write needs it (four times per document), and hashing the sources
    and the gazetteer costs ~3 ms, so the hash is kept per process for as long as no file of the
    package or of the resource overlay changes name, size or modification time.
    """
    from .resources import overlay_dir

    pkg = Path(__file__).parent
    ov = overlay_dir()
    signature = (_tree_signature(pkg), str(ov) if ov is not None else None,
                 _tree_signature(ov) if ov is not None and ov.is_dir() else ())
    # a file changed in the last two seconds may change again within the clock's resolution
    # with the same size and time (git's "racy" case): hash afresh instead of trusting the key
    recent = time.time_ns() - 2_000_000_000
    if any(f[1] >= recent or f[2] >= recent for tree in (signature[0], signature[2]) for f in tree):
        return _code_digest.__wrapped__(signature)
    return _code_digest(signature)


@lru_cache(maxsize=4)
def _code_digest(signature: tuple) -> str:
    # keyed by the files' signature: an edited source or lexicon is a new key, hashed afresh
    from . import __version__
    from .resources import resources_digest

    h = hashlib.sha256(__version__.encode())
    pkg = Path(__file__).parent
    for p in sorted(pkg.rglob("*.py")):
        h.update(p.relative_to(pkg).as_posix().encode())
        h.update(p.read_bytes())
    h.update(resources_digest().encode())
    return h.hexdigest()


def env_digest() -> str:
    """What every entry depends on besides its own content: the code and the pandas version."""
    return hashlib.sha256(f"{FORMAT}\0{code_digest()}\0{pd.__version__}".encode()).hexdigest()


def _checksum(kind: str, payload: bytes, env: str | None = None) -> str:
    h = hashlib.sha256(f"{FORMAT}\0{kind}\0{env or env_digest()}\0".encode())
    h.update(payload)
    return h.hexdigest()


def write_entry(path, payload: bytes, *, kind: str, env: str | None = None) -> Path:
    """Write ``payload`` behind a checksummed header, atomically (raises OSError on failure).

    ``env``: :func:`env_digest`, when the caller already has it (one per document, not one per entry)."""
    from .writers import atomic_write_bytes

    header = json.dumps({"format": FORMAT, "kind": kind, "bytes": len(payload),
                         "sha256": _checksum(kind, payload, env)}, sort_keys=True).encode()
    # no fsync: an entry torn by a power cut fails its checksum and is recomputed
    return atomic_write_bytes(path, header + b"\n" + payload, durable=False)


def read_entry(path, *, kind: str, env: str | None = None) -> bytes | None:
    """The verified payload of an entry, or None when it is missing or bad (bad: one warning, removed).

    ``env``: :func:`env_digest`, when the caller already has it."""
    path = Path(path)
    try:
        with open(path, "rb") as fh:
            head = fh.readline(4096)  # the header is short; reading apart saves copying the payload
            payload = fh.read()
    except OSError:
        return None
    try:
        header = json.loads(head) if head.endswith(b"\n") else None
        ok = (isinstance(header, dict) and header.get("format") == FORMAT and header.get("kind") == kind
              and header.get("bytes") == len(payload) and header.get("sha256") == _checksum(kind, payload, env))
    except ValueError:
        ok = False
    if not ok:
        discard(path, "its checksum does not match its content")
        return None
    return payload


def discard(path, why: str) -> None:
    """Warn once about a bad entry and remove it, so the next run does not warn again."""
    warnings.warn(f"cache entry {path} discarded and recomputed: {why}", CacheWarning, stacklevel=3)
    try:
        os.unlink(path)
    except OSError:
        pass


# ---------------------------------------------------------------- tables as JSON


def _default(value):
    if isinstance(value, np.generic):
        return value.item()
    if value is pd.NA:
        return {"$na": 1}
    raise TypeError(f"a cache entry cannot hold {type(value).__name__}")


def _hook(d):
    return pd.NA if d == {"$na": 1} else d


def encode_frame(df: pd.DataFrame) -> dict:
    """A DataFrame as plain JSON-able columns with their dtypes (see :func:`decode_frame`)."""
    cols = []
    for c, dt, arr in _column_arrays(df):
        dtype = str(dt)
        if dtype in ("object",) or (dtype.startswith(("int", "uint", "float", "bool")) and not dtype[0].isupper()):
            values = arr.tolist()  # what Series.tolist and to_numpy().tolist give: Python scalars, NaN kept
        else:  # nullable and string dtypes: missing values (NaN, pd.NA) become null
            # (one conversion in C: a list and a mask walked in Python cost five times as much)
            values = arr.to_numpy(dtype=object, na_value=None).tolist()
        cols.append([str(c), dtype, values])
    return {"n": len(df), "columns": cols}


def _column_arrays(df: pd.DataFrame):
    """``(name, dtype, values)`` per column: a NumPy array for NumPy dtypes, else the extension array.

    Read from the frame's blocks (``DataFrame._get_column_array``, read-only use): a Series per
    column, as ``df.items()`` builds, cost 0.8 of the 1.2 ms that encoding a report's tables took.
    Where that private method is missing, or the columns are not unique, the Series route is taken.
    """
    get = getattr(df, "_get_column_array", None)
    if get is None or not df.columns.is_unique:
        for c, s in df.items():
            yield c, s.dtype, (s.to_numpy() if isinstance(s.dtype, np.dtype) else s.array)
        return
    for i, c in enumerate(df.columns):
        arr = get(i)
        dt = arr.dtype  # the column's dtype (``df.dtypes`` would build a Series)
        if isinstance(dt, np.dtype) and not isinstance(arr, np.ndarray):
            arr = np.asarray(arr)  # a NumPy dtype held in an extension array (datetimes): as Series.to_numpy
        yield c, dt, arr


@lru_cache(maxsize=64)
def dtype_of(name: str):
    return pd.api.types.pandas_dtype(name)


def decode_frame(obj: dict) -> pd.DataFrame:
    """Inverse of :func:`encode_frame`; raises ValueError when the stored columns do not fit."""
    n = obj["n"]
    data = {}
    for name, dtype, values in obj["columns"]:
        if len(values) != n:
            raise ValueError("column length mismatch")
        dt = dtype_of(dtype)
        if isinstance(dt, np.dtype):
            if dt == object:
                arr = np.empty(n, dtype=object)
                arr[:] = values
            else:
                arr = np.array(values, dtype=dt)
        else:
            arr = pd.array(values, dtype=dt)
        if arr.dtype != dt:
            raise ValueError(f"column {name!r} came back as {arr.dtype}, stored as {dtype}")
        data[name] = arr
    if not data:
        return pd.DataFrame(index=pd.RangeIndex(n))
    return pd.DataFrame(data, copy=False)


def dumps(obj) -> bytes:
    """JSON bytes (UTF-8, NaN allowed for float columns); raises TypeError for unsupported values."""
    return json.dumps(obj, ensure_ascii=False, default=_default, separators=(",", ":")).encode("utf-8", "surrogatepass")


def loads(payload: bytes):
    return json.loads(payload.decode("utf-8", "surrogatepass"), object_hook=_hook)


# ---------------------------------------------------------------- the cache folder


def has_marker(folder) -> bool:
    """True when ``folder`` carries this package's cache marker."""
    try:
        text = (Path(folder) / MARKER).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return text.startswith("Signature: 8a477f597d28d172789f06886806bc55") and "ecoanalysis" in text


def _looks_like_cache(folder: Path) -> bool:
    # a cache of an earlier version (no marker yet): only two-hex-digit folders and corpus/
    try:
        names = os.listdir(folder)
    except OSError:
        return False
    hexdigits = set("0123456789abcdef")
    return all((len(n) == 2 and set(n) <= hexdigits) or n == "corpus" or n.startswith(".") for n in names)


def prepare_cache_dir(folder) -> Path | None:
    """The cache folder, marked as ours; None (caching off, one warning) when it is someone else's folder.

    A folder that is new, empty, already marked, or laid out like an earlier cache is used and
    marked; a folder with other content is not written into, so ``cache clear`` can never be
    pointed at user files by a run.
    """
    folder = Path(folder)
    if has_marker(folder):
        return folder
    if folder.exists() and not (folder.is_dir() and _looks_like_cache(folder)):
        warnings.warn(f"{folder} holds files that are not an ecoanalysis cache; running without the cache",
                      CacheWarning, stacklevel=3)
        return None
    try:
        from .writers import atomic_write_bytes

        atomic_write_bytes(folder / MARKER, MARKER_TEXT.encode())
    except OSError:
        pass  # a read-only cache folder is read from, not written to
    return folder
