"""One self-contained HTML page of a corpus: overview, indicator tables, charts, recurring problems
and an evidence view (each indicator value in its sentence, the number in ``<mark>``).

The page makes no external request: styles are inline, every chart is an embedded base64 PNG
from the one figure registry (:mod:`ecoanalysis.plots.registry`), and all text is HTML-escaped.
Masked (redacted) values are shown as "已打码", never as a number.

Example:
    >>> highlight("PM2.5浓度为27微克/立方米", 8, 10)
    'PM2.5浓度为<mark>27</mark>微克/立方米'
    >>> highlight("优良率<b>为**%", 7, 9, masked=True)
    '优良率&lt;b&gt;为<mark class="masked" title="已打码 redacted">**</mark>%'
"""
from __future__ import annotations

import base64
import html
import re
from pathlib import Path

import pandas as pd

from . import compare as cmp

__all__ = ["write_report", "render_html", "highlight", "evidence"]

_CSS = """
body{font-family:"EcoCJK","Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;
margin:0 auto;max-width:1200px;padding:1em 2em;color:#222;line-height:1.5}
h1{border-bottom:3px solid #1b7837}h2{margin-top:2em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:.5em 0 1.5em;font-size:13px}
th,td{border:1px solid #ddd;padding:3px 7px;vertical-align:top}th{background:#f3f3f3;text-align:left}
td.num{text-align:right;font-variant-numeric:tabular-nums}
mark{background:#fde68a;padding:0 2px}mark.masked,.masked{background:#9ca3af;color:#fff;padding:0 3px;white-space:nowrap}
figure{margin:1em 0 2em}figure img{max-width:100%;border:1px solid #eee}figcaption{color:#555;font-size:13px}
.note{color:#555;font-size:13px}nav a{margin-right:1em}figcaption .en{color:#777;margin-left:.5em}
"""


def _e(v) -> str:
    """HTML-escaped text of a cell ('' for missing)."""
    if v is None or (isinstance(v, float) and pd.isna(v)) or v is pd.NA:
        return ""
    return html.escape(str(v))


def highlight(sentence: str, rel_start: int, rel_end: int, *, masked: bool = False) -> str:
    """The sentence, escaped, with ``sentence[rel_start:rel_end]`` in ``<mark>`` (class 'masked'
    for redacted numbers); the whole sentence escaped without a mark when the span is invalid."""
    sentence = str(sentence)
    if not 0 <= rel_start < rel_end <= len(sentence):
        return html.escape(sentence)
    cls = ' class="masked" title="已打码 redacted"' if masked else ""
    return (html.escape(sentence[:rel_start]) + f"<mark{cls}>" + html.escape(sentence[rel_start:rel_end])
            + "</mark>" + html.escape(sentence[rel_end:]))


def _span_in_sentence(text: str | None, sentence: str, start, end):
    """(rel_start, rel_end) of the number inside its sentence, from the cleaned text's offsets."""
    if text is None or pd.isna(start) or pd.isna(end) or not sentence:
        return None
    start, end = int(start), int(end)
    lo = max(0, end - len(sentence))
    pos = text.find(sentence, lo, start + len(sentence))
    if 0 <= pos <= start and end <= pos + len(sentence):
        return start - pos, end - pos
    span = text[start:end]
    rel = sentence.find(span) if span else -1
    return (rel, rel + len(span)) if rel >= 0 else None


def evidence(corpus) -> pd.DataFrame:
    """Indicator mentions with the position of their number in the sentence.

    Columns: doc_id, label, indicator, name_zh, kind, value, unit, masked, qualifier, sentence,
    rel_start, rel_end (NA when the number could not be located).
    """
    ind = corpus.indicators
    labels = cmp.report_labels(corpus.reports)[["doc_id", "label"]]
    names = cmp.indicator_catalog().set_index("id")["name_zh"]
    rows = []
    for doc_id in labels["doc_id"]:
        sub = ind[ind["doc_id"] == doc_id].sort_values("start", kind="stable")
        if sub.empty:
            continue
        try:
            text = corpus.text(doc_id)
        except Exception:  # text unavailable: show the sentence without a mark
            text = None
        for r in sub.itertuples():
            span = _span_in_sentence(text, str(r.sentence or ""), r.start, r.end)
            rows.append({"doc_id": doc_id, "indicator": r.indicator, "name_zh": names.get(r.indicator, r.indicator),
                         "kind": r.kind, "value": r.value, "unit": r.unit, "masked": bool(r.masked),
                         "qualifier": r.qualifier, "sentence": r.sentence,
                         "rel_start": span[0] if span else pd.NA, "rel_end": span[1] if span else pd.NA})
    cols = ["doc_id", "label", "indicator", "name_zh", "kind", "value", "unit", "masked", "qualifier",
            "sentence", "rel_start", "rel_end"]
    out = pd.DataFrame(rows, columns=[c for c in cols if c != "label"])
    return out.merge(labels, on="doc_id", how="left")[cols]


