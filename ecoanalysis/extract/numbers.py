"""Number-level building blocks: lexicons, the one-pass token regex and value parsers.

Domain knowledge lives in ``resources/units.csv`` (unit spellings → canonical unit and factor)
and ``resources/extract_cues.tsv`` (approximation, target, change, direction, level, period,
stripped-number triggers). Nothing here ever rewrites the document text: parsers only look
at the spans the scanner captured, so offsets always slice back.

Example:
    >>> parse_digits("３２．２")
    32.2
    >>> parse_cn("三十余")
    30.0
    >>> roman_class("劣Ⅴ"), roman_class("III"), roman_class("ⅱ")
    (6, 3, 2)
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..resources import read_csv, read_lines

DIG = "0-9０-９"
_FW = str.maketrans("０１２３４５６７８９．", "0123456789.")
_CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9}
_CN_UNIT = {"十": 10, "百": 100, "千": 1000}
_ROMAN = {"Ⅰ": 1, "Ⅱ": 2, "Ⅲ": 3, "Ⅳ": 4, "Ⅴ": 5, "Ⅵ": 6, "ⅰ": 1, "ⅱ": 2, "ⅲ": 3, "ⅳ": 4,
          "ⅴ": 5, "ⅵ": 6}
_ASCII_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6}
_OCR_CLASS = {"HI": 3, "Hl": 3, "Ill": 3, "lll": 3, "IIl": 3, "lII": 3, "IlI": 3, "山": 3}  # OCR'd Ⅲ
_CN_CLASS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5}
# characters that a unit spelling may be written with (so ug/m3 also finds μg／m³)
_VARIANTS = {"/": "/／", "3": "3³３", "u": "uμµ", "%": "%％", "2": "2²２", "g": "gｇ",
             "m": "mｍ", "l": "lＬｌ", "L": "LＬｌl", "t": "tｔ", "a": "aａ"}


def parse_digits(s: str) -> float:
    """Arabic (ASCII or full-width) digits with an optional decimal point → float."""
    return float(s.translate(_FW).replace(",", "").replace("，", ""))


def parse_cn_percent(s: str) -> float:
    """百分之九十五点五 → 95.5, 百分之百 → 100."""
    body = s[3:]
    whole, _, frac = body.partition("点")
    v = parse_cn(whole)
    if frac:
        v += float("0." + "".join(str(_CN_DIGIT[c]) for c in frac))
    return v


_FINANCIAL = str.maketrans("壹贰叁肆伍陆柒捌玖拾佰仟", "一二三四五六七八九十百千")


@lru_cache(maxsize=4096)
def parse_cn(s: str) -> float:
    """Chinese numeral (三十, 两, 一百二十, 十五, 壹佰; trailing 余/多 ignored) → float; cn2an as fallback."""
    s = s.rstrip("余多").translate(_FINANCIAL)
    total, section, num = 0, 0, None
    try:
        for ch in s:
            if ch in _CN_DIGIT:
                num = _CN_DIGIT[ch]
            elif ch in _CN_UNIT:
                section += (1 if num is None else num) * _CN_UNIT[ch]
                num = None
            elif ch == "万":
                total += (section + (num or 0)) * 10000
                section, num = 0, None
            else:
                raise ValueError(ch)
        return float(total + section + (num or 0))
    except ValueError:
        import cn2an

        return float(cn2an.cn2an(s, "smart"))


def roman_class(s: str) -> int | None:
    """Water-quality class written as Ⅱ, II, ii, ⅲ, 劣Ⅴ, 劣v, 三 (→ 1..6), else None."""
    s = s.strip().rstrip("类").strip()
    worse = s.startswith("劣")
    s = s.lstrip("劣").strip()
    if not s:
        return None
    if s in _OCR_CLASS:
        return None if worse else _OCR_CLASS[s]
    if s in _CN_CLASS:
        v = _CN_CLASS[s]
    elif len(s) == 1 and s in _ROMAN:
        v = _ROMAN[s]
    elif s.lower() in _ASCII_ROMAN:
        v = _ASCII_ROMAN[s.lower()]
    elif all(c in "ⅠⅤⅰⅴ" for c in s):  # ⅠⅤ / ⅤⅠ written with two glyphs
        v = _ASCII_ROMAN.get(s.replace("Ⅰ", "i").replace("Ⅴ", "v").replace("ⅰ", "i")
                             .replace("ⅴ", "v").lower())
        if v is None:
            return None
    else:
        return None
    if worse:
        return 6 if v == 5 else None
    return v


def _variant_rx(spelling: str) -> str:
    out = []
    for ch in spelling:
        alts = _VARIANTS.get(ch)
        out.append("[" + re.escape(alts) + "]" if alts else re.escape(ch))
    if len(spelling) >= 4 and (re.search(r"[\u4e00-\u9fff]", spelling) or "/" in spelling):
        # a PDF's stray space inside a long unit (微克/立方 米, μg/m 3) leaves it the unit
        return "[ \t]?".join(out)
    return "".join(out)


@lru_cache(maxsize=1)
def units():
    """(compiled unit regex anchored at a position, {lower-cased canonical spelling: row})."""
    table = read_csv("units.csv")
    rows = {}
    spellings = []
    for r in table.itertuples(index=False):
        rows[_unit_key(r.unit_text)] = {"unit": r.unit, "factor": float(r.factor),
                                        "number_kind": r.number_kind,
                                        "needs_number": r.needs_number == "1"}
        spellings.append(r.unit_text)
    spellings.sort(key=len, reverse=True)
    rx = re.compile("|".join(_variant_rx(s) for s in spellings), re.I)
    return rx, rows


@lru_cache(maxsize=1024)
def _unit_key(s: str) -> str:
    return (s.lower().replace(" ", "").replace("\t", "").replace("／", "/").replace("³", "3").replace("３", "3").replace("μ", "u")
            .replace("µ", "u").replace("％", "%").replace("²", "2").replace("２", "2")
            .replace("ｇ", "g").replace("ｍ", "m").replace("ｌ", "l").replace("ｔ", "t")
            .replace("ａ", "a"))


def unit_info(unit_text: str) -> dict | None:
    """Canonical unit row for a unit as written (``μg／m³`` → ug/m3), or None."""
    return units()[1].get(_unit_key(unit_text))


@lru_cache(maxsize=1)
def cues() -> dict:
    """``extract_cues.tsv`` grouped by type: {type: [(compiled regex, value), …]} plus joined regexes."""
    out: dict = {}
    for r in read_csv("extract_cues.tsv").itertuples(index=False):
        out.setdefault(r.type, []).append((r.pattern, r.value))
    joined = {}
    for typ, rows in out.items():
        joined[typ] = re.compile("|".join(f"(?:{p})" for p, _ in rows))
    out["_rx"] = joined
    return out


def cue_rx(name: str) -> re.Pattern:
    """The joined regex of the ``extract_cues.tsv`` rows of type ``name`` (``(?:row1)|(?:row2)…``).

    >>> bool(cue_rx("copula").fullmatch("降至"))
    True
    """
    return cues()["_rx"][name]


@lru_cache(maxsize=4096)
def cue_value(typ: str, matched: str) -> str:
    """The ``value`` column of the cue row of type ``typ`` whose pattern matches ``matched``."""
    for pat, val in cues()[typ]:
        if re.fullmatch(pat, matched):
            return val
    return ""


@lru_cache(maxsize=1)
def scanner() -> re.Pattern:
    """The one regex that finds every number token of a document, in one pass.

    Use ``next_token(text, pos)``, not ``scanner().search``: it jumps between the characters a
    token can start with (``first_chars()``) instead of trying every alternative everywhere.
    """
    d = f"[{DIG}]"
    unit_first = re.escape("".join(sorted(_unit_first_chars())))
    trig_after = _trigger_lookbehind()
    clf = re.escape(classifiers())
    parts = [
        # document numbers 〔2022〕25号, [2022]5号
        rf"(?P<docno>[〔［\[【]\s*(?:19|20){d}{{2}}\s*[〕］\]】]\s*第?\s*{d}+\s*号)",
        # year ranges 2021-2025年
        rf"(?P<yrange>(?:19|20){d}{{2}}\s*年?\s*(?:-|~|～|—+|－|–|至|到)\s*(?:19|20){d}{{2}}\s*年)",
        # years, also with masked digits (201*年, 20XX年)
        rf"(?P<year>(?:19|20)[{DIG}X*×Ｘ＊]{{2}}(?=\s*(?:年|上半年|下半年)))",
        # month ranges 1-6月, 1~5月, 1—6月, 1月——5月, 1－10月份, 1至6月份
        rf"(?P<mrange>(?<![{DIG}.．]){d}{{1,2}}\s*(?:月份?)?\s*(?:-|~|～|—+|－|–|至|到)\s*{d}{{1,2}}\s*月份?)",
        rf"(?P<cnrange>(?<![一二三四五六七八九十])[一二三四五六七八九十]{{1,2}}(?:月份?)?(?:至|到|-|—+|～)[一二三四五六七八九十]{{1,3}}月份?)",
        # dates: 4月28日, 10月底, 6月
        # and a page's date line: 2022-04-20 22:00, 2019/8/20, 22:00:15 (no counts)
        rf"(?P<date>(?<![{DIG}.．A-Za-zＡ-Ｚａ-ｚ]){d}{{4}}\s*[-/]\s*{d}{{1,2}}\s*[-/]\s*{d}{{1,2}}(?![{DIG}])(?:\s*(?:[01]?{d}|2[0-3])[:：][0-5]{d}(?:[:：][0-5]{d})?)?"
        rf"|(?<![{DIG}.．:：A-Za-zＡ-Ｚａ-ｚ])(?:[01]?{d}|2[0-3])[:：][0-5]{d}(?:[:：][0-5]{d})?(?![{DIG}])"
        rf"|(?<![{DIG}.．]){d}{{1,2}}\s*月\s*(?:{d}{{1,2}}\s*[日号])?|(?<![{DIG}.．]){d}{{1,2}}\s*[日号]|(?<![{DIG}.．]){d}{{1,2}}月份)",
        # water classes: Ⅱ类, III类, 劣Ⅴ, 劣v, ⅲ类, Ⅰ～Ⅲ类 (range, kind other)
        r"(?P<crange>[ⅠⅡⅢⅣⅤ]\s*类?\s*(?:-|~|～|—|－|–|至|到)\s*[ⅠⅡⅢⅣⅤ]\s*类?|(?<![A-Za-z])(?:I{1,3}|IV|V)\s*(?:-|~|～|—|－|–|至|到)\s*(?:I{1,3}|IV|V)\s*类)",
        r"(?P<cls>劣\s*(?:[Ⅴⅴ]|[Vv](?![A-Za-z]))\s*类?|[ⅠⅡⅢⅣⅤⅥⅰⅱⅲⅳⅴ]{1,2}\s*类?|(?<![A-Za-z])(?:[Ii]{1,3}|[Ii][Vv]|[Vv][Ii]?)\s*类|(?<![A-Za-z])(?:[Ii]{1,3}|[Ii][Vv]|[Vv][Ii]?)(?=\s*[、和及]\s*(?:(?:[Ii]{1,3}|[Ii][Vv]|[Vv][Ii]?|[ⅠⅡⅢⅣⅤ])\s*[、和及]\s*)*(?:[Ii]{1,3}|[Ii][Vv]|[Vv][Ii]?|[ⅠⅡⅢⅣⅤⅥ])\s*类)|(?<=[为到持于是])[一二三四五]类(?=水)|(?<=[为到持于是])[一二三四五]类(?=[，。；,;、\s]|$)"
        # OCR misreadings of Ⅲ (HI类, Ill类, 山类 after a verb)
        r"|(?<![A-Za-z])(?:HI|Hl|Ill|lll|IIl|lII|IlI)\s*类|(?<=[为到持于是])山类(?=水|[，。；,;、\s]|$))",
        # a class whose numeral was deleted (平均水质为类。): a masked class
        r"(?P<clsmask>(?<=[为到持是])类(?=水质|水平|标准|[，。；,;、）)\s]|$))",
        # numbers with a digit destroyed into "?" (?3.9%, 上?.9个百分点, 4?微克): kept only before a unit
        rf"(?P<qmask>{d}*\?+{d}*(?:[.．][{DIG}?]+)?)",
        # numbers whose last digits are redacted (40xxxx万元, 30XX元): kept only before a unit
        rf"(?P<xmask>{d}+[xXｘＸ×]{{1,6}}(?:[.．][xXｘＸ×{DIG}]+)?(?![A-Za-z]))",
        # arabic numbers (ASCII or full-width, decimal point . or ．), optional 万/亿 multiplier
        # (thousands groups: 2,350 / 1,236,000; with full-width ， only before a unit: 1，236家)
        rf"(?P<num>{d}{{1,3}}(?:,{d}{{3}})+(?![{DIG}])(?:[.．]{d}+)?"
        rf"|{d}{{1,3}}(?:，{d}{{3}})+(?![{DIG}.．])(?=[余多]?[ \t]?[{unit_first}])|{d}+(?:[.．]{d}+)?)",
        # 百分之九十五点五, 百分之百
        r"(?P<pctcn>百分之[零〇一二两三四五六七八九十百]+(?:点[零〇一二三四五六七八九]+)?)",
        # redacted numbers
        r"(?P<mask>(?:[*＊]+(?:[.．][*＊]+)?)|[XＸ×Ⅹ]{1,4}(?:[.．][XＸ×Ⅹ]+)?)",
        # Chinese numerals (kept only before a unit or classifier)
        # (kept only after 第 or before 余/多 and something that can start a unit: see scan)
        rf"(?P<cn>(?<=第)[一二两三四五六七八九十](?>[零〇一二两三四五六七八九十百千万]*)"
        rf"|[一二两三四五六七八九十](?>[零〇一二两三四五六七八九十百千万]*)(?=[余多]?[ \t]?[{unit_first}])"
        # financial numerals, of amounts only (壹佰万元; 队伍人员 is no number)
        rf"|(?<!队)[壹贰叁肆伍陆柒捌玖拾](?>[零〇壹贰叁肆伍陆柒捌玖拾佰仟万]*)(?=[余多]?[ \t]?(?:万元|亿元|元)))",
        # a bare per-cent sign or a number-only unit with no number (checked in code)
        rf"(?P<bare>[%％]|人次|家次|万元|亿元|个百分点|余(?=[{clf}人])|微克/立方米|微克／立方米)",
        # a classifier that may stand where a number was deleted (checked in code)
        # (only within four characters after a strip trigger, and not right after a digit or mask)
        rf"(?P<clf>(?<![{DIG}*＊XＸ×Ⅹ])[{clf}](?!次){trig_after})",
    ]
    return re.compile("|".join(parts))


_SIMPLE_FIRST = "0123456789０１２３４５６７８９〔［[【ⅠⅡⅢⅣⅤⅥⅰⅱⅲⅳⅴIiVvHl山类劣*＊XＸ×Ⅹ%％?"


@lru_cache(maxsize=1)
def classifiers() -> str:
    """The counting words of ``resources/classifiers.txt`` (家个件次…), as one string.

    >>> "家" in classifiers()
    True
    """
    chars = "".join(read_lines("classifiers.txt"))
    if not chars:
        raise ValueError("classifiers.txt lists no classifier")
    return "".join(dict.fromkeys(chars))


def first_chars() -> str:
    """Every character a scanner token can start with (tests/extract/test_speed.py checks the claim)."""
    return _SIMPLE_FIRST + "一二两三四五六七八九十人家万亿个余微百壹贰叁肆伍陆柒捌玖拾" + classifiers()


@lru_cache(maxsize=1)
def _first():
    """A cheap necessary condition for a token at a position (one character class first, so the
    regex engine skips to the candidates in C): the scanner is only tried where this matches."""
    unit_first = re.escape("".join(sorted(_unit_first_chars())))
    clf = re.escape(classifiers())
    return re.compile(
        "[" + re.escape(first_chars()) + "](?:"
        "(?<=[" + re.escape(_SIMPLE_FIRST) + "])"
        "|(?<=[壹贰叁肆伍陆柒捌玖拾])(?>[零〇壹贰叁肆伍陆柒捌玖拾佰仟万]*)(?=[余多 \\t万亿元])"
        "|(?<=[一二两三四五六七八九十])(?:(?<=第.)|(?>[零〇一二两三四五六七八九十百千万]*)"
        "(?=[余多 \\t月类至到\\-—～" + unit_first + "]))"
        "|(?<=[人家万亿个余微])(?=[次元百克人" + clf + "])"
        "|(?<=百)(?=分之)"
        "|(?<=[" + clf + "])(?<![" + DIG + "*＊XＸ×Ⅹ].)(?!次)" + _trigger_lookbehind() + ")")


def token_starts() -> re.Pattern:
    """The regex of possible token starts that ``next_token`` jumps between."""
    return _first()


def next_token(text: str, pos: int):
    """Same match as ``scanner().search(text, pos)``, found by jumping between likely token starts."""
    rx, first = scanner().match, _first().search
    while True:
        c = first(text, pos)
        if c is None:
            return None
        p = c.start()
        m = rx(text, p)
        if m is not None:
            return m
        pos = p + 1


def _unit_first_chars() -> set:
    out = set()
    for s in read_csv("units.csv")["unit_text"]:
        for v in _VARIANTS.get(s[0], s[0]):
            out.update((v, v.lower(), v.upper()))
    return out


def _trigger_lookbehind() -> str:
    """A strip trigger ending within the four characters before the classifier (as a lookbehind)."""
    words = [w for p, _ in cues()["strip_trigger"] for w in p.split("|")]
    if any(re.escape(w) != w for w in words):
        raise ValueError("strip_trigger cues must be plain words")
    alts = []
    for n in sorted({len(w) for w in words}):
        group = "|".join(re.escape(w) for w in words if len(w) == n)
        for gap in range(0, 5 - n):
            alts.append(f"(?<=(?:{group})[\\s\\S]{{{gap}}}.)" if gap else f"(?<=(?:{group}).)")
    return "(?:" + "|".join(alts) + ")"
