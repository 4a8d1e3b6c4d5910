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


def format_report(result: EvalResult, *, max_rows: int | None = None) -> str:
    """Plain-text report: overall scores, the per-indicator table, misses and false alarms (at most
    ``max_rows`` of each, with a count of those left out)."""
    lines = [f"precision {result.precision:.3f}  recall {result.recall:.3f}  F1 {result.f1:.3f}  "
             f"(tp {result.tp}, fp {result.fp}, fn {result.fn})", ""]
    if len(result.per_indicator):
        lines.append(result.per_indicator.to_string(index=False, float_format=lambda x: f"{x:.3f}"))
    cut = (lambda df: df) if max_rows is None else (lambda df: df.head(max_rows))
    if len(result.misses):
        lines += ["", f"misses ({len(result.misses)}):"]
        for r in cut(result.misses).to_dict("records"):
            lines.append(f"  {r.get('doc_id')} {r.get('indicator')} {r.get('kind')} {r.get('value')} "
                         f"masked={r.get('masked')} | {r.get('evidence', '')}")
        if max_rows is not None and len(result.misses) > max_rows:
            lines.append(f"  … {len(result.misses) - max_rows} more (--max-rows)")
    if len(result.false_alarms):
        lines += ["", f"false alarms ({len(result.false_alarms)}):"]
        for r in cut(result.false_alarms).to_dict("records"):
            lines.append(f"  {r.get('doc_id')} {r.get('indicator')} {r.get('kind')} {r.get('value')} "
                         f"masked={r.get('masked')} | {str(r.get('sentence', ''))[:80]}")
        if max_rows is not None and len(result.false_alarms) > max_rows:
            lines.append(f"  … {len(result.false_alarms) - max_rows} more (--max-rows)")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------- metadata
METADATA_FIELDS = ("province", "city", "county", "year", "period")
# The gold index's period vocabulary (annual, H1, Q1, Q3, YTD, other) against the package's
# (``metadata.periods()`` or "" when the text states no standard period). Q3 in the index is the
# cumulative 1-9月, like H1 and Q1 are cumulative from January; a single later quarter or half
# year, a single month or a single action is ``other``, and so is a report with no summary part
# (a pure plan: the index gives a plan no reporting period).
PERIOD_TO_GOLD = {"annual": "annual", "H1": "H1", "Q1": "Q1", "Q1-Q3": "Q3", "year-to-date": "YTD",
                  "H2": "other", "Q2": "other", "Q3": "other", "Q4": "other", "": "other"}
_GOLD_PERIODS = {"annual", "h1", "q1", "q3", "ytd", "other"}


def _text(x) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return ""
    s = str(x).strip()
    return "" if s.lower() in ("nan", "none", "<na>") else s


def _place_key(name: str) -> str:
    """A comparable form of a place name: 浙江省, 浙江 → 浙江; 昌吉回族自治州, 昌吉州 → 昌吉; 嘉興市 → 嘉兴.

    Full and short names of the gazetteer map to the short name; anything else loses one
    trailing level word (省, 市, 自治区, 州…), so both sides of a comparison normalise alike.
    """
    from . import gazetteer as gz
    from .clean import to_simplified

    s = name.strip()
    if not s:
        return ""
    s = to_simplified(s)  # a gold file written in traditional script (嘉興市) names the same place
    short = gz.short_names()
    if s in short:
        return short[s]
    for suffix in ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县", "自治旗",
                   "特别行政区", "地区", "省", "市", "州", "盟", "县", "区", "旗"):
        if s.endswith(suffix) and len(s) > len(suffix) + 1:
            stem = s[: -len(suffix)]
            return short.get(stem, stem)
    return s


def _year_key(x) -> str:
    s = _text(x)
    try:
        return str(int(float(s))) if s else ""
    except ValueError:
        return s


def _gold_period_key(value) -> str:
    """A gold period in the index's vocabulary; package words (year-to-date, Q1-Q3) are mapped."""
    s = _text(value)
    if s.lower() in _GOLD_PERIODS:
        return s.lower()
    return PERIOD_TO_GOLD.get(s, s).lower()


def _pred_period_key(value, doc_type="") -> str:
    """A predicted period (the package's vocabulary) in the index's vocabulary, lower-cased.

    The two vocabularies share words with different meanings (the package's Q3 is the third
    quarter alone, the index's Q3 is 1-9月), so each side is read in its own."""
    s = _text(value)
    if _text(doc_type) == "plan":
        return "other"
    if s in PERIOD_TO_GOLD:
        return PERIOD_TO_GOLD[s].lower()
    return s.lower()


