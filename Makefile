# The two commands of the README:
#   make demo   install, then ingest and analyse the demo corpus into depesche.duckdb
#   make test   install (with test tools and a browser), then run the test suite
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup setup-test demo test serve

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

setup: $(BIN)/python
	$(BIN)/pip install --quiet -e .

setup-test: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev,dask]'
	bash scripts/install-browser.sh

demo: setup
	$(BIN)/depesche ingest demo/ --db depesche.duckdb
	$(BIN)/depesche stats --db depesche.duckdb

test: setup-test
	$(BIN)/python -m pytest -q

serve: setup
	$(BIN)/depesche serve --db depesche.duckdb
