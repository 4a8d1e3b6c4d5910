"""Files that cannot sink a run: links, loops, pipes, unreadable files and folders, file names
that are not UTF-8 — each gets an ``errors`` row with its reason and the other reports are read.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from _util import SAMPLES, permissions_apply, read, report_text, run_cli, small_corpus

SECRET = "绝密市生态环境局2022年上半年工作总结\n一、环境质量\n空气优良天数321天，优良率为88.8%。\n"


def _errors_by_name(out: Path) -> dict:
    errors = read(out, "errors")
    return {Path(p).name: (stage, code, msg) for p, stage, code, msg in
            zip(errors.path, errors.stage, errors.error, errors.message)}


@pytest.fixture(scope="module")
def linked(tmp_path_factory):
    base = tmp_path_factory.mktemp("links")
    folder = small_corpus(base / "r", 1)
    (base / "outside").mkdir()
    (base / "outside" / "secret.txt").write_text(SECRET, encoding="utf-8")
    (folder / "sub").mkdir()
    (folder / "sub" / "inner.txt").write_text(report_text(1), encoding="utf-8")
    os.symlink(base / "outside" / "secret.txt", folder / "leak.txt")       # leaves the corpus
    os.symlink(base / "outside", folder / "leakdir")                        # a folder outside
    os.symlink("/etc/passwd", folder / "passwd.txt")
    os.symlink("sub/inner.txt", folder / "alias.txt")                       # stays inside: followed
    os.symlink("loop_b.txt", folder / "loop_a.txt")                         # a → b → a
    os.symlink("loop_a.txt", folder / "loop_b.txt")
    os.symlink("nowhere.txt", folder / "dangling.txt")
    os.symlink("..", folder / "sub" / "up")                                 # a folder loop
    os.mkfifo(folder / "pipe.txt")                                          # would block a reader forever
    runs = {}
    for mode in ("--no-cache", "cache"):
        out = base / f"out-{mode.strip('-')}"
        extra = ["--no-cache"] if mode == "--no-cache" else ["--cache-dir", base / "cache"]
        proc = run_cli("extract", folder, "--out", out, "-j", "1", *extra, timeout=300)
        runs[mode] = (proc, out)
    return {"folder": folder, "runs": runs}


@pytest.mark.parametrize("mode", ["--no-cache", "cache"])
def test_links_loops_and_pipes_get_error_rows(linked, mode):
    proc, out = linked["runs"][mode]
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr
    errors = _errors_by_name(out)
    expect = {"leak.txt": "outside_corpus", "leakdir": "outside_corpus", "passwd.txt": "outside_corpus",
              "loop_a.txt": "symlink_loop", "loop_b.txt": "symlink_loop", "dangling.txt": "dangling_link",
              "up": "symlink_loop", "pipe.txt": "not_a_file"}
    got = {name: errors.get(name, (None, None, None))[1] for name in expect}
    assert got == expect, errors
    assert all(len(errors[n][2]) > 15 for n in expect)
    reports = read(out, "reports")
    assert sorted(Path(p).name for p in reports.path) == sorted([SAMPLES[0].name,
                                                                 "inner.txt", "alias.txt"])


@pytest.mark.parametrize("mode", ["--no-cache", "cache"])
def test_nothing_from_outside_the_corpus_reaches_a_table(linked, mode):
    _, out = linked["runs"][mode]
    for p in out.glob("*.csv"):
        text = p.read_text(encoding="utf-8-sig")
        assert "绝密" not in text and "321天" not in text, p.name
        assert "root:x:0:0" not in text, p.name


def _gbk_name_corpus(base: Path) -> tuple[Path, bytes]:
    folder = small_corpus(base / "r", 1)
    name = "报告（终稿）.txt".encode("gbk")  # what unzip gives for an archive made on Chinese Windows
    with open(os.path.join(os.fsencode(folder), name), "wb") as fh:
        fh.write(report_text(1).encode("utf-8"))
    return folder, name


@pytest.mark.parametrize("cache", [False, True])
def test_file_name_that_is_not_utf8(tmp_path, cache):
    folder, name = _gbk_name_corpus(tmp_path)
    extra = ["--cache-dir", tmp_path / "cache"] if cache else ["--no-cache"]
    for _ in range(2 if cache else 1):  # cold, then warm
        proc = run_cli("extract", folder, "--out", tmp_path / "out", "-j", "1", *extra)
        assert proc.returncode == 0, proc.stderr[-3000:]
        assert "Traceback" not in proc.stderr
        reports = read(tmp_path / "out", "reports")
        assert len(reports) == 2
        escaped = name[:-4].decode("utf-8", "backslashreplace")  # \xb1\xa8… readable, and reversible
        assert escaped in set(reports.doc_id), reports.doc_id.tolist()
        assert any(p.endswith(name.decode("utf-8", "backslashreplace")) for p in reports.path)
        import hashlib

        row = reports[reports.doc_id == escaped].iloc[0]
        assert row.sha256 == hashlib.sha256(report_text(1).encode("utf-8")).hexdigest()
        assert int(row.n_sections) > 3


def test_metadata_override_with_a_folder_applies_to_that_file_only(tmp_path):
    folder = tmp_path / "r"
    for sub in ("sub1", "sub2"):
        (folder / sub).mkdir(parents=True)
        (folder / sub / "a.txt").write_text(report_text(0), encoding="utf-8")
    (folder / "metadata.csv").write_text("file,year,city\nsub2/a.txt,2011,测试市\n", encoding="utf-8")
    proc = run_cli("extract", folder, "--out", tmp_path / "out", "--no-cache", "-j", "1")
    assert proc.returncode == 0, proc.stderr[-2000:]
    reports = read(tmp_path / "out", "reports")
    by_file = {Path(p).relative_to(folder).as_posix(): r for p, r in zip(reports.path, reports.to_dict("records"))}
    assert by_file["sub2/a.txt"]["year"] == "2011" and by_file["sub2/a.txt"]["city"] == "测试市"
    assert by_file["sub1/a.txt"]["year"] != "2011" and by_file["sub1/a.txt"]["city"] != "测试市"
    assert by_file["sub1/a.txt"]["year_source"] != "override"


@pytest.mark.skipif(not permissions_apply(), reason="file modes cannot be made to apply to this user")
@pytest.mark.parametrize("cache", [False, True])
def test_unreadable_file_and_folder_get_error_rows(tmp_path, cache):
    folder = small_corpus(tmp_path / "r", 1)
    (folder / "locked.txt").write_text(report_text(1), encoding="utf-8")
    (folder / "closed").mkdir()
    (folder / "closed" / "inside.txt").write_text(report_text(2), encoding="utf-8")
    (folder / "locked.txt").chmod(0o000)
    (folder / "closed").chmod(0o000)
    try:
        extra = ["--cache-dir", tmp_path / "cache"] if cache else ["--no-cache"]
        proc = run_cli("extract", folder, "--out", tmp_path / "out", "-j", "1", *extra, obey_modes=True)
    finally:
        (folder / "locked.txt").chmod(0o644)
        (folder / "closed").chmod(0o755)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr
    errors = _errors_by_name(tmp_path / "out")
    assert errors["locked.txt"][1] == "unreadable", errors
    assert errors["closed"][1] == "unreadable_folder", errors
    assert len(read(tmp_path / "out", "reports")) == 1


def test_list_reports_keeps_its_old_answer_for_plain_folders(tmp_path):
    from ecoanalysis.ingest import list_reports

    small_corpus(tmp_path / "r", 2)
    (tmp_path / "r" / "notes.md").write_text("x", encoding="utf-8")
    (tmp_path / "r" / ".hidden").mkdir()
    (tmp_path / "r" / ".hidden" / "x.txt").write_text("x", encoding="utf-8")
    shutil.copy(tmp_path / "r" / "notes.md", tmp_path / "r" / "metadata.csv")
    found, skipped = list_reports(tmp_path / "r")
    assert [p.name for p in found] == sorted(p.name for p in (tmp_path / "r").glob("*.txt"))
    assert [p.name for p in skipped] == ["notes.md"]