@dataclass
class MetadataResult:
    """Per-field accuracy (``per_field``: field, n, correct, accuracy), the overall accuracy over
    every scored cell, and every disagreement (doc_id, field, gold, predicted, source)."""

    n: int
    correct: int
    accuracy: float
    per_field: pd.DataFrame
    disagreements: pd.DataFrame


def evaluate_metadata(gold: pd.DataFrame, reports: pd.DataFrame, *, fields=METADATA_FIELDS,
                      docs=None) -> MetadataResult:
    """Score a ``reports`` table's metadata against a gold metadata index.

    ``gold`` has ``doc_id`` and any of province, city, county, year, period; an empty gold cell
    is not scored. Places compare by :func:`_place_key` (浙江 = 浙江省), years as integers,
    periods through ``PERIOD_TO_GOLD``. A gold document missing from ``reports`` counts as
    predicted empty. ``docs``: only these doc_ids (a half of a corpus).

    >>> gold = pd.DataFrame({"doc_id": ["a", "b"], "province": ["浙江", ""], "year": ["2021", "2019"],
    ...                      "period": ["YTD", "annual"]})
    >>> rep = pd.DataFrame({"doc_id": ["a", "b"], "province": ["浙江省", "江西省"], "year": [2021, 2018],
    ...                     "year_source": ["title", "body"], "period": ["year-to-date", "annual"]})
    >>> r = evaluate_metadata(gold, rep, fields=("province", "year", "period"))
    >>> (r.n, r.correct), r.disagreements[["doc_id", "field", "gold", "predicted"]].values.tolist()
    ((5, 4), [['b', 'year', '2019', '2018']])
    """
    g = gold.copy()
    g["doc_id"] = g["doc_id"].map(_text)
    if docs is not None:
        g = g[g["doc_id"].isin(set(docs))]
    pred = {_text(r["doc_id"]): r for r in reports.to_dict("records")} if len(reports) else {}
    per, bad = [], []
    total = right = 0
    for f in fields:
        n = ok = 0
        if f not in g.columns:
            per.append({"field": f, "n": 0, "correct": 0, "accuracy": math.nan})
            continue
        for row in g.to_dict("records"):
            gv = _text(row.get(f))
            if not gv:
                continue
            p = pred.get(row["doc_id"], {})
            pv = p.get(f)
            if f == "year":
                gk, pk = _year_key(gv), _year_key(pv)
            elif f == "period":
                gk, pk = _gold_period_key(gv), _pred_period_key(pv, p.get("doc_type", ""))
            else:
                gk, pk = _place_key(gv), _place_key(_text(pv))
            n += 1
            if gk == pk:
                ok += 1
            else:
                shown = _year_key(pv) if f == "year" else _text(pv)
                if f == "period":
                    shown = f"{shown or '(none)'} → {pk}"
                bad.append({"doc_id": row["doc_id"], "field": f, "gold": gv, "predicted": shown,
                            "source": _text(p.get(f"{f}_source")) if p else "(no report)"})
        per.append({"field": f, "n": n, "correct": ok, "accuracy": ok / n if n else math.nan})
        total, right = total + n, right + ok
    dis = pd.DataFrame(bad, columns=["doc_id", "field", "gold", "predicted", "source"])
    return MetadataResult(total, right, right / total if total else math.nan, pd.DataFrame(per), dis)


def format_metadata_report(result: MetadataResult, *, title: str = "metadata") -> str:
    """Plain-text metadata report: overall accuracy, per-field accuracy and every disagreement."""
    lines = [f"{title}: accuracy {result.accuracy:.3f} ({result.correct}/{result.n} fields the gold states)"]
    for r in result.per_field.to_dict("records"):
        acc = "  -  " if r["n"] == 0 else f"{r['accuracy']:.3f}"
        lines.append(f"  {r['field']:<9}{acc}  ({r['correct']}/{r['n']})")
    if len(result.disagreements):
        lines.append(f"  disagreements ({len(result.disagreements)}): doc field gold | predicted [source]")
        for r in result.disagreements.to_dict("records"):
            lines.append(f"    {r['doc_id']} {r['field']} {r['gold']} | {r['predicted'] or '(none)'} "
                         f"[{r['source'] or '-'}]")
    return "\n".join(lines)
