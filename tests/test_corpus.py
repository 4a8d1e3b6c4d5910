"""The sample corpus end to end: metadata against a reader's notes, table contracts, provenance."""
import math

import pandas as pd
import pytest

from ecoanalysis.schema import COLUMNS

GOLD = pd.read_csv("tests/gold/metadata.csv", dtype=str, keep_default_na=False).set_index("doc_id")


def test_every_sample_is_read_without_errors(corpus):
    assert sorted(corpus.doc_ids) == sorted(GOLD.index)
    assert corpus.errors.empty, corpus.errors.to_string()


@pytest.mark.parametrize("field", ["province", "city", "county", "year", "period", "period_cutoff", "plan_year", "doc_type"])
def test_metadata_matches_what_a_reader_established(corpus, field):
    rep = corpus.reports.set_index("doc_id")
    for doc_id, gold in GOLD.iterrows():
        got = rep.loc[doc_id, field]
        got = "" if got is None or (not isinstance(got, str) and pd.isna(got)) else str(got)
        assert got == gold[field], (doc_id, field, got, gold[field])


def test_anonymised_reports_are_flagged_and_never_placed(corpus):
    rep = corpus.reports.set_index("doc_id")
    assert bool(rep.loc["anonymised-city_2023-annual", "anonymised"])
    assert bool(rep.loc["jiangxi_anonymised-county_2022-h1", "anonymised"])
    assert not bool(rep.loc["jiangxi_jiujiang_lushan_2022-h1", "anonymised"])
    assert rep.loc["jiangxi_anonymised-county_2022-h1", "province_source"] == "doc_number"
    for col in ("city", "county"):
        assert not rep.loc["jiangxi_anonymised-county_2022-h1", col]


def test_every_inferred_field_records_its_source(corpus):
    for field in ("province", "city", "county", "year", "period"):
        filled = corpus.reports[corpus.reports[field].notna() & (corpus.reports[field].astype(str) != "")]
        assert (filled[f"{field}_source"].astype(str) != "").all(), field


def test_tables_follow_their_contracts(corpus):
    for name, cols in COLUMNS.items():
        assert list(getattr(corpus, name).columns) == cols, name


def test_redaction_is_reported_not_hidden(corpus):
    share = corpus.reports.set_index("doc_id").masked_share
    # the anonymised county report redacts nearly every count; the digit-stripped one lost them all
    assert share["jiangxi_anonymised-county_2022-h1"] > 0.5
    assert share["jiangsu_zhenjiang_danyang_2020-h1"] > 0.5
    assert share["jiangxi_jiujiang_lushan_2022-h1"] < 0.1
    masked = corpus.figures[corpus.figures.masked.astype(bool)]
    assert len(masked) and masked.value.isna().all()


def test_offsets_slice_back_to_the_stated_text(corpus):
    for doc_id in corpus.doc_ids:
        text = corpus.text(doc_id)
        for r in corpus.sections[corpus.sections.doc_id == doc_id].itertuples():
            assert 0 <= r.start <= r.end <= len(text)
        first = corpus.sections[(corpus.sections.doc_id == doc_id) & (corpus.sections.level == 1)].iloc[0]
        assert corpus.section_text(first.section_id).startswith(first.marker)  # the heading's own marker
        for r in corpus.figures[corpus.figures.doc_id == doc_id].itertuples():
            assert r.value_text in text[r.start:r.end]
            assert text[r.start:r.end] in r.sentence or r.sentence in text
        for r in corpus.problems[corpus.problems.doc_id == doc_id].itertuples():
            assert text[r.start:r.end] == r.text


def test_cleaning_log_points_into_the_original(corpus):
    log = corpus.cleaning_log
    assert set(log.reason) >= {"paywall_marker", "word_bookmark", "edit_password"}
    for r in log.itertuples():
        assert corpus.original_text(r.doc_id)[r.orig_start:r.orig_end] == r.removed


