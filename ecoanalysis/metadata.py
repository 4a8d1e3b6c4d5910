"""Infer a report's metadata (title, issuer, region, year, period, plan, doc type) from its text.

``infer_metadata`` reads the CLEANED simplified text of one report and returns the metadata
columns of the ``reports`` table, each with a ``*_source``: ``title``, ``body``, ``doc_number``,
``gazetteer`` (derived from a child division) or ``""`` when unknown. Nothing is guessed: a
masked year (201*, 20XX, XX年) stays ``None``, an anonymised place (XX市, **县) is never matched.
Cue words live in ``resources/metadata_cues.tsv``; places come from ``ecoanalysis.gazetteer``.

Without a title (news pages, yearbook entries) the page's headline states a year or an explicit
period like a title would, and otherwise the body speaks: the period from the body's time
frame (``body_period``: a partial period, else a single month or cut-off, else year-wide words),
the year from the body's first years (under a masked title year only a statement such as
2018年，… counts), and the region from the page's headline and the bureau named in the lead,
then from the places the body names at the report's own level (我县, 全市, 全区 of a 自治区); a
headline or lead naming only a city or province (a site's or a city bureau's name) yields to the
county that a county-voiced body (全县, 我县) names inside it.
``read_overrides``/``apply_overrides`` let ``data/reports/metadata.csv`` correct any field.

Example:
    >>> m = infer_metadata("九江市庐山生态环境局2022年上半年\\n工作总结及下半年工作计划\\n一、概况", doc_id="d")
    >>> m["county"], m["county_source"], m["province_source"], m["year"], m["period"]
    ('庐山市', 'title', 'gazetteer', 2022, 'H1')
    >>> m["doc_type"], m["plan_year"], m["plan_period"]
    ('summary+plan', 2022, 'H2')
"""
from __future__ import annotations

import calendar
import csv
import io
import re
import warnings
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import gazetteer as gz
from .document import Doc, as_doc
from .resources import numbering, read_csv

LEVELS = {"province": 1, "city": 2, "county": 3}
SUFFIX_LEVEL = {"省": "province", "市": "city", "州": "city", "盟": "city", "县": "county",
                "区": "county", "旗": "county"}
FIELDS = ["title", "issuer", "province", "city", "county", "admin_level", "anonymised", "year",
          "period", "period_cutoff", "plan_year", "plan_period", "doc_type"]
_SOURCED = {"title", "issuer", "province", "city", "county", "admin_level", "year", "period",
            "doc_type"}
_PROSE = re.compile(r"[。；;！!？?]|[，,].{12,}")
# a title line is at most 40 characters, or this many when it ends like a title (…工作总结及…计划)
# and names an issuer or a year: long autonomous-prefecture and -county names make such titles
TITLE_LINE_MAX = 80
# place evidence in the body is read from its first characters only: where a report is from is
# said near its top, and the place rules then cost the same for a 10 MB report as for a 20 KB one
BODY_PLACE_CHARS = 30_000


@lru_cache(maxsize=1)
def _cues() -> dict[str, list[tuple[re.Pattern, str]]]:
    abbr = read_csv("province_abbreviations.csv")
    alt = "|".join(sorted(abbr["abbreviation"], key=len, reverse=True))
    out: dict[str, list] = {}
    for row in read_csv("metadata_cues.tsv").itertuples(index=False):
        out.setdefault(row.kind, []).append((re.compile(row.pattern.replace("{ABBR}", alt)), row.value))
    return out


def _first(kind: str, s: str):
    """Earliest match of any cue of ``kind`` (ties: file order) as (match, value) or (None, '')."""
    best = (None, "")
    for rx, value in _cues().get(kind, []):
        m = rx.search(s)
        if m and (best[0] is None or m.start() < best[0].start()):
            best = (m, value)
    return best


def _period(s: str) -> tuple[str, int | None]:
    """First period cue in file order (H1 before annual, …) and its last month if stated."""
    value, month, _ = _period_day(s)
    return value, month


def _period_day(s: str) -> tuple[str, int | None, int | None]:
    """Like ``_period``, with the last day when stated too (1月1日至7月27日 → year-to-date, 7, 27)."""
    for rx, value in _cues()["period"]:
        m = rx.search(s)
        if m:
            month, day = m.groupdict().get("m"), m.groupdict().get("d")
            return value, _month_num(month), int(day) if day and 1 <= int(day) <= 31 else None
    return "", None, None


_CN_MONTH = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
             "十一": 11, "十二": 12}


def _month_num(s: str | None) -> int | None:
    """A month written in Arabic or Chinese numerals (11, 十一) as an int; None if absent.

    >>> _month_num("十一"), _month_num("7"), _month_num(None)
    (11, 7, None)
    """
    if not s:
        return None
    s = s.strip()
    return int(s) if s.isdigit() else _CN_MONTH.get(s)


_CN_ZERO = str.maketrans({c: "〇" for c in "○0OoＯ"})
# full-width digits (２０１８年) read as ASCII ones; the text keeps its length
_FULLWIDTH_DIGITS = str.maketrans({chr(0xFF10 + i): str(i) for i in range(10)})
_ANY_FULLWIDTH_DIGIT = re.compile("[\uff10-\uff19]")


def _ascii_digits(text: str) -> str:
    """``text.translate(_FULLWIDTH_DIGITS)``; the regex check first spares the per-character
    table lookups of ``translate`` (~0.4 ms per report) when, as usually, there is no such digit."""
    return text.translate(_FULLWIDTH_DIGITS) if _ANY_FULLWIDTH_DIGIT.search(text) else text


def find_year(s: str) -> tuple[int | None, bool, int]:
    """First year stated in ``s``: (year, masked, position); (None, False, -1) if none.

    >>> find_year("民国99年度"), find_year("二〇二二年"), find_year("201*年上半年")
    ((2010, False, 0), (2022, False, 0), (None, True, 0))
    """
    found = []
    for kind in ("masked_year", "roc_year", "cn_year", "year"):
        for rx, value in _cues().get(kind, []):
            m = rx.search(s)
            if m:
                found.append((m.start(), kind, m, value))
    if not found:
        return None, False, -1
    pos, kind, m, value = min(found, key=lambda t: t[0])
    if kind == "masked_year":
        return None, True, pos
    span = m.group("y")
    if kind == "year":
        return int(span), False, pos
    import cn2an
    num = int(span) if span.isdigit() else int(cn2an.cn2an(span.translate(_CN_ZERO), "smart"))
    return num + int(value or 0), False, pos


