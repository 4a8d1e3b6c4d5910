"""Map figures to catalog indicators (``resources/indicators.csv``): kind, sign, qualifier, level.

A figure becomes an indicator mention when its unit is one the indicator accepts and a cue word
of the indicator stands in the figure's clause before it (or, for ``cues_after``, after it),
the nearest cue winning. Kind is ``target`` after a goal word in the sentence or in a ``plans``
section, ``change`` after a year-over-year cue; a change without its own cue takes the
indicator of the value it follows, and "分别" lists are paired in order.

Example:
    >>> t = "PM10、PM2.5平均浓度分别为55、35微克/立方米，同比分别下降6.8%、5.4%。"
    >>> ind = extract_indicators(t, extract_figures(t, doc_id="d"), doc_id="d")
    >>> ind[["indicator", "kind", "value", "unit"]].values.tolist()
    [['pm10', 'actual', 55.0, 'ug/m3'], ['pm25', 'actual', 35.0, 'ug/m3'], ['pm10', 'change', -6.8, '%'], ['pm25', 'change', -5.4, '%']]
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from bisect import bisect_left
from functools import lru_cache

import numpy as np
import pandas as pd

from ..resources import numbering, read_csv
from ..schema import COLUMNS, frame
from ..document import Doc, as_doc
from .figures import extract_figures  # noqa: F401  (for the doctest)
from .numbers import cue_rx, cue_value, cues, parse_digits, unit_info

_MEASURES = {"ug/m3", "mg/L", "%", "pp", "class", "万元"}
_LEVEL_UNITS = ("ug/m3", "mg/L")  # a concentration's units, as figures carry them (mg/m3 is read as ug/m3)
_VALUE_KINDS = {"quantity", "percent", "percentage_points"}


def _words_rx(cell: str):
    words = [w.strip() for w in cell.split(";") if w.strip()]
    if not words:
        return None
    words.sort(key=len, reverse=True)
    # a class numeral may stand a space before its 类 (I-III 类水体比例: PDF and web spacing)
    return re.compile("|".join(_CLASS_SPACE.sub(r"\\s*类", re.escape(w).replace("…", "[^，。；,;]{0,8}?"))
                               for w in words), re.I)


_CLASS_SPACE = re.compile(r"(?<=[ⅠⅡⅢⅣⅤIV三五])类")


@lru_cache(maxsize=1)
def catalog() -> dict:
    """Indicator catalog: {id: spec} with compiled cue, context and exclude regexes."""
    out = {}
    for r in read_csv("indicators.csv").to_dict("records"):
        out[r["id"]] = {
            "id": r["id"], "unit": r["unit"], "units": set(u.strip() for u in r["units"].split(";")),
            "cues": _words_rx(r["cues"]), "after": _words_rx(r["cues_after"]),
            "context": _words_rx(r["context"]), "exclude": _words_rx(r["exclude"]),
            # words that rule the indicator out anywhere earlier in the sentence (地下水 …)
            "exclude_sentence": _words_rx(r.get("exclude_sentence", "")),
            # words that rule it out anywhere in the few characters after (11个问题整改正在推进)
            "exclude_after": _words_rx(r.get("exclude_after", "")),
            "min": float(r["min"]) if r["min"] else -math.inf,
            "max": float(r["max"]) if r["max"] else math.inf,
            "direction": r["direction"], "qualifier": r["qualifier"],
            # share_of: the count this ratio is a share of (占…的X% after it, a 个百分点 change
            # after it); share_cues: words of a counted clause whose share this ratio is
            "share_of": r.get("share_of", ""), "share_cues": _words_rx(r.get("share_cues", "")),
            # priority breaks ties between equally near cues (督察 petitions before complaints)
            "priority": int(r.get("priority") or 0),
            "at_most": r.get("at_most", ""),  # a count that cannot exceed this one (checks)
        }
    return out


@lru_cache(maxsize=1)
def _vocab():
    """Qualifier and 持平 patterns from ``extract_cues.tsv`` (the change cues are the same list
    that types every other change, so a cue added there works here too)."""
    rx = cues()["_rx"]
    flat = re.compile(rf"[，,]\s*((?:{rx['change'].pattern})[^，。；,;0-9０-９]{{0,4}}?持平)")
    return rx["qualifier_name"], rx["qualifier_prefix"], rx["qualifier_strip"], flat


_WRAP_PREV = re.compile(r"[\u4e00-\u9fff0-9０-９A-Za-z.．%％（(、][ \t\u3000]*\n$")
_WRAP_NEXT = re.compile(r"[ \t\u3000]*[\u4e00-\u9fff0-9０-９A-Za-z.．%％）)（(]")
_SENTENCE_WRAP_PREV = re.compile(r"[^。！？!?；;\s][ \t\u3000]*\n$")


def _sentence_wrapped(text, nl) -> bool:
    """Whether the newline at ``nl`` is a hard wrap inside a sentence: :func:`_wrapped`, or a long
    line ended by a comma (…同比下降9.84%,\n市20个区县排名第16): the sentence goes on."""
    if _wrapped(text, nl):
        return True
    if not (nl > 0 and text[nl] == "\n" and _SENTENCE_WRAP_PREV.search(text, max(0, nl - 4), nl + 1) is not None
            and _WRAP_NEXT.match(text, nl + 1) is not None):
        return False
    prev = text[text.rfind("\n", 0, nl) + 1:nl].strip()
    return len(prev) >= _WRAP_MIN_LINE and not numbering()["heading_numeral"].match(prev)


def _wrapped(text, nl) -> bool:
    """Whether the newline at ``nl`` is a hard wrap inside a clause: a word character (spaces
    allowed) on both sides, and a line before it long enough to have been wrapped (a heading,
    二、水环境, is short)."""
    if not (nl > 0 and text[nl] == "\n" and _WRAP_PREV.search(text, max(0, nl - 4), nl + 1) is not None
            and _WRAP_NEXT.match(text, nl + 1) is not None):
        return False
    prev = text[text.rfind("\n", 0, nl) + 1:nl].strip()
    if cue_rx("line_end_verb").search(prev) and _NUMBER_START.match(text, nl + 1):
        return True  # a short line ended by its verb (366 天,达标天数为\n279 天): the value is on the next
    return len(prev) >= _WRAP_MIN_LINE and not numbering()["heading_numeral"].match(prev)


_NUMBER_START = re.compile(r"[ \t\u3000]*[0-9０-９]")
_SEP_DIRECTION = re.compile(r"[、和及与]\s*(?:" + "|".join(
    p for p, _ in cues()["direction"]) + r")了?")  # …增加15天、减少2天: a separator and a direction


_BARE_END = "，,。；;（(\n、"  # what may follow a bare concentration (the end of its clause)
_LABEL_GAP = 6  # characters (不高于, 约) that may stand between a label's colon and its value
_WRAP_MIN_LINE = 16  # characters of a line that a layout wrapped (a heading is shorter)
_PARA_GOES_ON = re.compile(r"[^。！？!?；;\s]\n")
_PARA_ENDS = re.compile(r"[。！？!?；;\s]\n")
_FULL_STOP = re.compile(r"[。！？!?；;]")


def _context_end(text, pos):
    """Where a figure at ``pos`` stops looking for its subject words: the end of the sentence after
    its own (a full stop or semicolon ends one, a hard line break does not), within its paragraph."""
    para = _PARA_ENDS.search(text, max(pos - 1, 0))
    end = para.start() + 1 if para else len(text)
    first = _FULL_STOP.search(text, pos, end)
    second = _FULL_STOP.search(text, first.end(), end) if first else None
    return second.end() if second else end


def _subject_before(cands, text, a, b):
    """The ratio whose subject words (its ``context``) end nearest the end of text[a:b] and whose
    exclusions stand nowhere in it, else None: the subject of a bare 达标率 in the clause before."""
    best = None
    for spec in cands:
        if spec["context"] is None or (spec["exclude"] is not None and spec["exclude"].search(text, a, b)):
            continue
        for m in spec["context"].finditer(text, a, b):
            key = (m.end(), spec["priority"], spec["id"])
            if best is None or key > best:
                best = key
    return best[2] if best else None


def _share_of(cat, owner, text, ws, fs):
    """The ratio a 占…% figure is a share of: the ratio of the sentence's last count (share_of),
    else the ratio whose share cue stands in the counted clause before it, else None."""
    for sid, spec in cat.items():
        if owner and spec["share_of"] == owner:
            return sid
    best = None
    for sid, spec in cat.items():
        if spec["share_cues"] is None:
            continue
        for m in spec["share_cues"].finditer(text, ws, fs):
            if best is None or m.end() > best[0]:
                best = (m.end(), sid)
    return best[1] if best else None


def _own_subject(span: str) -> bool:
    """Whether ``span`` (the words before a change) names a measure of its own that is no catalog
    indicator (二氧化硫浓度, 地表水环境污染指数, 降尘量), not a bare 浓度 or a place's (城区浓度)."""
    # a pollutant outside the catalog named right before its bare change (…、PM10上升1.8%、二氧化氮上升0.3%)
    item = cue_rx("list_sep").split(span)[-1].strip()
    lp = cue_rx("listed_pollutant").match(item)
    if lp and cue_rx("bare_change").fullmatch(item, lp.end()):
        return True
    m = cue_rx("own_measure").search(span)
    if m is None:
        return False
    name = cue_rx("measure_modifier").sub("", m.group("name"))
    return len(name) >= 2 and cue_rx("place_item").fullmatch(name) is None


