"""Shared fixtures: the sample corpus is read once per test session (no cache, one process)."""
import atexit
import os
import shutil
import tempfile

import pytest

os.environ.setdefault("PYTHONHASHSEED", "0")
os.environ.setdefault("MPLBACKEND", "Agg")
# a test that reads with the default cache writes into a folder of this run, never the user's
# ~/.cache/ecoanalysis (tests of the CLI that need the default drop this and pass their own folder)
os.environ["ECOANALYSIS_CACHE"] = tempfile.mkdtemp(prefix="ecoanalysis-test-cache-")
atexit.register(shutil.rmtree, os.environ["ECOANALYSIS_CACHE"], True)


@pytest.fixture(scope="session")
def corpus():
    from ecoanalysis.corpus import read_corpus

    return read_corpus("data/reports", jobs=1, cache=False)


@pytest.fixture(scope="session")
def synth():
    """``benchmarks/synth.py`` (the synthetic report generator) as a module: ``synth.generate(folder, n, seed=…)``."""
    import importlib.util
    import sys
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "benchmarks" / "synth.py"
    spec = importlib.util.spec_from_file_location("ecoanalysis_bench_synth", path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


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
