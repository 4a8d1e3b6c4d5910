"""Every number mention of a cleaned report, as a ``figures`` table (see docs/tables.md).

One compiled regex pass finds the tokens (digits, full-width digits, redactions, Chinese
numerals, water classes, dates, ranges, document numbers, bare units); each token is then
completed by looking at the few characters around it (unit, 余/多/约/左右, 第, triggers).

Example:
    >>> df = extract_figures("空气优良天数167天，PM2.5浓度为**微克/立方米。", doc_id="d")
    >>> df[["value_text", "unit", "value", "masked"]].values.tolist()
    [['167', 'day', 167.0, False], ['**', 'ug/m3', nan, True]]
"""
from __future__ import annotations

import math
import re
from functools import lru_cache
from bisect import bisect_right

import numpy as np
import pandas as pd

from ..schema import COLUMNS, frame
from ..document import Doc, as_doc
from .numbers import (DIG, cue_rx, cues, token_starts, next_token, parse_cn, parse_cn_percent,  # noqa: F401
                      parse_digits, roman_class, scanner, unit_info, units)

NAN = math.nan
_DIGSET = set("0123456789０１２３４５６７８９")
_MASKSET = set("*＊XＸ×Ⅹ")
_CLAUSE = re.compile(r"[，,。；;：:！？!?\n]")
_LETTER = re.compile(r"[A-Za-zＡ-Ｚａ-ｚ]\s?$")
_TITLE = re.compile(r"《[^《》\n]{0,80}》")


@lru_cache(maxsize=1)
def _prefix_rx():
    c = cues()["_rx"]
    return (re.compile(f"(?:{c['approx_prefix'].pattern})$"),
            re.compile(f"(?:{c['strip_trigger'].pattern})$"),
            re.compile(f"(?:{c['rank'].pattern})\\s*$"),
            set(p for p, _ in cues()["hotline"] for p in p.split("|")),
            c["not_stripped"], c["not_money"])


def _approx_prefix(text, s):
    m = _prefix_rx()[0].search(text, max(0, s - 3), s)
    if not m:
        return ""
    from .numbers import cue_value
    return cue_value("approx_prefix", m.group())


def unit_at(text, p):
    """(unit_text, info, end) for a unit starting at p (one space allowed), else None."""
    wrapped = p < len(text) and text[p] == "\n"
    q = p + 1 if p < len(text) and text[p] in " \t\n" else p
    m = units()[0].match(text, q)
    if not m:
        k = text.find("\n", q + 1, q + 8)
        if k < 0:
            return None
        # a unit wrapped over a line inside its word (32微\n克/立方米): read it as one word
        joined = text[q:k] + text[k + 1:k + 12]
        m = units()[0].match(joined)
        if not m or m.end() <= k - q:
            return None
        u = m.group()
        info = unit_info(u)
        return (u, info, q + m.end() + 1) if info is not None and info["needs_number"] else None
    u = m.group()
    info = unit_info(u)
    if info is None or (wrapped and not info["needs_number"]):
        return None  # a line may start with 人, 家 …; only a unit that needs a number goes back over a wrap
    return u, info, m.end()


def _fig(s, e, value, value_text, unit_text="", unit="", approx="", masked=False, stripped=False,
         kind="quantity"):
    return {"start": s, "end": e, "value": value, "value_text": value_text,
            "unit_text": unit_text, "unit": unit, "approx": approx, "masked": masked,
            "stripped": stripped, "number_kind": kind}


def _complete(text, s, e, value, value_text, masked):
    """Attach 余/多, unit and 左右 after a number token ending at e; returns (figure, end)."""
    approx = _approx_prefix(text, s)
    p = e
    if p < len(text) and text[p] in "余多":
        nxt = unit_at(text, p + 1)
        if nxt or masked:
            approx, p = "at_least", p + 1
    u = unit_at(text, p)
    if u:
        unit_text, info, p = u
        unit, kind = info["unit"], info["number_kind"]
        if not masked:
            value = value * info["factor"]
    else:
        unit_text, unit, kind = "", "", "quantity"
    if text.startswith("左右", p):
        approx, p = "approx", p + 2
    return _fig(s, p, value, value_text, unit_text, unit, approx, masked, False, kind), p


