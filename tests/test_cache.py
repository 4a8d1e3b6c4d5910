"""The cache's code digest (kept per process while no file changes) and its table encoding."""
from __future__ import annotations

import os
import time

import numpy as np
import pandas as pd

from ecoanalysis import cache


def _age(path, seconds=60):
    t = time.time() - seconds
    os.utime(path, (t, t))


def test_digest_follows_an_overlay_file_edited_in_place(tmp_path, monkeypatch):
    overlay = tmp_path / "overlay"
    overlay.mkdir()
    f = overlay / "stopwords.txt"
    f.write_text("甲乙\n", encoding="utf-8")
    _age(f)
    monkeypatch.setenv("ECOANALYSIS_RESOURCES", str(overlay))
    first = cache.code_digest()
    assert cache.code_digest() == first  # unchanged files: the same digest
    # same size, and the modification time put back: the content still counts
    f.write_text("丙丁\n", encoding="utf-8")
    _age(f)
    assert cache.code_digest() != first
    monkeypatch.delenv("ECOANALYSIS_RESOURCES")
    assert cache.code_digest() not in (first,)


def test_digest_of_a_just_written_file_is_not_trusted_from_memory(tmp_path, monkeypatch):
    overlay = tmp_path / "overlay"
    overlay.mkdir()
    f = overlay / "stopwords.txt"
    monkeypatch.setenv("ECOANALYSIS_RESOURCES", str(overlay))
    seen = set()
    for word in ("甲乙\n", "丙丁\n", "戊己\n"):  # rewritten within the clock's resolution
        f.write_text(word, encoding="utf-8")
        seen.add(cache.code_digest())
    assert len(seen) == 3


def test_encoded_missing_values_are_null_for_every_nullable_dtype():
    df = pd.DataFrame({
        "s": pd.Series(["甲", None, "丙"], dtype="string"),
        "i": pd.Series([1, None, 3], dtype="Int64"),
        "b": pd.Series([True, None, False], dtype="boolean"),
        "f": np.array([1.5, np.nan, 2.0]),
        "o": pd.Series(["x", None, 3], dtype=object),
    })
    enc = cache.encode_frame(df)
    cols = {name: values for name, _, values in enc["columns"]}
    assert cols["s"] == ["甲", None, "丙"]
    assert cols["i"] == [1, None, 3] and all(type(v) is int for v in cols["i"] if v is not None)
    assert cols["b"][0] is True and cols["b"][2] is False  # its missing value round-trips as NA
    assert cols["o"] == ["x", None, 3]
    back = cache.decode_frame(cache.loads(cache.dumps(enc)))
    pd.testing.assert_frame_equal(back, df)


def _encode_by_series(df):
    # the Series route encode_frame took before it read the blocks: the reference it must equal
    cols = []
    for c, s in df.items():
        dtype = str(s.dtype)
        if dtype == "object":
            values = s.tolist()
        elif dtype.startswith(("int", "uint", "float", "bool")) and not dtype[0].isupper():
            values = s.to_numpy().tolist()
        else:
            values = s.to_numpy(dtype=object, na_value=None).tolist()
        cols.append([str(c), dtype, values])
    return {"n": len(df), "columns": cols}


def _every_dtype():
    df = pd.DataFrame({
        "o": pd.Series(["x", None, 3, 4.5], dtype=object),
        "inferred": ["甲", "乙", None, "丁"],  # str in pandas 3, object in pandas 2
        "s": pd.Series(["甲", None, "丙", ""], dtype="string"),
        "i64": np.array([1, 2, 3, 4]),
        "u8": np.array([1, 2, 3, 250], dtype="uint8"),
        "f": np.array([1.5, np.nan, -0.0, 1e300]),
        "b": np.array([True, False, True, False]),
        "I": pd.Series([1, None, 3, -7], dtype="Int64"),
        "F": pd.Series([1.25, None, 3.0, np.nan], dtype="Float64"),
        "B": pd.Series([True, None, False, True], dtype="boolean"),
        "cat": pd.Categorical(["a", "b", None, "a"]),
    })
    df["added"] = df["i64"] * 2  # a second block, as stages that add a column leave it
    return df


def test_encoding_read_from_the_blocks_equals_the_series_route():
    df = _every_dtype()
    frames = [df, df.iloc[1:3], df.iloc[[3, 0]], df[df["b"]], df.iloc[:0], df[["s", "o", "i64"]]]
    try:
        import pyarrow  # noqa: F401
        frames.append(df.assign(arrow=pd.Series(["甲", None, "丙", "丁"], dtype="string[pyarrow]")))
    except ImportError:
        pass
    for f in frames:  # compared as JSON bytes: NaN is never equal to itself in a list
        assert cache.dumps(cache.encode_frame(f)) == cache.dumps(_encode_by_series(f))
        kept = f.drop(columns="cat", errors="ignore")  # no table has a categorical column; its categories are not stored
        back = cache.decode_frame(cache.loads(cache.dumps(cache.encode_frame(kept))))
        assert [str(d) for d in back.dtypes] == [str(d) for d in kept.dtypes]


def test_a_frame_with_repeated_column_names_is_encoded_column_by_column():
    df = pd.DataFrame([[1, "a", 2.5]], columns=["x", "y", "x"])
    assert cache.dumps(cache.encode_frame(df)) == cache.dumps(_encode_by_series(df))
    assert [c for c, _, _ in cache.encode_frame(df)["columns"]] == ["x", "y", "x"]