def _names_each(w1, n) -> bool:
    """Whether the list before a group of ``n`` values names one pollutant or indicator per value
    (PM2.5、PM10浓度同比下降10.3%、12.0%; PM10、SO2、NO2、CO…), so they pair up in order."""
    if cue_rx("weight_share").search(w1):
        return False  # …和优良天数比率各占30%、30%和40%的权重: weights, no values
    items = [x for x in cue_rx("list_sep").split(w1) if x.strip()]
    return len(items) == n and all(
        cue_rx("listed_pollutant").search(x) or _any_cue()[0].search(x) for x in items)


def _figure_between(starts, a, b) -> bool:
    """Whether a figure starts in text[a:b] (``starts`` sorted)."""
    i = bisect_left(starts, a)
    return i < len(starts) and starts[i] < b


def _opens_bracket(span: str) -> bool:
    """Whether ``span`` opens a bracket it does not close (…（国家二级标准)."""
    return span.count("（") + span.count("(") > span.count("）") + span.count(")")


_TAIL = 8  # cues_after must start within this many characters after the figure
_OWN_NUMBER = re.compile(r"\s*[0-9０-９*＊]")
_CHAIN_GAP = re.compile(r"[%％]?\s*[)）]\s*[、，,]{1,2}\s*[\u4e00-\u9fff]{1,12}\s*[（(]")  # )、市城区(
_UNIT_ASIDE_SEP = re.compile(r"[（(][^0-9０-９()（），,。；;]{1,10}[)）]\s*[、和及与]")
_BRACKET_SEP = re.compile(r"(?<=[)）])(?=[\u4e00-\u9fffA-Za-z])")
_MINUS_BEFORE = re.compile(r"(?<![0-9０-９A-Za-z.．%])[-－−﹣]\s*$")  # a sign, not a range's dash (1-6月)
_GOAL_SIZE = (0.5, 2.0)  # a goal's size against the value it is compared with (a margin is far smaller)
_FLAT_REACH = 12  # characters after 持平 in which a change written next stands
_GOAL_AFTER = 32  # characters after a figure in which the goal word it is (…下降4%、…减少6%的改善目标) may end
_SIGN_AFTER_SEP = re.compile(r"(?<=[、和及与])\s*[-－−﹣]$")
_PART_END = re.compile(r"[。；;！？!?]")  # the end of a sentence's part (a semicolon ends one; a line break does not: a headline runs into its text)
_RANK_REACH = 160  # characters from a ranked value back to the one that names the ranking


def _best(spec, text, w1, fe, ce, ls, cx, ss=0, wx=None):
    """Distance of the nearest cue of ``spec`` to the figure, or None (w1: the text before it;
    wx: the text its exclusions are looked for in, w1 unless given; ``spec``'s context words are
    looked for in text[ls:cx], its paragraph up to :func:`_context_end`)."""
    if spec["exclude"] is not None and (spec["exclude"].search(w1 if wx is None else wx)
                                        or spec["exclude"].match(text, fe, min(ce, fe + 6))):
        return None
    if spec["exclude_after"] is not None:
        m = spec["exclude_after"].search(text, fe, ce)
        if m and not _OWN_NUMBER.match(text, m.end()):
            return None  # (…反馈的68个问题已完成整改55个: the words govern the number after them)
    best = None
    for m in spec["cues"].finditer(w1):
        d = (len(w1) - m.end(), -len(m.group()))
        best = d if best is None or d < best else best
    if spec["after"] is not None:
        m = spec["after"].search(text, fe, ce)
        if m and m.start() - fe <= _TAIL and not _opens_bracket(text[fe:m.start()]):
            # (a word inside an aside after the figure is no name of it: 21件（部分信访件…）)
            d = (m.start() - fe + 0.5, -len(m.group()))
            best = d if best is None or d < best else best
    if best is None:
        return None
    if spec["exclude_sentence"] is not None and spec["exclude_sentence"].search(text, ss, fe):
        return None
    if spec["context"] is not None and not spec["context"].search(text, ls, max(cx, fe)):
        return None
    return best


@lru_cache(maxsize=1)
def _any_cue():
    """(any cue, any cue_after) of the whole catalog: a figure near neither has no indicator."""
    cat = catalog().values()
    before = "|".join(s["cues"].pattern for s in cat if s["cues"] is not None)
    after = "|".join(s["after"].pattern for s in cat if s["after"] is not None)
    return re.compile(before, re.I), re.compile(after or "(?!)", re.I)


@lru_cache(maxsize=64)
def _candidates(unit, change):
    return tuple(s for s in catalog().values() if _unit_ok(s, {"unit": unit}, change))


def _choose(cands, text, w1s, fs, fe, ce, ls, cx, ss=None, xs=None):
    ss = w1s if ss is None else ss
    w1 = text[w1s:fs]
    wx = text[xs:fs] if xs is not None and xs < w1s else None
    if "\n" in w1:
        w1 = w1.replace("\n", "")  # a cue wrapped over a line (优良天数比\n例): read as one word
    ce = min(ce, fe + _TAIL + 4)
    stop = cue_rx("tail_stop").search(text, fe, ce)
    ce = stop.start() if stop else ce
    before, after = _any_cue()
    if before.search(w1) is None and after.search(text, fe, ce) is None:
        return None
    scored = []
    for spec in cands:
        d = _best(spec, text, w1, fe, ce, ls, cx, ss, wx)
        if d is not None:
            scored.append((d, -spec["priority"], spec["id"]))
    if not scored:
        return None
    scored.sort()
    tied = [s for s in scored if s[0] == scored[0][0]]
    if len(tied) > 1:
        # one cue word shared by two indicators (水质达标率) whose subject words only one of them
        # finds in the figure's own part of its sentence (…六条支流水质稳定达标，水质达标率100%；
        # 城区饮用水源地…): that one; the other's stand after a semicolon, about something else
        # (words before the figure's line start still count: a list of sources the sentence
        # before introduced)
        # (only between indicators of one priority: a higher one wins a tie, as it always has)
        part = _PART_END.search(text, fe)
        part_end = part.start() if part else len(text)
        even = [s for s in tied if s[1] == tied[0][1]]
        ahead = [s for s in even if catalog()[s[2]]["context"] is None
                 or catalog()[s[2]]["context"].search(text, ls, part_end)]
        if ahead and len(ahead) < len(even):
            tied = ahead
            scored = ahead + [s for s in scored if s not in ahead]
    if len(tied) > 1 and ss < w1s:
        # one cue word shared by two indicators (优良比例): the one whose exclusions stand earlier
        # in the sentence loses (15个断面，优良比例86.7% is a share of sections, not of days)
        kept = [s for s in tied if catalog()[s[2]]["exclude"] is None
                or not catalog()[s[2]]["exclude"].search(text, ss, w1s)]
        if kept:
            return kept[0][2]
    return scored[0][2]


def _governing(rx, text, a, fs) -> bool:
    """Whether a word of ``rx`` in text[a:fs] governs the figure at ``fs``: not one inside a
    bracketed aside closed before it (…29微克/立方米（全年考核目标不高于34微克/立方米），甲断面…)."""
    for m in rx.finditer(text, a, fs):
        if not _closes_after(text, m.end(), fs):
            return True
    return False


def _closes_after(text, a, b) -> bool:
    """Whether a bracket open at ``a`` closes in text[a:b] (more closing than opening brackets
    at some point)."""
    depth = 0
    for ch in text[a:b]:
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth -= 1
            if depth < 0:
                return True
    return False


def _group_kind(idx, rx_target, text, prefix_start, fs, change, cs=None, fe=None) -> str:
    """target, change, or actual. A target is a figure in a plans section, after a governing goal
    word in its sentence (力争, 确保 …), after a goal comparison in its own clause (比目标值,
    省定 …) or right before one (…85%的考核要求)."""
    rx = cues()["_rx"]
    if cs is not None and rx["actual_marker"].search(text, cs, fs):
        return "change" if change else "actual"  # …目标为80.3%，实际达到83.6%
    if idx.section(fs)[1] == "plans" or _governing(rx_target, text, prefix_start, fs):
        return "target"
    if cs is not None and _governing(rx["target_local"], text, cs, fs):
        return "target"
    if fe is not None and rx["target_after"].match(text[fe:fe + _GOAL_AFTER]):
        return "target"
    # a goals label with a colon (明年目标：…；…) governs its list up to the full stop, over the
    # semicolons that end the sentences within it
    full = max(text.rfind(c, 0, prefix_start) for c in "。！？!?\n") + 1
    if full < prefix_start and cue_rx("target_label").search(text, full, prefix_start):
        return "target"
    # a paragraph that opens by setting out goals (会议明确了…的总体目标，…) governs it to its end
    para = text.rfind("\n", 0, prefix_start) + 1
    if cue_rx("target_paragraph").match(text, para, prefix_start):
        return "target"
    return "change" if change else "actual"


def _qualifier(text, ss, cs, fs):
    for a in (cs, ss):
        best = None
        raw, raw_end = "", -1
        qual_rx, qual_prefix, qual_strip, _ = _vocab()
        tail_rx = cue_rx("qualifier_tail")
        for m in qual_rx.finditer(text, a, fs):
            if m.start() < raw_end:
                continue  # inside the tail just taken
            raw = raw + m.group() if m.start() == raw_end else m.group()  # 沙湖 + 山断面
            raw_end = m.end()
            tail = tail_rx.match(text, raw_end, fs)
            if tail:  # 青河 + 桥, 柳河 + 口断面: a name goes on past its water word
                raw, raw_end = raw + tail.group(), tail.end()
            name = qual_strip.sub("", qual_prefix.sub("", raw))
            if len(name) >= 3 or (len(name) == 2 and not name.endswith("断面")):
                best = name
        if best:
            return best
    return ""


