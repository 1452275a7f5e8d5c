# rjplan — the commands a new user needs. `make demo` and `make test` set themselves up.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: help install demo test check lint typecheck pytest bench serve clean

help:
	@echo "make demo   - set up .venv and run the morning allocation on the demo data"
	@echo "make test   - ruff, mypy and pytest with coverage (what CI runs)"
	@echo "make bench  - solver, screening and service benchmarks"
	@echo "make serve  - start the service on the demo data"

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,postgres]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/rjplan demo

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy models rules geo allocator scenarios service

pytest: $(STAMP)
	$(BIN)/python -m pytest --cov --cov-report=term:skip-covered --cov-fail-under=80

test: lint typecheck pytest

check: test

bench: $(STAMP)
	$(BIN)/python -m benchmarks

serve: $(STAMP)
	$(BIN)/rjplan serve

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .coverage htmlcov *.egg-info
