"""Comparisons across reports: small pure functions from corpus tables to tidy or pivoted frames.

Every function takes DataFrames of the contracts in ``docs/tables.md`` (``corpus.reports``,
``corpus.indicators`` …) and returns a new DataFrame; nothing is modified in place. A masked
number is never a value: matrices carry a ``status`` of ``reported``, ``masked`` or ``missing``
beside the values, and every headline value keeps its ``period`` (H1, annual, year-to-date…),
so half-year and full-year figures are never mixed silently.

Example:
    >>> reports = pd.DataFrame({"doc_id": ["a", "b"], "province": ["江苏省", ""],
    ...     "city": ["镇江市", ""], "county": ["丹阳市", ""], "year": [2020, 2023],
    ...     "period": ["H1", "annual"], "period_cutoff": ["", ""]})
    >>> region_label(reports).tolist()
    ['丹阳市', '(anonymised) b']
    >>> ind = pd.DataFrame({"doc_id": ["a", "b"], "indicator": ["pm25"] * 2,
    ...     "kind": ["actual"] * 2, "value": [31.0, None], "unit": ["ug/m3"] * 2,
    ...     "masked": [False, True], "qualifier": ["", ""], "start": [5, 9]})
    >>> m = indicator_matrix(ind, reports, "pm25")
    >>> m.status.to_dict("index")["(anonymised) b"]["2023 全年"]
    'masked'
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import pandas as pd

from .extract.indicators import HEADLINE_RULE, headline  # the one headline rule

__all__ = [
    "period_order", "indicator_catalog", "period_label", "region_label", "report_labels",
    "HEADLINE_RULE", "headline", "headline_values", "indicator_matrix", "IndicatorMatrix", "yoy_changes", "topic_shares",
    "completeness", "rectification", "is_proposed", "drop_proposed", "problem_themes", "cluster_membership", "cluster_title",
]

def period_order() -> tuple:
    """Period codes in display order (``resources/periods.csv``)."""
    from .metadata import periods

    return periods()


STATUSES = ("reported", "masked", "missing")


def _blank(v) -> bool:
    return v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NA or v is pd.NaT or str(v).strip() == ""


def _col(df: pd.DataFrame, name: str, default="") -> pd.Series:
    return df[name] if name in df.columns else pd.Series([default] * len(df), index=df.index)


def indicator_catalog() -> pd.DataFrame:
    """The indicator catalog (``resources/indicators.csv``): id, name_zh, unit, direction, category.

    >>> indicator_catalog().set_index("id").loc["pm25", "direction"]
    'lower_is_better'
    """
    from .resources import read_csv

    cat = read_csv("indicators.csv")
    return cat[["id", "name_zh", "name_en", "category", "unit", "direction"]].copy()


def period_label(period, cutoff=None) -> str:
    """Short label of a period: ``H1`` → 'H1上半年', ``annual`` → '全年', year-to-date → '截至11-11'.

    >>> period_label("year-to-date", "11-11"), period_label("annual"), period_label(None)
    ('截至11-11', '全年', '?')
    """
    if _blank(period):
        return "?"
    from .metadata import period_info

    label = period_info().get(str(period), {}).get("label", str(period))
    if period == "year-to-date":
        label += str(cutoff) if not _blank(cutoff) else "(年内)"
    return label


def region_label(reports: pd.DataFrame) -> pd.Series:
    """One region label per report (index as ``reports``): county, else city, else province,
    else '(anonymised) ' + doc_id."""
    out = []
    for _, r in reports.iterrows():
        label = next((str(r[c]) for c in ("county", "city", "province")
                      if c in reports.columns and not _blank(r[c])), None)
        out.append(label or f"(anonymised) {r['doc_id']}")
    return pd.Series(out, index=reports.index, name="region", dtype="object")


def report_labels(reports: pd.DataFrame) -> pd.DataFrame:
    """Short, unique chart labels per report, in a fixed order (region, year, period, doc_id).

    Columns: doc_id, region, province ('(未知) unknown' when not stated), year, period,
    period_cutoff, period_label, label (e.g. '丹阳市 2020 H1上半年'; unknown regions show as
    '(anonymised)').
    """
    prov = _col(reports, "province").astype("object")
    df = pd.DataFrame({"doc_id": reports["doc_id"].astype(str).to_numpy(),
                       "region": region_label(reports).to_numpy(),
                       "province": [str(v) if not _blank(v) else "(未知) unknown" for v in prov],
                       "year": pd.to_numeric(_col(reports, "year", None), errors="coerce").to_numpy(),
                       "period": _col(reports, "period").to_numpy(),
                       "period_cutoff": _col(reports, "period_cutoff").to_numpy()})
    df["year"] = df["year"].astype("Int64")
    df["period_label"] = [period_label(p, c) for p, c in zip(df["period"], df["period_cutoff"])]
    short = df["region"].where(~df["region"].str.startswith("(anonymised)"), "(anonymised)")
    year = df["year"].astype("object").where(df["year"].notna(), "20??").astype(str)
    df["label"] = short + " " + year + " " + df["period_label"]
    dup = df["label"].duplicated(keep=False)
    df.loc[dup, "label"] = df.loc[dup, "label"] + " [" + df.loc[dup, "doc_id"] + "]"
    df["_p"] = df["period"].map({p: i for i, p in enumerate(period_order())}).fillna(len(period_order()))
    df = df.sort_values(["region", "year", "_p", "doc_id"], kind="stable", na_position="last")
    return df.drop(columns="_p").reset_index(drop=True)


def headline_values(indicators: pd.DataFrame, reports: pd.DataFrame, *, kind=None) -> pd.DataFrame:
    """:func:`headline` rows with each report's label and period beside them.

    ``kind``: 'actual', 'target', 'change' or a list. A masked value is NaN with status 'masked'.
    Columns: doc_id, region, province, label, year, period, period_cutoff, period_label,
    indicator, kind, value, unit, masked, status ('reported'/'masked'), qualifier, period_stated,
    n_mentions, figure_id, start, end, sentence.

    >>> reps = pd.DataFrame({"doc_id": ["a"], "city": ["平凉市"], "year": [2022], "period": ["annual"]})
    >>> ind = pd.DataFrame({"doc_id": ["a", "a"], "indicator": ["pm25"] * 2, "kind": ["actual"] * 2,
    ...     "value": [20.0, 24.0], "masked": [False] * 2, "qualifier": ["某站", ""], "start": [1, 9]})
    >>> headline_values(ind, reps)[["region", "period", "value", "n_mentions"]]
      region  period  value  n_mentions
    0    平凉市  annual   24.0           2
    """
    cols = ["doc_id", "region", "province", "label", "year", "period", "period_cutoff", "period_label",
            "indicator", "kind", "value", "unit", "masked", "status", "qualifier", "period_stated",
            "n_mentions", "figure_id", "start", "end", "sentence"]
    ind = indicators
    if kind is not None and len(ind):
        ind = ind[ind["kind"].isin([kind] if isinstance(kind, str) else list(kind))]
    if ind.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in cols})
    ind = headline(ind)
    for c in ("qualifier", "unit", "period", "figure_id", "sentence", "end"):
        ind[c] = _col(ind, c).astype("object")
    ind["qualifier"] = ind["qualifier"].fillna("")
    ind["masked"] = _col(ind, "masked", False).fillna(False).astype(bool)
    ind["value"] = pd.to_numeric(ind["value"], errors="coerce")
    ind = ind.rename(columns={"period": "period_stated"})
    labels = report_labels(reports)
    out = labels.merge(ind, on="doc_id", how="inner")
    out["status"] = np.where(out["masked"], "masked", "reported")
    out.loc[out["masked"], "value"] = np.nan  # a masked number is never a value
    return out[cols].sort_values(["indicator", "kind", "region", "year", "doc_id", "start"], kind="stable",
                                 na_position="last").reset_index(drop=True)


class IndicatorMatrix(NamedTuple):
    """``values`` (float, NaN where masked or missing) and ``status`` ('reported'/'masked'/
    'missing') with the same rows (region) and columns ('2022 H1上半年' …), plus the unit."""

    values: pd.DataFrame
    status: pd.DataFrame
    indicator: str
    kind: str
    unit: str


def indicator_matrix(indicators: pd.DataFrame, reports: pd.DataFrame, indicator: str, *,
                     kind: str = "actual", period=None, by: str = "region") -> IndicatorMatrix:
    """An indicator as a region × year-and-period matrix; masked cells stay distinct from missing.

    Columns are '{year} {period_label}' so H1 and annual are separate columns; ``period='annual'``
    (or a list) keeps only those periods and labels columns by year alone. Rows are every
    region of ``reports`` (regions without the indicator are all 'missing'); ``by='province'``
    makes rows provinces, a cell the median of its reported values (masked only when every
    value in it is masked).
    """
    labels = report_labels(reports)
    if by == "province":
        labels = labels.assign(region=labels["province"])
    if period is not None:
        labels = labels[labels["period"].isin([period] if isinstance(period, str) else list(period))]
    head = headline_values(indicators, reports, kind=kind)
    head = head[head["indicator"] == indicator]
    if by == "province":
        head = head.assign(region=head["province"])
    year = labels["year"].astype("object").where(labels["year"].notna(), "20??").astype(str)
    labels = labels.assign(column=year if period is not None else year + " " + labels["period_label"],
                           _y=labels["year"].fillna(9999),
                           _p=labels["period"].map({p: i for i, p in enumerate(period_order())}).fillna(99))
    col_order = list(dict.fromkeys(labels.sort_values(["_y", "_p", "column"])["column"]))
    rows = sorted(labels["region"].unique())
    values = pd.DataFrame(np.nan, index=pd.Index(rows, name="region"), columns=col_order)
    status = pd.DataFrame("missing", index=values.index, columns=col_order, dtype="object")
    colmap = dict(zip(labels["doc_id"], labels["column"]))
    cells: dict = {}
    for r in head.itertuples():
        col = colmap.get(r.doc_id)
        if col is None:
            continue
        cells.setdefault((r.region, col), []).append((r.status, r.value))
    for (region, col), got in cells.items():
        vals = [v for s_, v in got if s_ == "reported"]
        if vals:  # several reports in one cell (by="province"): their median; else the first
            status.at[region, col] = "reported"
            values.at[region, col] = float(np.median(vals)) if by == "province" else vals[0]
        else:
            status.at[region, col] = "masked"
    units = head["unit"].dropna().astype(str)
    unit = units.iloc[0] if len(units) else ""
    return IndicatorMatrix(values, status, indicator, kind, unit)


def _directions() -> dict:
    cat = indicator_catalog()
    return dict(zip(cat["id"], cat["direction"]))


def yoy_changes(indicators: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """Year-over-year changes: those a report states (同比, kind 'change') and those computed
    between two reports of the same region and period in consecutive years.

    ``improved`` follows the indicator's direction (lower_is_better: a fall is an improvement);
    it is NA for masked changes. Columns: doc_id, region, label, indicator, qualifier, source
    ('stated'/'computed'), year, period, period_label, change, unit, masked, direction, improved,
    value_from, value_to, sentence.
    """
    cols = ["doc_id", "region", "label", "indicator", "qualifier", "source", "year", "period",
            "period_label", "change", "unit", "masked", "direction", "improved", "value_from",
            "value_to", "sentence"]
    direction = _directions()
    rows = []
    labels = report_labels(reports).set_index("doc_id")
    lab = {d: (r.region, r.label, r.year, r.period, r.period_label) for d, r in zip(labels.index, labels.itertuples())}
    ind = indicators[indicators["kind"] == "change"] if len(indicators) else indicators
    for r in ind.sort_values(["doc_id", "start"], kind="stable").itertuples():
        if r.doc_id not in lab:
            continue
        region, label, year, period, plabel = lab[r.doc_id]
        masked = bool(r.masked) if not _blank(r.masked) else False
        rows.append({"doc_id": r.doc_id, "region": region, "label": label,
                     "indicator": r.indicator, "qualifier": getattr(r, "qualifier", ""),
                     "source": "stated", "year": year, "period": period, "period_label": plabel,
                     "change": np.nan if masked else float(r.value), "unit": r.unit,
                     "masked": masked, "value_from": np.nan, "value_to": np.nan,
                     "sentence": getattr(r, "sentence", "")})
    head = headline_values(indicators, reports, kind="actual")
    head = head[head["status"] == "reported"].dropna(subset=["year"])
    head = head.assign(qualifier=head["qualifier"].fillna("").astype(str), year=head["year"].astype("int64"))
    keys = ["region", "indicator", "period", "qualifier"]
    head = head.sort_values(keys + ["year", "doc_id"], kind="stable").reset_index(drop=True)
    prev = head.groupby(keys, sort=False)[["year", "value"]].shift(1)
    # consecutive years of one region, indicator, period and section: the computed change
    ok = (head["year"] - prev["year"] == 1) & prev["value"].notna() & (prev["value"] != 0)
    for i in np.flatnonzero(ok.to_numpy()):
        b_, a_val = head.iloc[i], float(prev["value"].iat[i])
        rows.append({"doc_id": b_["doc_id"], "region": b_["region"], "label": b_["label"], "indicator": b_["indicator"],
                     "qualifier": b_["qualifier"], "source": "computed", "year": b_["year"], "period": b_["period"],
                     "period_label": b_["period_label"], "change": (b_["value"] - a_val) / abs(a_val) * 100,
                     "unit": "%", "masked": False, "value_from": a_val, "value_to": b_["value"], "sentence": ""})
    out = pd.DataFrame(rows, columns=[c for c in cols if c not in ("direction", "improved")])
    out["direction"] = out["indicator"].map(direction).fillna("")
    sign = out["direction"].map({"lower_is_better": -1.0, "higher_is_better": 1.0})
    improved = (out["change"] * sign) > 0
    out["improved"] = improved.astype("boolean").where(out["change"].notna() & sign.notna() & (out["change"] != 0))
    return out[cols].reset_index(drop=True)


def topic_shares(sections: pd.DataFrame, *, part=None) -> pd.DataFrame:
    """Each report's share of text per topic (own_chars, so nested sections count once).

    ``part``: keep only sections of that part (e.g. 'achievements'). Columns: doc_id, topic,
    chars, share (sums to 1 per report).

    >>> s = pd.DataFrame({"doc_id": ["a"] * 3, "topic": ["air", "water", "air"],
    ...                   "own_chars": [30, 50, 20], "part": ["achievements"] * 3})
    >>> topic_shares(s)
      doc_id  topic  chars  share
    0      a    air     50    0.5
    1      a  water     50    0.5
    """
    s = sections if part is None else sections[sections["part"] == part]
    s = s.assign(topic=s["topic"].where(s["topic"].map(lambda t: not _blank(t)), "other"),
                 own_chars=pd.to_numeric(s["own_chars"], errors="coerce").fillna(0))
    out = s.groupby(["doc_id", "topic"], sort=True)["own_chars"].sum().rename("chars").reset_index()
    out = out[out["chars"] > 0]
    out["chars"] = out["chars"].astype("int64")
    out["share"] = out["chars"] / out.groupby("doc_id")["chars"].transform("sum")
    return out.reset_index(drop=True)


MEASURED_KINDS = ("quantity", "percent", "percentage_points")


def completeness(figures: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """Data completeness per report: numbers reported vs masked (redacted) vs stripped (deleted).

    Counts the measured numbers only (number_kind quantity, percent, percentage_points): dates,
    years, document numbers and hotlines say nothing about redaction of results. So
    ``masked_share`` here equals ``reports.masked_share``.

    Columns: doc_id, label, province, n_figures, reported, masked, stripped, masked_share
    (masked + stripped over all). Every report of ``reports`` has a row, in ``report_labels`` order.
    """
    if "number_kind" in figures.columns:
        kind = figures["number_kind"]
        figures = figures[kind.isna() | kind.isin(MEASURED_KINDS)]
    f = figures.assign(masked=_col(figures, "masked", False).fillna(False).astype(bool),
                       stripped=_col(figures, "stripped", False).fillna(False).astype(bool))
    f = f.assign(state=np.where(f["stripped"], "stripped", np.where(f["masked"], "masked", "reported")))
    counts = pd.crosstab(f["doc_id"], f["state"]) if len(f) else pd.DataFrame()
    labels = report_labels(reports)[["doc_id", "label", "province"]]
    for c in ("reported", "masked", "stripped"):
        labels[c] = labels["doc_id"].map(counts[c] if c in counts else {}).fillna(0).astype("int64")
    labels.insert(3, "n_figures", labels[["reported", "masked", "stripped"]].sum(axis=1))
    total = labels["n_figures"].where(labels["n_figures"] > 0)
    labels["masked_share"] = ((labels["masked"] + labels["stripped"]) / total).astype(float)
    return labels.reset_index(drop=True)


@lru_cache(maxsize=1)
def _cues() -> dict:
    from .resources import read_csv

    return {r["key"]: re.compile(r["pattern"]) for r in read_csv("compare_cues.tsv").to_dict("records")}


_CLAUSE = re.compile(r"[；;。！？!?]")  # 拟 reaches over commas: 拟对3台机械进行处罚，处罚金额共计1.5万元


def _number_spans(sentence: str, value) -> list:
    """(start, end) of each place ``value`` is written in ``sentence`` (not inside a longer number)."""
    if _blank(value) or not isinstance(sentence, str):
        return []
    v = float(value)
    forms = {f"{v:g}", f"{v:.1f}", f"{v:.2f}"} if v != int(v) else {f"{int(v)}"}
    out = []
    for form in sorted(forms, key=len, reverse=True):
        for m in re.finditer(rf"(?<![0-9.]){re.escape(form)}(?![0-9])", sentence):
            out.append((m.start(), m.end()))
    return sorted(set(out))


def is_proposed(sentence, value) -> bool:
    """True when ``sentence`` says ``value`` is proposed: a cue (``proposed`` in
    ``resources/compare_cues.tsv``: 拟…) before the number in the same clause run (up to the
    previous 。；); a number that cannot be found is judged by the whole sentence.

    >>> is_proposed("共处罚82.775万元，同时拟对3台机械进行处罚，处罚金额共计1.5万元。", 1.5)
    True
    >>> is_proposed("共处罚82.775万元，同时拟对3台机械进行处罚，处罚金额共计1.5万元。", 82.775)
    False
    """
    rx = _cues()["proposed"]
    sentence = "" if _blank(sentence) else str(sentence)
    spans = _number_spans(sentence, value)
    if not spans:
        return bool(rx.search(sentence))
    for start, _ in spans:
        clause_start = max([m.end() for m in _CLAUSE.finditer(sentence, 0, start)], default=0)
        if rx.search(sentence, clause_start, start):
            return True
    return False


def drop_proposed(indicators: pd.DataFrame) -> pd.DataFrame:
    """``indicators`` without the mentions :func:`is_proposed` marks (a proposed penalty is
    neither a result nor a target)."""
    if indicators.empty or "sentence" not in indicators.columns:
        return indicators
    keep = [not is_proposed(s, v) for s, v in zip(indicators["sentence"], indicators["value"])]
    return indicators[np.array(keep, dtype=bool)]


def _closed_is_subject(sentence: str, value) -> bool:
    """The closed count is the subject of 'already all closed' (需限期整改的88个已全部整改销号):
    a sub-batch closed in full, not 'closed out of the handed-down count'."""
    rx = _cues()["closed_subject"]
    return any(rx.match(sentence, end) for _, end in _number_spans(sentence, value))


def rectification(indicators: pd.DataFrame, reports: pd.DataFrame, *,
                  handed: str = "inspection_issues", closed: str = "inspection_issues_closed") -> pd.DataFrame:
    """Issues handed down vs closed per report (督察交办 vs 整改销号; or complaints_received vs
    complaints_closed). Reports mentioning neither are left out.

    A rate needs both numbers in ONE sentence ("共交办问题47个，已完成整改销号31个"): reports give
    several batches, and 44 handed down in one paragraph and 46 closed in another are different
    batches. Of a report's same-sentence pairs the largest batch is kept. A pair is rejected
    when the closed count exceeds the handed one, or when the closed number is the subject of
    "already all closed" (需限期整改的88个已全部整改: all 88 due were closed, not 88 of 108).
    ``pairing`` says what was found: 'same_sentence', 'masked' (both numbers redacted in one
    sentence) or 'none' (values are then the headline values and ``closed_share`` is NaN).

    Columns: doc_id, label, period_label, handed, handed_status, closed, closed_status,
    closed_share (NaN unless a same-sentence pair), pairing, sentence (of the pair, else '').
    """
    cols = ["doc_id", "label", "period_label", "handed", "handed_status", "closed",
            "closed_status", "closed_share", "pairing", "sentence"]
    head = headline_values(indicators, reports, kind="actual")
    head = head[head["indicator"].isin([handed, closed])]
    if head.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in cols})
    acts = indicators[(indicators["kind"] == "actual") & indicators["indicator"].isin([handed, closed])]
    acts = acts.assign(masked=_col(acts, "masked", False).fillna(False).astype(bool),
                       sentence=_col(acts, "sentence").fillna("").astype(str))
    # plain dicts, not per-report DataFrame filters: this runs for thousands of reports
    sentences: dict = {}
    for d, ind_id, v, m, sen, st in zip(acts["doc_id"], acts["indicator"], acts["value"], acts["masked"],
                                        acts["sentence"], acts["start"]):
        by_ind = sentences.setdefault(d, {}).setdefault(sen, {})
        by_ind.setdefault(ind_id, (v, bool(m), st))  # first mention of each side in the sentence
    head_rows: dict = {}
    for r in head[["doc_id", "label", "period_label", "indicator", "value", "status"]].itertuples(index=False):
        head_rows.setdefault(r.doc_id, {"label": r.label, "period_label": r.period_label})[r.indicator] = \
            (r.value, r.status)
    rows = []
    for doc_id, info in head_rows.items():
        row = {"doc_id": doc_id, "label": info["label"], "period_label": info["period_label"],
               "sentence": "", "pairing": "none"}
        for key, ind_id in (("handed", handed), ("closed", closed)):
            value, status = info.get(ind_id, (np.nan, "missing"))
            row[key], row[f"{key}_status"] = value, status
        pairs, masked_pair = [], ""
        for sentence, sides in sentences.get(doc_id, {}).items():
            if handed not in sides or closed not in sides or not sentence:
                continue
            (hv, hm, hs), (cv, cm, cs) = sides[handed], sides[closed]
            if hm or cm:
                masked_pair = masked_pair or sentence
                continue
            hv, cv = float(hv), float(cv)
            if cv > hv or _closed_is_subject(sentence, cv):
                continue
            pairs.append((hv, cv, int(min(hs, cs)), sentence))
        if pairs:
            hv, cv, _, sentence = max(pairs, key=lambda p: (p[0], -p[2]))
            row.update(handed=hv, closed=cv, handed_status="reported", closed_status="reported",
                       sentence=sentence, pairing="same_sentence")
        elif masked_pair:
            row.update(handed=np.nan, closed=np.nan, handed_status="masked", closed_status="masked",
                       sentence=masked_pair, pairing="masked")
        rows.append(row)
    out = pd.DataFrame(rows, columns=cols)
    paired = out["pairing"] == "same_sentence"
    out["closed_share"] = (out["closed"] / out["handed"].where(paired & (out["handed"] > 0))).astype(float)
    order = {d: i for i, d in enumerate(report_labels(reports)["doc_id"])}
    return out.sort_values("doc_id", key=lambda s: s.map(order)).reset_index(drop=True)


def problem_themes(problems: pd.DataFrame, reports: pd.DataFrame, *, wide: bool = False) -> pd.DataFrame:
    """Problem statements per report and theme (a statement with two themes counts for both).

    Columns: doc_id, label, theme, n_statements; ``wide=True``: a label × theme count matrix.
    """
    p = problems.assign(theme=problems["themes"].fillna("").astype(str).str.split(";"))
    p = p.explode("theme")
    p["theme"] = p["theme"].str.strip().replace("", "(none)")
    out = p.groupby(["doc_id", "theme"], sort=True).size().rename("n_statements").reset_index()
    labels = report_labels(reports)[["doc_id", "label"]]
    out = labels.merge(out, on="doc_id", how="inner")[["doc_id", "label", "theme", "n_statements"]]
    if not wide:
        return out.reset_index(drop=True)
    mat = out.pivot_table(index="label", columns="theme", values="n_statements", aggfunc="sum", fill_value=0)
    order = [lab for lab in labels["label"] if lab in mat.index]
    return mat.reindex(order).astype("int64")


def cluster_title(representative, label="", *, width: int = 24) -> str:
    """A readable name for a problem cluster: the first sentence of its representative statement
    (cut at ``width`` characters), else its term label.

    >>> cluster_title("环境执法监管还存在薄弱环节。环境执法监管量大面广。", "执法、有待、监测")
    '环境执法监管还存在薄弱环节'
    """
    text = "" if _blank(representative) else str(representative).strip()
    first = re.split(r"[。；;！!？?]", text, maxsplit=1)[0].strip(" ，,：:")
    if not first:
        return "" if _blank(label) else str(label)
    return first if len(first) <= width else first[: width - 1] + "…"


def cluster_membership(problems: pd.DataFrame, clusters: pd.DataFrame, reports: pd.DataFrame, *,
                       min_reports: int = 2) -> pd.DataFrame:
    """Which reports share which recurring problems: one row per cluster × report.

    Keeps clusters stated in at least ``min_reports`` reports; ``cluster_label`` is
    :func:`cluster_title` (the representative statement's first sentence). Columns: cluster_id,
    cluster_label, n_reports, doc_id, label, n_statements.
    """
    cols = ["cluster_id", "cluster_label", "n_reports", "doc_id", "label", "n_statements"]
    p = problems[problems["cluster_id"].map(lambda c: not _blank(c))]
    if p.empty or clusters.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in cols})
    counts = p.groupby(["cluster_id", "doc_id"], sort=True).size().rename("n_statements").reset_index()
    counts["cluster_id"] = counts["cluster_id"].astype(str)
    cl = clusters.assign(cluster_id=clusters["cluster_id"].astype(str))
    cl = pd.DataFrame({"cluster_id": cl["cluster_id"].to_numpy(),
                       "cluster_label": [cluster_title(r, lab) for r, lab in
                                         zip(_col(cl, "representative"), _col(cl, "label"))]})
    out = counts.merge(cl, on="cluster_id", how="left")
    out["n_reports"] = out.groupby("cluster_id")["doc_id"].transform("nunique")
    out = out[out["n_reports"] >= min_reports]
    out = out.merge(report_labels(reports)[["doc_id", "label"]], on="doc_id", how="inner")
    out["cluster_label"] = out["cluster_label"].fillna(out["cluster_id"])
    return out.sort_values(["n_reports", "cluster_id", "doc_id"], ascending=[False, True, True],
                           kind="stable")[cols].reset_index(drop=True)
