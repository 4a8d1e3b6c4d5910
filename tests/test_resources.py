"""The overlay folder: users add a theme, a period word and an indicator cue without touching the
package, and the cache key notices. Texts below are invented for this file."""
import pandas as pd
import pytest

from ecoanalysis import resources


@pytest.fixture
def overlay(tmp_path):
    folder = tmp_path / "overlay"
    folder.mkdir()
    yield folder
    resources.use_overlay(None)


def test_overlay_adds_rows_and_replaces_catalog_rows(overlay):
    base = resources.read_csv("indicators.csv")
    pm25 = base[base.id == "pm25"].iloc[0].to_dict()
    pm25["cues"] += ";微粒子"  # a made-up cue word, so only the overlay can supply it
    pd.DataFrame([pm25]).to_csv(overlay / "indicators.csv", index=False)
    resources.use_overlay(overlay)
    merged = resources.read_csv("indicators.csv")
    assert len(merged) == len(base) and list(merged.id) == list(base.id)  # replaced in place
    assert "微粒子" in merged.set_index("id").loc["pm25", "cues"]


def test_an_indicator_cue_a_period_word_and_a_theme_only_through_the_overlay(overlay, tmp_path):
    from ecoanalysis.corpus import read_corpus

    text = ("某县生态环境局2023年一至三季度工作总结\n一、主要成效\n县城微粒子平均浓度为31微克/立方米。\n"
            "二、存在的问题\n1.噪音扰民投诉居高不下，夜间施工噪音管控难。\n")
    reports = tmp_path / "r"
    reports.mkdir()
    (reports / "a.txt").write_text(text, encoding="utf-8")

    before = read_corpus(reports, jobs=1, cache=False)
    assert before.indicators.empty  # 微粒子 is no cue of the shipped catalog
    assert "noise" not in set(before.problems.themes.str.split(";").explode())
    assert before.reports.period.iloc[0] != "Q1-Q3"  # 一至三季度 is no shipped period word

    cat = resources.read_csv("indicators.csv")
    row = cat[cat.id == "pm25"].iloc[0].to_dict()
    row["cues"] += ";微粒子"
    pd.DataFrame([row]).to_csv(overlay / "indicators.csv", index=False)
    (overlay / "themes.csv").write_text("theme,label_zh,label_en\nnoise,噪声,noise\n", encoding="utf-8")
    (overlay / "problem_themes.csv").write_text("theme,cue,weight,match\nnoise,噪音,1,\n", encoding="utf-8")
    (overlay / "metadata_cues.tsv").write_text("kind\tpattern\tvalue\tcomment\nperiod\t一至三季度\tQ1-Q3\t\n",
                                               encoding="utf-8")
    resources.use_overlay(overlay)
    after = read_corpus(reports, jobs=1, cache=False)
    assert after.indicators[["indicator", "value"]].values.tolist() == [["pm25", 31.0]]
    assert "noise" in set(after.problems.themes.str.split(";").explode())
    assert after.reports.period.iloc[0] == "Q1-Q3"
    from ecoanalysis.problems import themes
    assert themes()[-2:] == ("noise", "other")


def test_overlay_changes_the_cache_key(overlay):
    d0 = resources.resources_digest()
    (overlay / "stopwords.txt").write_text("微粒子\n", encoding="utf-8")
    resources.use_overlay(overlay)
    assert resources.resources_digest() != d0
    assert "微粒子" in resources.read_lines("stopwords.txt")
    resources.use_overlay(None)
    assert resources.resources_digest() == d0


def test_replace_marker_and_missing_folder(overlay):
    (overlay / "stopwords.txt").write_text("# replace\n只有这个\n", encoding="utf-8")
    resources.use_overlay(overlay)
    assert resources.read_lines("stopwords.txt") == ["只有这个"]
    with pytest.raises(FileNotFoundError):
        resources.use_overlay(overlay / "nope")


def test_cli_resources_option(overlay, tmp_path):
    from ecoanalysis.cli import main

    reports = tmp_path / "r"
    reports.mkdir()
    (reports / "a.txt").write_text("某县2023年工作总结\n全县微粒子平均浓度为31微克/立方米。\n", encoding="utf-8")
    cat = resources.read_csv("indicators.csv")
    row = cat[cat.id == "pm25"].iloc[0].to_dict()
    row["cues"] += ";微粒子"
    pd.DataFrame([row]).to_csv(overlay / "indicators.csv", index=False)
    out = tmp_path / "out"
    assert main(["extract", str(reports), "--out", str(out), "--resources", str(overlay), "--no-cache", "-q", "-j", "1"]) == 0
    ind = pd.read_csv(out / "indicators.csv", encoding="utf-8-sig")
    assert ind[["indicator", "value"]].values.tolist() == [["pm25", 31.0]]
    with pytest.raises(SystemExit) as exc:  # a missing overlay folder is a usage error
        main(["extract", str(reports), "--out", str(out), "--resources", str(tmp_path / "nope"), "-q"])
    assert exc.value.code == 2


def test_a_heading_style_and_a_topic_only_through_the_overlay(overlay):
    """Roman-numeral headings (Ⅰ、Ⅱ、) are no shipped style, 噪声 no shipped topic cue: an overlay
    adds both, and the charts' topic labels and colours come from the same overlay."""
    from ecoanalysis.plots import _style as st
    from ecoanalysis.segment import segment

    text = "某区2023年工作总结\nⅠ、噪声治理\n夜间施工噪声投诉下降。\nⅡ、水环境\n河道水质稳定。\n"
    before = segment(text, doc_id="d")
    assert not (before.level > 0).any()  # no heading found without the overlay
    (overlay / "numbering.tsv").write_text(
        "name\trole\tfamily\trank\tpattern\tflags\tnote\n"
        "line_roman\tline\troman\t1\t([ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ])\\s*、\\s*\t\tⅠ、 Ⅱ、 at a line start\n", encoding="utf-8")
    (overlay / "topics.csv").write_text("topic,cue,weight\nnoise,噪声,1\n", encoding="utf-8")
    (overlay / "topic_labels.csv").write_text("topic,label,color\nnoise,噪声 noise,#00ff00\n", encoding="utf-8")
    resources.use_overlay(overlay)
    after = segment(text, doc_id="d")
    heads = after[after.level == 1]
    assert heads.heading.tolist() == ["噪声治理", "水环境"]
    assert heads.topic.tolist() == ["noise", "water"]
    assert st.topic_labels()["noise"] == "噪声 noise" and st.topic_colors()["noise"] == "#00ff00"
    assert list(st.topic_colors())[-1] == "noise"  # added after the shipped topics


def test_a_classifier_only_through_the_overlay(overlay):
    from ecoanalysis.extract.numbers import classifiers

    assert "栋" not in classifiers()
    (overlay / "classifiers.txt").write_text("栋\n", encoding="utf-8")
    resources.use_overlay(overlay)
    assert classifiers().endswith("栋") and "家" in classifiers()


def test_shipped_vocabulary_is_consistent():
    """Every topic with cues has a label and colour; every heading style one rank; every numbering
    pattern compiles (the loaders raise otherwise)."""
    from ecoanalysis.segment import topic_info

    cue_topics = set(resources.read_csv("topics.csv")["topic"])
    assert cue_topics | {"other"} <= set(topic_info())
    styles = resources.heading_styles()
    assert [f for f, _, _ in styles][:2] == ["chapter", "cn"]
    assert {"midline", "inline_shi", "item_marker", "plan_marker", "outline_start"} <= set(resources.numbering())
