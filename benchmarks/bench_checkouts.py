#!/usr/bin/env python3
"""Two checkouts of ecoanalysis side by side on one synthetic corpus, measured alternately.

    python benchmarks/bench_checkouts.py --old /tmp/old-checkout --sizes 1000 --rounds 2
    python benchmarks/bench_checkouts.py --old REV --tokenizers jieba,rjieba   # REV: a git revision

The machine is noisy (two cores, other jobs), so the comparison is made in one run: for each
round, each checkout and each tokenizer backend, ``ecoanalysis extract DIR --jobs 2`` runs as a
subprocess cold (empty cache folder) and then warm (same cache), old and new alternating. Wall
time, the peak RSS of the whole process tree (``run.watch``), whether the tables of every run are
byte-identical to its checkout's first run and whether old and new agree are reported as a
Markdown table on stdout (and with ``--out FILE`` appended to that file). ``--old`` is a folder
holding an ``ecoanalysis`` package, or a git revision, which is checked out into a temporary
worktree and removed afterwards.
"""
from __future__ import annotations

import argparse
import filecmp
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run_module():
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "benchmarks" / "run.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def extract(checkout: Path, reports: Path, out: Path, cache: Path, *, jobs: int, tokenizer: str, run) -> dict:
    cmd = [sys.executable, "-m", "ecoanalysis", "extract", str(reports), "--out", str(out), "--jobs", str(jobs),
           "--cache-dir", str(cache), "--quiet"]
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONPATH=str(checkout), ECOANALYSIS_TOKENIZER=tokenizer)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=checkout, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    w = run.watch(proc, t0)
    if w["returncode"] != 0:
        raise SystemExit(f"extract failed in {checkout} ({w['returncode']}): {w['stderr'][-1500:]}")
    return {"wall_s": w["wall_s"], "tree_mb": w["tree_peak_bytes"] / 2**20}


def same_tables(a: Path, b: Path) -> bool:
    names = sorted(p.name for p in a.glob("*.csv"))
    return names == sorted(p.name for p in b.glob("*.csv")) and all(
        filecmp.cmp(a / n, b / n, shallow=False) for n in names)


def _checkout(old: str, tmp: Path) -> tuple[Path, bool]:
    if (Path(old) / "ecoanalysis" / "__init__.py").is_file():
        return Path(old).resolve(), False
    dest = tmp / "old-checkout"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(dest), old], check=True)
    return dest, True


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--old", required=True, help="the baseline: a checkout folder or a git revision")
    ap.add_argument("--new", default=str(ROOT), help="the checkout to compare (default: this one)")
    ap.add_argument("--sizes", default="1000")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--tokenizers", default="jieba", help="comma-separated backends (jieba, rjieba)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", default=None, help="also append the table to this Markdown file")
    args = ap.parse_args(argv)
    run = _run_module()
    tmp = Path(tempfile.mkdtemp(prefix="bench-checkouts-"))
    old, made = _checkout(args.old, tmp)
    new = Path(args.new).resolve()
    rev = {}
    for name, path in (("old", old), ("new", new)):
        r = subprocess.run(["git", "-C", str(path), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
        dirty = subprocess.run(["git", "-C", str(path), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True).stdout.strip()
        rev[name] = (r.stdout.strip() or "?") + (" + uncommitted changes" if dirty else "")
    lines = []
    try:
        for size in [int(s) for s in args.sizes.split(",")]:
            reports = tmp / f"corpus-{size}"
            subprocess.run([sys.executable, str(ROOT / "benchmarks" / "synth.py"), str(reports), "-n", str(size),
                            "--seed", str(args.seed)], check=True, stdout=subprocess.DEVNULL)
            mb = sum(p.stat().st_size for p in reports.glob("*.txt")) / 2**20
            results: dict = {}
            reference: dict = {}  # each checkout's first run: its other runs must equal it byte for byte
            identical = True
            for rnd in range(args.rounds):
                order = [("old", old), ("new", new)] if rnd % 2 == 0 else [("new", new), ("old", old)]
                for tok in args.tokenizers.split(","):
                    for name, path in order:
                        cache, out_cold, out_warm = (tmp / f"{x}-{name}-{tok}-{rnd}" for x in ("cache", "cold", "warm"))
                        cold = extract(path, reports, out_cold, cache, jobs=args.jobs, tokenizer=tok, run=run)
                        warm = extract(path, reports, out_warm, cache, jobs=args.jobs, tokenizer=tok, run=run)
                        ref = reference.setdefault(name, out_cold)
                        identical &= same_tables(ref, out_cold) and same_tables(ref, out_warm)
                        results.setdefault((name, tok), []).append((cold, warm))
                        print(f"size {size} round {rnd} {name} {tok}: cold {cold['wall_s']:.1f} s, "
                              f"warm {warm['wall_s']:.1f} s, tree {cold['tree_mb']:.0f} MB", file=sys.stderr)
                        for p in (cache, out_warm) + ((out_cold,) if out_cold != ref else ()):
                            shutil.rmtree(p, ignore_errors=True)
            when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
            lines += [f"`python benchmarks/bench_checkouts.py --old {args.old} --sizes {size} --rounds {args.rounds} "
                      f"--tokenizers {args.tokenizers}` on {when}: {size:,} synthetic reports ({mb:.1f} MiB), "
                      f"`--jobs {args.jobs}`, {run.cpu_name()}, {os.cpu_count()} cores; old = {rev['old']}, "
                      f"new = {rev['new']}. Tables of every run (cold, warm, each tokenizer, each round) "
                      f"byte-identical to its checkout's first run: {'yes' if identical else 'NO'}; old and new "
                      f"tables {'identical' if same_tables(reference['old'], reference['new']) else 'differ'}.", "",
                      "| checkout | tokenizer | cold s (each round) | warm s | tree peak RSS MB (cold) | cold new ÷ old |",
                      "|---|---|---:|---:|---:|---:|"]
            for tok in args.tokenizers.split(","):
                base = statistics.median(c["wall_s"] for c, _ in results[("old", tok)])
                for name in ("old", "new"):
                    runs = results[(name, tok)]
                    colds = [c["wall_s"] for c, _ in runs]
                    ratio = statistics.median(colds) / base
                    cold_s = " / ".join(f"{x:.1f}" for x in colds)
                    warm_s = " / ".join("%.1f" % w["wall_s"] for _, w in runs)
                    tree = " / ".join("%.0f" % c["tree_mb"] for c, _ in runs)
                    lines.append(f"| {name} ({rev[name]}) | {tok} | {cold_s} | {warm_s} | {tree} | {ratio:.2f} |")
            lines.append("")
    finally:
        if made:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old)], check=False)
        shutil.rmtree(tmp, ignore_errors=True)
    text = "\n".join(lines)
    print(text)
    if args.out:
        with open(args.out, "a", encoding="utf-8") as fh:
            fh.write("\n" + text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
