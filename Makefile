# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench bench-10m bench-floor bench-all sample-data clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	@bash scripts/demo.sh

test: $(STAMP)
	bash scripts/install_browser.sh
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	LAYOUT_TOOL_BROWSER_TESTS=$${CI:+required} HYPOTHESIS_PROFILE=$${HYPOTHESIS_PROFILE:-$${CI:+ci}} $(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/mypy && $(BIN)/lint-imports --no-cache

# The 1M set: the widest file of every area in every form, each against its reference
# (bench/bench_wide.py; the XML form at 100,000 rows, its validation is the slow one).
# Every measurement is the faster of two fresh runs: one run of the bare polars read of the
# same file took 1.19 to 3.01 s on the same quiet machine, which moved every ratio.
bench: $(STAMP)
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev,bench]'
	$(BIN)/python -m bench.bench_wide --rows 1000000 --xml-rows 100000 --repeat 2

# The same set at 10M rows (about an hour on 2 cores, ~15 GB of data under bench/data/;
# the XML form and the vendor export stay at 1M rows, see bench/bench_wide.py).
bench-10m: $(STAMP)
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev,bench]'
	$(BIN)/python -m bench.bench_wide --rows 10000000 --xml-rows 100000

# How fast validate could be with polars alone: the widest files streamed through the tool's
# own check expressions and nothing else, against the bare read (bench/bench_floor.py).
bench-floor: $(STAMP)
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev,bench]'
	$(BIN)/python -m bench.bench_floor --rows 1000000 --repeat 2

# Every benchmark in bench/ at its own default size.
bench-all: $(STAMP)
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev,bench]'
	$(BIN)/python -m bench.run_all

sample-data: $(STAMP)
	$(BIN)/python scripts/make_sample_data.py

clean:
	rm -rf $(VENV) dist build out
