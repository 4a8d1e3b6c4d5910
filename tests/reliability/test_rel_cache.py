"""The cache cannot lie or crash: every damaged entry is caught, discarded with one warning and
recomputed, and the tables come out byte-identical to a run without a cache.

Entries are checksummed JSON (``ecoanalysis.cache``); before this, per-document entries were
pickles read unchecked (a changed float passed, a flipped byte could segfault, a planted pickle
ran code) and the corpus-level CSV copies were copied into the outputs unverified.
"""
from __future__ import annotations

import pickle
import shutil
import warnings
from pathlib import Path

import pytest
from _util import read, run_cli, small_corpus, tables

from ecoanalysis.cache import CacheWarning, has_marker, read_entry
from ecoanalysis.corpus import read_corpus


def run(folder, cache, out):
    """One corpus run in this process; returns (tables' bytes, cache warnings)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        c = read_corpus(folder, jobs=1, cache=cache)
        c.to_dir(out)
    return tables(out), [w for w in caught if issubclass(w.category, CacheWarning)]


@pytest.fixture(scope="module")
def warm(tmp_path_factory):
    """A corpus of two sample reports, its tables without a cache, and a warm cache of it."""
    base = tmp_path_factory.mktemp("cache")
    folder = small_corpus(base / "r", 2)
    reference, _ = run(folder, None, base / "ref")
    cache = base / "cache"
    cold, w = run(folder, cache, base / "cold")
    assert cold == reference and not w
    return {"base": base, "folder": folder, "reference": reference, "cache": cache}


@pytest.fixture
def cache(warm, tmp_path):
    """A private copy of the warm cache (each test damages its own)."""
    c = tmp_path / "cache"
    shutil.copytree(warm["cache"], c)
    return c


def doc_entries(cache: Path) -> list[Path]:
    return sorted(p for p in cache.glob("??/*.json") if not p.name.endswith(".texts.json"))


def drop_corpus_entries(cache: Path):
    """Make the next run read the per-document entries (the whole-corpus entry would answer first)."""
    for p in (cache / "corpus").glob("*.corpus.json"):
        p.unlink()


def flip(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1:]


def change_a_float(data: bytes) -> bytes:
    """Change the first stored figure value (a valid JSON number, so only the checksum can tell)."""
    i = data.index(b'["value","float64",[') + len(b'["value","float64",[')
    j = i
    while data[j:j + 1] not in (b",", b"]"):
        j += 1
    assert data[i:j] != b"999.0"
    return data[:i] + b"999.0" + data[j:]


class Planted:
    """Unpickling this runs code: it creates the file named in ``flag``."""

    def __init__(self, flag):
        self.flag = str(flag)

    def __reduce__(self):
        return (open, (self.flag, "w"))


VARIANTS = {
    "one_flipped_byte": lambda d, tmp: flip(d, len(d) // 2),
    "flipped_header_byte": lambda d, tmp: flip(d, 10),
    "truncated": lambda d, tmp: d[: len(d) // 2],
    "empty": lambda d, tmp: b"",
    "header_only": lambda d, tmp: d.split(b"\n", 1)[0] + b"\n",
    "changed_float": lambda d, tmp: change_a_float(d),
    "planted_pickle": lambda d, tmp: pickle.dumps(Planted(tmp / "pwned")),
    "random_bytes": lambda d, tmp: bytes(range(256)) * 40,
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_damaged_document_entry_is_recomputed(warm, cache, tmp_path, variant):
    entries = doc_entries(cache)
    assert len(entries) == 2, "one entry per report"
    victim = entries[0]
    victim.write_bytes(VARIANTS[variant](victim.read_bytes(), tmp_path))
    drop_corpus_entries(cache)
    out, caught = run(warm["folder"], cache, tmp_path / "out")
    assert out == warm["reference"], [n for n in out if out[n] != warm["reference"].get(n)]
    assert len(caught) == 1 and victim.name in str(caught[0].message), [str(w.message) for w in caught]
    assert not (tmp_path / "pwned").exists(), "a planted cache entry ran code"
    assert read_entry(victim, kind="document") is not None, "the recomputed entry is stored again"
    drop_corpus_entries(cache)
    again, caught = run(warm["folder"], cache, tmp_path / "again")
    assert again == warm["reference"] and not caught


@pytest.mark.parametrize("damage", ["flip", "truncate", "drop_rows"])
def test_damaged_kept_csv_is_not_copied_into_the_outputs(warm, cache, tmp_path, damage):
    kept = sorted((cache / "corpus").glob("*.reports.csv"))
    assert len(kept) == 1
    data = kept[0].read_bytes()
    if damage == "flip":
        data = flip(data, len(data) - 40)
    elif damage == "truncate":
        data = data[: len(data) * 2 // 3]
    else:  # a well-formed CSV with one report less: only a checksum can tell
        head, body = data.split(b"\n", 1)
        data = head + b"\n" + b"\n".join(body.split(b"\n")[:-2]) + b"\n"
    kept[0].write_bytes(data)
    out, caught = run(warm["folder"], cache, tmp_path / "out")
    assert out == warm["reference"], [n for n in out if out[n] != warm["reference"].get(n)]
    assert len(caught) == 1, [str(w.message) for w in caught]
    again, caught = run(warm["folder"], cache, tmp_path / "again")
    assert again == warm["reference"] and not caught


@pytest.mark.parametrize("suffix", [".corpus.json", ".clusters.json"])
def test_damaged_corpus_level_entry_is_recomputed(warm, cache, tmp_path, suffix):
    entries = sorted((cache / "corpus").glob(f"*{suffix}"))
    assert len(entries) == 1
    data = entries[0].read_bytes()
    entries[0].write_bytes(flip(data, len(data) * 3 // 4))
    if suffix == ".clusters.json":
        drop_corpus_entries(cache)  # clusters are read when the corpus is rebuilt from its documents
    out, caught = run(warm["folder"], cache, tmp_path / "out")
    assert out == warm["reference"]
    assert len(caught) == 1, [str(w.message) for w in caught]


def test_damaged_texts_entry_gives_the_true_text(warm, cache, tmp_path):
    fresh = read_corpus(warm["folder"], jobs=1, cache=False)
    doc_id = fresh.doc_ids[0]
    truth = fresh.text(doc_id)
    texts = sorted(cache.glob("??/*.texts.json"))
    assert len(texts) == 2
    for t in texts:
        data = t.read_bytes()
        t.write_bytes(data.replace("环境".encode(), "坏境".encode()))  # valid JSON, wrong text
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        c = read_corpus(warm["folder"], jobs=1, cache=cache)
        assert c.text(doc_id) == truth
    assert any(issubclass(w.category, CacheWarning) for w in caught)


def test_cache_folder_carries_a_marker(warm):
    assert has_marker(warm["cache"])
    assert not list(warm["cache"].rglob("*.pkl")), "no pickles in the cache"


def test_cache_clear_removes_only_a_marked_cache(warm, tmp_path):
    user = tmp_path / "my-documents"
    user.mkdir()
    (user / "thesis.docx").write_bytes(b"precious")
    proc = run_cli("cache", "clear", "--cache-dir", user)
    assert proc.returncode == 2 and "not an ecoanalysis cache" in proc.stderr, proc.stderr
    assert (user / "thesis.docx").read_bytes() == b"precious"
    real = tmp_path / "cache"
    shutil.copytree(warm["cache"], real)
    proc = run_cli("cache", "clear", "--cache-dir", real)
    assert proc.returncode == 0, proc.stderr
    assert not real.exists()


def test_a_user_folder_given_as_cache_is_not_written_into(warm, tmp_path):
    user = tmp_path / "my-documents"
    user.mkdir()
    (user / "notes.txt").write_text("mine", encoding="utf-8")
    out, caught = run(warm["folder"], user, tmp_path / "out")
    assert out == warm["reference"]
    assert sorted(p.name for p in user.iterdir()) == ["notes.txt"]
    assert len(caught) == 1 and "not an ecoanalysis cache" in str(caught[0].message)


def test_path_column_follows_a_moved_corpus(warm, cache, tmp_path):
    moved = tmp_path / "moved" / "reports"
    shutil.copytree(warm["folder"], moved)
    (moved / "empty.txt").write_bytes(b"")  # an errors row carries a path too
    run(moved, cache, tmp_path / "first")  # caches the empty file's error row at this place
    again = tmp_path / "again" / "reports"
    shutil.move(str(moved), str(again))
    out, caught = run(again, cache, tmp_path / "out")
    assert not caught
    reports, errors = read(tmp_path / "out", "reports"), read(tmp_path / "out", "errors")
    assert len(reports) == 2
    for p in list(reports.path) + list(errors.path):
        assert Path(p).parent == again, p
        assert Path(p).exists(), p
