"""Time ``ecoanalysis figures`` on synthetic corpora with a warm table cache.

For each size: generate the corpus (``synth.py``), run ``extract`` twice into a private cache (the
second run proves the cache is warm), then time ``figures`` twice as a subprocess. Writes the
numbers into the "figures at scale" section of ``benchmarks/results.md`` (between the markers),
leaving the rest of the file to ``run.py``. Not a test: never run by pytest.

Usage:
    python benchmarks/bench_figures.py --sizes 300,3000 [--workdir /tmp/figbench]
"""
from __future__ import annotations

import argparse
import os
import re
import struct
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
START, END = "<!-- figures-at-scale:start -->", "<!-- figures-at-scale:end -->"


def _cli(*args) -> float:
    env = dict(os.environ, PYTHONHASHSEED="0")
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "ecoanalysis", *map(str, args), "-q"], check=True, env=env)
    return time.perf_counter() - t


def _largest_side(folder: Path) -> int:
    sides = [max(struct.unpack(">II", p.read_bytes()[16:24])) for p in folder.glob("*.png")]
    return max(sides, default=0)


def measure(n: int, work: Path) -> dict:
    from synth import generate

    src, cache, tables, figs = work / f"r{n}", work / "cache", work / f"t{n}", work / f"f{n}"
    if not src.exists():
        generate(src, n, seed=0)
    for _ in range(2):
        _cli("extract", src, "--out", tables, "--cache-dir", cache)
    runs = [_cli("figures", src, "--out", figs, "--tables", tables, "--cache-dir", cache) for _ in range(2)]
    return {"n": n, "runs": runs, "pngs": len(list(figs.glob("*.png"))), "largest": _largest_side(figs)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="300,3000")
    ap.add_argument("--workdir", default="/tmp/figbench")
    ap.add_argument("--results", default=str(ROOT / "benchmarks" / "results.md"))
    args = ap.parse_args(argv)
    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    rows = [measure(int(n), work) for n in args.sizes.split(",")]
    lines = [START, "| reports | figures s (warm cache, 2 runs) | PNGs written | largest PNG side px |",
             "|---:|---:|---:|---:|"]
    lines += [f"| {r['n']:,} | {' / '.join(f'{t:.1f}' for t in r['runs'])} | {r['pngs']} | {r['largest']} |"
              for r in rows]
    lines.append(END)
    path = Path(args.results)
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    block = "\n".join(lines)
    text = re.sub(re.escape(START) + ".*?" + re.escape(END), block, text, flags=re.S) if START in text \
        else text + "\n" + block + "\n"
    path.write_text(text, encoding="utf-8")
    print(block)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