def _table(df: pd.DataFrame, *, num=()) -> str:
    """An HTML table; cells are escaped unless they are :class:`_Raw` (built by this module)."""
    head = "".join(f"<th>{_e(c)}</th>" for c in df.columns)
    body = []
    for row in df.itertuples(index=False):
        cells = []
        for c, v in zip(df.columns, row):
            cls = ' class="num"' if c in num else ""
            cells.append(f"<td{cls}>{v.html if isinstance(v, _Raw) else _e(v)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


class _Raw:
    """Already-escaped HTML for a table cell. Not a ``str`` subclass on purpose: pandas 3 stores
    strings in a string dtype (pyarrow-backed when pyarrow is installed) that keeps the text and
    drops the subclass, and the markup was then escaped a second time (literal ``<mark>``)."""

    __slots__ = ("html",)

    def __init__(self, html_text: str):
        self.html = str(html_text)

    def __eq__(self, other):
        return isinstance(other, _Raw) and other.html == self.html

    def __hash__(self):
        return hash(self.html)

    def __repr__(self):
        return f"_Raw({self.html!r})"


def _value_cell(value, status, unit) -> str:
    if status == "masked":
        return _Raw('<span class="masked">已打码 redacted</span>')
    if status == "missing" or pd.isna(value):
        return ""
    return f"{value:g} {unit or ''}".strip()


def _overview(corpus) -> str:
    r = corpus.reports
    labels = cmp.report_labels(r).set_index("doc_id")
    comp = cmp.completeness(corpus.figures, r).set_index("doc_id")
    df = pd.DataFrame({
        "doc_id": labels.index, "地区 region": labels["region"].to_numpy(),
        "年份 year": labels["year"].to_numpy(), "期间 period": labels["period_label"].to_numpy(),
        "类型 doc_type": labels.index.map(r.set_index("doc_id")["doc_type"]),
        "匿名 anonymised": labels.index.map(r.set_index("doc_id")["anonymised"]),
        "字数 chars": labels.index.map(r.set_index("doc_id")["n_chars"]),
        "数字 figures": comp["n_figures"].reindex(labels.index).to_numpy(),
        "打码/删除 masked share": [f"{v:.0%}" if pd.notna(v) else "" for v in comp["masked_share"].reindex(labels.index)],
    })
    n_masked = int(corpus.figures["masked"].fillna(False).astype(bool).sum()) if len(corpus.figures) else 0
    errs = corpus.errors
    parts = [f"<p>{len(r)} reports, {len(corpus.sections)} sections, {len(corpus.figures)} number mentions "
             f"({n_masked} masked or stripped), {len(corpus.indicators)} indicator mentions, "
             f"{len(corpus.problems)} problem statements.</p>",
             _table(df, num=("年份 year", "字数 chars", "数字 figures", "打码/删除 masked share"))]
    if len(errs):
        parts.append("<h3>未处理的文件 files not (fully) processed</h3>" + _table(errs[["path", "stage", "error", "message"]]))
    return "".join(parts)


def _indicator_tables(corpus) -> str:
    # a proposed value (拟处罚1.5万元) is neither a result nor a target
    head = cmp.headline_values(cmp.drop_proposed(corpus.indicators), corpus.reports, kind=["actual", "target"])
    if head.empty:
        return "<p>No indicator values.</p>"
    names = cmp.indicator_catalog().set_index("id")["name_zh"]
    head = head.assign(cell=[_value_cell(v, s, u) for v, s, u in zip(head["value"], head["status"], head["unit"])],
                       column=head["label"])
    out = ['<p class="note">每个报告、指标和类型一个值 one value per report, indicator and kind: '
           + _e(cmp.HEADLINE_RULE) + ' 期间写在列标题中 The period is in each column header: H1 (上半年) values are '
           'not comparable with annual (全年) ones. <span class="masked">已打码</span> = the report hides the number. '
           '拟（建议）的数值不列入 Proposed (拟) values are left out.</p>']
    for kind, title in (("actual", "实际值 actuals"), ("target", "目标值 targets")):
        sub = head[head["kind"] == kind]
        if sub.empty:
            continue
        mat = sub.pivot_table(index="indicator", columns="column", values="cell", aggfunc="first")
        order = [lab for lab in cmp.report_labels(corpus.reports)["label"] if lab in mat.columns]
        mat = mat.reindex(columns=order).fillna("")
        mat.insert(0, "指标 indicator", [f"{names.get(i, i)} ({i})" for i in mat.index])
        out.append(f"<h3>{_e(title)}</h3>" + _table(mat.reset_index(drop=True), num=tuple(order)))
    return "".join(out)


def _charts(corpus) -> str:
    """Every registered chart that has data, captioned in Chinese with English beside; the
    charts left out are listed with the reason (a heatmap with one filled cell says nothing)."""
    import matplotlib.pyplot as plt

    from .plots.registry import CAPTIONS, FIGURES, figure_bytes, plan, sorted_corpus

    sc = sorted_corpus(corpus)
    todo = plan(sc)
    out = []
    for name in todo.loc[todo["drawn"], "name"]:
        fig = FIGURES[name](sc)
        try:
            data = base64.b64encode(figure_bytes(fig, "png")).decode("ascii")
        finally:
            plt.close(fig)
        zh, en = CAPTIONS.get(name, (name, name))
        out.append(f'<figure id="fig-{_e(name)}"><img alt="{_e(zh)} {_e(en)}" src="data:image/png;base64,{data}">'
                   f'<figcaption>{_e(zh)} <span class="en">{_e(en)}</span></figcaption></figure>')
    skipped = todo[~todo["drawn"]]
    if len(skipped):
        rows = [{"图表 chart": f"{CAPTIONS.get(n, (n, n))[0]} {CAPTIONS.get(n, (n, n))[1]}",
                 "未画出的原因 why not drawn": r} for n, r in zip(skipped["name"], skipped["reason"])]
        out.append("<h3>未画出的图表 charts left out</h3>" + _table(pd.DataFrame(rows)))
    return "".join(out) or "<p>没有可画的图表 no chart has data.</p>"


def _provenance(corpus, generated: str) -> str:
    """Package version, date, resources digest and every source file with its sha256."""
    from . import __version__
    from .resources import resources_digest

    r = corpus.reports
    files = pd.DataFrame({"doc_id": r["doc_id"].to_numpy(),
                          "文件 file": r["path"].to_numpy() if "path" in r.columns else "",
                          "sha256": r["sha256"].to_numpy() if "sha256" in r.columns else ""})
    from .compare import HEADLINE_RULE

    settings = pd.DataFrame({
        "项目 item": ["ecoanalysis 版本 version", "生成日期 generated (UTC)", "资源文件摘要 resources digest",
                    "报告数 reports", "主值规则 headline rule"],
        "值 value": [__version__, generated, resources_digest()[:16], str(len(r)), HEADLINE_RULE]})
    return _table(settings) + "<h3>来源文件 source files</h3>" + _table(files)


def _problems(corpus) -> str:
    cl = corpus.problem_clusters
    out = []
    if len(cl):
        df = cl[["cluster_id", "label", "n_reports", "n_statements", "regions", "years", "representative"]]
        df.insert(1, "问题 problem", [cmp.cluster_title(r, lab) for r, lab in zip(df["representative"], df["label"])])
        df = df.rename(columns={"label": "关键词 terms"})
        out.append("<h3>反复出现的问题 recurring problem clusters</h3>" + _table(df, num=("n_reports", "n_statements")))
    if len(corpus.problems):
        labels = cmp.report_labels(corpus.reports)[["doc_id", "label"]]
        p = corpus.problems.merge(labels, on="doc_id", how="left")
        out.append("<h3>问题陈述 problem statements</h3>"
                   + _table(p[["label", "problem_id", "themes", "cluster_id", "summary"]]))
    return "".join(out) or "<p>No problem statements.</p>"


def _evidence(corpus) -> str:
    ev = evidence(corpus)
    if ev.empty:
        return "<p>No indicator mentions.</p>"
    out = ['<p class="note">Each indicator mention in its sentence; the number is '
           '<mark>highlighted</mark>, redacted numbers are <mark class="masked">grey</mark>.</p>']
    for label, g in ev.groupby("label", sort=False):
        rows = []
        for r in g.itertuples():
            if pd.isna(r.rel_start):
                sent = _Raw(html.escape(str(r.sentence or "")))
            else:
                sent = _Raw(highlight(str(r.sentence), int(r.rel_start), int(r.rel_end), masked=r.masked))
            val = _Raw('<span class="masked">已打码</span>') if r.masked else (
                "" if pd.isna(r.value) else f"{r.value:g} {r.unit or ''}")
            rows.append({"指标 indicator": f"{r.name_zh} ({r.indicator})", "kind": r.kind, "value": val,
                         "qualifier": r.qualifier, "sentence": sent})
        out.append(f"<h3>{_e(label)}</h3>" + _table(pd.DataFrame(rows)))
    return "".join(out)


def _font_face(text: str) -> str:
    """An @font-face rule embedding the CJK font, subset to the page's characters (a few hundred
    KB), so Chinese renders on machines without CJK fonts; '' when subsetting is unavailable."""
    try:
        import io

        from fontTools import subset

        from .fonts import cjk_font_path

        opts = subset.Options()
        opts.layout_features, opts.notdef_outline = ["*"], True
        font = subset.load_font(cjk_font_path(), opts)
        font.recalcTimestamp = False  # same page, same bytes
        sub = subset.Subsetter(opts)
        sub.populate(text="".join(sorted(set(text))))
        sub.subset(font)
        buf = io.BytesIO()
        font.save(buf)
    except Exception:  # no fontTools or no CJK font: the reader's own fonts are used
        return ""
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return f'@font-face{{font-family:"EcoCJK";src:url(data:font/otf;base64,{data}) format("opentype")}}'


def _today() -> str:
    import datetime as dt
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH")  # reproducible builds: a fixed date
    when = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch else dt.datetime.now(dt.timezone.utc)
    return when.strftime("%Y-%m-%d")


def render_html(corpus, *, title: str = "生态环境局工作报告比较 ecoanalysis report", generated: str | None = None,
                charts: bool = True) -> str:
    """The report page as a string (see :func:`write_report`). ``generated``: the date printed in
    the provenance block (default: today in UTC, or ``$SOURCE_DATE_EPOCH``); ``charts=False``
    leaves the charts out (a quick text-only page)."""
    sections = [("overview", "概览 corpus overview", _overview(corpus)),
                ("indicators", "指标 indicator values", _indicator_tables(corpus)),
                ("charts", "图表 charts", _charts(corpus) if charts else "<p>(charts left out)</p>"),
                ("problems", "存在问题 recurring problems", _problems(corpus)),
                ("evidence", "证据 evidence: values in their sentences", _evidence(corpus)),
                ("provenance", "来源与设置 provenance", _provenance(corpus, generated or _today()))]
    nav = "".join(f'<a href="#{sid}">{_e(t)}</a>' for sid, t, _ in sections)
    body = "".join(f'<section id="{sid}"><h2>{_e(t)}</h2>{content}</section>' for sid, t, content in sections)
    page = f"<h1>{_e(title)}</h1><nav>{nav}</nav>{body}"
    visible = re.sub(r"<[^>]*>", "", page)  # tags and the base64 images hold no text to draw
    return (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{_e(title)}</title>'
            f"<style>{_font_face(html.unescape(visible) + _e(title))}{_CSS}</style></head><body>{page}</body></html>")


def write_report(corpus, out_path, *, generated: str | None = None) -> Path:
    """Write the self-contained HTML report of ``corpus`` to ``out_path`` atomically; returns the path.

    >>> # write_report(read_corpus("data/reports"), "report.html")
    """
    from .writers import atomic_write_bytes

    return atomic_write_bytes(Path(out_path), render_html(corpus, generated=generated).encode("utf-8"))