def scan(text: str) -> list[dict]:
    """Figure dicts (start, end, value, value_text, unit_text, unit, approx, masked, stripped, number_kind) in text order."""
    approx_rx, trig_rx, rank_rx, hotlines, not_stripped, not_money = _prefix_rx()
    crx = cues()["_rx"]
    bound_rx, label_rx, rank_before = crx["class_bound_before"], crx["class_label_after"], crx["rank_before"]
    title_rx = crx["standard_title"]
    mask_slot, unit_decl = crx["mask_slot"], crx["unit_declaration"]
    rank_move, rank_place = crx["rank_move"], crx["rank_place"]
    out = []
    pos, n = 0, len(text)
    token_at, first_search = scanner().match, token_starts().search  # next_token, inlined
    while pos < n:
        c = first_search(text, pos)
        if c is None:
            break
        m = token_at(text, c.start())
        if m is None:
            pos = c.start() + 1
            continue
        g, s, e = m.lastgroup, m.start(), m.end()
        tok = m.group()
        pos = e
        if g == "docno":
            out.append(_fig(s, e, NAN, tok, kind="doc_number"))
        elif g in ("yrange", "mrange", "cnrange"):
            out.append(_fig(s, e, NAN, tok, kind="period_range"))
        elif g == "year":
            masked = any(c in _MASKSET for c in tok)
            out.append(_fig(s, e, NAN if masked else parse_digits(tok), tok, "年", "year",
                            masked=masked, kind="year"))
        elif g == "date":
            out.append(_fig(s, e, NAN, tok, kind="date"))
        elif g == "crange":
            out.append(_fig(s, e, NAN, tok, unit="class", kind="other"))
        elif g == "cls":
            v = roman_class(tok)
            if v is None or _LETTER.search(text, max(0, s - 2), s):
                continue
            core = tok.rstrip("类").rstrip()
            # 达到或优于Ⅲ类, Ⅲ类以上, Ⅱ类水质断面10个: a bound or a category, not a section's class
            before = text[max(0, s - 12):s]
            if s and text[s - 1] in "》)）":
                # 按《地表水环境质量标准》(GB3838-2002)Ⅲ类: the words before the standard's title
                named = title_rx.search(text, max(0, s - 60), s)
                before = text[max(0, named.start() - 12):named.start()] if named else before
            bound = bound_rx.search(before) or label_rx.match(text[e:e + 14])
            out.append(_fig(s, e, float(v), core, "类" if tok.endswith("类") else "", "class",
                            kind="other" if bound else "quantity"))
        elif g == "num":
            if _LETTER.search(text, max(0, s - 2), s) or (s and text[s - 1] in ".．"):
                continue  # PM2.5, NO2, O3, SO2: part of a name
            if s and text[s - 1] == "前" and rank_before.search(text[max(0, s - 9):s]):
                out.append(_fig(s - 1, e, parse_digits(tok), tok, kind="rank"))  # 位居前5
                continue
            if s and cue_rx("exhibit_label").search(text, max(0, s - 4), s):
                out.append(_fig(s, e, parse_digits(tok), tok, kind="ordinal"))  # 见附表1, 图2: an exhibit's number
                continue
            if s and text[s - 1] in "-—－–" and cue_rx("standard_code").search(text, max(0, s - 16), s):
                continue  # GB3838-2002, HJ 633-2012: the year of a standard's code, part of its name
            b = s
            while b and text[b - 1] in " \t\u3000":
                b -= 1  # 全省第 9位: a PDF's space after 第
            if b and text[b - 1] == "第":
                kind = "rank" if rank_rx.search(text, max(0, b - 6), b - 1) else "ordinal"
                out.append(_fig(b - 1, e, parse_digits(tok), tok, kind=kind))
                continue
            place = rank_place.match(text, e)
            if place and rank_move.search(text, max(0, s - 6), s):
                out.append(_fig(s, place.end(), parse_digits(tok), tok, kind="rank"))  # 同比后退9位: a move in a ranking
                pos = place.end()
                continue
            line_start = s == 0 or text[s - 1] in "。；;！？!?" or (
                text[s - 1] == "\n" and not crx["wrap_verb"].search(text, max(0, s - 3), s - 1))
            if line_start and e < n and text[e] in "、.．" and (e + 1 >= n or text[e + 1] not in _DIGSET):
                out.append(_fig(s, e + 1, parse_digits(tok), tok, kind="ordinal"))
                pos = e + 1
                continue
            if s and text[s - 1] in "（(" and e < n and text[e] in "）)" and not any(c in tok for c in ".．"):
                # (1), (2): an item's number; a decimal in brackets is a value (尖草坪区(5.19))
                out.append(_fig(s, e, parse_digits(tok), tok, kind="ordinal"))
                continue
            value = parse_digits(tok)
            if tok in hotlines and not unit_at(text, e) and not (
                    e < n and text[e] in "余多" and unit_at(text, e + 1)):  # 120多人次 is no hotline
                out.append(_fig(s, e, value, tok, kind="hotline"))
                continue
            if e < n and text[e] in "万亿" and not text.startswith(("万元", "亿元", "万吨", "万亩"), e):
                if text[e] == "亿" and not unit_at(text, e + 1):
                    out.append(_fig(s, e + 1, value * 10000, tok, "亿", "万元"))
                    pos = e + 1
                    continue
                value *= 10000 if text[e] == "万" else 1e8
                e += 1
                if (text[e - 1] == "万" and not unit_at(text, e)
                        and not (e < n and text[e] in "余多" and unit_at(text, e + 1))  # 处罚案件5万余件
                        and cue_rx("money_context").search(text, max(0, s - 10), s)):
                    out.append(_fig(s, e, value / 10000, tok, "万", "万元"))  # 罚款15万
                    pos = e
                    continue
            f, pos = _complete(text, s, e, value, tok, False)
            if f["unit"] == "" and s and text[s - 1] in "“\"" and pos < n and text[pos] in "”\"":
                f["number_kind"] = "other"
            elif f["unit"] == "" and (cue_rx("name_join").match(text, pos) or (s and cue_rx("name_join").match(text, s - 1))):
                f["number_kind"] = "other"  # “23+N”问题: a scheme's name, not 23 problems
            out.append(f)
        elif g == "clsmask":
            out.append(_fig(s, e, NAN, "", "类", "class", masked=True, stripped=True))
        elif g == "qmask":
            f, p = _complete(text, s, e, NAN, tok, True)
            if f["unit"] == "":
                k = s  # a real question mark: its digits (if any) are a plain number
                while k < e and text[k] in _DIGSET:
                    k += 1
                if k > s:
                    f, pos = _complete(text, s, k, parse_digits(text[s:k]), text[s:k], False)
                    out.append(f)
                else:
                    pos = s + 1
                continue
            pos = p
            out.append(f)
        elif g == "xmask":
            f, p = _complete(text, s, e, NAN, tok, True)
            if f["unit"] == "":  # 3x3: not a redacted amount; its digits are a plain number
                k = s
                while k < e and text[k] in _DIGSET:
                    k += 1
                f, pos = _complete(text, s, k, parse_digits(text[s:k]), text[s:k], False)
                out.append(f)
                continue
            pos = p
            out.append(f)
        elif g == "pctcn":
            out.append(_fig(s, e, parse_cn_percent(tok), tok, "", "%", kind="percent"))
        elif g == "mask":
            if s and (text[s - 1] in _DIGSET or _LETTER.search(text, max(0, s - 2), s)):
                continue
            if e < n and text[e] in "年":
                out.append(_fig(s, e + 1, NAN, tok, "年", "year", masked=True, kind="year"))
                pos = e + 1
                continue
            f, p = _complete(text, s, e, NAN, tok, True)
            if f["unit"] == "" and f["approx"] != "at_least":
                after = text[p:p + 1]
                slot = ((cue_rx("value_slot").search(text, max(0, s - 3), s) or mask_slot.search(text[max(0, s - 4):s]))
                        and (after == "" or after in "，。；,;、）) \n"))
                listed = after == "、" and p + 1 < n and (text[p + 1] in _DIGSET or text[p + 1] in _MASKSET)
                if not (slot or listed):
                    continue
            pos = p
            out.append(f)
        elif g == "cn":
            prev = text[s - 1] if s else ""
            if prev == "第":
                kind = "rank" if rank_rx.search(text, max(0, s - 6), s - 1) else "ordinal"
                out.append(_fig(s - 1, e, parse_cn(tok), tok, kind=kind))
                continue
            if e < n and text[e] == "月":
                continue  # month names (四月下旬): dates, not kept as figures
            if prev in "“「《\"每" or (tok == "一" and not cue_rx("total_before").search(text[max(0, s - 2):s])):
                continue
            p = e
            approx = ""
            if p < n and text[p] in "余多":
                approx, p = "at_least", p + 1
            u = unit_at(text, p)
            if not u or u[1]["unit"] in ("%", "pp") or (u[1]["unit"] == "万元" and not cue_rx("money_context").search(text, max(0, s - 10), s)):
                continue
            f, pos = _complete(text, s, e, parse_cn(tok), tok, False)
            out.append(f)
        elif g == "bare":
            if s and (text[s - 1] in _DIGSET or text[s - 1] in _MASKSET):
                continue
            if unit_decl.search(text[s - 8:s] if s >= 8 else "\n" + text[:s]):
                continue  # （单位：微克/立方米）, a header's （%）, a unit alone at a line start: no value slot
            if tok == "万元" and not_money.match(text, s):
                continue
            if tok in ("人次", "家次") and s and text[s - 1] in "每各":
                continue
            start, approx = s, ""
            if tok == "余":
                if s and text[s - 1] in "其剩多结业有盈残富之节":
                    continue
                approx, p = "at_least", e
                u = unit_at(text, p)
                if not u:
                    continue
                unit_text, info, p = u
            else:
                if s and text[s - 1] in "多余":
                    start, approx = s - 1, "at_least"
                unit_text, info, p = tok, unit_info(tok), e
            pos = p
            out.append(_fig(start, p, NAN, "", unit_text, info["unit"], approx, True, True,
                            info["number_kind"]))
        elif g == "clf":
            if not s or text[s - 1] in _DIGSET or text[s - 1] in _MASKSET:
                continue
            if not trig_rx.search(text, max(0, s - 4), s):
                continue
            window = text[max(0, s - 4):s + 3]
            off = max(0, s - 4)
            if any(mm.start() + off <= s < mm.end() + off for mm in not_stripped.finditer(window)):
                continue
            p = e
            if text.startswith(("人次", "家次"), p - 1) and text[s] in "人家":
                p = s + 2
            elif text.startswith("人次", p):
                p += 2
            info = unit_info(text[s:p]) or unit_info(tok)
            out.append(_fig(s, p, NAN, "", text[s:p], info["unit"], "", True, True, "quantity"))
            pos = p
    _propagate_lists(text, out)
    _titles_are_not_values(text, out)
    for a, b in zip(out[-2::-1], out[:0:-1]):  # right to left: Ⅱ、Ⅲ类的占27.2% lists a category
        if (a["unit"] == b["unit"] == "class" and b["number_kind"] == "other"
                and text[a["end"]:b["start"]].strip() in ("、", "和", "及", "与", "或")):
            a["number_kind"] = "other"
    return out


