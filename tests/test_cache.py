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
