# The two set-up commands of the README:
#   make run    builds the environment if needed, then opens the desktop application
#               (ARGS="..." runs a command instead, e.g. ARGS="gui --demo" or ARGS="cases list")
#   make test   builds the environment if needed, then runs every check and every test
# Everything lives in .venv beside this file; nothing is installed system-wide.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

ARGS ?= gui

.PHONY: run test lint bench crash-harness screenshots translations clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/cmlentry $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check cmlentry tests bench
	$(BIN)/ruff format --check cmlentry tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m bench

crash-harness: $(STAMP)
	$(BIN)/python -m tests.harness.crash --runs 300

.PHONY: fuzz-batches import-kill-harness

# docs/reliability.md: 100,000 mutants of real batch files against the importer's verify.
fuzz-batches: $(STAMP)
	$(BIN)/python -m tests.harness.fuzz_batches --mutants 100000 --jobs 2

# docs/reliability.md: SIGKILL during imports; PostgreSQL too when tests/central_db.py reaches it.
import-kill-harness: $(STAMP)
	$(BIN)/python -m tests.harness.import_kill --kills 200

# Needs Xvfb (apt-get install xvfb); writes docs/screenshots/NN-*.png.
screenshots: $(STAMP)
	xvfb-run -a -s "-screen 0 1400x900x24" $(BIN)/python -m tests.harness.screenshots

# After adding or changing a visible string or an error: refresh the .ts files, then translate.
translations: $(STAMP)
	$(BIN)/python -m cmlentry.gui.translations --update

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