def _titles_are_not_values(text, figs):
    """A number inside a 《title》 (《…85%行动方案》) names the document: kind ``other``."""
    if "《" not in text:
        return
    spans = [m.span() for m in _TITLE.finditer(text)]
    if not spans:
        return
    starts = [a for a, _ in spans]
    for f in figs:
        i = bisect_right(starts, f["start"]) - 1
        if i >= 0 and f["end"] <= spans[i][1] and f["number_kind"] in _VALUE_KINDS:
            f["number_kind"] = "other"


# what may stand between the items of a list or the ends of a range (1—33批 as 1-33批)
_LIST_GAPS = frozenset(("、", "和", "及", "与", "或", "至", "-", "～", "~", "—", "——", "－", "–"))


def _propagate_lists(text, figs):
    """55、35、34微克/立方米: items without a unit take the unit of the list's last item."""
    for i in range(len(figs) - 2, -1, -1):
        a, b = figs[i], figs[i + 1]
        if a["unit"] or a["number_kind"] != "quantity" or a["stripped"]:
            continue
        gap = text[a["end"]:b["start"]]
        if gap.strip() not in _LIST_GAPS or not (b["unit"] or b["number_kind"] == "date"):
            continue
        if b["number_kind"] in ("date", "period_range"):
            a["number_kind"] = "date"
            continue
        if b["number_kind"] not in ("quantity", "percent", "percentage_points"):
            continue
        factor = 1.0
        if b["unit_text"]:
            info = unit_info(b["unit_text"])
            factor = info["factor"] if info else 1.0
        if not a["masked"]:
            a["value"] = a["value"] * factor
        a["unit"], a["number_kind"] = b["unit"], b["number_kind"]