def test_problems_section_missing_is_a_note_not_an_error(corpus):
    assert (corpus.problems.doc_id == "jiangxi_anonymised-county_2022-h1").sum() == 0 or \
        set(corpus.problems[corpus.problems.doc_id == "jiangxi_anonymised-county_2022-h1"].source) == {"inline"}
    assert any("jiangxi_anonymised-county_2022-h1" in n and "problems" in n for n in corpus.notes)


def test_sections_parts_cover_problems_and_plans(corpus):
    for doc_id, gold in GOLD.iterrows():
        parts = set(corpus.sections[corpus.sections.doc_id == doc_id].part)
        assert "plans" in parts
        if doc_id != "jiangxi_anonymised-county_2022-h1":
            assert "problems" in parts


def test_metadata_override(tmp_path):
    import shutil

    from ecoanalysis.corpus import read_corpus

    src = "data/reports/gansu_pingliang_2022-annual.txt"
    shutil.copy(src, tmp_path / "report.txt")
    (tmp_path / "metadata.csv").write_text("file,doc_id,county,year\nreport.txt,pl2022,华亭市,\n", encoding="utf-8")
    c = read_corpus(tmp_path, jobs=1, cache=False)
    row = c.reports.iloc[0]
    assert row.doc_id == "pl2022" and row.county == "华亭市" and row.county_source == "override"
    assert row.year == 2022 and row.year_source != "override"  # an empty cell does not override


def test_unchanged_corpus_comes_back_whole_from_the_cache(tmp_path):
    import shutil

    from ecoanalysis.corpus import TABLES, read_corpus

    folder = tmp_path / "r"
    folder.mkdir()
    for p in sorted(__import__("pathlib").Path("data/reports").glob("*.txt"))[:2]:
        shutil.copy(p, folder / p.name)
    cold = read_corpus(folder, jobs=1, cache=tmp_path / "cache")
    warm = read_corpus(folder, jobs=1, cache=tmp_path / "cache")
    assert warm._key and warm._key == cold._key
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(cold, name), getattr(warm, name))
    assert warm.text(warm.doc_ids[0]) == cold.text(cold.doc_ids[0])
    cold.to_dir(tmp_path / "a")
    warm.to_dir(tmp_path / "b")
    for p in sorted((tmp_path / "a").iterdir()):
        assert p.read_bytes() == (tmp_path / "b" / p.name).read_bytes(), p.name
    # one changed byte in one report changes the key: nothing stale comes back
    f = sorted(folder.iterdir())[0]
    f.write_text(f.read_text(encoding="utf-8") + "\n处罚金额共计12万元。", encoding="utf-8")
    changed = read_corpus(folder, jobs=1, cache=tmp_path / "cache")
    assert changed._key != cold._key
    assert changed.indicators[changed.indicators.doc_id == f.stem].value.isin([12.0]).any()


def test_a_corpus_too_large_for_memory_is_told_about_the_streamed_dataset(monkeypatch, tmp_path):
    import shutil
    import warnings

    from ecoanalysis import corpus as C

    src = sorted(p for p in __import__("pathlib").Path("data/reports").iterdir() if p.suffix == ".txt")[:3]
    for p in src:
        shutil.copy(p, tmp_path / p.name)
    monkeypatch.setattr(C, "IN_MEMORY_NOTE", 2)
    with pytest.warns(C.LargeCorpusWarning, match="--format dataset") as caught:
        c = C.read_corpus(tmp_path, jobs=1, cache=False)
    assert "3 reports" in str(caught[0].message) and len(c.reports) == 3  # still read, whole
    monkeypatch.setattr(C, "IN_MEMORY_NOTE", 3)  # at the threshold: no note
    with warnings.catch_warnings():
        warnings.simplefilter("error", C.LargeCorpusWarning)
        C.read_corpus(tmp_path, jobs=1, cache=False)