def _body_year(head: str, *, written: int | None = None) -> tuple[int | None, bool, int]:
    """The first year of a body's head that is not a comparison's base (与2015年相比, 较2015年,
    2015年以来, 2015年同期) nor a full date's (a dateline): the year a report is about; with no
    other year the base stands. Given the year the text was ``written`` (``dateline_year``), a
    year more than one year off it is history (2016年第一轮督察 in a 2019 news item), not the
    report's, unless stated with its period (``year_strong``): skipped; and then no base stands in,
    so None when no year fits.

    >>> _body_year("与2015年相比，2019年全市优良天数增加30天")[0], _body_year("较2015年下降")[0]
    (2019, 2015)
    >>> _body_year("发布时间：2016年01月19日 市环保局发布2015年空气质量状况")[0]
    2015
    """
    dates = {m.start("y") for rx, _ in _cues().get("dateline", []) for m in rx.finditer(head)}
    strong = _cues().get("year_strong", [])
    first = None
    rest, off = head, 0
    while True:
        y, mk, pos = find_year(rest)
        if pos < 0:
            return first if first is not None and written is None else (None, False, -1)
        if pos + off not in dates:
            fits = (mk or written is None or abs(y - written) <= 1
                    or any(rx.match(rest, pos) for rx, _ in strong))
            if first is None and fits:
                first = (y, mk, pos + off)
            if fits and not _comparison_year(rest, pos):
                return y, mk, pos + off
        rest, off = rest[pos + 4:], off + pos + 4


def _year_of_last_year_news(head: str, y: int, pos: int, written: int | None) -> int:
    """The year a page's figures are of when it is dated ``y`` and reports 去年 before any year of
    its own (…浙江去年查处案件17077件 on a page of 2017-01-24 that goes on 部署2017年新任务: 2016).

    >>> _year_of_last_year_news("2017年01月24日 去年，全省查处案件1万件。部署2017年新任务", 2017, 29, 2017)
    2016
    >>> _year_of_last_year_news("2017年01月24日 今年，全省部署2017年新任务，去年查处案件1万件", 2017, 24, 2017)
    2017
    """
    last, this = _first("last_year", head)[0], _first("this_year", head)[0]
    if (written == y and last and last.start() < pos
            and (this is None or last.start() < this.start())):
        return y - 1
    return y


def dateline_year(head: str) -> int | None:
    """The year of the first full date in a body's head (a page's publication date or an event's
    day: 2018-10-30, 2016年01月19日), or None.

    >>> dateline_year("时间:2018-10-30 16:40 来源:县府办 1-9月，全县优良天数262天")
    2018
    """
    found = [m for rx, _ in _cues().get("dateline", []) for m in [rx.search(head)] if m]
    return int(min(found, key=lambda m: m.start()).group("y")) if found else None


_YEAR_WORDS = 32  # characters after a year that may say what it is of (…保护工作进展情况新闻发布会)


def _comparison_year(s: str, pos: int) -> bool:
    """Whether the year at ``pos`` of ``s`` is the base of a comparison or of a span since then."""
    return bool(_first("comparison_before", s[max(0, pos - 3):pos])[0]
                or _first("comparison_after", s[pos:pos + _YEAR_WORDS])[0])


def _long_title_ok(s: str) -> bool:
    """A line over 40 characters is a title only if it also names its issuer or states a year."""
    if len(s) <= 40:
        return True
    y, masked, _ = find_year(s)
    return bool(y or masked or _cues()["issuer"][0][0].search(s))


def extract_title(text: str) -> tuple[str, int]:
    """The report's own title (one to three short lines at the top) and where the body starts.

    >>> extract_title("XX市环保局\\n2021年工作总结\\n一、成绩")
    ('XX市环保局2021年工作总结', 17)
    >>> extract_title("今年以来，我局全面推进各项工作。")
    ('', 0)
    """
    parts, pos, end = [], 0, 0
    end_rx = _cues()["title_end"][0][0]
    outline = numbering()["title_outline"]  # resources/numbering.tsv
    for line in text.splitlines(keepends=True):
        pos += len(line)
        s = line.strip().strip("\u3000")
        if not s:
            if parts:
                break
            continue
        closes = end_rx.search(s)
        if (len(s) > (TITLE_LINE_MAX if closes and _long_title_ok(s) else 40) or _PROSE.search(s)
                or outline.match(s) or len(parts) >= 3):
            break
        parts.append(s)
        if closes:
            end = pos
            break
    if not end:
        return "", 0
    return "".join(parts), end


def _segments(title: str) -> list[dict]:
    """Split a title into summary/plan parts, each with year, period and cutoff month."""
    split = _cues()["segment_split"][0][0]
    for rx, _ in _cues().get("title_wrapper", []):
        title = rx.sub("", title)
    segs = []
    for part in split.split(title):
        if not part:
            continue
        kinds = [(m.end(), v) for k in ("summary_cue", "plan_cue") for rx, v in _cues()[k]
                 for m in rx.finditer(part)]
        kind = max(kinds)[1] if kinds else ""
        year, masked, _ = find_year(part)
        if not year and not masked:
            ty = _first("title_year", part)[0]  # 2019宜宾市环境质量公报: a title's year without 年
            year = int(ty.group("y")) if ty else None
        period, month, day = _period_day(part)
        nxt = bool(_first("next_year", part)[0])
        one_month = not period and _first("title_month", part)[0] is not None
        if not period and not one_month and (year or masked or nxt):  # "20XX年工作总结" is still a full year
            period = "annual"
        segs.append(dict(kind=kind, year=year, masked=masked, period=period, month=month, day=day, next=nxt))
    return segs


def _plan_heading(body: str) -> dict | None:
    """The first top-level (or unnumbered) heading that announces plans, parsed as a segment."""
    rx = _cues()["plan_heading"][0][0]
    outline, top = numbering()["title_outline"], numbering()["title_top_outline"]  # resources/numbering.tsv
    pos = 0
    for line in body.splitlines(keepends=True):
        s = line.strip()
        pos += len(line)
        if not s or len(s) > 40 or _PROSE.search(s) or (outline.match(s) and not top.match(s)):
            continue
        if rx.search(s):
            seg = _segments(top.sub("", s))[-1]
            if seg["kind"] == "plan":
                return dict(seg, pos=pos - len(line))
    return None


# a body whose plan heading follows this many characters of prose with a figure reports first
# (今年以来，全县… 下一步工作打算): a summary with its plans, not a plan
REPORT_BEFORE_PLAN_CHARS = 20
_FIGURE = re.compile(r"\d")


def _reports_before(body: str, plan: dict | None) -> bool:
    """Whether the body states figures in prose before its plan heading ``plan``."""
    if not plan:
        return False
    before = body[:plan["pos"]]
    return len(before.strip()) >= REPORT_BEFORE_PLAN_CHARS and bool(_FIGURE.search(before)) \
        and bool(_PROSE.search(before))


