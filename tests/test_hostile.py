"""Hostile input through the command line: nothing crashes, good files land in reports.csv,
broken ones in errors.csv with a reason, exit 0 (1 with --strict).

Fixtures are built at test time in tmp_path, except two tiny PDFs in tests/data/hostile/
(an encrypted one and an image-only "scan"; made with reportlab, see README there).
"""
from __future__ import annotations

import io
import os
import random
import shutil
import struct
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "data" / "reports"
FIXTURES = ROOT / "tests" / "data" / "hostile"
SAMPLE = REPORTS / "jiangxi_jiujiang_lushan_2022-h1.txt"


def run_cli(*args, cwd=None, timeout=600):
    env = dict(os.environ, PYTHONHASHSEED="0",
               PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.pop("ECOANALYSIS_CACHE", None)
    return subprocess.run([sys.executable, "-m", "ecoanalysis", *map(str, args)], cwd=cwd or ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout)


def read_table(out: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(out / f"{name}.csv", encoding="utf-8-sig", dtype={"doc_id": str, "path": str},
                       keep_default_na=False)


def assert_tables_complete(out: Path):
    """Every table parses, has its contract's columns, and no temporary file is left behind."""
    from ecoanalysis.schema import COLUMNS

    names = os.listdir(out)
    assert not [n for n in names if n.endswith(".tmp")], names
    for name, cols in COLUMNS.items():
        df = read_table(out, name)
        assert list(df.columns) == cols, name


def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


# ---------------------------------------------------------------- builders

def docx_bytes(text: str) -> bytes:
    import docx

    d = docx.Document()
    for line in text.split("\n"):
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def zip_declaring_huge_size(path: Path, declared: int = 2_000_000_000):
    """A small valid-looking docx whose directory claims word/document.xml expands to ``declared`` bytes."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>" * 10)
    data = bytearray(buf.getvalue())
    # patch the uncompressed size in every central-directory entry (signature PK\x01\x02, offset 24)
    i = data.find(b"PK\x01\x02")
    while i >= 0:
        struct.pack_into("<I", data, i + 24, min(declared, 0xFFFFFFFE))
        i = data.find(b"PK\x01\x02", i + 4)
    path.write_bytes(bytes(data))


def zip_really_expanding(path: Path, mb: int = 320):
    """A docx whose document.xml really expands to ``mb`` MB of zeros (a few hundred KB on disk)."""
    chunk = b"0" * (1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            for _ in range(mb):
                fh.write(chunk)


def zip_lying_small(path: Path, mb: int = 64):
    """A docx whose directory claims a tiny document.xml that actually inflates to ``mb`` MB."""
    tmp = path.with_suffix(".tmpzip")
    zip_really_expanding(tmp, mb)
    data = bytearray(tmp.read_bytes())
    tmp.unlink()
    for sig, off in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
        i = data.find(sig)
        while i >= 0:
            if struct.unpack_from("<I", data, i + off)[0] not in (0, 0xFFFFFFFF):
                struct.pack_into("<I", data, i + off, 1000)
            i = data.find(sig, i + 4)
    path.write_bytes(bytes(data))


GOOD = "good"
BROKEN = "broken"


def build_hostile_folder(folder: Path) -> dict:
    """Files and what must become of them: {relative path: (GOOD, doc_id) | (BROKEN, {codes})}."""
    folder.mkdir(parents=True, exist_ok=True)
    text = sample_text()
    expect = {}

    def put(name, data, outcome):
        p = folder / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        expect[name] = outcome

    put("good.txt", text, (GOOD, None))
    put("sub/good.txt", text, (GOOD, None))  # same stem in a subfolder: a unique doc_id
    put("gbk.txt", text.encode("gbk", "replace"), (GOOD, "gbk"))
    put("utf16.txt", text.encode("utf-16"), (GOOD, "utf16"))
    put("utf16le-nobom.txt", text.encode("utf-16-le"), (GOOD, "utf16le-nobom"))
    put("utf8-bom-crlf.txt", ("\ufeff" + text.replace("\n", "\r\n") + "\f- 2 -\f").encode("utf-8"), (GOOD, "utf8-bom-crlf"))
    put("big5-traditional.txt", "九江市廬山生態環境局2022年上半年工作總結\n一、環境質量\n空氣優良天數167天，優良率為92.2%。\n二、存在的問題\n一是監管力量不足。二是資金短缺。\n".encode("big5"),
        (GOOD, "big5-traditional"))
    put("one-line.txt", "九江市庐山生态环境局2022年上半年空气优良天数167天，优良率为92.2%，PM2.5浓度为27微克/立方米。",
        (GOOD, "one-line"))
    put("one-long-line.txt", text.replace("\n", "")[:3000] * 60, (GOOD, "one-long-line"))  # ~180k chars, no line break
    put("masked.txt", "XX县生态环境局20XX年上半年工作总结\n一、环境质量\n空气优良天数**天，优良率为XX%，PM2.5浓度为××微克/立方米。\n", (GOOD, "masked"))
    put("good.docx", docx_bytes(text), (GOOD, None))  # same stem as good.txt: doc_id made unique
    # odd names
    for name in ("report with spaces.txt", "九江 报告（终稿）.txt", "-rf.txt", "--help.txt", "a,b;c'd\"e.txt", "tab\tname.txt",
                 "UPPER.TXT"):
        put(name, text, (GOOD, Path(name).stem))
    # broken
    put("empty.txt", b"", (BROKEN, {"empty"}))
    put("blank.txt", " \n\t\r\n\u3000\n".encode("utf-8"), (BROKEN, {"empty", "too_short"}))
    rng = random.Random(0)
    put("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(rng.randrange(256) for _ in range(20000)), (BROKEN, {"binary", "undecodable"}))
    put("nul-laden.txt", ("环境" * 50).encode("utf-8").replace(b"\xe7", b"\x00"), (BROKEN, {"binary", "undecodable"}))
    full = docx_bytes(text)
    put("truncated.docx", full[: len(full) // 2], (BROKEN, {"corrupt_docx"}))
    put("renamed-text.docx", text, (BROKEN, {"corrupt_docx"}))
    put("zip-not-word.docx", _zip_with({"hello.txt": "hi"}), (BROKEN, {"corrupt_docx"}))
    put("empty.docx", b"", (BROKEN, {"empty", "corrupt_docx"}))
    zip_declaring_huge_size(folder / "bomb-declared.docx")
    expect["bomb-declared.docx"] = (BROKEN, {"zip_bomb", "too_large"})
    zip_really_expanding(folder / "bomb-real.docx")
    expect["bomb-real.docx"] = (BROKEN, {"zip_bomb", "too_large"})
    zip_lying_small(folder / "bomb-lying.docx")
    expect["bomb-lying.docx"] = (BROKEN, {"zip_bomb", "too_large", "corrupt_docx"})
    shutil.copy(FIXTURES / "encrypted.pdf", folder / "encrypted.pdf")
    expect["encrypted.pdf"] = (BROKEN, {"encrypted_pdf"})
    shutil.copy(FIXTURES / "scanned.pdf", folder / "scanned.pdf")
    expect["scanned.pdf"] = (BROKEN, {"needs_ocr"})
    put("garbage.pdf", b"%PDF-1.4\n" + bytes(rng.randrange(256) for _ in range(3000)), (BROKEN, {"corrupt_pdf", "needs_ocr"}))
    put("truncated.pdf", (FIXTURES / "encrypted.pdf").read_bytes()[:400], (BROKEN, {"corrupt_pdf", "needs_ocr", "encrypted_pdf"}))
    put("legacy.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500, (BROKEN, {"convert_failed", "needs_converter"}))  # an OLE header and nothing else
    put("notes.md", "# notes", (BROKEN, {"unsupported_extension"}))
    put(".hidden.txt", text, None)  # ignored altogether
    put("dir.txt/inner.txt", text, (GOOD, "inner"))  # a folder named like a report
    return expect


def _zip_with(files: dict) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for k, v in files.items():
            zf.writestr(k, v)
    return buf.getvalue()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    folder = base / "reports"
    expect = build_hostile_folder(folder)
    out = base / "out"
    t0 = time.perf_counter()
    proc = run_cli("extract", folder, "--out", out, "--no-cache", "--jobs", "2", timeout=600)
    return {"folder": folder, "out": out, "expect": expect, "proc": proc, "seconds": time.perf_counter() - t0}


@pytest.mark.slow
def test_hostile_folder_exit_zero_and_no_crash(hostile):
    proc = hostile["proc"]
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert_tables_complete(hostile["out"])


@pytest.mark.slow
def test_hostile_good_files_land_in_reports(hostile):
    reports = read_table(hostile["out"], "reports")
    errors = read_table(hostile["out"], "errors")
    by_path = {Path(p).relative_to(hostile["folder"]).as_posix(): d for p, d in zip(reports.path, reports.doc_id)}
    assert reports.doc_id.is_unique
    for name, outcome in hostile["expect"].items():
        if outcome is None or outcome[0] != GOOD:
            continue
        assert name in by_path, f"{name!r} missing from reports.csv; errors: {errors[errors.path.str.endswith(name)].to_dict('records')}"
        if Path(name).stem != "good":  # good.docx, good.txt, sub/good.txt share a stem: ids made unique
            # a doc_id that starts like a formula (-rf) is written with a leading apostrophe
            shown = "'" + outcome[1] if outcome[1].startswith(("=", "+", "-", "@")) else outcome[1]
            assert by_path[name] == shown, (name, by_path[name])
        # a good file is not in errors.csv as unreadable
        bad = errors[(errors.path.map(lambda p: Path(p).relative_to(hostile["folder"]).as_posix()) == name)
                     & errors.stage.isin(["ingest", "skipped"])]
        assert bad.empty, bad.to_dict("records")
    assert ".hidden.txt" not in by_path
    enc = dict(zip(reports.doc_id, reports.encoding))
    assert enc["gbk"] == "gb18030" and enc["utf16"] == "utf-16" and enc["utf16le-nobom"].startswith("utf-16")
    assert enc["big5-traditional"] == "big5"
    scripts = dict(zip(reports.doc_id, reports.script))
    assert scripts["big5-traditional"] == "traditional"


@pytest.mark.slow
def test_hostile_broken_files_listed_with_a_reason(hostile):
    errors = read_table(hostile["out"], "errors")
    reports = read_table(hostile["out"], "reports")
    rel = errors.path.map(lambda p: Path(p).relative_to(hostile["folder"]).as_posix())
    in_reports = {Path(p).relative_to(hostile["folder"]).as_posix() for p in reports.path}
    for name, outcome in hostile["expect"].items():
        if outcome is None or outcome[0] != BROKEN:
            continue
        rows = errors[rel == name]
        assert len(rows), f"{name!r} not listed in errors.csv"
        assert set(rows.error) & outcome[1], (name, rows[["stage", "error", "message"]].to_dict("records"))
        assert all(isinstance(m, str) and len(m) > 10 for m in rows.message), rows.message.tolist()
        if rows.stage.isin(["ingest", "skipped"]).any():
            assert name not in in_reports, name
    assert not (errors.error == "internal").any(), errors[errors.error == "internal"].to_dict("records")


@pytest.mark.slow
def test_hostile_folder_strict_exits_one(hostile, tmp_path):
    proc = run_cli("extract", hostile["folder"], "--out", tmp_path / "out", "--no-cache", "--jobs", "2", "--strict", "-q")
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr


def test_zip_bombs_are_refused_quickly(tmp_path):
    """Straight through ingest: each bomb is refused in well under a second of work, memory bounded."""
    import resource

    from ecoanalysis.ingest import IngestError, read_document

    zip_declaring_huge_size(tmp_path / "a.docx")
    zip_really_expanding(tmp_path / "b.docx")
    zip_lying_small(tmp_path / "c.docx")
    for name in ("a.docx", "b.docx", "c.docx"):
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        t0 = time.perf_counter()
        with pytest.raises(IngestError) as exc:
            read_document(tmp_path / name)
        print(f"{name} refused in {time.perf_counter() - t0:.2f} s")  # bounded by the memory check below
        grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
        assert grown_mb < 150, (name, grown_mb)
        assert exc.value.code in {"zip_bomb", "too_large", "corrupt_docx"}, (name, exc.value.code)
    assert (tmp_path / "b.docx").stat().st_size < 2_000_000


def test_single_file_with_dash_names(tmp_path):
    """`extract -- -rf.txt` and a file called --help.txt are reports, not options."""
    folder = tmp_path / "r"
    folder.mkdir()
    for name in ("-rf.txt", "--help.txt"):
        (folder / name).write_text(sample_text(), encoding="utf-8")
    proc = run_cli("extract", "--out", tmp_path / "out", "--no-cache", "--jobs", "1", "--", "-rf.txt", cwd=folder)
    assert proc.returncode == 0, proc.stderr[-2000:]
    # in the CSV a leading "-" is neutralised (a spreadsheet would read it as a formula)
    assert read_table(tmp_path / "out", "reports").doc_id.tolist() == ["'-rf"]
    proc = run_cli("extract", "./--help.txt", "--out", tmp_path / "out2", "--no-cache", "--jobs", "1", cwd=folder)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert read_table(tmp_path / "out2", "reports").doc_id.tolist() == ["'--help"]


def test_missing_folder_is_a_usage_error(tmp_path):
    proc = run_cli("extract", tmp_path / "nope", "--out", tmp_path / "out", "--no-cache")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "no such" in proc.stderr


def test_empty_folder(tmp_path):
    (tmp_path / "r").mkdir()
    proc = run_cli("extract", tmp_path / "r", "--out", tmp_path / "out", "--no-cache", "--jobs", "1")
    assert proc.returncode == 1 and "no report could be read" in proc.stderr  # issue 13: say so, exit 1
    assert not (tmp_path / "out").exists()
    proc = run_cli("extract", tmp_path / "r", "--out", tmp_path / "out", "--no-cache", "--jobs", "1", "--allow-empty")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    assert_tables_complete(tmp_path / "out")
    assert read_table(tmp_path / "out", "reports").empty


@pytest.mark.parametrize("content", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00binary",              # not text at all
    "doc_id,year\n\"unterminated,2020\n".encode(),        # broken CSV quoting
    "doc_id,year\ngood,二〇二〇年\n".encode(),            # a year that is not a number
])
def test_broken_metadata_csv_does_not_crash(tmp_path, content):
    """A bad metadata.csv (overrides) is a user error: a message, never a traceback."""
    folder = tmp_path / "r"
    folder.mkdir()
    (folder / "good.txt").write_text(sample_text(), encoding="utf-8")
    (folder / "metadata.csv").write_bytes(content)
    proc = run_cli("extract", folder, "--out", tmp_path / "out", "--no-cache", "--jobs", "1")
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert proc.returncode in (0, 2), proc.stderr[-2000:]


# ---------------------------------------------------------------- 1,000 files, 10 broken

def short_report(i: int, rng: random.Random) -> str:
    place = rng.choice(["九江市庐山", "丹阳市", "平凉市", "赣州市安远县", "龙岩市新罗区", "唐山市"])
    year = rng.randint(2016, 2024)
    masked = rng.random() < 0.2
    num = (lambda v: "**") if masked else (lambda v: str(v))
    return (f"{place}生态环境局{year}年上半年工作总结\n"
            f"一、主要工作\n（一）大气污染防治。PM2.5平均浓度为{num(rng.randint(15, 60))}微克/立方米，"
            f"空气优良天数{num(rng.randint(100, 180))}天，优良率为{num(round(rng.uniform(70, 99), 1))}%。\n"
            f"（二）执法监管。检查企业{num(rng.randint(10, 300))}家，立案查处{num(rng.randint(1, 30))}件。\n"
            f"二、存在的问题\n一是监管力量不足。二是环保基础设施建设滞后。\n"
            f"三、下半年工作计划\n继续深入打好污染防治攻坚战，确保完成年度目标任务。\n")


# Stress sizes run in `make bench` (ECOANALYSIS_STRESS=1): 1,000 files, a 50 MB report, the
# linear-scaling timing ratio. The suite proves the same behaviour at a size that keeps it fast.
STRESS = os.environ.get("ECOANALYSIS_STRESS") == "1"
N_FILES = 1000 if STRESS else 60


@pytest.mark.slow
def test_many_files_ten_broken(tmp_path):
    folder = tmp_path / "r"
    folder.mkdir()
    rng = random.Random(42)
    broken = {}
    broken_at = set(rng.sample(range(N_FILES), 10))
    makers = [
        ("empty.txt", lambda p: p.write_bytes(b""), {"empty"}),
        ("binary.txt", lambda p: p.write_bytes(b"\x00\x01\x02\xff" * 1000), {"binary", "undecodable"}),
        ("trunc.docx", lambda p: p.write_bytes(docx_bytes(short_report(0, random.Random(0)))[:1500]), {"corrupt_docx"}),
        ("bomb.docx", lambda p: zip_declaring_huge_size(p), {"zip_bomb", "too_large"}),
        ("enc.pdf", lambda p: shutil.copy(FIXTURES / "encrypted.pdf", p), {"encrypted_pdf"}),
        ("scan.pdf", lambda p: shutil.copy(FIXTURES / "scanned.pdf", p), {"needs_ocr"}),
        ("text.docx", lambda p: p.write_text("not a zip", encoding="utf-8"), {"corrupt_docx"}),
        ("blank.txt", lambda p: p.write_text("\n\n  \n", encoding="utf-8"), {"empty"}),
        ("bad.pdf", lambda p: p.write_bytes(b"%PDF-1.7\n%%EOF garbage"), {"corrupt_pdf", "needs_ocr"}),
        ("rand.txt", lambda p: p.write_bytes(bytes(random.Random(1).randrange(128, 256) for _ in range(4000))),
         {"binary", "undecodable"}),
    ]
    good = []
    k = 0
    for i in range(N_FILES):
        if i in broken_at:
            suffix, make, codes = makers[k]
            k += 1
            p = folder / f"r{i:04d}_{suffix}"
            make(p)
            broken[p.name] = codes
        else:
            p = folder / f"r{i:04d}.txt"
            p.write_text(short_report(i, rng), encoding="utf-8")
            good.append(p.stem)
    out = tmp_path / "out"
    t0 = time.perf_counter()
    # a fresh cache folder: the run processes everything (as --no-cache would) and the --strict
    # re-run below reads the good reports back instead of processing them again
    cache = tmp_path / "cache"
    proc = run_cli("extract", folder, "--out", out, "--cache-dir", cache, "--jobs", "2", timeout=900)
    seconds = time.perf_counter() - t0
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr
    assert_tables_complete(out)
    reports = read_table(out, "reports")
    errors = read_table(out, "errors")
    assert sorted(reports.doc_id) == sorted(good), "every good report lands in reports.csv"
    assert reports.year.notna().all()
    names = errors.path.map(lambda p: Path(p).name)
    for name, codes in broken.items():
        rows = errors[names == name]
        assert len(rows) and set(rows.error) & codes, (name, rows.to_dict("records"))
    assert set(names) == set(broken), set(names) ^ set(broken)
    proc = run_cli("extract", folder, "--out", tmp_path / "out2", "--cache-dir", cache, "--jobs", "2", "--strict", "-q",
                   timeout=900)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    print(f"{N_FILES:,} files (10 broken), --jobs 2, no cache: {seconds:.1f} s")


# ---------------------------------------------------------------- one 50 MB report

def big_report(path: Path, mb: float) -> int:
    unit = b"\n".join(p.read_bytes() for p in sorted(REPORTS.glob("*.txt"))) + b"\n"
    target = int(mb * 1e6)
    data = unit * (target // len(unit) + 1)
    data = data[:target].decode("utf-8", "ignore").encode("utf-8")
    path.write_bytes(data)
    return len(data)


BIG_MB = float(os.environ.get("ECOANALYSIS_BIG_REPORT_MB", "50" if STRESS else "2"))
# only a guard against a hang (the suite times nothing); `make bench` records the seconds
BIG_TIMEOUT = float(os.environ.get("ECOANALYSIS_BIG_REPORT_TIMEOUT", "1800"))


@pytest.mark.slow
def test_big_report(tmp_path):
    """One big report (the samples repeated: 2 MB in the suite, 50 MB in `make bench`) goes through
    every stage and gives complete tables.

    A run over BIG_TIMEOUT (a hang guard, not a speed limit) fails with the per-stage timing on the
    first 1 MB; test_stages_scale_linearly (`make bench`) shows which stages grow faster than the text.
    """
    folder = tmp_path / "r"
    folder.mkdir()
    n = big_report(folder / "big.txt", BIG_MB)
    assert n > BIG_MB * 1e6 * 0.99
    out = tmp_path / "out"
    t0 = time.perf_counter()
    try:
        proc = run_cli("extract", folder, "--out", out, "--no-cache", "--jobs", "1", timeout=BIG_TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"a {BIG_MB:.0f} MB report took more than {BIG_TIMEOUT:.0f} s; per-stage timing: "
                    + _stage_timing(folder / "big.txt", budget=120))
    seconds = time.perf_counter() - t0
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr
    assert_tables_complete(out)
    reports = read_table(out, "reports")
    errors = read_table(out, "errors")
    assert reports.doc_id.tolist() == ["big"]
    assert not (errors.error == "internal").any(), errors.to_dict("records")
    assert int(reports.n_chars.iloc[0]) > n / 4
    print(f"{BIG_MB:.0f} MB report: {seconds:.1f} s")


def _stage_timing(path: Path, budget: float) -> str:
    """Per-stage seconds on the first 1 MB of ``path``."""
    code = f"""
import time, sys
sys.path.insert(0, {str(ROOT)!r})
from ecoanalysis.clean import clean_text
from ecoanalysis.metadata import infer_metadata
from ecoanalysis.segment import segment
from ecoanalysis.extract import extract_figures, extract_indicators
from ecoanalysis.problems import extract_problems
from ecoanalysis.words import count_terms
raw = open({str(path)!r}, 'rb').read()[:1_000_000].decode('utf-8', 'ignore')
out = []
def tm(name, f):
    t = time.perf_counter(); r = f(); out.append(f'{{name}} {{time.perf_counter() - t:.1f}} s'); return r
ct = tm('clean', lambda: clean_text(raw)); t = ct.text
tm('metadata', lambda: infer_metadata(t, doc_id='d'))
s = tm('segment', lambda: segment(t, doc_id='d'))
f = tm('figures', lambda: extract_figures(t, doc_id='d', sections=s))
tm('indicators', lambda: extract_indicators(t, f, doc_id='d', sections=s))
tm('problems', lambda: extract_problems(t, s, doc_id='d'))
tm('words', lambda: count_terms(t, s, doc_id='d'))
print('on the first 1 MB: ' + ', '.join(out))
"""
    try:
        r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=budget)
        return r.stdout.strip() or r.stderr[-500:]
    except subprocess.TimeoutExpired:
        return "(the 2 MB timing run timed out too)"


def _stage_seconds(text: str) -> dict:
    from ecoanalysis.clean import clean_text
    from ecoanalysis.extract import extract_figures, extract_indicators
    from ecoanalysis.metadata import infer_metadata
    from ecoanalysis.problems import extract_problems
    from ecoanalysis.segment import segment
    from ecoanalysis.words import count_terms

    out = {}

    def tm(name, f):
        t0 = time.perf_counter()
        r = f()
        out[name] = time.perf_counter() - t0
        return r

    t = tm("clean", lambda: clean_text(text)).text
    tm("metadata", lambda: infer_metadata(t, doc_id="d"))
    s = tm("segment", lambda: segment(t, doc_id="d"))
    f = tm("figures", lambda: extract_figures(t, doc_id="d", sections=s))
    tm("indicators", lambda: extract_indicators(t, f, doc_id="d", sections=s))
    tm("problems", lambda: extract_problems(t, s, doc_id="d"))
    tm("words", lambda: count_terms(t, s, doc_id="d"))
    return out


@pytest.mark.slow
@pytest.mark.skipif(not STRESS, reason="a timing ratio: measured by `make bench` (ECOANALYSIS_STRESS=1), never in the suite")
def test_stages_scale_linearly(tmp_path):
    """4× the text must cost about 4× the time in every stage (≤ 8×; a quadratic stage costs 16×).

    This is what makes a 50 MB report feasible at all; the failure message has the timings.
    """
    big_report(tmp_path / "big.txt", 4.0)
    raw = (tmp_path / "big.txt").read_bytes().decode("utf-8")
    small = raw[: len(raw) // 4]
    _stage_seconds(small[:5000])  # warm the lexicons and dictionaries
    t_small, t_big = _stage_seconds(small), _stage_seconds(raw)
    ratios = {k: t_big[k] / max(t_small[k], 0.02) for k in t_big}
    report = ", ".join(f"{k}: {t_small[k]:.2f} s → {t_big[k]:.2f} s (×{ratios[k]:.1f})" for k in t_big)
    slow = [k for k, r in ratios.items() if r > 8 and t_big[k] > 0.5]
    assert not slow, f"stages growing faster than linearly (1 MB → 4 MB): {slow}; {report}"