def _item_qualifier(item):
    """The section an item of a list names: its qualifier, else the item without its scope words."""
    _, qual_prefix, qual_strip, _ = _vocab()
    name = qual_strip.sub("", qual_prefix.sub("", item.strip()))
    if _any_cue()[0].search(name) is None:
        return name  # the item is only a name (柳河口)
    return _qualifier(item, 0, 0, len(item)) or name


def _past_colon(text, ce, clause_end):
    """A clause's end, or the next clause's when it ends on a colon (Ⅱ类水质断面为：甲桥、乙村): what
    a colon opens belongs to the words before it."""
    return clause_end(ce + 1) if ce < len(text) and text[ce] in "：:" else ce


def _sections_after(text, fe, ce):
    """The sections named after a class (水质为Ⅱ类的断面分别为甲、乙和丙断面), or None unless two
    or more."""
    m = cue_rx("class_sections_after").match(text, fe, ce)
    if m is None:
        return _sections_counted(text, fe)
    items = [x for x in cue_rx("list_sep").split(text[m.end():ce]) if x.strip()]
    if len(items) < 2:
        return None
    names = [_item_qualifier(x) for x in items]
    return names if all(names) and len(set(names)) == len(names) else None


def _sections_counted(text, fe):
    """The sections named in brackets after a class and their count (Ⅱ类水体断面3个（甲河乙村、丙河丁桥、
    戊河己庄）; 劣Ⅴ类断面1个（庚河口）), or None unless the names are as many as the count."""
    m = cue_rx("class_sections_counted").match(text, fe)
    if m is None:
        return None
    close = min((k for k in (text.find("）", m.end()), text.find(")", m.end())) if k >= 0), default=-1)
    if close < 0 or close - m.end() > 120:
        return None  # (a bracket closing much further on holds more than names: no such list)
    items = [x for x in cue_rx("list_sep").split(text[m.end():close]) if x.strip()]
    names = [_item_qualifier(x) for x in items]
    n = int(m.group("n"))  # (int reads full-width digits as they are)
    return names if len(names) == n and all(names) and len(set(names)) == n else None


def _shared_sections(text, cs, fs):
    """The sections of a list that one class is shared by (白沙河、清水河、柳溪断面水质均为Ⅲ类:
    the list before 均/都 in the figure's clause), each named by its qualifier; None unless
    there are two or more and every item names one."""
    last = None
    for m in cue_rx("shared_class").finditer(text, cs, fs):
        last = m
    if last is None:
        # without 均 a list of names that the clause opens with shares the class all the same
        # (甲河乙桥、丙河丁桥断面符合地表水Ⅳ类水质标准): the list ends where its verb starts
        last = cue_rx("class_verb").search(text, cs, fs)
        if last is None:
            return None
    end = last.start()
    counted = cue_rx("list_count_tail").search(text, cs, end)
    if counted:
        end = counted.start()  # 甲桥、乙河口、丙村3个断面均为Ⅱ类: the list ends before its count
    spans, a = [], cs
    for m in cue_rx("list_sep").finditer(text, cs, end):
        spans.append((a, m.start()))
        a = m.end()
    spans.append((a, end))
    if len(spans) < 2:
        return None
    names = [_qualifier(text, x, x, y) for x, y in spans]
    if not all(names) and (any(names) or last.re is cue_rx("shared_class")):
        # items that are bare names (沈家段、隧洞村和甲河断面水质均为Ⅱ类; 丙桥和丁桥断面): a name
        # with no water word is a section all the same when a sibling names one or 均 binds them
        names = [n or (_item_qualifier(text[x:y]) if cue_rx("section_item").fullmatch(text[x:y].strip()) else "")
                 for n, (x, y) in zip(names, spans)]
    return names if all(names) and len(set(names)) == len(names) else None


def _sign(spec, text, a, fs):
    rx = cues()["_rx"]["direction"]
    last = None
    span = text[a:fs]
    for m in rx.finditer(span.replace("\n", "") if "\n" in span else span):
        last = m  # (a direction word wrapped over a line, 减\n少, is still one word)
    if last is None:
        return 1
    v = cue_value("direction", last.group())
    if v == "improve":
        return -1 if spec["direction"] == "lower_is_better" else 1
    if v == "worsen":
        return 1 if spec["direction"] == "lower_is_better" else -1
    return int(v)


def _unit_ok(spec, f, change):
    """Whether a figure's unit fits the indicator; a change must fit too: 个百分点 only on a
    ratio, an absolute change only in the indicator's own unit, none at all on a class."""
    u = f["unit"]
    if change:
        if spec["unit"] == "class":
            return False
        if u == "pp":
            return spec["unit"] == "%"
        return u == "%" or u in spec["units"]
    return u in spec["units"] and u != "pp"  # 个百分点 is a difference, never a level


@lru_cache(maxsize=1)
def _level_specs():
    """The indicators that are levels (concentrations, the composite index), not ratios."""
    return tuple(s for s in catalog().values() if s["unit"] in ("ug/m3", "mg/L", "index"))


_FIG_COLS = ("figure_id", "start", "end", "value", "value_text", "unit", "unit_text", "masked", "approx", "number_kind")


def _class_figures(figures) -> list[tuple]:
    """(start, class) of every class figure, values, bounds and labels alike."""
    if figures is None or not len(figures):
        return []
    return [(s, v) for s, v, u, m in zip(figures["start"].tolist(), figures["value"].tolist(),
                                          figures["unit"].tolist(), figures["masked"].tolist())
            if u == "class" and not m and v == v]


def _goal_cell(text, class_figs, fs) -> bool:
    """Whether the class at ``fs`` is the goal's cell of a row of a flattened table (cells split
    by |) with two or more classes: the header, the nearest line above with cells and no class,
    names a goal column (功能目标) and a found one (9月水质); the goal's is the row's first class
    when its column comes first, else the last."""
    ls = text.rfind("\n", 0, fs) + 1
    le = text.find("\n", fs)
    le = len(text) if le < 0 else le
    if text.count("|", ls, le) < 3:
        return False
    in_row = [s for s, _ in class_figs if ls <= s < le]
    if len(in_row) < 2:
        return False
    pos = ls - 1
    for _ in range(40):  # the header is at most this many rows above
        if pos <= 0:
            return False
        start = text.rfind("\n", 0, pos) + 1
        line = text[start:pos]
        pos = start - 1
        if line.count("|") < 3:
            return False  # the table ended before a header was found
        if any(start <= s < start + len(line) for s, _ in class_figs):
            continue  # another row
        cells = [c.strip() for c in line.split("|")]
        goal = next((i for i, c in enumerate(cells) if cue_rx("goal_cell").search(c)), None)
        found = next((i for i, c in enumerate(cells) if i != goal and cue_rx("class_cell").search(c)), None)
        if goal is None or found is None:
            return False
        return fs == (in_row[0] if goal < found else in_row[-1])
    return False


def _figure_records(figures) -> list[dict]:
    """Value figures as dicts with the columns indicators use (no DataFrame.to_dict: it is slow)."""
    if figures is None or not len(figures):
        return []
    cols = [figures[c].tolist() for c in _FIG_COLS]
    return [dict(zip(_FIG_COLS, r)) for r in zip(*cols) if r[-1] in _VALUE_KINDS]


def _cell_name_before(text, ls, fe):
    """Whether the line before ``ls`` is only an indicator's name (short, no digit, no full stop)
    and the line from ``ls`` is only the value(s) ending at ``fe``: a table flattened one cell a line."""
    end = text.find("\n", fe)
    rest = text[fe:len(text) if end < 0 else end].strip()
    if rest not in ("", "。", "；", ";"):
        return False
    prev = text[text.rfind("\n", 0, ls - 1) + 1:ls - 1].strip()
    return (0 < len(prev) <= _CELL_NAME and _any_cue()[0].search(prev) is not None
            and not re.search(r"[0-9０-９。；;：:]", _any_cue()[0].sub("", prev)))  # (PM2.5 is a name)


_CELL_NAME = 20  # characters of a table cell that names an indicator


def _raw_value(f):
    """The number of a figure as written (before a list's unit scaled it), or None."""
    try:
        return parse_digits(f["value_text"]) if f.get("value_text") else None
    except (TypeError, ValueError):
        return None


def _declared_before(text, f):
    """Give a bare number the unit its label declares in brackets right before it (PM2.5浓度
    （μg/m³）：32, 优良天数比例（%）为86.3): the label's unit is the number's."""
    m = cue_rx("declared_before").search(text, max(0, f["start"] - 24), f["start"])
    if m is None:
        return
    info = unit_info(m.group(1).strip())
    if info is None:
        return
    f["unit_text"], f["unit"] = m.group(1).strip(), info["unit"]
    f["value"] = f["value"] * info["factor"]
    f["number_kind"] = info["number_kind"]


def _in_ranges_dropped(text, figs, rx) -> list:
    """The figures without the two ends of a range of values (在28～45微克/立方米之间, 范围为
    0.05～0.18毫克/升, 280至320天不等): a spread over places or days, no value of an indicator."""
    drop = set()
    for i in range(len(figs) - 1):
        a, b = figs[i], figs[i + 1]
        if not rx["range_sep"].match(text[a["end"]:b["start"]]):
            continue
        if (rx["range_after"].match(text[b["end"]:b["end"] + 8])
                or rx["range_before"].search(text[max(0, a["start"] - 6):a["start"]])):
            drop.update((i, i + 1))
    return [f for i, f in enumerate(figs) if i not in drop] if drop else figs


