"""Outline tree of a report from Chinese numbering: 一、 / （一） / 1. 1、 / （1） / ① / 一是…二是….

Levels are not fixed per marker style: a stack assigns them in order of nesting, so a report
that starts at （一） or uses 1、 on top still gets a sensible tree. Tolerated conversion debris:
numerals stripped so a line starts with "、", "(-)" for (一), a top level that switches between
一、 and 2、, headings run into their paragraph, and numbered items run together on one line
("…污染。2.深入打好…"). Parts (preamble / achievements / problems / plans) come from heading
cues in ``resources/part_cues.tsv``; topics from ``resources/topics.csv``.

Example:
    >>> t = "总结\\n一、工作情况\\n（一）大气污染防治。PM2.5下降。\\n二、存在的问题\\n一是人员少。二是经费不足。"
    >>> s = segment(t, doc_id="d")
    >>> s[["section_id", "level", "marker", "heading", "part"]].values.tolist()[:3]
    [['d:s0', 0, '', '总结', 'preamble'], ['d:s1', 1, '一、', '工作情况', 'achievements'], ['d:s2', 2, '（一）', '大气污染防治', 'achievements']]
    >>> s[s.part == "problems"].heading.tolist()
    ['存在的问题', '人员少', '经费不足']
"""
from __future__ import annotations

import re
from functools import lru_cache

import cn2an
import pandas as pd

from .document import Doc, as_doc
from .resources import heading_styles, numbering, read_csv
from .schema import COLUMNS, frame

# the heading styles (family, rank, regex at a line start) and the mid-line restart of a list
# ("…污染。2.深入打好…") are resources/numbering.tsv's rows
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _ordinal(family: str, numeral: str):
    if numeral in ("", None):
        return None
    if numeral in ("-", "—"):
        return 1
    if family == "circled":
        return _CIRCLED.index(numeral) + 1
    if numeral.isdigit():
        return int(numeral)
    return _cn_ordinal(numeral)


@lru_cache(maxsize=256)
def _cn_ordinal(numeral: str):
    # cn2an validates and converts in ~30 µs; a report repeats the same few numerals dozens of times
    try:
        return int(cn2an.cn2an(numeral, "normal"))
    except (ValueError, KeyError):
        return None


def _heading_of(body: str) -> str:
    """A heading is the marker's line, or its first clause when it runs into the paragraph."""
    m = re.search(r"[。；;：:！？!?]", body)
    first = body[: m.start()] if m else body
    if len(first) > 40:
        c = re.search(r"[，,]", first)
        first = first[: c.start()] if c and c.start() <= 40 else first[:40]
    return first.strip(" \t\u3000，,")


@lru_cache(maxsize=1)
def _part_rules():
    return [(r.part, re.compile(r.pattern)) for r in read_csv("part_cues.tsv").itertuples(index=False)]


@lru_cache(maxsize=1)
def _topic_lexicon():
    df = read_csv("topics.csv")
    weights = {}
    for r in df.itertuples(index=False):
        weights.setdefault(r.cue, []).append((r.topic, float(r.weight or 1)))
    cues = sorted(weights, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, cues))), weights


@lru_cache(maxsize=1)
def topic_info() -> dict:
    """{topic: {"label", "color"}} in display order (``resources/topic_labels.csv``).

    >>> topic_info()["air"]["label"]
    '大气 air'
    """
    return {r.topic: {"label": r.label or r.topic, "color": r.color}
            for r in read_csv("topic_labels.csv").itertuples(index=False)}


def part_of_heading(heading: str):
    """``problems`` / ``plans`` when the heading opens such a part, else None.

    >>> part_of_heading("三、存在的问题和不足"), part_of_heading("2024年工作安排"), part_of_heading("强化执法")
    ('problems', 'plans', None)
    """
    for part, rx in _part_rules():
        if rx.search(heading):
            return None if part in ("none", "achievements") else part
    return None


def _opens_summary(heading: str) -> bool:
    """Whether a heading opens the summary (一、2024年工作回顾; ``achievements`` rows of
    ``part_cues.tsv``), the first rule that matches it deciding."""
    return next((part for part, rx in _part_rules() if rx.search(heading)), None) == "achievements"


def classify_topic(heading: str, body: str) -> tuple[str, str]:
    """Topic with the most weighted cue hits (heading hits count 3x) and the cues that decided it.

    >>> classify_topic("深入打好蓝天保卫战", "PM2.5浓度下降，扬尘管控")
    ('air', '蓝天;PM2.5;扬尘')
    """
    rx, weights = _topic_lexicon()
    scores: dict[str, float] = {}
    cues: dict[str, list] = {}
    for text, mult in ((heading, 3.0), (body, 1.0)):
        for m in rx.finditer(text):
            for topic, w in weights[m.group()]:
                scores[topic] = scores.get(topic, 0.0) + w * mult
                if m.group() not in cues.setdefault(topic, []):
                    cues[topic].append(m.group())
    if not scores:
        return "other", ""
    best = max(sorted(scores), key=lambda t: scores[t])
    return best, ";".join(cues[best][:8])


