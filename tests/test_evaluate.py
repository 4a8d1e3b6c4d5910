"""Scoring rules of ecoanalysis.evaluate."""
import pandas as pd
import pytest

from ecoanalysis.evaluate import evaluate, format_report


def g(*rows):
    cols = ["doc_id", "indicator", "kind", "value", "unit", "masked", "qualifier", "optional", "evidence"]
    return pd.DataFrame([dict(zip(cols, r)) for r in rows], columns=cols)


def p(*rows):
    cols = ["doc_id", "indicator", "kind", "value", "unit", "masked", "sentence"]
    return pd.DataFrame([dict(zip(cols, r)) for r in rows], columns=cols)


def test_value_tolerance_and_masks():
    gold = g(("d", "pm25", "actual", "27", "ug/m3", "False", "", "False", "PM2.5为27"),
             ("d", "pm10", "actual", "", "ug/m3", "True", "", "False", "PM10为**"))
    pred = p(("d", "pm25", "actual", 27.05, "ug/m3", False, "s"),
             ("d", "pm10", "actual", float("nan"), "ug/m3", True, "s"))
    r = evaluate(gold, pred)
    assert (r.tp, r.fp, r.fn) == (1, 1, 1)  # 27.05 is outside 0.001·27
    pred.loc[0, "value"] = 27.0001
    r = evaluate(gold, pred)
    assert (r.tp, r.fp, r.fn, r.f1) == (2, 0, 0, 1.0)


def test_masked_never_matches_a_value():
    gold = g(("d", "pm25", "actual", "27", "ug/m3", "False", "", "False", "e"))
    pred = p(("d", "pm25", "actual", float("nan"), "ug/m3", True, "s"))
    r = evaluate(gold, pred)
    assert (r.tp, r.fp, r.fn) == (0, 1, 1)


def test_optional_rows_neither_reward_nor_penalise():
    gold = g(("d", "inspection_issues", "actual", "5", "count", "False", "", "True", "e"),
             ("d", "inspection_issues", "actual", "9", "count", "False", "", "True", "e2"))
    r = evaluate(gold, p(("d", "inspection_issues", "actual", 5.0, "count", False, "s")))
    assert (r.tp, r.fp, r.fn) == (0, 0, 0)


def test_change_unit_must_agree_and_kind_matters():
    gold = g(("d", "good_air_ratio", "change", "1.9", "%", "False", "", "False", "e"))
    r = evaluate(gold, p(("d", "good_air_ratio", "change", 1.9, "pp", False, "s"),
                         ("d", "good_air_ratio", "actual", 1.9, "%", False, "s")))
    assert (r.tp, r.fp, r.fn) == (0, 2, 1)


def test_each_gold_row_matches_once_and_unknown_indicators_ignored():
    gold = g(("d", "pm25", "actual", "30", "ug/m3", "False", "", "False", "e"))
    pred = p(("d", "pm25", "actual", 30.0, "ug/m3", False, "s"),
             ("d", "pm25", "actual", 30.0, "ug/m3", False, "s"),
             ("d", "o3", "actual", 100.0, "ug/m3", False, "s"))
    r = evaluate(gold, pred)
    assert (r.tp, r.fp, r.fn) == (1, 1, 0)
    assert r.precision == pytest.approx(0.5)
    per = r.per_indicator.set_index("indicator")
    assert per.loc["pm25", "fp"] == 1
    text = format_report(r)
    assert "false alarms (1)" in text and "F1" in text


def test_greedy_by_closeness():
    gold = g(("d", "pm25", "actual", "1000", "ug/m3", "False", "", "False", "e"),
             ("d", "pm25", "actual", "1000.9", "ug/m3", "False", "", "False", "e2"))
    pred = p(("d", "pm25", "actual", 1000.9, "ug/m3", False, "s"),
             ("d", "pm25", "actual", 1000.0, "ug/m3", False, "s"))
    assert evaluate(gold, pred).tp == 2


# ---------------------------------------------------------------- metadata scoring
from pathlib import Path  # noqa: E402

from ecoanalysis.evaluate import PERIOD_TO_GOLD, evaluate_metadata, format_metadata_report  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEVCORPUS = ROOT.parent / "shared" / "devcorpus"


def _gold_meta():
    return pd.DataFrame([
        {"doc_id": "a", "province": "浙江", "city": "", "county": "岱山县", "year": "2021", "period": "annual"},
        {"doc_id": "b", "province": "新疆", "city": "昌吉州", "county": "", "year": "", "period": "YTD"},
        {"doc_id": "c", "province": "", "city": "", "county": "", "year": "2016", "period": "other"},
        {"doc_id": "d", "province": "江西", "city": "", "county": "", "year": "2022", "period": "Q3"},
    ])


def _reports():
    return pd.DataFrame([
        {"doc_id": "a", "province": "浙江省", "province_source": "body", "city": "舟山市", "county": "岱山县",
         "county_source": "body", "year": 2021, "year_source": "body", "period": "annual", "doc_type": "summary"},
        {"doc_id": "b", "province": "新疆维吾尔自治区", "city": "昌吉回族自治州", "county": "", "year": None,
         "period": "annual", "period_source": "title", "doc_type": "summary"},
        {"doc_id": "c", "province": "", "city": "", "county": "", "year": 2015, "year_source": "title",
         "period": "annual", "doc_type": "plan"},
        {"doc_id": "d", "province": "江西省", "city": "", "county": "", "year": 2022, "period": "Q1-Q3",
         "doc_type": "summary"},
    ])


