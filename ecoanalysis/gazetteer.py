"""China's administrative divisions (``resources/gazetteer.csv``) and place-name matching in text.

``find_places`` scans a text for gazetteer names (full names such as 庐山市, short names such as
庐山, and historical names from ``gazetteer_renames.csv`` mapped to today's place) by
leftmost-longest matching. Names in ``gazetteer_stoplist.csv`` are never matched. ``lookup``
gives a division's row and ``chain`` its province/city/county.

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

from .resources import read_csv

MAX_NAME = 16


@dataclass(frozen=True)
class PlaceMention:
    """One match of a gazetteer name: ``kind`` is ``full``, ``short`` or ``old`` (a former name)."""

    name: str
    code: str
    kind: str
    start: int
    end: int


@lru_cache(maxsize=1)
def _table():
    return read_csv("gazetteer.csv").set_index("code", drop=False)


def lookup(code: str) -> dict:
    """The gazetteer row of a 6-digit code as a dict (KeyError if unknown).

    >>> lookup("620800")["name"]
    '平凉市'
    """
    return _table().loc[code].to_dict()


def chain(code: str) -> dict:
    """Province, city and county names of a division ('' where the level does not apply).

    >>> chain("620800")
    {'province': '甘肃省', 'city': '平凉市', 'county': ''}
    """
    row = lookup(code)
    return {"province": row["province"], "city": row["city"] if row["level"] != "province" else "",
            "county": row["name"] if row["level"] == "county" else ""}


def ancestors(code: str) -> list[str]:
    """Codes of the parents of a division, nearest first.

    >>> ancestors("360483")
    ['360400', '360000']
    """
    out, row = [], lookup(code)
    while row["parent_code"]:
        out.append(row["parent_code"])
        row = lookup(row["parent_code"])
    return out


@lru_cache(maxsize=1)
def stoplist() -> frozenset:
    """Names never matched as places (``resources/gazetteer_stoplist.csv``)."""
    return frozenset(read_csv("gazetteer_stoplist.csv")["name"])


@lru_cache(maxsize=1)
def _index() -> dict[str, list[tuple[str, str]]]:
    """name -> [(code, kind)], current names first; stoplisted names left out."""
    stop = stoplist()
    idx: dict[str, list[tuple[str, str]]] = {}
    current = set()
    for row in _table().itertuples(index=False):
        idx.setdefault(row.name, []).append((row.code, "full"))
        current.add(row.name)
    for row in _table().itertuples(index=False):
        if row.short_name and len(row.short_name) >= 2 and row.short_name not in current:
            idx.setdefault(row.short_name, []).append((row.code, "short"))
    for row in read_csv("gazetteer_renames.csv").itertuples(index=False):
        if row.old_name not in current and row.new_code in _table().index:
            hits = idx.setdefault(row.old_name, [])
            if (row.new_code, "old") not in hits:
                hits.append((row.new_code, "old"))
    return {k: v for k, v in idx.items() if k not in stop and len(k) >= 2}


def find_places(text: str) -> list[PlaceMention]:
    """All gazetteer names in ``text``, leftmost-longest, one mention per (name occurrence, code).

    A name shared by several divisions (朝阳区) yields one mention per division at the same span.

    >>> sorted(m.code for m in find_places("朝阳区"))
    ['110105', '220104']
    """
    idx = _index()
    out: list[PlaceMention] = []
    i, n = 0, len(text)
    while i < n:
        for length in range(min(MAX_NAME, n - i), 1, -1):
            name = text[i:i + length]
            hits = idx.get(name)
            if hits:
                out.extend(PlaceMention(name, code, kind, i, i + length) for code, kind in hits)
                i += length
                break
        else:
            i += 1
    return out
