"""Word, PDF and plain-text (tab-separated) tables: a ``tables`` table of cells, and the cells' figures read as indicators.

The readers write every table into the text as tab-separated rows and hand over each cell's
offsets (``Document.tables``). Here the offsets are carried through the cleaner's offset map,
header rows (no number in any cell) and a row-label column (no number below the header) are
found, and each numeric cell becomes an indicator when its column header (or its row label)
names a catalog indicator: the header's bracketed unit (``PM2.5浓度（微克/立方米）``) or the
cell's own unit is the unit, and the other header, when it names a period (``1月``, ``上半年``),
is the period. The cell's figure (found by the text scan at the same offsets) gets that unit
and the header as its subject.

Example:
    >>> from ecoanalysis.clean import clean_text
    >>> from ecoanalysis.document import Doc
    >>> from ecoanalysis.extract import extract_figures, extract_indicators
    >>> raw = "月份\\tPM2.5浓度（微克/立方米）\\n1月\\t35"
    >>> cells = [{"row": 0, "column": 0, "text": "月份", "start": 0, "end": 2},
    ...          {"row": 0, "column": 1, "text": "PM2.5浓度（微克/立方米）", "start": 3, "end": 18},
    ...          {"row": 1, "column": 0, "text": "1月", "start": 19, "end": 21},
    ...          {"row": 1, "column": 1, "text": "35", "start": 22, "end": 24}]
    >>> doc = Doc.from_clean(clean_text(raw), doc_id="d", tables=[{"table_id": 1, "cells": cells}])
    >>> figs = extract_figures(doc)
    >>> ind = extract_indicators(doc, figs)
    >>> cells, figs, ind = apply_tables(doc, figs, ind)
    >>> ind[["indicator", "kind", "value", "unit", "period"]].values.tolist()
    [['pm25', 'actual', 35.0, 'ug/m3', '1月']]
    >>> cells.header_path.tolist()
    ['', '', '月份', 'PM2.5浓度（微克/立方米） > 1月']
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pandas as pd

from ..schema import frame
from .figures import unit_at
from .indicators import indicator_frame, catalog
from .numbers import cue_rx, cues, unit_info

_NUMBER = re.compile(r"^\s*[-+−]?[0-9０-９]+(?:[.．][0-9０-９]+)?")
_VALUE_KINDS = ("quantity", "percent", "percentage_points")
_CLASS = re.compile(r"^\s*(?:[IVⅠ-Ⅻ]{1,4}|劣[IVⅤ]+)\s*类?\s*$")


@lru_cache(maxsize=1)
def _rx():
    rx = cues()["_rx"]
    return rx["change"], rx["target"], rx["period"], rx["table_period"]


def _numeric(text: str) -> bool:
    if _CLASS.match(text):
        return True
    m = _NUMBER.match(text)
    return bool(m) and (m.end() == len(text.strip()) or unit_at(text, m.end()) is not None)


def _grid(cells):
    rows: dict = {}
    for c in cells:
        rows.setdefault(c["row"], {})[c["column"]] = c
    return [rows[r] for r in sorted(rows)]


def _layout(grid):
    """(header rows, has a row-label column) of one table."""
    n_head = 0
    for row in grid[:3]:
        if any(_numeric(c["text"]) for c in row.values()):
            break
        n_head += 1
    if n_head == len(grid):
        n_head = 1 if len(grid) > 1 else 0
    body = grid[n_head:]
    label = bool(body) and not any(_numeric(r[0]["text"]) for r in body if 0 in r)
    return n_head, label


def _col_header(grid, n_head, col):
    parts = []
    for row in grid[:n_head]:
        # a merged header cell spans later columns: the nearest cell at or before ``col``
        keys = [k for k in row if k <= col]
        if keys:
            t = row[max(keys)]["text"]
            if t and (not parts or parts[-1] != t):
                parts.append(t)
    return " > ".join(parts)


def _unit_of(*texts):
    """(unit_text, unit row) of the first bracketed unit in the texts, else None."""
    for t in texts:
        for m in cue_rx("table_unit_bracket").finditer(t or ""):
            info = unit_info(m.group(1).strip())
            if info is not None:
                return m.group(1).strip(), info
    return None


def _declared_unit(text):
    """(unit_text, unit row) declared as 单位：… (a caption, a corner cell), else None."""
    for m in cue_rx("table_unit_declared").finditer(text or ""):
        u = unit_at(text, m.end())
        if u is not None:
            return u[0], u[1]
    return None


def _indicator_of(*texts):
    """(indicator id, the header that named it) of the first header that names one."""
    for t in texts:
        if not t:
            continue
        best = None
        for spec in catalog().values():
            if spec["cues"] is None or (spec["exclude"] is not None and spec["exclude"].search(t)):
                continue
            m = spec["cues"].search(t)
            if m and (best is None or len(m.group()) > best[0]):
                best = (len(m.group()), spec["id"])
        if best:
            return best[1], t
    return None


def _period_of(*texts):
    _change, _target, period, table_period = _rx()
    for t in texts:
        if not t:
            continue
        m = table_period.search(t) or period.search(t)
        if m:
            return m.group()
    return ""


def apply_tables(doc, figures: pd.DataFrame, indicators: pd.DataFrame):
    """(tables, figures, indicators): the cells table, figures with table units, indicators with the cells'.

    ``doc`` is the document's :class:`~ecoanalysis.document.Doc` built from its ``CleanText``
    with the reader's tables (``Doc.from_clean(ct, doc_id=…, tables=…)``).

    ``tables`` columns: doc_id, table_id, row, column, header_path, cell_text, start, end
    (offsets into the cleaned text; start == end for a cell the cleaner removed).
    """
    doc_tables, text, doc_id = doc.tables, doc.text, doc.doc_id
    if not doc_tables:
        return frame("tables", []), figures, indicators
    origin = np.asarray(doc.origin[:len(text)])
    rows, cell_figs = [], []
    for t in doc_tables:
        cells = [dict(c) for c in t["cells"]]
        for c in cells:
            c["cs"] = int(np.searchsorted(origin, c["start"], "left"))
            c["ce"] = int(np.searchsorted(origin, c["end"], "left"))
        grid = _grid(cells)
        n_head, label = _layout(grid)
        # a unit declared for the whole table: in the caption line above it or in a header cell
        first = min((c["cs"] for c in cells), default=0)
        caption = text[text.rfind("\n", 0, max(0, first - 1)) + 1:max(0, first - 1)]
        table_unit = _declared_unit(caption) or next(
            (u for row in grid[:n_head] for c in row.values() if (u := _declared_unit(c["text"]))), None)
        for r, row in enumerate(grid):
            for col, c in sorted(row.items()):
                path = ""
                if r >= n_head:
                    head = _col_header(grid, n_head, col)
                    row_label = row[0]["text"] if label and col != 0 and 0 in row else ""
                    path = " > ".join(p for p in (head, row_label) if p)
                    if (col != 0 or not label) and _numeric(c["text"]):
                        cell_figs.append((c, head, row_label, table_unit))
                rows.append({"doc_id": doc_id, "table_id": int(t["table_id"]), "row": int(c["row"]),
                             "column": int(c["column"]), "header_path": path,
                             "cell_text": text[c["cs"]:c["ce"]], "start": c["cs"], "end": c["ce"]})
    cells_df = frame("tables", rows)
    if not cell_figs or figures is None or not len(figures):
        return cells_df, figures, indicators
    figures = figures.copy()
    starts = figures["start"].to_numpy()
    kinds = figures["number_kind"].tolist()
    change_rx, target_rx, _period, _tp = _rx()
    new = []
    for c, head, row_label, table_unit in cell_figs:
        hit = [i for i in np.flatnonzero((starts >= c["cs"]) & (starts < max(c["ce"], c["cs"] + 1)))
               if kinds[i] in _VALUE_KINDS or kinds[i] == "quantity"]
        named = _indicator_of(head, row_label)
        if len(hit) != 1 or named is None:
            continue
        period = _period_of(row_label, head)
        i = int(hit[0])
        indicator, header = named
        other = row_label if header == head else head
        spec = catalog()[indicator]
        unit_text, unit = figures.at[i, "unit_text"], figures.at[i, "unit"]
        value = float(figures.at[i, "value"])
        if not unit:
            u = _unit_of(header, other) or table_unit
            if u is None:
                continue
            unit_text, info = u
            unit, value = info["unit"], value * info["factor"]
            figures.at[i, "unit_text"], figures.at[i, "unit"] = unit_text, unit
            figures.at[i, "value"] = value
            figures.at[i, "number_kind"] = info["number_kind"]
        figures.at[i, "subject"] = header[-20:]
        change = bool(change_rx.search(header))
        if not (unit in spec["units"] or (change and unit in ("%", "pp"))):
            continue
        if not change and not (spec["min"] <= value <= spec["max"]):
            continue
        kind = "change" if change else "target" if target_rx.search(header) else "actual"
        new.append({"doc_id": doc_id, "indicator": indicator, "kind": kind, "value": value, "unit": unit,
                    "masked": False, "level": "", "period": period,
                    # a row label that is no period names what the row measures (a station, a river)
                    "qualifier": row_label if (spec["qualifier"] and row_label and row_label != header
                                                and not _period_of(row_label)) else "",
                    "figure_id": figures.at[i, "figure_id"], "section_id": figures.at[i, "section_id"],
                    "start": int(figures.at[i, "start"]), "end": int(figures.at[i, "end"]),
                    "sentence": figures.at[i, "sentence"]})
    if not new:
        return cells_df, figures, indicators
    taken = {r["figure_id"] for r in new}
    old = [] if indicators is None or not len(indicators) else \
        indicators[~indicators["figure_id"].isin(taken)].to_dict("records")
    merged = sorted(old + new, key=lambda r: (int(r["start"]), str(r["figure_id"])))
    return cells_df, figures, indicator_frame(merged)
