# One task runner. `make run` and `make test` work from a fresh clone with Python 3.11+.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-app
TSTAMP := $(VENV)/.installed-test

.PHONY: run test test-random lint typecheck pytest bench clean screenshots

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade --quiet pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TSTAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(STAMP)

run: $(STAMP)
	$(BIN)/reader

test: $(TSTAMP) lint typecheck pytest

lint: $(TSTAMP)
	$(BIN)/ruff check reader tests bench
	$(BIN)/ruff format --check reader tests bench

typecheck: $(TSTAMP)
	$(BIN)/mypy

pytest: $(TSTAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

# The GUI tests in a random order (pytest-randomly; pass SEED=n to repeat an order): no test may depend on another.
test-random: $(TSTAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -o addopts="-ra --strict-markers" \
		$(if $(SEED),--randomly-seed=$(SEED),) tests/ui

bench: $(TSTAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