def _line_marker(line: str):
    for family, _rank, rx in heading_styles():
        m = rx.match(line)
        if m and m.end() < len(line):
            return family, m.group(1), m.end()
    return None


def _candidates(text: str):
    """Heading candidates (start, family, numeral, body_start) at line starts and mid-line restarts."""
    pos = 0
    midline = numbering()["midline"]
    for line in text.split("\n"):
        stripped = len(line) - len(line.lstrip(" \t\u3000"))
        starts = [pos + stripped] + [pos + m.end() for m in midline.finditer(line)]
        for s in starts:
            lm = _line_marker(text[s: pos + len(line)])
            if lm:
                yield s, lm[0], lm[1], s + lm[2], s != pos + stripped
        pos += len(line) + 1


def _outline(text: str):
    """Nodes as dicts with start, level, marker, number, body_start, from a nesting stack."""
    nodes, stack = [], []  # stack entries: [family, level, last_number]
    rank = {fam: r for fam, r, _ in heading_styles()}
    families_under_top: set = set()  # numbering styles already used below the current top-level node
    for start, family, numeral, body_start, midline in _candidates(text):
        number = _ordinal(family, numeral)
        fams = [e[0] for e in stack]
        if midline:
            # only continue a list that is open, with the next number
            if family not in fams or number is None or stack[fams.index(family)][2] != number - 1:
                continue
        if family == "cn" and stack and stack[0][0] != "cn" and "cn" not in fams and number and number > 1:
            continue  # "二、" inside prose when the top level is another style: not a heading
        if (family not in fams and stack and family == "arabic" and stack[0][0] == "cn"
                and number is not None and stack[0][2] is not None and number == stack[0][2] + 1
                and "arabic" not in families_under_top):
            family = "cn"  # top level switched from 一、 to 2、: keep it top level
            fams = [e[0] for e in stack]
        if family in fams:
            i = fams.index(family)
            del stack[i + 1:]
            stack[i][2] = number
            level = stack[i][1]
        else:
            # a conventionally higher style closes deeper open lists: "、…" items then "（二）"
            while len(stack) > 1 and rank[stack[-1][0]] > rank[family]:
                stack.pop()
            level = (stack[-1][1] + 1) if stack else 1
            stack.append([family, level, number])
        if level == 1:
            families_under_top = set()
        else:
            families_under_top.add(family)
        nodes.append({"start": start, "level": level, "marker": text[start:body_start].strip(),
                      "number": number, "body_start": body_start, "family": family})
    return nodes


def _inline_items(text: str, start: int, end: int, level: int):
    """一是…二是… enumerations inside [start, end) as child nodes (at least 一是 and 二是, in order)."""
    out, expect = [], 1
    seg = text[start:end]
    hits = []
    for m in numbering()["inline_shi"].finditer(seg):
        n = _ordinal("cn", m.group(1))
        if n == expect:
            hits.append((start + m.start(), start + m.end(), n))
            expect += 1
        elif n == 1 and hits:  # a new enumeration restarts: keep only the first run
            break
    if len(hits) < 2:
        return out
    for s, b, n in hits:
        out.append({"start": s, "level": level, "marker": text[s:b], "number": n,
                    "body_start": b, "family": "shi_inline"})
    return out


def _set_ends(nodes: list, n_chars: int) -> None:
    """A node ends where the next node at the same or a higher level starts (one stack sweep)."""
    open_nodes: list = []
    for n in nodes:
        while open_nodes and open_nodes[-1]["level"] >= n["level"]:
            open_nodes.pop()["end"] = n["start"]
        open_nodes.append(n)
    for n in open_nodes:
        n["end"] = n_chars


