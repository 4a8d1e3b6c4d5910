# ecoanalysis — `make help` lists the targets.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed
REPORTS ?= data/reports
JOBS   ?=
# a Dask scheduler (tcp://HOST:8786, or local) for `make tables`/`make figures`: README, Running on a cluster
SCHEDULER ?=
# test processes (pytest-xdist): the suite is CPU-bound and its tests are independent; a module's
# tests stay on one process (--dist loadscope) so that its costly module fixtures are built once
TEST_JOBS ?= 2

.DEFAULT_GOAL := help
.PHONY: help install figures tables report test test-fast test-arrow eval bench clean clean-cache

# a second environment with the `parquet` extra: pandas then stores strings as pyarrow strings,
# which once broke the HTML report; `make test` runs a fast subset there too
ARROW_VENV  ?= .venv-arrow
ARROW_STAMP  = $(ARROW_VENV)/.installed
ARROW_TESTS ?= tests/test_report.py tests/test_compare.py tests/test_writers.py tests/plots/test_charts.py tests/test_dataset.py

help: ## list the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check -q --upgrade pip
	$(BIN)/python -m pip install --disable-pip-version-check -q -e '.[test]'
	@touch $(STAMP)

install: $(STAMP) ## create .venv and install the package with its test tools

figures: $(STAMP) ## regenerate figures/ and data/processed/ from data/reports/
	PYTHONHASHSEED=0 $(BIN)/ecoanalysis figures $(REPORTS) --out figures --tables data/processed $(if $(JOBS),--jobs $(JOBS)) $(if $(SCHEDULER),--scheduler $(SCHEDULER))

tables: $(STAMP) ## only the tables, to data/processed/
	$(BIN)/ecoanalysis extract $(REPORTS) --out data/processed $(if $(JOBS),--jobs $(JOBS)) $(if $(SCHEDULER),--scheduler $(SCHEDULER))

report: $(STAMP) ## write report.html, a self-contained page to share
	$(BIN)/ecoanalysis report $(REPORTS) --out report.html

$(ARROW_STAMP): pyproject.toml
	@test -x $(ARROW_VENV)/bin/python || $(PYTHON) -m venv $(ARROW_VENV)
	$(ARROW_VENV)/bin/python -m pip install --disable-pip-version-check -q -e '.[test,parquet]'
	@touch $(ARROW_STAMP)

test: $(STAMP) $(ARROW_STAMP) ## install, then run the whole test suite (notebooks included), and a subset with pyarrow
	PYTHONHASHSEED=0 $(BIN)/python -m pytest -n $(TEST_JOBS) --dist loadscope
	$(MAKE) --no-print-directory test-arrow

test-arrow: $(ARROW_STAMP) ## the fast subset again with pyarrow installed (pyarrow-backed strings)
	$(ARROW_VENV)/bin/python -c "import pandas, pyarrow; print('pyarrow env: pandas', pandas.__version__, 'pyarrow', pyarrow.__version__)"
	PYTHONHASHSEED=0 $(ARROW_VENV)/bin/python -m pytest -n $(TEST_JOBS) --dist loadscope -m "not slow" $(ARROW_TESTS)

test-fast: $(STAMP) ## the suite without the slow end-to-end tests
	PYTHONHASHSEED=0 $(BIN)/python -m pytest -n $(TEST_JOBS) -m "not slow"

eval: $(STAMP) ## score the package on ../shared/devcorpus/ (tuning and check halves, whole corpus)
	PYTHONHASHSEED=0 $(BIN)/python scripts/eval_devcorpus.py $(if $(JOBS),--jobs $(JOBS))

bench: $(STAMP) ## run the benchmarks and write benchmarks/results.md (not part of the tests), then the stress sizes
	$(BIN)/python benchmarks/run.py --notes benchmarks/notes.md
	ECOANALYSIS_STRESS=1 PYTHONHASHSEED=0 $(BIN)/python -m pytest -p no:cacheprovider -s -q tests/test_hostile.py \
		tests/test_parallel_cache.py -k "many_files or big_report or scale_linearly or interrupted"

clean-cache: $(STAMP) ## empty the per-document cache
	$(BIN)/ecoanalysis cache clear

clean: ## remove .venv and build debris (generated figures and tables stay)
	rm -rf $(VENV) $(ARROW_VENV) build dist *.egg-info .pytest_cache .hypothesis
