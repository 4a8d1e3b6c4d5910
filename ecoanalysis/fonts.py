"""A CJK font for charts: one path that serves both matplotlib and wordcloud.

matplotlib's default DejaVu Sans has no Chinese glyphs (titles draw as boxes and warn "Glyph …
missing"), and wordcloud ignores matplotlib's fonts altogether (it needs ``font_path``). Both
therefore take the file that :func:`cjk_font_path` finds. Precedence: the ``user`` argument,
then the ``ECOANALYSIS_FONT`` environment variable, then an installed CJK font known to
matplotlib (Noto Sans CJK, Source Han Sans, WenQuanYi, SimHei, Microsoft YaHei, PingFang), then
the openly licensed (SIL OFL) Noto Sans CJK SC that the ``mplfonts`` package ships — found by
path only: mplfonts' own tools rewrite matplotlib's files and are never run, and its SimHei
(not openly licensed) is never used. Nothing is downloaded.

Example:
    >>> path = cjk_font_path()
    >>> path.endswith((".otf", ".ttf", ".ttc"))
    True
"""
from __future__ import annotations

import importlib.util
import os
from functools import lru_cache
from pathlib import Path

__all__ = ["cjk_font_path", "use_cjk_font", "ENV_VAR", "CJK_FAMILIES"]

ENV_VAR = "ECOANALYSIS_FONT"
# preference order; matched against matplotlib's family names (case-insensitive prefix)
CJK_FAMILIES = (
    "Noto Sans CJK SC", "Noto Sans SC", "Noto Sans CJK", "Source Han Sans SC", "Source Han Sans CN",
    "Source Han Sans", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "SimHei", "Microsoft YaHei",
    "PingFang SC", "PingFang",
)
_MPLFONTS_FILE = ("fonts", "NotoSansCJKsc-Regular.otf")


def _resolve_user(value: str, source: str) -> str:
    """A font file path, or a family name matplotlib knows; an explicit choice never falls back."""
    p = Path(value).expanduser()
    if p.is_file():
        return str(p.resolve())
    from matplotlib import font_manager as fm

    for f in fm.fontManager.ttflist:
        if f.name.lower() == value.lower():
            return f.fname
    raise FileNotFoundError(f"{source} font {value!r} is neither a font file nor a family "
                            "name matplotlib knows")


@lru_cache(maxsize=1)
def _system_cjk() -> str | None:
    """The best installed CJK font in matplotlib's font list (regular weight, upright first)."""
    from matplotlib import font_manager as fm

    import matplotlib

    # fonts that mplfonts' tools copied into matplotlib's own data (its SimHei is not openly
    # licensed) or that live in mplfonts' folder are not "installed fonts": skip them here
    skip = (str(Path(matplotlib.get_data_path()).resolve()), "mplfonts")
    best = None
    for f in fm.fontManager.ttflist:
        name = f.name.lower()
        rank = next((i for i, fam in enumerate(CJK_FAMILIES) if name.startswith(fam.lower())), None)
        if rank is None or any(s in str(Path(f.fname).resolve()) for s in skip):
            continue
        weight = f.weight if isinstance(f.weight, int) else 400
        key = (rank, f.style != "normal", abs(weight - 400), f.fname)
        if best is None or key < best[0]:
            best = (key, f.fname)
    return best[1] if best else None


def _mplfonts_noto() -> str | None:
    """Noto Sans CJK SC inside the installed mplfonts package, located without importing it."""
    spec = importlib.util.find_spec("mplfonts")
    if spec is None or not spec.submodule_search_locations:
        return None
    for base in spec.submodule_search_locations:
        path = Path(base).joinpath(*_MPLFONTS_FILE)
        if path.is_file():
            return str(path)
    return None


def cjk_font_path(*, user: str | None = None) -> str:
    """Path of the CJK font to draw with (see module docstring for the precedence).

    ``user`` and ``$ECOANALYSIS_FONT`` accept a font file or a family name matplotlib knows.
    Raises FileNotFoundError when no CJK font can be found.
    """
    if user:
        return _resolve_user(str(user), "requested")
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return _resolve_user(env, f"${ENV_VAR}")
    path = _system_cjk() or _mplfonts_noto()
    if path is None:
        raise FileNotFoundError(
            "no CJK font found: install fonts-noto-cjk (or any Noto/Source Han Sans font), "
            f"install the mplfonts package, or set ${ENV_VAR} to a .ttf/.otf file")
    return path


def use_cjk_font(*, user: str | None = None) -> str:
    """Make matplotlib draw Chinese: register the CJK font, put it first in ``font.sans-serif``,
    set ``font.family`` to sans-serif and ``axes.unicode_minus=False`` (CJK fonts may lack
    U+2212). Idempotent. Returns the font path (pass it to wordcloud as ``font_path``).

    >>> import matplotlib
    >>> p = use_cjk_font()
    >>> matplotlib.rcParams["axes.unicode_minus"]
    False
    """
    import matplotlib
    from matplotlib import font_manager as fm

    path = cjk_font_path(user=user)
    if not any(f.fname == path for f in fm.fontManager.ttflist):
        fm.fontManager.addfont(path)
    name = fm.FontProperties(fname=path).get_name()
    rc = matplotlib.rcParams
    rc["font.family"] = ["sans-serif"]
    rc["font.sans-serif"] = [name] + [f for f in rc["font.sans-serif"] if f != name]
    rc["axes.unicode_minus"] = False
    return path
