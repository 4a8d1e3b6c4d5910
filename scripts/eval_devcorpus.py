#!/usr/bin/env python3
"""Score the package on the development corpus (../shared/devcorpus/), per half and overall.

usage: python scripts/eval_devcorpus.py [--corpus DIR] [--show-check] [--jobs N]

Reads every text of ``DIR/docs`` with the real pipeline (no cache) once, then prints one
section per score. Halves: tuning = odd-numbered documents (d01, d03, ...), check = even-numbered.
Disagreements are listed for the tuning half (and the whole corpus with ``--show-check``): the
check half is read as scores only, so that rules are written from the tuning half's misses.

Sections (add one by appending a function to SECTIONS):
  indicators: precision, recall and F1 per half against DIR/gold.csv, a per-indicator table for
            each half, and the tuning half's misses and false alarms (``ecoanalysis.evaluate``)
  metadata: province, city, county, year, period against DIR/index.csv
            (``ecoanalysis.evaluate.evaluate_metadata``; the index's period words are mapped
            from the package's as documented in ``ecoanalysis.evaluate.PERIOD_TO_GOLD``)
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ecoanalysis.corpus import read_corpus  # noqa: E402
from ecoanalysis.evaluate import evaluate, evaluate_metadata, format_metadata_report, format_report  # noqa: E402


def halves(doc_ids) -> dict[str, list[str]]:
    """{'tuning': odd-numbered ids, 'check': even-numbered ids, 'all': every id}."""
    ids = [d for d in doc_ids if d[1:].isdigit()]
    return {"tuning": [d for d in ids if int(d[1:]) % 2 == 1],
            "check": [d for d in ids if int(d[1:]) % 2 == 0], "all": ids}


def metadata_section(corpus, root: Path, *, show_check: bool) -> str:
    gold = pd.read_csv(root / "index.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    out = ["== metadata (fields the text determines)"]
    for name, docs in halves(gold["doc_id"]).items():
        r = evaluate_metadata(gold, corpus.reports, docs=docs)
        text = format_metadata_report(r, title=f"{name} half" if name != "all" else "whole corpus")
        if name == "check" or (name == "all" and not show_check):
            text = text.split("\n  disagreements")[0]
        out.append(text)
    return "\n".join(out)


def indicators_section(corpus, root: Path, *, show_check: bool) -> str:
    gold = pd.read_csv(root / "gold.csv", dtype={"value": float}, keep_default_na=False,
                       na_values={"value": [""]}, encoding="utf-8-sig")
    out = ["== indicators (gold.csv; optional rows neither hit nor miss)"]
    for name, docs in halves(gold["doc_id"].unique()).items():
        r = evaluate(gold[gold["doc_id"].isin(docs)], corpus.indicators[corpus.indicators["doc_id"].isin(docs)])
        text = format_report(r)
        if name == "check" or (name == "all" and not show_check):
            text = text.split("\n\nmisses")[0].split("\n\nfalse alarms")[0]
        out.append(f"-- {name if name != 'all' else 'whole corpus'}\n{text}")
    return "\n".join(out)


SECTIONS = [indicators_section, metadata_section]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "devcorpus"))
    ap.add_argument("--show-check", action="store_true", help="also list the check half's disagreements")
    ap.add_argument("--jobs", "-j", type=int, default=None)
    args = ap.parse_args(argv)
    root = Path(args.corpus)
    if not (root / "docs").is_dir():
        print(f"eval: no development corpus at {root} (expected {root}/docs and {root}/index.csv)", file=sys.stderr)
        return 2
    corpus = read_corpus(root / "docs", jobs=args.jobs, cache=False)
    for section in SECTIONS:
        print(section(corpus, root, show_check=args.show_check))
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
