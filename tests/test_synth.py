"""The synthetic corpus generator (benchmarks/synth.py): deterministic, and its reports parse as generated."""
from __future__ import annotations

import csv
import importlib.util
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def synth():
    spec = importlib.util.spec_from_file_location("ecoanalysis_bench_synth", ROOT / "benchmarks" / "synth.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


def _files(folder: Path) -> dict:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_deterministic_and_prefix_stable(synth, tmp_path):
    a = synth.generate(tmp_path / "a", 12, seed=7)
    b = synth.generate(tmp_path / "b", 12, seed=7)
    assert a == b
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    # report i depends only on (seed, i): a smaller corpus is a prefix of a bigger one
    small = synth.generate(tmp_path / "small", 5, seed=7)
    assert small == a[:5]
    for name, data in _files(tmp_path / "small").items():
        if name.endswith(".txt"):
            assert data == (tmp_path / "a" / name).read_bytes()
    # another seed gives another corpus
    c = synth.generate(tmp_path / "c", 12, seed=8)
    assert [r["issuer"] for r in c] != [r["issuer"] for r in a]


def test_reports_look_like_reports(synth, tmp_path):
    rows = synth.generate(tmp_path, 30, seed=0)
    manifest = list(csv.DictReader(open(tmp_path / synth.MANIFEST, encoding="utf-8")))
    assert [r["doc_id"] for r in manifest] == [r["doc_id"] for r in rows]
    sizes = [r["n_chars"] for r in rows]
    assert 1500 < sum(sizes) / len(sizes) < 15000  # sample-sized
    assert {r["period"] for r in rows} == set(synth.PERIODS)
    assert any(r["anonymised"] for r in rows) and not all(r["anonymised"] for r in rows)
    assert sum(r["n_masked"] for r in rows) > 0  # some numbers are masked
    assert len({r["city"] for r in rows if r["city"]}) > 10  # places vary
    for r in rows:
        text = (tmp_path / r["file"]).read_text(encoding="utf-8")
        assert "⟦" not in text and "⟧" not in text  # every template slot filled
        assert re.search(r"^一、", text, re.M) and re.search(r"^（一）", text, re.M)
        assert str(r["year"]) in text.split("\n")[0] + text.split("\n")[1]
        if not r["anonymised"]:
            assert (r["county"] or r["city"]) in text


def test_manifest_is_hidden_from_the_toolkit(synth, tmp_path):
    from ecoanalysis.ingest import list_reports

    synth.generate(tmp_path, 3, seed=0)
    found, skipped = list_reports(tmp_path)
    assert [p.name for p in found] == ["synth_00000.txt", "synth_00001.txt", "synth_00002.txt"]
    assert skipped == []


def test_falls_back_without_gazetteer(synth, tmp_path):
    synth._places.cache_clear()
    rows = synth.generate(tmp_path, 10, seed=3, gazetteer=tmp_path / "missing.csv")
    known = {c for _, c, _, _ in synth.FALLBACK_PLACES}
    assert all(r["city"] in known for r in rows if not r["anonymised"])


def test_metadata_recovers_what_was_generated(synth, tmp_path):
    """Year, period and plan year always; the place for (nearly) every non-anonymised report."""
    from ecoanalysis.clean import clean_text
    from ecoanalysis.ingest import read_document
    from ecoanalysis.metadata import infer_metadata

    rows = synth.generate(tmp_path, 60, seed=0)
    place_misses = []
    for r in rows:
        doc = read_document(tmp_path / r["file"])
        m = infer_metadata(clean_text(doc.text).text, doc_id=r["doc_id"])
        assert (m.get("year"), m.get("period"), m.get("plan_year")) == (r["year"], r["period"], r["plan_year"]), r
        assert bool(m.get("anonymised")) == r["anonymised"], r
        if not r["anonymised"]:
            got = (m.get("province") or "", m.get("city") or "", m.get("county") or "")
            if got != (r["province"], r["city"], r["county"]):
                place_misses.append((r["issuer"], got))
    # a few autonomous-county names (镇宁布依族苗族自治县) and two-character counties (和县) are
    # known misses of the place matcher; the generated places must otherwise come back
    assert len(place_misses) <= 3, place_misses