def _yardsticks_dropped(text, figs) -> list:
    """The figures without the classes named as a standard to judge by (按照地表水Ⅲ类标准评价,
    执行Ⅲ类水质标准): the yardstick of an assessment, not a class the water was found in."""
    pairs = [(cue_rx("yardstick_before"), cue_rx("yardstick_after")),
             # 水质达标率（Ⅲ类）为100%: a class in brackets after a ratio's name defines the ratio
             (cue_rx("ratio_class_before"), cue_rx("ratio_class_after"))]
    return [f for f in figs if not (f["unit"] == "class" and any(
        # 48 characters back: a standard's title and code (执行《地表水环境质量标准》(GB3838-2002)Ⅲ类标准)
        after.match(text, f["end"]) and before.search(text[max(0, f["start"] - 48):f["start"]])
        for before, after in pairs))]


_NO_STATE = (None, None)


@dataclass
class _Reading:
    """One document's reading, the same for every group: its text and index, the catalog, the
    cue patterns and where its figures stand."""
    text: str
    idx: Doc
    doc_id: str
    cat: dict
    rx: dict
    fig_starts: list  # where figures stand, ranks (全省第9位) and ordinals excepted
    class_figs: list
    all_specs: tuple  # every indicator a redacted number with no unit may be (a class never is)


@dataclass
class _Memory:
    """What the groups read so far leave for the next ones in the same document."""
    sent_state: dict = field(default_factory=dict)  # sentence start -> (last value indicator, last list's indicators)
    prev_end_in_clause: dict = field(default_factory=dict)  # clause start -> end of its last figure
    base_end: dict = field(default_factory=dict)  # clause start -> end of its last earlier-period value
    measure_end: dict = field(default_factory=dict)  # clause start -> end of its last measure or indicator value
    level_end: dict = field(default_factory=dict)  # clause start -> end of its last concentration
    line_state: dict = field(default_factory=dict)  # paragraph start -> last value indicator
    sent_seq: dict = field(default_factory=dict)  # sentence start -> its values' indicators (not changes), in order
    sent_levels: dict = field(default_factory=dict)  # sentence start -> every level's indicator or None (SO2为20μg/m3), in order
    sent_host: dict = field(default_factory=dict)  # sentence start -> its last indicator of any kind (a change's host)
    sent_value: dict = field(default_factory=dict)  # sentence start -> (indicator, value) of its last observed value
    sent_merged: dict = field(default_factory=dict)  # start of a part after a semicolon -> the sentence start it goes on
    period_memo: dict = field(default_factory=dict)  # sentence span -> its period words
    last_named: tuple | None = None  # (end, indicator) of the last value that has an indicator
    chain: tuple | None = None  # (end, indicator, change, kind, sign start) of a value in brackets after a place


@dataclass
class _Group:
    """One list of figures being read: the window its names are looked for in and what is found.
    fs: its first figure's start; ss/se: the sentence; cs: the clause; ls: the paragraph; pe: where
    context words may stand (:func:`_context_end`); w1s: where the words before it begin."""
    figs: list
    fs: int
    ss: int
    se: int
    cs: int
    ls: int
    pe: int
    w1s: int
    prefix_start: int
    w1: str
    reached: bool  # a level verb (降至148微克/立方米): a level, not a change
    change: bool
    sign_start: int  # where the direction words of a change are looked for
    names: list  # which indicator for each figure
    extra: list = field(default_factory=list)  # (figure, indicator) beyond one per figure: A和B双双达到95%
    kind: str | None = None  # target / change / actual, worked out when a member needs it (_kind)
    item_quals: list | None = None  # the section each item of a 分别 list names (青石桥、柳河口断面分别为…)


def extract_indicators(doc: "Doc | str", figures: pd.DataFrame, *, doc_id: str | None = None,
                       sections=None) -> pd.DataFrame:
    """Indicator mentions (``indicators`` contract) from a document's figures. ``doc`` is the
    document's :class:`~ecoanalysis.document.Doc` (or its cleaned text, with ``doc_id``).

    Columns: doc_id, indicator, kind, value, unit, masked, qualifier, level, period, figure_id,
    section_id, start, end, sentence.

    >>> t = "截至11月11日，空气优良天数比率为81.9%，同比改善1.9%；力争优良率达到85%以上。"
    >>> ind = extract_indicators(t, extract_figures(t, doc_id="d"), doc_id="d")
    >>> ind[["indicator", "kind", "value", "period"]].values.tolist()
    [['good_air_ratio', 'actual', 81.9, '截至11月11日'], ['good_air_ratio', 'change', 1.9, '截至11月11日'], ['good_air_ratio', 'target', 85.0, '']]
    """
    # The figures are read in lists (figures joined by 、/和), in text order. Each list finds the
    # window its names stand in (_open_group), its names (_name_list for a 分别 list, else
    # _name_single per figure), drops values outside their indicator's range (_in_range), becomes
    # rows (_group_rows) and leaves what later lists read: the sentence's last indicator, the
    # clause's last figure … (_remember).
    idx = as_doc(doc, doc_id=doc_id, sections=sections)
    cat, rx = catalog(), cues()["_rx"]
    r = _Reading(
        text=idx.text, idx=idx, doc_id=doc_id or idx.doc_id, cat=cat, rx=rx,
        fig_starts=sorted(s for s, k in zip(figures["start"].tolist(), figures["number_kind"].tolist())
                          if k not in ("rank", "ordinal")) if len(figures) else [],
        class_figs=_class_figures(figures),
        all_specs=tuple(sp for sp in cat.values() if sp["unit"] != "class"))
    figs = _yardsticks_dropped(r.text, _in_ranges_dropped(r.text, _figure_records(figures), rx))
    # PM10、SO2、NO2三项污染物…: the count of a list of pollutants names no value of its own
    count_noun = cue_rx("list_count_noun")
    count_units = {u for _, v in cues()["list_count_noun"] for u in v.split(";")}
    figs = [f for f in figs if not (f["unit"] in count_units and count_noun.match(r.text, f["end"])
                                    and cue_rx("listed_pollutant").search(r.text, max(0, f["start"] - 4), f["start"]))]
    days_noun = cue_rx("days_noun_after")
    for f in figs:
        if not f["unit"] and not f["masked"]:
            _declared_before(r.text, f)  # PM2.5浓度（微克/立方米）：32
        elif f["unit"] == "个" and days_noun.match(r.text, f["end"]):
            # 收获201个优良天: days counted by the noun right after them, which names them
            f["unit"], f["days_noun"] = "day", cues()["days_noun_after"][0][1]
    mem = _Memory()
    rows = []
    for grp in _list_groups(r, figs):
        g = _open_group(r, mem, grp)
        if _respective(r, mem, g):
            _name_list(r, mem, g)
        else:
            for i, f in enumerate(grp):
                _name_single(r, mem, g, i, f)
        _in_range(r, g)
        rows.extend(_group_rows(r, mem, g))
        _remember(r, mem, g)
    return indicator_frame(rows)


def _list_groups(r: _Reading, figs) -> list[list]:
    """Figures separated only by 、/和/及/与 form one list (and so do changes whose items carry
    their own direction words: …分别增加15天、减少2天)."""
    text, rx, clause_start = r.text, r.rx, r.idx.clause_start
    groups, cur = [], []
    for f in figs:
        # (a minus sign after the separator is the next value's: …、3.4%、-2.4%、5.6%)
        gap = _SIGN_AFTER_SEP.sub("", text[cur[-1]["end"]:f["start"]].strip()) if cur else ""
        if cur and (gap in ("、", "和", "及", "与") or (
                _SEP_DIRECTION.fullmatch(gap) and rx["direction_now"].search(
                    text, max(clause_start(cur[0]["start"]), cur[0]["start"] - 8), cur[0]["start"]))
                # …分别为32ug/m3(微克/立方米)和48ug/m3: a unit restated in brackets before the separator
                or (cur[-1]["unit_text"] and _UNIT_ASIDE_SEP.fullmatch(gap))
                # …分别下降至 55ug/m3 73ug/m3: items of a 分别 list written with spaces between them
                or (not gap and cur[-1]["unit_text"] and f["unit_text"] and f["start"] > cur[-1]["end"]
                    and "分别" in text[clause_start(cur[0]["start"]):cur[0]["start"]])):
            cur.append(f)
        else:
            if cur:
                groups.append(cur)
            cur = [f]
    if cur:
        groups.append(cur)
    return groups


def _kind(r: _Reading, g: _Group) -> str:
    """The list's kind, worked out once (:func:`_group_kind`)."""
    if g.kind is None:
        g.kind = _group_kind(r.idx, r.rx["target"], r.text, g.prefix_start, g.fs, g.change, g.cs, g.figs[0]["end"])
    return g.kind