def test_metadata_scores_only_fields_the_gold_states_and_normalises_names():
    r = evaluate_metadata(_gold_meta(), _reports())
    per = r.per_field.set_index("field")
    # province: 浙江/浙江省, 新疆/新疆维吾尔自治区, 江西/江西省 all agree (c is blank: not scored)
    assert (per.loc["province", "n"], per.loc["province", "correct"]) == (3, 3)
    assert (per.loc["city", "n"], per.loc["city", "correct"]) == (1, 1)  # 昌吉州 = 昌吉回族自治州
    assert (per.loc["county", "n"], per.loc["county", "correct"]) == (1, 1)
    assert (per.loc["year", "n"], per.loc["year", "correct"]) == (3, 2)  # c: 2016 vs 2015
    # period: annual ok; YTD vs annual wrong; a pure plan is 'other' ok; Q1-Q3 is the index's Q3 ok
    assert (per.loc["period", "n"], per.loc["period", "correct"]) == (4, 3)
    assert (r.n, r.correct) == (12, 10)
    assert r.accuracy == pytest.approx(10 / 12)
    bad = r.disagreements.set_index(["doc_id", "field"])
    assert sorted(bad.index) == [("b", "period"), ("c", "year")]
    assert bad.loc[("c", "year"), "gold"] == "2016" and bad.loc[("c", "year"), "predicted"] == "2015"
    assert bad.loc[("c", "year"), "source"] == "title"
    assert bad.loc[("b", "period"), "source"] == "title" and "YTD" in bad.loc[("b", "period"), "gold"]


def test_metadata_gold_in_traditional_script_names_the_same_places():
    gold = pd.DataFrame([{"doc_id": "a", "province": "廣東省", "city": "嘉興市", "county": "長興縣"},
                         {"doc_id": "b", "province": "廣東", "city": "", "county": ""}])
    rep = pd.DataFrame([{"doc_id": "a", "province": "广东省", "city": "嘉兴市", "county": "长兴县"},
                        {"doc_id": "b", "province": "广西壮族自治区", "city": "", "county": ""}])
    r = evaluate_metadata(gold, rep, fields=("province", "city", "county"))
    assert (r.n, r.correct) == (4, 3)  # b's 廣東 is still not 广西
    assert r.disagreements[["doc_id", "field"]].values.tolist() == [["b", "province"]]


def test_metadata_halves_missing_reports_and_the_printed_report():
    r = evaluate_metadata(_gold_meta(), _reports()[lambda d: d.doc_id != "a"], docs=["a", "c"])
    # a is missing from the reports: every field its gold states is a disagreement
    assert (r.n, r.correct) == (6, 1)  # a: province, county, year, period; c: year, period
    assert set(r.disagreements.query("doc_id == 'a'")["source"]) == {"(no report)"}
    text = format_metadata_report(r, title="half")
    assert text.startswith("half: accuracy 0.167 (1/6")
    assert "a county 岱山县 | (none)" in text and "disagreements (5)" in text


def test_period_map_covers_every_package_period():
    from ecoanalysis.metadata import periods

    assert set(periods()) | {""} == set(PERIOD_TO_GOLD)
    assert set(PERIOD_TO_GOLD.values()) <= {"annual", "H1", "Q1", "Q3", "YTD", "other"}


def test_cli_scores_metadata_from_a_reports_table(tmp_path, capsys):
    from ecoanalysis.cli import main

    _gold_meta().to_csv(tmp_path / "index.csv", index=False)
    _reports().to_csv(tmp_path / "reports.csv", index=False)
    code = main(["evaluate", "--gold-metadata", str(tmp_path / "index.csv"), "--pred-reports", str(tmp_path / "reports.csv")])
    out = capsys.readouterr().out
    assert code == 0
    assert "metadata: accuracy 0.833 (10/12" in out and "c year 2016 | 2015 [title]" in out
    assert main(["evaluate", "--gold-metadata", str(tmp_path / "index.csv"), "--pred", "x.csv"]) == 2


def test_devcorpus_metadata_floors(devcorpus):
    """Real report texts: metadata accuracy on the fields each text determines, per half."""
    gold = pd.read_csv(DEVCORPUS / "index.csv", dtype=str, keep_default_na=False)
    reports = devcorpus.reports
    ids = list(gold["doc_id"])
    tuning = [d for d in ids if int(d[1:]) % 2 == 1]
    check = [d for d in ids if int(d[1:]) % 2 == 0]
    scores = {name: evaluate_metadata(gold, reports, docs=docs)
              for name, docs in (("tuning", tuning), ("check", check), ("all", ids))}
    summary = {k: round(v.accuracy, 3) for k, v in scores.items()}
    # floors a little under what the rules reach (tuning 0.989, check 0.915, whole 0.953); the
    # whole corpus's is issue 10's goal (0.95)
    assert scores["tuning"].accuracy >= 0.98, summary
    assert scores["check"].accuracy >= 0.91, summary
    assert scores["all"].accuracy >= 0.95, summary
    assert scores["all"].n >= 160  # the index states some 169 fields: scoring did not silently shrink
