"""Consistency warnings over extracted indicators (``checks`` contract). Nothing is fixed.

Example:
    >>> import pandas as pd
    >>> ind = pd.DataFrame({"doc_id": ["d"], "indicator": ["pm25"], "kind": ["actual"],
    ...     "value": [3200.0], "unit": ["ug/m3"], "masked": [False], "figure_id": ["d:f1"],
    ...     "start": [0], "end": [4], "sentence": ["PM2.5为3200微克/立方米"]})
    >>> run_checks(ind)["check"].tolist()
    ['out_of_range']
"""
from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
import pandas as pd

from ..schema import frame
from .indicators import catalog


def period_days() -> dict:
    """{period: days it covers} from ``resources/periods.csv`` (periods without a fixed length left out)."""
    from ..metadata import period_info

    return {p: v["days"] for p, v in period_info().items() if v["days"]}


def _row(r, check, message):
    return {"doc_id": r["doc_id"], "check": check, "severity": "warning",
            "indicator": r["indicator"], "message": message, "figure_id": r.get("figure_id"),
            "start": r.get("start"), "end": r.get("end"), "sentence": r.get("sentence")}


def _missing(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


_USED = ("doc_id", "indicator", "kind", "value", "masked", "figure_id", "start", "end", "sentence")


def _records(indicators) -> list[dict]:
    """Unmasked rows with a value, as dicts of plain Python values of the columns the checks use
    (what ``to_dict("records")`` gives, without its per-cell pandas overhead)."""
    names = [c for c in _USED if c in indicators]
    cols = []
    for c in names:
        col = indicators[c]
        vals = col.tolist()
        if col.dtype == object:  # numpy scalars in object columns become Python ones, as in to_dict
            vals = [v.item() if isinstance(v, np.generic) else v for v in vals]
        cols.append(vals)
    rows = [dict(zip(names, vals)) for vals in zip(*cols)]
    return [r for r in rows if not r.get("masked") and r.get("value") is not None and not math.isnan(r["value"])]


@lru_cache(maxsize=1)
def _empty_checks_frame() -> pd.DataFrame:
    return frame("checks", [])


def _empty_checks() -> pd.DataFrame:
    """A fresh empty ``checks`` table (a copy of one built once: frame() costs ~0.2 ms a call)."""
    return _empty_checks_frame().copy()


def run_checks(indicators: pd.DataFrame, figures=None, *, period=None) -> pd.DataFrame:
    """Warnings: out_of_range, ratio_over_100, closed_gt_received, days_vs_ratio, change_sign.

    ``period`` is the report's period (H1, annual, …; a dict or Series doc_id → period also
    works) used to turn good_air_days into a ratio. Columns: doc_id, check, severity,
    indicator, message, figure_id, start, end, sentence.
    """
    cat = catalog()
    out = []
    if indicators is None or not len(indicators):
        return _empty_checks()
    rows = _records(indicators)
    for r in rows:
        spec = cat.get(r["indicator"])
        if spec is None:
            continue
        v = r["value"]
        if r["kind"] in ("actual", "target"):
            if spec["unit"] == "%" and v > 100:
                out.append(_row(r, "ratio_over_100", f"{r['indicator']} = {v:g}% is above 100%"))
            elif not spec["min"] <= v <= spec["max"]:
                out.append(_row(r, "out_of_range",
                                f"{r['indicator']} = {v:g} {spec['unit']} outside plausible range "
                                f"[{spec['min']:g}, {spec['max']:g}]"))
    by_doc: dict = {}
    for r in rows:
        if r["kind"] == "actual":
            by_doc.setdefault(r["doc_id"], {}).setdefault(r["indicator"], []).append(r)
    for doc, d in by_doc.items():
        for name, spec in cat.items():  # a count that cannot exceed another (catalog column at_most)
            other = spec.get("at_most")
            if other and d.get(name) and d.get(other):
                top = max(x["value"] for x in d[other])
                if d[name][0]["value"] > top:
                    out.append(_row(d[name][0], "closed_gt_received",
                                    f"{name} {d[name][0]['value']:g} > {other} {top:g}"))
        p = period.get(doc) if hasattr(period, "get") else period
        days = period_days().get(p) if isinstance(p, str) else None
        for name, spec in cat.items():  # a ratio of a count of days (catalog column share_of)
            gd, gr = d.get(spec.get("share_of") or ""), d.get(name)
            if days and gd and gr and cat[spec["share_of"]]["unit"] == "day":
                implied = 100 * gd[0]["value"] / days
                if abs(implied - gr[0]["value"]) > 3:
                    out.append(_row(gr[0], "days_vs_ratio",
                                    f"{spec['share_of']} {gd[0]['value']:g} over {days} days is {implied:.1f}%, "
                                    f"but {name} is {gr[0]['value']:g}%"))
    # a change whose sign contradicts the two values it compares (same doc, indicator, sentence)
    if rows and "sentence" in indicators:
        groups: dict = {}  # first-seen order, like groupby(sort=False); rows with a missing key are dropped
        for r in rows:
            key = (r["doc_id"], r["indicator"], r["sentence"])
            if not any(_missing(k) for k in key):
                groups.setdefault(key, []).append(r)
        for g in groups.values():
            acts = [r for r in g if r["kind"] == "actual"]
            chs = [r for r in g if r["kind"] == "change"]
            if len(acts) == 2 and len(chs) == 1:
                a, b = acts[0]["value"], acts[1]["value"]
                c = chs[0]["value"]
                if a != b and c != 0 and (c > 0) != (a > b):
                    out.append(_row(chs[0], "change_sign",
                                    f"change {c:g} contradicts {a:g} (now) vs {b:g} (before)"))
    return frame("checks", out) if out else _empty_checks()
