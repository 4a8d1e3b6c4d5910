"""China's administrative divisions (``resources/gazetteer.csv``) and place-name matching in text.

``find_places`` scans a text for gazetteer names (full names such as 庐山市, short names such as
庐山, and historical names from ``gazetteer_renames.csv`` mapped to today's place) by
leftmost-longest matching, in one pass whose time is linear in the text's length (numpy finds the
positions whose first two characters begin some name; only those are looked up). Names in
``gazetteer_stoplist.csv`` are never matched on their own, but a stoplisted full name of a
division counts right after an ancestor's full name (阳泉市郊区). A two-character full name (和县,
沛县) counts at the start of a text or after a non-Chinese character, or after an ancestor's full
name (马鞍山市和县, never the phrase 市和县). ``lookup`` gives a division's row and ``chain`` its
province/city/county.

Example:
    >>> [m.name for m in find_places("九江市庐山生态环境局")]
    ['九江市', '庐山']
    >>> chain("360483")
    {'province': '江西省', 'city': '九江市', 'county': '庐山市'}
    >>> [m.code for m in find_places("原星子县") if m.kind == "old"]
    ['360483']
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .resources import read_csv

MAX_NAME = 16
# kind of an autonomous unit -> the plain level word its colloquial name ends with
ALIAS_SUFFIX = {"自治县": "县", "自治旗": "旗", "自治州": "州"}


@dataclass(frozen=True)
class PlaceMention:
    """One match of a gazetteer name: ``kind`` is ``full``, ``short``, ``old`` (a former name) or
    ``alias`` (an autonomous unit's short name with its plain level word or its kind: 丰宁县,
    延边州, 长阳自治县)."""

    name: str
    code: str
    kind: str
    start: int
    end: int


@lru_cache(maxsize=1)
def _table():
    return read_csv("gazetteer.csv").set_index("code", drop=False)


@lru_cache(maxsize=1)
def _rows() -> dict[str, dict]:
    """code -> row dict (plain dicts: ``lookup`` is called many times per report)."""
    return {row["code"]: row for row in _table().to_dict("records")}


def lookup(code: str) -> dict:
    """The gazetteer row of a 6-digit code as a dict (KeyError if unknown).

    >>> lookup("620800")["name"]
    '平凉市'
    """
    return dict(_rows()[code])


def chain(code: str) -> dict:
    """Province, city and county names of a division ('' where the level does not apply).

    >>> chain("620800")
    {'province': '甘肃省', 'city': '平凉市', 'county': ''}
    """
    row = _rows()[code]
    return {"province": row["province"], "city": row["city"] if row["level"] != "province" else "",
            "county": row["name"] if row["level"] == "county" else ""}


@lru_cache(maxsize=None)
def _ancestors(code: str) -> tuple[str, ...]:
    rows, out, row = _rows(), [], _rows()[code]
    while row["parent_code"]:
        out.append(row["parent_code"])
        row = rows[row["parent_code"]]
    return tuple(out)


def ancestors(code: str) -> list[str]:
    """Codes of the parents of a division, nearest first.

    >>> ancestors("360483")
    ['360400', '360000']
    """
    return list(_ancestors(code))


@lru_cache(maxsize=1)
def short_names() -> dict[str, str]:
    """Full name → short name of every division (a name without a short name maps to itself).

    For comparing names written with or without their level word (浙江省 / 浙江).

    >>> short_names()["浙江省"], short_names()["昌吉回族自治州"]
    ('浙江', '昌吉')
    """
    out = {}
    for row in _rows().values():
        out.setdefault(row["name"], row["short_name"] or row["name"])
    return out


@lru_cache(maxsize=1)
def stoplist() -> frozenset:
    """Names never matched as places on their own (``resources/gazetteer_stoplist.csv``)."""
    return frozenset(read_csv("gazetteer_stoplist.csv")["name"])


@lru_cache(maxsize=1)
def _index() -> dict[str, list[tuple[str, str]]]:
    """name -> [(code, kind)], current names first; stoplisted names left out."""
    stop = stoplist()
    idx: dict[str, list[tuple[str, str]]] = {}
    current = set()
    rows = list(_rows().values())
    for row in rows:
        idx.setdefault(row["name"], []).append((row["code"], "full"))
        current.add(row["name"])
    for row in rows:
        short = row["short_name"]
        if short and len(short) >= 2 and short not in current:
            idx.setdefault(short, []).append((row["code"], "short"))
    for row in rows:
        # an autonomous unit is usually written as its short name plus the plain level word
        # (丰宁县, 长阳县, 延边州, 鄂温克旗) or plus its kind without the nationalities (长阳自治县,
        # 恩施自治州): such a name counts like the full one
        alias = ALIAS_SUFFIX.get(row["kind"], "")
        short = row["short_name"]
        if not (alias and short and len(short) >= 2):
            continue
        for name in (short + alias, short + row["kind"]):
            if name in current:
                continue
            hits = idx.setdefault(name, [])
            if (row["code"], "alias") not in hits:
                hits.append((row["code"], "alias"))
    known = _rows()
    for row in read_csv("gazetteer_renames.csv").itertuples(index=False):
        if row.old_name not in current and row.new_code in known:
            hits = idx.setdefault(row.old_name, [])
            if (row.new_code, "old") not in hits:
                hits.append((row.new_code, "old"))
    return {k: v for k, v in idx.items() if k not in stop and len(k) >= 2}


@lru_cache(maxsize=1)
def _guarded() -> dict[str, list[tuple[str, str]]]:
    """Stoplisted full names of current divisions (郊区, 城区): name -> [(code, 'full')].

    They are matched only right after the full name of one of their ancestors (阳泉市郊区).
    """
    stop = stoplist()
    out: dict[str, list[tuple[str, str]]] = {}
    for row in _rows().values():
        if row["name"] in stop and len(row["name"]) >= 2:
            out.setdefault(row["name"], []).append((row["code"], "full"))
    return out


@lru_cache(maxsize=1)
def _words() -> frozenset:
    """Stoplisted names of two characters or more: words no place name starts inside (海南通报 holds
    no 南通, 长江西岸 no 江西)."""
    return frozenset(n for n in stoplist() if len(n) >= 2)


@lru_cache(maxsize=1)
def _ancestor_names() -> dict[str, tuple[str, ...]]:
    """code -> full names of its ancestors (nearest first), for context checks."""
    rows = _rows()
    return {code: tuple(rows[a]["name"] for a in _ancestors(code)) for code in rows}


@lru_cache(maxsize=1)
def _prefixes():
    """Lookup tables of the names' first two characters.

    Returns (first, second, table, lengths): ``first``/``second`` map a code point to a small id
    (0: starts/continues no name), ``table[id1, id2]`` says whether some name starts with that
    pair, and ``lengths`` maps a two-character prefix to its names' lengths, longest first.
    """
    lens: dict[str, set] = {}
    for name in (*_index(), *_guarded(), *_words()):
        lens.setdefault(name[:2], set()).add(len(name))
    firsts = sorted({p[0] for p in lens})
    seconds = sorted({p[1] for p in lens})
    first = np.zeros(0x110000, dtype=np.int16)
    second = np.zeros(0x110000, dtype=np.int16)
    first[[ord(c) for c in firsts]] = np.arange(1, len(firsts) + 1)
    second[[ord(c) for c in seconds]] = np.arange(1, len(seconds) + 1)
    table = np.zeros((len(firsts) + 1, len(seconds) + 1), dtype=bool)
    for p in lens:
        table[first[ord(p[0])], second[ord(p[1])]] = True
    return first, second, table, {p: sorted(v, reverse=True) for p, v in lens.items()}


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def _after_ancestor(text: str, start: int, code: str) -> bool:
    """Whether the full name of one of ``code``'s ancestors ends right at ``start``."""
    return any(text.endswith(name, max(0, start - len(name)), start) for name in _ancestor_names()[code])


