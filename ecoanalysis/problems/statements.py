"""Problem statements of a report (存在的问题, 不足, 差距 …) and their themes: the ``problems`` table.

``extract_problems(text, sections, doc_id=...)`` walks the outline from
``ecoanalysis.segment.segment`` and returns one row per stated problem:

* In sections whose ``part`` is ``problems``, every item is a statement: numbered items
  (1. / （1）/ 、), 一是/二是 enumerations (child sections, or split here when the outline
  did not), and under a themed heading (（一）大气污染方面) each of its own items, which keep
  that heading in ``heading``. A prose section without enumerations gives one statement per
  paragraph. The introductory sentence (在肯定成绩的同时…存在的差距和不足) is not a statement.
* Elsewhere (preamble, achievements; never plans), sentences that explicitly state a problem
  (…仍存在…问题, …有待加强, …压力较大, …难度大, …尚未实现…) come with ``source`` = ``inline``.
  Cues and the achievement wording that vetoes them (及时研究解决…困难和问题, 督促整改存在的问题)
  live in ``resources/problem_cues.tsv``.

Themes are multi-label, from the editable lexicon ``resources/problem_themes.csv``
(theme, cue, weight, match): a theme is assigned when the weights of its distinct cues found in
the statement or its themed heading sum to >= 1; longer cues win over the shorter cues inside
them (执法队伍 hides 执法). ``theme_cues`` keeps the words that fired (``air:空气质量,臭氧;…``) so
users can audit and correct the lexicon. Nothing matched gives ``other``.

Taxonomy: air, water, soil_waste (soil and solid/hazardous waste), rural (rural environment,
livestock, non-point pollution), ecology (protected areas, biodiversity, restoration),
enforcement_capacity (enforcement/supervision capacity and staffing), monitoring_capacity,
funding_projects (money, project pipelines, pollution fees), enterprise_compliance,
public_complaints, coordination (across levels, departments and regions), other.

Problem → plan links (per report) are in ``ecoanalysis.problems.links``; recurring problems
across reports in ``ecoanalysis.problems.clusters``.

Example:
    >>> import pandas as pd
    >>> t = "二、存在的问题\\n在肯定成绩的同时，也存在差距和不足。一是空气质量改善压力大。二是执法人员偏少。"
    >>> secs = pd.DataFrame([dict(section_id="d:s1", parent_id="", level=1, marker="二、",
    ...     heading="存在的问题", start=0, end=len(t), part="problems")])
    >>> p = extract_problems(t, secs, doc_id="d")
    >>> p[["problem_id", "text", "themes"]].values.tolist()
    [['d:p1', '空气质量改善压力大。', 'air'], ['d:p2', '执法人员偏少。', 'enforcement_capacity']]
"""
from __future__ import annotations

import logging
import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import pandas as pd

from ..clean import sentence_spans
from ..document import Doc, as_doc
from ..resources import CN_NUMERALS, numbering, read_csv
from ..schema import frame

log = logging.getLogger(__name__)



@lru_cache(maxsize=1)
def themes() -> tuple:
    """The theme ids in display order (``resources/themes.csv``; ``other`` always last)."""
    ids = [t.strip() for t in read_csv("themes.csv")["theme"] if t.strip()]
    return tuple([t for t in dict.fromkeys(ids) if t != "other"] + ["other"])


@lru_cache(maxsize=1)
def theme_labels() -> dict:
    """{theme: "中文 english"} for charts and reports (``resources/themes.csv``)."""
    df = read_csv("themes.csv")
    return {r.theme: f"{r.label_zh} {r.label_en}".strip() for r in df.itertuples(index=False)}


HEADING_WEIGHT = 1.0   # cues in the themed heading count like cues in the text for labels
MIN_THEME_SCORE = 1.0  # sum of cue weights a theme needs