def _cutoff(body: str, year: int | None) -> tuple[str, bool]:
    """Latest 'data as of' date in the body for ``year`` as MM-DD, and whether data cover the year."""
    if _first("full_year", body)[0]:
        return "", True
    dates = []
    for rx, _ in _cues()["cutoff"]:
        for m in rx.finditer(body):
            y = m.group("y")
            if y and year and int(y) != year:
                continue
            month = int(m.group("m"))
            d = m.groupdict().get("d")
            if not 1 <= month <= 12:
                continue
            day = int(d) if d else calendar.monthrange(year or 2001, month)[1]
            dates.append((month, min(day, 31)))
    if not dates:
        return "", False
    month, day = max(dates)
    return ("", True) if (month, day) == (12, 31) else (f"{month:02d}-{day:02d}", False)


# the period and year of a report without them in its title are read from the body's first
# characters: the time frame of a report is stated where its data begin, not in its plans
BODY_PERIOD_CHARS = 2500
# an inspection-batch or campaign cue counts only in the body's lead (headline and first paragraph)
BODY_LEAD_CHARS = 300
# a cumulative partial year that ends with a quarter is that standard period
QUARTER_ENDS = {"03-31": "Q1", "06-30": "H1", "09-30": "Q1-Q3"}
_YEAR_BEFORE = re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d{2})\s*年\s*(?:度\s*)?$")


def _year_before(s: str, start: int) -> int | None:
    """The Arabic year written right before position ``start`` (2023年1-6月 → 2023), if any."""
    m = _YEAR_BEFORE.search(s[max(0, start - 8):start])
    return int(m.group("y")) if m else None


def body_period(body: str) -> dict:
    """Period (and cut-off month, year stated with it) read from the body of a report.

    Tier 1: an explicit partial period (上半年, 1-9月, 一季度, 1月1日以来), earliest first; a
    statement covering the whole year (1-12月, 截至年底, 全年累计) then wins; then an inspection
    batch in the lead (no standard period); tier 2: a single month (2021年1月，…: no standard
    period) or a data cut-off (截至10月底: year-to-date), earliest first; tier 3: year-wide words
    (全年, 一年来, 2018年，全市…): annual. Keys: period, month, cutoff_day, year, source_pos.

    >>> body_period("今年以来，我区…上半年共巡查12101次")["period"]
    'H1'
    >>> p = body_period("2021年，全州…截至今年10月底，优良天数比例为95.1%")
    >>> p["period"], p["month"]
    ('year-to-date', 10)
    >>> body_period("2023年10月，我局共受理信访43件，截至2023年10月25日全部办结")["period"]
    ''
    >>> body_period("2018年，全省共出动执法人员12万人次")["period"]
    'annual'
    >>> body_period("市生态环境局召开第一季度新闻发布会，通报2018年全市水环境质量")["period"]
    'annual'
    """
    s = body[:BODY_PERIOD_CHARS]
    out = {"period": "", "month": None, "day": None, "year": None, "pos": -1}
    weak = [rx for rx, _ in _cues().get("period_weak", [])]
    event = [rx for rx, _ in _cues().get("period_event", [])]
    tier1 = []
    for rx, value in _cues()["period"] + _cues().get("since_january", []):
        if value == "annual":
            continue
        for m in rx.finditer(s):
            if any(w.fullmatch(m.group(0)) for w in weak) or any(e.match(s, m.end()) for e in event):
                continue  # (召开第一季度新闻发布会: the quarter of the meeting, not of the figures)
            month, day = m.groupdict().get("m"), m.groupdict().get("d")
            tier1.append((m.start(), value, _month_num(month),
                          int(day) if day and 1 <= int(day) <= 31 else None))
            break
    if tier1:
        pos, value, month, day = min(tier1, key=lambda t: t[0])
        return dict(out, period=value, month=month, day=day, year=_year_before(s, pos), pos=pos)
    if _first("full_year", s)[0]:
        m = _first("full_year", s)[0]
        return dict(out, period="annual", year=_year_before(s, m.start()), pos=m.start())
    if _first("campaign", s[:BODY_LEAD_CHARS])[0]:
        return out
    tier2 = []
    for rx, kind in [(rx, "single_month") for rx, _ in _cues().get("single_month", [])] + \
            [(rx, "lead_month") for rx, _ in _cues().get("lead_month", [])]:
        for m in rx.finditer(s if kind == "single_month" else s[:BODY_LEAD_CHARS]):
            if 1 <= int(m.group("m")) <= 12:
                y = m.groupdict().get("y")
                tier2.append((m.start(), "", int(m.group("m")), None, int(y) if y else None))
    for rx, _ in _cues().get("body_cutoff", []):
        for m in rx.finditer(s):
            month = int(m.group("m"))
            if not 1 <= month <= 12:
                continue
            d = m.group("d")
            y = int(m.group("y")) if m.group("y") else None
            if month == 12 and not (d and 1 <= int(d) < 31):
                # to December's end (截至12月底): the whole year; to a day before it (截至12月20日) not
                tier2.append((m.start(), "annual", None, None, y))
            else:
                tier2.append((m.start(), "year-to-date", month, int(d) if d and 1 <= int(d) <= 31 else None, y))
    starts = [m.start() for m in (_first("year_statement", s)[0], _first("month_in_year", s)[0]) if m]
    if starts:
        # 2019年，全市… (or 一年来，…) before 2019年12月，… / 5月份，…: a month inside the
        # year, not a monthly report
        tier2 = [t for t in tier2 if t[1] or t[0] < min(starts)]
    if tier2:
        pos, value, month, day, y = min(tier2, key=lambda t: t[0])
        return dict(out, period=value, month=month if value else None, day=day, year=y or None, pos=pos)
    for kind in ("year_statement", "annual_body"):
        m = _first(kind, s)[0]
        if m:
            y = m.groupdict().get("y")
            return dict(out, period="annual", year=find_year(y + "年")[0] if y else None, pos=m.start())
    return out


def period_year(body: str, period: str) -> int | None:
    """The year written right before the body's first statement of ``period`` (a title's period
    restated with its year: 2021年1-6月，… under a 202X年上半年 title).

    >>> period_year("2021年1-6月，全县优良天数170天", "H1"), period_year("上半年，全县…", "H1")
    (2021, None)
    """
    s = body[:BODY_PERIOD_CHARS]
    hits = [m.start() for rx, value in _cues()["period"] if value == period and value != "annual"
            for m in [rx.search(s)] if m]
    return _year_before(s, min(hits)) if hits else None


def roc_short_year(head: str) -> int | None:
    """The first bare ROC era year of a head (Taiwan's 98年12月31日, 93年度 with no 民國 before
    it), as a Western year; None if none. Only a traditional-script text's: elsewhere 98年 is 1998's
    shorthand or no year at all.

    >>> roc_short_year("本計畫年度各項作業執行至98年12月31日"), roc_short_year("共計986件")
    (2009, None)
    """
    for rx, value in _cues().get("roc_short_year", []):
        for m in rx.finditer(head):
            y = int(m.group("y")) + int(value)
            if 1949 <= y <= 2100:
                return y
    return None