def _open_group(r: _Reading, mem: _Memory, grp) -> _Group:
    """The sentence, clause and paragraph a list is read in (over hard wraps, flattened table
    rows and a label's colon) and whether it is a change."""
    text, rx, idx = r.text, r.rx, r.idx
    sentence, clause_start, line_start = idx.sentence, idx.clause_start, idx.line_start
    fs = grp[0]["start"]
    ss, se = sentence(fs)
    cs = clause_start(fs)
    ls = line_start(fs)
    while cs >= 2 and cs == ls and _wrapped(text, cs - 1):
        # a hard line wrap inside a clause (…优良天数比\n例为86%): the clause goes on over it
        cs, ls = clause_start(cs - 1), line_start(cs - 1)
    if cs == ls and ls >= 2 and text[ls - 1] == "\n" and _cell_name_before(text, ls, grp[-1]["end"]):
        # a flattened table (优良天数比例\n86.5%): the name is the line before, the value its own line
        cs = ls = line_start(ls - 1)
    if (cs >= 1 and text[cs - 1] in "：:" and cs - 1 > ls and len(text[cs:fs].strip()) <= _LABEL_GAP
            and _any_cue()[0].search(text, cs, fs) is None):
        # a label and its value (PM2.5平均浓度：35微克/立方米, 控制目标：不高于36微克/立方米)
        mem.prev_end_in_clause[cs] = grp[-1]["end"]  # (what follows in the clause after the colon)
        cs = clause_start(cs - 1)
    while ss >= 2 and not text[line_start(ss):ss].strip() and _sentence_wrapped(text, line_start(ss) - 1):
        ss = sentence(line_start(ss) - 2)[0]  # and so does the sentence
    if ss >= 1 and cs == ss and text[ss - 1] in "；;" and (
            cue_rx("bare_change").fullmatch(text[ss:fs].strip())
            or cue_rx("elliptic_level").search(text[ss:fs].strip())):
        # …环比降低41μg/m³；同比升高24μg/m³；1-6月份平均浓度为133μg/m³: a part after a semicolon
        # that names nothing goes on with the part before it (and with what that part went on with)
        prev = sentence(ss - 1)[0]
        mem.sent_merged[ss] = ss = mem.sent_merged.get(prev, prev)
    else:
        ss = mem.sent_merged.get(ss, ss)  # a later clause of such a part
    while ls >= 2 and _PARA_GOES_ON.match(text, ls - 2):
        ls = line_start(ls - 1)  # a paragraph goes on over a line not ended by a full stop (空气 …)
    w1s = max(cs, mem.prev_end_in_clause.get(cs, 0))
    prefix_start = ss if ss <= fs else cs
    w1 = text[w1s:fs]
    if "\n" in w1:
        w1 = w1.replace("\n", "")  # a wrapped clause (同\n比下降) read as one line
    reached = bool(rx["level_verb"].search(w1))  # 降至148微克/立方米: a level, not a change
    change = not reached and (bool(rx["change"].search(w1)) or bool(
        rx["change"].search(text, prefix_start, fs) and rx["direction"].search(w1))
        or bool(rx["direction_now"].search(w1)))
    # an indicator name that needs its subject in context (综合指数) finds it up to the end of the
    # next sentence of its paragraph (…综合指数为4.54，排名第6位；PM2.5浓度为40μg/m³)
    return _Group(figs=grp, fs=fs, ss=ss, se=se, cs=cs, ls=ls, pe=_context_end(text, grp[-1]["end"]),
                  w1s=w1s, prefix_start=prefix_start, w1=w1, reached=reached, change=change,
                  sign_start=w1s, names=[None] * len(grp))


def _respective(r: _Reading, mem: _Memory, g: _Group) -> bool:
    """Whether a list's values pair up in order with as many names (分别, or a list of names)."""
    grp, w1 = g.figs, g.w1
    return len(grp) > 1 and ("分别" in w1 or "分别" in r.text[g.fs - 4:g.fs] or (
        # 甲、乙浓度分别为70、44微克/立方米，较2017年下降10.3%、12.0%: a list of changes right
        # after a list of as many values goes with them in order, though 分别 is not repeated
        g.change and len(mem.sent_state.get(g.ss, _NO_STATE)[1] or ()) == len(grp)) or (
        # PM10、SO2、NO2、CO年均浓度同比下降25.2%、21.1%、15.0%、30.8%: a list of pollutants
        # and as many values go together in order, with or without 分别
        _names_each(w1, len(grp))))


def _list_items(r: _Reading, g: _Group) -> list[str]:
    """The names a 分别 list's values pair with: the items before the verb, else the clause's
    items (over a count of them) or the clause before's, split at brackets where they touch."""
    text, grp, cs, clause_start = r.text, g.figs, g.cs, r.idx.clause_start
    subj = cue_rx("respectively_verb").split(g.w1)[0]
    items = [x for x in cue_rx("list_sep").split(subj) if x.strip()]
    if len(items) != len(grp) and g.w1s > cs:
        # PM2.5、PM10两项指标分别为…: the names run back over a count of them
        w0 = text[cs:g.fs].replace("\n", "")
        items0 = [x for x in cue_rx("list_sep").split(cue_rx("respectively_verb").split(w0)[0]) if x.strip()]
        items = items0 if len(items0) == len(grp) else items
    if (len(items) != len(grp) and g.change and cs > g.ss and not text[cs:g.w1s].strip()
            and not _figure_between(r.fig_starts, clause_start(cs - 1), cs)):
        # PM10、NO2和CO浓度同比下降，降幅分别为5.4%、23.1%和16.7%: the names are the clause
        # before, which has no figure of its own
        w0 = text[clause_start(cs - 1):cs - 1].replace("\n", "")
        items0 = [x for x in cue_rx("list_sep").split(w0) if x.strip()]
        items = items0 if len(items0) == len(grp) else items
    if len(items) != len(grp):
        # 可吸入颗粒物(PM10)细颗粒物(PM2.5): a closing bracket separates two items too
        split = [y for x in items for y in _BRACKET_SEP.split(x) if y.strip()]
        if len(split) == len(grp) + 1 and _any_cue()[0].search(split[-1]) is None:
            split[-2:] = [split[-2] + split[-1]]  # the list's shared tail (年均浓度降幅)
        items = split if len(split) == len(grp) else items
    return items


def _name_list(r: _Reading, mem: _Memory, g: _Group) -> None:
    """Names of a list whose values pair up in order (:func:`_name_items`); a list of earlier
    values (PM10、SO2、NO2浓度从2015年的106、15.5、59.4微克/立方米，分别下降到…) gets none, and leaves
    its names for the lists after it in the sentence."""
    base = not g.change and r.rx["base_value"].search(r.text[g.cs:g.fs].strip())
    _name_items(r, mem, g)
    if base:
        state = mem.sent_state.get(g.ss, _NO_STATE)
        mem.sent_state[g.ss] = (state[0], list(g.names) if any(g.names) else state[1])
        mem.base_end[g.cs] = g.figs[-1]["end"]
        g.names = [None] * len(g.figs)


def _name_items(r: _Reading, mem: _Memory, g: _Group) -> None:
    """Each item's own cue; items naming only places share the last one's; else the sentence's
    last list or values; else one cue shared by all (the items are places)."""
    text, cat, grp = r.text, r.cat, g.figs
    items = _list_items(r, g)
    if len(items) == len(grp):
        for i, (item, f) in enumerate(zip(items, grp)):
            # each item's own indicator: its nearest, longest cue whose exclusions are not in
            # it (饮用水水源地水质达标率、断面水质优良比例分别为…: drinking water, then sections)
            scored = []
            for spec in _candidates(f["unit"], g.change):
                if spec["cues"].search(item):
                    d = _best(spec, text, item, f["end"], f["end"], g.ls, g.pe, g.ss)
                    if d is not None:
                        scored.append((d, -spec["priority"], spec["id"]))
            g.names[i] = min(scored)[2] if scored else None
        names = g.names
        if names[-1] and not all(names) and all(
                cue_rx("place_item").fullmatch(item.strip())
                or (cat[names[-1]]["unit"] == "class" and _any_cue()[0].search(item) is None)
                for item, n in zip(items, names) if n is None):
            # 甲县、乙县、丙县优良率分别为…: items naming only places share the last one's name
            # (and so do bare section names before a list of classes: 青石桥、柳河口断面分别为Ⅱ类、Ⅲ类)
            g.names = [n or names[-1] for n in names]
        if any(n and cat[n]["qualifier"] == "section" for n in g.names):
            g.item_quals = [_item_qualifier(item) for item in items]
    elif ((g.change or not items) and mem.sent_state.get(g.ss, _NO_STATE)[1]
          and len(mem.sent_state[g.ss][1]) == len(grp)):
        # (and a list of levels that names nothing of its own: …，分别下降到2020年的61、4、33微克/立方米)
        g.names = list(mem.sent_state[g.ss][1])
    elif (g.change and len(grp) > 2 and len(mem.sent_levels.get(g.ss, ())) == len(grp)
          and any(mem.sent_levels[g.ss])):
        # SO2为20μg/m3，…，PM10为90μg/m3，…，较去年同期分别上升-16.7%、…、32.4%…: one change for
        # each level of the sentence, in order (those outside the catalog keep none)
        g.names = [n if n and _unit_ok(cat[n], f, True) else None
                   for n, f in zip(mem.sent_levels[g.ss], grp)]
    elif g.change and len(mem.sent_seq.get(g.ss, ())) >= len(grp):
        # PM2.5…，O3…，同比分别下降4.8%和上升2.4%: the sentence's last values, in order
        last_n = mem.sent_seq[g.ss][-len(grp):]
        if len(set(last_n)) == len(grp) and all(_unit_ok(cat[n], f, True) for n, f in zip(last_n, grp)):
            g.names = list(last_n)
    if not any(g.names) and not (len(items) != len(grp) and cue_rx("listed_pollutant").search(text, g.cs, g.fs)):
        # 市区、县城PM2.5浓度分别为21、18微克/立方米: the items are places, the cue is shared
        # (not when the list names pollutants that do not pair up with the values:
        # 二氧化硫、二氧化氮、可吸入颗粒物(PM10)细颗粒物(PM2.5)降幅分别为…)
        _name_shared(r, mem, g)


def _name_shared(r: _Reading, mem: _Memory, g: _Group) -> None:
    """Names of a list whose items are no names: one cue before them all, else (a bare 分别
    change) the clause before."""
    text, cs, clause_end = r.text, g.cs, r.idx.clause_end
    for i, f in enumerate(g.figs):
        cands = _candidates(f["unit"], g.change)
        if cands:
            g.names[i] = _choose(cands, text, g.w1s, f["start"], f["end"], clause_end(f["end"]), g.ls, g.pe, g.ss,
                                 max(cs, mem.measure_end.get(cs, cs)))
    if (not any(g.names) and g.change and cs > g.ss and not text[cs:g.w1s].strip()
            and cue_rx("bare_change").fullmatch(cue_rx("respectively_verb").sub("", g.w1).strip())):
        # 甲、乙…11个县综合指数均同比下降，分别下降21.7%、14.6%…: a bare 分别 change whose
        # shared name is the clause before
        pcs = r.idx.clause_start(cs - 1)
        for i, f in enumerate(g.figs):
            cands = _candidates(f["unit"], g.change)
            if cands:
                g.names[i] = _choose(cands, text, pcs, f["start"], f["end"], clause_end(f["end"]), g.ls, g.pe, g.ss)


