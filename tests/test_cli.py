"""The command line: tables with BOM, errors listed, --strict, evaluate."""
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from ecoanalysis.cli import main

TABLES = ["reports", "sections", "errors", "figures", "indicators", "checks", "problems",
          "problem_clusters", "problem_plan_links", "terms", "cleaning_log", "headline"]


@pytest.fixture(scope="module")
def mixed_folder(tmp_path_factory):
    d = tmp_path_factory.mktemp("mixed")
    shutil.copy("data/reports/jiangxi_jiujiang_lushan_2022-h1.txt", d / "庐山 2022 上半年.txt")
    (d / "empty.txt").write_bytes(b"")
    (d / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (d / "notes.xlsx").write_bytes(b"\x00\x01")
    return d


@pytest.mark.slow
def test_extract_writes_every_table_with_bom_and_lists_failures(mixed_folder, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["extract", str(mixed_folder), "--out", str(out), "--no-cache", "--jobs", "1", "-q"]) == 0
    err = capsys.readouterr().err
    assert "empty.txt" in err and "broken.docx" in err
    for name in TABLES:
        raw = (out / f"{name}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), name
    reports = pd.read_csv(out / "reports.csv", encoding="utf-8-sig")
    assert reports.doc_id.tolist() == ["庐山 2022 上半年"]
    errors = pd.read_csv(out / "errors.csv", encoding="utf-8-sig")
    assert set(errors.error) == {"empty", "corrupt_docx", "unsupported_extension"}
    assert main(["extract", str(mixed_folder), "--out", str(out), "--no-cache", "--jobs", "1", "-q", "--strict"]) == 1


def test_missing_folder_is_a_usage_error(tmp_path):
    with pytest.raises(SystemExit) as exc:
        main(["extract", str(tmp_path / "nope"), "--out", str(tmp_path)])
    assert exc.value.code == 2


@pytest.mark.slow
def test_evaluate_command_scores_the_gold(tmp_path):
    import os
    import re

    env = {**os.environ, "ECOANALYSIS_CACHE": str(tmp_path / "cache")}  # never the user's cache
    out = subprocess.run([sys.executable, "-m", "ecoanalysis", "evaluate", "--gold", "tests/gold/indicators.csv",
                          "--reports", "data/reports", "--max-rows", "0"],
                         capture_output=True, text=True, timeout=600, env=env)
    assert out.returncode == 0, out.stderr
    m = re.search(r"precision ([0-9.]+)\s+recall ([0-9.]+)\s+F1 ([0-9.]+)", out.stdout)
    assert m, out.stdout[:500]
    assert float(m.group(3)) >= 0.98, out.stdout[:500]  # the samples' gold was made by reading them
    assert "pm25" in out.stdout  # the per-indicator table
    # --max-rows 0 lists no miss or false alarm line, only how many were left out
    assert not re.search(r"^  \S+ \S+ (actual|target|change) ", out.stdout, re.M), out.stdout


def test_parquet_output_or_a_clear_message(tmp_path, capsys):
    folder = tmp_path / "r"
    folder.mkdir()
    shutil.copy("data/reports/jiangxi_jiujiang_lushan_2022-h1.txt", folder / "a.txt")
    code = main(["extract", str(folder), "--out", str(tmp_path / "o"), "--format", "parquet", "--no-cache", "-q", "-j", "1"])
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        assert code == 2 and "pyarrow" in capsys.readouterr().err
    else:
        assert code == 0
        assert pd.read_parquet(tmp_path / "o" / "reports.parquet").doc_id.tolist() == ["a"]


def test_a_large_corpus_gets_one_note_about_the_dataset_format(monkeypatch, tmp_path, capsys):
    from ecoanalysis import corpus as C

    src = tmp_path / "reports"
    src.mkdir()
    for name in ("jiangxi_jiujiang_lushan_2022-h1.txt", "anonymised-city_2023-annual.txt"):
        shutil.copy(f"data/reports/{name}", src / name)
    monkeypatch.setattr(C, "IN_MEMORY_NOTE", 1)
    assert main(["extract", str(src), "--out", str(tmp_path / "a"), "--no-cache", "--jobs", "1"]) == 0
    err = capsys.readouterr().err
    assert err.count("ecoanalysis: note: 2 reports") == 1 and "--format dataset" in err
    assert "LargeCorpusWarning" not in err  # advice, not a warning with a code location
    assert main(["extract", str(src), "--out", str(tmp_path / "b"), "--no-cache", "--jobs", "1", "-q"]) == 0
    assert "note:" not in capsys.readouterr().err  # --quiet
    monkeypatch.setattr(C, "IN_MEMORY_NOTE", 2)
    assert main(["extract", str(src), "--out", str(tmp_path / "c"), "--no-cache", "--jobs", "1"]) == 0
    assert "note:" not in capsys.readouterr().err  # not above the threshold


@pytest.mark.parametrize("content,said", [
    # an evidence cell with an unquoted comma: the line and the likely cause, no traceback
    ("doc_id,indicator,kind,value,unit,evidence\na,pm25,actual,35,ug/m3,2016年,全市35微克\n",
     ["line 2", "double quotes"]),
    ("doc_id,indicator,value\na,pm25,35\n", ["no column kind"]),
    ("", ["is empty"]),
])
def test_evaluate_says_why_a_gold_file_cannot_be_read(tmp_path, capsys, content, said):
    gold = tmp_path / "gold.csv"
    gold.write_text(content, encoding="utf-8")
    pred = tmp_path / "pred.csv"
    pred.write_text("doc_id,indicator,kind,value\na,pm25,actual,35\n", encoding="utf-8")
    code = main(["evaluate", "--gold", str(gold), "--pred", str(pred)])
    err = capsys.readouterr().err
    assert code == 2
    assert str(gold) in err and all(s in err for s in said), err
    assert "Traceback" not in err


def test_evaluate_reads_the_tables_before_any_report(tmp_path, capsys):
    # a broken gold file is reported before a folder of reports is processed, not after
    gold = tmp_path / "gold.csv"
    gold.write_bytes("doc_id,indicator,kind,value\n".encode("utf-8") + b"\xff\xfe,pm25,actual,1\n")
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "a.txt").write_text("x", encoding="utf-8")
    code = main(["evaluate", "--gold", str(gold), "--reports", str(reports)])
    assert code == 2 and "not UTF-8" in capsys.readouterr().err