def statement_year(body: str) -> int | None:
    """The year of the first whole-year statement in the body (2018年，全市… / 截至2018年12月底).

    >>> statement_year("介绍了相关情况。2018年，全市空气质量优良天数为296天")
    2018
    """
    m = _first("year_statement", body[:BODY_PERIOD_CHARS])[0]
    return find_year(m.group("y") + "年")[0] if m else None


def _self_suffix(title: str, issuer: str, body: str) -> tuple[str, str]:
    """The level character a report uses for itself (市, 县, 区…) and where it was seen."""
    m, _ = _first("anonymised", title)
    if m:
        return m.group(0)[-1], "title"
    if issuer:
        stem = re.sub(r"(?:生态环境保护|生态环境|环境保护|环保).*$", "", issuer)
        if stem and stem[-1] in SUFFIX_LEVEL:
            return stem[-1], "title"
    counts = Counter()
    for rx, value in _cues()["self_ref"]:
        counts[value] += len(rx.findall(body))
    if counts and counts.most_common(1)[0][1] > 0:
        (a, na), *rest = counts.most_common(2)
        if not rest or rest[0][1] < na:
            return a, "body"
    return "", ""


def _self_suffixes(body: str) -> list[str]:
    """The level characters a body uses for itself (我县, 全区…), most used first."""
    counts = Counter()
    for rx, value in _cues()["self_ref"]:
        counts[value] += len(rx.findall(body))
    return [v for v, n in counts.most_common() if n]


def _strong(m) -> bool:
    """A mention that counts on its own: a full name, a former name or alias of 3+ characters, or
    a province's short name (浙江, 广西: provinces are named so in running text, and no word reads
    like one)."""
    # a two-character full name (寿县, 沛县) is only matched by find_places at the start of a
    # text, after a non-Chinese character or after its parent's name, so it counts on its own too
    return (m.kind != "short" and (len(m.name) >= 3 or m.kind == "full")) or \
        (m.kind == "short" and gz.lookup(m.code)["level"] == "province")


def _accepted(mentions, strong_codes, related) -> list:
    """Mentions kept: strong ones, and weak ones (short/2-char) related to a strong one."""
    return [m for m in mentions if _strong(m) or related(m.code, strong_codes)]


def _region(tm: list, bm: list, suffix: str, anonymised: bool, masked_levels: set, *,
            top: str = "title") -> dict:
    """Province/city/county from title mentions ``tm`` and body mentions ``bm`` (``gz.find_places``).

    ``top`` names where ``tm`` came from: the title, or the issuing bureau named in the body's
    lead (``body``); either way those places name the report's own division."""
    lineage: dict = {}
    memo: dict = {}

    def line(code):
        if code not in lineage:
            lineage[code] = (code, *gz.ancestors(code))
        return lineage[code]

    def related(code, codes):
        key = (code, codes if isinstance(codes, frozenset) else frozenset(codes))
        if key not in memo:
            memo[key] = any(code in line(c) or c in line(code) for c in key[1])
        return memo[key]

    self_level = SUFFIX_LEVEL.get(suffix)
    if anonymised:
        cap = LEVELS.get(self_level, 3)
        keep = lambda m: (m.kind != "short" and len(m.name) >= 3 and LEVELS[gz.lookup(m.code)["level"]] < cap
                          and gz.lookup(m.code)["level"] not in masked_levels)
        tm, bm = [m for m in tm if keep(m)], [m for m in bm if keep(m)]
    strong = frozenset(m.code for m in tm + bm if _strong(m))
    tm_ok = tm
    bm_ok = _accepted(bm, strong, related)

    def singles(ms):
        by_span: dict = {}
        for m in ms:
            by_span.setdefault((m.start, m.name), []).append(m)
        return by_span, frozenset(g[0].code for g in by_span.values() if len(g) == 1)

    def disambiguate(ms, context=frozenset()):
        """Mentions of a name shared by several divisions (西湖区) are kept when exactly one of
        them is related to an unambiguous place named in the same layer or in ``context``."""
        by_span, others = singles(ms)
        others = others | context
        out = []
        for group in by_span.values():
            if len(group) == 1:
                out.append(group[0])
                continue
            fit = [m for m in group if related(m.code, others)]
            if not fit:
                # districts named side by side (鼓楼区、台江区): the candidate whose city is that
                # of an unambiguous district of the same layer
                parents = {line(c)[1] for c in others if len(line(c)) > 2}
                fit = [m for m in group if len(line(m.code)) > 2 and line(m.code)[1] in parents]
            if len({m.code for m in fit}) == 1:
                out.append(fit[0])
        return out

    # the body's strong unambiguous places settle a title's ambiguous name (西湖区 … 杭州市委),
    # and so does a city's or province's short name that no other division shares (鼓楼区 …
    # 在福州各区中排名第一): it only chooses among the title's own candidates
    body_context = frozenset(c for c in singles([m for m in bm_ok if _strong(m)])[1]) | frozenset(
        c for c in singles([m for m in bm if m.kind == "short"])[1]
        if gz.lookup(c)["level"] in ("city", "province"))
    layer, ms = ("top", disambiguate(tm_ok, body_context)) if tm_ok else ("body", disambiguate(bm_ok))
    if not ms and layer == "top":
        layer, ms = "body", disambiguate(bm_ok)
    counts = Counter(m.code for m in ms)
    level_of = {c: gz.lookup(c)["level"] for c in counts}
    target = None
    if layer == "top":
        for c in sorted(counts, key=lambda c: -LEVELS[level_of[c]]):
            if all(o in line(c) for o in counts):
                target = c
                break
        if target is None:
            # the top names places of two lineages (a site's name beside the bureau, two
            # counties side by side): the body decides, as when the top names none
            layer, ms = "body", disambiguate(bm_ok)
            counts = Counter(m.code for m in ms)
            level_of = {c: gz.lookup(c)["level"] for c in counts}
    if layer == "body" and counts:
        def best(level, ok=lambda c: True):
            # a municipality (北京市) is the city its districts report to, and 全市 its own level
            cands = [(n, c) for c, n in counts.items()
                     if (level_of[c] == level or (level == "city" and _municipality(c))) and ok(c)]
            cands.sort(reverse=True)
            if cands and (len(cands) == 1 or cands[0][0] > cands[1][0]):
                return cands[0][1]
            return None
        def common(level):
            """The one division of ``level`` that every place named lies in (我市 + its districts)."""
            ups = {next((a for a in line(c) if level_of.get(a, gz.lookup(a)["level"]) == level
                         or (level == "city" and _municipality(a))), None) for c in counts}
            if len(ups) == 1 and None not in ups and sum(counts.values()) >= 2:
                return next(iter(ups))
            return None

        if self_level == "province":
            target = best("province") or common("province")
        elif self_level == "county" and suffix in "县区旗":
            target = best("county", lambda c: gz.lookup(c)["name"].endswith(suffix))
            if not target and suffix == "区":
                # 全区 is also how an autonomous region (广西壮族自治区) names itself: with no
                # district to be, the report is the region's when every place named lies in it
                provs = {line(c)[-1] for c in counts}
                if len(provs) == 1 and gz.lookup(next(iter(provs)))["name"].endswith("自治区"):
                    target = next(iter(provs))
        else:
            city = best("city")
            if city:
                target = city
                kids = [(n, c) for c, n in counts.items() if level_of[c] == "county" and city in line(c)
                        and n >= 2 and n * 2 >= counts[city]
                        and (suffix != "市" or gz.lookup(c)["name"].endswith("市"))]
                kids.sort(reverse=True)
                if kids and (len(kids) == 1 or kids[0][0] > kids[1][0]):
                    target = kids[0][1]
            elif self_level is None:
                target = best("province")
            elif self_level == "city":
                # 全市 with one county-level city named, and nothing else but its province (义乌市…
                # 全市, 仙桃市…湖北省…全市): that city's report
                towns = [c for c in counts if level_of[c] == "county" and gz.lookup(c)["name"].endswith("市")]
                if len(towns) == 1 and all(o in line(towns[0]) for o in counts):
                    target = towns[0]
                else:
                    target = common("city")
        if not target:
            # the report's own level gave no division (我县 with its county unnamed, 全区 with no
            # district): its city or province is still known when one is named most
            if self_level == "county":
                target = best("county")  # 我县 of a 县级市, 县生态环境分局…宿松县: the county named most
            target = target or best("city") or best("province")
            if not target and self_level is None and len(counts) == 1:
                target = best("county")  # one county named, once or more (青阳县…青阳县): its own
            target = target or common("province")
            if not target and self_level is None:
                target = best("county")
    if not target and layer == "body" and (self_level == "city" or (self_level == "county" and not counts)):
        # 全市 and its city named only by its short name (常州空气质量…): the one
        # city-level short name of the body that no other division shares; 全县 with no place
        # named in full and one county's short name said twice or more (宁海…宁海…全县), the
        # county's name ending in the report's own level word
        spans: dict = {}
        for x in bm:
            spans.setdefault((x.start, x.name), []).append(x)
        short = Counter(g[0].code for g in spans.values()
                        if len(g) == 1 and g[0].kind == "short" and gz.lookup(g[0].code)["level"] == self_level
                        and (self_level == "city" or gz.lookup(g[0].code)["name"].endswith(suffix)))
        top2 = short.most_common(2)
        if top2 and (len(top2) == 1 or top2[0][1] > top2[1][1]) and (self_level == "city" or top2[0][1] >= 2):
            target = top2[0][0]
            counts[target] += top2[0][1]
            level_of[target] = self_level
    out = {k: "" for k in ("province", "province_source", "city", "city_source", "county",
                           "county_source", "admin_level", "admin_level_source")}
    if not target:
        return out
    names = gz.chain(target)
    mentioned = set(counts)
    layer = top if layer == "top" else layer
    for code in line(target):
        row = gz.lookup(code)
        lvl = row["level"]
        src = layer if code in mentioned else "gazetteer"
        out[lvl], out[lvl + "_source"] = row["name"], src
        if lvl == "province" and names["city"] == row["name"]:  # municipality: its districts' city
            out["city"], out["city_source"] = row["name"], src
    if _municipality(target):
        out["city"], out["city_source"] = out["province"], out["province_source"]
    out["admin_level"], out["admin_level_source"] = gz.lookup(target)["level"], layer
    return out


