"""Clean decoded report text: remove distribution noise, log every removal, keep offsets mappable.

Noise rules live in ``resources/noise_patterns.tsv`` (regex, reason). Report content is never
removed: the rules only match markers, anchors, password lines, site-name suffixes, page
numbers, page-break debris, indentation and blank-line runs. Traditional text (including
machine-converted pages with pinyin left in brackets, 環(huán)境) is converted to simplified
one character for one character, so offsets stay aligned; the original stays in
``CleanText.original``.

Example:
    >>> ct = clean_text("##paidbegin##一、水环境\\n\\n\\n\\n总磷0.05mg/L")
    >>> ct.text
    '一、水环境\\n\\n总磷0.05mg/L'
    >>> [r["reason"] for r in ct.log]
    ['paywall_marker', 'blank_lines']
    >>> to_original(ct, 0, 2)
    (13, 15)
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from .resources import numbering, read_csv

CJK = "\u4e00-\u9fff"
_PINYIN = re.compile(
    rf"(?<=[{CJK}])[（(]\s*([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü ]*)\s*[)）]"
)
# an ASCII "?" next to a digit stands for a destroyed character (上?.9个百分点, 4?微克), not a question
TERMINATOR = r"(?:[。！？!；;]|\?(?![0-9０-９.．])(?<![0-9０-９]\?))"
_SENT_END = re.compile(TERMINATOR + r"+[”’」』）)]*|\n+")


@dataclass
class CleanText:
    """A cleaned document: ``text`` (analysed), ``original`` (as decoded), offset map, removal log."""

    text: str
    original: str
    origin: np.ndarray  # origin[i] = index in ``original`` of cleaned char i; len(text) + 1 entries
    log: list = field(default_factory=list)
    script: str = "simplified"


@lru_cache(maxsize=1)
def _noise_rules():
    rules = []
    for row in read_csv("noise_patterns.tsv").itertuples(index=False):
        rules.append((re.compile(row.pattern, re.MULTILINE), row.reason, int(row.group or 0)))
    return rules


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """``text`` in simplified characters (OpenCC t2s), e.g. a place name written in traditional script.

    >>> to_simplified("嘉興市")
    '嘉兴市'
    """
    return _t2s().convert(text)


def _apply(text: str, origin: np.ndarray, edits: list, log: list) -> tuple[str, np.ndarray]:
    """Apply non-overlapping (start, end, replacement, reason) edits; compose the offset map."""
    if not edits:
        return text, origin
    edits = sorted(edits)
    parts, maps, pos = [], [], 0
    for start, end, repl, reason in edits:
        if start < pos:  # overlapping rule matches: the first one wins
            continue
        parts.append(text[pos:start])
        maps.append(origin[pos:start])
        if repl:
            parts.append(repl)
            if len(repl) == end - start:
                maps.append(origin[start:end])
            else:
                maps.append(np.full(len(repl), origin[start], dtype=origin.dtype))
        if reason and end > start:
            # one row per run that is contiguous in the original, so every row slices back exactly
            run = start
            for i in range(start + 1, end + 1):
                if i == end or origin[i] != origin[i - 1] + 1:
                    log.append({"reason": reason, "orig_start": int(origin[run]),
                                "orig_end": int(origin[i - 1]) + 1, "removed": text[run:i]})
                    run = i
        pos = end
    parts.append(text[pos:])
    maps.append(origin[pos:])
    return "".join(parts), np.concatenate(maps)


def cjk_chars(text: str) -> str:
    """``"".join(re.findall(f"[{CJK}]", text))``, selected by code point in one vector step."""
    cp = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return cp[(cp >= 0x4E00) & (cp <= 0x9FFF)].tobytes().decode("utf-32-le")


def detect_script(text: str) -> str:
    """``traditional`` when enough CJK characters change under OpenCC t2s, else ``simplified``."""
    sample = cjk_chars(text[:200_000])
    if len(sample) < 5:
        return "simplified"
    converted = _t2s().convert(sample)
    n = min(len(sample), len(converted))  # compared pairwise as zip() would, in one vector step
    a = np.frombuffer(sample[:n].encode("utf-32-le"), dtype=np.uint32)
    b = np.frombuffer(converted[:n].encode("utf-32-le"), dtype=np.uint32)
    changed = int(np.count_nonzero(a != b))
    return "traditional" if changed >= 3 and changed / len(sample) >= 0.02 else "simplified"


def to_simplified(text: str) -> str:
    """Traditional → simplified, guaranteed the same length (per-character fallback when a phrase changes length)."""
    conv = _t2s()
    out = []
    for line in text.split("\n"):
        s = conv.convert(line)
        if len(s) != len(line):
            s = "".join(c2 if len(c2 := conv.convert(c)) == 1 else c for c in line)
        out.append(s)
    return "\n".join(out)


def _broken_lines(text: str) -> list:
    """Page-break debris: a long paragraph cut mid-sentence and continued after blank lines."""
    edits = []
    outline, outline_shi = numbering()["outline_start"], numbering()["outline_shi"]  # resources/numbering.tsv
    for m in re.finditer(r"\n[ \t\u3000]*\n+", text):
        prev_start = text.rfind("\n", 0, m.start()) + 1
        prev = text[prev_start:m.start()].strip()
        nxt_end = text.find("\n", m.end())
        nxt = text[m.end(): nxt_end if nxt_end >= 0 else len(text)].strip()
        if (len(prev) >= 40 and nxt and re.match(rf"[{CJK}\w]", prev[-1])
                and not outline.match(nxt) and not outline_shi.match(nxt)):
            edits.append((m.start(), m.end(), "", "page_break_join"))
    return edits


def clean_text(raw: str, *, edits=(), log=()) -> CleanText:
    """Clean one decoded document. Returns :class:`CleanText` with its removal log.

    ``edits``: (start, end, replacement, reason) spans of ``raw`` found by a reader from the
    layout (a PDF's running headers, page numbers, line-wrap joins); applied first and logged
    like every other removal (a ``None`` reason is not logged). ``log``: rows the reader made
    (replaced bytes), kept as they are.

    Log rows: reason, orig_start, orig_end (offsets into ``original``), removed.

    >>> raw = "环境监测能力与新形势要\\n— 1 —\\f求还有差距。"
    >>> ct = clean_text(raw, edits=[(11, 12, "", "line_wrap_join"), (12, 18, "", "page_number")])
    >>> ct.text, [(r["reason"], r["orig_start"]) for r in ct.log]
    ('环境监测能力与新形势要求还有差距。', [('line_wrap_join', 11), ('page_number', 12)])
    """
    original = raw
    origin = np.arange(len(raw) + 1, dtype=np.int64)
    log: list = [dict(r) for r in log]
    text = raw
    if edits:
        text, origin = _apply(text, origin, list(edits), log)
    crlf = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(crlf) != len(text):  # map CRLF removal through the same machinery
        text, origin = _apply(text, origin, [(m.start(), m.end(), "\n", None) for m in re.finditer(r"\r\n", text)], [])
    text = text.replace("\r", "\n")

    edits = []
    for rx, reason, group in _noise_rules():
        for m in rx.finditer(text):
            s, e = m.span(group)
            if e > s:
                edits.append((s, e, "", reason))
    text, origin = _apply(text, origin, edits, log)

    edits = [(m.start(), m.end(), "", "pinyin_annotation") for m in _PINYIN.finditer(text)]
    text, origin = _apply(text, origin, edits, log)

    text, origin = _apply(text, origin, _broken_lines(text), log)

    # whitespace last, so that removals above leave no empty lines or indentation behind
    edits = [(m.start(), m.end(), "", "indentation") for m in re.finditer(r"^[ \t\u3000\xa0]+(?=\S)", text, re.M)]
    edits += [(m.start(), m.end(), "", "trailing_space") for m in re.finditer(r"[ \t\u3000\xa0]+$", text, re.M)]
    text, origin = _apply(text, origin, edits, log)
    edits = [(m.start(), m.end(), "\n\n", "blank_lines") for m in re.finditer(r"\n(?:[ \t\u3000\xa0]*\n){2,}", text)]
    lead = re.match(r"\s+", text)
    if lead:
        edits.append((0, lead.end(), "", "leading_blank"))
    trail = re.search(r"\s+\Z", text)
    if trail and trail.start() > 0:
        edits.append((trail.start(), trail.end(), "", "trailing_blank"))
    text, origin = _apply(text, origin, edits, log)

    script = detect_script(text)
    if script == "traditional":
        text = to_simplified(text)
    log.sort(key=lambda r: (r["orig_start"], r["orig_end"]))
    return CleanText(text=text, original=original, origin=origin, log=log, script=script)


def to_original(ct: CleanText, start: int, end: int) -> tuple[int, int]:
    """Map a [start, end) span of the cleaned text to the original text, for display.

    >>> ct = clean_text("  甲乙")
    >>> to_original(ct, 0, 2), ct.original[2:4]
    ((2, 4), '甲乙')
    """
    if not 0 <= start <= end <= len(ct.text):
        raise ValueError(f"span {start}:{end} outside cleaned text of length {len(ct.text)}")
    o_start = int(ct.origin[start])
    o_end = int(ct.origin[end - 1]) + 1 if end > start else o_start
    return o_start, o_end


def sentence_spans(text: str, *, semicolon: bool = True) -> list[tuple[int, int]]:
    """Sentence spans ``[(start, end), …]`` split at 。！？ (and ；; when ``semicolon``) and line breaks.

    Spans exclude surrounding whitespace; the terminator belongs to its sentence.

    >>> t = "甲。乙；丙\\n丁"
    >>> [t[s:e] for s, e in sentence_spans(t)]
    ['甲。', '乙；', '丙', '丁']
    """
    rx = _SENT_END if semicolon else re.compile(TERMINATOR.replace("；;", "") + r"+[”’」』）)]*|\n+")
    spans, pos = [], 0
    for m in rx.finditer(text):
        end = m.end() if not m.group().startswith("\n") else m.start()
        _add_span(text, pos, end, spans)
        pos = m.end()
    _add_span(text, pos, len(text), spans)
    return spans


def _add_span(text, s, e, spans):
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        spans.append((s, e))
