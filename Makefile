# rjplan — the commands a new user needs. `make demo` and `make test` set themselves up.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: help install demo test test-year-ahead check lint typecheck pytest bench serve vendor clean

help:
	@echo "make demo   - set up .venv and run the morning allocation on the demo data"
	@echo "make test   - ruff, mypy and pytest with coverage (what CI runs)"
	@echo "make bench  - solver, screening and service benchmarks"
	@echo "make serve  - start the service on the demo data (pages and API)"
	@echo "make vendor - re-fetch the pages' pinned front-end packages (npm registry)"

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,postgres,dask]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/rjplan demo

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

typecheck: $(STAMP)
	$(BIN)/mypy models rules geo allocator scenarios service

pytest: $(STAMP)
	$(BIN)/python -m pytest --cov --cov-report=term:skip-covered --cov-fail-under=80

test: lint typecheck pytest

# the service's tests with the clock a year ahead: a test that depends on today's date fails
# the day it is written, not the day it goes off (.ci/run runs it after `make test`)
test-year-ahead: $(STAMP)
	RJPLAN_TEST_CLOCK_AHEAD_DAYS=365 $(BIN)/python -m pytest -p no:cacheprovider tests/service tests/test_clock.py

check: test

bench: $(STAMP)
	$(BIN)/python -m benchmarks

serve: $(STAMP)
	$(BIN)/rjplan serve

# the pages' front-end files (govuk-frontend, htmx, axe-core for tests) at pinned versions:
# committed, so only needed to change a version; needs node and npm
vendor:
	bash scripts/vendor-web.sh

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .coverage htmlcov *.egg-info