def _municipality(code: str) -> bool:
    row = gz.lookup(code)
    return row["level"] == "province" and gz.chain(code)["city"] == "" and row["name"].endswith("市")


def outlet_places(body: str) -> list:
    """The place of a local news outlet's dateline that opens the body (新乡网讯, 云阳网讯,
    四川经济日报攀枝花讯): the page's own place, as a bureau named in the lead is.

    >>> [m.name for m in outlet_places("云阳网讯(通讯员 某某)5月3日，记者从县环保局获悉")]
    ['云阳']
    >>> outlet_places("本报讯 记者从市生态环境局获悉")
    []
    """
    m = _first("news_outlet", body[:BODY_LEAD_CHARS])[0]
    if not m:
        return []
    found = gz.find_places(m.group("p"))
    shift = m.start("p")
    # the last place named (四川 … 攀枝花), with every division of that name (新乡: 市 and 县)
    last = [p for p in found if found and (p.start, p.end) == (found[-1].start, found[-1].end)]
    return [gz.PlaceMention(p.name, p.code, p.kind, p.start + shift, p.end + shift) for p in last]


def bureau_places(body: str) -> list:
    """Places naming the first environmental bureau in the body's lead (丰润区生态环境分局,
    济南市生态环境局济阳分局): the report's issuer when its title names none.

    >>> [m.name for m in bureau_places("本报讯 济南市生态环境局济阳分局紧紧围绕…")]
    ['济南市', '济阳']
    >>> bureau_places("市生态环境局相关负责人介绍")
    []
    """
    lead = body[:BODY_LEAD_CHARS]
    m = _first("body_bureau", lead)[0]
    if not m:
        return []
    # the run of places ending right where the bureau word starts (天津市西青区环保局)
    shift = max(0, m.start() - 24)
    before = [gz.PlaceMention(p.name, p.code, p.kind, p.start + shift, p.end + shift)
              for p in gz.find_places(lead[shift:m.start()])]
    if not any(p.end == m.start() for p in before) and m.start() >= 2 and \
            lead[m.start() - 3:m.start() - 2] not in ("和", "与", "及", "、", "市", "省"):
        # a two-character county (沛县, 寿县) counts after a Chinese character only behind its
        # parent's name, but right before the bureau word it can only be the bureau's own
        two = [gz.PlaceMention(p.name, p.code, p.kind, p.start + m.start() - 2, p.end + m.start() - 2)
               for p in gz.find_places(lead[m.start() - 2:m.start()]) if p.kind == "full" and len(p.name) == 2]
        before = [p for p in before if p.end <= m.start() - 2] + two
    out, end = [], m.start()
    for p in reversed(before):
        if out and (p.start, p.end) == (out[0].start, out[0].end):
            out.insert(0, p)  # another division of the same name (江北区 of 宁波 and of 重庆)
        elif p.end == end:
            out.insert(0, p)
            end = p.start
        elif p.end < end:
            break
    b = _first("bureau_branch", lead[m.end():])[0]
    if b:
        base = m.end() + b.start("branch")
        out += [gz.PlaceMention(p.name, p.code, p.kind, p.start + base, p.end + base)
                for p in gz.find_places(b.group("branch"))]
    return out


_BOILERPLATE = re.compile(r"[:：|｜>＞]|https?|www")


