"""The real-text yardstick: indicator extraction scored on ../shared/devcorpus (60 real report
excerpts with gold annotations), per half. Odd documents are the tuning half, even ones the check
half (rules are written from the tuning half's misses only). The floors are what the extractor
reaches today, rounded down: a change that loses ground on real text fails here."""
import os

import pandas as pd
import pytest

from ecoanalysis.evaluate import evaluate

DEVCORPUS = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "devcorpus")

FLOORS = {  # half: (precision, recall)
    "tuning": (0.99, 0.94),  # reached: 1.000 / 0.943
    "check": (0.89, 0.84),  # reached: 0.901 / 0.852 (issue 10 asks 0.95 / 0.90)
    "all": (0.94, 0.89),  # reached: 0.950 / 0.897 (issue 10 asks 0.97 / 0.93)
}


def _half(df, name):
    n = df["doc_id"].str.lstrip("d").astype(int)
    return df if name == "all" else df[(n % 2 == 1) == (name == "tuning")]


@pytest.mark.parametrize("half", list(FLOORS))
def test_devcorpus_indicator_floors(devcorpus, half):
    gold = pd.read_csv(os.path.join(DEVCORPUS, "gold.csv"), dtype={"value": float}, keep_default_na=False,
                       na_values={"value": [""]})
    r = evaluate(_half(gold, half), _half(devcorpus.indicators, half))
    p, rec = FLOORS[half]
    assert r.precision >= p and r.recall >= rec, (half, round(r.precision, 3), round(r.recall, 3))
