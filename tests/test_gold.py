"""Extraction scored against hand annotation (tests/gold/): the samples and a held-out set.

The held-out set (tests/gold/heldout/) is eight report excerpts from other provinces and years,
written and annotated by a person who never saw the extractor's code or output. Its first score
was measured before anyone tuning the extractor had seen it.
"""
import shutil

import pandas as pd
import pytest

from ecoanalysis.corpus import read_corpus
from ecoanalysis.evaluate import evaluate


def _gold(path):
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def test_samples_f1(corpus):
    result = evaluate(_gold("tests/gold/indicators.csv"), corpus.indicators)
    assert result.f1 >= 0.98, result.misses


@pytest.mark.slow
def test_heldout_precision_and_recall(tmp_path):
    for p in sorted(__import__("pathlib").Path("tests/gold/heldout").glob("*.txt")):
        shutil.copy(p, tmp_path / p.name)  # without the gold metadata.csv, which would act as overrides
    pred = read_corpus(tmp_path, jobs=1, cache=False).indicators
    result = evaluate(_gold("tests/gold/heldout/indicators.csv"), pred)
    assert result.precision >= 0.95 and result.recall >= 0.90, (result.precision, result.recall)


def test_heldout_metadata(tmp_path):
    from ecoanalysis.clean import clean_text
    from ecoanalysis.metadata import infer_metadata

    gold = _gold("tests/gold/heldout/metadata.csv")
    wrong = []
    for r in gold.itertuples():
        text = clean_text(open(f"tests/gold/heldout/{r.doc_id}.txt", encoding="utf-8").read()).text
        m = infer_metadata(text, doc_id=r.doc_id)
        for field in ("province", "city", "county", "anonymised", "period", "plan_year", "doc_type"):
            got = "" if m[field] is None else str(m[field])
            if got != getattr(r, field):
                wrong.append((r.doc_id, field, got, getattr(r, field)))
    assert not wrong
