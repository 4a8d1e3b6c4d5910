"""Synthetic corpus generator: N realistic reports recombined from the sample reports.

The sample reports in ``data/reports/*.txt`` are cleaned and split into sections with
``ecoanalysis.segment.segment``. Their work items (level-2 sections), problem sections, plan
sections and introductions become *templates* in which place names, years, period words and
numbers are slots. A synthetic report draws a place from the gazetteer
(``ecoanalysis/resources/gazetteer.csv``; a small built-in list when it is absent), a year, a
period (H1, annual, Q1-Q3), picks templates from different samples and fills the slots:
places and years consistently, numbers perturbed, and in some reports a share of numbers
masked (``**``, ``XX``, ``××``, ``*``) the way redacted reports are.

Deterministic: report ``i`` depends only on ``(seed, i)`` and the sample files, so the first
100 reports of a 10,000-report corpus are the 100-report corpus. A hidden manifest
(``.synth_manifest.csv``, skipped by ``list_reports`` because it starts with a dot) records what
each report was generated with (place, year, period, masked numbers…).

Usage:
    python benchmarks/synth.py OUT_DIR -n 1000 [--seed 0] [--samples data/reports]

Example:
    >>> import tempfile
    >>> rows = generate(tempfile.mkdtemp(), 3, seed=1)
    >>> len(rows), sorted(rows[0])[:3]
    (3, ['admin_level', 'anonymised', 'city'])
"""
from __future__ import annotations

import argparse
import csv
import random
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DEFAULT_SAMPLES = ROOT / "data" / "reports"
GAZETTEER = ROOT / "ecoanalysis" / "resources" / "gazetteer.csv"
MANIFEST = ".synth_manifest.csv"
MASKS = ("**", "XX", "××", "*")
PERIODS = ("H1", "annual", "Q1-Q3")
_CN_NUM = "一二三四五六七八九十"

# used when the gazetteer is missing: (province, city, county, county_short)
FALLBACK_PLACES = [
    ("江西省", "九江市", "庐山市", "庐山"), ("江西省", "赣州市", "安远县", "安远"),
    ("江苏省", "镇江市", "丹阳市", "丹阳"), ("甘肃省", "平凉市", "", ""),
    ("福建省", "龙岩市", "新罗区", "新罗"), ("黑龙江省", "齐齐哈尔市", "依安县", "依安"),
    ("广东省", "清远市", "", ""), ("云南省", "丽江市", "", ""), ("河北省", "唐山市", "", ""),
    ("湖南省", "岳阳市", "平江县", "平江"), ("四川省", "绵阳市", "江油市", "江油"),
]

# template tokens: ⟦NAME⟧ for places, years and period words
_TOKEN = re.compile(r"⟦([A-Z_0-9+-]+)⟧")
# numbers that can be perturbed or masked: not part of a year token, a code (PM2.5, 3A), a date,
# a range (1-6月) or an outline marker (1. 2、)
_NUMBER = re.compile(
    r"(?<![\d.A-Za-z⟧*×X\-－—~～])(\d+(?:\.\d+)?)(?![\d.]*[A-Za-z\-－—~～])(?=[^\d月日号时点:：\-－—~～])"
)
_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d{2})(?!\d)")
_RANGE = re.compile(r"1\s*月?\s*份?\s*[-－—–~～至到]\s*(?:6|9|12|1[01]|[4578])\s*月份?")
_CUTOFF = re.compile(r"(截至到|截止到|截至|截止)(\s*(?:(?:19|20)\d{2}|⟦Y[^⟧]*⟧)\s*年)?\s*\d{1,2}\s*月\s*(?:\d{1,2}\s*日|底|末|份)?")
_MARKER_LINE = re.compile(r"^\s*(?:\d{1,2}\s*[、.．]|[（(]\d{1,2}[)）])")


@dataclass
class Template:
    """Text split into literal strings and slots: ("tok", name) or ("num", text)."""

    parts: list
    source: str
    n_chars: int = 0


@dataclass
class Pools:
    intros: list = field(default_factory=list)
    items: list = field(default_factory=list)      # achievement items (become （一）…)
    problems: list = field(default_factory=list)   # bodies of problem sections
    plans: list = field(default_factory=list)      # bodies of plan sections
    samples: list = field(default_factory=list)


