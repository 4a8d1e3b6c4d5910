"""Throughput of the words stage as a ratio to bare ``jieba.lcut`` on the same text, same run.

Cold: a fresh Python process per side, timed from import to the first result (dictionary
loading included). Warm: in this process, after one warm-up call each, best of ``--repeat``.
A ratio of 0.8 means the stage runs at 80 % of bare jieba's speed.

Usage:
    python benchmarks/bench_words.py [--mb 2] [--repeat 3]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

COLD = r"""
import json, sys, time, warnings
t0 = time.perf_counter()
text = open(sys.argv[2], encoding="utf-8").read()
if sys.argv[1] == "jieba":
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import jieba
    jieba.setLogLevel(60)
    jieba.lcut(text)
else:
    from ecoanalysis.words import count_terms
    count_terms(text, None, doc_id="bench")
print(json.dumps(time.perf_counter() - t0))
"""


def sample_text(mb: float) -> str:
    from ecoanalysis.clean import clean_text

    docs = [clean_text(p.read_text(encoding="utf-8")).text
            for p in sorted((ROOT / "data" / "reports").glob("*.txt"))]
    base = "\n\n".join(docs)
    reps = max(1, int(mb * 1e6 / len(base.encode("utf-8"))))
    return "\n\n".join([base] * reps)


def best(fn, repeat: int) -> float:
    fn()  # warm-up: dictionaries loaded, memo filled
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def cold(side: str, path: str) -> float:
    out = subprocess.run([sys.executable, "-c", COLD, side, path], cwd=ROOT, check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=2.0, help="size of the benchmark text in MB")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import jieba
    jieba.setLogLevel(60)
    from ecoanalysis.words import count_terms, sentence_terms

    text = sample_text(args.mb)
    mb = len(text.encode("utf-8")) / 1e6
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8", delete=False) as f:
        f.write(text)
    rows = []
    c_bare, c_ours = cold("jieba", f.name), cold("ours", f.name)
    rows.append(("cold  count_terms", c_bare, c_ours))
    w_bare = best(lambda: jieba.lcut(text), args.repeat)
    rows.append(("warm  count_terms", w_bare, best(lambda: count_terms(text, None, doc_id="b"),
                                                   args.repeat)))
    rows.append(("warm  sentence_terms", w_bare, best(lambda: sentence_terms(text), args.repeat)))
    Path(f.name).unlink()

    print(f"text: {mb:.2f} MB ({len(text):,} characters), repeat={args.repeat}")
    print(f"{'case':<22}{'jieba.lcut MB/s':>16}{'stage MB/s':>12}{'ratio':>8}")
    for name, bare, ours in rows:
        print(f"{name:<22}{mb / bare:>16.2f}{mb / ours:>12.2f}{bare / ours:>8.2f}")


if __name__ == "__main__":
    main()
