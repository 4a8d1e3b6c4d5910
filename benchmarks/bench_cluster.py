"""Recurring-problem clustering alone: time and peak memory from a few thousand to 130,000 statements.

    python benchmarks/bench_cluster.py --sizes 10000,50000,130000
    python benchmarks/bench_cluster.py --sizes 20000 --old 92e9b8d    # this checkout against another

The statements are generated (seeded, deterministic), not copied: the clauses of the sample
reports' problem statements (``data/processed/problems.csv``) and clauses made of the problem-theme
lexicon's cues with a problem phrase (``…有待加强``, ``…压力较大``), 1–4 clauses per statement, most of
them from one theme, so statements of one theme share words as real ones do and clusters form.
(``synth.py``'s reports repeat the five samples' twelve statements with nudged numbers: nearly every
statement there is a copy of thousands of others, which is no test of the neighbour search.)

Each size runs ``cluster_problems`` in a fresh process (``PYTHONHASHSEED=0``) and records its wall
time, the process's max RSS, the RSS before clustering and the number of clusters. With ``--old REV``
the same statements are clustered by that commit (a temporary ``git worktree``), runs alternated, and
the two partitions compared (identical or not; the adjusted Rand index). Results are appended to
``benchmarks/results.md`` (``--out``). Never part of the test suite.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import run  # noqa: E402  (machine description)

PHRASES = ["有待加强", "压力较大", "仍然突出", "不到位", "相对滞后", "依然存在", "难度大", "亟待解决", "不够完善",
           "还需提升", "问题较多", "短板明显", "推进缓慢", "监管不足", "基础薄弱"]
LEADS = ["", "部分", "个别", "农村", "基层", "重点区域", "城区", "全县", "一些", "少数"]

PROBE = r"""
import json, os, resource, sys, time
import pandas as pd
from ecoanalysis.problems.clusters import cluster_problems
now = lambda: int(open("/proc/self/statm").read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
p = pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False, encoding="utf-8")
before = now()
t0 = time.perf_counter()
out, clusters = cluster_problems(p)
s = time.perf_counter() - t0
out[["problem_id", "cluster_id"]].to_csv(sys.argv[2], index=False)
import ecoanalysis
print(json.dumps({"n": len(p), "clusters": len(clusters), "before_mb": before, "s": s, "module": ecoanalysis.__file__,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _sample_rows() -> list[dict]:
    import csv
    with open(ROOT / "data" / "processed" / "problems.csv", encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def copies(n: int, *, seed: int = 0) -> list[tuple[str, str, str]]:
    """``n`` ``(doc_id, heading, text)``: the sample reports' statements over and over, digits nudged
    per copy, as ``synth.py``'s reports give them (its 50,000 reports hold 127,221 such statements)."""
    import re

    rng = random.Random(seed)
    rows = _sample_rows()
    out = []
    for i in range(n):
        r = rows[i % len(rows)]
        text = re.sub(r"\d+", lambda m: str(int(m.group()) + rng.randint(0, 3)), r["text"])
        out.append((f"d{i // len(rows):06d}", r["heading"], text))
    return out


def statements(n: int, *, seed: int = 0) -> list[tuple[str, str, str]]:
    """``n`` generated ``(doc_id, heading, text)`` statements (module docstring), 3 per document."""
    import csv

    rng = random.Random(seed)
    sample = [r["text"] for r in _sample_rows()]
    real = sorted({c for t in sample for c in _clauses(t) if len(c) >= 4})
    by_theme: dict = {}
    with open(ROOT / "ecoanalysis" / "resources" / "problem_themes.csv", encoding="utf-8", newline="") as f:
        for r in csv.DictReader(x for x in f if not x.startswith("#")):
            if r["theme"] and r["cue"] and len(r["cue"]) >= 2:
                by_theme.setdefault(r["theme"], []).append(r["cue"])
    themes = sorted(by_theme)
    out = []
    for i in range(n):
        main = rng.choice(themes)
        parts = []
        for _ in range(rng.randint(1, 4)):
            if rng.random() < 0.25:
                parts.append(rng.choice(real))
            else:
                th = main if rng.random() < 0.75 else rng.choice(themes)
                parts.append(rng.choice(LEADS) + rng.choice(by_theme[th]) + rng.choice(PHRASES))
        out.append((f"d{i // 3:06d}", "", "，".join(parts) + "。"))
    return out


def _clauses(text: str) -> list[str]:
    import re
    return [c.strip() for c in re.split(r"[，。；、：]", text) if c.strip()]


def write_input(n: int, path: Path, kind: str = "generated") -> None:
    import csv
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "problem_id", "heading", "text", "start"])
        seen: dict = {}
        for doc, heading, text in (copies if kind == "copies" else statements)(n):
            k = seen[doc] = seen.get(doc, 0) + 1
            w.writerow([doc, f"{doc}:p{k}", heading, text, str(k * 100)])


def probe(root: Path, inp: Path, labels: Path) -> dict:
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONPATH=str(root))
    # run in the checkout: ``python -c`` puts the working directory first on sys.path, so from
    # another checkout's folder that checkout's package would be measured instead
    r = subprocess.run([sys.executable, "-c", PROBE, str(inp), str(labels)], cwd=root, env=env,
                       capture_output=True, text=True)
    if r.returncode:
        raise RuntimeError(r.stderr[-2000:])
    res = json.loads(r.stdout.strip().splitlines()[-1])
    if not Path(res.pop("module")).resolve().is_relative_to(Path(root).resolve()):
        raise RuntimeError(f"{root}: the probe imported another checkout's ecoanalysis")
    return res


def adjusted_rand(a: list, b: list) -> float:
    """Adjusted Rand index of two labelings (1.0 = the same partition)."""
    from collections import Counter
    from math import comb

    n = len(a)
    pairs = sum(comb(c, 2) for c in Counter(zip(a, b)).values())
    sa = sum(comb(c, 2) for c in Counter(a).values())
    sb = sum(comb(c, 2) for c in Counter(b).values())
    expected = sa * sb / comb(n, 2) if n > 1 else 0.0
    top = (sa + sb) / 2 - expected
    return 1.0 if top == 0 else (pairs - expected) / top


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,50000,130000", help="statement counts, comma-separated")
    ap.add_argument("--kind", choices=("generated", "copies"), default="generated",
                    help="generated statements (default) or copies of the samples' statements (copies)")
    ap.add_argument("--keep", action="store_true", help="keep the work folder (inputs, labels)")
    ap.add_argument("--old", help="a git revision to compare with (its clusters.py in a temporary worktree)")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results.md"), help="markdown file to append to ('-': print only)")
    args = ap.parse_args(argv)
    sizes = [int(x) for x in args.sizes.split(",") if x.strip()]
    work = Path(tempfile.mkdtemp(prefix="bench-cluster-"))
    roots = {"new": ROOT}
    if args.old:
        roots = {"old": work / "old", "new": ROOT}
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(roots["old"]), args.old],
                       check=True, capture_output=True)
    rows = []
    try:
        for n in sizes:
            inp = work / f"statements_{n}.csv"
            write_input(n, inp, args.kind)
            res = {}
            for name, root in roots.items():
                res[name] = probe(root, inp, work / f"labels_{name}_{n}.csv")
                print(n, name, res[name], flush=True)
            if "old" in res:
                import csv
                lab = {k: [r["cluster_id"] for r in csv.DictReader(open(work / f"labels_{k}_{n}.csv", encoding="utf-8"))]
                       for k in res}
                res["same"] = lab["old"] == lab["new"]
                res["ari"] = adjusted_rand(lab["old"], lab["new"])
            rows.append((n, res))
    finally:
        if args.old:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(roots["old"])], capture_output=True)
        if not args.keep:
            import shutil
            shutil.rmtree(work, ignore_errors=True)
    md = report(rows, args)
    print(md)
    if args.out != "-":
        with open(args.out, "a", encoding="utf-8") as f:
            f.write("\n" + md)
    return 0