# ---------------------------------------------------------------- places

@lru_cache(maxsize=4)
def _places(gazetteer: str | None = None):
    """(counties, cities) as tuples (province, city, county, county_short, unique_name)."""
    path = Path(gazetteer) if gazetteer else GAZETTEER
    rows = []
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except OSError:
        rows = []
    if not rows or not {"name", "level", "province", "city"} <= set(rows[0]):
        counties = [(p, c, n, s, True) for p, c, n, s in FALLBACK_PLACES if n]
        cities = sorted({(p, c, "", "", True) for p, c, _, _ in FALLBACK_PLACES})
        return counties, cities
    names = {}
    for r in rows:
        names[r["name"]] = names.get(r["name"], 0) + 1
    counties, cities = [], []
    for r in rows:
        prov, city, name = r["province"], r.get("city", ""), r["name"]
        short = r.get("short_name", "") or ""
        if r["level"] == "county" and city and city != prov and not city.endswith(("区", "县")):
            counties.append((prov, city, name, short if len(short) >= 2 else name, names[name] == 1))
        elif r["level"] == "city" and name.endswith("市") and names[name] == 1:
            cities.append((prov, name, "", "", True))
    return counties, cities


def _sample_place_names(text: str) -> dict:
    """Gazetteer names in a sample (full and short) mapped to a level token."""
    try:
        from ecoanalysis.gazetteer import find_places, lookup
    except Exception:  # noqa: BLE001 - the gazetteer module is optional here
        return {}
    hits = []
    try:
        for m in find_places(text):
            row = lookup(m.code)
            if row.get("level") in ("province", "city", "county"):
                hits.append((m.name, m.code, row))
    except Exception:  # noqa: BLE001
        return {}
    # conservative: full names of three characters or more, short names only of provinces and
    # of places whose full name the text also uses (平凉 next to 平凉市), so that common words
    # that happen to be short place names (资源, 新建, 公安) stay as they are
    full_codes = {code for name, code, row in hits if name == row["name"] and len(name) >= 3}
    out = {}
    tokens = {"province": ("PROV", "PROV_S"), "city": ("CITY", "CITY_S"), "county": ("CNTY", "CNTY_S")}
    for name, code, row in hits:
        full_tok, short_tok = tokens[row["level"]]
        if name == row["name"]:
            if code in full_codes:
                out.setdefault(name, full_tok)
        elif len(name) >= 2 and (code in full_codes or row["level"] == "province"):
            out.setdefault(name, short_tok)
    return out


# ---------------------------------------------------------------- templates

def _templatize(text: str, *, year: int | None, places: dict, h1: bool, source: str) -> Template:
    """Turn sample text into a template: places, years, period words and numbers become slots."""
    # 1. tokens (places, years, period words) as ⟦…⟧ markers in the text
    if places:
        rx = re.compile("|".join(map(re.escape, sorted(places, key=len, reverse=True))))
        text = rx.sub(lambda m: f"⟦{places[m.group()]}⟧", text)
    if year:
        def _y(m):
            y = int(m.group(1))
            d = y - year
            if -6 <= d <= 3:
                return f"⟦Y{d:+d}⟧" if d else "⟦Y⟧"
            return m.group(0)
        text = _YEAR.sub(_y, text)
    text = _RANGE.sub("⟦RANGE⟧", text)
    text = _CUTOFF.sub(lambda m: m.group(1) + (m.group(2) or "") + "⟦CUTM⟧", text)
    text = re.sub("今年以来|年初以来", "⟦SINCE⟧", text)
    if h1:
        text = text.replace("上半年", "⟦CUR⟧").replace("下半年", "⟦NEXT⟧").replace("半年来", "⟦SINCE⟧")
    # 2. split into literals, tokens and numbers
    parts: list = []
    lines = text.split("\n")
    for li, line in enumerate(lines):
        if li:
            parts.append("\n")
        skip_to = 0
        mk = _MARKER_LINE.match(line)
        if mk:
            skip_to = mk.end()
            parts.append(line[:skip_to])
        pos = skip_to
        for m in re.finditer(rf"{_TOKEN.pattern}|{_NUMBER.pattern}", line[skip_to:]):
            s, e = m.start() + skip_to, m.end() + skip_to
            if s > pos:
                parts.append(line[pos:s])
            if m.group(1):
                parts.append(("tok", m.group(1)))
            else:
                parts.append(("num", m.group(2)))
            pos = e
        if pos < len(line):
            parts.append(line[pos:])
    merged: list = []
    for p in parts:
        if isinstance(p, str) and merged and isinstance(merged[-1], str):
            merged[-1] += p
        else:
            merged.append(p)
    return Template(parts=merged, source=source, n_chars=len(text))