def headline(text: str) -> str:
    """The headline of a page with no report title: its first short line, when that line comes
    before any prose (boilerplate lines with a colon, bar or '>' and lines under 6 characters
    are skipped). '' when the text starts with prose.

    >>> headline("当前位置: 首页 > 动态\\n陇南市生态环境质量持续稳定向好\\n2023-08-10 来源:日报")
    '陇南市生态环境质量持续稳定向好'
    >>> headline("8日，市生态环境局公布了今年8月空气质量排名。")
    ''
    """
    for line in text[:2000].splitlines():
        t = line.strip().strip("\u3000")
        if not t or len(t) < 6 or _BOILERPLATE.search(t) or any(rx.search(t) for rx, _ in _cues().get("dateline", [])):
            continue  # (a date line, ——2023年3月23日在…会议上, is no headline)
        if len(t) > 40 or _PROSE.search(t) or re.search(r"[。；;]", t):
            return ""
        return t
    return ""


def infer_metadata(text: "str | Doc", *, doc_id: str | None = None) -> dict:
    """Metadata columns of the ``reports`` table for one cleaned report (its text, or its
    :class:`~ecoanalysis.document.Doc`).

    >>> m = infer_metadata("市生态环境局2021年工作总结及2022年工作计划\\n全市空气质量……平凉市", doc_id="x")
    >>> m["city"], m["city_source"], m["admin_level"], m["year"], m["period"], m["plan_year"]
    ('平凉市', 'body', 'city', 2021, 'annual', 2022)
    """
    doc = as_doc(text, doc_id=doc_id)
    text, doc_id = _ascii_digits(doc.text), doc_id or doc.doc_id
    title, body_start = extract_title(text)
    body = text[body_start:]
    m = {"doc_id": doc_id}
    m["title"], m["title_source"] = title, "title" if title else ""
    im = _cues()["issuer"][0][0].search(title) if title else None
    issuer = im.group("issuer") if im else ""
    m["issuer"], m["issuer_source"] = issuer, "title" if issuer else ""

    m.update(_place_fields(text, title, issuer, body, body_start))
    m.update(_time_fields(text, title, body, script=doc.script))
    return m


def _place_fields(text: str, title: str, issuer: str, body: str, body_start: int) -> dict:
    """anonymised, province/city/county and admin level (each with its source) of a report: the
    places of its title (or headline and lead bureau), settled by its body and its own level word."""
    m = {}
    anon_title = _first("anonymised", title)[0] is not None
    masked = [x.group(0)[-1] for rx, _ in _cues()["anonymised"] for x in rx.finditer(text)]
    # a page's related-links tail (推荐阅读, 相关新闻, 上一篇…) names other reports' places
    tail = _first("page_tail", body)[0]
    article = body[:tail.start()] if tail else body
    title_places = gz.find_places(title) if title else []
    suffix, suffix_src = _self_suffix(title, issuer, body)  # the level the report speaks as (我市, 全县)
    top, top_src = title_places, "title"
    if not title_places:
        # no title: the places of the page's headline and of the bureau named in the lead are
        # the report's own (the deepest of them, when they agree)
        head_line = headline(text)
        hs = text.find(head_line) if head_line else -1
        top = [gz.PlaceMention(p.name, p.code, p.kind, p.start + hs, p.end + hs)
               for p in gz.find_places(head_line)] if head_line else []
        outlet = outlet_places(article)
        own_level = SUFFIX_LEVEL.get(suffix)
        if len(outlet) > 1 and any(gz.lookup(p.code)["level"] == own_level for p in outlet):
            # 新乡网讯 … 我市: the division of the outlet's name at the level the body speaks as
            outlet = [p for p in outlet if gz.lookup(p.code)["level"] == own_level]
        top += [gz.PlaceMention(p.name, p.code, p.kind, p.start + body_start, p.end + body_start)
                for p in bureau_places(article) + outlet]
        seen = set()
        top = [p for p in top if (p.start, p.end, p.code) not in seen and not seen.add((p.start, p.end, p.code))]
        top_src = "body"
    # a report that names itself (in its title, headline or the bureau of its lead) is no
    # anonymised one when it masks someone else (查处某县一家企业)
    real_title = bool(top) and not anon_title
    own = SUFFIX_LEVEL.get(suffix)
    own_masked = [c for c in masked if SUFFIX_LEVEL.get(c) == own] if own else masked[1:]
    m["anonymised"] = bool(anon_title or (own_masked and not real_title))
    masked_levels = {SUFFIX_LEVEL[c] for c in masked if c in SUFFIX_LEVEL}
    body_places = gz.find_places(article[:BODY_PLACE_CHARS])
    m.update(_region(top, body_places, suffix, m["anonymised"], masked_levels, top=top_src))
    if not m["county"] and suffix_src in ("body", "") and own != "county" and not m["anonymised"]:
        # a county's report says 全市/全省 of its city or province too, even more often than
        # 全县 (在全市推广, 全省现场会): when it also says 全县/我县 and names one county of that
        # word twice or more and no other county, and that county lies in the region found, the
        # county is its own
        named = Counter(p.code for p in body_places if p.kind != "short")
        counties = {c for c in named if gz.lookup(c)["level"] == "county"}
        for low in _self_suffixes(body) if len(counties) == 1 else []:
            if own and LEVELS[SUFFIX_LEVEL[low]] <= LEVELS[own]:
                continue
            r2 = _region(top, body_places, low, False, masked_levels, top=top_src)
            code = next((p.code for p in body_places if r2["county"] and gz.lookup(p.code)["name"] == r2["county"]), None)
            if (code and r2["county"].endswith(low) and named[code] >= 2
                    and all(not m[k] or m[k] == r2[k] for k in ("province", "city"))):
                m.update(r2)
                suffix, own, suffix_src = low, SUFFIX_LEVEL[low], "body"
                break
    if (not m["county"] and own == "county" and suffix_src == "body" and top_src == "body" and top
            and not m["anonymised"] and (m["city"] or m["province"])):
        # a page whose headline or lead names only a city or province (the site's or the city
        # bureau's name) while its body speaks as a county (全县, 我县): the county the body
        # names, when it lies in that city or province
        r2 = _region([], body_places, suffix, False, masked_levels, top="body")
        if (r2["county"] and r2["county"].endswith(suffix)
                and all(not m[k] or m[k] == r2[k] for k in ("province", "city"))):
            m.update(r2)
    region_self = own == "county" and suffix == "区" and m["admin_level"] == "province"  # 全区 of a 自治区
    if own and not region_self and (not m["admin_level"] or LEVELS[own] > LEVELS[m["admin_level"]]
                or (own == m["admin_level"] and suffix_src == "title")):
        m["admin_level"], m["admin_level_source"] = own, suffix_src
    if not m["province"]:
        provs = {x.group("abbr") for rx, _ in _cues()["doc_number"] for x in rx.finditer(text)}
        table = read_csv("province_abbreviations.csv").set_index("abbreviation")["province"]
        names = {table[a] for a in provs}
        if len(names) == 1:
            m["province"], m["province_source"] = names.pop(), "doc_number"

    return m


