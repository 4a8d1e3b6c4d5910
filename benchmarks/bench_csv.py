"""What writing the CSV tables costs a cold run, and what splitting them by rows could save.

    python benchmarks/bench_csv.py                    # 2,000 synthetic reports
    python benchmarks/bench_csv.py -n 500
    python benchmarks/bench_csv.py --corpus DIR       # an existing folder of reports

Reads the corpus with ``read_corpus(jobs=2, cache=False)`` and then, for every table that
``Corpus.to_dir`` writes as CSV, times the three steps of ``writers.table_to_csv_bytes``:
``neutralise_frame`` (formula-looking cells), ``DataFrame.to_csv`` and the UTF-8 encoding. This
work runs in the main process after the last document, while the workers are idle, so it is
part of the run's serial tail. It also formats each table as two row halves (the second without
its header) and checks that the joined bytes equal the whole table's: formatting is row-local, so
two processes could each format one half; the saving is at most the larger table halves' time.
Prints one Markdown table and the bound.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def _csv_parts(df, *, header: bool, bom: bool):
    from ecoanalysis.writers import neutralise_frame

    t0 = time.perf_counter()
    nf = neutralise_frame(df)
    t1 = time.perf_counter()
    s = nf.to_csv(index=False, header=header, lineterminator="\n")
    t2 = time.perf_counter()
    b = s.encode("utf-8-sig" if bom else "utf-8", "backslashreplace")
    t3 = time.perf_counter()
    return b, (t1 - t0, t2 - t1, t3 - t2)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=2000, help="synthetic reports to generate (default 2000)")
    ap.add_argument("--corpus", help="an existing folder of reports instead of a synthetic one")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args(argv)

    import ecoanalysis as ea
    from ecoanalysis.corpus import TABLES
    from ecoanalysis.writers import table_to_csv_bytes

    with tempfile.TemporaryDirectory() as tmp:
        folder = args.corpus
        if folder is None:
            import synth

            folder = str(Path(tmp) / "corpus")
            synth.generate(folder, args.n, seed=0)
        t = time.perf_counter()
        corpus = ea.read_corpus(folder, jobs=args.jobs, cache=False)
        read_s = time.perf_counter() - t
        rows, total, halves_max, same = [], 0.0, 0.0, True
        for name in (*TABLES, "headline"):
            df = corpus.headline if name == "headline" else getattr(corpus, name)
            whole, (tn, tc, te) = _csv_parts(df, header=True, bom=True)
            if whole != table_to_csv_bytes(df):
                raise SystemExit(f"{name}: the timed steps do not give writers.table_to_csv_bytes")
            mid = len(df) // 2
            a, ta = _csv_parts(df.iloc[:mid], header=True, bom=True)
            b, tb = _csv_parts(df.iloc[mid:], header=False, bom=False)
            same &= (a + b) == whole
            spent = tn + tc + te
            total += spent
            halves_max += max(sum(ta), sum(tb))
            rows.append((name, len(df), len(whole) / 1e6, tn, tc, te, (a + b) == whole))
    print(f"{len(corpus.reports)} reports read in {read_s:.1f} s (jobs={args.jobs}, no cache)\n")
    print("| table | rows | MB | neutralise s | to_csv s | encode s | halves joined = whole |")
    print("|---|---:|---:|---:|---:|---:|:---:|")
    for name, n, mb, tn, tc, te, ok in rows:
        print(f"| {name} | {n:,} | {mb:.1f} | {tn:.2f} | {tc:.2f} | {te:.2f} | {'yes' if ok else 'NO'} |")
    print(f"\nCSV formatting in all: {total:.2f} s ({total / max(read_s, 1e-9):.0%} of the read); "
          f"two row halves in two processes would take at least {halves_max:.2f} s "
          f"(a saving of at most {total - halves_max:.2f} s); halves byte-identical: {'yes' if same else 'NO'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
