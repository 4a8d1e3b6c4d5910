"""Peak memory of ``extract --format dataset`` (streamed) against ``--format parquet`` (in memory).

    python benchmarks/bench_stream.py                       # 1,000 and 10,000 reports
    python benchmarks/bench_stream.py --sizes 1000,5000 --workdir /tmp/benchstream

For each size a synthetic corpus (``synth.py``, seed 0) is generated once and extracted twice,
each as a subprocess ``ecoanalysis extract DIR --out OUT --jobs 2 --no-cache --quiet``: with
``--format dataset`` (batch size ``--batch-size``, default 500) and with ``--format parquet``
(every table in memory, then written). Recorded: wall time, the main process's max RSS
(``os.wait4``) and the peak RSS of the whole process tree (main process and workers, sampled
from /proc every 0.25 s, as ``run.py`` does). Then the one corpus-wide step of the dataset,
recurring-problem clustering, is measured alone in a fresh process on the dataset just written
(max RSS after reading its input columns, and after clustering), because it is the step whose
memory grows with the corpus. Goal (issue 15): dataset tree peak at the largest size within
1.5× of that at 1,000 reports.

The results are appended to ``benchmarks/results.md`` (``--out``) under a dated heading with
the machine's description. Never part of the test suite.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import run  # noqa: E402  (machine description, process-tree RSS)
import synth  # noqa: E402

GOAL_RATIO = 1.5

CLUSTER_PROBE = r"""
import json, resource, sys, time
from ecoanalysis.dataset import CLUSTER_COLUMNS, REPORT_CLUSTER_COLUMNS, read_table
from ecoanalysis.problems.clusters import cluster_problems
import os
rss = lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
now = lambda: int(open("/proc/self/statm").read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
base = now()
p = read_table(sys.argv[1], "problems", columns=list(CLUSTER_COLUMNS))
r = read_table(sys.argv[1], "reports", columns=list(REPORT_CLUSTER_COLUMNS))
read = now()
t0 = time.perf_counter()
out, clusters = cluster_problems(p, r)
print(json.dumps({"n_problems": len(p), "n_clusters": len(clusters), "import_mb": base, "input_mb": read,
                  "peak_mb": rss(), "cluster_s": time.perf_counter() - t0}))
"""


def env():
    e = dict(os.environ, PYTHONHASHSEED="0", PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    e.pop("ECOANALYSIS_CACHE", None)
    return e


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def measure(cmd, last_part=None) -> dict:
    """Run ``cmd``; wall time, exit status, main-process max RSS (wait4) and process-tree peak RSS.

    ``last_part()`` (dataset runs): True once the last batch's part is on disk; the peaks before
    that moment are the per-document phase's, the ones after it the clustering step's."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    phase = {"docs_tree": 0, "docs_main": 0, "cluster_tree": 0, "cluster_main": 0, "docs_s": None}

    def on_sample(tree):  # split the peaks at the moment the last batch's part is on disk
        main = _rss(proc.pid)
        if last_part is not None and phase["docs_s"] is None and last_part():
            phase["docs_s"] = time.perf_counter() - t0
        key = "docs" if phase["docs_s"] is None else "cluster"
        phase[f"{key}_tree"] = max(phase[f"{key}_tree"], tree)
        phase[f"{key}_main"] = max(phase[f"{key}_main"], main)

    w = run.watch(proc, t0, on_sample)
    res = {"wall_s": w["wall_s"], "returncode": w["returncode"], "main_maxrss_mb": w["maxrss_mb"],
           "tree_peak_mb": w["tree_peak_bytes"] / 2**20, "stderr_tail": w["stderr"][-1500:]}
    if last_part is not None:
        res.update({k: (v / 2**20 if k != "docs_s" else v) for k, v in phase.items()})
    return res


def extract(corpus: Path, out: Path, fmt: str, jobs: int, batch: int) -> dict:
    cmd = [sys.executable, "-m", "ecoanalysis", "extract", str(corpus), "--out", str(out), "--format", fmt,
           "--jobs", str(jobs), "--no-cache", "--quiet"]
    last_part = None
    if fmt == "dataset":
        cmd += ["--batch-size", str(batch)]
        from ecoanalysis.ingest import list_reports

        name = f"part-{math.ceil(len(list_reports(corpus)[0]) / batch) - 1:05d}.parquet"  # (files, skipped)
        last_part = lambda: any(out.parent.glob(f".{out.name}.*.tmp/reports/{name}"))  # noqa: E731
    shutil.rmtree(out, ignore_errors=True)
    return measure(cmd, last_part)


def same_counts(ds: Path, pq_dir: Path) -> bool | None:
    try:
        import pyarrow.parquet as pq

        for name in ("reports", "indicators", "problems", "terms", "errors", "problem_clusters"):
            a = sum(pq.read_metadata(p).num_rows for p in (ds / name).glob("part-*.parquet"))
            if a != pq.read_metadata(pq_dir / f"{name}.parquet").num_rows:
                return False
        return True
    except Exception:  # noqa: BLE001
        return None


def cluster_probe(ds: Path) -> dict:
    proc = subprocess.run([sys.executable, "-c", CLUSTER_PROBE, str(ds)], cwd=ROOT, env=env(), capture_output=True,
                          text=True)
    try:
        return json.loads(proc.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return {"error": proc.stderr[-800:]}


def report(rows, m, args) -> str:
    L = [f"## Streaming output: `extract --format dataset` vs in-memory `--format parquet` (issue 15)", "",
         f"Generated by `python benchmarks/bench_stream.py --sizes {args.sizes} --batch-size {args.batch_size}` "
         f"on {m['date']}; commit {m['commit']}.", "",
         f"Machine: {m['cpu']}, {m['cores']} cores ({m['cores_available']} available), {m['memory']}; "
         f"Python {m['python']} on {m['platform']}; pandas {m['versions'].get('pandas')}. Other jobs were running "
         "on the machine, so wall times are noisy; RSS is not.", "",
         "Each size: one synthetic corpus (`synth.py`, seed 0), `ecoanalysis extract DIR --jobs 2 --no-cache` as a "
         "subprocess. Tree peak = the sum of the RSS of the main process and its workers, sampled every 0.25 s; "
         "main = the main process's max RSS from `os.wait4`. MB are MiB.", "",
         "| reports | format | wall s | ms / report | main max RSS MB | tree peak RSS MB | exit | row counts equal |",
         "|---:|---|---:|---:|---:|---:|---:|:---:|"]
    for r in rows:
        for fmt in ("dataset", "parquet"):
            if fmt not in r:
                continue
            x = r[fmt]
            L.append(f"| {r['n']:,} | {fmt} | {x['wall_s']:.1f} | {1000 * x['wall_s'] / r['n']:.1f} | "
                     f"{x['main_maxrss_mb']:.0f} | {x['tree_peak_mb']:.0f} | {x['returncode']} | "
                     f"{'yes' if r['same_counts'] else ('no' if r['same_counts'] is False else '–')} |")
    L += ["", "The dataset runs by phase (the per-document phase ends when the last batch's part is on disk; then "
          "clustering reads the problems back, clusters, and rewrites the problems parts):", "",
          "| reports | per-document phase s | tree peak MB | main peak MB | clustering phase: tree peak MB | main peak MB |",
          "|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        x = r["dataset"]
        if x.get("docs_s") is not None:
            L.append(f"| {r['n']:,} | {x['docs_s']:.0f} | {x['docs_tree']:.0f} | {x['docs_main']:.0f} | "
                     f"{x['cluster_tree']:.0f} | {x['cluster_main']:.0f} |")
    L += ["", "Recurring-problem clustering alone (the one corpus-wide step of the dataset path; a fresh process reads "
          "its input columns from the dataset, then clusters):", "",
          "| reports | problem statements | clusters | RSS after imports MB | RSS after reading the input MB | max RSS MB | s |",
          "|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        c = r["clusters"]
        if "error" in c:
            L.append(f"| {r['n']:,} | failed: {c['error'][-200:]!r} | | | | | |")
        else:
            L.append(f"| {r['n']:,} | {c['n_problems']:,} | {c['n_clusters']:,} | {c['import_mb']:.0f} | "
                     f"{c['input_mb']:.0f} | {c['peak_mb']:.0f} | {c['cluster_s']:.1f} |")
    if len(rows) >= 2:
        a, b = rows[0], rows[-1]
        ra = b["dataset"]["tree_peak_mb"] / a["dataset"]["tree_peak_mb"]
        rp = b["parquet"]["tree_peak_mb"] / a["parquet"]["tree_peak_mb"] if "parquet" in a and "parquet" in b else 0
        ok = ra <= GOAL_RATIO
        if a["dataset"].get("docs_s") is not None and b["dataset"].get("docs_s") is not None:
            rd = b["dataset"]["docs_tree"] / a["dataset"]["docs_tree"]
            L += ["", f"Per-document phase alone (what the batches bound): tree peak {a['dataset']['docs_tree']:.0f} → "
                  f"{b['dataset']['docs_tree']:.0f} MB (×{rd:.2f}); main process {a['dataset']['docs_main']:.0f} → "
                  f"{b['dataset']['docs_main']:.0f} MB."]
        L += ["", f"**Goal: dataset tree peak RSS at {b['n']:,} reports within {GOAL_RATIO}× of that at {a['n']:,}: "
              f"{a['dataset']['tree_peak_mb']:.0f} → {b['dataset']['tree_peak_mb']:.0f} MB (×{ra:.2f}) — "
              f"{'met' if ok else 'missed'}.** "
              + (f"In memory (`--format parquet`): {a['parquet']['tree_peak_mb']:.0f} → "
                 f"{b['parquet']['tree_peak_mb']:.0f} MB (×{rp:.2f}). " if rp else "")
              + f"The issue asks for 50,000 reports; {b['n']:,} is the largest size run here (time)."]
    return "\n".join(L) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--batch-size", type=int, default=500)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--workdir", default="/tmp/ecoanalysis_bench_stream")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results.md"))
    ap.add_argument("--no-write", action="store_true", help="print the section, do not append it to --out")
    ap.add_argument("--formats", default="dataset,parquet", help="which runs to make (default: dataset,parquet)")
    args = ap.parse_args(argv)
    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    rows = []
    for n in [int(s) for s in args.sizes.split(",")]:
        corpus = work / f"corpus_{n}"
        shutil.rmtree(corpus, ignore_errors=True)
        t0 = time.perf_counter()
        synth.generate(corpus, n, seed=0)
        print(f"{n} reports generated in {time.perf_counter() - t0:.0f} s", flush=True)
        row = {"n": n}
        for fmt in args.formats.split(","):
            row[fmt] = extract(corpus, work / f"out_{n}_{fmt}", fmt, args.jobs, args.batch_size)
            x = row[fmt]
            print(f"  {fmt}: {x['wall_s']:.0f} s, exit {x['returncode']}, main {x['main_maxrss_mb']:.0f} MB, "
                  f"tree peak {x['tree_peak_mb']:.0f} MB", flush=True)
            if x["returncode"]:
                print(x["stderr_tail"], flush=True)
        row["same_counts"] = same_counts(work / f"out_{n}_dataset", work / f"out_{n}_parquet") if "parquet" in row else None
        row["clusters"] = cluster_probe(work / f"out_{n}_dataset")
        print(f"  clusters: {row['clusters']}", flush=True)
        rows.append(row)
        (work / "results.json").write_text(json.dumps(rows, indent=1))
        shutil.rmtree(corpus, ignore_errors=True)
        for fmt in ("dataset", "parquet"):
            shutil.rmtree(work / f"out_{n}_{fmt}", ignore_errors=True)
    text = report(rows, run.machine(), args)
    print(text)
    if not args.no_write:
        with open(args.out, "a", encoding="utf-8") as fh:
            fh.write("\n" + text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
