"""The CJK font: precedence, glyph coverage of everything a chart draws, no missing-glyph warnings."""
from __future__ import annotations

import string
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from fontTools.ttLib import TTFont  # noqa: E402

from ecoanalysis import fonts  # noqa: E402
from ecoanalysis.clean import clean_text  # noqa: E402
from ecoanalysis.fonts import ENV_VAR, cjk_font_path, use_cjk_font  # noqa: E402
from ecoanalysis.words import PARTS, tokenize  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "data" / "reports"


def _cmap(path: str) -> set[int]:
    kw = {"fontNumber": 0} if path.lower().endswith(".ttc") else {}
    with TTFont(path, lazy=True, **kw) as f:
        return set(f.getBestCmap())


@pytest.fixture(scope="module")
def sample_terms() -> set[str]:
    out = set()
    for p in sorted(REPORTS.glob("*.txt")):
        out.update(tokenize(clean_text(p.read_text(encoding="utf-8")).text))
    return out


@pytest.fixture(autouse=True)
def _no_env(monkeypatch):
    monkeypatch.delenv(ENV_VAR, raising=False)


def test_precedence_argument_then_env_then_system_then_mplfonts(monkeypatch, tmp_path):
    shipped = fonts._mplfonts_noto()
    assert shipped and shipped.endswith("mplfonts/fonts/NotoSansCJKsc-Regular.otf")
    other = tmp_path / "mine.otf"
    other.write_bytes(Path(shipped).read_bytes()[:10])  # existence is all precedence looks at
    monkeypatch.setenv(ENV_VAR, shipped)
    assert cjk_font_path(user=str(other)) == str(other.resolve())  # argument beats env
    assert cjk_font_path() == str(Path(shipped).resolve())  # env beats system
    monkeypatch.delenv(ENV_VAR)
    monkeypatch.setattr(fonts, "_system_cjk", lambda: "/sys/fonts/NotoSansCJK-Regular.ttc")
    assert cjk_font_path() == "/sys/fonts/NotoSansCJK-Regular.ttc"  # system beats mplfonts
    monkeypatch.setattr(fonts, "_system_cjk", lambda: None)
    assert cjk_font_path() == shipped
    monkeypatch.setattr(fonts, "_mplfonts_noto", lambda: None)
    with pytest.raises(FileNotFoundError, match=ENV_VAR):
        cjk_font_path()


def test_explicit_choices_never_fall_back_silently(monkeypatch):
    with pytest.raises(FileNotFoundError):
        cjk_font_path(user="/no/such/font.ttf")
    monkeypatch.setenv(ENV_VAR, "No Such Family")
    with pytest.raises(FileNotFoundError):
        cjk_font_path()


def test_never_simhei_and_openly_licensed_by_default():
    path = cjk_font_path()
    assert "simhei" not in Path(path).name.lower()
    with TTFont(path, lazy=True, **({"fontNumber": 0} if path.endswith(".ttc") else {})) as f:
        license_text = " ".join(str(r) for r in f["name"].names if r.nameID in (13, 14))
    assert "Open Font License" in license_text or "OFL" in license_text


def test_font_has_a_glyph_for_every_character_a_chart_draws(sample_terms):
    cmap = _cmap(cjk_font_path())
    labels = set(sample_terms)
    labels |= {p.stem for p in REPORTS.glob("*.txt")} | set(PARTS)
    # every character of the sample texts covers titles, KWIC sentences, place names, metadata
    for p in REPORTS.glob("*.txt"):
        labels.add(clean_text(p.read_text(encoding="utf-8")).text)
    labels |= {string.printable.strip(), "上半年 下半年 全年 一季度 前三季度 年 月 日 同比 −",
               "江苏 江西 甘肃 安徽 平凉市 镇江市 丹阳市 九江市 庐山市 成绩 问题 计划 导语 份额 词频"}
    missing = sorted({c for s in labels for c in s if not c.isspace() and ord(c) not in cmap})
    assert missing == [], f"font lacks glyphs for {missing[:20]}"


def test_use_cjk_font_is_idempotent_and_sets_rcparams():
    from matplotlib import font_manager as fm

    with matplotlib.rc_context():
        p1 = use_cjk_font()
        n1 = len(fm.fontManager.ttflist)
        p2 = use_cjk_font()
        assert p1 == p2 == cjk_font_path()
        assert len(fm.fontManager.ttflist) == n1  # registered once (matplotlib may list 2 names)
        name = fm.FontProperties(fname=p1).get_name()
        assert matplotlib.rcParams["font.sans-serif"][0] == name
        assert matplotlib.rcParams["font.sans-serif"].count(name) == 1
        assert matplotlib.rcParams["font.family"] == ["sans-serif"]
        assert matplotlib.rcParams["axes.unicode_minus"] is False


def _draw_chinese_chart():
    fig, ax = plt.subplots()
    ax.bar(["黑臭水体", "尾矿库", "PM2.5"], [3, -2, 5])
    ax.set_title("丹阳市2020年上半年 · 污染防治攻坚战")
    ax.set_ylabel("词频（次）")
    fig.canvas.draw()
    plt.close(fig)


def test_chinese_chart_draws_without_missing_glyph_warnings():
    with matplotlib.rc_context():
        use_cjk_font()
        with warnings.catch_warnings(record=True) as rec:
            warnings.simplefilter("always")
            _draw_chinese_chart()
    assert not [w for w in rec if "missing from" in str(w.message) or "Glyph" in str(w.message)]


def test_control_default_font_does_warn():
    # the warning check above is only meaningful if the same chart warns without the CJK font
    with matplotlib.rc_context({"font.family": ["DejaVu Sans"], "font.sans-serif": ["DejaVu Sans"]}):
        with pytest.warns(UserWarning, match="missing from font"):
            _draw_chinese_chart()