def _name_single(r: _Reading, mem: _Memory, g: _Group, i: int, f: dict) -> None:
    """The indicator of figure ``i`` of a list that does not pair up: a chained ranking, its own
    cue (:func:`_name_by_cue`), else what its sentence named before (:func:`_name_from_context`).
    A base value (比去年同期（63微克/立方米）) or a margin against a goal gets none."""
    text, rx, cs, fs = r.text, r.rx, g.cs, g.fs
    chain = mem.chain
    if (chain and len(g.figs) == 1 and fs and text[fs - 1] in "（(" and _CHAIN_GAP.fullmatch(text, chain[0], fs)):
        # 昔阳(21.7%)、市城区(14.6%)、榆社(13.3%): places with their values in brackets
        # go on the ranking the first one's sentence names (its indicator and kind)
        g.names[i], g.change, g.kind, g.sign_start = chain[1], chain[2], chain[3], chain[4]
        return
    # a redacted number whose unit went with it (综合指数**) may be any indicator's
    cands = (_candidates(f["unit"], g.change) if f["unit"] or not f["masked"] or f["approx"]
             else r.all_specs)
    if (not f["unit"] and not f["masked"] and not g.change and text[f["end"]:f["end"] + 1] in _BARE_END
            and f["end"] < len(text)
            and cue_rx("bare_concentration").search(text, max(cs, f["start"] - 8), f["start"])):
        # O3-8h浓度为156 (the unit declared elsewhere): a concentration in its own unit (a
        # number the text ends on may be cut off: PM2.5浓度为3)
        cands = cands + _candidates("ug/m3", False)
    if rx["base_value"].search(text[cs:f["start"]].strip()):
        mem.base_end[cs] = f["end"]
        return  # 比去年同期（63微克/立方米）下降7.9%: the base, not this period's value
    if rx["margin"].search(text[cs:f["start"]]) and not _goal_beside_value(r, mem, g, f):
        return  # 比目标值314天多26天: a margin against a goal, no value of its own
    if cands:
        g.names[i] = _name_by_cue(r, mem, g, f, cands)
    if g.names[i] is None and f.get("days_noun") and not g.change:
        g.names[i] = f["days_noun"]  # 收获201个优良天
    if g.names[i] is None:
        g.names[i] = _name_from_context(r, mem, g, f, cands)


def _goal_beside_value(r: _Reading, mem: _Memory, g: _Group, f: dict) -> bool:
    """Whether a figure right after 低于/高于…目标值 is the goal itself rather than the margin: of
    the unit of the value the sentence stated before it and of its size (…为83微克/立方米，低于
    市定目标值95微克/立方米 states the goal; …为8天，低于目标值4天 the margin)."""
    prev = mem.sent_value.get(g.ss)
    m = cue_rx("goal_or_margin").search(r.text, g.cs, f["start"]) if prev and prev[1] and not f["masked"] else None
    if m is None or not _unit_ok(r.cat[prev[0]], f, False):
        return False
    ratio = f["value"] / prev[1]
    # and on the side the words say (低于 a goal: the goal is the larger; 超出 one: the smaller)
    side = (ratio > 1 if cue_rx("goal_below").match(m.group()) else
            ratio < 1 if cue_rx("goal_above").match(m.group()) else True)
    return side and _GOAL_SIZE[0] <= ratio <= _GOAL_SIZE[1]


def _name_by_cue(r: _Reading, mem: _Memory, g: _Group, f: dict, cands) -> str | None:
    """A figure's indicator from the cue words of its clause (and the clause before, where its
    own clause names only a ratio or a verb); A和B双双达到95% adds A's to ``g.extra``."""
    text, cat, rx, cs, ss, ls, pe = r.text, r.cat, r.rx, g.cs, g.ss, g.ls, g.pe
    clause_start, clause_end = r.idx.clause_start, r.idx.clause_end
    w1s, level_end = g.w1s, mem.level_end
    ce = clause_end(f["end"])
    # exclusions also before a figure that is no measure (臭氧日最大8小时…达标天数比例)
    name = _choose(cands, text, w1s, f["start"], f["end"], ce, ls, pe, ss, max(cs, mem.measure_end.get(cs, cs)))
    if name is None and g.change and f["unit"] == "pp":
        # 可吸入颗粒物浓度同比降低7.14个百分点: a level's change written in 个百分点,
        # taken as written only when the words since the last figure name it (a
        # bare 个百分点 change is never moved onto a level: it is a missed ratio's)
        name = _choose(_level_specs(), text, w1s, f["start"], f["end"], ce, ls, pe, ss)
    if name is None and w1s > cs and (f["unit"] in _MEASURES
                                      or not text[w1s:f["start"]].strip()
                                      or mem.base_end.get(cs) == w1s) and not (
            # …臭氧为163微克/立方米、一氧化碳为1.6毫克/立方米: a pollutant outside the
            # catalog named after a measure: the subject does not run back over it
            level_end.get(cs, len(text)) <= w1s
            and cue_rx("own_name").search(text, level_end[cs], f["start"])
            and not rx["direction"].search(text, level_end[cs], f["start"])) and not (
            # …为38微克/立方米（国家二级标准35微克/立方米）: an aside in brackets names
            # its own figure, the subject does not run into it
            _opens_bracket(text[w1s:f["start"]])) and not (
            # …、PM10上升1.8%、二氧化氮上升0.3%: the change of a measure the words since the
            # last figure name, outside the catalog
            g.change and _own_subject(text[w1s:f["start"]])):
        # 臭氧日最大8小时平均浓度为…: the subject runs over an unrelated number (and
        # over a count right before this one: 转办信访件12批次87件, and over the
        # start of a movement: 综合指数由4.68下降到4.31)
        name = _choose(cands, text, cs, f["start"], f["end"], ce, ls, pe, ss)
    both = len(g.figs) == 1 and cue_rx("both_values").search(text, cs, f["start"])
    shared_only = False
    if not both and name is not None and len(g.figs) == 1 and f["unit"] == "%":
        # 出境断面和城市饮用水水源地水质达标率100%: a ratio word after B shared by A, with no 均
        both = shared_only = cue_rx("both_subjects").search(text, cs, f["start"])
    if both and not shared_only:
        # A和B双双达到95%: B is the name after the separator, A the one before it
        second = _choose(cands, text, both.start() + 1, f["start"], f["end"], ce, ls, pe, ss, both.start() + 1)
        name = second or name
    if name is not None and both:
        w = text[w1s:both.start()]
        for spec in cands if not shared_only else ():
            if (spec["id"] != name and spec["cues"].search(w)
                    and _best(spec, text, w, f["end"], ce, ls, pe, ss) is not None):
                g.extra.append((f, spec["id"]))
        if not g.extra:
            # A和B水质达标率均为100%: A names only a subject, and the ratio word after B is
            # shared: A's is the ratio whose subject words A holds and whose cue it is
            # (A may be counted: 2个国控断面和122个饮用水源地…: from the clause's start)
            shared, wa = text[both.start() + 1:f["start"]], text[cs:both.start()]
            subject = {v: p for p, v in cues()["shared_subject"]} if shared_only else {}
            for spec in cands:
                if (spec["id"] != name and spec["context"] is not None
                        and spec["context"].search(wa) and spec["cues"].search(shared)
                        and (not shared_only or re.search(subject.get(spec["id"], "(?!)"), wa))
                        and (spec["exclude"] is None or not spec["exclude"].search(wa))):
                    g.extra.append((f, spec["id"]))
                    break
    if (name is None and f["unit"] == "class" and len(g.figs) == 1
            and _sections_after(text, f["end"], _past_colon(text, ce, clause_end)) is not None):
        # Ⅱ类水质断面为：甲桥、乙河口、丙村: a class that names the sections after it
        name = next((k for k, sp in cat.items() if sp["unit"] == "class"), None)
    if (name is None and cs > ss and f["unit"] == "%"
            and cue_rx("bare_ratio").fullmatch(text[cs:f["start"]].strip())):
        # 12个国控断面全部达到Ⅲ类，达标率100%: the subject is in the clause before, or up to two
        # further back over clauses that state no ratio or level of their own (…饮用水源地水质要求，
        # 符合国家标准，达标率为100%; 34个断面，32个达标，达标率94.1%)
        a = clause_start(cs - 1)
        name = _subject_before(cands, text, a, cs)
        for _ in range(2):
            if name is not None or a <= ss or cue_rx("ratio_or_level").search(text, a, cs):
                break
            a = max(ss, clause_start(a - 1))
            name = _subject_before(cands, text, a, cs)
    if (name is None and f["unit"] == "%"
            and ((cs > ss and (cue_rx("bare_ratio").fullmatch(text[cs:f["start"]].strip())
                               or rx["bare_share"].fullmatch(text[cs:f["start"]].strip())))
                 or (w1s > cs and text[w1s:f["start"]].startswith("、")
                     and rx["bare_share"].fullmatch(text[w1s + 1:f["start"]].strip())))):
        # 达标天数为305天，达标率为83.6%: the ratio of the count just before (空气质量达标294天、
        # 比例为80.5%: also after a 、 that joins them)
        owner = mem.sent_state.get(ss, _NO_STATE)[0]
        name = next((k for k, sp in cat.items() if owner and sp["share_of"] == owner
                     and any(sp is c for c in cands)), None)
    if name is None and cs > ss and cue_rx("copula").fullmatch(text[cs:f["start"]].strip()):
        # 浓度最高的是某区，为86微克/立方米: the clause is only its verb
        name = _choose(cands, text, clause_start(cs - 1), f["start"], f["end"], ce, ls, pe, ss)
        if name is None:
            name = _ranking_end(r, mem, g, f)
    return name


