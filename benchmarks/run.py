"""Benchmarks: stage throughput against two bare baselines, CLI scaling, warm cache, memory.

    python benchmarks/run.py                         # sizes 100,1000 (10000 with --sizes)
    python benchmarks/run.py --sizes 100,1000,10000  # the full run (~15-25 min on 2 cores)
    python benchmarks/run.py --quick                 # a smoke run (~1 min): small text, size 50

What it measures, in one process on the same text (synthetic reports from ``synth.py``):

* baselines: bare ``jieba.lcut`` with an own ``jieba.Tokenizer`` (default dictionary), and a bare
  number-and-unit regex scan (``re.finditer``);
* each per-document stage as ``pipeline.process_file`` runs it: read (ingest), clean, metadata,
  sections (segment), figures and indicators (with checks), problems, words (term counts and
  sentence terms) — MB/s of UTF-8 input and ratios to both baselines;
* ``ecoanalysis extract DIR --jobs 2`` end-to-end (a subprocess) on 100 / 1,000 / 10,000
  reports, with a cold cache and then warm: seconds per report, the child's max RSS
  (``os.wait4``) and the peak RSS of the whole process tree (sampled from /proc);
* tracemalloc peak of one document through every stage.

It writes ``benchmarks/results.md`` (``--out`` to change) with the machine's description. The
benchmark is never part of the test suite.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import gc
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import synth  # noqa: E402

# the bare regex baseline: a number (Arabic, decimal) followed by a common unit
BARE_NUMBER_UNIT = re.compile(
    r"(\d+(?:\.\d+)?)\s*(%|％|微克/立方米|毫克/升|mg/L|ug/m3|万元|亿元|个百分点|天|家|件|个|次|人次|吨|类|户|亩|公里)?"
)

GOALS = {
    "no_tokenise_mb_s": 10.0,   # extraction without tokenising, per core
    "extract_1000_s": 60.0,     # ecoanalysis extract on 1,000 sample-sized reports, 2 cores
    "flat_ratio": 1.25,         # time and memory per report: largest / smallest size
    "warm_speedup": 10.0,       # warm-cache re-run
}


# ---------------------------------------------------------------- machine

def cpu_name() -> str:
    """The CPU's model name (``/proc/cpuinfo``), else what ``platform`` knows."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine() -> dict:
    cpu = cpu_name()
    mem = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    versions = {}
    for mod in ("ecoanalysis", "pandas", "numpy", "jieba", "opencc", "cn2an", "charset_normalizer", "docx",
                "pdfplumber"):
        try:
            m = __import__(mod)
            versions[mod] = getattr(m, "__version__", "") or _dist_version(mod)
        except Exception:  # noqa: BLE001 - optional packages
            versions[mod] = "missing"
    commit = ""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True, timeout=10).stdout.strip()
    except Exception:  # noqa: BLE001
        pass
    try:
        avail = len(os.sched_getaffinity(0))
    except AttributeError:
        avail = os.cpu_count()
    return {"cpu": cpu, "cores": os.cpu_count(), "cores_available": avail, "memory": mem,
            "python": platform.python_version(), "platform": platform.platform(), "versions": versions,
            "date": _dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"), "commit": commit}


def _dist_version(mod):
    from importlib.metadata import PackageNotFoundError, version

    name = {"docx": "python-docx", "opencc": "opencc"}.get(mod, mod)
    try:
        return version(name)
    except PackageNotFoundError:
        return ""


# ---------------------------------------------------------------- in-process stages

def _load_stages():
    from ecoanalysis.clean import clean_text
    from ecoanalysis.extract import extract_figures, extract_indicators, masked_share, run_checks
    from ecoanalysis.ingest import read_document
    from ecoanalysis.metadata import infer_metadata
    from ecoanalysis.problems import extract_problems
    from ecoanalysis.segment import segment
    from ecoanalysis.words import count_terms, sentence_terms

    def figures_and_indicators(st):
        fig = extract_figures(st["text"], doc_id=st["doc_id"], sections=st["sections"])
        ind = extract_indicators(st["text"], fig, doc_id=st["doc_id"], sections=st["sections"])
        run_checks(ind, fig, period=st["meta"].get("period"))
        masked_share(fig)
        return fig

    def words(st):
        count_terms(st["text"], st["sections"], doc_id=st["doc_id"])
        sentence_terms(st["text"])

    # (name, function of the per-document state, key to store the result under)
    return [
        ("read", lambda st: read_document(st["path"], doc_id=st["doc_id"]), "doc"),
        ("clean", lambda st: clean_text(st["doc"].text), "ct"),
        ("metadata", lambda st: infer_metadata(st["text"], doc_id=st["doc_id"]), "meta"),
        ("sections", lambda st: segment(st["text"], doc_id=st["doc_id"]), "sections"),
        ("figures+indicators", figures_and_indicators, "figures"),
        ("problems", lambda st: extract_problems(st["text"], st["sections"], doc_id=st["doc_id"]), "problems"),
        ("words", words, None),
    ]


def _run_doc(stages, path, timings):
    st = {"path": path, "doc_id": Path(path).stem}
    for name, fn, key in stages:
        t0 = time.perf_counter()
        out = fn(st)
        timings[name] = timings.get(name, 0.0) + time.perf_counter() - t0
        if key:
            st[key] = out
        if key == "ct":
            st["text"] = out.text
    return st


def bench_stages(files, repeats: int) -> dict:
    """Throughput of the baselines and of each stage over ``files`` (min over ``repeats`` passes)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import jieba
    from ecoanalysis.clean import clean_text

    stages = _load_stages()
    raw = [Path(f).read_bytes() for f in files]
    nbytes = sum(len(b) for b in raw)
    texts = [clean_text(b.decode("utf-8")).text for b in raw]
    tok = jieba.Tokenizer()
    tok.initialize()
    jieba.setLogLevel(60)
    # warm every lazy resource (dictionaries, lexicons, regexes) outside the timings
    _run_doc(stages, files[0], {})
    tok.lcut(texts[0])

    def best(fn):
        times = []
        for _ in range(repeats):
            gc.collect()
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
        return min(times)

    res = {"n_docs": len(files), "mb": nbytes / 1e6,
           "n_chars": sum(len(t) for t in texts), "repeats": repeats}
    res["jieba_s"] = best(lambda: [tok.lcut(t) for t in texts])
    res["regex_s"] = best(lambda: [sum(1 for _ in BARE_NUMBER_UNIT.finditer(t)) for t in texts])
    stage_times = {name: [] for name, _, _ in stages}
    for _ in range(repeats):
        gc.collect()
        timings: dict = {}
        for f in files:
            _run_doc(stages, f, timings)
        for k, v in timings.items():
            stage_times[k].append(v)
    res["stages"] = {k: min(v) for k, v in stage_times.items()}
    res["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # tracemalloc peak of one sample-sized document through every stage
    tracemalloc.start()
    _run_doc(stages, files[len(files) // 2], {})
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    res["tracemalloc_doc_peak_mb"] = peak / 1e6
    return res


# ---------------------------------------------------------------- CLI runs

def _tree_rss(root_pid: int) -> int:
    """Sum of VmRSS (bytes) of ``root_pid`` and its descendants."""
    children: dict = {}
    rss: dict = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as fh:
                parts = fh.read().rsplit(")", 1)[1].split()
            ppid = int(parts[1])
            rss[int(d)] = int(parts[21]) * os.sysconf("SC_PAGE_SIZE")
            children.setdefault(ppid, []).append(int(d))
        except (OSError, ValueError, IndexError):
            continue
    total, todo = 0, [root_pid]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo.extend(children.get(p, []))
    return total


def watch(proc, t0: float, on_sample=None) -> dict:
    """Wait for ``proc`` (started with ``stderr=PIPE``) while sampling its process tree's RSS every
    0.25 s; ``on_sample(tree_bytes)`` sees each sample. Returns wall_s, returncode, maxrss_mb
    (the child's own, from ``os.wait4``), tree_peak_bytes and stderr (text)."""
    peak = [0]
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            tree = _tree_rss(proc.pid)
            peak[0] = max(peak[0], tree)
            if on_sample is not None:
                on_sample(tree)
            stop.wait(0.25)

    chunks: list = []
    th = threading.Thread(target=sample, daemon=True)
    dr = threading.Thread(target=lambda: chunks.extend(iter(lambda: proc.stderr.read(65536), b"")), daemon=True)
    th.start()
    dr.start()
    _, status, ru = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    stop.set()
    th.join()
    dr.join(timeout=5)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return {"wall_s": wall, "returncode": proc.returncode, "maxrss_mb": ru.ru_maxrss / 1024,
            "tree_peak_bytes": peak[0], "stderr": b"".join(chunks).decode("utf-8", "replace")}


def run_cli(reports: Path, out: Path, cache: Path, jobs: int) -> dict:
    """One ``ecoanalysis extract`` subprocess: wall time, exit code, max RSS (child and tree)."""
    cmd = [sys.executable, "-m", "ecoanalysis", "extract", str(reports), "--out", str(out), "--jobs", str(jobs),
           "--cache-dir", str(cache), "--quiet"]
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    w = watch(proc, t0)
    return {"wall_s": w["wall_s"], "returncode": w["returncode"], "child_maxrss_mb": w["maxrss_mb"],
            "tree_peak_rss_mb": w["tree_peak_bytes"] / 1e6, "stderr_tail": w["stderr"][-2000:]}


def cache_files(cache: Path) -> int:
    return sum(1 for p in cache.rglob("*.pkl")) if cache.exists() else 0


def bench_scaling(sizes, workdir: Path, jobs: int, seed: int, log) -> list[dict]:
    rows = []
    for n in sizes:
        corpus = workdir / f"corpus_{n}"
        t0 = time.perf_counter()
        manifest = synth.generate(corpus, n, seed=seed)
        gen_s = time.perf_counter() - t0
        mb = sum(r["n_chars"] for r in manifest)
        nbytes = sum((corpus / r["file"]).stat().st_size for r in manifest)
        cache = workdir / f"cache_{n}"
        shutil.rmtree(cache, ignore_errors=True)
        log(f"  {n} reports ({nbytes / 1e6:.1f} MB, generated in {gen_s:.1f} s): cold run…")
        cold = run_cli(corpus, workdir / f"out_{n}_cold", cache, jobs)
        n_cached = cache_files(cache)
        log(f"    cold {cold['wall_s']:.1f} s (exit {cold['returncode']}); warm run…")
        warm = run_cli(corpus, workdir / f"out_{n}_warm", cache, jobs)
        log(f"    warm {warm['wall_s']:.1f} s (exit {warm['returncode']})")
        same = _tables_equal(workdir / f"out_{n}_cold", workdir / f"out_{n}_warm")
        n_reports = _count_rows(workdir / f"out_{n}_cold" / "reports.csv")
        n_errors = _count_rows(workdir / f"out_{n}_cold" / "errors.csv")
        rows.append({"n": n, "mb": nbytes / 1e6, "chars": mb, "cold": cold, "warm": warm, "cache_entries": n_cached,
                     "tables_identical": same, "reports_rows": n_reports, "errors_rows": n_errors})
        shutil.rmtree(corpus, ignore_errors=True)
        shutil.rmtree(cache, ignore_errors=True)
        for side in ("cold", "warm"):
            shutil.rmtree(workdir / f"out_{n}_{side}", ignore_errors=True)
    return rows


def _count_rows(path: Path):
    try:
        import pandas as pd

        return len(pd.read_csv(path, encoding="utf-8-sig"))
    except Exception:  # noqa: BLE001
        return None


def _tables_equal(a: Path, b: Path):
    try:
        names = sorted(p.name for p in a.iterdir())
        return names == sorted(p.name for p in b.iterdir()) and all(
            (a / n).read_bytes() == (b / n).read_bytes() for n in names)
    except OSError:
        return None


# ---------------------------------------------------------------- report

def _f(x, nd=2):
    return "–" if x is None else f"{x:,.{nd}f}"


def _verdict(ok):
    return "**met**" if ok else "**missed**"


def write_results(path: Path, mach: dict, st: dict | None, scale: list, args, total_s: float, notes: str = "") -> str:
    L = []
    L.append("# Benchmark results\n")
    L.append(f"Generated by `python benchmarks/run.py {' '.join(args.argv)}`".rstrip() + f" in {total_s / 60:.1f} min. "
             "Numbers are from one run on the machine below; ratios compare against baselines measured in the "
             "same run, which is what to read on a noisy machine.\n")
    L.append("## Machine\n")
    L.append(f"- CPU: {mach['cpu']} — {mach['cores']} cores ({mach['cores_available']} available)")
    L.append(f"- Memory: {mach['memory']}")
    L.append(f"- Python {mach['python']} on {mach['platform']}")
    L.append("- Packages: " + ", ".join(f"{k} {v}" for k, v in mach["versions"].items()))
    L.append(f"- Date: {mach['date']}" + (f"; commit {mach['commit']} (plus uncommitted work)" if mach["commit"] else ""))
    L.append("")
    head_end = len(L)
    goals = []
    if st:
        mb = st["mb"]
        jieba_mbs = mb / st["jieba_s"]
        regex_mbs = mb / st["regex_s"]
        L.append("## Stage throughput (one core, in process)\n")
        L.append(f"{st['n_docs']} synthetic reports, {mb:.2f} MB of UTF-8 ({st['n_chars']:,} characters after cleaning), "
                 f"best of {st['repeats']} pass(es). MB/s is input megabytes (10^6 bytes of the UTF-8 file) per second. "
                 "Ratios: stage speed ÷ baseline speed (above 1 = faster than the baseline).\n")
        L.append("| stage | s | ms / report | MB/s | × jieba | × bare regex |")
        L.append("|---|---:|---:|---:|---:|---:|")
        L.append(f"| baseline: bare `jieba.lcut` (own Tokenizer) | {_f(st['jieba_s'])} | {_f(1000 * st['jieba_s'] / st['n_docs'], 1)} | "
                 f"{_f(jieba_mbs)} | 1.00 | {_f(jieba_mbs / regex_mbs, 3)} |")
        L.append(f"| baseline: bare number+unit regex | {_f(st['regex_s'], 3)} | {_f(1000 * st['regex_s'] / st['n_docs'], 2)} | "
                 f"{_f(regex_mbs, 1)} | {_f(regex_mbs / jieba_mbs, 1)} | 1.00 |")
        total = 0.0
        for name, s in st["stages"].items():
            total += s
            mbs = mb / s
            L.append(f"| {name} | {_f(s)} | {_f(1000 * s / st['n_docs'], 1)} | {_f(mbs)} | {_f(mbs / jieba_mbs)} | {_f(mbs / regex_mbs, 3)} |")
        no_tok = total - st["stages"].get("words", 0.0)
        L.append(f"| **all stages** | {_f(total)} | {_f(1000 * total / st['n_docs'], 1)} | {_f(mb / total)} | "
                 f"{_f(mb / total / jieba_mbs)} | {_f(mb / total / regex_mbs, 3)} |")
        L.append(f"| **all but words (no tokenising)** | {_f(no_tok)} | {_f(1000 * no_tok / st['n_docs'], 1)} | "
                 f"{_f(mb / no_tok)} | {_f(mb / no_tok / jieba_mbs)} | {_f(mb / no_tok / regex_mbs, 3)} |")
        L.append("")
        slowest = sorted(((s, n) for n, s in st["stages"].items() if n != "words"), reverse=True)[:3]
        L.append("Share of the non-tokenising time: " + ", ".join(f"{n} {100 * s / no_tok:.0f}%" for s, n in slowest) + ".\n")
        L.append(f"Memory of the benchmark process: max RSS {st['maxrss_mb']:.0f} MB; tracemalloc peak of one "
                 f"report through every stage {st['tracemalloc_doc_peak_mb']:.1f} MB.\n")
        ok = mb / no_tok >= GOALS["no_tokenise_mb_s"]
        goals.append(("extraction without tokenising ≥ 10 MB/s per core", f"{mb / no_tok:.2f} MB/s", ok,
                      "" if ok else f"{GOALS['no_tokenise_mb_s'] / (mb / no_tok):.0f}× too slow; slowest: "
                      + ", ".join(f"{n} ({mb / s:.1f} MB/s)" for s, n in slowest)))
    if scale:
        L.append(f"## `ecoanalysis extract` end to end (--jobs {args.jobs})\n")
        L.append("Each size is a fresh synthetic corpus (`benchmarks/synth.py`, seed "
                 f"{args.seed}), run as a subprocess: first with an empty cache (cold), then again (warm). "
                 "Child max RSS is the main process's (from `os.wait4`); tree peak sums the RSS of the main "
                 "process and its workers, sampled every 0.25 s.\n")
        L.append("| reports | MB | cold s | cold ms / report | warm s | warm ms / report | warm speed-up | child max RSS MB | tree peak RSS MB (cold) | KB RSS / report | exit | tables cold = warm |")
        L.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|")
        for r in scale:
            c, w = r["cold"], r["warm"]
            L.append(f"| {r['n']:,} | {r['mb']:.1f} | {_f(c['wall_s'], 1)} | {_f(1000 * c['wall_s'] / r['n'], 1)} | "
                     f"{_f(w['wall_s'], 1)} | {_f(1000 * w['wall_s'] / r['n'], 1)} | {_f(c['wall_s'] / w['wall_s'], 1)}× | "
                     f"{_f(max(c['child_maxrss_mb'], w['child_maxrss_mb']), 0)} | {_f(c['tree_peak_rss_mb'], 0)} | "
                     f"{_f(1024 * c['child_maxrss_mb'] / r['n'], 1)} | {c['returncode']}/{w['returncode']} | "
                     f"{'yes' if r['tables_identical'] else 'NO'} |")
        L.append("")
        bad = [r for r in scale if r["cold"]["returncode"] or r["warm"]["returncode"]]
        for r in bad:
            L.append(f"Run of {r['n']} reports exited non-zero; stderr tail:\n\n```\n{r['cold']['stderr_tail'][-1500:]}\n```\n")
        errs = [r for r in scale if r["errors_rows"]]
        if errs:
            L.append("Rows in errors.csv: " + ", ".join(f"{r['n']}: {r['errors_rows']}" for r in errs) + ".\n")
        by_n = {r["n"]: r for r in scale}
        if 1000 in by_n:
            s = by_n[1000]["cold"]["wall_s"]
            goals.append(("`ecoanalysis extract` on 1,000 sample-sized reports < 60 s on 2 cores", f"{s:.1f} s (cold cache)",
                          s < GOALS["extract_1000_s"],
                          "" if s < GOALS["extract_1000_s"] else f"{s / 60:.1f}× over; per-report CPU cost of the stages above"))
        if len(scale) >= 2:
            a, b = scale[0], scale[-1]
            pa, pb = a["cold"]["wall_s"] / a["n"], b["cold"]["wall_s"] / b["n"]
            ratio = pb / pa
            goals.append((f"time per report flat from {a['n']:,} to {b['n']:,} reports",
                          f"{1000 * pa:.0f} → {1000 * pb:.0f} ms/report (×{ratio:.2f})", ratio <= GOALS["flat_ratio"],
                          "" if ratio <= GOALS["flat_ratio"] else "grows with corpus size (corpus-level steps: clustering, linking, concatenation)"))
            ma, mb_ = a["cold"]["tree_peak_rss_mb"], b["cold"]["tree_peak_rss_mb"]
            mratio = mb_ / ma if ma else float("nan")
            goals.append((f"memory flat from {a['n']:,} to {b['n']:,} reports", f"tree peak {ma:.0f} → {mb_:.0f} MB (×{mratio:.2f}); "
                          f"main process {a['cold']['child_maxrss_mb']:.0f} → {b['cold']['child_maxrss_mb']:.0f} MB",
                          mratio <= GOALS["flat_ratio"],
                          "" if mratio <= GOALS["flat_ratio"] else
                          "the main process holds every table of the corpus in memory (read_corpus returns DataFrames) "
                          "and the corpus-level steps work on all problems at once"))
        sp = [(r["n"], r["cold"]["wall_s"] / r["warm"]["wall_s"]) for r in scale if r["warm"]["wall_s"]]
        if sp:
            worst = min(s for _, s in sp)
            goals.append(("warm-cache re-run ≥ 10× faster", ", ".join(f"{n:,}: {s:.1f}×" for n, s in sp),
                          worst >= GOALS["warm_speedup"],
                          "" if worst >= GOALS["warm_speedup"] else
                          "a warm run still pays start-up, unpickling every cached report and, above all, the "
                          "corpus-level steps (problem_clusters: cluster_problems + link_problems_to_plans, ~90% of a "
                          "warm run on 300 reports, growing faster than the corpus)"))
    if goals:
        rows = ["## Goals\n", "| goal | measured | verdict | why / by how much |", "|---|---|---|---|"]
        rows += [f"| {g} | {m} | {_verdict(ok)} | {why} |" for g, m, ok, why in goals]
        L[head_end:head_end] = rows + [""]
    if notes:
        L.append("## Notes\n")
        L.append(notes.strip() + "\n")
    L.append("## How to reproduce\n")
    L.append("```\npython benchmarks/run.py --sizes 100,1000,10000   # or: make bench (sizes 100,1000)\n```\n")
    L.append("<details><summary>raw numbers (JSON)</summary>\n\n```json\n"
             + json.dumps({"machine": mach, "stages": st, "scaling": scale}, indent=1, ensure_ascii=False, default=str)
             + "\n```\n</details>\n")
    text = "\n".join(L)
    path.write_text(text, encoding="utf-8")
    return text


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    ap = argparse.ArgumentParser(description="ecoanalysis benchmarks (writes benchmarks/results.md)")
    ap.add_argument("--sizes", default="100,1000", help="corpus sizes for the CLI runs (default 100,1000)")
    ap.add_argument("--quick", action="store_true", help="smoke run: 20 reports for the stages, size 50 only")
    ap.add_argument("--stage-docs", type=int, default=200, help="reports for the in-process stage timings")
    ap.add_argument("--repeats", type=int, default=2, help="passes over the stage text (best is kept)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--skip-stages", action="store_true")
    ap.add_argument("--skip-cli", action="store_true")
    ap.add_argument("--workdir", default=None, help="where corpora, caches and outputs go (default: a temp folder)")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results.md"))
    ap.add_argument("--notes", default=None, help="a Markdown file of analysis to include under 'Notes'")
    args = ap.parse_args(argv)
    args.argv = argv
    if args.quick:
        args.stage_docs, args.repeats = min(args.stage_docs, 20), 1
        if "--sizes" not in " ".join(argv):
            args.sizes = "50"
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]

    def log(msg):
        print(msg, file=sys.stderr, flush=True)

    t_start = time.perf_counter()
    mach = machine()
    log(f"machine: {mach['cpu']}, {mach['cores']} cores, {mach['memory']}")
    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="ecoanalysis-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    st = None
    try:
        if not args.skip_stages:
            stage_dir = work / "stage_corpus"
            synth.generate(stage_dir, args.stage_docs, seed=args.seed + 1)
            files = sorted(str(p) for p in stage_dir.glob("*.txt"))
            log(f"stages: {len(files)} reports, {args.repeats} pass(es)…")
            st = bench_stages(files, args.repeats)
            log("  " + ", ".join(f"{k} {st['mb'] / v:.2f} MB/s" for k, v in st["stages"].items())
                + f"; jieba {st['mb'] / st['jieba_s']:.2f} MB/s, regex {st['mb'] / st['regex_s']:.1f} MB/s")
        scale = []
        if not args.skip_cli:
            log(f"CLI runs, sizes {sizes}, --jobs {args.jobs}…")
            scale = bench_scaling(sizes, work, args.jobs, args.seed, log)
    finally:
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)
    total = time.perf_counter() - t_start
    out = Path(args.out)
    notes = Path(args.notes).read_text(encoding="utf-8") if args.notes else ""
    text = write_results(out, mach, st, scale, args, total, notes)
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