_CN = CN_NUMERALS
# numbering patterns (item_marker, inline_shi, numbered_line) are resources/numbering.tsv's rows
# a heading that names an area rather than a problem: （一）大气污染方面, 二、水环境领域
_CLAUSE_END = re.compile(r"[。；;，,：:！？!?\n]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CJK4 = re.compile(r"[\u4e00-\u9fff](?:[^\u4e00-\u9fff]*[\u4e00-\u9fff]){3}")  # four CJK characters


# ---------------------------------------------------------------- lexicons

@lru_cache(maxsize=4)
def _theme_lexicon(_key=None) -> tuple:
    """(cue, theme, weight, token_only) sorted longest first, so longer cues claim their span."""
    df = read_csv("problem_themes.csv")
    bad = sorted(set(df.theme) - set(themes()))
    if bad:
        raise ValueError(f"problem_themes.csv: unknown themes {bad}; add them to themes.csv or use one of {themes()}")
    rows = [(r.cue.strip(), r.theme, float(r.weight or 1), r.match.strip() == "token")
            for r in df.itertuples(index=False) if r.cue.strip()]
    return tuple(sorted(rows, key=lambda r: (-len(r[0]), r[0], r[1])))


@lru_cache(maxsize=4)
def _cues(_key=None) -> dict:
    df = read_csv("problem_cues.tsv")
    out = {k: [] for k in ("problem", "not_problem", "intro", "themed_heading")}
    for r in df.itertuples(index=False):
        out[r.kind].append(re.compile(r.pattern))
    return out


@lru_cache(maxsize=4)
def _joined_cues(_key=None) -> dict:
    """Per kind, one alternation of its cue patterns (a search finds one where any cue matches), or
    None when a pattern cannot be joined (groups, which a backreference could count, or flags)."""
    out = {}
    for kind, rxs in _cues().items():
        out[kind] = None
        if rxs and all(rx.groups == 0 and rx.flags == re.compile("").flags for rx in rxs):
            try:
                out[kind] = re.compile("|".join(f"(?:{rx.pattern})" for rx in rxs))
            except re.error:
                pass
    return out


def _matches(kind: str, sentence: str) -> bool:
    joined = _joined_cues()[kind]
    if joined is not None:
        return joined.search(sentence) is not None
    return any(rx.search(sentence) for rx in _cues()[kind])


def is_problem_sentence(sentence: str) -> bool:
    """True when ``sentence`` explicitly states a problem (inline cue, no achievement veto).

    >>> is_problem_sentence("农村生活污水治理任务仍然较重，资金压力较大。")
    True
    >>> is_problem_sentence("及时研究解决全面从严治党工作中的困难和问题。")
    False
    """
    s = sentence.strip()
    return _matches("problem", s) and not _matches("not_problem", s) and not _matches("intro", s)


def is_intro_sentence(sentence: str) -> bool:
    """True for the lead-in of a problems section (在肯定成绩的同时…存在的差距和不足).

    >>> is_intro_sentence("在肯定成绩的同时，我们也清醒地认识到还存在一些差距和不足。")
    True
    """
    return _matches("intro", sentence.strip())


# ---------------------------------------------------------------- themes

@lru_cache(maxsize=4096)
def _cue_rx(cue: str) -> re.Pattern:
    return re.compile(re.escape(cue), flags=re.I)


@lru_cache(maxsize=4096)
def _caseless(cue: str) -> bool:
    return cue.lower() == cue.upper() == cue.casefold()


@lru_cache(maxsize=4)
def _lexicon_index(_key=None) -> tuple:
    """Positions in ``_theme_lexicon()`` of the cues to try on every text (token-only cues and cues
    with cased characters), and per first character those of the other cues, which can only
    match where that character occurs."""
    always, by_first = [], {}
    for i, (cue, _theme, _weight, token_only) in enumerate(_theme_lexicon()):
        if token_only or not _caseless(cue):
            always.append(i)
        else:
            by_first.setdefault(cue[0], []).append(i)
    return tuple(always), {c: tuple(ix) for c, ix in by_first.items()}


def lexicon_hits(text: str) -> list[tuple[str, str, float]]:
    """Lexicon cues found in ``text`` as (cue, theme, weight); a cue inside a longer hit is ignored.

    >>> [(cue, theme) for cue, theme, _w in lexicon_hits("臭氧污染问题突出")]
    [('臭氧', 'air')]
    """
    if not text:
        return []
    lexicon = _theme_lexicon()
    always, by_first = _lexicon_index()
    tried = list(always)
    for c in set(text):
        tried += by_first.get(c, ())
    tried.sort()  # lexicon order: longer cues claim their span first
    taken = [False] * len(text)
    tokens = None
    hits, seen = [], set()
    for i in tried:
        cue, theme, weight, token_only = lexicon[i]
        if token_only:
            if tokens is None:
                from ..words.tokens import tokenize
                tokens = set(tokenize(text))
            if cue in tokens and (cue, theme) not in seen:
                seen.add((cue, theme))
                hits.append((cue, theme, weight))
            continue
        if cue not in text and _caseless(cue):
            continue  # no cased characters: re.I matches only the cue itself
        for m in _cue_rx(cue).finditer(text):
            if all(taken[m.start():m.end()]):
                continue  # already claimed by a longer cue (执法队伍 ⊃ 执法)
            for i in range(m.start(), m.end()):
                taken[i] = True
            if (cue, theme) not in seen:
                seen.add((cue, theme))
                hits.append((cue, theme, weight))
    return hits


def theme_scores(text: str, heading: str = "", *, heading_weight: float = HEADING_WEIGHT,
                 cue_hits=None) -> dict:
    """Per theme: (score, cue words in text order of first appearance). Themes without cues are absent.
    ``cue_hits``: a function giving ``lexicon_hits(s)`` (a caller scoring many statements under the same
    few headings passes a memoised one).

    >>> theme_scores("臭氧污染问题突出", "大气污染方面")["air"]
    (2.0, ['臭氧', '大气'])
    """
    out: dict = {}
    cue_hits = cue_hits or lexicon_hits
    for src, factor in ((text, 1.0), (heading or "", heading_weight)):
        hits = list(cue_hits(src))  # a copy: sorted in place below
        hits.sort(key=lambda h: src.find(h[0]) if src.find(h[0]) >= 0 else len(src))
        for cue, theme, weight in hits:
            score, cues = out.get(theme, (0.0, []))
            if cue not in cues:
                cues = cues + [cue]
                score += weight * factor
            out[theme] = (score, cues)
    return out


def classify_themes(text: str, heading: str = "") -> tuple[str, str]:
    """``(themes, theme_cues)`` strings for one statement; ``other`` when nothing reaches the bar.

    Themes are ordered by score, then taxonomy order.

    >>> classify_themes("执法队伍人员少、技术装备差，企业违法成本低")
    ('enforcement_capacity;enterprise_compliance', 'enforcement_capacity:执法队伍,人员少,技术装备;enterprise_compliance:企业,违法成本')
    >>> classify_themes("干部作风有待改进")
    ('other', '')
    """
    scores = theme_scores(text, heading)
    order = themes()
    keep = [t for t in order if t in scores and scores[t][0] >= MIN_THEME_SCORE - 1e-9]
    keep.sort(key=lambda t: (-scores[t][0], order.index(t)))
    if not keep:
        return "other", ""
    return ";".join(keep), ";".join(f"{t}:{','.join(scores[t][1])}" for t in keep)


# ---------------------------------------------------------------- extraction helpers

def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in " \t\n\u3000\xa0":
        s += 1
    while e > s and text[e - 1] in " \t\n\u3000\xa0":
        e -= 1
    return s, e


@lru_cache(maxsize=1)
def _item_marker() -> re.Pattern:
    return numbering()["item_marker"]


def _strip_marker(text: str, s: int, e: int) -> int:
    m = _item_marker().match(text, s, e)
    return m.end() if m else s


def _skip_heading(text: str, s: int, e: int, heading: str) -> int:
    """Start of the body after a (run-in or own-line) heading at ``s``."""
    if heading and text.startswith(heading, s):
        s += len(heading)
        while s < e and text[s] in "。．.：:，,；; \t\u3000\n":
            s += 1
    return s


def _summary(text: str) -> str:
    m = _CLAUSE_END.search(text)
    return (text[:m.start()] if m else text).strip()


def _drop_intro(text: str, s: int, e: int) -> int:
    """Skip lead-in sentences at the start of [s, e)."""
    for a, b in sentence_spans(text[s:e], semicolon=False):
        if is_intro_sentence(text[s + a:s + b]):
            continue
        return s + a
    return e


def _split_body(text: str, s: int, e: int) -> list[tuple[int, int, bool]]:
    """Split a prose body into (start, end, is_item): 一是…二是…, numbered lines, else paragraphs."""
    body = text[s:e]
    found, want = [], 1
    for m in numbering()["inline_shi"].finditer(body):
        if want <= 10 and m.group(1) == _CN[want - 1]:
            found.append(m.start())
            want += 1
    if len(found) >= 2:
        cuts = found + [len(body)]
        pieces = [(s, s + found[0], False)] + [(s + a, s + b, True) for a, b in zip(cuts, cuts[1:])]
        return pieces
    lines = [m.start() for m in numbering()["numbered_line"].finditer(body)]
    if len(lines) >= 2:
        cuts = lines + [len(body)]
        return [(s, s + lines[0], False)] + [(s + a, s + b, True) for a, b in zip(cuts, cuts[1:])]
    out, pos = [], 0
    for m in re.finditer(r"\n+", body + "\n"):
        out.append((s + pos, s + m.start(), False))
        pos = m.end()
    return out


def _ok(text: str, s: int, e: int) -> bool:
    return e > s and _CJK4.search(text, s, e) is not None  # at least four CJK characters


# ---------------------------------------------------------------- extraction

def extract_problems(doc: "Doc | str", sections: pd.DataFrame | None = None, *, doc_id: str | None = None,
                     inline: bool = True) -> pd.DataFrame:
    """Problem statements of one report: the ``problems`` table (``cluster_id`` empty).

    ``doc`` is the document's :class:`~ecoanalysis.document.Doc` (or its cleaned text, with
    ``sections``, its outline from ``segment(text, doc_id=...)``, and ``doc_id``).
    Columns: doc_id, problem_id, section_id, heading, text, summary, start, end, themes,
    theme_cues, cluster_id, source (``section`` or ``inline``); ``text == cleaned[start:end]``.
    A report without a problems section gives no ``section`` rows and a note in
    ``result.attrs["notes"]`` (also logged). ``inline=False`` skips sentences outside it.

    >>> t = "一、工作\\n空气质量改善压力较大。\\n二、计划\\n有待加强。"
    >>> secs = pd.DataFrame([
    ...     dict(section_id="d:s1", parent_id="", level=1, marker="一、", heading="工作", start=0, end=16, part="achievements"),
    ...     dict(section_id="d:s2", parent_id="", level=1, marker="二、", heading="计划", start=16, end=len(t), part="plans")])
    >>> p = extract_problems(t, secs, doc_id="d")
    >>> p[["problem_id", "source", "text"]].values.tolist(), p.attrs["notes"]
    ([['d:p1', 'inline', '空气质量改善压力较大。']], ['d: no problems section (no 存在的问题/不足/差距 heading); 1 inline problem sentence(s) kept'])
    """
    doc = as_doc(doc, doc_id=doc_id, sections=sections)
    text, doc_id, sections = doc.text, doc_id or doc.doc_id, doc.sections
    secs = _section_rows(sections)
    notes: list[str] = []
    found: list[dict] = []
    if secs:
        probs = [r for r in secs if r.part == "problems"]
        ids = {r.section_id for r in probs}
        kids: dict = {}
        for row in probs:
            if row.parent_id in ids:
                kids.setdefault(row.parent_id, []).append(row)
        for root in probs:
            if root.parent_id not in ids:
                _walk(text, root, kids, "", True, found)
    n_section = len(found)
    if not n_section:
        notes.append(f"{doc_id}: no problems section (no 存在的问题/不足/差距 heading)")
    if inline and secs:
        found += _inline(doc, secs)
    if not n_section:
        notes[-1] += f"; {len(found)} inline problem sentence(s) kept"
    for n in notes:
        log.info(n)

    rows = []
    for i, f in enumerate(sorted(found, key=lambda f: (f["start"], f["end"])), start=1):
        body = text[f["start"]:f["end"]]
        themes, cues = classify_themes(body, f["heading"])
        rows.append(dict(doc_id=doc_id, problem_id=f"{doc_id}:p{i}", section_id=f["section_id"],
                         heading=f["heading"], text=body, summary=_summary(body), start=f["start"],
                         end=f["end"], themes=themes, theme_cues=cues, cluster_id="", source=f["source"]))
    out = frame("problems", rows)
    if len(out) and not (out["start"].dtype == np.int64 and out["end"].dtype == np.int64):
        out[["start", "end"]] = out[["start", "end"]].astype(int)
    out.attrs["notes"] = notes
    return out


class _Section(NamedTuple):
    """The columns of one sections row that the walk reads (as ``itertuples`` gives them)."""
    section_id: object
    parent_id: str
    level: object
    heading: object
    start: object
    end: object
    part: object


def _section_rows(sections) -> list:
    """The rows of ``sections`` sorted by (start, level), stable, with ``parent_id`` as text ("" when
    missing): what ``sort_values(["start", "level"], kind="stable")`` gives, without pandas per row."""
    if sections is None or not len(sections):
        return []
    parent = [_text_or_empty(v) for v in sections["parent_id"].tolist()]
    cols = [sections[c].tolist() for c in ("section_id", "level", "heading", "start", "end", "part")]
    rows = [_Section(sid, pid, lvl, h, a, b, part) for sid, pid, lvl, h, a, b, part
            in zip(cols[0], parent, cols[1], cols[2], cols[3], cols[4], cols[5])]
    if sections["start"].dtype == np.int64 and sections["level"].dtype == np.int64:
        rows.sort(key=lambda r: (r.start, r.level))  # list.sort is stable
        return rows
    order = sections.reset_index(drop=True).sort_values(["start", "level"], kind="stable").index
    return [rows[i] for i in order]


def _text_or_empty(v) -> str:
    """``fillna("").astype(str)`` of one value."""
    return "" if v is None or (isinstance(v, float) and v != v) or v is pd.NA else str(v)


def _emit(text, s, e, section_id, heading, found, *, mode="item"):
    """Record [s, e) as a statement. ``mode``: ``item`` (an enumerated item, kept as is),
    ``para`` (a prose paragraph: leading intro sentences dropped) or ``lead`` (text before an
    enumeration: intro dropped, kept only if the rest states a problem itself)."""
    s, e = _trim(text, s, e)
    s = _strip_marker(text, s, e)
    if mode != "item":
        s = _drop_intro(text, s, e)
        if mode == "lead" and s < e and not is_problem_sentence(text[s:e]):
            return
    s, e = _trim(text, s, e)
    if _ok(text, s, e):
        found.append(dict(start=s, end=e, section_id=section_id, heading=heading, source="section"))


def _walk(text, node, kids, themed, is_root, found):
    """Statements under one problems-part node; ``themed`` is the nearest themed heading above."""
    children = kids.get(node.section_id, [])
    s, e = _trim(text, int(node.start), int(node.end))
    heading = str(node.heading or "")
    body = _skip_heading(text, _strip_marker(text, s, e), e, heading)
    if children:
        # children inherit this node's heading as their themed heading (not the part heading)
        sub_heading = themed if is_root else heading
        pos = body
        for ch in children:
            _emit(text, pos, int(ch.start), node.section_id, themed, found, mode="lead")
            _walk(text, ch, kids, sub_heading, False, found)
            pos = int(ch.end)
        _emit(text, pos, e, node.section_id, themed, found, mode="lead")
        return
    if not is_root and not _matches("themed_heading", heading):
        _emit(text, s, e, node.section_id, themed, found)  # a numbered / 一是 item: one statement
        return
    # prose under the part heading or a themed heading: its own enumerations, else paragraphs
    if not is_root:
        themed = heading
    pieces = _split_body(text, body, e)
    enumerated = any(item for _, _, item in pieces)
    for a, b, item in pieces:
        mode = "item" if item else ("lead" if enumerated else "para")
        _emit(text, a, b, node.section_id, themed, found, mode=mode)


def _merged(spans) -> tuple[list[int], list[int]]:
    """Union of half-open spans as sorted, disjoint (starts, ends) for bisect lookups."""
    starts, ends = [], []
    for a, b in sorted(spans):
        if b <= a:
            continue
        if ends and a <= ends[-1]:
            ends[-1] = max(ends[-1], b)
        else:
            starts.append(a)
            ends.append(b)
    return starts, ends


def _inline(doc: Doc, secs: list) -> list[dict]:
    """Problem sentences outside problems and plans sections.

    Linear in the report: blocked parts are merged once and looked up by bisection, headings
    are looked up by exact string per candidate length, owners come from the document's
    section index."""
    text = doc.text
    b_starts, b_ends = _merged((int(r.start), int(r.end)) for r in secs if r.part in ("problems", "plans"))
    by_len: dict = {}
    for h in {str(r.heading) for r in secs}:
        if h:
            by_len.setdefault(len(h), set()).add(h)
    lengths = sorted(by_len)
    found = []
    for s, e in doc.sentences:
        k = bisect_right(b_starts, s) - 1
        if k >= 0 and s < b_ends[k]:
            continue
        s = _strip_marker(text, s, e)
        sent = text[s:e]
        if not _ok(text, s, e) or not is_problem_sentence(sent):
            continue
        # a heading line, not a finding: some heading h starts here with len(h) >= e - s - 1
        if any(text[s:s + n] in by_len[n] for n in lengths[bisect_left(lengths, e - s - 1):]):
            continue
        found.append((s, e))
    owners = doc.section_index.ids([s for s, _e in found])
    return [dict(start=s, end=e, section_id=owner or "", heading="", source="inline")
            for (s, e), owner in zip(found, owners)]


__all__ = [
    "themes", "theme_labels", "extract_problems", "classify_themes", "theme_scores", "is_problem_sentence",
    "is_intro_sentence",
]