def _ranking_end(r: _Reading, mem: _Memory, g: _Group, f: dict) -> str | None:
    """…PM2.5浓度最低的是甲区，为53微克/立方米；最高的是乙市，为86微克/立方米; 改善幅度最大的是丙县，
    为44.2%: an end of the ranking the last named value stands in (its value, or its change), one
    row for each place named (最差的是丁和戊市，为26微克/立方米 adds to ``g.extra``)."""
    text, last_named, cs = r.text, mem.last_named, g.cs
    if last_named is None or len(g.figs) != 1 or "\n" in text[last_named[0]:g.fs] or g.fs - last_named[0] > _RANK_REACH:
        return None
    sup = cue_rx("superlative_subject").search(text, r.idx.clause_start(cs - 1), cs - 1)
    moved = bool(sup and cue_rx("superlative_change").search(sup.group("head")))
    if not (sup and _unit_ok(r.cat[last_named[1]], f, g.change or moved)):
        return None
    if moved and not g.change:
        g.change, g.kind, g.sign_start = True, None, r.idx.clause_start(cs - 1)
    places = [x for x in cue_rx("list_sep").split(sup.group("places")) if x.strip()]
    if len(places) > 1 and cue_rx("place_item").fullmatch(places[-1].strip()) and all(
            2 <= len(x.strip()) <= 8 for x in places):
        g.extra.extend([(f, last_named[1])] * (len(places) - 1))
    return last_named[1]


def _name_from_context(r: _Reading, mem: _Memory, g: _Group, f: dict, cands) -> str | None:
    """A figure with no cue of its own takes the indicator its sentence named just before: a
    place's value (其中城区为88%), a share of the count before it (占全年的93%), an achieved value
    after a goal, a change of the value it follows (never one further back: a wrong host is worse
    than none), a goal with no name (…为80%，未达到85%的要求)."""
    text, cat, rx, cs, ss = r.text, r.cat, r.rx, g.cs, g.ss
    clause_start, clause_end = r.idx.clause_start, r.idx.clause_end
    change, w1s = g.change, g.w1s
    sent_id = mem.sent_state.get(ss, _NO_STATE)[0]
    if (not change and sent_id and cs > ss and _unit_ok(cat[sent_id], f, False)
            and rx["elliptic_subject"].search(text[cs:f["start"]].strip())):
        return sent_id  # 优良率为85%，其中城区为88%: the place's value of the same indicator
    if (not change and sent_id and cs > ss and f["unit"] == "ug/m3" and _unit_ok(cat[sent_id], f, False)
            and cue_rx("elliptic_level").search(text[cs:f["start"]].strip())):
        return sent_id  # PM10月均浓度为100μg/m³，1-6月份平均浓度为133μg/m³: the same pollutant's
    if (not change and sent_id and _unit_ok(cat[sent_id], f, False) and w1s > ss
            and cue_rx("place_item").fullmatch(text[w1s:f["start"]].strip(" 、，,；;\n"))):
        return sent_id  # 优良率：甲县90.1%、乙县88.2%: a place's value of the same indicator
    if not change and f["unit"] == "%" and cue_rx("share_slot").search(text, cs, f["start"]):
        # …天数340天，占全年的93%: a share of the count before it
        name = _share_of(cat, sent_id, text, clause_start(cs - 1) if cs > ss else cs, f["start"])
        if (name is not None and cs > ss and cue_rx("single_class").search(text, cs, f["start"])
                and _share_of(cat, sent_id, text, cs, f["start"]) is None):
            return None  # …断面水质优良率100%，其中Ⅱ类水质断面占57.1%: a share of one class
        if name is not None and cat[name]["exclude"] is not None and cat[name]["exclude"].search(text, cs, f["start"]):
            return None  # 轻度污染天气占总天数的2.5%: a share of what the ratio excludes
        if name is not None:
            return name
    # a 个百分点 change after a count is its ratio's (优良天数增加52天，提高14个百分点)
    if (not change and sent_id and _unit_ok(cat[sent_id], f, False)
            and rx["actual_marker"].search(text, cs, f["start"])):
        return sent_id  # 考核要求PM2.5不高于44微克/立方米，实际完成39微克/立方米
    prev_id = sent_id
    if prev_id is None and change and w1s > ss:
        w = text[w1s:f["start"]].strip(" 、，,；;\n")
        if any(cue_rx("place_item").fullmatch(w, 0, k) and cue_rx("bare_change").fullmatch(w, k)
               for k in range(2, min(len(w), 16))):
            # …同比下降5.9%，其中甲县下降8.1%: a place's change of the indicator before
            prev_id = mem.sent_host.get(ss)
    if prev_id is None and cue_rx("bare_change").fullmatch(text[w1s:f["start"]].strip()):
        # …较2020年下降8微克/立方米，降幅19.5%: a clause naming nothing else
        prev_id = mem.sent_host.get(ss)
        if prev_id is None and change and cs > ss and not _figure_between(r.fig_starts, clause_start(cs - 1), cs):
            # PM2.5浓度同比下降，降幅为12.3%: the subject is the clause before, which has
            # no figure of its own
            pcs = clause_start(cs - 1)
            prev_id = _choose(cands, text, pcs, f["start"], f["end"], clause_end(f["end"]), g.ls, g.pe, ss)
            if prev_id is not None:
                g.sign_start = pcs
    if change and prev_id and _own_subject(text[cs:f["start"]]):
        prev_id = None  # …，二氧化硫浓度同比下降18.8%: the change of a measure of its own
    if change and prev_id:
        if _unit_ok(cat[prev_id], f, True):
            return prev_id
        ratio = next((k for k, sp in cat.items() if sp["share_of"] == prev_id), None)
        count = cat[prev_id]["share_of"]
        if ratio and _unit_ok(cat[ratio], f, True):
            return ratio
        if count in cat and _unit_ok(cat[count], f, True) and not cue_rx("count_noun").search(text, cs, f["start"]):
            # 优良天数为342天，占93.7%，较2018年增加1天: a change in days after the count's share
            # is the count's (not one whose clause counts days of its own: 为优的天数较去年增加13天)
            return count
        return None
    host = sent_id if sent_id and _unit_ok(cat[sent_id], f, False) else None
    if host is None and sent_id and not change:
        # goals listed after the values (…浓度均值38微克/立方米，均完成下达的88.0%和41微克/立方米的
        # 目标任务): each is the goal of the sentence's latest value in its unit
        host = next((n for n in reversed(mem.sent_seq.get(ss, [])) if _unit_ok(cat[n], f, False)), None)
    if host and _kind(r, g) == "target" and (
            rx["target"].search(text, cs, g.fs) or rx["target_local"].search(text, cs, g.fs)
            or rx["target_after"].match(text[f["end"]:f["end"] + 12])):
        return host  # (…达标率91.67%，符合86.7%的考核要求: the goal named after it)
    return None


def _in_range(r: _Reading, g: _Group) -> None:
    """A value whose unit came from the list's last item and that is then outside its
    indicator's range (29、0.9毫克/立方米 → 29000微克/立方米) is a misreading and loses its name;
    but when the list mixes units (8、32、1.1毫克/立方米、156微克/立方米) and the number as written
    is in range, it is the number in the indicator's own unit. A unit written after the number
    itself is kept (and checked: checks.py out_of_range)."""
    if g.change:
        return
    cat = r.cat
    for j, (n, f) in enumerate(zip(g.names, g.figs)):
        if n is None or f["masked"] or f["unit_text"] or cat[n]["min"] <= f["value"] <= cat[n]["max"]:
            continue
        raw = _raw_value(f)
        if raw is not None and raw != f["value"] and cat[n]["min"] <= raw <= cat[n]["max"]:
            g.figs[j] = {**f, "value": raw}
        else:
            g.names[j] = None