def _time_fields(text: str, title: str, body: str, *, script: str = "simplified") -> dict:
    """year, period (with cut-off), doc type and plan year/period (each with its source) of a
    report: its title's segments first, then its headline and body."""
    m = {}
    segs = _segments(title) if title else []
    summ = next((s for s in segs if s["kind"] == "summary"), None)
    plan = next((s for s in segs if s["kind"] == "plan"), None)
    if segs and not summ and not plan and (segs[0]["year"] or segs[0]["masked"] or segs[0]["period"]):
        summ = dict(segs[0], kind="")  # 2021年环保工作, 通报(1月1日至7月27日): a time frame without a cue word
    year, masked_year, period, month, ysrc, psrc = None, False, "", None, "", ""
    first = summ or plan
    if first and (first["year"] or first["masked"]):
        year, masked_year, ysrc = first["year"], first["masked"], "title" if first["year"] else ""
    day = None
    if first and first["period"]:
        period, month, day, psrc = first["period"], first["month"], first.get("day"), "title"
    # a page with no title: its headline (2019年XX市环境质量公报) states a time frame like one
    hl = headline(text) if not title else ""
    # (not its plan part's: 生态环境局工作总结及2021年度工作计划 states the plan's year, not the report's)
    hsegs = _segments(hl) if hl else []
    summary_part = any(g["kind"] == "summary" for g in hsegs)
    hseg = next((g for g in hsegs if (g["year"] or g["masked"] or g["period"])
                 and not (summary_part and g["kind"] == "plan")), None)
    if hseg and not year and not masked_year and hseg["year"]:
        year, ysrc = hseg["year"], "body"
    if hseg and not period and _period_day(hl)[0]:
        period, month, day, psrc = hseg["period"], hseg["month"], hseg["day"], "body"
    body_plan = _plan_heading(body)
    # a body that reports before its plan heading (…全年优良天数比例85%。二、2024年主要任务): the
    # year and period are the report's, read before the heading, never the plan's
    report = body[:body_plan["pos"]] if body_plan and _reports_before(body, body_plan) else body
    head = report[:600]
    bp = None if period else body_period(report)
    if not year and not masked_year:
        written = dateline_year(head)
        y, mk, _ = _body_year(head, written=written)
        if not y and not mk:
            # a long page head (navigation, bylines) before the text: a whole-year statement
            # further down (2018年，全市… / 截至2018年12月底) is still evidence
            y = statement_year(report)
            if y and written and abs(y - written) > 1:
                y = None
        if not y and not mk and script == "traditional":
            y = roc_short_year(head)
        if not y and not mk:
            y = written  # a dated page with no year of its own (时间:2018-10-30 … 1-9月，…)
            last, this = _first("last_year", head)[0], _first("this_year", head)[0]
            if y and last and (this is None or last.start() < this.start()):
                y -= 1  # …福州去年空气质量明显提升 on a page of 2016-01-27: the year before the page's
        if (y and written and bp and bp["period"] not in ("", "annual") and bp["year"] == written
                and y != written):
            # a page dated in the year of the partial period it reports (2023-08-10 … 2023年上半年):
            # that period's year; an earlier one written first is named in passing (介绍了2022年…公报和…)
            y = written
        if y or mk:
            year, masked_year, ysrc = y, mk, "body" if y else ""
    if year and ysrc == "body":
        # (a year read from the headline or the body: a dated page's news of 去年 is the year before)
        year = _year_of_last_year_news(head, year, max(0, head.find(str(year))), dateline_year(head))
    if not year and masked_year:
        # under a masked year (202x年, in the title or heading the body) only a statement is
        # evidence: a year stated with the body's period (2023年1-6月，…) or a whole-year one
        # (2018年，全市… / 截至2018年12月底)
        y = (bp and bp["year"]) or (period and period_year(report, period)) or statement_year(report)
        if y:
            year, masked_year, ysrc = y, False, "body"
    if bp and bp["period"]:
        period, month, day, psrc = bp["period"], bp["month"], bp["day"], "body"
    elif not period and hseg and hseg["period"] == "annual":  # a year alone in the headline
        period, psrc = "annual", "body"
    m["year"], m["year_source"] = year, ysrc
    has_summary = bool(summ) or _first("body_summary", body)[0] is not None or \
        (not plan and _reports_before(body, body_plan))
    has_plan = bool(plan) or body_plan is not None
    kinds = [k for k, on in (("summary", has_summary), ("plan", has_plan)) if on]
    m["doc_type"] = "+".join(kinds)
    title_kinds = [k for k, on in (("summary", summ and summ["kind"]), ("plan", plan)) if on]
    m["doc_type_source"] = "" if not kinds else "title" if title_kinds == kinds else "body"
    if m["doc_type"] == "plan" and not period and plan:
        period, psrc = plan["period"], "title"
    cutoff = ""
    if (period == "annual" and psrc == "title" and summ and not summ["kind"] and not plan
            and not _period_day(title)[0]):
        # a title with a year and no report word (某州2021年大气治理成效明显): a headline, whose
        # default whole year yields to the body's partial period (上半年, 1-9月…)
        bpt = body_period(body)
        if bpt["period"] and bpt["period"] != "annual":
            period, month, day, psrc = bpt["period"], bpt["month"], bpt["day"], "body"
    if period == "annual" and has_summary and summ:
        cut, full = _cutoff(body, year)
        if cut and not full:
            period, cutoff, psrc = "year-to-date", cut, "body"
        elif not full:
            # a year's summary whose figures run to a quarter's or month's end written in
            # words (前三季度, 一至十月): that partial period, as a cut-off would give
            bpt = body_period(body)
            if bpt["period"] == "Q1-Q3" or (bpt["period"] == "year-to-date" and bpt["month"]):
                period, month, day, psrc = bpt["period"], bpt["month"], bpt["day"], "body"
    if period == "year-to-date" and month and not cutoff:
        # the month's last day (of a common year when the year is unknown)
        cutoff = f"{month:02d}-{day or calendar.monthrange(year or 2001, month)[1]:02d}"
    if period == "year-to-date" and cutoff in QUARTER_ENDS:
        # data to the end of March, June or September (截至9月底) cover Q1, H1 or Q1-Q3
        period, cutoff = QUARTER_ENDS[cutoff], ""
    m["period"], m["period_source"], m["period_cutoff"] = period, psrc, cutoff
    p_seg, p_src = (plan, "title") if plan else (body_plan, "body") if body_plan else (None, "")
    m["plan_year"], m["plan_period"], m["plan_source"] = None, "", ""
    if p_seg:
        py = p_seg["year"]
        if not py and year and p_seg["next"]:
            py = year + 1
        elif not py and year and p_seg["period"] in ("H2", "Q2", "Q3", "Q4") and period not in ("annual", "year-to-date"):
            py = year
        m["plan_year"], m["plan_period"] = py, p_seg["period"]
        m["plan_source"] = p_src if (py or p_seg["period"]) else ""
    return m