_VALUE_KINDS = ("quantity", "percent", "percentage_points")
_FIG_KEYS = ("start", "end", "value", "value_text", "unit_text", "unit", "approx", "masked", "stripped",
             "number_kind")


def extract_figures(doc: "Doc | str", *, doc_id: str | None = None, sections=None) -> pd.DataFrame:
    """Every number mention of a document, in text order (``figures`` contract). ``doc`` is the
    document's :class:`~ecoanalysis.document.Doc` (or its cleaned text, with ``doc_id`` and
    optionally ``sections``).

    Columns: doc_id, figure_id, section_id, start, end, sentence, subject, value, value_text,
    unit_text, unit, approx, masked, stripped, number_kind.

    >>> f = extract_figures("处罚金额共计82.775万元，投资3.5亿元。", doc_id="x")
    >>> f[["figure_id", "value", "unit"]].values.tolist()
    [['x:f1', 82.775, '万元'], ['x:f2', 35000.0, '万元']]
    """
    idx = as_doc(doc, doc_id=doc_id, sections=sections)
    text, doc_id = idx.text, doc_id or idx.doc_id
    figs = scan(text)
    if not figs:
        return _empty_figures()
    starts = [f["start"] for f in figs]
    sentence, clause_start, trail = idx.sentence, idx.clause_start, cue_rx("subject_trail").sub
    sentences, subjects = [], []
    prev_end, prev_clause = 0, -1
    sent_cache: dict = {}
    for f, fs in zip(figs, starts):
        span = sentence(fs)
        sent = sent_cache.get(span)
        if sent is None:
            sent = sent_cache[span] = text[span[0]:span[1]]
        sentences.append(sent)
        cs = clause_start(fs)
        if cs != prev_clause:
            prev_end, prev_clause = 0, cs
        subjects.append(trail("", text[max(cs, prev_end):fs].strip())[-20:])
        if f["number_kind"] in _VALUE_KINDS:
            prev_end = f["end"]
    n = len(figs)
    cols = {
        "doc_id": [doc_id] * n,
        "figure_id": [f"{doc_id}:f{i}" for i in range(1, n + 1)],
        "section_id": idx.section_ids(starts),
        "start": starts,
        "end": [f["end"] for f in figs],
        "sentence": sentences,
        "subject": subjects,
        "value": np.array([f["value"] for f in figs], dtype=float),
        "value_text": [f["value_text"] for f in figs],
        "unit_text": [f["unit_text"] for f in figs],
        "unit": [f["unit"] for f in figs],
        "approx": [f["approx"] for f in figs],
        "masked": np.array([f["masked"] for f in figs], dtype=bool),
        "stripped": np.array([f["stripped"] for f in figs], dtype=bool),
        "number_kind": [f["number_kind"] for f in figs],
    }
    # the columns are built in contract order with their final dtypes: one DataFrame, no
    # frame()/astype copies (same result as frame("figures", …) + astype, see tests/extract)
    return pd.DataFrame({c: cols[c] for c in COLUMNS["figures"]})


def _empty_figures() -> pd.DataFrame:
    df = frame("figures", pd.DataFrame({c: [] for c in ("doc_id", "figure_id", "section_id", "sentence", "subject")
                                        + _FIG_KEYS}))
    df["value"] = df["value"].astype(float)
    df["masked"] = df["masked"].astype(bool)
    df["stripped"] = df["stripped"].astype(bool)
    return df


def masked_share(figures: pd.DataFrame) -> float:
    """Share of masked (redacted or stripped) figures among quantity/percent figures; NaN when none.

    >>> masked_share(extract_figures("共**件，共5件。", doc_id="d"))
    0.5
    """
    if figures is None or not len(figures):
        return NAN
    n = hits = 0
    for kind, masked in zip(figures["number_kind"].tolist(), figures["masked"].tolist()):
        if kind in _VALUE_KINDS:
            n += 1
            hits += bool(masked)
    return hits / n if n else NAN