def _group_rows(r: _Reading, mem: _Memory, g: _Group) -> list[dict]:
    """The rows of a named list: kind, signed change, qualifier (one row per section a class
    names), level, period, section, sentence; and a 持平 change of 0 after a value."""
    text, cat, rx, idx = r.text, r.cat, r.rx, r.idx
    ss, se, cs, fs = g.ss, g.se, g.cs, g.fs
    rows = []
    level = None
    for f, name in [*zip(g.figs, g.names), *g.extra]:
        if name is None:
            continue
        if level is None:  # group-wide values, found once the group has an indicator
            kind = _kind(r, g)
            sid = idx.section(fs)[0]
            period = mem.period_memo.get((ss, se))
            if period is None:
                period_m = rx["period"].search(text, ss, se)
                period = mem.period_memo[(ss, se)] = period_m.group() if period_m else ""
            level_m = None
            for m in rx["level"].finditer(text, cs, fs):  # the level word of this clause's section
                level_m = m
            level = cue_value("level", level_m.group()) if level_m else ""
            sent_text = text[ss:se]
        spec = cat[name]
        value = f["value"]
        unit = spec["unit"]
        if kind == "change" or (g.change and kind == "target" and f["unit"] in ("%", "pp") and spec["unit"] != "%"):
            if not f["masked"]:
                value = _sign(spec, text, g.sign_start, f["start"]) * abs(value)  # each item's own direction
                if _MINUS_BEFORE.search(text, max(0, f["start"] - 3), f["start"]):
                    value = -value  # a minus written on the number (同比-5.1%; 下降-6.5% is a rise)
            unit = f["unit"] if f["unit"] in ("%", "pp") else spec["unit"]
        qual = _qualifier(text, ss, cs, f["start"]) if spec["qualifier"] == "section" else ""
        if qual and g.item_quals and f in g.figs and g.item_quals[g.figs.index(f)]:
            qual = g.item_quals[g.figs.index(f)]
        lvl = level
        if qual and not lvl:  # 国考星子断面水质为Ⅳ类，总磷…: the level word right before the name
            q = text.rfind(qual, ss, f["start"])
            lm = rx["level"].search(text, max(ss, q - 4), q) if q >= 0 else None
            lvl = cue_value("level", lm.group()) if lm else ""
        shared = (_shared_sections(text, cs, f["start"])
                  if qual and spec["unit"] == "class" and len(g.figs) == 1 else None)
        if spec["unit"] == "class" and len(g.figs) == 1 and not shared:
            shared = _sections_after(text, f["end"], _past_colon(text, idx.clause_end(f["end"]), idx.clause_end))
        row_kind = kind
        if spec["unit"] == "class" and kind == "actual" and _goal_cell(text, r.class_figs, f["start"]):
            row_kind = "target"  # 兰口 | 河流 | 省控 | Ⅲ类 | Ⅲ |, under 功能目标 | 9月水质: the goal's cell
        for q in shared or (qual,):
            # A、B、C断面水质均为Ⅲ类: one row per section of the list
            rows.append({"doc_id": r.doc_id, "indicator": name, "kind": row_kind,
                         "value": math.nan if f["masked"] else float(value), "unit": unit,
                         "masked": bool(f["masked"]), "qualifier": q, "level": lvl,
                         "period": period, "figure_id": f["figure_id"], "section_id": sid,
                         "start": f["start"], "end": f["end"], "sentence": sent_text})
    if g.names[-1] and g.kind == "actual" and cat[g.names[-1]]["unit"] != "class":  # a class has no change
        flat = _vocab()[3].match(text, g.figs[-1]["end"])
        if flat and _change_follows(r, flat.end()):
            flat = None  # …基本持平，略微下降了0.8%: the change written next is the change
        if flat:  # …为30微克/立方米，同比持平: a change of 0 with the words as its span
            spec = cat[g.names[-1]]
            rows.append({**rows[-1], "kind": "change", "value": 0.0, "masked": False,
                         "unit": "%" if spec["unit"] not in ("day", "count") else spec["unit"],
                         "figure_id": None, "start": flat.start(1), "end": flat.end(1)})
    return rows


def _change_follows(r: _Reading, pos: int) -> bool:
    """Whether the clause right after ``pos`` states a change with a figure (略微下降了0.8%)."""
    stop = _FULL_STOP.search(r.text, pos, pos + _FLAT_REACH)
    end = stop.start() if stop else min(len(r.text), pos + _FLAT_REACH)
    return bool(_figure_between(r.fig_starts, pos, end) and r.rx["direction"].search(r.text, pos, end))


def _remember(r: _Reading, mem: _Memory, g: _Group) -> None:
    """What a list leaves for the next ones: its sentence's last indicator (a change's host) and
    values, a chained ranking, its clause's last figure; a plain level of no catalog indicator
    (二氧化硫浓度13微克/立方米) ends the host, so a bare change after it is no longer the earlier
    indicator's (a level in brackets is an aside and leaves the host as it was)."""
    text, rx, grp, names, ss, cs, fs = r.text, r.rx, g.figs, g.names, g.ss, g.cs, g.fs
    last = next((n for n in reversed(names) if n), None)
    if last or len(grp) > 1:
        kind = _kind(r, g)
        mem.chain = ((grp[-1]["end"], last, g.change, kind, g.sign_start)
                     if last and len(grp) == 1 and fs and text[fs - 1] in "（(" else None)
        if last:
            mem.sent_host[ss] = last
        if kind != "change":
            if last:
                mem.last_named = (grp[-1]["end"], last)
                if kind == "actual":
                    j = max(i for i, n in enumerate(names) if n)
                    mem.sent_value[ss] = (names[j], grp[j]["value"])
                mem.sent_seq.setdefault(ss, []).extend(n for n in names if n)
                mem.line_state[g.ls] = last
                mem.sent_state[ss] = (last, names if len(grp) > 1 else mem.sent_state.get(ss, _NO_STATE)[1])
        else:
            mem.sent_state[ss] = (mem.sent_state.get(ss, _NO_STATE)[0], names)
    elif (not g.change and not grp[-1]["masked"]
          and (grp[-1]["unit"] in _MEASURES
               # (or an index of no catalog indicator: 国考断面水质综合指数6.04，同比改善5.44%)
               or (not grp[-1]["unit"] and cue_rx("unlisted_index").search(text, max(cs, fs - 4), fs)))
          and not (rx["direction"].search(text, cs, fs) and not g.reached)  # 降至37微克/立方米 is a level
          and not any(x.search(text, cs, fs) for x in (rx["target"], rx["target_local"], rx["margin"]))
          # (a base value's cue is anchored at its clause's start, so it is read on the clause's own
          # words, as _name_single reads it: 去年同期为97微克/立方米 keeps the host)
          and not rx["base_value"].search(text[cs:fs].strip())
          and not cue_rx("base_clause").match(text[cs:fs].strip())
          and not _opens_bracket(text[mem.prev_end_in_clause.get(cs, cs):fs])
          # 重度污染天数17天，占比7.0%，同比减少12天: a bare share of the count before (of no
          # ratio in the catalog) keeps the count as the host of the change after it
          and not (grp[-1]["unit"] == "%" and cs > ss and r.cat.get(mem.sent_host.get(ss), {}).get("unit") == "day"
                   and (rx["bare_share"].fullmatch(text[cs:fs].strip())
                        or cue_rx("share_slot").search(text, cs, fs)))):
        mem.sent_host.pop(ss, None)
        mem.sent_state.pop(ss, None)
    if not g.change:
        mem.sent_levels.setdefault(ss, []).extend(
            n for n, f in zip(names, grp) if f["unit"] in _LEVEL_UNITS and not f["masked"])
    mem.prev_end_in_clause[cs] = grp[-1]["end"]
    if any(names) or grp[-1]["unit"] in _MEASURES:
        mem.measure_end[cs] = grp[-1]["end"]
    if grp[-1]["unit"] in _LEVEL_UNITS:
        mem.level_end[cs] = grp[-1]["end"]


def indicator_frame(rows) -> pd.DataFrame:
    """The ``indicators`` table of row dicts: built column-wise in contract order with the final
    dtypes (the same frame as ``frame("indicators", rows)`` + astype, without the copies)."""
    if not rows:
        df = frame("indicators", rows)
        df["value"] = df["value"].astype(float)
        df["masked"] = df["masked"].astype(bool)
        return df
    cols = {c: [r[c] for r in rows] for c in COLUMNS["indicators"]}
    cols["value"] = np.array(cols["value"], dtype=float)
    cols["masked"] = np.array(cols["masked"], dtype=bool)
    return pd.DataFrame(cols)


def _col(df: pd.DataFrame, name: str, default="") -> pd.Series:
    return df[name] if name in df.columns else pd.Series([default] * len(df), index=df.index)


HEADLINE_RULE = (
    "One value per report × indicator × kind (and × qualifier for per-section indicators such as "
    "a river section's class): the mention for the whole area (no qualifier) first, an unmasked "
    "one before a masked one, then the first in the text. A redacted report-wide value therefore "
    "stays 'redacted' rather than being replaced by a station's or a district's number.")


def _per_section() -> set:
    return {i for i, spec in catalog().items() if spec["qualifier"] == "section"}


def headline(indicators: pd.DataFrame) -> pd.DataFrame:
    """The headline rule (``HEADLINE_RULE``), the only one: ``Corpus.headline`` (headline.csv),
    :func:`headline_values` (charts, notebooks, HTML report) all call it.

    Keys: doc_id, indicator, kind, plus the qualifier for per-section indicators (catalog column
    ``qualifier`` = 'section'). Order within a key: unqualified, unmasked, first in the text.
    Columns: the indicators columns plus ``n_mentions`` (mentions of that key).

    >>> ind = pd.DataFrame({"doc_id": ["d", "d"], "indicator": ["pm25", "pm25"],
    ...     "kind": ["actual", "actual"], "value": [float("nan"), 30.0], "unit": ["ug/m3"] * 2,
    ...     "masked": [True, False], "qualifier": ["", "某站点"], "start": [5, 50]})
    >>> h = headline(ind)
    >>> bool(h.loc[0, "masked"]), int(h.loc[0, "n_mentions"])
    (True, 2)
    """
    cols = list(indicators.columns) + ["n_mentions"]
    if not len(indicators):
        return pd.DataFrame({c: pd.Series(dtype="object") for c in cols})
    df = indicators.copy()
    qual = _col(df, "qualifier").fillna("").astype(str).str.strip()
    per_section = df["indicator"].isin(_per_section())
    df["_key_q"] = qual.where(per_section, "").to_numpy()
    df["_q"] = ((qual != "") & ~per_section).astype(int).to_numpy()
    df["_m"] = _col(df, "masked", False).fillna(False).astype(bool).astype(int).to_numpy()
    df["_s"] = pd.to_numeric(_col(df, "start", 0), errors="coerce").fillna(0).to_numpy()
    keys = ["doc_id", "indicator", "kind", "_key_q"]
    df["n_mentions"] = df.groupby(keys, sort=False)["indicator"].transform("size").astype("int64")
    df = df.sort_values(keys + ["_q", "_m", "_s"], kind="stable")
    out = df.drop_duplicates(keys, keep="first")
    return out[cols].reset_index(drop=True)