class OverrideWarning(UserWarning):
    """A cell of the overrides file (``metadata.csv``) that could not be used; the inferred value is kept."""


@lru_cache(maxsize=1)
def periods() -> tuple:
    """The period codes a report may have, in display order (``resources/periods.csv``)."""
    df = read_csv("periods.csv")
    return tuple(df.sort_values("order", key=lambda c: c.astype(int), kind="stable")["period"])


@lru_cache(maxsize=1)
def period_info() -> dict:
    """{period: {"label", "days" (None if not fixed), "color"}} from ``resources/periods.csv``."""
    return {r.period: {"label": r.label, "days": int(r.days) if r.days.strip() else None, "color": r.color}
            for r in read_csv("periods.csv").itertuples(index=False)}
DOC_TYPES = ("summary", "plan", "summary+plan")
_TRUE = ("1", "true", "yes", "y", "t", "是", "真")
_FALSE = ("0", "false", "no", "n", "f", "否", "假")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _decode_overrides(raw: bytes, p: Path) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, else GB18030 (Excel on Chinese Windows)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass
    elif b"\x00" not in raw:
        for enc in ("utf-8-sig", "gb18030"):
            try:
                text = raw.decode(enc)
            except UnicodeDecodeError:
                continue
            if not _CONTROL.search(text):
                return text
    raise ValueError(f"{p}: not a text CSV file (binary content, or an encoding other than "
                     f"UTF-8, UTF-16 or GB18030)")


def read_overrides(path) -> pd.DataFrame:
    """Load ``metadata.csv`` (keyed by ``doc_id`` or ``file``) as strings; empty cells are ``""``.

    The file may be UTF-8 (with or without BOM), UTF-16 with a BOM or GB18030/GBK (what Excel on
    Chinese Windows saves). A missing file gives an empty table, and so does an empty one. A file
    that is not a usable CSV raises ``ValueError`` with a one-line message naming the file and
    the problem (binary content, broken quoting, no ``doc_id``/``file`` column).

    >>> read_overrides("/nonexistent.csv").empty
    True
    """
    p = Path(path)
    if not p.exists():
        return pd.DataFrame(columns=["doc_id"])
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise ValueError(f"{p}: the overrides file cannot be read ({exc.strerror or exc})") from None
    text = _decode_overrides(raw, p)
    if not text.strip():
        return pd.DataFrame(columns=["doc_id"])
    try:
        df = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, csv.Error, ValueError) as exc:
        msg = " ".join(str(exc).split()) or type(exc).__name__
        raise ValueError(f"{p}: not a readable CSV file ({msg})") from None
    df.columns = [str(c).strip() for c in df.columns]
    if "doc_id" not in df.columns and "file" not in df.columns:
        cols = ", ".join(df.columns[:6])
        raise ValueError(f"{p}: no 'doc_id' or 'file' column to match reports by (columns: {cols})")
    return df.fillna("")


def _convert(field: str, value: str):
    """The typed value of an override cell; ``ValueError`` when it cannot be read as one."""
    v = value.strip()
    if field in ("year", "plan_year"):
        try:
            num = float(v)
        except ValueError:
            num = None
        if num is not None and num.is_integer():
            return int(num)
        year, masked, _ = find_year(v if re.search(r"年|年度", v) else v + "年")
        if year is None:
            raise ValueError("a year" + (" (masked)" if masked else ""))
        return year
    if field == "anonymised":
        if v.lower() in _TRUE:
            return True
        if v.lower() in _FALSE:
            return False
        raise ValueError("true or false (1/0, yes/no, 是/否)")
    if field in ("period", "plan_period"):
        if v in periods():
            return v
        code, _ = _period(v)
        if not code:
            raise ValueError(f"a period ({', '.join(periods())}, or words such as 上半年)")
        return code
    if field == "admin_level":
        level = v if v in LEVELS else SUFFIX_LEVEL.get(v[-1:]) if len(v) == 1 else None
        if not level:
            raise ValueError("province, city or county")
        return level
    if field == "doc_type":
        if v not in DOC_TYPES:
            raise ValueError(", ".join(DOC_TYPES))
        return v
    if field == "period_cutoff":
        m = re.fullmatch(r"(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?", v)
        if not m or not (1 <= int(m.group(1)) <= 12 and 1 <= int(m.group(2)) <= 31):
            raise ValueError("a month-day such as 11-30")
        return f"{int(m.group(1)):02d}-{int(m.group(2)):02d}"
    return v


def _cell(value) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value)


def apply_overrides(meta: dict, overrides: pd.DataFrame, *, doc_id: str) -> dict:
    """Override inferred fields with non-empty cells of the matching row(s); sources become ``override``.

    Never raises: a cell that cannot be read as its field's type (year ``abc``) is reported with
    an :class:`OverrideWarning` and the inferred value is kept. Years written in words are read
    like years in a title (``二〇二〇年`` → 2020), periods too (``上半年`` → ``H1``).

    >>> o = pd.DataFrame([{"file": "a.txt", "year": "2019", "city": ""}])
    >>> r = apply_overrides({"year": None, "year_source": "", "city": "x", "city_source": "body"}, o, doc_id="a")
    >>> r["year"], r["year_source"], r["city"]
    (2019, 'override', 'x')
    """
    out = dict(meta)
    if overrides is None or not isinstance(overrides, pd.DataFrame) or overrides.empty:
        return out
    hit = pd.Series(False, index=overrides.index)
    if "doc_id" in overrides:
        hit |= overrides["doc_id"].map(_cell).str.strip() == doc_id
    if "file" in overrides:
        hit |= overrides["file"].map(lambda f: Path(_cell(f).strip()).stem) == doc_id
    for _, row in overrides[hit].iterrows():
        for field, value in row.items():
            field, value = str(field), _cell(value)
            if field in ("doc_id", "file") or field.endswith("_source") or value.strip() == "":
                continue
            if field not in FIELDS and field not in meta:
                continue
            try:
                out[field] = _convert(field, value)
            except Exception as exc:  # noqa: BLE001 - one bad cell must not stop the run
                warnings.warn(f"{doc_id}: override {field}={value.strip()!r} ignored: expected {exc}",
                              OverrideWarning, stacklevel=2)
                continue
            src = "plan_source" if field in ("plan_year", "plan_period") else f"{field}_source"
            if field in _SOURCED or field in ("plan_year", "plan_period"):
                out[src] = "override"
    return out
