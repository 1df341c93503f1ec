# argmap — the two commands of the quickstart are `make demo` and `make test`.
# Each creates what it needs: a .venv with argmap and its extras, and Graphviz when missing.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
OUT    ?= out
# The real Argdown CLI (our conformance oracle), installed with npm on first use.
ARGDOWN_DIR ?= .cache/argdown
export ARGDOWN ?= $(CURDIR)/$(ARGDOWN_DIR)/node_modules/.bin/argdown

.PHONY: demo test lint typecheck pytest docs bench graphviz chromium argdown-cli clean

# Each comparison is checked with the maps it includes (argmap check --strict, in the build's
# own process) and then built: first the two essays, then the tutorial's three-way comparison.
demo: $(STAMP) graphviz
	$(BIN)/argmap build --strict maps/comparison.argdown -o $(OUT) --figure docs/images
	$(BIN)/argmap build --strict maps/comparison-three.argdown -o $(OUT)/tutorial-three

test: $(STAMP) graphviz chromium lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy --strict argmap

pytest: $(STAMP) graphviz chromium argdown-cli
	$(BIN)/pytest

docs: $(STAMP) graphviz
	$(BIN)/sphinx-build -W --keep-going -b html -d docs/_build/doctrees docs docs/_build/html

bench: $(STAMP) graphviz
	$(BIN)/python benchmarks/bench_check.py
	$(BIN)/python benchmarks/bench_render.py
	$(BIN)/python benchmarks/bench_aif.py
	$(BIN)/python benchmarks/bench_suggest.py

# The install compiles the Argdown reader's modules in place (setup.py): it runs again when one
# of them changes, so that the tests never run an old compiled reader.
$(STAMP): pyproject.toml setup.py $(wildcard argmap/formats/_argdown_*.py)
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "argmap needs Python >= 3.11 (found: $$($(PYTHON) --version))"; exit 1; }
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && apt-get install -y -qq python3-venv && $(PYTHON) -m venv $(VENV); \
	  else echo "python3 -m venv failed: install your distribution's venv package (Debian/Ubuntu: sudo apt-get install python3-venv)"; exit 1; fi; }
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test,docs]'
	touch $(STAMP)

graphviz:
	@command -v dot >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Graphviz (dot) is missing: installing it with apt-get"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz; \
	  else \
	    echo "Graphviz is missing: install it (Debian/Ubuntu: sudo apt-get install graphviz;"; \
	    echo "macOS: brew install graphviz), or pip install 'argmap[pure]' for a pure-Rust dot."; \
	    exit 1; \
	  fi; }

# Headless Chromium and its driver for the explorer's browser tests (Debian's packages).
chromium:
	@{ command -v chromium || command -v chromium-browser; } >/dev/null && command -v chromedriver >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Chromium or chromedriver is missing: installing them with apt-get"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; \
	  else \
	    echo "Chromium and chromedriver are missing: the explorer's browser tests will be skipped."; \
	    echo "Install them (Debian/Ubuntu: sudo apt-get install chromium chromium-driver)."; \
	  fi; }

argdown-cli:
	@[ -x "$(ARGDOWN)" ] || ! command -v npm >/dev/null || { \
	  echo "installing @argdown/cli@1.7.5 into $(ARGDOWN_DIR) (the conformance oracle)"; \
	  mkdir -p $(ARGDOWN_DIR) && cd $(ARGDOWN_DIR) && \
	  { [ -f package.json ] || npm init -y >/dev/null; } && \
	  npm install --no-audit --no-fund --loglevel=error @argdown/cli@1.7.5 >/dev/null; }

clean:
	rm -rf $(OUT) docs/_build .pytest_cache .mypy_cache .ruff_cache
