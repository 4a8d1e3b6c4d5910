"""Score predicted indicator mentions against a hand-made gold file.

Gold rows: doc_id, indicator, kind, value, unit, masked, qualifier, optional, evidence.
A prediction matches a gold row when doc_id, indicator and kind agree and either both are
masked or |pred − gold| ≤ 0.001·max(1, |gold|); change rows must also agree on unit (% / pp).
Each gold row matches at most one prediction (greedy by closeness inside each doc × indicator
× kind group). Optional gold rows neither reward nor penalise. Predictions of indicators that
the gold file never mentions are ignored.

Example:
    >>> import pandas as pd
    >>> gold = pd.DataFrame({"doc_id": ["d", "d"], "indicator": ["pm25", "pm10"],
    ...     "kind": ["actual"] * 2, "value": [27, None], "unit": ["ug/m3"] * 2,
    ...     "masked": [False, True], "qualifier": ["", ""], "optional": [False, False],
    ...     "evidence": ["PM2.5为27", "PM10为**"]})
    >>> pred = pd.DataFrame({"doc_id": ["d"], "indicator": ["pm25"], "kind": ["actual"],
    ...     "value": [27.0], "unit": ["ug/m3"], "masked": [False]})
    >>> r = evaluate(gold, pred)
    >>> (r.tp, r.fp, r.fn, round(r.recall, 2))
    (1, 0, 1, 0.5)
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd


@dataclass
class EvalResult:
    """Counts, overall precision/recall/F1, a per-indicator table, misses and false alarms."""

    tp: int
    fp: int
    fn: int
    precision: float
    recall: float
    f1: float
    per_indicator: pd.DataFrame
    misses: pd.DataFrame
    false_alarms: pd.DataFrame
    matches: pd.DataFrame = field(default_factory=pd.DataFrame)


def _bool(x) -> bool:
    if isinstance(x, str):
        return x.strip().lower() in ("true", "1", "yes", "y", "t")
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return False
    return bool(x)


def _num(x) -> float:
    try:
        return float(x)
    except (TypeError, ValueError):
        return math.nan


def _prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else (1.0 if not fn else 0.0)
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _close(g, p):
    """Distance between a gold and a predicted row, or None when they do not match."""
    if g["kind"] == "change" and str(g.get("unit", "")) in ("%", "pp") and str(p.get("unit", "")) in ("%", "pp") \
            and g["unit"] != p["unit"]:
        return None
    if g["_masked"] and p["_masked"]:
        return 0.0
    if g["_masked"] or p["_masked"]:
        return None
    gv, pv = g["_value"], p["_value"]
    if math.isnan(gv) or math.isnan(pv):
        return None
    d = abs(pv - gv)
    return d if d <= 0.001 * max(1.0, abs(gv)) else None


def evaluate(gold: pd.DataFrame, pred: pd.DataFrame) -> EvalResult:
    """Match ``pred`` (indicators table) against ``gold``; see the module docstring for the rules."""
    g = gold.copy().reset_index(drop=True)
    p = pred.copy().reset_index(drop=True)
    for df in (g, p):
        df["_masked"] = df["masked"].map(_bool) if "masked" in df else False
        df["_value"] = df["value"].map(_num)
        for c in ("doc_id", "indicator", "kind", "unit"):
            df[c] = df[c].fillna("").astype(str) if c in df else ""
    g["_optional"] = g["optional"].map(_bool) if "optional" in g else False
    p = p[p["indicator"].isin(set(g["indicator"]))].reset_index(drop=True)
    gold_rows = g.to_dict("records")
    pred_rows = p.to_dict("records")
    pairs = []
    by_key: dict = {}
    for i, r in enumerate(gold_rows):
        by_key.setdefault((r["doc_id"], r["indicator"], r["kind"]), []).append(i)
    for j, r in enumerate(pred_rows):
        for i in by_key.get((r["doc_id"], r["indicator"], r["kind"]), []):
            d = _close(gold_rows[i], r)
            if d is not None:
                # non-optional gold first, then closeness, then text order
                pairs.append((gold_rows[i]["_optional"], d, i, j))
    pairs.sort()
    g_used, p_used, matches = {}, {}, []
    for opt, d, i, j in pairs:
        if i in g_used or j in p_used:
            continue
        g_used[i], p_used[j] = j, i
        matches.append((i, j))
    tp_rows = [(i, j) for i, j in matches if not gold_rows[i]["_optional"]]
    fn_idx = [i for i, r in enumerate(gold_rows) if not r["_optional"] and i not in g_used]
    fp_idx = [j for j in range(len(pred_rows)) if j not in p_used]
    tp, fp, fn = len(tp_rows), len(fp_idx), len(fn_idx)
    prec, rec, f1 = _prf(tp, fp, fn)
    per = []
    inds = sorted(set(g["indicator"]))
    for ind in inds:
        t = sum(1 for i, _ in tp_rows if gold_rows[i]["indicator"] == ind)
        f_ = sum(1 for j in fp_idx if pred_rows[j]["indicator"] == ind)
        n_ = sum(1 for i in fn_idx if gold_rows[i]["indicator"] == ind)
        pp_, rr, ff = _prf(t, f_, n_)
        per.append({"indicator": ind, "tp": t, "fp": f_, "fn": n_, "precision": pp_, "recall": rr,
                    "f1": ff})
    gcols = [c for c in gold.columns]
    pcols = [c for c in pred.columns if c in ("doc_id", "indicator", "kind", "value", "unit", "masked",
                                                "qualifier", "figure_id", "start", "end", "sentence")]
    misses = g.loc[fn_idx, gcols].reset_index(drop=True)
    alarms = p.loc[fp_idx, pcols].reset_index(drop=True)
    m = pd.DataFrame([{"gold_index": i, "pred_index": j, "optional": gold_rows[i]["_optional"]}
                      for i, j in matches])
    return EvalResult(tp, fp, fn, prec, rec, f1, pd.DataFrame(per), misses, alarms, m)


def format_report(result: EvalResult) -> str:
    """Plain-text report: overall scores, the per-indicator table, misses and false alarms."""
    lines = [f"precision {result.precision:.3f}  recall {result.recall:.3f}  F1 {result.f1:.3f}  "
             f"(tp {result.tp}, fp {result.fp}, fn {result.fn})", ""]
    if len(result.per_indicator):
        lines.append(result.per_indicator.to_string(index=False, float_format=lambda x: f"{x:.3f}"))
    if len(result.misses):
        lines += ["", f"misses ({len(result.misses)}):"]
        for r in result.misses.to_dict("records"):
            lines.append(f"  {r.get('doc_id')} {r.get('indicator')} {r.get('kind')} {r.get('value')} "
                         f"masked={r.get('masked')} | {r.get('evidence', '')}")
    if len(result.false_alarms):
        lines += ["", f"false alarms ({len(result.false_alarms)}):"]
        for r in result.false_alarms.to_dict("records"):
            lines.append(f"  {r.get('doc_id')} {r.get('indicator')} {r.get('kind')} {r.get('value')} "
                         f"masked={r.get('masked')} | {str(r.get('sentence', ''))[:80]}")
    return "\n".join(lines)