def _numpy_version() -> str:
    import numpy
    return numpy.__version__


def report(rows, args) -> str:
    import datetime

    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    L = [f"## Recurring-problem clustering alone (issue 15)", "",
         f"Generated by `python benchmarks/bench_cluster.py --sizes {args.sizes}"
         + (" --kind copies" if args.kind == "copies" else "")
         + (f" --old {args.old}" if args.old else "") + f"` on {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC; commit {commit}.",
         "", "Machine: {cpu}, {cores} cores, {memory}; Python {python}, pandas {versions[pandas]}, numpy {np}.".format(**run.machine(), np=_numpy_version()), "",
         "| statements | checkout | clusters | RSS before clustering MB | max RSS MB | s | same partition | adjusted Rand |",
         "|---:|---|---:|---:|---:|---:|:---:|---:|"]
    for n, res in rows:
        for name in ("old", "new"):
            if name in res:
                r = res[name]
                same = ("yes" if res["same"] else "no") if "same" in res and name == "new" else ""
                ari = f"{res['ari']:.4f}" if "ari" in res and name == "new" else ""
                L.append(f"| {n:,} | {name} | {r['clusters']:,} | {r['before_mb']:.0f} | {r['peak_mb']:.0f} | {r['s']:.1f} | {same} | {ari} |")
    return "\n".join(L) + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
