"""Shared fixtures: the sample corpus is read once per test session (no cache, one process)."""
import os

import pytest

os.environ.setdefault("PYTHONHASHSEED", "0")
os.environ.setdefault("MPLBACKEND", "Agg")


@pytest.fixture(scope="session")
def corpus():
    from ecoanalysis.corpus import read_corpus

    return read_corpus("data/reports", jobs=1, cache=False)


DEVCORPUS = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "devcorpus")


@pytest.fixture(scope="session")
def devcorpus():
    """The real-text development corpus (../shared/devcorpus, never copied into the repository),
    read once per session; tests that use it skip where it is absent."""
    if not os.path.isfile(os.path.join(DEVCORPUS, "gold.csv")):
        pytest.skip(f"development corpus not found at {os.path.normpath(DEVCORPUS)} "
                    "(it lies beside the checkout as ../shared/devcorpus)")
    from ecoanalysis.corpus import read_corpus

    return read_corpus(os.path.join(DEVCORPUS, "docs"), jobs=1, cache=False)
