"""How much of one document's time goes to pandas: the ceiling of "column lists, one DataFrame per batch".

    python benchmarks/bench_frames.py              # the five samples, 20 rounds
    python benchmarks/bench_frames.py --rounds 50

Runs ``pipeline.process_file(path, cache=None, decode=False)`` (what a worker of a cold corpus run
does) over the samples in ``data/reports/`` and times, outermost call only, three things inside it:
``pd.DataFrame.__init__`` (every per-document table is built as a DataFrame), ``DataFrame.__getitem__``
(the stages read each other's tables by column) and ``cache.encode_frame`` (the worker turns the
DataFrames back into plain lists to send them). Building per-document tables as plain column lists
and DataFrames once per batch would save at most the sum of the three; the rest of a document's
time is the stages' own code and jieba. The timers themselves add a little to each call, so the
shares are upper bounds. Prints a one-row Markdown table.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=20)
    args = ap.parse_args(argv)

    import pandas as pd

    import ecoanalysis.cache as cache_mod
    from ecoanalysis import pipeline

    paths = sorted((ROOT / "data" / "reports").glob("*.txt"))
    for p in paths:  # lazy resources and jieba's dictionary, outside the timing
        pipeline.process_file(p, cache=None)
    spent = {"DataFrame()": 0.0, "column reads": 0.0, "encode_frame": 0.0}
    depth = [0]

    def timed(name, fn):
        def wrapper(*a, **k):
            if depth[0]:  # a DataFrame built inside another timed call is counted once
                return fn(*a, **k)
            depth[0] += 1
            t = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                spent[name] += time.perf_counter() - t
                depth[0] -= 1
        return wrapper

    pd.DataFrame.__init__ = timed("DataFrame()", pd.DataFrame.__init__)
    pd.DataFrame.__getitem__ = timed("column reads", pd.DataFrame.__getitem__)
    cache_mod.encode_frame = timed("encode_frame", cache_mod.encode_frame)
    t0 = time.perf_counter()
    for _ in range(args.rounds):
        for p in paths:
            pipeline.process_file(p, cache=None, decode=False)
    total = time.perf_counter() - t0
    n = args.rounds * len(paths)
    per = {k: v / n * 1000 for k, v in spent.items()}
    pandas_ms = sum(per.values())
    print("| documents | ms / document | " + " | ".join(f"{k} ms" for k in per) + " | pandas share |")
    print("|---:|---:|" + "---:|" * len(per) + "---:|")
    print(f"| {n} | {total / n * 1000:.2f} | " + " | ".join(f"{v:.2f}" for v in per.values())
          + f" | {pandas_ms / (total / n * 1000):.0%} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