def _strip_marker(text: str, marker: str) -> str:
    body = text[len(marker):] if marker and text.startswith(marker) else text
    return body.lstrip(" \t\u3000")


def _body_after_heading(text: str) -> str:
    """Section text without its heading line."""
    nl = text.find("\n")
    return text[nl + 1:].strip() if nl >= 0 else ""


_TITLEISH = re.compile(r"(总结|计划|安排|打算|谋划|要点|思路|汇报)\s*$")
_GENERIC_HEAD = re.compile(r"情况|质量|完成|成效|主要工作")


@lru_cache(maxsize=4)
def build_pools(samples: str | None = None) -> Pools:
    """Cut the sample reports into templates (cached per samples folder)."""
    from ecoanalysis.clean import clean_text
    from ecoanalysis.segment import segment

    folder = Path(samples) if samples else DEFAULT_SAMPLES
    files = sorted(folder.glob("*.txt"))
    if not files:
        raise FileNotFoundError(f"no sample reports (*.txt) in {folder}")
    pools = Pools()
    for f in files:
        raw = f.read_bytes()
        try:
            from ecoanalysis.ingest import decode_bytes

            raw_text = decode_bytes(raw)[0]
        except Exception:  # noqa: BLE001
            raw_text = raw.decode("utf-8", "replace")
        text = clean_text(raw_text).text
        sec = segment(text, doc_id=f.stem)
        m = re.search(r"(?<!\d)((?:19|20)\d{2})(?!\d)", f.stem)
        year = int(m.group(1)) if m else None
        h1 = "h1" in f.stem.lower() or "上半年" in text[:200]
        places = _sample_place_names(text)
        pools.samples.append(f.stem)

        def tmpl(t):
            return _templatize(t, year=year, places=places, h1=h1, source=f.stem)

        pre = sec[sec.level == 0]
        if len(pre):
            lines = [ln.strip() for ln in text[int(pre.iloc[0]["start"]):int(pre.iloc[0]["end"])].split("\n") if ln.strip()]
            lines = [ln for ln in lines if not (len(ln) < 60 and "。" not in ln and _TITLEISH.search(ln))
                     and not (len(ln) < 40 and "。" not in ln)]
            if lines:
                pools.intros.append(tmpl("\n".join(lines)))
        tops = sec[sec.level == 1]
        for r in tops.itertuples(index=False):
            if r.part == "achievements":
                kids = sec[(sec.parent_id == r.section_id)]
                if len(kids) and _GENERIC_HEAD.search(r.heading or ""):
                    for k in kids.itertuples(index=False):
                        body = _strip_marker(text[k.start:k.end], k.marker).strip()
                        if len(body) >= 40:
                            pools.items.append(tmpl(body))
                else:
                    body = _strip_marker(text[r.start:r.end], r.marker).strip()
                    if len(body) >= 40:
                        pools.items.append(tmpl(body))
            elif r.part in ("problems", "plans"):
                body = _body_after_heading(text[r.start:r.end])
                if len(body) >= 20:
                    (pools.problems if r.part == "problems" else pools.plans).append(tmpl(body))
    if not pools.items:
        raise ValueError(f"the samples in {folder} have no achievement sections to recombine")
    return pools


# ---------------------------------------------------------------- rendering

_PERIOD_WORDS = {
    "H1": {"CUR": "上半年", "NEXT": "下半年", "SINCE": "半年来", "RANGE": "1-6月", "CUTM": "6月底"},
    "annual": {"CUR": "全年", "NEXT": "明年", "SINCE": "一年来", "RANGE": "1-12月", "CUTM": "12月底"},
    "Q1-Q3": {"CUR": "前三季度", "NEXT": "第四季度", "SINCE": "前三季度", "RANGE": "1-9月", "CUTM": "9月底"},
}


