# ecoanalysis — `make help` lists the targets.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed
REPORTS ?= data/reports
JOBS   ?=

.DEFAULT_GOAL := help
.PHONY: help install figures tables report test test-fast eval bench clean clean-cache

help: ## list the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check -q --upgrade pip
	$(BIN)/python -m pip install --disable-pip-version-check -q -e '.[test]'
	@touch $(STAMP)

install: $(STAMP) ## create .venv and install the package with its test tools

figures: $(STAMP) ## regenerate figures/ and data/processed/ from data/reports/
	PYTHONHASHSEED=0 $(BIN)/ecoanalysis figures $(REPORTS) --out figures --tables data/processed $(if $(JOBS),--jobs $(JOBS))

tables: $(STAMP) ## only the tables, to data/processed/
	$(BIN)/ecoanalysis extract $(REPORTS) --out data/processed $(if $(JOBS),--jobs $(JOBS))

report: $(STAMP) ## write report.html, a self-contained page to share
	$(BIN)/ecoanalysis report $(REPORTS) --out report.html

test: $(STAMP) ## install, then run the whole test suite (notebooks included)
	PYTHONHASHSEED=0 $(BIN)/python -m pytest

test-fast: $(STAMP) ## the suite without the slow end-to-end tests
	PYTHONHASHSEED=0 $(BIN)/python -m pytest -m "not slow"

eval: $(STAMP) ## score the package on ../shared/devcorpus/ (tuning and check halves, whole corpus)
	PYTHONHASHSEED=0 $(BIN)/python scripts/eval_devcorpus.py $(if $(JOBS),--jobs $(JOBS))

bench: $(STAMP) ## run the benchmarks and write benchmarks/results.md (not part of the tests)
	$(BIN)/python benchmarks/run.py --notes benchmarks/notes.md

clean-cache: $(STAMP) ## empty the per-document cache
	$(BIN)/ecoanalysis cache clear

clean: ## remove .venv and build debris (generated figures and tables stay)
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .hypothesis
