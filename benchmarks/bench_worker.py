"""Where a cold corpus run's CPU goes: the workers against the main process, with and without a cache,
and how much of a corpus's text repeats across its documents.

    python benchmarks/bench_worker.py                    # 2,000 synthetic reports, --jobs 2
    python benchmarks/bench_worker.py -n 500
    python benchmarks/bench_worker.py --corpus DIR       # an existing folder of reports
    python benchmarks/bench_worker.py --repetition ../shared/devcorpus/docs /tmp/synth   # only the repetition

Per-document phase only (``corpus.iter_documents``, no concatenation, clustering or writing): for a
fresh cache folder and for no cache, the wall time, the main process's CPU (``time.process_time``,
all its threads: receiving and unpickling results) and the workers' CPU (``RUSAGE_CHILDREN``), per
report. The difference between the two rows is what writing the per-document cache entries costs
the workers (encoding the tables, JSON, checksums, atomic writes).

Repetition: the share of the characters of jieba's blocks (runs of Han characters, letters, digits
and ``+#&._%-``, as ``jieba.cut`` splits a text before it searches a route) that sit in a block
seen earlier in the same folder. Any cache of cuts across documents gains at most that share of
the tokenising time, so measure it on real reports before trusting a speed-up on synthetic ones:
``synth.py`` recombines five samples, so its blocks repeat far more than real reports' do.
Prints Markdown.
"""
from __future__ import annotations

import argparse
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

# jieba's own block pattern (jieba.re_han_default), so the blocks are the units jieba cuts
_BLOCK = re.compile("[\u4E00-\u9FD5a-zA-Z0-9+#&._%-]+")


def repetition(folder) -> tuple[int, int, float]:
    """(files, characters in blocks, share of those characters in a block seen before), files in name order."""
    files = sorted(p for p in Path(folder).rglob("*.txt") if p.is_file())
    seen, total, repeated = set(), 0, 0
    for p in files:
        for m in _BLOCK.finditer(p.read_text(encoding="utf-8", errors="replace")):
            b = m.group()
            total += len(b)
            if b in seen:
                repeated += len(b)
            else:
                seen.add(b)
    return len(files), total, (repeated / total if total else 0.0)


def _child_cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def phase(corpus: Path, *, jobs: int, cache) -> dict:
    """One per-document pass. The workers' CPU is the growth of RUSAGE_CHILDREN, which counts a worker
    once it has exited and been waited for: the pool is shut down when ``iter_documents`` ends."""
    from ecoanalysis.corpus import iter_documents, plan_corpus

    w0, m0, c0 = time.perf_counter(), time.process_time(), _child_cpu()
    plan = plan_corpus(corpus, jobs=jobs, cache=cache)
    n = sum(1 for _ in iter_documents(plan))
    return {"n": n, "wall": time.perf_counter() - w0, "main": time.process_time() - m0,
            "workers": _child_cpu() - c0}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=2000, help="synthetic reports (default 2000)")
    ap.add_argument("--corpus", help="an existing folder of reports instead of a synthetic one")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--repetition", nargs="+", metavar="FOLDER", help="only measure the repetition of these folders")
    args = ap.parse_args(argv)
    if args.repetition:
        print("| folder | files | characters in blocks | in a block seen before |\n|---|---:|---:|---:|")
        for folder in args.repetition:
            n, total, share = repetition(folder)
            print(f"| `{folder}` | {n:,} | {total:,} | {share:.1%} |")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(args.corpus) if args.corpus else Path(tmp) / "corpus"
        if not args.corpus:
            import synth

            synth.generate(corpus, args.n, seed=0)
        rows = [("fresh cache folder", phase(corpus, jobs=args.jobs, cache=Path(tmp) / "cache")),
                ("no cache", phase(corpus, jobs=args.jobs, cache=False))]
        _, _, share = repetition(corpus)
    print(f"{rows[0][1]['n']:,} reports, --jobs {args.jobs}, per-document phase only; "
          f"characters of the corpus in a repeated block: {share:.1%}\n")
    print("| run | wall s | main CPU s | workers' CPU s | workers' CPU ms / report | main CPU ms / report |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, r in rows:
        n = max(r["n"], 1)
        print(f"| {label} | {r['wall']:.1f} | {r['main']:.1f} | {r['workers']:.1f} | "
              f"{1000 * r['workers'] / n:.1f} | {1000 * r['main'] / n:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
