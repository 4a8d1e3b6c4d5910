"""Shared fixtures: the sample corpus is read once per test session (no cache, one process)."""
import os

import pytest

os.environ.setdefault("PYTHONHASHSEED", "0")
os.environ.setdefault("MPLBACKEND", "Agg")


@pytest.fixture(scope="session")
def corpus():
    from ecoanalysis.corpus import read_corpus

    return read_corpus("data/reports", jobs=1, cache=False)
