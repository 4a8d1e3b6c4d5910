"""Column contracts of every table the toolkit produces.

One place that says what each table holds, in order. Stages build rows as dicts and
``frame(name, rows)`` turns them into a DataFrame with exactly these columns, so a
missing or misspelt column fails loudly in tests instead of silently in a notebook.

Example:
    >>> from ecoanalysis.schema import COLUMNS, frame
    >>> list(frame("errors", []).columns)
    ['path', 'doc_id', 'stage', 'error', 'message']
"""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

COLUMNS: dict[str, list[str]] = {
    # one row per report
    "reports": [
        "doc_id", "title", "title_source", "issuer", "issuer_source",
        "province", "province_source", "city", "city_source", "county", "county_source",
        "admin_level", "admin_level_source", "anonymised",
        "year", "year_source", "period", "period_source", "period_cutoff",
        "plan_year", "plan_period", "plan_source", "doc_type", "doc_type_source",
        "script", "encoding", "source_format", "n_chars", "n_sections", "n_figures",
        "masked_share", "n_removed", "path", "sha256",
    ],
    # one row per outline node
    "sections": [
        "doc_id", "section_id", "parent_id", "level", "marker", "number", "heading",
        "start", "end", "own_chars", "part", "topic", "topic_cues",
    ],
    # one row per cell of a Word or PDF table (offsets into the cleaned text)
    "tables": ["doc_id", "table_id", "row", "column", "header_path", "cell_text", "start", "end"],
    # one row per removal made by the cleaner
    "cleaning_log": ["doc_id", "reason", "orig_start", "orig_end", "removed"],
    # one row per file that failed or was skipped
    "errors": ["path", "doc_id", "stage", "error", "message"],
    # one row per number mention
    "figures": [
        "doc_id", "figure_id", "section_id", "start", "end", "sentence", "subject",
        "value", "value_text", "unit_text", "unit", "approx", "masked", "stripped",
        "number_kind",
    ],
    # one row per indicator mention
    "indicators": [
        "doc_id", "indicator", "kind", "value", "unit", "masked", "qualifier", "level",
        "period", "figure_id", "section_id", "start", "end", "sentence",
    ],
    # one row per warning raised by the consistency checks
    "checks": [
        "doc_id", "check", "severity", "indicator", "message", "figure_id", "start", "end",
        "sentence",
    ],
    # one row per problem statement
    "problems": [
        "doc_id", "problem_id", "section_id", "heading", "text", "summary", "start", "end",
        "themes", "theme_cues", "cluster_id", "source",
    ],
    "problem_clusters": [
        "cluster_id", "label", "n_statements", "n_reports", "regions", "years",
        "representative", "problem_ids",
    ],
    "problem_plan_links": [
        "doc_id", "problem_id", "plan_section_id", "plan_text", "score", "addressed",
    ],
    # one row per (report, part, term)
    "terms": ["doc_id", "part", "term", "count"],
}


@lru_cache(maxsize=None)
def _empty(name: str) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in COLUMNS[name]})


def frame(name: str, rows) -> pd.DataFrame:
    """Build table ``name`` from an iterable of dicts (or a DataFrame), columns in contract order.

    Extra keys are an error: they mean a stage and the contract disagree.
    """
    cols = COLUMNS[name]
    if type(rows) is list and not rows:
        return _empty(name).copy()  # what the path below gives, without building pd.DataFrame([]) first
    fresh = not isinstance(rows, pd.DataFrame)
    df = _from_records(rows if isinstance(rows, list) else list(rows)) if fresh else rows
    if df.empty and not len(df.columns):
        return _empty(name).copy()  # a fresh frame: callers may add to it (building one costs ~1 ms)
    extra = [c for c in df.columns if c not in cols]
    if extra:
        raise KeyError(f"table {name!r} got columns not in its contract: {extra}")
    if fresh and list(df.columns) == cols:
        return df  # built here in contract order with a RangeIndex: the copy below would equal it
    for c in cols:
        if c not in df.columns:
            df[c] = None
    return df[cols].reset_index(drop=True)


def _from_records(rows: list) -> pd.DataFrame:
    """``pd.DataFrame(rows)``; rows that are dicts with one key set are passed as columns, which
    pandas infers the same way (each column from its values) at about half the cost."""
    if rows and type(rows[0]) is dict:
        keys = rows[0].keys()
        if all(type(r) is dict and r.keys() == keys for r in rows):
            return pd.DataFrame({k: [r[k] for r in rows] for k in keys})
    return pd.DataFrame(rows)