def _cn(n: int) -> str:
    if n <= 10:
        return _CN_NUM[n - 1]
    if n < 20:
        return "十" + (_CN_NUM[n - 11] if n > 10 else "")
    return str(n)


def _perturb(num: str, rng: random.Random) -> str:
    if "." in num:
        dec = len(num.split(".")[1])
        v = float(num) * rng.uniform(0.6, 1.5)
        if float(num) <= 100 and v > 100:
            v = rng.uniform(80, 100)
        return f"{v:.{dec}f}"
    v = int(num)
    if v == 0:
        return num
    w = max(1, int(round(v * rng.uniform(0.6, 1.5))))
    if v <= 100 < w:
        w = rng.randint(max(1, v // 2), 100)
    return str(w)


class _Render:
    def __init__(self, rng, values, mask_rate):
        self.rng, self.values, self.mask_rate = rng, values, mask_rate
        self.n_numbers = self.n_masked = 0

    def __call__(self, t: Template) -> str:
        out = []
        rng = self.rng
        for p in t.parts:
            if isinstance(p, str):
                out.append(p)
            elif p[0] == "tok":
                out.append(self.values.get(p[1], ""))
            else:
                self.n_numbers += 1
                if self.mask_rate and rng.random() < self.mask_rate:
                    self.n_masked += 1
                    out.append(rng.choice(MASKS))
                else:
                    out.append(_perturb(p[1], rng))
        return "".join(out)


def _pick_place(rng: random.Random, gazetteer=None) -> dict:
    counties, cities = _places(str(gazetteer) if gazetteer else None)
    u = rng.random()
    if u < 0.1:  # anonymised
        kind = rng.choice(["市", "县", "区"])
        mask = rng.choice(["XX", "**", "××", "某"])
        name = mask + kind
        return {"province": "", "city": "", "county": "", "admin_level": "city" if kind == "市" else "county",
                "anonymised": True, "issuer_place": name, "CITY": name, "CITY_S": name, "CNTY": name,
                "CNTY_S": name, "PROV": "", "PROV_S": ""}
    if u < 0.35 or not counties:
        prov, city, _, _, _ = rng.choice(cities)
        return {"province": prov, "city": city, "county": "", "admin_level": "city", "anonymised": False,
                "issuer_place": city, "CITY": city, "CITY_S": city[:-1], "CNTY": city, "CNTY_S": city[:-1],
                "PROV": prov, "PROV_S": prov.rstrip("省")}
    prov, city, county, short, unique = rng.choice(counties)
    # full names only: a short form (市中, 安宁) is often ambiguous or a common word, and the
    # generated place must be what a careful reader would infer
    issuer_place = county if unique and rng.random() < 0.5 else city + county
    return {"province": prov, "city": city, "county": county, "admin_level": "county", "anonymised": False,
            "issuer_place": issuer_place, "CITY": city, "CITY_S": city[:-1], "CNTY": county, "CNTY_S": short or county,
            "PROV": prov, "PROV_S": prov.rstrip("省")}


def _title(issuer: str, year: int, period: str, rng: random.Random) -> list[str]:
    if period == "H1":
        head, tail = f"{issuer}{year}年上半年", rng.choice(["工作总结及下半年工作计划", "工作总结和下半年工作打算"])
        plan_year, plan_period = year, "H2"
    elif period == "annual":
        head = f"{issuer}{year}年" + rng.choice(["", "度"])
        tail = rng.choice([f"工作总结和{year + 1}年工作安排", f"工作总结及{year + 1}年工作计划"])
        plan_year, plan_period = year + 1, "annual"
    else:
        head, tail = f"{issuer}{year}年前三季度", "工作总结及第四季度工作计划"
        plan_year, plan_period = year, "Q4"
    lines = [head, tail] if rng.random() < 0.3 else [head + tail]
    return lines, plan_year, plan_period


def render_report(i: int, *, seed: int = 0, samples=None, gazetteer=None) -> tuple[str, dict]:
    """Text and manifest row of synthetic report ``i`` (depends only on seed, i and the samples)."""
    pools = build_pools(str(samples) if samples else None)
    rng = random.Random(f"{seed}:{i}")
    place = _pick_place(rng, gazetteer)
    year = rng.randint(2016, 2024)
    period = rng.choice(PERIODS)
    suffix = rng.choice(["生态环境局", "生态环境局", "环境保护局", "生态环境分局"])
    issuer = place["issuer_place"] + suffix
    masked_report = place["anonymised"] or rng.random() < 0.25
    mask_rate = rng.uniform(0.05, 0.5) if masked_report else 0.0
    values = {"Y": f"{year}", **{f"Y{d:+d}": str(year + d) for d in range(-6, 4) if d},
              **_PERIOD_WORDS[period], **{k: v for k, v in place.items() if k.isupper()}}
    render = _Render(rng, values, mask_rate)
    title, plan_year, plan_period = _title(issuer, year, period, rng)
    cur = _PERIOD_WORDS[period]["CUR"]

    out = list(title)
    sources = []
    if pools.intros and rng.random() < 0.85:
        t = rng.choice(pools.intros)
        sources.append(t.source)
        out.append(render(t))
    n_top = 0

    def heading(h):
        nonlocal n_top
        n_top += 1
        out.append(f"{_cn(n_top)}、{h}")

    heading(rng.choice([f"{year}年{cur}主要工作开展情况", f"{cur}工作完成情况", "主要工作及成效"]))
    target = rng.uniform(2000, 4500)
    chars, k = 0, 0
    while chars < target and k < 12:
        t = rng.choice(pools.items)
        k += 1
        sources.append(t.source)
        body = render(t)
        out.append(f"（{_cn(k)}）{body}")
        chars += len(body)
    if pools.problems and rng.random() < 0.85:
        heading(rng.choice(["存在的问题", "存在的问题和不足", "存在的不足和差距", "目前存在的问题"]))
        t = rng.choice(pools.problems)
        sources.append(t.source)
        out.append(render(t))
    has_plan = bool(pools.plans) and rng.random() < 0.9
    if has_plan:
        nxt = {"H1": "下半年", "annual": f"{year + 1}年", "Q1-Q3": "第四季度"}[period]
        heading(rng.choice([f"{nxt}工作计划", f"{nxt}工作打算", f"{nxt}工作安排"]))
        t = rng.choice(pools.plans)
        sources.append(t.source)
        out.append(render(t))
    text = "\n".join(out) + "\n"
    row = {
        "doc_id": f"synth_{i:05d}", "file": f"synth_{i:05d}.txt", "seed": seed, "index": i,
        "province": place["province"], "city": place["city"], "county": place["county"],
        "admin_level": place["admin_level"], "anonymised": place["anonymised"], "issuer": issuer,
        "year": year, "period": period, "plan_year": plan_year, "has_plan_section": has_plan,
        "plan_period": plan_period, "n_chars": len(text), "n_numbers": render.n_numbers,
        "n_masked": render.n_masked, "sources": ";".join(dict.fromkeys(sources)),
    }
    return text, row


def generate(out_dir, n: int, *, seed: int = 0, samples=None, gazetteer=None, start: int = 0,
             encoding: str = "utf-8") -> list[dict]:
    """Write reports ``start … start+n-1`` as ``synth_NNNNN.txt`` to ``out_dir``; returns the manifest rows.

    The manifest is also written to ``out_dir/.synth_manifest.csv`` (a hidden file, so the
    toolkit does not read it as a report).
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for i in range(start, start + n):
        text, row = render_report(i, seed=seed, samples=samples, gazetteer=gazetteer)
        (out / row["file"]).write_bytes(text.encode(encoding))
        rows.append(row)
    if rows:
        with open(out / MANIFEST, "w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", help="folder to write synth_NNNNN.txt files to")
    ap.add_argument("-n", type=int, default=100, help="number of reports (default 100)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--samples", default=None, help=f"folder of sample reports (default {DEFAULT_SAMPLES})")
    ap.add_argument("--gazetteer", default=None, help="gazetteer CSV (default: the package's)")
    args = ap.parse_args(argv)
    rows = generate(args.out, args.n, seed=args.seed, samples=args.samples, gazetteer=args.gazetteer)
    total = sum(r["n_chars"] for r in rows)
    print(f"wrote {len(rows)} reports ({total / 1e6:.1f} M characters) to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