def _candidates(text: str) -> list[int]:
    """Positions where some gazetteer name could start (its first two characters begin one)."""
    first, second, table, _ = _prefixes()
    cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return np.flatnonzero(table[first[cps[:-1]], second[cps[1:]]]).tolist()


def find_places(text: str) -> list[PlaceMention]:
    """All gazetteer names in ``text``, leftmost-longest, one mention per (name occurrence, code).

    A name shared by several divisions (朝阳区) yields one mention per division at the same span.
    Two rules guard against ordinary words: a two-character full or former name (a one-character
    stem plus its suffix: 和县, 沛县, 开县) preceded by a Chinese character counts only when the
    text before it ends with the full name of one of its ancestors (马鞍山市和县, not 市和县 or
    召开县); a stoplisted full name (郊区, 城区) counts only right after an ancestor's full name
    (阳泉市郊区). One pass over candidate
    positions found with numpy, so the time is linear in the text's length.

    >>> sorted(m.code for m in find_places("朝阳区"))
    ['110105', '220104']
    >>> [(m.name, m.code) for m in find_places("阳泉市郊区和县，全市和县区")]
    [('阳泉市', '140300'), ('郊区', '140311')]
    >>> [m.name for m in find_places("海南通报，长江西岸")]  # ordinary words hold their characters
    []
    """
    if len(text) < 2:
        return []
    idx, guarded = _index(), _guarded()
    lengths = _prefixes()[3]
    out: list[PlaceMention] = []
    end = 0
    for i in _candidates(text):
        if i < end:
            continue
        for length in lengths[text[i:i + 2]]:
            if i + length > len(text):  # a longer name cut off by the end of the text
                continue
            name = text[i:i + length]
            found = idx.get(name)
            if found and length == 2 and i and _is_cjk(text[i - 1]):
                found = [h for h in found if h[1] == "short" or _after_ancestor(text, i, h[0])]
            if not found and name in guarded:
                found = [h for h in guarded[name] if _after_ancestor(text, i, h[0])]
            if found:
                out.extend(PlaceMention(name, code, kind, i, i + length) for code, kind in found)
                end = i + length
                break
        else:
            # no place here: an ordinary word (海南, 长江) still holds its characters, so no name
            # starts inside it
            words = _words()
            end = next((i + n for n in lengths[text[i:i + 2]] if text[i:i + n] in words), end)
    return out
