"""compare: region labels, matrices that keep masked apart from missing, periods never mixed,
direction-aware year-over-year changes, shares, completeness, rectification, problem themes."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ecoanalysis import compare as cmp
from ecoanalysis.schema import frame


def _reports():
    rows = [
        dict(doc_id="dy20", province="江苏省", city="镇江市", county="丹阳市", year=2020, period="H1"),
        dict(doc_id="dy21", province="江苏省", city="镇江市", county="丹阳市", year=2021, period="H1"),
        dict(doc_id="dy21a", province="江苏省", city="镇江市", county="丹阳市", year=2021, period="annual"),
        dict(doc_id="pl22", province="甘肃省", city="平凉市", county="", year=2022, period="annual"),
        dict(doc_id="jx22", province="江西省", city="", county="", year=2022, period="H1"),
        dict(doc_id="anon", province="", city="", county="", year=2023, period="year-to-date",
             period_cutoff="11-11"),
    ]
    return frame("reports", rows)


def _ind(doc_id, indicator, value, *, kind="actual", masked=False, qualifier="", start=0, unit="ug/m3"):
    return dict(doc_id=doc_id, indicator=indicator, kind=kind, value=np.nan if masked else value,
                unit=unit, masked=masked, qualifier=qualifier, start=start, end=start + 2,
                sentence=f"{indicator}为{value}")


def _indicators():
    return frame("indicators", [
        _ind("dy20", "pm25", 40.0, start=5),
        _ind("dy21", "pm25", 30.0, start=5),
        _ind("dy21", "pm25", 99.0, qualifier="某站点", start=1),   # qualified: not the headline
        _ind("dy21a", "pm25", 35.0),
        _ind("pl22", "pm25", None, masked=True),
        _ind("jx22", "good_air_ratio", 90.0, unit="%"),
        _ind("anon", "pm25", -13.6, kind="change", unit="%"),
        _ind("anon", "good_air_ratio", -2.0, kind="change", unit="%"),
        _ind("anon", "pm10", None, kind="change", masked=True, unit="%"),
    ])


def test_region_label_falls_back_to_anonymised_doc_id():
    assert cmp.region_label(_reports()).tolist() == ["丹阳市", "丹阳市", "丹阳市", "平凉市", "江西省",
                                                     "(anonymised) anon"]


def test_report_labels_are_unique_and_show_period():
    lab = cmp.report_labels(_reports())
    assert lab["label"].is_unique
    assert set(lab.loc[lab.doc_id == "anon", "label"]) == {"(anonymised) 2023 截至11-11"}
    assert lab.set_index("doc_id").at["dy21a", "period_label"] == "全年"


def test_headline_prefers_unqualified_mention_and_never_values_masked():
    h = cmp.headline_values(_indicators(), _reports(), kind="actual").set_index(["doc_id", "indicator"])
    assert h.at[("dy21", "pm25"), "value"] == 30.0
    assert h.at[("dy21", "pm25"), "n_mentions"] == 2
    assert h.at[("pl22", "pm25"), "status"] == "masked"
    assert np.isnan(h.at[("pl22", "pm25"), "value"])  # masked is never zero
    assert h.at[("dy21a", "pm25"), "period"] == "annual"


def test_matrix_keeps_masked_distinct_from_missing_and_h1_apart_from_annual():
    m = cmp.indicator_matrix(_indicators(), _reports(), "pm25")
    assert m.status.at["平凉市", "2022 全年"] == "masked"
    assert m.status.at["江西省", "2022 H1上半年"] == "missing"
    assert np.isnan(m.values.at["平凉市", "2022 全年"]) and np.isnan(m.values.at["江西省", "2022 H1上半年"])
    # 2021 H1 and 2021 annual of the same region are two columns, never averaged or overwritten
    assert m.values.at["丹阳市", "2021 H1上半年"] == 30.0
    assert m.values.at["丹阳市", "2021 全年"] == 35.0
    assert list(m.values.columns)[:3] == ["2020 H1上半年", "2021 H1上半年", "2021 全年"]
    assert set(np.unique(m.status.to_numpy())) <= set(cmp.STATUSES)
    assert m.unit == "ug/m3"


def test_matrix_period_filter_labels_columns_by_year():
    m = cmp.indicator_matrix(_indicators(), _reports(), "pm25", period="H1")
    assert list(m.values.columns) == ["2020", "2021", "2022"]
    assert m.values.at["丹阳市", "2021"] == 30.0


def test_yoy_changes_follow_indicator_direction():
    ch = cmp.yoy_changes(_indicators(), _reports())
    stated = ch[ch.source == "stated"].set_index("indicator")
    assert stated.at["pm25", "improved"] is True or stated.at["pm25", "improved"] == True  # noqa: E712
    assert stated.at["good_air_ratio", "improved"] == False  # noqa: E712  higher is better, fell
    assert pd.isna(stated.at["pm10", "improved"]) and stated.at["pm10", "masked"]
    computed = ch[ch.source == "computed"]
    assert len(computed) == 1  # 2020 H1 → 2021 H1 only; H1 vs annual is never compared
    r = computed.iloc[0]
    assert (r.value_from, r.value_to, r.period) == (40.0, 30.0, "H1")
    assert r.change == pytest.approx(-25.0) and r.improved == True  # noqa: E712


def test_topic_shares_sum_to_one_and_blank_topic_is_other():
    s = frame("sections", [dict(doc_id="a", topic="air", own_chars=30), dict(doc_id="a", topic="", own_chars=10),
                           dict(doc_id="b", topic="water", own_chars=5)])
    out = cmp.topic_shares(s)
    assert out.groupby("doc_id")["share"].sum().tolist() == pytest.approx([1.0, 1.0])
    assert set(out[out.doc_id == "a"].topic) == {"air", "other"}


def test_completeness_counts_reported_masked_stripped():
    figs = frame("figures", [dict(doc_id="dy20", masked=False, stripped=False),
                             dict(doc_id="dy20", masked=True, stripped=False),
                             dict(doc_id="dy20", masked=True, stripped=True),
                             dict(doc_id="dy20", masked=False, stripped=False, number_kind="date")])
    c = cmp.completeness(figs, _reports()).set_index("doc_id")  # the date is not a measured number
    assert c.loc["dy20", ["reported", "masked", "stripped", "n_figures"]].tolist() == [1, 1, 1, 3]
    assert c.at["dy20", "masked_share"] == pytest.approx(2 / 3)
    assert c.at["pl22", "n_figures"] == 0 and np.isnan(c.at["pl22", "masked_share"])


def test_rectification_keeps_masked_status():
    both = "交办问题20个，已整改销号15个。"
    ind = frame("indicators", [{**_ind("dy20", "inspection_issues", 20.0, unit="count"), "sentence": both},
                               {**_ind("dy20", "inspection_issues_closed", 15.0, unit="count", start=8),
                                "sentence": both},
                               _ind("pl22", "inspection_issues", None, masked=True, unit="count")])
    r = cmp.rectification(ind, _reports()).set_index("doc_id")
    assert r.at["dy20", "closed_share"] == pytest.approx(0.75)
    assert r.at["dy20", "pairing"] == "same_sentence"
    assert r.at["pl22", "handed_status"] == "masked" and r.at["pl22", "closed_status"] == "missing"
    assert np.isnan(r.at["pl22", "closed_share"])


def test_problem_themes_and_cluster_membership():
    probs = frame("problems", [dict(doc_id="dy20", problem_id="dy20:p1", themes="air;water", cluster_id="c1"),
                               dict(doc_id="pl22", problem_id="pl22:p1", themes="air", cluster_id="c1"),
                               dict(doc_id="pl22", problem_id="pl22:p2", themes="", cluster_id="c2")])
    wide = cmp.problem_themes(probs, _reports(), wide=True)
    assert wide.loc["丹阳市 2020 H1上半年"].to_dict() == {"(none)": 0, "air": 1, "water": 1}
    clusters = frame("problem_clusters", [dict(cluster_id="c1", label="大气、管控", n_reports=2),
                                          dict(cluster_id="c2", label="资金", n_reports=1)])
    mem = cmp.cluster_membership(probs, clusters, _reports())
    assert set(mem.cluster_id) == {"c1"} and sorted(mem.doc_id) == ["dy20", "pl22"]
    assert set(mem.cluster_label) == {"大气、管控"}


def test_functions_do_not_modify_inputs():
    ind, rep = _indicators(), _reports()
    before = (ind.copy(), rep.copy())
    cmp.indicator_matrix(ind, rep, "pm25")
    cmp.yoy_changes(ind, rep)
    pd.testing.assert_frame_equal(ind, before[0])
    pd.testing.assert_frame_equal(rep, before[1])


def test_rectification_pairs_numbers_from_the_same_sentence():
    from ecoanalysis.compare import rectification

    s1 = "制定上级交办问题清单44个。"
    s2 = "共完成了46个问题整改验收销号。"
    s3 = "共交办问题47个，已完成整改销号31个。"
    rows = [("inspection_issues", 44.0, s1, 10), ("inspection_issues_closed", 46.0, s2, 40),
            ("inspection_issues", 47.0, s3, 80), ("inspection_issues_closed", 31.0, s3, 90)]
    ind = pd.DataFrame([{"doc_id": "d", "indicator": i, "kind": "actual", "value": v, "unit": "count",
                         "masked": False, "qualifier": "", "level": "", "period": "", "figure_id": f"d:f{n}",
                         "section_id": "d:s1", "start": st, "end": st + 2, "sentence": sen}
                        for n, (i, v, sen, st) in enumerate(rows)])
    rep = pd.DataFrame([{"doc_id": "d", "province": "", "city": "", "county": "", "year": 2023,
                         "period": "annual", "period_cutoff": ""}])
    out = rectification(ind, rep).iloc[0]
    # 44 handed down and 46 closed belong to different batches: a 105 % rate would be wrong
    assert (out.handed, out.closed, out.sentence) == (47.0, 31.0, s3)


def _rect_rows(rows):
    return pd.DataFrame([{"doc_id": "d", "indicator": i, "kind": "actual", "value": v, "unit": "count",
                          "masked": False, "qualifier": "", "start": st, "end": st + 2, "sentence": sen}
                         for i, v, sen, st in rows])


_REP = pd.DataFrame([{"doc_id": "d", "province": "", "city": "九江市", "county": "庐山市", "year": 2022,
                      "period": "H1", "period_cutoff": ""}])


def test_rectification_gives_no_rate_when_a_sub_batch_was_closed_in_full():
    s = "反馈问题共108个，需限期整改的88个已全部整改销号，长期坚持的20问题均达到时序进度；"
    out = cmp.rectification(_rect_rows([("inspection_issues", 108.0, s, 10),
                                        ("inspection_issues_closed", 88.0, s, 20)]), _REP).iloc[0]
    # all 88 that were due are closed: "81 %" would misread the sentence
    assert out.pairing == "none" and np.isnan(out.closed_share)


def test_rectification_gives_no_rate_for_numbers_of_different_sentences():
    out = cmp.rectification(_rect_rows([("inspection_issues", 44.0, "制定上级交办问题清单44个。", 10),
                                        ("inspection_issues_closed", 46.0, "共完成了46个问题整改验收销号。", 40)]),
                            _REP).iloc[0]
    assert out.pairing == "none" and np.isnan(out.closed_share)
    assert (out.handed, out.closed) == (44.0, 46.0)  # still listed, never divided


def test_one_headline_rule_for_the_csv_and_the_charts():
    from ecoanalysis.corpus import Corpus

    ind = frame("indicators", [
        _ind("pl22", "pm25", None, masked=True, start=5),                   # the city's value, redacted
        _ind("pl22", "pm25", 31.0, qualifier="某监测站", start=40),          # one station's value
        _ind("pl22", "total_phosphorus", 0.05, qualifier="甲断面", unit="mg/L", start=60),
        _ind("pl22", "total_phosphorus", 0.07, qualifier="乙断面", unit="mg/L", start=80)])
    csv = Corpus.headline.fget(type("C", (), {"indicators": ind, "reports": _reports()})())
    charts = cmp.headline_values(ind, _reports())
    pm_csv, pm_chart = csv[csv.indicator == "pm25"].iloc[0], charts[charts.indicator == "pm25"].iloc[0]
    assert bool(pm_csv.masked) and pm_chart.status == "masked"   # redacted, not the station's 31
    # a per-section indicator keeps one value per section in both
    assert sorted(csv.loc[csv.indicator == "total_phosphorus", "value"]) == [0.05, 0.07]
    assert sorted(charts.loc[charts.indicator == "total_phosphorus", "value"]) == [0.05, 0.07]


def test_proposed_values_are_not_targets_or_results():
    assert cmp.is_proposed("对该企业拟作出罚款1.5万元的处罚。", 1.5)
    assert not cmp.is_proposed("共处罚款1.5万元，拟在下半年开展专项行动。", 1.5)
    ind = frame("indicators", [{**_ind("pl22", "penalty_amount", 1.5, kind="target", unit="万元"),
                                "sentence": "拟对其处罚1.5万元。"},
                               {**_ind("pl22", "pm25", 30.0, kind="target"), "sentence": "PM2.5控制在30以内。"}])
    assert cmp.drop_proposed(ind)["indicator"].tolist() == ["pm25"]