def segment(text: "str | Doc", *, doc_id: str | None = None) -> pd.DataFrame:
    """Section tree of a cleaned report (its text, or its :class:`~ecoanalysis.document.Doc`),
    one row per node (``sections`` table, see docs/tables.md).

    Columns: doc_id, section_id, parent_id, level, marker, number, heading, start, end, own_chars,
    part, topic, topic_cues. A section's text is ``text[start:end]`` (``Corpus.section_text``).
    """
    doc = as_doc(text, doc_id=doc_id)
    text, doc_id = doc.text, doc_id or doc.doc_id
    nodes = _outline(text)
    _set_ends(nodes, len(text))
    # inline enumerations inside each node's own first block (before its first child); every
    # step below is one pass, so a 50 MB report with tens of thousands of items stays linear
    extra = []
    for i, n in enumerate(nodes):
        nxt = nodes[i + 1] if i + 1 < len(nodes) else None
        child_start = nxt["start"] if nxt is not None and nxt["level"] > n["level"] and nxt["start"] < n["end"] else n["end"]
        items = _inline_items(text, n["body_start"], child_start, n["level"] + 1)
        for k, item in enumerate(items):
            item["end"] = items[k + 1]["start"] if k + 1 < len(items) else child_start
        extra.extend(items)
    if extra:
        nodes = sorted(nodes + extra, key=lambda n: (n["start"], n["level"]))
    rows = []
    if not nodes or nodes[0]["start"] > 0:
        first = nodes[0]["start"] if nodes else len(text)
        pre = text[:first]
        rows.append({"start": 0, "end": first, "level": 0, "marker": "", "number": None,
                     "heading": pre.strip().split("\n")[0][:60] if pre.strip() else "", "body_start": 0})
    for n in nodes:
        body = text[n["body_start"]: n["end"]].split("\n")[0]
        rows.append({**n, "heading": _heading_of(body)})
    # parents: nearest earlier node with a lower level whose span contains this one
    out, stack = [], []
    for idx, r in enumerate(rows):
        while stack and not (stack[-1]["level"] < r["level"] and r["start"] < stack[-1]["end"]):
            stack.pop()
        r["parent"] = stack[-1]["idx"] if stack and r["level"] > 0 else None
        r["idx"] = idx
        stack.append(r)
    # a document whose title is a plan's (生态环境分局2025年工作思路, not 总结和…计划) is plans
    # throughout, unless a heading opens a summary (一、2024年工作回顾)
    top = "plans" if rows and rows[0]["level"] == 0 and part_of_heading(rows[0]["heading"]) == "plans" else "achievements"
    for r in rows:
        if r["level"] == 0:
            r["part"] = "preamble"
            continue
        own = part_of_heading(r["heading"])
        parent = rows[r["parent"]]["part"] if r["parent"] is not None else None
        if parent is None and top == "plans" and _opens_summary(r["heading"]):
            r["part"] = "achievements"
            continue
        # a cue deeper down may open a part inside achievements ("（三）存在问题"), or plans
        # inside problems ("问题与打算" → "（二）下步打算"), but never turn a plan into a problem
        if parent is None or parent == "achievements" or (parent == "problems" and own == "plans"):
            r["part"] = own or parent or top
        else:
            r["part"] = parent
    kids: dict = {}
    for r in rows:
        if r.get("parent") is not None:
            kids.setdefault(r["parent"], []).append(r)
    for r in rows:
        children = kids.get(r["idx"], [])
        own_chars = (r["end"] - r["start"]) - sum(c["end"] - c["start"] for c in children)
        body = text[r["start"]: r["end"]] if not children else text[r["start"]: children[0]["start"]]
        topic, cues = classify_topic(r["heading"], body)
        out.append({
            "doc_id": doc_id, "section_id": f"{doc_id}:s{r['idx']}",
            "parent_id": f"{doc_id}:s{r['parent']}" if r["parent"] is not None else None,
            "level": r["level"], "marker": r["marker"], "number": r["number"], "heading": r["heading"],
            "start": r["start"], "end": r["end"], "own_chars": own_chars,
            "part": r["part"], "topic": topic, "topic_cues": cues,
        })
    return _sections_frame(out)


def _sections_frame(out: list) -> pd.DataFrame:
    """``frame("sections", out)`` with ``number`` as Int64. Ordinals that a float holds exactly
    are built as Int64 directly (the same values as the float/int column's ``astype``, without
    inferring a column only to convert it); others keep that route."""
    numbers = [r["number"] for r in out]
    if not out or not all(n is None or (type(n) is int and abs(n) < 2 ** 53) for n in numbers):
        df = frame("sections", out)
        df["number"] = df["number"].astype("Int64")
        return df
    cols = {c: [r[c] for r in out] for c in COLUMNS["sections"]}
    cols["number"] = pd.array(numbers, dtype="Int64")
    return pd.DataFrame(cols)


def section_at(sections: pd.DataFrame, pos: int):
    """section_id of the deepest section containing offset ``pos`` (None outside all sections).

    One lookup; for many, build ``document.SectionIndex(sections)`` once and call ``.ids``.
    """
    from .document import SectionIndex

    return SectionIndex(sections).at(pos)[0]
