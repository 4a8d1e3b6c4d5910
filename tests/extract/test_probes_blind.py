"""Probe sentences written and annotated blind (tests/gold/probes/README.md): a regression floor."""
import json
import math
from pathlib import Path

from ecoanalysis.extract import extract_figures, extract_indicators

PROBES = Path(__file__).resolve().parents[1] / "gold" / "probes" / "sentences.jsonl"


def _key(indicator, kind, value, unit):
    # units are compared on changes only (% vs pp), as in the gold scoring rule
    return (indicator, kind, None if value is None else round(float(value), 4), unit if kind == "change" else "")


def test_blind_probe_sentences():
    tp = fp = fn = 0
    for line in PROBES.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        t = d["text"]
        df = extract_indicators(t, extract_figures(t, doc_id="p"), doc_id="p")
        got = [_key(r.indicator, r.kind, None if math.isnan(r.value) else r.value, r.unit) for r in df.itertuples()]
        exp = [_key(*e) for e in d["expected"]]
        got = [g for g in got if not (g[1] == "change" and g[2] == 0 and g not in exp)]  # 同比持平: either way
        left = list(exp)
        for g in got:
            if g in left:
                left.remove(g)
                tp += 1
            else:
                fp += 1
        fn += len(left)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert precision >= 0.97 and recall >= 0.97, (round(precision, 3), round(recall, 3), tp, fp, fn)
