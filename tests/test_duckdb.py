"""`ecoanalysis extract --format duckdb`: one database with every table and the views, queried with
SQL, gives the same headline values as ``corpus.headline``."""
import math

import pytest

duckdb = pytest.importorskip("duckdb", reason="DuckDB output needs duckdb: pip install 'ecoanalysis[duckdb]'")


def test_duckdb_file_holds_every_table_and_the_headline(corpus, tmp_path):
    from ecoanalysis.corpus import TABLES

    written = corpus.to_dir(tmp_path / "db", format="duckdb")
    assert [p.name for p in written] == ["ecoanalysis.duckdb"]
    con = duckdb.connect(str(written[0]), read_only=True)
    names = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert set(TABLES) | {"headline", "headline_by_report", "indicator_region_year"} <= names
    assert con.execute("SELECT count(*) FROM reports").fetchone()[0] == len(corpus.reports)
    sql = ("SELECT doc_id, indicator, kind, value, masked FROM headline "
           "WHERE indicator = 'pm25' ORDER BY doc_id, kind, qualifier")
    got = con.execute(sql).fetchall()
    h = corpus.headline
    h = h[h.indicator == "pm25"].sort_values(["doc_id", "kind", "qualifier"])
    want = [(r.doc_id, r.indicator, r.kind, None if math.isnan(r.value) else r.value, bool(r.masked))
            for r in h.itertuples()]
    assert [(a, b, c, None if d is None or (isinstance(d, float) and math.isnan(d)) else d, bool(e))
            for a, b, c, d, e in got] == want and want
    # the view joins each headline value to its report's place and period
    rows = con.execute("SELECT region, year, period FROM headline_by_report WHERE indicator = 'pm25'").fetchall()
    assert len(rows) == len(want) and all(r[2] for r in rows)


def test_cli_duckdb_format(tmp_path):
    from ecoanalysis.cli import main

    out = tmp_path / "o"
    assert main(["extract", "data/reports", "--out", str(out), "--format", "duckdb", "--no-cache", "-q", "-j", "1"]) == 0
    con = duckdb.connect(str(out / "ecoanalysis.duckdb"), read_only=True)
    assert con.execute("SELECT count(DISTINCT doc_id) FROM indicators").fetchone()[0] == 5
